import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, unknown } from '../../../src/evaluate/facts.js';
import { TEMPLATE_SECRETS, type SecretSite } from '../../../src/sources/iac/template-secrets.js';
import { VALUE_CLASS_KINDS, type ValueClass } from '../../../src/lib/secrets.js';
import { judgeClass } from '../_values.js';
import { isPublicByDesign } from '../_stack-sites.js';

/**
 * What the dedicated secrets rules already judge, by type: those sites are
 * theirs (one secret, one failure). Whole types whose every property is about a
 * secret or judged elsewhere: the secret store itself, SSM parameters (Value is
 * judged by secrets-encrypted/aws-ssm-parameter), Glue jobs (their own rule
 * reads DefaultArguments). Paths are `Properties.`-relative with `[]` for any index.
 */
const SKIP_TYPES = new Set(['aws.cloudformation.stack', 'aws.secretsmanager.secret', 'aws.ssm.parameter', 'aws.glue.job']);
const JUDGED_ELSEWHERE: Record<string, string[]> = {
  'aws.lambda.function': ['Environment.Variables'],
  'aws.ecs.task-definition': ['ContainerDefinitions[].Environment'],
  'aws.codebuild.project': ['Environment.EnvironmentVariables'],
  'aws.batch.job-definition': [
    'ContainerProperties.Environment',
    'EcsProperties.TaskProperties[].Containers[].Environment',
    'NodeProperties.NodeRangeProperties[].Container.Environment',
    'NodeProperties.NodeRangeProperties[].EcsProperties.TaskProperties[].Containers[].Environment',
    'EksProperties.PodProperties.Containers[].Env',
  ],
  'aws.glue.connection': ['ConnectionInput.ConnectionProperties'],
  'aws.amazonmq.broker': ['Users'],
  'aws.iam.user': ['LoginProfile'],
};

function judgedElsewhere(type: string, path: string): boolean {
  const prefixes = JUDGED_ELSEWHERE[type];
  if (!prefixes || !path.startsWith('Properties.')) return false;
  const p = path.slice('Properties.'.length).replace(/\[\d+\]/g, '[]');
  return prefixes.some((x) => p === x || p.startsWith(`${x}.`) || p.startsWith(`${x}[`));
}

/** `Name` of a site inside a text or a name/value list, as part of the finding's key. */
function subIdOf(s: SecretSite): string {
  const last = s.path.split('.').pop();
  return last === s.name || s.path.endsWith(`.${s.name}`) ? s.path : `${s.path}#${s.name}`;
}

export default defineRule({
  id: 'secrets-encrypted/aws-template-property',
  control: 'secrets-encrypted',
  title: 'No resource property or cfn-init metadata holds a plain-text credential',
  severity: 'high',
  risk: 'A password, key or token written into a template sits in source control, in every copy of the template and in the deployed configuration, readable by anyone who can read either.',
  remediation: {
    text: 'Keep the credential in Secrets Manager (or SSM SecureString) and reference it: a {{resolve:secretsmanager:...}} dynamic reference where the property takes one, or the secret ARN where the service or your code fetches it at run time (cfn-init: read it with the AWS CLI in the command, not in the file content).',
    cdk: "const pw = new secretsmanager.Secret(this, 'DbPassword'); new CfnResource(..., { MasterUserPassword: pw.secretValue.toString() }) // a dynamic reference, resolved at deploy time",
    cloudformation: "MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}'",
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/security-best-practices.html#creds',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html',
  ],
  types: ['aws.*'],
  sources: ['iac'],
  check(r) {
    if (SKIP_TYPES.has(r.type)) return undefined;
    const raw = r.properties[TEMPLATE_SECRETS];
    if (raw === undefined) return undefined;
    if (!Array.isArray(raw)) return unknown(`${TEMPLATE_SECRETS} is not a list: the loader's record of credential sites is damaged`, ev(TEMPLATE_SECRETS, typeof raw));
    const sites = (raw as SecretSite[]).filter((s) => !judgedElsewhere(r.type, s.path));
    if (sites.length === 0) return undefined;
    const verdicts: Verdict[] = [];
    const clean: string[] = [];
    for (const s of sites) {
      const v = s.value;
      if (v.kind === 'parameter') {
        clean.push(`${s.name} from parameter ${v.parameter}`);
        continue;
      }
      // Published in Outputs: the credential of this resource leaks, and the stack's outputs are where its plain text
      // is written (secrets-encrypted/aws-cloudformation-stack fails the stack too). Public-by-design keys are neither.
      if (v.kind === 'published') {
        if (isPublicByDesign(r, s.name)) continue;
        verdicts.push({
          ...fail(
            `${s.name} is published in plain text as stack output ${v.output}: outputs are shown in the console and the API, and any stack of the account can import them`,
            ev(s.path, `<Fn::GetAtt ${r.location.logicalId ?? r.name}.${s.name}>`, 'no credential in Outputs: store it in Secrets Manager and output the secret ARN'),
          ),
          subId: `${s.path}#${s.name}`,
        });
        continue;
      }
      if (v.kind === 'noecho-in-text') {
        verdicts.push({
          ...fail(
            `credential parameter ${v.parameter} is substituted into ${s.name === '' ? 'text' : s.name}: the resolved text (user data, a cfn-init file, a connection string) is stored and shown in plain text, to anyone who can describe the resource or read the instance's metadata (NoEcho masks only the parameter itself)`,
            ev(s.path, `<\${${v.parameter}} in text>`, 'the secret ARN or name in the text, fetched at run time (aws secretsmanager get-secret-value)'),
          ),
          subId: `${s.path}#${v.parameter}`,
        });
        continue;
      }
      if (v.kind === 'computed') {
        clean.push(`${s.name} computed (${v.expression})`);
        continue;
      }
      if (!VALUE_CLASS_KINDS.has(v.kind)) {
        verdicts.push({ ...unknown(`${s.name}: the recorded class of its value is not one vouch knows`, ev(s.path, '<withheld>')), subId: subIdOf(s) });
        continue;
      }
      if (v.kind === 'store-reference' && s.resolvedInto) {
        verdicts.push({
          ...fail(
            `${s.name} holds a ${v.store} dynamic reference ${s.resolvedInto === 'text' ? 'inside text' : 'in a variable'}: CloudFormation resolves it at deploy time and the plain value is stored in the resource's configuration, readable by anyone who can describe it`,
            ev(s.path, '{{resolve:...}} reference', 'the secret ARN or name, fetched at run time'),
          ),
          subId: subIdOf(s),
        });
        continue;
      }
      const verdict = judgeClass(s.name, v as ValueClass, s.path);
      if (!verdict) continue;
      if (verdict.status === 'pass') clean.push(`${s.name} is a ${(v as { store?: string }).store ?? 'secret-store'} dynamic reference`);
      else verdicts.push({ ...verdict, subId: subIdOf(s) });
    }
    if (verdicts.length) return verdicts;
    if (clean.length === 0) return undefined;
    return pass(
      `${clean.length} credential-named ${clean.length === 1 ? 'property is' : 'properties are'} not written in the template: ${clean.slice(0, 5).join('; ')}${clean.length > 5 ? '; ...' : ''}`,
      ev(TEMPLATE_SECRETS, sites.map((s) => s.path), 'no literal password, key or token (paths only; values are never shown)'),
    );
  },
});

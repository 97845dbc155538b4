import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, unknown, get } from '../../../src/evaluate/facts.js';
import { TEMPLATE_SECRETS, type SecretSite } from '../../../src/sources/iac/template-secrets.js';
import { VALUE_CLASS_KINDS, type ValueClass } from '../../../src/lib/secrets.js';
import { isClientKey, judgeClass, judgeSecretAttribute, noEchoParameterAt, noEchoParameterIn, noEchoParametersOf } from '../_values.js';
import { isBranches, isUnresolved } from '../../../src/model/values.js';

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

/** One name/value entry of a plain-text setting, with its path in the resolved properties. */
interface SinkEntry {
  name: string;
  value: unknown;
  path: string;
}

/** The items of a list, both sides of an unknown `Fn::If` item taken (an option setting under `!If [HasKey, {...}, NoValue]`). */
function itemsOf(v: unknown, path: string): { item: unknown; path: string }[] {
  if (!Array.isArray(v)) return [];
  const out: { item: unknown; path: string }[] = [];
  v.forEach((x, i) => {
    for (const item of isBranches(x) ? [x.whenTrue, x.whenFalse] : [x]) out.push({ item, path: `${path}[${i}]` });
  });
  return out;
}

/** `[{ Name, Value }]` lists (App Runner, Amplify) and Beanstalk `OptionSettings` in one namespace. */
function listEntries(props: unknown, path: string, nameKey = 'Name', only?: (item: unknown) => boolean): SinkEntry[] {
  return itemsOf(get(props, path), path).flatMap(({ item, path: p }) => {
    const name = get(item, nameKey);
    if (typeof name !== 'string' || (only && !only(item))) return [];
    return [{ name, value: get(item, 'Value'), path: `${p}.Value` }];
  });
}

/** `{ NAME: value }` maps (SageMaker container environments, Step Functions substitutions, EMR configuration properties). */
function mapEntries(props: unknown, path: string): SinkEntry[] {
  const m = get(props, path);
  if (!m || typeof m !== 'object' || Array.isArray(m) || isUnresolved(m) || isBranches(m)) return [];
  return Object.entries(m as Record<string, unknown>).map(([name, value]) => ({ name, value, path: `${path}.${name}` }));
}

const BEANSTALK_ENVIRONMENT_PROPERTIES = (p: unknown) => listEntries(p, 'OptionSettings', 'OptionName', (o) => get(o, 'Namespace') === 'aws:elasticbeanstalk:application:environment');

/** EMR classifications, nested ones too (`hive-site` under `emrfs-site`...), a few levels deep. */
function emrConfigurationEntries(props: unknown, path: string, depth = 0): SinkEntry[] {
  if (depth > 3) return [];
  return itemsOf(get(props, path), path).flatMap(({ path: p }) => [...mapEntries(props, `${p}.ConfigurationProperties`), ...emrConfigurationEntries(props, `${p}.Configurations`, depth + 1)]);
}

/**
 * Plain-text settings a service stores and shows as written (its console and its Describe/Get API), by
 * type, beyond those the dedicated rules read (Lambda, ECS, CodeBuild, Batch, Glue jobs): a credential
 * parameter, NoEcho or not, written into one is in plain text in the deployed configuration (house rule:
 * a NoEcho value written into a property the service shows in plain text fails on that resource).
 * - Elastic Beanstalk environment properties (`OptionSettings`, namespace
 *   `aws:elasticbeanstalk:application:environment`; `…:environmentsecrets` takes an ARN and is not here);
 * - App Runner runtime environment variables (image and code repositories);
 * - Amplify Hosting app and branch environment variables;
 * - SageMaker model container environments;
 * - Step Functions definition substitutions (substituted into the definition DescribeStateMachine returns);
 * - EMR cluster configuration classifications (returned by DescribeCluster).
 */
const PLAIN_TEXT_SINKS: Record<string, { what: string; entries: (props: unknown) => SinkEntry[] }> = {
  'aws.elasticbeanstalk.environment': { what: 'an Elastic Beanstalk environment property', entries: BEANSTALK_ENVIRONMENT_PROPERTIES },
  'aws.elasticbeanstalk.configuration-template': { what: 'an Elastic Beanstalk environment property', entries: BEANSTALK_ENVIRONMENT_PROPERTIES },
  'aws.apprunner.service': {
    what: 'an App Runner runtime environment variable',
    entries: (p) => [
      ...listEntries(p, 'SourceConfiguration.ImageRepository.ImageConfiguration.RuntimeEnvironmentVariables'),
      ...listEntries(p, 'SourceConfiguration.CodeRepository.CodeConfiguration.CodeConfigurationValues.RuntimeEnvironmentVariables'),
    ],
  },
  'aws.amplify.app': { what: 'an Amplify environment variable', entries: (p) => listEntries(p, 'EnvironmentVariables') },
  'aws.amplify.branch': { what: 'an Amplify environment variable', entries: (p) => listEntries(p, 'EnvironmentVariables') },
  'aws.sagemaker.model': {
    what: 'a SageMaker model container environment variable',
    entries: (p) => [...mapEntries(p, 'PrimaryContainer.Environment'), ...itemsOf(get(p, 'Containers'), 'Containers').flatMap(({ path }) => mapEntries(p, `${path}.Environment`))],
  },
  'aws.stepfunctions.state-machine': { what: 'a Step Functions definition substitution', entries: (p) => mapEntries(p, 'DefinitionSubstitutions') },
  'aws.emr.cluster': { what: 'an EMR configuration property', entries: (p) => emrConfigurationEntries(p, 'Configurations') },
};

/** A path without `Properties.` and list indexes: a site's path (as written) and an entry's (as resolved) compare alike. */
const shapeOf = (path: string) => path.replace(/^Properties\./, '').replace(/\[\d+\]/g, '[]');

/** The sink entry a credential site is written into, if any: same name, same place (indexes aside: an `Fn::If` item may drop out). */
function sinkOf(entries: readonly SinkEntry[], s: SecretSite): SinkEntry | undefined {
  return entries.find((e) => e.name === s.name && shapeOf(e.path) === shapeOf(s.path));
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
  check(r, { inventory }) {
    if (SKIP_TYPES.has(r.type)) return undefined;
    const raw = r.properties[TEMPLATE_SECRETS];
    if (raw !== undefined && !Array.isArray(raw)) return unknown(`${TEMPLATE_SECRETS} is not a list: the loader's record of credential sites is damaged`, ev(TEMPLATE_SECRETS, typeof raw));
    const sites = ((raw ?? []) as SecretSite[]).filter((s) => !judgedElsewhere(r.type, s.path));
    const sink = PLAIN_TEXT_SINKS[r.type];
    const entries = sink ? sink.entries(r.properties) : [];
    if (sites.length === 0 && entries.length === 0) return undefined;
    const verdicts: Verdict[] = [];
    const clean: string[] = [];
    const failedNames = new Set<string>();
    for (const s of sites) {
      const v = s.value;
      if (v.kind === 'parameter') {
        const into = sink ? sinkOf(entries, s) : undefined;
        if (into) {
          failedNames.add(into.name);
          verdicts.push({
            ...fail(
              `${s.name} takes credential parameter ${v.parameter} into ${sink!.what}: the value is stored in plain text in the resource's configuration, shown by the console and the service's describe API, whatever NoEcho hides in the stack`,
              ev(s.path, `<Ref ${v.parameter}>`, `the secret's ARN or name, fetched at run time${sink!.what.includes('Beanstalk') ? ' (or an aws:elasticbeanstalk:application:environmentsecrets option)' : ''}`),
            ),
            subId: subIdOf(s),
          });
          continue;
        }
        clean.push(`${s.name} from parameter ${v.parameter}`);
        continue;
      }
      // Published in Outputs: the plain text is written into the stack's outputs, and the finding goes where the
      // text is written (secrets-encrypted/aws-cloudformation-stack fails the stack; labels of last, scoutcdk, scout2).
      if (v.kind === 'published') continue;
      // Read below, where a plain-text setting takes it: elsewhere it is only where a value came from.
      if (v.kind === 'noecho-ref') continue;
      if (v.kind === 'noecho-in-text') {
        // One finding per setting: the sink loop below would find the same parameter in it.
        const into = sink ? sinkOf(entries, s) : undefined;
        if (into) failedNames.add(into.name);
        verdicts.push({
          ...fail(
            `credential parameter ${v.parameter} is substituted into ${s.name === '' ? 'text' : s.name}${typeof v.after === 'string' ? ` (as ${v.after.slice(0, 64)})` : ''}: the resolved text (user data, a cfn-init file, a connection string) is stored and shown in plain text, to anyone who can describe the resource or read the instance's metadata (NoEcho masks only the parameter itself)`,
            ev(s.path, `<\${${v.parameter}} in text>`, 'the secret ARN or name in the text, fetched at run time (aws secretsmanager get-secret-value)'),
          ),
          subId: `${s.path}#${v.parameter}`,
        });
        continue;
      }
      if (v.kind === 'secret-attribute') {
        if (isClientKey(v.type, v.attribute)) {
          clean.push(`${s.name} is ${v.attribute} of ${v.resource}, a key handed to clients by design`);
          continue;
        }
        const verdict = judgeSecretAttribute(s.name, s as SecretSite & { value: typeof v }, s.path, s.resolvedInto ? 'plain-text' : 'secret-field');
        if (verdict.status === 'pass') clean.push(`${s.name} takes ${v.attribute} of ${v.resource} into a property meant for it`);
        else verdicts.push({ ...verdict, subId: subIdOf(s) });
        continue;
      }
      if (v.kind === 'computed') {
        clean.push(`${s.name} computed (${v.expression})`);
        continue;
      }
      // The loader's walk stopped short (a very long text, very deep nesting, very many sites): never a pass.
      if (v.kind === 'not-read') {
        verdicts.push({ ...unknown(`part of this resource was not read for credentials: ${v.reason}; what was not read may hold one`, ev(s.path, '<not read>', 'a template whose every text vouch reads whole')), subId: 'not-read' });
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
    // A NoEcho parameter given to a plain-text setting whatever the setting is called (DATABASE_URL): the
    // template says the value is secret, and the service shows it as written.
    const noEcho = entries.length ? noEchoParametersOf(r, inventory) : undefined;
    for (const e of entries) {
      // A NoEcho parameter with a Default is resolved to the default: the site as written keeps where it came from.
      const masked = noEchoParameterIn(e.value, noEcho) ?? noEchoParameterAt(r, e.path, noEcho);
      if (!masked || failedNames.has(e.name)) continue;
      failedNames.add(e.name);
      verdicts.push({
        ...fail(
          `${e.name} takes NoEcho parameter ${masked} into ${sink!.what}: the value is stored in plain text in the resource's configuration, shown by the console and the service's describe API, whatever NoEcho hides in the stack`,
          ev(e.path, `<Ref ${masked}>`, "the secret's ARN or name, fetched at run time"),
        ),
        subId: e.path,
      });
    }
    if (verdicts.length) return verdicts;
    if (clean.length === 0) return undefined;
    return pass(
      `${clean.length} credential-named ${clean.length === 1 ? 'property is' : 'properties are'} not written in the template: ${clean.slice(0, 5).join('; ')}${clean.length > 5 ? '; ...' : ''}`,
      ev(TEMPLATE_SECRETS, sites.map((s) => s.path), 'no literal password, key or token (paths only; values are never shown)'),
    );
  },
});

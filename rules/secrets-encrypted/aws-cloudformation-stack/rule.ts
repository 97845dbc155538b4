import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable } from '../../../src/evaluate/facts.js';
import { looksLikeSecretName, namesStoredSecret } from '../../../src/lib/secrets.js';
import { stackSites } from '../_stack-sites.js';

interface ParamFacts {
  Type?: string;
  NoEcho?: boolean;
  HasDefault?: boolean;
  DefaultTokenShape?: string;
  NamesSecret?: boolean;
  /** Why the parameter holds an identifier (an ARN, a host name, a role), whatever its name says (loader: identifierFact). */
  NamesIdentifier?: string;
  /** A StackSet body's parameter: the StackSet (`StackSet <id>`) passes it a literal written in the parent template. */
  PassedLiteral?: string;
  /** Outputs whose Value carries the parameter (Ref, or `${Name}` in a Fn::Sub), in template order. */
  PublishedIn?: string[];
}

export default defineRule({
  id: 'secrets-encrypted/aws-cloudformation-stack',
  control: 'secrets-encrypted',
  title: 'Template parameters that carry secrets use NoEcho and have no default, and no output publishes a credential',
  severity: 'medium',
  risk: 'A secret parameter without NoEcho is shown in plain text in the CloudFormation console, API and events; a default value writes the secret into the template itself.',
  remediation: {
    text: 'Prefer a dynamic reference ({{resolve:secretsmanager:...}}) over a parameter. Otherwise declare the parameter with NoEcho: true and no Default.',
    cdk: "new CfnParameter(this, 'DbPassword', { type: 'String', noEcho: true })",
    cloudformation: 'Parameters:\n  DbPassword:\n    Type: String\n    NoEcho: true',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/security-best-practices.html#creds',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html',
  ],
  types: ['aws.cloudformation.stack'],
  sources: ['iac'],
  check(r, { inventory }) {
    const params = (known(r, 'Parameters') ?? {}) as Record<string, ParamFacts>;
    const verdicts: Verdict[] = [];
    const sites = stackSites(r, inventory);
    // A credential attribute in Outputs is written into the stack: shown in the console and the API, importable by any stack.
    for (const { resource, site, output } of sites.published)
      verdicts.push({
        ...fail(
          `${site.name} of ${resource.location.logicalId ?? resource.name} is published in plain text as stack output ${output}: outputs are shown in the console and the API, and any stack of the account can import them`,
          ev(site.path, `<Fn::GetAtt ${resource.location.logicalId ?? resource.name}.${site.name}>`, 'no credential in Outputs: store it in Secrets Manager and output the secret ARN'),
        ),
        subId: `Outputs.${output}#${resource.location.logicalId ?? resource.name}.${site.name}`,
      });
    for (const [name, p] of Object.entries(params)) {
      const path = `Parameters.${name}`;
      // SSM-typed parameters hold a parameter *name*; the value never passes through the template.
      if (String(p.Type ?? '').startsWith('AWS::SSM::Parameter::')) continue;
      if (p.DefaultTokenShape) {
        verdicts.push({ ...fail(`parameter ${name} has a default that looks like a ${p.DefaultTokenShape}: the secret is written in the template`, ev(`${path}.Default`, '<redacted>', 'no default')), subId: name });
        continue;
      }
      // Read inside a {{resolve:secretsmanager:${Param}…}} reference, or named as a secret's ARN/name/id
      // (CatalogSecretArn, even where AdminUserPassword takes it with AuthType SECRET_ARN): the secret's pointer, not the secret.
      if (p.NamesSecret || namesStoredSecret(name)) continue;
      // A parameter is a credential by its name, or because a resource takes it as one (LoginProfile.Password: !Ref InitialPw).
      const users = sites.credentialParameters.get(name);
      // NoEcho is the author's own word that the value is secret; it masks the parameter, not an output
      // that carries it (CloudFormation user guide, Parameters, NoEcho).
      const published = p.PublishedIn?.length ? p.PublishedIn : undefined;
      if (!looksLikeSecretName(name) && !users && !(p.NoEcho && published)) continue;
      // A name is not enough where the parameter's declared type, pattern, default or use says it holds an
      // identifier: an AWS-specific type (a key pair name, a subnet id), an ARN (`SecretAccessRole` passed to
      // `SecretsManagerAccessRoleArn`), a host name. A resource taking it as a credential still counts.
      if (!users && (/^(?:List<)?AWS::/.test(String(p.Type ?? '')) || p.NamesIdentifier)) continue;
      const used = users ? ` (used as a credential by ${users.slice(0, 3).join(', ')}${users.length > 3 ? ', ...' : ''})` : '';
      const evidence = [ev(`${path}.NoEcho`, p.NoEcho ?? false, true), ev(`${path}.Default`, p.HasDefault ? '<redacted>' : null, 'no default')];
      if (published) {
        const outs = published.slice(0, 3).join(', ') + (published.length > 3 ? ', ...' : '');
        verdicts.push({ ...fail(`parameter ${name}${used}${p.NoEcho ? ' is NoEcho, but' : ' carries a secret and'} is published in plain text as stack output${published.length > 1 ? 's' : ''} ${outs}: NoEcho does not mask outputs, which the console and the API show and any stack of the account can import`, ev(`Outputs.${published[0]}.Value`, `<Ref ${name}>`, 'no secret parameter in Outputs'), ev(`${path}.NoEcho`, p.NoEcho ?? false, true)), subId: name });
        continue;
      }
      if (!p.NoEcho) verdicts.push({ ...fail(`parameter ${name}${used} carries a secret but is not NoEcho: its value is shown in the console and API`, ...evidence), subId: name });
      else if (p.PassedLiteral)
        verdicts.push({ ...fail(`parameter ${name}${used} is NoEcho but ${p.PassedLiteral} passes it a literal value (Parameters): the secret is written in the parent template`, ev(`${path}.NoEcho`, true, true), ev(`${p.PassedLiteral}.Parameters.${name}`, '<redacted>', 'a dynamic reference or a NoEcho parameter of the parent')), subId: name });
      else if (p.HasDefault) verdicts.push({ ...fail(`parameter ${name}${used} is NoEcho but has a default: the secret is written in the template`, ...evidence), subId: name });
      else verdicts.push({ ...pass(`parameter ${name} is NoEcho with no default`, ...evidence), subId: name });
    }
    if (verdicts.length === 0) return notApplicable(`none of ${Object.keys(params).length} template parameters looks like a secret, and no output publishes a credential`, ev('Parameters', Object.keys(params)));
    return verdicts;
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable } from '../../../src/evaluate/facts.js';
import { looksLikeSecretName } from '../../../src/lib/secrets.js';

interface ParamFacts {
  Type?: string;
  NoEcho?: boolean;
  HasDefault?: boolean;
  DefaultTokenShape?: string;
}

export default defineRule({
  id: 'secrets-encrypted/aws-cloudformation-stack',
  control: 'secrets-encrypted',
  title: 'Template parameters that carry secrets use NoEcho and have no default',
  severity: 'medium',
  risk: 'A secret parameter without NoEcho is shown in plain text in the CloudFormation console, API and events; a default value writes the secret into the template itself.',
  remediation: {
    text: 'Prefer a dynamic reference ({{resolve:secretsmanager:...}}) over a parameter. Otherwise declare the parameter with NoEcho: true and no Default.',
    cdk: "new CfnParameter(this, 'DbPassword', { type: 'String', noEcho: true })",
    cloudformation: 'Parameters:\n  DbPassword:\n    Type: String\n    NoEcho: true',
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/security-best-practices.html#creds'],
  types: ['aws.cloudformation.stack'],
  sources: ['iac'],
  check(r) {
    const params = (known(r, 'Parameters') ?? {}) as Record<string, ParamFacts>;
    const verdicts: Verdict[] = [];
    for (const [name, p] of Object.entries(params)) {
      const path = `Parameters.${name}`;
      // SSM-typed parameters hold a parameter *name*; the value never passes through the template.
      if (String(p.Type ?? '').startsWith('AWS::SSM::Parameter::')) continue;
      if (p.DefaultTokenShape) {
        verdicts.push({ ...fail(`parameter ${name} has a default that looks like a ${p.DefaultTokenShape}: the secret is written in the template`, ev(`${path}.Default`, '<redacted>', 'no default')), subId: name });
        continue;
      }
      if (!looksLikeSecretName(name)) continue;
      const evidence = [ev(`${path}.NoEcho`, p.NoEcho ?? false, true), ev(`${path}.Default`, p.HasDefault ? '<redacted>' : null, 'no default')];
      if (!p.NoEcho) verdicts.push({ ...fail(`parameter ${name} looks like a secret but is not NoEcho: its value is shown in the console and API`, ...evidence), subId: name });
      else if (p.HasDefault) verdicts.push({ ...fail(`parameter ${name} is NoEcho but has a default: the secret is written in the template`, ...evidence), subId: name });
      else verdicts.push({ ...pass(`parameter ${name} is NoEcho with no default`, ...evidence), subId: name });
    }
    if (verdicts.length === 0) return notApplicable(`none of ${Object.keys(params).length} template parameters looks like a secret`, ev('Parameters', Object.keys(params)));
    return verdicts;
  },
});

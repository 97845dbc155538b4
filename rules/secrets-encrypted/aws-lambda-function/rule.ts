import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass } from '../../../src/evaluate/facts.js';
import { judgeEntry, noEchoParametersOf } from '../_values.js';

export default defineRule({
  id: 'secrets-encrypted/aws-lambda-function',
  control: 'secrets-encrypted',
  title: 'Lambda environment variables hold no plain-text secrets',
  severity: 'high',
  risk: 'A token or password written into a function\'s environment sits in the template, in source control and in the function configuration, readable by anyone with lambda:GetFunctionConfiguration.',
  remediation: {
    text: 'Keep the secret in Secrets Manager (or SSM SecureString), pass its ARN or name in the environment and fetch it at run time (e.g. with the Parameters and Secrets Lambda extension).',
    cdk: "fn.addEnvironment('DB_SECRET_ARN', secret.secretArn); secret.grantRead(fn)",
    cloudformation: 'Environment:\n  Variables:\n    DB_SECRET_ARN: !Ref DbSecret',
  },
  references: ['https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html'],
  types: ['aws.lambda.function'],
  sources: ['iac', 'live'],
  check(r, { inventory }) {
    const noEcho = noEchoParametersOf(r, inventory);
    const vars = known(r, 'Environment.Variables');
    if (!vars || typeof vars !== 'object') return pass('function has no environment variables', ev('Environment.Variables', null));
    const names = Object.keys(vars);
    const verdicts: Verdict[] = [];
    for (const name of names) {
      const v = judgeEntry(r, name, (vars as Record<string, unknown>)[name], `Environment.Variables.${name}`, 'plain-text', noEcho);
      if (v && v.status !== 'pass') verdicts.push({ ...v, subId: name });
    }
    if (verdicts.length) return verdicts;
    return pass(`none of ${names.length} environment variables holds a literal secret`, ev('Environment.Variables', names, 'no literal token, password or key (names only; values are never shown)'));
  },
});

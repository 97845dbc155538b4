import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { known, must, ev, pass, fail, asArray, asRecord } from '../../../src/evaluate/facts.js';
import { judgeEntry, noEchoParametersOf } from '../_values.js';


export default defineRule({
  id: 'secrets-encrypted/aws-codebuild-project',
  control: 'secrets-encrypted',
  title: 'CodeBuild project environments hold no plain-text secrets',
  severity: 'high',
  risk: 'A PLAINTEXT CodeBuild environment variable is stored in the project definition and shown to anyone who can read the project (codebuild:BatchGetProjects) and in the build logs of every build that echoes its environment.',
  remediation: {
    text: 'Store the secret in Secrets Manager or an SSM SecureString parameter and reference it with Type: SECRETS_MANAGER or Type: PARAMETER_STORE (the Value is then the secret id or parameter name).',
    cdk: "environmentVariables: { NPM_TOKEN: { type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER, value: 'ci/npm-token' } }",
    cloudformation: 'EnvironmentVariables:\n  - Name: NPM_TOKEN\n    Type: SECRETS_MANAGER\n    Value: ci/npm-token',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-codebuild-project-environmentvariable.html',
    'https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.env.secrets-manager',
  ],
  types: ['aws.codebuild.project'],
  // No live collector reads CodeBuild yet: judged in templates only.
  sources: ['iac'],
  check(r, { inventory }) {
    const noEcho = noEchoParametersOf(r, inventory);
    const vars = asArray(known(r, 'Environment.EnvironmentVariables'));
    const verdicts: Verdict[] = [];
    let stored = 0;
    vars.forEach((e, i) => {
      const entry = asRecord(e);
      const path = `Environment.EnvironmentVariables[${i}]`;
      const name = must(entry.Name, `${path}.Name`);
      if (typeof name !== 'string') return;
      const type = entry.Type;
      // EnvironmentVariable.Type: PLAINTEXT (the default), PARAMETER_STORE or SECRETS_MANAGER.
      if (type === 'PARAMETER_STORE' || type === 'SECRETS_MANAGER') {
        stored++;
        return;
      }
      // Judged as plain text first: only an entry that would hold a secret as PLAINTEXT depends on its Type.
      const v = judgeEntry(r, name, entry.Value, `${path}.Value`, 'plain-text', noEcho);
      if (!v || v.status === 'pass') return;
      if (type === undefined || type === 'PLAINTEXT') {
        verdicts.push({ ...v, subId: name, evidence: [...(v.evidence ?? []), ev(`${path}.Type`, type ?? null, 'SECRETS_MANAGER or PARAMETER_STORE', type === undefined ? 'omitted: CodeBuild stores the value as PLAINTEXT' : undefined)] });
        return;
      }
      const t = must(type, `${path}.Type`);
      verdicts.push({
        status: 'fail',
        subId: name,
        message: `${name}: Type ${JSON.stringify(t)} is not a valid value (PLAINTEXT, PARAMETER_STORE or SECRETS_MANAGER); as written the value is a literal secret`,
        evidence: [ev(`${path}.Type`, t, 'SECRETS_MANAGER or PARAMETER_STORE', 'not a valid value'), ...(v.evidence ?? [])],
      });
    });
    if (verdicts.length) return verdicts;
    return pass(
      `none of ${vars.length} environment variables holds a literal secret${stored ? ` (${stored} read from Secrets Manager or Parameter Store)` : ''}`,
      ev('Environment.EnvironmentVariables', vars.length ? vars.map((v) => asRecord(v).Name) : null, 'no literal token, password or key (names only; values are never shown)'),
    );
  },
});

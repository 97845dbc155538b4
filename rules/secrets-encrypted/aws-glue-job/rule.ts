import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass, asRecord } from '../../../src/evaluate/facts.js';
import { judgeEntry, noEchoParametersOf } from '../_values.js';

export default defineRule({
  id: 'secrets-encrypted/aws-glue-job',
  control: 'secrets-encrypted',
  title: 'Glue job arguments hold no plain-text secrets',
  severity: 'high',
  risk: 'A password or token written into a Glue job\'s DefaultArguments or NonOverridableArguments is kept in the template and in the job definition, returned by glue:GetJob and shown in the console to anyone who can read the job.',
  remediation: {
    text: 'Keep the credential in Secrets Manager (or a Glue connection with SECRET_ID), pass its name or ARN as the argument, and fetch it in the script with the job role.',
    cdk: "new glue.Job(this, 'Export', { ..., defaultArguments: { '--warehouse_secret_id': secret.secretName } }); secret.grantRead(job)",
    cloudformation: "DefaultArguments:\n  '--warehouse_secret_id': !Ref WarehouseSecret",
  },
  references: [
    'https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-etl-glue-arguments.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html',
  ],
  types: ['aws.glue.job'],
  // No live collector reads Glue jobs yet: judged in templates only.
  sources: ['iac'],
  check(r, { inventory }) {
    const noEcho = noEchoParametersOf(r, inventory);
    const verdicts: Verdict[] = [];
    const names: string[] = [];
    // Where a Glue job keeps arguments: both are returned by glue:GetJob as written.
    for (const base of ['DefaultArguments', 'NonOverridableArguments'] as const) {
      const args = asRecord(known(r, base));
      for (const [name, value] of Object.entries(args)) {
        names.push(name);
        // Arguments are written `--name`; the name's words say what it holds.
        const v = judgeEntry(r, name, value, `${base}.${name}`, 'plain-text', noEcho);
        if (v && v.status !== 'pass') verdicts.push({ ...v, subId: `${base}.${name}` });
      }
    }
    if (verdicts.length) return verdicts;
    return pass(
      names.length ? `none of ${names.length} job arguments holds a literal secret` : 'the job sets no arguments',
      ev('DefaultArguments', names.length ? names : null, 'no literal password, token or key (names only; values are never shown)'),
    );
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';

/** FSBP SecretsManager.1. Live only: templates attach rotation as a separate RotationSchedule resource. */
export default defineRule({
  id: 'platform-hardening/aws-secretsmanager-rotation',
  control: 'platform-hardening',
  title: 'Secrets Manager secrets rotate automatically',
  severity: 'medium',
  risk: 'A secret that never rotates stays valid for as long as anyone who ever saw it keeps a copy.',
  remediation: {
    text: 'Attach a rotation function and schedule to the secret (managed rotation for RDS, Redshift and DocumentDB credentials).',
    cdk: "secret.addRotationSchedule('Rotation', { hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser(), automaticallyAfter: Duration.days(30) })",
    cli: 'aws secretsmanager rotate-secret --secret-id NAME --rotation-lambda-arn ARN --rotation-rules AutomaticallyAfterDays=30',
  },
  references: ['https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html'],
  types: ['aws.secretsmanager.secret'],
  sources: ['live'],
  check(r) {
    const on = known(r, 'Live.RotationEnabled');
    const e = ev('Live.RotationEnabled', on ?? null, true, 'secretsmanager:ListSecrets RotationEnabled');
    return on === true ? pass('automatic rotation is on', e) : fail('automatic rotation is off', e);
  },
});

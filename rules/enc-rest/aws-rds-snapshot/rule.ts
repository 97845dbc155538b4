import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';

/** FSBP RDS.4. Live only: snapshots are taken by RDS or by hand, not declared in templates. */
export default defineRule({
  id: 'enc-rest/aws-rds-snapshot',
  control: 'enc-rest',
  title: 'RDS DB and cluster snapshots are encrypted',
  severity: 'high',
  risk: 'An unencrypted snapshot is a full copy of the database at rest without encryption.',
  remediation: { text: 'Copy the snapshot with a KMS key (then delete the unencrypted one); encrypt the source database so its snapshots are encrypted.', cli: 'aws rds copy-db-snapshot --source-db-snapshot-identifier SNAP --target-db-snapshot-identifier SNAP-enc --kms-key-id KEY' },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html'],
  types: ['aws.rds.db-snapshot', 'aws.rds.db-cluster-snapshot'],
  sources: ['live'],
  check(r) {
    const enc = known(r, 'Encrypted');
    const e = ev('Encrypted', enc ?? null, true);
    return enc === true ? pass('snapshot is encrypted', e) : fail('snapshot is not encrypted', e);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';

/** FSBP RDS.1. Live only: the `restore` attribute of manual snapshots (automated ones cannot be shared). */
export default defineRule({
  id: 'public-access/aws-rds-snapshot',
  control: 'public-access',
  title: 'RDS DB and cluster snapshots are not public',
  severity: 'critical',
  risk: 'Any AWS account can restore a public snapshot into a database of its own and read every row.',
  remediation: { text: "Remove 'all' from the snapshot's restore attribute; share with named accounts only.", cli: 'aws rds modify-db-snapshot-attribute --db-snapshot-identifier SNAP --attribute-name restore --values-to-remove all' },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html'],
  types: ['aws.rds.db-snapshot', 'aws.rds.db-cluster-snapshot'],
  sources: ['live'],
  check(r) {
    const pub = known(r, 'Live.Public');
    const e = ev('Live.Public', pub ?? null, false, 'restore attribute of the snapshot');
    if (pub === true) return fail('the snapshot is public: anyone can restore it', e);
    if (pub === false) return pass('the snapshot is not public', e);
    return { status: 'unknown', message: 'whether the snapshot is public was not read', evidence: [e] };
  },
});

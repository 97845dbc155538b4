import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable, asBool } from '../../../src/evaluate/facts.js';

/**
 * FSBP RDS.7 (clusters) / RDS.8 (instances). An instance that is a member of
 * an Aurora or Multi-AZ cluster is protected by its cluster's setting.
 */
export default defineRule({
  id: 'deletion-protection/aws-rds-deletion-protection',
  control: 'deletion-protection',
  title: 'RDS DB instances and clusters have deletion protection',
  severity: 'medium',
  risk: 'Without deletion protection one API call or a stack update that replaces the database deletes it with its data.',
  remediation: {
    text: 'Turn on DeletionProtection on DB clusters and on DB instances that are not cluster members.',
    cdk: "new rds.DatabaseInstance(this, 'Db', { ..., deletionProtection: true })",
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  DeletionProtection: true',
    cli: 'aws rds modify-db-instance --db-instance-identifier ID --deletion-protection --apply-immediately',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection'],
  types: ['aws.rds.db-instance', 'aws.rds.db-cluster'],
  sources: ['iac', 'live'],
  check(r) {
    if (r.type === 'aws.rds.db-instance') {
      const cluster = known(r, 'DBClusterIdentifier');
      if (cluster !== undefined && cluster !== '') return notApplicable('cluster member: its cluster decides deletion protection', ev('DBClusterIdentifier', cluster));
    }
    const raw = known(r, 'DeletionProtection');
    const on = raw === undefined ? false : asBool(raw);
    const e = ev('DeletionProtection', raw ?? null, true, raw === undefined ? 'omitted: deletion protection is off by default' : undefined);
    if (on === true) return pass('deletion protection is on', e);
    return fail('deletion protection is off', e);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable, unknown, asBool } from '../../../src/evaluate/facts.js';

export default defineRule({
  id: 'enc-rest/aws-rds-db-instance',
  control: 'enc-rest',
  title: 'RDS DB instances encrypt storage at rest',
  severity: 'high',
  risk: 'An unencrypted database volume, its snapshots and replicas hold customer data in the clear.',
  remediation: {
    text: 'Create the instance with StorageEncrypted: true (encryption cannot be turned on later: restore an encrypted snapshot copy).',
    cdk: 'new rds.DatabaseInstance(this, "Db", { ..., storageEncrypted: true })',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  StorageEncrypted: true',
  },
  types: ['aws.rds.db-instance'],
  sources: ['iac', 'live'],
  check(r) {
    const cluster = known(r, 'DBClusterIdentifier');
    if (cluster !== undefined && cluster !== null && cluster !== '')
      return notApplicable('Aurora/cluster member: storage encryption is judged on its DB cluster', ev('DBClusterIdentifier', cluster));
    const raw = known(r, 'StorageEncrypted');
    const enc = asBool(raw);
    if (raw === undefined) {
      const source = known(r, 'SourceDBInstanceIdentifier');
      if (source) return unknown('read replica without StorageEncrypted: it inherits the source instance\'s encryption', ev('SourceDBInstanceIdentifier', source));
      if (known(r, 'DBSnapshotIdentifier'))
        return unknown('restored from a snapshot without StorageEncrypted: it inherits the snapshot\'s encryption', ev('DBSnapshotIdentifier', r.properties.DBSnapshotIdentifier));
    }
    const evidence = ev('StorageEncrypted', raw ?? null, true, raw === undefined ? 'omitted: RDS creates unencrypted storage by default' : undefined);
    return enc ? pass('storage encrypted', evidence) : fail('storage is not encrypted at rest', evidence);
  },
});

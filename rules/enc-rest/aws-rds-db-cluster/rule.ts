import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, asBool } from '../../../src/evaluate/facts.js';

export default defineRule({
  id: 'enc-rest/aws-rds-db-cluster',
  control: 'enc-rest',
  title: 'RDS/Aurora DB clusters encrypt storage at rest',
  severity: 'high',
  risk: 'An unencrypted cluster volume holds every instance\'s data, backups and snapshots in the clear.',
  remediation: {
    text: 'Create the cluster with StorageEncrypted: true (optionally KmsKeyId for a customer-managed key).',
    cdk: 'new rds.DatabaseCluster(this, "Db", { ..., storageEncrypted: true })',
    cloudformation: 'Type: AWS::RDS::DBCluster\nProperties:\n  StorageEncrypted: true',
  },
  types: ['aws.rds.db-cluster'],
  sources: ['iac', 'live'],
  check(r) {
    const raw = known(r, 'StorageEncrypted');
    if (raw === undefined) {
      if (known(r, 'EngineMode') === 'serverless')
        return { status: 'pass', message: 'Aurora Serverless v1 clusters are always encrypted', evidence: [ev('EngineMode', 'serverless', undefined, 'platform-attested: Aurora Serverless v1 storage is always encrypted')] };
      if (known(r, 'SnapshotIdentifier') || known(r, 'SourceDBClusterIdentifier'))
        return unknown('restored or cloned without StorageEncrypted: it inherits the source\'s encryption', ev('SnapshotIdentifier', r.properties.SnapshotIdentifier ?? r.properties.SourceDBClusterIdentifier));
    }
    const evidence = ev('StorageEncrypted', raw ?? null, true, raw === undefined ? 'omitted: clusters are created unencrypted by default' : undefined);
    return asBool(raw) ? pass('cluster storage encrypted', evidence) : fail('cluster storage is not encrypted at rest', evidence);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, knownPointer, ev, pass, fail, unknown, asBool } from '../../../src/evaluate/facts.js';

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
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBClusterFromSnapshot.html',
    'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBClusterToPointInTime.html',
    'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html',
  ],
  types: ['aws.rds.db-cluster'],
  sources: ['iac', 'live'],
  check(r) {
    const raw = known(r, 'StorageEncrypted');
    if (raw === undefined) {
      if (known(r, 'EngineMode') === 'serverless')
        return { status: 'pass', message: 'Aurora Serverless v1 clusters are always encrypted', evidence: [ev('EngineMode', 'serverless', undefined, 'platform-attested: Aurora Serverless v1 storage is always encrypted')] };
      const snapshot = knownPointer(r, 'SnapshotIdentifier');
      const source = knownPointer(r, 'SourceDBClusterIdentifier');
      if (snapshot || source) {
        // A KmsKeyId on a restore or a clone encrypts the new cluster with that key: RestoreDBClusterFromSnapshot
        // takes it to encrypt the restored cluster (an unencrypted snapshot restores encrypted: Aurora user guide,
        // "Limitations of Amazon Aurora encrypted DB clusters"), RestoreDBClusterToPointInTime encrypts the new
        // cluster with it and rejects the request if the source is not encrypted. Presence decides (a key from a
        // parameter counts). Without a key the cluster inherits the source's encryption, which the template does not show.
        const kms = knownPointer(r, 'KmsKeyId');
        const from = snapshot ? ev('SnapshotIdentifier', snapshot) : ev('SourceDBClusterIdentifier', source);
        if (kms !== undefined && kms !== null && kms !== '')
          return pass(`${snapshot ? 'restored from a snapshot' : 'cloned or restored to a point in time'} with a KMS key: RDS encrypts the new cluster with KmsKeyId`, ev('KmsKeyId', kms, 'a KMS key (the restored cluster is encrypted with it)'), from);
        return unknown('restored or cloned without StorageEncrypted or KmsKeyId: it inherits the source\'s encryption', from);
      }
    }
    const evidence = ev('StorageEncrypted', raw ?? null, true, raw === undefined ? 'omitted: clusters are created unencrypted by default' : undefined);
    return asBool(raw) ? pass('cluster storage encrypted', evidence) : fail('cluster storage is not encrypted at rest', evidence);
  },
});

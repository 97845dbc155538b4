import { defineRule } from '../../../src/evaluate/rule.js';
import { known, knownPointer, get, ev, pass, fail, unknown, asBool } from '../../../src/evaluate/facts.js';

export default defineRule({
  id: 'enc-rest/aws-docdb-db-cluster',
  control: 'enc-rest',
  title: 'DocumentDB clusters encrypt their storage at rest',
  severity: 'high',
  risk: 'A DocumentDB cluster created without storage encryption keeps its documents, backups and snapshots unencrypted; encryption cannot be turned on later.',
  remediation: {
    text: 'Create the cluster with StorageEncrypted: true (and KmsKeyId for a customer-managed key). An existing unencrypted cluster must be restored from a snapshot into a new, encrypted cluster.',
    cdk: "new docdb.DatabaseCluster(this, 'Db', { masterUser: { username: 'admin' }, instanceType, vpc, storageEncrypted: true })",
    cloudformation: 'Type: AWS::DocDB::DBCluster\nProperties:\n  StorageEncrypted: true',
  },
  references: [
    'https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html',
    'https://docs.aws.amazon.com/documentdb/latest/developerguide/backup_restore-restore_from_snapshot.html',
    'https://docs.aws.amazon.com/documentdb/latest/developerguide/API_RestoreDBClusterToPointInTime.html',
  ],
  types: ['aws.docdb.db-cluster'],
  // No live collector reads DocumentDB yet: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    const raw = known(r, 'StorageEncrypted');
    // The key matters only to a customer-key claim: a key from a parameter does not make an encrypted store unknown.
    const key = params.requireCustomerManagedKeys ? known(r, 'KmsKeyId') : get(r.properties, 'KmsKeyId');
    if (raw === undefined || raw === null) {
      // A restored cluster (RestoreDBClusterFromSnapshot) or a point-in-time copy (RestoreDBClusterToPointInTime):
      // with a KmsKeyId the new cluster is encrypted with it (an unencrypted snapshot restores encrypted when a key is
      // given: DocumentDB developer guide, "Restoring from a cluster snapshot"; a point-in-time copy of an unencrypted
      // cluster is rejected); without one it inherits the source's encryption. Presence of the key decides.
      const snapshot = knownPointer(r, 'SnapshotIdentifier');
      const source = knownPointer(r, 'SourceDBClusterIdentifier');
      if (snapshot || source) {
        const kms = knownPointer(r, 'KmsKeyId');
        const from = snapshot ? ev('SnapshotIdentifier', snapshot) : ev('SourceDBClusterIdentifier', source);
        if (kms === undefined || kms === null || kms === '')
          return unknown('restored without StorageEncrypted or KmsKeyId: it inherits the snapshot\'s or source cluster\'s encryption, which the template does not show', from);
        if (params.requireCustomerManagedKeys && known(r, 'KmsKeyId') === undefined) return unknown('restored with a KMS key the template does not show', ev('KmsKeyId', kms));
        return pass(`${snapshot ? 'restored from a snapshot' : 'restored to a point in time'} with a KMS key: DocumentDB encrypts the new cluster with KmsKeyId`, ev('KmsKeyId', kms, 'a KMS key (the restored cluster is encrypted with it)'), from);
      }
    }
    if (asBool(raw) !== true)
      return fail(
        'cluster storage is not encrypted at rest',
        ev('StorageEncrypted', raw ?? null, true, raw === undefined ? 'omitted: CloudFormation and the API create unencrypted clusters (the CDK construct defaults to encrypted)' : undefined),
      );
    if (params.requireCustomerManagedKeys && !key)
      return fail('encrypted with the AWS managed key aws/rds, but the claim requires customer-managed keys', ev('KmsKeyId', null, 'a customer-managed KMS key'));
    return pass(`cluster storage encrypted (${key ? 'KMS key given' : 'AWS managed key aws/rds'})`, ev('StorageEncrypted', raw, true), ...(key ? [ev('KmsKeyId', key)] : []));
  },
});

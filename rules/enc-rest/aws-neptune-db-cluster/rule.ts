import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail, unknown, asBool, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

export default defineRule({
  id: 'enc-rest/aws-neptune-db-cluster',
  control: 'enc-rest',
  title: 'Neptune clusters encrypt their storage at rest',
  severity: 'high',
  risk: 'A Neptune cluster created without storage encryption keeps its graph, backups and snapshots unencrypted; encryption cannot be turned on later.',
  remediation: {
    text: 'Create the cluster with StorageEncrypted: true (and KmsKeyId for a customer-managed key). An unencrypted cluster must be restored from a snapshot into a new, encrypted cluster.',
    cdk: "new neptune.DatabaseCluster(this, 'Graph', { vpc, instanceType, storageEncrypted: true })",
    cloudformation: 'Type: AWS::Neptune::DBCluster\nProperties:\n  StorageEncrypted: true',
  },
  references: [
    'https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-neptune-dbcluster.html',
    'https://docs.aws.amazon.com/neptune/latest/apiref/API_RestoreDBClusterToPointInTime.html',
  ],
  types: ['aws.neptune.db-cluster'],
  // No live collector reads Neptune: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    const raw = known(r, 'StorageEncrypted');
    // The key matters only to a customer-key claim: a key from a parameter does not make an encrypted store unknown.
    const key = params.requireCustomerManagedKeys ? known(r, 'KmsKeyId') : get(r.properties, 'KmsKeyId');
    if (raw === undefined || raw === null) {
      // A restored or cloned cluster inherits encryption from its snapshot or source cluster.
      const source = known(r, 'SnapshotIdentifier') ?? known(r, 'SourceDBClusterIdentifier');
      // A point-in-time copy (RestoreDBClusterToPointInTime) with a KmsKeyId is encrypted with that key, and the
      // request is rejected for an unencrypted source (Neptune API reference). For a snapshot restore the API
      // documents only the case without a key, so a key there does not settle it.
      const kms = get(r.properties, 'KmsKeyId');
      if (source !== undefined && source !== null && known(r, 'SnapshotIdentifier') === undefined && kms !== undefined && kms !== null && kms !== '' && !(params.requireCustomerManagedKeys && key === undefined))
        return pass('restored to a point in time with a KMS key: Neptune encrypts the new cluster with KmsKeyId', ev('KmsKeyId', kms, 'a KMS key (the restored cluster is encrypted with it)'), ev('SourceDBClusterIdentifier', source));
      if (source !== undefined && source !== null)
        return unknown('StorageEncrypted is omitted and the cluster is restored from a snapshot or source cluster: it inherits that encryption, which the template does not show', ev('StorageEncrypted', null, true), ev('SnapshotIdentifier / SourceDBClusterIdentifier', source));
    }
    const on = raw === undefined || raw === null ? false : asBool(raw);
    if (on === undefined) return fail(`StorageEncrypted ${text(raw)} is not a valid value`, ev('StorageEncrypted', raw, true, notAValidValue('StorageEncrypted', text(raw), 'true or false')));
    if (!on)
      return fail(
        'cluster storage is not encrypted at rest',
        ev('StorageEncrypted', raw ?? null, true, raw === undefined ? 'omitted: Neptune creates unencrypted clusters unless StorageEncrypted is true (the CDK construct defaults to encrypted)' : undefined),
      );
    if (params.requireCustomerManagedKeys && !key) return fail('encrypted with the AWS managed key aws/rds, but the claim requires customer-managed keys', ev('KmsKeyId', null, 'a customer-managed KMS key'));
    return pass(`cluster storage encrypted (${key ? 'KMS key given' : 'AWS managed key aws/rds'})`, ev('StorageEncrypted', raw, true), ...(key ? [ev('KmsKeyId', key)] : []));
  },
});

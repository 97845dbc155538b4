import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable, unknown, asBool, knownPointer } from '../../../src/evaluate/facts.js';
import type { Resource } from '../../../src/model/resource.js';
import type { Inventory } from '../../../src/model/inventory.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { sameRegionReplicaSource } from '../../tls-min/_rds-tls.js';

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
  check(r, { inventory }) {
    return judgeInstance(r, inventory, 0);
  },
});

function judgeInstance(r: Resource, inventory: Inventory, depth: number): Verdict {
    const cluster = known(r, 'DBClusterIdentifier');
    if (cluster !== undefined && cluster !== null && cluster !== '')
      return notApplicable('Aurora/cluster member: storage encryption is judged on its DB cluster', ev('DBClusterIdentifier', cluster));
    const raw = known(r, 'StorageEncrypted');
    const enc = asBool(raw);
    if (raw === undefined) {
      // Whether it is a replica: presence decides (a source from a parameter is a replica of some instance).
      const source = knownPointer(r, 'SourceDBInstanceIdentifier');
      // A same-region replica of an instance in this template has the source's encryption (a replica
      // cannot change it in the same region); a cross-region one or a source elsewhere is not known.
      const src = depth < 5 && source ? sameRegionReplicaSource(r, inventory) : undefined;
      if (src) {
        const name = src.name ?? src.location?.logicalId ?? src.id;
        const v = judgeInstance(src, inventory, depth + 1);
        if (v.status === 'pass' || v.status === 'fail')
          return { ...v, message: `read replica of ${name}, whose encryption it inherits: ${v.message}`, evidence: [ev('SourceDBInstanceIdentifier', name, undefined, 'same-region read replica of a DB instance in this template'), ...(v.evidence ?? [])] };
      }
      // RDS refuses a KmsKeyId on a replica of an unencrypted instance (CreateDBInstanceReadReplica:
      // "the operation returns an error"), so a replica that names a key is encrypted if it exists at all.
      // Presence decides (whatever key it names): a key from a parameter or an import counts as well.
      const kms = knownPointer(r, 'KmsKeyId');
      if (source && kms !== undefined)
        return pass('read replica with a KMS key: RDS creates a replica with KmsKeyId only from an encrypted source, so it is encrypted', ev('KmsKeyId', kms, 'a KMS key (RDS rejects one for a replica of an unencrypted instance)'), ev('SourceDBInstanceIdentifier', source));
      if (source) return unknown('read replica without StorageEncrypted: it inherits the source instance\'s encryption', ev('SourceDBInstanceIdentifier', source));
      if (known(r, 'DBSnapshotIdentifier'))
        return unknown('restored from a snapshot without StorageEncrypted: it inherits the snapshot\'s encryption', ev('DBSnapshotIdentifier', r.properties.DBSnapshotIdentifier));
    }
    const evidence = ev('StorageEncrypted', raw ?? null, true, raw === undefined ? 'omitted: RDS creates unencrypted storage by default' : undefined);
    return enc ? pass('storage encrypted', evidence) : fail('storage is not encrypted at rest', evidence);
}

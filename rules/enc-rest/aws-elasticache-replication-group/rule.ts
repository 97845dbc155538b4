import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail, asBool } from '../../../src/evaluate/facts.js';
import { replicationGroupAtRestDefault } from '../../cache-no-backup/_cache.js';

export default defineRule({
  id: 'enc-rest/aws-elasticache-replication-group',
  control: 'enc-rest',
  title: 'ElastiCache replication groups encrypt data at rest',
  severity: 'medium',
  risk: 'Without at-rest encryption, data swapped or synced to disk and backups in S3 are stored in the clear.',
  remediation: {
    text: 'Create the replication group with AtRestEncryptionEnabled: true (optionally KmsKeyId). It cannot be turned on later: create a new encrypted group and migrate.',
    cdk: "new elasticache.CfnReplicationGroup(this, 'Cache', { ..., atRestEncryptionEnabled: true })",
    cloudformation: 'Type: AWS::ElastiCache::ReplicationGroup\nProperties:\n  AtRestEncryptionEnabled: true',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html',
    'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html',
  ],
  types: ['aws.elasticache.replication-group'],
  sources: ['iac', 'live'],
  check(r, { params }) {
    const raw = known(r, 'AtRestEncryptionEnabled');
    // Omitted: the engine decides (Valkey on by default, Redis OSS off; see ../../cache-no-backup/_cache.ts).
    const byDefault = raw === undefined ? replicationGroupAtRestDefault(r) : undefined;
    if (byDefault ? !byDefault.on : asBool(raw) !== true)
      return fail('replication group is not encrypted at rest', ev('AtRestEncryptionEnabled', raw ?? null, true, byDefault?.note));
    // The key matters only to a customer-key claim: read it then; otherwise it is evidence as written (a key from a parameter does not make an encrypted store unknown).
    const key = params.requireCustomerManagedKeys ? known(r, 'KmsKeyId') : get(r.properties, 'KmsKeyId');
    if (params.requireCustomerManagedKeys && !key)
      return fail('encrypted with the service-managed key, but the claim requires customer-managed keys', ev('KmsKeyId', null, 'a customer-managed KMS key'));
    return pass(`replication group encrypted at rest${byDefault ? ' (the Valkey default)' : ''}`, ev('AtRestEncryptionEnabled', raw ?? null, true, byDefault?.note), ...(key ? [ev('KmsKeyId', key)] : []));
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeCache } from '../_cache.js';

export default defineRule({
  id: 'cache-no-backup/aws-elasticache-replication-group',
  control: 'cache-no-backup',
  title: 'ElastiCache replication groups keep no backups and are encrypted at rest and in transit',
  severity: 'high',
  risk: 'Cached customer data that is snapshotted (automatically, on deletion, or by AWS Backup) outlives the cache, breaking "only in short-lived caches, never backed up".',
  remediation: {
    text: 'Set SnapshotRetentionLimit: 0 (or omit it), do not seed from or leave snapshots (no SnapshotArns/SnapshotName, DeletionPolicy Delete), enable AtRestEncryptionEnabled and TransitEncryptionEnabled with mode required, and keep the group out of AWS Backup selections.',
    cdk: "new elasticache.CfnReplicationGroup(this, 'Cache', { ..., snapshotRetentionLimit: 0, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, transitEncryptionMode: 'required' })",
    cloudformation: 'Type: AWS::ElastiCache::ReplicationGroup\nDeletionPolicy: Delete\nProperties:\n  SnapshotRetentionLimit: 0\n  AtRestEncryptionEnabled: true\n  TransitEncryptionEnabled: true\n  TransitEncryptionMode: required',
  },
  references: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups.html'],
  types: ['aws.elasticache.replication-group'],
  sources: ['iac', 'live'],
  check(r, { inventory }) {
    return judgeCache(r, inventory, {
      arnKind: 'replicationgroup',
      nameProp: 'ReplicationGroupId',
      snapshotProps: ['SnapshotArns', 'SnapshotName', 'FinalSnapshotIdentifier'],
      atRest: 'AtRestEncryptionEnabled',
    });
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, notApplicable } from '../../../src/evaluate/facts.js';
import { judgeCache } from '../_cache.js';

export default defineRule({
  id: 'cache-no-backup/aws-elasticache-cache-cluster',
  control: 'cache-no-backup',
  title: 'Standalone ElastiCache clusters keep no backups and are encrypted at rest and in transit',
  severity: 'high',
  risk: 'A standalone node-based cluster cannot encrypt at rest, and its snapshots keep cached data beyond the cache\'s life.',
  remediation: {
    text: 'Use a replication group (AtRestEncryptionEnabled, TransitEncryptionEnabled) or a serverless cache instead of a standalone cluster; keep SnapshotRetentionLimit 0 and DeletionPolicy Delete.',
    cdk: "new elasticache.CfnServerlessCache(this, 'Cache', { engine: 'valkey', serverlessCacheName: 'sessions' })",
    cloudformation: 'Type: AWS::ElastiCache::ServerlessCache\nProperties:\n  Engine: valkey\n  ServerlessCacheName: sessions',
  },
  references: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html'],
  types: ['aws.elasticache.cache-cluster'],
  sources: ['iac', 'live'],
  check(r, { inventory }) {
    const group = known(r, 'ReplicationGroupId');
    if (group) return notApplicable('member of a replication group: judged on the group', ev('ReplicationGroupId', group));
    return judgeCache(r, inventory, {
      arnKind: 'cluster',
      nameProp: 'ClusterName',
      snapshotProps: ['SnapshotArns', 'SnapshotName', 'FinalSnapshotIdentifier'],
      atRest: 'impossible',
    });
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, notApplicable } from '../../../src/evaluate/facts.js';
import { judgeTransitEncryption } from '../_elasticache-transit.js';

export default defineRule({
  id: 'tls-min/aws-elasticache-cache-cluster',
  control: 'tls-min',
  title: 'Standalone ElastiCache clusters require TLS',
  severity: 'high',
  risk: 'A cluster without in-transit encryption serves cached data in plaintext.',
  remediation: {
    text: 'Set TransitEncryptionEnabled: true (Redis OSS/Valkey, or Memcached 1.6.12+), or use a replication group or serverless cache.',
    cdk: "new elasticache.CfnCacheCluster(this, 'Cache', { ..., transitEncryptionEnabled: true })",
    cloudformation: 'Type: AWS::ElastiCache::CacheCluster\nProperties:\n  TransitEncryptionEnabled: true',
  },
  references: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html'],
  types: ['aws.elasticache.cache-cluster'],
  sources: ['iac', 'live'],
  check(r, { params }) {
    const group = known(r, 'ReplicationGroupId');
    if (group) return notApplicable('member of a replication group: judged on the group', ev('ReplicationGroupId', group));
    return judgeTransitEncryption(r, params.tlsMin, 'cache cluster');
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, fail, unknown, notApplicable, text, nameBeside } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

/**
 * A node-based cache cluster (AWS::ElastiCache::CacheCluster) has no at-rest
 * encryption setting: for Redis OSS and Valkey it exists only on replication
 * groups (AtRestEncryptionEnabled) and serverless caches, so a standalone
 * Redis/Valkey cluster writes its snapshots and swap unencrypted. Node-based
 * Memcached fails too (house rule, session 9): ElastiCache's at-rest
 * encryption exists only for Redis OSS and Valkey, so a promise of "encrypted
 * at rest" cannot be kept by it, whatever it keeps in memory; the remedy is
 * Valkey/Redis OSS with AtRestEncryptionEnabled or ElastiCache Serverless
 * (Memcached included), which always encrypts at rest.
 */
export default defineRule({
  id: 'enc-rest/aws-elasticache-cache-cluster',
  control: 'enc-rest',
  title: 'Caches are not node-based cache clusters that cannot encrypt at rest (standalone Redis/Valkey, Memcached)',
  severity: 'medium',
  risk: 'A standalone Redis OSS or Valkey cache cluster cannot encrypt data at rest: its snapshots in S3 and data synced or swapped to disk are stored in the clear. Node-based Memcached has no at-rest encryption at all, so an encrypted-at-rest promise cannot cover it.',
  remediation: {
    text: 'Create the cache as a Valkey or Redis OSS replication group (one node is allowed) with AtRestEncryptionEnabled: true, or as an ElastiCache Serverless cache (Valkey, Redis OSS or Memcached: always encrypted at rest), and migrate the data.',
    cdk: "new elasticache.CfnReplicationGroup(this, 'Cache', { replicationGroupDescription: 'cache', engine: 'redis', cacheNodeType: 'cache.t4g.micro', numCacheClusters: 1, atRestEncryptionEnabled: true, transitEncryptionEnabled: true })",
    cloudformation: 'Type: AWS::ElastiCache::ReplicationGroup\nProperties:\n  Engine: redis\n  NumCacheClusters: 1\n  AtRestEncryptionEnabled: true',
  },
  references: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html'],
  types: ['aws.elasticache.cache-cluster'],
  // Templates only: live, DescribeCacheClusters lists replication-group member nodes as clusters too, and the
  // collector does not relate them to their group, so every member would fail here.
  sources: ['iac'],
  check(r, ctx) {
    const group = ctx.inventory.related(r, 'replicationGroup')[0];
    if (group) return notApplicable(`a member of replication group ${nameBeside(group, r)}: judged by enc-rest/aws-elasticache-replication-group`);
    const engine = known(r, 'Engine');
    const e = typeof engine === 'string' ? engine.toLowerCase() : engine;
    if (e === 'memcached')
      return fail(
        'node-based Memcached cannot encrypt at rest: ElastiCache at-rest encryption exists only for Valkey and Redis OSS; use Valkey/Redis OSS in a replication group with AtRestEncryptionEnabled, or ElastiCache Serverless (always encrypted)',
        ev('Engine', engine, 'valkey or redis in a replication group with AtRestEncryptionEnabled: true, or a serverless cache', 'ElastiCache offers no at-rest encryption for node-based Memcached clusters'),
      );
    if (e === 'redis' || e === 'valkey')
      return fail(
        `a standalone ${text(engine)} cache cluster cannot encrypt at rest (the setting exists only on replication groups and serverless caches)`,
        ev('Engine', engine, 'a replication group with AtRestEncryptionEnabled: true', 'AWS::ElastiCache::CacheCluster has no at-rest encryption property'),
      );
    if (engine === undefined || engine === null)
      return unknown('Engine is omitted; it is required (redis, valkey or memcached), so what the cluster stores is not said', ev('Engine', null, 'redis, valkey or memcached'));
    return fail(`Engine ${text(engine)} is not a valid value: whether the cache can encrypt at rest is not settled`, ev('Engine', engine, 'redis or valkey in a replication group with AtRestEncryptionEnabled', notAValidValue('Engine', text(engine), 'redis, valkey or memcached')));
  },
});

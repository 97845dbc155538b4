/** ElastiCache, per region: replication groups and cache clusters, related cluster → replication group. */
import { ElastiCacheClient, paginateDescribeReplicationGroups, paginateDescribeCacheClusters } from '@aws-sdk/client-elasticache';
import { relate } from '../../../../model/inventory.js';
import { type AwsScope, pages, liveResource, compact } from './context.js';

export async function collectElastiCache(scope: AwsScope, region: string): Promise<void> {
  const ec = scope.clients.get('elasticache', region, ElastiCacheClient);
  const [groups, clusters] = await Promise.all([
    pages(scope, 'elasticache:DescribeReplicationGroups', region, () => paginateDescribeReplicationGroups({ client: ec, pageSize: 100 }, {})),
    pages(scope, 'elasticache:DescribeCacheClusters', region, () => paginateDescribeCacheClusters({ client: ec, pageSize: 100 }, {})),
  ]);
  const groupIds = new Map<string, string>();
  if (!groups.error) {
    for (const p of groups.pages) {
      for (const g of p.data.ReplicationGroups ?? []) {
        const r = liveResource(
          scope,
          'aws.elasticache.replication-group',
          g.ARN!,
          region,
          compact({
            ReplicationGroupId: g.ReplicationGroupId,
            ReplicationGroupDescription: g.Description,
            AtRestEncryptionEnabled: g.AtRestEncryptionEnabled === true,
            TransitEncryptionEnabled: g.TransitEncryptionEnabled === true,
            TransitEncryptionMode: g.TransitEncryptionMode,
            KmsKeyId: g.KmsKeyId,
            SnapshotRetentionLimit: g.SnapshotRetentionLimit,
            AutomaticFailoverEnabled: g.AutomaticFailover === 'enabled',
            CacheNodeType: g.CacheNodeType,
            Engine: g.Engine,
            AuthToken: g.AuthTokenEnabled ? '(set; value not readable)' : undefined,
            Live: compact({ Status: g.Status, AuthTokenEnabled: g.AuthTokenEnabled, MemberClusters: g.MemberClusters }),
          }),
          p.raw,
          g,
          g.ReplicationGroupId,
        );
        if (g.ReplicationGroupId) groupIds.set(g.ReplicationGroupId, r.id);
        scope.emit(r);
      }
    }
  }
  if (!clusters.error) {
    for (const p of clusters.pages) {
      for (const c of p.data.CacheClusters ?? []) {
        const r = liveResource(
          scope,
          'aws.elasticache.cache-cluster',
          c.ARN!,
          region,
          compact({
            ClusterName: c.CacheClusterId,
            Engine: c.Engine,
            EngineVersion: c.EngineVersion,
            CacheNodeType: c.CacheNodeType,
            NumCacheNodes: c.NumCacheNodes,
            SnapshotRetentionLimit: c.SnapshotRetentionLimit,
            TransitEncryptionEnabled: c.TransitEncryptionEnabled,
            Live: compact({ AtRestEncryptionEnabled: c.AtRestEncryptionEnabled, ReplicationGroupId: c.ReplicationGroupId, Status: c.CacheClusterStatus }),
          }),
          p.raw,
          c,
          c.CacheClusterId,
        );
        const gid = c.ReplicationGroupId ? groupIds.get(c.ReplicationGroupId) : undefined;
        if (gid) relate(r, 'replicationGroup', gid);
        scope.emit(r);
      }
    }
  }
}

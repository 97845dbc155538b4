/**
 * ElastiCache serverless caches, per region (elasticache:DescribeServerlessCaches,
 * paginated), as CloudFormation's AWS::ElastiCache::ServerlessCache.
 */
import { ElastiCacheClient, paginateDescribeServerlessCaches } from '@aws-sdk/client-elasticache';
import { type AwsScope, pages, liveResource, compact } from './context.js';

export async function collectServerlessCaches(scope: AwsScope, region: string): Promise<void> {
  const ec = scope.clients.get('elasticache', region, ElastiCacheClient);
  const listed = await pages(scope, 'elasticache:DescribeServerlessCaches', region, () => paginateDescribeServerlessCaches({ client: ec, pageSize: 50 }, {}));
  if (listed.error) return;
  for (const p of listed.pages) {
    for (const c of p.data.ServerlessCaches ?? []) {
      if (!c.ARN) continue;
      scope.emit(
        liveResource(
          scope,
          'aws.elasticache.serverless-cache',
          c.ARN,
          region,
          compact({
            ServerlessCacheName: c.ServerlessCacheName,
            Engine: c.Engine,
            MajorEngineVersion: c.MajorEngineVersion,
            KmsKeyId: c.KmsKeyId,
            // Omitted on the API when automatic backups are off, as in a template: 0.
            SnapshotRetentionLimit: c.SnapshotRetentionLimit,
            DailySnapshotTime: c.DailySnapshotTime,
            SecurityGroupIds: c.SecurityGroupIds,
            SubnetIds: c.SubnetIds,
            UserGroupId: c.UserGroupId,
            Live: compact({ Status: c.Status, FullEngineVersion: c.FullEngineVersion }),
          }),
          p.raw,
          c,
          c.ServerlessCacheName,
        ),
      );
    }
  }
}

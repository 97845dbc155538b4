/** CloudWatch Logs, per region: log groups with retention and encryption key. */
import { CloudWatchLogsClient, paginateDescribeLogGroups } from '@aws-sdk/client-cloudwatch-logs';
import { type AwsScope, pages, liveResource, compact, arn } from './context.js';

export async function collectLogs(scope: AwsScope, region: string): Promise<void> {
  const logs = scope.clients.get('logs', region, CloudWatchLogsClient);
  const listed = await pages(scope, 'logs:DescribeLogGroups', region, () => paginateDescribeLogGroups({ client: logs, pageSize: 50 }, {}));
  if (listed.error) return;
  for (const p of listed.pages) {
    for (const g of p.data.logGroups ?? []) {
      const name = g.logGroupName!;
      scope.emit(
        liveResource(
          scope,
          'aws.logs.log-group',
          (g.arn ?? arn(scope, 'logs', region, `log-group:${name}`)).replace(/:\*$/, ''),
          region,
          // Omitted RetentionInDays: the group never expires events (as in a template).
          compact({ LogGroupName: name, RetentionInDays: g.retentionInDays, KmsKeyId: g.kmsKeyId, LogGroupClass: g.logGroupClass, Live: compact({ StoredBytes: g.storedBytes }) }),
          p.raw,
          g,
          name,
        ),
      );
    }
  }
}

/** DynamoDB, per region: tables (DescribeTable) with point-in-time recovery (DescribeContinuousBackups), and global tables (see dynamodb-global-tables.ts). */
import { DynamoDBClient, paginateListTables, DescribeTableCommand, DescribeContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import { mapLimit } from '../../common/limit.js';
import { emitGlobalTable } from './dynamodb-global-tables.js';
import { type AwsScope, call, pages, liveResource, addGap, gapOf, compact, arn } from './context.js';

export async function collectDynamoDb(scope: AwsScope, region: string, concurrency: number): Promise<void> {
  const ddb = scope.clients.get('dynamodb', region, DynamoDBClient);
  const listed = await pages(scope, 'dynamodb:ListTables', region, () => paginateListTables({ client: ddb, pageSize: 100 }, {}));
  if (listed.error) return;
  const names = listed.pages.flatMap((p) => (p.data.TableNames ?? []).map((n) => ({ n, raw: p.raw })));
  await mapLimit(names, concurrency, async ({ n, raw }) => {
    const [desc, backups] = await Promise.all([
      call(scope, 'dynamodb:DescribeTable', region, () => ddb.send(new DescribeTableCommand({ TableName: n }))),
      call(scope, 'dynamodb:DescribeContinuousBackups', region, () => ddb.send(new DescribeContinuousBackupsCommand({ TableName: n }))),
    ]);
    const t = desc.ok ? desc.data.Table : undefined;
    const sse = t?.SSEDescription;
    const r = liveResource(
      scope,
      'aws.dynamodb.table',
      t?.TableArn ?? arn(scope, 'dynamodb', region, `table/${n}`),
      region,
      compact({
        TableName: n,
        BillingMode: t?.BillingModeSummary?.BillingMode,
        // No SSEDescription: the table uses an AWS-owned key (still encrypted), as SSEEnabled omitted/false in a template.
        SSESpecification: sse && sse.Status !== 'DISABLED' ? compact({ SSEEnabled: true, SSEType: sse.SSEType, KMSMasterKeyId: sse.KMSMasterKeyArn }) : undefined,
        PointInTimeRecoverySpecification: backups.ok
          ? { PointInTimeRecoveryEnabled: backups.data.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus === 'ENABLED' }
          : undefined,
        TimeToLiveSpecification: undefined,
        DeletionProtectionEnabled: t?.DeletionProtectionEnabled,
        Live: t ? compact({ TableStatus: t.TableStatus, ItemCount: t.ItemCount }) : undefined,
      }),
      raw,
      { TableName: n },
      n,
    );
    r.raw!.push(desc.ok ? { ...desc.raw, data: { Table: { TableName: t?.TableName, SSEDescription: sse, TableArn: t?.TableArn } } } : desc.raw, backups.raw);
    if (!desc.ok) {
      addGap(r, 'SSESpecification', gapOf(desc, 'dynamodb:DescribeTable'));
      addGap(r, 'DeletionProtectionEnabled', gapOf(desc, 'dynamodb:DescribeTable'));
    }
    if (!backups.ok) addGap(r, 'PointInTimeRecoverySpecification', gapOf(backups, 'dynamodb:DescribeContinuousBackups'));
    scope.emit(r);
    if (t) await emitGlobalTable(scope, region, t, backups, raw);
  });
}

/**
 * DynamoDB global tables (version 2019.11.21, what AWS::DynamoDB::GlobalTable
 * creates): a table whose DescribeTable lists replicas. One
 * `aws.dynamodb.global-table` per table name and account, emitted by the scan
 * of the first of its replica regions that this scan covers, with every
 * replica's region and point-in-time recovery (dynamodb:DescribeContinuousBackups
 * in the replica's region; a replica whose setting cannot be read is unknown,
 * never "off").
 */
import { DynamoDBClient, DescribeContinuousBackupsCommand, type TableDescription, type DescribeContinuousBackupsCommandOutput } from '@aws-sdk/client-dynamodb';
import { Unresolved } from '../../../../model/values.js';
import type { RawRecord } from '../../../../model/resource.js';
import { type AwsScope, type Outcome, call, liveResource, compact, gapOf } from './context.js';

/** The replica regions of a table, its own included; empty for a plain table. */
export function replicaRegions(t: TableDescription | undefined, region: string): string[] {
  const others = (t?.Replicas ?? []).map((r) => r.RegionName).filter((r): r is string => Boolean(r));
  return others.length ? [...new Set([region, ...others])].sort() : [];
}

export async function emitGlobalTable(
  scope: AwsScope,
  region: string,
  t: TableDescription,
  ownBackups: Outcome<DescribeContinuousBackupsCommandOutput>,
  raw: RawRecord,
): Promise<void> {
  const regions = replicaRegions(t, region);
  // Read once per account: by the first replica region this scan covers.
  if (!regions.length || regions.find((r) => scope.regions.includes(r)) !== region || !t.TableName) return;
  const name = t.TableName;
  const pitr = await Promise.all(
    regions.map(async (r) => {
      const got =
        r === region
          ? ownBackups
          : await call(scope, 'dynamodb:DescribeContinuousBackups', r, () => scope.clients.get('dynamodb', r, DynamoDBClient).send(new DescribeContinuousBackupsCommand({ TableName: name })));
      return { region: r, got };
    }),
  );
  const sse = t.SSEDescription;
  const res = liveResource(
    scope,
    'aws.dynamodb.global-table',
    `arn:${scope.partition}:dynamodb::${scope.account}:global-table/${name}`,
    region,
    compact({
      TableName: name,
      BillingMode: t.BillingModeSummary?.BillingMode,
      SSESpecification: sse && sse.Status !== 'DISABLED' ? compact({ SSEEnabled: true, SSEType: sse.SSEType }) : undefined,
      Replicas: pitr.map(({ region: r, got }) =>
        compact({
          Region: r,
          SSESpecification: r === region && sse?.KMSMasterKeyArn ? { KMSMasterKeyId: sse.KMSMasterKeyArn } : undefined,
          PointInTimeRecoverySpecification: got.ok
            ? { PointInTimeRecoveryEnabled: got.data.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus === 'ENABLED' }
            : undefined,
        }),
      ),
      Live: compact({ GlobalTableVersion: t.GlobalTableVersion, TableStatus: t.TableStatus }),
    }),
    raw,
    { TableName: name, Replicas: t.Replicas, GlobalTableVersion: t.GlobalTableVersion },
    name,
  );
  // A replica whose PITR could not be read is unknown to the rules, not "omitted" (which reads as off).
  pitr.forEach(({ got }, i) => {
    if (got.ok) return;
    const replicas = res.properties.Replicas as Record<string, unknown>[];
    replicas[i]!.PointInTimeRecoverySpecification = new Unresolved(gapOf(got, 'dynamodb:DescribeContinuousBackups'));
  });
  for (const { got } of pitr) res.raw!.push(got.raw);
  scope.emit(res);
}

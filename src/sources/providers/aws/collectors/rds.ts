/**
 * RDS, per region: DB instances, DB clusters, and the parameter groups they
 * use (with user-set parameters: `rds.force_ssl`, `require_secure_transport`),
 * related instance → cluster / parameter group; DB and cluster snapshots the
 * account owns, and for manual ones whether they are shared with everyone
 * (one attributes call per manual snapshot: no list call filters public
 * snapshots by owner, and the public list holds every account's).
 */
import {
  RDSClient,
  paginateDescribeDBInstances,
  paginateDescribeDBClusters,
  paginateDescribeDBParameters,
  paginateDescribeDBClusterParameters,
  paginateDescribeDBSnapshots,
  paginateDescribeDBClusterSnapshots,
  DescribeDBSnapshotAttributesCommand,
  DescribeDBClusterSnapshotAttributesCommand,
} from '@aws-sdk/client-rds';
import type { Resource } from '../../../../model/resource.js';
import { relate } from '../../../../model/inventory.js';
import { mapLimit } from '../../common/limit.js';
import { type AwsScope, call, pages, liveResource, addGap, gapOf, compact, cfnTags, arn } from './context.js';

export async function collectRds(scope: AwsScope, region: string, concurrency: number): Promise<void> {
  const rds = scope.clients.get('rds', region, RDSClient);
  const [instances, clusters] = await Promise.all([
    pages(scope, 'rds:DescribeDBInstances', region, () => paginateDescribeDBInstances({ client: rds, pageSize: 100 }, {})),
    pages(scope, 'rds:DescribeDBClusters', region, () => paginateDescribeDBClusters({ client: rds, pageSize: 100 }, {})),
    collectSnapshots(scope, rds, region, concurrency),
  ]);
  const paramGroups = new Map<string, { kind: 'instance' | 'cluster'; users: Resource[] }>();
  const clusterIds = new Map<string, string>();

  if (!clusters.error) {
    for (const p of clusters.pages) {
      for (const c of p.data.DBClusters ?? []) {
        const r = liveResource(
          scope,
          'aws.rds.db-cluster',
          c.DBClusterArn ?? arn(scope, 'rds', region, `cluster:${c.DBClusterIdentifier}`),
          region,
          compact({
            DBClusterIdentifier: c.DBClusterIdentifier,
            Engine: c.Engine,
            EngineVersion: c.EngineVersion,
            StorageEncrypted: c.StorageEncrypted === true,
            KmsKeyId: c.KmsKeyId,
            BackupRetentionPeriod: c.BackupRetentionPeriod,
            DBClusterParameterGroupName: c.DBClusterParameterGroup,
            DeletionProtection: c.DeletionProtection,
            AutoMinorVersionUpgrade: c.AutoMinorVersionUpgrade,
            EnableIAMDatabaseAuthentication: c.IAMDatabaseAuthenticationEnabled,
            EnableCloudwatchLogsExports: c.EnabledCloudwatchLogsExports,
            PubliclyAccessible: c.PubliclyAccessible,
            StorageType: c.StorageType,
            Tags: cfnTags(c.TagList),
            Live: compact({ Status: c.Status, MultiAZ: c.MultiAZ }),
          }),
          p.raw,
          c,
          c.DBClusterIdentifier,
        );
        if (c.DBClusterIdentifier) clusterIds.set(c.DBClusterIdentifier, r.id);
        if (c.DBClusterParameterGroup) {
          const key = `cluster:${c.DBClusterParameterGroup}`;
          const e = paramGroups.get(key) ?? { kind: 'cluster' as const, users: [] };
          e.users.push(r);
          paramGroups.set(key, e);
        }
        scope.emit(r);
      }
    }
  }

  if (!instances.error) {
    for (const p of instances.pages) {
      for (const i of p.data.DBInstances ?? []) {
        const pg = i.DBParameterGroups?.[0]?.DBParameterGroupName;
        const r = liveResource(
          scope,
          'aws.rds.db-instance',
          i.DBInstanceArn ?? arn(scope, 'rds', region, `db:${i.DBInstanceIdentifier}`),
          region,
          compact({
            DBInstanceIdentifier: i.DBInstanceIdentifier,
            DBInstanceClass: i.DBInstanceClass,
            Engine: i.Engine,
            EngineVersion: i.EngineVersion,
            StorageEncrypted: i.StorageEncrypted === true,
            KmsKeyId: i.KmsKeyId,
            PubliclyAccessible: i.PubliclyAccessible === true,
            BackupRetentionPeriod: i.BackupRetentionPeriod,
            MultiAZ: i.MultiAZ,
            DBClusterIdentifier: i.DBClusterIdentifier,
            // A read replica's source (an ARN when it is in another region): data-residency reads it.
            SourceDBInstanceIdentifier: i.ReadReplicaSourceDBInstanceIdentifier,
            DBParameterGroupName: pg,
            VPCSecurityGroups: i.VpcSecurityGroups?.map((g) => g.VpcSecurityGroupId).filter(Boolean),
            DeletionProtection: i.DeletionProtection,
            AutoMinorVersionUpgrade: i.AutoMinorVersionUpgrade,
            EnableIAMDatabaseAuthentication: i.IAMDatabaseAuthenticationEnabled,
            EnableCloudwatchLogsExports: i.EnabledCloudwatchLogsExports,
            CopyTagsToSnapshot: i.CopyTagsToSnapshot,
            StorageType: i.StorageType,
            Tags: cfnTags(i.TagList),
            Live: compact({ Status: i.DBInstanceStatus, Endpoint: i.Endpoint?.Address, CACertificateIdentifier: i.CACertificateIdentifier }),
          }),
          p.raw,
          i,
          i.DBInstanceIdentifier,
        );
        const cid = i.DBClusterIdentifier ? clusterIds.get(i.DBClusterIdentifier) : undefined;
        if (cid) relate(r, 'cluster', cid);
        for (const g of i.VpcSecurityGroups ?? []) if (g.VpcSecurityGroupId) relate(r, 'securityGroups', arn(scope, 'ec2', region, `security-group/${g.VpcSecurityGroupId}`));
        if (pg) {
          const key = `instance:${pg}`;
          const e = paramGroups.get(key) ?? { kind: 'instance' as const, users: [] };
          e.users.push(r);
          paramGroups.set(key, e);
        }
        scope.emit(r);
      }
    }
  }

  // Parameter groups in use: their user-set parameters (the TLS-enforcing ones live here).
  await mapLimit([...paramGroups.entries()], concurrency, async ([key, { kind, users }]) => {
    const name = key.slice(key.indexOf(':') + 1);
    const op = kind === 'instance' ? 'rds:DescribeDBParameters' : 'rds:DescribeDBClusterParameters';
    const listed =
      kind === 'instance'
        ? await pages(scope, op, region, () => paginateDescribeDBParameters({ client: rds, pageSize: 100 }, { DBParameterGroupName: name, Source: 'user' }))
        : await pages(scope, op, region, () => paginateDescribeDBClusterParameters({ client: rds, pageSize: 100 }, { DBClusterParameterGroupName: name, Source: 'user' }));
    const params: Record<string, string> = {};
    for (const p of listed.pages) for (const x of p.data.Parameters ?? []) if (x.ParameterName && x.ParameterValue !== undefined) params[x.ParameterName] = x.ParameterValue;
    const type = kind === 'instance' ? 'aws.rds.db-parameter-group' : 'aws.rds.db-cluster-parameter-group';
    const id = arn(scope, 'rds', region, `${kind === 'instance' ? 'pg' : 'cluster-pg'}:${name}`);
    const r = liveResource(scope, type, id, region, { Parameters: params, Live: { Name: name, Source: 'user-set parameters only (engine defaults omitted)' } }, listed.pages[0]?.raw ?? { operation: op, region }, undefined, name);
    if (listed.error) addGap(r, 'Parameters', `${listed.error.code}: ${op}: ${listed.error.message}`);
    for (const u of users) {
      relate(u, 'parameterGroup', id);
      relate(r, kind === 'instance' ? 'instances' : 'clusters', u.id);
    }
    scope.emit(r);
  });
}

/** DB snapshots and DB cluster snapshots the account owns (`aws.rds.db-snapshot`, `aws.rds.db-cluster-snapshot`). */
async function collectSnapshots(scope: AwsScope, rds: RDSClient, region: string, concurrency: number): Promise<void> {
  const [db, cluster] = await Promise.all([
    pages(scope, 'rds:DescribeDBSnapshots', region, () => paginateDescribeDBSnapshots({ client: rds, pageSize: 100 }, {})),
    pages(scope, 'rds:DescribeDBClusterSnapshots', region, () => paginateDescribeDBClusterSnapshots({ client: rds, pageSize: 100 }, {})),
  ]);
  const out: { r: Resource; manual: boolean; id: string; cluster: boolean }[] = [];
  for (const p of db.error ? [] : db.pages) {
    for (const s of p.data.DBSnapshots ?? []) {
      const r = liveResource(
        scope,
        'aws.rds.db-snapshot',
        s.DBSnapshotArn ?? arn(scope, 'rds', region, `snapshot:${s.DBSnapshotIdentifier}`),
        region,
        compact({ DBSnapshotIdentifier: s.DBSnapshotIdentifier, DBInstanceIdentifier: s.DBInstanceIdentifier, Engine: s.Engine, Encrypted: s.Encrypted === true, KmsKeyId: s.KmsKeyId, Live: compact({ SnapshotType: s.SnapshotType, Status: s.Status }) }),
        p.raw,
        s,
        s.DBSnapshotIdentifier,
      );
      out.push({ r, manual: s.SnapshotType === 'manual', id: s.DBSnapshotIdentifier!, cluster: false });
    }
  }
  for (const p of cluster.error ? [] : cluster.pages) {
    for (const s of p.data.DBClusterSnapshots ?? []) {
      const r = liveResource(
        scope,
        'aws.rds.db-cluster-snapshot',
        s.DBClusterSnapshotArn ?? arn(scope, 'rds', region, `cluster-snapshot:${s.DBClusterSnapshotIdentifier}`),
        region,
        compact({ DBClusterSnapshotIdentifier: s.DBClusterSnapshotIdentifier, DBClusterIdentifier: s.DBClusterIdentifier, Engine: s.Engine, Encrypted: s.StorageEncrypted === true, KmsKeyId: s.KmsKeyId, Live: compact({ SnapshotType: s.SnapshotType, Status: s.Status }) }),
        p.raw,
        s,
        s.DBClusterSnapshotIdentifier,
      );
      out.push({ r, manual: s.SnapshotType === 'manual', id: s.DBClusterSnapshotIdentifier!, cluster: true });
    }
  }
  // Only manual snapshots can be shared; automated ones are private by construction.
  await mapLimit(out, concurrency, async (x) => {
    if (!x.manual) {
      x.r.properties.Live = { ...(x.r.properties.Live as object), Public: false };
      scope.emit(x.r);
      return;
    }
    const op = x.cluster ? 'rds:DescribeDBClusterSnapshotAttributes' : 'rds:DescribeDBSnapshotAttributes';
    const got = x.cluster
      ? await call(scope, op, region, () => rds.send(new DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: x.id })))
      : await call(scope, op, region, () => rds.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: x.id })));
    x.r.raw!.push(got.raw);
    if (got.ok) {
      const attrs = x.cluster
        ? ((got.data as { DBClusterSnapshotAttributesResult?: { DBClusterSnapshotAttributes?: { AttributeName?: string; AttributeValues?: string[] }[] } }).DBClusterSnapshotAttributesResult?.DBClusterSnapshotAttributes ?? [])
        : ((got.data as { DBSnapshotAttributesResult?: { DBSnapshotAttributes?: { AttributeName?: string; AttributeValues?: string[] }[] } }).DBSnapshotAttributesResult?.DBSnapshotAttributes ?? []);
      const restore = attrs.find((a) => a.AttributeName === 'restore')?.AttributeValues ?? [];
      x.r.properties.Live = { ...(x.r.properties.Live as object), Public: restore.includes('all'), SharedWith: restore.filter((v) => v !== 'all') };
    } else addGap(x.r, 'Live.Public', gapOf(got, op));
    scope.emit(x.r);
  });
}

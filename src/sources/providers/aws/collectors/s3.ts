/**
 * S3: buckets (ListBuckets, then one read per bucket setting, in the bucket's
 * own region), each bucket's policy as an `aws.s3.bucket-policy` resource, and
 * the account-level Block Public Access setting (S3 Control).
 * Properties use AWS::S3::Bucket's CloudFormation shape.
 */
import {
  S3Client,
  paginateListBuckets,
  GetBucketLocationCommand,
  GetBucketEncryptionCommand,
  GetPublicAccessBlockCommand,
  GetBucketPolicyCommand,
  GetBucketAclCommand,
  GetBucketVersioningCommand,
  GetBucketLoggingCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketReplicationCommand,
  GetBucketOwnershipControlsCommand,
  type Bucket,
  type GetBucketEncryptionCommandOutput,
  type GetPublicAccessBlockCommandOutput,
  type GetBucketPolicyCommandOutput,
  type GetBucketAclCommandOutput,
  type GetBucketVersioningCommandOutput,
  type GetBucketLoggingCommandOutput,
  type GetBucketLifecycleConfigurationCommandOutput,
  type GetBucketReplicationCommandOutput,
  type GetBucketOwnershipControlsCommandOutput,
  type Grant,
  type LifecycleRule,
  type ReplicationRule,
} from '@aws-sdk/client-s3';
import { S3ControlClient, GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import type { Resource } from '../../../../model/resource.js';
import { relate } from '../../../../model/inventory.js';
import { mapLimit } from '../../common/limit.js';
import { type AwsScope, call, pages, liveResource, addGap, gapOf, compact, rawRecord, redactValues } from './context.js';
import { parsePolicy } from './policy.js';
import type { BucketOp } from './s3-bucket-reader.js';

/** What each per-bucket read returns: the SDK command's output, whichever path made the call. */
interface BucketOutputs {
  GetBucketEncryption: GetBucketEncryptionCommandOutput;
  GetPublicAccessBlock: GetPublicAccessBlockCommandOutput;
  GetBucketPolicy: GetBucketPolicyCommandOutput;
  GetBucketAcl: GetBucketAclCommandOutput;
  GetBucketVersioning: GetBucketVersioningCommandOutput;
  GetBucketLogging: GetBucketLoggingCommandOutput;
  GetBucketLifecycleConfiguration: GetBucketLifecycleConfigurationCommandOutput;
  GetBucketReplication: GetBucketReplicationCommandOutput;
  GetBucketOwnershipControls: GetBucketOwnershipControlsCommandOutput;
}
type BucketOutput<K extends BucketOp> = BucketOutputs[K];

/** The SDK command behind each per-bucket read (the full-client path, and the reference the lean path is tested against). */
export const BUCKET_COMMANDS: Record<BucketOp, new (input: { Bucket: string }) => never> = {
  GetBucketEncryption: GetBucketEncryptionCommand as never,
  GetPublicAccessBlock: GetPublicAccessBlockCommand as never,
  GetBucketPolicy: GetBucketPolicyCommand as never,
  GetBucketAcl: GetBucketAclCommand as never,
  GetBucketVersioning: GetBucketVersioningCommand as never,
  GetBucketLogging: GetBucketLoggingCommand as never,
  GetBucketLifecycleConfiguration: GetBucketLifecycleConfigurationCommand as never,
  GetBucketReplication: GetBucketReplicationCommand as never,
  GetBucketOwnershipControls: GetBucketOwnershipControlsCommand as never,
};

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTH_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
const LOG_DELIVERY = 'http://acs.amazonaws.com/groups/s3/LogDelivery';

/** The canned ACL a grant list amounts to (CloudFormation's `AccessControl`), judged by its widest grant. */
export function cannedAcl(grants: Grant[]): string {
  const has = (uri: string, perms: string[]) => grants.some((g) => g.Grantee?.URI === uri && perms.includes(g.Permission ?? ''));
  if (has(ALL_USERS, ['WRITE', 'FULL_CONTROL'])) return 'PublicReadWrite';
  if (has(ALL_USERS, ['READ', 'READ_ACP'])) return 'PublicRead';
  if (has(AUTH_USERS, ['READ', 'WRITE', 'FULL_CONTROL', 'READ_ACP'])) return 'AuthenticatedRead';
  if (has(LOG_DELIVERY, ['WRITE'])) return 'LogDeliveryWrite';
  return 'Private';
}

export function bucketRegion(constraint: string | undefined | null): string {
  if (!constraint) return 'us-east-1';
  if (constraint === 'EU') return 'eu-west-1';
  return constraint;
}

function lifecycleRule(r: LifecycleRule): Record<string, unknown> {
  const filter = r.Filter;
  return compact({
    Id: r.ID,
    Status: r.Status,
    Prefix: r.Prefix ?? filter?.Prefix ?? filter?.And?.Prefix,
    TagFilters: filter?.Tag ? [filter.Tag] : filter?.And?.Tags,
    ObjectSizeGreaterThan: filter?.ObjectSizeGreaterThan ?? filter?.And?.ObjectSizeGreaterThan,
    ObjectSizeLessThan: filter?.ObjectSizeLessThan ?? filter?.And?.ObjectSizeLessThan,
    ExpirationInDays: r.Expiration?.Days,
    ExpirationDate: r.Expiration?.Date?.toISOString(),
    ExpiredObjectDeleteMarker: r.Expiration?.ExpiredObjectDeleteMarker,
    Transitions: r.Transitions?.map((t) => compact({ TransitionInDays: t.Days, TransitionDate: t.Date?.toISOString(), StorageClass: t.StorageClass })),
    NoncurrentVersionTransitions: r.NoncurrentVersionTransitions?.map((t) =>
      compact({ TransitionInDays: t.NoncurrentDays, StorageClass: t.StorageClass, NewerNoncurrentVersions: t.NewerNoncurrentVersions }),
    ),
    NoncurrentVersionExpiration: r.NoncurrentVersionExpiration
      ? compact({ NoncurrentDays: r.NoncurrentVersionExpiration.NoncurrentDays, NewerNoncurrentVersions: r.NoncurrentVersionExpiration.NewerNoncurrentVersions })
      : undefined,
    AbortIncompleteMultipartUpload: r.AbortIncompleteMultipartUpload,
  });
}

function replicationRule(r: ReplicationRule): Record<string, unknown> {
  const { ID, ...rest } = r;
  return compact({ Id: ID, ...rest } as Record<string, unknown>);
}

export async function collectS3(scope: AwsScope, concurrency: number): Promise<void> {
  const home = scope.homeRegion;
  const s3 = (region: string) => scope.clients.get('s3', region, S3Client);
  const reader = scope.clients.s3Reader();

  // Account-level Block Public Access: a fact every bucket carries.
  const control = scope.clients.get('s3control', home, S3ControlClient);
  const acct = await call(scope, 's3:GetAccountPublicAccessBlock', home, () => control.send(new GetAccountPublicAccessBlockCommand({ AccountId: scope.account })), [
    'NoSuchPublicAccessBlockConfiguration',
  ]);
  const accountBlock = acct.ok ? (acct.data.PublicAccessBlockConfiguration ?? {}) : acct.absent ? null : undefined;

  const listed = await pages(scope, 's3:ListBuckets', home, () => paginateListBuckets({ client: s3(home), pageSize: 1000 }, {}));
  if (listed.error) return; // recorded in coverage: the bucket list is incomplete.
  const buckets: { b: Bucket; raw: (typeof listed.pages)[number]['raw'] }[] = [];
  for (const p of listed.pages) for (const b of p.data.Buckets ?? []) if (b.Name) buckets.push({ b, raw: p.raw });

  await mapLimit(buckets, concurrency * 2, async ({ b, raw }) => {
    const name = b.Name!;
    const id = `arn:${scope.partition}:s3:::${name}`;
    let region = b.BucketRegion;
    const rawRecords = [];
    if (!region) {
      const loc = await call(scope, 's3:GetBucketLocation', home, () => s3(home).send(new GetBucketLocationCommand({ Bucket: name })));
      if (loc.ok) region = bucketRegion(loc.data.LocationConstraint);
      rawRecords.push(loc.raw);
      if (!loc.ok) {
        const r = liveResource(scope, 'aws.s3.bucket', id, undefined, { BucketName: name }, raw, b, name);
        addGap(r, '*', gapOf(loc, 's3:GetBucketLocation'));
        r.raw!.push(loc.raw);
        scope.emit(r);
        return;
      }
    }
    const c = s3(region!);
    // Per-bucket reads take the lean path when the endpoint rules allow plain SigV4, else the SDK client.
    const target = await reader.target(c, name, region!);
    const get = <K extends BucketOp>(op: K, absent: readonly string[] = []) =>
      call(scope, `s3:${op}`, region!, () => (target ? reader.read(target, op) : c.send(new BUCKET_COMMANDS[op]({ Bucket: name }))) as Promise<BucketOutput<K>>, absent);
    const props: Record<string, unknown> = { BucketName: name, Live: { Region: region, CreationDate: b.CreationDate?.toISOString() } };
    const bucket = liveResource(scope, 'aws.s3.bucket', id, region, props, raw, b, name);
    bucket.raw!.push(...rawRecords);
    const live = props.Live as Record<string, unknown>;
    live.AccountPublicAccessBlock = accountBlock ?? undefined;
    if (accountBlock === undefined && !acct.ok) addGap(bucket, 'Live.AccountPublicAccessBlock', gapOf(acct, 's3:GetAccountPublicAccessBlock'));

    const [enc, pab, pol, acl, ver, log, life, repl, own] = await Promise.all([
      get('GetBucketEncryption', ['ServerSideEncryptionConfigurationNotFoundError']),
      get('GetPublicAccessBlock', ['NoSuchPublicAccessBlockConfiguration']),
      get('GetBucketPolicy', ['NoSuchBucketPolicy']),
      get('GetBucketAcl'),
      get('GetBucketVersioning'),
      get('GetBucketLogging'),
      get('GetBucketLifecycleConfiguration', ['NoSuchLifecycleConfiguration']),
      get('GetBucketReplication', ['ReplicationConfigurationNotFoundError']),
      get('GetBucketOwnershipControls', ['OwnershipControlsNotFoundError']),
    ]);

    const keep = (o: { ok: boolean; raw: ReturnType<typeof rawRecord> }, data?: unknown) => {
      bucket.raw!.push(data === undefined ? o.raw : { ...o.raw, data: rawRecord(o.raw.operation, region, undefined, data).data });
    };

    if (enc.ok) {
      const rules = enc.data.ServerSideEncryptionConfiguration?.Rules ?? [];
      props.BucketEncryption = {
        ServerSideEncryptionConfiguration: rules.map((r) =>
          compact({ ServerSideEncryptionByDefault: r.ApplyServerSideEncryptionByDefault ? compact({ ...r.ApplyServerSideEncryptionByDefault }) : undefined, BucketKeyEnabled: r.BucketKeyEnabled }),
        ),
      };
      keep(enc, enc.data.ServerSideEncryptionConfiguration);
    } else if (!enc.absent) addGap(bucket, 'BucketEncryption', gapOf(enc, 's3:GetBucketEncryption'));

    if (pab.ok) {
      props.PublicAccessBlockConfiguration = compact({ ...(pab.data.PublicAccessBlockConfiguration ?? {}) });
      keep(pab, pab.data.PublicAccessBlockConfiguration);
    } else if (!pab.absent) addGap(bucket, 'PublicAccessBlockConfiguration', gapOf(pab, 's3:GetPublicAccessBlock'));

    if (acl.ok) {
      const grants = acl.data.Grants ?? [];
      props.AccessControl = cannedAcl(grants);
      live.AclGrants = grants.map((g) => compact({ Grantee: g.Grantee?.URI ?? g.Grantee?.ID ?? g.Grantee?.EmailAddress, Type: g.Grantee?.Type, Permission: g.Permission }));
      keep(acl, { Grants: grants });
    } else addGap(bucket, 'AccessControl', gapOf(acl, 's3:GetBucketAcl'));

    if (ver.ok) {
      if (ver.data.Status) props.VersioningConfiguration = { Status: ver.data.Status };
      if (ver.data.MFADelete) live.MfaDelete = ver.data.MFADelete;
      keep(ver, { Status: ver.data.Status, MFADelete: ver.data.MFADelete });
    } else addGap(bucket, 'VersioningConfiguration', gapOf(ver, 's3:GetBucketVersioning'));

    if (log.ok) {
      const le = log.data.LoggingEnabled;
      if (le) props.LoggingConfiguration = compact({ DestinationBucketName: le.TargetBucket, LogFilePrefix: le.TargetPrefix });
      keep(log, { LoggingEnabled: le });
    } else addGap(bucket, 'LoggingConfiguration', gapOf(log, 's3:GetBucketLogging'));

    if (life.ok) {
      props.LifecycleConfiguration = { Rules: (life.data.Rules ?? []).map(lifecycleRule) };
      keep(life, { Rules: life.data.Rules });
    } else if (!life.absent) addGap(bucket, 'LifecycleConfiguration', gapOf(life, 's3:GetBucketLifecycleConfiguration'));

    if (repl.ok) {
      const rc = repl.data.ReplicationConfiguration;
      if (rc) props.ReplicationConfiguration = compact({ Role: rc.Role, Rules: (rc.Rules ?? []).map(replicationRule) });
      keep(repl, rc);
    } else if (!repl.absent) addGap(bucket, 'ReplicationConfiguration', gapOf(repl, 's3:GetBucketReplication'));

    if (own.ok) {
      props.OwnershipControls = { Rules: (own.data.OwnershipControls?.Rules ?? []).map((r) => ({ ObjectOwnership: r.ObjectOwnership })) };
      keep(own, own.data.OwnershipControls);
    } else if (!own.absent) addGap(bucket, 'OwnershipControls', gapOf(own, 's3:GetBucketOwnershipControls'));

    // The policy is its own resource, as in a template; a policy we could not read is
    // a policy resource whose document is unknown, so no rule mistakes it for "no policy".
    if (pol.ok || !pol.absent) {
      const policyId = `${id}/policy`;
      const doc = pol.ok ? parsePolicy(pol.data.Policy) : undefined;
      const policy: Resource = liveResource(scope, 'aws.s3.bucket-policy', policyId, region, compact({ Bucket: name, PolicyDocument: doc }), pol.raw, pol.ok ? { Policy: doc } : undefined, name);
      if (!pol.ok) addGap(policy, 'PolicyDocument', gapOf(pol, 's3:GetBucketPolicy'));
      else if (doc === undefined) addGap(policy, 'PolicyDocument', 'InvalidPolicy: s3:GetBucketPolicy returned a document that is not JSON');
      relate(bucket, 'policy', policyId);
      relate(policy, 'bucket', id);
      scope.emit(policy);
    }
    bucket.properties = redactValues(props) as Record<string, unknown>;
    scope.emit(bucket);
  });
}

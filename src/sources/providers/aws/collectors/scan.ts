/**
 * A live AWS scan: resolve who we are (STS), which accounts (the caller's,
 * an assumed role's, or every active account of the organization through a
 * role) and which regions (enabled ones, EC2 DescribeRegions), then run the
 * collectors per account × region. Returns the inventory and its coverage.
 */
import type { SourceEnv } from '../../common/env.js';
import { STSClient, GetCallerIdentityCommand, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { OrganizationsClient, paginateListAccounts } from '@aws-sdk/client-organizations';
import { EC2Client, DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { Resource } from '../../../../model/resource.js';
import { Inventory } from '../../../../model/inventory.js';
import { InputError } from '../../../../util/errors.js';
import { CoverageRecorder } from '../../common/coverage.js';
import { Progress } from '../../common/progress.js';
import { mapLimit } from '../../common/limit.js';
import { unitsForShard, type Shard } from '../../../../findings/shard.js';
import { ClientFactory } from './clients.js';
import { type AwsScope, call, pages, errorCode, safeMessage } from './context.js';
import { collectS3 } from './s3.js';
import { collectIam } from './iam.js';
import { collectEc2 } from './ec2.js';
import { collectElbv2 } from './elbv2.js';
import { collectRds } from './rds.js';
import { collectKms } from './kms.js';
import { collectSecretsManager } from './secretsmanager.js';
import { collectSsm } from './ssm.js';
import { collectDynamoDb } from './dynamodb.js';
import { collectCloudTrail } from './cloudtrail.js';
import { collectLogs } from './logs.js';
import { collectElastiCache } from './elasticache.js';
import { collectBackup } from './backup.js';
import { collectCloudFront } from './cloudfront.js';
import { collectApiGateway } from './apigateway.js';
import { collectLambda } from './lambda.js';
import { collectEcs } from './ecs.js';
import { collectVpcFlowLogs } from './vpc-flow-logs.js';
import { collectLaunchTemplates } from './launch-templates.js';
import { collectServerlessCaches } from './elasticache-serverless.js';
import { collectRestApis } from './apigateway-rest-apis.js';
import { collectApiGatewayV2 } from './apigatewayv2.js';
import { collectEfs } from './efs.js';
import { collectSqs } from './sqs.js';
import { collectSns } from './sns.js';
import { collectKinesis } from './kinesis.js';
import { collectOpenSearch } from './opensearch.js';
import { collectCognito } from './cognito.js';
import { collectCloudFormation } from './cloudformation.js';
import { collectTrailAlarms } from './cloudwatch-trail-alarms.js';
import { collectConfigRecorders } from './config-recorders.js';
import { collectAccessAnalyzer } from './access-analyzer.js';
import { collectSecurityHub } from './securityhub.js';
import { aws, type AwsServiceName } from '../index.js';
import { serviceNames, parseServiceList } from '../../index.js';
import { excludedKey } from '../../coverage.js';
import { attachOwners } from '../../../../findings/drift/ownership.js';

/** One service's collection in one region (global services: in the home region, once per account). */
type Collector = (scope: AwsScope, region: string, concurrency: number) => Promise<void>;

/**
 * The collectors of every declared service (src/sources/providers/aws): a service
 * declared without a collector here, or a collector for an undeclared one,
 * does not compile. Whether a service is global or regional is declared there.
 */
const COLLECTORS: Record<AwsServiceName, Collector> = {
  iam: (s) => collectIam(s),
  s3: (s, _r, c) => collectS3(s, c),
  cloudfront: (s) => collectCloudFront(s),
  ec2: async (s, r) => void (await Promise.all([collectEc2(s, r), collectVpcFlowLogs(s, r), collectLaunchTemplates(s, r)])),
  elbv2: collectElbv2,
  rds: collectRds,
  elasticache: async (s, r) => void (await Promise.all([collectElastiCache(s, r), collectServerlessCaches(s, r)])),
  kms: collectKms,
  secretsmanager: (s, r) => collectSecretsManager(s, r),
  ssm: (s, r) => collectSsm(s, r),
  backup: collectBackup,
  dynamodb: collectDynamoDb,
  cloudtrail: collectCloudTrail,
  logs: (s, r) => collectLogs(s, r),
  apigateway: async (s, r) => void (await Promise.all([collectApiGateway(s, r), collectRestApis(s, r), collectApiGatewayV2(s, r)])),
  lambda: (s, r) => collectLambda(s, r),
  ecs: collectEcs,
  efs: (s, r) => collectEfs(s, r),
  sqs: collectSqs,
  sns: collectSns,
  kinesis: collectKinesis,
  opensearch: (s, r) => collectOpenSearch(s, r),
  cognito: collectCognito,
  cloudformation: collectCloudFormation,
  cloudwatch: collectTrailAlarms,
  config: (s, r) => collectConfigRecorders(s, r),
  accessanalyzer: (s, r) => collectAccessAnalyzer(s, r),
  securityhub: (s, r) => collectSecurityHub(s, r),
};

const byScope = (scope: 'global' | 'regional') => Object.fromEntries(aws.services.filter((d) => d.scope === scope).map((d) => [d.name, COLLECTORS[d.name]]));
export const GLOBAL_COLLECTORS: Record<string, Collector> = byScope('global');
export const REGIONAL_COLLECTORS: Record<string, Collector> = byScope('regional');
export const ALL_SERVICES: string[] = serviceNames(aws);

export interface AwsScanOptions {
  profile?: string;
  /** `all` (enabled regions) or an explicit list. */
  regions: 'all' | string[];
  roleArn?: string;
  externalId?: string;
  orgRole?: string;
  accounts?: string[];
  services?: string[];
  concurrency: number;
  endpoints: Record<string, string>;
  maxAttempts?: number;
  requestTimeoutMs?: number;
  /** Where progress is shown (the CLI passes one writing to its stderr); `false` or absent: nowhere. */
  progress?: Progress | boolean;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Scan only this shard's units (`--shard K/N`); the coverage still lists every planned unit. */
  shard?: Shard;
  /** The caller's environment (common/env.ts): endpoint overrides, the home region. Default: none. */
  env?: SourceEnv;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function parseRegions(v: string | undefined): 'all' | string[] {
  if (!v || v === 'all') return 'all';
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const r of list) if (!REGION.test(r)) throw new InputError(`--regions: '${r}' is not an AWS region name (e.g. eu-west-1), or use 'all'`);
  if (!list.length) throw new InputError('--regions: name at least one region, or use all');
  return list;
}

export function parseAccounts(v: string | undefined): string[] | undefined {
  if (!v) return undefined;
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const a of list) if (!/^\d{12}$/.test(a)) throw new InputError(`--accounts: '${a}' is not a 12-digit AWS account id`);
  return list;
}

export function parseServices(v: unknown): string[] {
  return parseServiceList(aws, v);
}

/** Credentials of an assumed role, re-assumed five minutes before they expire. */
function assumedRoleProvider(sts: STSClient, roleArn: string, externalId: string | undefined, coverage: CoverageRecorder): AwsCredentialIdentityProvider {
  let current: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    if (current && (!current.expiration || current.expiration.getTime() - Date.now() > 5 * 60_000)) return current;
    if (!pending) coverage.call('sts:AssumeRole');
    pending ??= sts
      .send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'vouch-scan', ...(externalId ? { ExternalId: externalId } : {}), DurationSeconds: 3600 }))
      .then((out) => {
        const c = out.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`sts:AssumeRole ${roleArn} returned no credentials`);
        current = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
        return current;
      })
      .finally(() => (pending = undefined));
    return pending;
  };
}

interface Target {
  account: string;
  partition: string;
  clients: ClientFactory;
}

export interface AwsScanResult {
  inventory: Inventory;
  accounts: string[];
}

/**
 * Work units of an AWS scan (for `--shard K/N` and `vouch plan`):
 * `aws:<account>:global` (IAM, S3, CloudFront: account-wide services, read
 * once per account) and `aws:<account>:<region>` per enabled region. An
 * account that cannot be entered (AssumeRole fails) is the single unit
 * `aws:<account>`: its regions are unknown, so it cannot be split.
 */
export function awsUnitId(account: string, where?: string): string {
  return where ? `aws:${account}:${where}` : `aws:${account}`;
}

interface Enumerated {
  coverage: CoverageRecorder;
  home: string;
  /** Accounts entered, with the regions to scan in each. */
  targets: (Target & { regions: string[] })[];
  /** Every unit of the whole scan (all shards), sorted. */
  units: string[];
  /** Units that failed while enumerating (`aws:<account>`), with the reason. */
  failed: Map<string, string>;
}

/**
 * The cheap, read-only part of a scan: who we are, which accounts
 * (organizations:ListAccounts, sts:AssumeRole into each), which regions
 * (ec2:DescribeRegions per account). Every shard runs it in full so that each
 * records the plan of the whole scan.
 */
async function enumerateAws(o: AwsScanOptions): Promise<Enumerated> {
  const coverage = new CoverageRecorder();
  const env = o.env ?? {};
  const home = env.AWS_REGION || env.AWS_DEFAULT_REGION || (o.regions !== 'all' ? o.regions[0]! : 'us-east-1');
  const base = new ClientFactory({
    env,
    credentials: o.credentials,
    profile: o.profile,
    endpoints: o.endpoints,
    concurrency: o.concurrency,
    maxAttempts: o.maxAttempts ?? 4,
    requestTimeoutMs: o.requestTimeoutMs ?? 30_000,
    onThrottle: () => coverage.throttles++,
  });

  // Who are we? Without an identity nothing can be scanned: a clear error, not an empty report.
  const whoami = async (clients: ClientFactory, what: string) => {
    const sts = clients.get('sts', home, STSClient);
    coverage.call('sts:GetCallerIdentity');
    try {
      const id = await sts.send(new GetCallerIdentityCommand({}));
      // An answer without a 12-digit account is not an identity: never scan as account `undefined`.
      if (typeof id.Account !== 'string' || !/^\d{12}$/.test(id.Account))
        throw Object.assign(new Error('the GetCallerIdentity answer names no 12-digit account'), { name: 'BAD_RESPONSE' });
      return { account: id.Account, partition: id.Arn?.split(':')[1] ?? 'aws' };
    } catch (e) {
      throw new InputError(`aws: cannot authenticate ${what}: ${errorCode(e)}: ${safeMessage(e)}`);
    }
  };

  const caller = await whoami(base, o.roleArn ? 'with the default credentials' : '(check AWS_PROFILE / --profile, or the SDK credential chain)');
  let entry: Target = { ...caller, clients: base };
  if (o.roleArn) {
    const clients = base.withCredentials(assumedRoleProvider(base.get('sts', home, STSClient), o.roleArn, o.externalId, coverage));
    entry = { ...(await whoami(clients, `as ${o.roleArn}`)), clients };
  }

  const failed = new Map<string, string>();
  const targets: Target[] = [];
  if (o.orgRole) {
    const org = entry.clients.get('organizations', 'us-east-1', OrganizationsClient);
    const scope = { account: entry.account, coverage, failures: 0 } as unknown as AwsScope;
    const listed = await pages(scope, 'organizations:ListAccounts', 'us-east-1', () => paginateListAccounts({ client: org }, {}));
    if (listed.error) throw new InputError(`aws: --org-role needs organizations:ListAccounts from the management or a delegated administrator account: ${listed.error.code}: ${listed.error.message}`);
    const active = listed.pages.flatMap((p) => p.data.Accounts ?? []).filter((a) => (a.State ?? a.Status) === 'ACTIVE' && a.Id);
    const wanted = o.accounts ? active.filter((a) => o.accounts!.includes(a.Id!)) : active;
    for (const missing of (o.accounts ?? []).filter((id) => !active.some((a) => a.Id === id)))
      coverage.fail('organizations:ListAccounts', 'NotActive', `account ${missing} is not an active member of the organization`, { account: missing });
    await mapLimit(wanted, 8, async (a) => {
      const roleArn = `arn:${entry.partition}:iam::${a.Id}:role/${o.orgRole}`;
      const clients = entry.clients.withCredentials(assumedRoleProvider(entry.clients.get('sts', home, STSClient), roleArn, o.externalId, coverage));
      try {
        await (clients.settings.credentials as AwsCredentialIdentityProvider)();
        targets.push({ account: a.Id!, partition: entry.partition, clients });
      } catch (e) {
        const unit = awsUnitId(a.Id!);
        coverage.fail('sts:AssumeRole', errorCode(e), safeMessage(e), { account: a.Id!, unit });
        failed.set(unit, `cannot assume ${roleArn}: ${errorCode(e)}`);
      }
    });
  } else {
    if (o.accounts && !o.accounts.includes(entry.account))
      throw new InputError(`--accounts: the credentials reach account ${entry.account}, not ${o.accounts.join(', ')} (use --org-role to scan member accounts)`);
    targets.push(entry);
  }
  targets.sort((a, b) => a.account.localeCompare(b.account));

  const withRegions = await mapLimit(targets, 8, async (t) => {
    // Regions: enabled ones, narrowed to those asked for.
    let regions: string[];
    const ec2 = t.clients.get('ec2', home, EC2Client);
    const rs = { account: t.account, partition: t.partition, regions: [], homeRegion: home, clients: t.clients, coverage, emit: () => {}, failures: 0 } as AwsScope;
    const described = await call(rs, 'ec2:DescribeRegions', home, () => ec2.send(new DescribeRegionsCommand({ AllRegions: false })));
    if (described.ok) {
      const enabled = (described.data.Regions ?? []).filter((r) => r.OptInStatus !== 'not-opted-in').map((r) => r.RegionName!).filter(Boolean);
      if (o.regions === 'all') regions = enabled;
      else {
        regions = o.regions.filter((r) => enabled.includes(r));
        for (const r of o.regions.filter((x) => !enabled.includes(x))) coverage.skipped(`${t.account}/${r}`, 'region is not enabled for the account (EC2 DescribeRegions)');
      }
    } else {
      // Fail closed: scan what was asked for; with `all` we cannot know what we missed, and coverage says so.
      regions = o.regions === 'all' ? [home] : [...o.regions];
    }
    regions.sort();
    return { ...t, regions };
  });
  const services = o.services ?? ALL_SERVICES;
  const units = new Set<string>(failed.keys());
  for (const t of withRegions) {
    if (services.some((s) => s in GLOBAL_COLLECTORS)) units.add(awsUnitId(t.account, 'global'));
    for (const r of t.regions) units.add(awsUnitId(t.account, r));
  }
  return { coverage, home, targets: withRegions, units: [...units].sort(), failed };
}

/** `vouch plan scan aws`: every unit of the scan, from read-only enumeration calls only. */
export async function planAws(o: AwsScanOptions): Promise<string[]> {
  return (await enumerateAws({ ...o, progress: false })).units;
}

export async function scanAws(o: AwsScanOptions): Promise<AwsScanResult> {
  const services = o.services ?? ALL_SERVICES;
  const { coverage, home, targets, units: planned, failed } = await enumerateAws(o);
  const mine = new Set(unitsForShard(planned.map((id) => ({ id })), o.shard).map((u) => u.id));
  for (const [id, reason] of failed) coverage.unit(id, 'failed', reason);

  const progress = o.progress instanceof Progress ? o.progress : new Progress('vouch scan aws', { write: () => true }, false);
  const resources: Resource[] = [];
  const seen = new Set<string>();
  const emit = (r: Resource) => {
    if (seen.has(r.id)) return; // the same AWS-managed policy seen from two accounts
    seen.add(r.id);
    resources.push(r);
  };

  const wantGlobal = services.filter((s) => s in GLOBAL_COLLECTORS);
  const wantRegional = services.filter((s) => s in REGIONAL_COLLECTORS);
  const work = targets
    .map((t) => {
      const units: { id: string; region?: string; run: (s: AwsScope) => Promise<void> }[] = [];
      if (wantGlobal.length) units.push({ id: awsUnitId(t.account, 'global'), run: async (s) => void (await Promise.all(wantGlobal.map((n) => GLOBAL_COLLECTORS[n]!(s, home, o.concurrency)))) });
      for (const region of t.regions)
        units.push({ id: awsUnitId(t.account, region), region, run: async (s) => void (await Promise.all(wantRegional.map((n) => REGIONAL_COLLECTORS[n]!(s, region, o.concurrency)))) });
      return { t, units: units.filter((u) => mine.has(u.id)) };
    })
    .filter((w) => w.units.length > 0);
  progress.total(work.reduce((n, w) => n + w.units.length, 0));

  await mapLimit(work, 2, async ({ t, units }) => {
    coverage.account('aws', t.account);
    for (const u of units) if (u.region) coverage.region(u.region);
    await Promise.all(
      units.map(async (u) => {
        const s: AwsScope = { account: t.account, partition: t.partition, regions: t.regions, homeRegion: home, clients: t.clients, coverage, progress, emit, failures: 0, unit: u.id };
        try {
          await u.run(s);
        } catch (e) {
          // A collector bug must not turn into silence: record it against the unit.
          s.failures++;
          coverage.fail(`collector:${u.id}`, errorCode(e), safeMessage(e), { account: t.account, unit: u.id });
        }
        const ok = s.failures === 0;
        coverage.unit(u.id, ok ? 'done' : 'failed', ok ? undefined : `${s.failures} call(s) failed`);
        progress.unitDone(u.id, ok, ok ? '' : `${s.failures} failed`);
      }),
    );
  });
  progress.finish();
  const excluded = ALL_SERVICES.filter((s) => !services.includes(s));
  if (excluded.length) coverage.skipped(`aws services ${excluded.join(', ')}`, 'not selected (--services): rules on what they produce are reported not collected');

  const snapshot = coverage.snapshot();
  if (excluded.length) snapshot.excludedServices = excluded.map((s) => excludedKey('aws', s));
  const counts: Record<string, number> = {};
  for (const r of resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
  snapshot.resources = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
  snapshot.throttles = coverage.throttles;
  snapshot.plannedUnits = planned;
  if (o.shard) snapshot.shard = { index: o.shard.index, count: o.shard.count };
  // Which stack owns each resource (src/findings/drift/ownership.ts); a shard sees only its regions' stacks.
  const owners = attachOwners(resources, snapshot, { allRegions: o.regions === 'all' && !o.shard });
  for (const why of owners.causes) (snapshot.notCollected ??= []).push({ what: 'CloudFormation ownership', why });
  return { inventory: new Inventory(resources, snapshot), accounts: work.map((w) => w.t.account) };
}

/**
 * How long a store keeps what is written to it: one reading per resource type, from the setting
 * that bounds it (or the service default when the setting is omitted), in hours. `Infinity` is
 * "until someone deletes it". A setting that is not known (a parameter, a field a live collector
 * could not read) throws `NeedsValue`, so the verdict is unknown, never a pass.
 */
import type { Resource } from '../../src/model/resource.js';
import type { EvidenceItem } from '../../src/evaluate/rule.js';
import type { Inventory } from '../../src/model/inventory.js';
import { isRef, isUnresolved } from '../../src/model/values.js';
import { asArray, asBool, asNumber, asRecord, ev, gapFor, get as getPath, must, NeedsValue } from '../../src/evaluate/facts.js';
import { coversAction, policyStatements } from '../../src/lib/s3-policy.js';

export interface Kept {
  /** Hours an item is kept at most; Infinity: never expires; undefined: the store's own setting does not say (e.g. per-item TTL). */
  hours: number | undefined;
  /** What the reading rests on. */
  evidence: EvidenceItem;
  /** Why `hours` is undefined, for the message. */
  why?: string;
  /**
   * Set when `hours` is how long the store keeps data only if something the template does not show holds
   * (else longer): a promise `hours` already breaks fails, one it would keep is unknown, with this reason.
   */
  unproven?: string;
}

const DAY = 24;

/** A property of the store; a field a live collector could not read is unknown (NeedsValue), not omitted. */
function read(r: Resource, path: string): unknown {
  const gap = gapFor(r, path);
  if (gap) throw new NeedsValue(path, gap);
  return getPath(r.properties, path);
}

/** A number from the template, or NeedsValue when it is not a number. */
function num(v: unknown, path: string): number {
  const n = asNumber(must(v, path));
  if (n === undefined) throw new NeedsValue(path, `${JSON.stringify(v)}, which is not a number`);
  return n;
}

type Reader = { name: string; kept: (r: Resource, inventory?: Inventory) => Kept };

const forever = (path: string, note: string): Kept => ({ hours: Infinity, evidence: ev(path, null, undefined, note) });

/** The name property of each store type (what a data set's `match.name` is compared with) and how long it keeps data. */
export const RETENTION: Record<string, Reader> = {
  'aws.logs.log-group': { name: 'LogGroupName', kept: (r, inventory) => logRetention(r, inventory) },
  // CDK's logRetention prop: a custom resource that sets RetentionInDays on the log group it names (omitted: INFINITE).
  'aws.custom.custom-log-retention': { name: 'LogGroupName', kept: (r) => logRetention(r) },
  'aws.kinesis.stream': {
    name: 'Name',
    kept: (r) => {
      const v = read(r, 'RetentionPeriodHours');
      if (v === undefined) return { hours: 24, evidence: ev('RetentionPeriodHours', null, undefined, 'omitted: Kinesis keeps records 24 hours') };
      return { hours: num(v, 'RetentionPeriodHours'), evidence: ev('RetentionPeriodHours', v) };
    },
  },
  'aws.kinesisvideo.stream': {
    name: 'Name',
    kept: (r) => {
      const v = read(r, 'DataRetentionInHours');
      if (v === undefined) return { hours: 0, evidence: ev('DataRetentionInHours', null, undefined, 'omitted: 0, the stream keeps no media') };
      return { hours: num(v, 'DataRetentionInHours'), evidence: ev('DataRetentionInHours', v) };
    },
  },
  'aws.sqs.queue': {
    name: 'QueueName',
    kept: (r) => {
      const v = read(r, 'MessageRetentionPeriod');
      if (v === undefined) return { hours: 4 * DAY, evidence: ev('MessageRetentionPeriod', null, undefined, 'omitted: SQS keeps messages 345600 seconds (4 days)') };
      return { hours: num(v, 'MessageRetentionPeriod') / 3600, evidence: ev('MessageRetentionPeriod', v, undefined, 'seconds') };
    },
  },
  'aws.events.archive': {
    name: 'ArchiveName',
    kept: (r) => {
      const v = read(r, 'RetentionDays');
      if (v === undefined) return forever('RetentionDays', 'omitted: 0, EventBridge keeps archived events indefinitely');
      const days = num(v, 'RetentionDays');
      return days === 0 ? forever('RetentionDays', '0: EventBridge keeps archived events indefinitely') : { hours: days * DAY, evidence: ev('RetentionDays', v) };
    },
  },
  'aws.timestream.table': {
    name: 'TableName',
    kept: (r) => {
      // Records move from the memory store to the magnetic store and are deleted when older than the magnetic retention.
      const mem = read(r, 'RetentionProperties.MemoryStoreRetentionPeriodInHours');
      const mag = read(r, 'RetentionProperties.MagneticStoreRetentionPeriodInDays');
      const memH = mem === undefined ? 6 : num(mem, 'RetentionProperties.MemoryStoreRetentionPeriodInHours');
      const magD = mag === undefined ? 73000 : num(mag, 'RetentionProperties.MagneticStoreRetentionPeriodInDays');
      return {
        hours: Math.max(memH, magD * DAY),
        evidence: ev('RetentionProperties', { MemoryStoreRetentionPeriodInHours: mem ?? null, MagneticStoreRetentionPeriodInDays: mag ?? null }, undefined, `memory store ${memH} hours${mem === undefined ? ' (default)' : ''}, magnetic store ${magD} days${mag === undefined ? ' (default 73000)' : ''}`),
      };
    },
  },
  'aws.cloudtrail.event-data-store': {
    name: 'Name',
    kept: (r) => {
      const v = read(r, 'RetentionPeriod');
      if (v === undefined) return { hours: 2557 * DAY, evidence: ev('RetentionPeriod', null, undefined, 'omitted: CloudTrail Lake keeps events 2557 days (7 years)') };
      return { hours: num(v, 'RetentionPeriod') * DAY, evidence: ev('RetentionPeriod', v, undefined, 'days') };
    },
  },
  'aws.s3.bucket': { name: 'BucketName', kept: (r) => bucketKept(r) },
  // An S3 Express directory bucket expires objects by the same lifecycle rules (it has no versioning or Object Lock).
  'aws.s3express.directory-bucket': { name: 'BucketName', kept: (r, inventory) => directoryBucketKept(r, inventory) },
  'aws.msk.cluster': { name: 'ClusterName', kept: (r, inventory) => kafkaKept(r, inventory) },
  'aws.dynamodb.table': { name: 'TableName', kept: (r) => itemTtl(r) },
  'aws.dynamodb.global-table': { name: 'TableName', kept: (r) => itemTtl(r) },
  'aws.cassandra.table': {
    name: 'TableName',
    kept: (r) => {
      const v = read(r, 'DefaultTimeToLive');
      const s = v === undefined ? 0 : num(v, 'DefaultTimeToLive');
      return s === 0 ? forever('DefaultTimeToLive', `${v === undefined ? 'omitted' : '0'}: rows written without their own TTL never expire`) : { hours: s / 3600, evidence: ev('DefaultTimeToLive', v, undefined, 'seconds') };
    },
  },
  'aws.sns.topic': {
    name: 'TopicName',
    kept: (r) => {
      const v = read(r, 'ArchivePolicy.MessageRetentionPeriod');
      if (v === undefined) {
        must(read(r, 'ArchivePolicy'), 'ArchivePolicy');
        return { hours: 0, evidence: ev('ArchivePolicy', null, undefined, 'no message archive: the topic keeps no copy of what it delivers') };
      }
      return { hours: num(v, 'ArchivePolicy.MessageRetentionPeriod') * DAY, evidence: ev('ArchivePolicy.MessageRetentionPeriod', v, undefined, 'days') };
    },
  },
};

function logRetention(r: Resource, inventory?: Inventory): Kept {
  // A Delivery-class group (Lambda logs on their way to S3 or Firehose) keeps events one day, whatever RetentionInDays says.
  const cls = r.type === 'aws.logs.log-group' ? read(r, 'LogGroupClass') : undefined;
  if (cls === 'DELIVERY') return { hours: DAY, evidence: ev('LogGroupClass', cls, undefined, 'the Delivery log class keeps events in CloudWatch Logs for one day') };
  const v = read(r, 'RetentionInDays');
  // A class from a parameter could be DELIVERY (one day) or keep what RetentionInDays says: unknown unless that is a day at most.
  if (isUnresolved(cls) && !((asNumber(v) ?? Infinity) <= 1)) must(cls, 'LogGroupClass');
  if (v === undefined || v === null) {
    // A group the template leaves without retention may get it from CDK's logRetention custom resource naming it.
    const setter = inventory && r.type === 'aws.logs.log-group' ? logRetentionOf(r, inventory) : undefined;
    if (setter) {
      const k = logRetention(setter);
      return { ...k, evidence: { ...k.evidence, note: `set by ${setter.location.logicalId ?? setter.id} (Custom::LogRetention)${k.evidence.note ? `; ${k.evidence.note}` : ''}` } };
    }
    return forever('RetentionInDays', 'omitted: CloudWatch Logs keeps events indefinitely');
  }
  return { hours: num(v, 'RetentionInDays') * DAY, evidence: ev('RetentionInDays', v) };
}

const scoped = (rule: Record<string, unknown>) =>
  Boolean(rule.Prefix || rule.TagFilters || rule.ObjectSizeGreaterThan !== undefined || rule.ObjectSizeLessThan !== undefined);

/**
 * S3: the shortest enabled bucket-wide expiration; on a versioned bucket expiration only adds a delete
 * marker, so the old version stays until NoncurrentVersionExpiration removes it (current + noncurrent
 * days). Object Lock keeps every version at least its default retention, whatever the lifecycle says.
 */
function bucketKept(r: Resource): Kept {
  const rules = asArray(must(read(r, 'LifecycleConfiguration.Rules'), 'LifecycleConfiguration.Rules')).map((x, i) => asRecord(must(x, `LifecycleConfiguration.Rules[${i}]`)));
  const enabled = rules.filter((x) => must(x.Status, 'Status') === 'Enabled' && x.ExpirationInDays !== undefined);
  const whole = enabled.filter((x) => !scoped(x));
  const lock = lockDays(r);
  const lockNote = lock ? `; Object Lock keeps each version at least ${lock.days} days` : '';
  if (whole.length === 0) {
    if (enabled.length)
      return { hours: undefined, evidence: ev('LifecycleConfiguration.Rules', enabled), why: 'expiration rules cover only part of the bucket (prefix/tag/size filters); vouch cannot tell whether the data set’s objects are all under them' };
    return forever('LifecycleConfiguration.Rules', `${rules.length ? 'no enabled expiration rule' : 'omitted'}: S3 keeps objects indefinitely${lockNote}`);
  }
  const days = Math.min(...whole.map((x) => num(x.ExpirationInDays, 'ExpirationInDays')));
  let noncurrent = 0;
  // Read only where it matters (an expiring bucket): a status the template does not settle is unknown, not "not versioned".
  const versioned = must(read(r, 'VersioningConfiguration.Status'), 'VersioningConfiguration.Status') === 'Enabled';
  if (versioned) {
    const nc = whole.map((x) => asNumber(must(asRecord(x.NoncurrentVersionExpiration).NoncurrentDays ?? x.NoncurrentVersionExpirationInDays, 'NoncurrentDays'))).filter((n): n is number => n !== undefined);
    if (nc.length === 0) return forever('LifecycleConfiguration.Rules', 'versioned, and no rule expires noncurrent versions: expiration only adds a delete marker, old versions are kept forever');
    noncurrent = Math.min(...nc);
  }
  const total = Math.max(days + noncurrent, lock?.days ?? 0);
  const note = [versioned ? `versioned: ${days} days current + ${noncurrent} days noncurrent` : `${days} days`, lock ? `Object Lock default retention ${lock.days} days` : ''].filter(Boolean).join('; ');
  return { hours: total * DAY, evidence: ev('LifecycleConfiguration.Rules', whole, undefined, note) };
}

const LIFECYCLE_PRINCIPAL = 'lifecycle.s3.amazonaws.com';

/** Does a statement let the S3 Lifecycle service principal create sessions (`s3express:CreateSession`)? */
function grantsLifecycle(st: Record<string, unknown>): boolean {
  if (st.Effect !== 'Allow' || !coversAction(st.Action, 's3express:CreateSession')) return false;
  const p = st.Principal;
  if (p === '*') return true;
  const service = p && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>).Service : undefined;
  return asArray(service).some((x) => x === LIFECYCLE_PRINCIPAL);
}

/**
 * S3 Express directory bucket: its lifecycle rules expire objects as an S3 bucket's do, but only when the
 * bucket policy grants the S3 Lifecycle service principal `s3express:CreateSession` (S3 User Guide, "Working
 * with S3 Lifecycle for directory buckets": without it, S3 Lifecycle cannot expire objects). The bucket
 * policy of the same stack is read; none there leaves the expiration unproven (unknown), a policy without
 * the grant keeps objects until someone deletes them.
 */
function directoryBucketKept(r: Resource, inventory?: Inventory): Kept {
  const kept = bucketKept(r);
  if (kept.hours === undefined || kept.hours === Infinity || !inventory) return kept;
  const name = getPath(r.properties, 'BucketName');
  const policy = inventory.ofType('aws.s3express.bucket-policy').find((p) => {
    if (p.location.stack !== r.location.stack) return false;
    const b = getPath(p.properties, 'Bucket');
    return (isRef(b) && b.logicalId === r.location.logicalId) || (typeof name === 'string' && b === name);
  });
  const what = `S3 Lifecycle expires directory bucket objects only where the bucket policy grants ${LIFECYCLE_PRINCIPAL} s3express:CreateSession`;
  if (!policy) return { ...kept, unproven: `${what}, and no bucket policy of this bucket is in the template` };
  const pid = policy.location.logicalId ?? policy.id;
  const doc = must(getPath(policy.properties, 'PolicyDocument'), `${pid}.PolicyDocument`);
  const statements = policyStatements(doc);
  if (!statements) throw new NeedsValue(`${pid}.PolicyDocument`, 'a bucket policy vouch cannot read');
  if (statements.some(grantsLifecycle)) return { ...kept, evidence: { ...kept.evidence, note: `${kept.evidence.note ?? ''}; bucket policy ${pid} lets S3 Lifecycle expire objects` } };
  for (const [i, st] of statements.entries()) {
    // A statement the template does not settle might be the grant.
    if (isUnresolved(st.Principal) || isUnresolved(st.Action) || isUnresolved(st.Effect)) throw new NeedsValue(`${pid}.PolicyDocument.Statement[${i}]`, 'an unresolved principal, action or effect');
  }
  return forever('LifecycleConfiguration.Rules', `${what}; bucket policy ${pid} grants it nothing, so the lifecycle rules never expire an object`);
}

/** The Object Lock default retention in days, if the bucket sets one (years count 365 days). */
function lockDays(r: Resource): { days: number } | undefined {
  const d = read(r, 'ObjectLockConfiguration.Rule.DefaultRetention');
  if (d === undefined) return undefined;
  const rec = asRecord(must(d, 'ObjectLockConfiguration.Rule.DefaultRetention'));
  if (rec.Days !== undefined) return { days: num(rec.Days, 'ObjectLockConfiguration.Rule.DefaultRetention.Days') };
  if (rec.Years !== undefined) return { days: num(rec.Years, 'ObjectLockConfiguration.Rule.DefaultRetention.Years') * 365 };
  return undefined;
}

/** The Custom::LogRetention of the same stack that names this log group (by `Ref`, or by its literal name). */
function logRetentionOf(group: Resource, inventory: Inventory): Resource | undefined {
  const name = getPath(group.properties, 'LogGroupName');
  return inventory.ofType('aws.custom.custom-log-retention').find((c) => {
    if (c.location.stack !== group.location.stack) return false;
    const n = getPath(c.properties, 'LogGroupName');
    return (isRef(n) && n.logicalId === group.location.logicalId) || (typeof name === 'string' && n === name);
  });
}

/**
 * The log group a Custom::LogRetention names by `Ref`, whose name (or logical id) is what a data set is
 * matched against; undefined when it names the group by text.
 */
export function namedLogGroup(r: Resource, inventory: Inventory): Resource | undefined {
  const n = getPath(r.properties, 'LogGroupName');
  return isRef(n) ? inventory.get(`${r.location.stack}/${n.logicalId}`) : undefined;
}

/** Kafka's topic retention settings, most precise first (the broker reads the first one set; -1 = no limit). */
const KAFKA_RETENTION: [string, number][] = [
  ['log.retention.ms', 1 / 3_600_000],
  ['log.retention.minutes', 1 / 60],
  ['log.retention.hours', 1],
];

/**
 * MSK: the broker's default topic retention, from the cluster configuration its ConfigurationInfo names
 * (an AWS::MSK::Configuration of the same stack: `log.retention.*` in ServerProperties); MSK's default
 * configuration keeps 168 hours. A configuration outside the templates is unknown. Topics may override
 * it (retention.ms), which no template shows: the broker default is what the template says.
 */
function kafkaKept(r: Resource, inventory?: Inventory): Kept {
  const arn = read(r, 'ConfigurationInfo.Arn');
  if (arn === undefined) return { hours: 168, evidence: ev('ConfigurationInfo', null, undefined, 'omitted: the MSK default configuration keeps topics 168 hours (log.retention.hours)') };
  const cfg = isRef(arn) && inventory ? inventory.get(`${r.location.stack}/${arn.logicalId}`) : undefined;
  if (!cfg || cfg.type !== 'aws.msk.configuration')
    return { hours: undefined, evidence: ev('ConfigurationInfo.Arn', arn), why: 'the cluster configuration that sets its topic retention is not in the scanned templates' };
  const text = must(getPath(cfg.properties, 'ServerProperties'), `${cfg.location.logicalId}.ServerProperties`);
  const props = new Map<string, string>();
  for (const line of String(text ?? '').split(/\r?\n/)) {
    const m = /^\s*([a-z.]+)\s*=\s*(\S+)\s*$/.exec(line);
    if (m) props.set(m[1]!, m[2]!);
  }
  for (const [key, toHours] of KAFKA_RETENTION) {
    const v = props.get(key);
    if (v === undefined) continue;
    const n = asNumber(v);
    if (n === undefined) throw new NeedsValue('ConfigurationInfo.Arn', `${key}=${v} in ${cfg.location.logicalId}, which is not a number`);
    const where = `${key}=${v} in configuration ${cfg.location.logicalId}`;
    return n < 0 ? forever('ConfigurationInfo.Arn', `${where}: no limit`) : { hours: n * toHours, evidence: ev('ConfigurationInfo.Arn', `${cfg.location.logicalId}: ${key}=${v}`, undefined, where) };
  }
  return { hours: 168, evidence: ev('ConfigurationInfo.Arn', cfg.location.logicalId ?? cfg.id, undefined, 'the configuration sets no log.retention.*: Kafka keeps topics 168 hours') };
}

/** DynamoDB: without TTL items stay until deleted; with TTL each item's own attribute says when it expires. */
function itemTtl(r: Resource): Kept {
  const spec = read(r, 'TimeToLiveSpecification');
  const on = asBool(must(getPath(spec, 'Enabled'), 'TimeToLiveSpecification.Enabled'));
  if (on === true) {
    const attr = getPath(spec, 'AttributeName');
    return { hours: undefined, evidence: ev('TimeToLiveSpecification', spec), why: `TTL is on (attribute ${typeof attr === 'string' ? attr : '?'}): each item's expiry is written by the application, so the template does not say how long items stay` };
  }
  return forever('TimeToLiveSpecification.Enabled', spec === undefined ? 'omitted: no TTL, items stay until deleted' : 'TTL off: items stay until deleted');
}

/** Hours as the message says them: `8760 hours (365 days)`, `30 days`, `forever`. */
export function showHours(h: number): string {
  if (h === Infinity) return 'indefinitely';
  if (h % DAY === 0) return `${h / DAY} days`;
  return h > 48 ? `${h} hours (${Math.round((h / DAY) * 10) / 10} days)` : `${Math.round(h * 100) / 100} hours`;
}

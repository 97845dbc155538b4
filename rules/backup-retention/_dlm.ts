/**
 * Amazon Data Lifecycle Manager (`AWS::DLM::LifecyclePolicy`): which EBS volumes a policy
 * snapshots, and how long it keeps what it creates.
 *
 * A custom policy (`PolicyDetails.PolicyType` EBS_SNAPSHOT_MANAGEMENT, the default, or
 * IMAGE_MANAGEMENT) targets resources carrying any one of its `TargetTags`: volumes
 * (`ResourceTypes: [VOLUME]`), or instances, whose attached volumes are then snapshotted
 * (`INSTANCE`, and every AMI policy). A default policy (`DefaultPolicy` / `PolicyDetails.
 * ResourceType` VOLUME) snapshots every volume of its account and region that has no recent
 * backup, except its `Exclusions`. A DISABLED policy creates nothing.
 *
 * Retention: `RetainRule` by age (`Interval` + `IntervalUnit`; a month is 28–31 days, a year
 * 365–366) or by `Count` (count × the `CreateRule` interval, or the span of `Count` runs of its cron schedule);
 * copies (`CrossRegionCopyRules[].RetainRule`) and archived snapshots (`ArchiveRule`, by age or by count) each count;
 * a default policy keeps `RetainInterval` days (default 7).
 */
import type { Resource } from '../../src/model/resource.js';
import type { Inventory } from '../../src/model/inventory.js';
import { get, asArray, refTarget, must, text } from '../../src/evaluate/facts.js';
import { isUnresolved, isBranches } from '../../src/model/values.js';
import { and, or, sameEnvironment, tagCondition, tagView, type Tri } from './_selection.js';
import { cronGaps, countSpan } from './_cron.js';

/** `[min, max]` days, or why they cannot be told (`invalid`: a literal that is not a valid value). */
export type Days = [number, number] | { why: string; invalid?: boolean };

const UNIT_DAYS: Record<string, [number, number]> = { DAYS: [1, 1], WEEKS: [7, 7], MONTHS: [28, 31], YEARS: [365, 366] };

/** A whole number as written (a number, or digits); 1e309, 2.5 and a 400-digit string are none (they made Infinity days or fractional runs). */
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : undefined;
  return n !== undefined && Number.isSafeInteger(n) ? n : undefined;
};

/** A schedule as messages show it: at most 120 characters of what the template wrote. */
const shown = (s: string): string => (s.length > 120 ? `${s.slice(0, 100)}… (${s.length} characters)` : s);

/** Days an `Interval` + `IntervalUnit` pair stands for. */
export function intervalDays(interval: unknown, unit: unknown, what: string): Days {
  // A value from a parameter is unknown (NeedsValue), a literal that is no interval is invalid.
  const n = num(must(interval, `${what}.Interval`));
  const unitName = must(unit, `${what}.IntervalUnit`);
  const u = typeof unitName === 'string' ? UNIT_DAYS[unitName] : undefined;
  if (n === undefined || n < 1 || !u)
    return { why: `${what} ${text(interval)} ${text(unit)} is not a valid value (Interval a whole number ≥ 1, IntervalUnit DAYS, WEEKS, MONTHS or YEARS)`, invalid: true };
  return [n * u[0], n * u[1]];
}

/** `CreateRule.Interval` values DLM accepts (hours). */
const CREATE_INTERVALS = new Set([1, 2, 3, 4, 6, 8, 12, 24]);

/**
 * Days a snapshot lives when the policy keeps the `count` latest: `count` × the `Interval` hours, or, on
 * a `CronExpression`, the shortest and longest time from one run to the `count`-th after it (12 weekly
 * runs are 84 days; 20 weekday runs 28; 3 runs on the 1st of the month 89–92). A schedule whose runs
 * vouch does not work out exactly (rules/backup-retention/_cron.ts) leaves the retention unknown.
 */
function countDays(create: unknown, count: number): Days {
  const rawInterval = must(get(create, 'Interval'), 'CreateRule.Interval');
  const interval = num(rawInterval);
  const unit = must(get(create, 'IntervalUnit'), 'CreateRule.IntervalUnit');
  if (rawInterval !== undefined) {
    if (unit !== undefined && unit !== 'HOURS') return { why: `CreateRule.IntervalUnit ${text(unit)} is not a valid value (HOURS)`, invalid: true };
    if (interval === undefined || !CREATE_INTERVALS.has(interval))
      return { why: `CreateRule.Interval ${text(rawInterval)} is not a valid value (1, 2, 3, 4, 6, 8, 12 or 24 hours)`, invalid: true };
    return [(count * interval) / 24, (count * interval) / 24];
  }
  const cron = must(get(create, 'CronExpression'), 'CreateRule.CronExpression');
  if (typeof cron !== 'string') return { why: `the schedule ${text(cron)} is not one vouch turns into a period, so a retention by count is not a number of days` };
  const runs = cronGaps(cron);
  if ('why' in runs) return { why: `the schedule ${shown(cron)} is not one vouch turns into a period, so a retention by count is not a number of days: ${runs.why}` };
  // "The schedule interval must be between 1 hour and 1 year" (CreateRule.CronExpression).
  if (Math.min(...runs.gaps) < 60)
    return { why: `the schedule ${shown(cron)} runs more often than hourly, which DLM does not accept (an interval of 1 hour to 1 year)`, invalid: true };
  const [lo, hi] = countSpan(runs.gaps, count);
  return [lo / MINUTES_PER_DAY, hi / MINUTES_PER_DAY];
}

const MINUTES_PER_DAY = 1440;

/** Days a `RetainRule` keeps a snapshot, under the schedule's `CreateRule`. */
export function retainDays(retain: unknown, create: unknown, what: string): Days {
  if (retain === undefined || retain === null) return { why: `${what} has no RetainRule` };
  const rawCount = must(get(retain, 'Count'), `${what}.RetainRule.Count`);
  const count = num(rawCount);
  if (rawCount !== undefined && (count === undefined || count < 1)) return { why: `RetainRule.Count ${text(rawCount)} is not a valid value (a whole number from 1 to 1000)`, invalid: true };
  if (count !== undefined) return countDays(create, count);
  return intervalDays(get(retain, 'Interval'), get(retain, 'IntervalUnit'), `${what}.RetainRule`);
}

/**
 * Days an archived snapshot stays in the archive tier (`ArchiveRule.RetainRule.RetentionArchiveTier`): by
 * age, or by `Count` ("the maximum number of snapshots to retain in the archive storage tier"), which is
 * that many runs of the schedule, as a standard-tier count is.
 */
export function archiveTierDays(tier: unknown, create: unknown, path: string): Days {
  const rawCount = must(get(tier, 'Count'), `${path}.Count`);
  if (rawCount === undefined) return intervalDays(get(tier, 'Interval'), get(tier, 'IntervalUnit'), 'RetentionArchiveTier');
  const count = num(rawCount);
  if (count === undefined || count < 1) return { why: `RetentionArchiveTier.Count ${text(rawCount)} is not a valid value (a whole number from 1 to 1000)`, invalid: true };
  return countDays(create, count);
}

/** Is the policy a default (SIMPLIFIED) policy, and for which resource type? */
export function defaultPolicyType(p: Resource): unknown {
  return get(p.properties, 'DefaultPolicy') ?? (get(p.properties, 'PolicyDetails.PolicyLanguage') === 'SIMPLIFIED' ? (get(p.properties, 'PolicyDetails.ResourceType') ?? 'VOLUME') : undefined);
}

/** Whether `instance` (a logical id) carries one of the target tags. */
function instanceTagged(inventory: Inventory, volume: Resource, instanceId: string, targets: unknown[]): Tri {
  const inst = inventory.ofType('aws.ec2.instance').find((i) => i.location.logicalId === instanceId && i.location.stack === volume.location.stack && i.location.file === volume.location.file);
  if (!inst) return 'maybe';
  return targetTags(tagView(inst, get(inst.properties, 'Tags')), targets);
}

function targetTags(tags: ReturnType<typeof tagView>, targets: unknown[]): Tri {
  return or(targets.map((t) => tagCondition(tags, get(t, 'Key'), get(t, 'Value'), 'StringEquals')));
}

/** The instances (logical ids) the volume is attached to in its stack; `maybe` when an attachment does not say. */
function attachedInstances(volume: Resource, inventory: Inventory): { ids: string[]; unsure: boolean } {
  const id = volume.location.logicalId;
  const ids: string[] = [];
  let unsure = false;
  const same = (o: Resource) => o.location.stack === volume.location.stack && o.location.file === volume.location.file;
  for (const a of inventory.ofType('aws.ec2.volume-attachment')) {
    if (!same(a)) continue;
    const v = get(a.properties, 'VolumeId');
    if (refTarget(v) !== id) {
      if (isUnresolved(v) || isBranches(v)) unsure = true;
      continue;
    }
    const inst = refTarget(get(a.properties, 'InstanceId'));
    if (inst) ids.push(inst);
    else unsure = true;
  }
  for (const inst of inventory.ofType('aws.ec2.instance')) {
    if (!same(inst)) continue;
    for (const v of asArray(get(inst.properties, 'Volumes'))) if (refTarget(get(v, 'VolumeId')) === id && inst.location.logicalId) ids.push(inst.location.logicalId);
  }
  return { ids, unsure };
}

/** How one policy treats the volume. */
function targets(p: Resource, volume: Resource, inventory: Inventory, tags: ReturnType<typeof tagView>): Tri {
  const state = get(p.properties, 'State');
  if (state === 'DISABLED') return 'no';
  const stateTri: Tri = state === undefined || state === 'ENABLED' ? 'yes' : 'maybe';
  const dflt = defaultPolicyType(p);
  if (dflt !== undefined) {
    // An AMI default policy images every instance of the region without a recent backup, attached volumes included.
    if (dflt === 'INSTANCE') {
      const { ids, unsure } = attachedInstances(volume, inventory);
      return and([stateTri, ids.length ? 'yes' : unsure ? 'maybe' : 'no']);
    }
    if (dflt !== 'VOLUME') return 'maybe';
    const ex = get(p.properties, 'Exclusions') ?? get(p.properties, 'PolicyDetails.Exclusions');
    const excludedTypes = asArray(get(ex, 'ExcludeVolumeTypes'));
    const vt = get(volume.properties, 'VolumeType') ?? 'gp2';
    const byType: Tri = excludedTypes.length === 0 ? 'no' : typeof vt === 'string' && excludedTypes.every((t) => typeof t === 'string') ? (excludedTypes.includes(vt) ? 'yes' : 'no') : 'maybe';
    const exTags = asArray(get(ex, 'ExcludeTags'));
    const byTag: Tri = exTags.length ? targetTags(tags, exTags) : 'no';
    // ExcludeBootVolumes: an AWS::EC2::Volume is a data volume unless an instance boots from it, which a template cannot do.
    return and([stateTri, byType === 'no' && byTag === 'no' ? 'yes' : byType === 'yes' || byTag === 'yes' ? 'no' : 'maybe']);
  }
  const details = get(p.properties, 'PolicyDetails');
  if (isUnresolved(details) || isBranches(details)) return 'maybe';
  const type = get(details, 'PolicyType') ?? 'EBS_SNAPSHOT_MANAGEMENT';
  if (type === 'EVENT_BASED_POLICY') return 'no';
  const tt = get(details, 'TargetTags');
  const resourceTypes = get(details, 'ResourceTypes');
  if (!Array.isArray(tt) || (type !== 'IMAGE_MANAGEMENT' && !Array.isArray(resourceTypes))) return 'maybe';
  const kinds = type === 'IMAGE_MANAGEMENT' ? ['INSTANCE'] : (resourceTypes as unknown[]);
  const out: Tri[] = [];
  if (kinds.includes('VOLUME')) out.push(targetTags(tags, tt));
  if (kinds.includes('INSTANCE')) {
    const { ids, unsure } = attachedInstances(volume, inventory);
    out.push(...ids.map((i) => instanceTagged(inventory, volume, i, tt)));
    if (unsure) out.push('maybe');
  }
  if (kinds.some((k) => typeof k !== 'string')) out.push('maybe');
  return and([stateTri, or(out)]);
}

export interface DlmVerdict {
  covered?: string;
  maybe?: string;
}

/** The DLM policies of the inventory that snapshot `volume`. */
export function dlmPolicyOf(volume: Resource, inventory: Inventory, tags: ReturnType<typeof tagView>): DlmVerdict {
  let maybe: string | undefined;
  for (const p of inventory.ofType('aws.dlm.lifecycle-policy')) {
    const env = sameEnvironment(volume, p);
    if (env === 'no') continue;
    const t = targets(p, volume, inventory, tags);
    const v = and([env, t]);
    const name = p.name ?? p.id;
    if (v === 'yes') return { covered: name };
    if (v === 'maybe' && maybe === undefined)
      maybe = t === 'yes' ? `DLM policy ${name} snapshots it if its stack is deployed to the same account and region` : `DLM policy ${name} may snapshot it (its targets, tags or state are not all known)`;
  }
  return { maybe };
}

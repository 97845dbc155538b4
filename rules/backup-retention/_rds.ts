/** Shared judgement of RDS BackupRetentionPeriod (instances and clusters). */
import { cronGaps } from './_cron.js';
import type { Resource } from '../../src/model/resource.js';
import type { Parameters } from '../../src/evaluate/claims-profile.js';
import type { Inventory } from '../../src/model/inventory.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import { known, get, asArray, asNumber, ev, pass, fail, unknown } from '../../src/evaluate/facts.js';
import { isRef } from '../../src/model/values.js';
import { outsideWindow, windowText } from './_window.js';
import { backupSelectionOf, tagView, unlessEvidence, type ArnFacts } from './_selection.js';

/** Where a service keeps its retention and what it does when the template omits it (RDS unless said). */
export interface RetentionField {
  path: string;
  defaultDays: number;
  omittedNote: string;
  /** Set when the provider fixes the window (no property sets it): `path` then only names it in the evidence. */
  fixed?: boolean;
}

const RDS_FIELD: RetentionField = { path: 'BackupRetentionPeriod', defaultDays: 1, omittedNote: 'omitted: CloudFormation and the RDS API default to 1 day' };

export function judgeRetention(r: Resource, params: Parameters, what: string, field: RetentionField = RDS_FIELD): Verdict {
  const raw = field.fixed ? undefined : known(r, field.path);
  const omitted = raw === undefined || raw === null;
  const days = omitted ? field.defaultDays : asNumber(raw);
  if (days === undefined) return unknown(`${field.path} ${JSON.stringify(raw)} is not a number`, ev(field.path, raw, windowText(params)));
  const notes: string[] = [];
  if (omitted) notes.push(field.omittedNote);
  // A final snapshot (DeletionPolicy Snapshot) is kept until someone deletes it: outside any rotation.
  if (r.properties.DeletionPolicy === 'Snapshot' || r.properties.UpdateReplacePolicy === 'Snapshot')
    notes.push('DeletionPolicy/UpdateReplacePolicy Snapshot leaves a final snapshot that never expires; delete it within the window');
  const evidence = ev(field.path, omitted ? null : raw, windowText(params), notes.join('; ') || undefined);
  const why = outsideWindow(days, params);
  return why ? fail(`${what} keeps automated backups ${why}`, evidence) : pass(`${what} keeps automated backups ${days} day${days === 1 ? '' : 's'}`, evidence);
}

/** Native retention read as a number of days, or undefined when it is not one. */
function nativeDays(r: Resource, field: RetentionField): number | undefined {
  const raw = field.fixed ? undefined : known(r, field.path);
  return raw === undefined || raw === null ? field.defaultDays : asNumber(raw);
}

/**
 * How long the plan a selection names keeps its recovery points: every rule's (and copy
 * action's) Lifecycle.DeleteAfterDays judged against the window. Undefined `plan` when the
 * selection's BackupPlanId does not name a plan of the inventory.
 */
/**
 * Does a plan rule's ScheduleExpression take a backup at least once a day? `cron(min hour day-of-month
 * month day-of-week year)` with every day of month and week, or `rate(…)` of at most a day: yes; a cron
 * naming days (weekly, monthly) or a longer rate: no; anything else (unresolved, unread): unknown.
 */
export function dailySchedule(expr: unknown): 'yes' | 'no' | 'unknown' {
  if (typeof expr !== 'string') return 'unknown';
  const e = expr.trim();
  const cron = /^cron\(([^)]*)\)$/i.exec(e);
  if (cron) {
    const f = cron[1]!.trim().split(/\s+/);
    if (f.length !== 6) return 'unknown';
    // The runs, where they are worked out (_cron.ts): daily when no two are more than a day apart
    // (`? * SUN-SAT`, `1-31` aside from the 28th rule, `*/6` hours).
    const runs = cronGaps(e);
    if (!('why' in runs)) return Math.max(...runs.gaps) <= 1440 ? 'yes' : 'no';
    const every = (x: string) => x === '*' || x === '?';
    return every(f[2]!) && every(f[3]!) && every(f[4]!) ? 'yes' : 'no';
  }
  const rate = /^rate\(\s*(\d+)\s+(minutes?|hours?|days?)\s*\)$/i.exec(e);
  if (rate) {
    const n = Number(rate[1]);
    const unit = rate[2]!.toLowerCase();
    const hours = unit.startsWith('minute') ? n / 60 : unit.startsWith('hour') ? n : n * 24;
    return n > 0 && hours <= 24 ? 'yes' : 'no';
  }
  return 'unknown';
}

function judgePlan(sel: Resource, inventory: Inventory, params: Parameters): { plan?: string; bad?: string; unread?: string; days: number[] } {
  const id = get(sel.properties, 'BackupPlanId');
  // Templates name the plan by Ref/GetAtt in the selection's stack; a live selection carries the plan's id.
  const plan = isRef(id)
    ? inventory.ofType('aws.backup.backup-plan').find((p) => p.location.logicalId === id.logicalId && p.location.stack === sel.location.stack && p.location.file === sel.location.file)
    : typeof id === 'string' && sel.source === 'live'
      ? inventory.ofType('aws.backup.backup-plan').find((p) => p.source === 'live' && get(p.properties, 'Live.BackupPlanId') === id && p.location.region === sel.location.region && p.location.account === sel.location.account)
      : undefined;
  if (!plan) return { days: [] };
  const name = get(plan.properties, 'BackupPlan.BackupPlanName');
  const label = `${plan.location.logicalId ?? plan.id}${typeof name === 'string' ? ` (${name})` : ''}`;
  const rules = get(plan.properties, 'BackupPlan.BackupPlanRule');
  if (!Array.isArray(rules) || rules.length === 0) return { plan: label, unread: 'its rules are not readable', days: [] };
  const days: number[] = [];
  const lifecycles: unknown[] = [];
  // Automated database backups are daily: a plan stands in for them only if one of its rules runs daily too.
  const daily = rules.map((rule) => dailySchedule(get(rule, 'ScheduleExpression')));
  if (!daily.includes('yes'))
    return daily.includes('unknown')
      ? { plan: label, unread: 'whether it backs up daily is not known (ScheduleExpression not read)', days }
      : { plan: label, bad: 'backs up less often than daily (ScheduleExpression), so it does not stand in for daily automated backups', days };
  for (const rule of rules) {
    lifecycles.push(get(rule, 'Lifecycle'));
    for (const c of asArray(get(rule, 'CopyActions'))) lifecycles.push(get(c, 'Lifecycle'));
  }
  for (const lc of lifecycles) {
    const raw = get(lc, 'DeleteAfterDays');
    if (raw === undefined || raw === null) return { plan: label, bad: 'keeps recovery points indefinitely (a rule without Lifecycle.DeleteAfterDays)', days };
    const d = asNumber(raw);
    if (d === undefined) return { plan: label, unread: `DeleteAfterDays ${JSON.stringify(raw)} is not a number`, days };
    const why = outsideWindow(d, params);
    if (why) return { plan: label, bad: `keeps recovery points ${why}`, days };
    days.push(d);
  }
  return { plan: label, days };
}

/**
 * Native retention, then AWS Backup: a database whose own retention is below the window's floor
 * is still backed up within it when an AWS Backup selection of the inventory covers it and the
 * selection's plan backs up daily (as automated backups do) and deletes its recovery points within
 * the window. A weekly or monthly plan does not replace daily restore points: the native failure stands. A retention above the window
 * is not helped by a plan (the native backups still outlive the cycle).
 */
export function judgeRetentionOrBackup(r: Resource, params: Parameters, inventory: Inventory, what: string, facts: ArnFacts, field: RetentionField = RDS_FIELD): Verdict {
  const native = judgeRetention(r, params, what, field);
  if (native.status !== 'fail') return native;
  const days = nativeDays(r, field);
  const floor = params.backup.mode === 'exact' ? params.backup.maxDays : params.backup.minDays;
  if (days === undefined || days >= floor) return native;
  const sel = backupSelectionOf(r, inventory, facts, tagView(r, get(r.properties, 'Tags')));
  const evidence = native.evidence ?? [];
  if (sel.covered && sel.selection) {
    const plan = judgePlan(sel.selection, inventory, params);
    if (!plan.plan) return unknown(`${native.message}; AWS Backup selection ${sel.covered} covers it, but its plan is not in the inventory`, ...evidence);
    const planEv = ev('AWS Backup plan', plan.plan, windowText(params), `selection ${sel.covered}`);
    if (plan.unread) return unknown(`${native.message}; AWS Backup plan ${plan.plan} (selection ${sel.covered}): ${plan.unread}`, ...evidence, planEv);
    if (plan.bad) return fail(`${native.message}; AWS Backup plan ${plan.plan} (selection ${sel.covered}) ${plan.bad}`, ...evidence, planEv);
    const kept = [...new Set(plan.days)].join('/');
    return pass(`${what} is backed up by AWS Backup plan ${plan.plan} (selection ${sel.covered}), which deletes recovery points after ${kept} days; its own automated backups keep ${days} day${days === 1 ? '' : 's'}`, ...evidence, planEv);
  }
  if (sel.maybe) return unknown(`${native.message}; ${sel.maybe}`, ...evidence);
  if (sel.unless) return fail(`${native.message} (${sel.unless})`, ...evidence, ...unlessEvidence(sel));
  return native;
}

/** The identifier a template gives literally, lower-cased as RDS and Redshift store it (their ARNs carry it so); undefined otherwise. */
export function lowerName(r: Resource, prop: string): string | undefined {
  const v = get(r.properties, prop);
  return typeof v === 'string' ? v.toLowerCase() : undefined;
}

/**
 * The runs of an AWS cron expression (`cron(minutes hours day-of-month month day-of-week year)`, as
 * Data Lifecycle Manager and AWS Backup take it), as the gaps between successive runs over the cycle the
 * schedule repeats on: a day or a week for schedules by time of day and weekday, the 400-year Gregorian
 * cycle for days of the month. Only shapes whose runs are known exactly are read; anything else (`L`,
 * `W`, `#`, named years, a day of the month past the 28th, months restricted on a weekday schedule) says
 * why it is not.
 *
 * Syntax: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html (day of
 * week 1–7 or SUN–SAT, 1 = Sunday; one of day-of-month and day-of-week is `?`).
 */

/** Minutes from each run to the next, in order over one cycle (the last wraps to the first of the next cycle). */
export type CronGaps = { gaps: number[] } | { why: string };

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const DAY = 1440;
const WEEK = 7 * DAY;
/** Days in the 400-year Gregorian cycle: a calendar schedule repeats exactly after it. */
const GREGORIAN_DAYS = 146_097;
/** Most runs generated for one calendar schedule (4 days of the month at one time, over 400 years, is 19,200). */
const MAX_CALENDAR_RUNS = 20_000;
/** Longest expression read: EventBridge's ScheduleExpression limit (DLM's CronExpression is at most 106). */
export const MAX_EXPRESSION = 256;

/**
 * The values one field names (`5`, `1,15`, `MON-FRI`, `*\/6`, `0/4`, `*`), within [lo, hi], or undefined when
 * the field uses something else (`L`, `W`, `#`) or a value out of range. `names` maps names to values.
 */
function fieldValues(field: string, lo: number, hi: number, names?: string[], base = lo): number[] | undefined {
  const out = new Set<number>();
  const value = (t: string): number | undefined => {
    const u = t.toUpperCase();
    const named = names?.indexOf(u) ?? -1;
    if (named >= 0) return named + base;
    if (!/^\d{1,2}$/.test(t)) return undefined;
    const n = Number(t);
    return n >= lo && n <= hi ? n : undefined;
  };
  for (const part of field.split(',')) {
    const m = /^([^/]+)(?:\/(\d{1,2}))?$/.exec(part);
    if (!m) return undefined;
    const step = m[2] === undefined ? 1 : Number(m[2]);
    if (step < 1) return undefined;
    let from: number | undefined;
    let to: number | undefined;
    if (m[1] === '*') [from, to] = [lo, hi];
    else if (m[1]!.includes('-')) {
      const [a, b] = m[1]!.split('-');
      [from, to] = [value(a ?? ''), value(b ?? '')];
    } else {
      from = value(m[1]!);
      // `5/15`: from 5 every 15 to the end of the range.
      to = m[2] === undefined ? from : hi;
    }
    if (from === undefined || to === undefined || from > to) return undefined;
    for (let n = from; n <= to; n += step) out.add(n);
  }
  return [...out].sort((a, b) => a - b);
}

/** Gaps between sorted run times (minutes) on a cycle of `period` minutes. */
function cyclicGaps(runs: number[], period: number): number[] {
  return runs.map((t, i) => (i + 1 < runs.length ? runs[i + 1]! : runs[0]! + period) - t);
}

/** The gaps of `expr`, or why vouch does not work them out. */
export function cronGaps(expr: string): CronGaps {
  const e = expr.trim();
  // AWS takes cron expressions of a few dozen characters (DLM at most 106, EventBridge 256): anything
  // longer is not read, and the expression is taken apart without a backtracking regex (a lazy group
  // between two `\s*` was cubic: 4,000 spaces took 25 s).
  if (e.length > MAX_EXPRESSION) return { why: `it is longer than the ${MAX_EXPRESSION} characters AWS accepts` };
  if (e.slice(0, 5).toLowerCase() !== 'cron(' || !e.endsWith(')')) return { why: 'it is not a cron(...) expression' };
  const inner = e.slice(5, -1).trim();
  if (inner.includes(')')) return { why: 'it is not a cron(...) expression' };
  const f = inner.split(/\s+/);
  if (f.length !== 6) return { why: 'a cron expression has six fields' };
  const [min, hour, dom, month, dow, year] = f as [string, string, string, string, string, string];
  if (year !== '*') return { why: 'it runs in named years only' };
  const minutes = fieldValues(min, 0, 59);
  const hours = fieldValues(hour, 0, 23);
  if (!minutes || !hours) return { why: 'its minutes or hours are not a list, range or step vouch reads' };
  const times = hours.flatMap((h) => minutes.map((mi) => h * 60 + mi));
  if ((dom === '?') === (dow === '?')) return { why: 'exactly one of day-of-month and day-of-week must be ?' };
  const everyDay = (dom === '*' && dow === '?') || (dom === '?' && dow === '*');
  if (everyDay && month === '*') return { gaps: cyclicGaps(times, DAY) };
  if (dom === '?') {
    if (month !== '*') return { why: 'it runs on weekdays of some months only' };
    const days = fieldValues(dow, 1, 7, WEEKDAYS, 1);
    if (!days) return { why: `its day of week ${dow} is not a list or range vouch reads (L and # are not read)` };
    return { gaps: cyclicGaps(days.flatMap((d) => times.map((t) => (d - 1) * DAY + t)), WEEK) };
  }
  const months = fieldValues(month, 1, 12, MONTHS, 1);
  const monthDays = dom === '*' ? undefined : fieldValues(dom, 1, 31);
  if (!months) return { why: `its month ${month} is not a list, range or step vouch reads` };
  // Days past the 28th are skipped in shorter months (and L, W name moving days): not worked out.
  if (!monthDays || monthDays.some((d) => d > 28)) return { why: `its day of month ${dom} is not a list of days 1–28 (L, W and days past the 28th, skipped in shorter months, are not read)` };
  const perCycle = 400 * months.length * monthDays.length * times.length;
  if (perCycle > MAX_CALENDAR_RUNS) return { why: 'it runs too often on named days of the month for vouch to work out' };
  const runs: number[] = [];
  for (let y = 2000; y < 2400; y++)
    for (const mo of months) for (const d of monthDays) for (const t of times) runs.push(Date.UTC(y, mo - 1, d) / 60_000 + t);
  return { gaps: cyclicGaps(runs, GREGORIAN_DAYS * DAY) };
}

/**
 * The shortest and longest time, in minutes, from one run to the `count`-th run after it: how long a
 * snapshot lives under a retention that keeps the `count` latest (the oldest goes when a new one is made).
 */
export function countSpan(gaps: readonly number[], count: number): [number, number] {
  const k = gaps.length;
  const total = gaps.reduce((a, b) => a + b, 0);
  const whole = Math.floor(count / k) * total;
  const r = count % k;
  if (r === 0) return [whole, whole];
  let window = 0;
  for (let i = 0; i < r; i++) window += gaps[i]!;
  let lo = window;
  let hi = window;
  for (let i = 1; i < k; i++) {
    window += gaps[(i + r - 1) % k]! - gaps[i - 1]!;
    if (window < lo) lo = window;
    if (window > hi) hi = window;
  }
  return [whole + lo, whole + hi];
}

/**
 * AWS cron schedules as runs (rules/backup-retention/_cron.ts): how long a snapshot lives when a DLM
 * policy keeps the N latest, worked out exactly from the runs, and the shapes left unknown.
 */
import { describe, it, expect } from 'vitest';
import { cronGaps, countSpan } from '../rules/backup-retention/_cron.js';
import { dailySchedule } from '../rules/backup-retention/_rds.js';

const DAY = 1440;
/** [min, max] days a snapshot lives under `count` runs of `expr`. */
function days(expr: string, count: number): [number, number] | string {
  const g = cronGaps(expr);
  if ('why' in g) return g.why;
  const [lo, hi] = countSpan(g.gaps, count);
  return [lo / DAY, hi / DAY];
}

describe('cron schedules turned into snapshot lifetimes', () => {
  it('daily, every N hours, weekly on one or several days', () => {
    expect(days('cron(0 1 * * ? *)', 7)).toEqual([7, 7]);
    expect(days('cron(0 1 ? * * *)', 14)).toEqual([14, 14]);
    expect(days('cron(0 1 ? * SUN *)', 12)).toEqual([84, 84]);
    expect(days('cron(0 1 ? * 1 *)', 12)).toEqual([84, 84]);
    expect(days('cron(0 */6 * * ? *)', 4)).toEqual([1, 1]);
    expect(days('cron(30 0/8 * * ? *)', 3)).toEqual([1, 1]);
    // Every 5 hours from midnight: gaps 5, 5, 5, 5 and 4 hours.
    expect(days('cron(0 */5 * * ? *)', 1)).toEqual([4 / 24, 5 / 24]);
    expect(days('cron(0 4 ? * MON-FRI *)', 20)).toEqual([28, 28]);
    // 24 weekday runs: four weeks, then four more runs (Monday to Friday, or across a weekend).
    expect(days('cron(0 4 ? * MON-FRI *)', 24)).toEqual([32, 34]);
    expect(days('cron(0 3 ? * MON,THU *)', 1)).toEqual([3, 4]);
    expect(days('cron(0 3 ? * MON,THU *)', 8)).toEqual([28, 28]);
  });

  it('monthly on a day, and on several days, over the Gregorian calendar', () => {
    expect(days('cron(0 9 1 * ? *)', 1)).toEqual([28, 31]);
    expect(days('cron(0 9 15 * ? *)', 12)).toEqual([365, 366]);
    expect(days('cron(0 9 1 * ? *)', 3)).toEqual([89, 92]);
    expect(days('cron(0 9 1 */3 ? *)', 1)).toEqual([90, 92]);
    expect(days('cron(0 9 1,15 * ? *)', 2)).toEqual([28, 31]);
  });

  it('anything else says why it is not read', () => {
    for (const e of ['cron(0 5 L * ? *)', 'cron(0 5 15W * ? *)', 'cron(0 5 ? * 2#1 *)', 'cron(0 5 ? * 6L *)', 'cron(0 5 30 * ? *)', 'cron(0 5 * * ? 2027)', 'cron(0 5 ? JAN MON *)', 'cron(0 5 * * * *)', 'cron(0 5 ? * ? *)', 'cron(0 5 * *)', 'rate(1 day)', 'cron(0 25 * * ? *)', 'cron(0 5 ? * FUNDAY *)'])
      expect(typeof days(e, 3), e).toBe('string');
  });

  it('stays cheap on the largest calendar it generates', () => {
    const t = performance.now();
    expect(days('cron(0 9 1,8,15,22 * ? *)', 1000)).not.toBeTypeOf('string');
    expect(performance.now() - t).toBeLessThan(1_000);
  });
});

describe('AWS Backup plan schedules read with the same runs', () => {
  it('a weekday range naming every day is daily; weekdays only, or every other day, are not', () => {
    for (const e of ['cron(0 5 ? * SUN-SAT *)', 'cron(0 5 ? * 1-7 *)', 'cron(0 5,17 ? * * *)']) expect(dailySchedule(e), e).toBe('yes');
    for (const e of ['cron(0 5 ? * MON-FRI *)', 'cron(0 5 ? * SUN *)', 'cron(0 5 1,15 * ? *)', 'cron(0 5 */2 * ? *)', 'cron(0 5 L * ? *)']) expect(dailySchedule(e), e).toBe('no');
  });
});

import { describe, it, expect } from 'vitest';
import { dailySchedule } from '../rules/backup-retention/_rds.js';

describe('AWS Backup plan schedules: does a rule back up at least daily?', () => {
  it('reads cron and rate expressions', () => {
    for (const e of ['cron(0 5 ? * * *)', 'cron(0 3 * * ? *)', 'cron(0 */6 * * ? *)', 'rate(1 hour)', 'rate(12 hours)', 'rate(1 day)', 'rate(90 minutes)', ' cron(15 1 * * ? *) '])
      expect(dailySchedule(e), e).toBe('yes');
    for (const e of ['cron(0 3 ? * SUN *)', 'cron(0 5 1 * ? *)', 'cron(0 5 */2 * ? *)', 'cron(0 5 ? * MON-FRI *)', 'cron(0 5 ? JAN * *)', 'rate(2 days)', 'rate(25 hours)', 'rate(0 hours)'])
      expect(dailySchedule(e), e).toBe('no');
    for (const e of [undefined, null, 42, '', 'cron(0 5 * *)', 'daily', { 'Fn::Sub': 'cron(0 ${H} * * ? *)' }]) expect(dailySchedule(e), String(e)).toBe('unknown');
  });
});

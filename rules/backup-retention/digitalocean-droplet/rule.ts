import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable, asBool, asNumber, gapFor, unknown } from '../../../src/evaluate/facts.js';

/** Droplet backup plans and their fixed retention (droplet_backup_policy.yml: retention is read-only). */
const PLAN_DAYS: Record<string, number> = { daily: 7, weekly: 28 };

export default defineRule({
  id: 'backup-retention/digitalocean-droplet',
  control: 'backup-retention',
  title: 'DigitalOcean droplet backups rotate within the promised retention',
  severity: 'medium',
  risk: 'Droplet backups keep a fixed 7 (daily) or 28 (weekly) days; a promise of another cycle (e.g. 35 days) cannot be met with droplet backups alone.',
  remediation: {
    text: 'Pick the plan whose fixed retention meets the claim (daily = 7 days, weekly = 28 days). A 35-day cycle needs snapshots or an off-platform backup with its own rotation, documented as evidence.',
  },
  references: ['https://docs.digitalocean.com/reference/api/digitalocean/#operation/droplets_get_backup_policy'],
  types: ['digitalocean.droplet'],
  sources: ['live'],
  check(r, { params }) {
    const gap = gapFor(r, 'backup_policy');
    if (gap) return unknown(`not checked: ${gap}`, ev('backup_policy', `<not collected: ${gap}>`));
    const enabled = asBool(known(r, 'backup_policy.backup_enabled'));
    if (!enabled) return notApplicable('droplet backups are off: DigitalOcean keeps no backups of this droplet to rotate', ev('backup_policy.backup_enabled', enabled ?? null));
    const plan = String(known(r, 'backup_policy.backup_policy.plan') ?? '');
    const reported = asNumber(known(r, 'backup_policy.backup_policy.retention_period_days'));
    const days = reported ?? PLAN_DAYS[plan];
    const path = 'backup_policy.backup_policy.retention_period_days';
    const fixed = `droplet backup retention is fixed by the plan (daily: 7 days, weekly: 28 days) and cannot be set`;
    if (days === undefined) return fail(`backup plan '${plan}' has no known retention`, ev(path, null, `${params.backup.maxDays} days`, fixed));
    const note = reported === undefined ? `not reported: plan ${plan} keeps ${days} days; ${fixed}` : fixed;
    const { maxDays, minDays, mode } = params.backup;
    const evidence = ev(path, days, mode === 'exact' ? `${maxDays} days` : `${minDays}–${maxDays} days`, note);
    if (mode === 'exact' && days !== maxDays) {
      return fail(`droplet backups (${plan}) keep ${days} days, not the promised ${maxDays}-day cycle; ${maxDays === 35 ? 'a 35-day cycle is not achievable with droplet backups (7 or 28 days only)' : 'droplet backups offer 7 or 28 days only'}`, evidence);
    }
    if (days > maxDays) return fail(`droplet backups (${plan}) keep ${days} days, longer than the promised ${maxDays}`, evidence);
    if (days < minDays) return fail(`droplet backups (${plan}) keep ${days} days, shorter than the promised minimum of ${minDays}`, evidence);
    return pass(`droplet backups (${plan}) keep ${days} days`, evidence);
  },
});

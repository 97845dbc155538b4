import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, asBool, asNumber } from '../../../src/evaluate/facts.js';
import { requireCollected } from '../../../src/lib/gcp.js';

/** Cloud SQL defaults when the fields are omitted (BackupRetentionSettings, BackupConfiguration). */
const DEFAULT_RETAINED_BACKUPS = 7;
const DEFAULT_LOG_RETENTION_DAYS = 7;

export default defineRule({
  id: 'backup-retention/gcp-sql-instance',
  control: 'backup-retention',
  title: 'Cloud SQL automated backups are on and kept for the promised cycle',
  severity: 'medium',
  risk: 'Without automated backups data cannot be restored; backups kept longer than promised break a rotation or deletion commitment.',
  remediation: {
    text: 'Enable automated backups and set the number of retained daily backups (and transaction log days) to match the claim.',
    cli: 'gcloud sql instances patch DB --backup-start-time=03:00 --retained-backups-count=35 --retained-transaction-log-days=7',
  },
  references: ['https://cloud.google.com/sql/docs/mysql/backup-recovery/backups', 'https://cloud.google.com/sql/docs/mysql/admin-api/rest/v1/instances#backupretentionsettings'],
  types: ['gcp.sql.instance'],
  sources: ['live'],
  check(r, { params }) {
    requireCollected(r);
    const { maxDays, minDays, mode } = params.backup;
    const base = 'settings.backupConfiguration';
    const enabled = asBool(known(r, `${base}.enabled`));
    if (enabled !== true) {
      const e = ev(`${base}.enabled`, enabled ?? null, true, enabled === undefined ? 'omitted: automated backups are off unless enabled' : undefined);
      return minDays > 0 ? fail('automated backups are off', e) : pass('automated backups are off and the claim sets no minimum', e);
    }
    if (known(r, `${base}.backupTier`) === 'ENHANCED')
      return unknown('enhanced backups: retention is set by a Backup and DR plan, which vouch does not read', ev(`${base}.backupTier`, 'ENHANCED'));
    const unit = known(r, `${base}.backupRetentionSettings.retentionUnit`) ?? 'COUNT';
    const retainedRaw = known(r, `${base}.backupRetentionSettings.retainedBackups`);
    const retained = asNumber(retainedRaw) ?? DEFAULT_RETAINED_BACKUPS;
    const logsRaw = known(r, `${base}.transactionLogRetentionDays`);
    const logDays = asNumber(logsRaw) ?? DEFAULT_LOG_RETENTION_DAYS;
    const want = mode === 'exact' ? `${maxDays} daily backups` : `${minDays}–${maxDays} daily backups`;
    const evidence = [
      ev(`${base}.backupRetentionSettings.retainedBackups`, retainedRaw ?? null, want, `${retainedRaw === undefined ? `omitted: Cloud SQL keeps ${DEFAULT_RETAINED_BACKUPS}; ` : ''}unit ${String(unit)}: Cloud SQL takes one automated backup a day, so N backups ≈ N days`),
      ev(`${base}.transactionLogRetentionDays`, logsRaw ?? null, `≤ ${maxDays}`, logsRaw === undefined ? `omitted: default ${DEFAULT_LOG_RETENTION_DAYS} days` : undefined),
    ];
    if (unit !== 'COUNT') return unknown(`retention unit ${String(unit)} is not one vouch can compare with days`, ...evidence);
    if (mode === 'exact' && retained !== maxDays) return fail(`keeps ${retained} daily backups; the promised cycle is ${maxDays} days`, ...evidence);
    if (retained > maxDays) return fail(`keeps ${retained} daily backups, longer than the promised ${maxDays} days`, ...evidence);
    if (retained < minDays) return fail(`keeps only ${retained} daily backups, fewer than the promised ${minDays} days`, ...evidence);
    if (logDays > maxDays) return fail(`keeps transaction logs ${logDays} days, longer than the promised ${maxDays}`, ...evidence);
    return pass(`automated backups on, ${retained} daily backups kept (${want})`, ...evidence);
  },
});

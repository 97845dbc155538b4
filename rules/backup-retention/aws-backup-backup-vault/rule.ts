import { defineRule } from '../../../src/evaluate/rule.js';
import { must, asNumber, ev, pass, fail, unknown, notApplicable } from '../../../src/evaluate/facts.js';
import { windowText } from '../_window.js';

/**
 * A Backup Vault Lock minimum retention is a floor on every recovery point the vault keeps: a backup or
 * copy job whose lifecycle is shorter fails, and a locked recovery point cannot be deleted before it
 * (AWS Backup developer guide, "AWS Backup Vault Lock"; PutBackupVaultLockConfiguration MinRetentionDays).
 * A floor above the claimed cycle therefore keeps every recovery point the vault holds longer than the
 * cycle, whatever the plans say: fail. A floor within it (the usual 7-day governance lock) passes; a
 * maximum only shortens retention. A vault without a lock says nothing about retention (its plans are
 * judged by backup-retention/aws-backup-backup-plan). Logically air-gapped vaults carry the same
 * minimum at the top level, and always (CloudFormation requires it). Labels: scout36 ComplianceVault
 * (MinRetentionDays 2555, fail); every other labelled lock (7, 30, 35 days; 13 across vault8..scout36) passes.
 */
export default defineRule({
  id: 'backup-retention/aws-backup-backup-vault',
  control: 'backup-retention',
  title: 'AWS Backup vault locks do not force recovery points to outlive the promised window',
  severity: 'medium',
  risk: 'A Vault Lock minimum retention longer than the claimed cycle makes every backup into the vault keep customer data at least that long: shorter lifecycles fail and locked recovery points cannot be deleted.',
  remediation: {
    text: 'Set the vault lock MinRetentionDays at or below the claimed cycle (e.g. 7), or keep long-term archives in a vault outside the claim.',
    cdk: "new backup.BackupVault(this, 'Vault', { lockConfiguration: { minRetention: Duration.days(7), maxRetention: Duration.days(35) } })",
    cloudformation: 'LockConfiguration:\n  MinRetentionDays: 7\n  MaxRetentionDays: 35',
  },
  references: [
    'https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-backup-backupvault-lockconfigurationtype.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-backup-logicallyairgappedbackupvault.html',
  ],
  types: ['aws.backup.backup-vault', 'aws.backup.logically-air-gapped-backup-vault'],
  sources: ['iac', 'live'],
  check(r, { params }) {
    const airGapped = r.type === 'aws.backup.logically-air-gapped-backup-vault';
    const base = airGapped ? '' : 'LockConfiguration.';
    if (!airGapped) {
      const lock = must(r.properties.LockConfiguration, 'LockConfiguration');
      if (lock === undefined || lock === null) return notApplicable('no Vault Lock: the vault keeps recovery points as long as the plans say (judged by backup-retention/aws-backup-backup-plan)', ev('LockConfiguration', null));
    }
    const lock = airGapped ? r.properties : (r.properties.LockConfiguration as Record<string, unknown>);
    const raw = must(lock?.MinRetentionDays, `${base}MinRetentionDays`);
    if (raw === undefined || raw === null) return pass('the Vault Lock sets no minimum retention', ev(`${base}MinRetentionDays`, null, `at most ${params.backup.maxDays} days`, 'omitted: no minimum enforced'));
    const days = asNumber(raw);
    if (days === undefined) return unknown(`MinRetentionDays ${JSON.stringify(raw)} is not a number`, ev(`${base}MinRetentionDays`, raw));
    const mode = !airGapped && must(lock?.ChangeableForDays, `${base}ChangeableForDays`) !== undefined ? 'compliance mode: immutable after the lock date' : airGapped ? 'logically air-gapped vault: always locked' : 'governance mode';
    const e = ev(`${base}MinRetentionDays`, raw, `at most ${params.backup.maxDays} days (${windowText(params)})`, mode);
    if (days > params.backup.maxDays)
      return fail(`the Vault Lock keeps every recovery point at least ${days} days, longer than the ${params.backup.maxDays}-day cycle the claim promises (shorter backup and copy jobs into the vault fail)`, e);
    return pass(`the Vault Lock's minimum retention (${days} days) is within the ${params.backup.maxDays}-day cycle`, e);
  },
});

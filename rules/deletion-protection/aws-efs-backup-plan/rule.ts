import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, get } from '../../../src/evaluate/facts.js';
import { backupSelectionOf, tagView, unlessEvidence } from '../../backup-retention/_selection.js';

/** Backup reads whose failure (or whose service left out) means the selections in the inventory may be incomplete. */
const BACKUP_READS = /^backup:(ListBackupPlans|ListBackupSelections|GetBackupSelection)$/;

/**
 * FSBP EFS.2: the file system is in an AWS Backup plan: its automatic backups
 * are on (BackupPolicy ENABLED in templates, or omitted on a One Zone file
 * system, which EFS then backs up by default) or an AWS Backup selection
 * covers it (by reference, ARN glob or tags: the reading backup-retention
 * shares, rules/backup-retention/_selection.ts). A selection that may cover it
 * is unknown; backup selections that could not be read leave a live file
 * system unknown, never uncovered.
 */
export default defineRule({
  id: 'deletion-protection/aws-efs-backup-plan',
  control: 'deletion-protection',
  title: 'EFS file systems are in an AWS Backup plan',
  severity: 'medium',
  risk: 'A file system outside every backup plan has no restore point: a deletion, a ransomware encryption or a bad deploy loses its files for good.',
  remediation: {
    text: 'Turn on EFS automatic backups, or add the file system to an AWS Backup plan selection.',
    cdk: "new efs.FileSystem(this, 'Files', { ..., enableAutomaticBackups: true })",
    cloudformation: 'Type: AWS::EFS::FileSystem\nProperties:\n  BackupPolicy:\n    Status: ENABLED',
    cli: 'aws efs put-backup-policy --file-system-id FS_ID --backup-policy Status=ENABLED',
  },
  references: ['https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html'],
  types: ['aws.efs.file-system'],
  sources: ['iac', 'live'],
  check(r, { inventory }) {
    const policy = r.source === 'iac' ? known(r, 'BackupPolicy.Status') : undefined;
    if (policy === 'ENABLED') return pass('automatic backups are on (BackupPolicy ENABLED)', ev('BackupPolicy.Status', policy, 'ENABLED'));
    if (r.source === 'iac' && policy === undefined && get(r.properties, 'AvailabilityZoneName') !== undefined)
      return pass('automatic backups are on: a One Zone file system gets them by default', ev('BackupPolicy.Status', null, 'ENABLED', 'omitted on a One Zone file system (AvailabilityZoneName): EFS turns automatic backups on by default'));
    const arn = r.location.arn ?? (r.source === 'live' && r.id.startsWith('arn:') ? r.id : undefined);
    const sel = backupSelectionOf(r, inventory, { service: 'elasticfilesystem', kind: 'file-system', arn }, tagView(r, get(r.properties, 'FileSystemTags')));
    const e = ev('aws.backup.backup-selection', sel.covered ?? sel.maybe ?? null, 'a backup selection naming the file system', r.source === 'iac' ? `BackupPolicy.Status is ${String(policy ?? 'omitted (automatic backups off)')}` : undefined);
    if (sel.covered) return pass(`backup selection ${sel.covered} names the file system`, e);
    if (sel.maybe) return unknown(sel.maybe, e);
    if (r.source === 'live') {
      const cov = inventory.coverage;
      if ((cov.excludedServices ?? []).includes('aws:backup')) return unknown('AWS Backup was not scanned (--services): the file system may be in a plan', e);
      const failed = (cov.failures ?? []).find((f) => BACKUP_READS.test(f.operation) && (!f.region || f.region === r.location.region));
      if (failed) return unknown(`the backup selections were not all read (${failed.operation}: ${failed.code})`, e);
    }
    return fail(`no backup plan covers the file system${sel.unless ? ` (${sel.unless})` : ''}`, e, ...unlessEvidence(sel));
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, asArray, asRecord, get } from '../../../src/evaluate/facts.js';
import { isRef } from '../../../src/model/values.js';
import type { Resource } from '../../../src/model/resource.js';
import type { Inventory } from '../../../src/model/inventory.js';

/** Backup reads whose failure (or whose service left out) means the selections in the inventory may be incomplete. */
const BACKUP_READS = /^backup:(ListBackupPlans|ListBackupSelections|GetBackupSelection)$/;

function selectedBy(r: Resource, inventory: Inventory): { covered?: string; maybe?: string } {
  let maybe: string | undefined;
  for (const sel of inventory.ofType('aws.backup.backup-selection')) {
    const s = asRecord(get(sel.properties, 'BackupSelection'));
    const name = sel.name ?? sel.id;
    for (const res of asArray(s.Resources)) {
      if (isRef(res) && r.location.stack && `${r.location.stack}/${res.logicalId}` === r.id) return { covered: name };
      if (typeof res !== 'string') continue;
      if (res === r.id) return { covered: name };
      if (res === '*' || /^arn:[^:]+:elasticfilesystem:[^:]*:[^:]*:file-system\/\*$/.test(res)) maybe ??= name;
    }
    if (asArray(s.ListOfTags).length || s.Conditions) maybe ??= name;
  }
  return { maybe };
}

/**
 * FSBP EFS.2: the file system is in an AWS Backup plan: its automatic backups
 * are on (BackupPolicy ENABLED, in templates) or a backup selection names it.
 * A selection by tag or wildcard may cover it (unknown); backup selections
 * that could not be read leave a live file system unknown, never uncovered.
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
    const sel = selectedBy(r, inventory);
    const e = ev('aws.backup.backup-selection', sel.covered ?? sel.maybe ?? null, 'a backup selection naming the file system', r.source === 'iac' ? `BackupPolicy.Status is ${String(policy ?? 'omitted (automatic backups off)')}` : undefined);
    if (sel.covered) return pass(`backup selection ${sel.covered} names the file system`, e);
    if (sel.maybe) return unknown(`backup selection ${sel.maybe} selects by tag or wildcard and may cover the file system`, e);
    if (r.source === 'live') {
      const cov = inventory.coverage;
      if ((cov.excludedServices ?? []).includes('aws:backup')) return unknown('AWS Backup was not scanned (--services): the file system may be in a plan', e);
      const failed = (cov.failures ?? []).find((f) => BACKUP_READS.test(f.operation) && (!f.region || f.region === r.location.region));
      if (failed) return unknown(`the backup selections were not all read (${failed.operation}: ${failed.code})`, e);
    }
    return fail('no backup plan covers the file system', e);
  },
});

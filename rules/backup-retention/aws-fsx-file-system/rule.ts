import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';
import { outsideWindow, windowText } from '../_window.js';
import { judgeCoverage } from '../_coverage.js';
import { backupSelectionOf, tagView, unlessEvidence } from '../_selection.js';

/**
 * Each FSx file system type keeps its automatic daily backups for
 * `<Type>Configuration.AutomaticBackupRetentionDays` (0 turns them off; at most 90). The
 * defaults when the template omits it are CloudFormation's (AWS::FSx::FileSystem template
 * reference): 30 days for Windows File Server, ONTAP and OpenZFS, 0 (off) for Lustre.
 * Lustre scratch deployment types (SCRATCH_1, the API's default, and SCRATCH_2) support no
 * backups at all, automatic or AWS Backup.
 */
const CONFIGS: Record<string, { path: 'WindowsConfiguration' | 'LustreConfiguration' | 'OntapConfiguration' | 'OpenZFSConfiguration'; defaultDays: number }> = {
  WINDOWS: { path: 'WindowsConfiguration', defaultDays: 30 },
  LUSTRE: { path: 'LustreConfiguration', defaultDays: 0 },
  ONTAP: { path: 'OntapConfiguration', defaultDays: 30 },
  OPENZFS: { path: 'OpenZFSConfiguration', defaultDays: 30 },
};
const MAX_DAYS = 90;
const FACTS = { service: 'fsx', kind: 'file-system' } as const;

export default defineRule({
  id: 'backup-retention/aws-fsx-file-system',
  control: 'backup-retention',
  title: 'FSx file systems keep automatic backups for the promised retention window',
  severity: 'medium',
  risk: 'A file system with automatic backups off (Lustre by default, scratch Lustre always) and in no AWS Backup plan has nothing to restore; 30-day defaults or longer settings keep data past a shorter promised cycle.',
  remediation: {
    text: 'Set <Type>Configuration.AutomaticBackupRetentionDays to the claimed cycle (1–90; Windows, ONTAP and OpenZFS default to 30, Lustre to 0), or select the file system in an AWS Backup plan whose rules expire recovery points on that cycle. Scratch Lustre file systems cannot be backed up: use a PERSISTENT deployment type for data that must be restorable.',
    cdk: "new fsx.LustreFileSystem(this, 'Fs', { vpc, vpcSubnet, storageCapacityGiB: 1200, lustreConfiguration: { deploymentType: fsx.LustreDeploymentType.PERSISTENT_2, perUnitStorageThroughput: 125, automaticBackupRetention: Duration.days(35) } })",
    cloudformation: 'Type: AWS::FSx::FileSystem\nProperties:\n  FileSystemType: WINDOWS\n  WindowsConfiguration:\n    AutomaticBackupRetentionDays: 35',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-fsx-filesystem.html',
    'https://docs.aws.amazon.com/fsx/latest/LustreGuide/using-backups-fsx.html',
  ],
  types: ['aws.fsx.file-system'],
  sources: ['iac'],
  check(r, { params, inventory }) {
    const type = known(r, 'FileSystemType');
    const config = typeof type === 'string' ? CONFIGS[type] : undefined;
    if (!config) return fail(`FileSystemType ${text(type)} is not a valid value`, ev('FileSystemType', type ?? null, 'WINDOWS, LUSTRE, ONTAP or OPENZFS', notAValidValue('FileSystemType', text(type), 'WINDOWS, LUSTRE, ONTAP or OPENZFS')));
    const facts = { ...FACTS, arn: r.location.arn };
    const tags = known(r, 'Tags');
    if (type === 'LUSTRE') {
      const deployment = known(r, 'LustreConfiguration.DeploymentType');
      if (deployment === undefined || deployment === 'SCRATCH_1' || deployment === 'SCRATCH_2')
        return fail(
          'a scratch Lustre file system keeps no backups (FSx supports neither automatic nor AWS Backup backups of scratch file systems)',
          ev('LustreConfiguration.DeploymentType', deployment ?? null, 'PERSISTENT_1 or PERSISTENT_2', deployment === undefined ? 'omitted: the FSx API defaults to SCRATCH_1' : undefined),
        );
    }
    const path = `${config.path}.AutomaticBackupRetentionDays` as const;
    const raw = known(r, path);
    const omitted = raw === undefined || raw === null;
    const days = omitted ? config.defaultDays : typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(days) || days < 0 || days > MAX_DAYS)
      return fail(`${path} ${text(raw)} is not a valid value`, ev(path, raw, windowText(params), notAValidValue(path, text(raw), `a whole number of days from 0 to ${MAX_DAYS}`)));
    const note = omitted ? `omitted: CloudFormation defaults ${type} file systems to ${config.defaultDays === 0 ? '0 (automatic backups off)' : `${config.defaultDays} days`}` : undefined;
    const evidence = ev(path, omitted ? null : raw, windowText(params), note);
    if (days === 0)
      return judgeCoverage(r, inventory, params, facts, tags, 'the file system', 'automatic backups are off (0 days)', [evidence]);
    const why = outsideWindow(days, params);
    if (!why) return pass(`automatic backups kept ${days} day${days === 1 ? '' : 's'}`, evidence);
    // Too short, but an AWS Backup plan may keep the promised window: that plan is judged on its own.
    if (days < params.backup.minDays) {
      const sel = backupSelectionOf(r, inventory, facts, tagView(r, tags));
      if (sel.covered) return notApplicable(`automatic backups kept ${days} days; backed up by AWS Backup selection ${sel.covered} (its plan is judged by backup-retention/aws-backup-backup-plan)`, evidence);
      if (sel.unless) return fail(`automatic backups kept ${why} (${sel.unless})`, evidence, ...unlessEvidence(sel));
    }
    return fail(`automatic backups kept ${why}`, evidence);
  },
});

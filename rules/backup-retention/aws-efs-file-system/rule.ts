import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';
import { outsideWindow, windowText } from '../_window.js';
import { judgeCoverage } from '../_coverage.js';

/**
 * EFS automatic backups (BackupPolicy ENABLED) put the file system in the default EFS backup
 * plan, which AWS Backup runs daily and keeps 35 days (EFS User Guide, "Backing up EFS file
 * systems": "daily backups with a 35-day retention period"). The plan can be edited in AWS
 * Backup, which a template does not show: the documented default is what the template deploys.
 */
const DEFAULT_PLAN_DAYS = 35;
const DEFAULT_PLAN_NOTE = 'automatic backups: the default EFS backup plan keeps daily backups 35 days (EFS User Guide, "Backing up EFS file systems")';

export default defineRule({
  id: 'backup-retention/aws-efs-file-system',
  control: 'backup-retention',
  title: 'EFS file systems are backed up, and their backups expire within the promised window',
  severity: 'medium',
  risk: 'A file system with automatic backups off and in no AWS Backup plan has no backups to restore; the default EFS plan keeps backups 35 days, which a shorter promised cycle does not allow.',
  remediation: {
    text: 'Turn on automatic backups (BackupPolicy Status ENABLED: daily, kept 35 days), or select the file system in an AWS Backup plan whose rules expire recovery points on the claimed cycle.',
    cdk: "new efs.FileSystem(this, 'Files', { vpc, enableAutomaticBackups: true }) // aws-cdk-lib defaults enableAutomaticBackups to false",
    cloudformation: 'Type: AWS::EFS::FileSystem\nProperties:\n  BackupPolicy:\n    Status: ENABLED',
    cli: 'aws efs put-backup-policy --file-system-id FS_ID --backup-policy Status=ENABLED',
  },
  references: ['https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html', 'https://docs.aws.amazon.com/efs/latest/ug/automatic-backups.html'],
  types: ['aws.efs.file-system'],
  // Live file systems do not carry their backup policy (DescribeFileSystems does not return it).
  sources: ['iac'],
  check(r, { params, inventory }) {
    const status = known(r, 'BackupPolicy.Status');
    // CreateFileSystem turns automatic backups on by default for One Zone file systems only
    // (AvailabilityZoneName given, whatever its value); a Regional one is created without them.
    const oneZone = status === undefined && get(r.properties, 'AvailabilityZoneName') !== undefined;
    if (status === 'ENABLED' || oneZone) {
      const evidence = ev('BackupPolicy.Status', status ?? null, windowText(params), oneZone ? `omitted on a One Zone file system (AvailabilityZoneName): EFS turns automatic backups on by default; ${DEFAULT_PLAN_NOTE}` : DEFAULT_PLAN_NOTE);
      const why = outsideWindow(DEFAULT_PLAN_DAYS, params);
      return why ? fail(`automatic backups keep ${why}`, evidence) : pass(`automatic backups are on: the default EFS backup plan keeps daily backups ${DEFAULT_PLAN_DAYS} days`, evidence);
    }
    if (status !== undefined && status !== null && status !== 'DISABLED')
      return fail(`BackupPolicy.Status ${text(status)} is not a valid value`, ev('BackupPolicy.Status', status, 'ENABLED', notAValidValue('BackupPolicy.Status', text(status), 'ENABLED or DISABLED')));
    const evidence = ev('BackupPolicy.Status', status ?? null, 'ENABLED, or an AWS Backup selection', status === undefined || status === null ? 'omitted: a Regional file system is created without automatic backups (EFS CreateFileSystem; aws-cdk-lib enableAutomaticBackups defaults to false)' : undefined);
    return judgeCoverage(
      r,
      inventory,
      params,
      { service: 'elasticfilesystem', kind: 'file-system', arn: r.location.arn },
      known(r, 'FileSystemTags'),
      'the file system',
      'automatic backups are off',
      [evidence],
    );
  },
});

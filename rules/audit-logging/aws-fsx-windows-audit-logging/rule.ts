import { defineRule } from '../../../src/evaluate/rule.js';
import { known, knownPointer, pointerNote, ev, pass, fail, notApplicable, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const LEVELS = ['DISABLED', 'SUCCESS_ONLY', 'FAILURE_ONLY', 'SUCCESS_AND_FAILURE'];
const AUDIT = 'WindowsConfiguration.AuditLogConfiguration';

/**
 * FSx for Windows File Server audits end-user access only through
 * `WindowsConfiguration.AuditLogConfiguration`: `FileAccessAuditLogLevel` (reads, writes and
 * deletes of files and folders that carry an audit SACL) and `FileShareAccessAuditLogLevel`
 * (connections to shares). Without the block both are DISABLED (FSx API default), so nothing
 * records who opened or deleted which file. With either level on, events go to
 * `AuditLogDestination` or, when that is omitted, to the default /aws/fsx/windows log group.
 * The other FSx types have no such setting in CloudFormation: ONTAP's NAS auditing is configured
 * inside ONTAP (vserver audit), OpenZFS has none, and Lustre's `LogConfiguration` logs data
 * repository import/export errors, not user access. They are not applicable.
 */
export default defineRule({
  id: 'audit-logging/aws-fsx-windows-audit-logging',
  control: 'audit-logging',
  title: 'FSx for Windows File Server file systems audit file and share access',
  severity: 'low',
  risk: 'Without file access auditing, who read, changed or deleted which file on the share, and who connected to it, is recorded nowhere.',
  remediation: {
    text: 'Set WindowsConfiguration.AuditLogConfiguration with FileAccessAuditLogLevel and FileShareAccessAuditLogLevel SUCCESS_AND_FAILURE (or FAILURE_ONLY) and an AuditLogDestination log group or Firehose stream.',
    cdk: "new fsx.CfnFileSystem(this, 'Share', { fileSystemType: 'WINDOWS', windowsConfiguration: { throughputCapacity: 32, auditLogConfiguration: { fileAccessAuditLogLevel: 'SUCCESS_AND_FAILURE', fileShareAccessAuditLogLevel: 'SUCCESS_AND_FAILURE', auditLogDestination: logGroup.logGroupArn } }, ... })",
    cloudformation: 'Type: AWS::FSx::FileSystem\nProperties:\n  FileSystemType: WINDOWS\n  WindowsConfiguration:\n    AuditLogConfiguration:\n      FileAccessAuditLogLevel: SUCCESS_AND_FAILURE\n      FileShareAccessAuditLogLevel: SUCCESS_AND_FAILURE\n      AuditLogDestination: !GetAtt FsxAuditLogs.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-fsx-filesystem-auditlogconfiguration.html',
    'https://docs.aws.amazon.com/fsx/latest/WindowsGuide/file-access-auditing.html',
  ],
  types: ['aws.fsx.file-system'],
  // Judged in templates only.
  sources: ['iac'],
  check(r) {
    const type = known(r, 'FileSystemType');
    if (type !== 'WINDOWS')
      return notApplicable(`FileSystemType ${text(type)}: only FSx for Windows File Server has a file access auditing setting`, ev('FileSystemType', type ?? null));
    const levels = (['FileAccessAuditLogLevel', 'FileShareAccessAuditLogLevel'] as const).map((name) => {
      const path = `${AUDIT}.${name}` as const;
      const raw = known(r, path);
      return { name, path, raw, level: raw === undefined || raw === null ? 'DISABLED' : text(raw) };
    });
    const evidence = levels.map((l) => ev(l.path, l.raw ?? null, 'SUCCESS_ONLY, FAILURE_ONLY or SUCCESS_AND_FAILURE', l.raw === undefined ? 'omitted: DISABLED (FSx default)' : undefined));
    const bad = levels.find((l) => !LEVELS.includes(l.level));
    if (bad) return fail(`${bad.name} ${bad.level} is not a valid value`, ...evidence.map((e) => (e.path === bad.path ? { ...e, note: notAValidValue(bad.name, bad.level, LEVELS.join(', ')) } : e)));
    const on = levels.filter((l) => l.level !== 'DISABLED');
    if (on.length === 0) return fail('file and share access auditing are off: access to the file system is not logged', ...evidence);
    // The destination is evidence only: without one FSx writes to its default log group, and it takes only an
    // existing log group or Firehose stream, so one from a parameter or an import is auditing on as well.
    const destination = knownPointer(r, `${AUDIT}.AuditLogDestination`);
    const where = destination === undefined ? 'the default /aws/fsx/windows log group' : pointerNote(destination, 'x') ? 'a destination set at deploy time' : text(destination);
    return pass(`${on.map((l) => `${l.name} ${l.level}`).join(', ')}: audit events go to ${where}`, ...evidence, ev(`${AUDIT}.AuditLogDestination`, destination ?? null, undefined, pointerNote(destination, 'the destination')));
  },
});

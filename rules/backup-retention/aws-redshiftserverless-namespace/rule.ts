import { defineRule } from '../../../src/evaluate/rule.js';
import { known, must, asArray, asRecord, asNumber, ev, fail, unknown, text } from '../../../src/evaluate/facts.js';
import { judgeRetentionOrBackup } from '../_rds.js';
import { outsideWindow, windowText } from '../_window.js';

/**
 * Redshift Serverless keeps its automatic recovery points 24 hours, and no setting changes that
 * (Amazon Redshift Management Guide, "Snapshots and recovery points"; API RecoveryPoint). That is the
 * observed window, judged as a provisioned cluster's 1-day default is; an AWS Backup selection that
 * covers the namespace with a daily plan inside the window is credited as for the RDS family.
 * Snapshots copied to another Region (SnapshotCopyConfigurations) must expire within the cycle too.
 */
export default defineRule({
  id: 'backup-retention/aws-redshiftserverless-namespace',
  control: 'backup-retention',
  title: 'Redshift Serverless namespaces keep restore points for the promised retention window',
  severity: 'medium',
  risk: 'Redshift Serverless keeps automatic recovery points only 24 hours: without snapshots or an AWS Backup plan, nothing older than yesterday can be restored.',
  remediation: {
    text: 'Back the namespace up with a daily AWS Backup plan (or a snapshot schedule) whose snapshots expire within the claimed cycle; give snapshot copies a SnapshotRetentionPeriod within it.',
    cloudformation: 'Type: AWS::Backup::BackupSelection\nProperties:\n  BackupPlanId: !Ref DailyPlan   # ScheduleExpression cron(0 3 * * ? *), Lifecycle.DeleteAfterDays 35\n  BackupSelection:\n    SelectionName: warehouse\n    IamRoleArn: !GetAtt BackupRole.Arn\n    Resources: [!GetAtt Namespace.Namespace.NamespaceArn]',
  },
  references: [
    'https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-snapshots-recovery-points.html',
    'https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_RecoveryPoint.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-redshiftserverless-namespace-snapshotcopyconfiguration.html',
  ],
  types: ['aws.redshiftserverless.namespace'],
  // No live collector reads Redshift Serverless: judged in templates only.
  sources: ['iac'],
  check(r, { params, inventory }) {
    // A namespace ARN ends in its generated id, not its name: selections match it by reference, tags or wildcard.
    const native = judgeRetentionOrBackup(r, params, inventory, 'the namespace', { service: 'redshift-serverless', kind: 'namespace', arn: r.location.arn }, {
      path: 'recovery points',
      fixed: true,
      defaultDays: 1,
      omittedNote: 'Redshift Serverless keeps automatic recovery points 24 hours; no setting changes it',
    });
    if (native.status !== 'pass') return native;
    // Copies in another Region follow their own SnapshotRetentionPeriod.
    for (const [i, c] of asArray(known(r, 'SnapshotCopyConfigurations')).entries()) {
      const entry = asRecord(must(c, `SnapshotCopyConfigurations[${i}]`));
      const path = `SnapshotCopyConfigurations[${i}].SnapshotRetentionPeriod`;
      const raw = must(entry.SnapshotRetentionPeriod, path);
      const region = text(must(entry.DestinationRegion, `SnapshotCopyConfigurations[${i}].DestinationRegion`));
      if (raw === undefined || raw === null)
        return unknown(`${native.message}; snapshots copied to ${region} have no SnapshotRetentionPeriod, and AWS documents no default for it`, ...(native.evidence ?? []), ev(path, null, windowText(params)));
      const days = asNumber(raw);
      if (days === undefined) return unknown(`${path} ${JSON.stringify(raw)} is not a number`, ev(path, raw, windowText(params)));
      const why = days === -1 ? 'indefinitely (-1)' : outsideWindow(days, params);
      if (why) return fail(`snapshots copied to ${region} are kept ${why}`, ...(native.evidence ?? []), ev(path, raw, windowText(params)));
    }
    return native;
  },
});

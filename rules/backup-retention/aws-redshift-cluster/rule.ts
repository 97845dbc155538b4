import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import type { Parameters as ClaimParameters } from '../../../src/evaluate/claims-profile.js';
import { known, asNumber, ev, fail, unknown } from '../../../src/evaluate/facts.js';
import { judgeRetentionOrBackup, lowerName } from '../_rds.js';
import { judgeManualSnapshot } from '../_manual-snapshot.js';
import { windowText } from '../_window.js';

export default defineRule({
  id: 'backup-retention/aws-redshift-cluster',
  control: 'backup-retention',
  title: 'Redshift clusters keep automated snapshots for the promised retention window',
  severity: 'medium',
  risk: 'Redshift keeps automated snapshots one day unless told otherwise: a restore point older than yesterday does not exist, and a window longer than the claim keeps data past the promised rotation.',
  remediation: {
    text: 'Set AutomatedSnapshotRetentionPeriod to the claimed cycle (0–35 days; 0 disables automated snapshots). Or select it in an AWS Backup plan that backs up daily and deletes recovery points within the window (credited when its own retention is below the floor).',
    cdk: "new redshift.CfnCluster(this, 'Warehouse', { ..., automatedSnapshotRetentionPeriod: 35 })",
    cloudformation: 'Type: AWS::Redshift::Cluster\nProperties:\n  AutomatedSnapshotRetentionPeriod: 35',
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-redshift-cluster.html', 'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-snapshots.html'],
  types: ['aws.redshift.cluster'],
  // No live collector reads Redshift: judged in templates only.
  sources: ['iac'],
  check(r, { params, inventory }) {
    const native = judgeRetentionOrBackup(r, params, inventory, 'cluster', { service: 'redshift', kind: 'cluster', sep: ':', name: lowerName(r, 'ClusterIdentifier'), arn: r.location.arn }, {
      path: 'AutomatedSnapshotRetentionPeriod',
      defaultDays: 1,
      omittedNote: 'omitted: CloudFormation and the Redshift API default to 1 day',
    });
    if (native.status === 'fail') return native;
    return snapshotsOutlivingTheCycle(r, params, native) ?? native;
  },
});

/**
 * Two more windows a cluster sets for its snapshots (Redshift API ModifyCluster): ManualSnapshotRetentionPeriod,
 * the default retention of manual snapshots taken of it (-1: kept until deleted; judged only when the template
 * sets it, since a cluster may never get a manual snapshot), and SnapshotCopyRetentionPeriod, how long automated
 * snapshots copied to another Region are kept. Either past the claimed cycle keeps data longer than promised.
 */
function snapshotsOutlivingTheCycle(r: Resource, params: ClaimParameters, native: Verdict): Verdict | undefined {
  const manual = known(r, 'ManualSnapshotRetentionPeriod');
  if (manual !== undefined && manual !== null) {
    const v = judgeManualSnapshot(manual, 'ManualSnapshotRetentionPeriod', params);
    if (v.status === 'fail') return { ...v, message: `manual snapshots of this cluster: ${v.message}`, evidence: [...(native.evidence ?? []), ...(v.evidence ?? [])] };
  }
  const copyRaw = known(r, 'SnapshotCopyRetentionPeriod');
  if (copyRaw !== undefined && copyRaw !== null) {
    const days = asNumber(copyRaw);
    const copyEv = ev('SnapshotCopyRetentionPeriod', copyRaw, `at most ${params.backup.maxDays} days`);
    if (days === undefined) return unknown(`SnapshotCopyRetentionPeriod ${JSON.stringify(copyRaw)} is not a number`, ...(native.evidence ?? []), copyEv);
    if (days === -1 || days > params.backup.maxDays)
      return fail(`automated snapshots copied to another Region are kept ${days === -1 ? 'until deleted (-1)' : `${days} days, longer than the ${params.backup.maxDays}-day maximum (the claimed cycle)`}`, ...(native.evidence ?? []), { ...copyEv, expected: windowText(params) });
  }
  return undefined;
}

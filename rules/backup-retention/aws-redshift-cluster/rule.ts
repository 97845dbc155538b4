import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeRetentionOrBackup, lowerName } from '../_rds.js';

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
    return judgeRetentionOrBackup(r, params, inventory, 'cluster', { service: 'redshift', kind: 'cluster', sep: ':', name: lowerName(r, 'ClusterIdentifier'), arn: r.location.arn }, {
      path: 'AutomatedSnapshotRetentionPeriod',
      defaultDays: 1,
      omittedNote: 'omitted: CloudFormation and the Redshift API default to 1 day',
    });
  },
});

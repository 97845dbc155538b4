import { defineRule } from '../../../src/evaluate/rule.js';
import { known } from '../../../src/evaluate/facts.js';
import { judgeManualSnapshot } from '../_manual-snapshot.js';

export default defineRule({
  id: 'backup-retention/aws-redshift-snapshot',
  control: 'backup-retention',
  title: 'Redshift cluster snapshots a template creates expire within the promised cycle',
  severity: 'medium',
  risk: 'A manual snapshot is kept until someone deletes it unless it has a retention period (-1 is the default): a copy of the warehouse that outlives the promised rotation.',
  remediation: {
    text: 'Give the snapshot a ManualSnapshotRetentionPeriod no longer than the claimed cycle (e.g. 35).',
    cloudformation: 'Type: AWS::Redshift::Snapshot\nProperties:\n  ClusterIdentifier: !Ref Cluster\n  SnapshotIdentifier: before-migration\n  ManualSnapshotRetentionPeriod: 35',
  },
  references: ['https://docs.aws.amazon.com/redshift/latest/APIReference/API_CreateClusterSnapshot.html'],
  types: ['aws.redshift.snapshot'],
  sources: ['iac'],
  check(r, { params }) {
    return judgeManualSnapshot(known(r, 'ManualSnapshotRetentionPeriod'), 'ManualSnapshotRetentionPeriod', params);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known } from '../../../src/evaluate/facts.js';
import { judgeManualSnapshot } from '../_manual-snapshot.js';

export default defineRule({
  id: 'backup-retention/aws-redshiftserverless-snapshot',
  control: 'backup-retention',
  title: 'Redshift Serverless snapshots a template creates expire within the promised cycle',
  severity: 'medium',
  risk: 'A manual snapshot is kept until someone deletes it unless it has a retention period: a copy of the warehouse that outlives the promised rotation.',
  remediation: {
    text: 'Give the snapshot a RetentionPeriod no longer than the claimed cycle (e.g. 35).',
    cloudformation: 'Type: AWS::RedshiftServerless::Snapshot\nProperties:\n  NamespaceName: !Ref Namespace\n  SnapshotName: before-migration\n  RetentionPeriod: 35',
  },
  references: ['https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-snapshots.html'],
  types: ['aws.redshiftserverless.snapshot'],
  sources: ['iac'],
  check(r, { params }) {
    return judgeManualSnapshot(known(r, 'RetentionPeriod'), 'RetentionPeriod', params);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known } from '../../../src/evaluate/facts.js';
import { judgePitr } from '../_dynamodb.js';

export default defineRule({
  id: 'backup-retention/aws-dynamodb-table',
  control: 'backup-retention',
  title: 'DynamoDB tables keep point-in-time recovery for the promised retention window',
  severity: 'medium',
  risk: 'Without point-in-time recovery (or an AWS Backup plan) a table has no backups to restore; a recovery period other than the promised cycle breaks the rotation claim.',
  remediation: {
    text: 'Enable point-in-time recovery with RecoveryPeriodInDays equal to the claimed cycle (1–35; default 35), or select the table in an AWS Backup plan whose rules expire recovery points on that cycle.',
    cdk: "new dynamodb.TableV2(this, 'T', { partitionKey, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 } })",
    cloudformation: 'PointInTimeRecoverySpecification:\n  PointInTimeRecoveryEnabled: true\n  RecoveryPeriodInDays: 35',
  },
  references: ['https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PointInTimeRecoverySpecification.html'],
  types: ['aws.dynamodb.table'],
  sources: ['iac', 'live'],
  check(r, { params, inventory }) {
    return judgePitr(known(r, 'PointInTimeRecoverySpecification'), 'PointInTimeRecoverySpecification', r, params, inventory);
  },
});

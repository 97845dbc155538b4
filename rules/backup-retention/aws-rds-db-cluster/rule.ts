import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeRetentionOrBackup, lowerName } from '../_rds.js';

export default defineRule({
  id: 'backup-retention/aws-rds-db-cluster',
  control: 'backup-retention',
  title: 'Aurora and Multi-AZ DB clusters keep automated backups for the promised retention window',
  severity: 'medium',
  risk: 'A cluster’s retention governs every member instance; outside the window, backups either outlive the promised rotation or cannot restore what the policy promises.',
  remediation: {
    text: 'Set the cluster BackupRetentionPeriod to the claimed cycle (1–35 days). Or select it in an AWS Backup plan that backs up daily and deletes recovery points within the window (credited when its own retention is below the floor).',
    cdk: 'new rds.DatabaseCluster(this, "Db", { engine, writer, vpc, backup: { retention: Duration.days(35) } })',
    cloudformation: 'Type: AWS::RDS::DBCluster\nProperties:\n  BackupRetentionPeriod: 35',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Managing.Backups.html'],
  types: ['aws.rds.db-cluster'],
  sources: ['iac', 'live'],
  check(r, { params, inventory }) {
    return judgeRetentionOrBackup(r, params, inventory, 'cluster', { service: 'rds', kind: 'cluster', sep: ':', name: lowerName(r, 'DBClusterIdentifier'), arn: r.location.arn });
  },
});

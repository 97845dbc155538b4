import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeRetentionOrBackup, lowerName } from '../_rds.js';

export default defineRule({
  id: 'backup-retention/aws-docdb-db-cluster',
  control: 'backup-retention',
  title: 'DocumentDB clusters keep automated backups for the promised retention window',
  severity: 'medium',
  risk: 'A DocumentDB cluster keeps one day of automated backups unless told otherwise: outside the window, backups either cannot restore what the policy promises or outlive the promised rotation.',
  remediation: {
    text: 'Set BackupRetentionPeriod to the claimed cycle (1–35 days). Or select it in an AWS Backup plan that backs up daily and deletes recovery points within the window (credited when its own retention is below the floor).',
    cdk: "new docdb.DatabaseCluster(this, 'Db', { ..., backup: { retention: Duration.days(35) } })",
    cloudformation: 'Type: AWS::DocDB::DBCluster\nProperties:\n  BackupRetentionPeriod: 35',
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-docdb-dbcluster.html', 'https://docs.aws.amazon.com/documentdb/latest/developerguide/backup_restore-understanding_backups.html'],
  types: ['aws.docdb.db-cluster'],
  // No live collector reads DocumentDB: judged in templates only.
  sources: ['iac'],
  check(r, { params, inventory }) {
    return judgeRetentionOrBackup(r, params, inventory, 'cluster', { service: 'rds', kind: 'cluster', sep: ':', name: lowerName(r, 'DBClusterIdentifier'), arn: r.location.arn }, { path: 'BackupRetentionPeriod', defaultDays: 1, omittedNote: 'omitted: CloudFormation and the DocumentDB API default to 1 day' });
  },
});

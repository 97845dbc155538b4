import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, notApplicable } from '../../../src/evaluate/facts.js';
import { judgeRetentionOrBackup, lowerName } from '../_rds.js';

export default defineRule({
  id: 'backup-retention/aws-rds-db-instance',
  control: 'backup-retention',
  title: 'RDS instances keep automated backups for the promised retention window',
  severity: 'medium',
  risk: 'Backups kept longer than promised hold customer data past the rotation cycle; backups kept shorter (or disabled) cannot restore what the policy says can be restored.',
  remediation: {
    text: 'Set BackupRetentionPeriod to the claimed cycle (1–35 days; 35 for a 35-day rotation). Or select it in an AWS Backup plan that backs up daily and deletes recovery points within the window (credited when its own retention is below the floor).',
    cdk: 'new rds.DatabaseInstance(this, "Db", { engine, vpc, backupRetention: Duration.days(35) })',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  BackupRetentionPeriod: 35',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.BackupRetention.html'],
  types: ['aws.rds.db-instance'],
  sources: ['iac', 'live'],
  check(r, { params, inventory }) {
    const engine = known(r, 'Engine');
    const cluster = known(r, 'DBClusterIdentifier');
    if (cluster !== undefined || (typeof engine === 'string' && engine.startsWith('aurora')))
      return notApplicable('cluster member: backups are the cluster’s (judged on the DB cluster)', ev('DBClusterIdentifier', cluster ?? null), ev('Engine', engine ?? null));
    // A replica is one whether or not its source can be resolved; its own explicit retention is judged as written.
    const source = get(r.properties, 'SourceDBInstanceIdentifier');
    if (source !== undefined && source !== null && known(r, 'BackupRetentionPeriod') === undefined)
      return notApplicable('read replica without its own backups: the source instance’s retention applies', ev('SourceDBInstanceIdentifier', source));
    return judgeRetentionOrBackup(r, params, inventory, 'instance', { service: 'rds', kind: 'db', sep: ':', name: lowerName(r, 'DBInstanceIdentifier'), arn: r.location.arn });
  },
});

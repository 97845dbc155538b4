import { defineRule } from '../../../src/evaluate/rule.js';
import { dmsLoggingVerdict } from '../_dms-logging.js';

/**
 * A DMS Serverless replication (AWS::DMS::ReplicationConfig) takes the same task settings as a
 * replication task, in `ReplicationSettings`; it writes CloudWatch logs only when they say
 * `Logging.EnableLogging: true` (default false). Judged as audit-logging/aws-dms-replication-task-logging
 * (FSBP DMS.7 / DMS.8 read that flag on tasks). scout15 labels EnableLogging false fail.
 */
export default defineRule({
  id: 'audit-logging/aws-dms-replication-config-logging',
  control: 'audit-logging',
  title: 'DMS Serverless replications log to CloudWatch Logs',
  severity: 'low',
  risk: 'Without replication logs, what a serverless migration or ongoing replication read from the source and wrote to the target (and every error it hit) leaves no record.',
  remediation: {
    text: 'Put "Logging": { "EnableLogging": true } in ReplicationSettings.',
    cdk: "new dms.CfnReplicationConfig(this, 'Replication', { ..., replicationSettings: { Logging: { EnableLogging: true } } })",
    cloudformation: 'ReplicationSettings:\n  Logging:\n    EnableLogging: true',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dms-replicationconfig.html',
    'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TaskSettings.Logging.html',
    'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Serverless.html',
  ],
  types: ['aws.dms.replication-config'],
  // The live collector does not read DMS.
  sources: ['iac'],
  check(r) {
    return dmsLoggingVerdict(r, 'ReplicationSettings', 'replication');
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, asBool, text } from '../../../src/evaluate/facts.js';

/**
 * A DMS homogeneous data migration (AWS::DMS::DataMigration, run inside a migration project) sends
 * its logs to CloudWatch Logs only when DataMigrationSettings.CloudwatchLogsEnabled is true. An
 * explicit false is a logging switch turned off: it fails, as audit-logging/aws-dms-replication-task-logging
 * fails EnableLogging false. Omitted, the CloudFormation and DMS API references state no default,
 * so vouch does not guess: unknown.
 * Corpus (session 12, fixR): no AWS::DMS::DataMigration in any set.
 */
export default defineRule({
  id: 'audit-logging/aws-dms-data-migration-logging',
  control: 'audit-logging',
  title: 'DMS homogeneous data migrations log to CloudWatch Logs',
  severity: 'low',
  risk: 'Without migration logs, what a data migration read, wrote and failed on leaves no record to investigate.',
  remediation: {
    text: 'Set DataMigrationSettings.CloudwatchLogsEnabled to true.',
    cdk: "new dms.CfnDataMigration(this, 'Migration', { ..., dataMigrationSettings: { cloudwatchLogsEnabled: true } })",
    cloudformation: 'DataMigrationSettings:\n  CloudwatchLogsEnabled: true',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dms-datamigration-datamigrationsettings.html',
    'https://docs.aws.amazon.com/dms/latest/APIReference/API_DataMigrationSettings.html',
  ],
  types: ['aws.dms.data-migration'],
  // The live collector does not read DMS.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'DataMigrationSettings.CloudwatchLogsEnabled');
    const e = ev('DataMigrationSettings.CloudwatchLogsEnabled', raw ?? null, true);
    if (raw === undefined || raw === null)
      return unknown('CloudwatchLogsEnabled is not set and its default is not documented', ev('DataMigrationSettings.CloudwatchLogsEnabled', null, true, 'omitted: no documented default'));
    const on = asBool(raw);
    if (on === undefined) return unknown(`CloudwatchLogsEnabled ${text(raw)} is not a boolean`, e);
    return on ? pass('the data migration logs to CloudWatch Logs', e) : fail('data migration logging is off (CloudwatchLogsEnabled false)', e);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail, asBool, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const LEVELS = ['CRITICAL', 'ERROR', 'WARNING', 'INFO', 'DEBUG'];
const OTHER_TYPES = ['SchedulerLogs', 'DagProcessingLogs', 'WebserverLogs', 'WorkerLogs'] as const;

/**
 * Amazon MWAA sends five Airflow log types to CloudWatch Logs, each only when its
 * `LoggingConfiguration.<Type>.Enabled` is true (omitted: false; no LoggingConfiguration:
 * every type off). The audit trail of a workflow environment is its task logs: one record
 * per task run saying what ran, when, against what and how it ended (the log type the
 * MWAA console turns on by default). Scheduler and DAG-processing logs record how DAGs were
 * parsed and queued, worker logs the Celery processes, webserver logs the Airflow UI
 * server; none of them says what a run did, and access to the UI itself is recorded by
 * CloudTrail (CreateWebLoginToken). So task logs off fails, whatever else is on.
 */
export default defineRule({
  id: 'audit-logging/aws-mwaa-environment-logging',
  control: 'audit-logging',
  title: 'Amazon MWAA environments send Airflow task logs to CloudWatch Logs',
  severity: 'low',
  risk: 'Without task logs, what each Airflow task ran, on which data and with what outcome leaves no record outside the environment.',
  remediation: {
    text: 'Set LoggingConfiguration.TaskLogs to Enabled: true with LogLevel INFO (scheduler and other log types as needed).',
    cdk: "new mwaa.CfnEnvironment(this, 'Airflow', { name, loggingConfiguration: { taskLogs: { enabled: true, logLevel: 'INFO' }, schedulerLogs: { enabled: true, logLevel: 'WARNING' } }, ... })",
    cloudformation: 'Type: AWS::MWAA::Environment\nProperties:\n  LoggingConfiguration:\n    TaskLogs: { Enabled: true, LogLevel: INFO }',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-mwaa-environment-loggingconfiguration.html',
    'https://docs.aws.amazon.com/mwaa/latest/userguide/monitoring-airflow.html',
    'https://docs.aws.amazon.com/mwaa/latest/API/API_ModuleLoggingConfigurationInput.html',
  ],
  types: ['aws.mwaa.environment'],
  // No live collector reads MWAA: judged in templates only.
  sources: ['iac'],
  check(r) {
    const rawEnabled = known(r, 'LoggingConfiguration.TaskLogs.Enabled');
    const enabled = rawEnabled === undefined || rawEnabled === null ? false : asBool(rawEnabled);
    const enabledEv = ev('LoggingConfiguration.TaskLogs.Enabled', rawEnabled ?? null, true, rawEnabled === undefined ? 'omitted: MWAA sends no task logs (Enabled defaults to false)' : undefined);
    if (enabled === undefined) return fail(`TaskLogs.Enabled ${text(rawEnabled)} is not a valid value`, { ...enabledEv, note: notAValidValue('TaskLogs.Enabled', text(rawEnabled), 'true or false') });
    if (!enabled) {
      const others = OTHER_TYPES.filter((t) => asBool(get(r.properties, `LoggingConfiguration.${t}.Enabled`)) === true);
      const also = others.length ? ` (only ${others.join(', ')} on, which do not record what a run did)` : '';
      return fail(`Airflow task logs are off: task runs are not logged${also}`, enabledEv);
    }
    const rawLevel = known(r, 'LoggingConfiguration.TaskLogs.LogLevel');
    const levelEv = ev('LoggingConfiguration.TaskLogs.LogLevel', rawLevel ?? null, LEVELS.join(', '));
    if (rawLevel !== undefined && rawLevel !== null && !LEVELS.includes(text(rawLevel)))
      return fail(`TaskLogs.LogLevel ${text(rawLevel)} is not a valid value`, { ...levelEv, note: notAValidValue('TaskLogs.LogLevel', text(rawLevel), LEVELS.join(', ')) });
    return pass(`Airflow task logs are sent to CloudWatch Logs${rawLevel ? ` at ${text(rawLevel)}` : ''}`, enabledEv, levelEv);
  },
});

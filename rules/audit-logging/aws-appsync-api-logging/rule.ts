import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, text, knownPointer, pointerNote } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const EVENT_LOG_LEVELS = ['NONE', 'ERROR', 'INFO', 'DEBUG', 'ALL'];

/**
 * An AppSync Events API (AWS::AppSync::Api) logs to CloudWatch Logs only with
 * EventConfig.LogConfig: a LogLevel other than NONE and the role AppSync assumes to write.
 * Judged as GraphQL APIs are (audit-logging/aws-appsync-graphql-api-logging, FSBP AppSync.2):
 * no LogConfig, level NONE, or no role fails. scout15 labels an Events API without LogConfig fail.
 */
export default defineRule({
  id: 'audit-logging/aws-appsync-api-logging',
  control: 'audit-logging',
  title: 'AppSync Events APIs log to CloudWatch Logs',
  severity: 'low',
  risk: 'Without logs there is no record of the connections, publishes and subscriptions an Events API served, their errors or their callers, for review or investigation.',
  remediation: {
    text: 'Set EventConfig.LogConfig with LogLevel ERROR (or INFO, DEBUG, ALL) and a CloudWatchLogsRoleArn AppSync can assume to write CloudWatch Logs.',
    cdk: "new appsync.EventApi(this, 'Events', { apiName: 'events', logConfig: { fieldLogLevel: appsync.AppSyncFieldLogLevel.ERROR } })",
    cloudformation: 'EventConfig:\n  LogConfig:\n    LogLevel: ERROR\n    CloudWatchLogsRoleArn: !GetAtt AppSyncLogsRole.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-appsync-api-eventlogconfig.html',
    'https://docs.aws.amazon.com/appsync/latest/eventapi/monitoring.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/appsync-controls.html',
  ],
  types: ['aws.appsync.api'],
  // The live collector does not read AppSync.
  sources: ['iac'],
  check(r) {
    const config = known(r, 'EventConfig.LogConfig');
    if (config === undefined || config === null)
      return fail('the Events API writes no logs', ev('EventConfig.LogConfig', null, 'LogLevel ERROR or more, with a CloudWatchLogsRoleArn', 'omitted: AppSync logs nothing for an Events API unless LogConfig is set'));
    const raw = known(r, 'EventConfig.LogConfig.LogLevel');
    const level = raw === undefined || raw === null ? undefined : text(raw).toUpperCase();
    const levelEv = ev('EventConfig.LogConfig.LogLevel', raw ?? null, 'ERROR, INFO, DEBUG or ALL', raw === undefined ? 'omitted: required when LogConfig is set' : undefined);
    if (level !== undefined && !EVENT_LOG_LEVELS.includes(level))
      return fail(`log level ${text(raw)} is not a valid value`, { ...levelEv, note: notAValidValue('LogLevel', text(raw), EVENT_LOG_LEVELS.join(', ')) });
    if (level === undefined || level === 'NONE') return fail('Events API logging is off', levelEv);
    // Presence decides: AppSync writes the logs with whatever role this names (a role it cannot assume
    // fails the deployment), so a role from a parameter or an import is logging on; absent or '' is off.
    const role = knownPointer(r, 'EventConfig.LogConfig.CloudWatchLogsRoleArn');
    const roleEv = ev('EventConfig.LogConfig.CloudWatchLogsRoleArn', role ?? null, 'a role AppSync assumes to write CloudWatch Logs', pointerNote(role, 'the role'));
    if (role === undefined) return fail('no CloudWatchLogsRoleArn: AppSync cannot write the logs', levelEv, { ...roleEv, note: 'omitted: required by EventLogConfig' });
    return pass(`logging at ${level}, written with ${pointerNote(role, 'the role') ? 'a role set at deploy time' : text(role)}`, levelEv, roleEv);
  },
});

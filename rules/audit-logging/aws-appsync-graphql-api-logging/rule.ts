import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, text, knownPointer, pointerNote } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const LEVELS = ['NONE', 'ERROR', 'INFO', 'DEBUG', 'ALL'];

/**
 * FieldLogLevel NONE fails, as in Security Hub AppSync.2 and AWS Config
 * appsync-logging-enabled: with NONE no resolver errors are logged, which is
 * the record an investigation needs.
 */
export default defineRule({
  id: 'audit-logging/aws-appsync-graphql-api-logging',
  control: 'audit-logging',
  title: 'AppSync GraphQL APIs log requests and resolver errors to CloudWatch Logs',
  severity: 'low',
  risk: 'Without logs there is no record of the GraphQL requests an API served, their errors or their callers, for review or investigation.',
  remediation: {
    text: 'Set LogConfig with a CloudWatchLogsRoleArn and FieldLogLevel ERROR (or INFO, DEBUG, ALL); set ExcludeVerboseContent true to keep headers and mapping context out of the logs.',
    cdk: "new appsync.GraphqlApi(this, 'Api', { name: 'api', definition, logConfig: { fieldLogLevel: appsync.FieldLogLevel.ERROR, excludeVerboseContent: true } })",
    cloudformation: 'LogConfig:\n  CloudWatchLogsRoleArn: !GetAtt AppSyncLogsRole.Arn\n  FieldLogLevel: ERROR\n  ExcludeVerboseContent: true',
  },
  references: [
    'https://docs.aws.amazon.com/appsync/latest/APIReference/API_LogConfig.html',
    'https://docs.aws.amazon.com/appsync/latest/devguide/monitoring.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/appsync-logging-enabled.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/appsync-controls.html',
  ],
  types: ['aws.appsync.graph-ql-api'],
  // The live collector does not read AppSync.
  sources: ['iac'],
  check(r) {
    const config = known(r, 'LogConfig');
    if (config === undefined || config === null)
      return fail('the API writes no logs', ev('LogConfig', null, 'FieldLogLevel ERROR or more, with a CloudWatchLogsRoleArn', 'omitted: AppSync logs nothing unless LogConfig is set'));
    const raw = known(r, 'LogConfig.FieldLogLevel');
    const level = raw === undefined ? undefined : text(raw);
    const levelEv = ev('LogConfig.FieldLogLevel', raw ?? null, 'ERROR, INFO, DEBUG or ALL', raw === undefined ? 'omitted: no field-level logging' : undefined);
    if (level !== undefined && !LEVELS.includes(level))
      return fail(`field log level ${level} is not a valid value`, { ...levelEv, note: notAValidValue('FieldLogLevel', level, LEVELS.join(', ')) });
    if (level === undefined || level === 'NONE') return fail('resolver (field-level) logging is off', levelEv);
    // Presence decides: AppSync writes the logs with whatever role this names (a role it cannot assume
    // fails the deployment), so a role from a parameter or an import is logging on; absent or '' is off.
    const role = knownPointer(r, 'LogConfig.CloudWatchLogsRoleArn');
    const roleEv = ev('LogConfig.CloudWatchLogsRoleArn', role ?? null, 'a role AppSync assumes to write CloudWatch Logs', pointerNote(role, 'the role'));
    if (role === undefined) return fail('no CloudWatchLogsRoleArn: AppSync cannot write the logs', levelEv, { ...roleEv, note: 'omitted: the API reference requires it for logging' });
    return pass(`field-level logging ${level}, written with ${pointerNote(role, 'the role') ? 'a role set at deploy time' : text(role)}`, levelEv, roleEv);
  },
});

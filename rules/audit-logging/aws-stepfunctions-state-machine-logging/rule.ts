import { defineRule } from '../../../src/evaluate/rule.js';
import { known, asArray, ev, pass, fail, text, knownPointer, pointerNote } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const LEVELS = ['ALL', 'ERROR', 'FATAL', 'OFF'];

/**
 * Both workflow types are judged. An EXPRESS state machine keeps no execution
 * history at all: its CloudWatch Logs are the only record of what ran. A
 * STANDARD one keeps an execution history in the service for 90 days after the
 * execution closes, readable with GetExecutionHistory, but that history is not
 * a log: it expires, cannot be retained, exported or alerted on like a log
 * group. AWS Config (step-functions-state-machine-logging-enabled) and Control
 * Tower (CT.STEPFUNCTIONS.PR.1) likewise ask both types to log.
 */
export default defineRule({
  id: 'audit-logging/aws-stepfunctions-state-machine-logging',
  control: 'audit-logging',
  title: 'Step Functions state machines log their executions to CloudWatch Logs',
  severity: 'low',
  risk: 'Without execution logs, what a workflow did with which input, and why it failed, is lost (at once for EXPRESS workflows, after 90 days for STANDARD ones).',
  remediation: {
    text: 'Set LoggingConfiguration.Level to ERROR or ALL (FATAL at least) with one CloudWatch Logs log group in Destinations.',
    cdk: "new sfn.StateMachine(this, 'Flow', { definitionBody, logs: { destination: logGroup, level: sfn.LogLevel.ERROR } })",
    cloudformation: 'LoggingConfiguration:\n  Level: ERROR\n  IncludeExecutionData: false\n  Destinations:\n    - CloudWatchLogsLogGroup:\n        LogGroupArn: !GetAtt FlowLogs.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-stepfunctions-statemachine-loggingconfiguration.html',
    'https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html',
    'https://docs.aws.amazon.com/step-functions/latest/dg/choosing-workflow-type.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/step-functions-state-machine-logging-enabled.html',
  ],
  types: ['aws.stepfunctions.state-machine'],
  // The live collector does not read Step Functions.
  sources: ['iac'],
  check(r) {
    const type = text(known(r, 'StateMachineType') ?? 'STANDARD');
    const history =
      type === 'EXPRESS'
        ? 'an EXPRESS workflow keeps no execution history: logs are its only record'
        : 'the service keeps a STANDARD execution history only 90 days after the execution closes; it is not a log';
    const raw = known(r, 'LoggingConfiguration.Level');
    const level = raw === undefined ? 'OFF' : text(raw);
    const levelEv = ev('LoggingConfiguration.Level', raw ?? null, 'ALL, ERROR or FATAL', raw === undefined ? `omitted: the level defaults to OFF; ${history}` : history);
    if (!LEVELS.includes(level))
      return fail(`log level ${level} is not a valid value: the state machine logs nothing`, { ...levelEv, note: notAValidValue('Level', level, LEVELS.join(', ')) });
    if (level === 'OFF') return fail(`${type} state machine logs no executions (level OFF)`, levelEv);
    const destinations = asArray(known(r, 'LoggingConfiguration.Destinations'));
    // Presence decides: Step Functions takes only an existing log group's ARN as the destination (it checks
    // it when the state machine is created), so an ARN from a parameter, an import or Fn::Sub is logging on.
    const group = destinations.length > 0 ? knownPointer(r, 'LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn') : undefined;
    if (group === undefined)
      return fail(`log level ${level} but no log group destination: nothing is written`, levelEv, ev('LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn', null, 'a log group ARN', 'required when the level is not OFF'));
    return pass(
      `${type} state machine logs ${level === 'ALL' ? 'every' : level === 'ERROR' ? 'error and fatal' : 'fatal'} execution event${level === 'ALL' ? '' : 's'} to ${pointerNote(group, 'the log group') ? 'a log group set at deploy time' : text(group)}`,
      levelEv,
      ev('LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn', group, 'a log group ARN', pointerNote(group, 'the log group')),
    );
  },
});

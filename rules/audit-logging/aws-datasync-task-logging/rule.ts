import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, text, knownPointer, pointerNote } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const LOG_LEVELS = ['OFF', 'BASIC', 'TRANSFER'];

/**
 * A DataSync task in Basic mode (the default) logs only to the log group named in
 * `CloudWatchLogGroupArn`; an Enhanced-mode task always logs to /aws/datasync.
 * `Options.LogLevel: OFF` turns either off (AWS Config datasync-task-logging-enabled).
 */
export default defineRule({
  id: 'audit-logging/aws-datasync-task-logging',
  control: 'audit-logging',
  title: 'DataSync tasks log their transfers to CloudWatch Logs',
  severity: 'low',
  risk: 'Without task logs there is no record of which files a task copied, skipped or failed to verify between storage systems.',
  remediation: {
    text: 'Set CloudWatchLogGroupArn to a log group (Basic mode), or use TaskMode ENHANCED; keep Options.LogLevel at BASIC or TRANSFER.',
    cdk: "new datasync.CfnTask(this, 'Sync', { sourceLocationArn, destinationLocationArn, cloudWatchLogGroupArn: logGroup.logGroupArn, options: { logLevel: 'TRANSFER' } })",
    cloudformation: 'Type: AWS::DataSync::Task\nProperties:\n  CloudWatchLogGroupArn: !GetAtt SyncLogs.Arn\n  Options:\n    LogLevel: TRANSFER',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-datasync-task.html',
    'https://docs.aws.amazon.com/datasync/latest/userguide/configure-logging.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/datasync-task-logging-enabled.html',
  ],
  types: ['aws.datasync.task'],
  // The live collector does not read DataSync.
  sources: ['iac'],
  check(r) {
    const rawLevel = known(r, 'Options.LogLevel');
    const level = rawLevel === undefined ? undefined : text(rawLevel);
    const levelEv = ev('Options.LogLevel', rawLevel ?? null, 'BASIC or TRANSFER');
    if (level !== undefined && !LOG_LEVELS.includes(level)) return fail(`log level ${level} is not a valid value`, { ...levelEv, note: notAValidValue('LogLevel', level, LOG_LEVELS.join(', ')) });
    if (level === 'OFF') return fail('task logging is turned off (LogLevel OFF)', levelEv);
    const rawMode = known(r, 'TaskMode');
    const mode = rawMode === undefined ? 'BASIC' : text(rawMode);
    const modeEv = ev('TaskMode', rawMode ?? null, undefined, rawMode === undefined ? 'omitted: Basic mode, which logs only to a log group the task names' : undefined);
    if (mode === 'ENHANCED') return pass('an Enhanced-mode task logs to /aws/datasync', modeEv, levelEv);
    // Presence decides: DataSync takes only an existing log group's ARN, so one from a parameter or an import is logging on.
    const group = knownPointer(r, 'CloudWatchLogGroupArn');
    const groupEv = ev('CloudWatchLogGroupArn', group ?? null, 'a log group ARN', group === undefined ? 'omitted: a Basic-mode task without a log group writes no logs' : pointerNote(group, 'the log group'));
    if (group === undefined) return fail('the task names no log group: its transfers are not logged', modeEv, groupEv);
    return pass(`transfers are logged to ${pointerNote(group, 'x') ? 'a log group set at deploy time' : text(group)}`, modeEv, groupEv, levelEv);
  },
});

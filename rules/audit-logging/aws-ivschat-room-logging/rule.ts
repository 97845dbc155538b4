import { defineRule } from '../../../src/evaluate/rule.js';
import { knownPointer, pointerNote, asArray, ev, pass, fail, unknown } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';

/**
 * An IVS Chat room records its messages and events only through the logging configurations its
 * `LoggingConfigurationIdentifiers` lists (each one a CloudWatch Logs group, Firehose stream or S3 bucket;
 * CreateRoom: "Array of logging-configuration identifiers attached to the room"). Without one, what was said
 * in the room, and what moderators deleted or who they disconnected, is kept nowhere (scout31 BackstageRoom).
 * A list from a parameter or a condition is unknown; each identifier is a pointer (the setting is on
 * whatever it names).
 */
export default defineRule({
  id: 'audit-logging/aws-ivschat-room-logging',
  control: 'audit-logging',
  title: 'IVS Chat rooms log their messages and events to a logging configuration',
  severity: 'low',
  risk: 'A chat room without a logging configuration keeps no record of its messages, deleted messages or disconnected users: abuse, leaks or moderation actions in the room cannot be reviewed afterwards.',
  remediation: {
    text: 'Create an AWS::IVSChat::LoggingConfiguration (CloudWatch Logs, Firehose or S3) and list its ARN in the room\'s LoggingConfigurationIdentifiers.',
    cdk: "new ivschat.CfnRoom(this, 'Room', { loggingConfigurationIdentifiers: [chatLogs.attrArn] })",
    cloudformation: 'Type: AWS::IVSChat::Room\nProperties:\n  LoggingConfigurationIdentifiers:\n    - !GetAtt ChatLogging.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ivschat-room.html',
    'https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/API_CreateRoom.html',
    'https://docs.aws.amazon.com/ivs/latest/ChatUserGuide/chat-logging.html',
  ],
  types: ['aws.ivschat.room'],
  // No live collector reads IVS Chat: judged in templates only.
  sources: ['iac'],
  check(r) {
    const list = knownPointer(r, 'LoggingConfigurationIdentifiers');
    if (list === undefined) return fail('the room has no logging configuration: its messages and events are logged nowhere', ev('LoggingConfigurationIdentifiers', null, 'a logging configuration ARN'));
    if (isUnresolved(list)) return unknown(`LoggingConfigurationIdentifiers depends on ${list.expression}, so whether the room logs its messages is not known`, ev('LoggingConfigurationIdentifiers', list.expression));
    const ids = asArray(list).filter((v) => v !== undefined && v !== null && v !== '');
    if (ids.length === 0) return fail('the room\'s LoggingConfigurationIdentifiers is empty: its messages and events are logged nowhere', ev('LoggingConfigurationIdentifiers', [], 'a logging configuration ARN'));
    const note = ids.map((v) => pointerNote(v, 'a logging configuration')).find(Boolean);
    return pass(`the room logs its messages and events to ${ids.length} logging configuration${ids.length > 1 ? 's' : ''}`, ev('LoggingConfigurationIdentifiers', ids, undefined, note));
  },
});

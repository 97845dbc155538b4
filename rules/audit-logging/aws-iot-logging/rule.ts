import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asArray, get, text, must } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const IOT_LOG_LEVELS = ['DEBUG', 'INFO', 'ERROR', 'WARN', 'DISABLED'];

/**
 * AWS::IoT::Logging is the account's IoT Core logging setting (one per account and Region).
 * DefaultLogLevel DISABLED writes no IoT logs: connections, publishes, rule actions and
 * authorization failures leave no record in CloudWatch Logs; any other level logs. Event
 * configurations may log chosen event types even with the default off: then those are logged.
 * Only a setting written in a template is judged: an account with no AWS::IoT::Logging resource
 * in the scanned templates is no finding (the setting may live elsewhere, or IoT be unused).
 * scout15 labels DefaultLogLevel DISABLED fail; blind and scout13 pass WARN.
 */
export default defineRule({
  id: 'audit-logging/aws-iot-logging',
  control: 'audit-logging',
  title: 'IoT Core account logging is not disabled',
  severity: 'low',
  risk: 'With IoT logging disabled, device connections, message publishes, rule actions and authorization failures leave no record to review or investigate.',
  remediation: {
    text: 'Set DefaultLogLevel to ERROR, WARN or INFO (with a RoleArn IoT assumes to write CloudWatch Logs).',
    cdk: "new iot.CfnLogging(this, 'IotLogging', { accountId: this.account, roleArn: loggingRole.roleArn, defaultLogLevel: 'ERROR' })",
    cloudformation: 'Type: AWS::IoT::Logging\nProperties:\n  AccountId: !Ref AWS::AccountId\n  RoleArn: !GetAtt IotLoggingRole.Arn\n  DefaultLogLevel: ERROR',
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iot-logging.html', 'https://docs.aws.amazon.com/iot/latest/developerguide/configure-logging.html'],
  types: ['aws.iot.logging'],
  // The live collector does not read IoT logging options.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'DefaultLogLevel');
    const level = raw === undefined || raw === null ? undefined : text(raw).toUpperCase();
    const levelEv = ev('DefaultLogLevel', raw ?? null, 'ERROR, WARN, INFO or DEBUG', raw === undefined ? 'omitted: required by the resource' : undefined);
    if (level !== undefined && !IOT_LOG_LEVELS.includes(level)) return fail(`DefaultLogLevel ${text(raw)} is not a valid value`, { ...levelEv, note: notAValidValue('DefaultLogLevel', text(raw), IOT_LOG_LEVELS.join(', ')) });
    if (level !== undefined && level !== 'DISABLED') return pass(`IoT Core logs at ${level}`, levelEv);
    const logged = asArray(must(known(r, 'EventConfigurations'), 'EventConfigurations'))
      .filter((c) => {
        const l = must(get(c, 'LogLevel'), 'EventConfigurations[].LogLevel');
        return typeof l === 'string' && IOT_LOG_LEVELS.includes(l.toUpperCase()) && l.toUpperCase() !== 'DISABLED';
      })
      .map((c) => text(get(c, 'EventType')));
    if (logged.length) return pass(`the default is off, but ${logged.join(', ')} events are logged`, levelEv, ev('EventConfigurations', logged, 'event types logged'));
    return fail(level === undefined ? 'no DefaultLogLevel: IoT logging is not configured' : 'IoT Core logging is disabled (DefaultLogLevel DISABLED)', levelEv);
  },
});

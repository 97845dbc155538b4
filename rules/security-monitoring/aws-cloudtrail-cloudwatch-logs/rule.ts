import { defineRule } from '../../../src/evaluate/rule.js';
import { knownPointer, pointerNote, ev, pass, fail } from '../../../src/evaluate/facts.js';

/**
 * FSBP CloudTrail.5: the trail delivers to a CloudWatch Logs group, where metric filters and alarms can
 * watch it. Opt-in (security-monitoring): the CIS 4.x alarms need it; the trail's audit-logging does not.
 */
export default defineRule({
  id: 'security-monitoring/aws-cloudtrail-cloudwatch-logs',
  control: 'security-monitoring',
  title: 'CloudTrail trails deliver events to CloudWatch Logs for real-time monitoring',
  severity: 'low',
  risk: 'Events that only land in S3 are read after the fact; without CloudWatch Logs no metric filter or alarm sees a root login or a policy change as it happens.',
  remediation: {
    text: 'Send the trail to a CloudWatch Logs group (with a role CloudTrail can assume) and build metric filters and alarms on it.',
    cdk: "new cloudtrail.Trail(this, 'Trail', { sendToCloudWatchLogs: true })",
    cloudformation: 'Type: AWS::CloudTrail::Trail\nProperties:\n  CloudWatchLogsLogGroupArn: !GetAtt TrailLogs.Arn\n  CloudWatchLogsRoleArn: !GetAtt TrailLogsRole.Arn',
  },
  references: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html'],
  types: ['aws.cloudtrail.trail'],
  sources: ['iac', 'live'],
  check(r) {
    // Presence decides: CloudTrail takes only an existing log group's ARN (checked when the trail is made), so
    // one from a parameter, an import or Fn::Sub is delivery on, whatever group it names.
    const group = knownPointer(r, 'CloudWatchLogsLogGroupArn');
    const e = ev('CloudWatchLogsLogGroupArn', group ?? null, 'a log group ARN', pointerNote(group, 'the log group'));
    return group ? pass('the trail delivers to CloudWatch Logs', e) : fail('the trail does not deliver to CloudWatch Logs', e);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const DESTINATIONS = ['CloudWatchLogs', 'KinesisDataFirehose', 'S3'] as const;

/**
 * A Verified Access instance's access logs (each request: who, which app, allowed or
 * denied) are its only record of who reached the applications behind it. They go to
 * CloudWatch Logs, Firehose or S3, each switched on under `LoggingConfigurations`;
 * with none enabled nothing is logged.
 */
export default defineRule({
  id: 'audit-logging/aws-ec2-verified-access-instance-logging',
  control: 'audit-logging',
  title: 'Verified Access instances log access requests',
  severity: 'medium',
  risk: 'Without access logs there is no record of which user or device reached which internal application, or of the requests the policies denied.',
  remediation: {
    text: 'Set LoggingConfigurations with CloudWatchLogs, KinesisDataFirehose or S3 enabled and a destination.',
    cloudformation: 'Type: AWS::EC2::VerifiedAccessInstance\nProperties:\n  LoggingConfigurations:\n    CloudWatchLogs:\n      Enabled: true\n      LogGroup: !Ref AccessLogGroup',
  },
  references: [
    'https://docs.aws.amazon.com/verified-access/latest/ug/access-logs.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-verifiedaccessinstance.html',
  ],
  types: ['aws.ec2.verified-access-instance'],
  // No live collector reads Verified Access: judged in templates only.
  sources: ['iac'],
  check(r) {
    const enabled: string[] = [];
    for (const d of DESTINATIONS) {
      const raw = known(r, `LoggingConfigurations.${d}.Enabled`);
      if (raw === undefined || raw === null) continue;
      const on = asBool(raw);
      if (on === undefined)
        return fail(`LoggingConfigurations.${d}.Enabled ${text(raw)} is not a valid value`, ev(`LoggingConfigurations.${d}.Enabled`, raw, true, notAValidValue('Enabled', text(raw), 'true, false')));
      if (on) enabled.push(d);
    }
    const evidence = ev('LoggingConfigurations', enabled.length ? enabled : null, 'CloudWatchLogs, KinesisDataFirehose or S3 enabled');
    if (enabled.length === 0)
      return fail('no access-log destination is enabled: requests to the applications are not logged', { ...evidence, note: 'omitted or disabled: Verified Access writes no access logs' });
    return pass(`access requests are logged to ${enabled.join(', ')}`, evidence);
  },
});

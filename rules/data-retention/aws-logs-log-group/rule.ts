import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeRetention } from '../_datasets.js';
import { RETENTION, namedLogGroup } from '../_kept.js';

export default defineRule({
  id: 'data-retention/aws-logs-log-group',
  control: 'data-retention',
  title: 'Log groups holding a named data set expire it within the promised retention',
  severity: 'medium',
  risk: 'A CloudWatch log group without RetentionInDays keeps events forever; one longer than the policy keeps telemetry the company promised to delete.',
  remediation: {
    text: 'Set RetentionInDays to at most the data set’s limit (CloudWatch accepts 1, 3, 5, 7, 14, 30, 60, 90, 120, ...). For CDK logRetention props, set the retention explicitly.',
    cdk: "new logs.LogGroup(this, 'Runs', { retention: logs.RetentionDays.ONE_WEEK })",
    cloudformation: 'Type: AWS::Logs::LogGroup\nProperties:\n  RetentionInDays: 7',
  },
  references: ['https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html'],
  // Custom::LogRetention is CDK's logRetention custom resource (Lambda and AppSync log groups): its
  // RetentionInDays is the retention of the log group its LogGroupName names.
  types: ['aws.logs.log-group', 'aws.custom.custom-log-retention'],
  sources: ['iac', 'live'],
  check(r, { params, inventory }) {
    const reader = RETENTION[r.type]!;
    const named = r.type === 'aws.custom.custom-log-retention' ? namedLogGroup(r, inventory) : undefined;
    return judgeRetention(r, params, reader.name, (x) => reader.kept(x, inventory), named, inventory);
  },
});

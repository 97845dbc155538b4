import { defineRule } from '../../../src/evaluate/rule.js';
import { known, asNumber, ev, pass, fail, unknown, notApplicable } from '../../../src/evaluate/facts.js';
import { dataSetsOf, strictest } from '../_datasets.js';

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
  // Custom::LogRetention is CDK's logRetention custom resource (Lambda log groups).
  types: ['aws.logs.log-group', 'aws.custom.custom-log-retention'],
  sources: ['iac', 'live'],
  check(r, { params }) {
    if (params.retention.length === 0) return notApplicable('the claims profile names no retention data sets (parameters.retention)');
    const m = dataSetsOf(r, params, 'LogGroupName');
    if (m.matched.length === 0) {
      if (m.undetermined.length)
        return unknown(`LogGroupName depends on ${m.undetermined[0]!.expression}; cannot tell whether it holds ${m.undetermined.map((u) => u.set.dataSet).join(', ')}`, ev('LogGroupName', `<unresolved: ${m.undetermined[0]!.expression}>`));
      return notApplicable(`matches no retention data set in the claims profile (${params.retention.map((s) => s.dataSet).join(', ')})`);
    }
    const set = strictest(m.matched);
    const expected = `≤ ${set.maxDays} days (data set ${set.dataSet})`;
    const raw = known(r, 'RetentionInDays');
    if (raw === undefined || raw === null)
      return fail(`events never expire, but data set ${set.dataSet} must be deleted within ${set.maxDays} days`, ev('RetentionInDays', null, expected, 'omitted: CloudWatch Logs keeps events indefinitely'));
    const days = asNumber(raw);
    if (days === undefined) return unknown(`RetentionInDays ${JSON.stringify(raw)} is not a number`, ev('RetentionInDays', raw, expected));
    const evidence = ev('RetentionInDays', raw, expected);
    return days <= set.maxDays
      ? pass(`events expire after ${days} days (data set ${set.dataSet}, limit ${set.maxDays})`, evidence)
      : fail(`events kept ${days} days, longer than the ${set.maxDays} days promised for ${set.dataSet}`, evidence);
  },
});

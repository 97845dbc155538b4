import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool } from '../../../src/evaluate/facts.js';

const B = 'LoggingInfo.BrokerLogs';

export default defineRule({
  id: 'audit-logging/aws-msk-cluster-logging',
  control: 'audit-logging',
  title: 'MSK clusters deliver broker logs (CloudWatch Logs, Firehose or S3)',
  severity: 'low',
  risk: 'Without broker logs an MSK cluster keeps no record of client connections, authentication failures or authorizer decisions.',
  remediation: {
    text: 'Enable LoggingInfo.BrokerLogs for at least one destination.',
    cdk: "new msk.Cluster(this, 'Kafka', { ..., logging: { cloudwatchLogGroup: logs } })",
    cloudformation: 'LoggingInfo:\n  BrokerLogs:\n    CloudWatchLogs:\n      Enabled: true\n      LogGroup: !Ref BrokerLogs',
  },
  references: ['https://docs.aws.amazon.com/msk/latest/developerguide/msk-logging.html'],
  types: ['aws.msk.cluster'],
  // No live collector reads MSK: judged in templates only.
  sources: ['iac'],
  check(r) {
    const dests = [
      ['CloudWatchLogs', known(r, `${B}.CloudWatchLogs.Enabled`)],
      ['Firehose', known(r, `${B}.Firehose.Enabled`)],
      ['S3', known(r, `${B}.S3.Enabled`)],
    ] as const;
    const on = dests.filter(([, v]) => asBool(v) === true).map(([d]) => d);
    const evidence = ev(B, on.length ? on : null, 'at least one destination enabled', on.length ? undefined : 'omitted or disabled: MSK delivers no broker logs unless a destination is enabled');
    return on.length ? pass(`brokers log to ${on.join(', ')}`, evidence) : fail('cluster delivers no broker logs', evidence);
  },
});

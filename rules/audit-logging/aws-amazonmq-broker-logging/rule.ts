import { defineRule } from '../../../src/evaluate/rule.js';
import { known, asBool, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

export default defineRule({
  id: 'audit-logging/aws-amazonmq-broker-logging',
  control: 'audit-logging',
  title: 'Amazon MQ brokers publish audit logs (ActiveMQ) or general logs (RabbitMQ) to CloudWatch Logs',
  severity: 'low',
  risk: 'Without broker logs there is no record of user management through JMX or the web console (ActiveMQ) or of connections and authentication failures (RabbitMQ).',
  remediation: {
    text: 'ActiveMQ: set Logs Audit: true (and General: true). RabbitMQ: set Logs General: true (RabbitMQ has no audit log type).',
    cdk: "new amazonmq.CfnBroker(this, 'Broker', { ..., logs: { audit: true, general: true } })",
    cloudformation: 'Logs:\n  Audit: true\n  General: true',
  },
  references: ['https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/security-logging-monitoring-cloudwatch.html', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-amazonmq-broker-logslist.html'],
  types: ['aws.amazonmq.broker'],
  // No live collector reads Amazon MQ: judged in templates only.
  sources: ['iac'],
  check(r) {
    const engineRaw = known(r, 'EngineType');
    const engine = text(engineRaw ?? '').trim().toUpperCase();
    const engineEv = ev('EngineType', engineRaw ?? null);
    if (engine !== 'ACTIVEMQ' && engine !== 'RABBITMQ') return fail(`EngineType ${text(engineRaw)} is not a valid value`, ev('EngineType', engineRaw ?? null, 'ACTIVEMQ or RABBITMQ', notAValidValue('EngineType', text(engineRaw), 'ACTIVEMQ or RABBITMQ')));
    const path = engine === 'ACTIVEMQ' ? 'Logs.Audit' : 'Logs.General';
    const raw = known(r, path);
    const evidence = ev(path, raw ?? null, true, raw === undefined ? `omitted: ${engine === 'ACTIVEMQ' ? 'audit' : 'general'} logging is off unless turned on` : undefined);
    return asBool(raw) === true
      ? pass(`broker publishes ${engine === 'ACTIVEMQ' ? 'audit' : 'general (connection and authentication)'} logs`, engineEv, evidence)
      : fail(`broker publishes no ${engine === 'ACTIVEMQ' ? 'audit' : 'general'} logs`, engineEv, evidence);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const P = 'KafkaClusterEncryptionInTransit.EncryptionType';

export default defineRule({
  id: 'tls-min/aws-kafkaconnect-connector',
  control: 'tls-min',
  title: 'MSK Connect connectors reach their Kafka cluster over TLS',
  severity: 'high',
  risk: 'A connector with EncryptionType PLAINTEXT moves every record it reads or writes between its workers and the Kafka brokers in clear; the setting cannot be changed after creation.',
  remediation: {
    text: 'Create the connector with KafkaClusterEncryptionInTransit EncryptionType: TLS (and connect to the brokers\' TLS listener).',
    cdk: "new kafkaconnect.CfnConnector(this, 'Sink', { ..., kafkaClusterEncryptionInTransit: { encryptionType: 'TLS' } })",
    cloudformation: 'Type: AWS::KafkaConnect::Connector\nProperties:\n  KafkaClusterEncryptionInTransit:\n    EncryptionType: TLS',
  },
  references: ['https://docs.aws.amazon.com/msk/latest/developerguide/mkc-connector-security.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/msk-controls.html#msk-3'],
  types: ['aws.kafkaconnect.connector'],
  // No live collector reads MSK Connect: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    const raw = known(r, P);
    if (raw === undefined || raw === null) return unknown('EncryptionType is not given (CloudFormation requires it)', ev(P, null, 'TLS'));
    const v = text(raw).trim().toUpperCase();
    const e = ev(P, raw, 'TLS');
    if (v === 'PLAINTEXT') return fail('the connector talks to its Kafka cluster in plaintext', e);
    if (v !== 'TLS') return fail(`EncryptionType ${text(raw)} is not a valid value`, ev(P, raw, 'TLS', notAValidValue('EncryptionType', text(raw), 'PLAINTEXT or TLS')));
    if (params.tlsMin === '1.3') return unknown('the connector uses TLS, but MSK Connect has no setting that refuses TLS 1.2', e);
    return pass('the connector reaches its Kafka cluster over TLS', e);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, asBool, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const T = 'EncryptionInfo.EncryptionInTransit';

export default defineRule({
  id: 'tls-min/aws-msk-cluster',
  control: 'tls-min',
  title: 'MSK clusters accept only TLS between clients and brokers and between brokers',
  severity: 'high',
  risk: 'TLS_PLAINTEXT or PLAINTEXT opens plaintext listeners that clients may use; InCluster false sends replication traffic between brokers unencrypted.',
  remediation: {
    text: 'Set EncryptionInTransit ClientBroker: TLS and InCluster: true (both the defaults).',
    cdk: "new msk.Cluster(this, 'Kafka', { ..., encryptionInTransit: { clientBroker: msk.ClientBrokerEncryption.TLS, enableInCluster: true } })",
    cloudformation: 'EncryptionInfo:\n  EncryptionInTransit:\n    ClientBroker: TLS\n    InCluster: true',
  },
  references: ['https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html', 'https://docs.aws.amazon.com/msk/1.0/apireference/clusters.html#clusters-model-encryptionintransit'],
  types: ['aws.msk.cluster'],
  // No live collector reads MSK: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    const cb = known(r, `${T}.ClientBroker`);
    const ic = known(r, `${T}.InCluster`);
    const cbText = cb === undefined || cb === null ? 'TLS' : text(cb).trim().toUpperCase();
    const cbEv = ev(`${T}.ClientBroker`, cb ?? null, 'TLS', cb === undefined ? 'omitted: the MSK default is TLS' : undefined);
    const icOn = ic === undefined || ic === null ? true : asBool(ic);
    const icEv = ev(`${T}.InCluster`, ic ?? null, true, ic === undefined ? 'omitted: the MSK default is true' : undefined);
    if (cbText !== 'TLS' && cbText !== 'TLS_PLAINTEXT' && cbText !== 'PLAINTEXT')
      return fail(`ClientBroker ${text(cb)} is not a valid value`, ev(`${T}.ClientBroker`, cb, 'TLS', notAValidValue('ClientBroker', text(cb), 'TLS, TLS_PLAINTEXT or PLAINTEXT')));
    if (cbText !== 'TLS') return fail(`clients may connect in plaintext (ClientBroker ${cbText})`, cbEv, icEv);
    if (icOn === undefined) return fail(`InCluster ${text(ic)} is not a valid value`, cbEv, ev(`${T}.InCluster`, ic, true, notAValidValue('InCluster', text(ic), 'true or false')));
    if (!icOn) return fail('brokers replicate to each other in plaintext (InCluster false)', cbEv, icEv);
    if (params.tlsMin === '1.3') return unknown('MSK brokers require TLS, but no cluster setting refuses TLS 1.2', cbEv, icEv);
    return pass('clients and brokers communicate over TLS only', cbEv, icEv);
  },
});

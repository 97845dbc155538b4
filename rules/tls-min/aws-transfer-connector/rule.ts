import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const ALGORITHMS = ['AES128_CBC', 'AES192_CBC', 'AES256_CBC', 'DES_EDE3_CBC', 'NONE'];

/**
 * How a Transfer Family connector sends files to a partner. An `sftp://` URL is SSH and an
 * `https://` URL is TLS. An AS2 connector to an `http://` URL has no transport encryption:
 * only AS2's own message encryption (S/MIME, `As2Config.EncryptionAlgorithm`) protects the
 * payload. With `NONE` the messages (the EDI documents themselves) cross the internet in
 * plaintext — AWS documents NONE as allowed only for an HTTPS URL, "so that no traffic is
 * sent in clear text" — and DES_EDE3_CBC is a legacy cipher. With AES message encryption the
 * content is encrypted although the transport is not TLS: passed, with the note saying so.
 */
export default defineRule({
  id: 'tls-min/aws-transfer-connector',
  control: 'tls-min',
  title: 'Transfer Family connectors send files encrypted in transit',
  severity: 'high',
  risk: 'An AS2 connector posting to an http:// URL without message encryption sends the trading documents (orders, invoices, shipping notices) across the internet in plaintext.',
  remediation: {
    text: "Use the partner's https:// AS2 URL, and set As2Config.EncryptionAlgorithm to AES256_CBC (or AES128_CBC/AES192_CBC).",
    cloudformation: 'Type: AWS::Transfer::Connector\nProperties:\n  Url: https://as2.partner.example.com/as2\n  As2Config:\n    EncryptionAlgorithm: AES256_CBC',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-transfer-connector-as2config.html',
    'https://docs.aws.amazon.com/transfer/latest/userguide/configure-as2-connector.html',
  ],
  types: ['aws.transfer.connector'],
  // The live collector does not read Transfer Family connectors.
  sources: ['iac'],
  check(r) {
    const rawUrl = known(r, 'Url');
    const url = text(rawUrl).trim();
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
    const urlEv = ev('Url', rawUrl ?? null, 'an https:// or sftp:// URL');
    if (scheme === 'https' || scheme === 'sftp') return pass(`the connector reaches the partner over ${scheme === 'https' ? 'TLS (https)' : 'SSH (sftp)'}`, urlEv);
    if (scheme !== 'http') return fail(`Url ${url || '(empty)'} is not a valid connector URL`, { ...urlEv, note: notAValidValue('Url', url, 'an http://, https:// or sftp:// URL') });
    const rawAlg = known(r, 'As2Config.EncryptionAlgorithm');
    const algEv = ev('As2Config.EncryptionAlgorithm', rawAlg ?? null, 'AES128_CBC, AES192_CBC or AES256_CBC');
    if (rawAlg === undefined || rawAlg === null)
      return unknown('the connector posts AS2 over plain HTTP and the template does not say how its messages are encrypted', urlEv, algEv);
    const alg = text(rawAlg).trim().toUpperCase();
    if (!ALGORITHMS.includes(alg)) return fail(`As2Config.EncryptionAlgorithm ${text(rawAlg)} is not a valid value`, urlEv, { ...algEv, note: notAValidValue('EncryptionAlgorithm', text(rawAlg), ALGORITHMS.join(', ')) });
    if (alg === 'NONE')
      return fail('the connector posts AS2 messages over plain HTTP without message encryption: files cross the network in plaintext', urlEv, {
        ...algEv,
        note: 'NONE: the AS2 message is not encrypted (S/MIME); AWS allows NONE only for an https:// URL so that no traffic is sent in clear text',
      });
    if (alg === 'DES_EDE3_CBC') return fail('the connector posts AS2 over plain HTTP with messages encrypted by legacy 3DES', urlEv, algEv);
    return pass(`the connector posts AS2 over HTTP with ${alg} message encryption (the content is encrypted; the transport is not TLS)`, urlEv, algEv);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const KEY_ALGORITHMS = ['RSA_1024', 'RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_prime256v1', 'EC_secp384r1', 'EC_secp521r1'];
const WEAK = ['RSA_1024'];

/**
 * The key of a certificate ACM issues: RSA_2048 unless `KeyAlgorithm` says otherwise.
 * A 1024-bit RSA key is below every current floor (NIST SP 800-131A, Security Hub
 * ACM.2): TLS sessions that use it are not protected at the strength the claim promises.
 */
export default defineRule({
  id: 'tls-min/aws-acm-certificate-key',
  control: 'tls-min',
  title: 'ACM certificates use RSA keys of at least 2048 bits (or ECDSA)',
  severity: 'medium',
  risk: 'A 1024-bit RSA key can be factored with resources within reach of a well-funded attacker; the TLS endpoints that present the certificate can then be impersonated.',
  remediation: {
    text: 'Request the certificate with KeyAlgorithm RSA_2048 (the default), RSA_3072/4096 or an EC_ algorithm.',
    cdk: "new acm.Certificate(this, 'Cert', { domainName, validation, keyAlgorithm: acm.KeyAlgorithm.EC_PRIME256V1 })",
    cloudformation: 'Type: AWS::CertificateManager::Certificate\nProperties:\n  DomainName: app.example.com\n  KeyAlgorithm: EC_prime256v1',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-certificatemanager-certificate.html#cfn-certificatemanager-certificate-keyalgorithm',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/acm-controls.html',
  ],
  types: ['aws.acm.certificate'],
  // The live collector does not read ACM.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'KeyAlgorithm');
    const alg = raw === undefined ? 'RSA_2048' : text(raw);
    const e = ev('KeyAlgorithm', raw ?? null, 'RSA_2048 or stronger, or EC_*', raw === undefined ? 'omitted: ACM issues RSA_2048 keys' : undefined);
    if (!KEY_ALGORITHMS.includes(alg)) return fail(`key algorithm ${alg} is not a valid value`, { ...e, note: notAValidValue('KeyAlgorithm', alg, KEY_ALGORITHMS.join(', ')) });
    if (WEAK.includes(alg)) return fail(`the certificate key (${alg}) is below 2048 bits`, e);
    return pass(`the certificate key is ${alg}`, e);
  },
});

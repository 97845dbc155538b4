import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown } from '../../../src/evaluate/facts.js';

/** CIS AWS 1.19. Live only: iam:ListServerCertificates. Judged against the clock of the evaluation. */
export default defineRule({
  id: 'platform-hardening/aws-iam-server-certificate',
  control: 'platform-hardening',
  title: 'No expired SSL/TLS certificate is kept in IAM',
  severity: 'low',
  risk: 'An expired certificate left in IAM can be attached to a load balancer or CloudFront by mistake and break or weaken TLS for its users.',
  remediation: { text: 'Delete expired server certificates from IAM (use ACM for new certificates).', cli: 'aws iam delete-server-certificate --server-certificate-name NAME' },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html'],
  types: ['aws.iam.server-certificate'],
  sources: ['live'],
  check(r) {
    const exp = known(r, 'Live.Expiration');
    const t = typeof exp === 'string' ? Date.parse(exp) : NaN;
    const e = ev('Live.Expiration', exp ?? null, 'a date in the future');
    if (!Number.isFinite(t)) return unknown('the certificate has no readable expiration date', e);
    return t > Date.now() ? pass(`expires ${String(exp)}`, e) : fail(`expired ${String(exp)}`, e);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable, asBool, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

/**
 * A Lightsail load balancer keeps answering plain HTTP on port 80 after a certificate is attached,
 * unless `HttpsRedirectionEnabled` (set on the attached certificate, off by default) sends HTTP
 * clients to HTTPS. A certificate not attached (`IsAttached` false or omitted) gives the load
 * balancer no HTTPS side to redirect to: not applicable.
 */
export default defineRule({
  id: 'https-redirect/aws-lightsail-load-balancer-tls-certificate',
  control: 'https-redirect',
  title: 'Lightsail load balancers with a certificate redirect HTTP to HTTPS',
  severity: 'medium',
  risk: 'Without the redirect, visitors who type the address or follow an http:// link use the site in plain text: sessions, passwords and page content can be read and changed on the way.',
  remediation: {
    text: 'Set HttpsRedirectionEnabled: true on the attached certificate (IsAttached: true).',
    cloudformation: 'Type: AWS::Lightsail::LoadBalancerTlsCertificate\nProperties:\n  LoadBalancerName: !Ref LoadBalancer\n  CertificateName: web\n  CertificateDomainName: www.example.com\n  IsAttached: true\n  HttpsRedirectionEnabled: true',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lightsail-loadbalancertlscertificate.html',
    'https://docs.aws.amazon.com/lightsail/latest/userguide/amazon-lightsail-enable-https-redirection.html',
  ],
  types: ['aws.lightsail.load-balancer-tls-certificate'],
  // No live collector reads Lightsail: judged in templates only.
  sources: ['iac'],
  check(r) {
    const rawAttached = known(r, 'IsAttached');
    const attached = rawAttached === undefined ? false : asBool(rawAttached);
    const attachedEv = ev('IsAttached', rawAttached ?? null, true, rawAttached === undefined ? 'omitted: the certificate is not attached' : undefined);
    if (attached === undefined) return fail(`IsAttached ${text(rawAttached)} is not a valid value`, { ...attachedEv, note: notAValidValue('IsAttached', text(rawAttached), 'true, false') });
    if (!attached) return notApplicable('the certificate is not attached to its load balancer: no HTTPS side to redirect to', attachedEv);
    const raw = known(r, 'HttpsRedirectionEnabled');
    const on = raw === undefined ? false : asBool(raw);
    const e = ev('HttpsRedirectionEnabled', raw ?? null, true, raw === undefined ? 'omitted: Lightsail does not redirect HTTP to HTTPS' : undefined);
    if (on === undefined) return fail(`HttpsRedirectionEnabled ${text(raw)} is not a valid value`, attachedEv, { ...e, note: notAValidValue('HttpsRedirectionEnabled', text(raw), 'true, false') });
    return on
      ? pass('the load balancer redirects HTTP to HTTPS', attachedEv, e)
      : fail('the load balancer serves plain HTTP beside HTTPS (no redirect)', attachedEv, e);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable, text } from '../../../src/evaluate/facts.js';
import { attachedState, lightsailCertificates } from '../../https-redirect/_lightsail-certificates.js';
import { meetsFloor, notAValidValue, lightsailLbPolicyMinTls, LIGHTSAIL_LB_DEFAULT_POLICY as DEFAULT_POLICY, LIGHTSAIL_LB_POLICIES } from '../../../src/lib/tls.js';

/**
 * The TLS security policy of a Lightsail load balancer's HTTPS side (`TlsPolicyName`). Without one
 * Lightsail applies TLS-2016-08, which accepts TLS 1.0 and 1.1; TLS-FS-Res-1-2-2019-08 accepts only 1.2.
 * The policy only governs the HTTPS side, which exists once a certificate is attached
 * (AWS::Lightsail::LoadBalancerTlsCertificate, IsAttached true): a load balancer with no certificate
 * attached, and none in the template that might be, serves HTTP only and is not applicable here
 * (https-redirect/aws-lightsail-load-balancer fails it). labels.scout25 RotaBalancer.
 */

export default defineRule({
  id: 'tls-min/aws-lightsail-load-balancer',
  control: 'tls-min',
  title: 'Lightsail load balancers accept no TLS below the promised version',
  severity: 'medium',
  risk: 'A load balancer that accepts TLS 1.0 or 1.1 lets a client, or an attacker who downgrades it, use protocol versions with known weaknesses.',
  remediation: {
    text: 'Set TlsPolicyName: TLS-FS-Res-1-2-2019-08 (TLS 1.2 only, forward secrecy).',
    cloudformation: 'Type: AWS::Lightsail::LoadBalancer\nProperties:\n  LoadBalancerName: web\n  InstancePort: 80\n  TlsPolicyName: TLS-FS-Res-1-2-2019-08',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lightsail-loadbalancer.html',
    'https://docs.aws.amazon.com/lightsail/latest/userguide/amazon-lightsail-configure-load-balancer-tls-security-policy.html',
  ],
  types: ['aws.lightsail.load-balancer'],
  // No live collector reads Lightsail: judged in templates only.
  sources: ['iac'],
  check(r, { params, inventory }) {
    // An HTTPS side: a certificate attached (or not settled) here, in another scanned template by the load
    // balancer's name, or in this template naming a load balancer it does not settle (../../https-redirect/_lightsail-certificates.ts).
    const { related: certs, elsewhere, loose } = lightsailCertificates(r, inventory);
    if (![...certs, ...elsewhere, ...loose].some((c) => attachedState(c) !== false))
      return notApplicable(
        `no attached TLS certificate${certs.length ? ` (${certs.map((c) => c.name ?? c.id).join(', ')} not attached)` : ''}: the load balancer has no HTTPS side for its TLS policy to govern`,
        ev('(certificates)', certs.length ? certs.map((c) => c.name ?? c.id).join(', ') : 'none', 'an attached AWS::Lightsail::LoadBalancerTlsCertificate'),
      );
    const raw = known(r, 'TlsPolicyName');
    const policy = raw === undefined ? DEFAULT_POLICY : text(raw);
    const expected = `TLS ${params.tlsMin} or newer`;
    const e = ev('TlsPolicyName', raw ?? null, expected, raw === undefined ? `omitted: Lightsail applies ${DEFAULT_POLICY} (TLS 1.0 and newer)` : undefined);
    const min = lightsailLbPolicyMinTls(policy);
    if (!min) return fail(`TLS policy ${policy} is not a valid value`, { ...e, note: notAValidValue('TlsPolicyName', policy, LIGHTSAIL_LB_POLICIES.join(', ')) });
    return meetsFloor(min, params.tlsMin)
      ? pass(`TLS policy ${policy} accepts TLS ${min} and newer`, e)
      : fail(`TLS policy ${policy} accepts TLS ${min}, below the promised ${params.tlsMin}`, e);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import { known, get, ev, pass, fail, notApplicable, asBool, text } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import { meetsFloor, notAValidValue, lightsailLbPolicyMinTls, LIGHTSAIL_LB_DEFAULT_POLICY as DEFAULT_POLICY, LIGHTSAIL_LB_POLICIES } from '../../../src/lib/tls.js';

/**
 * The TLS security policy of a Lightsail load balancer's HTTPS side (`TlsPolicyName`). Without one
 * Lightsail applies TLS-2016-08, which accepts TLS 1.0 and 1.1; TLS-FS-Res-1-2-2019-08 accepts only 1.2.
 * The policy only governs the HTTPS side, which exists once a certificate is attached
 * (AWS::Lightsail::LoadBalancerTlsCertificate, IsAttached true): a load balancer with no certificate
 * attached, and none in the template that might be, serves HTTP only and is not applicable here
 * (https-redirect/aws-lightsail-load-balancer fails it). labels.scout25 RotaBalancer.
 */

/** May this template give the load balancer an HTTPS side? A certificate attached, or one the template does not settle. */
function mayServeHttps(r: Resource, certs: Resource[], all: readonly Resource[]): boolean {
  const attached = (c: Resource) => {
    const raw = get(c.properties, 'IsAttached');
    return raw !== undefined && raw !== null && (isUnresolved(raw) || asBool(raw) !== false);
  };
  if (certs.some(attached)) return true;
  // A certificate of the same template whose load balancer the template does not settle may be this one's.
  const same = (o: Resource) => o.location.stack === r.location.stack && o.location.file === r.location.file;
  return all.some((c) => same(c) && !(c.relations.loadBalancer ?? []).length && isUnresolved(get(c.properties, 'LoadBalancerName')) && attached(c));
}
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
    const certs = inventory.related(r, 'certificates');
    if (!mayServeHttps(r, certs, inventory.ofType('aws.lightsail.load-balancer-tls-certificate')))
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

import { defineRule } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import { get, ev, fail, unknown, notApplicable, asBool, text } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';

/**
 * A Lightsail load balancer always answers plain HTTP on port 80; it gets an HTTPS side only from a
 * certificate attached to it, and that certificate (AWS::Lightsail::LoadBalancerTlsCertificate, the only
 * way a template attaches one) carries the HTTP-to-HTTPS redirect. So a load balancer with no attached
 * certificate serves its application over HTTP only and cannot redirect: it fails, as a classic load
 * balancer with only an HTTP listener does. One with an attached certificate is judged on the certificate
 * (https-redirect/aws-lightsail-load-balancer-tls-certificate). labels.scout25 RotaBalancer.
 */

/** Is the certificate attached? undefined when the template does not settle it. */
function attachedState(cert: Resource): boolean | undefined {
  const raw = get(cert.properties, 'IsAttached');
  if (raw === undefined || raw === null) return false;
  if (isUnresolved(raw)) return undefined;
  return asBool(raw);
}

export default defineRule({
  id: 'https-redirect/aws-lightsail-load-balancer',
  control: 'https-redirect',
  title: 'Lightsail load balancers serve HTTPS and redirect HTTP to it',
  severity: 'medium',
  risk: 'A Lightsail load balancer without an attached TLS certificate serves the whole application over plain HTTP: sessions, passwords and pages travel unencrypted and there is no HTTPS side to redirect to.',
  remediation: {
    text: 'Create and attach a certificate (AWS::Lightsail::LoadBalancerTlsCertificate with IsAttached: true) and set HttpsRedirectionEnabled: true on it.',
    cloudformation:
      'Type: AWS::Lightsail::LoadBalancerTlsCertificate\nProperties:\n  LoadBalancerName: !Ref LoadBalancer\n  CertificateName: web\n  CertificateDomainName: www.example.com\n  IsAttached: true\n  HttpsRedirectionEnabled: true',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lightsail-loadbalancer.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lightsail-loadbalancertlscertificate.html',
    'https://docs.aws.amazon.com/lightsail/latest/userguide/understanding-tls-ssl-certificates-in-lightsail-https.html',
  ],
  types: ['aws.lightsail.load-balancer'],
  // No live collector reads Lightsail: judged in templates only.
  sources: ['iac'],
  check(r, { inventory }) {
    const certs = inventory.related(r, 'certificates');
    const names = (list: Resource[]) => list.map((c) => c.name ?? c.id).join(', ');
    const attached = certs.filter((c) => attachedState(c) === true);
    if (attached.length)
      return notApplicable(
        `HTTPS is served with attached certificate ${names(attached)}: the HTTP redirect is judged on the certificate (https-redirect/aws-lightsail-load-balancer-tls-certificate)`,
        ev('(certificates)', names(attached)),
      );
    const unsettled = certs.filter((c) => attachedState(c) === undefined);
    if (unsettled.length)
      return unknown(`whether certificate ${names(unsettled)} is attached is not settled by the template (IsAttached is not a readable boolean)`, ev('(certificates)', names(unsettled)));
    // A certificate of this template whose load balancer cannot be told may be this one's.
    const same = (o: Resource) => o.location.stack === r.location.stack && o.location.file === r.location.file;
    const loose = inventory
      .ofType('aws.lightsail.load-balancer-tls-certificate')
      .filter((c) => same(c) && !(c.relations.loadBalancer ?? []).length && isUnresolved(get(c.properties, 'LoadBalancerName')));
    if (loose.length)
      return unknown(
        `certificate ${names(loose)} names a load balancer the template does not settle (${text(get(loose[0]!.properties, 'LoadBalancerName'))}): it may be this one's HTTPS side`,
        ev('(certificates)', names(loose)),
      );
    const why = certs.length ? `certificate ${names(certs)} is not attached (IsAttached false or omitted)` : 'no AWS::Lightsail::LoadBalancerTlsCertificate names it';
    return fail(
      `the load balancer serves HTTP only and cannot redirect: ${why}, so it has no HTTPS side`,
      ev('(certificates)', certs.length ? names(certs) : 'none', 'an attached certificate with HttpsRedirectionEnabled true', 'Lightsail load balancers answer HTTP on port 80; HTTPS needs an attached certificate'),
    );
  },
});

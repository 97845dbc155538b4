import { defineRule } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import { get, ev, fail, unknown, notApplicable, text } from '../../../src/evaluate/facts.js';
import { sameEnvironment } from '../../backup-retention/_selection.js';
import { attachedState, lightsailCertificates } from '../_lightsail-certificates.js';

/**
 * A Lightsail load balancer always answers plain HTTP on port 80; it gets an HTTPS side only from a
 * certificate attached to it, and that certificate (AWS::Lightsail::LoadBalancerTlsCertificate, the only
 * way a template attaches one) carries the HTTP-to-HTTPS redirect. So a load balancer with no attached
 * certificate serves its application over HTTP only and cannot redirect: it fails, as a classic load
 * balancer with only an HTTP listener does. One with an attached certificate is judged on the certificate
 * (https-redirect/aws-lightsail-load-balancer-tls-certificate). labels.scout25 RotaBalancer.
 */

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
    const { related: certs, elsewhere, loose } = lightsailCertificates(r, inventory);
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
    // A certificate of another scanned template attached to a load balancer of this name: this one's HTTPS side
    // when both stacks deploy to one account and region, judged on the certificate; else it may be.
    const away = elsewhere.filter((c) => attachedState(c) !== false);
    const here = away.filter((c) => sameEnvironment(c, r) === 'yes');
    if (here.length)
      return notApplicable(
        `HTTPS is served with certificate ${names(here)} of another template, attached to it by name: the HTTP redirect is judged on the certificate (https-redirect/aws-lightsail-load-balancer-tls-certificate)`,
        ev('(certificates)', names(here)),
      );
    const maybe = away.filter((c) => sameEnvironment(c, r) === 'maybe');
    if (maybe.length)
      return unknown(`certificate ${names(maybe)} of another template is attached to a load balancer named ${text(get(r.properties, 'LoadBalancerName'))}: it is this one's HTTPS side if both stacks deploy to the same account and region`, ev('(certificates)', names(maybe)));
    // A certificate of this template whose load balancer cannot be told may be this one's.
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

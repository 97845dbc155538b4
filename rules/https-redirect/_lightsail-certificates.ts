/**
 * The certificates that may give a Lightsail load balancer its HTTPS side, shared by
 * https-redirect/aws-lightsail-load-balancer and tls-min/aws-lightsail-load-balancer. A certificate
 * (AWS::Lightsail::LoadBalancerTlsCertificate) names its load balancer by name; relations are resolved
 * per stack (src/sources/iac/relations.ts), so one in another scanned template that names the load
 * balancer's literal name is found here (`elsewhere`), as is one of the same template whose load
 * balancer the template does not settle (`loose`).
 */
import type { Resource } from '../../src/model/resource.js';
import type { Inventory } from '../../src/model/inventory.js';
import { get, asBool } from '../../src/evaluate/facts.js';
import { isUnresolved } from '../../src/model/values.js';

export const LIGHTSAIL_CERTIFICATE = 'aws.lightsail.load-balancer-tls-certificate';

/** Is the certificate attached? undefined when the template does not settle it (IsAttached omitted: not attached). */
export function attachedState(cert: Resource): boolean | undefined {
  const raw = get(cert.properties, 'IsAttached');
  if (raw === undefined || raw === null) return false;
  if (isUnresolved(raw)) return undefined;
  return asBool(raw);
}

export interface LightsailCertificates {
  /** Certificates of this stack that name the load balancer (by reference or by its name). */
  related: Resource[];
  /** Certificates of another scanned template that name a load balancer of the same literal name. */
  elsewhere: Resource[];
  /** Certificates of the same template whose load balancer name the template does not settle. */
  loose: Resource[];
}

export function lightsailCertificates(lb: Resource, inventory: Inventory): LightsailCertificates {
  const related = inventory.related(lb, 'certificates');
  const name = get(lb.properties, 'LoadBalancerName');
  const unrelated = inventory.ofType(LIGHTSAIL_CERTIFICATE).filter((c) => !(c.relations.loadBalancer ?? []).length && !related.includes(c));
  const sameTemplate = (c: Resource) => c.location.stack === lb.location.stack && c.location.file === lb.location.file;
  return {
    related,
    elsewhere: typeof name === 'string' && name !== '' ? unrelated.filter((c) => !sameTemplate(c) && get(c.properties, 'LoadBalancerName') === name) : [],
    loose: unrelated.filter((c) => sameTemplate(c) && isUnresolved(get(c.properties, 'LoadBalancerName'))),
  };
}

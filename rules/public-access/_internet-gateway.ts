/**
 * Whether a subnet group's VPC has an internet gateway attached in the scanned
 * templates. Shared by the rules whose service decides public placement by it:
 * RDS (an instance with PubliclyAccessible omitted is public when its VPC has
 * an internet gateway) and DMS (a public replication instance is reachable only
 * through one).
 */
import type { Resource } from '../../src/model/resource.js';
import type { Inventory } from '../../src/model/inventory.js';

/**
 * true / false, or undefined when the chain (subnet group → subnets → VPC)
 * leaves the templates: no group, no subnets, or a subnet whose VPC is not there.
 */
export function subnetGroupVpcHasInternetGateway(group: Resource | undefined, inventory: Inventory): boolean | undefined {
  if (!group) return undefined;
  const subnets = inventory.related(group, 'subnets');
  if (subnets.length === 0) return undefined;
  const vpcs = new Set(subnets.flatMap((s) => inventory.related(s, 'vpc')));
  if (vpcs.size === 0 || subnets.some((s) => inventory.related(s, 'vpc').length === 0)) return undefined;
  return [...vpcs].some((vpc) => inventory.related(vpc, 'gatewayAttachments').some((a) => a.properties.InternetGatewayId !== undefined));
}

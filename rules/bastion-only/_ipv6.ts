/**
 * Whether a host is reachable from the internet over IPv6. Every IPv6 address a VPC hands out is a
 * global one: a host is public over IPv6 when it gets an address (Ipv6AddressCount / Ipv6Addresses /
 * PrimaryIpv6 on the instance, its interface or launch template, or a subnet with
 * AssignIpv6AddressOnCreation true) and its subnet's route table sends IPv6 traffic to an internet
 * gateway. A route to an egress-only internet gateway lets the host out, never the internet in (VPC
 * User Guide, "Enable outbound IPv6 traffic using an egress-only internet gateway"), so it does not count.
 */
import type { Resource } from '../../src/model/resource.js';
import type { RuleContext } from '../../src/evaluate/rule.js';
import { asArray, asBool, asNumber, get, text } from '../../src/evaluate/facts.js';
import { isRef, isUnresolved } from '../../src/model/values.js';
import { sharedAcrossVariants } from '../../src/model/inventory.js';

/** What the IPv6 judgement reads: the inventory only. */
type Net = Pick<RuleContext, 'inventory'>;

export type Reach = { value: boolean; why: string } | { unknown: string };

/**
 * Does this holder (instance properties, an interface, a launch template interface) ask for an IPv6
 * address? true with the setting, `unknown` when a setting is not resolved, undefined when it does not.
 * `primary` names the holder's primary-IPv6 flag where it has one (a launch template interface's
 * PrimaryIpv6, a network interface's EnablePrimaryIpv6).
 */
export function requestsIpv6(holder: unknown, at: string, primary?: 'PrimaryIpv6' | 'EnablePrimaryIpv6'): { why: string } | { unknown: string } | undefined {
  const count = get(holder, 'Ipv6AddressCount');
  if (isUnresolved(count)) return { unknown: `${at}Ipv6AddressCount depends on ${count.expression}` };
  if (count !== undefined && count !== null) {
    const n = asNumber(count);
    if (n === undefined) return { unknown: `${at}Ipv6AddressCount ${text(count)} is not a number` };
    if (n > 0) return { why: `${at}Ipv6AddressCount is ${n}` };
  }
  const list = get(holder, 'Ipv6Addresses');
  if (isUnresolved(list)) return { unknown: `${at}Ipv6Addresses depends on ${list.expression}` };
  if (asArray(list).length > 0) return { why: `${at}Ipv6Addresses assigns ${asArray(list).length} address(es)` };
  const flag = primary ? get(holder, primary) : undefined;
  if (isUnresolved(flag)) return { unknown: `${at}${primary} depends on ${flag.expression}` };
  if (asBool(flag) === true) return { why: `${at}${primary} is true` };
  return undefined;
}

/** Does the subnet give every interface created in it an IPv6 address (AssignIpv6AddressOnCreation)? */
export function subnetAssignsIpv6(subnet: Resource): { why: string } | { unknown: string } | undefined {
  const v = get(subnet.properties, 'AssignIpv6AddressOnCreation');
  if (isUnresolved(v)) return { unknown: `${subnet.name ?? subnet.id}.AssignIpv6AddressOnCreation depends on ${v.expression}` };
  return asBool(v) === true ? { why: `subnet ${subnet.name ?? subnet.id} has AssignIpv6AddressOnCreation true` } : undefined;
}

/** A route's destination or gateway as quoted in messages: one route is quoted for every host behind it, so a hostile 1 MB text is cut. */
const quoted = (v: unknown): string => {
  const t = text(v);
  return t.length > 200 ? `${t.slice(0, 200)}… (${t.length} characters)` : t;
};

/** Is a route's target an internet gateway? true / false, or why it cannot be told. */
function toInternetGateway(route: Resource, ctx: Net): boolean | { unknown: string } {
  const gw = get(route.properties, 'GatewayId');
  if (gw === undefined || gw === null) return false; // egress-only gateway, NAT, transit gateway, peering, interface, endpoint
  if (isUnresolved(gw)) return { unknown: `route ${route.name ?? route.id}'s GatewayId depends on ${gw.expression}` };
  if (isRef(gw)) {
    const target = ctx.inventory.get(`${route.location.stack}/${gw.logicalId}`);
    if (!target) return { unknown: `route ${route.name ?? route.id}'s gateway ${gw.logicalId} is not in the scanned templates` };
    return target.type === 'aws.ec2.internet-gateway';
  }
  const id = text(gw);
  if (id.startsWith('igw-')) return true;
  if (id.startsWith('vgw-') || id === 'local') return false;
  return { unknown: `route ${route.name ?? route.id}'s gateway ${quoted(id)} is neither an internet nor a virtual private gateway id` };
}

/**
 * Does the subnet's route table send IPv6 traffic to an internet gateway? A subnet without an explicit
 * association uses its VPC's main route table: one the template creates (with the VPC) has only the
 * local routes, since a template cannot add routes to it; a VPC from elsewhere leaves it unknown.
 */
export function subnetIpv6ToInternet(subnet: Resource, ctx: Net): Reach {
  // Once per subnet and run: every host in it asks, and a table may hold thousands of routes (2,000 instances ×
  // 20,000 routes took 10 s, fixP2); and once for every Fn::If variant of the hosts when no route, table or
  // association branches (2,000 hosts with an unknown IPv6 condition: 31 s).
  return sharedAcrossVariants(REACH, ctx.inventory, subnet, () => subnetRoutesToInternet(subnet, ctx));
}

const REACH = new WeakMap<object, Map<Resource, Reach>>();

function subnetRoutesToInternet(subnet: Resource, ctx: Net): Reach {
  const name = subnet.name ?? subnet.id;
  const assocs = ctx.inventory.related(subnet, 'routeTableAssociations');
  if (assocs.length === 0) {
    if (ctx.inventory.related(subnet, 'vpc').length) return { value: false, why: `subnet ${name} uses the main route table of a VPC this template creates (local routes only)` };
    return { unknown: `subnet ${name} has no route table association in the scanned templates: its VPC's main route table decides` };
  }
  const quiet: string[] = [];
  for (const a of assocs) {
    const table = ctx.inventory.related(a, 'routeTable')[0];
    if (!table) return { unknown: `the route table of subnet ${name} (${quoted(get(a.properties, 'RouteTableId'))}) is not in the scanned templates` };
    for (const route of ctx.inventory.related(table, 'routes')) {
      const dest = get(route.properties, 'DestinationIpv6CidrBlock');
      if (dest === undefined || dest === null) continue;
      const igw = toInternetGateway(route, ctx);
      if (typeof igw === 'object') return igw;
      if (!igw) continue;
      if (isUnresolved(dest)) return { unknown: `route ${route.name ?? route.id} sends ${dest.expression} to an internet gateway` };
      return { value: true, why: `subnet ${name}'s route table ${table.name ?? table.id} sends ${quoted(dest)} to an internet gateway (route ${route.name ?? route.id})` };
    }
    quiet.push(table.name ?? table.id);
  }
  return { value: false, why: `no IPv6 route of subnet ${name}'s route table (${quiet.join(', ')}) goes to an internet gateway` };
}

/**
 * Whether a host is reachable over IPv6: `requests` are the address settings found (instance,
 * interfaces, launch template); the subnet's AssignIpv6AddressOnCreation counts too.
 */
export function ipv6Reachable(requests: ReadonlyArray<{ why: string } | { unknown: string } | undefined>, subnet: Resource, ctx: Net): Reach {
  const all = [...requests, subnetAssignsIpv6(subnet)];
  const asked = all.find((q): q is { why: string } => q !== undefined && 'why' in q);
  const open = all.find((q): q is { unknown: string } => q !== undefined && 'unknown' in q);
  if (!asked && !open) return { value: false, why: 'no IPv6 address' };
  const route = subnetIpv6ToInternet(subnet, ctx);
  if ('unknown' in route) return { unknown: `it ${asked ? 'has' : 'may have'} an IPv6 address (${asked?.why ?? open!.unknown}) and ${route.unknown}` };
  if (!route.value) return { value: false, why: `its IPv6 address is not reachable from the internet: ${route.why}` };
  if (!asked) return { unknown: `${open!.unknown}, and ${route.why}` };
  return { value: true, why: `global IPv6 address (${asked.why}) and ${route.why}` };
}

/**
 * Hosts a service places in the subnets it names (ECS awsvpc tasks and scheduled tasks, EMR nodes): the
 * service creates their interfaces there, and an interface created in a subnet with
 * AssignIpv6AddressOnCreation true gets one of its global IPv6 addresses (VPC User Guide, "IPv6 addressing";
 * ECS Developer Guide, "Amazon ECS task networking options for Fargate": a task in a dual-stack subnet gets
 * an IPv6 address; the ECS account setting dualStackIPv6 is not in templates and is set aside), so the same
 * decision as for an instance applies, with no address request of the host's own. `subnets` is the list as
 * written (`at` its path); an entry that names a subnet outside the scanned templates (an id, a parameter)
 * says nothing about IPv6, as an instance in such a subnet with no IPv6 setting of its own (fixL): only the
 * template subnets are judged. Not such hosts: Lambda functions (Ipv6AllowedForDualStack allows their
 * outbound IPv6 traffic only, Lambda API reference, VpcConfig; nothing connects in to a function's
 * interface) and SageMaker notebook instances (IPv4 unless the API's IpAddressType is dualstack, which the
 * CloudFormation resource does not carry).
 */
export function placedIpv6Reachable(holder: Resource, subnets: unknown, at: string, ctx: Net): Reach {
  if (subnets === undefined || subnets === null || isUnresolved(subnets)) return { value: false, why: `no subnet of ${at} is in the scanned templates` };
  const judged: string[] = [];
  for (const s of asArray(subnets)) {
    if (!isRef(s)) continue;
    const subnet = ctx.inventory.get(`${holder.location.stack}/${s.logicalId}`);
    if (subnet?.type !== 'aws.ec2.subnet') continue;
    const v6 = ipv6Reachable([], subnet, ctx);
    if ('unknown' in v6) return { unknown: `in subnet ${s.label}: ${v6.unknown}` };
    if (v6.value) return { value: true, why: `in subnet ${s.label}: ${v6.why}` };
    judged.push(s.label);
  }
  return { value: false, why: judged.length ? `no IPv6 address reachable from the internet in subnet ${judged.join(', ')}` : `no subnet of ${at} is in the scanned templates` };
}

/**
 * What an EC2 instance's template says about how it can be reached: whether it gets a public IPv4
 * address, and which security groups it is launched with (bastion-only: a public address outside the
 * bastion path).
 */
import type { Resource } from '../../src/model/resource.js';
import type { RuleContext } from '../../src/evaluate/rule.js';
import { known, asArray, asBool, must, get, text, nameBeside } from '../../src/evaluate/facts.js';
import { isBranches, isRef, isUnresolved } from '../../src/model/values.js';
import { instanceLaunchTemplate } from '../../src/lib/launch-templates.js';
import type { GroupRef } from './_ingress.js';
import { requestsIpv6, ipv6Reachable } from './_ipv6.js';
import { privateNamedSubnetParameter } from '../../src/lib/network.js';

/**
 * Is the instance reachable from the internet by address: a public IPv4 address, or (fixL) a global
 * IPv6 address in a subnet routed to an internet gateway (src: ./_ipv6.ts)? true/false, or a reason it
 * cannot be told.
 */
export function publicIp(r: Resource, ctx: RuleContext): { value: boolean; why: string } | { unknown: string; ipv6Asked?: string } {
  const v4 = publicIpv4(r, ctx);
  if ('value' in v4 && v4.value) return v4;
  const v6: { value: boolean; why: string } | { unknown: string; ipv6Asked?: string } = r.source === 'iac' ? instanceIpv6(r, ctx) : { value: false, why: '' };
  if ('value' in v6 && v6.value) return v6;
  const asked = 'unknown' in v6 ? v6.ipv6Asked : undefined;
  // An interface attached on its own (NetworkInterfaceAttachment) with a global IPv6 address in its subnet.
  const attached = attachedIpv6(r, ctx);
  if (attached && 'value' in attached) return attached;
  if ('unknown' in v4) return asked ? { ...v4, ipv6Asked: asked } : v4;
  if (attached) return { unknown: `${v4.why}, but ${attached.unknown}` };
  if ('unknown' in v6) return { unknown: `${v4.why}, but ${v6.unknown}`, ...(asked ? { ipv6Asked: asked } : {}) };
  return v6.why && v6.why !== 'no IPv6 address' ? { value: false, why: `${v4.why}; ${v6.why}` } : v4;
}

/**
 * Does an interface attached to the instance on its own get a global IPv6 address its subnet routes to
 * the internet? A reachable one (value true), or why it cannot be told; undefined when none asks for one.
 */
function attachedIpv6(r: Resource, ctx: RuleContext): { value: true; why: string } | { unknown: string } | undefined {
  let open: { unknown: string } | undefined;
  for (const { eni, attachedBy } of attachedInterfaces(r, ctx)) {
    const name = eni.location.logicalId ?? eni.id;
    const ask = requestsIpv6(eni.properties, `${name}.`, 'EnablePrimaryIpv6');
    const subnetRef = get(eni.properties, 'SubnetId');
    const subnet = isRef(subnetRef) ? ctx.inventory.get(`${eni.location.stack}/${subnetRef.logicalId}`) : undefined;
    if (!subnet || subnet.type !== 'aws.ec2.subnet') {
      if (ask) open ??= { unknown: `interface ${name} (attached by ${attachedBy}) ${'why' in ask ? `asks for an IPv6 address (${ask.why})` : `may ask for an IPv6 address (${ask.unknown})`} in a subnet that is not in the scanned templates` };
      continue;
    }
    const reach = ipv6Reachable([ask], subnet, ctx);
    if ('unknown' in reach) open ??= { unknown: `interface ${name} (attached by ${attachedBy}): ${reach.unknown}` };
    else if (reach.value) return { value: true, why: `interface ${nameBeside(eni, r)}, which ${attachedBy} attaches to it, has a ${reach.why}` };
  }
  return open;
}

/** The interfaces an instance launches with: its own, or (with none) its launch template's, and where they are read. */
function instanceNics(r: Resource, ctx: RuleContext): { nics: unknown[]; at: string } {
  const own = asArray(get(r.properties, 'NetworkInterfaces'));
  const lt = own.length === 0 && r.source === 'iac' ? instanceLaunchTemplate(r, ctx.inventory) : undefined;
  if (!lt) return { nics: own, at: 'NetworkInterfaces' };
  const at = `LaunchTemplate(${lt.name ?? lt.id}).LaunchTemplateData.NetworkInterfaces`;
  return { nics: asArray(get(lt.properties, 'LaunchTemplateData.NetworkInterfaces')), at };
}

/**
 * Does the instance get a global IPv6 address the internet can reach? (Its subnet as publicIpv4 finds it.)
 * `ipv6Asked`: the instance asks for an IPv6 address of its own (Ipv6AddressCount, Ipv6Addresses) in a subnet
 * outside the template, whose routes are not known (the rule reads it with the groups: see ipv6AdminOpen).
 */
function instanceIpv6(r: Resource, ctx: RuleContext): { value: boolean; why: string } | { unknown: string; ipv6Asked?: string } {
  const { nics, at } = instanceNics(r, ctx);
  const requests = [requestsIpv6(r.properties, '')];
  const fromTemplate = at.startsWith('LaunchTemplate(');
  for (const [i, n] of nics.entries()) {
    requests.push(requestsIpv6(n, `${at}[${i}].`, fromTemplate ? 'PrimaryIpv6' : undefined));
    const id = get(n, 'NetworkInterfaceId');
    const eni = id !== undefined && isRef(id) ? ctx.inventory.get(`${r.location.stack}/${id.logicalId}`) : undefined;
    if (eni?.type === 'aws.ec2.network-interface') requests.push(requestsIpv6(eni.properties, `${eni.name ?? eni.id}.`, 'EnablePrimaryIpv6'));
  }
  const asked = requests.some((q) => q !== undefined);
  const subnet = instanceSubnet(r, nics, ctx);
  if ('defaultSubnet' in subnet) return asked ? { unknown: 'it asks for an IPv6 address in a default subnet, whose routes are not in the template' } : { value: false, why: 'no IPv6 address' };
  if ('unknown' in subnet) {
    const own = requests.find((q): q is { why: string } => q !== undefined && 'why' in q);
    return asked ? { unknown: `it asks for an IPv6 address and ${subnet.unknown}`, ...(own ? { ipv6Asked: own.why } : {}) } : { value: false, why: 'no IPv6 address' };
  }
  if ('privateNamed' in subnet) return asked ? { unknown: `it asks for an IPv6 address in subnet parameter ${subnet.privateNamed}, whose routes are not in the template` } : { value: false, why: 'no IPv6 address' };
  return ipv6Reachable(requests, subnet.subnet, ctx);
}

/**
 * The subnet an instance launches into: its SubnetId, its primary interface's (own or attached), or a
 * default subnet when none is named.
 */
function instanceSubnet(r: Resource, nics: unknown[], ctx: RuleContext): { subnet: Resource } | { defaultSubnet: true } | { privateNamed: string } | { unknown: string } {
  const own = get(r.properties, 'SubnetId');
  // A primary interface attached by NetworkInterfaceId launches in that interface's subnet.
  const eniId = nics.length ? get(nics[0], 'NetworkInterfaceId') : undefined;
  const eni = eniId !== undefined && isRef(eniId) ? ctx.inventory.get(`${r.location.stack}/${eniId.logicalId}`) : undefined;
  if (eniId !== undefined && own === undefined && eni?.type !== 'aws.ec2.network-interface')
    return { unknown: `the primary interface is ${isUnresolved(eniId) ? eniId.expression : isRef(eniId) ? eniId.label : text(eniId)}, an existing interface outside the template, whose subnet decides` };
  const subnetRef = isUnresolved(own) ? own : (known(r, 'SubnetId') ?? (eni ? get(eni.properties, 'SubnetId') : nics.length ? get(nics[0], 'SubnetId') : undefined));
  if (subnetRef === undefined) return { defaultSubnet: true };
  // A parameter the template names as a private subnet is taken as one (src/lib/network.ts: rule zero, session 14).
  const privateNamed = privateNamedSubnetParameter(subnetRef);
  if (privateNamed) return { privateNamed };
  if (isUnresolved(subnetRef)) return { unknown: `the subnet depends on ${subnetRef.expression}` };
  const subnet = eni && isRef(subnetRef) ? ctx.inventory.get(`${r.location.stack}/${subnetRef.logicalId}`) : ctx.inventory.related(r, 'subnet')[0];
  // Only a subnet is read as one (an AWS::SSM::Parameter's Value or a custom resource's attribute names a subnet elsewhere).
  if (!subnet || subnet.type !== 'aws.ec2.subnet') return { unknown: `subnet ${isRef(subnetRef) ? subnetRef.label : text(subnetRef)} is not in the scanned templates` };
  return { subnet };
}

/** Where EC2 says an automatic public IPv4 address needs a single network interface. */
export const SINGLE_INTERFACE_DOC = 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceNetworkInterfaceSpecification.html';

/**
 * Why an instance launched with these interfaces gets no automatic public IPv4 address, or undefined:
 * EC2 assigns one only to a new primary interface of an instance launched with a single interface (EC2
 * API InstanceNetworkInterfaceSpecification, AssociatePublicIpAddress: "can only be assigned to a network
 * interface for eth0 ... You cannot specify more than one network interface in the request"; EC2 user
 * guide, "Public IPv4 addresses"), so with two or more the subnet's MapPublicIpOnLaunch does not apply.
 * Only a list whose length is settled counts (an item under an undecided Fn::If may drop out). An
 * Elastic IP, or AssociatePublicIpAddress true, is read before this.
 */
export function severalInterfaces(nics: readonly unknown[], at: string): string | undefined {
  if (nics.length < 2 || nics.some((n) => !n || typeof n !== 'object' || Array.isArray(n) || isUnresolved(n) || isBranches(n))) return undefined;
  return `${at}: ${nics.length} network interfaces at launch, and EC2 assigns an automatic public IPv4 address only to an instance launched with a single interface, whatever the subnet maps (${SINGLE_INTERFACE_DOC})`;
}

/** The interfaces in the template that an AWS::EC2::NetworkInterfaceAttachment attaches to the instance, each with the attachment's name. */
function attachedInterfaces(r: Resource, ctx: RuleContext): { eni: Resource; attachedBy: string }[] {
  if (r.source !== 'iac') return [];
  return ctx.inventory.related(r, 'interfaceAttachments').flatMap((a) =>
    ctx.inventory
      .related(a, 'networkInterface')
      .filter((eni) => eni.type === 'aws.ec2.network-interface')
      .map((eni) => ({ eni, attachedBy: nameBeside(a, r) })),
  );
}

/** Does the instance get a public IPv4 address? true/false, or a reason it cannot be told. */
function publicIpv4(r: Resource, ctx: RuleContext): { value: boolean; why: string } | { unknown: string } {
  const live = get(r.properties, 'Live.PublicIpAddress');
  if (typeof live === 'string' && live) return { value: true, why: `public address ${live}` };
  const eips = ctx.inventory.related(r, 'eips');
  if (eips.length) return { value: true, why: `Elastic IP ${eips.map((e) => nameBeside(e, r)).join(', ')} is associated` };
  let nics = asArray(known(r, 'NetworkInterfaces'));
  let at = 'NetworkInterfaces';
  // An Elastic IP associated with an interface the instance attaches (NetworkInterfaceId) is its address too.
  for (const n of nics) {
    const id = get(n, 'NetworkInterfaceId');
    const eni = id !== undefined && isRef(id) ? ctx.inventory.get(`${r.location.stack}/${id.logicalId}`) : undefined;
    const onEni = eni?.type === 'aws.ec2.network-interface' ? ctx.inventory.related(eni, 'eips') : [];
    if (onEni.length) return { value: true, why: `Elastic IP ${onEni.map((e) => nameBeside(e, r)).join(', ')} is associated with its interface ${nameBeside(eni!, r)}` };
  }
  // So is one on an interface attached to it on its own (AWS::EC2::NetworkInterfaceAttachment, any device index).
  for (const { eni, attachedBy } of attachedInterfaces(r, ctx)) {
    const onEni = ctx.inventory.related(eni, 'eips');
    if (onEni.length) return { value: true, why: `Elastic IP ${onEni.map((e) => nameBeside(e, r)).join(', ')} is associated with interface ${nameBeside(eni, r)}, which ${attachedBy} attaches to it` };
  }
  // Without interfaces of its own, an instance gets its launch template's (src/lib/launch-templates.ts).
  const lt = nics.length === 0 && r.source === 'iac' ? instanceLaunchTemplate(r, ctx.inventory) : undefined;
  if (lt) {
    at = `LaunchTemplate(${lt.name ?? lt.id}).LaunchTemplateData.NetworkInterfaces`;
    nics = asArray(must(get(lt.properties, 'LaunchTemplateData.NetworkInterfaces'), at));
  }
  for (const [i, n] of nics.entries()) {
    const assoc = get(n, 'AssociatePublicIpAddress');
    if (isUnresolved(assoc)) return { unknown: `${at}[${i}].AssociatePublicIpAddress depends on ${assoc.expression}` };
    const v = asBool(assoc);
    if (v === true) return { value: true, why: `${at}[${i}].AssociatePublicIpAddress is true` };
    if (v === false && get(n, 'DeviceIndex') !== undefined && text(get(n, 'DeviceIndex')) === '0') return { value: false, why: 'the primary interface sets AssociatePublicIpAddress false' };
  }
  const several = severalInterfaces(nics, at);
  if (several) return { value: false, why: several };
  const subnet = instanceSubnet(r, nics, ctx);
  if ('defaultSubnet' in subnet) return { value: true, why: 'no SubnetId: the instance launches in a default subnet, which assigns public IPv4 addresses by default' };
  if ('unknown' in subnet) return subnet;
  if ('privateNamed' in subnet) return { value: false, why: `its subnet is parameter ${subnet.privateNamed}, which the template names as a private subnet (taken as mapping no public IPs)` };
  return subnetMapsPublicIp(subnet.subnet, r);
}

/** Does this subnet (in the template) give the instances launched into it a public IPv4 address? (Named as seen from `about`.) */
export function subnetMapsPublicIp(subnet: Resource, about: Resource): { value: boolean; why: string } {
  const name = nameBeside(subnet, about);
  const map = must(get(subnet.properties, 'MapPublicIpOnLaunch'), `${subnet.name}.MapPublicIpOnLaunch`);
  return asBool(map) === true
    ? { value: true, why: `subnet ${name} has MapPublicIpOnLaunch true` }
    : { value: false, why: `subnet ${name} does not map public IPs (MapPublicIpOnLaunch ${map === undefined ? 'omitted, default false' : text(map)})` };
}

/** The group references a property holds (a list, or one value the template leaves unresolved), each with its path. */
export function groupRefsAt(list: unknown, at: string): GroupRef[] {
  return isUnresolved(list) ? [{ value: list, at }] : asArray(list).map((value, i) => ({ value, at: `${at}[${i}]` }));
}

/** The security groups a launch template gives the instances launched from it; `at` prefixes the paths. */
export function launchTemplateGroupRefs(lt: Resource, at = 'LaunchTemplateData'): GroupRef[] {
  return [
    ...groupRefsAt(get(lt.properties, 'LaunchTemplateData.SecurityGroupIds'), `${at}.SecurityGroupIds`),
    ...groupRefsAt(get(lt.properties, 'LaunchTemplateData.SecurityGroups'), `${at}.SecurityGroups`),
    ...asArray(get(lt.properties, 'LaunchTemplateData.NetworkInterfaces')).flatMap((n, i) => groupRefsAt(get(n, 'Groups'), `${at}.NetworkInterfaces[${i}].Groups`)),
  ];
}

/**
 * The groups of one of an instance's interfaces: its own GroupSet, or, when it attaches an existing
 * interface (NetworkInterfaceId), that interface's GroupSet when it is in the template. An interface
 * from elsewhere yields a reference no group matches, so the groups are `unknown`, never "none".
 */
function interfaceGroupRefs(r: Resource, nic: unknown, at: string, ctx: RuleContext): GroupRef[] {
  const own = get(nic, 'GroupSet');
  if (own !== undefined) return groupRefsAt(own, `${at}.GroupSet`);
  const id = get(nic, 'NetworkInterfaceId');
  if (id === undefined) return [];
  const eni = isRef(id) ? ctx.inventory.get(`${r.location.stack}/${id.logicalId}`) : undefined;
  if (isRef(id) && eni?.type === 'aws.ec2.network-interface') return groupRefsAt(get(eni.properties, 'GroupSet'), `${at} → ${id.logicalId}.GroupSet`);
  return [{ value: id, at: `${at}.NetworkInterfaceId (an interface outside the template, whose groups are not known)` }];
}

/** The security groups the instance is launched with: its own, its interfaces', or (with none) its launch template's. */
export function instanceGroupRefs(r: Resource, ctx: RuleContext): GroupRef[] {
  const refs: GroupRef[] = [
    ...groupRefsAt(get(r.properties, 'SecurityGroupIds'), 'SecurityGroupIds'),
    ...groupRefsAt(get(r.properties, 'SecurityGroups'), 'SecurityGroups'),
    ...asArray(get(r.properties, 'NetworkInterfaces')).flatMap((n, i) => interfaceGroupRefs(r, n, `NetworkInterfaces[${i}]`, ctx)),
  ];
  const lt = refs.length === 0 && r.source === 'iac' ? instanceLaunchTemplate(r, ctx.inventory) : undefined;
  const own = lt ? launchTemplateGroupRefs(lt, `LaunchTemplate(${lt.name ?? lt.id}).LaunchTemplateData`) : refs;
  // An interface attached on its own brings its groups: what reaches the instance through that interface.
  const attached = attachedInterfaces(r, ctx).flatMap(({ eni, attachedBy }) => groupRefsAt(get(eni.properties, 'GroupSet'), `${attachedBy} → ${eni.location.logicalId ?? eni.id}.GroupSet`));
  // One attached from outside the template (its id a parameter, an import, a literal eni-…): a reference no
  // group matches, so the groups are `unknown`, never "none" (as interfaceGroupRefs does for NetworkInterfaceId).
  const outside = outsideAttachments(r, ctx).map(({ id, attachedBy }) => ({ value: id, at: `${attachedBy}.NetworkInterfaceId (an interface outside the template, whose groups are not known)` }));
  return [...own, ...attached, ...outside];
}

/** The AWS::EC2::NetworkInterfaceAttachments of the instance whose interface is not a template AWS::EC2::NetworkInterface. */
function outsideAttachments(r: Resource, ctx: RuleContext): { id: unknown; attachedBy: string }[] {
  if (r.source !== 'iac') return [];
  return ctx.inventory
    .related(r, 'interfaceAttachments')
    .filter((a) => !ctx.inventory.related(a, 'networkInterface').some((eni) => eni.type === 'aws.ec2.network-interface'))
    .map((a) => ({ id: get(a.properties, 'NetworkInterfaceId') ?? null, attachedBy: nameBeside(a, r) }));
}

/**
 * Where a launch configuration or template leaves AssociatePublicIpAddress out, the subnet decides
 * (MapPublicIpOnLaunch; a default subnet maps public IPs). The subnets are those of the Auto Scaling
 * groups launching from it: public if any of them maps public IPs.
 */
export function autoScalingSubnets(groups: readonly Resource[], ctx: RuleContext, ipv6Requests: ReadonlyArray<ReturnType<typeof requestsIpv6>> = []): { value: boolean; why: string } | { unknown: string } {
  if (!groups.length) return { unknown: 'no Auto Scaling group in the scanned templates launches from it, so the subnets it launches into are not known' };
  const quiet: string[] = [];
  for (const g of groups) {
    const gname = g.name ?? g.id;
    const zones = get(g.properties, 'VPCZoneIdentifier');
    if (zones === undefined || zones === null)
      return { value: true, why: `Auto Scaling group ${gname} has no VPCZoneIdentifier: it launches into the default subnets, which assign public IPv4 addresses` };
    // A parameter the template names as private subnets is taken as such (src/lib/network.ts: rule zero, session 14).
    // (Not where the instances ask for IPv6 addresses: whether the subnet routes them to the internet is the subnet's.)
    const named = (z: unknown) => (ipv6Requests.some((q) => q !== undefined) ? undefined : privateNamedSubnetParameter(z));
    const all = isUnresolved(zones) ? [zones] : asArray(zones);
    for (const z of all) {
      const n = named(z);
      if (n) quiet.push(`parameter ${n}, which the template names as private`);
    }
    const list = all.filter((z) => named(z) === undefined);
    if (isUnresolved(zones) && list.length) return { unknown: `the subnets of Auto Scaling group ${gname} depend on ${zones.expression}` };
    const subnets = ctx.inventory.related(g, 'subnets');
    for (const [i, z] of list.entries()) if (isUnresolved(z)) return { unknown: `VPCZoneIdentifier[${i}] of ${gname} depends on ${z.expression}` };
    if (subnets.length < list.length) return { unknown: `some subnets of Auto Scaling group ${gname} are not in the scanned templates (${list.map(text).join(', ')})` };
    for (const s of subnets) {
      const map = must(get(s.properties, 'MapPublicIpOnLaunch'), `${s.name ?? s.id}.MapPublicIpOnLaunch`);
      if (asBool(map) === true) return { value: true, why: `Auto Scaling group ${gname} launches into subnet ${nameBeside(s, g)}, which has MapPublicIpOnLaunch true` };
      // fixL: a global IPv6 address routed to an internet gateway makes the instances public too.
      const v6 = ipv6Reachable(ipv6Requests, s, ctx);
      if ('unknown' in v6) return { unknown: `instances of Auto Scaling group ${gname}: ${v6.unknown}` };
      if (v6.value) return { value: true, why: `Auto Scaling group ${gname} launches into subnet ${nameBeside(s, g)}: ${v6.why}` };
      quiet.push(nameBeside(s, g));
    }
  }
  return { value: false, why: `its Auto Scaling groups launch only into subnets that do not map public IPs (${quiet.join(', ')})` };
}

/**
 * Where AssociatePublicIpAddress false settles IPv4, a launch configuration's or template's instances
 * may still be public over IPv6 (./_ipv6.ts): judged on the Auto Scaling groups' subnets that are in
 * the scanned templates (`requests`: the IPv6 settings of the template's interfaces).
 */
export function autoScalingIpv6(groups: readonly Resource[], ctx: RuleContext, requests: ReadonlyArray<ReturnType<typeof requestsIpv6>> = []): { value: boolean; why: string } | { unknown: string } {
  for (const g of groups)
    for (const s of ctx.inventory.related(g, 'subnets')) {
      const v6 = ipv6Reachable(requests, s, ctx);
      if (!('value' in v6) || v6.value) return 'unknown' in v6 ? { unknown: `instances of Auto Scaling group ${g.name ?? g.id}: ${v6.unknown}` } : { value: true, why: `Auto Scaling group ${g.name ?? g.id} launches into subnet ${s.name ?? s.id}: ${v6.why}` };
    }
  return { value: false, why: 'no IPv6 address reachable from the internet' };
}

/**
 * Auto Scaling groups some of whose subnets are not in the scanned templates (a parameter, an id, an import):
 * where their instances land, and what those subnets route, is not read.
 */
export function subnetsOutsideTemplates(groups: readonly Resource[], ctx: RuleContext): boolean {
  return groups.some((g) => {
    const zones = get(g.properties, 'VPCZoneIdentifier');
    if (zones === undefined || zones === null) return false;
    return isUnresolved(zones) || ctx.inventory.related(g, 'subnets').length < asArray(zones).length;
  });
}


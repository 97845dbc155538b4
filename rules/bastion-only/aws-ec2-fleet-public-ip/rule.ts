import { defineRule, type RuleContext, type Verdict } from '../../../src/evaluate/rule.js';
import { known, asArray, asBool, must, get, ev, pass, fail, unknown, notApplicable, text, nameBeside } from '../../../src/evaluate/facts.js';
import type { Resource } from '../../../src/model/resource.js';
import { isRef, isUnresolved } from '../../../src/model/values.js';
import { isBastionInstance, adminPortFromInternet, type GroupRef } from '../_ingress.js';
import { groupRefsAt, severalInterfaces, subnetMapsPublicIp } from '../_instance.js';
import { launchTemplateFor } from '../../../src/lib/launch-templates.js';
import { ipv6Reachable, requestsIpv6 } from '../_ipv6.js';
import { privateNamedSubnetParameter } from '../../../src/lib/network.js';

/**
 * Spot Fleet and EC2 Fleet instances, read as EC2 instances are (bastion-only/aws-ec2-instance-public-ip):
 * each Spot Fleet launch specification is an instance description (NetworkInterfaces with
 * AssociatePublicIpAddress, SubnetId, SecurityGroups), judged with the same reading: a public IP on a
 * host that is not the bastion fails; where the subnet (not in the template) decides the address, the
 * security groups decide whether an admin port would be reachable. A launch template configuration:
 * a template that sets AssociatePublicIpAddress is judged on itself (bastion-only/aws-ec2-launch-template-public-ip);
 * one that leaves it to the subnet is judged here with the fleet's subnets, as an Auto Scaling group's;
 * a template outside the scanned templates is unknown.
 */
function publicAddress(r: Resource, spec: unknown, at: string, ctx: RuleContext): { value: boolean; why: string } | { unknown: string } {
  const v4 = publicIpv4(r, spec, at, ctx);
  if ('value' in v4 && v4.value) return v4;
  // fixL: a global IPv6 address in a subnet routed to an internet gateway is public too (../_ipv6.ts).
  const nics = asArray(get(spec, 'NetworkInterfaces'));
  const subnetRef = get(spec, 'SubnetId') ?? (nics.length ? get(nics[0], 'SubnetId') : undefined);
  const requests = nics.map((n, i) => requestsIpv6(n, `${at}.NetworkInterfaces[${i}].`));
  // As for an instance (../_instance.ts): a subnet parameter named private settles IPv4, not an IPv6 address it is asked for.
  const privateNamed = privateNamedSubnetParameter(subnetRef);
  if (privateNamed && requests.some((q) => q !== undefined)) return { unknown: `it asks for an IPv6 address in subnet parameter ${privateNamed}, whose routes are not in the template` };
  const subnet = isRef(subnetRef) ? ctx.inventory.get(`${r.location.stack}/${subnetRef.logicalId}`) : undefined;
  if (!subnet || subnet.type !== 'aws.ec2.subnet') return v4;
  const v6 = ipv6Reachable(requests, subnet, ctx);
  if ('value' in v6 && v6.value) return v6;
  if ('unknown' in v4) return v4;
  if ('unknown' in v6) return { unknown: `${v4.why}, but ${v6.unknown}` };
  return v4;
}

function publicIpv4(r: Resource, spec: unknown, at: string, ctx: RuleContext): { value: boolean; why: string } | { unknown: string } {
  const nics = asArray(must(get(spec, 'NetworkInterfaces'), `${at}.NetworkInterfaces`));
  for (const [i, n] of nics.entries()) {
    const assoc = get(n, 'AssociatePublicIpAddress');
    if (isUnresolved(assoc)) return { unknown: `${at}.NetworkInterfaces[${i}].AssociatePublicIpAddress depends on ${assoc.expression}` };
    const v = asBool(assoc);
    if (v === true) return { value: true, why: `${at}.NetworkInterfaces[${i}].AssociatePublicIpAddress is true` };
    if (v === false && get(n, 'DeviceIndex') !== undefined && text(get(n, 'DeviceIndex')) === '0') return { value: false, why: 'the primary interface sets AssociatePublicIpAddress false' };
  }
  const several = severalInterfaces(nics, `${at}.NetworkInterfaces`);
  if (several) return { value: false, why: several };
  const subnetRef = get(spec, 'SubnetId') ?? (nics.length ? get(nics[0], 'SubnetId') : undefined);
  if (subnetRef === undefined || subnetRef === null) return { value: true, why: `${at} names no subnet: the fleet launches into default subnets, which assign public IPv4 addresses by default` };
  // A parameter the template names as a private subnet is taken as one, as for an instance (src/lib/network.ts: rule zero, session 14).
  const privateNamed = privateNamedSubnetParameter(subnetRef);
  if (privateNamed) return { value: false, why: `its subnet is parameter ${privateNamed}, which the template names as a private subnet (taken as mapping no public IPs)` };
  if (isUnresolved(subnetRef)) return { unknown: `the subnet depends on ${subnetRef.expression}` };
  const subnet = isRef(subnetRef) ? ctx.inventory.get(`${r.location.stack}/${subnetRef.logicalId}`) : undefined;
  if (!subnet || subnet.type !== 'aws.ec2.subnet') return { unknown: `subnet ${isRef(subnetRef) ? subnetRef.label : text(subnetRef)} is not in the scanned templates` };
  return subnetMapsPublicIp(subnet, r);
}

function groupRefs(spec: unknown, at: string): GroupRef[] {
  const list = get(spec, 'SecurityGroups');
  return [
    ...(isUnresolved(list) ? [{ value: list, at: `${at}.SecurityGroups` }] : asArray(list).map((g, j) => ({ value: get(g, 'GroupId'), at: `${at}.SecurityGroups[${j}].GroupId` }))),
    ...asArray(get(spec, 'NetworkInterfaces')).flatMap((n, k) => groupRefsAt(get(n, 'Groups'), `${at}.NetworkInterfaces[${k}].Groups`)),
  ];
}

/**
 * A fleet has no `Tags`: the request's and its instances' tags are in TagSpecifications (EC2 Fleet),
 * SpotFleetRequestConfigData.TagSpecifications and each launch specification's TagSpecifications
 * (Spot Fleet). The bastion reading (../_ingress.ts) gets the fleet with those tags as its Tags.
 */
function asTagged(r: Resource): Resource {
  const lists = r.type === 'aws.ec2.ec2-fleet'
    ? [get(r.properties, 'TagSpecifications')]
    : [get(r.properties, 'SpotFleetRequestConfigData.TagSpecifications'), ...asArray(get(r.properties, 'SpotFleetRequestConfigData.LaunchSpecifications')).map((l) => get(l, 'TagSpecifications'))];
  const tags = lists.flatMap((l) => (Array.isArray(l) ? l : [])).flatMap((spec) => asArray(get(spec, 'Tags')));
  return { ...r, properties: { ...r.properties, Tags: tags } };
}

function judgeSpecification(r: Resource, spec: unknown, at: string, ctx: RuleContext): Verdict {
  const ip = publicAddress(r, spec, at, ctx);
  if ('unknown' in ip) {
    const reach = adminPortFromInternet(r, groupRefs(spec, at), ctx);
    if ('open' in reach && !reach.open)
      return pass(`whether the instances get public IPs is not in the template (${ip.unknown}), but no admin port is reachable from the internet: ${reach.why}`, ev(at, null, undefined, 'the subnet decides the public IP'), ev('(SSH/RDP from public addresses)', false, false, reach.why));
    return unknown(`cannot tell whether the instances get public IPs: ${ip.unknown}; ${'open' in reach ? reach.why : `and whether an admin port is open to the internet is not known either: ${reach.unknown}`}`, ev(at, null));
  }
  const bastion = isBastionInstance(asTagged(r), ctx.params, ctx);
  const evidence = ev(`${at} (public IPv4)`, ip.value, bastion ? 'allowed on the bastion' : false, ip.why);
  if (!ip.value) return pass(`no public IP (${ip.why})`, evidence);
  if (bastion) return pass(`the bastion fleet gets public IPs (${ip.why}); its security groups must admit only the admin CIDRs`, evidence);
  return fail(`the fleet's instances are not the bastion and get public IPs: ${ip.why}`, evidence);
}

function judgeTemplateConfig(r: Resource, cfg: unknown, at: string, ctx: RuleContext): Verdict | undefined {
  const spec = must(get(cfg, 'LaunchTemplateSpecification'), `${at}.LaunchTemplateSpecification`);
  if (!spec || typeof spec !== 'object') return undefined;
  const lt = launchTemplateFor(r, spec as Record<string, unknown>, ctx.inventory);
  if (lt) return judgeTemplateSubnets(r, lt, cfg, at, ctx);
  return unknown(`${at} launches from a launch template outside the scanned templates, whose network interfaces and groups are not known`, ev(`${at}.LaunchTemplateSpecification`, spec));
}

/**
 * A launch template that sets AssociatePublicIpAddress is judged on the template itself. One that
 * leaves it to the subnet gets its answer from the fleet, as from an Auto Scaling group: the subnets of
 * the configuration's Overrides (or the template's primary interface; none: the default subnets). A
 * subnet the template does not settle leaves it to the launch-template rule's reading of the groups.
 */
function judgeTemplateSubnets(r: Resource, lt: Resource, cfg: unknown, at: string, ctx: RuleContext): Verdict | undefined {
  const ltAt = `LaunchTemplate(${lt.location.logicalId ?? lt.name ?? lt.id}).LaunchTemplateData.NetworkInterfaces`;
  const ltNics = asArray(get(lt.properties, 'LaunchTemplateData.NetworkInterfaces'));
  if (ltNics.some((n) => get(n, 'AssociatePublicIpAddress') !== undefined)) return undefined;
  const subnets = asArray(must(get(cfg, 'Overrides'), `${at}.Overrides`))
    .map((o, i) => ({ ref: get(o, 'SubnetId'), where: `${at}.Overrides[${i}].SubnetId` }))
    .filter((x) => x.ref !== undefined && x.ref !== null);
  const primary = ltNics.length ? get(ltNics[0], 'SubnetId') : undefined;
  if (subnets.length === 0 && primary !== undefined && primary !== null) subnets.push({ ref: primary, where: `${ltAt}[0].SubnetId` });
  const bastion = isBastionInstance(asTagged(r), ctx.params, ctx) || isBastionInstance(lt, ctx.params, ctx);
  const verdict = (ip: { value: boolean; why: string }): Verdict => {
    const evidence = ev(`${at} (public IPv4)`, ip.value, bastion ? 'allowed on the bastion' : false, ip.why);
    if (!ip.value) return pass(`no public IP (${ip.why})`, evidence);
    if (bastion) return pass(`the bastion fleet gets public IPs (${ip.why}); its security groups must admit only the admin CIDRs`, evidence);
    return fail(`the fleet's instances are not the bastion and get public IPs: ${ip.why}`, evidence);
  };
  if (subnets.length === 0) return verdict({ value: true, why: `launch template ${lt.location.logicalId ?? lt.name ?? lt.id} leaves the public IP to the subnet and ${at} names none: the fleet launches into default subnets, which assign public IPv4 addresses` });
  const quiet: string[] = [];
  const asksV6 = ltNics.some((n, i) => requestsIpv6(n, `${ltAt}[${i}].`, 'PrimaryIpv6') !== undefined);
  for (const { ref, where } of subnets) {
    const privateNamed = asksV6 ? undefined : privateNamedSubnetParameter(ref);
    if (privateNamed) {
      quiet.push(`parameter ${privateNamed}, which the template names as private`);
      continue;
    }
    const subnet = isRef(ref) ? ctx.inventory.get(`${r.location.stack}/${ref.logicalId}`) : undefined;
    // A subnet the template does not settle: the launch-template rule reads the groups for it.
    if (!subnet || subnet.type !== 'aws.ec2.subnet') return undefined;
    const ip = subnetMapsPublicIp(subnet, r);
    if (ip.value) return verdict({ value: true, why: `${where}: ${ip.why}` });
    const v6 = ipv6Reachable(ltNics.map((n, i) => requestsIpv6(n, `${ltAt}[${i}].`, 'PrimaryIpv6')), subnet, ctx);
    if (!('value' in v6)) return undefined;
    if (v6.value) return verdict({ value: true, why: `${where}: ${v6.why}` });
    quiet.push(nameBeside(subnet, r));
  }
  return verdict({ value: false, why: `it launches only into subnets that do not map public IPs (${quiet.join(', ')})` });
}

export default defineRule({
  id: 'bastion-only/aws-ec2-fleet-public-ip',
  control: 'bastion-only',
  title: 'Spot Fleet and EC2 Fleet instances get no public IP address unless they are the bastion',
  severity: 'high',
  risk: 'Fleet instances with public addresses can be reached from the internet directly whenever a security group admits it; administrative access then no longer has to pass through the bastion.',
  remediation: {
    text: 'Launch fleet instances into private subnets with AssociatePublicIpAddress false on the primary interface; reach them through the bastion or SSM Session Manager.',
    cloudformation: 'LaunchSpecifications:\n  - NetworkInterfaces:\n      - DeviceIndex: 0\n        AssociatePublicIpAddress: false\n        SubnetId: !Ref PrivateSubnet\n        Groups: [!Ref WorkerGroup]',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-spotfleet-spotfleetlaunchspecification.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html#vpc-public-ipv4-addresses',
    'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceNetworkInterfaceSpecification.html',
  ],
  types: ['aws.ec2.spot-fleet', 'aws.ec2.ec2-fleet'],
  // No live collector reads fleet requests: judged in templates only.
  sources: ['iac'],
  check(r, ctx) {
    const verdicts: { subId: string; v: Verdict }[] = [];
    let configs: unknown[];
    let configsAt: string;
    if (r.type === 'aws.ec2.spot-fleet') {
      const base = 'SpotFleetRequestConfigData.LaunchSpecifications';
      asArray(known(r, base)).forEach((spec, i) => verdicts.push({ v: judgeSpecification(r, spec, `${base}[${i}]`, ctx), subId: `LaunchSpecifications[${i}]` }));
      configsAt = 'SpotFleetRequestConfigData.LaunchTemplateConfigs';
      configs = asArray(known(r, 'SpotFleetRequestConfigData.LaunchTemplateConfigs'));
    } else {
      configsAt = 'LaunchTemplateConfigs';
      configs = asArray(known(r, 'LaunchTemplateConfigs'));
    }
    configs.forEach((cfg, i) => {
      const v = judgeTemplateConfig(r, cfg, `${configsAt}[${i}]`, ctx);
      if (v) verdicts.push({ v, subId: `LaunchTemplateConfigs[${i}]` });
    });
    if (verdicts.length === 0) return notApplicable('the fleet launches only from launch templates in the template that decide the public IP themselves, or into subnets the template does not settle (bastion-only/aws-ec2-launch-template-public-ip judges both)', ev(configsAt, `${configs.length} configurations`));
    return verdicts.length === 1 ? verdicts[0]!.v : verdicts.map(({ v, subId }) => ({ ...v, subId }));
  },
});

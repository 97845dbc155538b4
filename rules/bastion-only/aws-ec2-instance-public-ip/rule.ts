import { defineRule } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import type { RuleContext } from '../../../src/evaluate/rule.js';
import { known, asArray, asBool, must, get, ev, pass, fail, unknown, text } from '../../../src/evaluate/facts.js';
import { isRef, isUnresolved } from '../../../src/model/values.js';
import { isBastionInstance, adminPortFromInternet, type GroupRef } from '../_ingress.js';
import { instanceLaunchTemplate } from '../../../src/lib/launch-templates.js';

/** Does the instance get a public IPv4 address? true/false, or a reason it cannot be told. */
function publicIp(r: Resource, ctx: RuleContext): { value: boolean; why: string } | { unknown: string } {
  const live = get(r.properties, 'Live.PublicIpAddress');
  if (typeof live === 'string' && live) return { value: true, why: `public address ${live}` };
  const eips = ctx.inventory.related(r, 'eips');
  if (eips.length) return { value: true, why: `Elastic IP ${eips.map((e) => e.name ?? e.id).join(', ')} is associated` };
  let nics = asArray(known(r, 'NetworkInterfaces'));
  let at = 'NetworkInterfaces';
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
  const own = get(r.properties, 'SubnetId');
  const subnetRef = isUnresolved(own) ? own : (known(r, 'SubnetId') ?? (nics.length ? get(nics[0], 'SubnetId') : undefined));
  if (subnetRef === undefined) return { value: true, why: 'no SubnetId: the instance launches in a default subnet, which assigns public IPv4 addresses by default' };
  if (isUnresolved(subnetRef)) return { unknown: `the subnet depends on ${subnetRef.expression}` };
  const subnet = ctx.inventory.related(r, 'subnet')[0];
  if (!subnet) return { unknown: `subnet ${isRef(subnetRef) ? subnetRef.logicalId : text(subnetRef)} is not in the scanned templates` };
  const map = must(get(subnet.properties, 'MapPublicIpOnLaunch'), `${subnet.name}.MapPublicIpOnLaunch`);
  return asBool(map) === true
    ? { value: true, why: `subnet ${subnet.name ?? subnet.id} has MapPublicIpOnLaunch true` }
    : { value: false, why: `subnet ${subnet.name ?? subnet.id} does not map public IPs (MapPublicIpOnLaunch ${map === undefined ? 'omitted, default false' : text(map)})` };
}

/** The security groups the instance is launched with: its own, its interfaces', or (with none) its launch template's. */
function groupRefs(r: Resource, ctx: RuleContext): GroupRef[] {
  const refs: GroupRef[] = [];
  const add = (list: unknown, at: string) => {
    if (isUnresolved(list)) refs.push({ value: list, at });
    else asArray(list).forEach((value, i) => refs.push({ value, at: `${at}[${i}]` }));
  };
  add(get(r.properties, 'SecurityGroupIds'), 'SecurityGroupIds');
  add(get(r.properties, 'SecurityGroups'), 'SecurityGroups');
  asArray(get(r.properties, 'NetworkInterfaces')).forEach((n, i) => add(get(n, 'GroupSet'), `NetworkInterfaces[${i}].GroupSet`));
  const lt = refs.length === 0 && r.source === 'iac' ? instanceLaunchTemplate(r, ctx.inventory) : undefined;
  if (lt) {
    const at = `LaunchTemplate(${lt.name ?? lt.id}).LaunchTemplateData`;
    add(get(lt.properties, 'LaunchTemplateData.SecurityGroupIds'), `${at}.SecurityGroupIds`);
    add(get(lt.properties, 'LaunchTemplateData.SecurityGroups'), `${at}.SecurityGroups`);
    asArray(get(lt.properties, 'LaunchTemplateData.NetworkInterfaces')).forEach((n, i) => add(get(n, 'Groups'), `${at}.NetworkInterfaces[${i}].Groups`));
  }
  return refs;
}

export default defineRule({
  id: 'bastion-only/aws-ec2-instance-public-ip',
  control: 'bastion-only',
  title: 'Only the bastion host has a public IP address',
  severity: 'high',
  risk: 'An instance with a public address can be reached from the internet directly whenever a security group rule allows it; administrative access then no longer has to pass through the bastion.',
  remediation: {
    text: 'Launch non-bastion instances in private subnets (MapPublicIpOnLaunch false) without AssociatePublicIpAddress or Elastic IPs; reach them through the bastion or SSM Session Manager.',
    cdk: "new ec2.Instance(this, 'App', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, associatePublicIpAddress: false, ... })",
    cloudformation: 'NetworkInterfaces:\n  - DeviceIndex: "0"\n    AssociatePublicIpAddress: false\n    SubnetId: !Ref PrivateSubnet',
  },
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html#vpc-public-ipv4-addresses', 'https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html'],
  types: ['aws.ec2.instance'],
  sources: ['iac', 'live'],
  check(r, ctx) {
    const ip = publicIp(r, ctx);
    const bastion = isBastionInstance(r, ctx.params, ctx);
    if ('unknown' in ip) {
      // Whatever the subnet decides, a public address matters only if an admin port is open to public addresses.
      const reach = adminPortFromInternet(r, groupRefs(r, ctx), ctx);
      if ('open' in reach && !reach.open)
        return pass(`whether the instance gets a public IP is not in the template (${ip.unknown}), but no admin port is reachable from the internet: ${reach.why}`, ev('SubnetId', get(r.properties, 'SubnetId') ?? null, undefined, 'the subnet decides the public IP'), ev('(SSH/RDP from public addresses)', false, false, reach.why));
      return unknown(
        `cannot tell whether the instance gets a public IP: ${ip.unknown}; ${'open' in reach ? reach.why : `and whether an admin port is open to the internet is not known either: ${reach.unknown}`}`,
        ev('SubnetId', get(r.properties, 'SubnetId') ?? null),
      );
    }
    const evidence = ev('(public IPv4)', ip.value, bastion ? 'allowed on the bastion' : false, ip.why);
    if (!ip.value) return pass(`no public IP (${ip.why})`, evidence);
    if (bastion) return pass(`the bastion has a public IP (${ip.why}); its security group must admit only the admin CIDRs`, evidence);
    return fail(`the instance is not the bastion and has a public IP: ${ip.why}`, evidence);
  },
});

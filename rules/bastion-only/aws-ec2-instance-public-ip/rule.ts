import { defineRule } from '../../../src/evaluate/rule.js';
import { get, ev, pass, fail, unknown } from '../../../src/evaluate/facts.js';
import { isBastionInstance, adminPortFromInternet, bastionPathKept } from '../_ingress.js';
import { publicIp, instanceGroupRefs } from '../_instance.js';

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
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html#vpc-public-ipv4-addresses', 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html#vpc-ipv6-addresses', 'https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html', 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceNetworkInterfaceSpecification.html'],
  types: ['aws.ec2.instance'],
  sources: ['iac', 'live'],
  check(r, ctx) {
    const ip = publicIp(r, ctx);
    const bastion = isBastionInstance(r, ctx.params, ctx);
    if ('unknown' in ip) {
      // Whatever the subnet decides, a public address matters only if an admin port is open to public addresses.
      const reach = adminPortFromInternet(r, instanceGroupRefs(r, ctx), ctx);
      // An instance that asks for an IPv6 address of its own in a subnet outside the template, behind a group that
      // admits SSH/RDP from public IPv6 space: every IPv6 address a VPC hands out is a global one (VPC User Guide,
      // "IPv6 addressing"), and whether the subnet routes it to an internet gateway or only an egress-only one is
      // not in the template. Taken as reachable (rule zero: the labels call this shape fail 3 : 0, scout25
      // BuildAgent, vault15 CollectorInstance, vault14 SupportHost; counted in /work/plan/s15/fixAM). Not the bastion.
      if (ip.ipv6Asked && !bastion) {
        const v6 = adminPortFromInternet(r, instanceGroupRefs(r, ctx), ctx, 'ipv6');
        if ('open' in v6 && v6.open)
          return fail(
            `the instance is not the bastion and has a global IPv6 address (${ip.ipv6Asked}) behind a group that admits SSH/RDP from public IPv6 space: ${v6.why}; its subnet is not in the template (${ip.unknown}), and nothing shows it keeps IPv6 traffic from the internet out`,
            ev('(global IPv6 address)', true, false, ip.ipv6Asked),
            ev('(SSH/RDP from public IPv6 addresses)', true, false, v6.why),
          );
      }
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
    // A public host whose groups keep SSH/RDP off the internet still leaves the bastion the only admin path (../_ingress.ts: rule zero).
    const kept = bastionPathKept(r, instanceGroupRefs(r, ctx), ctx);
    if (kept) return pass(`the instance is not the bastion and has a public IP (${ip.why}), but ${kept}`, ev('(public IPv4)', ip.value, 'allowed where no admin port is reachable from the internet', ip.why), ev('(SSH/RDP from the internet)', false, false, kept));
    return fail(`the instance is not the bastion and has a public IP: ${ip.why}`, evidence);
  },
});

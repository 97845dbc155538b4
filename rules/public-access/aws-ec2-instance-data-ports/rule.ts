import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, unknown, notApplicable } from '../../../src/evaluate/facts.js';
import { dataPortExposure, EXPECTED } from '../_data-ports.js';
import { groupsOfRefs, ingressEntries } from '../../bastion-only/_ingress.js';
import { publicIp, instanceGroupRefs } from '../../bastion-only/_instance.js';

/**
 * A database, cache or search server run on an EC2 instance (MongoDB, Redis, PostgreSQL, Elasticsearch
 * on a host) is itself public when the instance has a public address and one of its security groups
 * opens the store's port to 0.0.0.0/0 or ::/0: the group's rule (public-access/aws-security-group-data-ports)
 * fails the group, and the instance, where the data is, fails here too. Without a public address the
 * open port is reachable only inside the network. Templates only: a live instance's address and groups
 * are judged through the same group rule.
 */
/**
 * A rule that opens every port (all traffic, or 0-65535) says nothing about a data store running on the
 * host (a firewall appliance's untrusted side, a honeypot); the group's own rule still fails it.
 */
function opensEveryPort(e: Record<string, unknown>): boolean {
  const proto = String(e.IpProtocol ?? '').toLowerCase();
  if (proto === '-1' || proto === 'all') return true;
  return Number(e.FromPort) <= 1 && Number(e.ToPort) >= 65535;
}

export default defineRule({
  id: 'public-access/aws-ec2-instance-data-ports',
  control: 'public-access',
  title: 'Instances with a public IP do not expose a data-store port to the internet',
  severity: 'high',
  risk: 'A data store on an instance with a public address whose security group opens its port (27017, 6379, 5432, 9200…) to everyone can be read, changed or wiped by anyone who scans for it.',
  remediation: {
    text: 'Allow the store\'s port only from the application\'s security group or private ranges, and run the instance in a private subnet without a public address.',
    cdk: "dbHost.connections.allowFrom(appSecurityGroup, ec2.Port.tcp(27017)) // and vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }",
    cloudformation: 'SecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 27017\n    ToPort: 27017\n    SourceSecurityGroupId: !Ref AppSecurityGroup',
  },
  references: ['https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19', 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html#vpc-public-ipv4-addresses'],
  types: ['aws.ec2.instance'],
  sources: ['iac'],
  check(r, ctx) {
    const resolved = groupsOfRefs(r, instanceGroupRefs(r, ctx), ctx);
    // A group outside the template is judged where it is defined; the instance has nothing more to add.
    if ('unknown' in resolved) return notApplicable(`its security groups are not all in the template (${resolved.unknown})`, ev('SecurityGroupIds', null));
    const exposed: Verdict[] = [];
    const blanket: string[] = [];
    for (const g of resolved.groups) {
      const entries = ingressEntries(g, ctx);
      if ('unknown' in entries) return unknown(entries.unknown, ev(g.location.logicalId ?? g.id, null, EXPECTED));
      for (const { e, at } of entries.entries) {
        const v = dataPortExposure(e, at);
        if (v && opensEveryPort(e)) blanket.push(at);
        else if (v) exposed.push(v);
      }
    }
    if (exposed.length === 0 && blanket.length)
      return notApplicable(
        `its groups open every port (${blanket.join(', ')}), which says nothing about a data store on the host: judged on the group (public-access/aws-security-group-data-ports) and under bastion-only`,
        ev('(security groups)', resolved.groups.map((g) => g.location.logicalId ?? g.id), EXPECTED),
      );
    if (exposed.length === 0)
      return pass(`no security group of the instance opens a data-store port to the internet (${resolved.groups.length} groups)`, ev('(security groups)', resolved.groups.map((g) => g.location.logicalId ?? g.id), EXPECTED));
    const ip = publicIp(r, ctx);
    const evidence = exposed.flatMap((v) => v.evidence ?? []);
    if ('unknown' in ip) return unknown(`${exposed.map((v) => v.message).join('; ')}; whether the instance gets a public IP is not known: ${ip.unknown}`, ...evidence);
    if (!ip.value) return pass(`${exposed.map((v) => v.message).join('; ')}, but the instance has no public IP (${ip.why}): reachable only inside the network`, ...evidence, ev('(public IPv4)', false, false, ip.why));
    const failing = exposed.filter((v) => v.status === 'fail');
    if (failing.length === 0) return unknown(`${exposed.map((v) => v.message).join('; ')}, on an instance with a public IP (${ip.why})`, ...evidence, ev('(public IPv4)', true, false, ip.why));
    return fail(`the instance has a public IP (${ip.why}), and its security groups leave ${failing.map((v) => v.message).join('; ')}`, ...evidence, ev('(public IPv4)', true, false, ip.why));
  },
});

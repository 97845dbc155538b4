import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, must, asArray, ev, pass, fail, unknown, notApplicable } from '../../../src/evaluate/facts.js';
import { adminIngressProblem } from '../_ingress.js';

/**
 * GameLift managed fleets run their instances with public IP addresses (players connect to them
 * directly); `EC2InboundPermissions` (a container fleet's `InstanceInboundPermissions`) is the
 * fleet's security group: `IpRange`, `FromPort`, `ToPort`, `Protocol` (TCP or UDP). An entry that
 * opens SSH (22) or RDP (3389) beyond the admin CIDRs reaches those instances directly, not through
 * a bastion; the same CIDR reading as a security group (bastion-only/aws-security-group). Game ports
 * open to the world are how players connect, not admin access. Omitted: no inbound permissions
 * (GameLift opens no port until one is set). An Anywhere fleet (ComputeType ANYWHERE) runs on your
 * own hosts, whose network GameLift does not manage: not applicable.
 */
export default defineRule({
  id: 'bastion-only/aws-gamelift-fleet-admin-ports',
  control: 'bastion-only',
  title: 'GameLift fleets do not open SSH or RDP to the internet',
  severity: 'high',
  risk: 'GameLift fleet instances have public IP addresses: an inbound permission for 22 or 3389 from the internet exposes their SSH or RDP to anyone, not only through a bastion.',
  remediation: {
    text: 'Remove the 22/3389 inbound permissions (open them to an admin CIDR only while debugging, or connect with the GameLift remote access (get-compute-access / get-instance-access) flow through Systems Manager).',
    cdk: "new gamelift.BuildFleet(this, 'Fleet', { content: build, instanceType, runtimeConfiguration, ingressRules: [{ source: gamelift.Peer.anyIpv4(), port: gamelift.Port.udp(7777) }] })",
    cloudformation: 'EC2InboundPermissions:\n  - { FromPort: 7777, ToPort: 7777, IpRange: 0.0.0.0/0, Protocol: UDP }',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-gamelift-fleet-ippermission.html',
    'https://docs.aws.amazon.com/gamelift/latest/developerguide/fleets-remote-access.html',
  ],
  types: ['aws.gamelift.fleet', 'aws.gamelift.container-fleet'],
  // No live collector reads GameLift fleets: judged in templates only.
  sources: ['iac'],
  check(r, ctx) {
    if (r.type === 'aws.gamelift.fleet' && known(r, 'ComputeType') === 'ANYWHERE')
      return notApplicable('an Anywhere fleet runs on your own hosts, whose network GameLift does not manage', ev('ComputeType', 'ANYWHERE'));
    const PATH = r.type === 'aws.gamelift.container-fleet' ? 'InstanceInboundPermissions' : 'EC2InboundPermissions';
    const perms = asArray(known(r, PATH));
    const out: Verdict[] = [];
    for (let i = 0; i < perms.length; i++) {
      const at = `${PATH}[${i}]`;
      const p = (must(perms[i], at) ?? {}) as Record<string, unknown>;
      const range = must(p.IpRange, `${at}.IpRange`);
      // The security-group reading of one ingress entry, in its CloudFormation names.
      const entry: Record<string, unknown> = {
        IpProtocol: must(p.Protocol, `${at}.Protocol`),
        FromPort: must(p.FromPort, `${at}.FromPort`),
        ToPort: must(p.ToPort, `${at}.ToPort`),
        [typeof range === 'string' && range.includes(':') ? 'CidrIpv6' : 'CidrIp']: range,
      };
      const problem = adminIngressProblem(entry, at, r, undefined, undefined, ctx);
      if (!problem) continue;
      const evidence = ev(at, p, 'SSH/RDP only from admin CIDRs', problem.why);
      const message = `port ${problem.ports.join('/')} from ${problem.source} on fleet instances with public IPs: ${problem.why}`;
      out.push({ ...(problem.status === 'fail' ? fail(message, evidence) : unknown(message, evidence)), subId: at });
    }
    if (out.length) return out;
    return pass(`no inbound permission opens 22/3389 beyond the admin CIDRs (${perms.length} permissions)`, ev(PATH, `${perms.length} permissions`, 'SSH/RDP only from admin CIDRs'));
  },
});

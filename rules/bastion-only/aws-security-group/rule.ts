import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, asArray } from '../../../src/evaluate/facts.js';
import { adminIngressProblem, describeEntry, isBastionGroup } from '../_ingress.js';

export default defineRule({
  id: 'bastion-only/aws-security-group',
  control: 'bastion-only',
  title: 'Security groups allow SSH/RDP only from the bastion, the admin CIDRs or EC2 Instance Connect',
  severity: 'critical',
  risk: 'SSH (22) or RDP (3389) reachable from the internet, from a network range that is not the admins’ VPN, or from a security group that is not the bastion’s bypasses the bastion host the policy promises and invites brute force or lateral movement.',
  remediation: {
    text: 'Allow 22/3389 only from the bastion security group (SourceSecurityGroupId); on the bastion itself only from the admin CIDRs (VPN egress). Prefer SSM Session Manager or EC2 Instance Connect Endpoint and no inbound admin ports at all.',
    cdk: 'instance.connections.allowFrom(bastion, ec2.Port.tcp(22)) // bastion: new ec2.BastionHostLinux(...) with SSM; bastion.allowSshAccessFrom(ec2.Peer.ipv4(vpnCidr))',
    cloudformation: 'SecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 22\n    ToPort: 22\n    SourceSecurityGroupId: !Ref BastionSecurityGroup',
  },
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    'https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/connect-with-ec2-instance-connect-endpoint.html',
  ],
  types: ['aws.ec2.security-group'],
  sources: ['iac', 'live'],
  check(r, ctx) {
    const rules = asArray(known(r, 'SecurityGroupIngress'));
    const out: Verdict[] = [];
    for (let i = 0; i < rules.length; i++) {
      const path = `SecurityGroupIngress[${i}]`;
      const entry = (rules[i] ?? {}) as Record<string, unknown>;
      const p = adminIngressProblem(entry, path, r, r, undefined, ctx);
      if (!p) continue;
      const evidence = ev(path, describeEntry(entry), 'SSH/RDP only from the bastion security group, admin CIDRs or EC2 Instance Connect', p.why);
      const message = `port ${p.ports.join('/')} from ${p.source}: ${p.why}`;
      out.push({ ...(p.status === 'fail' ? fail(message, evidence) : unknown(message, evidence)), subId: path });
    }
    if (out.length) return out;
    const role = isBastionGroup(r, ctx.params, ctx) ? 'bastion group: ' : '';
    return pass(`${role}no inline rule opens 22/3389 beyond the bastion and admin CIDRs (${rules.length} rules)`, ev('SecurityGroupIngress', `${rules.length} rules`, 'SSH/RDP only from the bastion security group, admin CIDRs or EC2 Instance Connect'));
  },
});

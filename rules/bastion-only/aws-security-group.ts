import { defineRule } from '../../src/engine/rule.js';
import { known, ev, pass, fail, asArray } from '../../src/engine/facts.js';
import { openAdminIngress } from './_ingress.js';

export default defineRule({
  id: 'bastion-only/aws-security-group',
  control: 'bastion-only',
  title: 'Security groups do not open SSH/RDP to the internet',
  severity: 'critical',
  risk: 'SSH (22) or RDP (3389) reachable from 0.0.0.0/0 or ::/0 bypasses the bastion host the policy promises and invites brute force.',
  remediation: {
    text: 'Allow 22/3389 only from the bastion security group or the admin CIDRs (VPN), or use SSM Session Manager / EC2 Instance Connect instead of open ports.',
    cdk: 'instance.connections.allowFrom(bastion, ec2.Port.tcp(22))',
    cloudformation: 'SecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 22\n    ToPort: 22\n    SourceSecurityGroupId: !Ref BastionSecurityGroup',
  },
  types: ['aws.ec2.security-group'],
  sources: ['iac', 'live'],
  check(r) {
    const rules = asArray(known(r, 'SecurityGroupIngress'));
    const evidence = [];
    for (let i = 0; i < rules.length; i++) {
      const path = `SecurityGroupIngress[${i}]`;
      const p = openAdminIngress((rules[i] ?? {}) as Record<string, unknown>, path);
      if (p) evidence.push(ev(path, rules[i], `no ${p.ports.join('/')} from ${p.source}`));
    }
    if (evidence.length) return fail(`ingress opens ${evidence.length === 1 ? 'an administrative port' : 'administrative ports'} to the internet`, ...evidence);
    return pass(`no inline ingress opens 22/3389 to the internet (${rules.length} rules)`, ev('SecurityGroupIngress', `${rules.length} rules`, 'no 22/3389 from 0.0.0.0/0 or ::/0'));
  },
});

import { defineRule } from '../../src/engine/rule.js';
import { ev, pass, fail } from '../../src/engine/facts.js';
import { openAdminIngress } from './_ingress.js';

export default defineRule({
  id: 'bastion-only/aws-security-group-ingress',
  control: 'bastion-only',
  title: 'Standalone ingress rules do not open SSH/RDP to the internet',
  severity: 'critical',
  risk: 'An AWS::EC2::SecurityGroupIngress resource opening 22/3389 to the internet bypasses the bastion as surely as an inline rule.',
  remediation: {
    text: 'Restrict the ingress source to the bastion security group (SourceSecurityGroupId) or the admin CIDRs.',
    cdk: 'securityGroup.addIngressRule(bastionSg, ec2.Port.tcp(22))',
    cloudformation: 'Type: AWS::EC2::SecurityGroupIngress\nProperties:\n  IpProtocol: tcp\n  FromPort: 22\n  ToPort: 22\n  SourceSecurityGroupId: !Ref BastionSecurityGroup',
  },
  types: ['aws.ec2.security-group-ingress'],
  sources: ['iac', 'live'],
  check(r) {
    const p = openAdminIngress(r.properties, '');
    const evidence = ev('(ingress)', { IpProtocol: r.properties.IpProtocol, FromPort: r.properties.FromPort, ToPort: r.properties.ToPort, CidrIp: r.properties.CidrIp, CidrIpv6: r.properties.CidrIpv6 }, 'no 22/3389 from 0.0.0.0/0 or ::/0');
    return p
      ? fail(`ingress opens port ${p.ports.join('/')} to ${p.source}`, evidence)
      : pass('ingress does not open 22/3389 to the internet', evidence);
  },
});

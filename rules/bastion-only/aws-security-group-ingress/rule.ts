import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, unknown } from '../../../src/evaluate/facts.js';
import { adminIngressProblem, describeEntry } from '../_ingress.js';

export default defineRule({
  id: 'bastion-only/aws-security-group-ingress',
  control: 'bastion-only',
  title: 'Standalone ingress rules allow SSH/RDP only from the bastion, the admin CIDRs or EC2 Instance Connect',
  severity: 'critical',
  risk: 'An AWS::EC2::SecurityGroupIngress resource opening 22/3389 to the internet, a non-admin range or a non-bastion group bypasses the bastion as surely as an inline rule.',
  remediation: {
    text: 'Restrict the ingress source to the bastion security group (SourceSecurityGroupId) or, on the bastion itself, the admin CIDRs.',
    cdk: 'securityGroup.addIngressRule(bastionSg, ec2.Port.tcp(22))',
    cloudformation: 'Type: AWS::EC2::SecurityGroupIngress\nProperties:\n  IpProtocol: tcp\n  FromPort: 22\n  ToPort: 22\n  SourceSecurityGroupId: !Ref BastionSecurityGroup',
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-securitygroupingress.html'],
  types: ['aws.ec2.security-group-ingress'],
  // Live, a standalone ingress rule is a rule of its group, judged by bastion-only/aws-security-group.
  sources: ['iac'],
  check(r, ctx) {
    // The target group only shapes the wording (bastion or not); an unresolved GroupId does not block judging the source.
    const groupId = r.properties.GroupId ?? r.properties.GroupName;
    const group = ctx.inventory.related(r, 'securityGroup')[0];
    const literal = typeof groupId === 'string' ? groupId : undefined;
    const p = adminIngressProblem(r.properties, '', r, group, literal, ctx);
    const evidence = ev('(ingress)', describeEntry(r.properties), 'SSH/RDP only from the bastion security group, admin CIDRs or EC2 Instance Connect', p?.why);
    if (!p) return pass('ingress does not open 22/3389 beyond the bastion and admin CIDRs', evidence);
    const message = `ingress opens port ${p.ports.join('/')} from ${p.source}: ${p.why}`;
    return p.status === 'fail' ? fail(message, evidence) : unknown(message, evidence);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, pass } from '../../../src/evaluate/facts.js';
import { dataPortExposure, EXPECTED } from '../_data-ports.js';

export default defineRule({
  id: 'public-access/aws-security-group-ingress-data-ports',
  control: 'public-access',
  title: 'Standalone ingress rules do not open data-store ports to the internet',
  severity: 'high',
  risk: 'An AWS::EC2::SecurityGroupIngress opening a database, cache or search port to 0.0.0.0/0 or ::/0 exposes the store as surely as an inline rule.',
  remediation: {
    text: 'Use the application’s security group (SourceSecurityGroupId) or a private CIDR as the source.',
    cdk: 'cache.connections.allowDefaultPortFrom(appSecurityGroup)',
    cloudformation: 'Type: AWS::EC2::SecurityGroupIngress\nProperties:\n  IpProtocol: tcp\n  FromPort: 6379\n  ToPort: 6379\n  SourceSecurityGroupId: !Ref AppSecurityGroup',
  },
  references: ['https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19'],
  types: ['aws.ec2.security-group-ingress'],
  sources: ['iac'],
  check(r) {
    return dataPortExposure(r.properties, '') ?? pass('ingress opens no data-store port to the internet', ev('(ingress)', { IpProtocol: r.properties.IpProtocol, FromPort: r.properties.FromPort, ToPort: r.properties.ToPort }, EXPECTED));
  },
});

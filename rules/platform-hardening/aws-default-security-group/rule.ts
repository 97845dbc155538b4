import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asArray } from '../../../src/evaluate/facts.js';

/**
 * CIS AWS 5.4 / FSBP EC2.2. Live only: every VPC's `default` group exists
 * whatever the templates say (CloudFormation cannot manage it). Other groups
 * are out of this rule's scope.
 */
export default defineRule({
  id: 'platform-hardening/aws-default-security-group',
  control: 'platform-hardening',
  title: 'The default security group of every VPC admits no inbound and no outbound traffic',
  severity: 'medium',
  risk: 'Anything launched without a security group lands in the default group; rules on it open those resources to each other and to the network without anyone having chosen to.',
  remediation: {
    text: 'Remove every inbound and outbound rule from each VPC default security group, and give resources security groups of their own.',
    cdk: "new ec2.Vpc(this, 'Vpc', { restrictDefaultSecurityGroup: true })",
    cli: 'aws ec2 revoke-security-group-ingress --group-id SG --ip-permissions ...; aws ec2 revoke-security-group-egress --group-id SG --ip-permissions ...',
  },
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html'],
  types: ['aws.ec2.security-group'],
  sources: ['live'],
  check(r) {
    if (known(r, 'GroupName') !== 'default') return undefined;
    const ingress = asArray(known(r, 'SecurityGroupIngress'));
    const egress = asArray(known(r, 'SecurityGroupEgress'));
    const e = [ev('SecurityGroupIngress', ingress.length, 0, 'rules on the default group'), ev('SecurityGroupEgress', egress.length, 0)];
    if (ingress.length === 0 && egress.length === 0) return pass('the default security group has no rules', ...e);
    return fail(`the default security group has ${ingress.length} inbound and ${egress.length} outbound rules`, ...e);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePrimaryPublicIp } from '../../enc-rest/_emr.js';

/**
 * As bastion-only/aws-ec2-instance-public-ip for the nodes of an EMR cluster:
 * a primary node with a public IP is a host administrators can reach without
 * the bastion (its SSH and web ports are then guarded by its security groups
 * alone, which bastion-only/aws-security-group judges on their own).
 */
export default defineRule({
  id: 'bastion-only/aws-emr-cluster-public-ip',
  control: 'bastion-only',
  title: 'EMR cluster nodes have no public IP address (only the bastion has one)',
  severity: 'high',
  risk: 'A primary node with a public address can be reached from the internet directly whenever a security group rule allows it; administrative access then no longer has to pass through the bastion.',
  remediation: {
    text: 'Launch the cluster into a private subnet (no public IPv4 mapping; IPv6 routed to an egress-only internet gateway, or no IPv6 addresses assigned) and reach the primary node through the bastion, SSM Session Manager or a VPN.',
    cdk: "new emr.CfnCluster(this, 'Cluster', { ..., instances: { ec2SubnetId: vpc.privateSubnets[0].subnetId, ... } })",
    cloudformation: 'Type: AWS::EMR::Cluster\nProperties:\n  Instances:\n    Ec2SubnetId: !Ref PrivateSubnet',
  },
  references: ['https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-clusters-in-a-vpc.html', 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html#vpc-public-ipv4-addresses'],
  types: ['aws.emr.cluster'],
  // The live collector does not read EMR.
  sources: ['iac'],
  check(r, { inventory }) {
    return judgePrimaryPublicIp(r, inventory, (why) => `the cluster's primary node is not the bastion and has a public IP: ${why}`);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePrimaryPublicIp } from '../../enc-rest/_emr.js';

/**
 * FSBP EMR.1: the primary node has no public IP. EMR gives the cluster's nodes
 * the addressing of the subnet it launches into; a subnet that maps public IPs
 * on launch (a default subnet when none is named) gives the primary node one.
 * Block public access (an account setting, no CloudFormation resource) is not
 * read here.
 */
export default defineRule({
  id: 'public-access/aws-emr-cluster',
  control: 'public-access',
  title: 'EMR cluster primary nodes have no public IP address',
  severity: 'high',
  risk: 'A primary node with a public address exposes the cluster\'s web interfaces (YARN, Spark history, Livy, JupyterHub) and SSH to the internet whenever a security group rule admits it.',
  remediation: {
    text: 'Launch the cluster into a private subnet (MapPublicIpOnLaunch false; IPv6 routed to an egress-only internet gateway, or no IPv6 addresses assigned; egress through a NAT gateway or VPC endpoints) and keep EMR block public access on; reach the interfaces through a bastion, SSM or a VPN.',
    cdk: "new emr.CfnCluster(this, 'Cluster', { ..., instances: { ec2SubnetId: vpc.privateSubnets[0].subnetId, ... } })",
    cloudformation: 'Type: AWS::EMR::Cluster\nProperties:\n  Instances:\n    Ec2SubnetId: !Ref PrivateSubnet',
  },
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/emr-controls.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/emr-master-no-public-ip.html',
    'https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-clusters-in-a-vpc.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html',
  ],
  types: ['aws.emr.cluster'],
  // The live collector does not read EMR.
  sources: ['iac'],
  check(r, { inventory }) {
    return judgePrimaryPublicIp(r, inventory, (why) => `the primary node gets a public IP: ${why}`);
  },
});

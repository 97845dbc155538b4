import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeLaunchedVolumes } from '../_block-devices.js';

/**
 * A managed node group without a launch template gets EKS's own: the EKS-optimized AMI with a root
 * volume of DiskSize that nothing in it encrypts, so the nodes' volumes are encrypted only when the
 * account encrypts EBS by default (the reading of an instance without block device mappings,
 * ../_block-devices.ts). With a launch template, its mappings decide.
 */
export default defineRule({
  id: 'enc-rest/aws-eks-nodegroup',
  control: 'enc-rest',
  title: 'EKS managed node groups launch nodes with encrypted volumes',
  severity: 'medium',
  risk: 'Every node keeps container images, logs, emptyDir volumes and pulled secrets on a root volume that is unencrypted unless the account encrypts EBS by default.',
  remediation: {
    text: 'Launch the node group from a launch template whose BlockDeviceMappings encrypt the root device (Ebs.Encrypted: true; DiskSize moves into the mapping), or turn on EBS encryption by default in every region that runs the cluster.',
    cdk: "cluster.addNodegroupCapacity('Nodes', { launchTemplateSpec: { id: lt.launchTemplateId!, version: lt.latestVersionNumber } }) // lt: ec2.LaunchTemplate with blockDevices encrypted: true",
    cloudformation: 'Type: AWS::EKS::Nodegroup\nProperties:\n  LaunchTemplate:\n    Id: !Ref EncryptedNodeTemplate\n    Version: !GetAtt EncryptedNodeTemplate.LatestVersionNumber',
  },
  references: [
    'https://docs.aws.amazon.com/eks/latest/userguide/launch-templates.html',
    'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html',
  ],
  types: ['aws.eks.nodegroup'],
  // The live collector does not read EKS node groups.
  sources: ['iac'],
  check(r, { inventory }) {
    return judgeLaunchedVolumes(r, inventory, 'LaunchTemplate', 'node group');
  },
});

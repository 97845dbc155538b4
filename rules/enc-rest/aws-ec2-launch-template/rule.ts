import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeBlockDevices } from '../_block-devices.js';

export default defineRule({
  id: 'enc-rest/aws-ec2-launch-template',
  control: 'enc-rest',
  title: 'Launch templates encrypt the EBS volumes they map',
  severity: 'high',
  risk: 'Every instance launched from the template (Auto Scaling included) gets unencrypted volumes.',
  remediation: {
    text: 'Set Encrypted: true on every LaunchTemplateData.BlockDeviceMappings[].Ebs, including the root device.',
    cdk: "new ec2.LaunchTemplate(this, 'Lt', { ..., blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(30, { encrypted: true }) }] })",
    cloudformation: 'LaunchTemplateData:\n  BlockDeviceMappings:\n    - DeviceName: /dev/xvda\n      Ebs: { VolumeSize: 30, Encrypted: true }',
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-launchtemplate-ebs.html'],
  types: ['aws.ec2.launch-template'],
  sources: ['iac', 'live'],
  check(r) {
    return judgeBlockDevices(r, 'LaunchTemplateData.BlockDeviceMappings', 'launch template');
  },
});

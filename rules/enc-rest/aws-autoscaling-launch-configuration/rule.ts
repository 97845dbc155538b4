import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeBlockDevices } from '../_block-devices.js';

export default defineRule({
  id: 'enc-rest/aws-autoscaling-launch-configuration',
  control: 'enc-rest',
  title: 'Auto Scaling launch configurations encrypt the EBS volumes they map',
  severity: 'high',
  risk: 'Every instance the Auto Scaling group launches from the configuration gets unencrypted volumes.',
  remediation: {
    text: 'Set Encrypted: true on every BlockDeviceMappings[].Ebs, including the root device (or move to a launch template).',
    cdk: "new autoscaling.AutoScalingGroup(this, 'Asg', { ..., blockDevices: [{ deviceName: '/dev/xvda', volume: autoscaling.BlockDeviceVolume.ebs(30, { encrypted: true }) }] })",
    cloudformation: 'Type: AWS::AutoScaling::LaunchConfiguration\nProperties:\n  BlockDeviceMappings:\n    - DeviceName: /dev/xvda\n      Ebs: { VolumeSize: 30, Encrypted: true }',
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-autoscaling-launchconfiguration-blockdevice.html'],
  types: ['aws.autoscaling.launch-configuration'],
  sources: ['iac'],
  check(r) {
    return judgeBlockDevices(r, 'BlockDeviceMappings', 'launch configuration');
  },
});

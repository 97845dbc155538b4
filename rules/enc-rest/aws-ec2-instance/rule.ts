import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, notApplicable, unknown } from '../../../src/evaluate/facts.js';
import { judgeBlockDevices } from '../_block-devices.js';

export default defineRule({
  id: 'enc-rest/aws-ec2-instance',
  control: 'enc-rest',
  title: 'EC2 instances encrypt the EBS volumes they map',
  severity: 'high',
  risk: 'An instance volume created unencrypted keeps its data, and every snapshot of it, in the clear.',
  remediation: {
    text: 'Give every EBS block device mapping Encrypted: true (including the root device), or launch through a launch template that does; also turn on EBS encryption by default per region.',
    cdk: "new ec2.Instance(this, 'Host', { ..., blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(30, { encrypted: true }) }] })",
    cloudformation: 'BlockDeviceMappings:\n  - DeviceName: /dev/xvda\n    Ebs: { VolumeSize: 30, Encrypted: true }',
  },
  references: ['https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html'],
  types: ['aws.ec2.instance'],
  sources: ['iac', 'live'],
  check(r, { inventory }) {
    const mapped = r.properties.BlockDeviceMappings;
    // An instance launched from a template in the same stack is judged through that template.
    if (mapped === undefined && r.properties.LaunchTemplate !== undefined) {
      if (inventory.related(r, 'launchTemplate').length > 0)
        return notApplicable('block devices come from its launch template (judged by enc-rest/aws-ec2-launch-template)', ev('LaunchTemplate', r.properties.LaunchTemplate));
      return unknown('block devices come from a launch template defined outside this template', ev('LaunchTemplate', r.properties.LaunchTemplate));
    }
    return judgeBlockDevices(r, 'BlockDeviceMappings', 'instance');
  },
});

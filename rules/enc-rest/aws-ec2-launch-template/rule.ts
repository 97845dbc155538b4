import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, get, notApplicable } from '../../../src/evaluate/facts.js';
import { launchTemplateUsers } from '../../../src/lib/launch-templates.js';
import { judgeBlockDevices, JUDGED_WITH_LAUNCH_TEMPLATE } from '../_block-devices.js';

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
  check(r, { inventory }) {
    // A template that maps no volume, launched only by instances, Batch compute environments or EKS node
    // groups of this template: each is judged with the template merged in (enc-rest/aws-ec2-instance,
    // aws-batch-compute-environment, aws-eks-nodegroup), so the root volume's verdict is theirs, not a second one here. Used by an Auto Scaling group or a fleet, or by
    // nobody in this template, it keeps its own verdict: every instance it launches gets that volume.
    const users = launchTemplateUsers(r, inventory);
    const mapped = get(r.properties, 'LaunchTemplateData.BlockDeviceMappings');
    if (mapped === undefined && users.length > 0 && users.every((u) => JUDGED_WITH_LAUNCH_TEMPLATE.has(u.type)))
      return notApplicable(
        `maps no volumes; the resources launching from it (${users.map((u) => u.name ?? u.id).join(', ')}) are judged with it merged`,
        ev('LaunchTemplateData.BlockDeviceMappings', null, undefined, 'omitted: defines no volume of its own'),
      );
    return judgeBlockDevices(r, 'LaunchTemplateData.BlockDeviceMappings', 'launch template');
  },
});

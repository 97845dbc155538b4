import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, unknown, known, must, get, asArray } from '../../../src/evaluate/facts.js';
import { instanceLaunchTemplate } from '../../../src/lib/launch-templates.js';
import { judgeBlockDevices, judgeMappings, type PlacedMapping } from '../_block-devices.js';

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
    if (r.properties.LaunchTemplate === undefined || r.source !== 'iac') return judgeBlockDevices(r, 'BlockDeviceMappings', 'instance');
    // Launched from a template: the instance gets the template's mappings, its own
    // mappings replacing the template's for the same device, and the rest from the AMI.
    const lt = instanceLaunchTemplate(r, inventory);
    if (!lt) {
      if (mapped === undefined) return unknown('block devices come from a launch template defined outside this template', ev('LaunchTemplate', r.properties.LaunchTemplate));
      return judgeBlockDevices(r, 'BlockDeviceMappings', 'instance');
    }
    const ltPath = `LaunchTemplate(${lt.name ?? lt.id}).LaunchTemplateData.BlockDeviceMappings`;
    const own = asArray(known(r, 'BlockDeviceMappings'));
    const theirs = asArray(must(get(lt.properties, 'LaunchTemplateData.BlockDeviceMappings'), ltPath));
    const ownDevices = new Set(own.map((m, i) => must(get(m, 'DeviceName'), `BlockDeviceMappings[${i}].DeviceName`)));
    const placed: PlacedMapping[] = [];
    theirs.forEach((m, i) => {
      if (!ownDevices.has(must(get(m, 'DeviceName'), `${ltPath}[${i}].DeviceName`))) placed.push({ mapping: m, at: `${ltPath}[${i}]` });
    });
    own.forEach((m, i) => placed.push({ mapping: m, at: `BlockDeviceMappings[${i}]` }));
    return judgeMappings(r, placed, own.length ? 'BlockDeviceMappings' : ltPath, 'instance');
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeBlockDevices } from '../_block-devices.js';

/**
 * An EC2 Image Builder image recipe's `BlockDeviceMappings` are the volumes of the build instance and
 * of the AMI it produces (their snapshots); a container recipe's `InstanceConfiguration.BlockDeviceMappings`
 * those of the instance that builds the container image. Same reading as an EC2 instance's mappings
 * (enc-rest/aws-ec2-instance): `Ebs.Encrypted` false or omitted is not encrypted by the template, and a
 * recipe that maps no volume leaves the parent image's root volume, encrypted only if its snapshot is
 * (public parent AMIs are not) or EBS encryption by default is on.
 */
export default defineRule({
  id: 'enc-rest/aws-imagebuilder-recipe',
  control: 'enc-rest',
  title: 'Image Builder recipes encrypt the EBS volumes of the images they build',
  severity: 'high',
  risk: 'Every AMI the recipe builds carries unencrypted snapshots, and every instance launched from it unencrypted volumes; the build instance holds the image unencrypted too.',
  remediation: {
    text: 'Map the root device (and every other EBS volume) with Ebs.Encrypted: true, and a KmsKeyId if the images are shared.',
    cdk: "new imagebuilder.CfnImageRecipe(this, 'Recipe', { ..., blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { encrypted: true, volumeSize: 20, volumeType: 'gp3' } }] })",
    cloudformation: 'BlockDeviceMappings:\n  - DeviceName: /dev/xvda\n    Ebs: { Encrypted: true, VolumeSize: 20, VolumeType: gp3 }',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-imagebuilder-imagerecipe-ebsinstanceblockdevicespecification.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-imagebuilder-containerrecipe-instanceconfiguration.html',
  ],
  types: ['aws.imagebuilder.image-recipe', 'aws.imagebuilder.container-recipe'],
  // No live collector reads Image Builder recipes: judged in templates only.
  sources: ['iac'],
  check(r) {
    if (r.type === 'aws.imagebuilder.container-recipe') return judgeBlockDevices(r, 'InstanceConfiguration.BlockDeviceMappings', 'container recipe build instance');
    return judgeBlockDevices(r, 'BlockDeviceMappings', 'image recipe');
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, notApplicable, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';
import { judgeLaunchedVolumes } from '../_block-devices.js';

/**
 * A managed EC2 or Spot compute environment launches instances from the ECS-optimized AMI (or the one
 * its Ec2Configuration names) with that AMI's root volume unless a launch template maps encrypted
 * volumes: the volumes are judged as an instance's (../_block-devices.ts). Fargate keeps task storage
 * encrypted by AWS; an unmanaged environment runs instances the template defines elsewhere.
 */
export default defineRule({
  id: 'enc-rest/aws-batch-compute-environment',
  control: 'enc-rest',
  title: 'Batch compute environments launch instances with encrypted volumes',
  severity: 'medium',
  risk: 'Every instance Batch launches keeps job inputs, scratch data and container layers on a root volume that is unencrypted unless the account encrypts EBS by default.',
  remediation: {
    text: 'Give ComputeResources a LaunchTemplate whose BlockDeviceMappings encrypt the root device (Ebs.Encrypted: true), turn on EBS encryption by default in every region that runs the environment, or use Fargate.',
    cdk: "new batch.ManagedEc2EcsComputeEnvironment(this, 'Env', { vpc, launchTemplate: new ec2.LaunchTemplate(this, 'Lt', { blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(50, { encrypted: true }) }] }) })",
    cloudformation: 'ComputeResources:\n  Type: EC2\n  LaunchTemplate:\n    LaunchTemplateId: !Ref EncryptedRootTemplate\n    Version: !GetAtt EncryptedRootTemplate.LatestVersionNumber',
  },
  references: [
    'https://docs.aws.amazon.com/batch/latest/userguide/launch-templates.html',
    'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html',
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-storage.html',
  ],
  types: ['aws.batch.compute-environment'],
  // The live collector does not read AWS Batch.
  sources: ['iac'],
  check(r, { inventory }) {
    const kind = known(r, 'Type');
    if (typeof kind === 'string' && kind.toUpperCase() === 'UNMANAGED')
      return notApplicable('an unmanaged compute environment runs instances you launch yourself: they are judged where they are defined', ev('Type', kind));
    const type = known(r, 'ComputeResources.Type');
    const t = typeof type === 'string' ? type.toUpperCase() : type;
    if (t === 'FARGATE' || t === 'FARGATE_SPOT')
      return pass(`${text(type)} runs jobs as Fargate tasks, whose storage AWS encrypts (AES-256, Fargate-managed key)`, ev('ComputeResources.Type', type, undefined, 'Fargate platform 1.4.0 and later encrypt task ephemeral storage'));
    if (t === 'EC2' || t === 'SPOT') return judgeLaunchedVolumes(r, inventory, 'ComputeResources.LaunchTemplate', 'compute environment');
    if (type === undefined || type === null)
      return unknown('ComputeResources.Type is omitted (a managed environment requires it): whether it launches instances is not said', ev('ComputeResources.Type', null, 'EC2, SPOT, FARGATE or FARGATE_SPOT'));
    return fail(`ComputeResources.Type ${text(type)} is not a valid value: what the environment launches is not settled`, ev('ComputeResources.Type', type, 'EC2 or SPOT with an encrypting launch template, or FARGATE', notAValidValue('ComputeResources.Type', text(type), 'EC2, SPOT, FARGATE or FARGATE_SPOT')));
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool } from '../../../src/evaluate/facts.js';
import { judgeBlockDevices } from '../_block-devices.js';

/**
 * WorkSpaces Instances: EBS volumes and EC2 instances that WorkSpaces creates in the customer's account.
 * A volume is read as enc-rest/aws-ec2-volume reads an EBS volume (Encrypted; omitted leaves it to the
 * account's EBS encryption by default, which a template cannot show), an instance as enc-rest/aws-ec2-instance
 * reads its block device mappings (ManagedInstance.BlockDeviceMappings; no mapping leaves the root volume to the
 * AMI). Template-only: no live collector reads WorkSpaces Instances, so the live EBS rules keep their own types.
 * Corpus (session 13, fixZ): no WorkSpaces Instances resource in any set.
 */
export default defineRule({
  id: 'enc-rest/aws-workspacesinstances-storage',
  control: 'enc-rest',
  title: 'WorkSpaces Instances volumes and instance block devices are encrypted',
  severity: 'high',
  risk: 'An unencrypted WorkSpaces volume or instance disk, and every snapshot of it, holds the desktop user\'s data in the clear.',
  remediation: {
    text: 'Set Encrypted: true on the volume and on every Ebs block device mapping of ManagedInstance (and turn on EBS encryption by default per region).',
    cloudformation: 'Type: AWS::WorkspacesInstances::Volume\nProperties:\n  AvailabilityZone: eu-west-1a\n  SizeInGB: 100\n  Encrypted: true',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-workspacesinstances-volume.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-workspacesinstances-workspaceinstance.html',
    'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
  ],
  types: ['aws.workspacesinstances.volume', 'aws.workspacesinstances.workspace-instance'],
  sources: ['iac'],
  check(r, { params }) {
    if (r.type === 'aws.workspacesinstances.workspace-instance') return judgeBlockDevices(r, 'ManagedInstance.BlockDeviceMappings', 'WorkSpaces instance');
    const raw = known(r, 'Encrypted');
    if (asBool(raw)) {
      if (!params.requireCustomerManagedKeys) return pass('volume encrypted', ev('Encrypted', raw, true));
      const key = known(r, 'KmsKeyId');
      if (key === undefined || key === null || key === '')
        return fail('volume encrypted with the AWS managed key aws/ebs (or the account\'s default key), but the claim requires customer-managed keys', ev('Encrypted', raw, true), ev('KmsKeyId', null, 'a customer-managed KMS key'));
      return pass('volume encrypted with the KMS key given', ev('Encrypted', raw, true), ev('KmsKeyId', key, 'a customer-managed KMS key'));
    }
    if (raw === undefined)
      return fail(
        'the template does not encrypt this volume; it is encrypted only if EBS encryption by default is on in the target account and region',
        ev('Encrypted', null, true, 'omitted: depends on the account-level EBS encryption-by-default setting, which the template cannot show'),
      );
    return fail('volume is not encrypted', ev('Encrypted', raw, true));
  },
});

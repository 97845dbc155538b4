import { defineRule } from '../../../src/evaluate/rule.js';
import { known, text } from '../../../src/evaluate/facts.js';
import { judgePlatformEncrypted } from '../_platform-encrypted.js';

/**
 * All four FSx kinds encrypt file data at rest. Only scratch Lustre file
 * systems cannot take a customer key (their keys are managed by FSx).
 */
export default defineRule({
  id: 'enc-rest/aws-fsx-file-system',
  control: 'enc-rest',
  title: 'FSx file systems encrypt their data at rest (with a customer-managed key when the claim asks)',
  severity: 'medium',
  risk: 'FSx always encrypts file data at rest; a claim that requires customer-managed keys is broken by a file system on the default key, which can only be chosen at creation.',
  remediation: {
    text: 'Nothing to do for encryption itself. Where the claim requires customer-managed keys, create the file system with KmsKeyId (persistent Lustre, Windows, ONTAP, OpenZFS).',
    cdk: "new fsx.LustreFileSystem(this, 'Scratch', { ..., lustreConfiguration: { deploymentType: fsx.LustreDeploymentType.PERSISTENT_2 }, kmsKey: key })",
    cloudformation: 'Type: AWS::FSx::FileSystem\nProperties:\n  KmsKeyId: !GetAtt Key.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/fsx/latest/LustreGuide/encryption-at-rest.html',
    'https://docs.aws.amazon.com/fsx/latest/WindowsGuide/encryption-at-rest.html',
    'https://docs.aws.amazon.com/fsx/latest/ONTAPGuide/encryption-at-rest.html',
    'https://docs.aws.amazon.com/fsx/latest/OpenZFSGuide/encryption-at-rest.html',
  ],
  types: ['aws.fsx.file-system'],
  // Judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    const scratch = params.requireCustomerManagedKeys && /^SCRATCH/i.test(text(known(r, 'LustreConfiguration.DeploymentType') ?? ''));
    return judgePlatformEncrypted(r, params, {
      attested: 'FSx user guides: every FSx for Lustre, Windows File Server, NetApp ONTAP and OpenZFS file system is encrypted at rest',
      keyPath: 'KmsKeyId',
      ...(scratch ? { noCustomerKey: 'scratch Lustre file systems use keys managed by FSx' } : {}),
    });
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail, asBool } from '../../../src/evaluate/facts.js';

export default defineRule({
  id: 'enc-rest/aws-efs-file-system',
  control: 'enc-rest',
  title: 'EFS file systems encrypt data at rest',
  severity: 'high',
  risk: 'An EFS file system created without encryption cannot be encrypted later; its files sit in the clear.',
  remediation: {
    text: 'Create the file system with Encrypted: true (optionally KmsKeyId). Encryption cannot be turned on after creation: copy the data to a new, encrypted file system.',
    cdk: "new efs.FileSystem(this, 'Fs', { vpc, encrypted: true })",
    cloudformation: 'Type: AWS::EFS::FileSystem\nProperties:\n  Encrypted: true',
  },
  references: ['https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html'],
  types: ['aws.efs.file-system'],
  sources: ['iac', 'live'],
  check(r, { params }) {
    const raw = known(r, 'Encrypted');
    if (asBool(raw) !== true)
      return fail(
        'file system is not encrypted at rest',
        ev('Encrypted', raw ?? null, true, raw === undefined ? 'omitted: CloudFormation and the API create unencrypted file systems (only the console defaults to encrypted)' : undefined),
      );
    // The key matters only to a customer-key claim: read it then; otherwise it is evidence as written (a key from a parameter does not make an encrypted store unknown).
    const key = params.requireCustomerManagedKeys ? known(r, 'KmsKeyId') : get(r.properties, 'KmsKeyId');
    if (params.requireCustomerManagedKeys && !key)
      return fail('encrypted with the AWS managed key aws/elasticfilesystem, but the claim requires customer-managed keys', ev('KmsKeyId', null, 'a customer-managed KMS key'));
    return pass(
      `file system encrypted (${key ? 'KMS key given' : 'AWS managed key aws/elasticfilesystem'})`,
      ev('Encrypted', raw, true),
      ...(key ? [ev('KmsKeyId', key)] : []),
    );
  },
});

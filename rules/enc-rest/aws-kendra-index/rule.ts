import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePlatformEncrypted } from '../_platform-encrypted.js';

export default defineRule({
  id: 'enc-rest/aws-kendra-index',
  control: 'enc-rest',
  title: 'Amazon Kendra indexes are encrypted at rest (with a customer-managed key when the claim asks)',
  severity: 'low',
  risk: 'A Kendra index holds the text of every document it crawled; Kendra always encrypts it (AWS owned key by default, or the AWS managed aws/kendra), so a claim that requires customer-managed keys is broken by an index created without its own key (the key can only be chosen at creation).',
  remediation: {
    text: 'Nothing to do for encryption itself. Where the claim requires customer-managed keys, create the index with ServerSideEncryptionConfiguration KmsKeyId naming a symmetric key of your own.',
    cdk: "new kendra.CfnIndex(this, 'Docs', { name: 'docs', edition: 'ENTERPRISE_EDITION', roleArn, serverSideEncryptionConfiguration: { kmsKeyId: key.keyId } })",
    cloudformation: 'ServerSideEncryptionConfiguration:\n  KmsKeyId: !Ref Key',
  },
  references: ['https://docs.aws.amazon.com/kendra/latest/dg/encryption-at-rest.html', 'https://docs.aws.amazon.com/kendra/latest/dg/key-management.html'],
  types: ['aws.kendra.index'],
  // No live collector reads Kendra: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    return judgePlatformEncrypted(r, params, {
      attested: 'Amazon Kendra Developer Guide: index data is always encrypted at rest (AWS owned key unless a key is specified)',
      keyPath: 'ServerSideEncryptionConfiguration.KmsKeyId',
      managedKeyAlias: 'alias/aws/kendra',
    });
  },
});

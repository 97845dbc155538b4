import { defineRule } from '../../../src/evaluate/rule.js';
import { known, text, ev, fail } from '../../../src/evaluate/facts.js';
import { judgePlatformEncrypted } from '../_platform-encrypted.js';

export default defineRule({
  id: 'enc-rest/aws-cassandra-table',
  control: 'enc-rest',
  title: 'Amazon Keyspaces tables encrypt their data at rest (with a customer-managed key when the claim asks)',
  severity: 'medium',
  risk: 'Keyspaces always encrypts tables; a claim that requires customer-managed keys is broken by a table on the AWS owned key.',
  remediation: {
    text: 'Nothing to do for encryption itself. Where the claim requires customer-managed keys, set EncryptionSpecification { EncryptionType: CUSTOMER_MANAGED_KMS_KEY, KmsKeyIdentifier }.',
    cdk: "new cassandra.CfnTable(this, 'Events', { ..., encryptionSpecification: { encryptionType: 'CUSTOMER_MANAGED_KMS_KEY', kmsKeyIdentifier: key.keyArn } })",
    cloudformation: 'EncryptionSpecification:\n  EncryptionType: CUSTOMER_MANAGED_KMS_KEY\n  KmsKeyIdentifier: !GetAtt Key.Arn',
  },
  references: ['https://docs.aws.amazon.com/keyspaces/latest/devguide/EncryptionAtRest.html'],
  types: ['aws.cassandra.table'],
  sources: ['iac'],
  check(r, { params }) {
    if (params.requireCustomerManagedKeys) {
      const type = known(r, 'EncryptionSpecification.EncryptionType');
      if (text(type ?? 'AWS_OWNED_KMS_KEY').toUpperCase() !== 'CUSTOMER_MANAGED_KMS_KEY')
        return fail('encrypted with the AWS owned key, but the claim requires customer-managed keys', ev('EncryptionSpecification.EncryptionType', type ?? null, 'CUSTOMER_MANAGED_KMS_KEY', type === undefined ? 'omitted: AWS_OWNED_KMS_KEY' : undefined));
    }
    return judgePlatformEncrypted(r, params, { attested: 'Amazon Keyspaces Developer Guide: encryption at rest is always on (AWS owned key by default)', keyPath: 'EncryptionSpecification.KmsKeyIdentifier' });
  },
});

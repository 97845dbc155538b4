import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePlatformEncrypted } from '../_platform-encrypted.js';

export default defineRule({
  id: 'enc-rest/aws-secretsmanager-secret',
  control: 'enc-rest',
  title: 'Secrets Manager secrets are encrypted at rest (with a customer-managed key when the claim asks)',
  severity: 'low',
  risk: 'Secrets Manager always encrypts secret values; a claim that requires customer-managed keys is not met with the AWS managed key aws/secretsmanager, which cannot be shared across accounts or disabled.',
  remediation: {
    text: 'Nothing to do for encryption itself; set KmsKeyId to a customer-managed key when the claim requires one.',
    cdk: "new secretsmanager.Secret(this, 'Secret', { encryptionKey: key })",
    cloudformation: 'Type: AWS::SecretsManager::Secret\nProperties:\n  KmsKeyId: !Ref SecretKey',
  },
  references: [
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-secretsmanager-secret.html#cfn-secretsmanager-secret-kmskeyid',
  ],
  types: ['aws.secretsmanager.secret'],
  // Judged in templates (the live collector reads secrets for rotation only).
  sources: ['iac'],
  check(r, { params }) {
    return judgePlatformEncrypted(r, params, { attested: 'Secrets Manager encrypts every secret with the AWS managed key aws/secretsmanager', keyPath: 'KmsKeyId', managedKeyAlias: 'alias/aws/secretsmanager' });
  },
});

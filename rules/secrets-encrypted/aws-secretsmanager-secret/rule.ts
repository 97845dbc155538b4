import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';
import { redact, secretStoreReference } from '../../../src/lib/secrets.js';

export default defineRule({
  id: 'secrets-encrypted/aws-secretsmanager-secret',
  control: 'secrets-encrypted',
  title: 'Secrets Manager secrets are KMS-encrypted and not written into the template',
  severity: 'high',
  risk: 'Secrets Manager always encrypts, but a literal SecretString puts the secret in the template, in source control and in CloudFormation\'s view of the stack.',
  remediation: {
    text: 'Let Secrets Manager generate the value (GenerateSecretString) or set it out of band; never put the value in SecretString. Name a customer-managed KmsKeyId where the claim requires it.',
    cdk: "new secretsmanager.Secret(this, 'Token', { generateSecretString: { excludePunctuation: true }, encryptionKey: key })",
    cloudformation: 'Type: AWS::SecretsManager::Secret\nProperties:\n  GenerateSecretString: { PasswordLength: 32 }\n  KmsKeyId: !Ref SecretsKey',
  },
  references: ['https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html'],
  types: ['aws.secretsmanager.secret'],
  sources: ['iac', 'live'],
  check(r, { params }) {
    const key = known(r, 'KmsKeyId');
    const keyEv = ev('KmsKeyId', key ?? null, undefined, key ? 'encrypted with the named KMS key' : 'omitted: encrypted with the AWS managed key aws/secretsmanager');
    let value: unknown;
    try {
      value = known(r, 'SecretString');
    } catch {
      value = '(computed)'; // built from parameters or other resources: not a literal in the template
    }
    if (typeof value === 'string' && value !== '' && value !== '(computed)' && !secretStoreReference(value))
      return fail('the secret value is written into the template (SecretString is a literal)', ev('SecretString', redact(value), 'GenerateSecretString, or a value set outside the template'), keyEv);
    if (params.requireCustomerManagedKeys && !key)
      return fail('secret is encrypted with the AWS managed key, but the claim requires customer-managed keys', keyEv);
    return pass(`secret is stored encrypted by Secrets Manager (${key ? 'named KMS key' : 'aws/secretsmanager'})`, keyEv);
  },
});

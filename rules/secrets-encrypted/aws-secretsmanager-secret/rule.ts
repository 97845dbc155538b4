import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
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
    // The key is read as a fact only when the claim asks for a customer-managed one: a key from a
    // parameter or an import does not make a literal SecretString (or a plain pass) unknown.
    const key = get(r.properties, 'KmsKeyId');
    const managed = key === undefined || key === null || key === '' || (typeof key === 'string' && key.endsWith('alias/aws/secretsmanager'));
    const keyEv = ev('KmsKeyId', key ?? null, undefined, managed ? (key ? `${String(key)} is the AWS managed key` : 'omitted: encrypted with the AWS managed key aws/secretsmanager') : 'encrypted with the named KMS key');
    let value: unknown;
    try {
      value = known(r, 'SecretString');
    } catch {
      value = '(computed)'; // built from parameters or other resources: not a literal in the template
    }
    if (typeof value === 'string' && value !== '' && value !== '(computed)' && !secretStoreReference(value))
      return fail('the secret value is written into the template (SecretString is a literal)', ev('SecretString', redact(value), 'GenerateSecretString, or a value set outside the template'), keyEv);
    if (params.requireCustomerManagedKeys && isUnresolved(key)) known(r, 'KmsKeyId'); // unknown: whose key it is depends on a value the template does not settle
    if (params.requireCustomerManagedKeys && managed)
      return fail('secret is encrypted with the AWS managed key, but the claim requires customer-managed keys', keyEv);
    return pass(`secret is stored encrypted by Secrets Manager (${managed ? 'aws/secretsmanager' : 'named KMS key'})`, keyEv);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

/**
 * Checkov CKV_AWS_136 / KICS "ECR Repository Not Encrypted With CMK": ECR always
 * encrypts images at rest (AES256 with S3-managed keys when EncryptionConfiguration
 * is omitted; KMS with the AWS managed key aws/ecr when KmsKey is omitted), so only
 * a claim that requires customer-managed keys can fail here.
 */
export default defineRule({
  id: 'enc-rest/aws-ecr-repository',
  control: 'enc-rest',
  title: 'ECR repositories encrypt images at rest with the key the claims ask for',
  severity: 'low',
  risk: 'Images (and any data or credentials baked into them) are encrypted with keys you do not control unless the repository names a customer-managed KMS key; the encryption settings cannot be changed after the repository is created.',
  remediation: {
    text: 'When the claims require customer-managed keys, create the repository with EncryptionType KMS (or KMS_DSSE) and a KmsKey you manage.',
    cdk: "new ecr.Repository(this, 'Repo', { encryption: ecr.RepositoryEncryption.KMS, encryptionKey: key })",
    cloudformation: 'Type: AWS::ECR::Repository\nProperties:\n  EncryptionConfiguration:\n    EncryptionType: KMS\n    KmsKey: !GetAtt RepoKey.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ecr-repository-encryptionconfiguration.html',
  ],
  types: ['aws.ecr.repository'],
  // The live collector reads repository policies only: judged in templates.
  sources: ['iac'],
  check(r, { params }) {
    const rawType = known(r, 'EncryptionConfiguration.EncryptionType');
    const type = rawType === undefined || rawType === null ? 'AES256' : text(rawType);
    const typeEv = ev('EncryptionConfiguration.EncryptionType', rawType ?? null, params.requireCustomerManagedKeys ? 'KMS with a customer-managed key' : 'AES256, KMS or KMS_DSSE', rawType === undefined ? 'omitted: ECR encrypts with AES256 (S3-managed keys)' : undefined);
    if (type !== 'AES256' && type !== 'KMS' && type !== 'KMS_DSSE')
      return fail(`EncryptionType ${type} is not a valid value`, ev('EncryptionConfiguration.EncryptionType', rawType, 'AES256, KMS or KMS_DSSE', notAValidValue('EncryptionType', type, 'AES256, KMS, KMS_DSSE')));
    if (type === 'AES256') {
      if (params.requireCustomerManagedKeys) return fail('images encrypted with S3-managed keys (AES256), but the claim requires customer-managed keys', typeEv);
      return pass('images encrypted at rest with AES256 (S3-managed keys)', typeEv);
    }
    // The key matters only to a customer-key claim: a key from a parameter does not make an encrypted store unknown.
    const key = params.requireCustomerManagedKeys ? known(r, 'EncryptionConfiguration.KmsKey') : get(r.properties, 'EncryptionConfiguration.KmsKey');
    if (key !== undefined && key !== null && key !== '') return pass(`images encrypted with ${type} and the KMS key given`, typeEv, ev('EncryptionConfiguration.KmsKey', key, 'a customer-managed KMS key'));
    const keyEv = ev('EncryptionConfiguration.KmsKey', null, 'a customer-managed KMS key', 'omitted: ECR uses the AWS managed key aws/ecr');
    if (params.requireCustomerManagedKeys) return fail(`images encrypted with ${type} and the AWS managed key aws/ecr, but the claim requires customer-managed keys`, typeEv, keyEv);
    return pass(`images encrypted with ${type} and the AWS managed key aws/ecr`, typeEv, keyEv);
  },
});

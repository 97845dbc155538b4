import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';

/**
 * App Runner always encrypts the copy of the source it keeps and the service logs
 * (an AWS managed key when EncryptionConfiguration.KmsKey is omitted), so only a
 * claim that requires customer-managed keys can fail here.
 */
export default defineRule({
  id: 'enc-rest/aws-apprunner-service',
  control: 'enc-rest',
  title: 'App Runner services encrypt their stored source and logs with the key the claims ask for',
  severity: 'low',
  risk: 'Without a KmsKey of your own, the source copy App Runner stores (code, and any configuration baked into it) and the service logs are encrypted with an AWS managed key you cannot restrict or revoke; the key cannot be changed after the service is created.',
  remediation: {
    text: 'When the claims require customer-managed keys, create the service with EncryptionConfiguration.KmsKey set to a KMS key you manage.',
    cdk: "new apprunner.CfnService(this, 'Api', { sourceConfiguration, encryptionConfiguration: { kmsKey: key.keyArn } })",
    cloudformation: 'Type: AWS::AppRunner::Service\nProperties:\n  EncryptionConfiguration:\n    KmsKey: !GetAtt ServiceKey.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/apprunner/latest/dg/security-data-protection-encryption.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-apprunner-service-encryptionconfiguration.html',
  ],
  types: ['aws.apprunner.service'],
  // No live collector reads App Runner: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    if (!params.requireCustomerManagedKeys)
      return pass('source copy and logs encrypted at rest (App Runner always encrypts; an AWS managed key unless KmsKey is given)', ev('EncryptionConfiguration.KmsKey', r.properties.EncryptionConfiguration === undefined ? null : 'given', 'a KMS key'));
    const key = known(r, 'EncryptionConfiguration.KmsKey');
    if (key !== undefined && key !== null && key !== '') return pass('source copy and logs encrypted with the KMS key given', ev('EncryptionConfiguration.KmsKey', key, 'a customer-managed KMS key'));
    return fail('source copy and logs are encrypted with an AWS managed key, but the claim requires customer-managed keys', ev('EncryptionConfiguration.KmsKey', null, 'a customer-managed KMS key', 'omitted: App Runner uses an AWS managed key'));
  },
});

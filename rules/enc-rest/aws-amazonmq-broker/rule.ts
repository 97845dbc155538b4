import { defineRule } from '../../../src/evaluate/rule.js';
import { known, text } from '../../../src/evaluate/facts.js';
import { judgePlatformEncrypted } from '../_platform-encrypted.js';

/**
 * Amazon MQ always encrypts broker storage: with an AWS owned key when
 * EncryptionOptions is omitted or UseAwsOwnedKey is true, else with KmsKeyId
 * (or the AWS managed key aws/mq). RabbitMQ brokers take only the AWS owned key.
 */
export default defineRule({
  id: 'enc-rest/aws-amazonmq-broker',
  control: 'enc-rest',
  title: 'Amazon MQ brokers encrypt messages at rest (with a customer-managed key when the claim asks)',
  severity: 'medium',
  risk: 'Amazon MQ always encrypts stored messages; a claim that requires customer-managed keys is broken by a broker on the AWS owned key, which can only be chosen at creation.',
  remediation: {
    text: 'Nothing to do for encryption itself. Where the claim requires customer-managed keys, create an ActiveMQ broker with EncryptionOptions { UseAwsOwnedKey: false, KmsKeyId }.',
    cdk: "new amazonmq.CfnBroker(this, 'Broker', { ..., encryptionOptions: { useAwsOwnedKey: false, kmsKeyId: key.keyArn } })",
    cloudformation: 'EncryptionOptions:\n  UseAwsOwnedKey: false\n  KmsKeyId: !GetAtt Key.Arn',
  },
  references: ['https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/data-protection.html', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-amazonmq-broker-encryptionoptions.html'],
  types: ['aws.amazonmq.broker'],
  // Judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    const rabbit = params.requireCustomerManagedKeys && /^rabbitmq$/i.test(text(known(r, 'EngineType') ?? ''));
    return judgePlatformEncrypted(r, params, {
      attested: 'Amazon MQ Developer Guide: broker data is always encrypted at rest (an AWS owned key unless EncryptionOptions names another)',
      keyPath: 'EncryptionOptions.KmsKeyId',
      ...(rabbit ? { noCustomerKey: 'RabbitMQ brokers support only the AWS owned key' } : {}),
    });
  },
});

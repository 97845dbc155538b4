import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const E = 'DeliveryStreamEncryptionConfigurationInput';

export default defineRule({
  id: 'enc-rest/aws-firehose-delivery-stream',
  control: 'enc-rest',
  title: 'Firehose streams encrypt buffered data server-side (with a customer-managed key when the claim asks)',
  severity: 'medium',
  risk: 'Firehose buffers records before delivery; without server-side encryption (the default for Direct PUT streams) the buffered records are not encrypted with a KMS key. A claim that requires customer-managed keys is met only by a CUSTOMER_MANAGED_CMK.',
  remediation: {
    text: 'Set DeliveryStreamEncryptionConfigurationInput (KeyType CUSTOMER_MANAGED_CMK with KeyARN for a customer-managed key). Streams reading a Kinesis stream or MSK are encrypted by their source.',
    cdk: "new firehose.DeliveryStream(this, 'Stream', { destination, encryption: firehose.StreamEncryption.customerManagedKey(key) })",
    cloudformation: 'DeliveryStreamEncryptionConfigurationInput:\n  KeyType: CUSTOMER_MANAGED_CMK\n  KeyARN: !GetAtt StreamKey.Arn',
  },
  references: ['https://docs.aws.amazon.com/firehose/latest/dev/encryption.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/datafirehose-controls.html', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-kinesisfirehose-deliverystream-deliverystreamencryptionconfigurationinput.html'],
  types: ['aws.firehose.delivery-stream'],
  // No live collector reads Firehose: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    const streamType = known(r, 'DeliveryStreamType');
    if (streamType === 'KinesisStreamAsSource' || streamType === 'MSKAsSource')
      return notApplicable(`a ${text(streamType)} stream stores no data at rest: the source keeps it (judged on the source)`, ev('DeliveryStreamType', streamType));
    const config = known(r, E);
    const keyType = known(r, `${E}.KeyType`);
    const kt = keyType === undefined || keyType === null ? 'AWS_OWNED_CMK' : text(keyType);
    if (kt !== 'AWS_OWNED_CMK' && kt !== 'CUSTOMER_MANAGED_CMK')
      return fail(`KeyType ${kt} is not a valid value`, ev(`${E}.KeyType`, keyType, 'AWS_OWNED_CMK or CUSTOMER_MANAGED_CMK', notAValidValue('KeyType', kt, 'AWS_OWNED_CMK or CUSTOMER_MANAGED_CMK')));
    if (config === undefined || config === null)
      // Security Hub DataFirehose.1 and AWS Config firehose-delivery-stream-encrypted: a Direct PUT
      // stream without server-side encryption is not encrypted at rest.
      return fail('Direct PUT stream without server-side encryption: buffered records are not encrypted with a KMS key', ev(E, null, params.requireCustomerManagedKeys ? 'KeyType CUSTOMER_MANAGED_CMK' : 'KeyType AWS_OWNED_CMK or CUSTOMER_MANAGED_CMK', 'omitted: server-side encryption is off unless configured'));
    const evidence = ev(`${E}.KeyType`, keyType ?? null, params.requireCustomerManagedKeys ? 'CUSTOMER_MANAGED_CMK' : undefined, keyType === undefined ? 'omitted: the default is AWS_OWNED_CMK' : undefined);
    const customer = kt === 'CUSTOMER_MANAGED_CMK';
    if (params.requireCustomerManagedKeys && !customer) return fail('buffered data is not encrypted with a customer-managed key, which the claim requires', evidence);
    return pass(`buffered data encrypted at rest (server-side encryption, ${customer ? 'customer-managed key' : 'AWS-owned key'})`, evidence);
  },
});

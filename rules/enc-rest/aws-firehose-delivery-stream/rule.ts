import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const E = 'DeliveryStreamEncryptionConfigurationInput';

export default defineRule({
  id: 'enc-rest/aws-firehose-delivery-stream',
  control: 'enc-rest',
  title: 'Firehose streams keep buffered data encrypted (with a customer-managed key when the claim asks)',
  severity: 'medium',
  risk: 'Firehose buffers records before delivery; a claim that requires customer-managed keys is met only by server-side encryption with a CUSTOMER_MANAGED_CMK.',
  remediation: {
    text: 'Set DeliveryStreamEncryptionConfigurationInput (KeyType CUSTOMER_MANAGED_CMK with KeyARN for a customer-managed key). Streams reading a Kinesis stream or MSK are encrypted by their source.',
    cdk: "new firehose.DeliveryStream(this, 'Stream', { destination, encryption: firehose.StreamEncryption.customerManagedKey(key) })",
    cloudformation: 'DeliveryStreamEncryptionConfigurationInput:\n  KeyType: CUSTOMER_MANAGED_CMK\n  KeyARN: !GetAtt StreamKey.Arn',
  },
  references: ['https://docs.aws.amazon.com/firehose/latest/dev/encryption.html', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-kinesisfirehose-deliverystream-deliverystreamencryptionconfigurationinput.html'],
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
    const evidence =
      config === undefined || config === null
        ? ev(E, null, params.requireCustomerManagedKeys ? 'KeyType CUSTOMER_MANAGED_CMK' : undefined, 'omitted: Firehose encrypts data in interim storage with AWS KMS (no server-side encryption with a key of yours)')
        : ev(`${E}.KeyType`, keyType ?? null, params.requireCustomerManagedKeys ? 'CUSTOMER_MANAGED_CMK' : undefined, keyType === undefined ? 'omitted: the default is AWS_OWNED_CMK' : undefined);
    const customer = config !== undefined && config !== null && kt === 'CUSTOMER_MANAGED_CMK';
    if (params.requireCustomerManagedKeys && !customer) return fail('buffered data is not encrypted with a customer-managed key, which the claim requires', evidence);
    return pass(`buffered data encrypted at rest (${customer ? 'customer-managed key' : config ? 'server-side encryption, AWS-owned key' : 'Firehose interim-storage encryption'})`, evidence);
  },
});

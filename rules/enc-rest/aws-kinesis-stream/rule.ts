import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail } from '../../../src/evaluate/facts.js';

export default defineRule({
  id: 'enc-rest/aws-kinesis-stream',
  control: 'enc-rest',
  title: 'Kinesis data streams encrypt records at rest with KMS',
  severity: 'medium',
  risk: 'Records in a stream without server-side encryption are stored unencrypted for the whole retention period.',
  remediation: {
    text: 'Set StreamEncryption { EncryptionType: KMS, KeyId } (alias/aws/kinesis or a customer-managed key).',
    cdk: "new kinesis.Stream(this, 'S', { encryption: kinesis.StreamEncryption.MANAGED })",
    cloudformation: 'StreamEncryption:\n  EncryptionType: KMS\n  KeyId: alias/aws/kinesis',
  },
  references: ['https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html'],
  types: ['aws.kinesis.stream'],
  sources: ['iac', 'live'],
  check(r, { params }) {
    const type = known(r, 'StreamEncryption.EncryptionType');
    if (type !== 'KMS')
      return fail(
        'stream records are not encrypted at rest',
        ev('StreamEncryption.EncryptionType', type ?? null, 'KMS', type === undefined ? 'omitted: streams are created without server-side encryption' : undefined),
      );
    // The key matters only to a customer-key claim: read it then; otherwise it is evidence as written (a key from a parameter does not make an encrypted store unknown).
    const key = params.requireCustomerManagedKeys ? known(r, 'StreamEncryption.KeyId') : get(r.properties, 'StreamEncryption.KeyId');
    if (params.requireCustomerManagedKeys && typeof key === 'string' && /^alias\/aws\//.test(key))
      return fail(`stream uses the AWS managed key ${key}, but the claim requires customer-managed keys`, ev('StreamEncryption.KeyId', key, 'a customer-managed KMS key'));
    return pass('stream encrypted with KMS', ev('StreamEncryption.EncryptionType', type, 'KMS'), ev('StreamEncryption.KeyId', key ?? null));
  },
});

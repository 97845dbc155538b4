import { defineRule } from '../../../src/evaluate/rule.js';
import { get, ev, pass, fail, unknown } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';

const K = 'EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId';

export default defineRule({
  id: 'enc-rest/aws-msk-cluster',
  control: 'enc-rest',
  title: 'MSK broker storage is encrypted at rest (with a customer-managed key when the claim asks for one)',
  severity: 'medium',
  risk: 'MSK always encrypts broker volumes; a claim that requires customer-managed keys is not met by the AWS managed key aws/kafka.',
  remediation: {
    text: 'Nothing to do for encryption itself; set DataVolumeKMSKeyId to a customer-managed key when the claim requires one.',
    cdk: "new msk.Cluster(this, 'Kafka', { ..., encryptionInTransit: { ... }, ebsStorageInfo: { encryptionKey: key } })",
    cloudformation: 'EncryptionInfo:\n  EncryptionAtRest:\n    DataVolumeKMSKeyId: !GetAtt KafkaKey.Arn',
  },
  references: ['https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html'],
  types: ['aws.msk.cluster'],
  // No live collector reads MSK: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    // Encryption does not depend on the key: a key from a parameter only leaves open whose key it is.
    const key = get(r.properties, K);
    if (isUnresolved(key) && params.requireCustomerManagedKeys)
      return unknown('the KMS key comes from a value the template does not settle: whether it is customer-managed is not known', ev(K, key, 'a customer-managed KMS key'));
    if (key !== undefined && key !== null) return pass('broker volumes encrypted with the KMS key given', ev(K, key));
    const evidence = ev(K, null, params.requireCustomerManagedKeys ? 'a customer-managed KMS key' : undefined, 'omitted: MSK always encrypts data at rest, with the AWS managed key aws/kafka when no key is given');
    return params.requireCustomerManagedKeys
      ? fail('broker volumes use the AWS managed key aws/kafka, but the claim requires customer-managed keys', evidence)
      : pass('broker volumes encrypted at rest (MSK always encrypts; AWS managed key aws/kafka)', evidence);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail, asBool } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';

export default defineRule({
  id: 'enc-rest/aws-sqs-queue',
  control: 'enc-rest',
  title: 'SQS queues encrypt messages at rest (SSE-SQS or SSE-KMS)',
  severity: 'medium',
  risk: 'Messages in a queue with server-side encryption turned off are stored unencrypted.',
  remediation: {
    text: 'Leave SSE-SQS on (SqsManagedSseEnabled: true, the default for new queues) or set KmsMasterKeyId; never set SqsManagedSseEnabled: false without a KMS key.',
    cdk: "new sqs.Queue(this, 'Q', { encryption: sqs.QueueEncryption.SQS_MANAGED })",
    cloudformation: 'Type: AWS::SQS::Queue\nProperties:\n  SqsManagedSseEnabled: true',
  },
  references: ['https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html'],
  types: ['aws.sqs.queue'],
  sources: ['iac', 'live'],
  check(r, { params }) {
    const rawManaged = known(r, 'SqsManagedSseEnabled');
    const managed = asBool(rawManaged);
    // A key from a parameter or an import encrypts the queue, and so does SSE-SQS if it turns out
    // empty: the key is a fact to settle only under a customer-managed-key claim or with SSE-SQS off.
    const rawKey = get(r.properties, 'KmsMasterKeyId');
    if (isUnresolved(rawKey) && !params.requireCustomerManagedKeys && managed !== false)
      return pass('queue encrypted at rest (with the KMS key given, or SSE-SQS by default)', ev('KmsMasterKeyId', rawKey, 'a KMS key'), ev('SqsManagedSseEnabled', rawManaged ?? null, true));
    const key = known(r, 'KmsMasterKeyId');
    if (key !== undefined && key !== null && key !== '')
      return pass('queue encrypted with SSE-KMS', ev('KmsMasterKeyId', key, 'a KMS key'));
    if (params.requireCustomerManagedKeys)
      return fail('queue is not encrypted with a KMS key, but the claim requires customer-managed keys', ev('KmsMasterKeyId', null, 'a customer-managed KMS key'));
    if (managed === true) return pass('queue encrypted with SSE-SQS (AES-256, SQS-owned keys)', ev('SqsManagedSseEnabled', rawManaged, true));
    if (managed === false) return fail('server-side encryption is turned off for this queue', ev('SqsManagedSseEnabled', rawManaged, true));
    return pass(
      'queue encrypted with SSE-SQS by default',
      ev('SqsManagedSseEnabled', null, true, 'omitted: SQS enables SSE-SQS (AES-256) on every queue created since October 2022 unless SqsManagedSseEnabled is false'),
    );
  },
});

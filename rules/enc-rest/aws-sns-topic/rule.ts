import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';

export default defineRule({
  id: 'enc-rest/aws-sns-topic',
  control: 'enc-rest',
  title: 'SNS topics encrypt messages at rest with KMS',
  severity: 'medium',
  risk: 'SNS has no default server-side encryption: without a KMS key, messages awaiting delivery are stored unencrypted by the topic.',
  remediation: {
    text: 'Set KmsMasterKeyId on the topic (the AWS managed key alias/aws/sns or a customer-managed key).',
    cdk: "new sns.Topic(this, 'T', { masterKey: key })",
    cloudformation: 'Type: AWS::SNS::Topic\nProperties:\n  KmsMasterKeyId: alias/aws/sns',
  },
  references: ['https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html'],
  types: ['aws.sns.topic'],
  sources: ['iac', 'live'],
  check(r, { params }) {
    const key = known(r, 'KmsMasterKeyId');
    if (key === undefined || key === null || key === '')
      return fail('topic has no server-side encryption', ev('KmsMasterKeyId', null, 'a KMS key', 'omitted: SNS topics are created without server-side encryption'));
    if (params.requireCustomerManagedKeys && typeof key === 'string' && /^alias\/aws\//.test(key))
      return fail(`topic uses the AWS managed key ${key}, but the claim requires customer-managed keys`, ev('KmsMasterKeyId', key, 'a customer-managed KMS key'));
    return pass('topic encrypted with SSE-KMS', ev('KmsMasterKeyId', key, 'a KMS key'));
  },
});

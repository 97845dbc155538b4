import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool } from '../../../src/evaluate/facts.js';

export default defineRule({
  id: 'enc-rest/aws-dynamodb-table',
  control: 'enc-rest',
  title: 'DynamoDB tables encrypt data at rest',
  severity: 'medium',
  risk: 'DynamoDB always encrypts tables; this rule records which key does it, and fails only where the claim demands customer-managed keys.',
  remediation: {
    text: 'Nothing is needed for AES-256 at rest (DynamoDB encrypts every table). Where the claim requires customer-managed keys, set SSESpecification { SSEEnabled: true, SSEType: KMS, KMSMasterKeyId }.',
    cdk: "new dynamodb.TableV2(this, 'T', { ..., encryption: dynamodb.TableEncryptionV2.customerManagedKey(key) })",
    cloudformation: 'SSESpecification:\n  SSEEnabled: true\n  SSEType: KMS\n  KMSMasterKeyId: !Ref TableKey',
  },
  references: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html'],
  types: ['aws.dynamodb.table', 'aws.dynamodb.global-table'],
  sources: ['iac', 'live'],
  check(r, { params }) {
    const spec = known(r, 'SSESpecification');
    const enabled = asBool(known(r, 'SSESpecification.SSEEnabled'));
    // A global table (TableV2) names its key per replica; a table on its own SSESpecification.
    const key = r.type === 'aws.dynamodb.global-table' ? known(r, 'Replicas[0].SSESpecification.KMSMasterKeyId') : known(r, 'SSESpecification.KMSMasterKeyId');
    const kind = enabled ? (key ? 'a KMS key named in the template' : 'the AWS managed key aws/dynamodb') : 'an AWS owned key';
    const note =
      spec === undefined
        ? 'omitted: DynamoDB encrypts every table at rest (AES-256) with an AWS owned key'
        : enabled
          ? undefined
          : 'SSEEnabled false/omitted means the AWS owned key, not "unencrypted": DynamoDB encrypts every table';
    const evidence = ev('SSESpecification.SSEEnabled', enabled ?? null, undefined, note);
    if (params.requireCustomerManagedKeys && !(enabled && key))
      return fail(`table is encrypted with ${kind}, but the claim requires customer-managed keys`, evidence, ev('SSESpecification.KMSMasterKeyId', key ?? null, 'a customer-managed KMS key'));
    return pass(`table encrypted at rest with ${kind}`, evidence, ...(key ? [ev('SSESpecification.KMSMasterKeyId', key)] : []));
  },
});

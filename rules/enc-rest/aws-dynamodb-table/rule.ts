import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail, asBool, asArray } from '../../../src/evaluate/facts.js';

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
    const global = r.type === 'aws.dynamodb.global-table';
    const spec = get(r.properties, 'SSESpecification');
    const note = 'platform-attested: DynamoDB encrypts every table at rest (AES-256); SSEEnabled false or omitted means the AWS owned key, not "unencrypted"';
    if (!params.requireCustomerManagedKeys) {
      // Which key does it is only evidence here, read as written: a key or switch from a parameter cannot make the table unencrypted.
      return pass('table encrypted at rest (DynamoDB encrypts every table)', ev('SSESpecification', spec ?? null, undefined, note));
    }
    const enabled = asBool(known(r, 'SSESpecification.SSEEnabled'));
    if (!global) {
      const key = known(r, 'SSESpecification.KMSMasterKeyId');
      const kind = enabled ? (key ? 'a KMS key named in the template' : 'the AWS managed key aws/dynamodb') : 'an AWS owned key';
      const evidence = ev('SSESpecification.SSEEnabled', enabled ?? null, true, note);
      if (!(enabled && key)) return fail(`table is encrypted with ${kind}, but the claim requires customer-managed keys`, evidence, ev('SSESpecification.KMSMasterKeyId', key ?? null, 'a customer-managed KMS key'));
      return pass('table encrypted at rest with a KMS key named in the template', evidence, ev('SSESpecification.KMSMasterKeyId', key));
    }
    // A global table (TableV2) turns KMS on for all replicas at once and names the key per replica: every replica needs one.
    const replicas = asArray(known(r, 'Replicas'));
    const missing: string[] = [];
    const keys = replicas.map((_, i) => {
      const key = known(r, `Replicas[${i}].SSESpecification.KMSMasterKeyId` as const);
      if (!key) missing.push(`Replicas[${i}]`);
      return ev(`Replicas[${i}].SSESpecification.KMSMasterKeyId`, key ?? null, 'a customer-managed KMS key');
    });
    const evidence = ev('SSESpecification.SSEEnabled', enabled ?? null, true, note);
    if (!enabled) return fail('global table encrypted with an AWS owned key, but the claim requires customer-managed keys', evidence, ...keys);
    if (missing.length || replicas.length === 0) return fail(`global table replica${missing.length === 1 ? '' : 's'} ${missing.join(', ') || '(none listed)'} without a KMS key named in the template, but the claim requires customer-managed keys`, evidence, ...keys);
    return pass('every replica is encrypted with a KMS key named in the template', evidence, ...keys);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail, asBool } from '../../../src/evaluate/facts.js';

export default defineRule({
  id: 'enc-rest/aws-opensearch-domain',
  control: 'enc-rest',
  title: 'OpenSearch / Elasticsearch domains encrypt data at rest',
  severity: 'high',
  risk: 'Indices, logs, swap files and automated snapshots of an unencrypted domain are stored in the clear.',
  remediation: {
    text: 'Set EncryptionAtRestOptions.Enabled: true (optionally KmsKeyId).',
    cdk: "new opensearch.Domain(this, 'Search', { ..., encryptionAtRest: { enabled: true } })",
    cloudformation: 'EncryptionAtRestOptions:\n  Enabled: true',
  },
  references: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html'],
  types: ['aws.opensearch.domain', 'aws.elasticsearch.domain'],
  sources: ['iac', 'live'],
  check(r, { params }) {
    const raw = known(r, 'EncryptionAtRestOptions.Enabled');
    if (asBool(raw) !== true)
      return fail(
        'domain is not encrypted at rest',
        ev('EncryptionAtRestOptions.Enabled', raw ?? null, true, raw === undefined ? 'omitted: CloudFormation and the API create domains without encryption at rest' : undefined),
      );
    // The key matters only to a customer-key claim: read it then; otherwise it is evidence as written (a key from a parameter does not make an encrypted store unknown).
    const key = params.requireCustomerManagedKeys ? known(r, 'EncryptionAtRestOptions.KmsKeyId') : get(r.properties, 'EncryptionAtRestOptions.KmsKeyId');
    if (params.requireCustomerManagedKeys && !key)
      return fail('encrypted with the AWS managed key, but the claim requires customer-managed keys', ev('EncryptionAtRestOptions.KmsKeyId', null, 'a customer-managed KMS key'));
    return pass('domain encrypted at rest', ev('EncryptionAtRestOptions.Enabled', raw, true), ...(key ? [ev('EncryptionAtRestOptions.KmsKeyId', key)] : []));
  },
});

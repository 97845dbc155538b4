import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asArray, get, text } from '../../../src/evaluate/facts.js';

const ALGORITHMS = new Set(['AES256', 'aws:kms', 'aws:kms:dsse']);

export default defineRule({
  id: 'enc-rest/aws-s3-bucket',
  control: 'enc-rest',
  title: 'S3 buckets encrypt objects at rest (SSE-S3 AES-256 or KMS)',
  severity: 'high',
  risk: 'Objects stored without server-side encryption break an "AES-256 encryption at rest" promise.',
  remediation: {
    text: 'Set default bucket encryption to SSE-S3 (AES256) or SSE-KMS. Since 2023-01-05 S3 applies SSE-S3 to new objects by default; state it explicitly, or use KMS where the claim asks for customer-managed keys.',
    cdk: 'new s3.Bucket(this, "Data", { encryption: s3.BucketEncryption.S3_MANAGED })',
    cloudformation:
      'BucketEncryption:\n  ServerSideEncryptionConfiguration:\n    - ServerSideEncryptionByDefault: { SSEAlgorithm: AES256 }',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html'],
  types: ['aws.s3.bucket'],
  sources: ['iac', 'live'],
  check(r, { params }) {
    const path = 'BucketEncryption.ServerSideEncryptionConfiguration';
    const rules = known(r, path);
    if (rules === undefined) {
      if (params.requireCustomerManagedKeys)
        return fail('no default encryption configured: S3 applies SSE-S3, but the claim requires customer-managed keys', ev(path, null, 'aws:kms with a customer key'));
      return pass(
        'no explicit configuration: S3 encrypts new objects with SSE-S3 (AES-256) by default',
        ev(path, null, 'AES256 | aws:kms | aws:kms:dsse', 'omitted: S3 applies SSE-S3 (AES-256) to every new object since 2023-01-05'),
      );
    }
    const algorithms = asArray(rules).map((_, i) => known(r, `${path}[${i}].ServerSideEncryptionByDefault.SSEAlgorithm`));
    const evidence = algorithms.map((a, i) => ev(`${path}[${i}].ServerSideEncryptionByDefault.SSEAlgorithm`, a, 'AES256 | aws:kms | aws:kms:dsse'));
    const bad = algorithms.filter((a) => !ALGORITHMS.has(text(a)));
    if (algorithms.length === 0 || bad.length) return fail(`default encryption algorithm ${bad.map(text).join(', ') || '(none)'} is not AES-256 or KMS`, ...evidence);
    if (params.requireCustomerManagedKeys && !algorithms.some((a) => text(a).startsWith('aws:kms')))
      return fail('bucket uses SSE-S3, but the claim requires customer-managed keys', ...evidence);
    const key = get(r.properties, `${path}[0].ServerSideEncryptionByDefault.KMSMasterKeyID`);
    if (key !== undefined) evidence.push(ev(`${path}[0].ServerSideEncryptionByDefault.KMSMasterKeyID`, key));
    return pass(`default encryption ${algorithms.map(text).join(', ')}`, ...evidence);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeChosenKey } from '../_chosen-key.js';

export default defineRule({
  id: 'enc-rest/aws-s3tables-table-bucket',
  control: 'enc-rest',
  title: 'S3 table buckets encrypt their tables at rest (with a customer-managed key when the claim asks)',
  severity: 'low',
  risk: 'Every table in a table bucket is encrypted at rest, with SSE-S3 unless the bucket chooses SSE-KMS; a claim that requires customer-managed keys is broken by the default.',
  remediation: {
    text: 'Nothing to do for encryption itself. Where the claim requires customer-managed keys, set EncryptionConfiguration SSEAlgorithm aws:kms with KMSKeyArn, and let the S3 Tables maintenance principal use the key.',
    cloudformation: 'Type: AWS::S3Tables::TableBucket\nProperties:\n  TableBucketName: analytics\n  EncryptionConfiguration:\n    SSEAlgorithm: aws:kms\n    KMSKeyArn: !GetAtt Key.Arn',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-tables-kms-encryption.html', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-tables-kms-specify.html'],
  types: ['aws.s3tables.table-bucket'],
  // No live collector reads S3 Tables: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    return judgeChosenKey(r, params, {
      attested: 'Amazon S3 User Guide (S3 Tables): every table bucket encrypts its tables at rest, SSE-S3 by default; SSE-KMS takes only customer managed keys',
      modePath: 'EncryptionConfiguration.SSEAlgorithm',
      omitted: 'SSE-S3 (Amazon S3 managed keys)',
      customer: ['aws:kms'],
      others: ['AES256'],
      keyPath: 'EncryptionConfiguration.KMSKeyArn',
    });
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeRetention } from '../_datasets.js';
import { RETENTION } from '../_kept.js';

export default defineRule({
  id: 'data-retention/aws-s3-bucket',
  control: 'data-retention',
  title: 'Buckets holding a named data set expire objects (and old versions) within the promised retention, and lock them no longer',
  severity: 'medium',
  risk: 'Without an enabled lifecycle expiration the bucket keeps objects forever; on a versioned bucket, expiration only adds a delete marker and old versions stay unless NoncurrentVersionExpiration removes them; an Object Lock default retention longer than the promise keeps every version that long.',
  remediation: {
    text: 'Add an enabled, bucket-wide lifecycle rule with ExpirationInDays at most the data set’s limit and, for versioned buckets, NoncurrentVersionExpiration so that current + noncurrent days stay within it.',
    cdk: "new s3.Bucket(this, 'Telemetry', { lifecycleRules: [{ expiration: Duration.days(7), noncurrentVersionExpiration: Duration.days(1) }] })",
    cloudformation: 'LifecycleConfiguration:\n  Rules:\n    - Id: expire\n      Status: Enabled\n      ExpirationInDays: 7\n      NoncurrentVersionExpiration: { NoncurrentDays: 1 }',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-expire-general-considerations.html'],
  types: ['aws.s3.bucket'],
  sources: ['iac', 'live'],
  check(r, { params, inventory }) {
    const reader = RETENTION[r.type]!;
    return judgeRetention(r, params, reader.name, reader.kept, r, inventory);
  },
});

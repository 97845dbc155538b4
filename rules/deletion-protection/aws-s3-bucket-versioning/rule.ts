import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';

/** FSBP S3.14. A bucket that was never versioned has no VersioningConfiguration at all. */
export default defineRule({
  id: 'deletion-protection/aws-s3-bucket-versioning',
  control: 'deletion-protection',
  title: 'S3 buckets keep object versions (versioning enabled)',
  severity: 'medium',
  risk: 'Without versioning an overwrite or delete, by mistake, by a bug or by ransomware, destroys the only copy of the object.',
  remediation: {
    text: 'Enable versioning, and add a lifecycle rule that expires noncurrent versions after the retention the data needs.',
    cdk: "new s3.Bucket(this, 'Data', { versioned: true })",
    cloudformation: 'Type: AWS::S3::Bucket\nProperties:\n  VersioningConfiguration: { Status: Enabled }',
    cli: 'aws s3api put-bucket-versioning --bucket NAME --versioning-configuration Status=Enabled',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html'],
  types: ['aws.s3.bucket'],
  sources: ['iac', 'live'],
  check(r) {
    const status = known(r, 'VersioningConfiguration.Status');
    const e = ev('VersioningConfiguration.Status', status ?? null, 'Enabled', status === undefined ? 'omitted: a bucket is unversioned until versioning is enabled' : undefined);
    if (status === 'Enabled') return pass('versioning is enabled', e);
    return fail(status === 'Suspended' ? 'versioning is suspended' : 'versioning was never enabled', e);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asArray, asRecord } from '../../../src/evaluate/facts.js';

/**
 * FSBP S3.12: Object Ownership "bucket owner enforced" turns ACLs off, so only
 * policies grant access. New buckets get it by default since April 2023; a
 * live bucket without ownership controls (OwnershipControlsNotFoundError) still uses ACLs.
 */
export default defineRule({
  id: 'platform-hardening/aws-s3-bucket-acls-disabled',
  control: 'platform-hardening',
  title: 'S3 buckets disable ACLs (Object Ownership: bucket owner enforced)',
  severity: 'medium',
  risk: 'With ACLs on, any writer can grant access to its own objects, or keep ownership of objects in your bucket, outside the bucket policy you review.',
  remediation: {
    text: 'Set Object Ownership to BucketOwnerEnforced (after moving any access granted by ACLs into the bucket policy).',
    cdk: "new s3.Bucket(this, 'Data', { objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED })",
    cloudformation: 'Type: AWS::S3::Bucket\nProperties:\n  OwnershipControls: { Rules: [{ ObjectOwnership: BucketOwnerEnforced }] }',
    cli: 'aws s3api put-bucket-ownership-controls --bucket NAME --ownership-controls Rules=[{ObjectOwnership=BucketOwnerEnforced}]',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html'],
  types: ['aws.s3.bucket'],
  sources: ['iac', 'live'],
  check(r) {
    const controls = known(r, 'OwnershipControls');
    const rules = asArray(asRecord(controls).Rules).map((x) => asRecord(x).ObjectOwnership);
    const setting = rules[0];
    if (controls === undefined && r.source === 'iac')
      return pass('ACLs are disabled (new buckets default to BucketOwnerEnforced)', ev('OwnershipControls', null, 'BucketOwnerEnforced', 'omitted: buckets created since April 2023 default to BucketOwnerEnforced'));
    const e = ev('OwnershipControls.Rules[0].ObjectOwnership', setting ?? null, 'BucketOwnerEnforced', controls === undefined ? 'no ownership controls: ACLs are in use (ObjectWriter)' : undefined);
    return setting === 'BucketOwnerEnforced' ? pass('ACLs are disabled', e) : fail(`ACLs are in use (Object Ownership ${String(setting ?? 'ObjectWriter')})`, e);
  },
});

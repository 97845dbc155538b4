import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';

/**
 * FSBP S3.20 / CIS AWS 2.1.2. Live only: MFA delete can be set only by the
 * root user through the API (s3:PutBucketVersioning with an MFA code), never
 * in a template; s3:GetBucketVersioning reports it.
 */
export default defineRule({
  id: 'deletion-protection/aws-s3-bucket-mfa-delete',
  control: 'deletion-protection',
  title: 'Versioned S3 buckets require MFA to delete versions or suspend versioning (MFA delete)',
  severity: 'low',
  risk: 'Without MFA delete, stolen credentials with s3:DeleteObjectVersion can erase every version that versioning kept.',
  remediation: {
    text: 'As the root user, enable versioning with MFA delete on buckets whose history must survive a credential compromise (or use S3 Object Lock).',
    cli: 'aws s3api put-bucket-versioning --bucket NAME --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa "SERIAL CODE"',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html'],
  types: ['aws.s3.bucket'],
  sources: ['live'],
  check(r) {
    // Both facts come from one call: a failed read is recorded on VersioningConfiguration.
    const status = known(r, 'VersioningConfiguration.Status');
    const mfa = known(r, 'Live.MfaDelete');
    const e = [ev('Live.MfaDelete', mfa ?? null, 'Enabled', 's3:GetBucketVersioning MFADelete'), ev('VersioningConfiguration.Status', status ?? null)];
    if (mfa === 'Enabled') return pass('MFA delete is enabled', ...e);
    return fail(status === 'Enabled' ? 'versioned, but MFA delete is off' : 'MFA delete is off (and versioning is not enabled)', ...e);
  },
});

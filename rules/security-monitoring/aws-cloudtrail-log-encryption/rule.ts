import { defineRule } from '../../../src/evaluate/rule.js';
import { knownPointer, pointerNote, ev, pass, fail, describe } from '../../../src/evaluate/facts.js';

/**
 * CIS AWS 3.5 / FSBP CloudTrail.2: the trail encrypts its log files with a KMS key (SSE-KMS), so reading
 * them takes kms:Decrypt on that key as well as s3:GetObject. Opt-in (security-monitoring): without a key
 * the log files are still encrypted at rest by S3 (SSE-S3, AES-256), which keeps the audit-logging and
 * enc-rest promises; the key is the benchmarks' stricter control over who may read the trail.
 */
export default defineRule({
  id: 'security-monitoring/aws-cloudtrail-log-encryption',
  control: 'security-monitoring',
  title: 'CloudTrail trails encrypt their log files with a KMS key',
  severity: 'low',
  risk: 'With SSE-S3 only, anyone who may read the trail bucket reads the account’s API history; a KMS key adds a second, separately granted permission.',
  remediation: {
    text: 'Give the trail a KMS key (KMSKeyId) whose policy lets CloudTrail encrypt and your auditors decrypt.',
    cdk: "new cloudtrail.Trail(this, 'Trail', { encryptionKey: key })",
    cloudformation: 'Type: AWS::CloudTrail::Trail\nProperties:\n  KMSKeyId: !Ref TrailKey',
  },
  references: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html'],
  types: ['aws.cloudtrail.trail'],
  sources: ['iac', 'live'],
  check(r) {
    // Presence decides: CloudTrail encrypts with whatever key this names, and only a key whose policy
    // lets CloudTrail use it (never an AWS managed key) deploys, so a key from a parameter or an import is SSE-KMS on.
    const key = knownPointer(r, 'KMSKeyId');
    if (key === undefined)
      return fail('log files are not encrypted with a KMS key (KMSKeyId omitted: SSE-S3 only)', ev('KMSKeyId', key ?? null, 'a KMS key', key === undefined ? 'omitted: S3 encrypts the log files with SSE-S3 (AES-256)' : undefined));
    return pass('log files are encrypted with a KMS key', ev('KMSKeyId', describe(key), 'a KMS key', pointerNote(key, 'the key')));
  },
});

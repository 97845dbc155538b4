import { defineRule } from '../../../src/evaluate/rule.js';
import type { EvidenceItem } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool } from '../../../src/evaluate/facts.js';

const BPA = 'PublicAccessBlockConfiguration';

/**
 * An access point (or a Multi-Region Access Point) is a second door to a
 * bucket with its own Block Public Access settings: all four are on when the
 * configuration is omitted, and fixed at creation. Judged as the bucket rule
 * judges a bucket (FSBP S3.19, S3.24): a setting turned off fails.
 */
export default defineRule({
  id: 'public-access/aws-s3-access-point',
  control: 'public-access',
  title: 'S3 access points keep all four Block Public Access settings on',
  severity: 'high',
  risk: 'An access point with Block Public Access turned off lets its own policy open the bucket\'s data to everyone, whatever the bucket\'s block says about its other doors; the setting cannot be changed after creation.',
  remediation: {
    text: 'Create access points without PublicAccessBlockConfiguration (all four settings on) or with all four set to true; grant access in the access point policy to named principals.',
    cdk: "new s3.CfnAccessPoint(this, 'Reports', { bucket: bucket.bucketName, publicAccessBlockConfiguration: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true } })",
    cloudformation: 'Type: AWS::S3::AccessPoint\nProperties:\n  Bucket: !Ref Data\n  PublicAccessBlockConfiguration:\n    BlockPublicAcls: true\n    BlockPublicPolicy: true\n    IgnorePublicAcls: true\n    RestrictPublicBuckets: true',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-bpa-settings.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-19',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-24',
  ],
  types: ['aws.s3.access-point', 'aws.s3.multi-region-access-point'],
  // No live collector reads access points: judged in templates only.
  sources: ['iac'],
  check(r) {
    const cfg = known(r, BPA);
    if (cfg === undefined || cfg === null)
      return pass('Block Public Access is on (all four settings, the default for access points)', ev(BPA, null, 'all four true', 'omitted: S3 turns on all four Block Public Access settings for a new access point'));
    const evidence: EvidenceItem[] = [];
    const off: string[] = [];
    for (const f of ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'] as const) {
      const raw = known(r, `${BPA}.${f}`);
      evidence.push(ev(`${BPA}.${f}`, raw ?? null, true, raw === undefined ? 'omitted inside a given configuration: false' : undefined));
      if (asBool(raw) !== true) off.push(f);
    }
    if (off.length) return fail(`access point is not protected from public access: ${off.join(', ')} off`, ...evidence);
    return pass('all four Block Public Access settings are on', ...evidence);
  },
});

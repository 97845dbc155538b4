import { defineRule } from '../../../src/evaluate/rule.js';
import type { EvidenceItem, Verdict } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import { judgePublicPolicy } from '../_resource-policy.js';
import { known, ev, pass, fail, asBool, knownDocument } from '../../../src/evaluate/facts.js';

const BPA = 'PublicAccessBlockConfiguration';

/**
 * An access point (or a Multi-Region Access Point) is a second door to a
 * bucket with its own Block Public Access settings: all four are on when the
 * configuration is omitted, and fixed at creation. Judged as the bucket rule
 * judges a bucket (FSBP S3.19, S3.24): a setting turned off fails. An access
 * point's own Policy is read as every resource policy: an Allow to everyone
 * without a pinning condition fails too.
 */
function judgeBlock(r: Resource): Verdict {
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
  if (off.length) return { ...fail(`access point is not protected from public access: ${off.join(', ')} off`, ...evidence), subId: 'block-public-access' };
  return pass('all four Block Public Access settings are on', ...evidence);
}

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
    const block = judgeBlock(r);
    if (r.type !== 'aws.s3.access-point') return block;
    // The access point's own policy: an Allow to everyone is public (with the block on, S3 refuses it at deployment).
    const doc = knownDocument(r, 'Policy');
    if (doc === undefined || doc === null) return block;
    const policy = judgePublicPolicy(doc, { path: 'Policy', what: 'read or write objects through the access point', extraKeys: ['s3:dataaccesspointaccount'] });
    const verdicts = [block, ...(Array.isArray(policy) ? policy : [policy])];
    const bad = verdicts.filter((v) => v.status === 'fail' || v.status === 'unknown');
    if (bad.length) return bad;
    return pass(`${block.message}; the access point policy grants nothing to everyone`, ...verdicts.flatMap((v) => v.evidence ?? []));
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import type { EvidenceItem } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail, asBool } from '../../../src/evaluate/facts.js';

const BPA = 'PublicAccessBlockConfiguration';
const FLAGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'] as const;
const PUBLIC_ACLS = new Set(['PublicRead', 'PublicReadWrite', 'AuthenticatedRead']);

export default defineRule({
  id: 'public-access/aws-s3-bucket',
  control: 'public-access',
  title: 'S3 buckets block public access (all four Block Public Access settings, no public ACL)',
  severity: 'high',
  risk: 'A bucket with Block Public Access turned off can be made public by one ACL or policy change; a public canned ACL exposes it outright.',
  remediation: {
    text: 'Leave all four Block Public Access settings on (the default for new buckets) and do not use public canned ACLs; serve public content through CloudFront with origin access control.',
    cdk: "new s3.Bucket(this, 'Data', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL })",
    cloudformation: 'PublicAccessBlockConfiguration:\n  BlockPublicAcls: true\n  BlockPublicPolicy: true\n  IgnorePublicAcls: true\n  RestrictPublicBuckets: true',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html'],
  types: ['aws.s3.bucket'],
  sources: ['iac', 'live'],
  check(r) {
    const cfg = known(r, BPA);
    const acl = known(r, 'AccessControl');
    const problems: string[] = [];
    const evidence: EvidenceItem[] = [];
    if (cfg === undefined && r.source === 'live') {
      // A live bucket without a configuration may predate April 2023; only the account-level block then protects it.
      const account = get(r.properties, 'Live.AccountPublicAccessBlock') as Record<string, unknown> | undefined;
      const accountOn = !!account && FLAGS.every((f) => asBool(account[f]) === true);
      evidence.push(ev(BPA, null, 'all four true', 'no bucket-level Block Public Access configuration'));
      if (account !== undefined) evidence.push(ev('Live.AccountPublicAccessBlock', account, 'all four true'));
      if (!accountOn) problems.push('no bucket-level Block Public Access configuration and the account-level block is not fully on');
    } else if (cfg === undefined) {
      evidence.push(ev(BPA, null, 'all four true', 'omitted: S3 turns on all four Block Public Access settings for every bucket created since April 2023'));
    } else {
      for (const f of FLAGS) {
        const raw = known(r, `${BPA}.${f}`);
        const on = asBool(raw) === true;
        evidence.push(ev(`${BPA}.${f}`, raw ?? null, true, raw === undefined ? 'omitted inside a given configuration: false' : undefined));
        if (!on) problems.push(`${f} is off`);
      }
    }
    if (acl !== undefined) {
      evidence.push(ev('AccessControl', acl, 'not PublicRead | PublicReadWrite | AuthenticatedRead'));
      if (PUBLIC_ACLS.has(String(acl))) problems.push(`canned ACL ${String(acl)} grants access to ${acl === 'AuthenticatedRead' ? 'every AWS account' : 'everyone'}`);
    }
    if (problems.length) return fail(`bucket is not protected from public access: ${problems.join('; ')}`, ...evidence);
    if (cfg === undefined && r.source === 'live') return pass('the account-level Block Public Access covers this bucket (all four settings on)', ...evidence);
    return pass(cfg === undefined ? 'Block Public Access is on by default (all four settings) and no public ACL is set' : 'all four Block Public Access settings are on and no public ACL is set', ...evidence);
  },
});

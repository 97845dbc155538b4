import { defineRule } from '../../../src/evaluate/rule.js';
import { known, asArray, asNumber, must, ev, pass, fail, unknown, notApplicable } from '../../../src/evaluate/facts.js';
import { dataSetsOf, strictest } from '../_datasets.js';

const scoped = (rule: Record<string, unknown>) =>
  Boolean(rule.Prefix || rule.TagFilters || rule.ObjectSizeGreaterThan !== undefined || rule.ObjectSizeLessThan !== undefined);

export default defineRule({
  id: 'data-retention/aws-s3-bucket',
  control: 'data-retention',
  title: 'Buckets holding a named data set expire objects (and old versions) within the promised retention',
  severity: 'medium',
  risk: 'Without an enabled lifecycle expiration the bucket keeps objects forever; on a versioned bucket, expiration only adds a delete marker and old versions stay unless NoncurrentVersionExpiration removes them.',
  remediation: {
    text: 'Add an enabled, bucket-wide lifecycle rule with ExpirationInDays at most the data set’s limit and, for versioned buckets, NoncurrentVersionExpiration so that current + noncurrent days stay within it.',
    cdk: "new s3.Bucket(this, 'Telemetry', { lifecycleRules: [{ expiration: Duration.days(7), noncurrentVersionExpiration: Duration.days(1) }] })",
    cloudformation: 'LifecycleConfiguration:\n  Rules:\n    - Id: expire\n      Status: Enabled\n      ExpirationInDays: 7\n      NoncurrentVersionExpiration: { NoncurrentDays: 1 }',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-expire-general-considerations.html'],
  types: ['aws.s3.bucket'],
  sources: ['iac', 'live'],
  check(r, { params }) {
    if (params.retention.length === 0) return notApplicable('the claims profile names no retention data sets (parameters.retention)');
    const m = dataSetsOf(r, params, 'BucketName');
    if (m.matched.length === 0) {
      if (m.undetermined.length)
        return unknown(`BucketName depends on ${m.undetermined[0]!.expression}; cannot tell whether it holds ${m.undetermined.map((u) => u.set.dataSet).join(', ')}`, ev('BucketName', `<unresolved: ${m.undetermined[0]!.expression}>`));
      return notApplicable(`matches no retention data set in the claims profile (${params.retention.map((s) => s.dataSet).join(', ')})`);
    }
    const set = strictest(m.matched);
    const expected = `objects and old versions deleted within ${set.maxDays} days (data set ${set.dataSet})`;
    const versioned = known(r, 'VersioningConfiguration.Status') === 'Enabled';
    const rules = asArray(known(r, 'LifecycleConfiguration.Rules')).map((x, i) => must(x, `LifecycleConfiguration.Rules[${i}]`) as Record<string, unknown>);
    const enabled = rules.filter((x) => x?.Status === 'Enabled' && x.ExpirationInDays !== undefined);
    const whole = enabled.filter((x) => !scoped(x));
    if (whole.length === 0) {
      if (enabled.length)
        return unknown(`expiration rules cover only part of the bucket (prefix/tag/size filters); vouch cannot tell whether ${set.dataSet} objects are all under them`, ev('LifecycleConfiguration.Rules', enabled, expected));
      return fail(`no enabled expiration rule: objects never expire, but ${set.dataSet} must be deleted within ${set.maxDays} days`, ev('LifecycleConfiguration.Rules', rules.length ? rules : null, expected, 'omitted: S3 keeps objects indefinitely'));
    }
    const days = Math.min(...whole.map((x) => asNumber(must(x.ExpirationInDays, 'ExpirationInDays')) ?? Infinity));
    let noncurrent = 0;
    if (versioned) {
      const nc = whole.map((x) => asNumber((x.NoncurrentVersionExpiration as Record<string, unknown> | undefined)?.NoncurrentDays ?? x.NoncurrentVersionExpirationInDays));
      const known_ = nc.filter((n): n is number => n !== undefined);
      if (known_.length === 0)
        return fail(`bucket is versioned and no rule expires noncurrent versions: old versions of ${set.dataSet} are kept forever`, ev('LifecycleConfiguration.Rules', whole, expected, 'Expiration on a versioned bucket only adds a delete marker'));
      noncurrent = Math.min(...known_);
    }
    const total = days + noncurrent;
    const evidence = ev('LifecycleConfiguration.Rules', whole, expected, versioned ? `versioned: ${days} days current + ${noncurrent} days noncurrent` : undefined);
    return total <= set.maxDays
      ? pass(`objects expire after ${total} days (data set ${set.dataSet}, limit ${set.maxDays})`, evidence)
      : fail(`objects kept up to ${total} days, longer than the ${set.maxDays} days promised for ${set.dataSet}`, evidence);
  },
});

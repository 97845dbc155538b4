import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail, notApplicable, tagsOf, describe, nameBeside } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import type { Resource } from '../../../src/model/resource.js';
import type { Inventory } from '../../../src/model/inventory.js';
import { logDeliveriesTo, logTargetMark } from '../_log-destinations.js';

/** Tag that marks a bucket as holding no customer data (e.g. static website assets). */
export const NO_CUSTOMER_DATA_TAG = 'vouch:customer-data';

export default defineRule({
  id: 'audit-logging/aws-s3-bucket-access-logging',
  control: 'audit-logging',
  title: 'Buckets that may hold customer data record server access logs',
  severity: 'medium',
  risk: 'Without server access logs there is no record of who read or changed objects, so access to customer data cannot be reviewed or investigated.',
  remediation: {
    text: `Enable server access logging to a dedicated log bucket. Buckets that hold no customer data can be tagged ${NO_CUSTOMER_DATA_TAG}=false.`,
    cdk: "new s3.Bucket(this, 'Data', { serverAccessLogsBucket: logBucket, serverAccessLogsPrefix: 'data/' })",
    cloudformation: 'LoggingConfiguration:\n  DestinationBucketName: !Ref AccessLogBucket\n  LogFilePrefix: data/',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html', 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html'],
  types: ['aws.s3.bucket'],
  sources: ['iac', 'live'],
  check(r, { inventory }) {
    // Which buckets hold customer data: every bucket, except log buckets (they receive logs from
    // another resource, grant a log-delivery service or the log-delivery group, or are set up as a
    // CloudFront log target) and buckets tagged vouch:customer-data=false.
    // A bucket that receives audit logs (CloudTrail, or AWS Config's configuration history and
    // snapshots) is never exempt (not by the tag either): who read or deleted the audit trail is what
    // an investigation needs (CIS AWS Foundations 3.6; the corpus labels judge Config buckets alike).
    // Only other log buckets (ELB, CloudFront, S3 access logs, flow logs, WAF, Network Firewall,
    // Resolver query logs, vended log deliveries: rules/audit-logging/_log-destinations.ts) are, since logging them adds little.
    const deliveries = [...new Set([...inventory.related(r, 'logsFrom'), ...logDeliveriesTo(r, inventory)])];
    const audit = [...trailsWritingTo(r, inventory), ...deliveries.filter((s) => s.type === 'aws.config.delivery-channel')];
    const trails = [...new Set(audit)];
    if (trails.length === 0 && tagsOf(r)[NO_CUSTOMER_DATA_TAG]?.toLowerCase() === 'false')
      return notApplicable(`tagged ${NO_CUSTOMER_DATA_TAG}=false: holds no customer data`, ev(`Tags.${NO_CUSTOMER_DATA_TAG}`, 'false'));
    const sources = deliveries.filter((s) => !trails.includes(s));
    if (trails.length === 0 && sources.length)
      return notApplicable(`log bucket: receives logs from ${sources.map((s) => s.name ?? s.id).join(', ')}`, ev('(logsFrom)', sources.map((s) => s.id)));
    const acl = known(r, 'AccessControl');
    if (trails.length === 0 && acl === 'LogDeliveryWrite') return notApplicable('log bucket (AccessControl LogDeliveryWrite)', ev('AccessControl', acl));
    const mark = trails.length === 0 ? logTargetMark(r, inventory) : undefined;
    if (mark) return notApplicable(`log bucket: ${mark.why}`, ev(mark.path, mark.observed));
    // Server access logging is on as soon as the bucket has a LoggingConfiguration; its presence decides,
    // not the destination's value. S3 takes only the name of an existing bucket the account owns as the
    // destination (a stack naming anything else does not deploy), and without DestinationBucketName the
    // logs go to the bucket itself (CloudFormation's documented default; CDK's serverAccessLogsPrefix
    // alone emits that). So a destination from a parameter, an import, a condition's branch or a name
    // built around literal text is logging on whatever it resolves to; the destination bucket's own
    // judgement is separate. The configuration itself must be known: a whole LoggingConfiguration under
    // an unknown condition, or a live collection gap, is unknown (known() throws). A literal empty or
    // null name is no bucket and fails as before.
    const config = known(r, 'LoggingConfiguration');
    const dest = config && typeof config === 'object' && !Array.isArray(config) ? get(r.properties, 'LoggingConfiguration.DestinationBucketName') : null;
    if (dest !== null && dest !== '') {
      const on = trails.length ? 'audit log bucket with server access logging on' : 'server access logging is on';
      if (dest === undefined)
        return pass(`${on}, into the bucket itself (no DestinationBucketName)`, ev('LoggingConfiguration', config, 'a log bucket', 'without DestinationBucketName S3 writes the access logs into the bucket itself'));
      return pass(
        on,
        ev('LoggingConfiguration.DestinationBucketName', describe(dest), 'a log bucket', isUnresolved(dest) ? 'the destination name is not in the template, but S3 logs only to an existing bucket: logging is on whatever it names' : undefined),
      );
    }
    if (trails.length)
      return fail(`receives audit logs from ${trails.map((t) => `${t.type === 'aws.cloudtrail.trail' ? 'CloudTrail trail' : 'AWS Config delivery channel'} ${nameBeside(t, r)}`).join(', ')} but has no server access logging of its own (CIS AWS 3.6)`, ev('LoggingConfiguration', null, 'DestinationBucketName set', 'omitted: S3 does not log requests by default'), ev('(logsFrom)', trails.map((t) => t.id)));
    return fail('server access logging is off', ev('LoggingConfiguration', null, 'DestinationBucketName set', 'omitted: S3 does not log requests by default'));
  },
});

/** Trails delivering to the bucket: by reference (relation) or by the bucket's literal name. */
function trailsWritingTo(r: Resource, inventory: Inventory): Resource[] {
  const out = inventory.related(r, 'logsFrom').filter((s) => s.type === 'aws.cloudtrail.trail');
  const name = get(r.properties, 'BucketName');
  if (typeof name === 'string' && name !== '')
    for (const t of inventory.ofType('aws.cloudtrail.trail')) if (get(t.properties, 'S3BucketName') === name && !out.includes(t)) out.push(t);
  return out;
}

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable, tagsOf, describe } from '../../../src/evaluate/facts.js';

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
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html'],
  types: ['aws.s3.bucket'],
  sources: ['iac', 'live'],
  check(r, { inventory }) {
    // Which buckets hold customer data: every bucket, except log buckets (they receive logs from
    // another resource, or grant the log-delivery group) and buckets tagged vouch:customer-data=false.
    if (tagsOf(r)[NO_CUSTOMER_DATA_TAG]?.toLowerCase() === 'false')
      return notApplicable(`tagged ${NO_CUSTOMER_DATA_TAG}=false: holds no customer data`, ev(`Tags.${NO_CUSTOMER_DATA_TAG}`, 'false'));
    const sources = inventory.related(r, 'logsFrom');
    if (sources.length) return notApplicable(`log bucket: receives logs from ${sources.map((s) => s.name ?? s.id).join(', ')}`, ev('(logsFrom)', sources.map((s) => s.id)));
    const acl = known(r, 'AccessControl');
    if (acl === 'LogDeliveryWrite') return notApplicable('log bucket (AccessControl LogDeliveryWrite)', ev('AccessControl', acl));
    const dest = known(r, 'LoggingConfiguration.DestinationBucketName');
    if (dest !== undefined && dest !== null && dest !== '')
      return pass('server access logging is on', ev('LoggingConfiguration.DestinationBucketName', describe(dest), 'a log bucket'));
    return fail('server access logging is off', ev('LoggingConfiguration', null, 'DestinationBucketName set', 'omitted: S3 does not log requests by default'));
  },
});

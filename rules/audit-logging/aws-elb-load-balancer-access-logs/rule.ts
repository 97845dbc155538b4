import { defineRule } from '../../../src/evaluate/rule.js';
import { known, asBool, ev, pass, fail, knownPointer, pointerNote } from '../../../src/evaluate/facts.js';

export default defineRule({
  id: 'audit-logging/aws-elb-load-balancer-access-logs',
  control: 'audit-logging',
  title: 'Classic load balancers write access logs',
  severity: 'low',
  risk: 'Without access logs there is no record of the requests a classic load balancer served, their clients and results.',
  remediation: {
    text: 'Set AccessLoggingPolicy with Enabled: true and an S3BucketName (or migrate to an Application Load Balancer with access logs on).',
    cdk: "new elb.CfnLoadBalancer(this, 'Lb', { ..., accessLoggingPolicy: { enabled: true, s3BucketName: logBucket.bucketName, emitInterval: 60 } })",
    cloudformation: 'AccessLoggingPolicy:\n  Enabled: true\n  S3BucketName: !Ref LogBucket\n  EmitInterval: 60',
  },
  references: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/access-log-collection.html'],
  types: ['aws.elb.load-balancer'],
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'AccessLoggingPolicy.Enabled');
    if (asBool(raw) === true) {
      // The bucket is evidence only: Enabled decides, and ELB takes only an existing bucket it may write to.
      const bucket = knownPointer(r, 'AccessLoggingPolicy.S3BucketName');
      return pass('access logs are written to S3', ev('AccessLoggingPolicy.Enabled', raw, true), ev('AccessLoggingPolicy.S3BucketName', bucket ?? null, 'a log bucket', pointerNote(bucket, 'the log bucket')));
    }
    return fail('access logs are off', ev('AccessLoggingPolicy.Enabled', raw ?? null, true, raw === undefined ? 'omitted: classic load balancers write no access logs by default' : undefined));
  },
});


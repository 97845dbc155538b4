import { defineRule } from '../../../src/evaluate/rule.js';
import { known, asRecord, ev, pass, fail, text } from '../../../src/evaluate/facts.js';

export default defineRule({
  id: 'tls-min/aws-s3-bucket-website',
  control: 'tls-min',
  title: 'S3 buckets do not expose an HTTP-only website endpoint',
  severity: 'medium',
  risk: 'An S3 website endpoint supports no TLS at all: whatever it serves travels unencrypted, below any TLS floor.',
  remediation: {
    text: 'Serve the content through CloudFront (TLS 1.2+ security policy) with an origin access control, and remove the bucket’s WebsiteConfiguration.',
    cdk: "new cloudfront.Distribution(this, 'Site', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(bucket) }, minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 })",
    cloudformation: '# remove WebsiteConfiguration from the bucket; put a CloudFront distribution in front',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html'],
  types: ['aws.s3.bucket'],
  sources: ['iac'],
  check(r, { params }) {
    const site = known(r, 'WebsiteConfiguration');
    if (site === undefined || site === null) return undefined;
    const proto = known(r, 'WebsiteConfiguration.RedirectAllRequestsTo.Protocol');
    if (text(proto).toLowerCase() === 'https')
      return pass('the website endpoint serves nothing but a redirect to an https:// host', ev('WebsiteConfiguration.RedirectAllRequestsTo.Protocol', proto, 'https'));
    return fail(`the bucket's website endpoint serves content over HTTP only, with no TLS (the promise is TLS ${params.tlsMin}+)`, ev('WebsiteConfiguration', Object.keys(asRecord(site)), `no HTTP-only website endpoint (TLS ${params.tlsMin}+)`));
  },
});

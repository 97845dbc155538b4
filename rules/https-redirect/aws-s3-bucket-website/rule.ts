import { defineRule } from '../../../src/evaluate/rule.js';
import { known, asRecord, ev, pass, fail, text } from '../../../src/evaluate/facts.js';

export default defineRule({
  id: 'https-redirect/aws-s3-bucket-website',
  control: 'https-redirect',
  title: 'S3 buckets do not serve a static website over plain HTTP',
  severity: 'medium',
  risk: 'An S3 website endpoint (bucket.s3-website-region.amazonaws.com) speaks only HTTP: it never redirects to HTTPS, so the site is served in plaintext to anyone who reaches the endpoint.',
  remediation: {
    text: 'Remove WebsiteConfiguration and serve the bucket through CloudFront with an origin access control and ViewerProtocolPolicy redirect-to-https; a website configuration that only redirects must redirect to https.',
    cdk: "new cloudfront.Distribution(this, 'Site', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(bucket), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS } }) // and no websiteIndexDocument on the bucket",
    cloudformation: '# remove WebsiteConfiguration, or\nWebsiteConfiguration:\n  RedirectAllRequestsTo: { HostName: www.example.com, Protocol: https }',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html'],
  types: ['aws.s3.bucket'],
  sources: ['iac'],
  check(r) {
    const site = known(r, 'WebsiteConfiguration');
    if (site === undefined || site === null) return undefined;
    const redirect = known(r, 'WebsiteConfiguration.RedirectAllRequestsTo');
    if (redirect !== undefined && redirect !== null) {
      const proto = known(r, 'WebsiteConfiguration.RedirectAllRequestsTo.Protocol');
      if (text(proto).toLowerCase() === 'https')
        return pass('the website endpoint only redirects every request to an https:// host', ev('WebsiteConfiguration.RedirectAllRequestsTo.Protocol', proto, 'https'));
      return fail(
        'the website endpoint redirects every request, but not to https://',
        ev('WebsiteConfiguration.RedirectAllRequestsTo.Protocol', proto ?? null, 'https', proto === undefined ? 'omitted: the redirect keeps the original request’s protocol, http' : undefined),
      );
    }
    return fail('the bucket serves a static website over plain HTTP (S3 website endpoints have no HTTPS and no redirect)', ev('WebsiteConfiguration', Object.keys(asRecord(site)), 'no website endpoint, or RedirectAllRequestsTo with Protocol https'));
  },
});

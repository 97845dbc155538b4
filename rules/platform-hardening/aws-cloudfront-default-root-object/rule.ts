import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';

/**
 * FSBP CloudFront.1: a request for the distribution's root URL returns a
 * chosen object rather than whatever the origin answers for `/` (an S3
 * origin may list its objects). Templates only: the distribution list call
 * does not return the default root object, and reading each distribution's
 * configuration would be a call per distribution.
 */
export default defineRule({
  id: 'platform-hardening/aws-cloudfront-default-root-object',
  control: 'platform-hardening',
  title: 'CloudFront distributions have a default root object',
  severity: 'low',
  risk: 'Without a default root object a request for the root URL is passed to the origin, which may list its contents or expose an object not meant to be served.',
  remediation: {
    text: 'Set the distribution default root object (for example index.html).',
    cdk: "new cloudfront.Distribution(this, 'Site', { ..., defaultRootObject: 'index.html' })",
    cloudformation: 'Type: AWS::CloudFront::Distribution\nProperties:\n  DistributionConfig:\n    DefaultRootObject: index.html',
  },
  references: ['https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DefaultRootObject.html'],
  types: ['aws.cloudfront.distribution'],
  sources: ['iac'],
  check(r) {
    const v = known(r, 'DistributionConfig.DefaultRootObject');
    const e = ev('DistributionConfig.DefaultRootObject', v ?? null, 'an object name', v === undefined ? 'omitted: requests for / go to the origin' : undefined);
    return typeof v === 'string' && v.trim() !== '' ? pass(`the default root object is ${v}`, e) : fail('the distribution has no default root object', e);
  },
});

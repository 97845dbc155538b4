import { defineRule } from '../../../src/evaluate/rule.js';
import { known, knownDocument } from '../../../src/evaluate/facts.js';
import { judgePublicPolicy } from '../_resource-policy.js';

/**
 * Read as every other resource policy (../_resource-policy.ts): an Allow for
 * Principal "*" (or NotPrincipal) fails unless a condition pins the caller; a
 * statement whose AWS principal is not known and that no condition restricts
 * is unknown. S3's own key: `s3:DataAccessPointAccount` pins callers to the
 * access points of one account (the documented way to delegate a bucket's
 * access control to its access points). CloudFront origin access (the
 * `cloudfront.amazonaws.com` service principal with `AWS:SourceArn`, or an
 * origin access identity) names a principal, not everyone.
 */
export default defineRule({
  id: 'public-access/aws-s3-bucket-policy',
  control: 'public-access',
  title: 'S3 bucket policies grant nothing to everyone without a restricting condition',
  severity: 'critical',
  risk: 'An Allow for Principal "*" without a condition on VPC endpoint, source IP, organization or calling resource makes the bucket readable (or writable) by anyone on the internet.',
  remediation: {
    text: 'Grant access to named principals, or keep Principal "*" only with a restricting condition (aws:SourceVpce, aws:PrincipalOrgID, aws:SourceArn...). For public websites, use CloudFront with origin access control instead of a public bucket.',
    cdk: "bucket.addToResourcePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')], principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')], conditions: { StringEquals: { 'AWS:SourceArn': distributionArn } } }))",
    cloudformation: 'Statement:\n  - Effect: Allow\n    Principal: { Service: cloudfront.amazonaws.com }\n    Action: s3:GetObject\n    Resource: !Sub "${Bucket.Arn}/*"\n    Condition: { StringEquals: { "AWS:SourceArn": !Sub "arn:aws:cloudfront::${AWS::AccountId}:distribution/${Cdn}" } }',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html',
  ],
  types: ['aws.s3.bucket-policy'],
  sources: ['iac', 'live'],
  check(r) {
    // known(): a live policy the collector could not read (a gap) is unknown, never judged as absent.
    return judgePublicPolicy(knownDocument(r, 'PolicyDocument'), { path: 'PolicyDocument', what: "use the bucket's data", extraKeys: ['s3:dataaccesspointaccount'] });
  },
});

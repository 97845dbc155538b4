import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { known, must, ev, pass, fail, unknown } from '../../../src/evaluate/facts.js';
import { isEveryone, policyStatements } from '../../../src/lib/s3-policy.js';
import { pinningConditionsSplit } from '../../../src/lib/iam.js';

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
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status'],
  types: ['aws.s3.bucket-policy'],
  sources: ['iac', 'live'],
  check(r) {
    const doc = known(r, 'PolicyDocument');
    const statements = policyStatements(doc);
    if (!statements) return unknown('the policy document cannot be read', ev('PolicyDocument', doc ?? null));
    const verdicts: Verdict[] = [];
    statements.forEach((s, i) => {
      const path = `PolicyDocument.Statement[${i}]`;
      if (must(s.Effect, `${path}.Effect`) !== 'Allow') return;
      must(s.Principal, `${path}.Principal`);
      must(s.Condition, `${path}.Condition`);
      const subId = typeof s.Sid === 'string' && s.Sid ? s.Sid : `Statement[${i}]`;
      const everyone = isEveryone(s.Principal) || s.NotPrincipal !== undefined;
      if (!everyone) return;
      // Not an ARN or account id with a wildcard account: `arn:aws:iam::*:role/x` is that name in every account.
      const { pinned: narrowing, hidden } = pinningConditionsSplit(s.Condition);
      const evidence = [
        ev(`${path}.${s.NotPrincipal !== undefined ? 'NotPrincipal' : 'Principal'}`, s.NotPrincipal ?? s.Principal, 'named principals, or a restricting condition'),
        ev(`${path}.Action`, s.Action ?? s.NotAction ?? null),
        ev(`${path}.Condition`, s.Condition ?? null, 'aws:SourceVpce | aws:SourceIp | aws:PrincipalOrgID | aws:SourceArn | aws:SourceAccount ...'),
      ];
      if (narrowing.length) verdicts.push({ ...pass(`statement ${subId} allows everyone, narrowed by ${narrowing.join(', ')}`, ...evidence), subId });
      // A pin valued by a parameter or import could be anything (even "*"): not known to pin anyone.
      else if (hidden.length) verdicts.push({ ...unknown(`statement ${subId} allows everyone, narrowed only by ${hidden.join(', ')}, whose value comes from a parameter or import`, ...evidence), subId });
      else
        verdicts.push({
          ...fail(`statement ${subId} allows ${s.NotPrincipal !== undefined ? 'everyone except the NotPrincipal' : 'everyone ("*")'} with no restricting condition`, ...evidence),
          subId,
        });
    });
    if (verdicts.length === 0) return pass(`no statement allows everyone (${statements.length} statements)`, ev('PolicyDocument.Statement', `${statements.length} statements`, 'no Allow for Principal "*"'));
    return verdicts;
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import type { Inventory } from '../../../src/model/inventory.js';
import { get } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import { judgeOpenedByPolicies } from '../_opened-by-policy.js';
import { judgePublicPolicy } from '../_resource-policy.js';
import { POLICY_HOLDERS, KINESIS_POLICY, OPENED_TYPES, type PolicyHolder } from '../_policy-holders.js';

/** A MediaPackage v2 endpoint or channel is named by its policy through these properties, not by a reference. */
const NAMED_BY: Readonly<Record<string, { policy: string; props: readonly string[] }>> = {
  'aws.mediapackagev2.origin-endpoint': { policy: 'aws.mediapackagev2.origin-endpoint-policy', props: ['ChannelGroupName', 'ChannelName', 'OriginEndpointName'] },
  'aws.mediapackagev2.channel': { policy: 'aws.mediapackagev2.channel-policy', props: ['ChannelGroupName', 'ChannelName'] },
};

/** The same name: the same literal, or the same expression (`!Ref Group` beside `!Ref Group`). */
function sameName(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  if (isUnresolved(a) && isUnresolved(b)) return a.expression === b.expression;
  return false;
}

function policiesOf(r: Resource, inventory: Inventory): Resource[] {
  const named = NAMED_BY[r.type];
  if (!named) return inventory.related(r, 'policy');
  return inventory
    .ofType(named.policy)
    .filter((p) => p.location.stack === r.location.stack && named.props.every((k) => sameName(get(p.properties, k), get(r.properties, k))));
}

/**
 * The resource a separate policy resource opens (a Kinesis stream or consumer named by an
 * AWS::Kinesis::ResourcePolicy, a VPC Lattice service network or service by its resource or auth
 * policy, a MediaPackage v2 endpoint or channel by its policy, an MSK cluster, an S3 Express / Tables /
 * Vectors / Outposts bucket, a Lambda function, a Lex bot... by theirs: ../_policy-holders.ts) is as
 * public as those policies, read as the policy rules read them. The verdict lands on the policy and on
 * what it opens, as for an S3 bucket and its bucket policy (labels.scout17 fails both). A resource no
 * policy in the template names is out of scope: its default grants only the owning account.
 */
export default defineRule({
  id: 'public-access/aws-resource-opened-by-policy',
  control: 'public-access',
  title: 'Streams, service networks, media endpoints, buckets and functions are not opened to everyone by a separate resource policy',
  severity: 'high',
  risk: 'A resource that a separate policy resource opens to Principal "*" without a condition is usable by any AWS account: its records read, its endpoint\'s content fetched, its network joined.',
  remediation: {
    text: 'Grant the resource in its policy to the accounts or services that use it, or pin Principal "*" with aws:PrincipalOrgID or aws:SourceArn / aws:SourceAccount.',
    cdk: 'stream.grantRead(partnerRole) // names the principal instead of "*"',
    cloudformation: 'Type: AWS::MediaPackageV2::OriginEndpointPolicy\nProperties:\n  Policy:\n    Statement:\n      - Effect: Allow\n        Principal: { Service: cloudfront.amazonaws.com }\n        Action: mediapackagev2:GetObject\n        Resource: !GetAtt Endpoint.Arn\n        Condition: { StringEquals: { aws:SourceArn: !Ref DistributionArn } }',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html', 'https://docs.aws.amazon.com/streams/latest/dev/controlling-access.html', 'https://docs.aws.amazon.com/mediapackage/latest/userguide/endpoint-auth.html'],
  types: [...OPENED_TYPES],
  // Live, no collector reads these policies yet: judged in templates.
  sources: ['iac'],
  check(r, { inventory }) {
    const policies = policiesOf(r, inventory);
    const noun = r.type.split('.').pop()!.replace(/-/g, ' ');
    return judgeOpenedByPolicies(r, inventory, { path: 'Policy', what: 'use it' }, noun, {
      policies,
      judge: (p) => {
        const h: PolicyHolder | undefined = p.type === 'aws.kinesis.resource-policy' ? KINESIS_POLICY : POLICY_HOLDERS[p.type];
        if (!h) return undefined;
        return judgePublicPolicy(get(p.properties, h.path), { path: h.path, what: h.what, extraKeys: h.extraKeys });
      },
    });
  },
});

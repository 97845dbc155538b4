import { defineRule } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { get, ev, mustDocument, pass } from '../../../src/evaluate/facts.js';
import { judgePublicPolicy } from '../_resource-policy.js';
import { POLICY_HOLDERS } from '../_policy-holders.js';

/**
 * One reading for every other resource policy in CloudFormation (the table in ../_policy-holders.ts:
 * Logs destinations and log groups, VPC Lattice resource and auth policies, MediaPackage v2 and
 * MediaTailor policies, EFS and S3 Files file systems, S3 Outposts / Express / Tables / Vectors /
 * Object Lambda / multi-Region access point policies, MSK cluster policies, Redshift namespaces,
 * schema registries, ECR registry policies, Lambda / Lex / Bedrock / SSM / APS / CloudTrail / X-Ray
 * resource policies...): the S3 bucket policy's reading (../_resource-policy.ts). An Allow for
 * Principal "*" (or NotPrincipal) with no condition that pins the caller fails; pinned by
 * aws:PrincipalOrgID / SourceArn / SourceAccount / SourceVpce / SourceIp... passes; a piece the
 * template leaves unresolved is unknown. The verdict lands on the resource that carries the
 * document (a separate policy resource, or the resource itself); what a separate policy opens is
 * judged too, by aws-resource-opened-by-policy.
 */
export default defineRule({
  id: 'public-access/aws-resource-policy',
  control: 'public-access',
  title: 'Resource policies of every other service grant nothing to everyone without a condition that pins the caller',
  severity: 'high',
  risk: 'A resource policy that allows Principal "*" with no condition lets any AWS account (or anyone, for services that take anonymous calls) use the resource: subscribe to a log destination, associate with a service network, fetch an origin\'s content, read a file system or a table bucket.',
  remediation: {
    text: 'Name the accounts, roles or service principals that need the resource, or keep Principal "*" and pin it with aws:PrincipalOrgID, aws:SourceArn / aws:SourceAccount (service callers) or aws:SourceVpce.',
    cdk: "resource.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: [...], conditions: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }))",
    cloudformation: 'Policy:\n  Statement:\n    - Effect: Allow\n      Principal: "*"\n      Action: vpc-lattice:CreateServiceNetworkVpcAssociation\n      Resource: !GetAtt Network.Arn\n      Condition: { StringEquals: { aws:PrincipalOrgID: o-abc123 } }',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CreateDestination.html',
    'https://docs.aws.amazon.com/vpc-lattice/latest/ug/sharing.html',
    'https://docs.aws.amazon.com/mediapackage/latest/userguide/endpoint-auth.html',
  ],
  types: Object.keys(POLICY_HOLDERS),
  // Live, no collector reads these policies yet: judged in templates.
  sources: ['iac'],
  check(r, { inventory }) {
    const h = POLICY_HOLDERS[r.type];
    if (!h) return undefined;
    if (h.blockedBy) {
      const door = h.blockedBy === 'self' ? r : inventory.related(r, 'opens')[0];
      const blocked = door && publicPolicyBlocked(door);
      if (blocked) return blocked;
    }
    const raw = get(r.properties, h.path);
    // No policy on a resource that may carry one: only the owning account's principals may use it (out of scope, as a queue without a queue policy).
    if ((raw === undefined || raw === null || raw === '') && h.optional) return undefined;
    return judgePublicPolicy(mustDocument(raw, h.path), { path: h.path, what: h.what, extraKeys: h.extraKeys });
  },
});

/**
 * An S3 access point's Block Public Access: omitted means all four settings on, and BlockPublicPolicy on makes S3
 * refuse a policy that grants public access, so the policy cannot open the door. Anything else (off, unresolved):
 * undefined, and the policy is judged on its own.
 */
function publicPolicyBlocked(door: Resource): Verdict | undefined {
  const name = door.location.logicalId ?? door.id;
  const cfg = get(door.properties, 'PublicAccessBlockConfiguration');
  if (cfg === undefined || cfg === null)
    return pass(`${name} keeps Block Public Access on (omitted: all four settings on for a new access point), so S3 refuses a public policy`, ev(`${name}.PublicAccessBlockConfiguration`, null, 'BlockPublicPolicy true', 'omitted: all four on'));
  const bpp = get(cfg, 'BlockPublicPolicy');
  if (bpp === true || bpp === 'true')
    return pass(`${name} sets BlockPublicPolicy, so S3 refuses a public policy`, ev(`${name}.PublicAccessBlockConfiguration.BlockPublicPolicy`, bpp, true));
  return undefined;
}

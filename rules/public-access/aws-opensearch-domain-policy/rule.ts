import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, notApplicable, knownDocument } from '../../../src/evaluate/facts.js';
import { judgePublicPolicy } from '../_resource-policy.js';
import { ACCESS_POLICY_CFN_TYPE, judgeAccessPolicyResource, vpcPass, withFineGrained } from '../_domain-access-policy.js';

/**
 * An OpenSearch (or Elasticsearch) domain with a public endpoint whose access
 * policy allows Principal "*" with no condition answers anyone on the internet:
 * the open clusters behind many data leaks. Not public: a VPC domain (reached
 * only from its VPC), a domain without an access policy (only this account's
 * IAM identities), and an open policy on a domain with fine-grained access
 * control, which authenticates every request itself (AWS's documented setup).
 * A domain whose policy aws-cdk-lib sets through Custom::OpenSearchAccessPolicy
 * is judged by that policy, not as a domain without one.
 */
export default defineRule({
  id: 'public-access/aws-opensearch-domain-policy',
  control: 'public-access',
  title: 'OpenSearch domains with a public endpoint do not let anyone in through their access policy',
  severity: 'critical',
  risk: 'A public-endpoint domain whose access policy allows "*" without a condition, and without fine-grained access control, lets anyone on the internet read, change and delete its indexes.',
  remediation: {
    text: 'Put the domain in a VPC (VPCOptions), or grant its access policy to named roles or source IP ranges, or enable fine-grained access control (AdvancedSecurityOptions) so every request is authenticated.',
    cdk: "new opensearch.Domain(this, 'Search', { version, vpc, fineGrainedAccessControl: { masterUserArn: adminRole.roleArn }, enforceHttps: true, nodeToNodeEncryption: true, encryptionAtRest: { enabled: true } })",
    cloudformation: 'AccessPolicies:\n  Statement:\n    - Effect: Allow\n      Principal: { AWS: !GetAtt SearchClientRole.Arn }\n      Action: es:ESHttp*\n      Resource: !Sub "arn:${AWS::Partition}:es:${AWS::Region}:${AWS::AccountId}:domain/search/*"',
  },
  references: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html',
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/fgac.html',
  ],
  types: ['aws.opensearch.domain', 'aws.elasticsearch.domain'],
  // The live collector does not read access policies yet: judged in templates.
  sources: ['iac'],
  check(r, { inventory }) {
    const inVpc = vpcPass(r);
    if (inVpc) return inVpc;
    const policy = knownDocument(r, 'AccessPolicies');
    if (policy === undefined || policy === null) {
      // aws-cdk-lib sets the policy through a custom resource instead (see ../_domain-access-policy.ts).
      const setters = inventory.related(r, 'accessPolicy');
      if (!setters.length) return notApplicable('no access policy: only IAM identities of this account that are granted es:ESHttp* can call the domain', ev('AccessPolicies', null));
      const verdicts = setters.flatMap((p) => {
        const v = judgeAccessPolicyResource(p);
        const by = p.location.logicalId ?? p.id;
        return (Array.isArray(v) ? v : [v]).map((x) => ({ ...x, message: `access policy set by ${by} (${ACCESS_POLICY_CFN_TYPE[p.type] ?? p.type}): ${x.message}`, subId: setters.length > 1 ? `${by}/${x.subId ?? 'policy'}` : x.subId }));
      });
      return withFineGrained(r, verdicts, { path: 'AccessPolicies', value: `set by ${setters.map((p) => p.location.logicalId ?? p.id).join(', ')}` });
    }
    const verdicts = judgePublicPolicy(policy, { path: 'AccessPolicies', what: 'call the domain from the internet' });
    return withFineGrained(r, verdicts, { path: 'AccessPolicies', value: policy });
  },
});

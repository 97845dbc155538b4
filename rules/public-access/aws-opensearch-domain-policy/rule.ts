import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, notApplicable, asArray, asBool, get } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import { judgePublicPolicy } from '../_resource-policy.js';

/**
 * An OpenSearch (or Elasticsearch) domain with a public endpoint whose access
 * policy allows Principal "*" with no condition answers anyone on the internet:
 * the open clusters behind many data leaks. Not public: a VPC domain (reached
 * only from its VPC), a domain without an access policy (only this account's
 * IAM identities), and an open policy on a domain with fine-grained access
 * control, which authenticates every request itself (AWS's documented setup).
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
  check(r) {
    // Subnets from a parameter still place the domain in a VPC (the list cannot be empty: CreateDomain refuses it).
    const rawSubnets = get(r.properties, 'VPCOptions.SubnetIds');
    const subnets = isUnresolved(rawSubnets) ? [rawSubnets] : asArray(known(r, 'VPCOptions.SubnetIds'));
    if (subnets.length) return pass('a VPC domain: its endpoint is reachable only from the VPC', ev('VPCOptions.SubnetIds', subnets.length, 'a VPC, or an access policy that does not admit everyone'));
    const policy = known(r, 'AccessPolicies');
    if (policy === undefined || policy === null) return notApplicable('no access policy: only IAM identities of this account that are granted es:ESHttp* can call the domain', ev('AccessPolicies', null));
    const verdicts = judgePublicPolicy(policy, { path: 'AccessPolicies', what: 'call the domain from the internet' });
    const list = Array.isArray(verdicts) ? verdicts : [verdicts];
    if (!list.some((v) => v.status === 'fail')) return verdicts;
    const fgac = known(r, 'AdvancedSecurityOptions.Enabled');
    if (asBool(fgac) === true)
      return pass('the access policy admits everyone, but fine-grained access control authenticates every request', ev('AdvancedSecurityOptions.Enabled', fgac, true), ev('AccessPolicies', policy));
    return list;
  },
});

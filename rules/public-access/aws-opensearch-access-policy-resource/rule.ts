import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { ev, unknown, nameBeside } from '../../../src/evaluate/facts.js';
import { judgeAccessPolicyResource, vpcPass, withFineGrained } from '../_domain-access-policy.js';

/**
 * The access policy aws-cdk-lib's `opensearch.Domain({ accessPolicies })` (and
 * `elasticsearch.Domain`) sets through a custom resource, judged where it is
 * written, with the reading of public-access/aws-opensearch-domain-policy:
 * open to everyone without a pinning condition fails, unless the domain it
 * sets is in a VPC or uses fine-grained access control. When the domain is not
 * in the template, an open policy is `unknown`: its endpoint is not known.
 */
export default defineRule({
  id: 'public-access/aws-opensearch-access-policy-resource',
  control: 'public-access',
  title: 'Access policies set on OpenSearch domains through a custom resource do not let anyone in',
  severity: 'critical',
  risk: 'The policy this resource sets on a public-endpoint domain allows "*" without a condition: anyone on the internet can read, change and delete the domain\'s indexes.',
  remediation: {
    text: 'Grant the domain to named roles (or pin the caller with a condition such as aws:SourceIp), put the domain in a VPC, or enable fine-grained access control.',
    cdk: "new opensearch.Domain(this, 'Search', { version, accessPolicies: [new iam.PolicyStatement({ actions: ['es:ESHttpGet'], principals: [clientRole], resources: [domainArn + '/*'] })] })",
    cloudformation: 'AccessPolicies:\n  Statement:\n    - Effect: Allow\n      Principal: { AWS: !GetAtt SearchClientRole.Arn }\n      Action: es:ESHttpGet\n      Resource: !Sub "arn:${AWS::Partition}:es:${AWS::Region}:${AWS::AccountId}:domain/search/*"',
  },
  references: [
    'https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_opensearchservice.Domain.html',
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html',
  ],
  types: ['aws.custom.custom-open-search-access-policy', 'aws.custom.custom-elasticsearch-access-policy'],
  sources: ['iac'],
  check(r, { inventory }) {
    const domain = inventory.related(r, 'domain')[0];
    const verdicts = judgeAccessPolicyResource(r);
    const list: Verdict[] = Array.isArray(verdicts) ? verdicts : [verdicts];
    if (!domain) {
      if (!list.some((v) => v.status === 'fail')) return verdicts;
      return unknown(
        'the policy admits everyone, but the domain it sets is not in this template: whether its endpoint is in a VPC or uses fine-grained access control is not known',
        ...list.flatMap((v) => v.evidence ?? []),
        ev('domain', null, 'the domain in the same template (Ref in the SDK call)'),
      );
    }
    const inVpc = vpcPass(domain);
    if (inVpc) return { ...inVpc, message: `${inVpc.message} (domain ${domain.location.logicalId === undefined ? domain.id : nameBeside(domain, r)})` };
    return withFineGrained(domain, verdicts, { path: 'Create.parameters.AccessPolicies', value: `set on ${domain.location.logicalId ?? domain.id}` });
  },
});

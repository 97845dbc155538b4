import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, unknown, notApplicable } from '../../../src/evaluate/facts.js';
import { SERVICE_WILDCARD_REFERENCES } from '../../../src/lib/iam.js';
import { judgeResourcePolicyActions, accountRootDelegation } from '../_policy.js';
import { accessPolicyCalls, ACCESS_POLICY_CFN_TYPE } from '../../public-access/_domain-access-policy.js';

/**
 * An OpenSearch (or Elasticsearch) domain's access policy granting `es:*` (or `*`) gives its
 * principals every action on the domain: delete and rewrite every index and document, change the
 * cluster's settings, where a client needs the HTTP methods it uses (`es:ESHttpGet`, `es:ESHttpPost`...).
 * `service:*` is judged the same on every resource (../_policy.ts), and `es:*` to this stack's own account
 * root delegates to its IAM policies as elsewhere; who the principal is, and whether
 * anyone may call, is public-access's question. A policy that aws-cdk-lib sets through
 * Custom::OpenSearchAccessPolicy is read as the domain's (../../public-access/_domain-access-policy.ts).
 */
export default defineRule({
  id: 'iam-least-privilege/aws-opensearch-domain-policy',
  control: 'iam-least-privilege',
  title: 'OpenSearch domain access policies grant named actions, not es:*',
  severity: 'high',
  risk: 'A domain access policy that allows es:* lets its principals delete indexes, overwrite documents and change the domain, where readers and writers need a few HTTP methods.',
  remediation: {
    text: 'Grant each principal the HTTP methods it uses (es:ESHttpGet and es:ESHttpHead for readers; es:ESHttpPost, es:ESHttpPut for writers) on the domain\'s ARN/*; with fine-grained access control, es:ESHttp* and the role mappings.',
    cdk: "new opensearch.Domain(this, 'Search', { version, accessPolicies: [new iam.PolicyStatement({ actions: ['es:ESHttpGet', 'es:ESHttpPost'], principals: [clientRole], resources: [`arn:aws:es:${region}:${account}:domain/search/*`] })] })",
    cloudformation: 'AccessPolicies:\n  Statement:\n    - Effect: Allow\n      Principal: { AWS: !GetAtt SearchClientRole.Arn }\n      Action: [es:ESHttpGet, es:ESHttpPost]\n      Resource: !Sub "arn:${AWS::Partition}:es:${AWS::Region}:${AWS::AccountId}:domain/search/*"',
  },
  references: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html', ...SERVICE_WILDCARD_REFERENCES],
  types: ['aws.opensearch.domain', 'aws.elasticsearch.domain'],
  // The live collector does not read access policies yet: judged in templates.
  sources: ['iac'],
  check(r, { inventory }) {
    const policy = known(r, 'AccessPolicies');
    if (policy !== undefined && policy !== null) {
      const out = judgeResourcePolicyActions(policy, 'AccessPolicies', accountRootDelegation(false, r.location.account));
      return out.length ? out : pass('the access policy names its actions (no es:*, * or NotAction)', ev('AccessPolicies', policy, 'named es: actions'));
    }
    const setters = inventory.related(r, 'accessPolicy');
    if (!setters.length) return notApplicable('no access policy: only IAM identities of this account, by their own policies, can call the domain', ev('AccessPolicies', null));
    const out: Verdict[] = [];
    for (const p of setters) {
      const by = p.location.logicalId ?? p.id;
      const calls = accessPolicyCalls(p);
      if (!calls) {
        out.push({ ...unknown(`${by} has neither Create nor Update: the policy it sets is not known`, ev(`${by}.Create`, null)), subId: by });
        continue;
      }
      for (const { k, parsed } of calls) {
        const path = `${by}.${k}.parameters.AccessPolicies`;
        if ('problem' in parsed) {
          out.push({ ...unknown(parsed.problem, ev(`${by}.${k}`, get(p.properties, k) ?? null)), subId: `${by}/${k}` });
          continue;
        }
        const found = judgeResourcePolicyActions(parsed.policy, path, accountRootDelegation(false, r.location.account));
        for (const v of found) out.push({ ...v, message: `access policy set by ${by} (${ACCESS_POLICY_CFN_TYPE[p.type] ?? p.type}): ${v.message}`, subId: `${by}/${k}/${v.subId ?? 'policy'}` });
      }
    }
    if (out.length) return out;
    return pass(`the access policy set by ${setters.map((p) => p.location.logicalId ?? p.id).join(', ')} names its actions (no es:*, * or NotAction)`, ev('AccessPolicies', `set by ${setters.map((p) => p.location.logicalId ?? p.id).join(', ')}`, 'named es: actions'));
  },
});

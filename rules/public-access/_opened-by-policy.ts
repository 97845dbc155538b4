/**
 * A queue or topic is as public as the resource policies in the template that
 * name it (an AWS::SQS::QueuePolicy's Queues, an AWS::SNS::TopicPolicy's
 * Topics, an AWS::SNS::TopicInlinePolicy's TopicArn; related in
 * src/sources/iac/relations.ts as `policy`), read as the policy rules read
 * them (./_resource-policy.ts). A queue no policy names is out of scope: its
 * default policy grants only the owning account.
 */
import type { Resource } from '../../src/model/resource.js';
import type { Inventory } from '../../src/model/inventory.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import { get, ev, pass } from '../../src/evaluate/facts.js';
import { isRef } from '../../src/model/values.js';
import { judgePublicPolicy, type PublicPolicyOptions } from './_resource-policy.js';

export function judgeOpenedByPolicies(r: Resource, inventory: Inventory, o: PublicPolicyOptions, noun: string, named?: Resource[]): Verdict | Verdict[] | undefined {
  const policies = named ?? inventory.related(r, 'policy');
  if (!policies.length) return undefined;
  const verdicts: Verdict[] = [];
  for (const p of policies) {
    const by = p.location.logicalId ?? p.id;
    const v = judgePublicPolicy(get(p.properties, o.path), o);
    for (const x of Array.isArray(v) ? v : [v]) {
      if (x.status === 'pass') continue;
      verdicts.push({ ...x, message: `${noun} is opened by ${by}: ${x.message}`, subId: `${by}/${x.subId ?? 'policy'}` });
    }
  }
  if (verdicts.length) return verdicts;
  const names = policies.map((p) => p.location.logicalId ?? p.id);
  return pass(`no policy that names this ${noun} (${names.join(', ')}) lets everyone in`, ev('policy', names, 'no Allow for Principal "*" without a pinning condition'));
}

const named = new WeakMap<Inventory, Map<string, Map<string, Resource[]>>>();
/**
 * The policy resources of `policyType` whose `path` references `r` (Ref/GetAtt), for
 * policy types the source does not relate (`AWS::SecretsManager::ResourcePolicy`
 * SecretId): indexed once per inventory and policy type.
 */
export function policiesNaming(r: Resource, inventory: Inventory, policyType: string, path: string): Resource[] {
  let byType = named.get(inventory);
  if (!byType) named.set(inventory, (byType = new Map()));
  let ix = byType.get(`${policyType} ${path}`);
  if (!ix) {
    ix = new Map();
    for (const p of inventory.ofType(policyType)) {
      const target = get(p.properties, path);
      if (!isRef(target)) continue;
      const id = `${p.location.stack}/${target.logicalId}`;
      ix.set(id, [...(ix.get(id) ?? []), p]);
    }
    byType.set(`${policyType} ${path}`, ix);
  }
  return ix.get(r.id) ?? [];
}

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
import { judgePublicPolicy, type PublicPolicyOptions } from './_resource-policy.js';

export function judgeOpenedByPolicies(r: Resource, inventory: Inventory, o: PublicPolicyOptions, noun: string): Verdict | Verdict[] | undefined {
  const policies = inventory.related(r, 'policy');
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

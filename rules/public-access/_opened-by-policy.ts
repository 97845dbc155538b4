/**
 * A queue, topic, secret, event bus or layer is as public as the separate
 * policy resources in the template that name it (an AWS::SQS::QueuePolicy's
 * Queues, an AWS::SNS::TopicPolicy's Topics, an AWS::SNS::TopicInlinePolicy's
 * TopicArn, an AWS::SecretsManager::ResourcePolicy's SecretId, an
 * AWS::Events::EventBusPolicy's EventBusName, an
 * AWS::Lambda::LayerVersionPermission's LayerVersionArn; related in
 * src/sources/iac/relations.ts as `policy`), read as the policy rules read
 * them (./_resource-policy.ts, or the policy rule's own reading). A resource
 * no policy names is out of scope: its default policy grants only the owning
 * account.
 */
import type { Resource } from '../../src/model/resource.js';
import type { Inventory } from '../../src/model/inventory.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import { get, ev, pass, NeedsValue } from '../../src/evaluate/facts.js';
import { judgePublicPolicy, type PublicPolicyOptions } from './_resource-policy.js';

export interface OpenedBy {
  /** The policy resources (default: those related to the resource as `policy`). */
  policies?: readonly Resource[];
  /** How one policy resource is read (default: its document at `o.path`, by ./_resource-policy.ts). */
  judge?: (policy: Resource) => Verdict | Verdict[] | undefined;
}

/** One policy's verdicts; a value it cannot resolve makes that policy unknown, never a pass. */
function judgeOne(p: Resource, o: PublicPolicyOptions, judge: OpenedBy['judge']): Verdict[] {
  try {
    const v = judge ? judge(p) : judgePublicPolicy(get(p.properties, o.path), o);
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  } catch (e) {
    if (!(e instanceof NeedsValue)) throw e;
    return [{ status: 'unknown', message: `cannot tell: ${e.message}`, evidence: [ev(e.path, `<unresolved: ${e.expression}>`)] }];
  }
}

export function judgeOpenedByPolicies(r: Resource, inventory: Inventory, o: PublicPolicyOptions, noun: string, opened: OpenedBy = {}): Verdict | Verdict[] | undefined {
  const policies = opened.policies ?? inventory.related(r, 'policy');
  if (!policies.length) return undefined;
  const verdicts: Verdict[] = [];
  for (const p of policies) {
    const name = p.location.logicalId ?? p.id;
    const v = judgeOne(p, o, opened.judge);
    for (const x of v) {
      if (x.status === 'pass' || x.status === 'not-applicable') continue;
      verdicts.push({ ...x, message: `${noun} is opened by ${name}: ${x.message}`, subId: `${name}/${x.subId ?? 'policy'}` });
    }
  }
  if (verdicts.length) return verdicts;
  const names = policies.map((p) => p.location.logicalId ?? p.id);
  return pass(`no policy that names this ${noun} (${names.join(', ')}) lets everyone in`, ev('policy', names, 'no Allow for Principal "*" without a pinning condition'));
}

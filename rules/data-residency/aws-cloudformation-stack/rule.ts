import { defineRule } from '../../../src/evaluate/rule.js';
import { get, ev, unknown, text, notApplicable } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import { judgeRegion, noAllowedRegions } from '../_region.js';
import { parameterArnOf } from '../_target.js';
import delivery, { targets } from '../aws-cross-region-delivery/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import type { Inventory } from '../../../src/model/inventory.js';

const DELIVERY_TYPES = new Set(delivery.types);

/**
 * The delivery targets of this stack's resources given whole by a parameter without a value: while the stack's
 * region is not known, data-residency/aws-cross-region-delivery passes them over to this one question (see
 * judgeTarget in ../_target.ts), so the stack's unknown names each.
 */
function stackParameterTargets(stack: Resource, inventory: Inventory): { id: string; path: string; param: string }[] {
  const out: { id: string; path: string; param: string }[] = [];
  for (const x of inventory.all()) {
    if (x.source !== 'iac' || x.location.stack !== stack.location.stack || x.location.region || !DELIVERY_TYPES.has(x.type)) continue;
    const list = targets(x, inventory);
    if (!Array.isArray(list)) continue;
    for (const t of list) {
      const param = parameterArnOf(t);
      if (param) out.push({ id: x.location.logicalId ?? x.id, path: t.path, param });
    }
  }
  return out;
}

export default defineRule({
  id: 'data-residency/aws-cloudformation-stack',
  control: 'data-residency',
  title: 'Every stack deploys to an allowed region',
  severity: 'high',
  risk: 'Every resource of a stack lives in the stack’s region; a stack deployed outside the promised jurisdictions processes and stores data where the policy says it never is.',
  remediation: {
    text: 'Deploy the stack to an allowed region: pin env.region in CDK (environment-agnostic stacks cannot be judged), or pass --region for bare templates.',
    cdk: "new MyStack(app, 'Prod', { env: { account: '123456789012', region: 'eu-central-1' } })",
    cloudformation: 'aws cloudformation deploy --region eu-central-1 --template-file template.yaml --stack-name prod',
  },
  references: ['https://docs.aws.amazon.com/cdk/v2/guide/environments.html'],
  types: ['aws.cloudformation.stack'],
  sources: ['iac', 'live'],
  check(r, { params, inventory }) {
    const na = noAllowedRegions(params);
    if (na) return na;
    // A StackSet's instances deploy where its StackInstancesGroup says: judged on the StackSet itself.
    const stackSet = get(r.properties, 'StackSet');
    if (typeof stackSet === 'string')
      return notApplicable(`stack deployed by StackSet ${stackSet}: the regions of its instances are judged on the StackSet (data-residency/aws-cross-region-delivery)`);
    const region = get(r.properties, 'Region');
    if (region === undefined || region === null || isUnresolved(region)) {
      const deferred = r.source === 'iac' ? stackParameterTargets(r, inventory) : [];
      const shown = deferred.slice(0, 5).map((d) => `${d.id} ${d.path} (parameter ${d.param})`).join(', ');
      const also = deferred.length
        ? `; it also decides where ${deferred.length} delivery target(s) given by parameters without a value are: ${shown}${deferred.length > 5 ? `, and ${deferred.length - 5} more` : ''} (pass --parameter to judge them)`
        : '';
      return unknown(
        `the stack’s region is not known: an environment-agnostic CDK stack or a bare template; pin env.region or pass --region${also}`,
        ev('Region', region ?? null, (params.allowedRegions ?? []).join(', ')),
        ...deferred.map((d) => ev(`${d.id}.${d.path}`, `Ref ${d.param} (parameter without a value)`, 'a region in the allowed regions')),
      );
    }
    return judgeRegion('aws', text(region), params, 'Region', `stack ${r.name ?? r.id}`);
  },
});

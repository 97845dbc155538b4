import { defineRule } from '../../../src/evaluate/rule.js';
import { get, ev, fail, unknown, text, notApplicable } from '../../../src/evaluate/facts.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import type { Parameters } from '../../../src/evaluate/claims-profile.js';
import { regionAllowed } from '../../../src/lib/regions.js';
import { globalTableRegions } from '../_global-tables.js';
import { isUnresolved } from '../../../src/model/values.js';
import { judgeRegion, noAllowedRegions } from '../_region.js';
import { parameterArnOf } from '../_target.js';
import delivery, { targets } from '../aws-cross-region-delivery/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import type { Inventory } from '../../../src/model/inventory.js';

const DELIVERY_TYPES = new Set(delivery.types);

/**
 * Per inventory, the template resources of a delivery type without a region, by stack: built once, as every stack
 * asks (fixP5: each stack scanned the whole inventory, stacks × resources).
 */
const deliveryByStack = new WeakMap<Inventory, Map<string | undefined, Resource[]>>();
function deliveryResourcesOf(inventory: Inventory): Map<string | undefined, Resource[]> {
  let m = deliveryByStack.get(inventory);
  if (m) return m;
  m = new Map();
  for (const x of inventory.all()) {
    if (x.source !== 'iac' || x.location.region || !DELIVERY_TYPES.has(x.type)) continue;
    const list = m.get(x.location.stack);
    if (list) list.push(x);
    else m.set(x.location.stack, [x]);
  }
  deliveryByStack.set(inventory, m);
  return m;
}

/**
 * The delivery targets of this stack's resources given whole by a parameter without a value: while the stack's
 * region is not known, data-residency/aws-cross-region-delivery passes them over to this one question (see
 * judgeTarget in ../_target.ts), so the stack's unknown names each.
 */
function stackParameterTargets(stack: Resource, inventory: Inventory): { id: string; path: string; param: string }[] {
  const out: { id: string; path: string; param: string }[] = [];
  for (const x of deliveryResourcesOf(inventory).get(stack.location.stack) ?? []) {
    const list = targets(x, inventory);
    if (!Array.isArray(list)) continue;
    for (const t of list) {
      const param = parameterArnOf(t);
      if (param) out.push({ id: x.location.logicalId ?? x.id, path: t.path, param });
    }
  }
  return out;
}

const GLOBAL_TABLE_RULE = 'CloudFormation creates a global table only in a region among its Replicas';

/**
 * Global tables that leave the stack only regions outside the allowed ones fail it. Rule zero (fixAN, count over
 * every labelled set): a stack whose only possible regions are outside is labelled fail 3 : unknown 1 (vault6cdk
 * TernFleetTelemetry, vault7cdk BirchDataExports, scout18cdk AspenStatements : scout3cdk ProbeContact, us-east-1 and eu-west-2); one whose possible regions are all
 * allowed is labelled unknown about 30 : pass 0 (24 with one EU replica), so those stay unknown.
 */
function judgeByGlobalTables(stack: Resource, inventory: Inventory, params: Parameters, known?: string): Verdict | undefined {
  const g = globalTableRegions(stack.location.stack, inventory);
  if (!g || g.regions.length === 0) return undefined;
  const allowed = params.allowedRegions ?? [];
  const outside = g.regions.filter((x) => regionAllowed('aws', x, allowed) === false);
  const e = ev(`${g.tables.join(', ')}.Replicas[].Region`, g.regions.join(', '), allowed.join(', '), GLOBAL_TABLE_RULE);
  const lead = known === undefined ? 'the stack’s region is not given' : `the stack’s region is given as ${known}, but no global table of it replicates there (the template cannot deploy there as written)`;
  if (outside.length === g.regions.length)
    return fail(`${lead}; its global table${g.tables.length > 1 ? 's' : ''} ${g.tables.join(', ')} can deploy only in ${g.regions.join(', ')}, outside the allowed regions`, e);
  if (known !== undefined) return unknown(`${lead}; it can deploy only in ${g.regions.join(', ')}`, e);
  return undefined;
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
  references: ['https://docs.aws.amazon.com/cdk/v2/guide/environments.html', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-globaltable.html'],
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
      const byTables = r.source === 'iac' ? judgeByGlobalTables(r, inventory, params) : undefined;
      if (byTables) return byTables;
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
    // A region given (--region) where the template's global tables cannot be created is reported, not taken.
    const g = r.source === 'iac' ? globalTableRegions(r.location.stack, inventory) : undefined;
    if (g && g.regions.length && !g.regions.includes(text(region))) return judgeByGlobalTables(r, inventory, params, text(region))!;
    return judgeRegion('aws', text(region), params, 'Region', `stack ${r.name ?? r.id}`);
  },
});

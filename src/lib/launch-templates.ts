/**
 * Which launch template in the same template an EC2 instance, Auto Scaling
 * group or fleet launches from, and who launches from a given launch template.
 *
 * CloudFormation names the template in a `LaunchTemplateSpecification`:
 * `LaunchTemplateId` (a Ref to the template), or `LaunchTemplateName` (the
 * template's name: aws-cdk-lib's `requireImdsv2` on `ec2.Instance` writes a
 * literal name, or a name built with Fn::Join/Fn::Sub), with a `Version` that
 * is often `Fn::GetAtt [Lt, LatestVersionNumber]`. Any of the three links the
 * pair: a Ref to the id, a GetAtt of its version, or a name equal to the
 * template's own `LaunchTemplateName` (the same literal, or the same built
 * expression, in the same stack). Shared by every rule that judges an
 * instance together with its launch template (enc-rest, platform-hardening),
 * and by the rules of services that launch instances from one (Batch compute
 * environments, EKS managed node groups).
 *
 * Templates only: a live instance's block devices and metadata options are
 * what DescribeInstances returns, whatever template launched it.
 */
import type { Resource } from '../model/resource.js';
import type { Inventory } from '../model/inventory.js';
import { get } from '../evaluate/facts.js';
import { isRef, isUnresolved } from '../model/values.js';

/** The resource types that launch from a launch template, and where each names it. */
export const LAUNCH_TEMPLATE_USERS: Readonly<Record<string, readonly string[]>> = {
  'aws.ec2.instance': ['LaunchTemplate'],
  'aws.autoscaling.auto-scaling-group': ['LaunchTemplate', 'MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification'],
  'aws.ec2.ec2-fleet': ['LaunchTemplateConfigs[*].LaunchTemplateSpecification'],
  'aws.ec2.spot-fleet': ['SpotFleetRequestConfigData.LaunchTemplateConfigs[*].LaunchTemplateSpecification'],
  'aws.batch.compute-environment': ['ComputeResources.LaunchTemplate'],
  // EKS spells the specification's keys Id and Name (the others LaunchTemplateId and LaunchTemplateName).
  'aws.eks.nodegroup': ['LaunchTemplate'],
};

const LT_TYPE = 'aws.ec2.launch-template';
const VERSION_ATTRIBUTES = new Set(['LatestVersionNumber', 'DefaultVersionNumber']);

/** The launch template specifications a resource gives (each with the property path it is at). */
export function launchTemplateSpecs(r: Resource): { path: string; spec: Record<string, unknown> }[] {
  const out: { path: string; spec: Record<string, unknown> }[] = [];
  for (const path of LAUNCH_TEMPLATE_USERS[r.type] ?? []) {
    const star = path.indexOf('[*]');
    if (star === -1) {
      const spec = get(r.properties, path);
      if (spec && typeof spec === 'object' && !isUnresolved(spec)) out.push({ path, spec: spec as Record<string, unknown> });
      continue;
    }
    const list = get(r.properties, path.slice(0, star));
    if (!Array.isArray(list)) continue;
    const rest = path.slice(star + 4);
    list.forEach((item, i) => {
      const spec = get(item, rest);
      if (spec && typeof spec === 'object' && !isUnresolved(spec)) out.push({ path: `${path.slice(0, star)}[${i}].${rest}`, spec: spec as Record<string, unknown> });
    });
  }
  return out;
}

/** The id of the resource with `logicalId` in the same stack as `r` (IaC ids are `<stack>/<logicalId>`). */
function siblingId(r: Resource, logicalId: string): string | undefined {
  const own = r.location.logicalId;
  if (!own || !r.id.endsWith(`/${own}`)) return undefined;
  return r.id.slice(0, r.id.length - own.length) + logicalId;
}

function stackKey(r: Resource): string | undefined {
  const own = r.location.logicalId;
  return own && r.id.endsWith(`/${own}`) ? r.id.slice(0, r.id.length - own.length) : undefined;
}

/**
 * A comparable key for a launch template name: the literal, or a built name's
 * expression and shape (two names built the same way in one stack are the
 * same name). Undefined when the name cannot be compared (a cut expression).
 */
function nameKey(v: unknown): string | undefined {
  if (typeof v === 'string' && v !== '') return `=${v}`;
  if (isUnresolved(v) && v.shape !== undefined && v.expression.length < 120) return `~${v.expression}\u0000${v.shape}`;
  return undefined;
}

interface Index {
  /** stack key + name key → ids of the launch templates of that name. */
  byName: Map<string, string[]>;
  /** launch template id → ids of the resources launching from it. */
  users: Map<string, string[]>;
}

/**
 * Built once per inventory (keyed on `inventory.base`, so the variant views the evaluator makes
 * for Fn::If share it), holding ids: a lookup returns the resource as the caller's view has it.
 */
const indexes = new WeakMap<Inventory, Index>();

function indexOf(inventory: Inventory): Index {
  const base = inventory.base;
  let ix = indexes.get(base);
  if (ix) return ix;
  ix = { byName: new Map(), users: new Map() };
  indexes.set(base, ix);
  for (const lt of base.ofType(LT_TYPE)) {
    if (lt.source !== 'iac') continue;
    const stack = stackKey(lt);
    const key = nameKey(lt.properties.LaunchTemplateName);
    if (stack === undefined || key === undefined) continue;
    const k = stack + '\u0000' + key;
    const list = ix.byName.get(k) ?? [];
    list.push(lt.id);
    ix.byName.set(k, list);
  }
  for (const type of Object.keys(LAUNCH_TEMPLATE_USERS))
    for (const user of base.ofType(type))
      for (const { spec } of launchTemplateSpecs(user)) {
        const ltId = resolveSpec(user, spec, base, ix);
        if (!ltId) continue;
        const list = ix.users.get(ltId) ?? [];
        if (!list.includes(user.id)) list.push(user.id);
        ix.users.set(ltId, list);
      }
  return ix;
}

/** The id of the launch template `spec` names, if it is in the same template. */
function resolveSpec(r: Resource, spec: Record<string, unknown>, inventory: Inventory, ix: Index): string | undefined {
  if (r.source !== 'iac') return undefined;
  const byRef = (v: unknown, attrs?: Set<string>): string | undefined => {
    if (!isRef(v) || (attrs && !(v.attribute !== undefined && attrs.has(v.attribute)))) return undefined;
    const id = siblingId(r, v.logicalId);
    return id && inventory.get(id)?.type === LT_TYPE ? id : undefined;
  };
  const eks = r.type === 'aws.eks.nodegroup';
  const byId = byRef(eks ? spec.Id : spec.LaunchTemplateId);
  if (byId) return byId;
  const byVersion = byRef(spec.Version, VERSION_ATTRIBUTES);
  if (byVersion) return byVersion;
  const stack = stackKey(r);
  const key = nameKey(eks ? spec.Name : spec.LaunchTemplateName);
  if (stack === undefined || key === undefined) return undefined;
  const named = ix.byName.get(stack + '\u0000' + key);
  // Two templates of one name cannot both deploy; take none rather than guess.
  return named && named.length === 1 ? named[0] : undefined;
}

/** The launch template in the same template that `spec` (one of `r`'s specifications) names, if any. */
export function launchTemplateFor(r: Resource, spec: Record<string, unknown>, inventory: Inventory): Resource | undefined {
  const id = resolveSpec(r, spec, inventory, indexOf(inventory));
  return id === undefined ? undefined : inventory.get(id);
}

/** The launch template an EC2 instance launches from, when it is in the same template. */
export function instanceLaunchTemplate(instance: Resource, inventory: Inventory): Resource | undefined {
  const spec = instance.properties.LaunchTemplate;
  if (!spec || typeof spec !== 'object' || isUnresolved(spec)) return undefined;
  return launchTemplateFor(instance, spec as Record<string, unknown>, inventory);
}

/** Instances, Auto Scaling groups and fleets in the same template that launch from this launch template. */
export function launchTemplateUsers(lt: Resource, inventory: Inventory): readonly Resource[] {
  return (indexOf(inventory).users.get(lt.id) ?? []).flatMap((id) => inventory.get(id) ?? []);
}

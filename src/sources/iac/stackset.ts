/**
 * The template a CloudFormation StackSet deploys, when the StackSet carries it
 * inline (`TemplateBody`): organisation-wide baselines roll Config rules,
 * GuardDuty, IAM roles, trails and buckets out to every account this way, so
 * the body is judged as a stack of its own. Its stack is named
 * `<parent stack>/<StackSet logical id>`; its resources point at the StackSet
 * in the parent's file (there is no other place to find them); the StackSet's
 * `Parameters` are its parameter overrides; the regions its instances deploy
 * to (`StackInstancesGroup[].Regions`) are carried on its stack record, and
 * judged on the StackSet itself (data-residency/aws-cross-region-delivery).
 *
 * Fail closed: a body that is not a string (built from parts vouch cannot
 * resolve), does not parse, or sits in a `TemplateURL` (remote) is not judged,
 * and coverage says so with the reason: never a crash, never a pass.
 */
import type { Resource } from '../../model/resource.js';
import { isUnresolved } from '../../model/values.js';
import { asRecord } from '../../evaluate/facts.js';
import { InputError } from '../../util/errors.js';
import { firstLine } from '../../util/yaml-file.js';
import { parseTemplateText } from './parse.js';
import { loadStack, type LoadedStack, type StackInput } from './stack.js';
import type { ResourceBudget } from './resource-cap.js';
import type { Placement } from './exports.js';
import { isInnocuousValue, isPlaceholder, secretStoreReference } from '../../lib/secrets.js';

export const STACK_SET_TYPE = 'aws.cloudformation.stack-set';
/**
 * StackSets inside StackSet bodies, levels at most. Each level's body is a string inside the one
 * above (escaped again at every level), so real templates stop at one or two.
 */
export const MAX_STACK_SET_DEPTH = 4;

export interface StackSetSite {
  /** The parent template's file, as findings show it. */
  file: string;
  /** The parent stack's (unique) name. */
  stackName: string;
  /** The parent's `Resources` as written (before intrinsics), to tell a literal ParameterValue from a resolved one. */
  written?: unknown;
}

/**
 * Body parameters the StackSet passes as literal text written in the parent template (not a `Ref`, not a
 * dynamic reference): a credential passed this way is in the template, whatever NoEcho says in the body.
 */
function literalParameters(written: unknown, lid: string): Set<string> {
  const out = new Set<string>();
  const list = obj(obj(obj(written)[lid]).Properties).Parameters;
  if (!Array.isArray(list)) return out;
  for (const p of list) {
    const key = obj(p).ParameterKey;
    const v = obj(p).ParameterValue;
    if (typeof key === 'string' && typeof v === 'string' && v !== '' && !secretStoreReference(v) && !isInnocuousValue(v) && !isPlaceholder(v)) out.add(key);
  }
  return out;
}

export interface StackSetHooks {
  /** A stack name not used yet in this run, from the one wanted. */
  uniqueName(wanted: string): string;
  /** Called once per body read: throws when the run has read too many templates. */
  countTemplate(what: string): void;
  /** Largest body accepted, in characters (the limit on a template file). */
  maxBytes: number;
  /** What is left of the run's resource cap (./resource-cap.ts) as a body starts loading: its SAM expansion counts against it. */
  budget?(): ResourceBudget;
  /**
   * Each body loaded, for `Fn::ImportValue` across stacks (./exports.ts): its input, what loading gave,
   * its resources as placed in the run, what is done to them after loading, and where its instances deploy.
   */
  loaded?(body: { input: StackInput; loaded: LoadedStack; finish: (resources: Resource[]) => void; placement: Placement }): void;
}

export interface StackSetBodies {
  resources: Resource[];
  /** Bodies (and parts of them) not judged, and why: gaps of the run. */
  notCollected: { what: string; why: string }[];
}

const obj = asRecord;
const scalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * The StackSet's `Parameters` as the body's parameter values: a resolved value is an override; a value
 * the parent does not settle (an unresolved `Ref`, a condition) leaves that parameter without a value in
 * the body (its Default would be a guess), so what reads it is judged unknown.
 */
function stackSetParameters(list: unknown): { overrides: Record<string, string>; unsettled: Set<string> } {
  const overrides: Record<string, string> = {};
  const unsettled = new Set<string>();
  if (!Array.isArray(list)) return { overrides, unsettled };
  for (const p of list) {
    const key = obj(p).ParameterKey;
    if (typeof key !== 'string' || key === '__proto__') continue;
    const v = obj(p).ParameterValue;
    if (scalar(v)) overrides[key] = String(v);
    else if (Array.isArray(v) && v.every(scalar)) overrides[key] = v.map(String).join(',');
    else unsettled.add(key);
  }
  return { overrides, unsettled };
}

/** Literal regions the StackSet's instances deploy to, and whether every one is known. */
function stackSetRegions(groups: unknown): { regions: string[]; allKnown: boolean } {
  const regions = new Set<string>();
  let allKnown = Array.isArray(groups);
  for (const g of Array.isArray(groups) ? groups : []) {
    const list = obj(g).Regions;
    if (!Array.isArray(list)) {
      allKnown = false;
      continue;
    }
    for (const region of list) {
      if (typeof region === 'string' && region !== '') regions.add(region);
      else allKnown = false;
    }
  }
  return { regions: [...regions].sort(), allKnown };
}

/**
 * The `account/region` pairs the StackSet's instances deploy to, when every group names literal
 * accounts (`DeploymentTargets.Accounts`, not organizational units or an accounts file) and literal
 * regions; otherwise undefined (where its instances sit is decided at deploy time).
 */
export function stackSetInstances(groups: unknown): Set<string> | undefined {
  if (!Array.isArray(groups) || groups.length === 0) return undefined;
  const out = new Set<string>();
  for (const g of groups) {
    const t = obj(obj(g).DeploymentTargets);
    const accounts = t.Accounts;
    const regions = obj(g).Regions;
    if (t.OrganizationalUnitIds !== undefined || t.AccountsUrl !== undefined || (t.AccountFilterType !== undefined && t.AccountFilterType !== 'NONE')) return undefined;
    if (!Array.isArray(accounts) || !accounts.length || !accounts.every((a) => typeof a === 'string' && /^\d{12}$/.test(a))) return undefined;
    if (!Array.isArray(regions) || !regions.length || !regions.every((r) => typeof r === 'string' && r !== '')) return undefined;
    for (const a of accounts as string[]) for (const r of regions as string[]) out.add(`${a}/${r}`);
  }
  return out;
}

/** Why a TemplateBody value cannot be read as a template, or undefined when it is text. */
function bodyProblem(body: unknown, maxBytes: number): string | undefined {
  if (typeof body === 'string') {
    if (body.length > maxBytes) return `TemplateBody is ${body.length} characters, over the ${maxBytes}-character template limit`;
    return undefined;
  }
  if (isUnresolved(body)) return `TemplateBody is built from values the template does not settle (${firstLine(body.expression).slice(0, 160)}), so the deployed template is not known`;
  return 'TemplateBody is not a string (a condition or an object in its place), so the deployed template is not known';
}

/**
 * The stacks the StackSets among `resources` deploy, loaded from their inline bodies (and, to
 * MAX_STACK_SET_DEPTH levels, the StackSets in those bodies).
 */
export function loadStackSetBodies(resources: readonly Resource[], site: StackSetSite, hooks: StackSetHooks, depth = 1): StackSetBodies {
  const out: StackSetBodies = { resources: [], notCollected: [] };
  for (const set of resources) {
    if (set.type !== STACK_SET_TYPE || set.location.stack !== site.stackName) continue;
    const lid = set.location.logicalId ?? set.name ?? set.id;
    const what = `${site.file}: StackSet ${lid}`;
    const p = set.properties;
    if (p.TemplateBody === undefined) {
      out.notCollected.push({
        what,
        why:
          p.TemplateURL !== undefined
            ? 'its template is remote (TemplateURL): vouch reads no URL, so what it deploys is not judged; inline it (TemplateBody) or check that template on its own'
            : 'no TemplateBody: what it deploys is not in the template',
      });
      continue;
    }
    const problem = bodyProblem(p.TemplateBody, hooks.maxBytes);
    if (problem) {
      out.notCollected.push({ what, why: `${problem}: what it deploys is not judged` });
      continue;
    }
    if (depth > MAX_STACK_SET_DEPTH) {
      out.notCollected.push({ what, why: `a StackSet inside StackSet bodies ${depth - 1} levels deep (vouch reads ${MAX_STACK_SET_DEPTH}): what it deploys is not judged` });
      continue;
    }
    hooks.countTemplate(what);
    let parsed;
    try {
      parsed = parseTemplateText(p.TemplateBody as string, 'TemplateBody');
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      out.notCollected.push({ what, why: `its TemplateBody is not a template vouch can read (${firstLine(e)}): what it deploys is not judged` });
      continue;
    }
    const { overrides, unsettled } = stackSetParameters(p.Parameters);
    // A parameter the StackSet passes but the parent does not settle has no value here: its Default is not what deploys.
    for (const name of unsettled) {
      const decl = obj(obj(parsed.template.Parameters)[name]);
      if (Object.keys(decl).length) delete decl.Default;
    }
    const { regions, allKnown } = stackSetRegions(p.StackInstancesGroup);
    const region = allKnown && regions.length === 1 ? regions[0] : undefined;
    const stackName = hooks.uniqueName(`${site.stackName}/${lid}`);
    // An instance's stack name is StackSet-<name>-<id>, made at deploy time: an export name built from it is not known.
    const budget = hooks.budget?.();
    const input: StackInput = { parsed, file: site.file, stackName, region, parameterOverrides: overrides, stackNameUnknown: true, ...(budget ? { budget } : {}) };
    const loaded = loadStack(input);
    const literal = literalParameters(site.written, lid);
    const finish = (resources: Resource[]) => {
      for (const r of resources) {
        // Lines of the body are not lines of the file: the StackSet is where its resources are written.
        r.location.line = set.location.line;
        if (r.type === 'aws.cloudformation.stack') {
          r.properties.StackSet = set.id;
          if (allKnown) r.properties.Regions = regions;
          const params = obj(r.properties.Parameters);
          for (const name of literal) {
            const fact = obj(params[name]);
            if (Object.keys(fact).length) fact.PassedLiteral = `StackSet ${lid}`;
          }
        } else if (r.raw?.[0]) r.raw[0].data = { ...obj(r.raw[0].data), StackSet: lid };
      }
    };
    finish(loaded.resources);
    hooks.loaded?.({ input, loaded, finish, placement: { kind: 'stack-set', instances: stackSetInstances(p.StackInstancesGroup) } });
    for (const r of loaded.resources) out.resources.push(r);
    for (const n of loaded.notCollected) out.notCollected.push(n);
    for (const n of loaded.nested) out.notCollected.push({ what: `${what}: nested stack ${n.logicalId}`, why: 'a nested stack inside a StackSet body: its template is not read' });
    const inner = loadStackSetBodies(loaded.resources, { file: site.file, stackName, written: parsed.template.Resources }, hooks, depth + 1);
    for (const r of inner.resources) out.resources.push(r);
    for (const n of inner.notCollected) out.notCollected.push(n);
  }
  return out;
}

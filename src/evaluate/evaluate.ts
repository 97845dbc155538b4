/**
 * Evaluate: rules × resources → findings. Rules are pure; this module adds
 * what every rule needs and none should repeat: unresolved values become
 * `unknown`, `Fn::If` branches are judged one by one (worst verdict wins),
 * errors become `unknown` with the error as evidence.
 */
import type { Resource } from '../model/resource.js';
import type { Rule, RuleContext, Verdict, Status, Severity } from './rule.js';
import { SEVERITY_RANK } from './rule.js';
import type { Finding, FindingResource, StatusCounts, Summary } from '../findings/evidence.js';
import { emptyCounts, fingerprintOf, isActiveFailure } from '../findings/evidence.js';
import { NeedsValue } from './facts.js';
import { Branches, isBranches } from '../model/values.js';
import { regionAllowed } from '../lib/regions.js';
import type { Inventory } from '../model/inventory.js';
import type { ControlId } from './controls.js';

export function findingResource(r: Resource): FindingResource {
  const out: FindingResource = { type: r.type, provider: r.provider, source: r.source, id: r.id };
  if (r.name !== undefined) out.name = r.name;
  const l = r.location;
  for (const k of ['file', 'line', 'logicalId', 'constructPath', 'stack', 'account', 'region', 'arn'] as const) {
    if (l[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = l[k];
  }
  if (r.owner) out.owner = r.owner;
  return out;
}

/** Variants beyond this many conditions that the rule actually reads are not enumerated (2^6 = 64). */
const MAX_READ_CONDITIONS = 6;

/** Array indices are written `[]` in read and branch paths: a `Fn::If` in a list may shift them. */
interface BranchSite {
  condition: string;
  path: string;
  /** The condition's value per region, when it depends on nothing else (see `Branches.byRegion`). */
  byRegion?: Readonly<Record<string, boolean>>;
}

/** Conditions of unknown value that the resource's properties branch on, with where each sits. */
function branchSites(value: unknown, path: string, found: BranchSite[], depth = 0): void {
  if (depth > 64 || value === null || typeof value !== 'object') return;
  if (isBranches(value)) {
    found.push({ condition: value.condition, path, ...(value.byRegion ? { byRegion: value.byRegion } : {}) });
    branchSites(value.whenTrue, path, found, depth + 1);
    branchSites(value.whenFalse, path, found, depth + 1);
    return;
  }
  if (Array.isArray(value)) for (const v of value) branchSites(v, `${path}[]`, found, depth + 1);
  else if (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)
    for (const [k, v] of Object.entries(value)) branchSites(v, path ? `${path}.${k}` : k, found, depth + 1);
}

/** Replace each `Branches` by the branch chosen in `choice` (unlisted: false); `undefined` results are dropped. */
function pick(value: unknown, choice: Map<string, boolean>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (isBranches(value)) return pick(choice.get(value.condition) ? value.whenTrue : value.whenFalse, choice);
  if (Array.isArray(value)) return value.map((v) => pick(v, choice)).filter((v) => v !== undefined);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const p = pick(v, choice);
    if (p !== undefined) out[k] = p;
  }
  return out;
}

/**
 * A read-only view of `value` that records every property path read through
 * it (`A.B[].C`; listing an object's keys records `A.B.*`). Used to learn
 * which parts of a resource a rule depends on.
 */
export function trackReads<T>(value: T, reads: Set<string>, path = ''): T {
  if (value === null || typeof value !== 'object') return value;
  const isArr = Array.isArray(value);
  if (!isArr) {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
  }
  const child = (key: string | symbol): string | undefined => {
    if (typeof key === 'symbol') return undefined;
    if (isArr) return /^\d+$/.test(key) ? `${path}[]` : undefined;
    return path ? `${path}.${key}` : key;
  };
  return new Proxy(value as object, {
    get(t, key, recv) {
      const p = child(key);
      const v = Reflect.get(t, key, recv);
      if (p === undefined) return v;
      reads.add(p);
      return trackReads(v, reads, p);
    },
    has(t, key) {
      const p = child(key);
      if (p !== undefined) reads.add(p);
      return Reflect.has(t, key);
    },
    getOwnPropertyDescriptor(t, key) {
      const p = child(key);
      if (p !== undefined) reads.add(p);
      return Reflect.getOwnPropertyDescriptor(t, key);
    },
    ownKeys(t) {
      reads.add(isArr ? `${path}[]` : path ? `${path}.*` : '*');
      return Reflect.ownKeys(t);
    },
  }) as T;
}

/** Does a rule that read `reads` depend on a branch at `site`? */
function readsSite(reads: Set<string>, site: string): boolean {
  if (site === '') return reads.size > 0;
  for (const r of reads) {
    if (r === site || r.startsWith(site + '.') || r.startsWith(site + '[')) return true;
    if (r === '*' ? !site.includes('.') && !site.includes('[') : r.endsWith('.*') && site.startsWith(r.slice(0, -1)) && !/[.[]/.test(site.slice(r.length - 1)))
      return true;
  }
  return false;
}

const sitesCache = new WeakMap<Resource, BranchSite[]>();

function sitesOf(r: Resource): BranchSite[] {
  let sites = sitesCache.get(r);
  if (!sites) {
    sites = [];
    branchSites(r.properties, '', sites);
    sitesCache.set(r, sites);
  }
  return sites;
}

interface Variant {
  label: string;
  resource: Resource;
  reads: Set<string>;
  /** The inventory this variant's rule run sees: related resources of the same stack take the same branches. */
  inventory: Inventory;
  /** Related resources with branches that the run looked at, and what it read of each. */
  related: { sites: BranchSite[]; reads: Set<string> }[];
}

/** Stacks (of this inventory) in which some resource branches on a condition of unknown value. */
const branchyStacks = new WeakMap<Inventory, Set<string | undefined>>();

function stacksWithBranches(inventory: Inventory): Set<string | undefined> {
  let stacks = branchyStacks.get(inventory);
  if (!stacks) {
    stacks = new Set();
    for (const x of inventory.all()) if (x.source === 'iac' && sitesOf(x).length) stacks.add(x.location.stack);
    branchyStacks.set(inventory, stacks);
  }
  return stacks;
}

/**
 * The inventory as one variant sees it: a related resource of the same stack (a bucket
 * policy, an ingress rule, a parameter group) whose properties branch on a condition
 * takes the branch this variant chose, and what the rule reads of it is recorded, so
 * its conditions are enumerated like the resource's own.
 */
function variantInventory(inventory: Inventory, stack: string | undefined, choice: Map<string, boolean>, related: Variant['related']): Inventory {
  const views = new Map<Resource, Resource>();
  const view = (x: Resource): Resource => {
    if (x.source !== 'iac' || x.location.stack !== stack) return x;
    const sites = sitesOf(x);
    if (sites.length === 0) return x;
    let v = views.get(x);
    if (!v) {
      const reads = new Set<string>();
      related.push({ sites, reads });
      v = { ...x, properties: trackReads(pick(x.properties, choice) as Record<string, unknown>, reads) };
      views.set(x, v);
    }
    return v;
  };
  return new Proxy(inventory, {
    get(t, key) {
      if (key === 'get') return (id: string) => {
        const x = t.get(id);
        return x && view(x);
      };
      if (key === 'related') return (x: Resource, relation: string) => t.related(x, relation).map(view);
      if (key === 'ofType') return (type: string) => t.ofType(type).map(view);
      if (key === 'all') return function* () {
        for (const x of t.all()) yield view(x);
      };
      const v = Reflect.get(t, key, t);
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
}

function variantOf(r: Resource, names: string[], mask: number, inventory: Inventory, ownBranches: boolean, fixed: ReadonlyMap<string, boolean>): Variant {
  const choice = new Map([...fixed, ...names.map((n, i): [string, boolean] => [n, Boolean(mask & (1 << i))])]);
  const label = names.map((n) => `${n}=${choice.get(n)}`).join(', ');
  const reads = new Set<string>();
  const related: Variant['related'] = [];
  const inv = stacksWithBranches(inventory).has(r.location.stack) ? variantInventory(inventory, r.location.stack, choice, related) : inventory;
  // A resource with no branches of its own is the same in every variant: no copy, no read tracking.
  const resource = ownBranches ? { ...r, properties: trackReads(pick(r.properties, choice) as Record<string, unknown>, reads) } : r;
  return { label, reads, inventory: inv, related, resource };
}

/**
 * Judge every deployable variant of a resource whose properties branch on
 * conditions of unknown value. Only the conditions the rule reads count: the
 * rule is run once with every condition false, the conditions of the branches
 * it read are then enumerated, and so on until the set stops growing. A
 * literal property beside a hundred unknown conditions is judged as written.
 * What it reads of related resources of the same stack counts the same way.
 */
function judgeVariants(rule: Rule, r: Resource, ctx: RuleContext, sites: BranchSite[]): Verdict[] | string {
  let names: string[] = [];
  // Region-only conditions: decided when every region the profile allows agrees (`fixed`), else enumerated.
  const regional = new Map<string, Readonly<Record<string, boolean>>>();
  const fixed = new Map<string, boolean>();
  const note = (s: BranchSite): boolean => {
    if (!s.byRegion) return false;
    if (!regional.has(s.condition)) {
      regional.set(s.condition, s.byRegion);
      const v = decideOverRegions(s.byRegion, ctx.params.allowedRegions);
      if (v !== undefined) fixed.set(s.condition, v);
    }
    return fixed.has(s.condition);
  };
  for (let round = 0; round < 8; round++) {
    const fixedBefore = fixed.size;
    const runs: { variant: Variant; verdicts: Verdict[] }[] = [];
    for (let mask = 0; mask < 1 << names.length; mask++) {
      const variant = variantOf(r, names, mask, ctx.inventory, sites.length > 0, fixed);
      runs.push({ variant, verdicts: runCheck(rule, variant.resource, variant.inventory === ctx.inventory ? ctx : { ...ctx, inventory: variant.inventory }) });
    }
    const read = new Set(names);
    for (const run of runs) {
      for (const s of sites) if (!read.has(s.condition) && readsSite(run.variant.reads, s.path) && !note(s)) read.add(s.condition);
      for (const rel of run.variant.related) for (const s of rel.sites) if (!read.has(s.condition) && readsSite(rel.reads, s.path) && !note(s)) read.add(s.condition);
    }
    // A condition decided this round was read at its default (false): run again with its value.
    if (read.size === names.length && fixed.size === fixedBefore) return names.length > 0 && names.every((n) => regional.has(n)) ? regionalOf(runs, names) : worstOf(runs);
    if (read.size > MAX_READ_CONDITIONS)
      return `the properties this rule reads branch on ${read.size} conditions of unknown value (${[...read].join(', ')}); more than ${MAX_READ_CONDITIONS} are not enumerated`;
    names = [...read];
  }
  return 'the conditions this rule reads did not settle';
}

/** Per sub-id, the worst verdict over the variants, saying which variant produced it. */
function worstOf(runs: { variant: Variant; verdicts: Verdict[] }[]): Verdict[] {
  if (runs.length === 1) return runs[0]!.verdicts;
  const worst = new Map<string, Verdict>();
  const perVariant: { keys: Set<string>; bad: boolean }[] = [];
  for (const { variant: v, verdicts } of runs) {
    const seen = { keys: new Set<string>(), bad: false };
    perVariant.push(seen);
    for (const verdict of verdicts) {
      seen.keys.add(verdict.subId ?? '');
      if (verdict.status === 'fail' || verdict.status === 'unknown') seen.bad = true;
      const key = verdict.subId ?? '';
      const prev = worst.get(key);
      if (!prev || STATUS_WEIGHT[verdict.status] > STATUS_WEIGHT[prev.status]) {
        const labelled =
          verdict.status === 'fail' || verdict.status === 'unknown'
            ? { ...verdict, message: `when ${v.label}: ${verdict.message}` }
            : verdict;
        worst.set(key, labelled);
      }
    }
  }
  // A pass (or n/a) that some variant did not give, while that variant failed or could not tell
  // under another sub-id, holds only for the other variants: it is not the resource's verdict.
  for (const [key, verdict] of worst) {
    if (verdict.status !== 'pass' && verdict.status !== 'not-applicable') continue;
    if (perVariant.some((p) => p.bad && !p.keys.has(key))) worst.delete(key);
  }
  return [...worst.values()];
}

/**
 * The value of a region-only condition over the regions the claims profile allows (every region
 * vouch knows when it names none): decided when they all agree, else undefined.
 */
function decideOverRegions(table: Readonly<Record<string, boolean>>, allowed: readonly string[] | undefined): boolean | undefined {
  let regions = Object.keys(table);
  if (allowed?.length) regions = regions.filter((region) => regionAllowed('aws', region, allowed) !== false);
  if (regions.length === 0) return undefined;
  const first = table[regions[0]!]!;
  return regions.every((region) => table[region] === first) ? first : undefined;
}

/**
 * Verdicts over variants that differ only in the deployment region: a sub-id whose status is
 * the same in every variant keeps it; one that differs is `unknown` (it depends on a region the
 * template does not fix), never the worst branch (a China-only fallback is not a failure elsewhere).
 */
function regionalOf(runs: { variant: Variant; verdicts: Verdict[] }[], names: string[]): Verdict[] {
  const keys = new Set(runs.flatMap(({ verdicts }) => verdicts.map((v) => v.subId ?? '')));
  const statuses = new Map<string, Set<Status | 'none'>>();
  for (const k of keys) statuses.set(k, new Set(runs.map(({ verdicts }) => verdicts.find((v) => (v.subId ?? '') === k)?.status ?? 'none')));
  return worstOf(runs).map((v) => {
    const seen = statuses.get(v.subId ?? '');
    if (!seen || seen.size === 1 || (v.status !== 'fail' && v.status !== 'unknown')) return v;
    return { ...v, status: 'unknown' as const, message: `depends on the deployment region (${names.join(', ')} tests AWS::Region; no --region and no allowed regions in the claims that decide it): ${v.message}` };
  });
}

const STATUS_WEIGHT: Record<Status, number> = { fail: 3, unknown: 2, pass: 1, 'not-applicable': 0 };

function runCheck(rule: Rule, r: Resource, ctx: RuleContext): Verdict[] {
  try {
    const out = rule.check(r, ctx);
    if (out === undefined) return [];
    return Array.isArray(out) ? out : [out];
  } catch (e) {
    if (e instanceof NeedsValue) {
      return [
        {
          status: 'unknown',
          message: `cannot tell: ${e.message}`,
          evidence: [{ path: e.path, observed: `<unresolved: ${e.expression}>` }],
        },
      ];
    }
    const msg = e instanceof Error ? e.message : String(e);
    return [{ status: 'unknown', message: `rule error: ${msg}`, evidence: [{ path: '(rule)', observed: msg }] }];
  }
}

/** Verdicts of one rule on one resource, across `Fn::If` variants. */
export function judge(rule: Rule, r: Resource, ctx: RuleContext): Verdict[] {
  const sites = sitesOf(r);
  // Related resources of the same stack may branch too (a bucket policy, an ingress rule, a parameter group).
  if (sites.length === 0 && (r.source !== 'iac' || !stacksWithBranches(ctx.inventory).has(r.location.stack))) return runCheck(rule, r, ctx);
  const out = judgeVariants(rule, r, ctx, sites);
  if (typeof out === 'string') return [{ status: 'unknown', message: `cannot tell: ${out}`, evidence: [] }];
  return out;
}

export interface EvaluateOptions {
  controls: readonly ControlId[];
  /** Rules that run whatever their control (a benchmark's rules). */
  ruleIds?: ReadonlySet<string>;
  ctx: RuleContext;
}

export function evaluate(inventory: Inventory, rules: readonly Rule[], opts: EvaluateOptions): Finding[] {
  const findings: Finding[] = [];
  const inScope = new Set(opts.controls);
  for (const rule of rules) {
    if (!inScope.has(rule.control) && !opts.ruleIds?.has(rule.id)) continue;
    for (const type of rule.types) {
      for (const r of inventory.ofType(type)) {
        if (!rule.sources.includes(r.source)) continue;
        const fr = findingResource(r);
        for (const v of judge(rule, r, opts.ctx)) {
          const f: Finding = {
            fingerprint: fingerprintOf(rule.id, v.subId, fr),
            ruleId: rule.id,
            control: rule.control,
            severity: rule.severity,
            status: v.status,
            message: v.message,
            title: rule.title,
            resource: fr,
            evidence: v.evidence ?? [],
            suppression: null,
          };
          if (v.subId !== undefined) f.subId = v.subId;
          findings.push(f);
        }
      }
    }
  }
  return findings;
}

export function summarize(findings: readonly Finding[], failOn: Severity, sourceFailures: number): Summary {
  const byStatus = emptyCounts();
  const byControl: Record<string, StatusCounts> = {};
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  let gating = 0;
  let unknownActive = 0;
  for (const f of findings) {
    const c = (byControl[f.control] ??= emptyCounts());
    const suppressed = f.suppression !== null && !f.suppression.expired;
    if (suppressed && (f.status === 'fail' || f.status === 'unknown')) {
      byStatus.suppressed++;
      c.suppressed++;
    }
    byStatus[f.status]++;
    c[f.status]++;
    if (f.status === 'fail') {
      bySeverity[f.severity]++;
      if (isActiveFailure(f) && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) gating++;
    }
    if (f.status === 'unknown' && !suppressed) unknownActive++;
  }
  const incomplete = unknownActive > 0 || sourceFailures > 0;
  return {
    total: findings.length,
    byStatus,
    byControl,
    bySeverity,
    gatingFailures: gating,
    incomplete,
    exitCode: gating > 0 ? 1 : incomplete ? 3 : 0,
  };
}

export { Branches };

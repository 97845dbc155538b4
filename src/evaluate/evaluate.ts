/**
 * Evaluate: rules × resources → findings. Rules are pure; this module adds
 * what every rule needs and none should repeat: unresolved values become
 * `unknown`, `Fn::If` branches are judged one by one (worst verdict wins),
 * errors become `unknown` with the error as evidence.
 */
import type { Resource } from '../model/resource.js';
import type { Rule, RuleContext, Verdict, Status, Severity, EvidenceItem } from './rule.js';
import { SEVERITY_RANK } from './rule.js';
import type { Finding, FindingResource, StatusCounts, Summary } from '../findings/evidence.js';
import { emptyCounts, fingerprintFrom, fingerprintIdentity, fingerprintPrefix, isActiveFailure } from '../findings/evidence.js';
import { NeedsValue } from './facts.js';
import { anyBranches, Branches, isBranches, REGION_DIMENSION, type Dimension } from '../model/values.js';
import { regionAllowed } from '../lib/regions.js';
import { branchEdges, type Inventory } from '../model/inventory.js';
import type { ControlId } from './controls.js';

export function findingResource(r: Resource): FindingResource {
  const out: FindingResource = { type: r.type, provider: r.provider, source: r.source, id: r.id };
  if (r.name !== undefined) out.name = r.name;
  // Named stores, in this order (the key order of evidence.json): views of like resources share one
  // shape, which JSON.stringify walks faster than objects built by computed keys.
  const l = r.location;
  if (l.file !== undefined) out.file = l.file;
  if (l.line !== undefined) out.line = l.line;
  if (l.logicalId !== undefined) out.logicalId = l.logicalId;
  if (l.constructPath !== undefined) out.constructPath = l.constructPath;
  if (l.stack !== undefined) out.stack = l.stack;
  if (l.account !== undefined) out.account = l.account;
  if (l.region !== undefined) out.region = l.region;
  if (l.arn !== undefined) out.arn = l.arn;
  if (r.owner) out.owner = r.owner;
  return out;
}

/** Variants beyond this many conditions that the rule actually reads are not enumerated (2^6 = 64). */
const MAX_READ_CONDITIONS = 6;

/** Array indices are written `[]` in read and branch paths: a `Fn::If` in a list may shift them. */
interface BranchSite {
  condition: string;
  path: string;
  /** What the condition alone depends on (the region, a switch parameter), see `Branches.dimension`. */
  dimension?: Dimension;
}

/** Whether `branchSites` would find anything: the same walk, without building a path per property. */
function hasBranches(value: unknown, depth = 0): boolean {
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  if (isBranches(value)) return true;
  if (Array.isArray(value)) return value.some((v) => hasBranches(v, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  // Run on every resource: for-in makes no array of the values (own keys only, as Object.values).
  for (const k in value) if (Object.prototype.hasOwnProperty.call(value, k) && hasBranches((value as Record<string, unknown>)[k], depth + 1)) return true;
  return false;
}

/** Conditions of unknown value that the resource's properties branch on, with where each sits. */
function branchSites(value: unknown, path: string, found: BranchSite[], depth = 0): void {
  if (depth > 64 || value === null || typeof value !== 'object') return;
  if (isBranches(value)) {
    found.push({ condition: value.condition, path, ...(value.dimension ? { dimension: value.dimension } : {}) });
    branchSites(value.whenTrue, path, found, depth + 1);
    branchSites(value.whenFalse, path, found, depth + 1);
    return;
  }
  if (Array.isArray(value)) for (const v of value) branchSites(v, `${path}[]`, found, depth + 1);
  else if (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)
    for (const [k, v] of Object.entries(value)) branchSites(v, path ? `${path}.${k}` : k, found, depth + 1);
}

/**
 * Replace each `Branches` by the branch chosen in `choice` (unlisted: false); `undefined` results are
 * dropped. With `prefixes` (see siteShapeOf), a part no branch sits in is shared, not copied.
 */
function pick(value: unknown, choice: Map<string, boolean>, prefixes?: ReadonlySet<string>, path = ''): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (isBranches(value)) return pick(choice.get(value.condition) ? value.whenTrue : value.whenFalse, choice, prefixes, path);
  if (Array.isArray(value)) {
    const p = `${path}[]`;
    if (prefixes && !prefixes.has(p)) return value;
    return value.map((v) => pick(v, choice, prefixes, p)).filter((v) => v !== undefined);
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const p = path ? `${path}.${k}` : k;
    const x = prefixes && !prefixes.has(p) ? v : pick(v, choice, prefixes, p);
    if (x !== undefined) out[k] = x;
  }
  return out;
}

/**
 * A read-only view of `value` that records every property path read through
 * it (`A.B[].C`; listing an object's keys records `A.B.*`). Used to learn
 * which parts of a resource a rule depends on.
 */
export function trackReads<T>(value: T, reads: Set<string>, path = '', relevant?: ReadonlySet<string>): T {
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
      // With `relevant` (the paths a branch may sit at or under), only those reads are recorded and
      // viewed: a read elsewhere makes no difference to which branches count (and saves the proxies).
      if (relevant && !relevant.has(p)) return v;
      reads.add(p);
      return trackReads(v, reads, p, relevant);
    },
    has(t, key) {
      const p = child(key);
      if (p !== undefined && (!relevant || relevant.has(p))) reads.add(p);
      return Reflect.has(t, key);
    },
    getOwnPropertyDescriptor(t, key) {
      const p = child(key);
      if (p !== undefined && (!relevant || relevant.has(p))) reads.add(p);
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
/** The sites of every resource while no `Branches` exists (shared: never written to). */
const NO_SITES: BranchSite[] = [];

function sitesOf(r: Resource): BranchSite[] {
  // No template loaded in this process had an Fn::If on a condition of unknown value: nothing to walk.
  if (!anyBranches()) return NO_SITES;
  let sites = sitesCache.get(r);
  if (!sites) {
    sites = [];
    // Most resources have no branch at all: the cheap walk says so before paths are built.
    if (hasBranches(r.properties)) branchSites(r.properties, '', sites);
    sitesCache.set(r, sites);
  }
  return sites;
}

/** Per resource with branches: the site paths and every prefix of them (where a read may reach a branch), and its conditions. */
const siteShapeCache = new WeakMap<Resource, { prefixes: Set<string>; conditions: string[] }>();

function siteShapeOf(r: Resource): { prefixes: Set<string>; conditions: string[] } {
  let shape = siteShapeCache.get(r);
  if (!shape) {
    const prefixes = new Set<string>();
    for (const s of sitesOf(r)) {
      // 'A.B[].C' → 'A', 'A.B', 'A.B[]', 'A.B[].C'
      for (let i = 0; i < s.path.length; i++) if (s.path[i] === '.' || s.path[i] === '[') prefixes.add(s.path.slice(0, i));
      prefixes.add(s.path);
    }
    shape = { prefixes, conditions: [...new Set(sitesOf(r).map((s) => s.condition))] };
    siteShapeCache.set(r, shape);
  }
  return shape;
}

/** `pick` of a resource's properties, shared by every rule and variant that chooses the same for its conditions. */
const pickCache = new WeakMap<Resource, Map<string, Record<string, unknown>>>();

function pickedProperties(r: Resource, choice: Map<string, boolean>): Record<string, unknown> {
  let byChoice = pickCache.get(r);
  if (!byChoice) pickCache.set(r, (byChoice = new Map()));
  // Unlisted conditions are false: the key is the resource's conditions chosen true.
  let key = '';
  if (choice.size) for (const c of siteShapeOf(r).conditions) if (choice.get(c) === true) key += `${c}\u0000`;
  let out = byChoice.get(key);
  if (!out) {
    out = pick(r.properties, choice, siteShapeOf(r).prefixes) as Record<string, unknown>;
    // Bounded: a resource judged under more choices than this recomputes the rest.
    if (byChoice.size < 256) byChoice.set(key, out);
  }
  return out;
}

/** A view of a resource with branches as one variant sees it, recording what is read where a branch may sit. */
function variantView(x: Resource, choice: Map<string, boolean>, reads: Set<string>): Resource {
  return { ...x, properties: trackReads(pickedProperties(x, choice), reads, '', siteShapeOf(x).prefixes) };
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

/** Per inventory and stack, the one object the variant views of that stack answer as their `variantScope`. */
const variantScopes = new WeakMap<Inventory, Map<string | undefined, object>>();

function scopeOf(inventory: Inventory, stack: string | undefined): object {
  let byStack = variantScopes.get(inventory);
  if (!byStack) variantScopes.set(inventory, (byStack = new Map()));
  let scope = byStack.get(stack);
  if (!scope) byStack.set(stack, (scope = { stack }));
  return scope;
}

/**
 * The inventory as one variant sees it: a related resource of the same stack (a bucket
 * policy, an ingress rule, a parameter group) whose properties branch on a condition
 * takes the branch this variant chose, and what the rule reads of it is recorded, so
 * its conditions are enumerated like the resource's own.
 */
function variantInventory(inventory: Inventory, stack: string | undefined, choice: Map<string, boolean>, related: Variant['related']): Inventory {
  const views = new Map<Resource, Resource>();
  // Resources with branches handed out (see Inventory.variantViews): a fact derived while this stays put is every variant's.
  let handedOut = 0;
  const view = (x: Resource): Resource => {
    if (x.source !== 'iac' || x.location.stack !== stack) return x;
    const sites = sitesOf(x);
    if (sites.length === 0) return x;
    handedOut++;
    let v = views.get(x);
    if (!v) {
      const reads = new Set<string>();
      related.push({ sites, reads });
      v = variantView(x, choice, reads);
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
      if (key === 'related') return (x: Resource, relation: string) => {
        const out = t.related(x, relation);
        const edges = branchEdges(x, relation);
        if (edges.length === 0) return out.map(view);
        // Edges written on one side of an Fn::If (src/sources/iac/relations.ts): followed where this variant
        // takes that side. The property they sit at is read through the view, so its conditions are enumerated.
        const all = [...out];
        // What is derived from these edges differs between variants: not a fact shared across them.
        handedOut++;
        for (const e of edges) {
          // A reverse edge's Fn::If is on the other resource: read there, through its view.
          const on = e.reverse ? t.get(e.id) : x;
          if (on) touch((e.reverse ? view(on) : on).properties, e.path);
          if (!e.when.every((w) => (choice.get(w.condition) === true) === w.side)) continue;
          const target = t.get(e.id);
          if (target && !all.includes(target)) all.push(target);
        }
        return all.map(view);
      };
      if (key === 'ofType') return (type: string) => t.ofType(type).map(view);
      if (key === 'all') return function* () {
        for (const x of t.all()) yield view(x);
      };
      if (key === 'variantViews') return handedOut;
      if (key === 'variantScope') return scopeOf(inventory, stack);
      const v = Reflect.get(t, key, t);
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
}

/** Read the values at `path` (`A.B[*].C`) of a tracked view, so the reads are recorded (the values are not used). */
function touch(value: unknown, path: string): void {
  const keys = path.split(/\.|\[(\*|\d+)\]\.?/).filter((k) => k !== undefined && k !== '');
  const walk = (v: unknown, i: number): void => {
    if (i === keys.length || v === null || typeof v !== 'object') return;
    if (keys[i] === '*') {
      if (Array.isArray(v)) for (const item of v) walk(item, i + 1);
      return;
    }
    walk((v as Record<string, unknown>)[keys[i]!], i + 1);
  };
  walk(value, 0);
}

function variantOf(r: Resource, choice: Map<string, boolean>, label: string, inventory: Inventory, ownBranches: boolean): Variant {
  const reads = new Set<string>();
  const related: Variant['related'] = [];
  const inv = stacksWithBranches(inventory).has(r.location.stack) ? variantInventory(inventory, r.location.stack, choice, related) : inventory;
  // A resource with no branches of its own is the same in every variant: no copy, no read tracking.
  const resource = ownBranches ? variantView(r, choice, reads) : r;
  return { label, reads, inventory: inv, related, resource };
}

/** Variants enumerated for one resource and rule, at most. */
const MAX_VARIANTS = 64;

interface Assignment {
  choice: Map<string, boolean>;
  label: string;
  /** The assignment without the region dimension: variants that share it differ only in the region. */
  other: string;
}

/**
 * The deployable assignments of the read conditions. A condition with a dimension (the region, a
 * switch parameter) is not enumerated on its own: the dimension's values are, and conditions on one
 * dimension take the values that value gives them (IsProd and Sizing[Env] agree; a region the claims
 * do not allow is left out). Values giving the same assignment are one variant. Other conditions are
 * enumerated true/false.
 */
function assignments(names: string[], dims: Map<string, Dimension>, allowedRegions: readonly string[] | undefined): Assignment[] | undefined {
  if (names.length === 0) return [{ choice: new Map(), label: '', other: '' }];
  const byDim = new Map<string, string[]>();
  const plain: string[] = [];
  for (const n of names) {
    const d = dims.get(n);
    if (d) byDim.set(d.name, [...(byDim.get(d.name) ?? []), n]);
    else plain.push(n);
  }
  let out: Assignment[] = [{ choice: new Map(), label: '', other: '' }];
  const join = (a: string, b: string) => (a && b ? `${a}, ${b}` : a || b);
  for (const [dname, conds] of byDim) {
    let values = Object.keys(dims.get(conds[0]!)!.table);
    if (dname === REGION_DIMENSION && allowedRegions?.length) values = values.filter((v) => regionAllowed('aws', v, allowedRegions) !== false);
    const groups = new Map<string, { values: string[]; choice: [string, boolean][] }>();
    for (const v of values) {
      const vec = conds.map((c) => dims.get(c)!.table[v]);
      if (vec.some((x) => x === undefined)) continue;
      const key = vec.map((x) => (x ? '1' : '0')).join('');
      const g = groups.get(key) ?? groups.set(key, { values: [], choice: conds.map((c, i) => [c, vec[i]!]) }).get(key)!;
      g.values.push(v);
    }
    if (groups.size === 0) {
      plain.push(...conds);
      continue;
    }
    const next: Assignment[] = [];
    for (const a of out)
      for (const g of groups.values()) {
        const shown = g.values.length > 3 ? `${g.values.slice(0, 3).join('|')}|…` : g.values.join('|');
        const label = groups.size > 1 ? `${dname}=${shown}` : '';
        next.push({ choice: new Map([...a.choice, ...g.choice]), label: join(a.label, label), other: dname === REGION_DIMENSION ? a.other : join(a.other, label) });
      }
    out = next;
    if (out.length > MAX_VARIANTS) return undefined;
  }
  if (out.length << plain.length > MAX_VARIANTS) return undefined;
  const all: Assignment[] = [];
  for (const a of out)
    for (let mask = 0; mask < 1 << plain.length; mask++) {
      const choice = new Map(a.choice);
      plain.forEach((n, i) => choice.set(n, Boolean(mask & (1 << i))));
      const label = join(a.label, plain.map((n) => `${n}=${choice.get(n)}`).join(', '));
      all.push({ choice, label, other: join(a.other, plain.map((n) => `${n}=${choice.get(n)}`).join(', ')) });
    }
  return all;
}

/**
 * Judge every deployable variant of a resource whose properties branch on
 * conditions of unknown value. Only the conditions the rule reads count: the
 * rule is run once with every condition false, the conditions of the branches
 * it read are then enumerated, and so on until the set stops growing. A
 * literal property beside a hundred unknown conditions is judged as written.
 * What it reads of related resources of the same stack counts the same way.
 * Variants that differ only in the region combine softly (a verdict that
 * differs between regions is unknown); all others by the worst verdict.
 */
function judgeVariants(rule: Rule, r: Resource, ctx: RuleContext, sites: BranchSite[]): Verdict[] | string {
  let names: string[] = [];
  const dims = new Map<string, Dimension>();
  for (let round = 0; round < 8; round++) {
    const list = assignments(names, dims, ctx.params.allowedRegions);
    if (!list) return `the properties this rule reads branch on conditions of unknown value (${names.join(', ')}) with more than ${MAX_VARIANTS} combinations`;
    const runs: { variant: Variant; verdicts: Verdict[]; other: string }[] = [];
    for (const a of list) {
      const variant = variantOf(r, a.choice, a.label, ctx.inventory, sites.length > 0);
      runs.push({ variant, other: a.other, verdicts: runCheck(rule, variant.resource, variant.inventory === ctx.inventory ? ctx : { ...ctx, inventory: variant.inventory }) });
    }
    const read = new Set(names);
    const see = (s: BranchSite) => {
      read.add(s.condition);
      if (s.dimension) dims.set(s.condition, s.dimension);
    };
    for (const run of runs) {
      for (const s of sites) if (!read.has(s.condition) && readsSite(run.variant.reads, s.path)) see(s);
      for (const rel of run.variant.related) if (rel.reads.size) for (const s of rel.sites) if (!read.has(s.condition) && readsSite(rel.reads, s.path)) see(s);
    }
    if (read.size === names.length) return combine(runs);
    if ([...read].filter((n) => !dims.has(n)).length > MAX_READ_CONDITIONS)
      return `the properties this rule reads branch on ${read.size} conditions of unknown value (${[...read].join(', ')}); more than ${MAX_READ_CONDITIONS} are not enumerated`;
    names = [...read];
  }
  return 'the conditions this rule reads did not settle';
}

/** Variants sharing everything but the region combine softly (`regionalOf`), the groups by the worst verdict. */
function combine(runs: { variant: Variant; verdicts: Verdict[]; other: string }[]): Verdict[] {
  if (runs.length === 1) return runs[0]!.verdicts;
  const groups = new Map<string, { variant: Variant; verdicts: Verdict[] }[]>();
  for (const run of runs) groups.set(run.other, [...(groups.get(run.other) ?? []), run]);
  if (groups.size === runs.length) return worstOf(runs);
  const merged = [...groups.entries()].map(([other, g]) => ({ variant: { ...g[0]!.variant, label: other }, verdicts: regionalOf(g) }));
  return merged.length === 1 ? merged[0]!.verdicts : worstOf(merged);
}

/** Per sub-id, the worst verdict over the variants, saying which variant produced it. */
function worstOf(runs: { variant: Variant; verdicts: Verdict[] }[]): Verdict[] {
  if (runs.length === 1) return runs[0]!.verdicts;
  const worstRaw = new Map<string, { verdict: Verdict; label: string }>();
  const perVariant: { keys: Set<string>; bad: boolean }[] = [];
  for (const { variant: v, verdicts } of runs) {
    const seen = { keys: new Set<string>(), bad: false };
    perVariant.push(seen);
    for (const verdict of verdicts) {
      seen.keys.add(verdict.subId ?? '');
      if (verdict.status === 'fail' || verdict.status === 'unknown') seen.bad = true;
      const key = verdict.subId ?? '';
      const prev = worstRaw.get(key);
      if (!prev || STATUS_WEIGHT[verdict.status] > STATUS_WEIGHT[prev.verdict.status]) worstRaw.set(key, { verdict, label: v.label });
    }
  }
  // A failure (or unknown) names the variant that gives it, unless every variant gives the very same
  // verdict: a name built from Stage makes a rule read Stage, but a cache that keeps snapshots in every
  // stage does not fail "when Stage=dev".
  const worst = new Map<string, Verdict>();
  for (const [key, { verdict, label }] of worstRaw) {
    const bad = verdict.status === 'fail' || verdict.status === 'unknown';
    const same = runs.every(({ verdicts }) => verdicts.some((x) => (x.subId ?? '') === key && x.status === verdict.status && x.message === verdict.message));
    worst.set(key, bad && !same ? { ...verdict, message: `when ${label}: ${verdict.message}` } : verdict);
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
 * Verdicts over variants that differ only in the deployment region: a sub-id whose status is
 * the same in every variant keeps it; one that differs is `unknown` (it depends on a region the
 * template does not fix), never the worst branch (a China-only fallback is not a failure elsewhere).
 */
function regionalOf(runs: { variant: Variant; verdicts: Verdict[] }[]): Verdict[] {
  const keys = new Set(runs.flatMap(({ verdicts }) => verdicts.map((v) => v.subId ?? '')));
  const statuses = new Map<string, Set<Status | 'none'>>();
  for (const k of keys) statuses.set(k, new Set(runs.map(({ verdicts }) => verdicts.find((v) => (v.subId ?? '') === k)?.status ?? 'none')));
  return worstOf(runs).map((v) => {
    const seen = statuses.get(v.subId ?? '');
    if (!seen || seen.size === 1 || (v.status !== 'fail' && v.status !== 'unknown')) return v;
    return { ...v, status: 'unknown' as const, message: `depends on the deployment region (a condition tests AWS::Region; no --region, and the claims' allowed regions do not decide it): ${v.message}` };
  });
}

const STATUS_WEIGHT: Record<Status, number> = { fail: 3, unknown: 2, pass: 1, 'not-applicable': 0 };

function runCheck(rule: Rule, r: Resource, ctx: RuleContext): Verdict[] {
  const out = checkOnce(rule, r, ctx);
  if (out === undefined) return [];
  return Array.isArray(out) ? out : [out as Verdict];
}

/** What `rule.check` returned (one verdict, a list, or nothing), with a thrown error as an `unknown` verdict. */
function checkOnce(rule: Rule, r: Resource, ctx: RuleContext): Verdict | readonly Verdict[] | undefined {
  try {
    return rule.check(r, ctx);
  } catch (e) {
    if (e instanceof NeedsValue) {
      return {
        status: 'unknown',
        message: `cannot tell: ${e.message}`,
        evidence: [{ path: e.path, observed: `<unresolved: ${e.expression}>` }],
      };
    }
    const msg = e instanceof Error ? e.message : String(e);
    return { status: 'unknown', message: `rule error: ${msg}`, evidence: [{ path: '(rule)', observed: msg }] };
  }
}

/** Whether every rule sees `r` as written: no branch of its own, nor in a related resource of its stack. */
function asWritten(r: Resource, inventory: Inventory): boolean {
  // Related resources of the same stack may branch too (a bucket policy, an ingress rule, a parameter group).
  return sitesOf(r).length === 0 && (r.source !== 'iac' || !stacksWithBranches(inventory).has(r.location.stack));
}

/** Verdicts of one rule on one resource, across `Fn::If` variants. */
export function judge(rule: Rule, r: Resource, ctx: RuleContext): Verdict[] {
  if (asWritten(r, ctx.inventory)) return runCheck(rule, r, ctx);
  const out = judgeVariants(rule, r, ctx, sitesOf(r));
  if (typeof out === 'string') return [{ status: 'unknown', message: `cannot tell: ${out}`, evidence: [] }];
  return out;
}

export interface EvaluateOptions {
  controls: readonly ControlId[];
  /** Rules that run whatever their control (a benchmark's rules). */
  ruleIds?: ReadonlySet<string>;
  ctx: RuleContext;
}

/**
 * The inventory types a rule judges: its `types`, where `aws.*` stands for
 * every type of that provider in the inventory (a catch-all rule such as
 * secrets-encrypted/aws-template-property).
 */
export function typesJudged(rule: Rule, inventory: Inventory): string[] {
  if (!rule.types.some((t) => t.endsWith('.*'))) return rule.types;
  const out = new Set<string>();
  for (const t of rule.types) {
    if (!t.endsWith('.*')) out.add(t);
    else for (const it of inventory.types()) if (it.startsWith(t.slice(0, -1))) out.add(it);
  }
  return [...out];
}

/**
 * A resource's finding view, built once per run and shared by its findings (most resources are judged by
 * several rules): fewer objects on 100,000 findings. A later step that sets a field sets it for the resource.
 */
export type FindingViews = Map<Resource, FindingResource>;

export function findingView(views: FindingViews, r: Resource): FindingResource {
  let fr = views.get(r);
  if (!fr) views.set(r, (fr = findingResource(r)));
  return fr;
}

/** Whether `rule` runs in this evaluation: its control is claimed, or a benchmark names it. */
export function ruleInScope(rule: Rule, opts: Pick<EvaluateOptions, 'controls' | 'ruleIds'>): boolean {
  return opts.controls.includes(rule.control) || Boolean(opts.ruleIds?.has(rule.id));
}

/** A resource as every rule of a run judges it: its finding view, whether it is judged as written, and its fingerprint identity. */
interface Judged {
  r: Resource;
  fr: FindingResource;
  asWritten: boolean;
  /** `fingerprintIdentity(fr)`: the same for every rule, so built once per resource, not once per finding. */
  identity: string;
}

/** The resources of one type as a run judges them, and the sources (iac, live, probe) they come from. */
interface JudgedType {
  list: Judged[];
  sources: readonly Resource['source'][];
}

/**
 * Per run (its finding views), the resources of each type with what `judge` would look up for every
 * rule again: built once per type, so a rule's pass over a type does no map lookup per resource.
 */
const judgedByRun = new WeakMap<FindingViews, { inventory: Inventory; ctxInventory: Inventory; byType: Map<string, JudgedType> }>();

function judgedOfType(views: FindingViews, inventory: Inventory, ctxInventory: Inventory, type: string): JudgedType {
  let run = judgedByRun.get(views);
  if (!run || run.inventory !== inventory || run.ctxInventory !== ctxInventory) judgedByRun.set(views, (run = { inventory, ctxInventory, byType: new Map() }));
  let judged = run.byType.get(type);
  if (!judged) {
    const sources = new Set<Resource['source']>();
    const list = inventory.ofType(type).map((r) => {
      const fr = findingView(views, r);
      sources.add(r.source);
      return { r, fr, asWritten: asWritten(r, ctxInventory), identity: fingerprintIdentity(fr) };
    });
    judged = { list, sources: [...sources] };
    run.byType.set(type, judged);
  }
  return judged;
}

/** The findings of one rule over the inventory, appended to `out` in inventory order. */
export function evaluateRule(inventory: Inventory, rule: Rule, ctx: RuleContext, views: FindingViews, out: Finding[]): void {
  for (const type of typesJudged(rule, inventory)) {
    const { list, sources } = judgedOfType(views, inventory, ctx.inventory, type);
    // Whether the rule reads every source the type's resources come from (a template-only run: iac), or none
    // of them (a rule of live configuration only): decided once per type, not once per resource.
    const reads = sources.filter((s) => rule.sources.includes(s)).length;
    if (reads === 0) continue;
    const some = reads < sources.length;
    // Most verdicts have no sub-id: their fingerprint prefix is looked up once per rule and type.
    const plain = { type, prefix: fingerprintPrefix(rule.id, undefined, type) };
    for (const j of list) {
      if (some && !rule.sources.includes(j.r.source)) continue;
      // A resource judged as written: the check's verdict is taken as it comes (no list made around a single one).
      const verdicts = j.asWritten ? checkOnce(rule, j.r, ctx) : judge(rule, j.r, ctx);
      if (verdicts === undefined) continue;
      if (Array.isArray(verdicts)) for (const v of foldedVerdicts(verdicts as readonly Verdict[])) out.push(findingOf(rule, v, j, plain));
      else out.push(findingOf(rule, verdicts as Verdict, j, plain));
    }
  }
}

/**
 * Longest message a finding carries. A message quotes template text (a route's destination, a gateway id, a
 * name), and one text shared by many resources is quoted once per resource: a 1 MB IPv6 route destination in
 * a 1.2 MB template made 200 MB of evidence for 100 instances (2,000: killed at 60 s). The longest message of
 * the corpus is far below this.
 */
export const MAX_MESSAGE_CHARS = 4_000;

// The cut is copied out (through a Buffer): a slice of a long string keeps all of it alive (2,000 such messages held 4 GB).
const boundedMessage = (m: string): string => (m.length > MAX_MESSAGE_CHARS ? `${Buffer.from(m.slice(0, MAX_MESSAGE_CHARS)).toString()}… (${m.length} characters, cut)` : m);
const longText = (v: unknown): boolean => typeof v === 'string' && v.length > MAX_MESSAGE_CHARS;

/** The evidence with its notes and observed texts bounded as messages are (a note often repeats the message); untouched when short. */
function boundedEvidence(items: EvidenceItem[] | undefined): EvidenceItem[] {
  if (!items) return [];
  if (!items.some((e) => longText(e.note) || longText(e.observed))) return items;
  return items.map((e) => (longText(e.note) || longText(e.observed) ? { ...e, observed: longText(e.observed) ? boundedMessage(e.observed as string) : e.observed, ...(longText(e.note) ? { note: boundedMessage(e.note!) } : {}) } : e));
}

/**
 * Verdicts one rule gives one resource, at most: rules that judge each entry of a list (a CIDR, a replica
 * region, a target) give one per entry, and a hostile list has no end: 20 MediaLive input security groups of
 * 20,000 rules made 240,000 findings and 232 MB of evidence from an 11 MB template (fixP2). Past this many, the
 * rest are one verdict as bad as the worst of them (fail, then unknown), so nothing failing is folded away.
 */
export const MAX_VERDICTS_PER_RESOURCE = 100;

function foldedVerdicts(verdicts: readonly Verdict[]): readonly Verdict[] {
  if (verdicts.length <= MAX_VERDICTS_PER_RESOURCE) return verdicts;
  const shown = verdicts.slice(0, MAX_VERDICTS_PER_RESOURCE - 1);
  const rest = verdicts.slice(MAX_VERDICTS_PER_RESOURCE - 1);
  const worst = rest.reduce((a, v) => (STATUS_WEIGHT[v.status] > STATUS_WEIGHT[a.status] ? v : a));
  const count = (st: Status) => rest.filter((v) => v.status === st).length;
  const tally = (['fail', 'unknown', 'pass'] as const).map((st) => [st, count(st)] as const).filter(([, n]) => n > 0).map(([st, n]) => `${n} ${st}`).join(', ');
  const folded: Verdict = { status: worst.status, message: `and ${rest.length} more verdicts on this resource (${tally}), not listed one by one; the first of the worst: ${worst.message}`, evidence: worst.evidence ?? [], subId: '(more)' };
  return [...shown, folded];
}

/** The finding of one verdict: its fields in the order evidence.json writes them (`subId` last, when there is one). */
function findingOf(rule: Rule, v: Verdict, j: Judged, plain: { type: string; prefix: string }): Finding {
  const f: Finding = {
    fingerprint: fingerprintFrom(v.subId === undefined && j.fr.type === plain.type ? plain.prefix : fingerprintPrefix(rule.id, v.subId, j.fr.type), j.identity),
    ruleId: rule.id,
    control: rule.control,
    severity: rule.severity,
    status: v.status,
    message: boundedMessage(v.message),
    title: rule.title,
    resource: j.fr,
    evidence: boundedEvidence(v.evidence),
    suppression: null,
  };
  if (v.subId !== undefined) f.subId = v.subId;
  return f;
}

export function evaluate(inventory: Inventory, rules: readonly Rule[], opts: EvaluateOptions): Finding[] {
  const findings: Finding[] = [];
  const views: FindingViews = new Map();
  for (const rule of rules) if (ruleInScope(rule, opts)) evaluateRule(inventory, rule, opts.ctx, views, findings);
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

import type { Resource } from './resource.js';

/** What a source tells about how complete its collection was: defined once in src/schema/coverage.ts. */
export type { Coverage } from '../schema/coverage.js';
import type { Coverage } from '../schema/coverage.js';

/**
 * Resources indexed once by type and id, so rules find partners by relation
 * in constant time instead of scanning the whole inventory.
 */
export class Inventory {
  private readonly byId = new Map<string, Resource>();
  private readonly byType = new Map<string, Resource[]>();
  /** Other ids a resource is found by (a reference made through another stack's export: see src/sources/iac/exports.ts). */
  private aliases?: Map<string, string>;

  constructor(
    resources: Iterable<Resource> = [],
    readonly coverage: Coverage = {},
  ) {
    for (const r of resources) this.add(r);
  }

  add(r: Resource): void {
    if (this.byId.has(r.id)) throw new Error(`duplicate resource id ${r.id}`);
    this.byId.set(r.id, r);
    let list = this.byType.get(r.type);
    if (!list) this.byType.set(r.type, (list = []));
    list.push(r);
  }

  get size(): number {
    return this.byId.size;
  }

  /**
   * This inventory itself, also when read through a variant view (src/evaluate/evaluate.ts
   * wraps it in a Proxy per Fn::If variant): an index built once over the whole inventory
   * keys its cache on this, not on the view.
   */
  get base(): Inventory {
    return this;
  }

  /**
   * How many resources with `Fn::If` branches this inventory has handed out as a variant's view of them:
   * always 0 here; a variant view (src/evaluate/evaluate.ts) counts. A fact derived through a variant view
   * while this did not move is the same in every variant of its stack (see `sharedAcrossVariants`).
   */
  get variantViews(): number {
    return 0;
  }

  /**
   * What facts shared across variants are kept under: this inventory itself (resources as written); a
   * variant view answers one object for all the views of its stack, which see the other stacks as written
   * and the resources of their own stack without branches alike.
   */
  get variantScope(): object {
    return this;
  }

  get(id: string): Resource | undefined {
    const r = this.byId.get(id);
    if (r || !this.aliases) return r;
    const to = this.aliases.get(id);
    return to === undefined ? undefined : this.byId.get(to);
  }

  /** Let `get(alias)` find the resource `id` (never shadowing a resource of that id). */
  addAlias(alias: string, id: string): void {
    (this.aliases ??= new Map()).set(alias, id);
  }

  ofType(type: string): readonly Resource[] {
    return this.byType.get(type) ?? [];
  }

  types(): string[] {
    return [...this.byType.keys()];
  }

  all(): IterableIterator<Resource> {
    return this.byId.values();
  }

  /** Resources related to `r` under `relation` (resolved ids only). */
  related(r: Resource, relation: string): Resource[] {
    const ids = r.relations[relation];
    if (!ids) return [];
    const out: Resource[] = [];
    for (const id of ids) {
      const other = this.byId.get(id);
      if (other) out.push(other);
    }
    return out;
  }
}

/**
 * An edge that holds only in some `Fn::If` variants: a reference written on one side of an `Fn::If` whose
 * condition is unknown (`SecurityConfiguration: !If [IsProd, !Ref ProdConfig, !Ref DevConfig]`). `when` is
 * the branches taken to reach it (condition, side), outermost first; `path` the property path it was read at.
 */
export interface BranchEdge {
  readonly id: string;
  readonly path: string;
  readonly when: readonly { readonly condition: string; readonly side: boolean }[];
  /** A reverse edge: the reference (and its `Fn::If`) is written on the resource `id`, not on this one. */
  readonly reverse?: true;
}

/**
 * Branch edges, kept by the resource's `relations` object: a variant view of the resource (a copy with its
 * branches chosen, src/evaluate/evaluate.ts) shares that object, so the view finds them too. Not part of the
 * resource's data (not serialised): only the variant inventory follows them, in the variant they hold in.
 */
const BRANCH_EDGES = new WeakMap<object, Map<string, BranchEdge[]>>();

/** Add an edge from `from` to `toId` that holds only where every branch in `when` is taken. */
export function relateWhen(from: Resource, relation: string, toId: string, path: string, when: BranchEdge['when'], reverse = false): void {
  let byRelation = BRANCH_EDGES.get(from.relations);
  if (!byRelation) BRANCH_EDGES.set(from.relations, (byRelation = new Map()));
  const list = byRelation.get(relation) ?? byRelation.set(relation, []).get(relation)!;
  if (list.length < 64) list.push({ id: toId, path, when, ...(reverse ? { reverse: true as const } : {}) });
}

/** The branch edges of `r` under `relation` (none for most resources). */
export function branchEdges(r: Resource, relation: string): readonly BranchEdge[] {
  return BRANCH_EDGES.get(r.relations)?.get(relation) ?? [];
}

/**
 * The ids of a long relation list, for the duplicate check: `includes` on every edge made one route table's
 * 20,000 routes (reverse edges) cost 2×10^8 comparisons (fixP2); a list past 64 ids is looked up in a set.
 */
const LONG_LISTS = new WeakMap<string[], Set<string>>();

/** Add a relation edge (deduplicated) from `from` to `toId`. */
export function relate(from: Resource, relation: string, toId: string): void {
  const list = (from.relations[relation] ??= []);
  if (list.length < 64) {
    if (!list.includes(toId)) list.push(toId);
    return;
  }
  let seen = LONG_LISTS.get(list);
  if (!seen) LONG_LISTS.set(list, (seen = new Set(list)));
  if (seen.has(toId)) return;
  seen.add(toId);
  list.push(toId);
}

/**
 * A fact derived from `key` and what the inventory holds (a subnet's routes to the internet), computed once
 * for every `Fn::If` variant of a stack when its computation was handed no resource with branches: the
 * evaluator judges a resource with branches once per variant, each through its own view of the inventory, so
 * a cache keyed on the view alone recomputes per variant (2,000 instances with an unknown IPv6 condition
 * behind 20,000 routes: 31 s). A computation that did look at a resource with branches is kept for that view
 * only, as it read that variant's branches (and recorded the reads the evaluator enumerates conditions from).
 * Facts derived as written, or by the variants of another stack, are kept apart (`variantScope`): they saw
 * the branches of this stack unchosen. `compute` must read nothing but `key` and `inventory`; a fact of the
 * whole inventory takes any fixed key.
 */
export function sharedAcrossVariants<K, V>(cache: WeakMap<object, Map<K, V>>, inventory: Inventory, key: K, compute: () => V): V {
  const scope = inventory.variantScope;
  let shared = cache.get(scope);
  if (!shared) cache.set(scope, (shared = new Map()));
  if (shared.has(key)) return shared.get(key)!;
  let own = shared;
  if (inventory !== scope) {
    own = cache.get(inventory) ?? new Map();
    cache.set(inventory, own);
    if (own.has(key)) return own.get(key)!;
  }
  const before = inventory.variantViews;
  const value = compute();
  (inventory.variantViews === before ? shared : own).set(key, value);
  return value;
}

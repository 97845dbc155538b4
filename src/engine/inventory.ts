import type { Resource } from './resource.js';

/** What a source tells about how complete its collection was. */
export interface Coverage {
  /** Provider → accounts/projects/teams covered. */
  accounts?: Record<string, string[]>;
  regions?: string[];
  services?: string[];
  /** API calls made, per operation. */
  calls?: Record<string, number>;
  /** Calls that failed, with why (`AccessDenied`, `Throttling`, ...). */
  failures?: { operation: string; region?: string; account?: string; unit?: string; code: string; message: string; count?: number }[];
  /** Work units (account × region, project) done and failed: for sharded scans. */
  units?: { id: string; status: 'done' | 'failed' | 'missing'; reason?: string }[];
  /** Every unit of the whole scan (all shards), so a merge can list the ones no shard finished. */
  plannedUnits?: string[];
  /** The shard this run covered, when sharded (`--shard K/N`). */
  shard?: { index: number; count: number };
  /** Inputs read (template files, assemblies). */
  inputs?: string[];
  /** Live scans: resources collected per canonical type. */
  resources?: Record<string, number>;
  /** Live scans: attempts that came back throttled (retried by the SDK). */
  throttles?: number;
  /**
   * Things not collected, with why. `gap: true` marks something that exists and
   * should have been judged (a SAM resource, a nested template not found, a
   * macro): it makes the run incomplete (exit 3). Without it, the entry is
   * information (a resource whose condition is false, a non-template file).
   */
  notCollected?: { what: string; why: string; gap?: boolean; rule?: string }[];
  /**
   * Live scans: services left out with `--services`, as `provider:service`
   * (`aws:efs`). Rules on the types they produce are reported not collected.
   */
  excludedServices?: string[];
}

/**
 * Resources indexed once by type and id, so rules find partners by relation
 * in constant time instead of scanning the whole inventory.
 */
export class Inventory {
  private readonly byId = new Map<string, Resource>();
  private readonly byType = new Map<string, Resource[]>();

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

  get(id: string): Resource | undefined {
    return this.byId.get(id);
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

/** Add a relation edge (deduplicated) from `from` to `toId`. */
export function relate(from: Resource, relation: string, toId: string): void {
  const list = (from.relations[relation] ??= []);
  if (!list.includes(toId)) list.push(toId);
}

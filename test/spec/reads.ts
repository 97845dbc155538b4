/**
 * Which property paths each rule reads, learned by running rules over
 * templates through read-tracking views of their resources (and of the
 * resources they reach through the inventory). Paths use `[]` for any index.
 */
import type { Resource } from '../../src/model/resource.js';
import type { Rule, RuleContext } from '../../src/evaluate/rule.js';
import type { Inventory } from '../../src/model/inventory.js';
import { trackReads } from '../../src/evaluate/evaluate.js';

/** canonical type → path → rule ids that read it. */
export type Reads = Map<string, Map<string, Set<string>>>;

export function recordReads(rules: readonly Rule[], inventory: Inventory, ctx: Omit<RuleContext, 'inventory'>, into: Reads): void {
  for (const rule of rules) {
    const note = (type: string, paths: Set<string>) => {
      let byPath = into.get(type);
      if (!byPath) into.set(type, (byPath = new Map()));
      for (const p of paths) {
        let ids = byPath.get(p);
        if (!ids) byPath.set(p, (ids = new Set()));
        ids.add(rule.id);
      }
    };
    const pending: { type: string; paths: Set<string> }[] = [];
    const tracked = (r: Resource): Resource => {
      if (r.source !== 'iac') return r;
      const paths = new Set<string>();
      pending.push({ type: r.type, paths });
      return { ...r, properties: trackReads(r.properties, paths) };
    };
    const inv = new Proxy(inventory, {
      get(t, key, recv) {
        const v = Reflect.get(t, key, recv);
        if (key === 'get') return (id: string) => {
          const r = t.get(id);
          return r ? tracked(r) : r;
        };
        if (key === 'related') return (r: Resource, rel: string) => t.related(r, rel).map(tracked);
        if (key === 'ofType') return (type: string) => t.ofType(type).map(tracked);
        return typeof v === 'function' ? v.bind(t) : v;
      },
    });
    for (const type of rule.types) {
      for (const r of inventory.ofType(type)) {
        if (r.source !== 'iac' || !rule.sources.includes('iac')) continue;
        try {
          rule.check(tracked(r), { ...ctx, inventory: inv });
        } catch {
          /* unresolved values and rule errors: the reads made so far still count */
        }
      }
    }
    for (const p of pending) note(p.type, p.paths);
  }
}

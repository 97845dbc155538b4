/** What a stack's DynamoDB global tables say about the region it deploys to. */
import type { Inventory } from '../../src/model/inventory.js';
import { get } from '../../src/evaluate/facts.js';

type GlobalTableRegions = { regions: string[]; tables: string[] };

/**
 * Per inventory, each stack's answer, worked out in one pass over its global tables: the answer is asked once per
 * stack and once per AWS Backup selection (backup-retention/_selection.ts), and intersecting the replica lists
 * with `Array.includes` was quadratic (fixP5: 100 tables of 5,000 replicas, 12 MB, spent 3.3 s here).
 */
const byInventory = new WeakMap<Inventory, Map<string, GlobalTableRegions>>();

function index(inventory: Inventory): Map<string, GlobalTableRegions> {
  const cached = byInventory.get(inventory);
  if (cached) return cached;
  const open = new Map<string, { regions: Set<string>; tables: string[] }>();
  for (const t of inventory.ofType('aws.dynamodb.global-table')) {
    const stack = t.location.stack;
    if (t.source !== 'iac' || stack === undefined || t.properties['$Condition'] !== undefined) continue;
    const replicas = get(t.properties, 'Replicas');
    if (!Array.isArray(replicas) || replicas.length === 0) continue;
    const listed = replicas.map((x) => get(x, 'Region'));
    if (!listed.every((x): x is string => typeof x === 'string')) continue;
    const seen = open.get(stack);
    if (!seen) open.set(stack, { regions: new Set(listed), tables: [t.location.logicalId ?? t.id] });
    else {
      const here = new Set(listed);
      for (const x of seen.regions) if (!here.has(x)) seen.regions.delete(x);
      seen.tables.push(t.location.logicalId ?? t.id);
    }
  }
  const out = new Map<string, GlobalTableRegions>([...open].map(([stack, g]): [string, GlobalTableRegions] => [stack, { regions: [...g.regions], tables: g.tables }]));
  byInventory.set(inventory, out);
  return out;
}

/**
 * The regions a stack can deploy to, as its DynamoDB global tables tell: CloudFormation rejects an
 * AWS::DynamoDB::GlobalTable whose Replicas lack the deploying region ("The Replicas section must contain
 * an entry for the current region"), so the stack deploys to a region every such table lists. Only tables
 * always created (no condition left open) whose replica regions are all literal count; none: undefined.
 */
export function globalTableRegions(stack: string | undefined, inventory: Inventory): GlobalTableRegions | undefined {
  if (stack === undefined) return undefined;
  const g = index(inventory).get(stack);
  return g && { regions: [...g.regions], tables: [...g.tables] };
}

/** The one region a stack can deploy to by its global tables (one replica region common to all), if so. */
export function soleGlobalTableRegion(stack: string | undefined, inventory: Inventory): string | undefined {
  const g = globalTableRegions(stack, inventory);
  return g && g.regions.length === 1 ? g.regions[0] : undefined;
}

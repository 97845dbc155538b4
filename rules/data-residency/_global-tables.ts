/** What a stack's DynamoDB global tables say about the region it deploys to. */
import type { Inventory } from '../../src/model/inventory.js';
import { get } from '../../src/evaluate/facts.js';

/**
 * The regions a stack can deploy to, as its DynamoDB global tables tell: CloudFormation rejects an
 * AWS::DynamoDB::GlobalTable whose Replicas lack the deploying region ("The Replicas section must contain
 * an entry for the current region"), so the stack deploys to a region every such table lists. Only tables
 * always created (no condition left open) whose replica regions are all literal count; none: undefined.
 */
export function globalTableRegions(stack: string | undefined, inventory: Inventory): { regions: string[]; tables: string[] } | undefined {
  let regions: string[] | undefined;
  const tables: string[] = [];
  for (const t of inventory.ofType('aws.dynamodb.global-table')) {
    if (t.source !== 'iac' || stack === undefined || t.location.stack !== stack || t.properties['$Condition'] !== undefined) continue;
    const replicas = get(t.properties, 'Replicas');
    if (!Array.isArray(replicas) || replicas.length === 0) continue;
    const listed = replicas.map((x) => get(x, 'Region'));
    if (!listed.every((x): x is string => typeof x === 'string')) continue;
    regions = regions === undefined ? [...new Set(listed)] : regions.filter((x) => listed.includes(x));
    tables.push(t.location.logicalId ?? t.id);
  }
  return regions === undefined ? undefined : { regions, tables };
}

/** The one region a stack can deploy to by its global tables (one replica region common to all), if so. */
export function soleGlobalTableRegion(stack: string | undefined, inventory: Inventory): string | undefined {
  const g = globalTableRegions(stack, inventory);
  return g && g.regions.length === 1 ? g.regions[0] : undefined;
}

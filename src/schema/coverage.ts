/**
 * Coverage: what a source says about how complete its collection was. One
 * definition, shared by the inventory file and the evidence document (and
 * their generated JSON Schemas). Objects are open: a newer minor version may
 * add fields, and readers keep what they do not know.
 */
import { z } from 'zod';

const count = z.number().int().min(0);
const shapedAs = <T>(s: z.ZodType): z.ZodType<T> => s as unknown as z.ZodType<T>;

export const coverageSchema = z.looseObject({
  accounts: z.record(z.string(), z.array(z.string())).optional().describe('Provider → accounts/projects/teams covered.'),
  regions: z.array(z.string()).optional(),
  services: z.array(z.string()).optional(),
  calls: z.record(z.string(), count).optional().describe('API calls made, per operation.'),
  failures: z
    .array(
      z.looseObject({
        operation: z.string(),
        region: z.string().optional(),
        account: z.string().optional(),
        code: z.string(),
        message: z.string(),
        count: z.number().int().optional(),
        unit: z.string().optional(),
      }),
    )
    .optional()
    .describe('Calls that failed, with why (AccessDenied, Throttling, ...).'),
  units: z
    .array(z.looseObject({ id: z.string(), status: z.enum(['done', 'failed', 'missing']), reason: z.string().optional() }))
    .optional()
    .describe('Work units (account × region, project) done and failed: for sharded scans.'),
  inputs: z.array(z.string()).optional().describe('Inputs read (template files, assemblies).'),
  notCollected: z
    .array(
      z.looseObject({
        what: z.string(),
        why: z.string(),
        rule: z.string().optional().describe('The rule that could not read all its resources (derived coverage): its claims cannot hold.'),
        gap: z.boolean().optional().describe('Something that exists and should have been judged: the run is incomplete (exit 3). Without it, the entry is information.'),
      }),
    )
    .optional()
    .describe('Things not collected, with why.'),
  excludedServices: z.array(z.string()).optional().describe('Live scans: services left out with --services, as provider:service.'),
  plannedUnits: z.array(z.string()).optional().describe('Every unit of the whole scan (all shards), so a merge can list the ones no shard finished.'),
  shard: z
    .looseObject({ index: z.number().int().min(0), count: z.number().int().min(1) })
    .optional()
    .describe('The shard this run covered, when sharded (--shard K/N).'),
  merged: z.array(z.looseObject({})).optional().describe('vouch merge: the runs merged into this document.'),
  // Written since 1.0 but never published with a type: left open so no 1.0 document becomes invalid.
  resources: shapedAs<Record<string, number>>(z.unknown()).optional().describe('Live scans: resources collected per canonical type.'),
  throttles: shapedAs<number>(z.unknown()).optional().describe('Live scans: attempts that came back throttled (retried by the SDK).'),
});

export type Coverage = z.output<typeof coverageSchema>;

/**
 * The drift report (`vouch drift`'s drift.json, and the evidence document's
 * optional `drift` field), defined once: the types are inferred here,
 * `schema/drift.schema.json` is generated from it and the evidence schema
 * checks its `drift` field with it. It lives here, not beside the drift code,
 * so the evidence schema names it without importing src/findings/drift (no
 * import cycle). The comparison that fills it is src/findings/drift/compare.ts.
 *
 * Strictness: the parts the evidence schema checked before this schema
 * existed (the report, ownership, shadow, its resources, verdicts, counts,
 * claims, assembly, missingLive) are `z.looseObject`, open in the published
 * JSON Schema too, so evidence valid then stays valid; the others are
 * `z.object` (closed in the published JSON Schema; the reader still accepts
 * extra fields).
 */
import { z } from 'zod';
import { CONTROL_IDS } from '../evaluate/controls.js';
import { STATUSES } from '../model/verdict-values.js';

const count = z.number().int().min(0);
const status = z.enum(STATUSES);

export const DRIFT_KINDS = ['passes-in-code-fails-live', 'fails-in-code-passes-live', 'undetermined', 'in-step'] as const;
export const driftKindSchema = z.enum(DRIFT_KINDS);

export const assemblyResourceRefSchema = z.object({
  stack: z.string(),
  region: z.string().optional().describe('Region of the deployed stack compared (absent for a stack not deployed anywhere scanned).'),
  logicalId: z.string(),
  type: z.string(),
  constructPath: z.string().optional(),
});

export const assemblyDriftSchema = z.looseObject({
  compared: count.describe('Stacks of the assembly compared with a deployed stack (one per region it is deployed in).'),
  stacksNotDeployed: z.array(z.string()).describe('Assembly stacks no scanned region has deployed.'),
  notDeployed: z.array(assemblyResourceRefSchema).describe('In the assembly, not in the deployed template.'),
  notInAssembly: z.array(assemblyResourceRefSchema).describe('In the deployed template, not in the assembly.'),
  changed: z
    .array(assemblyResourceRefSchema.extend({ properties: z.array(z.string()), readByRules: z.array(z.string()) }))
    .describe('In both, with top-level properties that differ (names only): readByRules are those a rule read on this resource.'),
  notCompared: z
    .array(z.object({ stack: z.string(), region: z.string().optional(), reason: z.string() }))
    .describe('Stacks that could not be compared, with why (never counted as in step).'),
});

export const resourceRefSchema = z.object({
  type: z.string(),
  id: z.string(),
  account: z.string().optional(),
  region: z.string().optional(),
});

export const verdictDriftSchema = z.looseObject({
  kind: driftKindSchema,
  ruleId: z.string(),
  subId: z.string().optional(),
  control: z.enum(CONTROL_IDS),
  live: resourceRefSchema.extend({ status }),
  code: z.object({
    stack: z.string(),
    logicalId: z.string(),
    constructPath: z.string().optional(),
    file: z.string().optional(),
    line: z.number().int().optional(),
    status,
  }),
  cfnDriftStatus: z.string().optional().describe("CloudFormation's own drift status of the resource, shown beside vouch's view."),
  cfnDriftDifferences: z.array(z.string()).optional().describe("CloudFormation's property differences on it (paths and kinds, never values)."),
});

const perKind = { passesInCodeFailsLive: count, failsInCodePassesLive: count, undetermined: count };

export const controlDriftSchema = z.object({
  ...perKind,
  resources: z.object(perKind).optional().describe('Distinct live resources per kind.'),
});

export const claimDriftSchema = z.looseObject({
  id: z.string(),
  text: z.string(),
  controls: z.array(z.string()),
  brokenLive: count.describe("Distinct live resources on which a rule of the claim's controls passes in code and fails live."),
  fixedByHand: count.describe('… fails in code and passes live.'),
  undetermined: count,
  line: z.string().describe('"holds in code, broken live on 2 resources".'),
});

export const missingLiveSchema = z.looseObject({
  stack: z.string(),
  region: z.string().optional(),
  logicalId: z.string(),
  type: z.string(),
  physicalId: z.string(),
  constructPath: z.string().optional(),
});

const runRef = z.object({ run: z.string(), inputs: z.array(z.string()) });

export const driftReportSchema = z.looseObject({
  schemaVersion: z.literal('1'),
  live: runRef,
  code: runRef.optional(),
  ownership: z.looseObject({ resources: count, owned: count, none: count, ambiguous: count, unknown: count, notRead: count }),
  shadow: z.looseObject({ byType: z.record(z.string(), count), resources: z.array(resourceRefSchema.loose()) }),
  unknownOwnership: z
    .array(resourceRefSchema.extend({ reason: z.string() }))
    .describe('Live resources whose owner could not be determined, with why: not counted as shadow.'),
  ambiguous: z.array(resourceRefSchema.extend({ stacks: z.array(z.string()) })),
  verdicts: z.array(verdictDriftSchema),
  notInCode: z
    .array(resourceRefSchema.extend({ stack: z.string(), logicalId: z.string(), constructPath: z.string().optional() }))
    .describe('Owned live resources the given assembly does not have (another version deployed, or code not given).'),
  counts: z.looseObject({
    'passes-in-code-fails-live': count,
    'fails-in-code-passes-live': count,
    undetermined: count,
    'in-step': count,
  }),
  byControl: z.record(z.string(), controlDriftSchema).describe('Per control: drifted verdicts, and the distinct live resources behind them (resources).'),
  claims: z.array(claimDriftSchema).optional().describe("Per claim of the live run's profile with drift on its controls: the claim-level line."),
  assembly: assemblyDriftSchema
    .optional()
    .describe('The deployed templates against the assembly, resource by resource (only when the live inventory was at hand: scan aws --cdk-out): notDeployed, notInAssembly, changed (property names only), notCompared.'),
  missingLive: z
    .array(missingLiveSchema)
    .optional()
    .describe('Resources a stack owns that the scan did not find live: deleted outside the pipeline (scan aws --cdk-out).'),
});

/** drift.json as published (schema/drift.schema.json); the evidence document's `drift` field is `driftReportSchema` itself. */
export const driftDocumentSchema = driftReportSchema.meta({
  $id: 'https://vouch.dev/schema/drift-1.json',
  title: 'vouch drift report',
  description:
    'drift.json, written by vouch drift (and the evidence document’s optional drift field): live verdicts against the code that owns each resource, shadow resources, ownership, and with scan aws --cdk-out the deployed templates against the assembly.',
});

export type DriftKind = z.output<typeof driftKindSchema>;
export type AssemblyResourceRef = z.output<typeof assemblyResourceRefSchema>;
export type AssemblyDrift = z.output<typeof assemblyDriftSchema>;
export type ResourceRef = z.output<typeof resourceRefSchema>;
export type VerdictDrift = z.output<typeof verdictDriftSchema>;
export type ControlDrift = z.output<typeof controlDriftSchema>;
export type ClaimDrift = z.output<typeof claimDriftSchema>;
/** A resource a stack owns that the scan did not find live (src/findings/drift/missing.ts). */
export type MissingLive = z.output<typeof missingLiveSchema>;
export type DriftReport = z.output<typeof driftReportSchema>;

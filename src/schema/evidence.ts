/**
 * The evidence document (`DIR/evidence.json`), defined once: the TypeScript
 * types are inferred from it, `vouch report`/`diff`/`merge` read through it,
 * and `schema/evidence.schema.json` is generated from it (`npm run
 * schema:doc`). Field names are a public surface (DESIGN.md): 1.x only adds
 * optional fields, so every document valid against an earlier 1.x schema
 * stays valid.
 *
 * Strictness: objects marked `z.object` are closed in the published JSON
 * Schema (`additionalProperties: false`); the reader accepts and keeps extra
 * fields anyway, so a document from a newer 1.x minor version still reads.
 * `z.looseObject` parts are open in both.
 */
import { z } from 'zod';
import { driftReportSchema } from './drift.js';
import { CONTROL_IDS } from '../evaluate/controls.js';
import { SEVERITIES, STATUSES } from '../model/verdict-values.js';
import type { Claim, Parameters, ProfileInput } from './claims-profile.js';
import { coverageSchema } from './coverage.js';
import { PROVIDER_NAMES } from '../model/provider-names.js';

/** The type of a part whose shape another contract defines (the claims profile): checked here only as loosely as the published schema says. */
const shapedAs = <T>(s: z.ZodType): z.ZodType<T> => s as unknown as z.ZodType<T>;

const count = z.number().int().min(0);
const dateTime = z.string().meta({ format: 'date-time' });

export const severitySchema = z.enum(SEVERITIES).meta({ id: 'severity' });
export const statusSchema = z.enum(STATUSES).meta({ id: 'status' });
export const controlSchema = z.enum(CONTROL_IDS).meta({ id: 'control' });
const sourceKind = z.enum(['iac', 'live', 'probe']);

export const statusCountsSchema = z
  .object({
    pass: count,
    fail: count,
    unknown: count,
    'not-applicable': count,
    suppressed: count.describe('Failures covered by a live (unexpired) suppression.'),
  })
  .meta({ id: 'counts' });

const ownerClaim = z.object({
  stackName: z.string(),
  stackId: z.string(),
  logicalId: z.string(),
  constructPath: z.string().optional().describe("CDK construct path, from the deployed template's aws:cdk:path metadata."),
  cfnDriftStatus: z.string().optional().describe("CloudFormation's own drift status of the resource, where drift detection has run (IN_SYNC, MODIFIED, DELETED, NOT_CHECKED)."),
  cfnDriftDifferences: z.array(z.string()).optional().describe("CloudFormation's property differences, `PropertyPath (DifferenceType)` (DescribeStackResourceDrifts; never values)."),
});

export const resourceOwnerSchema = z
  .object({
    status: z.enum(['stack', 'none', 'ambiguous', 'unknown', 'managed']),
    stackName: z.string().optional(),
    stackId: z.string().optional(),
    logicalId: z.string().optional(),
    constructPath: z.string().optional(),
    cfnDriftStatus: z.string().optional(),
    cfnDriftDifferences: z.array(z.string()).optional(),
    reason: z.string().optional(),
    claims: z.array(ownerClaim).optional(),
    tool: z.string().optional().describe('managed (GCP, DigitalOcean): the tool a label or tag names (terraform, pulumi, config-connector, ...).'),
    label: z.string().optional().describe('managed: the label or tag that says so (goog-terraform-provisioned=true, k8s:<cluster id>).'),
    code: z
      .object({ file: z.string(), line: z.number().int().optional(), via: z.enum(['trace', 'template']) })
      .optional()
      .describe("Where the owning code is (scan aws --cdk-out): the CDK app's source line from the assembly's stack traces (trace), else the resource in the assembly's template (template)."),
  })
  .describe(
    'Live: who owns the resource. stack: one CloudFormation stack claims it; none: no stack does (shadow resource); ambiguous: several stacks claim it (claims); unknown: a stack that might own it could not be read (reason); managed: a label or tag names the deployment tool (GCP, DigitalOcean).',
  );

export const findingResourceSchema = z.object({
  type: z.string(),
  provider: z.enum([...PROVIDER_NAMES, 'web']).describe('web: an endpoint probed by name alone (command line, claims profile), owned by no known cloud resource.'),
  source: sourceKind,
  id: z.string(),
  name: z.string().optional(),
  file: z.string().optional(),
  line: z.number().int().min(1).optional(),
  logicalId: z.string().optional(),
  constructPath: z.string().optional(),
  stack: z.string().optional(),
  account: z.string().optional(),
  region: z.string().optional(),
  arn: z.string().optional(),
  owner: resourceOwnerSchema.optional(),
});

export const evidenceItemSchema = z.object({
  path: z.string().describe('Field path the value came from (Properties.SslPolicy, Listeners[0].Protocol).'),
  observed: z.unknown(),
  expected: z.unknown().optional(),
  source: z.string().optional().describe("The API call or template location that produced it, when it is not the resource's own."),
  note: z.string().optional(),
});

export const suppressionRecordSchema = z.object({
  reason: z.string(),
  owner: z.string().optional(),
  expires: z.string().optional(),
  origin: z.string().describe('metadata, cdk, or the suppressions file it came from.'),
  expired: z.boolean().describe('An expired suppression no longer suppresses; it stays visible.'),
});

export const findingSchema = z
  .object({
    fingerprint: z
      .string()
      .regex(/^[0-9a-f]{16,64}$/)
      .describe('Stable across runs: rule id + sub-id + resource identity (never line numbers).'),
    ruleId: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/),
    subId: z.string().optional(),
    control: controlSchema,
    severity: severitySchema,
    status: statusSchema,
    message: z.string(),
    title: z.string().optional(),
    resource: findingResourceSchema,
    evidence: z.array(evidenceItemSchema),
    suppression: suppressionRecordSchema.nullable(),
  })
  .meta({ id: 'finding' });

export const summarySchema = z.looseObject({
  total: count,
  byStatus: statusCountsSchema,
  byControl: z.record(z.string(), statusCountsSchema),
  bySeverity: z.object({ critical: count, high: count, medium: count, low: count, info: count }).catchall(count),
  gatingFailures: count.describe('Unsuppressed failures at or above --fail-on.'),
  incomplete: z.boolean().describe('True when any verdict is unknown or a source reported failures.'),
  exitCode: z.literal([0, 1, 3]),
});

const claimItem = z.looseObject({
  id: z.string(),
  text: z.string(),
  controls: z.array(controlSchema),
  attestation: z.looseObject({ evidence: z.string() }).optional(),
});

export const claimSectionSchema = z.looseObject({
  profile: z.string(),
  file: z.string().optional(),
  policy: shapedAs<ProfileInput['policy']>(z.looseObject({})).optional(),
  parameters: shapedAs<Parameters>(z.looseObject({})).describe('The effective parameters of the claims profile.'),
  controls: z.array(controlSchema),
  items: z.array(shapedAs<Claim>(claimItem)),
});

export const ruleInfoSchema = z.object({
  title: z.string(),
  control: controlSchema,
  severity: severitySchema,
  risk: z.string().optional(),
  remediation: z.object({ text: z.string(), cdk: z.string().optional(), cloudformation: z.string().optional(), cli: z.string().optional() }),
  references: z.array(z.string()).optional(),
  types: z.array(z.string()),
  sources: z.array(sourceKind),
  attestationOnly: z.boolean().optional(),
});

export const benchmarkVerdictSchema = z.enum(['pass', 'fail', 'unknown', 'not-checked', 'not-covered', 'manual']).meta({ id: 'benchmarkVerdict' });

export const benchmarkSectionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string(),
  version: z.string(),
  provider: z.string(),
  url: z.string().optional(),
  counts: z.object({ pass: count, fail: count, unknown: count, 'not-checked': count, 'not-covered': count, manual: count }),
  controls: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      section: z.string().optional(),
      assessment: z.enum(['automated', 'manual']),
      rules: z.array(z.string()).describe('Rule ids, optionally narrowed to one finding sub-id: rule[subId].'),
      note: z.string().optional(),
      attest: z.string().optional(),
      verdict: benchmarkVerdictSchema,
      counts: statusCountsSchema,
      failing: z.array(z.string()).describe('Fingerprints of active failures.'),
      unknown: z.array(z.string()).describe('Fingerprints of unsuppressed unknowns.'),
    }),
  ),
});

export const evidenceSchema = z
  .object({
    schemaVersion: z.string().regex(/^1\.[0-9]+$/, 'this vouch reads evidence schema 1.x'),
    tool: z.object({ name: z.literal('vouch'), version: z.string(), rulesHash: z.string() }),
    run: z.looseObject({
      id: z.string(),
      command: z.string(),
      startedAt: dateTime,
      finishedAt: dateTime,
      inputs: z.array(z.string()),
      failOn: severitySchema,
      rules: count,
      repoPath: z
        .string()
        .optional()
        .describe('Path of the working directory relative to the repository root (SARIF artifact URIs are relative to the root); absent when no repository was found.'),
    }),
    claims: claimSectionSchema,
    coverage: coverageSchema,
    findings: z.array(findingSchema),
    summary: summarySchema,
    rules: z.record(z.string(), ruleInfoSchema).optional().describe('Metadata of the rules that ran, by rule id.'),
    drift: driftReportSchema
      .optional()
      .describe(
        'Optional: drift between the live scan and the code that owns it, when scan aws --cdk-out was given: the same document vouch drift writes as drift.json (schema/drift.schema.json, src/schema/drift.ts).',
      ),
    benchmarks: z
      .array(benchmarkSectionSchema)
      .optional()
      .describe(
        'Optional: one section per benchmark asked for with --benchmark (cis-aws, cis-gcp, aws-fsbp): each benchmark control, the rules that decide it and its verdict over the findings. not-covered: automated in the benchmark, no vouch rule; manual: a person must attest.',
      ),
  })
  .meta({
    $id: 'https://vouch.dev/schema/evidence-1.0.json',
    title: 'vouch evidence document',
    description: 'The source of truth every vouch report is rendered from. schemaVersion 1.x adds only optional fields.',
  });

export type EvidenceDocument = z.output<typeof evidenceSchema>;
export type Finding = z.output<typeof findingSchema>;
export type FindingResource = z.output<typeof findingResourceSchema>;
export type FindingProvider = FindingResource['provider'];
export type ResourceOwner = z.output<typeof resourceOwnerSchema>;
export type OwnerClaim = z.output<typeof ownerClaim>;
export type SuppressionRecord = z.output<typeof suppressionRecordSchema>;
export type StatusCounts = z.output<typeof statusCountsSchema>;
export type Summary = z.output<typeof summarySchema>;
export type ClaimSection = z.output<typeof claimSectionSchema>;
export type RuleInfo = z.output<typeof ruleInfoSchema>;
export type BenchmarkSection = z.output<typeof benchmarkSectionSchema>;

/**
 * The inventory, defined once: the `Resource` record every source produces
 * (its TypeScript types are inferred here) and the inventory file written by
 * `--save-inventory` and read by `vouch evaluate` (src/sources/inventory-file.ts,
 * `schema/inventory.schema.json` generated from it). Objects are open in the
 * file: a newer minor version may add fields; a resource keeps them on load.
 *
 * In the file, values a template left unresolved are tagged objects
 * (`{"$unresolved": ...}`, `{"$ref": ...}`, `{"$if": ...}`, `{"$object": ...}`,
 * `{"$noValue": true}`, `{"$undefined": true}`, `{"$date": ...}`, `{"$number": ...}`);
 * in memory they are the markers of src/model/values.ts.
 */
import { z } from 'zod';
import { resourceOwnerSchema } from './evidence.js';
import { coverageSchema } from './coverage.js';
import { PROVIDER_NAMES } from '../model/provider-names.js';

export const locationSchema = z.object({
  file: z.string().optional().describe('IaC: template path relative to the working directory.'),
  line: z.number().int().nonnegative().optional().describe("IaC: 1-based line of the resource's logical id in the template."),
  logicalId: z.string().optional(),
  constructPath: z.string().optional().describe('IaC: CDK construct path from aws:cdk:path metadata.'),
  stack: z.string().optional().describe('IaC: stack name (CDK artifact id or template file stem).'),
  account: z.string().optional().describe('Live: AWS account id, GCP project id, DigitalOcean team.'),
  region: z.string().optional(),
  arn: z.string().optional().describe('Live: ARN, self-link or URN.'),
});

export const rawRecordSchema = z
  .object({
    operation: z.string().describe('s3:GetBucketEncryption, compute.firewalls.list, or template'),
    region: z.string().optional(),
    requestId: z.string().optional(),
    at: z.string().optional(),
    data: z.unknown().optional().describe('The response or template fragment (secrets already redacted).'),
    error: z.object({ code: z.string(), message: z.string() }).optional().describe('Set when the call failed: the error code and message (never credentials).'),
  })
  .describe('Where a piece of raw material came from: an API call, or a template fragment.');

export const acknowledgementSchema = z.object({
  rule: z.string().min(1).describe('Rule id, optionally with [subId]; * globs allowed.'),
  reason: z.string(),
  owner: z.string().optional(),
  expires: z.string().optional(),
  origin: z.string().describe('Where it was declared: metadata (template), cdk (Validations.acknowledge), or a file path.'),
});

export const resourceSchema = z.object({
  type: z.string().min(1).describe('Canonical type, e.g. aws.s3.bucket, aws.elbv2.listener, gcp.compute.firewall.'),
  provider: z.enum(PROVIDER_NAMES),
  source: z.enum(['iac', 'live']),
  id: z.string().min(1).describe('Stable identity, unique in one inventory. IaC: <stack>/<logicalId>; live: ARN / self-link / URN.'),
  name: z.string().optional(),
  properties: z.record(z.string(), z.unknown()).describe('Normalized facts the rules read (CloudFormation vocabulary for AWS, REST shapes for GCP and DigitalOcean).'),
  raw: z.array(rawRecordSchema).optional().describe('Raw material: API responses or the template fragment.'),
  location: locationSchema.default({}),
  relations: z.record(z.string(), z.array(z.string())).default({}).describe('Named relations to other resources, by their id. Resolved by the source.'),
  gaps: z.record(z.string(), z.string()).optional().describe('Facts the source could not collect: a field path → why. Rules that need such a field answer unknown.'),
  owner: resourceOwnerSchema.optional(),
  acknowledgements: z.array(acknowledgementSchema).optional().describe('Acknowledgements carried by the resource itself (template metadata, CDK acknowledge).'),
});

export const inventoryFileSchema = z
  .object({
    inventoryVersion: z.literal(1),
    collectedAt: z.string().meta({ format: 'date-time' }),
    tool: z.object({ name: z.string(), version: z.string() }).optional(),
    command: z.string().optional().describe('The command that collected it, e.g. check cdk.out.'),
    coverage: coverageSchema.default({}),
    // Fields a newer writer adds to a resource are kept on load.
    resources: z.array(resourceSchema.loose()),
  })
  .loose()
  .meta({
    $id: 'https://vouch.dev/schema/inventory-1.json',
    title: 'vouch inventory file',
    description: 'What a source collected (--save-inventory), to be judged again offline with vouch evaluate. Value markers are tagged objects ($unresolved, $ref, $if, $object, $noValue, $undefined, $date, $number).',
  });

export type Location = z.output<typeof locationSchema>;
export type RawRecord = z.output<typeof rawRecordSchema>;
export type Acknowledgement = z.output<typeof acknowledgementSchema>;
export type Resource = z.output<typeof resourceSchema>;
export type Provider = Resource['provider'];

/**
 * Read an evidence document written by an earlier run, for `vouch report`
 * and `vouch diff`. The structure reports depend on is checked with a schema
 * (unknown extra fields are allowed, for documents from newer minor
 * versions); any problem is one line naming the file and the field.
 */
import { readInputText } from '../engine/input-file.js';
import { z } from 'zod';
import type { EvidenceDocument } from '../engine/evidence.js';
import { InputError } from '../engine/errors.js';
import { SEVERITIES, STATUSES } from '../engine/rule.js';

/** Larger files are refused rather than read into memory (≈ 1.5 million findings). */
export const MAX_EVIDENCE_BYTES = 1024 * 1024 * 1024;

const counts = z.looseObject({ pass: z.number(), fail: z.number(), unknown: z.number(), 'not-applicable': z.number(), suppressed: z.number() });
const resource = z.looseObject({
  type: z.string(),
  provider: z.enum(['aws', 'gcp', 'digitalocean', 'web']),
  source: z.enum(['iac', 'live', 'probe']),
  id: z.string(),
  name: z.string().optional(),
  file: z.string().optional(),
  line: z.number().int().optional(),
  owner: z
    .looseObject({
      status: z.enum(['stack', 'none', 'ambiguous', 'unknown', 'managed']),
      tool: z.string().optional(),
      label: z.string().optional(),
      stackName: z.string().optional(),
      stackId: z.string().optional(),
      logicalId: z.string().optional(),
      constructPath: z.string().optional(),
      cfnDriftStatus: z.string().optional(),
      reason: z.string().optional(),
      code: z.looseObject({ file: z.string(), line: z.number().int().optional(), via: z.enum(['trace', 'template']) }).optional(),
      claims: z.array(z.looseObject({ stackName: z.string(), stackId: z.string(), logicalId: z.string(), constructPath: z.string().optional() })).optional(),
    })
    .optional(),
});
const finding = z.looseObject({
  fingerprint: z.string().min(1),
  ruleId: z.string().min(1),
  subId: z.string().optional(),
  control: z.string().min(1),
  severity: z.enum(SEVERITIES),
  status: z.enum(STATUSES),
  message: z.string(),
  title: z.string().optional(),
  resource,
  evidence: z.array(z.looseObject({ path: z.string() })),
  suppression: z.looseObject({ reason: z.string(), origin: z.string(), expired: z.boolean(), owner: z.string().optional(), expires: z.string().optional() }).nullable(),
});
export const evidenceShape = z.looseObject({
  schemaVersion: z.string().regex(/^1\./, 'this vouch reads evidence schema 1.x'),
  tool: z.looseObject({ name: z.literal('vouch'), version: z.string(), rulesHash: z.string() }),
  run: z.looseObject({
    id: z.string(),
    command: z.string(),
    startedAt: z.string(),
    finishedAt: z.string(),
    inputs: z.array(z.string()),
    failOn: z.enum(SEVERITIES),
    rules: z.number(),
    repoPath: z.string().optional(),
  }),
  claims: z.looseObject({
    profile: z.string(),
    parameters: z.looseObject({}),
    controls: z.array(z.string()),
    items: z.array(
      z.looseObject({
        id: z.string(),
        text: z.string(),
        controls: z.array(z.string()),
        attestation: z.looseObject({ evidence: z.string() }).optional(),
      }),
    ),
  }),
  coverage: z.looseObject({}),
  findings: z.array(finding),
  summary: z.looseObject({
    total: z.number(),
    byStatus: counts,
    byControl: z.record(z.string(), counts),
    bySeverity: z.looseObject({}),
    gatingFailures: z.number(),
    incomplete: z.boolean(),
    exitCode: z.union([z.literal(0), z.literal(1), z.literal(3)]),
  }),
  rules: z.record(z.string(), z.looseObject({ title: z.string(), control: z.string(), severity: z.enum(SEVERITIES), remediation: z.looseObject({ text: z.string() }) })).optional(),
  benchmarks: z
    .array(
      z.looseObject({
        id: z.string(),
        title: z.string(),
        version: z.string(),
        provider: z.string(),
        controls: z.array(z.looseObject({ id: z.string(), title: z.string(), assessment: z.enum(['automated', 'manual']), rules: z.array(z.string()) })),
      }),
    )
    .optional(),
  drift: z
    .looseObject({
      schemaVersion: z.string(),
      ownership: z.looseObject({}),
      shadow: z.looseObject({ byType: z.record(z.string(), z.number()), resources: z.array(z.looseObject({ type: z.string(), id: z.string() })) }),
      verdicts: z.array(z.looseObject({ kind: z.string(), ruleId: z.string() })),
      counts: z.looseObject({}),
      claims: z.array(z.looseObject({ id: z.string(), line: z.string() })).optional(),
    })
    .optional(),
});

export function parseEvidence(text: string, file: string): EvidenceDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
  const r = evidenceShape.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new InputError(`${file}: not a vouch evidence document: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return raw as EvidenceDocument;
}

export function loadEvidence(file: string): EvidenceDocument {
  const text = readInputText(file, {
    maxBytes: MAX_EVIDENCE_BYTES,
    tooBig: (size) => `${Math.round(size / 1048576)} MB is larger than the ${MAX_EVIDENCE_BYTES / 1048576} MB vouch reads`,
  });
  return parseEvidence(text, file);
}

/**
 * Claim verdicts (`DIR/claims.json`, and the claim sections of the reports),
 * defined once: src/findings/claim-verdicts.ts computes them from the evidence
 * and takes its types from here; `schema/claims-report.schema.json` is
 * generated from it.
 */
import { z } from 'zod';
import { CONTROL_IDS } from '../evaluate/controls.js';
import { statusCountsSchema } from './evidence.js';
import { PROVIDER_NAMES } from '../model/provider-names.js';

export const CLAIM_VERDICT_KINDS = ['holds', 'broken', 'unverified', 'needs-attestation'] as const;
const verdictKind = z.enum(CLAIM_VERDICT_KINDS);
const control = z.enum(CONTROL_IDS);

export const claimVerdictSchema = z.object({
  id: z.string(),
  text: z.string(),
  source: z.object({ document: z.string().optional(), section: z.string().optional(), line: z.number().int().positive().optional() }).optional(),
  controls: z.array(control),
  attestation: z.object({ evidence: z.string() }).optional(),
  verdict: verdictKind,
  unverifiedBecause: z.enum(['unknowns', 'not-collected', 'nothing-in-scope']).optional().describe('Set when verdict is unverified.'),
  needsAttestation: z.boolean().describe('True when the claim carries an attestation item (alone or beside controls).'),
  reason: z.string().describe('One sentence a person can read: why this verdict.'),
  counts: statusCountsSchema.describe("Over the findings of the claim's controls."),
  byProvider: z.partialRecord(z.enum([...PROVIDER_NAMES, 'web']), statusCountsSchema),
  bySource: z.partialRecord(z.enum(['iac', 'live', 'probe']), statusCountsSchema),
  controlsNotChecked: z.array(control).describe("Controls of the claim with no checked resource (nothing in scope)."),
  notCollected: z.array(z.string()).optional().describe("Rules of the claim's controls whose resources were not (fully) read, from coverage.notCollected."),
  failing: z.array(z.string()).describe('Fingerprints, to find the findings in the document.'),
  suppressed: z.array(z.string()),
  unknown: z.array(z.string()),
});

const verdictCounts = z.object({ holds: z.number().int().min(0), broken: z.number().int().min(0), unverified: z.number().int().min(0), 'needs-attestation': z.number().int().min(0) });

export const claimsReportSchema = z
  .object({
    runId: z.string(),
    profile: z.string(),
    counts: verdictCounts,
    needingAttestation: z.number().int().min(0).describe('Claims (of any verdict) that also need attestation.'),
    claims: z.array(claimVerdictSchema),
  })
  .meta({
    $id: 'https://vouch.dev/schema/claims-report-1.json',
    title: 'vouch claim verdicts',
    description: 'claims.json: each claim of the profile with its verdict (holds, broken, unverified, needs-attestation), why, and the findings behind it; derived from evidence.json alone.',
  });

export type ClaimVerdictKind = z.output<typeof verdictKind>;
export type ClaimVerdict = z.output<typeof claimVerdictSchema>;
export interface ClaimsOverview {
  verdicts: ClaimVerdict[];
  counts: z.output<typeof verdictCounts>;
  /** Claims (of any verdict) that also need attestation. */
  attestations: number;
}

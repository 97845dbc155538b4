import type { EvidenceDocument } from '../findings/evidence.js';
import { claimVerdicts } from '../findings/claim-verdicts.js';

export function renderJson(doc: EvidenceDocument): string {
  return JSON.stringify(doc, null, 2) + '\n';
}

/**
 * The claim view for machines: one verdict per claim with its counts and the
 * fingerprints of the findings behind it (see claim-verdicts.ts).
 */
export function renderClaimsJson(doc: EvidenceDocument): string {
  const c = claimVerdicts(doc);
  return (
    JSON.stringify(
      { runId: doc.run.id, profile: doc.claims.profile, counts: c.counts, needingAttestation: c.attestations, claims: c.verdicts },
      null,
      2,
    ) + '\n'
  );
}

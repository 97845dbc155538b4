import { randomUUID } from 'node:crypto';
import type { EvidenceDocument } from '../findings/evidence.js';
import { claimVerdicts } from '../findings/claim-verdicts.js';

export function renderJson(doc: EvidenceDocument): string {
  return JSON.stringify(doc, null, 2) + '\n';
}

/** Findings stringified per group in `renderJsonBytes`. */
const FINDINGS_PER_GROUP = 256;

/**
 * The bytes of `renderJson(doc)`, rendered in pieces. One character beyond
 * Latin-1 anywhere (an en dash in an expected value) makes V8 build the whole
 * document as a two-byte string, twice the memory and several times slower to
 * encode as UTF-8; per group of findings, only the groups holding such a
 * character are. Byte-identical by construction: a group nested in one more
 * array is written at the depth the findings have in the document.
 */
export function renderJsonBytes(doc: EvidenceDocument): Buffer {
  return Buffer.concat(renderJsonParts(doc));
}

/**
 * The bytes of `renderJsonBytes(doc)` as its pieces, in order: the report
 * writer hashes and writes them one after the other, so a large run's
 * evidence (~150 MB at 50,000 resources) is never copied into one buffer.
 */
export function renderJsonParts(doc: EvidenceDocument): Buffer[] {
  if (doc.findings.length === 0) return [Buffer.from(renderJson(doc), 'utf8')];
  // The document with a marker no input can forge (random) where the findings go.
  const marker = `\u0000vouch-findings-${randomUUID()}`;
  const outer = JSON.stringify({ ...doc, findings: marker }, null, 2) + '\n';
  const slot = JSON.stringify(marker);
  const at = outer.lastIndexOf(slot);
  const parts: Buffer[] = [Buffer.from(`${outer.slice(0, at)}[`, 'utf8')];
  for (let i = 0; i < doc.findings.length; i += FINDINGS_PER_GROUP) {
    // The group inside one more array is stringified at the findings' depth (no re-indenting pass):
    // "[\n  [\n    {…},\n    {…}\n  ]\n]" → "\n    {…},\n    {…}".
    const nested = JSON.stringify([doc.findings.slice(i, i + FINDINGS_PER_GROUP)], null, 2);
    const elements = nested.slice(5, -6);
    parts.push(Buffer.from(i === 0 ? elements : `,${elements}`, 'utf8'));
  }
  parts.push(Buffer.from(`\n  ]${outer.slice(at + slot.length)}`, 'utf8'));
  return parts;
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

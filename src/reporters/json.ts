import { randomUUID } from 'node:crypto';
import type { EvidenceDocument } from '../findings/evidence.js';
import { claimVerdicts, type ClaimsOverview } from '../findings/claim-verdicts.js';

export function renderJson(doc: EvidenceDocument): string {
  return JSON.stringify(doc, null, 2) + '\n';
}

/**
 * The UTF-8 bytes of `text`. Text that is all ASCII (a byte length equal to its length: any
 * other character takes two bytes or more) is the same bytes in Latin-1, which is a plain copy:
 * V8 counts the bytes much faster than it encodes them (evidence at 50,000 resources is ~150 MB).
 */
export function utf8Bytes(text: string): Buffer {
  return Buffer.from(text, Buffer.byteLength(text, 'utf8') === text.length ? 'latin1' : 'utf8');
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
  if (doc.findings.length === 0) return [utf8Bytes(renderJson(doc))];
  // The document with a marker no input can forge (random) where the findings go.
  const marker = `\u0000vouch-findings-${randomUUID()}`;
  const outer = JSON.stringify({ ...doc, findings: marker }, null, 2) + '\n';
  const slot = JSON.stringify(marker);
  const at = outer.lastIndexOf(slot);
  const parts: Buffer[] = [utf8Bytes(`${outer.slice(0, at)}[`)];
  for (let i = 0; i < doc.findings.length; i += FINDINGS_PER_GROUP) {
    // The group inside one more array is stringified at the findings' depth (no re-indenting pass):
    // "[\n  [\n    {…},\n    {…}\n  ]\n]" → "\n    {…},\n    {…}".
    const nested = JSON.stringify([doc.findings.slice(i, i + FINDINGS_PER_GROUP)], null, 2);
    // The comma between groups is a piece of its own: prepending it would make V8 copy the group's text once more.
    if (i > 0) parts.push(Buffer.from(','));
    parts.push(utf8Bytes(nested.slice(5, -6)));
  }
  parts.push(utf8Bytes(`\n  ]${outer.slice(at + slot.length)}`));
  return parts;
}

/**
 * The claim view for machines: one verdict per claim with its counts and the
 * fingerprints of the findings behind it (see claim-verdicts.ts).
 */
export function renderClaimsJson(doc: EvidenceDocument, ctx: { claims?: ClaimsOverview } = {}): string {
  const c = ctx.claims ?? claimVerdicts(doc);
  return (
    JSON.stringify(
      { runId: doc.run.id, profile: doc.claims.profile, counts: c.counts, needingAttestation: c.attestations, claims: c.verdicts },
      null,
      2,
    ) + '\n'
  );
}

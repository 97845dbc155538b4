import { randomUUID } from 'node:crypto';
import type { EvidenceDocument, Finding } from '../findings/evidence.js';
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
 * Findings whose JSON text was rendered already, by the worker thread that judged them
 * (src/evaluate/parallel.ts): keyed by the first of a run of findings, the run and its text, as
 * `renderJsonParts` writes such a group. Used only while the findings are the very objects and
 * still unsuppressed (the worker rendered `suppression: null`); whoever remembers a run must not
 * change its findings otherwise.
 */
const rendered = new WeakMap<Finding, { run: readonly Finding[]; text: string }>();

/** Remember `text`, the JSON of `run` at the findings' depth ("\n    {…},\n    {…}"), for `renderJsonParts`. */
export function rememberFindingsJson(run: readonly Finding[], text: string): void {
  if (run.length) rendered.set(run[0]!, { run, text });
}

/** The remembered text of the run starting at `findings[i]`, if that run is still there, unchanged and unsuppressed. */
function renderedAt(findings: readonly Finding[], i: number): { run: readonly Finding[]; text: string } | undefined {
  const r = rendered.get(findings[i]!);
  if (!r || i + r.run.length > findings.length) return undefined;
  for (let k = 0; k < r.run.length; k++) {
    const f = findings[i + k]!;
    if (f !== r.run[k] || f.suppression !== null) return undefined;
  }
  return r;
}

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
 * The bytes of `renderJsonBytes(doc)` as its pieces, in order (each piece of `renderJsonChunks` as UTF-8).
 */
export function renderJsonParts(doc: EvidenceDocument): Buffer[] {
  return Array.from(renderJsonChunks(doc), utf8Bytes);
}

/**
 * The text of `renderJson(doc)` in pieces, in order, rendered one at a time as they are asked for:
 * the report writer encodes, hashes and writes each piece before the next is rendered, so a large
 * run's evidence (~150 MB at 50,000 resources) is never held whole, as text or as bytes. One
 * character beyond Latin-1 anywhere (an en dash in an expected value) makes V8 build a string as
 * two-byte text, twice the memory and slower to encode; per group of findings, only the groups
 * holding such a character are. Byte-identical by construction: a group nested in one more array
 * is written at the depth the findings have in the document. A run of findings whose text a worker
 * rendered already is copied, not rendered again.
 */
export function* renderJsonChunks(doc: EvidenceDocument): Generator<string, void, undefined> {
  if (doc.findings.length === 0) {
    yield renderJson(doc);
    return;
  }
  // The document with a marker no input can forge (random) where the findings go.
  const marker = `\u0000vouch-findings-${randomUUID()}`;
  const outer = JSON.stringify({ ...doc, findings: marker }, null, 2) + '\n';
  const slot = JSON.stringify(marker);
  const at = outer.lastIndexOf(slot);
  yield `${outer.slice(0, at)}[`;
  const findings = doc.findings;
  let first = true;
  for (let i = 0; i < findings.length; ) {
    // The comma between groups is a piece of its own: prepending it would make V8 copy the group's text once more.
    if (!first) yield ',';
    first = false;
    const done = renderedAt(findings, i);
    if (done) {
      yield done.text;
      i += done.run.length;
      continue;
    }
    let end = Math.min(i + FINDINGS_PER_GROUP, findings.length);
    for (let k = i + 1; k < end; k++)
      if (rendered.has(findings[k]!)) {
        end = k;
        break;
      }
    // The group inside one more array is stringified at the findings' depth (no re-indenting pass):
    // "[\n  [\n    {…},\n    {…}\n  ]\n]" → "\n    {…},\n    {…}".
    yield findingsJson(findings.slice(i, end));
    i = end;
  }
  yield `\n  ]${outer.slice(at + slot.length)}`;
}

/** The JSON of `findings` as `renderJsonParts` writes a group of them: at the findings' depth, without brackets. */
export function findingsJson(findings: readonly Finding[]): string {
  return JSON.stringify([findings], null, 2).slice(5, -6);
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

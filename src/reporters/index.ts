/**
 * Report writers. Every format is rendered from the evidence document alone,
 * so `vouch report` can re-render a run made earlier. A writer is a pure
 * function; `writeReports` puts the files in the output directory.
 */
import { join } from 'node:path';
import { writeDirAtomically, type FileData } from './atomic-write.js';
import type { KeyObject } from 'node:crypto';
import type { EvidenceDocument } from '../findings/evidence.js';
import { InputError } from '../util/errors.js';
import { renderClaimsJson, renderJsonChunks } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderJunit } from './junit.js';
import { renderCsv } from './csv.js';
import { renderOcsf } from './ocsf.js';
import { renderHtml } from './html.js';
import { manifestOf, MANIFEST_FILE } from './manifest.js';
import { diffEvidence } from '../findings/diff.js';
import { tokenShape } from '../lib/secrets.js';
import { claimVerdicts, type ClaimsOverview } from '../findings/claim-verdicts.js';

export interface ReportWriter {
  /** Format name used in `--format`. */
  format: string;
  /** File name written in the output directory. */
  file: string;
  /**
   * The file's text, or its bytes, or pieces of either written in order (a large file: the pieces
   * of a generator are rendered while the file is written, never held all at once).
   */
  render(doc: EvidenceDocument, ctx: RenderContext): FileData;
}

export interface RenderContext {
  /** An earlier run to compare with (`--baseline`): Markdown lists new failures first. */
  baseline?: EvidenceDocument;
  /** The document's claim verdicts, computed once per run and read by every writer that shows them. */
  claims?: ClaimsOverview;
}

const writers = new Map<string, ReportWriter>();

export function registerWriter(w: ReportWriter): void {
  writers.set(w.format, w);
}

registerWriter({ format: 'json', file: 'evidence.json', render: renderJsonChunks });
registerWriter({ format: 'md', file: 'summary.md', render: (d, ctx) => renderMarkdown(d, { claims: ctx.claims, ...(ctx.baseline ? { diff: diffEvidence(ctx.baseline, d) } : {}) }) });
registerWriter({ format: 'claims', file: 'claims.json', render: renderClaimsJson });
registerWriter({ format: 'html', file: 'report.html', render: renderHtml });
registerWriter({ format: 'sarif', file: 'vouch.sarif', render: renderSarif });
registerWriter({ format: 'junit', file: 'junit.xml', render: renderJunit });
registerWriter({ format: 'ocsf', file: 'findings.ocsf.jsonl', render: renderOcsf });
registerWriter({ format: 'csv', file: 'findings.csv', render: renderCsv });

export function knownFormats(): string[] {
  return [...writers.keys()];
}

/**
 * Parse `--format a,b`; evidence JSON is always written (it is the source of
 * truth), and so is claims.json, the claim verdicts derived from it.
 */
export function parseFormats(spec: string | string[] | undefined, defaults = ['json', 'md']): string[] {
  const raw = (Array.isArray(spec) ? spec.join(',') : (spec ?? defaults.join(',')))
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const aliases: Record<string, string> = { markdown: 'md', xml: 'junit', 'junit-xml': 'junit', jsonl: 'ocsf' };
  const out = new Set<string>(['json', 'claims']);
  for (const f of raw) {
    if (f === 'all') {
      for (const k of writers.keys()) out.add(k);
      continue;
    }
    const name = aliases[f] ?? f;
    if (!writers.has(name)) throw new InputError(`--format: unknown format '${f}' (known: ${knownFormats().join(', ')})`);
    out.add(name);
  }
  return [...out];
}

export interface WriteOptions {
  /** Ed25519 private key that signs manifest.json (`--sign-key`). */
  signKey?: KeyObject;
  baseline?: EvidenceDocument;
}

/**
 * Render each format into `outDir`, then write `manifest.json` with the
 * SHA-256 of every file written (signed when a key is given). Returns the
 * paths written, manifest last.
 *
 * Nothing is half-written: every file is rendered and flushed into a
 * temporary directory beside `outDir` first (a full disk fails there, and
 * `outDir` keeps the previous run whole), then renamed into place, manifest
 * last. Report files of an earlier run that this run does not write are
 * removed, so the directory holds one run. A lock beside `outDir` keeps a
 * second run from writing the same directory at the same time.
 */
export function writeReports(doc: EvidenceDocument, outDir: string, formats: string[], opts: WriteOptions = {}): string[] {
  doc = withoutSecretText(doc);
  const files: { name: string; data: FileData }[] = [];
  const ctx: RenderContext = { baseline: opts.baseline, claims: claimVerdicts(doc) };
  for (const f of formats) {
    const w = writers.get(f);
    if (!w) throw new InputError(`--format: unknown format '${f}'`);
    // Hashed while written: the manifest lists the SHA-256 and length of the very bytes in the file
    // (a generator's pieces, such as the evidence's ~150 MB at 50,000 resources, are rendered as they are written).
    files.push({ name: w.file, data: w.render(doc, ctx) });
  }
  const reportNames = new Set([...[...writers.values()].map((w) => w.file), MANIFEST_FILE]);
  const written = writeDirAtomically(outDir, files, reportNames, (hashed) => ({
    name: MANIFEST_FILE,
    data: JSON.stringify(manifestOf(doc, hashed, opts.signKey), null, 2) + '\n',
  }));
  return written.map((f) => join(outDir, f.name));
}

const hideToken = (s: string | undefined): string | undefined => {
  if (typeof s !== 'string') return s;
  const kind = tokenShape(s);
  return kind ? `<redacted: the text held a ${kind}>` : s;
};

/**
 * The document with free text that people wrote (claim texts and sources,
 * suppression reasons and owners, coverage notes) cleared of anything shaped
 * like a credential: a token pasted into a claims profile or a suppression
 * reason is not copied into every report. Findings' own messages are built by
 * rules, which never quote a secret.
 */
export function withoutSecretText(doc: EvidenceDocument): EvidenceDocument {
  const items = doc.claims.items.map((c) => {
    const out = { ...c, text: hideToken(c.text)! };
    for (const [k, v] of Object.entries(c)) if (typeof v === 'string' && k !== 'id') (out as Record<string, unknown>)[k] = hideToken(v);
    if (c.attestation) out.attestation = { ...c.attestation, evidence: hideToken(c.attestation.evidence)! };
    return out;
  });
  let changed = items.some((c, i) => c.text !== doc.claims.items[i]!.text);
  const findings = doc.findings.map((f) => {
    const s = f.suppression;
    if (!s) return f;
    const reason = hideToken(s.reason)!;
    const owner = hideToken(s.owner);
    if (reason === s.reason && owner === s.owner) return f;
    changed = true;
    return { ...f, suppression: { ...s, reason, ...(owner !== undefined ? { owner } : {}) } };
  });
  const notCollected = doc.coverage.notCollected?.map((n) => ({ ...n, what: hideToken(n.what)!, why: hideToken(n.why)! }));
  const profile = hideToken(doc.claims.profile)!;
  return { ...doc, claims: { ...doc.claims, profile, items }, findings: changed || findings.some((f, i) => f !== doc.findings[i]) ? findings : doc.findings, coverage: notCollected ? { ...doc.coverage, notCollected } : doc.coverage };
}

/**
 * Report writers. Every format is rendered from the evidence document alone,
 * so `vouch report` can re-render a run made earlier. A writer is a pure
 * function; `writeReports` puts the files in the output directory.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { EvidenceDocument } from '../engine/evidence.js';
import { InputError } from '../engine/errors.js';
import { renderClaimsJson, renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderJunit } from './junit.js';
import { renderCsv } from './csv.js';
import { renderOcsf } from './ocsf.js';
import { renderHtml } from './html.js';
import { buildManifest, MANIFEST_FILE } from './manifest.js';
import { diffEvidence } from '../engine/diff.js';

export interface ReportWriter {
  /** Format name used in `--format`. */
  format: string;
  /** File name written in the output directory. */
  file: string;
  render(doc: EvidenceDocument, ctx: RenderContext): string | Buffer;
}

export interface RenderContext {
  /** An earlier run to compare with (`--baseline`): Markdown lists new failures first. */
  baseline?: EvidenceDocument;
}

const writers = new Map<string, ReportWriter>();

export function registerWriter(w: ReportWriter): void {
  writers.set(w.format, w);
}

registerWriter({ format: 'json', file: 'evidence.json', render: renderJson });
registerWriter({ format: 'md', file: 'summary.md', render: (d, ctx) => renderMarkdown(d, ctx.baseline ? { diff: diffEvidence(ctx.baseline, d) } : {}) });
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
 */
export function writeReports(doc: EvidenceDocument, outDir: string, formats: string[], opts: WriteOptions = {}): string[] {
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (e) {
    throw InputError.fromFs(outDir, e);
  }
  const written: string[] = [];
  const files: { name: string; data: string | Buffer }[] = [];
  for (const f of formats) {
    const w = writers.get(f);
    if (!w) throw new InputError(`--format: unknown format '${f}'`);
    const path = join(outDir, w.file);
    const data = w.render(doc, { baseline: opts.baseline });
    try {
      writeFileSync(path, data);
    } catch (e) {
      throw InputError.fromFs(path, e);
    }
    files.push({ name: w.file, data });
    written.push(path);
  }
  const manifestPath = join(outDir, MANIFEST_FILE);
  try {
    writeFileSync(manifestPath, JSON.stringify(buildManifest(doc, files, opts.signKey), null, 2) + '\n');
  } catch (e) {
    throw InputError.fromFs(manifestPath, e);
  }
  written.push(manifestPath);
  return written;
}

/**
 * Report writers. Every format is rendered from the evidence document alone,
 * so `vouch report` can re-render a run made earlier. A writer is a pure
 * function; `writeReports` puts the files in the output directory.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceDocument } from '../engine/evidence.js';
import { InputError } from '../engine/errors.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';

export interface ReportWriter {
  /** Format name used in `--format`. */
  format: string;
  /** File name written in the output directory. */
  file: string;
  render(doc: EvidenceDocument): string | Buffer;
}

const writers = new Map<string, ReportWriter>();

export function registerWriter(w: ReportWriter): void {
  writers.set(w.format, w);
}

registerWriter({ format: 'json', file: 'evidence.json', render: renderJson });
registerWriter({ format: 'md', file: 'summary.md', render: renderMarkdown });

export function knownFormats(): string[] {
  return [...writers.keys()];
}

/** Parse `--format a,b`; evidence JSON is always written (it is the source of truth). */
export function parseFormats(spec: string | string[] | undefined, defaults = ['json', 'md']): string[] {
  const raw = (Array.isArray(spec) ? spec.join(',') : (spec ?? defaults.join(',')))
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const aliases: Record<string, string> = { markdown: 'md' };
  const out = new Set<string>(['json']);
  for (const f of raw) {
    const name = aliases[f] ?? f;
    if (!writers.has(name)) throw new InputError(`--format: unknown format '${f}' (known: ${knownFormats().join(', ')})`);
    out.add(name);
  }
  return [...out];
}

export function writeReports(doc: EvidenceDocument, outDir: string, formats: string[]): string[] {
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (e) {
    throw InputError.fromFs(outDir, e);
  }
  const written: string[] = [];
  for (const f of formats) {
    const w = writers.get(f)!;
    const path = join(outDir, w.file);
    writeFileSync(path, w.render(doc));
    written.push(path);
  }
  return written;
}

/**
 * `vouch claims extract`: a policy document → a draft claims profile for a
 * person to review. Deterministic: the same file always gives the same
 * profile; every mapping carries the words that triggered it.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { Document, isMap, isSeq, visit } from 'yaml';
import { InputError } from '../util/errors.js';
import { profileSchema, type ProfileInput } from '../evaluate/claims-profile.js';
import { lineAt, parseMarkdown, parsePlainText, type ParsedDocument } from './blocks.js';
import { parseHtml } from './html.js';
import { splitSentences } from './sentences.js';
import { classify, cleanText } from './classify.js';
import { providersNamed, type CloudProvider } from './providers.js';

export type InputFormat = 'text' | 'markdown' | 'html';
export const DEFAULT_MAX_POLICY_BYTES = 5 * 1024 * 1024;
/** Longer "sentences" are not prose (tables flattened, minified text): listed for review, not classified. */
const MAX_SENTENCE = 2000;

export interface ExtractOptions {
  format?: InputFormat | 'auto';
  maxBytes?: number;
  /** Name written as `policy.file` and used in messages (default: the path given). */
  displayName?: string;
}

export interface ReviewItem {
  text: string;
  source: { document: string; section?: string; line: number };
  reason: string;
}

export interface ExtractResult {
  profile: Omit<ProfileInput, 'review'> & { review: ReviewItem[] };
  stats: { sentences: number; claims: number; attestationOnly: number; review: number; notPromises: number; format: InputFormat };
}

/** Read a policy file as text: size-capped, binary and PDF refused, BOMs and UTF-16 handled. */
export function readPolicyFile(file: string, maxBytes = DEFAULT_MAX_POLICY_BYTES, name = file): string {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    size = st.size;
  } catch (e) {
    throw InputError.fromFs(name, e);
  }
  if (size > maxBytes)
    throw new InputError(`${name}: ${(size / 1048576).toFixed(1)} MB is over the ${(maxBytes / 1048576).toFixed(0)} MB limit for a policy document (raise with --max-mb)`);
  const buf = Buffer.alloc(size);
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n <= 0) break;
      off += n;
    }
  } catch (e) {
    throw InputError.fromFs(name, e);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return decodePolicy(buf, name);
}

export function decodePolicy(buf: Buffer, name: string): string {
  if (buf.length === 0) throw new InputError(`${name}: the file is empty`);
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') throw new InputError(`${name}: is a PDF; convert it to text first (e.g. pdftotext) and extract from that`);
  let text: string;
  if (buf[0] === 0xff && buf[1] === 0xfe) text = new TextDecoder('utf-16le').decode(buf.subarray(2));
  else if (buf[0] === 0xfe && buf[1] === 0xff) text = new TextDecoder('utf-16be').decode(buf.subarray(2));
  else {
    if (buf.includes(0)) throw new InputError(`${name}: looks like a binary file (it contains NUL bytes), not a policy text`);
    text = new TextDecoder('utf-8').decode(buf);
  }
  text = text.replace(/^\ufeff/, '');
  const sample = text.slice(0, 65536);
  const bad = (sample.match(/\ufffd/g)?.length ?? 0) + (sample.match(/[\u0001-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0);
  if (bad > Math.max(8, sample.length / 100)) throw new InputError(`${name}: not readable as UTF-8 text (${bad} invalid or control characters in the first ${sample.length})`);
  if (!text.trim()) throw new InputError(`${name}: the file has no text`);
  return text.replace(/\r\n?/g, '\n');
}

export function detectFormat(file: string, text: string): InputFormat {
  const ext = extname(file).toLowerCase();
  if (['.html', '.htm', '.xhtml'].includes(ext)) return 'html';
  if (['.md', '.markdown', '.mdown'].includes(ext)) return 'markdown';
  const head = text.slice(0, 4096).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(?:body|p|div|h1|h2)[\s>]/.test(head)) return 'html';
  return 'text';
}

function parse(text: string, format: InputFormat): ParsedDocument {
  return format === 'html' ? parseHtml(text) : format === 'markdown' ? parseMarkdown(text) : parsePlainText(text);
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '') || 'claim';

/** For each block, the providers named in its section (blocks between two headings). */
function providersBySection(doc: ParsedDocument): CloudProvider[][] {
  const out: CloudProvider[][] = [];
  let start = 0;
  const close = (end: number) => {
    const named = providersNamed(doc.blocks.slice(start, end).map((b) => b.text).join('\n'));
    for (let k = start; k < end; k++) out.push(named);
  };
  doc.blocks.forEach((b, i) => {
    if (b.kind !== 'heading') return;
    close(i);
    out.push([]);
    start = i + 1;
  });
  close(doc.blocks.length);
  return out;
}

/** Extract a draft profile from policy text. */
export function extractClaims(text: string, file: string, opts: ExtractOptions = {}): ExtractResult {
  const format = !opts.format || opts.format === 'auto' ? detectFormat(file, text) : opts.format;
  const doc = parse(text, format);
  const document = basename(opts.displayName ?? file);
  const claims: ProfileInput['claims'] = [];
  const review: ReviewItem[] = [];
  const ids = new Map<string, number>();
  let section: string | undefined;
  let title = doc.title;
  let sentences = 0;
  let attestationOnly = 0;
  let notPromises = 0;
  let effective: string | undefined;
  let version: string | undefined;

  // Providers named in the document and in each section: a sentence that names none is read with them.
  const docProviders = providersNamed(doc.blocks.map((b) => b.text).join('\n'));
  const sectionProviders = providersBySection(doc);
  let leadIn: string | undefined;
  let previousLast: string | undefined;
  for (let bi = 0; bi < doc.blocks.length; bi++) {
    const block = doc.blocks[bi]!;
    if (block.kind === 'heading') {
      section = block.text;
      leadIn = undefined;
      previousLast = block.text;
      if (!title && /polic|privacy|security|terms|notice|statement/i.test(block.text)) title = block.text;
      continue;
    }
    const blockProviders = providersNamed(block.text);
    const contextProviders = blockProviders.length ? blockProviders : sectionProviders[bi]?.length ? sectionProviders[bi]! : docProviders;
    const itemLeadIn = block.listItem ? leadIn : undefined;
    if (block.rowLabel) continue;
    if (!block.listItem) leadIn = undefined;
    effective ??= /\b(?:Effective|Last updated|Updated)(?: date)?:?\s*((?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4})/i.exec(block.text)?.[1];
    version ??= /(?:\b|(?<=\d))Version:?\s*v?(\d+(?:\.\d+){0,3})\b/i.exec(block.text)?.[1];
    const spans = splitSentences(block.text);
    for (const [si, span] of spans.entries()) {
      sentences++;
      const quote = block.text.slice(span.start, span.end);
      const source = { document, ...(section ? { section } : {}), line: lineAt(block, span.start) };
      if (quote.length > MAX_SENTENCE) {
        review.push({ text: `${quote.slice(0, 200)}…`, source, reason: `a ${quote.length}-character run of text without sentence breaks is not classified; read it at line ${source.line}` });
        continue;
      }
      // A list item is read with the lead-in before its list; the answer to a question (FAQ) with the question.
      const question = si > 0 ? block.text.slice(spans[si - 1]!.start, spans[si - 1]!.end) : previousLast;
      const lead = block.context && si === 0 ? block.context : itemLeadIn && si === 0 ? itemLeadIn : question && question.replace(/["')\]]+$/, '').endsWith('?') ? question : undefined;
      const c = classify(quote, { contextProviders, ...(lead ? { leadIn: lead } : {}) });
      if (c.review) {
        review.push({ text: quote, source, reason: c.review });
        continue;
      }
      if (!c.controls.length && !c.attestation) {
        notPromises++;
        continue;
      }
      if (!c.controls.length) attestationOnly++;
      const base = slug(section ?? 'claim');
      const n = (ids.get(base) ?? 0) + 1;
      ids.set(base, n);
      claims.push({
        id: `${base}-${n}`,
        text: quote,
        source,
        controls: c.controls,
        ...(c.parameters ? { parameters: c.parameters } : {}),
        ...(c.attestation ? { attestation: { evidence: c.attestation } } : {}),
        rationale: c.rationale.join(' | '),
        ...(c.confidence ? { confidence: c.confidence } : {}),
        ...(c.triggers?.length ? { triggers: c.triggers } : {}),
        reviewed: false,
      });
    }
    // A paragraph ending in a colon introduces the list after it.
    if (spans.length) {
      const last = block.text.slice(spans[spans.length - 1]!.start, spans[spans.length - 1]!.end);
      if (!block.listItem && /:\s*$/.test(last)) leadIn = cleanText(last);
      previousLast = last;
    }
  }
  const policy: NonNullable<ProfileInput['policy']> = {
    ...(title ? { title } : {}),
    file: opts.displayName ?? file,
    ...(effective ? { effective } : {}),
    ...(version ? { version } : {}),
  };
  const nothing = claims.length
    ? undefined
    : `no sentence of ${sentences} promises anything vouch can check or a person can attest${review.length ? `; ${review.length} read like promises and are listed under review` : ''}`;
  const profile = { version: 1 as const, name: title ?? document, policy, ...(nothing ? { extracted: { nothingCheckable: nothing } } : {}), claims, review };
  return {
    profile,
    stats: { sentences, claims: claims.length, attestationOnly, review: review.length, notPromises, format },
  };
}

/** The draft profile as YAML, with a header telling the reviewer what to do. */
export function renderProfileYaml(r: ExtractResult, sourceFile: string): string {
  // The draft must load as a profile: validate before writing.
  const parsed = profileSchema.safeParse(r.profile);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Error(`internal: extracted profile does not validate at ${i.path.join('.')}: ${i.message}`);
  }
  const s = r.stats;
  const doc = new Document(r.profile);
  // Short maps and lists on one line, so each claim reads as a unit.
  visit(doc, {
    Pair(_, pair) {
      const key = String((pair.key as { value?: unknown })?.value ?? '');
      if (['source', 'controls', 'tags', 'allowedRegions', 'backup', 'match', 'triggers'].includes(key) && (isMap(pair.value) || isSeq(pair.value))) pair.value.flow = true;
    },
  });
  doc.commentBefore = [
    ` Draft claims profile extracted by \`vouch claims extract\` from ${sourceFile} (${s.format}).`,
    ` ${s.sentences} sentences read: ${s.claims} claims (${s.attestationOnly} attestation only), ${s.review} for review, ${s.notPromises} not promises.`,
    ' Review every claim: check its controls and parameters, then set reviewed: true.',
    " 'rationale' says which words triggered each mapping. Move a 'review' item into 'claims' if it is a promise;",
    ' delete it if it is not. Use with: vouch check <template> --claims <this file>',
  ].join('\n');
  return doc.toString({ lineWidth: 0 });
}

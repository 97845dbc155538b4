/**
 * A policy document as blocks of text: headings and paragraphs (list items are
 * paragraphs of their own). Each block keeps a map from offsets in its text to
 * lines of the source file, so every quoted sentence can say where it is.
 */

export interface Block {
  kind: 'heading' | 'text';
  /** A list item: read together with the lead-in before its list ("… in the following regions:"). */
  listItem?: boolean;
  /** Words that frame this block and are read with it: a table row's label cell ("Backups"). */
  context?: string;
  /** A table row's label cell: it frames the row's other cells and promises nothing itself. */
  rowLabel?: boolean;
  /** Markdown/HTML heading level (1–6); plain-text headings have none. */
  level?: number;
  text: string;
  /** Ascending text offsets where a source line starts, and that line (1-based). */
  offsets: number[];
  lines: number[];
}

export interface ParsedDocument {
  blocks: Block[];
  /** `<title>` of an HTML page, when there is one. */
  title?: string;
}

/** Source line of the character at `offset` in a block's text. */
export function lineAt(b: Block, offset: number): number {
  let lo = 0;
  let hi = b.offsets.length - 1;
  let best = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (b.offsets[mid]! <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return b.lines[best] ?? 1;
}

/** Builds one block from pieces, recording the source line of each piece. */
export class BlockBuilder {
  private parts: string[] = [];
  private length = 0;
  private offsets: number[] = [];
  private lines: number[] = [];

  get empty(): boolean {
    return this.length === 0;
  }

  /** Append text that starts on source `line`. */
  add(text: string, line: number): void {
    if (!text) return;
    if (this.lines[this.lines.length - 1] !== line) {
      this.offsets.push(this.length);
      this.lines.push(line);
    }
    this.parts.push(text);
    this.length += text.length;
  }

  /** The text so far ends with whitespace (or is empty). */
  endsWithSpace(): boolean {
    const last = this.parts[this.parts.length - 1];
    return last === undefined || /\s$/.test(last);
  }

  take(kind: Block['kind'], level?: number, listItem = false): Block | undefined {
    let text = this.parts.join('');
    const lead = text.length - text.trimStart().length;
    text = text.trim();
    const offsets = this.offsets.map((o) => Math.max(0, o - lead));
    const lines = this.lines;
    this.parts = [];
    this.length = 0;
    this.offsets = [];
    this.lines = [];
    if (!text) return undefined;
    return { kind, ...(level ? { level } : {}), ...(listItem ? { listItem: true } : {}), text, offsets, lines };
  }
}

const LIST_MARKER = /^\s*(?:[-*+•·▪◦‣–]|\(?\d{1,3}[.)]|\(?[a-z][.)]|\([ivx]{1,4}\))\s+/;
const HEADING_NUMBER = /^(?:§\s*)?(?:\d{1,3}(?=[A-Z][a-z])|\d{1,3}(?:\.\d{1,3})*[.)]?\s+|[IVX]{1,5}\.\s+)/;

/** Remove section numbering: `01Introduction`, `1.2 Scope`, `IV. Security`. */
export function cleanHeading(s: string): string {
  const out = s.replace(HEADING_NUMBER, '').trim();
  return out || s.trim();
}

/** A line that reads as a heading in plain text: short, no closing punctuation, not an address or list. */
function headingLike(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 80) return false;
  if (/[.!?;:,]["')\]”’]*$/.test(t)) return false;
  if (/[@·|<>{}=]|https?:|www\./i.test(t)) return false;
  if (LIST_MARKER.test(line)) return false;
  if (!/^[\p{L}\p{N}§"“'‘(]/u.test(t)) return false;
  if (!/\p{L}{2}/u.test(t)) return false;
  const words = t.split(/\s+/);
  // A statement without its final period is not a heading: "Backups are kept for 30 days".
  if (words.length >= 4 && STATEMENT_VERB.test(t)) return false;
  return words.length <= 10;
}

const STATEMENT_VERB =
  /\b(?:is|are|was|were|will|shall|must|uses?|requires?|encrypts?|protects?|stores?|keeps?|retains?|runs?|has|have|lives?|deletes?|holds?|enforces?|accepts?|sign|signs|completes?|receives?)\b/i;
/** Words a wrapped line can end with mid-sentence. */
const CONTINUES = /\b(?:the|a|an|to|of|by|and|or|in|on|for|with|from|at|as|our|your|their|its|is|are|was|be|that|which|who|than|into|onto|via|per|nor|but|if|when|where)$/i;

/**
 * Does a line without closing punctuation end a statement? Yes when the next
 * line starts a new one (a capital) and the line does not end on a word that
 * needs more ("… hosted by" / "Amazon …"), and it is long enough to be one.
 */
export function endsStatement(line: string, next: string | undefined): boolean {
  const t = line.trim();
  if (!next || /[.!?:;,]["')\]”’]*$/.test(t)) return false;
  if (!/^[\p{Lu}]/u.test(next.trim().replace(LIST_MARKER, ''))) return false;
  if (CONTINUES.test(t)) return false;
  return t.split(/\s+/).length >= 5 && STATEMENT_VERB.test(t);
}

/**
 * Plain text: blank lines separate paragraphs; a line starting with a list
 * marker starts a new one; a paragraph whose every line reads like a heading
 * is headings. Text is kept exactly as written except that a line break
 * inside a paragraph becomes one space.
 */
export function parsePlainText(src: string): ParsedDocument {
  const blocks: Block[] = [];
  const lines = src.split('\n');
  let para: { text: string; line: number }[] = [];
  const flush = () => {
    if (!para.length) return;
    if (para.length <= 3 && para.every((l) => headingLike(l.text))) {
      for (const l of para) blocks.push({ kind: 'heading', text: cleanHeading(l.text), offsets: [0], lines: [l.line] });
    } else {
      const b = new BlockBuilder();
      const listItem = LIST_MARKER.test(para[0]!.text);
      para.forEach((l, i) => {
        let t = l.text.trimEnd();
        if (i === 0) t = t.replace(LIST_MARKER, '');
        t = t.replace(/^[ \t]+/, '');
        if (i > 0 && !b.endsWithSpace()) b.add(' ', l.line);
        b.add(t, l.line);
        // A line that ends a statement without a period ends the block, so the next statement is not merged into it.
        if (endsStatement(l.text, para[i + 1]?.text)) {
          const blk = b.take('text', undefined, listItem);
          if (blk) blocks.push(blk);
        }
      });
      const blk = b.take('text', undefined, listItem);
      if (blk) blocks.push(blk);
    }
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '');
    if (!raw.trim()) {
      flush();
      continue;
    }
    if (LIST_MARKER.test(raw) && para.length) flush();
    para.push({ text: raw, line: i + 1 });
  }
  flush();
  return { blocks };
}

/**
 * Markdown inline markup → the text a reader sees. Every quantifier is
 * bounded, so a hostile line (unclosed links, stray asterisks) costs linear time.
 */
export function stripInlineMarkdown(s: string): string {
  return decodeEntities(
    s
      .replace(/!\[([^\]\n]{0,300})\]\([^)\n]{0,300}\)/g, '$1')
      .replace(/\[([^\]\n]{1,300})\]\([^)\n]{0,300}\)/g, '$1')
      .replace(/\[([^\]\n]{1,300})\]\[[^\]\n]{0,300}\]/g, '$1')
      .replace(/<(https?:\/\/[^>\s]{1,1000})>/g, '$1')
      .replace(/<\/?[a-zA-Z][^>\n]{0,1000}>/g, '')
      .replace(/`([^`\n]{1,1000})`/g, '$1')
      .replace(/(\*\*|__)(?=\S)(.{1,300}?)(?<=\S)\1/g, '$2')
      .replace(/(^|[^\w*])\*(?=\S)([^*\n]{1,300}?)(?<=\S)\*(?!\w)/g, '$1$2')
      .replace(/(^|[^\w])_(?=\S)([^_\n]{1,300}?)(?<=\S)_(?!\w)/g, '$1$2')
      .replace(/~~(.{1,300}?)~~/g, '$1')
      .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1'),
  );
}

/**
 * Markdown: ATX and setext headings, list items and table cells as blocks,
 * fenced code skipped, inline markup removed (the quote is the text a reader
 * sees, not the markup).
 */
export function parseMarkdown(src: string): ParsedDocument {
  const blocks: Block[] = [];
  const lines = src.split('\n');
  let b = new BlockBuilder();
  let paraLines = 0;
  let firstLine = 0;
  let fence: string | undefined;
  let listItem = false;
  let prevLine: string | undefined;
  let lastRow: Block[] | undefined;
  let header: string[] | undefined;
  const flush = () => {
    const blk = b.take('text', undefined, listItem);
    if (blk) blocks.push(blk);
    paraLines = 0;
    listItem = false;
  };
  // YAML front matter is metadata, not text.
  let first = 0;
  if (/^---\s*$/.test(lines[0] ?? '')) {
    const end = lines.findIndex((l, k) => k > 0 && /^(?:---|\.\.\.)\s*$/.test(l));
    if (end > 0 && end < 60) first = end + 1;
  }
  for (let i = first; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '').replace(/^(\s*)(?:!!!|\?\?\?\+?)\s+\w+(?:\s+"[^"\n]*")?\s*$/, '').replace(/^\s*:::\s*\w*.*$/, '').replace(/^(\s{0,3}>\s*)\[!\w+\]\s*$/, '$1');
    const lineNo = i + 1;
    if (prevLine !== undefined && paraLines > 0 && endsStatement(prevLine, raw.trim() ? raw.replace(/^\s{0,3}>\s?/, '') : undefined)) flush();
    prevLine = raw.replace(/^\s{0,3}>\s?/, '');
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(raw);
    if (fence) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length) fence = undefined;
      continue;
    }
    if (fenceMatch) {
      flush();
      fence = fenceMatch[1];
      continue;
    }
    if (!raw.trim()) {
      flush();
      continue;
    }
    const atx = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(raw);
    if (atx) {
      flush();
      const text = cleanHeading(stripInlineMarkdown(atx[2]!));
      if (text) blocks.push({ kind: 'heading', level: atx[1]!.length, text, offsets: [0], lines: [lineNo] });
      continue;
    }
    const setext = /^\s{0,3}(=+|-+)\s*$/.exec(raw);
    if (setext) {
      if (paraLines === 1) {
        const blk = b.take('text');
        paraLines = 0;
        if (blk) blocks.push({ kind: 'heading', level: setext[1]![0] === '=' ? 1 : 2, text: cleanHeading(blk.text), offsets: [0], lines: [firstLine] });
      } else flush();
      continue;
    }
    let line = raw.replace(/^\s{0,3}>\s?/, '');
    if (/^\s*\|/.test(line)) {
      flush();
      if (/^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(line)) {
        // The row before the separator was the header: its cells frame each column and promise nothing.
        if (lastRow) {
          header = lastRow.map((blk) => blk.text);
          for (const blk of lastRow) blk.rowLabel = true;
        }
        continue;
      }
      // Each cell is a block of its own (quoted as written); the row's first cell and the column's header frame the others ("Backups" | "daily, 30 days").
      let label: string | undefined;
      const row: Block[] = [];
      let k = -1;
      for (const cell of line.replace(/^\s*\||\|\s*$/g, '').split('|')) {
        k++;
        b.add(stripInlineMarkdown(cell.trim()), lineNo);
        const blk = b.take('text');
        if (!blk) continue;
        row.push(blk);
        if (label === undefined) label = blk.text;
        else {
          blk.context = header?.[k] ? `${label}, ${header[k]!.charAt(0).toLowerCase()}${header[k]!.slice(1)}` : label;
          for (let k = blocks.length - 1; k >= 0; k--)
            if (blocks[k]!.text === label) {
              blocks[k]!.rowLabel = true;
              break;
            }
        }
        blocks.push(blk);
      }
      lastRow = row;
      continue;
    }
    lastRow = undefined;
    header = undefined;
    if (LIST_MARKER.test(line)) {
      flush();
      line = line.replace(LIST_MARKER, '');
      listItem = true;
    }
    const text = stripInlineMarkdown(line.trim());
    if (!text) continue;
    if (paraLines === 0) firstLine = lineNo;
    else if (!b.endsWithSpace()) b.add(' ', lineNo);
    b.add(text, lineNo);
    paraLines++;
  }
  flush();
  return { blocks };
}

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009',
  ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', hellip: '…',
  copy: '©', reg: '®', trade: '™', middot: '·', bull: '•', laquo: '«', raquo: '»', euro: '€', pound: '£', yen: '¥',
  cent: '¢', sect: '§', para: '¶', deg: '°', plusmn: '±', times: '×', divide: '÷', frac12: '½', frac14: '¼', frac34: '¾',
  shy: '', zwnj: '', zwj: '', lrm: '', rlm: '', dagger: '†', Dagger: '‡', prime: '′', Prime: '″', minus: '−',
  auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß', eacute: 'é', egrave: 'è', ecirc: 'ê',
  aacute: 'á', agrave: 'à', acirc: 'â', iacute: 'í', oacute: 'ó', uacute: 'ú', ntilde: 'ñ', ccedil: 'ç', Eacute: 'É',
  oslash: 'ø', aring: 'å', aelig: 'æ', Oslash: 'Ø', Aring: 'Å', AElig: 'Æ', iexcl: '¡', iquest: '¿', larr: '←', rarr: '→',
  check: '✓', hyphen: '‐', dash: '‐', colon: ':', semi: ';', comma: ',', period: '.', excl: '!', quest: '?', num: '#',
  percnt: '%', dollar: '$', lpar: '(', rpar: ')', sol: '/', bsol: '\\', ast: '*', plus: '+', equals: '=', verbar: '|',
};

const ENTITY = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([a-zA-Z][a-zA-Z0-9]{1,31}));?/g;

function codePoint(cp: number): string {
  if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
  // Control characters other than whitespace have no place in text.
  if ((cp < 0x20 && cp !== 9 && cp !== 10 && cp !== 13) || (cp >= 0x7f && cp < 0xa0)) return ' ';
  return String.fromCodePoint(cp);
}

/** Decode HTML character references; unknown names stay as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (all, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (dec !== undefined) return codePoint(Number(dec));
    if (hex !== undefined) return codePoint(parseInt(hex, 16));
    const v = NAMED[name!];
    return v === undefined ? all : v;
  });
}

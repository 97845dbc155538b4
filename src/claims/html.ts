/**
 * HTML → blocks, without a browser: a single linear pass over the markup.
 * Script, style and other non-text elements are skipped whole (never run,
 * never quoted); block elements start new blocks; headings become section
 * names; character references are decoded; whitespace collapses as a browser
 * renders it. Malformed markup degrades to text, never to an error.
 */
import { BlockBuilder, cleanHeading, decodeEntities, type Block, type ParsedDocument } from './blocks.js';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'select', 'textarea', 'button', 'head']);
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'nav', 'aside', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'blockquote', 'pre', 'hr', 'br', 'figure',
  'figcaption', 'form', 'fieldset', 'legend', 'address', 'details', 'summary', 'body', 'html', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
]);

export function parseHtml(src: string): ParsedDocument {
  const lower = src.toLowerCase();
  const n = src.length;
  // Newline positions, for the line of any offset.
  const newlines: number[] = [];
  for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) newlines.push(i);
  /** Index in `newlines` of the first newline at or after `pos` (= lines before it). */
  const newlineIndex = (pos: number): number => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const blocks: Block[] = [];
  const b = new BlockBuilder();
  let heading: number | undefined;
  let title: string | undefined;
  let inItem = false;
  let rowLabel: string | undefined;
  let labelBlock: Block | undefined;
  const flush = () => {
    const blk = heading ? b.take('heading', heading) : b.take('text', undefined, inItem);
    if (blk) {
      if (blk.kind === 'heading') blk.text = cleanHeading(blk.text);
      blocks.push(blk);
    }
  };

  /** Append source text [from, to), decoded and whitespace-collapsed, line by line. */
  const emitText = (from: number, to: number) => {
    let pos = from;
    let k = newlineIndex(pos);
    while (pos < to) {
      const nl = newlines[k];
      const end = nl === undefined || nl >= to ? to : nl + 1;
      let piece = decodeEntities(src.slice(pos, end)).replace(/[ \t\n\r\f]+/g, ' ');
      if (b.endsWithSpace()) piece = piece.replace(/^ /, '');
      b.add(piece, k + 1);
      pos = end;
      k++;
    }
  };

  const tagName = /<\/?([a-zA-Z][a-zA-Z0-9:-]{0,63})/y;
  let i = 0;
  while (i < n) {
    const lt = src.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) emitText(i, textEnd);
    if (lt < 0) break;
    if (src.startsWith('<!--', lt)) {
      const e = src.indexOf('-->', lt + 4);
      i = e < 0 ? n : e + 3;
      continue;
    }
    if (src[lt + 1] === '!' || src[lt + 1] === '?') {
      const e = src.indexOf('>', lt + 2);
      i = e < 0 ? n : e + 1;
      continue;
    }
    tagName.lastIndex = lt;
    const m = tagName.exec(src);
    if (!m) {
      emitText(lt, lt + 1);
      i = lt + 1;
      continue;
    }
    // Find the end of the tag, honouring quoted attribute values.
    let j = lt + m[0].length;
    let quote = '';
    for (; j < n; j++) {
      const c = src[j]!;
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') break;
    }
    const tagEnd = Math.min(n, j + 1);
    const name = m[1]!.toLowerCase();
    const closing = src[lt + 1] === '/';
    const selfClosing = src[j - 1] === '/';
    if (!closing && name === 'title' && title === undefined) {
      const e = lower.indexOf('</title', tagEnd);
      title = decodeEntities(src.slice(tagEnd, e < 0 ? n : e)).replace(/\s+/g, ' ').trim() || undefined;
      i = e < 0 ? n : tagEnd;
      continue;
    }
    if (!closing && !selfClosing && SKIP.has(name)) {
      // Skip to the matching close tag (no nesting for raw-text elements; head may hold a title).
      if (name === 'head') {
        const e = lower.indexOf('</head', tagEnd);
        const inner = src.slice(tagEnd, e < 0 ? n : e);
        const t = /<title[^>]*>([\s\S]*?)<\/title/i.exec(inner);
        if (t && title === undefined) title = decodeEntities(t[1]!).replace(/\s+/g, ' ').trim() || undefined;
        i = e < 0 ? n : e;
        continue;
      }
      const e = lower.indexOf(`</${name}`, tagEnd);
      i = e < 0 ? n : e;
      continue;
    }
    if (name === 'td' || name === 'th') {
      // Each cell is a block; the row's first cell frames the others ("Backups" | "Daily backups, retained for 30 days.").
      const before = blocks.length;
      flush();
      heading = undefined;
      if (blocks.length > before) {
        const blk = blocks[blocks.length - 1]!;
        if (rowLabel === undefined) {
          rowLabel = blk.text;
          labelBlock = blk;
        } else {
          blk.context = rowLabel;
          if (labelBlock) labelBlock.rowLabel = true;
        }
      }
    } else if (name === 'tr' || name === 'table') {
      flush();
      heading = undefined;
      rowLabel = undefined;
      labelBlock = undefined;
    } else if (BLOCK.has(name)) {
      flush();
      heading = !closing && /^h[1-6]$/.test(name) ? Number(name[1]) : undefined;
      if (name === 'li') inItem = !closing;
      else if (name === 'ul' || name === 'ol') inItem = false;
    }
    i = tagEnd;
  }
  flush();
  return { blocks, ...(title ? { title } : {}) };
}

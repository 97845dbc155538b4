/**
 * Sentence splitting for policy prose. A sentence ends at `.`, `!` or `?`
 * (plus closing quotes/brackets) followed by whitespace and a capital, a digit
 * or an opening quote/bracket — except after common abbreviations (`Inc.`,
 * `e.g.`, `U.S.`) and single initials. A brand name written in lower case
 * ("… at rest. acmedocs stores …") starts a sentence too, so that its
 * parameters do not leak into the sentence before. Decimal points and e-mail addresses
 * never end a sentence because no space follows them.
 */

const ABBREVIATIONS = new Set([
  'e.g', 'i.e', 'etc', 'inc', 'ltd', 'llc', 'co', 'corp', 'vs', 'st', 'mr', 'mrs', 'ms', 'dr', 'prof', 'no', 'nos', 'fig',
  'approx', 'jr', 'sr', 'u.s', 'u.s.a', 'u.k', 'e.u', 'b.v', 'n.v', 'gmbh', 'art', 'sec', 'para', 'cf', 'al', 'resp',
  'min', 'max', 'dept', 'est', 'incl', 'excl', 'p', 'pp', 'vol', 'ch', 'ca', 'viz', 'ave', 'blvd', 'rd', 'jan', 'feb',
  'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

export interface Span {
  start: number;
  end: number;
}

const END = /[.!?]+["'”’)\]]*(?=\s)/g;

/** Spans of the sentences of `text` (trimmed; never empty). */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  END.lastIndex = 0;
  for (let m = END.exec(text); m; m = END.exec(text)) {
    const end = m.index + m[0].length;
    let k = end;
    while (k < text.length && /\s/.test(text[k]!)) k++;
    if (k >= text.length) break;
    const next = text[k]!;
    if (!/[\p{Lu}\p{N}"'“‘(\[¿¡•]/u.test(next) && !lowercaseStart(text, k, m)) continue;
    if (m[0][0] === '.' && m[0].length === 1) {
      const word = /(\S+)$/.exec(text.slice(Math.max(start, m.index - 24), m.index))?.[1] ?? '';
      const bare = word.replace(/^[("'“‘[]+/, '').toLowerCase();
      if (ABBREVIATIONS.has(bare) || /^\p{L}$/u.test(bare) || /^(\p{L}\.)+\p{L}$/u.test(bare)) continue;
    }
    push(spans, text, start, end);
    start = k;
  }
  push(spans, text, start, text.length);
  return spans;
}

function push(spans: Span[], text: string, start: number, end: number): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) spans.push({ start, end });
}

const CONTINUATIONS = new Set(['and', 'or', 'but', 'nor', 'com', 'org', 'net', 'io', 'eg', 'ie', 'etc', 'vs', 'via', 'per', 'and/or', 'which', 'that']);

/** After a full stop, a lower-case word that is no continuation starts a new sentence (a lower-case brand name). */
function lowercaseStart(text: string, k: number, m: RegExpExecArray): boolean {
  if (m[0] !== '.') return false;
  const word = /^([\p{Ll}][\p{L}\p{N}-]{2,})\b/u.exec(text.slice(k, k + 40))?.[1];
  if (!word || CONTINUATIONS.has(word)) return false;
  const before = /(\S+)$/.exec(text.slice(Math.max(0, m.index - 24), m.index))?.[1] ?? '';
  const bare = before.replace(/^[("'“‘[]+/, '').toLowerCase();
  if (bare.length < 3 || ABBREVIATIONS.has(bare) || /\./.test(bare)) return false;
  // The next word must be followed by more words (a sentence), not end the text.
  return /^\S+\s+\S+\s+\S+/.test(text.slice(k, k + 200));
}

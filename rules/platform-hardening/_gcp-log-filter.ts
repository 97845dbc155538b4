/**
 * Cloud Logging query language, enough to decide whether a log-based
 * metric's filter counts every entry a CIS filter describes. Parsed, not
 * string-compared: whitespace, quoting, parentheses and the order of terms do
 * not matter, and a broader filter covers a narrower one.
 *
 * Grammar (cloud.google.com/logging/docs/view/logging-query-language): terms
 * joined by AND (or juxtaposition) and OR, where **OR binds tighter than
 * AND** (`a AND b OR c` is `a AND (b OR c)`); NOT and a leading `-` negate;
 * a term is a comparison `field OP value` (OP one of = != : > < >= <= =~ !~)
 * or a bare value (a global text search).
 *
 * Coverage is decided on disjunctive normal form: the metric filter F covers
 * the required filter R when every conjunction of R implies some conjunction
 * of F (each of F's terms is implied by a term of R). That is sound (never
 * says "covers" wrongly) and exact for the AND/OR shapes the benchmark uses.
 * Negated groups are kept as opaque terms. A filter too large to expand, or
 * that does not parse, is undecided.
 */

export interface Term {
  neg: boolean;
  field: string;
  op: string;
  value: string;
}
type Node = { kind: 'term'; term: Term } | { kind: 'and' | 'or'; items: Node[] };

const MAX_TERMS = 512;
const COMPARISON = /^([A-Za-z_][\w.]*(?:\."[^"]*")*(?:\.[\w]+)*)\s*(=~|!~|!=|>=|<=|=|:|>|<)\s*("(?:[^"\\]|\\.)*"|[^\s()]+)/;

export class FilterError extends Error {}

function unquote(v: string): string {
  return v.startsWith('"') && v.endsWith('"') && v.length >= 2 ? v.slice(1, -1).replace(/\\(.)/g, '$1') : v;
}

function tokenize(src: string): (string | Term)[] {
  const out: (string | Term)[] = [];
  let i = 0;
  while (i < src.length) {
    const rest = src.slice(i);
    const ws = /^\s+/.exec(rest);
    if (ws) {
      i += ws[0].length;
      continue;
    }
    if (rest[0] === '(' || rest[0] === ')') {
      out.push(rest[0]);
      i++;
      continue;
    }
    const kw = /^(AND|OR|NOT)(?=[\s()]|$)/.exec(rest);
    if (kw) {
      out.push(kw[1]!);
      i += kw[1]!.length;
      continue;
    }
    let neg = false;
    let body = rest;
    if (body[0] === '-' && body.length > 1 && !/\s/.test(body[1]!)) {
      neg = true;
      body = body.slice(1);
    }
    if (body[0] === '(') {
      // `-(...)`: negation of a group
      out.push('NOT');
      i += 1;
      continue;
    }
    const cmp = COMPARISON.exec(body);
    if (cmp) {
      out.push({ neg, field: cmp[1]!, op: cmp[2]!, value: unquote(cmp[3]!) });
      i += (neg ? 1 : 0) + cmp[0].length;
      continue;
    }
    const bare = /^("(?:[^"\\]|\\.)*"|[^\s()]+)/.exec(body);
    if (!bare) throw new FilterError(`cannot read the filter at '${rest.slice(0, 20)}'`);
    out.push({ neg, field: '', op: '', value: unquote(bare[1]!) });
    i += (neg ? 1 : 0) + bare[0].length;
  }
  return out;
}

/** Parse a filter; throws FilterError when it does not parse. */
export function parseFilter(src: string): Node {
  const toks = tokenize(src);
  let pos = 0;
  const peek = () => toks[pos];
  // and := or (('AND')? or)*      or := unary ('OR' unary)*      unary := 'NOT' unary | '(' and ')' | term
  function parseAnd(): Node {
    const items: Node[] = [parseOr()];
    for (;;) {
      const t = peek();
      if (t === undefined || t === ')') break;
      if (t === 'AND') pos++;
      items.push(parseOr());
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }
  function parseOr(): Node {
    const items: Node[] = [parseUnary()];
    while (peek() === 'OR') {
      pos++;
      items.push(parseUnary());
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }
  function parseUnary(): Node {
    const t = toks[pos++];
    if (t === undefined) throw new FilterError('the filter ends early');
    if (t === 'NOT') return negate(parseUnary());
    if (t === '(') {
      const inner = parseAnd();
      if (toks[pos++] !== ')') throw new FilterError('unbalanced parentheses');
      return inner;
    }
    if (typeof t === 'string') throw new FilterError(`unexpected ${t}`);
    return { kind: 'term', term: t };
  }
  const root = parseAnd();
  if (pos !== toks.length) throw new FilterError('unbalanced parentheses');
  return root;
}

function negate(n: Node): Node {
  if (n.kind === 'term') return { kind: 'term', term: { ...n.term, neg: !n.term.neg } };
  // A negated group is kept whole: an opaque term only an identical negated group implies.
  return { kind: 'term', term: { neg: true, field: '', op: 'group', value: JSON.stringify(n) } };
}

/** Disjunctive normal form: a list of conjunctions. Throws FilterError past MAX_TERMS. */
export function dnf(n: Node): Term[][] {
  if (n.kind === 'term') return [[n.term]];
  if (n.kind === 'or') {
    const out = n.items.flatMap(dnf);
    if (out.length > MAX_TERMS) throw new FilterError('the filter is too large to compare');
    return out;
  }
  let acc: Term[][] = [[]];
  for (const item of n.items) {
    const next: Term[][] = [];
    for (const a of acc) for (const b of dnf(item)) next.push([...a, ...b]);
    if (next.length > MAX_TERMS) throw new FilterError('the filter is too large to compare');
    acc = next;
  }
  return acc;
}

/** Does an entry matching `r` always match `f`? (`x="abc"` implies `x:"b"`; equal terms imply each other.) */
function implies(r: Term, f: Term): boolean {
  if (r.neg !== f.neg || r.field !== f.field) return false;
  if (r.op === f.op && r.value === f.value) return true;
  if (!r.neg && f.op === ':' && (r.op === '=' || r.op === ':') && r.value.includes(f.value)) return true;
  return false;
}

/** Does the metric filter count every entry the required filter matches? `undefined`: undecided (with why). */
export function filterCovers(metricFilter: string, required: string): { covers: boolean } | { undecided: string } {
  if (metricFilter.trim() === '') return { covers: true };
  let f: Term[][];
  let r: Term[][];
  try {
    f = dnf(parseFilter(metricFilter));
    r = dnf(parseFilter(required));
  } catch (e) {
    if (e instanceof FilterError) return { undecided: e.message };
    throw e;
  }
  return { covers: r.every((rt) => f.some((ft) => ft.every((fa) => rt.some((ra) => implies(ra, fa))))) };
}

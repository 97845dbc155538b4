/**
 * CloudWatch Logs metric filter patterns over JSON log events (CloudTrail
 * delivers JSON), parsed into an expression and evaluated against events, so
 * a rule can ask "does this filter count these CloudTrail events?" by
 * meaning, not by comparing pattern text.
 *
 * Understood: `{ expr }` with `&&` (binds tighter), `||`, parentheses, and
 * comparisons `$.a.b[0] OP value` (OP: = != < > <= >=; value: a quoted or
 * bare string where `*` is a wildcard, a number, `true`/`false`, `NULL`),
 * `$.x IS NULL | IS TRUE | IS FALSE`, `$.x NOT EXISTS`, `$.x EXISTS`.
 * The empty pattern matches every event. Anything else (term patterns, space-
 * delimited `[...]` patterns, `%regex%` values, `IN`) is reported as not
 * understood, and rules treat it as unknown, never as a match.
 */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

type Value = { kind: 'string'; text: string; quoted: boolean } | { kind: 'number'; n: number } | { kind: 'bool'; b: boolean } | { kind: 'null' };
type Path = (string | number)[];
export type Expr =
  | { op: 'all' }
  | { op: 'and' | 'or'; left: Expr; right: Expr }
  | { op: 'cmp'; path: Path; cmp: '=' | '!=' | '<' | '>' | '<=' | '>='; value: Value }
  | { op: 'is'; path: Path; what: 'null' | 'true' | 'false' | 'exists' | 'not-exists' };

export type Parsed = { ok: true; expr: Expr } | { ok: false; why: string };

/** Patterns are at most 1,024 characters in CloudWatch Logs; anything longer is not a filter pattern. */
const MAX_PATTERN = 1024;
const MAX_DEPTH = 64;

class PatternError extends Error {}

export function parseFilterPattern(text: string): Parsed {
  if (typeof text !== 'string') return { ok: false, why: 'the pattern is not a string' };
  if (text.length > MAX_PATTERN) return { ok: false, why: `the pattern is longer than ${MAX_PATTERN} characters` };
  const s = text.trim();
  if (s === '') return { ok: true, expr: { op: 'all' } };
  if (!s.startsWith('{') || !s.endsWith('}')) return { ok: false, why: 'not a JSON pattern ({ ... }): term and space-delimited patterns are not judged' };
  try {
    const p = new Parser(s.slice(1, -1));
    const expr = p.expr(0);
    p.skip();
    if (!p.done()) throw new PatternError(`unexpected '${p.rest().slice(0, 20)}'`);
    return { ok: true, expr };
  } catch (e) {
    if (e instanceof PatternError) return { ok: false, why: e.message };
    throw e;
  }
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}
  done(): boolean {
    return this.i >= this.s.length;
  }
  rest(): string {
    return this.s.slice(this.i);
  }
  skip(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }
  private eat(tok: string): boolean {
    this.skip();
    if (this.s.startsWith(tok, this.i)) {
      this.i += tok.length;
      return true;
    }
    return false;
  }
  private word(w: string): boolean {
    this.skip();
    const m = /^[A-Za-z]+/.exec(this.rest());
    if (m && m[0].toUpperCase() === w) {
      this.i += m[0].length;
      return true;
    }
    return false;
  }
  expr(depth: number): Expr {
    if (depth > MAX_DEPTH) throw new PatternError('nested too deep');
    let left = this.and(depth);
    while (this.eat('||')) left = { op: 'or', left, right: this.and(depth) };
    return left;
  }
  private and(depth: number): Expr {
    let left = this.unary(depth);
    while (this.eat('&&')) left = { op: 'and', left, right: this.unary(depth) };
    return left;
  }
  private unary(depth: number): Expr {
    if (this.eat('(')) {
      const e = this.expr(depth + 1);
      if (!this.eat(')')) throw new PatternError("missing ')'");
      return e;
    }
    const path = this.selector();
    if (this.word('IS')) {
      if (this.word('NULL')) return { op: 'is', path, what: 'null' };
      if (this.word('TRUE')) return { op: 'is', path, what: 'true' };
      if (this.word('FALSE')) return { op: 'is', path, what: 'false' };
      throw new PatternError('IS must be followed by NULL, TRUE or FALSE');
    }
    if (this.word('NOT')) {
      if (this.word('EXISTS')) return { op: 'is', path, what: 'not-exists' };
      throw new PatternError('NOT must be followed by EXISTS');
    }
    if (this.word('EXISTS')) return { op: 'is', path, what: 'exists' };
    this.skip();
    const m = /^(!=|<=|>=|=|<|>)/.exec(this.rest());
    if (!m) throw new PatternError(`expected a comparison after the selector, found '${this.rest().slice(0, 20)}'`);
    this.i += m[0].length;
    return { op: 'cmp', path, cmp: m[0] as '=', value: this.value() };
  }
  private selector(): Path {
    this.skip();
    if (this.s[this.i] !== '$') throw new PatternError(`expected a selector ($.field), found '${this.rest().slice(0, 20)}'`);
    this.i++;
    const path: Path = [];
    for (;;) {
      if (this.s[this.i] === '.') {
        const m = /^\.([A-Za-z0-9_@:-]+)/.exec(this.rest());
        if (!m) throw new PatternError('a selector field name is missing or not understood');
        path.push(m[1]!);
        this.i += m[0].length;
      } else if (this.s[this.i] === '[') {
        const m = /^\[(\d+)\]/.exec(this.rest());
        if (!m) throw new PatternError('only numeric array indexes ($.a[0]) are understood');
        path.push(Number(m[1]));
        this.i += m[0].length;
      } else break;
    }
    if (path.length === 0) throw new PatternError('a selector names no field');
    return path;
  }
  private value(): Value {
    this.skip();
    const c = this.s[this.i];
    if (c === '"') {
      let out = '';
      this.i++;
      for (;;) {
        if (this.i >= this.s.length) throw new PatternError('unterminated string');
        const ch = this.s[this.i++]!;
        if (ch === '"') break;
        if (ch === '\\' && this.i < this.s.length) out += this.s[this.i++]!;
        else out += ch;
      }
      return { kind: 'string', text: out, quoted: true };
    }
    if (c === '%') throw new PatternError('regular-expression values (%...%) are not judged');
    const m = /^[^\s()&|"]+/.exec(this.rest());
    if (!m) throw new PatternError('a comparison has no value');
    const raw = m[0];
    this.i += raw.length;
    if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw)) return { kind: 'number', n: Number(raw) };
    const up = raw.toUpperCase();
    if (up === 'TRUE' || up === 'FALSE') return { kind: 'bool', b: up === 'TRUE' };
    if (up === 'NULL') return { kind: 'null' };
    if (up === 'IN') throw new PatternError('IN lists are not judged');
    return { kind: 'string', text: raw, quoted: false };
  }
}

const MISSING = Symbol('missing');

function lookup(event: Json, path: Path): Json | typeof MISSING {
  let cur: Json | typeof MISSING = event;
  for (const k of path) {
    if (cur === MISSING || cur === null || typeof cur !== 'object') return MISSING;
    if (typeof k === 'number') cur = Array.isArray(cur) && k < cur.length ? cur[k]! : MISSING;
    else cur = !Array.isArray(cur) && Object.hasOwn(cur, k) ? cur[k]! : MISSING;
  }
  return cur;
}

/** `*` matches any run of characters; everything else is literal and case-sensitive. */
function wildcardMatch(pattern: string, text: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === text;
  if (!text.startsWith(parts[0]!)) return false;
  let pos = parts[0]!.length;
  for (let k = 1; k < parts.length - 1; k++) {
    const at = text.indexOf(parts[k]!, pos);
    if (at < 0) return false;
    pos = at + parts[k]!.length;
  }
  const last = parts[parts.length - 1]!;
  return text.length - pos >= last.length && text.endsWith(last);
}

function equals(v: Json, value: Value): boolean {
  switch (value.kind) {
    case 'null':
      return v === null;
    case 'bool':
      return v === value.b;
    case 'number':
      return typeof v === 'number' ? v === value.n : typeof v === 'string' && v === String(value.n);
    case 'string':
      if (typeof v === 'string') return wildcardMatch(value.text, v);
      if (typeof v === 'number' || typeof v === 'boolean') return wildcardMatch(value.text, String(v));
      return false;
  }
}

export function matchesEvent(expr: Expr, event: Json): boolean {
  switch (expr.op) {
    case 'all':
      return true;
    case 'and':
      return matchesEvent(expr.left, event) && matchesEvent(expr.right, event);
    case 'or':
      return matchesEvent(expr.left, event) || matchesEvent(expr.right, event);
    case 'is': {
      const v = lookup(event, expr.path);
      if (expr.what === 'exists') return v !== MISSING;
      if (expr.what === 'not-exists') return v === MISSING;
      if (expr.what === 'null') return v === null;
      return v === (expr.what === 'true');
    }
    case 'cmp': {
      const v = lookup(event, expr.path);
      // A comparison on a field the event lacks: `!=` holds, nothing else does.
      if (v === MISSING) return expr.cmp === '!=';
      if (expr.cmp === '=') return equals(v, expr.value);
      if (expr.cmp === '!=') return !equals(v, expr.value);
      if (expr.value.kind !== 'number' || typeof v !== 'number') return false;
      const n = expr.value.n;
      return expr.cmp === '<' ? v < n : expr.cmp === '>' ? v > n : expr.cmp === '<=' ? v <= n : v >= n;
    }
  }
}

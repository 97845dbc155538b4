/**
 * Helpers rules use to read normalized facts. They keep rules small and make
 * "could not tell" explicit: reading an unresolved value through `known`
 * throws `NeedsValue`, which the evaluator turns into an `unknown` verdict that
 * names the expression, never a pass.
 */
import type { Resource } from '../model/resource.js';
import type { EvidenceItem, Verdict } from './rule.js';
import { Unresolved, ResourceRef, isUnresolved, isRef } from '../model/values.js';
import type { PathOf } from './property-paths.js';
import { readShapedJson } from '../model/shaped-json.js';
import { describeDynamicReference } from '../model/dynamic-references.js';

export class NeedsValue extends Error {
  constructor(
    readonly path: string,
    readonly expression: string,
  ) {
    super(`${path} depends on ${expression}, which cannot be resolved`);
  }
}

const SEGMENT = /[^.[\]]+|\[(\d+)\]/g;

/**
 * The keys of a dotted path, split once per distinct path. Rules read the same
 * few hundred literal paths on every resource; the cache holds path strings
 * only (no inventory data) and stops growing at MAX_CACHED_PATHS.
 */
const pathKeys = new Map<string, readonly (string | number)[]>();
const MAX_CACHED_PATHS = 4096;

function keysOf(path: string): readonly (string | number)[] {
  let keys = pathKeys.get(path);
  if (!keys) {
    keys = [...path.matchAll(SEGMENT)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[0]));
    if (pathKeys.size < MAX_CACHED_PATHS) pathKeys.set(path, keys);
  }
  return keys;
}

/** Read a dotted path (`A.B[0].C`). Stops at, and returns, an `Unresolved` on the way. */
export function get(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of keysOf(path)) {
    if (cur === undefined || cur === null) return undefined;
    if (isUnresolved(cur)) return cur;
    if (typeof cur !== 'object') return undefined;
    cur = Object.prototype.hasOwnProperty.call(cur, key) ? (cur as Record<string | number, unknown>)[key] : undefined;
  }
  return cur;
}

/**
 * A property of the resource; throws `NeedsValue` if it (or a parent) is unresolved.
 * On a rule's own resource, `path` must be one its types have (PathOf).
 */
export function known<R extends Resource>(r: R, path: PathOf<R>): unknown {
  const gap = gapFor(r, path);
  if (gap) throw new NeedsValue(path, gap);
  const v = get(r.properties, path);
  if (isUnresolved(v)) throw new NeedsValue(path, v.expression);
  const dynamic = dynamicReferenceIn(v);
  if (dynamic) throw new NeedsValue(path, dynamic);
  return v;
}

/**
 * A policy document of the resource (`AssumeRolePolicyDocument`, `KeyPolicy`, a resource policy...), as
 * `known` reads it except that JSON text the template builds with `Fn::Sub`/`Fn::Join` keeps its shape
 * (an `Unresolved` with a shape), for the one document reader (`parsePolicyDocument`, src/lib/iam) to
 * parse as the object form. An opaque value (a whole document from a parameter) throws `NeedsValue`.
 */
export function knownDocument<R extends Resource>(r: R, path: PathOf<R>): unknown {
  const gap = gapFor(r, path);
  if (gap) throw new NeedsValue(path, gap);
  const v = get(r.properties, path);
  if (isUnresolved(v) && v.shape !== undefined) return v;
  return known(r, path);
}

/** `knownDocument` for a document already in hand (a related resource's, an entry of a list). */
export function mustDocument(v: unknown, path: string): unknown {
  if (isUnresolved(v) && v.shape !== undefined) return v;
  return must(v, path);
}

/** A value already in hand; throws `NeedsValue` if unresolved (a dynamic reference included). */
export function must<T>(v: T, path: string): Exclude<T, Unresolved> {
  if (isUnresolved(v)) throw new NeedsValue(path, v.expression);
  const dynamic = dynamicReferenceIn(v);
  if (dynamic) throw new NeedsValue(path, dynamic);
  return v as Exclude<T, Unresolved>;
}

/**
 * A pointer whose presence, not its value, decides a verdict: a log destination's name or ARN, the role a
 * service assumes to write logs. The service takes only an existing destination (a stack naming anything
 * else does not deploy), so a pointer the template leaves to deploy time (a parameter without a value, an
 * import, `Fn::Sub` around one, a dynamic reference) is the setting on, whatever it names. Returns
 * undefined when the pointer is absent (omitted, null, '' or `AWS::NoValue`), else the value as written,
 * possibly `Unresolved`; `pointerNote` says so in evidence. An `Fn::If` on an unknown condition is judged
 * branch by branch by the evaluator, so a branch giving `AWS::NoValue` is judged as absent there.
 * Throws `NeedsValue` (unknown) when whether the pointer is there at all cannot be read: a collection gap,
 * a parent that is itself unresolved, or an unresolved value that may stand for no value (a malformed
 * `Fn::If`, an expression naming `AWS::NoValue`).
 */
export function knownPointer<R extends Resource>(r: R, path: PathOf<R>): unknown {
  const gap = gapFor(r, path);
  if (gap) throw new NeedsValue(path, gap);
  return mustPointer(r.properties, path);
}

/** `knownPointer` for a pointer at `path` inside a value already in hand (a list entry, a related resource's properties). */
export function mustPointer(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  const keys = keysOf(path);
  for (let i = 0; i < keys.length; i++) {
    if (cur === undefined || cur === null) return undefined;
    // A parent from a parameter or an import: whether it holds the pointer cannot be read.
    if (isUnresolved(cur)) throw new NeedsValue(path, cur.expression);
    if (typeof cur !== 'object') return undefined;
    const key = keys[i]!;
    cur = Object.prototype.hasOwnProperty.call(cur, key) ? (cur as Record<string | number, unknown>)[key] : undefined;
  }
  if (cur === undefined || cur === null || cur === '') return undefined;
  if (isUnresolved(cur) && (/^Fn::If\b/.test(cur.expression) || cur.expression.includes('AWS::NoValue'))) throw new NeedsValue(path, cur.expression);
  return cur;
}

/** The evidence note for a pointer `knownPointer` returned: set when its value is decided at deploy time. */
export function pointerNote(v: unknown, what: string): string | undefined {
  if (isUnresolved(v) || dynamicReferenceIn(v)) return `${what} is decided at deploy time (not in the template); the setting is on whatever it names`;
  return undefined;
}

/**
 * A text value holding a CloudFormation dynamic reference (`{{resolve:ssm:…}}`, `{{resolve:ssm-secure:…}}`,
 * `{{resolve:secretsmanager:…}}`): how it is named in evidence (the store and the parameter or secret
 * name, never a value), or undefined. The IaC loader already turns such strings into `Unresolved` values
 * (src/model/dynamic-references.ts); this catches a string that reached a rule another way.
 */
export function dynamicReferenceIn(v: unknown): string | undefined {
  return typeof v === 'string' ? describeDynamicReference(v) : undefined;
}

/** The collection gap (access denied, throttled) recorded for this path or a parent, if any. */
export function gapFor(r: Resource, path: string): string | undefined {
  if (!r.gaps) return undefined;
  for (const [p, why] of Object.entries(r.gaps)) {
    if (path === p || path.startsWith(p + '.') || path.startsWith(p + '[') || p === '*') return why;
  }
  return undefined;
}

/** CloudFormation accepts "true"/"false" strings for booleans. */
export function asBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
  }
  return undefined;
}

/** CloudFormation accepts numeric strings for numbers. */
export function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** A plain object, or `{}` for anything else (arrays, scalars, null). */
export function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** Tags from CloudFormation `[{Key, Value}]`, a plain map, or GCP labels. */
export function tagsOf(r: Resource): Record<string, string> {
  const t = r.properties.Tags ?? r.properties.tags ?? r.properties.labels;
  const out: Record<string, string> = {};
  if (Array.isArray(t)) {
    for (const e of t) {
      if (e && typeof e === 'object' && typeof (e as any).Key === 'string') out[(e as any).Key] = text((e as any).Value ?? '');
      else if (typeof e === 'string') out[e] = '';
    }
  } else if (t && typeof t === 'object') {
    for (const [k, v] of Object.entries(t)) out[k] = text(v ?? '');
  }
  return out;
}

/** Glob with `*` and `?`, case-sensitive. */
export function globMatch(pattern: string, value: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern === value;
  // Linear in value × pattern, whatever the pattern: the segments between stars are matched
  // leftmost-first (which is exact for `*` globs), never with a backtracking regular expression
  // (`*a*a*a*a*a*b` against a long id took exponential time that way).
  const segs = pattern.split('*');
  const at = (seg: string, pos: number) => {
    if (pos + seg.length > value.length) return false;
    for (let i = 0; i < seg.length; i++) if (seg[i] !== '?' && seg[i] !== value[pos + i]) return false;
    return true;
  };
  const first = segs[0]!;
  if (segs.length === 1) return first.length === value.length && at(first, 0);
  const last = segs[segs.length - 1]!;
  if (first.length + last.length > value.length || !at(first, 0) || !at(last, value.length - last.length)) return false;
  let pos = first.length;
  const end = value.length - last.length;
  for (let k = 1; k < segs.length - 1; k++) {
    const seg = segs[k]!;
    if (!seg) continue;
    let found = -1;
    for (let p = pos; p + seg.length <= end; p++) {
      if (at(seg, p)) {
        found = p;
        break;
      }
    }
    if (found < 0) return false;
    pos = found + seg.length;
  }
  return true;
}

export function describe(v: unknown): unknown {
  if (v instanceof Unresolved || v instanceof ResourceRef) return v.toJSON();
  return v;
}

export function ev(path: string, observed: unknown, expected?: unknown, note?: string): EvidenceItem {
  const item: EvidenceItem = { path, observed: describe(observed) ?? null };
  if (expected !== undefined) item.expected = expected;
  if (note) item.note = note;
  return item;
}

export const pass = (message: string, ...evidence: EvidenceItem[]): Verdict => ({ status: 'pass', message, evidence });
export const fail = (message: string, ...evidence: EvidenceItem[]): Verdict => ({ status: 'fail', message, evidence });
export const unknown = (message: string, ...evidence: EvidenceItem[]): Verdict => ({ status: 'unknown', message, evidence });
export const notApplicable = (message: string, ...evidence: EvidenceItem[]): Verdict => ({
  status: 'not-applicable',
  message,
  evidence,
});

/**
 * A resource named in a message about `about`: its name (for a template resource, its logical id),
 * followed by its stack when another stack holds it ("bucket LogsBucket (stack shared-logging)"),
 * so a reference through an import or to a nested stack says where the resource lives.
 */
export function nameBeside(target: Resource, about: Resource): string {
  const name = target.name ?? target.location.logicalId ?? target.id;
  const stack = target.location.stack;
  return target.source === 'iac' && stack !== undefined && about.location.stack !== undefined && stack !== about.location.stack ? `${name} (stack ${stack})` : name;
}

/** The logical id a `Ref`/`GetAtt` points at, or the literal string (a name or physical id). */
export function refTarget(v: unknown): string | undefined {
  if (isRef(v)) return v.logicalId;
  if (typeof v === 'string') return v;
  return undefined;
}

/**
 * A template value as text for messages and comparisons. Unlike `String(v)`,
 * it never throws: a template object may carry a `toString` or `valueOf`
 * key of its own, which `String()` would try to call.
 */
export function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v === undefined || v === null) return String(v);
  if (typeof v === 'symbol') return v.description ?? 'symbol';
  if (v instanceof Unresolved || v instanceof ResourceRef) return v.toJSON();
  try {
    return JSON.stringify(v) ?? typeof v;
  } catch {
    return typeof v;
  }
}

/**
 * A property that holds a JSON document: an object as written, a string of JSON, or JSON text
 * built with Fn::Sub / Fn::Join (read by its shape; computed strings inside stay `Unresolved`).
 * Throws `NeedsValue` (an `unknown` verdict) when the property is missing, longer than `maxText`
 * characters, or not JSON vouch can read.
 */
export function jsonDocument(r: Resource, path: string, maxText: number): unknown {
  const raw = get(r.properties, path);
  if (raw === undefined) throw new NeedsValue(path, 'nothing: the property is missing');
  if (typeof raw !== 'string' && !(raw instanceof Unresolved)) return raw;
  if (typeof raw === 'string' && raw.length > maxText) throw new NeedsValue(path, `a JSON text longer than ${maxText} characters`);
  // Built text is bounded as literal text is (its shape: the literal parts, one character per value filled in).
  if (raw instanceof Unresolved && (raw.shape?.length ?? 0) > maxText) throw new NeedsValue(path, `a JSON text built to over ${maxText} characters (${raw.expression.slice(0, 80)})`);
  const read = readShapedJson(raw, { expression: () => (raw instanceof Unresolved ? raw.expression : 'the JSON text') });
  if (!read.ok) throw new NeedsValue(path, `JSON text vouch cannot read (${read.problem.reason})`);
  return read.value;
}

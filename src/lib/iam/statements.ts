/**
 * IAM policy documents as statements: a document from a template (object,
 * or JSON text built with `Fn::Sub`/`Fn::Join`, read by its shape) or from an
 * API (JSON text, possibly URL-encoded as GetAccountAuthorizationDetails
 * returns it), with `Statement`, `Action`, `Resource`, `Principal` normalized
 * to arrays, and the condition entries of a statement.
 */
import { SHAPE_SPECIFIC, SHAPE_UNKNOWN, isRef, isUnresolved, Unresolved } from '../../model/values.js';
import { readShapedJson } from '../../model/shaped-json.js';

export type Effect = 'Allow' | 'Deny';

export interface PolicyStatement {
  index: number;
  sid?: string;
  /** `undefined` when the Effect is not a plain string (unresolved). */
  effect?: Effect;
  action?: unknown[];
  notAction?: unknown[];
  resource?: unknown[];
  notResource?: unknown[];
  /** Principal normalized to `{ kind → values }`; `'*'` becomes `{ '*': ['*'] }`. */
  principal?: Record<string, unknown[]>;
  notPrincipal?: Record<string, unknown[]>;
  condition?: Record<string, Record<string, unknown>>;
  /** The statement as written (for evidence). */
  raw: Record<string, unknown>;
}

export class PolicyShapeError extends Error {}

export const toList = (v: unknown): unknown[] | undefined => (v === undefined || v === null ? undefined : Array.isArray(v) ? v : [v]);

/** A policy document's JSON text longer than this is refused (IAM's largest, a KMS key policy, is 32 kB). */
export const POLICY_TEXT_MAX_LENGTH = 200_000;

/**
 * A policy document as an object, however it is written: an object (a template's YAML/JSON),
 * JSON text (a template's literal string, or an API's answer, possibly URL-encoded as IAM's
 * GetAccountAuthorizationDetails returns it), or JSON text a template builds with
 * `Fn::Sub`/`Fn::Join` (an `Unresolved` with its shape: see `parseShapedDocument`). The one
 * reader of documents: every rule and helper that reads a policy goes through it, so the string
 * forms read exactly as the object form. Text that is not a JSON object: PolicyShapeError.
 */
export function parsePolicyDocument(doc: unknown): Record<string, unknown> | undefined {
  if (doc === undefined || doc === null) return undefined;
  if (isUnresolved(doc)) return parseShapedDocument(doc);
  if (typeof doc === 'string') return parseDocumentText(doc);
  if (typeof doc === 'object' && !Array.isArray(doc)) return doc as Record<string, unknown>;
  throw new PolicyShapeError('policy document is not an object');
}

/** Literal JSON text, bounded, read by the same reader as built text (so depth is bounded too). */
function parseDocumentText(doc: string): Record<string, unknown> {
  let text = doc.trim();
  if (text.startsWith('%7B') || text.startsWith('%7b')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      throw new PolicyShapeError('policy document is not valid URL-encoded text');
    }
  }
  if (text.length > POLICY_TEXT_MAX_LENGTH) throw new PolicyShapeError(`the policy document text is longer than ${POLICY_TEXT_MAX_LENGTH} characters`);
  const read = readShapedJson(text, { expression: () => 'the policy text' });
  if (!read.ok) throw new PolicyShapeError(`the policy document text is not valid JSON (${read.problem.reason})`);
  const out = read.value;
  if (!out || typeof out !== 'object' || Array.isArray(out)) throw new PolicyShapeError('policy document is not a JSON object');
  return out as Record<string, unknown>;
}

/**
 * Where a key the template computes may stand in a document: a condition key
 * (`Statement[i].Condition.<operator>.<key>`) with a literal `:` followed by
 * literal text, as an IRSA trust writes `"${OidcIssuer}:sub"` or ABAC
 * `"aws:ResourceTag/${TagKey}"`.
 * It names one key of that family; its shape (placeholders included) never
 * equals a literal key, so it pins nothing a rule looks for by name, but a
 * rule that asks only whether some `…:sub`/`…:aud` is pinned can read it. A
 * computed operator, element name or key without `:` could be anything: refused.
 */
function conditionKeyPlace(parents: readonly (string | number)[], shape: string): boolean {
  const keys = parents.filter((p): p is string => typeof p === 'string');
  if (keys.length !== 3 || keys[0] !== 'Statement' || keys[1] !== 'Condition') return false;
  // The name after the first `:` starts with literal text, so the key cannot be a global key chosen
  // by a parameter (`aws:${Key}` could be aws:PrincipalOrgID).
  const colon = shape.indexOf(':');
  const next = shape[colon + 1];
  return colon >= 0 && next !== undefined && next !== SHAPE_UNKNOWN && next !== SHAPE_SPECIFIC;
}

/** How built JSON text is read when it is a policy document (for a reader that meets a document inside other built text). */
export const POLICY_TEXT_READING = { computedKey: conditionKeyPlace, resourceRefs: true, maxLength: POLICY_TEXT_MAX_LENGTH } as const;

/**
 * A document written as a JSON string built with `Fn::Sub`/`Fn::Join`
 * (`!Sub '{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::${Bucket}/*"}]}'`):
 * parsed from its shape (src/model/shaped-json.ts), each string that holds an
 * unresolved piece becoming an `Unresolved` with its own shape and slots, so
 * `Action: "*"` is still read as `*` and a parameter inside an ARN stays
 * unresolved; a string that is wholly a template resource's `Ref`/`GetAtt`
 * (`"${OidcProvider}"`) is that `ResourceRef`, as in the object form. A
 * placeholder outside a string (a whole list from a parameter), or in a key
 * other than a condition key (`conditionKeyPlace`), cannot be read: PolicyShapeError.
 */
function parseShapedDocument(doc: Unresolved): Record<string, unknown> {
  if (doc.shape === undefined) throw new PolicyShapeError(`the document depends on ${doc.expression}`);
  // Each computed string is named by its own text (`Fn::Sub "arn:aws:iam::${…}:root"`), not by the whole document.
  const fn = /^Fn::\w+/.exec(doc.expression)?.[0] ?? 'built text';
  const read = readShapedJson(doc, { expression: (text) => `${fn} ${JSON.stringify(text.length > 120 ? `${text.slice(0, 117)}...` : text)}`, ...POLICY_TEXT_READING });
  if (!read.ok) {
    const built = doc.expression.slice(0, 80);
    switch (read.problem.kind) {
      case 'computed-key':
        throw new PolicyShapeError(`a key of the document depends on ${built} (${read.problem.reason})`);
      case 'too-deep':
        throw new PolicyShapeError('the document is nested too deeply to read');
      case 'too-long':
        throw new PolicyShapeError(`the document built by ${built} is too long to read (${read.problem.reason})`);
      case 'ambiguous':
        throw new PolicyShapeError(`the document built by ${built} cannot be read by its shape (${read.problem.reason})`);
      default:
        throw new PolicyShapeError(`the document built by ${built} is not JSON once its values are filled in (${read.problem.reason})`);
    }
  }
  const out = read.value;
  if (!out || typeof out !== 'object' || Array.isArray(out) || isUnresolved(out)) throw new PolicyShapeError('policy document is not a JSON object');
  return out as Record<string, unknown>;
}

function normalizePrincipal(p: unknown): Record<string, unknown[]> | undefined {
  if (p === undefined || p === null) return undefined;
  if (p === '*') return { '*': ['*'] };
  if (typeof p === 'object' && !Array.isArray(p) && !isUnresolved(p) && !isRef(p)) {
    const out: Record<string, unknown[]> = {};
    for (const [k, v] of Object.entries(p as Record<string, unknown>)) out[k] = toList(v) ?? [];
    return out;
  }
  return { '?': [p] };
}

/** The statements of a document, normalized. A missing or malformed `Statement` yields none. */
export function statementsOf(doc: unknown): PolicyStatement[] {
  const d = parsePolicyDocument(doc);
  if (!d) return [];
  if (isUnresolved(d.Statement)) throw new PolicyShapeError(`Statement is unresolved (${d.Statement.expression})`);
  const list = toList(d.Statement) ?? [];
  return list.map((s, index) => {
    const raw = (s && typeof s === 'object' ? s : {}) as Record<string, unknown>;
    const effect = raw.Effect === 'Allow' || raw.Effect === 'Deny' ? raw.Effect : undefined;
    const cond = raw.Condition && typeof raw.Condition === 'object' && !isUnresolved(raw.Condition) ? (raw.Condition as Record<string, Record<string, unknown>>) : undefined;
    return {
      index,
      sid: typeof raw.Sid === 'string' ? raw.Sid : undefined,
      effect,
      action: toList(raw.Action),
      notAction: toList(raw.NotAction),
      resource: toList(raw.Resource),
      notResource: toList(raw.NotResource),
      principal: normalizePrincipal(raw.Principal),
      notPrincipal: normalizePrincipal(raw.NotPrincipal),
      condition: cond,
      raw,
    };
  });
}

export function hasUnresolved(list: unknown[] | undefined): string | undefined {
  for (const v of list ?? []) if (isUnresolved(v)) return v.expression;
  return undefined;
}

/** Condition keys (lower-cased) a statement's Condition tests, with their operator. */
export function conditionEntries(s: PolicyStatement): { operator: string; key: string; values: unknown[] }[] {
  const out: { operator: string; key: string; values: unknown[] }[] = [];
  for (const [operator, block] of Object.entries(s.condition ?? {})) {
    if (!block || typeof block !== 'object') continue;
    for (const [key, v] of Object.entries(block)) out.push({ operator, key: key.toLowerCase(), values: toList(v) ?? [] });
  }
  return out;
}

/** `StringEquals`, `ArnLike`...: an operator that matches only the listed values (not `…IfExists`, not negated). */
export function narrowingOperator(op: string): boolean {
  return !/ifexists$/i.test(op) && !/not/i.test(op.replace(/^for(all|any)values?:/i, ''));
}

/** An unresolved string whose shape is known and has no parameter-sized hole or wildcard in it. */
export function specificShape(v: Unresolved): boolean {
  return v.shape !== undefined && !v.shape.includes(SHAPE_UNKNOWN) && !/[*?]/.test(v.shape) && v.shape.trim() !== '';
}

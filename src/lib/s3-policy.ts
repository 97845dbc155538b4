/**
 * Reading S3 bucket policies (the same IAM JSON from a template or from
 * GetBucketPolicy): who a statement lets in, whether a condition narrows it,
 * and whether a Deny refuses plain HTTP or old TLS. Values a template leaves
 * unresolved are reported, never guessed.
 */
import { asArray, globMatch } from '../evaluate/facts.js';
import { isRef, isUnresolved } from '../model/values.js';
import { isDynamicReference } from '../model/dynamic-references.js';
import { isOpenToWorld } from './network.js';
import { parsePolicyDocument, PolicyShapeError } from './iam/statements.js';

export type Statement = Record<string, unknown>;

/**
 * The statements of a policy document, however it is written (object, JSON text, or JSON text
 * built with Fn::Sub/Fn::Join: the one reader, `parsePolicyDocument` in src/lib/iam), or why it
 * cannot be read. A missing document has no statements.
 */
export function readStatements(doc: unknown): { statements: Statement[] } | { problem: string } {
  let d: Record<string, unknown> | undefined;
  try {
    d = parsePolicyDocument(doc);
  } catch (e) {
    if (e instanceof PolicyShapeError) return { problem: e.message };
    throw e;
  }
  if (d === undefined) return { problem: 'there is no document' };
  if (isUnresolved(d.Statement)) return { problem: `Statement depends on ${d.Statement.expression}` };
  const list = asArray(d.Statement);
  const hidden = list.find(isUnresolved);
  if (hidden) return { problem: `a statement depends on ${hidden.expression}` };
  return { statements: list.filter((s): s is Statement => !!s && typeof s === 'object' && !Array.isArray(s) && !isRef(s)) };
}

/** The statements of a policy document (see `readStatements`); `undefined` when it is not a readable document. */
export function policyStatements(doc: unknown): Statement[] | undefined {
  const read = readStatements(doc);
  return 'statements' in read ? read.statements : undefined;
}

/** `"*"`, `{AWS: "*"}` or `{AWS: [..., "*"]}`: anyone, signed or anonymous. */
export function isEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal && typeof principal === 'object' && !Array.isArray(principal)) {
    return asArray((principal as Record<string, unknown>).AWS).some((p) => p === '*');
  }
  return false;
}

/** Condition keys that tie an Allow to a network, an organization, an account or a calling resource. */
const RESTRICTING_KEYS = [
  'aws:sourcevpce', 'aws:sourcevpc', 'aws:sourceip', 'aws:vpcsourceip', 'aws:principalorgid', 'aws:principalorgpaths',
  'aws:principalaccount', 'aws:principalarn', 'aws:sourcearn', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:sourceorgpaths',
  'aws:userid', 'aws:username', 'aws:principalservicename', 'aws:resourceaccount', 'aws:calledvia',
];

/**
 * The conditions that narrow an Allow to known callers, as `operator key` strings.
 * `...IfExists` and negated operators do not narrow (a request without the key,
 * or with any other value, still matches); an `aws:SourceIp` of 0.0.0.0/0 does not either.
 */
export function restrictingConditions(condition: unknown): string[] {
  if (!condition || typeof condition !== 'object' || Array.isArray(condition)) return [];
  const out: string[] = [];
  for (const [op, body] of Object.entries(condition as Record<string, unknown>)) {
    if (/IfExists$/i.test(op) || /Not/i.test(op.replace(/^For(All|Any)Values?:/i, ''))) continue;
    if (!body || typeof body !== 'object') continue;
    for (const [key, values] of Object.entries(body as Record<string, unknown>)) {
      if (!RESTRICTING_KEYS.includes(key.toLowerCase())) continue;
      const list = asArray(values);
      if (list.length === 0) continue;
      if (/sourceip$/i.test(key) && list.some((v) => isOpenToWorld(v))) continue;
      if (list.some((v) => v === '*')) continue;
      out.push(`${op} ${key}`);
    }
  }
  return out;
}

/** Does an Action (or list) cover `action`? Wildcards in the policy are honoured; unresolved entries count as no. */
export function coversAction(actions: unknown, action: string): boolean {
  return asArray(actions).some((a) => typeof a === 'string' && globMatch(a.toLowerCase(), action.toLowerCase()));
}

/**
 * Could the statement's Resource cover objects in the bucket (`.../*` or `*`)?
 * A bucket policy may only name its own bucket, so any object pattern is this bucket's.
 * `undefined` when an entry is unresolved and says nothing about `/*`.
 */
export function coversObjects(resources: unknown): boolean | undefined {
  let unsure = false;
  for (const r of asArray(resources)) {
    if (typeof r === 'string') {
      if (r === '*' || r.endsWith('/*') || r.endsWith('*')) return true;
    } else if (isUnresolved(r)) {
      if (/\/\*/.test(r.expression)) return true;
      unsure = true;
    } else if (!isRef(r)) unsure = true;
  }
  return unsure ? undefined : false;
}

function falseLike(v: unknown): boolean {
  return asArray(v).some((x) => x === false || (typeof x === 'string' && x.toLowerCase() === 'false'));
}

/**
 * A Deny for everyone on object reads and writes when `aws:SecureTransport` is false. `objectActions`
 * names the service's read and write actions (S3 by default; MediaStore containers pass theirs).
 */
export function deniesInsecureTransport(s: Statement, objectActions: readonly [string, string] = ['s3:GetObject', 's3:PutObject']): boolean {
  if (s.Effect !== 'Deny' || !isEveryone(s.Principal)) return false;
  if (!coversAction(s.Action, objectActions[0]) || !coversAction(s.Action, objectActions[1])) return false;
  const objects = coversObjects(s.Resource);
  if (objects === false) return false;
  // A resource from a dynamic reference may name the bucket alone once deployed: not a deny on the objects yet.
  if (objects === undefined && dynamicResource(s.Resource)) return false;
  const cond = (s.Condition ?? {}) as Record<string, Record<string, unknown> | undefined>;
  for (const op of ['Bool', 'BoolIfExists']) {
    const body = cond[op];
    if (!body) continue;
    for (const [k, v] of Object.entries(body)) if (k.toLowerCase() === 'aws:securetransport' && falseLike(v)) return true;
  }
  return false;
}

/** The expression of a `{{resolve:…}}` entry of a statement's Resource, if any. */
function dynamicResource(resources: unknown): string | undefined {
  return asArray(resources).find(isDynamicReference)?.expression;
}

/** The expression of the first value the template does not settle in `v` (a statement part), if any. */
function unsettled(v: unknown, depth = 0): string | undefined {
  if (isUnresolved(v)) return v.expression;
  if (!v || typeof v !== 'object' || isRef(v) || depth > 8) return undefined;
  for (const x of Array.isArray(v) ? v : Object.values(v)) {
    const found = unsettled(x, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * A statement that would be a Deny of plain HTTP (as `deniesInsecureTransport`) for some value of the parts
 * the template does not settle (an Effect, a principal, an action or a condition value from a parameter or a
 * `{{resolve:ssm:…}}` reference): the expression it depends on, else undefined. Whether the bucket refuses
 * plain HTTP then depends on that value: unknown, not "no deny".
 */
export function mayDenyInsecureTransport(s: Statement, objectActions: readonly [string, string] = ['s3:GetObject', 's3:PutObject']): string | undefined {
  const open = [s.Effect, s.Principal, s.Action, s.Condition].map((v) => unsettled(v)).find((x) => x !== undefined) ?? dynamicResource(s.Resource);
  if (!open || deniesInsecureTransport(s, objectActions)) return undefined;
  if (s.Effect !== 'Deny' && !isUnresolved(s.Effect)) return undefined;
  if (!isEveryone(s.Principal) && !unsettled(s.Principal)) return undefined;
  if ((!coversAction(s.Action, objectActions[0]) || !coversAction(s.Action, objectActions[1])) && !unsettled(s.Action)) return undefined;
  if (coversObjects(s.Resource) === false) return undefined;
  const cond = s.Condition;
  if (isUnresolved(cond)) return open;
  for (const op of ['Bool', 'BoolIfExists']) {
    const body = ((cond ?? {}) as Record<string, unknown>)[op];
    if (isUnresolved(body)) return open;
    if (!body || typeof body !== 'object') continue;
    for (const [k, v] of Object.entries(body)) if (k.toLowerCase() === 'aws:securetransport' && (falseLike(v) || unsettled(v))) return open;
  }
  return undefined;
}

/**
 * A statement that would deny TLS below some version (as `deniedBelowTls`) for some value of the parts the
 * template does not settle: the expression it depends on, else undefined.
 */
export function mayDenyBelowTls(s: Statement): string | undefined {
  const open = [s.Effect, s.Principal, s.Action, s.Condition].map((v) => unsettled(v)).find((x) => x !== undefined) ?? dynamicResource(s.Resource);
  if (!open) return undefined;
  if (s.Effect !== 'Deny' && !isUnresolved(s.Effect)) return undefined;
  if (!isEveryone(s.Principal) && !unsettled(s.Principal)) return undefined;
  if ((!coversAction(s.Action, 's3:GetObject') || !coversAction(s.Action, 's3:PutObject')) && !unsettled(s.Action)) return undefined;
  if (coversObjects(s.Resource) === false) return undefined;
  if (isUnresolved(s.Condition)) return open;
  for (const [op, body] of Object.entries((s.Condition ?? {}) as Record<string, unknown>)) {
    if (!/^NumericLessThan(IfExists)?$/.test(op)) continue;
    if (isUnresolved(body)) return open;
    if (body && typeof body === 'object' && Object.keys(body).some((k) => k.toLowerCase() === 's3:tlsversion')) return open;
  }
  return undefined;
}

/** An Allow that holds only over TLS: `Bool` `aws:SecureTransport` true (the shape of MediaStore's default container policy). */
export function allowsOnlyOverTls(s: Statement): boolean {
  if (s.Effect !== 'Allow') return false;
  const body = ((s.Condition ?? {}) as Record<string, Record<string, unknown> | undefined>).Bool;
  if (!body) return false;
  return Object.entries(body).some(([k, v]) => k.toLowerCase() === 'aws:securetransport' && asArray(v).length > 0 && asArray(v).every((x) => x === true || (typeof x === 'string' && x.toLowerCase() === 'true')));
}

/** The TLS version below which this statement denies object access (`NumericLessThan s3:TlsVersion`), if any. */
export function deniedBelowTls(s: Statement): number | undefined {
  if (s.Effect !== 'Deny' || !isEveryone(s.Principal)) return undefined;
  if (!coversAction(s.Action, 's3:GetObject') || !coversAction(s.Action, 's3:PutObject')) return undefined;
  const objects = coversObjects(s.Resource);
  if (objects === false) return undefined;
  // As in deniesInsecureTransport: a resource from a dynamic reference may name the bucket alone once deployed.
  if (objects === undefined && dynamicResource(s.Resource)) return undefined;
  const cond = (s.Condition ?? {}) as Record<string, Record<string, unknown> | undefined>;
  let best: number | undefined;
  for (const [op, body] of Object.entries(cond)) {
    if (!/^NumericLessThan(IfExists)?$/.test(op) || !body) continue;
    for (const [k, v] of Object.entries(body)) {
      if (k.toLowerCase() !== 's3:tlsversion') continue;
      const n = Number(asArray(v)[0]);
      if (Number.isFinite(n) && (best === undefined || n > best)) best = n;
    }
  }
  return best;
}

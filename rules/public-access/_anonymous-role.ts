/**
 * Identities anyone can obtain: Amazon Cognito identity pools with
 * unauthenticated (guest) identities hand AWS credentials to whoever calls
 * `GetId` + `GetCredentialsForIdentity` (or, with the basic flow,
 * `GetOpenIdToken` + `sts:AssumeRoleWithWebIdentity`), no sign-in needed. What
 * such a role may do, anyone on the internet may do.
 *
 * A template role is a guest role when guests of some identity pool can assume it:
 * - its trust lets `cognito-identity.amazonaws.com` call AssumeRoleWithWebIdentity,
 * - the trust's `cognito-identity.amazonaws.com:amr` condition admits a guest token
 *   (amr `["unauthenticated"]`: `ForAnyValue:StringLike` / `StringEquals`
 *   `unauthenticated`, or a negated `authenticated`), or the trust has no amr
 *   condition at all,
 * - and the pool its `aud` condition names allows unauthenticated identities
 *   (`AllowUnauthenticatedIdentities: true`). A trust without an amr condition
 *   admits guests only where Cognito hands them this role: the pool's
 *   `AWS::Cognito::IdentityPoolRoleAttachment` names it as the `unauthenticated`
 *   role, or the pool allows the basic flow (`AllowClassicFlow`), in which a guest
 *   assumes any role its token satisfies.
 * A trust without an `aud` condition admits tokens of any identity pool, including
 * one the caller creates with guests allowed. A pool with guests off gives no
 * guest tokens. A pool outside the template, or a flag valued by a parameter,
 * leaves the answer `unknown`, never a pass.
 * Reference: https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html
 *
 * An attachment's `RoleMappings` (rules on a provider's claims, or the token's `cognito:roles`) are
 * not read as reaching guests: Cognito applies them to identities authenticated by the provider they
 * are keyed by, and `AmbiguousRoleResolution: AuthenticatedRole` falls back to the pool's authenticated
 * role. A guest gets the unauthenticated role (enhanced flow) or, with the basic flow, any role whose
 * trust its token satisfies, which the trust reading below covers whatever the mappings say.
 * Reference: https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html
 *
 * The same holds for a role whose trust lets everyone (`Principal: "*"`,
 * `AWS: "*"`, NotPrincipal) assume it with no condition that pins the caller
 * (read as every resource policy: ./_resource-policy.ts): any AWS account
 * holder gets its credentials.
 */
import type { Resource } from '../../src/model/resource.js';
import type { Inventory } from '../../src/model/inventory.js';
import { asArray, get, text } from '../../src/evaluate/facts.js';
import { isBranches, isRef, isUnresolved } from '../../src/model/values.js';
import { iamMatch, statementsOf, PolicyShapeError, pinningConditionsSplit, type PolicyStatement } from '../../src/lib/iam.js';
import { isEveryone } from '../../src/lib/s3-policy.js';

export const COGNITO_ROLES_REFERENCE = 'https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html';

/** Can guests (unauthenticated identities) assume the role? `why` says through which pool and trust. */
export type GuestReach = { status: 'guest' | 'unknown' | 'not'; why: string };

const POOL = 'aws.cognito.identity-pool';
const ATTACHMENT = 'aws.cognito.identity-pool-role-attachment';
const COGNITO_PRINCIPAL = /^cognito-identity(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/i;
const GUEST_AMR = 'unauthenticated';

/** A template flag: true, false (also when omitted: both default to false), or unresolved. */
type Flag = boolean | 'unresolved';
function flag(v: unknown): Flag {
  if (v === undefined || v === null) return false;
  if (isUnresolved(v) || isBranches(v)) return 'unresolved';
  if (v === true || (typeof v === 'string' && v.toLowerCase() === 'true')) return true;
  if (v === false || (typeof v === 'string' && v.toLowerCase() === 'false')) return false;
  return 'unresolved';
}

function name(r: Resource): string {
  return r.location.logicalId ?? r.id;
}

/** The unauthenticated role each attachment binds: role id → pools (template pool, or a text naming one outside it). */
interface Binding {
  pool?: Resource;
  outside?: string;
  attachment: string;
}

interface Index {
  guestBindings: Map<string, Binding[]>;
  reach: Map<string, GuestReach | undefined>;
}
const indexes = new WeakMap<Inventory, Index>();

function roleByArn(v: unknown, stack: string | undefined, inventory: Inventory): Resource | undefined {
  if (isRef(v)) {
    const r = inventory.get(`${stack}/${v.logicalId}`);
    return r?.type === 'aws.iam.role' ? r : undefined;
  }
  // A literal ARN naming a template role by its RoleName (`arn:aws:iam::123456789012:role/app/guest`).
  const m = typeof v === 'string' ? /:role\/(?:.*\/)?([^/]+)$/.exec(v) : null;
  if (!m) return undefined;
  return inventory.ofType('aws.iam.role').find((r) => r.location.stack === stack && get(r.properties, 'RoleName') === m[1]);
}

function indexOf(inventory: Inventory): Index {
  let ix = indexes.get(inventory);
  if (ix) return ix;
  ix = { guestBindings: new Map(), reach: new Map() };
  for (const a of inventory.ofType(ATTACHMENT)) {
    const stack = a.location.stack;
    const poolRef = get(a.properties, 'IdentityPoolId');
    const pool = isRef(poolRef) ? inventory.get(`${stack}/${poolRef.logicalId}`) : undefined;
    const role = roleByArn(get(a.properties, 'Roles.unauthenticated'), stack, inventory);
    if (!role) continue;
    const list = ix.guestBindings.get(role.id) ?? [];
    list.push({ ...(pool?.type === POOL ? { pool } : { outside: text(poolRef) }), attachment: name(a) });
    ix.guestBindings.set(role.id, list);
  }
  indexes.set(inventory, ix);
  return ix;
}

/** Does the trust statement name the Cognito identity service as a web-identity principal? `unresolved` when it cannot be read. */
function trustsCognito(s: PolicyStatement): boolean | 'unresolved' {
  const federated = s.principal?.Federated ?? [];
  if (federated.some((p) => typeof p === 'string' && COGNITO_PRINCIPAL.test(p))) return true;
  if (federated.some((p) => isUnresolved(p)) || (s.principal?.['?'] ?? []).length) return 'unresolved';
  return false;
}

function allowsWebIdentity(s: PolicyStatement): boolean | 'unresolved' {
  const actions = s.action ?? [];
  if (actions.some((a) => typeof a === 'string' && iamMatch(a, 'sts:AssumeRoleWithWebIdentity'))) return true;
  return actions.some((a) => typeof a !== 'string') ? 'unresolved' : false;
}

/** Does the statement allow some sts:AssumeRole* action (a literal covering one)? */
function assumes(s: PolicyStatement): boolean {
  return (s.action ?? []).some((a) => typeof a === 'string' && ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML'].some((x) => iamMatch(a, x)));
}

/** The condition entries on a Cognito key (`cognito-identity.amazonaws.com:amr`), any host spelling. */
function entries(s: PolicyStatement, key: 'amr' | 'aud'): { op: string; values: unknown[] }[] {
  const out: { op: string; values: unknown[] }[] = [];
  for (const [op, body] of Object.entries(s.condition ?? {})) {
    if (!body || typeof body !== 'object' || isUnresolved(body)) continue;
    for (const [k, v] of Object.entries(body)) {
      if (new RegExp(`^cognito-identity[.a-z0-9-]*\\.amazonaws\\.com(\\.cn)?:${key}$`, 'i').test(k)) out.push({ op, values: asArray(v) });
    }
  }
  return out;
}

/** Does a condition operator on a string key match `value`? `undefined` for an operator this reading does not know. */
function opMatches(op: string, values: unknown[], value: string): boolean | undefined {
  const base = op.replace(/^For(All|Any)Values?:/i, '').replace(/IfExists$/i, '');
  const like = /^String(Not)?Like$/i.test(base);
  const equals = /^String(Not)?Equals(IgnoreCase)?$/i.test(base);
  if (!like && !equals) return undefined;
  const hit = values.some((x) => typeof x === 'string' && (like ? iamMatch(x, value) : /IgnoreCase$/i.test(base) ? x.toLowerCase() === value.toLowerCase() : x === value));
  return /Not/i.test(base) ? !hit : hit;
}

type Amr = 'guest' | 'not-guest' | 'none' | { unknown: string };
/** What the trust's amr conditions say about a guest token (amr `["unauthenticated"]`). */
function amrAdmitsGuest(s: PolicyStatement): Amr {
  const list = entries(s, 'amr');
  if (list.length === 0) return 'none';
  for (const { op, values } of list) {
    if (values.some((v) => typeof v !== 'string')) return { unknown: `its amr condition (${op}) depends on ${values.map(text).join(', ')}` };
    const m = opMatches(op, values, GUEST_AMR);
    if (m === undefined) return { unknown: `its amr condition uses ${op}, which this reading does not evaluate` };
    if (!m) return 'not-guest';
  }
  return 'guest';
}

/** The pools the trust's aud condition admits: template pools, texts naming pools outside it, or any pool. */
function audPools(s: PolicyStatement, stack: string | undefined, inventory: Inventory): { any: true } | { pools: Resource[]; outside: string[] } {
  const list = entries(s, 'aud');
  if (list.length === 0) return { any: true };
  const pools: Resource[] = [];
  const outside: string[] = [];
  for (const { op, values } of list) {
    const base = op.replace(/^For(All|Any)Values?:/i, '').replace(/IfExists$/i, '');
    // A negated or IfExists audience, or a wildcard, admits pools nobody listed.
    if (/Not/i.test(base) || /IfExists$/i.test(op) || !/^String(Equals|Like)(IgnoreCase)?$/i.test(base)) return { any: true };
    for (const v of values) {
      if (typeof v === 'string' && /[*?]/.test(v) && /Like/i.test(base)) return { any: true };
      const p = isRef(v) ? inventory.get(`${stack}/${v.logicalId}`) : undefined;
      if (p?.type === POOL) pools.push(p);
      else outside.push(text(v));
    }
  }
  return { pools, outside };
}

function guestsOf(pool: Resource): { on: Flag; classic: Flag } {
  return { on: flag(get(pool.properties, 'AllowUnauthenticatedIdentities')), classic: flag(get(pool.properties, 'AllowClassicFlow')) };
}

/**
 * Can guests of some identity pool assume this role? `undefined` when the role has
 * nothing to do with Cognito (no Cognito trust, not attached as a pool's unauthenticated role).
 */
export function guestReach(role: Resource, inventory: Inventory): GuestReach | undefined {
  const ix = indexOf(inventory);
  if (ix.reach.has(role.id)) return ix.reach.get(role.id);
  const out = computeReach(role, inventory, ix);
  ix.reach.set(role.id, out);
  return out;
}

/**
 * A cheap look at the trust as written: can any statement concern Cognito or everyone? Most roles
 * trust a service or an account and are skipped without normalizing their trust policy.
 */
function mayConcernUs(trust: unknown): boolean {
  if (!trust || typeof trust !== 'object' || isUnresolved(trust) || isBranches(trust)) return true;
  const list = get(trust, 'Statement');
  if (!Array.isArray(list)) return true;
  return list.some((st) => {
    if (!st || typeof st !== 'object' || isUnresolved(st) || isBranches(st)) return true;
    const s = st as Record<string, unknown>;
    if (s.NotPrincipal !== undefined) return true;
    const p = s.Principal;
    if (p === '*' || !p || typeof p !== 'object' || isUnresolved(p) || isBranches(p)) return true;
    const pr = p as Record<string, unknown>;
    const aws = asArray(pr.AWS);
    if (aws.some((x) => x === '*' || isUnresolved(x) || isBranches(x))) return true;
    return asArray(pr.Federated).some((x) => typeof x !== 'string' || /cognito-identity/i.test(x));
  });
}

/** mayConcernUs per role record: the evaluator hands each resource of a stack with conditions its own view of the inventory, so a per-inventory cache alone is rebuilt often. */
const concerns = new WeakMap<Resource, boolean>();
export function trustMayConcernUs(role: Resource): boolean {
  let c = concerns.get(role);
  if (c === undefined) concerns.set(role, (c = mayConcernUs(get(role.properties, 'AssumeRolePolicyDocument'))));
  return c;
}

function computeReach(role: Resource, inventory: Inventory, ix: Index): GuestReach | undefined {
  const bindings = ix.guestBindings.get(role.id) ?? [];
  if (!bindings.length && !trustMayConcernUs(role)) return undefined;
  const attachedTo = (pool: Resource) => bindings.find((b) => b.pool?.id === pool.id);
  const boundText = bindings.length ? ` (attached as the unauthenticated role by ${bindings.map((b) => b.attachment).join(', ')})` : '';
  let statements: PolicyStatement[];
  const trust = get(role.properties, 'AssumeRolePolicyDocument');
  try {
    if (isUnresolved(trust) && trust.shape === undefined) throw new PolicyShapeError(`the trust policy depends on ${trust.expression}`);
    statements = statementsOf(trust);
  } catch (e) {
    if (!(e instanceof PolicyShapeError)) throw e;
    return bindings.length ? { status: 'unknown', why: `its trust policy cannot be read (${e.message})${boundText}` } : undefined;
  }
  const guest: string[] = [];
  const unsure: string[] = [];
  const not: string[] = [];
  let cognito = false;
  for (const s of statements) {
    if (s.effect === 'Allow' && (isEveryone(s.raw.Principal) || s.raw.NotPrincipal !== undefined) && assumes(s)) {
      const at = `trust statement ${s.sid ?? s.index}`;
      const { pinned, hidden } = pinningConditionsSplit(s.raw.Condition);
      cognito = true;
      if (pinned.length) not.push(`${at} allows everyone, narrowed by ${pinned.join(', ')}`);
      else if (hidden.length) unsure.push(`${at} allows everyone, narrowed only by ${hidden.join(', ')}, whose value comes from a parameter or import`);
      else guest.push(`${at} lets ${s.raw.NotPrincipal !== undefined ? 'everyone except the NotPrincipal' : 'any AWS principal ("*")'} assume it, with no condition that pins the caller`);
      continue;
    }
    const who = trustsCognito(s);
    if (who === false) continue;
    if (s.effect === 'Deny') continue;
    const at = `trust statement ${s.sid ?? s.index}`;
    if (who === 'unresolved' || s.effect === undefined) {
      if (bindings.length) unsure.push(`${at}: its principal or effect is not known`);
      continue;
    }
    const act = allowsWebIdentity(s);
    if (act === false) continue;
    cognito = true;
    if (act === 'unresolved') {
      unsure.push(`${at}: its Action is not known`);
      continue;
    }
    const amr = amrAdmitsGuest(s);
    if (amr === 'not-guest') {
      not.push(`${at} admits only authenticated identities (amr)`);
      continue;
    }
    if (typeof amr === 'object') {
      unsure.push(`${at}: ${amr.unknown}`);
      continue;
    }
    const explicit = amr === 'guest';
    const aud = audPools(s, role.location.stack, inventory);
    if ('any' in aud) {
      guest.push(`${at} admits ${explicit ? 'unauthenticated' : 'any'} identities of any identity pool (no cognito-identity.amazonaws.com:aud condition pins the pool), including one the caller creates`);
      continue;
    }
    for (const pool of aud.pools) {
      const { on, classic } = guestsOf(pool);
      const p = name(pool);
      if (on === false) {
        not.push(`identity pool ${p} does not allow unauthenticated identities`);
        continue;
      }
      if (on === 'unresolved') {
        unsure.push(`whether identity pool ${p} allows unauthenticated identities depends on ${text(get(pool.properties, 'AllowUnauthenticatedIdentities'))}`);
        continue;
      }
      const binding = attachedTo(pool);
      if (explicit) guest.push(`${at} admits unauthenticated identities (amr) of identity pool ${p}, which allows them${binding ? `; ${binding.attachment} makes it the pool's unauthenticated role` : ''}`);
      else if (binding) guest.push(`${binding.attachment} makes it the unauthenticated role of identity pool ${p}, which allows unauthenticated identities, and ${at} has no amr condition that keeps guests out`);
      else if (classic === true) guest.push(`${at} has no amr condition, and identity pool ${p} allows unauthenticated identities and the basic flow, in which a guest assumes any role its token satisfies`);
      else if (classic === 'unresolved') unsure.push(`${at} has no amr condition, and whether identity pool ${p} allows the basic flow depends on ${text(get(pool.properties, 'AllowClassicFlow'))}`);
      else not.push(`${at} has no amr condition, but identity pool ${p} gives guests only its unauthenticated role and this is not it (basic flow off)`);
    }
    for (const o of aud.outside) unsure.push(`${at} admits ${explicit ? 'unauthenticated' : 'any'} identities of identity pool ${o}, which is not in the template: whether it allows unauthenticated identities is not known`);
  }
  // Attached as a pool's unauthenticated role while the trust names no Cognito principal it can read.
  if (!cognito && bindings.length && unsure.length === 0) {
    return { status: 'not', why: `attached as an unauthenticated role${boundText}, but its trust does not let Cognito identities assume it` };
  }
  for (const b of bindings) if (b.outside !== undefined && cognito && guest.length === 0) unsure.push(`${b.attachment} makes it the unauthenticated role of identity pool ${b.outside}, which is not in the template`);
  if (guest.length) return { status: 'guest', why: guest.join('; ') };
  if (unsure.length) return { status: 'unknown', why: unsure.join('; ') };
  if (cognito) return { status: 'not', why: not.join('; ') || 'no trust statement admits unauthenticated identities' };
  return undefined;
}

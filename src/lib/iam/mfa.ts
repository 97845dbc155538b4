/**
 * MFA in policies: one reading of the MFA condition keys, used both for a Deny
 * unless MFA is present (an identity policy that enforces MFA) and for an Allow
 * (a trust statement) that requires it.
 *
 * The reading evaluates a statement's `aws:MultiFactorAuthPresent` and
 * `aws:MultiFactorAuthAge` entries against the three kinds of request a person
 * can make (IAM User Guide, "AWS global condition context keys"):
 * - `longTermKeys`: signed with an IAM user's access keys: neither key is present;
 * - `noMfaSession`: temporary credentials obtained without MFA (a console session
 *   or an assumed role without MFA): `aws:MultiFactorAuthPresent` is false and
 *   `aws:MultiFactorAuthAge` is absent (it is present only when MFA was used);
 * - `mfaSession`: temporary credentials obtained with MFA: Present true, Age the
 *   seconds since (0 here: a fresh sign-in).
 * Operators follow the IAM condition semantics: a key absent from the request
 * matches only `…IfExists`, `Null: true`, a negated operator (`NumericNotEquals`)
 * and a `ForAllValues:` set operator; several values of one key are ORed
 * (NOR for negated operators); several entries are ANDed.
 */
import { statementsOf, conditionEntries, type PolicyStatement } from './statements.js';
import { isAllActions } from './actions.js';

const MFA_KEYS = new Set(['aws:multifactorauthpresent', 'aws:multifactorauthage']);

type RequestKind = 'longTermKeys' | 'noMfaSession' | 'mfaSession';
const CONTEXT: Record<RequestKind, Record<string, boolean | number | undefined>> = {
  longTermKeys: { 'aws:multifactorauthpresent': undefined, 'aws:multifactorauthage': undefined },
  noMfaSession: { 'aws:multifactorauthpresent': false, 'aws:multifactorauthage': undefined },
  mfaSession: { 'aws:multifactorauthpresent': true, 'aws:multifactorauthage': 0 },
};

/** Does an entry match a request: true, false, or undefined (a value vouch cannot read: a parameter, an unknown operator). */
type Match = boolean | undefined;

function literal(v: unknown): string | undefined {
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (typeof v === 'string') return v.trim();
  return undefined; // an intrinsic (parameter, condition) or a shape vouch does not read
}

function compareOne(op: string, present: boolean | number, value: string): Match {
  if (op === 'bool') {
    const v = value.toLowerCase();
    if (v !== 'true' && v !== 'false') return undefined;
    return String(present) === v;
  }
  if (op.startsWith('numeric')) {
    const n = Number(value);
    if (value === '' || !Number.isFinite(n) || typeof present !== 'number') return typeof present === 'number' ? undefined : false;
    switch (op) {
      case 'numericequals': return present === n;
      case 'numericnotequals': return present !== n;
      case 'numericlessthan': return present < n;
      case 'numericlessthanequals': return present <= n;
      case 'numericgreaterthan': return present > n;
      case 'numericgreaterthanequals': return present >= n;
      default: return undefined;
    }
  }
  if (op === 'stringequals' || op === 'stringequalsignorecase' || op === 'stringlike') return String(present).toLowerCase() === value.toLowerCase();
  if (op === 'stringnotequals' || op === 'stringnotequalsignorecase' || op === 'stringnotlike') return String(present).toLowerCase() !== value.toLowerCase();
  return undefined;
}

/** One condition entry on an MFA key, against one kind of request. */
function entryMatches(operator: string, key: string, values: unknown[], kind: RequestKind): Match {
  const m = /^(?:(forallvalues|foranyvalue):)?(.+?)(ifexists)?$/i.exec(operator.trim());
  if (!m) return undefined;
  const setOp = m[1]?.toLowerCase();
  const op = m[2]!.toLowerCase();
  const ifExists = m[3] !== undefined;
  const negated = /not/.test(op);
  const present = CONTEXT[kind][key];
  const texts = values.map(literal);
  if (texts.some((t) => t === undefined) || texts.length === 0) return undefined;
  if (op === 'null') {
    const wantsAbsent = texts.map((t) => t!.toLowerCase());
    if (wantsAbsent.some((t) => t !== 'true' && t !== 'false')) return undefined;
    return wantsAbsent.includes(String(present === undefined));
  }
  if (present === undefined) {
    if (ifExists || setOp === 'forallvalues') return true;
    if (setOp === 'foranyvalue') return false;
    return negated;
  }
  const each = texts.map((t) => compareOne(op, present, t!));
  if (each.some((e) => e === undefined)) return undefined;
  return negated ? each.every(Boolean) : each.some(Boolean);
}

/** Does the statement's condition (its MFA entries; other keys are taken to match) apply to a kind of request? */
function appliesTo(s: PolicyStatement, kind: RequestKind): Match {
  let result: Match = true;
  for (const c of conditionEntries(s)) {
    if (!MFA_KEYS.has(c.key)) continue;
    const m = entryMatches(c.operator, c.key, c.values, kind);
    if (m === false) return false;
    if (m === undefined) result = undefined;
  }
  return result;
}

export function hasMfaCondition(s: PolicyStatement): boolean {
  return conditionEntries(s).some((c) => MFA_KEYS.has(c.key));
}

/**
 * What an Allow's MFA condition requires of the caller: `required` when neither
 * long-term access keys nor a session without MFA can match it (`Bool` Present
 * true, `Null` Age false, `NumericLessThan` Age, `ForAnyValue:` forms of these);
 * `not-required` when one of them can (no MFA condition, `BoolIfExists` Present
 * true, `Null` Present false, which temporary credentials without MFA satisfy);
 * `depends` when a value is a parameter or an operator vouch does not read.
 */
export type MfaRequirement = { state: 'required' } | { state: 'not-required'; admits: RequestKind[] } | { state: 'depends' };

export function mfaRequirement(s: PolicyStatement): MfaRequirement {
  const admits: RequestKind[] = [];
  let depends = false;
  for (const kind of ['longTermKeys', 'noMfaSession'] as const) {
    const m = appliesTo(s, kind);
    if (m === true) admits.push(kind);
    else if (m === undefined) depends = true;
  }
  if (admits.length) return { state: 'not-required', admits };
  return depends ? { state: 'depends' } : { state: 'required' };
}

/** Does an Allow statement require MFA (see `mfaRequirement`)? */
export function requiresMfa(s: PolicyStatement): boolean {
  return mfaRequirement(s).state === 'required';
}

/** An MFA condition is written but lets requests without MFA through (`BoolIfExists … true`, `Null … Present false`). */
export function mfaConditionGap(s: PolicyStatement): string | undefined {
  if (!hasMfaCondition(s)) return undefined;
  const r = mfaRequirement(s);
  if (r.state !== 'not-required') return undefined;
  if (r.admits.includes('longTermKeys')) return 'its MFA condition matches requests signed with long-term access keys, which carry no MFA key (BoolIfExists and ForAllValues match an absent key): use Bool';
  return 'its MFA condition matches temporary credentials obtained without MFA (aws:MultiFactorAuthPresent is then present and false): require aws:MultiFactorAuthPresent true';
}

/**
 * A statement that denies (all or nearly all) actions unless MFA is present:
 * `Effect: Deny` whose MFA condition matches a session without MFA and not a
 * session with it: `BoolIfExists|Bool aws:MultiFactorAuthPresent false`,
 * `Null aws:MultiFactorAuthAge true`, `NumericGreaterThanIfExists
 * aws:MultiFactorAuthAge N`. AWS's documented self-management example uses
 * `NotAction` with the MFA enrolment actions and `BoolIfExists`; `Bool` alone
 * lets long-term access keys through (the key is absent), which AWS warns
 * about, but it still forces MFA for console sign-in, which is what a login
 * profile is about. A Deny of old MFA sessions only (`NumericGreaterThan` Age
 * without IfExists) does not match a session without MFA: not enforcement.
 */
export function isMfaEnforcingStatement(s: PolicyStatement): boolean {
  if (s.effect !== 'Deny') return false;
  const broad = (s.notAction && s.notAction.length > 0) || (s.action ?? []).some((a) => isAllActions(a));
  if (!broad || !hasMfaCondition(s)) return false;
  return appliesTo(s, 'noMfaSession') === true && appliesTo(s, 'mfaSession') === false;
}

export function enforcesMfa(doc: unknown): boolean {
  try {
    return statementsOf(doc).some(isMfaEnforcingStatement);
  } catch {
    return false;
  }
}

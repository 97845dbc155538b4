/**
 * MFA in policies: a Deny unless MFA is present (an identity policy that
 * enforces MFA), and a trust statement that requires it.
 */
import { statementsOf, conditionEntries, type PolicyStatement } from './statements.js';
import { isAllActions } from './actions.js';

const isFalse = (v: unknown) => v === false || (typeof v === 'string' && v.toLowerCase() === 'false');
const isTrue = (v: unknown) => v === true || (typeof v === 'string' && v.toLowerCase() === 'true');

/**
 * A statement that denies (all or nearly all) actions unless MFA is present:
 * `Effect: Deny`, `Condition: { BoolIfExists|Bool: { aws:MultiFactorAuthPresent: false } }`.
 * AWS's documented self-management example uses `NotAction` with the MFA
 * enrolment actions and `BoolIfExists`; `Bool` alone lets long-term access
 * keys through (the key is absent), which AWS warns about, but it still
 * forces MFA for console sign-in, which is what a login profile is about.
 */
export function isMfaEnforcingStatement(s: PolicyStatement): boolean {
  if (s.effect !== 'Deny') return false;
  const broad = (s.notAction && s.notAction.length > 0) || (s.action ?? []).some((a) => isAllActions(a));
  if (!broad) return false;
  return conditionEntries(s).some(
    (c) => (c.operator === 'BoolIfExists' || c.operator === 'Bool') && c.key === 'aws:multifactorauthpresent' && c.values.some(isFalse),
  );
}

export function enforcesMfa(doc: unknown): boolean {
  try {
    return statementsOf(doc).some(isMfaEnforcingStatement);
  } catch {
    return false;
  }
}

/**
 * Does an Allow trust statement require MFA (`Bool` `aws:MultiFactorAuthPresent` true)?
 * Not under `BoolIfExists`: the key is absent from requests signed with long-term
 * access keys, and `…IfExists` matches when the key is absent, so an IAM user's
 * access keys alone would still assume the role.
 */
export function requiresMfa(s: PolicyStatement): boolean {
  return conditionEntries(s).some((c) => c.operator === 'Bool' && c.key === 'aws:multifactorauthpresent' && c.values.length > 0 && c.values.every(isTrue));
}

/** `BoolIfExists aws:MultiFactorAuthPresent true`: reads like an MFA requirement, is not one. */
export function mfaOnlyIfExists(s: PolicyStatement): boolean {
  return conditionEntries(s).some((c) => /^boolifexists$/i.test(c.operator) && c.key === 'aws:multifactorauthpresent' && c.values.some(isTrue));
}

import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asRecord } from '../../../src/evaluate/facts.js';

/**
 * The account password policy (iam:GetAccountPasswordPolicy; `null` when the
 * account has none, which means AWS's default: 8 characters, nothing else).
 * One verdict per setting (sub-id = the policy field), so a benchmark can name
 * the setting it asks for: CIS AWS 1.8 is MinimumPasswordLength, 1.9
 * PasswordReusePrevention; FSBP IAM.7 is all of them.
 *
 * The thresholds are the CIS AWS Foundations values (14 characters, 24
 * remembered passwords) and FSBP IAM.7's (character classes, 90-day expiry).
 */
const MIN_LENGTH = 14;
const REUSE = 24;
const MAX_AGE_DAYS = 90;

type Check = { field: string; expected: string; ok: (v: unknown) => boolean };
const CHECKS: Check[] = [
  { field: 'MinimumPasswordLength', expected: `>= ${MIN_LENGTH}`, ok: (v) => typeof v === 'number' && v >= MIN_LENGTH },
  { field: 'PasswordReusePrevention', expected: `>= ${REUSE}`, ok: (v) => typeof v === 'number' && v >= REUSE },
  { field: 'RequireUppercaseCharacters', expected: 'true', ok: (v) => v === true },
  { field: 'RequireLowercaseCharacters', expected: 'true', ok: (v) => v === true },
  { field: 'RequireNumbers', expected: 'true', ok: (v) => v === true },
  { field: 'RequireSymbols', expected: 'true', ok: (v) => v === true },
  { field: 'MaxPasswordAge', expected: `1..${MAX_AGE_DAYS} days`, ok: (v) => typeof v === 'number' && v > 0 && v <= MAX_AGE_DAYS },
];

export default defineRule({
  id: 'iam-least-privilege/aws-password-policy',
  control: 'iam-least-privilege',
  title: 'The account password policy requires long, complex, expiring passwords that are not reused',
  severity: 'medium',
  risk: 'A weak password policy lets IAM users choose short or reused passwords that guessing and credential stuffing break.',
  remediation: {
    text: `Set the account password policy: at least ${MIN_LENGTH} characters, upper and lower case, numbers and symbols, ${REUSE} remembered passwords, expiry within ${MAX_AGE_DAYS} days.`,
    cli: `aws iam update-account-password-policy --minimum-password-length ${MIN_LENGTH} --require-uppercase-characters --require-lowercase-characters --require-numbers --require-symbols --password-reuse-prevention ${REUSE} --max-password-age ${MAX_AGE_DAYS}`,
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html'],
  types: ['aws.iam.account'],
  sources: ['live'],
  check(r) {
    const policy = known(r, 'Live.PasswordPolicy');
    if (policy === undefined) return { status: 'unknown', message: 'the password policy was not read', evidence: [ev('Live.PasswordPolicy', null, 'a password policy')] };
    const p = asRecord(policy);
    const none = policy === null;
    return CHECKS.map((c): Verdict => {
      const v = none ? undefined : p[c.field];
      const e = ev(`Live.PasswordPolicy.${c.field}`, v ?? null, c.expected, none ? 'the account has no password policy (iam:GetAccountPasswordPolicy: NoSuchEntity)' : undefined);
      const verdict = c.ok(v) ? pass(`${c.field} is ${String(v)}`, e) : fail(none ? `no password policy: ${c.field} is not enforced` : `${c.field} is ${String(v ?? 'not set')}, expected ${c.expected}`, e);
      return { ...verdict, subId: c.field };
    });
  },
});

/**
 * Public principals in resource and trust policies: `*` as a principal, and
 * the conditions that pin an Allow for `*` to known callers (shared with the
 * public-access rules through rules/public-access/_resource-policy.ts).
 */
import { isUnresolved } from '../../model/values.js';
import { restrictingConditions } from '../s3-policy.js';
import { toList, narrowingOperator, specificShape, type PolicyStatement } from './statements.js';

/** A principal value that means "anyone": `*` or `{ AWS: '*' }`. */
export function principalIsAnyone(s: PolicyStatement): boolean {
  const p = s.principal;
  if (!p) return false;
  return (p['*'] ?? []).length > 0 || (p.AWS ?? []).some((v) => v === '*');
}

/** Keys whose value is an ARN: its account field must be literal to pin anyone. */
const ARN_KEYS = ['aws:principalarn', 'aws:sourcearn'];

/** Keys whose value is an account or organization id. */
const ID_KEYS = ['aws:principalaccount', 'aws:sourceaccount', 'aws:principalorgid', 'aws:sourceorgid', 'aws:sourceowner', 'kms:calleraccount', 'aws:resourceaccount'];

/**
 * The conditions that pin an Allow for `*` to known callers (the keys and
 * operators of `restrictingConditions`, plus `extraKeys`), without those whose
 * values leave the caller open: an ARN with a wildcard account
 * (`arn:aws:iam::*:role/deploy` is that role name in every account) or an
 * account or organization id with a wildcard (`StringLike aws:PrincipalAccount: "*"`).
 */
export function pinningConditions(condition: unknown, extraKeys: readonly string[] = []): string[] {
  const { pinned, hidden } = pinningConditionsSplit(condition, extraKeys);
  return [...pinned, ...hidden];
}

/**
 * `pinningConditions`, split by what the values are: `pinned` when every value is literal, a resource
 * of the template (`!GetAtt Topic.TopicArn`) or built from pseudo parameters (`!Ref AWS::AccountId`);
 * `hidden` when some value depends on a parameter or import, which could be anything (even `*`).
 */
export function pinningConditionsSplit(condition: unknown, extraKeys: readonly string[] = []): { pinned: string[]; hidden: string[] } {
  const hidden: string[] = [];
  if (!condition || typeof condition !== 'object' || Array.isArray(condition) || isUnresolved(condition)) return { pinned: [], hidden };
  const allowed = new Set(restrictingConditions(condition));
  const out: string[] = [];
  for (const [op, body] of Object.entries(condition as Record<string, unknown>)) {
    if (!narrowingOperator(op) || !body || typeof body !== 'object' || isUnresolved(body)) continue;
    for (const [key, v] of Object.entries(body as Record<string, unknown>)) {
      const k = key.toLowerCase();
      const label = `${op} ${key}`;
      if (!allowed.has(label) && !extraKeys.includes(k)) continue;
      const values = toList(v) ?? [];
      if (values.length === 0) continue;
      const open = values.some((x) => {
        // A pin key that must be false (`elasticfilesystem:AccessedViaMountTarget: false`) admits what the key keeps out.
        if (x === false) return true;
        if (typeof x !== 'string') return false;
        const t = x.trim();
        if (t.toLowerCase() === 'false') return true;
        if (t === '' || /^[*?]+$/.test(t)) return true;
        if (ARN_KEYS.includes(k)) return /[*?]/.test(t.split(':')[4] ?? '*');
        if (ID_KEYS.includes(k)) return /[*?]/.test(t);
        return false;
      });
      if (open) continue;
      if (values.some((x) => isUnresolved(x) && !specificShape(x))) hidden.push(label);
      else out.push(label);
    }
  }
  return { pinned: out, hidden };
}

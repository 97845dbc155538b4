/**
 * Resource policies open to everyone: S3 bucket policies, SQS queue policies,
 * SNS topic policies, KMS key policies, ECR repository policies, Secrets
 * Manager resource policies and the others in this folder. One reading for all
 * of them (a service adds only its own pinning keys, `extraKeys`): an
 * Allow for Principal `*` (or `{AWS: "*"}`, or NotPrincipal) is public unless a
 * Condition pins the caller to an organization, account, principal, network or
 * calling resource (aws:SourceArn / aws:SourceAccount for service deliveries).
 * A service principal (`sns.amazonaws.com`), an account or a role is not
 * everyone. What the template leaves unresolved in a statement's effect,
 * principal or condition makes that statement `unknown`, never a pass.
 */
import type { Verdict } from '../../src/evaluate/rule.js';
import { must, ev, pass, fail, unknown, asArray, NeedsValue } from '../../src/evaluate/facts.js';
import { isUnresolved } from '../../src/model/values.js';
import { isEveryone, readStatements } from '../../src/lib/s3-policy.js';
import { pinningConditionsSplit } from '../../src/lib/iam.js';
import { principalCouldBeEveryone } from './_principal.js';

export const EXPECTED_PRINCIPAL = 'named principals, or a condition pinning organization, account, principal, network or source';

export interface PublicPolicyOptions {
  /** The property holding the document (`PolicyDocument`, `KeyPolicy`...). */
  path: string;
  /** What an Allow to everyone lets anyone do, for the message (`send messages to the queue`). */
  what: string;
  /** Extra condition keys (lower case) that pin the caller for this service. */
  extraKeys?: readonly string[];
}

// Whether a policy principal could be everyone is read in one place with the other principal shapes.
export { principalCouldBeEveryone } from './_principal.js';

/** One verdict per Allow statement open to everyone (fail, or pass when narrowed), or a pass when none is. */
export function judgePublicPolicy(doc: unknown, o: PublicPolicyOptions): Verdict | Verdict[] {
  if (isUnresolved(doc) && doc.shape === undefined) return unknown(`${o.path} depends on ${doc.expression}`, ev(o.path, doc));
  const read = readStatements(doc);
  if ('problem' in read) return unknown(`${o.path} cannot be read as a policy document: ${read.problem}`, ev(o.path, isUnresolved(doc) ? doc : typeof doc === 'string' ? '<JSON text>' : (doc ?? null)));
  const { statements } = read;
  const verdicts: Verdict[] = [];
  statements.forEach((s, i) => {
    const at = `${o.path}.Statement[${i}]`;
    const subId = typeof s.Sid === 'string' && s.Sid ? s.Sid : `Statement[${i}]`;
    try {
      if (must(s.Effect, `${at}.Effect`) !== 'Allow') return;
      must(s.Principal, `${at}.Principal`);
      must(s.NotPrincipal, `${at}.NotPrincipal`);
      must(s.Condition, `${at}.Condition`);
    } catch (e) {
      // An unresolved piece of one statement: that statement is unknown, the others are still judged.
      if (!(e instanceof NeedsValue)) throw e;
      const why = e.message;
      verdicts.push({ ...unknown(`statement ${subId}: ${why}`, ev(at, s)), subId });
      return;
    }
    const principal = asArray((s.Principal as Record<string, unknown> | undefined)?.AWS);
    if (principal.some(principalCouldBeEveryone) && !s.Condition) {
      const hidden = principal.find((p) => isUnresolved(p) && principalCouldBeEveryone(p));
      const on = isUnresolved(hidden) ? ` (${at}.Principal.AWS depends on ${hidden.expression})` : '';
      verdicts.push({ ...unknown(`statement ${subId}: its AWS principal is not known${on}, and no Condition restricts it`, ev(`${at}.Principal`, s.Principal)), subId });
      return;
    }
    const everyone = isEveryone(s.Principal) || s.NotPrincipal !== undefined;
    if (!everyone) return;
    const { pinned: narrowing, hidden } = pinningConditionsSplit(s.Condition, o.extraKeys ?? []);
    const evidence = [
      ev(`${at}.${s.NotPrincipal !== undefined ? 'NotPrincipal' : 'Principal'}`, s.NotPrincipal ?? s.Principal, EXPECTED_PRINCIPAL),
      ev(`${at}.Action`, s.Action ?? s.NotAction ?? null),
      ev(`${at}.Condition`, s.Condition ?? null, 'aws:PrincipalOrgID | aws:PrincipalAccount | aws:SourceArn | aws:SourceAccount | aws:SourceVpce | aws:SourceIp ...'),
    ];
    if (narrowing.length) verdicts.push({ ...pass(`statement ${subId} allows everyone, narrowed by ${narrowing.join(', ')}`, ...evidence), subId });
    // A pin valued by a parameter or import could be anything (even "*"): not known to pin anyone.
    else if (hidden.length) verdicts.push({ ...unknown(`statement ${subId} allows everyone, narrowed only by ${hidden.join(', ')}, whose value comes from a parameter or import`, ...evidence), subId });
    else
      verdicts.push({
        ...fail(`statement ${subId} lets ${s.NotPrincipal !== undefined ? 'everyone except the NotPrincipal' : 'anyone ("*")'} ${o.what}, with no condition that pins the caller`, ...evidence),
        subId,
      });
  });
  if (verdicts.length === 0) return pass(`no statement allows everyone (${statements.length} statements)`, ev(`${o.path}.Statement`, `${statements.length} statements`, 'no Allow for Principal "*" without a pinning condition'));
  return verdicts;
}

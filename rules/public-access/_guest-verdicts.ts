/**
 * Verdicts for grants to roles anyone can assume (Cognito guest roles, trusts
 * open to everyone), shared by the rule on the policy (aws-public-role-policy)
 * and the rule on the data it reaches (aws-public-role-data-access).
 */
import type { Resource } from '../../src/model/resource.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import { ev, fail, unknown } from '../../src/evaluate/facts.js';
import type { GuestReach } from './_anonymous-role.js';
import type { PublicGrant } from './_guest-grants.js';

export const EXPECTED_GRANT = 'nothing beyond telemetry, API calls and stateless inference for unauthenticated identities';

/** The roles and why guests reach them, as text; `fail` when any is known to be a guest role. */
export function guestRoles(roles: { role: Resource; reach: GuestReach }[]): { status: 'fail' | 'unknown'; names: string; why: string } {
  const status = roles.some((x) => x.reach.status === 'guest') ? 'fail' : 'unknown';
  const shown = roles.filter((x) => (status === 'fail' ? x.reach.status === 'guest' : true));
  return {
    status,
    names: shown.map((x) => x.role.location.logicalId ?? x.role.id).join(', '),
    why: shown.map((x) => `${x.role.location.logicalId ?? x.role.id}: ${x.reach.why}`).join('; '),
  };
}

export function grantVerdict(g: PublicGrant, roles: { role: Resource; reach: GuestReach }[], what: string): Verdict {
  const r = guestRoles(roles);
  const evidence = [ev(`${g.path}.Action`, g.actions, EXPECTED_GRANT), ev(`${g.path}.Resource`, g.resources), ev('guest role', r.names, 'no role anyone can assume', r.why)];
  const message =
    r.status === 'fail'
      ? `${what}: anyone can get credentials for ${r.names} (a role anyone can assume) and use ${g.actions.join(', ')}`
      : `${what} grants ${g.actions.join(', ')} to ${r.names}, which anyone may be able to assume (${r.why})`;
  return { ...(r.status === 'fail' ? fail(message, ...evidence) : unknown(message, ...evidence)), subId: g.subId };
}

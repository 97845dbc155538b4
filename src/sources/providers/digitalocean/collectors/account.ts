/**
 * The account and its team: the scan's identity, and the resource that
 * attestation-only controls (team two-factor enforcement) attach to.
 */
import type { Resource } from '../../../../model/resource.js';
import { getOne, liveResource, type DoContext } from './context.js';
import { T } from './compute.js';

interface Account {
  uuid?: string;
  status?: string;
  email_verified?: boolean;
  team?: { uuid?: string; name?: string };
}

/** The token was refused (HTTP 401): nothing else can be read, so the scan stops with a usage error. */
export class TokenRejected extends Error {
  override name = 'TokenRejected';
}

export async function readAccount(ctx: DoContext): Promise<{ account?: Account; reason?: string }> {
  const res = await getOne<{ account?: Account }>(ctx, 'account.get', '/v2/account', ['account']);
  if (!res.ok && /^unauthorized:/.test(res.reason)) throw new TokenRejected('the DigitalOcean API refused the token (401 unauthorized): check that it is valid, not expired, and has read scopes');
  if (!res.ok) return { reason: res.reason };
  const account = res.value.data.account;
  // An account answer without the account's id is not evidence of whose team this is.
  if (!account || typeof account !== 'object' || typeof account.uuid !== 'string' || !account.uuid) {
    const reason = 'MalformedResponse: GET /v2/account: the answer has no account uuid';
    ctx.recorder.fail('account.get', 'MalformedResponse', reason, { account: ctx.account });
    return { reason };
  }
  return { account };
}

/** The team as a resource. Only non-personal fields are kept (no e-mail address). */
export function teamResource(ctx: DoContext, account: Account | undefined, reason?: string): Resource {
  const uuid = account?.team?.uuid || account?.uuid || 'unknown';
  const r = liveResource(ctx, {
    type: T.team,
    id: `do:team:${uuid}`,
    name: account?.team?.name ?? (account ? 'personal account' : 'DigitalOcean team'),
    properties: {
      uuid,
      name: account?.team?.name ?? null,
      account_status: account?.status ?? null,
      email_verified: account?.email_verified ?? null,
    },
    operation: 'account.get',
  });
  if (reason) r.gaps = { '*': reason };
  return r;
}

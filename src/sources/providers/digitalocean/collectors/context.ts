/** What every DigitalOcean collector shares: the client, the coverage recorder, helpers to build resources. */
import type { Resource } from '../../../../model/resource.js';
import type { CoverageRecorder } from '../../common/coverage.js';
import { redactDeep } from '../../../../lib/secrets.js';
import { DoApiError, type DigitalOceanClient, type DoList, type DoResponse } from './client.js';

export interface DoContext {
  client: DigitalOceanClient;
  recorder: CoverageRecorder;
  /** Team (or account) UUID: the resources' `location.account`. */
  account: string;
  concurrency: number;
  now: Date;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string };

/** One-line reason for a failed call, safe to store (the client already scrubbed the token). */
export function reasonOf(e: unknown, ctx: DoContext): string {
  if (e instanceof DoApiError) return `${e.code}: ${ctx.client.scrub(e.message)}`;
  return ctx.client.scrub(e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}

/** Run a list call, recording calls and failures; never throws. */
export async function listAll<T>(
  ctx: DoContext,
  operation: string,
  path: string,
  key: string,
  opts: { paged?: boolean } = {},
): Promise<Outcome<DoList<T>>> {
  try {
    const out = await ctx.client.list<T>(path, key, opts);
    for (let i = 0; i < out.pages; i++) ctx.recorder.call(operation);
    return { ok: true, value: out };
  } catch (e) {
    ctx.recorder.call(operation);
    const code = e instanceof DoApiError ? e.code : 'Error';
    const reason = reasonOf(e, ctx);
    ctx.recorder.fail(operation, code, reason, { account: ctx.account });
    return { ok: false, reason };
  }
}

/**
 * Run a single GET, recording the call and any failure; never throws.
 * `required`: keys the answer must have (`{}` is not an answer to "list the
 * firewall rules"); a missing one is a MalformedResponse failure.
 */
export async function getOne<T>(ctx: DoContext, operation: string, path: string, required: readonly string[] = []): Promise<Outcome<DoResponse<T>>> {
  ctx.recorder.call(operation);
  try {
    const res = await ctx.client.get<T>(path);
    const data = res.data as Record<string, unknown>;
    for (const k of required) if (!(k in data)) throw new DoApiError(`GET ${path}: the answer has no '${k}': not the answer asked for`, res.status, 'MalformedResponse', res.requestId);
    return { ok: true, value: res };
  } catch (e) {
    const code = e instanceof DoApiError ? e.code : 'Error';
    const reason = reasonOf(e, ctx);
    ctx.recorder.fail(operation, code, reason, { account: ctx.account });
    return { ok: false, reason };
  }
}

/** Keys whose values are always credentials in DigitalOcean responses. */
const ALWAYS_SECRET = new Set(['password', 'uri', 'access_key', 'secret_key', 'token', 'private_key']);

/**
 * Strip credentials a read can return (database connection details carry
 * the admin password when the token has `database:view_credentials`): user
 * info is removed from URIs (keeping host, port and `sslmode`), passwords are
 * dropped, then the generic redaction runs.
 */
export function sanitize(value: unknown): unknown {
  const walk = (v: unknown, depth: number): unknown => {
    if (depth > 64) return undefined;
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    if (!v || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'uri' && typeof x === 'string') out[k] = stripUserInfo(x);
      else if (ALWAYS_SECRET.has(k) && typeof x === 'string') out[k] = x === '' ? '' : '<redacted>';
      else out[k] = walk(x, depth + 1);
    }
    return out;
  };
  return redactDeep(walk(value, 0));
}

export function stripUserInfo(uri: string): string {
  return uri.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/?#]*@/i, '$1<redacted>@');
}

export function liveResource(
  ctx: DoContext,
  r: { type: string; id: string; name?: string; region?: string; properties: Record<string, unknown>; operation: string; requestId?: string; urn?: string },
): Resource {
  const location: Resource['location'] = { account: ctx.account };
  if (r.region) location.region = r.region;
  if (r.urn) location.arn = r.urn;
  const res: Resource = {
    type: r.type,
    provider: 'digitalocean',
    source: 'live',
    id: r.id,
    properties: r.properties,
    raw: [{ operation: r.operation, at: ctx.now.toISOString(), data: r.properties, ...(r.requestId ? { requestId: r.requestId } : {}) }],
    location,
    relations: {},
  };
  if (r.name !== undefined) res.name = r.name;
  if (r.region) ctx.recorder.region(r.region);
  return res;
}

export function addGap(r: Resource, path: string, why: string): void {
  (r.gaps ??= {})[path] = why;
}

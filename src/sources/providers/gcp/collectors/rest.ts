/**
 * JSON REST calls (Compute, Resource Manager v3, Cloud SQL Admin v1, IAM v1,
 * Logging v2). Each goes through GcpContext.call (limits, retries, deadline,
 * coverage) and then through the scan's transport (http.ts: the guard, the
 * API's ReadOnlyAuth headers, one keep-alive request, through the proxy the
 * environment names).
 */
import type { GcpContext } from './context.js';
import type { GcpApi } from './transport.js';
import { GcpCallError } from './errors.js';
import type { GcpHttpRequest } from './http.js';

/** A 2xx answer that is not a JSON object (an HTML error page, truncated JSON) is a failure, never an empty list. */
export function jsonObject<T>(data: unknown): T {
  if (data && typeof data === 'object' && !Array.isArray(data)) return data as T;
  throw Object.assign(new Error(`expected a JSON object, got ${typeof data === 'string' ? `text '${data.slice(0, 40)}'` : typeof data}`), { code: 'BAD_RESPONSE' });
}

type Query = Record<string, string | number | boolean | undefined>;

function urlOf(ctx: GcpContext, api: GcpApi, path: string, query: Query): string {
  const base = ctx.endpoint(api);
  const u = new URL(base.href.replace(/\/$/, '') + path);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, String(v));
  return u.href;
}

function send<T>(ctx: GcpContext, api: GcpApi, operation: string, project: string | undefined, req: Omit<GcpHttpRequest, 'signal'>): Promise<T> {
  return ctx.call(api, operation, project, async (signal) => jsonObject<T>(await ctx.http.json(api, { ...req, signal })));
}

export function restGet<T = Record<string, unknown>>(ctx: GcpContext, api: GcpApi, operation: string, project: string | undefined, path: string, query: Query = {}): Promise<T> {
  return send<T>(ctx, api, operation, project, { method: 'GET', url: urlOf(ctx, api, path, query) });
}

/** POST of a read-only RPC (`:getIamPolicy`); the guard refuses any other POST. */
export function restPost<T = Record<string, unknown>>(ctx: GcpContext, api: GcpApi, operation: string, project: string | undefined, path: string, body: unknown): Promise<T> {
  return send<T>(ctx, api, operation, project, { method: 'POST', url: urlOf(ctx, api, path, {}), body });
}

/** Every page of a `pageToken`/`nextPageToken` list. */
export async function restList<T = Record<string, unknown>>(
  ctx: GcpContext,
  api: GcpApi,
  operation: string,
  project: string | undefined,
  path: string,
  itemsKey: string,
  query: Query = {},
): Promise<T[]> {
  const out: T[] = [];
  let pageToken: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    const page = await restGet<Record<string, unknown>>(ctx, api, operation, project, path, { ...query, pageToken });
    const items = page[itemsKey];
    if (Array.isArray(items)) out.push(...(items as T[]));
    const next = page.nextPageToken;
    if (typeof next !== 'string' || next === '') return out;
    // A server that repeats a token would loop forever; stop and say so.
    if (seen.has(next)) {
      const info = { code: 'PAGINATION_LOOP', message: 'the server repeated a page token', retryable: false };
      ctx.coverage.fail(operation, info.code, info.message, project ? { account: project, unit: `gcp:${project}` } : {});
      throw new GcpCallError(operation, info);
    }
    seen.add(next);
    pageToken = next;
  }
}

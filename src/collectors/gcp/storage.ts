/**
 * Cloud Storage through @google-cloud/storage: buckets.list (full metadata:
 * iamConfiguration, encryption, lifecycle, retentionPolicy, location...) and
 * each bucket's IAM policy (buckets.getIamPolicy, version 3) under the
 * property `iamPolicy`.
 *
 * The client is read-only by construction twice over: a request interceptor
 * runs the guard on every JSON API request (method and URL), and the auth
 * adapter below only hands out a token for URLs on the configured endpoint
 * and routes any direct `request` (resumable uploads) through the guard.
 */
import type { Storage } from '@google-cloud/storage';
import type { Resource } from '../../engine/resource.js';
import { addGap, gcpResource, type GcpContext } from './context.js';
import { GcpCallError } from './errors.js';
import { collectionGap } from './placeholder.js';
import { assertReadOnly, type ReadOnlyAuth } from './transport.js';

/**
 * What Storage's own (nested, older) google-auth-library expects of an
 * `authClient`: plain-object headers. google-auth-library 10 returns a
 * `Headers` instance, which the nested copy would silently drop.
 */
class StorageAuthAdapter {
  readonly universeDomain = 'googleapis.com';
  constructor(private readonly inner: ReadOnlyAuth) {}

  async getRequestHeaders(url?: string): Promise<Record<string, string>> {
    assertReadOnly('storage', this.inner.base, 'GET', String(url ?? ''));
    const h = await this.inner.getRequestHeaders(url);
    const out: Record<string, string> = {};
    h.forEach((v, k) => (out[k] = v));
    return out;
  }

  request(opts: Parameters<ReadOnlyAuth['request']>[0]) {
    return this.inner.request(opts);
  }

  async getProjectId(): Promise<string> {
    throw new Error('vouch always names the project');
  }

  async getCredentials() {
    return {};
  }
}

let storageLib: Promise<typeof import('@google-cloud/storage')> | undefined;

/** A Storage client for `project`, read-only (the library loads on first use). */
export async function storageClient(ctx: GcpContext, project: string): Promise<Storage> {
  const { Storage } = await (storageLib ??= import('@google-cloud/storage'));
  const base = ctx.endpoint('storage');
  const storage = new Storage({
    projectId: project,
    apiEndpoint: base.href.replace(/\/$/, ''),
    authClient: new StorageAuthAdapter(ctx.auths.storage) as never,
    useAuthWithCustomEndpoint: true,
    retryOptions: { autoRetry: false },
    timeout: ctx.timeoutMs,
  });
  storage.interceptors.push({
    request: (reqOpts: { method?: string; uri?: string; url?: string }) => {
      assertReadOnly('storage', base, reqOpts.method ?? 'GET', String(reqOpts.uri ?? reqOpts.url ?? ''));
      return reqOpts as never;
    },
  });
  return storage;
}

export const BUCKET_TYPE = 'gcp.storage.bucket';

export async function collectBuckets(ctx: GcpContext, project: string, pageSize = 1000): Promise<Resource[]> {
  const storage = await storageClient(ctx, project);
  let items: Record<string, unknown>[];
  try {
    items = await listBuckets(ctx, storage, project, pageSize);
  } catch (e) {
    if (!(e instanceof GcpCallError)) throw e;
    return [collectionGap(BUCKET_TYPE, project, e)];
  }
  return Promise.all(items.map((b) => withPolicy(ctx, storage, project, b)));
}

async function listBuckets(ctx: GcpContext, storage: Storage, project: string, pageSize: number): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let query: Record<string, unknown> | null = { autoPaginate: false, maxResults: pageSize };
  const tokens = new Set<string>();
  while (query) {
    const q: Record<string, unknown> = query;
    const [, next, apiResponse] = (await ctx.call('storage', 'storage.buckets.list', project, () => storage.getBuckets(q as never))) as unknown as [
      unknown,
      Record<string, unknown> | null,
      { items?: Record<string, unknown>[] },
    ];
    items.push(...(apiResponse?.items ?? []));
    const token = next && typeof next.pageToken === 'string' ? next.pageToken : undefined;
    if (token && tokens.has(token)) {
      const info = { code: 'PAGINATION_LOOP', message: 'the server repeated a page token', retryable: false };
      ctx.coverage.fail('storage.buckets.list', info.code, info.message, { account: project });
      throw new GcpCallError('storage.buckets.list', info);
    }
    if (token) tokens.add(token);
    query = next ? { ...next, autoPaginate: false, maxResults: pageSize } : null;
  }
  return items;
}

async function withPolicy(ctx: GcpContext, storage: Storage, project: string, b: Record<string, unknown>): Promise<Resource> {
  const name = String(b.name);
  const r = gcpResource(BUCKET_TYPE, b, {
    project,
    region: typeof b.location === 'string' ? b.location : undefined,
    operation: 'storage.buckets.list',
    id: `//storage.googleapis.com/projects/_/buckets/${name}`,
    name,
  });
  try {
    const [res] = (await ctx.call('storage', 'storage.buckets.getIamPolicy', project, () =>
      storage.bucket(name).iam.getPolicy({ requestedPolicyVersion: 3 }),
    )) as unknown as [Record<string, unknown>];
    r.properties.iamPolicy = { version: res?.version, bindings: res?.bindings ?? [], etag: res?.etag };
    r.raw!.push({ operation: 'storage.buckets.getIamPolicy', at: new Date().toISOString() });
  } catch (e) {
    if (!(e instanceof GcpCallError)) throw e;
    addGap(r, 'iamPolicy', e.gap);
    r.raw!.push({ operation: 'storage.buckets.getIamPolicy', error: { code: e.info.code, message: e.info.message } });
  }
  return r;
}

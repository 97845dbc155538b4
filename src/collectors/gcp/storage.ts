/**
 * Cloud Storage: buckets.list (full metadata: iamConfiguration, encryption,
 * lifecycle, retentionPolicy, location...) and each bucket's IAM policy
 * (buckets.getIamPolicy, version 3) under the property `iamPolicy`. Read
 * through the scan's lean transport, or through @google-cloud/storage when a
 * proxy is configured (storageReader).
 *
 * The Storage client is read-only by construction twice over: a request
 * interceptor runs the guard on every JSON API request (method and URL), and
 * the auth adapter below only hands out a token for URLs on the configured
 * endpoint and routes any direct `request` (resumable uploads) through the
 * guard. The lean transport runs the guard before every request.
 */
import type { Storage } from '@google-cloud/storage';
import type { Resource } from '../../engine/resource.js';
import { addGap, gcpResource, type GcpContext } from './context.js';
import { GcpCallError } from './errors.js';
import { collectionGap } from './placeholder.js';
import { jsonObject } from './rest.js';
import { assertReadOnly, type ReadOnlyAuth } from './transport.js';
import { HeaderCache } from './http.js';

/**
 * What Storage's own (nested, older) google-auth-library expects of an
 * `authClient`: plain-object headers. google-auth-library 10 returns a
 * `Headers` instance, which the nested copy would silently drop. The guard
 * runs on every request; the credential's headers are reused (HeaderCache).
 */
export class StorageAuthAdapter {
  readonly universeDomain = 'googleapis.com';
  private readonly headers: HeaderCache;
  constructor(private readonly inner: ReadOnlyAuth) {
    this.headers = new HeaderCache(inner);
  }

  async getRequestHeaders(url?: string): Promise<Record<string, string>> {
    assertReadOnly('storage', this.inner.base, 'GET', String(url ?? ''));
    return this.headers.get(String(url));
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

/** @google-cloud/storage, loaded on first use (a scan through the lean transport never loads it). */
function loadStorageLib(): Promise<typeof import('@google-cloud/storage')> {
  return (storageLib ??= import('@google-cloud/storage'));
}

/** `make`, run once per scan context: later calls get the first call's promise. */
function oncePerScan<T>(make: (ctx: GcpContext) => Promise<T>): (ctx: GcpContext) => Promise<T> {
  const made = new WeakMap<GcpContext, Promise<T>>();
  return (ctx) => {
    let p = made.get(ctx);
    if (!p) made.set(ctx, (p = make(ctx)));
    return p;
  };
}

/**
 * The scan's one Storage client, read-only (the library loads on first use).
 * One instance serves every project (each request names its project), so the
 * client, its auth wrapper and its interceptor are built once per scan.
 */
export const storageClient: (ctx: GcpContext) => Promise<Storage> = oncePerScan((ctx) => makeStorageClient(ctx));

async function makeStorageClient(ctx: GcpContext): Promise<Storage> {
  const { Storage } = await loadStorageLib();
  const base = ctx.endpoint('storage');
  const storage = new Storage({
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

/** One Cloud Storage JSON API read: `uri` under `/storage/v1`, `qs` its query. */
type StorageGet = (uri: string, qs: Record<string, string | number>, signal: AbortSignal) => Promise<Record<string, unknown>>;

/**
 * How this scan reads Cloud Storage. By default through the lean transport
 * (http.ts): `@google-cloud/storage`'s request stack (retry-request,
 * teeny-request, node-fetch) cost ~1 ms of CPU per call on the thread every
 * policy read waits for, and loading the library ~0.3 s before the first
 * bucket list (docs/gcp.md has the measurements). With a proxy configured
 * (`ctx.viaLibraries`) the reads go through the Storage client, which
 * implements proxies. Both read the same JSON API with the same credentials,
 * guard, retries and deadline; test/gcp/transports.test.ts shows a scan
 * gives the same resources either way.
 */
export const storageReader: (ctx: GcpContext) => Promise<StorageGet> = oncePerScan((ctx) => makeReader(ctx));

async function makeReader(ctx: GcpContext): Promise<StorageGet> {
  if (ctx.viaLibraries) {
    const storage = await storageClient(ctx);
    return (uri, qs) => storageGet(storage, ctx.endpoint('storage').origin, uri, qs);
  }
  const base = ctx.endpoint('storage').href.replace(/\/$/, '') + '/storage/v1';
  return async (uri, qs, signal) => {
    const u = new URL(base + uri);
    for (const [k, v] of Object.entries(qs)) u.searchParams.set(k, String(v));
    return jsonObject<Record<string, unknown>>(await ctx.http.json('storage', { method: 'GET', url: u.href, signal }));
  };
}

export const BUCKET_TYPE = 'gcp.storage.bucket';

/**
 * The project's buckets, each with its IAM policy. `onReading` is called once,
 * when the first policy read gets a request slot; never when there is nothing
 * to read (no bucket, or the list failed): the caller then goes on when this
 * settles (collectProject).
 */
export async function collectBuckets(ctx: GcpContext, project: string, pageSize = 1000, onReading?: () => void): Promise<Resource[]> {
  let read: StorageGet;
  let items: Record<string, unknown>[];
  try {
    read = await storageReader(ctx);
    items = await listBuckets(ctx, read, project, pageSize);
  } catch (e) {
    if (!(e instanceof GcpCallError)) throw e;
    return [collectionGap(BUCKET_TYPE, project, e)];
  }
  let reading = false;
  const first = () => {
    if (!reading) {
      reading = true;
      onReading?.();
    }
  };
  const listedAt = new Date().toISOString();
  return Promise.all(items.map((b) => withPolicy(ctx, read, project, b, listedAt, first)));
}

async function listBuckets(ctx: GcpContext, read: StorageGet, project: string, pageSize: number): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const tokens = new Set<string>();
  let pageToken: string | undefined;
  for (;;) {
    const qs = { project, maxResults: pageSize, ...(pageToken ? { pageToken } : {}) };
    const page = await ctx.call('storage', 'storage.buckets.list', project, (signal) => read('/b', qs, signal));
    if (page.items !== undefined && !Array.isArray(page.items))
      throw Object.assign(new Error('storage.buckets.list: items is not a list'), { code: 'BAD_RESPONSE' });
    items.push(...((page.items as Record<string, unknown>[] | undefined) ?? []));
    const token = typeof page.nextPageToken === 'string' && page.nextPageToken ? page.nextPageToken : undefined;
    if (!token) return items;
    if (tokens.has(token)) {
      const info = { code: 'PAGINATION_LOOP', message: 'the server repeated a page token', retryable: false };
      ctx.coverage.fail('storage.buckets.list', info.code, info.message, { account: project });
      throw new GcpCallError('storage.buckets.list', info);
    }
    tokens.add(token);
    pageToken = token;
  }
}

/**
 * A listed bucket with its IAM policy. The resource is built after the policy
 * read, not before: building it (copy, redaction) is CPU the bucket lists
 * would otherwise wait for, while the thread is mostly idle during the reads.
 * `listedAt` is when the list answered (the raw record of `buckets.list`).
 */
async function withPolicy(ctx: GcpContext, read: StorageGet, project: string, b: Record<string, unknown>, listedAt: string, first: () => void): Promise<Resource> {
  const name = String(b.name);
  let policy: Record<string, unknown> | undefined;
  let failure: GcpCallError | undefined;
  try {
    policy = await ctx.call('storage', 'storage.buckets.getIamPolicy', project, (signal) => {
      first();
      return read(`/b/${encodeURIComponent(name)}/iam`, { optionsRequestedPolicyVersion: 3 }, signal);
    });
  } catch (e) {
    if (!(e instanceof GcpCallError)) throw e;
    failure = e;
  }
  const r = gcpResource(BUCKET_TYPE, b, {
    project,
    region: typeof b.location === 'string' ? b.location : undefined,
    operation: 'storage.buckets.list',
    at: listedAt,
    id: `//storage.googleapis.com/projects/_/buckets/${name}`,
    name,
  });
  if (failure) {
    addGap(r, 'iamPolicy', failure.gap);
    r.raw!.push({ operation: 'storage.buckets.getIamPolicy', error: { code: failure.info.code, message: failure.info.message } });
  } else {
    r.properties.iamPolicy = { version: policy?.version, bindings: policy?.bindings ?? [], etag: policy?.etag };
    r.raw!.push({ operation: 'storage.buckets.getIamPolicy', at: new Date().toISOString() });
  }
  return r;
}

/**
 * One JSON API read through the Storage client's own request path
 * (`Storage#request`: endpoint, auth, interceptors, timeout, error parsing,
 * the same path `getBuckets` and `bucket(name).iam.getPolicy` take), without
 * the objects those methods build around the answer: a Bucket (with its Acl,
 * Iam and accessor methods) per listed bucket and per policy read cost more
 * CPU than the request itself. A 2xx answer that is not a JSON object
 * (truncated, HTML) is a failure (BAD_RESPONSE), never an empty list or policy.
 */
function storageGet(storage: Storage, origin: string, uri: string, qs: Record<string, string | number>): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) =>
    storage.request({ uri, qs }, (err, body, res) => {
      if (err) return reject(err);
      // Its request stack (teeny-request) follows redirects and has no option
      // not to: an answer that came from another host is not this endpoint's.
      const from = answeredFrom(res);
      if (from !== undefined && from !== origin)
        return reject(Object.assign(new Error(`the answer came from ${from.slice(0, 80)} (a redirect), not the storage endpoint ${origin}`), { code: 'BAD_RESPONSE' }));
      try {
        resolve(jsonObject<Record<string, unknown>>(body));
      } catch (e) {
        reject(e);
      }
    }),
  );
}

/** The origin of the URL that finally answered (teeny-request's `request.href`), if known. */
function answeredFrom(res: unknown): string | undefined {
  const href = (res as { request?: { href?: unknown } } | undefined)?.request?.href;
  if (typeof href !== 'string' || !href) return undefined;
  try {
    return new URL(href).origin;
  } catch {
    return 'an unreadable URL';
  }
}

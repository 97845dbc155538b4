/**
 * Cloud Storage: buckets.list (full metadata: iamConfiguration, encryption,
 * lifecycle, retentionPolicy, location...) and each bucket's IAM policy
 * (buckets.getIamPolicy, version 3) under the property `iamPolicy`, read
 * through the scan's transport (http.ts), which runs the guard before every
 * request.
 */
import type { Resource } from '../../../../model/resource.js';
import { addGap, gcpResource, type GcpContext } from './context.js';
import { GcpCallError } from './errors.js';
import { collectionGap } from './placeholder.js';
import { jsonObject } from './rest.js';

/** `make`, run once per scan context: later calls get the first call's promise. */
function oncePerScan<T>(make: (ctx: GcpContext) => Promise<T>): (ctx: GcpContext) => Promise<T> {
  const made = new WeakMap<GcpContext, Promise<T>>();
  return (ctx) => {
    let p = made.get(ctx);
    if (!p) made.set(ctx, (p = make(ctx)));
    return p;
  };
}

/** One Cloud Storage JSON API read: `uri` under `/storage/v1`, `qs` its query. */
type StorageGet = (uri: string, qs: Record<string, string | number>, signal: AbortSignal) => Promise<Record<string, unknown>>;

/**
 * How this scan reads Cloud Storage: the JSON API through the scan's transport
 * (http.ts). `@google-cloud/storage`'s request stack (retry-request,
 * teeny-request, node-fetch) cost ~1 ms of CPU per call on the thread every
 * policy read waits for, and loading the library ~0.3 s before the first
 * bucket list (docs/gcp.md has the measurements).
 */
export const storageReader: (ctx: GcpContext) => Promise<StorageGet> = oncePerScan((ctx) => makeReader(ctx));

async function makeReader(ctx: GcpContext): Promise<StorageGet> {
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

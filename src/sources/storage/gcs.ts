/**
 * Reading evidence files from a Cloud Storage prefix (for `vouch merge gs://...`)
 * through the GCP scan's own transport (collectors/gcp/transport.ts, http.ts):
 * Application Default Credentials with the read-only scope, the read-only
 * guard (GET on the configured endpoint only, so a token never goes to a host
 * vouch did not choose), the shared answer policy, the shared retry policy, a size bound per object and
 * a deadline per request and per prefix. `--endpoint storage=URL` routes it
 * (a loopback URL needs no credential); STORAGE_EMULATOR_HOST is ignored, as
 * in `vouch scan gcp`: an environment variable must not re-route a read.
 */
import { InputError } from '../../util/errors.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_TOTAL_TIMEOUT_MS, EVIDENCE_KEY, MAX_EVIDENCE_OBJECTS, MAX_EVIDENCE_OBJECT_BYTES, storageMessage, type StorageReadOptions } from './bounds.js';
import { VERSION } from '../../util/version.js';
import { DEFAULT_RETRY, withRetry } from '../providers/common/retry.js';
import { runSignal } from '../providers/common/deadline.js';

/** Three attempts, as `merge s3://` (the AWS SDK's): a merge is interactive, not a nightly scan. */
const MERGE_RETRY = { ...DEFAULT_RETRY, maxAttempts: 3 };

export function parseGsUrl(url: string): { bucket: string; prefix: string } {
  const m = /^gs:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!m || !m[1]) throw new InputError(`${url}: expected gs://bucket/prefix`);
  return { bucket: m[1], prefix: m[2] ?? '' };
}

export async function readGcsEvidence(url: string, o: StorageReadOptions = {}): Promise<{ key: string; text: string }[]> {
  const { bucket, prefix } = parseGsUrl(url);
  const { parseEndpoints, makeAuths } = await import('../providers/gcp/collectors/transport.js');
  const { GcpHttp } = await import('../providers/gcp/collectors/http.js');
  const endpoints = parseEndpoints(o.endpoint ? [`storage=${o.endpoint}`] : []);
  const auths = await makeAuths(endpoints);
  const http = new GcpHttp(auths, `vouch/${VERSION}`, o.env ?? {});
  const base = endpoints.storage.href.replace(/\/$/, '');
  const perRequest = o.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  // Plain controllers and timers, held here: a signal made by AbortSignal.timeout() inside
  // AbortSignal.any() is only weakly held and can be collected before it fires.
  const totalController = new AbortController();
  const totalTimer = setTimeout(() => totalController.abort(new Error(`not read within ${Math.round((o.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS) / 1000)} s`)), o.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS);
  const total = totalController.signal;
  // The run's stop (Ctrl-C, a caller's RunContext.signal) ends the read like the total deadline.
  const run = runSignal();
  const onRunStop = () => totalController.abort(run!.reason);
  if (run?.aborted) onRunStop();
  else run?.addEventListener('abort', onRunStop, { once: true });
  const timers = new Set<ReturnType<typeof setTimeout>>([totalTimer]);
  const signal = () => {
    const c = new AbortController();
    const t = setTimeout(() => c.abort(Object.assign(new Error(`no whole answer within ${perRequest} ms`), { name: 'TimeoutError' })), perRequest);
    timers.add(t);
    total.addEventListener('abort', () => c.abort(total.reason), { once: true });
    return c.signal;
  };
  // The signal aborts the request; the race makes sure no wait outlives it whatever the socket does.
  const raced = <T>(s: AbortSignal, p: Promise<T>) =>
    Promise.race([p, new Promise<never>((_, reject) => (s.aborted ? reject(s.reason) : s.addEventListener('abort', () => reject(s.reason), { once: true })))]);
  // Transient failures (429, 5xx, a reset connection) are retried under the shared policy (common/retry.ts), within the total deadline.
  const { classify } = await import('../providers/gcp/collectors/errors.js');
  const retried = <T>(send: (s: AbortSignal) => Promise<T>) =>
    withRetry(
      MERGE_RETRY,
      () => {
        const s = signal();
        return raced(s, send(s));
      },
      (e) => ({ retry: !total.aborted && classify(e).retryable, waitMs: (e as { retryAfterMs?: number }).retryAfterMs }),
      { signal: total },
    );
  try {
    const names: string[] = [];
    let pageToken: string | undefined;
    const seen = new Set<string>();
    do {
      const u = new URL(`${base}/storage/v1/b/${encodeURIComponent(bucket)}/o`);
      u.searchParams.set('prefix', prefix);
      u.searchParams.set('fields', 'items(name),nextPageToken');
      if (pageToken) u.searchParams.set('pageToken', pageToken);
      const page = (await retried((s) => http.json('storage', { method: 'GET', url: u.href, signal: s }))) as { items?: unknown; nextPageToken?: unknown };
      if (!page || typeof page !== 'object' || Array.isArray(page)) throw new InputError(`${url}: the listing answer is not a JSON object`);
      if (page.items !== undefined && !Array.isArray(page.items)) throw new InputError(`${url}: the listing answer's items is not a list`);
      for (const it of (page.items as { name?: unknown }[] | undefined) ?? []) if (typeof it?.name === 'string' && EVIDENCE_KEY.test(it.name)) names.push(it.name);
      if (names.length > MAX_EVIDENCE_OBJECTS) throw new InputError(`${url}: more than ${MAX_EVIDENCE_OBJECTS} evidence objects under this prefix`);
      pageToken = typeof page.nextPageToken === 'string' && page.nextPageToken !== '' ? page.nextPageToken : undefined;
      if (pageToken && seen.has(pageToken)) throw new InputError(`${url}: the listing repeated a page token`);
      if (pageToken) seen.add(pageToken);
    } while (pageToken);
    const out: { key: string; text: string }[] = [];
    for (const name of names.sort()) {
      const u = `${base}/storage/v1/b/${encodeURIComponent(bucket)}/o/${encodeURIComponent(name)}?alt=media`;
      out.push({ key: `gs://${bucket}/${name}`, text: await retried((s) => http.text('storage', { method: 'GET', url: u, signal: s, maxBytes: o.maxObjectBytes ?? MAX_EVIDENCE_OBJECT_BYTES })) });
    }
    if (out.length === 0) throw new InputError(`${url}: no evidence.json objects under this prefix`);
    return out;
  } catch (e) {
    if (e instanceof InputError) throw e;
    if (total.aborted) throw new InputError(`${url}: not read within ${Math.round((o.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS) / 1000)} s`);
    const info = classify(e);
    throw new InputError(`${url}: ${info.code}: ${storageMessage({ message: info.message }).replace(/^Error: /, '')}`);
  } finally {
    for (const t of timers) clearTimeout(t);
    http.close();
    run?.removeEventListener('abort', onRunStop);
  }
}

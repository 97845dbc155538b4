/**
 * `merge gs://` under the shared retry policy (common/retry.ts): a throttled
 * or unavailable answer that clears is retried and the evidence is read; one
 * that does not is a one-line input error after three attempts; Retry-After
 * is waited; the total deadline ends the waits.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startGcpServer, type GcpFixtureServer } from '../cloud/gcp/server.js';
import { startFaultProxy, type FaultProxy, type Fault } from '../cloud/proxy.js';
import { readGcsEvidence } from '../../src/sources/storage/gcs.js';
import { InputError } from '../../src/util/errors.js';

let gcs: GcpFixtureServer;
let proxy: FaultProxy;
const EVIDENCE = JSON.stringify({ schemaVersion: 'x', findings: [] });

// No credential lookup leaves the machine (the APIs not routed to loopback look for one).
const ENV = { HOME: '/nonexistent', GOOGLE_APPLICATION_CREDENTIALS: '/nonexistent/adc.json', NO_GCE_CHECK: 'true', METADATA_SERVER_DETECTION: 'none' };
const saved = Object.fromEntries(Object.keys(ENV).map((k) => [k, process.env[k]]));

beforeAll(async () => {
  Object.assign(process.env, ENV);
  gcs = await startGcpServer({ projects: [{ id: 'audit-project', buckets: [{ name: 'shards', location: 'EU', objects: { 'n/shard-0/evidence.json': EVIDENCE } }] }] });
  proxy = await startFaultProxy(gcs.url);
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
  else process.env[k] = v;
  await proxy?.close();
  await gcs?.close();
});

const unavailable = (headers: Record<string, string> = {}): Fault => ({
  kind: 'respond',
  status: 503,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify({ error: { code: 503, status: 'UNAVAILABLE', message: 'backend unavailable' } }),
});
const read = (o: { totalTimeoutMs?: number } = {}) => readGcsEvidence('gs://shards/n/', { endpoint: proxy.url, requestTimeoutMs: 2000, ...o });

describe('merge gs:// retries', () => {
  it('a 503 on the listing and on the object that clears after one attempt: read, 2 more requests', async () => {
    proxy.setRules([]);
    const before = proxy.stats.requests;
    await read();
    const clean = proxy.stats.requests - before;
    proxy.setRules([
      { match: (r) => r.url.includes('/o?'), fault: unavailable(), times: 1 },
      { match: (r) => r.url.includes('alt=media'), fault: unavailable(), times: 1 },
    ]);
    const start = proxy.stats.requests;
    const got = await read();
    expect(got).toEqual([{ key: 'gs://shards/n/shard-0/evidence.json', text: EVIDENCE }]);
    expect(proxy.stats.requests - start).toBe(clean + 2);
  });

  it('a 503 that does not clear: three attempts, then one input error naming the code', async () => {
    proxy.setRules([{ match: () => true, fault: unavailable() }]);
    const start = proxy.stats.requests;
    const e = await read().then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toMatch(/^gs:\/\/shards\/n\/: UNAVAILABLE/);
    expect(proxy.stats.requests - start).toBe(3);
  });

  it('a 403 is not retried', async () => {
    proxy.setRules([{ match: () => true, fault: { kind: 'respond', status: 403, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: { code: 403, status: 'PERMISSION_DENIED', message: 'denied' } }) } }]);
    const start = proxy.stats.requests;
    await expect(read()).rejects.toThrow(/PERMISSION_DENIED/);
    expect(proxy.stats.requests - start).toBe(1);
  });

  it('Retry-After is waited (at least 1 s here), and a wait past the total deadline ends at the deadline', async () => {
    proxy.setRules([{ match: (r) => r.url.includes('/o?'), fault: unavailable({ 'retry-after': '1' }), times: 1 }]);
    let t0 = performance.now();
    await read();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(990);
    proxy.setRules([{ match: () => true, fault: unavailable({ 'retry-after': '30' }) }]);
    t0 = performance.now();
    await expect(read({ totalTimeoutMs: 1500 })).rejects.toThrow(/not read within 2 s/);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});

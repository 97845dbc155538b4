/**
 * The DigitalOcean client against the local fixture API, directly and
 * through the fault proxy: paging to the last page, rate limits, time-outs,
 * read-only refusal, next-link origin checks, token hygiene.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startDoServer, type DoServer } from '../cloud/digitalocean/server.js';
import { violationsWorld } from '../cloud/digitalocean/world.js';
import { doFaults, onPath } from '../cloud/digitalocean/faults.js';
import { startFaultProxy, type FaultProxy } from '../cloud/proxy.js';
import { DigitalOceanClient, DoApiError, ReadOnlyViolation, rateLimitWait } from '../../src/sources/providers/digitalocean/collectors/client.js';

const TOKEN = 'dop_v1_' + 'feedbead'.repeat(8);
let server: DoServer;
let proxy: FaultProxy;

beforeAll(async () => {
  server = await startDoServer(violationsWorld({ fleet: 420 }), { token: TOKEN });
  proxy = await startFaultProxy(server.url);
  server.publicUrl = proxy.url;
});
afterAll(async () => {
  await proxy?.close();
  await server?.close();
});

const client = (o: Partial<ConstructorParameters<typeof DigitalOceanClient>[0]> = {}) =>
  new DigitalOceanClient({ token: TOKEN, baseUrl: proxy.url, timeoutMs: 2000, maxRetries: 2, ...o });

describe('DigitalOcean client', () => {
  it('follows links.pages.next to the last page at per_page=200', async () => {
    proxy.setRules([]);
    const before = server.log.length;
    const out = await client().list<{ id: number }>('/v2/droplets', 'droplets');
    expect(out.items.length).toBe(426);
    expect(new Set(out.items.map((d) => d.id)).size).toBe(426);
    expect(out.pages).toBe(3);
    expect(out.total).toBe(426);
    const urls = server.log.slice(before).map((x) => x.url);
    expect(urls).toEqual(['/v2/droplets?per_page=200', '/v2/droplets?page=2&per_page=200', '/v2/droplets?page=3&per_page=200']);
  });

  it('reads keyed-map pages (droplet backup policies) completely', async () => {
    proxy.setRules([]);
    const out = await client().list<{ droplet_id: number }>('/v2/droplets/backups/policies', 'policies');
    expect(out.items.length).toBe(426);
    expect(out.items.filter((p) => p.droplet_id === 1004)).toHaveLength(1);
  });

  it('refuses every method but GET before anything is sent', async () => {
    proxy.setRules([]);
    const before = proxy.stats.requests;
    const c = client();
    for (const m of ['POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'post']) await expect(c.request(m, '/v2/droplets/1000')).rejects.toBeInstanceOf(ReadOnlyViolation);
    expect(proxy.stats.requests).toBe(before);
  });

  it('waits for ratelimit-reset after a 429, then completes the list', async () => {
    proxy.setRules([doFaults.throttle((r) => r.url.includes('page=2'), 1, 1)]);
    let throttles = 0;
    const t0 = Date.now();
    const out = await client({ onThrottle: () => throttles++ }).list('/v2/firewalls', 'firewalls');
    expect(out.items.length).toBe(422);
    expect(throttles).toBe(1);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(50); // waited for the reset (≤ 1 s ahead, in whole seconds)
  });

  it('gives up at once when the reset is further away than it may wait', async () => {
    proxy.setRules([doFaults.throttle(onPath(/^\/v2\/volumes$/), 600)]);
    const t0 = Date.now();
    const err = await client({ maxRateLimitWaitMs: 5000 }).list('/v2/volumes', 'volumes').catch((e) => e);
    expect(err).toBeInstanceOf(DoApiError);
    expect(err.status).toBe(429);
    expect(err.message).toMatch(/resets in \d+ s/);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('times out a request that never answers', async () => {
    proxy.setRules([doFaults.hang(onPath(/^\/v2\/load_balancers$/))]);
    const t0 = Date.now();
    const err = await client({ timeoutMs: 200, maxRetries: 1 }).list('/v2/load_balancers', 'load_balancers').catch((e) => e);
    expect(err).toBeInstanceOf(DoApiError);
    expect(err.code).toBe('Timeout');
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('retries a 5xx, then reports it', async () => {
    proxy.setRules([doFaults.serverError(onPath(/^\/v2\/account$/), 1)]);
    expect((await client().get<{ account: { uuid: string } }>('/v2/account')).data.account.uuid).toBe('acc-0001');
    proxy.setRules([doFaults.serverError(onPath(/^\/v2\/account$/))]);
    await expect(client({ maxRetries: 1 }).get('/v2/account')).rejects.toMatchObject({ status: 500, code: 'server_error' });
  });

  it('treats a list that ends before meta.total as an error, not a short list', async () => {
    proxy.setRules([doFaults.truncatePages(onPath(/^\/v2\/droplets$/))]);
    await expect(client().list('/v2/droplets', 'droplets')).rejects.toMatchObject({ code: 'PaginationTruncated' });
  });

  it('never follows a next link to another origin (the token would go with it)', async () => {
    let leaked = 0;
    const other = http.createServer((req, res) => {
      leaked++;
      res.end('{}');
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    try {
      const to = `http://127.0.0.1:${(other.address() as AddressInfo).port}/v2/droplets?page=2`;
      proxy.setRules([doFaults.foreignNext(onPath(/^\/v2\/droplets$/), to)]);
      await expect(client().list('/v2/droplets', 'droplets')).rejects.toMatchObject({ code: 'BadNextLink' });
      expect(leaked).toBe(0);
    } finally {
      await new Promise<void>((r) => other.close(() => r()));
    }
  });

  it('keeps the token out of errors, JSON and inspection', async () => {
    proxy.setRules([{ match: () => true, fault: { kind: 'respond', status: 400, body: JSON.stringify({ id: 'bad_request', message: `token ${TOKEN} is malformed` }) } }]);
    const c = client();
    const err = await c.get('/v2/account').catch((e) => e);
    expect(err.message).toMatch(/bad_request/);
    expect(err.message).not.toContain(TOKEN);
    expect(JSON.stringify(c)).not.toContain(TOKEN);
    const { inspect } = await import('node:util');
    expect(inspect(c, { depth: 5, showHidden: true })).not.toContain(TOKEN);
    const wrong = new DigitalOceanClient({ token: 'dop_v1_' + '1'.repeat(64), baseUrl: server.url });
    const e401 = await wrong.get('/v2/account').catch((e) => e);
    expect(e401).toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('reads ratelimit-reset as epoch seconds, and retry-after when present', () => {
    const now = 1_700_000_000_000;
    expect(rateLimitWait(new Headers({ 'ratelimit-reset': String(now / 1000 + 3) }), 1, now)).toBe(3000);
    expect(rateLimitWait(new Headers({ 'retry-after': '2', 'ratelimit-reset': String(now / 1000 + 30) }), 1, now)).toBe(2000);
    // No header: the shared backoff (common/retry.ts), jittered in [50, 100] ms for the first retry.
    const w = rateLimitWait(new Headers({}), 1, now);
    expect(w).toBeGreaterThanOrEqual(50);
    expect(w).toBeLessThanOrEqual(100);
    expect(rateLimitWait(new Headers({ 'retry-after': 'Sun, 06 Dec 2026 09:00:03 GMT' }), 1, Date.parse('2026-12-06T09:00:00Z'))).toBe(3000);
  });
});

import { describe, it, expect, afterAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFaultProxy } from './proxy.js';

const upstream = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ path: req.url, items: [1, 2, 3], next: 'p2' }));
});
await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
afterAll(() => new Promise<void>((r) => upstream.close(() => r())));

describe('fault proxy', () => {
  it('passes through, injects errors a limited number of times, rewrites and delays', async () => {
    const proxy = await startFaultProxy(base, [
      { match: (r) => r.url.startsWith('/throttle'), fault: { kind: 'respond', status: 429, body: '{"error":"slow down"}' }, times: 1 },
      { match: (r) => r.url.startsWith('/page'), fault: { kind: 'rewrite', transform: (b) => JSON.stringify({ ...JSON.parse(b), next: undefined }) } },
      { match: (r) => r.url.startsWith('/slow'), fault: { kind: 'latency', ms: 60 } },
    ]);
    try {
      expect((await fetch(`${proxy.url}/plain`).then((r) => r.json())).path).toBe('/plain');
      expect((await fetch(`${proxy.url}/throttle`)).status).toBe(429);
      expect((await fetch(`${proxy.url}/throttle`)).status).toBe(200);
      expect((await fetch(`${proxy.url}/page`).then((r) => r.json())).next).toBeUndefined();
      const t0 = Date.now();
      await fetch(`${proxy.url}/slow`);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(55);
      expect(proxy.stats.requests).toBe(5);
      expect(proxy.stats.faulted).toBe(3);
    } finally {
      await proxy.close();
    }
  });

  it('hangs a request until the client gives up', async () => {
    const proxy = await startFaultProxy(base, [{ match: () => true, fault: { kind: 'hang' } }]);
    try {
      await expect(fetch(`${proxy.url}/x`, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    } finally {
      await proxy.close();
    }
  });
});

describe('limiter', () => {
  it('releases the slot of a task that throws synchronously', async () => {
    const { limiter } = await import('../../src/sources/providers/common/limit.js');
    const limit = limiter(1);
    await expect(limit(() => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(limit(async () => 'next')).resolves.toBe('next');
  });
});

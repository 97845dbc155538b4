/**
 * The GCP transport through a proxy (HTTPS_PROXY / HTTP_PROXY, NO_PROXY):
 * a scan through a loopback CONNECT proxy reads the same thing as a direct
 * one, resource for resource, the same calls, and under faults the same
 * failures and gaps; only timestamps (`raw[].at`) may differ. The proxy only
 * ever sees tunnels to the configured endpoint. NO_PROXY exempts hosts.
 * Redirects are followed on neither path.
 */
import { describe, it, expect } from 'vitest';
import { fixtureCloud } from './helpers.js';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultRule } from '../cloud/proxy.js';
import { op, permissionDenied, resourceExhausted, unavailable } from '../cloud/gcp/faults.js';
import { scanGcp, GcpContext } from '../../src/sources/providers/gcp/collectors/index.js';
import { GCP_APIS, parseEndpoints } from '../../src/sources/providers/gcp/collectors/transport.js';
import { proxyFor, proxyLabel } from '../../src/sources/providers/gcp/collectors/http.js';
import { restGet, restPost } from '../../src/sources/providers/gcp/collectors/rest.js';
import { storageReader } from '../../src/sources/providers/gcp/collectors/storage.js';
import { GcpCallError } from '../../src/sources/providers/gcp/collectors/errors.js';
import { InputError } from '../../src/util/errors.js';
import type { Resource } from '../../src/model/resource.js';
import { shopWorld } from './worlds.js';
import { startConnectProxy } from './connect-proxy.js';

const cloud = fixtureCloud(() => shopWorld(true));

type Transport = 'direct' | 'proxied';
/** Calls per operation of the scan without faults (set by the first test). */
let cleanCalls: Record<string, number> | undefined;

async function scan(url: string, transport: Transport) {
  const proxy = transport === 'proxied' ? await startConnectProxy() : undefined;
  try {
  const { inventory } = await scanGcp({
    endpoints: parseEndpoints(GCP_APIS.map((a) => `${a}=${url}`)),
    concurrency: 4,
    maxAttempts: 3,
    retryBaseMs: 1,
    timeoutMs: 5000,
    env: proxy ? { HTTP_PROXY: proxy.url } : {},
    targets: { organization: '100' },
  });
  if (proxy) {
    // Every request went through the proxy, as tunnels to the endpoint only.
    const target = new URL(url).host;
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(new Set(proxy.tunnels)).toEqual(new Set([target]));
    expect(proxy.plain).toEqual([]);
  }
  return inventory;
  } finally {
    await proxy?.close();
  }
}

/** A resource with its timestamps removed (the only thing allowed to differ). */
function comparable(r: Resource): Resource {
  const c = structuredClone(r);
  for (const x of c.raw ?? []) delete (x as { at?: string }).at;
  return c;
}

async function both(rules: FaultRule[] = []) {
  const out = {} as Record<Transport, Awaited<ReturnType<typeof scan>>>;
  for (const t of ['direct', 'proxied'] as const) {
    cloud.proxy.setRules(rules); // fresh `times` counters per scan
    out[t] = await scan(cloud.proxy.url, t);
  }
  return out;
}

describe('a scan through a proxy reads what a direct scan reads', () => {
  it('without faults: the same resources (ids, types, properties, relations, gaps, location), the same calls', async () => {
    const { direct, proxied } = await both();
    const ids = [...direct.all()].map((r) => r.id).sort();
    expect([...proxied.all()].map((r) => r.id).sort()).toEqual(ids);
    // The world's variety is all there (so "equal" is not "equal and empty").
    const types = new Set(direct.types());
    for (const t of ['gcp.storage.bucket', 'gcp.compute.firewall', 'gcp.compute.instance', 'gcp.sql.instance', 'gcp.iam.service-account-key', 'gcp.logging.sink', 'gcp.folder', 'gcp.project', 'gcp.organization', 'gcp.compute.firewall-policy'])
      expect(types, t).toContain(t);
    const publicBucket = direct.ofType('gcp.storage.bucket').find((b) => b.name === 'shop-public')!;
    expect(JSON.stringify(publicBucket.properties.iamPolicy)).toContain('allUsers');
    expect(direct.ofType('gcp.storage.bucket').length).toBeGreaterThanOrEqual(7);
    for (const r of direct.all()) expect(comparable(proxied.get(r.id)!), r.id).toEqual(comparable(r));
    expect(direct.coverage.calls).toEqual(proxied.coverage.calls);
    cleanCalls = direct.coverage.calls;
    expect(direct.coverage.failures).toEqual([]);
    expect(proxied.coverage.failures).toEqual([]);
    expect(direct.coverage.units).toEqual(proxied.coverage.units);
    expect(direct.coverage.accounts).toEqual(proxied.coverage.accounts);
    expect(direct.coverage.regions).toEqual(proxied.coverage.regions);
  });

  it('with faults (a 403 on one bucket policy, a 429 that clears, a 503 and an HTML 502 that do not, truncated answers): the same failures, gaps and retries', async () => {
    const rules: FaultRule[] = [
      { match: (r) => op('storage.buckets.getIamPolicy')(r) && r.url.includes('/b/shop-public/'), fault: permissionDenied('storage.buckets.getIamPolicy', 'projects/_/buckets/shop-public') },
      { match: op('compute.firewalls.list', 'shop-prod'), fault: resourceExhausted('compute.googleapis.com'), times: 2 },
      { match: op('logging.sinks.list', 'legacy-lab'), fault: unavailable() },
      { match: (r) => op('storage.buckets.getIamPolicy')(r) && r.url.includes('/b/shop-telemetry/'), fault: { kind: 'rewrite', transform: (b) => b.slice(0, 25) } },
      { match: op('sqladmin.instances.list', 'shop-prod'), fault: { kind: 'rewrite', transform: (b) => b.slice(0, 25) } },
      { match: op('storage.buckets.list', 'legacy-lab'), fault: { kind: 'respond', status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body>502 Bad Gateway</body></html>' } },
    ];
    const { direct, proxied } = await both(rules);
    const failures = (inv: typeof direct) => (inv.coverage.failures ?? []).map((f) => `${f.operation} ${f.code} ${f.account ?? ''}`).sort();
    expect(failures(direct)).toEqual([
      'logging.sinks.list UNAVAILABLE legacy-lab',
      'sqladmin.instances.list BAD_RESPONSE shop-prod',
      'storage.buckets.getIamPolicy BAD_RESPONSE shop-prod',
      'storage.buckets.getIamPolicy PERMISSION_DENIED shop-prod',
      'storage.buckets.list UNAVAILABLE legacy-lab',
    ]);
    expect(failures(proxied)).toEqual(failures(direct));
    // The 429 cleared on the third attempt (2 more calls than without faults); the 503 and the 502 were tried 3 times (2 more each).
    expect(cleanCalls, 'the fault-free test ran first').toBeDefined();
    expect(direct.coverage.calls!['compute.firewalls.list']).toBe(cleanCalls!['compute.firewalls.list']! + 2);
    expect(direct.coverage.calls!['logging.sinks.list']).toBe(cleanCalls!['logging.sinks.list']! + 2);
    expect(direct.coverage.calls!['storage.buckets.list']).toBe(cleanCalls!['storage.buckets.list']! + 2);
    expect(direct.coverage.calls).toEqual(proxied.coverage.calls);

    const gaps = (inv: typeof direct) =>
      Object.fromEntries(
        [...inv.all()]
          .filter((r) => r.gaps && Object.keys(r.gaps).length)
          .map((r) => [r.id, Object.fromEntries(Object.entries(r.gaps!).map(([k, v]) => [k, v.split(':')[0]]))]),
      );
    expect(gaps(direct)).toMatchObject({
      '//storage.googleapis.com/projects/_/buckets/shop-public': { iamPolicy: 'PERMISSION_DENIED' },
      '//storage.googleapis.com/projects/_/buckets/shop-telemetry': { iamPolicy: 'BAD_RESPONSE' },
    });
    const gapCodes = Object.values(gaps(direct)).flatMap((g) => Object.values(g)).sort();
    expect(gapCodes).toEqual(['BAD_RESPONSE', 'BAD_RESPONSE', 'PERMISSION_DENIED', 'UNAVAILABLE', 'UNAVAILABLE']);
    expect(gaps(proxied)).toEqual(gaps(direct));
    // A Google error body gives the same gap text word for word (it is the body's message).
    const denied = '//storage.googleapis.com/projects/_/buckets/shop-public';
    expect(proxied.get(denied)!.gaps).toEqual(direct.get(denied)!.gaps);
    // Whatever else was read is the same.
    for (const r of direct.all()) {
      const o = proxied.get(r.id);
      expect(o, r.id).toBeDefined();
      const a = comparable(r);
      const b = comparable(o!);
      // Gap and raw-error messages for non-Google bodies are each client's own words; codes compared above.
      for (const x of [a, b]) {
        for (const k of Object.keys(x.gaps ?? {})) x.gaps![k] = x.gaps![k]!.split(':')[0]!;
        for (const raw of x.raw ?? []) if (raw.error) raw.error.message = '';
      }
      expect(b, r.id).toEqual(a);
    }
  });
});

/** A server on 127.0.0.1:0 that logs `METHOD path authorization` and answers with `handler`. */
async function logging(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void, host = '127.0.0.1') {
  const seen: string[] = [];
  const srv = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? '-'}`);
      handler(req, res);
    });
  });
  await new Promise<void>((r) => srv.listen(0, host, r));
  return { url: `http://${host}:${(srv.address() as AddressInfo).port}`, seen, close: () => new Promise<void>((r) => (srv.closeAllConnections(), srv.close(() => r()))) };
}

describe('redirects are followed neither directly nor through a proxy', () => {
  it('REST: a 302 to another host and a 307 from a read-only POST to a write: nothing reaches the target, both fail HTTP_30x', async () => {
    const elsewhere = await logging((_q, res) => (res.writeHead(200, { 'content-type': 'application/json' }), res.end('{"items":[{"name":"forged"}]}')));
    const endpoint = await logging((req, res) => {
      if (req.method === 'POST') res.writeHead(307, { location: '/v3/projects/p:setIamPolicy' });
      else res.writeHead(302, { location: `${elsewhere.url}/v1/projects/p/instances` });
      res.end();
    });
    const proxy = await startConnectProxy();
    const endpoints = parseEndpoints(GCP_APIS.map((a) => `${a}=${endpoint.url}`));
    try {
      for (const [how, env] of [['direct', {}], ['proxied', { http_proxy: proxy.url }]] as const) {
        const ctx = await GcpContext.create({ endpoints, concurrency: 1, maxAttempts: 1, env });
        try {
          const get = await restGet(ctx, 'sqladmin', 'sqladmin.instances.list', 'p', '/v1/projects/p/instances').then(() => undefined, (e: unknown) => e);
          expect(get, how).toBeInstanceOf(GcpCallError);
          expect((get as GcpCallError).info, how).toMatchObject({ code: 'HTTP_302', http: 302, retryable: false });
          const post = await restPost(ctx, 'cloudresourcemanager', 'cloudresourcemanager.projects.getIamPolicy', 'p', '/v3/projects/p:getIamPolicy', { options: { requestedPolicyVersion: 3 } }).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect((post as GcpCallError).info, how).toMatchObject({ code: 'HTTP_307', http: 307, retryable: false });
        } finally {
          ctx.http.close();
        }
      }
      expect(elsewhere.seen).toEqual([]);
      expect(endpoint.seen.filter((l) => l.includes('setIamPolicy'))).toEqual([]);
      expect(endpoint.seen.length).toBe(4);
      expect(new Set(proxy.tunnels)).toEqual(new Set([new URL(endpoint.url).host]));
    } finally {
      await proxy.close();
      await elsewhere.close();
      await endpoint.close();
    }
  });

  it('Cloud Storage: an answer from another host (a 302) is never taken as the bucket list', async () => {
    const elsewhere = await logging((_q, res) => (res.writeHead(200, { 'content-type': 'application/json' }), res.end('{"items":[{"name":"forged"}]}')), '127.0.0.2');
    const endpoint = await logging((_q, res) => (res.writeHead(302, { location: `${elsewhere.url}/storage/v1/b?project=p` }), res.end()));
    const proxy = await startConnectProxy();
    const endpoints = parseEndpoints(GCP_APIS.map((a) => `${a}=${endpoint.url}`));
    try {
      for (const [how, env] of [['direct', {}], ['proxied', { HTTP_PROXY: proxy.url }]] as const) {
        const ctx = await GcpContext.create({ endpoints, concurrency: 1, maxAttempts: 1, env });
        try {
          const read = await storageReader(ctx);
          const e = await ctx.call('storage', 'storage.buckets.list', 'p', (signal) => read('/b', { project: 'p' }, signal)).then(
            (v) => v,
            (x: unknown) => x,
          );
          expect(e, how).toBeInstanceOf(GcpCallError);
          expect((e as GcpCallError).info, how).toMatchObject({ code: 'HTTP_302', retryable: false });
        } finally {
          ctx.http.close();
        }
      }
      expect(elsewhere.seen).toEqual([]);
      expect(proxy.tunnels).toEqual([new URL(endpoint.url).host]);
    } finally {
      await proxy.close();
      await elsewhere.close();
      await endpoint.close();
    }
  });
});

describe('which requests go through the proxy', () => {
  it('NO_PROXY exempts a listed host (by name, suffix, port or *); the proxy then sees nothing', async () => {
    const endpoint = await logging((_q, res) => (res.writeHead(200, { 'content-type': 'application/json' }), res.end('{"items":[]}')));
    const proxy = await startConnectProxy();
    const endpoints = parseEndpoints(GCP_APIS.map((a) => `${a}=${endpoint.url}`));
    const port = new URL(endpoint.url).port;
    try {
      for (const [noProxy, tunnelled] of [['', true], ['127.0.0.1', false], [`example.test, 127.0.0.1:${port}`, false], ['127.0.0.1:1', true], ['*', false], ['other.test', true]] as const) {
        const before = proxy.tunnels.length;
        const ctx = await GcpContext.create({ endpoints, concurrency: 1, maxAttempts: 1, env: { HTTP_PROXY: proxy.url, NO_PROXY: noProxy } });
        try {
          await restGet(ctx, 'sqladmin', 'sqladmin.instances.list', 'p', '/v1/projects/p/instances');
        } finally {
          ctx.http.close();
        }
        expect(proxy.tunnels.length - before, `NO_PROXY='${noProxy}'`).toBe(tunnelled ? 1 : 0);
      }
      expect(endpoint.seen.length).toBe(6);
    } finally {
      await proxy.close();
      await endpoint.close();
    }
  });

  it('the proxy credential in the URL is sent to the proxy as Proxy-Authorization, never to the endpoint', async () => {
    const endpoint = await logging((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ items: [], proxyAuth: req.headers['proxy-authorization'] ?? null }));
    });
    const proxy = await startConnectProxy();
    const endpoints = parseEndpoints(GCP_APIS.map((a) => `${a}=${endpoint.url}`));
    try {
      const withUser = new URL(proxy.url);
      withUser.username = 'scanner';
      withUser.password = 's3cret-proxy-pass';
      const ctx = await GcpContext.create({ endpoints, concurrency: 1, maxAttempts: 1, env: { HTTP_PROXY: withUser.href } });
      try {
        const got = await restGet<{ proxyAuth: unknown }>(ctx, 'sqladmin', 'sqladmin.instances.list', 'p', '/v1/projects/p/instances');
        expect(got.proxyAuth).toBeNull();
      } finally {
        ctx.http.close();
      }
      expect(proxy.auth).toEqual([`Basic ${Buffer.from('scanner:s3cret-proxy-pass').toString('base64')}`]);
      expect(proxyLabel(withUser)).toBe(proxy.url);
    } finally {
      await proxy.close();
      await endpoint.close();
    }
  });

  it('a proxy setting that is not an http(s) URL is an input error when the scan starts, naming the variable, not its value', async () => {
    const endpoints = parseEndpoints(GCP_APIS.map((a) => `${a}=http://127.0.0.1:1`));
    for (const bad of ['http://[not a url', 'socks5://user:hunter2@127.0.0.1:1080']) {
      const e = await GcpContext.create({ endpoints, concurrency: 1, env: { HTTP_PROXY: bad } }).then(() => undefined, (x: unknown) => x);
      expect(e, bad).toBeInstanceOf(InputError);
      expect((e as Error).message, bad).toMatch(/^HTTP_PROXY/);
      expect((e as Error).message, bad).not.toContain('hunter2');
    }
  });
});

describe('proxyFor', () => {
  const https = new URL('https://compute.googleapis.com/compute/v1/projects/p');
  const plain = new URL('http://127.0.0.1:8080/x');
  it('https URLs use https_proxy / HTTPS_PROXY, http URLs http_proxy / HTTP_PROXY; lower case wins; blank is unset', () => {
    expect(proxyFor(https, {})).toBeUndefined();
    expect(proxyFor(https, { HTTPS_PROXY: 'http://p1:3128' })?.href).toBe('http://p1:3128/');
    expect(proxyFor(https, { HTTP_PROXY: 'http://p1:3128' })).toBeUndefined();
    expect(proxyFor(plain, { HTTP_PROXY: 'http://p2:3128' })?.href).toBe('http://p2:3128/');
    expect(proxyFor(plain, { HTTPS_PROXY: 'http://p2:3128' })).toBeUndefined();
    expect(proxyFor(https, { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:1' })?.host).toBe('lower:1');
    expect(proxyFor(https, { https_proxy: '  ', HTTPS_PROXY: 'http://upper:1' })?.host).toBe('upper:1');
    expect(proxyFor(https, { HTTPS_PROXY: 'proxy.corp:3128' })?.href).toBe('http://proxy.corp:3128/');
  });
  it('NO_PROXY: names cover subdomains, a leading . or *. is the same, ports must match, * is everything', () => {
    const env = (no: string) => ({ HTTPS_PROXY: 'http://p:1', NO_PROXY: no });
    expect(proxyFor(https, env('googleapis.com'))).toBeUndefined();
    expect(proxyFor(https, env('.googleapis.com'))).toBeUndefined();
    expect(proxyFor(https, env('*.googleapis.com'))).toBeUndefined();
    expect(proxyFor(https, env('compute.googleapis.com:443'))).toBeUndefined();
    expect(proxyFor(https, env('compute.googleapis.com:8443'))).toBeDefined();
    expect(proxyFor(https, env('apis.com'))).toBeDefined();
    expect(proxyFor(https, env('storage.googleapis.com'))).toBeDefined();
    expect(proxyFor(https, env('*'))).toBeUndefined();
    expect(proxyFor(https, { HTTPS_PROXY: 'http://p:1', no_proxy: 'googleapis.com', NO_PROXY: '' })).toBeUndefined();
    expect(proxyFor(new URL('http://[::1]:9/x'), { HTTP_PROXY: 'http://p:1', NO_PROXY: '::1' })).toBeUndefined();
    expect(proxyFor(new URL('http://[::1]:9/x'), { HTTP_PROXY: 'http://p:1', NO_PROXY: '[::1]:9' })).toBeUndefined();
  });
});

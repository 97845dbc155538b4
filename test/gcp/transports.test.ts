/**
 * The two transports of a GCP scan (GcpScanOptions.transport) read the same
 * thing: the lean one (http.ts) and the Google libraries (gaxios for the REST
 * APIs, @google-cloud/storage for Cloud Storage) give the same inventory,
 * resource for resource, the same calls, and under faults the same failures
 * and gaps. Only timestamps (`raw[].at`) may differ. Neither takes an answer
 * from a redirect: REST 3xx are errors on both; Cloud Storage through the
 * library (which always follows) refuses an answer from another host.
 */
import { describe, it, expect } from 'vitest';
import { fixtureCloud } from './helpers.js';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultRule } from '../cloud/proxy.js';
import { op, permissionDenied, resourceExhausted, unavailable } from '../cloud/gcp/faults.js';
import { scanGcp, GcpContext } from '../../src/collectors/gcp/index.js';
import { GCP_APIS, parseEndpoints } from '../../src/collectors/gcp/transport.js';
import { restGet, restPost } from '../../src/collectors/gcp/rest.js';
import { storageReader } from '../../src/collectors/gcp/storage.js';
import { GcpCallError } from '../../src/collectors/gcp/errors.js';
import type { Resource } from '../../src/engine/resource.js';
import { shopWorld } from './worlds.js';

const cloud = fixtureCloud(() => shopWorld(true));

type Transport = 'lean' | 'libraries';
/** Calls per operation of the scan without faults (set by the first test). */
let cleanCalls: Record<string, number> | undefined;

async function scan(url: string, transport: Transport) {
  const { inventory } = await scanGcp({
    endpoints: parseEndpoints(GCP_APIS.map((a) => `${a}=${url}`)),
    concurrency: 4,
    maxAttempts: 3,
    retryBaseMs: 1,
    timeoutMs: 5000,
    transport,
    targets: { organization: '100' },
  });
  return inventory;
}

/** A resource with its timestamps removed (the only thing allowed to differ). */
function comparable(r: Resource): Resource {
  const c = structuredClone(r);
  for (const x of c.raw ?? []) delete (x as { at?: string }).at;
  return c;
}

async function both(rules: FaultRule[] = []) {
  const out = {} as Record<Transport, Awaited<ReturnType<typeof scan>>>;
  for (const t of ['lean', 'libraries'] as const) {
    cloud.proxy.setRules(rules); // fresh `times` counters per scan
    out[t] = await scan(cloud.proxy.url, t);
  }
  return out;
}

describe('lean and libraries transports give the same scan', () => {
  it('without faults: the same resources (ids, types, properties, relations, gaps, location), the same calls', async () => {
    const { lean, libraries } = await both();
    const ids = [...lean.all()].map((r) => r.id).sort();
    expect([...libraries.all()].map((r) => r.id).sort()).toEqual(ids);
    // The world's variety is all there (so "equal" is not "equal and empty").
    const types = new Set(lean.types());
    for (const t of ['gcp.storage.bucket', 'gcp.compute.firewall', 'gcp.compute.instance', 'gcp.sql.instance', 'gcp.iam.service-account-key', 'gcp.logging.sink', 'gcp.folder', 'gcp.project', 'gcp.organization', 'gcp.compute.firewall-policy'])
      expect(types, t).toContain(t);
    const publicBucket = lean.ofType('gcp.storage.bucket').find((b) => b.name === 'shop-public')!;
    expect(JSON.stringify(publicBucket.properties.iamPolicy)).toContain('allUsers');
    expect(lean.ofType('gcp.storage.bucket').length).toBeGreaterThanOrEqual(7);
    for (const r of lean.all()) expect(comparable(libraries.get(r.id)!), r.id).toEqual(comparable(r));
    expect(lean.coverage.calls).toEqual(libraries.coverage.calls);
    cleanCalls = lean.coverage.calls;
    expect(lean.coverage.failures).toEqual([]);
    expect(libraries.coverage.failures).toEqual([]);
    expect(lean.coverage.units).toEqual(libraries.coverage.units);
    expect(lean.coverage.accounts).toEqual(libraries.coverage.accounts);
    expect(lean.coverage.regions).toEqual(libraries.coverage.regions);
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
    const { lean, libraries } = await both(rules);
    const failures = (inv: typeof lean) => (inv.coverage.failures ?? []).map((f) => `${f.operation} ${f.code} ${f.account ?? ''}`).sort();
    expect(failures(lean)).toEqual([
      'logging.sinks.list UNAVAILABLE legacy-lab',
      'sqladmin.instances.list BAD_RESPONSE shop-prod',
      'storage.buckets.getIamPolicy BAD_RESPONSE shop-prod',
      'storage.buckets.getIamPolicy PERMISSION_DENIED shop-prod',
      'storage.buckets.list UNAVAILABLE legacy-lab',
    ]);
    expect(failures(libraries)).toEqual(failures(lean));
    // The 429 cleared on the third attempt (2 more calls than without faults); the 503 and the 502 were tried 3 times (2 more each).
    expect(cleanCalls, 'the fault-free test ran first').toBeDefined();
    expect(lean.coverage.calls!['compute.firewalls.list']).toBe(cleanCalls!['compute.firewalls.list']! + 2);
    expect(lean.coverage.calls!['logging.sinks.list']).toBe(cleanCalls!['logging.sinks.list']! + 2);
    expect(lean.coverage.calls!['storage.buckets.list']).toBe(cleanCalls!['storage.buckets.list']! + 2);
    expect(lean.coverage.calls).toEqual(libraries.coverage.calls);

    const gaps = (inv: typeof lean) =>
      Object.fromEntries(
        [...inv.all()]
          .filter((r) => r.gaps && Object.keys(r.gaps).length)
          .map((r) => [r.id, Object.fromEntries(Object.entries(r.gaps!).map(([k, v]) => [k, v.split(':')[0]]))]),
      );
    expect(gaps(lean)).toMatchObject({
      '//storage.googleapis.com/projects/_/buckets/shop-public': { iamPolicy: 'PERMISSION_DENIED' },
      '//storage.googleapis.com/projects/_/buckets/shop-telemetry': { iamPolicy: 'BAD_RESPONSE' },
    });
    const gapCodes = Object.values(gaps(lean)).flatMap((g) => Object.values(g)).sort();
    expect(gapCodes).toEqual(['BAD_RESPONSE', 'BAD_RESPONSE', 'PERMISSION_DENIED', 'UNAVAILABLE', 'UNAVAILABLE']);
    expect(gaps(libraries)).toEqual(gaps(lean));
    // A Google error body gives the same gap text word for word (it is the body's message).
    const denied = '//storage.googleapis.com/projects/_/buckets/shop-public';
    expect(libraries.get(denied)!.gaps).toEqual(lean.get(denied)!.gaps);
    // Whatever else was read is the same.
    for (const r of lean.all()) {
      const o = libraries.get(r.id);
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

describe('REST redirects are followed by neither transport', () => {
  it('a 302 to another host and a 307 from a read-only POST to a write: nothing reaches the target, both fail HTTP_30x', async () => {
    const elsewhere = await logging((_q, res) => (res.writeHead(200, { 'content-type': 'application/json' }), res.end('{"items":[{"name":"forged"}]}')));
    const endpoint = await logging((req, res) => {
      if (req.method === 'POST') res.writeHead(307, { location: '/v3/projects/p:setIamPolicy' });
      else res.writeHead(302, { location: `${elsewhere.url}/v1/projects/p/instances` });
      res.end();
    });
    const endpoints = parseEndpoints(GCP_APIS.map((a) => `${a}=${endpoint.url}`));
    try {
      for (const transport of ['lean', 'libraries'] as const) {
        const ctx = await GcpContext.create({ endpoints, concurrency: 1, maxAttempts: 1, transport });
        try {
          const get = await restGet(ctx, 'sqladmin', 'sqladmin.instances.list', 'p', '/v1/projects/p/instances').then(() => undefined, (e: unknown) => e);
          expect(get, transport).toBeInstanceOf(GcpCallError);
          expect((get as GcpCallError).info, transport).toMatchObject({ code: 'HTTP_302', http: 302, retryable: false });
          const post = await restPost(ctx, 'cloudresourcemanager', 'cloudresourcemanager.projects.getIamPolicy', 'p', '/v3/projects/p:getIamPolicy', { options: { requestedPolicyVersion: 3 } }).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect((post as GcpCallError).info, transport).toMatchObject({ code: 'HTTP_307', http: 307, retryable: false });
        } finally {
          ctx.http.close();
        }
      }
      expect(elsewhere.seen).toEqual([]);
      expect(endpoint.seen.filter((l) => l.includes('setIamPolicy'))).toEqual([]);
      expect(endpoint.seen.length).toBe(4);
    } finally {
      await elsewhere.close();
      await endpoint.close();
    }
  });
});

describe('Cloud Storage redirects', () => {
  it('an answer from another host (a 302) is never taken as the bucket list, whichever transport', async () => {
    // Another host name (127.0.0.2, loopback on Linux): node-fetch keeps the
    // Authorization header on a redirect to the same host name on another port.
    const elsewhere = await logging((_q, res) => (res.writeHead(200, { 'content-type': 'application/json' }), res.end('{"items":[{"name":"forged"}]}')), '127.0.0.2');
    const endpoint = await logging((_q, res) => (res.writeHead(302, { location: `${elsewhere.url}/storage/v1/b?project=p` }), res.end()));
    const endpoints = parseEndpoints(GCP_APIS.map((a) => `${a}=${endpoint.url}`));
    try {
      const codes: Record<string, string> = {};
      for (const transport of ['lean', 'libraries'] as const) {
        const ctx = await GcpContext.create({ endpoints, concurrency: 1, maxAttempts: 1, transport });
        try {
          const read = await storageReader(ctx);
          const e = await ctx.call('storage', 'storage.buckets.list', 'p', (signal) => read('/b', { project: 'p' }, signal)).then(
            (v) => v,
            (x: unknown) => x,
          );
          expect(e, transport).toBeInstanceOf(GcpCallError);
          expect((e as GcpCallError).info.retryable, transport).toBe(false);
          codes[transport] = (e as GcpCallError).info.code;
        } finally {
          ctx.http.close();
        }
      }
      // The lean transport does not follow (HTTP_302); @google-cloud/storage's
      // request stack (teeny-request) always follows, so its answer is refused after the fact.
      expect(codes).toEqual({ lean: 'HTTP_302', libraries: 'BAD_RESPONSE' });
      // No credential ever went to the other host (node-fetch drops it on a cross-host redirect).
      expect(elsewhere.seen.length).toBe(1);
      expect(elsewhere.seen.every((l) => l.endsWith(' -')), elsewhere.seen.join('; ')).toBe(true);
    } finally {
      await elsewhere.close();
      await endpoint.close();
    }
  });
});

describe('the default transport', () => {
  it("is 'libraries' iff a proxy variable is set (no request is sent)", async () => {
    const endpoints = parseEndpoints(GCP_APIS.map((a) => `${a}=http://127.0.0.1:1`));
    const names = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];
    const saved = Object.fromEntries(names.map((n) => [n, process.env[n]]));
    try {
      for (const n of names) delete process.env[n];
      expect((await GcpContext.create({ endpoints, concurrency: 1 })).viaLibraries).toBe(false);
      process.env.HTTPS_PROXY = '   ';
      expect((await GcpContext.create({ endpoints, concurrency: 1 })).viaLibraries).toBe(false);
      process.env.HTTPS_PROXY = 'http://proxy.example.test:3128';
      expect((await GcpContext.create({ endpoints, concurrency: 1 })).viaLibraries).toBe(true);
      // An explicit choice wins over the environment.
      expect((await GcpContext.create({ endpoints, concurrency: 1, transport: 'lean' })).viaLibraries).toBe(false);
      delete process.env.HTTPS_PROXY;
      process.env.http_proxy = 'http://proxy.example.test:3128';
      expect((await GcpContext.create({ endpoints, concurrency: 1 })).viaLibraries).toBe(true);
      delete process.env.http_proxy;
      expect((await GcpContext.create({ endpoints, concurrency: 1, transport: 'libraries' })).viaLibraries).toBe(true);
    } finally {
      for (const n of names) {
        if (saved[n] === undefined) delete process.env[n];
        else process.env[n] = saved[n];
      }
    }
  });
});

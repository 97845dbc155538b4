/**
 * The lean GCP transport (src/sources/providers/gcp/collectors/http.ts) against small
 * node:http servers on 127.0.0.1: the guard runs before a credential is asked
 * for or a socket opened, redirects are not followed, bodies are decoded and
 * bounded, Google error bodies classify exactly as the same answer through
 * gaxios does, an AbortSignal ends a hung request and closes its socket.
 */
import { describe, it, expect, beforeAll, afterAll, afterEach, vi } from 'vitest';
import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync, deflateSync, constants as zc, createGzip } from 'node:zlib';
import { GcpHttp, GcpHttpError, HeaderCache, HEADER_REUSE_MS, MAX_BODY_BYTES } from '../../src/sources/providers/gcp/collectors/http.js';
import { DUMMY_TOKEN, GCP_APIS, makeAuths, parseEndpoints, ReadOnlyViolation, type GcpApi, type ReadOnlyAuth } from '../../src/sources/providers/gcp/collectors/transport.js';
import { classify, GcpCallError } from '../../src/sources/providers/gcp/collectors/errors.js';
import { GcpContext } from '../../src/sources/providers/gcp/collectors/context.js';
import { restGet } from '../../src/sources/providers/gcp/collectors/rest.js';
import { startConnectProxy } from './connect-proxy.js';
import { googleError } from '../cloud/gcp/server.js';

interface TestServer {
  url: string;
  /** Requests whose headers arrived. */
  requests: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[];
  /** TCP connections accepted. */
  connections: number;
  /** Sockets closed (by either side). */
  closed: number;
  sockets: Set<Socket>;
  close(): Promise<void>;
}

const servers: TestServer[] = [];

/** A server on 127.0.0.1:0 that records what it receives and answers with `handler`. */
async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const t: TestServer = {
    url: '',
    requests: [],
    connections: 0,
    closed: 0,
    sockets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        srv.close(() => resolve());
      }),
  };
  const srv = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      t.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  srv.on('connection', (s: Socket) => {
    t.connections++;
    sockets.add(s);
    s.on('close', () => {
      t.closed++;
      sockets.delete(s);
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  t.url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  servers.push(t);
  return t;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

/** Every API's ReadOnlyAuth on `url` (loopback: the dummy token), plus a count of credential requests. */
async function authsFor(url: string): Promise<{ auths: Record<GcpApi, ReadOnlyAuth>; asked: () => number }> {
  const real = await makeAuths(parseEndpoints(GCP_APIS.map((a) => `${a}=${url}`)));
  let n = 0;
  const auths = Object.fromEntries(
    GCP_APIS.map((a) => {
      const inner = real[a];
      return [a, Object.create(inner, { getRequestHeaders: { value: (u?: string) => (n++, inner.getRequestHeaders(u)) } }) as ReadOnlyAuth];
    }),
  ) as Record<GcpApi, ReadOnlyAuth>;
  return { auths, asked: () => n };
}

async function leanFor(url: string) {
  const { auths, asked } = await authsFor(url);
  const lean = new GcpHttp(auths, 'vouch/test');
  return { lean, auths, asked };
}

/** The rejection of `p` (fails the test if `p` resolves). */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    (v) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(v)?.slice(0, 80)}`);
    },
    (e: unknown) => e,
  );
}

describe('GcpHttp: the guard comes first', () => {
  it('a POST that is not a listed read-only RPC is refused: no credential asked, no socket opened', async () => {
    const s = await serve((_q, res) => json(res, 200, {}));
    const { lean, asked } = await leanFor(s.url);
    try {
      for (const path of ['/v3/projects/p:setIamPolicy', '/v3/projects', '/v3/projects/p:getIamPolicy/../:setIamPolicy'])
        await expect(lean.json('cloudresourcemanager', { method: 'POST', url: `${s.url}${path}`, body: { policy: {} } }), path).rejects.toThrow(ReadOnlyViolation);
      // getIamPolicy is a listed read for Resource Manager only.
      await expect(lean.json('compute', { method: 'POST', url: `${s.url}/v3/projects/p:getIamPolicy`, body: {} })).rejects.toThrow(ReadOnlyViolation);
      // Methods the type does not allow, as a caller that bypasses types would send them.
      for (const m of ['DELETE', 'PATCH', 'PUT'])
        await expect(lean.json('storage', { method: m as 'GET', url: `${s.url}/storage/v1/b/x` })).rejects.toThrow(ReadOnlyViolation);
      expect(asked()).toBe(0);
      expect(s.connections).toBe(0);
      expect(s.requests).toEqual([]);
      // The listed read goes through (so the counts above could have moved).
      await expect(lean.json('cloudresourcemanager', { method: 'POST', url: `${s.url}/v3/projects/p:getIamPolicy`, body: { options: { requestedPolicyVersion: 3 } } })).resolves.toEqual({});
      expect(s.requests.map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual(['POST /v3/projects/p:getIamPolicy {"options":{"requestedPolicyVersion":3}}']);
      expect(s.requests[0]!.headers['content-type']).toBe('application/json');
      expect(asked()).toBe(1);
    } finally {
      lean.close();
    }
  });

  it('a GET to another origin is refused before the credential is asked for; the other server sees nothing', async () => {
    const mine = await serve((_q, res) => json(res, 200, { ok: true }));
    const other = await serve((_q, res) => json(res, 200, { stolen: true }));
    const { lean, asked } = await leanFor(mine.url);
    try {
      const otherPort = new URL(other.url).port;
      for (const url of [`${other.url}/storage/v1/b`, `http://localhost:${otherPort}/storage/v1/b`, `https://storage.googleapis.com/storage/v1/b`, 'not a url'])
        await expect(lean.json('storage', { method: 'GET', url }), url).rejects.toThrow(ReadOnlyViolation);
      expect(asked()).toBe(0);
      expect(other.connections).toBe(0);
      expect(mine.connections).toBe(0);
      // Same origin works and carries the credential and the user agent.
      await expect(lean.json('storage', { method: 'GET', url: `${mine.url}/storage/v1/b?project=p` })).resolves.toEqual({ ok: true });
      expect(mine.requests[0]!.headers.authorization).toBe(`Bearer ${DUMMY_TOKEN}`);
      expect(mine.requests[0]!.headers['user-agent']).toBe('vouch/test');
      expect(other.requests).toEqual([]);
    } finally {
      lean.close();
    }
  });
});

describe('GcpHttp: TLS', () => {
  it('verifies the certificate: an untrusted one fails the handshake, before a request (or the token) is sent', async () => {
    const tls = new URL('../cloud/tls/', import.meta.url);
    let requests = 0;
    let handshakes = 0;
    const srv = https.createServer({ key: readFileSync(new URL('test-only-selfsigned.key', tls)), cert: readFileSync(new URL('test-only-selfsigned.crt', tls)) }, (_req, res) => {
      requests++;
      json(res, 200, { items: [] });
    });
    srv.on('secureConnection', () => handshakes++);
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const url = `https://127.0.0.1:${(srv.address() as AddressInfo).port}`;
    try {
      const { lean } = await leanFor(url);
      const e = await rejection(lean.json('compute', { method: 'GET', url: `${url}/compute/v1/projects/p/global/firewalls` }));
      expect(String((e as { code?: unknown }).code)).toMatch(/SELF_SIGNED|CERT/);
      const info = classify(e);
      expect(info.retryable).toBe(false);
      expect(requests).toBe(0);
      expect(handshakes).toBe(0);
      lean.close();
    } finally {
      await new Promise<void>((r) => srv.close(() => r()));
    }
  });
});

describe('GcpHttp: redirects are not followed', () => {
  for (const status of [301, 302, 303, 307, 308]) {
    it(`HTTP ${status}: the Location target receives nothing; the error is non-retryable with http ${status}`, async () => {
      const target = await serve((_q, res) => json(res, 200, { items: [] }));
      const s = await serve((_q, res) => {
        res.writeHead(status, { location: `${target.url}/storage/v1/b?project=p`, 'content-type': 'text/html' });
        res.end('<a href="elsewhere">moved</a>');
      });
      const { lean } = await leanFor(s.url);
      try {
        const e = await rejection(lean.json('storage', { method: 'GET', url: `${s.url}/storage/v1/b?project=p` }));
        expect(e).toBeInstanceOf(GcpHttpError);
        expect(classify(e)).toMatchObject({ code: `HTTP_${status}`, http: status, retryable: false });
        expect(s.requests.length).toBe(1);
        expect(target.connections).toBe(0);
      } finally {
        lean.close();
      }
    });
  }
});

describe('GcpHttp: bodies', () => {
  const page = { items: [{ name: 'b1', labels: { 'é': 'ü' } }], nextPageToken: 't' };

  it('gzip, x-gzip and deflate bodies are decoded; identity and no encoding are read as is', async () => {
    const raw = Buffer.from(JSON.stringify(page));
    const bodies: Record<string, Buffer> = { gzip: gzipSync(raw), 'x-gzip': gzipSync(raw), deflate: deflateSync(raw), identity: raw, '': raw };
    const s = await serve((req, res) => {
      const enc = new URL(req.url!, 'http://x').searchParams.get('enc')!;
      res.writeHead(200, { 'content-type': 'application/json', ...(enc ? { 'content-encoding': enc } : {}) });
      res.end(bodies[enc]);
    });
    const { lean } = await leanFor(s.url);
    try {
      for (const enc of Object.keys(bodies)) expect(await lean.json('compute', { method: 'GET', url: `${s.url}/p?enc=${enc}` }), enc).toEqual(page);
      expect(s.requests[0]!.headers['accept-encoding']).toBe('gzip, deflate');
    } finally {
      lean.close();
    }
  });

  it('an unknown content-encoding, a 2xx body that is not JSON, an empty 2xx body, a corrupt gzip body: BAD_RESPONSE, never an empty object', async () => {
    const answers: Record<string, (res: http.ServerResponse) => void> = {
      zstd: (res) => (res.writeHead(200, { 'content-encoding': 'zstd' }), res.end(JSON.stringify(page))),
      html: (res) => (res.writeHead(200, { 'content-type': 'text/html' }), res.end('<html><body>Sign in</body></html>')),
      truncated: (res) => (res.writeHead(200, { 'content-type': 'application/json' }), res.end(JSON.stringify(page).slice(0, 25))),
      empty: (res) => (res.writeHead(200, { 'content-type': 'application/json' }), res.end()),
      corruptGzip: (res) => (res.writeHead(200, { 'content-encoding': 'gzip' }), res.end(Buffer.from('this is not gzip at all'))),
      truncatedGzip: (res) => (res.writeHead(200, { 'content-encoding': 'gzip' }), res.end(gzipSync(JSON.stringify(page)).subarray(0, 20))),
    };
    const s = await serve((req, res) => answers[req.url!.slice(1)]!(res));
    const { lean } = await leanFor(s.url);
    try {
      for (const name of Object.keys(answers)) {
        const e = await rejection(lean.json('compute', { method: 'GET', url: `${s.url}/${name}` }));
        expect(classify(e), name).toMatchObject({ code: 'BAD_RESPONSE', retryable: false });
      }
    } finally {
      lean.close();
    }
  });

  it('an unknown content-encoding is not read on: the connection is closed (an endless body does not keep it)', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    const s = await serve((_q, res) => {
      res.writeHead(200, { 'content-encoding': 'zstd' });
      const pump = () => {
        while (!res.destroyed) if (!res.write(chunk)) return void res.once('drain', pump);
      };
      pump();
    });
    const { lean } = await leanFor(s.url);
    try {
      const e = await rejection(lean.json('compute', { method: 'GET', url: `${s.url}/x` }));
      expect(classify(e)).toMatchObject({ code: 'BAD_RESPONSE' });
      await vi.waitFor(() => expect(s.closed).toBe(1), { timeout: 2000 });
    } finally {
      lean.close();
    }
  });

  it(`an answer larger than MAX_BODY_BYTES (${MAX_BODY_BYTES / 1048576} MiB) is refused without reading it all, plain or as a gzip bomb`, async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20); // 1 MiB of spaces (valid JSON whitespace)
    const sent = { plain: 0, gzip: 0 };
    const stopped = { plain: false, gzip: false };
    const s = await serve((req, res) => {
      const kind = req.url === '/gzip' ? 'gzip' : 'plain';
      // An endless answer (plain: up to 4× the limit), honouring back-pressure;
      // stops when the client goes away, so a client that reads on would hang this test.
      const limit = kind === 'plain' ? 4 * MAX_BODY_BYTES : Infinity;
      res.on('close', () => (stopped[kind] = true));
      // Plain: straight to the response; gzip: through a fast deflater (about 1 KB on the wire per MiB it inflates to).
      const gz = kind === 'gzip' ? createGzip({ level: zc.Z_BEST_SPEED }) : undefined;
      res.writeHead(200, { 'content-type': 'application/json', ...(gz ? { 'content-encoding': 'gzip' } : {}) });
      gz?.pipe(res);
      const sink = gz ?? res;
      const pump = () => {
        while (!res.destroyed && sent[kind] < limit) {
          sent[kind] += chunk.length;
          if (!sink.write(chunk)) return void sink.once('drain', pump);
        }
        if (!res.destroyed) sink.end();
      };
      pump();
    });
    const { lean } = await leanFor(s.url);
    try {
      for (const kind of ['plain', 'gzip'] as const) {
        const t0 = performance.now();
        const e = await rejection(lean.json('compute', { method: 'GET', url: `${s.url}/${kind}` }));
        const ms = performance.now() - t0;
        expect(classify(e), kind).toMatchObject({ code: 'BAD_RESPONSE', retryable: false });
        expect((e as Error).message).toMatch(new RegExp(`larger than ${MAX_BODY_BYTES / 1048576} MiB`));
        // Not a timing assertion on speed, a bound that says "it did not hang".
        expect(ms, `${kind} took ${ms.toFixed(0)} ms`).toBeLessThan(10_000);
        await vi.waitFor(() => expect(stopped[kind], `${kind}: the server is still sending`).toBe(true), { timeout: 2000 });
        // The plain answer was not read to its end (the gzip one has no end).
        if (kind === 'plain') expect(sent.plain).toBeLessThan(4 * MAX_BODY_BYTES);
      }
    } finally {
      lean.close();
    }
  });
});

describe('GcpHttp: errors classify as gaxios errors of the same answer do', () => {
  const rateLimit = googleError(403, 'PERMISSION_DENIED', "Quota exceeded for quota group 'ReadGroup' and limit 'Read requests per 100 seconds' of service 'compute.googleapis.com'.", 'rateLimitExceeded');
  const answers: Record<string, { status: number; type: string; body: string; code: string; retryable: boolean }> = {
    denied: {
      status: 403,
      type: 'application/json; charset=UTF-8',
      body: googleError(403, 'PERMISSION_DENIED', "Required 'compute.firewalls.list' permission for 'projects/p'", 'forbidden', [
        { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'IAM_PERMISSION_DENIED', domain: 'iam.googleapis.com' },
      ]),
      code: 'PERMISSION_DENIED',
      retryable: false,
    },
    exhausted: {
      status: 429,
      type: 'application/json; charset=UTF-8',
      body: googleError(429, 'RESOURCE_EXHAUSTED', "Quota exceeded for quota metric 'Read requests'", 'rateLimitExceeded', [
        { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'RATE_LIMIT_EXCEEDED', domain: 'googleapis.com' },
      ]),
      code: 'RESOURCE_EXHAUSTED',
      retryable: true,
    },
    rateLimit403: { status: 403, type: 'application/json; charset=UTF-8', body: rateLimit, code: 'RESOURCE_EXHAUSTED', retryable: true },
    notFound: { status: 404, type: 'application/json; charset=UTF-8', body: googleError(404, 'NOT_FOUND', 'The resource was not found', 'notFound'), code: 'NOT_FOUND', retryable: false },
    badRequest: { status: 400, type: 'application/json; charset=UTF-8', body: googleError(400, 'INVALID_ARGUMENT', 'Invalid value for field', 'invalid'), code: 'INVALID_ARGUMENT', retryable: false },
    unavailable: { status: 503, type: 'application/json; charset=UTF-8', body: googleError(503, 'UNAVAILABLE', 'The service is currently unavailable.', 'backendError'), code: 'UNAVAILABLE', retryable: true },
    html502: { status: 502, type: 'text/html; charset=UTF-8', body: '<!DOCTYPE html><html><title>Error 502 (Server Error)!!1</title><p>That’s an error.</p></html>', code: 'UNAVAILABLE', retryable: true },
  };
  let s: TestServer;
  const fresh = async () =>
    serve((req, res) => {
      const a = answers[req.url!.split('/').pop()!]!;
      res.writeHead(a.status, { 'content-type': a.type });
      res.end(a.body);
    });

  it('the same answer through ReadOnlyAuth.request (gaxios) and through GcpHttp: the same classify()', async () => {
    s = await fresh();
    const { lean, auths } = await leanFor(s.url);
    try {
      for (const [name, a] of Object.entries(answers)) {
        const url = `${s.url}/compute/v1/projects/p/${name}`;
        const viaLean = classify(await rejection(lean.json('compute', { method: 'GET', url })));
        // As google-auth-library's own request path (gaxios) reads it.
        const viaGaxios = classify(await rejection(auths.compute.request({ url, method: 'GET', retry: false, responseType: 'json' })));
        expect(viaLean, name).toMatchObject({ code: a.code, http: a.status, retryable: a.retryable });
        if (a.type.startsWith('application/json')) {
          // A Google error body: code, status, message and retryability all from the body.
          expect(viaLean, name).toEqual(viaGaxios);
        } else {
          // An HTML page: only the status speaks; the messages are each client's own words.
          const { message: _m, ...rest } = viaLean;
          const { message: _g, ...restG } = viaGaxios;
          expect(rest, name).toEqual(restG);
          expect(viaLean.message).not.toMatch(/<html|DOCTYPE/i);
        }
      }
    } finally {
      lean.close();
    }
  });

  it('through restGet, directly and through a CONNECT proxy: the same GcpCallError info, the same retries', async () => {
    s = await fresh();
    const proxy = await startConnectProxy();
    const endpoints = parseEndpoints(GCP_APIS.map((a) => `${a}=${s.url}`));
    const direct = await GcpContext.create({ endpoints, concurrency: 2, maxAttempts: 2, retryBaseMs: 1, timeoutMs: 5000, env: {} });
    const proxied = await GcpContext.create({ endpoints, concurrency: 2, maxAttempts: 2, retryBaseMs: 1, timeoutMs: 5000, env: { HTTP_PROXY: proxy.url } });
    try {
      for (const [name, a] of Object.entries(answers)) {
        const infos = [];
        for (const [how, ctx] of [['direct', direct], ['proxied', proxied]] as const) {
          const before = s.requests.length;
          const e = await rejection(restGet(ctx, 'compute', `compute.${name}`, 'p', `/compute/v1/projects/p/${name}`));
          expect(e, name).toBeInstanceOf(GcpCallError);
          // A retryable answer is asked twice (maxAttempts 2), a final one once.
          expect(s.requests.length - before, `${name} ${how}`).toBe(a.retryable ? 2 : 1);
          infos.push((e as GcpCallError).info);
        }
        expect(infos[0], name).toMatchObject({ code: a.code, http: a.status, retryable: a.retryable });
        expect(infos[0], name).toEqual(infos[1]);
      }
      expect(direct.coverage.snapshot().failures).toEqual(proxied.coverage.snapshot().failures);
      expect(proxy.tunnels.length).toBeGreaterThan(0);
    } finally {
      direct.http.close();
      proxied.http.close();
      await proxy.close();
    }
  });
});

describe('GcpHttp: a hung request', () => {
  it('the AbortSignal rejects a request the server never answers, promptly, and closes its socket', async () => {
    const s = await serve(() => undefined); // never answers
    const { lean } = await leanFor(s.url);
    try {
      const ac = new AbortController();
      const p = rejection(lean.json('compute', { method: 'GET', url: `${s.url}/compute/v1/projects/p/global/firewalls`, signal: ac.signal }));
      await vi.waitFor(() => expect(s.requests.length).toBe(1), { timeout: 2000 });
      expect(s.closed).toBe(0);
      const t0 = performance.now();
      ac.abort(Object.assign(new Error('no answer within 10 ms'), { name: 'TimeoutError' }));
      const e = await p;
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(classify(e)).toMatchObject({ code: 'DEADLINE_EXCEEDED', retryable: true });
      await vi.waitFor(() => expect(s.closed).toBe(1), { timeout: 2000 });
    } finally {
      lean.close();
    }
  });

  it('the AbortSignal also ends an answer whose body stalls half way', async () => {
    const s = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"items": [');
    });
    const { lean } = await leanFor(s.url);
    try {
      const ac = new AbortController();
      const p = rejection(lean.json('compute', { method: 'GET', url: `${s.url}/x`, signal: ac.signal }));
      await vi.waitFor(() => expect(s.requests.length).toBe(1), { timeout: 2000 });
      await new Promise((r) => setTimeout(r, 50)); // the headers and the first bytes are in
      const t0 = performance.now();
      ac.abort(Object.assign(new Error('no answer within 10 ms'), { name: 'TimeoutError' }));
      const e = await p;
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(classify(e).retryable).toBe(true);
      await vi.waitFor(() => expect(s.closed).toBe(1), { timeout: 2000 });
    } finally {
      lean.close();
    }
  });

  it('a connection cut half way through the body rejects at once (retryable), plain or gzip, not at the deadline', async () => {
    const s = await serve((req, res) => {
      const gz = req.url === '/gzip';
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000', ...(gz ? { 'content-encoding': 'gzip' } : {}) });
      res.write(gz ? gzipSync('{"items": [' + ' '.repeat(50000)).subarray(0, 200) : '{"items": [');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const { lean } = await leanFor(s.url);
    try {
      for (const kind of ['plain', 'gzip']) {
        const t0 = performance.now();
        const e = await rejection(lean.json('compute', { method: 'GET', url: `${s.url}/${kind}` }));
        expect(performance.now() - t0, kind).toBeLessThan(1000);
        expect(classify(e), kind).toMatchObject({ code: 'NETWORK', retryable: true });
      }
    } finally {
      lean.close();
    }
  });

  it('an already aborted signal sends nothing', async () => {
    const s = await serve((_q, res) => json(res, 200, {}));
    const { lean } = await leanFor(s.url);
    try {
      const ac = new AbortController();
      ac.abort(Object.assign(new Error('deadline'), { name: 'TimeoutError' }));
      await expect(lean.json('compute', { method: 'GET', url: `${s.url}/x`, signal: ac.signal })).rejects.toThrow(/deadline/);
      expect(s.connections).toBe(0);
    } finally {
      lean.close();
    }
  });

  it('keep-alive: requests share a socket; close() closes it', async () => {
    const s = await serve((_q, res) => json(res, 200, { ok: 1 }));
    const { lean, asked } = await leanFor(s.url);
    for (let i = 0; i < 3; i++) await lean.json('compute', { method: 'GET', url: `${s.url}/x${i}` });
    expect(s.requests.length).toBe(3);
    expect(asked(), 'the credential is asked once per API in the reuse window').toBe(1);
    await lean.json('sqladmin', { method: 'GET', url: `${s.url}/y` });
    expect(asked()).toBe(2);
    expect(s.requests.map((r) => r.headers.authorization)).toEqual(Array(4).fill(`Bearer ${DUMMY_TOKEN}`));
    expect(s.connections).toBe(1);
    expect(s.closed).toBe(0);
    lean.close();
    await vi.waitFor(() => expect(s.closed).toBe(1), { timeout: 2000 });
  });
});

describe('HeaderCache', () => {
  /** A ReadOnlyAuth stand-in: only getRequestHeaders is used by HeaderCache. */
  function fakeAuth(answer: (n: number) => Promise<Headers>) {
    let n = 0;
    const auth = { getRequestHeaders: (_url?: string) => answer(++n) } as unknown as ReadOnlyAuth;
    return { auth, asked: () => n };
  }
  const token = (n: number) => Promise.resolve(new Headers({ authorization: `Bearer t${n}`, 'x-goog-user-project': 'q' }));

  afterEach(() => vi.restoreAllMocks());

  it('asks the credential once within the reuse window (also for concurrent callers), again after it', async () => {
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const { auth, asked } = fakeAuth(token);
    const cache = new HeaderCache(auth);
    const [a, b] = await Promise.all([cache.get('http://127.0.0.1:1/a'), cache.get('http://127.0.0.1:1/b')]);
    expect(a).toEqual({ authorization: 'Bearer t1', 'x-goog-user-project': 'q' });
    expect(b).toEqual(a);
    now += HEADER_REUSE_MS - 1;
    expect((await cache.get('http://127.0.0.1:1/c')).authorization).toBe('Bearer t1');
    expect(asked()).toBe(1);
    now += 1;
    expect((await cache.get('http://127.0.0.1:1/d')).authorization).toBe('Bearer t2');
    expect(asked()).toBe(2);
  });

  it('does not keep a failure (nor hand it to the next caller)', async () => {
    const { auth, asked } = fakeAuth((n) => (n === 1 ? Promise.reject(new Error('metadata server unreachable')) : token(n)));
    const cache = new HeaderCache(auth);
    const [x, y] = await Promise.allSettled([cache.get('u'), cache.get('u')]);
    expect([x.status, y.status]).toEqual(['rejected', 'rejected']);
    expect(asked()).toBe(1);
    expect((await cache.get('u')).authorization).toBe('Bearer t2');
    expect((await cache.get('u')).authorization).toBe('Bearer t2');
    expect(asked()).toBe(2);
  });

  it('gives each caller its own copy', async () => {
    const { auth } = fakeAuth(token);
    const cache = new HeaderCache(auth);
    const a = await cache.get('u');
    a.authorization = 'changed';
    a['x-extra'] = '1';
    const b = await cache.get('u');
    expect(b).toEqual({ authorization: 'Bearer t1', 'x-goog-user-project': 'q' });
    expect(b).not.toBe(a);
  });
});

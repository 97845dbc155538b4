import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeTargets, type ProbeOptions } from '../../src/sources/probe/run.js';
import { HostList, parseResolve, parseTarget } from '../../src/sources/probe/targets.js';
import { probeFindings } from '../../src/sources/probe/findings.js';
import { DEFAULT_JUDGE } from '../../src/sources/probe/judge.js';
import type { TlsVersion } from '../../src/evaluate/claims-profile.js';
import type { Finding } from '../../src/findings/evidence.js';
import { Pki, closedPort, hangServer, httpServer, httpsServer, resetServer, trickleServer, type Running } from './servers.js';

const CONTROLS = ['tls-min', 'https-redirect'];
let pki: Pki;
const running: Running[] = [];
const HSTS_YEAR = 'max-age=31536000; includeSubDomains';

beforeAll(() => {
  pki = new Pki();
});
afterAll(async () => {
  await Promise.all(running.map((r) => r.close()));
  pki.dispose();
});

async function up(p: Promise<Running>): Promise<number> {
  const r = await p;
  running.push(r);
  return r.port;
}

function options(resolve: string[], o: Partial<ProbeOptions> = {}): ProbeOptions {
  return {
    tlsMin: '1.2',
    timeoutMs: 1500,
    budgetMs: 20_000,
    perHostIntervalMs: 0,
    concurrency: 4,
    allow: new HostList([], '--probe-allow'),
    deny: new HostList([], '--probe-deny'),
    resolve: parseResolve(resolve),
    resolver: async (h) => {
      throw new Error(`test resolver: ${h} must come from --probe-resolve`);
    },
    ca: [pki.ca.cert],
    ...o,
  };
}

/** Probe `host` (TLS at tlsPort, plain HTTP at httpPort) and judge it. */
async function probe(host: string, tlsPort: number, httpPort: number | null, o: Partial<ProbeOptions> = {}, tlsMin: TlsVersion = '1.2') {
  const resolve = [`${host}:443=127.0.0.1:${tlsPort}`];
  if (httpPort !== null) resolve.push(`${host}:80=127.0.0.1:${httpPort}`);
  const run = await probeTargets([parseTarget(host)], options(resolve, { tlsMin, ...o }));
  const findings = probeFindings(run.observations, { ...DEFAULT_JUDGE, tlsMin }, CONTROLS);
  const by = (rule: string) => findings.find((f) => f.ruleId === rule) as Finding;
  return { run, obs: run.observations[0]!, findings, versions: by('tls-min/probe-tls-versions'), cert: by('tls-min/probe-certificate'), redirect: by('https-redirect/probe-http-redirect'), hsts: by('https-redirect/probe-hsts') };
}

const accepted = (r: Awaited<ReturnType<typeof probe>>) => r.obs.versions.filter((v) => v.outcome === 'accepted').map((v) => v.version);

describe('TLS versions accepted, against the claimed floor', () => {
  it('a TLS 1.0-only server fails a 1.2 floor, and the suites below the floor are listed', async () => {
    const host = 'legacy.example.test';
    const r = await probe(host, await up(httpsServer(pki.leaf([host]), '1.0', '1.0', HSTS_YEAR)), null);
    expect(accepted(r)).toEqual(['1.0']);
    expect(r.obs.versions.find((v) => v.version === '1.3')!.outcome).toBe('refused');
    expect(r.versions.status).toBe('fail');
    expect(r.versions.message).toContain('TLS 1.0');
    const below = r.versions.evidence.find((e) => e.path === 'tls.ciphersBelowFloor')!.observed as string[];
    expect(below.length).toBeGreaterThan(1);
    expect(below.every((c) => c.startsWith('TLS 1.0 '))).toBe(true);
  });

  it('a 1.0-1.3 server fails a 1.2 floor with both old versions named', async () => {
    const host = 'wide.example.test';
    const r = await probe(host, await up(httpsServer(pki.leaf([host]), '1.0', '1.3', HSTS_YEAR)), null);
    expect(accepted(r)).toEqual(['1.0', '1.1', '1.2', '1.3']);
    expect(r.versions.status).toBe('fail');
    expect(r.versions.message).toMatch(/TLS 1\.0 and TLS 1\.1/);
  });

  it('a 1.2+ server passes a 1.2 floor and fails a 1.3 floor', async () => {
    const host = 'modern.example.test';
    const port = await up(httpsServer(pki.leaf([host]), '1.2', '1.3', HSTS_YEAR));
    const r12 = await probe(host, port, null);
    expect(accepted(r12)).toEqual(['1.2', '1.3']);
    expect(r12.versions.status).toBe('pass');
    expect(r12.versions.evidence.find((e) => e.path === 'tls.negotiatedFloor')!.observed).toBe('TLS 1.2');
    const r13 = await probe(host, port, null, {}, '1.3');
    expect(r13.versions.status).toBe('fail');
    expect(r13.versions.message).toContain('TLS 1.2');
  });

  it('a 1.3-only server passes a 1.3 floor', async () => {
    const host = 'only13.example.test';
    const r = await probe(host, await up(httpsServer(pki.leaf([host]), '1.3', '1.3', HSTS_YEAR)), null, {}, '1.3');
    expect(accepted(r)).toEqual(['1.3']);
    expect(r.versions.status).toBe('pass');
  });

  it('a version the local OpenSSL cannot attempt is unknown, never a pass', async () => {
    const host = 'nolegacy.example.test';
    const port = await up(httpsServer(pki.leaf([host]), '1.2', '1.3', HSTS_YEAR));
    const r = await probe(host, port, null, { capabilities: { '1.0': 'pretend: this OpenSSL has no TLS 1.0' } });
    expect(r.obs.versions.find((v) => v.version === '1.0')).toMatchObject({ outcome: 'unknown', reason: 'pretend: this OpenSSL has no TLS 1.0' });
    expect(r.versions.status).toBe('unknown');
    expect(r.versions.message).toContain('TLS 1.0');
  });
});

describe('the certificate', () => {
  it('a CA-signed certificate for the host passes, with days left and key facts', async () => {
    const host = 'good.example.test';
    const r = await probe(host, await up(httpsServer(pki.leaf([host], { rsaBits: 2048 }), '1.2', '1.3', HSTS_YEAR)), null);
    expect(r.cert.status).toBe('pass');
    expect(r.obs.certificate).toMatchObject({ chainValid: true, hostnameMatch: true, keyType: 'rsa', keyBits: 2048 });
    expect(r.obs.certificate!.daysLeft).toBeGreaterThanOrEqual(8);
  });

  it('an expired certificate fails', async () => {
    const host = 'expired.example.test';
    const r = await probe(host, await up(httpsServer(pki.leaf([host], { days: -1 }), '1.2', '1.3')), null);
    expect(r.cert.status).toBe('fail');
    expect(r.cert.message).toMatch(/expired/);
    expect(r.obs.certificate!.daysLeft).toBeLessThan(0);
  });

  it('a self-signed certificate fails on its chain', async () => {
    const host = 'selfsigned.example.test';
    const r = await probe(host, await up(httpsServer(pki.leaf([host], { selfSigned: true }), '1.2', '1.3')), null);
    expect(r.cert.status).toBe('fail');
    expect(r.obs.certificate).toMatchObject({ chainValid: false, chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT', hostnameMatch: true });
  });

  it('a certificate for another host fails on the hostname', async () => {
    const host = 'wronghost.example.test';
    const r = await probe(host, await up(httpsServer(pki.leaf(['other.example.test']), '1.2', '1.3')), null);
    expect(r.cert.status).toBe('fail');
    expect(r.cert.message).toContain(`does not name ${host}`);
    expect(r.obs.certificate!.chainValid).toBe(true);
  });

  it('a 1024-bit RSA key fails', async () => {
    const host = 'weakkey.example.test';
    const r = await probe(host, await up(httpsServer(pki.leaf([host], { rsaBits: 1024 }), '1.2', '1.3')), null);
    expect(r.cert.status).toBe('fail');
    expect(r.cert.message).toMatch(/rsa key of 1024 bits/);
  });
});

const tlsFor = async (host: string, hsts?: string) => up(httpsServer(pki.leaf([host]), '1.2', '1.3', hsts));

describe('plain HTTP redirect and HSTS', () => {
  it('301 to https on the same host passes; so does 308', async () => {
    for (const code of [301, 308]) {
      const host = `r${code}.example.test`;
      const r = await probe(host, await tlsFor(host, HSTS_YEAR), await up(httpServer(code, `https://${host}/`)));
      expect(r.redirect.status).toBe('pass');
      expect(r.redirect.evidence.find((e) => e.path === 'http.status')!.observed).toBe(code);
    }
  });

  it('302 to https on the same host passes with a note that 301/308 is preferred', async () => {
    const host = 'r302.example.test';
    const r = await probe(host, await tlsFor(host, HSTS_YEAR), await up(httpServer(302, `https://${host}/login`)));
    expect(r.redirect.status).toBe('pass');
    expect(r.redirect.message).toContain('301/308 preferred');
  });

  it('a redirect to another host fails and is recorded, not followed', async () => {
    const host = 'offhost.example.test';
    const r = await probe(host, await tlsFor(host, HSTS_YEAR), await up(httpServer(301, 'https://elsewhere.example.org/')));
    expect(r.redirect.status).toBe('fail');
    expect(r.redirect.message).toContain('elsewhere.example.org');
    expect(r.run.requests).toBe(2); // one HTTPS GET, one plain GET: the redirect was not followed
  });

  it('a redirect to http fails', async () => {
    const host = 'tohttp.example.test';
    const r = await probe(host, await tlsFor(host, HSTS_YEAR), await up(httpServer(301, `http://${host}/home`)));
    expect(r.redirect.status).toBe('fail');
    expect(r.redirect.message).toMatch(/not to https/);
  });

  it('no redirect (200 over plain HTTP) fails', async () => {
    const host = 'plain.example.test';
    const r = await probe(host, await tlsFor(host, HSTS_YEAR), await up(httpServer(200)));
    expect(r.redirect.status).toBe('fail');
    expect(r.redirect.message).toContain('answered 200');
  });

  it('a closed port 80 passes as no plain-HTTP surface', async () => {
    const host = 'closed80.example.test';
    const r = await probe(host, await tlsFor(host, HSTS_YEAR), await closedPort());
    expect(r.redirect.status).toBe('pass');
    expect(r.redirect.message).toContain('no plain HTTP surface');
  });

  it('HSTS: a year passes, a day fails, none fails', async () => {
    const cases: [string | undefined, string][] = [[HSTS_YEAR, 'pass'], ['max-age=86400', 'fail'], [undefined, 'fail']];
    for (const [i, [header, status]] of cases.entries()) {
      const host = `hsts${i}.example.test`;
      const r = await probe(host, await tlsFor(host, header), null);
      expect(r.hsts.status, String(header)).toBe(status);
    }
  });
});

describe('misbehaving servers give unknown within the budget', () => {
  it('a server that accepts and hangs: every version unknown, stopped after the first timeout', async () => {
    const host = 'hang.example.test';
    const t0 = Date.now();
    const r = await probe(host, await up(hangServer()), await up(hangServer()), { timeoutMs: 400 });
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(r.versions.status).toBe('unknown');
    expect(r.cert.status).toBe('unknown');
    expect(r.redirect.status).toBe('unknown');
    expect(r.hsts.status).toBe('unknown');
    expect(r.obs.handshakes).toBe(1);
  });

  it('a server that resets: unknown, not refused', async () => {
    const host = 'reset.example.test';
    const r = await probe(host, await up(resetServer()), await up(resetServer()));
    expect(r.obs.versions.every((v) => v.outcome === 'unknown')).toBe(true);
    expect(r.versions.status).toBe('unknown');
    expect(r.redirect.status).toBe('unknown');
  });

  it('a plain HTTP server that trickles its headers: unknown at the timeout', async () => {
    const host = 'trickle.example.test';
    const t0 = Date.now();
    const r = await probe(host, await tlsFor(host, HSTS_YEAR), await up(trickleServer(50)), { timeoutMs: 600 });
    expect(r.redirect.status).toBe('unknown');
    expect(r.redirect.message).toContain('no complete response headers within');
    expect(Date.now() - t0).toBeLessThan(4000);
  });

  it('the total budget bounds a run of many hanging endpoints', async () => {
    const port = await up(hangServer());
    const hosts = Array.from({ length: 12 }, (_, i) => `h${i}.budget.test`);
    const t0 = Date.now();
    const run = await probeTargets(
      hosts.map((h) => ({ ...parseTarget(h), httpPort: null })),
      options(hosts.map((h) => `${h}:443=127.0.0.1:${port}`), { timeoutMs: 1000, budgetMs: 1500, concurrency: 2 }),
    );
    expect(Date.now() - t0).toBeLessThan(3000);
    const findings = probeFindings(run.observations, { ...DEFAULT_JUDGE, tlsMin: '1.2' }, CONTROLS);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.status === 'unknown')).toBe(true);
    expect(findings.some((f) => /budget/.test(f.message))).toBe(true);
  });
});

describe('safety', () => {
  it('paces connections to one host and sends only GET / without a body', async () => {
    const host = 'paced.example.test';
    const times: number[] = [];
    const requests: string[] = [];
    const tls = await httpsServer(pki.leaf([host]), '1.2', '1.3', HSTS_YEAR);
    tls.onConnection(() => times.push(Date.now()));
    running.push(tls);
    const { default: http } = await import('node:http');
    const plain = http.createServer((req, res) => {
      let body = 0;
      req.on('data', (d: Buffer) => (body += d.length));
      req.on('end', () => {
        requests.push(`${req.method} ${req.url} body=${body} te=${req.headers['transfer-encoding'] ?? '-'}`);
        res.writeHead(301, { Location: `https://${host}/` }).end();
      });
    });
    plain.on('connection', () => times.push(Date.now()));
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (plain.address() as { port: number }).port;
      const r = await probe(host, tls.port, port, { perHostIntervalMs: 300 });
      expect(r.redirect.status).toBe('pass');
      expect(times.length).toBe(r.obs.handshakes + r.obs.requests);
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      // Timers never fire early; the margin covers when the server side notices each connection on a loaded machine.
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(200);
      expect(requests).toEqual(['GET / body=0 te=-']);
    } finally {
      plain.close();
    }
  });

  it('a name the resolver cannot answer is unknown, and a denied address is never connected to', async () => {
    const run = await probeTargets([parseTarget('nowhere.example.test')], options([]));
    expect(run.observations[0]!.error).toMatch(/must come from --probe-resolve/);
    const f = probeFindings(run.observations, { ...DEFAULT_JUDGE, tlsMin: '1.2' }, CONTROLS);
    expect(f.map((x) => x.status)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    let connected = 0;
    const s = await hangServer();
    running.push(s);
    s.onConnection(() => connected++);
    const denied = await probeTargets([parseTarget('deny.example.test')], options([`deny.example.test=127.0.0.1:${s.port}`], { deny: new HostList(['127.0.0.0/8'], '--probe-deny') }));
    expect(denied.skipped[0]!.why).toMatch(/denied by --probe-deny/);
    expect(denied.observations).toEqual([]);
    expect(connected).toBe(0);
  });
});

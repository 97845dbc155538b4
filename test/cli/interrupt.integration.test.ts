/**
 * An interrupted run (RunContext.signal aborted in-process; SIGINT to the
 * real bin/vouch) stops its calls in flight, makes no new ones, and fails
 * closed: the report is still written, what was not read is unknown with an
 * INTERRUPTED coverage failure, and the exit code says incomplete (3). A
 * second Ctrl-C exits at once (130). The fixture DigitalOcean API sits behind
 * the fault proxy, which hangs every request: only the interrupt can end it.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main.js';
import { capturedContext } from '../../src/cli/context.js';
import { startDoServer, type DoServer } from '../cloud/digitalocean/server.js';
import { compliantWorld } from '../cloud/digitalocean/world.js';
import { startFaultProxy, type FaultProxy } from '../cloud/proxy.js';
import { BIN, ROOT } from '../helpers/cli.js';
import { startGcpServer, type GcpFixtureServer } from '../cloud/gcp/server.js';
import { CLAIMS_YAML, shopWorld } from '../gcp/worlds.js';
import { GCP_APIS } from '../../src/sources/providers/gcp/collectors/transport.js';

const TOKEN = 'dop_v1_' + 'a1b2'.repeat(15) + 'beef';
let server: DoServer;
let hanging: FaultProxy;
let gcpServer: GcpFixtureServer;
let gcpHanging: FaultProxy;
let dir: string;
let claims: string;

interface Evidence {
  findings: { status: string }[];
  coverage: { failures?: { code: string; operation: string; message: string }[] };
  summary: { incomplete: boolean; exitCode: number };
}

beforeAll(async () => {
  server = await startDoServer(compliantWorld(), { token: TOKEN });
  hanging = await startFaultProxy(server.url, [{ match: () => true, fault: { kind: 'hang' } }]);
  gcpServer = await startGcpServer(shopWorld(false));
  gcpHanging = await startFaultProxy(gcpServer.url, [{ match: () => true, fault: { kind: 'hang' } }]);
  dir = mkdtempSync(join(tmpdir(), 'vouch-interrupt-'));
  claims = join(dir, 'claims.yaml');
  writeFileSync(
    claims,
    `version: 1
name: interrupt
parameters:
  tlsMin: "1.2"
  allowedRegions: [US, EU]
claims:
  - id: do
    text: Data at rest is encrypted and stays in the US and EU.
    controls: [enc-rest, data-residency]
`,
  );
});

afterAll(async () => {
  await gcpHanging?.close();
  await gcpServer?.close();
  await hanging?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const scanArgs = (api: string, out: string) => ['scan', 'digitalocean', '--endpoint', `api=${api}`, '--request-timeout', '120', '--claims', claims, '--format', 'json', '--out', out, '--quiet'];
const env = { DIGITALOCEAN_TOKEN: TOKEN };

/** Resolves once the proxy has seen `n` more requests than now. */
async function requestsSeen(proxy: FaultProxy, n: number, timeoutMs = 10_000): Promise<void> {
  const target = proxy.stats.requests + n;
  const until = Date.now() + timeoutMs;
  while (proxy.stats.requests < target) {
    if (Date.now() > until) throw new Error(`the proxy saw ${proxy.stats.requests} requests, expected ${target}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('an interrupted scan fails closed', () => {
  it('in-process: aborting RunContext.signal mid-scan ends hung calls at once; report written, INTERRUPTED gaps, exit 3', async () => {
    const out = join(dir, 'in-process');
    const abort = new AbortController();
    const ctx = capturedContext({ env, signal: abort.signal });
    const started = Date.now();
    const running = run(scanArgs(hanging.url, out), ctx);
    await requestsSeen(hanging, 1);
    abort.abort('test');
    const code = await running;
    const ms = Date.now() - started;
    // Each hung call would wait 120 s (--request-timeout); the interrupt ends the run in seconds.
    expect(ms, ctx.err()).toBeLessThan(15_000);
    expect(code, ctx.err()).toBe(3);
    const doc = JSON.parse(readFileSync(join(out, 'evidence.json'), 'utf8')) as Evidence;
    expect(doc.summary.incomplete).toBe(true);
    const codes = (doc.coverage.failures ?? []).map((f) => f.code);
    expect(codes).toContain('INTERRUPTED');
    expect((doc.coverage.failures ?? []).some((f) => f.code === 'INTERRUPTED' && /interrupted \(test\)/.test(f.message))).toBe(true);
    expect(doc.findings.filter((f) => f.status === 'pass')).toEqual([]);
  }, 30_000);

  it('in-process: GCP too: an interrupted scan gcp records its hung calls as INTERRUPTED (never retried), report written, exit 3', async () => {
    const out = join(dir, 'gcp');
    writeFileSync(join(dir, 'gcp-claims.yaml'), CLAIMS_YAML);
    const abort = new AbortController();
    const ctx = capturedContext({ env: { HOME: '/nonexistent', NO_GCE_CHECK: 'true', METADATA_SERVER_DETECTION: 'none' }, signal: abort.signal });
    const started = Date.now();
    const running = run(['scan', 'gcp', '--project', 'shop-prod', ...GCP_APIS.flatMap((a) => ['--endpoint', `${a}=${gcpHanging.url}`]), '--request-timeout', '120', '--claims', join(dir, 'gcp-claims.yaml'), '--format', 'json', '--out', out, '--quiet'], ctx);
    await requestsSeen(gcpHanging, 1);
    abort.abort('test');
    const code = await running;
    expect(Date.now() - started, ctx.err()).toBeLessThan(15_000);
    expect(code, ctx.err()).toBe(3);
    const doc = JSON.parse(readFileSync(join(out, 'evidence.json'), 'utf8')) as Evidence;
    const failures = doc.coverage.failures ?? [];
    // The hung call itself (a GCP operation such as cloudresourcemanager.projects.get), not only the run's own record.
    expect(failures.some((f) => f.code === 'INTERRUPTED' && /^[a-z]+\.[a-zA-Z.]+$/.test(f.operation)), JSON.stringify(failures)).toBe(true);
    expect(failures.map((f) => f.code)).not.toContain('DEADLINE_EXCEEDED');
    expect(doc.findings.filter((f) => f.status === 'pass')).toEqual([]);
  }, 30_000);

  it('in-process: a run whose signal is not aborted is not stopped by another run being interrupted at the same time', async () => {
    const clean = join(dir, 'clean');
    const stopped = join(dir, 'stopped');
    const abort = new AbortController();
    const a = capturedContext({ env, signal: abort.signal });
    const b = capturedContext({ env });
    const first = run(scanArgs(hanging.url, stopped), a);
    await requestsSeen(hanging, 1);
    const second = run(scanArgs(server.url, clean), b);
    abort.abort('test');
    const [codeA, codeB] = await Promise.all([first, second]);
    expect(codeA, a.err()).toBe(3);
    const doc = JSON.parse(readFileSync(join(clean, 'evidence.json'), 'utf8')) as Evidence;
    expect((doc.coverage.failures ?? []).map((f) => f.code)).not.toContain('INTERRUPTED');
    expect(doc.findings.filter((f) => f.status === 'pass').length, b.err()).toBeGreaterThan(0);
    expect(codeB, b.err()).not.toBe(2);
  }, 30_000);

  it('in-process: an interrupted plan scan prints no plan (a partial one would shard a scan that misses units), exit 2', async () => {
    const abort = new AbortController();
    const ctx = capturedContext({ env, signal: abort.signal });
    const started = Date.now();
    const running = run(['plan', 'scan', 'digitalocean', '--shards', '2', '--endpoint', `api=${hanging.url}`, '--request-timeout', '120'], ctx);
    await requestsSeen(hanging, 1);
    abort.abort('test');
    const code = await running;
    expect(Date.now() - started, ctx.err()).toBeLessThan(15_000);
    expect(code, ctx.err()).toBe(2);
    expect(ctx.err()).toMatch(/plan scan digitalocean: interrupted; no plan printed/);
    expect(ctx.out()).toBe('');
  }, 30_000);

  function spawnScan(out: string) {
    const child = spawn(process.execPath, [BIN, ...scanArgs(hanging.url, out)], {
      cwd: ROOT,
      env: { ...process.env, CI: 'true', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
      child.on('close', (code) => {
        clearTimeout(killer);
        resolve({ code, stderr });
      }),
    );
    return { child, exited };
  }

  it('bin/vouch: SIGINT mid-scan writes the report as incomplete and exits 3', async () => {
    const out = join(dir, 'sigint');
    const started = Date.now();
    const { child, exited } = spawnScan(out);
    await requestsSeen(hanging, 1, 20_000);
    child.kill('SIGINT');
    const r = await exited;
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/SIGINT: stopping/);
    expect(r.stderr).not.toContain(TOKEN);
    const doc = JSON.parse(readFileSync(join(out, 'evidence.json'), 'utf8')) as Evidence;
    expect(doc.coverage.failures?.map((f) => f.code)).toContain('INTERRUPTED');
  }, 40_000);

  // A scan's calls end the moment it is interrupted, so its run is over before a second Ctrl-C could
  // matter. A probe handshake already in flight is not cut (it ends at --probe-timeout): that is the
  // wait a second Ctrl-C skips. The endpoint accepts the connection and never answers.
  it('bin/vouch: a second SIGINT exits at once with 130 and writes no report', async () => {
    let connected!: () => void;
    const firstConnection = new Promise<void>((r) => (connected = r));
    const sockets = new Set<Socket>();
    const silent = createServer((s) => {
      sockets.add(s);
      connected();
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    const out = join(dir, 'sigint-twice');
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, 'probe', `127.0.0.1:${port}`, '--probe-timeout', '60', '--format', 'json', '--out', out, '--quiet'], {
      cwd: ROOT,
      env: { ...process.env, CI: 'true', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stopping!: () => void;
    const firstSeen = new Promise<void>((r) => (stopping = r));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (stderr.includes('SIGINT: stopping')) stopping();
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await firstConnection;
      child.kill('SIGINT');
      await firstSeen;
      child.kill('SIGINT');
      const code = await exited;
      expect(code, stderr).toBe(130);
      expect(Date.now() - started).toBeLessThan(25_000);
      expect(stderr).toMatch(/SIGINT again: exiting now, no report written/);
      expect(existsSync(join(out, 'evidence.json'))).toBe(false);
    } finally {
      clearTimeout(killer);
      for (const s of sockets) s.destroy();
      silent.close();
    }
  }, 40_000);
});

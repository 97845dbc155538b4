/**
 * The fault suite, GCP: every answer class given to every call of a real
 * `bin/vouch scan gcp` process (all APIs routed through the fault proxy in
 * front of the GCP fixture server, compliant world). Exit 3 with the report,
 * nothing passes, no token in the output, bounded time and memory.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGcpServer, googleError, type GcpFixtureServer } from '../cloud/gcp/server.js';
import { startFaultProxy, type FaultProxy } from '../cloud/proxy.js';
import { GCP_APIS } from '../../src/sources/providers/gcp/collectors/transport.js';
import { CLAIMS_YAML, shopWorld } from '../gcp/worlds.js';
import { FAULT_CLASSES, faultRules, runMeasured, cleanupRun, assertFailedClosed, report, type Row } from './harness.js';

const ENV = { HOME: '/nonexistent', GOOGLE_APPLICATION_CREDENTIALS: '/nonexistent/adc.json', NO_GCE_CHECK: 'true', METADATA_SERVER_DETECTION: 'none', VOUCH_GCP_RETRY_BASE_MS: '5' };
let server: GcpFixtureServer;
let proxy: FaultProxy;
let dir: string;
let claims: string;
const rows: Row[] = [];

const ERRORS = {
  forbidden: () => ({ kind: 'respond' as const, status: 403, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: googleError(403, 'PERMISSION_DENIED', "Permission 'storage.buckets.list' denied", 'forbidden') }),
  throttled: () => ({ kind: 'respond' as const, status: 429, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: googleError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded for quota metric Read requests', 'rateLimitExceeded') }),
};

const args = () => ['scan', 'gcp', '--project', 'shop-prod', ...GCP_APIS.flatMap((a) => ['--endpoint', `${a}=${proxy.url}`]), '--request-timeout', '1', '--claims', claims, '--format', 'json', '--quiet'];

beforeAll(async () => {
  server = await startGcpServer(shopWorld(false));
  proxy = await startFaultProxy(server.url);
  dir = mkdtempSync(join(tmpdir(), 'vouch-gcp-fault-suite-'));
  claims = join(dir, 'claims.yaml');
  writeFileSync(claims, CLAIMS_YAML);
});

afterAll(async () => {
  report('GCP (scan gcp --project shop-prod, every API faulted; fixture server behind the fault proxy; --request-timeout 1, 4 attempts)', rows);
  await proxy?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scan gcp under every answer class', () => {
  it('clean: the same world, unfaulted, passes what it reads', async () => {
    proxy.setRules([]);
    const run = await runMeasured(args(), ENV);
    rows.push({ cloud: 'gcp', fault: '(none)', code: run.code, ms: run.ms, peakMb: run.peakMb, note: 'baseline' });
    expect(run.evidence, run.stderr).toBeDefined();
    expect((JSON.parse(run.evidence!).findings as { status: string }[]).filter((f) => f.status === 'pass').length).toBeGreaterThan(5);
    cleanupRun(run);
  }, 60_000);

  for (const fault of FAULT_CLASSES) {
    it(`${fault}: exit 3, report written, nothing passes, bounded`, async () => {
      proxy.setRules(faultRules(fault, () => true, ERRORS));
      const run = await runMeasured(args(), ENV);
      try {
        const { codes } = assertFailedClosed({ run, secrets: ['vouch-loopback-dummy-token'], maxMs: 45_000, maxMb: 600 }, expect as never);
        rows.push({ cloud: 'gcp', fault, code: run.code, ms: run.ms, peakMb: run.peakMb, note: codes.join(', ') });
        expect(run.code, run.stderr).toBe(3);
        if (fault === 'empty-200' || fault === 'html-200' || fault === 'truncated') expect(codes).toContain('BAD_RESPONSE');
        if (fault === 'trickle' || fault === 'hang') expect(codes).toContain('DEADLINE_EXCEEDED');
      } finally {
        cleanupRun(run);
      }
    }, 60_000);
  }
});

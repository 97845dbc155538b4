/**
 * The fault suite, DigitalOcean: every answer class given to every API call of
 * a real `bin/vouch scan digitalocean` process (the fixture server behind the
 * fault proxy, compliant world), plus the API answering `{}` to every call.
 * Exit 3 with the report, nothing passes, the token never printed, bounded.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDoServer, ERRORS as DO_ERRORS, type DoServer } from '../cloud/digitalocean/server.js';
import { compliantWorld } from '../cloud/digitalocean/world.js';
import { startFaultProxy, type FaultProxy } from '../cloud/proxy.js';
import { FAULT_CLASSES, faultRules, runMeasured, cleanupRun, assertFailedClosed, report, type Row } from './harness.js';

const TOKEN = 'dop_v1_' + 'fa17'.repeat(15) + 'cafe';
const ENV = { DIGITALOCEAN_TOKEN: TOKEN, SPACES_ACCESS_KEY_ID: undefined, SPACES_SECRET_ACCESS_KEY: undefined };
let server: DoServer;
let proxy: FaultProxy;
let dir: string;
let claims: string;
const rows: Row[] = [];

const ERRORS = {
  forbidden: () => ({ kind: 'respond' as const, status: 403, body: JSON.stringify({ id: 'Forbidden', message: 'You are not authorized to perform this operation' }) }),
  throttled: () => ({ kind: 'respond' as const, status: 429, headers: { 'retry-after': '1' }, body: JSON.stringify(DO_ERRORS.tooMany) }),
};

const args = () => ['scan', 'digitalocean', '--endpoint', `api=${proxy.url}`, '--request-timeout', '1', '--max-rate-limit-wait', '2', '--claims', claims, '--format', 'json', '--quiet'];

beforeAll(async () => {
  server = await startDoServer(compliantWorld(), { token: TOKEN });
  proxy = await startFaultProxy(server.url);
  server.publicUrl = proxy.url;
  dir = mkdtempSync(join(tmpdir(), 'vouch-do-fault-suite-'));
  claims = join(dir, 'claims.yaml');
  writeFileSync(
    claims,
    `version: 1
name: do-faults
parameters:
  tlsMin: "1.2"
  backup: { maxDays: 35, minDays: 14, mode: max }
  allowedRegions: [US, EU]
  adminCidrs: [203.0.113.0/24]
  bastion: { doTags: [bastion] }
claims:
  - id: do
    text: Every DigitalOcean promise.
    controls: [enc-rest, tls-min, https-redirect, cache-no-backup, backup-retention, data-residency, bastion-only, public-access]
`,
  );
});

afterAll(async () => {
  report('DigitalOcean (scan digitalocean, every API call faulted; fixture server behind the fault proxy; --request-timeout 1, 3 retries)', rows);
  await proxy?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scan digitalocean under every answer class', () => {
  it('clean: the same world, unfaulted, passes what it reads', async () => {
    proxy.setRules([]);
    const run = await runMeasured(args(), ENV);
    rows.push({ cloud: 'digitalocean', fault: '(none)', code: run.code, ms: run.ms, peakMb: run.peakMb, note: 'baseline (Spaces: no key, unknown)' });
    expect(run.evidence, run.stderr).toBeDefined();
    expect((JSON.parse(run.evidence!).findings as { status: string }[]).filter((f) => f.status === 'pass').length).toBeGreaterThan(5);
    cleanupRun(run);
  }, 60_000);

  for (const fault of [...FAULT_CLASSES, 'empty-json'] as const) {
    it(`${fault}: exit 3, report written, nothing passes, bounded`, async () => {
      proxy.setRules(
        fault === 'empty-json'
          ? [{ match: () => true, fault: { kind: 'respond', status: 200, body: '{}' } }]
          : faultRules(fault, () => true, ERRORS),
      );
      const run = await runMeasured(args(), ENV);
      try {
        const { codes } = assertFailedClosed({ run, secrets: [TOKEN, TOKEN.slice(7, 40)], maxMs: 45_000, maxMb: 600 }, expect as never);
        rows.push({ cloud: 'digitalocean', fault: fault === 'empty-json' ? '{} to every call' : fault, code: run.code, ms: run.ms, peakMb: run.peakMb, note: codes.join(', ') });
        expect(run.code, run.stderr).toBe(3);
        if (fault === 'empty-200' || fault === 'html-200') expect(codes).toContain('BAD_RESPONSE');
        if (fault === 'empty-json') expect(codes).toContain('MalformedResponse');
        if (fault === 'trickle' || fault === 'hang') expect(codes).toContain('Timeout');
      } finally {
        cleanupRun(run);
      }
    }, 60_000);
  }
});

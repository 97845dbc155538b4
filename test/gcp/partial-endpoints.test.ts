/**
 * `vouch scan gcp --project P --endpoint storage=http://127.0.0.1:…` with no
 * Google credentials (the --help example): Cloud Storage, routed to loopback,
 * is read; every other API has no credential, so its checks are `unknown`
 * "no credentials" and the run exits 3 with its report, instead of exit 2.
 * With nothing routed and no credentials it stays one clear line, exit 2.
 */
import { describe, it, expect } from 'vitest';
import { runScan, cleanup, fixtureCloud, findingsOf } from './helpers.js';
import { CLAIMS_YAML, shopWorld } from './worlds.js';

const NO_ADC = { HOME: '/nonexistent', GOOGLE_APPLICATION_CREDENTIALS: '/nonexistent/adc.json', NO_GCE_CHECK: 'true', METADATA_SERVER_DETECTION: 'none', CI: 'true' };
// The compliant world: whatever was read passes, so the exit code is decided by what was not.
const cloud = fixtureCloud(() => shopWorld(false));

describe('scan gcp with only some APIs routed to loopback and no credentials', () => {
  it('reads the routed API, reports the others unknown "no credentials", exit 3', async () => {
    const run = await runScan(['--project', 'shop-prod', '--endpoint', `storage=${cloud.server.url}`, '--quiet'], CLAIMS_YAML, NO_ADC);
    try {
      expect(run.code, run.stderr).toBe(3);
      // Storage was read: its verdicts are real ones.
      expect(findingsOf(run.doc, 'enc-rest/gcp-storage-bucket', 'shop-assets').map((f) => f.status)).toEqual(['pass']);
      expect(run.doc.findings.filter((f) => f.resource.type === 'gcp.storage.bucket' && f.status === 'pass').length).toBeGreaterThan(1);
      // The other APIs were not: nothing of theirs passes, and the reason is the credential.
      const others = run.doc.findings.filter((f) => f.resource.type.startsWith('gcp.') && !f.resource.type.startsWith('gcp.storage'));
      expect(others.length).toBeGreaterThan(0);
      expect(others.filter((f) => f.status === 'pass' || f.status === 'fail')).toEqual([]);
      expect(others.some((f) => /NO_CREDENTIALS/.test(f.message))).toBe(true);
      const codes = new Set((run.doc.coverage.failures ?? []).map((f) => f.code));
      expect(codes.has('NO_CREDENTIALS')).toBe(true);
      expect([...codes].filter((c) => c !== 'NO_CREDENTIALS' && c !== 'COLLECTOR_ERROR')).toEqual([]);
      const calls = run.doc.coverage.calls ?? {};
      expect(Object.keys(calls).some((k) => k.startsWith('storage.'))).toBe(true);
      // The dummy loopback token never appears; no credential file was quoted.
      expect(JSON.stringify(run.doc) + run.stderr + run.stdout).not.toMatch(/vouch-loopback-dummy-token/);
    } finally {
      cleanup(run);
    }
  });

  it('with nothing routed to loopback and no credentials: one line, exit 2', async () => {
    const run = await runScan(['--project', 'shop-prod', '--quiet'], CLAIMS_YAML, NO_ADC);
    try {
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^vouch: gcp: no Google credentials/);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      cleanup(run);
    }
  });
});

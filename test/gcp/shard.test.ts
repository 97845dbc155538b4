/**
 * `vouch scan gcp --shard K/N`: one work unit per project. Two shards of an
 * organization, merged, equal the unsharded scan finding for finding, and
 * `vouch plan scan gcp` splits the projects exactly as the shards did.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGcpServer, type GcpFixtureServer } from '../cloud/gcp/server.js';
import { CLAIMS_YAML, shopWorld } from './worlds.js';
import { cleanup, endpointsTo, runScan, type ScanRun } from './helpers.js';
import { runVouch } from '../helpers/in-process.js';
import type { EvidenceDocument } from '../../src/findings/evidence.js';

let server: GcpFixtureServer;
const runs: ScanRun[] = [];
const work = mkdtempSync(join(tmpdir(), 'vouch-gcp-shard-'));

beforeAll(async () => {
  server = await startGcpServer(shopWorld(true));
});
afterAll(async () => {
  runs.forEach(cleanup);
  rmSync(work, { recursive: true, force: true });
  await server.close();
});

const verdicts = (d: EvidenceDocument) => d.findings.map((f) => `${f.fingerprint} ${f.status}`).sort();

describe('vouch scan gcp --shard', () => {
  it('two shards merged equal the plain scan; plan matches what each shard scanned', async () => {
    const scan = async (extra: string[]) => {
      const r = await runScan(['--organization', '100', ...endpointsTo(server.url), '--concurrency', '4', '--quiet', ...extra], CLAIMS_YAML);
      runs.push(r);
      return r;
    };
    const plain = await scan([]);
    const units = plain.doc.coverage.plannedUnits!;
    expect(units.length).toBeGreaterThanOrEqual(2);
    expect(units.every((u) => u.startsWith('gcp:'))).toBe(true);
    expect(plain.doc.coverage.units!.map((u) => u.id)).toEqual(units);

    const shards = [await scan(['--shard', '0/2']), await scan(['--shard', '1/2'])];
    const plan = await runVouch(['plan', 'scan', 'gcp', '--organization', '100', ...endpointsTo(server.url), '--shards', '2']);
    expect(plan.code, plan.stderr).toBe(0);
    const p = JSON.parse(plan.stdout) as { units: number; plan: { shard: number; units: string[] }[] };
    expect(p.units).toBe(units.length);
    for (const [k, s] of shards.entries()) {
      expect(s.doc.coverage.plannedUnits).toEqual(units);
      expect(s.doc.coverage.shard).toEqual({ index: k, count: 2 });
      expect((s.doc.coverage.units ?? []).map((u) => u.id)).toEqual(p.plan[k]!.units);
    }

    const merged = await runVouch(['merge', join(shards[0]!.dir, 'reports'), join(shards[1]!.dir, 'reports'), '--out', join(work, 'merged'), '--format', 'json', '--quiet']);
    expect(merged.code).toBe(plain.code);
    const m: EvidenceDocument = JSON.parse(readFileSync(join(work, 'merged', 'evidence.json'), 'utf8'));
    expect(verdicts(m)).toEqual(verdicts(plain.doc));
  }, 60_000);
});

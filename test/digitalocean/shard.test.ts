/**
 * `vouch scan digitalocean --shard K/N`: the team is one work unit. The shard
 * that owns it collects everything; any other shard reads only the account
 * (to name the unit) and records the plan. Merged, they equal a plain run.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDoServer, type DoServer } from '../cloud/digitalocean/server.js';
import { compliantWorld } from '../cloud/digitalocean/world.js';
import { runVouch } from '../helpers/in-process.js';
import { shardOf } from '../../src/findings/shard.js';
import type { EvidenceDocument } from '../../src/findings/evidence.js';

const TOKEN = 'dop_v1_' + 'a1b2c3'.repeat(10) + 'f00d';
const work = mkdtempSync(join(tmpdir(), 'vouch-do-shard-'));
let server: DoServer;

beforeAll(async () => {
  server = await startDoServer(compliantWorld(), { token: TOKEN, withCredentials: true });
});
afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

const env = { DIGITALOCEAN_TOKEN: TOKEN, SPACES_ACCESS_KEY_ID: undefined, SPACES_SECRET_ACCESS_KEY: undefined, CI: 'true' };
async function scan(name: string, extra: string[] = []): Promise<{ code: number; doc: EvidenceDocument; urls: string[] }> {
  const from = server.log.length;
  const r = await runVouch(['scan', 'digitalocean', '--endpoint', `api=${server.url}`, '--out', join(work, name), '--format', 'json', '--quiet', ...extra], env);
  return { code: r.code, doc: JSON.parse(readFileSync(join(work, name, 'evidence.json'), 'utf8')), urls: server.log.slice(from).map((x) => x.url) };
}
const verdicts = (d: EvidenceDocument) => d.findings.map((f) => `${f.fingerprint} ${f.status}`).sort();

describe('vouch scan digitalocean --shard', () => {
  it('only the owning shard collects; merged, the shards equal a plain run; plan names the one unit', async () => {
    const plain = await scan('plain');
    const team = plain.doc.coverage.accounts!.digitalocean![0]!;
    const unit = `digitalocean:${team}`;
    expect(plain.doc.coverage.plannedUnits).toEqual([unit]);
    expect(plain.doc.coverage.units).toEqual([{ id: unit, status: 'done' }]);

    const owner = shardOf(unit, 2);
    const [mine, other] = [await scan('owner', ['--shard', `${owner}/2`]), await scan('other', ['--shard', `${1 - owner}/2`])];
    expect(mine.doc.coverage.units).toEqual([{ id: unit, status: 'done' }]);
    expect(verdicts(mine.doc)).toEqual(verdicts(plain.doc));
    expect(other.doc.findings).toEqual([]);
    expect(other.doc.coverage.units ?? []).toEqual([]);
    expect(other.doc.coverage.plannedUnits).toEqual([unit]);
    expect(other.doc.coverage.shard).toEqual({ index: 1 - owner, count: 2 });
    expect(other.urls).toEqual(['/v2/account']);

    const merged = await runVouch(['merge', join(work, 'owner'), join(work, 'other'), '--out', join(work, 'merged'), '--format', 'json', '--quiet']);
    expect(merged.code).toBe(plain.code);
    const m: EvidenceDocument = JSON.parse(readFileSync(join(work, 'merged', 'evidence.json'), 'utf8'));
    expect(verdicts(m)).toEqual(verdicts(plain.doc));
    expect(m.coverage.units).toEqual([{ id: unit, status: 'done' }]);

    // The owner alone missing: its unit is listed missing.
    const alone = await runVouch(['merge', join(work, 'other'), '--out', join(work, 'alone'), '--format', 'json', '--quiet']);
    expect(alone.code).toBe(3);

    const plan = await runVouch(['plan', 'scan', 'digitalocean', '--shards', '2', '--endpoint', `api=${server.url}`], env);
    expect(plan.code, plan.stderr).toBe(0);
    expect(JSON.parse(plan.stdout)).toEqual({ shards: 2, units: 1, plan: [0, 1].map((s) => ({ shard: s, units: s === owner ? [unit] : [] })) });
  }, 60_000);
});

import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Inventory } from '../src/model/inventory.js';
import type { Resource } from '../src/model/resource.js';
import { loadRules } from '../src/evaluate/registry.js';
import { runEvaluation } from '../src/evaluate/run.js';
import { defaultProfile } from '../src/evaluate/claims-profile.js';
import { mergeEvidence, unitOfFinding } from '../src/findings/merge.js';
import { planShards, shardOf, parseShard, unitsForShard } from '../src/findings/shard.js';
import { runInProcess as runVouch } from './helpers/in-process.js';
import { evidenceErrors } from './helpers/evidence-schema.js';

const rules = await loadRules();
const UNITS = ['aws:111111111111:eu-west-1', 'aws:111111111111:us-east-1', 'aws:222222222222:eu-west-1', 'aws:222222222222:us-east-1'];

/** A regional resource (an EBS volume): it is read in the unit aws:<account>:<region>. */
function volume(account: string, region: string, name: string, encrypted: boolean): Resource {
  const arn = `arn:aws:ec2:${region}:${account}:volume/${name}`;
  return { type: 'aws.ec2.volume', provider: 'aws', source: 'live', id: arn, name, properties: { Encrypted: encrypted }, location: { account, region, arn }, relations: {} };
}

/** The evidence a shard would write for the units it owns. */
function shardRun(index: number, count: number) {
  const mine = UNITS.filter((u) => shardOf(u, count) === index);
  const resources = mine.map((u, i) => {
    const [, account, region] = u.split(':');
    return volume(account!, region!, `vol-${account}-${region}`, i % 2 === 0);
  });
  const inv = new Inventory(resources, { plannedUnits: UNITS, units: mine.map((id) => ({ id, status: 'done' as const })), shard: { index, count }, calls: { 'ec2:DescribeVolumes': mine.length } });
  return runEvaluation({ inventory: inv, rules, profile: defaultProfile(), command: `scan aws --shard ${index}/${count}`, inputs: [] });
}

describe('shards', () => {
  it('assign every unit to exactly one shard, stably', () => {
    const many = Array.from({ length: 1000 }, (_, i) => `aws:${100000000000 + i}:eu-west-1`);
    const plan = planShards(many, 4);
    expect(plan.flatMap((p) => p.units).sort()).toEqual([...many].sort());
    for (const p of plan) expect(p.units.length).toBeGreaterThan(200);
    expect(planShards(many, 4)).toEqual(plan);
    expect(unitsForShard(many.map((id) => ({ id })), parseShard('2/4')).map((u) => u.id)).toEqual(plan[2]!.units.slice().sort((a, b) => many.indexOf(a) - many.indexOf(b)));
    expect(() => parseShard('4/4')).toThrow(/K must be below N/);
    expect(() => parseShard('x')).toThrow(/expected K\/N/);
  });
});

describe('merge', () => {
  it('equals the union of the shards, finding for finding, and merging a shard twice does not double it', () => {
    const shards = [0, 1].map((i) => shardRun(i, 2));
    const { doc, duplicates } = mergeEvidence([
      { origin: 's0', doc: shards[0]! },
      { origin: 's1', doc: shards[1]! },
      { origin: 's1-again', doc: shards[1]! },
    ]);
    expect(duplicates).toEqual(['s1-again']);
    const union = [...shards[0]!.findings, ...shards[1]!.findings].map((f) => f.fingerprint).sort();
    expect(doc.findings.map((f) => f.fingerprint).sort()).toEqual(union);
    expect(doc.coverage.units?.every((u) => u.status === 'done')).toBe(true);
    expect(doc.coverage.calls?.['ec2:DescribeVolumes']).toBe(4);
    expect(doc.summary.exitCode).toBe(1);
    expect(evidenceErrors(doc)).toEqual([]);
  });

  it('lists units no shard finished as missing and makes the run incomplete', () => {
    const count = 4;
    const present = [0, 1, 2, 3].filter((i) => UNITS.some((u) => shardOf(u, count) === i));
    const lost = present[present.length - 1]!;
    const docs = present.filter((i) => i !== lost).map((i) => ({ origin: `s${i}`, doc: shardRun(i, count) }));
    const { doc } = mergeEvidence(docs);
    const missing = doc.coverage.units!.filter((u) => u.status === 'missing').map((u) => u.id);
    expect(missing.sort()).toEqual(UNITS.filter((u) => shardOf(u, count) === lost).sort());
    expect(doc.summary.incomplete).toBe(true);
  });

  it('vouch merge reads a directory of shard outputs and exits 3 when a unit is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-merge-'));
    const s0 = shardRun(0, 2);
    for (const f of s0.findings) f.status = f.status === 'fail' ? 'pass' : f.status;
    mkdirSync(join(dir, 'shard-0'));
    writeFileSync(join(dir, 'shard-0', 'evidence.json'), JSON.stringify(s0));
    const r = await runVouch(['merge', dir, '--out', join(dir, 'merged'), '--format', 'json,md']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/planned units were finished by no shard/);
    const merged = JSON.parse(readFileSync(join(dir, 'merged', 'evidence.json'), 'utf8'));
    expect(merged.coverage.units.filter((u: { status: string }) => u.status === 'missing').length).toBe(UNITS.filter((u) => shardOf(u, 2) === 1).length);
    const bad = await runVouch(['merge', join(dir, 'merged', 'summary.md'), '--out', join(dir, 'x')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not valid JSON/);
  });

  it('vouch merge --max-age leaves out a stale shard (last night\'s evidence), so its units are missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-merge-age-'));
    const [s0, s1] = [shardRun(0, 2), shardRun(1, 2)];
    for (const d of [s0, s1]) for (const f of d.findings) f.status = f.status === 'fail' ? 'pass' : f.status;
    s1.run.startedAt = new Date(Date.now() - 26 * 3_600_000).toISOString();
    for (const [k, d] of [s0, s1].entries()) {
      mkdirSync(join(dir, `shard-${k}`));
      writeFileSync(join(dir, `shard-${k}`, 'evidence.json'), JSON.stringify(d));
    }
    const all = await runVouch(['merge', dir, '--out', join(dir, 'all'), '--format', 'json', '--quiet']);
    expect(all.code, all.stderr).toBe(0);
    const fresh = await runVouch(['merge', join(dir, 'shard-0'), join(dir, 'shard-1'), '--max-age', '12h', '--out', join(dir, 'fresh'), '--format', 'json', '--quiet']);
    expect(fresh.code, fresh.stderr).toBe(3);
    expect(fresh.stderr).toMatch(/shard-1.*older than --max-age 12h: not merged/);
    const merged = JSON.parse(readFileSync(join(dir, 'fresh', 'evidence.json'), 'utf8'));
    expect(merged.coverage.units.filter((u: { status: string }) => u.status === 'missing').map((u: { id: string }) => u.id).sort()).toEqual(UNITS.filter((u) => shardOf(u, 2) === 1).sort());
    const bad = await runVouch(['merge', dir, '--max-age', '12 hours', '--out', join(dir, 'x')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-age: expected a duration/);
  });

  it('a unit is done only for the shard that owns it: a shard marking another shard\'s unit done leaves it missing', () => {
    const count = 2;
    const s0 = shardRun(0, count);
    // The shard claims every unit, including the ones shard 1 owns.
    s0.coverage.units = UNITS.map((id) => ({ id, status: 'done' as const }));
    const { doc, warnings } = mergeEvidence([{ origin: 's0', doc: s0 }]);
    const missing = doc.coverage.units!.filter((u) => u.status === 'missing').map((u) => u.id).sort();
    expect(missing).toEqual(UNITS.filter((u) => shardOf(u, count) === 1).sort());
    expect(doc.summary.incomplete).toBe(true);
    expect(warnings.join('\n')).toMatch(/s0: shard 0\/2 reports \d+ unit\(s\) it does not own/);
  });

  it("a shard's findings for units it does not own are not merged, even when that shard finished last", () => {
    const count = 2;
    const s0 = shardRun(0, count);
    const s1 = shardRun(1, count);
    const theirs = s1.findings.find((f) => f.resource.source === 'live' && f.ruleId === 'enc-rest/aws-ec2-volume')!;
    expect(theirs).toBeDefined();
    // Shard 0 forges shard 1's finding as a pass (same fingerprint), plus a resource shard 1 never reported, and finishes later.
    const forged = { ...theirs, status: theirs.status === 'pass' ? ('fail' as const) : ('pass' as const), message: 'forged' };
    const invented = { ...theirs, fingerprint: 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0', resource: { ...theirs.resource, id: `${theirs.resource.id}-invented` }, message: 'invented' };
    s0.findings.push(forged, invented);
    s0.run.finishedAt = new Date(Date.parse(s1.run.finishedAt) + 1000).toISOString();
    const { doc, warnings } = mergeEvidence([{ origin: 's0', doc: s0 }, { origin: 's1', doc: s1 }]);
    const got = doc.findings.filter((f) => f.fingerprint === theirs.fingerprint);
    expect(got.map((f) => [f.status, f.message])).toEqual([[theirs.status, theirs.message]]);
    expect(doc.findings.some((f) => f.message === 'invented')).toBe(false);
    expect(warnings.join('\n')).toMatch(/s0: shard 0\/2 reports 2 finding\(s\) for units it does not own under the plan \(e\.g\. aws:\d+:[a-z0-9-]+\); ignored/);
    // Its own findings are all kept.
    for (const f of s0.findings.slice(0, -2)) expect(doc.findings.some((x) => x.fingerprint === f.fingerprint)).toBe(true);
  });

  it('findings are placed in units as the collectors read them: account-wide AWS types in the global unit', () => {
    const f = (type: string, provider: 'aws' | 'gcp' | 'digitalocean', account: string, region?: string) => unitOfFinding({ resource: { type, provider, source: 'live', id: 'x', account, region } } as never);
    expect(f('aws.s3.bucket', 'aws', '111111111111', 'eu-west-1')).toBe('aws:111111111111:global');
    expect(f('aws.iam.user', 'aws', '111111111111')).toBe('aws:111111111111:global');
    expect(f('aws.ec2.volume', 'aws', '111111111111', 'eu-west-1')).toBe('aws:111111111111:eu-west-1');
    expect(f('aws.ec2.volume', 'aws', '111111111111')).toBeUndefined();
    expect(f('gcp.compute.firewall', 'gcp', 'shop-prod')).toBe('gcp:shop-prod');
    expect(f('digitalocean.droplet', 'digitalocean', 'team-uuid')).toBe('digitalocean:team-uuid');
  });

  it('a shard dated in the future is an error, not the winner of every conflict', () => {
    const s0 = shardRun(0, 2);
    const s1 = shardRun(1, 2);
    s1.run.finishedAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    expect(() => mergeEvidence([{ origin: 's0', doc: s0 }, { origin: 'future', doc: s1 }])).toThrow(/future: run\.finishedAt .* is in the future/);
    s1.run.finishedAt = 'yesterday-ish';
    expect(() => mergeEvidence([{ origin: 's0', doc: s0 }, { origin: 'odd', doc: s1 }])).toThrow(/odd: run\.finishedAt is not a date/);
  });

  it('findings without a fingerprint do not collapse into one', () => {
    const s0 = shardRun(0, 1);
    const n = s0.findings.length;
    expect(n).toBeGreaterThan(1);
    for (const f of s0.findings) (f as { fingerprint?: string }).fingerprint = undefined;
    const { doc } = mergeEvidence([{ origin: 's0', doc: s0 }]);
    expect(doc.findings).toHaveLength(n);
  });

  it('vouch merge refuses a shard without run.finishedAt or fingerprints with one line (no "reading \'localeCompare\'")', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-merge-bad-'));
    const s0 = JSON.parse(JSON.stringify(shardRun(0, 2)));
    delete s0.run.finishedAt;
    writeFileSync(join(dir, 'a.evidence.json'), JSON.stringify(s0));
    const r = await runVouch(['merge', join(dir, 'a.evidence.json'), '--out', join(dir, 'o')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/a\.evidence\.json: not a vouch evidence document: run\.finishedAt/);
    expect(r.stderr).not.toMatch(/localeCompare/);
  });
});

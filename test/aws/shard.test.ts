/**
 * Sharded nightly scans on moto: an organization of four accounts with
 * violations spread across accounts and regions, scanned by three
 * `bin/vouch scan aws --shard K/3` processes in parallel and merged with
 * `vouch merge`, must equal one unsharded run finding for finding; a shard
 * killed midway leaves exactly its units listed as missing (merge exits 3);
 * `vouch plan scan aws` names every unit once and matches what each shard did.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMoto, type Moto } from './moto.js';
import { runVouch, BIN, ROOT } from '../helpers/cli.js';
import { shardOf } from '../../src/findings/shard.js';
import type { EvidenceDocument } from '../../src/findings/evidence.js';

const MGMT = '123456789012';
const REGIONS = ['eu-west-1', 'us-east-1'];
let moto: Moto;
let out: string;
let env: Record<string, string | undefined>;
let accounts: string[];
/** Where each seeded violation (an unencrypted EBS volume, severity high) lives. */
const unencrypted: { account: string; region: string; id: string }[] = [];

const scanArgs = () => ['scan', 'aws', '--org-role', 'OrganizationAccountAccessRole', '--regions', REGIONS.join(','), '--services', 's3,ec2', '--format', 'json', '--quiet'];

function load(dir: string): EvidenceDocument {
  return JSON.parse(readFileSync(join(dir, 'evidence.json'), 'utf8'));
}
const verdicts = (d: EvidenceDocument) => d.findings.map((f) => `${f.fingerprint} ${f.ruleId} ${f.resource.id} ${f.status}`).sort();

beforeAll(async () => {
  moto = await startMoto();
  out = mkdtempSync(join(tmpdir(), 'vouch-shard-'));
  const { OrganizationsClient, CreateOrganizationCommand, CreateAccountCommand } = await import('@aws-sdk/client-organizations');
  const { STSClient, AssumeRoleCommand } = await import('@aws-sdk/client-sts');
  const { S3Client, CreateBucketCommand } = await import('@aws-sdk/client-s3');
  const { EC2Client, CreateVolumeCommand } = await import('@aws-sdk/client-ec2');
  const base = { endpoint: moto.url, region: 'us-east-1', credentials: { accessKeyId: 'seed', secretAccessKey: 'seed' } };
  const org = new OrganizationsClient(base);
  await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const members: string[] = [];
  for (const n of [1, 2, 3]) members.push((await org.send(new CreateAccountCommand({ AccountName: `member-${n}`, Email: `m${n}@example.com` }))).CreateAccountStatus!.AccountId!);
  accounts = [MGMT, ...members].sort();

  // Every account gets a bucket and, in one of the two regions (alternating), an unencrypted EBS volume beside an encrypted one.
  await Promise.all(
    [MGMT, ...members].map(async (account, i) => {
      const c = (await new STSClient(base).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/Seed`, RoleSessionName: 'seed' }))).Credentials!;
      const creds = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken };
      await new S3Client({ ...base, forcePathStyle: true, credentials: creds }).send(new CreateBucketCommand({ Bucket: `vouch-shard-${account}` }));
      const region = REGIONS[i % 2]!;
      const ec2 = new EC2Client({ ...base, region, credentials: creds });
      const plain = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${region}a`, Size: 8, Encrypted: false }));
      await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${region}a`, Size: 8, Encrypted: true }));
      unencrypted.push({ account, region, id: plain.VolumeId! });
    }),
  );
  env = { AWS_ENDPOINT_URL: moto.url, AWS_ACCESS_KEY_ID: 'AKIAVOUCHSHARDTEST01', AWS_SECRET_ACCESS_KEY: 'shard-test-secret', AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined, AWS_REGION: 'us-east-1' };
}, 120_000);

afterAll(async () => {
  await moto?.stop();
});

const ALL_UNITS = () => accounts.flatMap((a) => [`aws:${a}:global`, ...REGIONS.map((r) => `aws:${a}:${r}`)]).sort();

describe('vouch scan aws --shard K/N across an organization (moto)', () => {
  let single: EvidenceDocument;
  let shards: EvidenceDocument[];

  it('three parallel shard processes, merged, equal one unsharded run finding for finding', async () => {
    const [one, ...parts] = await Promise.all([
      runVouch([...scanArgs(), '--out', join(out, 'single')], { env, timeoutMs: 120_000 }),
      ...[0, 1, 2].map((k) => runVouch([...scanArgs(), '--shard', `${k}/3`, '--out', join(out, 'night', `shard-${k}`)], { env, timeoutMs: 120_000 })),
    ]);
    expect(one!.code, one!.stderr).toBe(1); // unencrypted volumes fail: exit 1
    single = load(join(out, 'single'));
    shards = [0, 1, 2].map((k) => load(join(out, 'night', `shard-${k}`)));
    // Moto makes up the member account ids, so which shard owns a violation (or any unit at all)
    // changes from run to run: each shard exits as its own evidence says, and 1 when it owns the
    // unit of a seeded unencrypted volume (severity high).
    for (const [k, r] of parts.entries()) {
      expect(r.code, r.stderr).toBe(shards[k]!.summary.exitCode);
      if (unencrypted.some((o) => shardOf(`aws:${o.account}:${o.region}`, 3) === k)) expect(r.code, `shard ${k}`).toBe(1);
    }

    // The unsharded run records its units too.
    expect(single.coverage.plannedUnits).toEqual(ALL_UNITS());
    expect(single.coverage.units!.map((u) => `${u.id} ${u.status}`)).toEqual(ALL_UNITS().map((u) => `${u} done`));
    expect(single.coverage.shard).toBeUndefined();
    // Each shard plans the whole scan, owns its hash slice and did exactly that.
    for (const [k, d] of shards.entries()) {
      expect(d.coverage.shard).toEqual({ index: k, count: 3 });
      expect(d.coverage.plannedUnits).toEqual(ALL_UNITS());
      // A shard can own no unit at all (the hash of made-up account ids decides): then it lists none.
      expect((d.coverage.units ?? []).map((u) => u.id)).toEqual(ALL_UNITS().filter((u) => shardOf(u, 3) === k));
      expect((d.coverage.units ?? []).every((u) => u.status === 'done')).toBe(true);
    }
    // Each seeded volume was found by the shard that owns its unit, and by no other.
    for (const o of unencrypted) {
      const owner = shardOf(`aws:${o.account}:${o.region}`, 3);
      const found = shards.map((d) => d.findings.some((f) => f.status === 'fail' && f.resource.id.endsWith(o.id)));
      expect(found, `${o.account} ${o.region}`).toEqual([0, 1, 2].map((k) => k === owner));
    }

    const merged = await runVouch(['merge', join(out, 'night'), '--out', join(out, 'merged'), '--format', 'json', '--quiet'], { timeoutMs: 60_000 });
    expect(merged.code, merged.stderr).toBe(1);
    const m = load(join(out, 'merged'));
    expect(verdicts(m)).toEqual(verdicts(single));
    expect(m.coverage.units!.map((u) => `${u.id} ${u.status}`)).toEqual(ALL_UNITS().map((u) => `${u} done`));
    expect(m.summary.byStatus).toEqual(single.summary.byStatus);
    // Every seeded unencrypted volume, in every account, is a failure in the merged report.
    for (const o of unencrypted) expect(m.findings.some((f) => f.status === 'fail' && f.resource.id.endsWith(o.id) && f.resource.account === o.account), `${o.account} ${o.region}`).toBe(true);
  }, 180_000);

  it('vouch plan scan aws covers every unit exactly once and matches what the shards scanned', async () => {
    const r = await runVouch(['plan', 'scan', 'aws', '--shards', '3', '--org-role', 'OrganizationAccountAccessRole', '--regions', REGIONS.join(','), '--services', 's3,ec2'], { env, timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as { shards: number; units: number; plan: { shard: number; units: string[] }[] };
    expect(plan.shards).toBe(3);
    expect(plan.units).toBe(ALL_UNITS().length);
    const listed = plan.plan.flatMap((p) => p.units);
    expect(listed.sort()).toEqual(ALL_UNITS());
    expect(new Set(listed).size).toBe(listed.length);
    for (const p of plan.plan) expect(p.units).toEqual((shards[p.shard]!.coverage.units ?? []).map((u) => u.id));
    // Plan makes no collection calls: no bucket or security group was read.
    expect(r.stdout).not.toMatch(/vouch-shard-/);
  }, 60_000);

  it('a shard killed midway leaves its units missing after merge, and the merge exits 3', async () => {
    const dir = join(out, 'night-killed');
    const victim = [0, 1, 2].find((k) => (shards[k]!.coverage.units ?? []).length > 0)!;
    const survivors = [0, 1, 2].filter((k) => k !== victim);
    await Promise.all(survivors.map((k) => runVouch([...scanArgs(), '--shard', `${k}/3`, '--out', join(dir, `shard-${k}`)], { env, timeoutMs: 120_000 })));
    // The victim runs with progress lines on (CI) and is killed at its first finished unit, before it writes evidence.
    const killed = await new Promise<{ sawUnit: boolean; signal: NodeJS.Signals | null }>((resolve, reject) => {
      const args = scanArgs().filter((a) => a !== '--quiet');
      const child = spawn(process.execPath, [BIN, ...args, '--shard', `${victim}/3`, '--out', join(dir, `shard-${victim}`)], { cwd: ROOT, env: { ...process.env, ...env, CI: 'true' } as NodeJS.ProcessEnv, stdio: ['ignore', 'ignore', 'pipe'] });
      let sawUnit = false;
      child.stderr.on('data', (d: Buffer) => {
        if (!sawUnit && /done aws:/.test(String(d))) {
          sawUnit = true;
          child.kill('SIGKILL');
        }
      });
      child.on('error', reject);
      child.on('close', (_code, signal) => resolve({ sawUnit, signal }));
    });
    expect(killed).toEqual({ sawUnit: true, signal: 'SIGKILL' });
    expect(existsSync(join(dir, `shard-${victim}`, 'evidence.json'))).toBe(false);

    // --fail-on critical: the seeded failures (high, medium) do not gate, so what decides the exit code is the gap.
    const r = await runVouch(['merge', dir, '--out', join(out, 'merged-killed'), '--format', 'json', '--fail-on', 'critical'], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(3);
    const m = load(join(out, 'merged-killed'));
    const missing = m.coverage.units!.filter((u) => u.status === 'missing').map((u) => u.id);
    expect(missing).toEqual(ALL_UNITS().filter((u) => shardOf(u, 3) === victim));
    expect(m.coverage.units!.filter((u) => u.status === 'done').map((u) => u.id)).toEqual(ALL_UNITS().filter((u) => shardOf(u, 3) !== victim));
    expect(m.summary.incomplete).toBe(true);
    expect(r.stdout).toMatch(new RegExp(`${missing.length} planned units were finished by no shard`));
    // The same shards with the victim's evidence present are complete under the same threshold.
    const whole = await runVouch(['merge', join(out, 'night'), '--out', join(out, 'merged-whole'), '--format', 'json', '--fail-on', 'critical', '--quiet'], { timeoutMs: 60_000 });
    expect(whole.code, whole.stdout).toBe(0);
  }, 180_000);
});

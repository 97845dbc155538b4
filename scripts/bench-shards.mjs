// Shard benchmark: one organization served by the AWS benchmark's lean server
// (scripts/bench-aws/server.mjs, with world.accounts member accounts, each
// answering the same small world, `latency` ms per call), scanned by 1, 2 and
// 4 parallel `bin/vouch scan aws --org-role ... --shard K/N` processes (the
// real CLI: enumeration, collection, evaluation, evidence), then merged.
// Reports wall time, speed-up and calls; then projects 500 accounts × 17
// regions from the calls per unit measured here.
// Usage: npm run build && npm run bench:shards [-- --accounts 12 --latency 20 --concurrency 16 --runs 4]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const bin = join(root, 'bin', 'vouch');
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const accounts = arg('accounts', 12);
const latencyMs = arg('latency', 20);
const concurrency = arg('concurrency', 16);
const shardCounts = (process.argv.includes('--shards') ? process.argv[process.argv.indexOf('--shards') + 1] : '1,2,4').split(',').map(Number);
const regions = ['us-east-1', 'eu-west-1', 'us-west-2', 'eu-central-1'];
// Per account: 40 buckets, 20 users, 5 groups, 20 roles, 30 security groups per region.
const world = { accounts, buckets: arg('buckets', 40), users: 20, groups: 5, roles: 20, sgsPerRegion: 30, latencyMs };
if (!existsSync(join(root, 'dist', 'vouch.mjs'))) throw new Error('run `npm run build` first');

const server = spawn(process.execPath, [join(here, 'bench-aws/server.mjs'), JSON.stringify(world)], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve, reject) => {
  server.stdout.once('data', (d) => resolve(JSON.parse(String(d)).port));
  server.once('exit', (c) => reject(new Error(`bench server exited with ${c}`)));
});
const url = `http://127.0.0.1:${port}`;
const served = async () => JSON.parse(await (await fetch(`${url}/__stats`)).text()).served;
const env = { ...process.env, AWS_ENDPOINT_URL: url, AWS_ACCESS_KEY_ID: 'AKIABENCHMARK0000001', AWS_SECRET_ACCESS_KEY: 'bench', AWS_REGION: 'us-east-1', CI: 'true' };
delete env.AWS_PROFILE;
delete env.AWS_SESSION_TOKEN;

const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
function run(args) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    // GNU time, where present, reports the process's CPU seconds on its last stderr line.
    const child = timeBin ? spawn(timeBin, ['-f', 'cpu %U %S', process.execPath, bin, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] }) : spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let collectMs;
    child.stderr.on('data', (d) => {
      stderr += d;
      // The progress summary line marks the end of collection (evaluation and writing follow).
      if (collectMs === undefined && /\d+\/\d+ units, \d+ calls/.test(stderr)) collectMs = performance.now() - t0;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
      resolve({ code, ms: performance.now() - t0, collectMs: collectMs ?? NaN, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : NaN, stderr });
    });
  });
}

const scanArgs = ['scan', 'aws', '--org-role', 'VouchAudit', '--regions', regions.join(','), '--services', 's3,iam,ec2', '--concurrency', String(concurrency), '--format', 'json'];
const results = [];
let baseline;
for (const n of shardCounts) {
  const dir = mkdtempSync(join(tmpdir(), `vouch-bench-shards-${n}-`));
  const before = await served();
  const t0 = performance.now();
  const procs = await Promise.all(Array.from({ length: n }, (_, k) => run([...scanArgs, '--shard', `${k}/${n}`, '--out', join(dir, `shard-${k}`)])));
  const wallMs = performance.now() - t0;
  const calls = (await served()) - before;
  for (const p of procs) if (p.code !== 0 && p.code !== 1) throw new Error(`a shard exited ${p.code}: ${p.stderr.trim().split('\n').pop()}`);
  const m0 = performance.now();
  const merged = await run(['merge', dir, '--out', join(dir, 'merged'), '--format', 'json', '--quiet']);
  const mergeMs = performance.now() - m0;
  if (merged.code !== 0 && merged.code !== 1) throw new Error(`N=${n}: merge exited ${merged.code}: ${merged.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const doc = JSON.parse(readFileSync(join(dir, 'merged', 'evidence.json'), 'utf8'));
  const units = doc.coverage.units ?? [];
  if (units.some((u) => u.status !== 'done') || (doc.coverage.failures ?? []).length) throw new Error(`N=${n}: merged run incomplete (merge exit ${merged.code})`);
  const shardDocs = Array.from({ length: n }, (_, k) => JSON.parse(readFileSync(join(dir, `shard-${k}`, 'evidence.json'), 'utf8')));
  const r = { n, wallMs, slowestShardMs: Math.max(...procs.map((p) => p.ms)), collectMs: Math.max(...procs.map((p) => p.collectMs)), cpuMs: procs.reduce((t, p) => t + p.cpuMs, 0), calls, mergeMs, units: units.length, unitsPerShard: shardDocs.map((d) => d.coverage.units.length), findings: doc.findings.length };
  if (n === 1) baseline = { r, doc };
  results.push(r);
  rmSync(dir, { recursive: true, force: true });
}
server.kill('SIGTERM');

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`vouch shard benchmark: ${accounts} accounts × ${regions.length} regions (+1 global unit each) = ${results[0].units} units; ${latencyMs} ms per call; --concurrency ${concurrency}; ${cpus().length} CPUs (shared, noisy)`);
console.log('shards  wall      collect*  CPU (all shards)  speed-up  efficiency  calls  units/shard        merge');
const w1 = results.find((r) => r.n === 1)?.wallMs ?? results[0].wallMs;
for (const r of results) {
  const s = w1 / r.wallMs;
  console.log(`${String(r.n).padEnd(6)}  ${fmt(r.wallMs).padEnd(8)}  ${fmt(r.collectMs).padEnd(8)}  ${fmt(r.cpuMs).padEnd(16)}  ${s.toFixed(2).padEnd(8)}  ${((s / r.n) * 100).toFixed(0).padStart(5)} %    ${String(r.calls).padEnd(5)}  ${r.unitsPerShard.join('/').padEnd(17)}  ${fmt(r.mergeMs)}`);
}
console.log('* collect: start of the slowest shard process to the end of its collection (the rest is evaluation and writing evidence)');
const same = new Set(results.map((r) => r.findings)).size === 1;
console.log(`findings after merge: ${results.map((r) => r.findings).join(' / ')} ${same ? '(same for every N)' : '(DIFFERENT: investigate)'}`);

// Projection. Calls per unit from the unsharded run's coverage: enumeration
// (every shard repeats it), per account-global unit, per region unit.
if (baseline) {
  const calls = baseline.doc.coverage.calls;
  const sum = (re) => Object.entries(calls).filter(([op]) => re.test(op)).reduce((s, [, c]) => s + c, 0);
  const enumCalls = sum(/^(sts|organizations):|^ec2:DescribeRegions$/);
  const globalCalls = sum(/^(iam|s3|s3control|cloudfront):/);
  const regionalCalls = sum(/.*/) - enumCalls - globalCalls;
  const perAccountEnum = enumCalls / accounts;
  const perGlobal = globalCalls / accounts;
  const perRegion = regionalCalls / (accounts * regions.length);
  // Calls per second one shard process sustained while collecting (process start included: conservative).
  const total = sum(/.*/);
  const rate = total / (baseline.r.collectMs / 1000);
  const cpuPerCall = baseline.r.cpuMs / total;
  const A = 500, R = 17;
  const cap = 2 * concurrency; // two accounts at a time × --concurrency calls per service in flight
  console.log('\nprojection for 500 accounts × 17 regions (9,000 units: 500 global + 8,500 regional)');
  console.log(`  measured here: ${perAccountEnum.toFixed(1)} enumeration calls per account (AssumeRole, DescribeRegions; every shard repeats them), ${perGlobal.toFixed(0)} calls per global unit (${world.buckets} buckets, ${world.users + world.groups + world.roles} IAM principals), ${perRegion.toFixed(1)} calls per region unit (${world.sgsPerRegion} security groups)`);
  console.log(`  one shard process collected ${total} calls in ${fmt(baseline.r.collectMs)} = ${rate.toFixed(0)} calls/s, ${Number.isFinite(cpuPerCall) ? cpuPerCall.toFixed(1) : '?'} ms CPU per call (whole run): CPU-bound here, not latency-bound (${latencyMs} ms × ${total} / ${cap} in flight would be ${fmt((total * latencyMs) / cap)})`);
  const unitCalls = A * perGlobal + A * R * perRegion;
  for (const n of [1, 8, 32]) {
    const perShard = A * perAccountEnum + unitCalls / n;
    const cpuBound = perShard / rate;
    const latBound = (perShard * 0.06) / cap;
    console.log(
      `  N=${String(n).padEnd(2)}: ${A}×${perAccountEnum.toFixed(1)} + (${A}×${perGlobal.toFixed(0)} + ${A}×${R}×${perRegion.toFixed(1)}) / ${n} = ${Math.round(perShard)} calls per shard; at ${rate.toFixed(0)} calls/s = ${(cpuBound / 60).toFixed(1)} min; latency floor at 60 ms with ${cap} in flight = ${Math.round(perShard)} × 0.06 s / ${cap} = ${(latBound / 60).toFixed(1)} min → ${(Math.max(cpuBound, latBound) / 60).toFixed(1)} min`,
    );
  }
  console.log('  assumes one shard per pod with at least the CPU one process got here (a 2-core machine shared with other work: a real pod core is no slower), a world as dense as this one, and no throttling (AWS limits are per account and region; shards share only the org-wide enumeration).');
}

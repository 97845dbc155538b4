// Benchmark (issue 7): `vouch scan gcp` collection over 50 projects holding
// 2,000 buckets and 5,000 firewall rules, every request delayed 20 ms by the
// local GCP fixture server itself (in its own process; no proxy hop, so the
// harness adds as little as it can to each call). Compares wall time
// with the bound calls × latency / concurrency (per API: each API has its
// own limiter, so the bound is the slowest API's), target within 1.25×.
// Also reports the fixture server's own capacity (no latency) and peak RSS.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 50);
const BUCKETS = Number(process.env.BENCH_BUCKETS ?? 2000);
const FIREWALLS = Number(process.env.BENCH_FIREWALLS ?? 5000);
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

function world() {
  const projects = [];
  for (let p = 0; p < PROJECTS; p++) {
    const buckets = [];
    const firewalls = [];
    for (let i = p; i < BUCKETS; i += PROJECTS)
      buckets.push({
        name: `bench-${p}-bucket-${i}`,
        location: i % 3 ? 'EU' : 'US-EAST1',
        iamConfiguration: { publicAccessPrevention: i % 7 ? 'enforced' : 'inherited', uniformBucketLevelAccess: { enabled: true } },
        iamPolicy: { bindings: [{ role: 'roles/storage.objectViewer', members: [i % 11 ? 'group:readers@example.com' : 'allUsers'] }] },
      });
    for (let i = p; i < FIREWALLS; i += PROJECTS)
      firewalls.push({ name: `fw-${i}`, allowed: [{ IPProtocol: 'tcp', ports: [i % 9 ? '443' : '22'] }], sourceRanges: [i % 13 ? '10.0.0.0/8' : '0.0.0.0/0'] });
    projects.push({ id: `bench-project-${String(p).padStart(3, '0')}`, parent: 'organizations/1', buckets, firewalls });
  }
  return { organizations: [{ id: '1' }], projects };
}

// Child process: the "cloud" (the fixture server answering after LATENCY ms,
// and a twin without latency to measure capacity), so its CPU is not charged
// to the scanner. It prints its URLs, then serves until killed.
if (process.argv[2] === '--serve') {
  const dir = process.argv[3];
  const { startGcpServer } = await import(pathToFileURL(join(dir, 'server.js')).href);
  const server = await startGcpServer(world());
  const cloud = await startGcpServer(world(), { latencyMs: LATENCY });
  process.stdout.write(JSON.stringify({ server: server.url, cloud: cloud.url }) + '\n');
  process.on('SIGTERM', async () => {
    process.stderr.write(`fixture server: ${cloud.requests} requests answered after ${LATENCY} ms\n`);
    await cloud.close();
    await server.close();
    process.exit(0);
  });
} else {
  await runBench();
}

async function runBench() {
// The fixture server is a TypeScript test helper: bundle it for node.
const tmp = mkdtempSync(join(tmpdir(), 'vouch-bench-gcp-'));
await build({
  entryPoints: { server: join(root, 'test/cloud/gcp/server.ts') },
  outdir: tmp,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});
const { scanGcp } = await import(pathToFileURL(join(root, 'dist/src/sources/providers/gcp/collectors/index.js')).href);
const { parseEndpoints, GCP_APIS } = await import(pathToFileURL(join(root, 'dist/src/sources/providers/gcp/collectors/transport.js')).href);
const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve', tmp], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
const urls = await new Promise((resolve, reject) => {
  createInterface({ input: child.stdout }).once('line', (l) => resolve(JSON.parse(l)));
  child.once('exit', (c) => reject(new Error(`fixture process exited ${c}`)));
});

// Server capacity without injected latency: keep-alive node:http GETs of a bucket policy, 32 in flight.
async function bareGets(base, n, inFlight) {
  const { Agent, get } = await import('node:http');
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < n) {
        const i = next++;
        await new Promise((resolve, reject) => {
          const req = get(`${base}/storage/v1/b/bench-${i % PROJECTS}-bucket-${i % BUCKETS}/iam`, { agent, headers: { authorization: 'Bearer x' } }, (res) => {
            res.resume();
            res.on('end', resolve);
          });
          req.on('error', reject);
        });
      }
    }),
  );
  agent.destroy();
  return (performance.now() - t0) / 1000;
}
const capacity = 3000 / (await bareGets(urls.server, 3000, 32));
console.log(`fixture server capacity: ${Math.round(capacity)} requests/s (no latency, 32 in flight, separate process)`);

const endpoints = parseEndpoints(GCP_APIS.map((a) => `${a}=${urls.cloud}`));
let peakRss = process.memoryUsage.rss();
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 100);

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const { inventory, projects } = await scanGcp({ endpoints, concurrency: CONCURRENCY, targets: { organization: '1' } });
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);

const calls = inventory.coverage.calls;
const total = Object.values(calls).reduce((a, b) => a + b, 0);
const perApi = {};
for (const [op, n] of Object.entries(calls)) {
  const api = op.split('.')[0];
  perApi[api] = (perApi[api] ?? 0) + n;
}
const bounds = Object.fromEntries(Object.entries(perApi).map(([api, n]) => [api, (n * LATENCY) / CONCURRENCY / 1000]));
const [slowApi, bound] = Object.entries(bounds).sort((a, b) => b[1] - a[1])[0];
const ratio = wall / bound;
console.log(`world: ${projects.length} projects, ${inventory.ofType('gcp.storage.bucket').length} buckets, ${inventory.ofType('gcp.compute.firewall').length} firewall rules; latency ${LATENCY} ms; concurrency ${CONCURRENCY} per API`);
console.log(`calls: ${total} total; per API ${JSON.stringify(perApi)}`);
console.log(`calls per operation: ${JSON.stringify(calls)}`);
console.log(`failures: ${inventory.coverage.failures.length}`);
console.log(`bound (calls × latency / concurrency) per API: ${Object.entries(bounds).map(([a, b]) => `${a} ${b.toFixed(2)} s`).join(', ')}`);
console.log(`naive whole-scan bound (all calls through one limiter of ${CONCURRENCY}): ${((total * LATENCY) / CONCURRENCY / 1000).toFixed(2)} s`);
console.log(`server floor (calls / server capacity): ${(total / capacity).toFixed(2)} s${total / capacity > bound ? ' — above the latency bound: on this machine the fixture server, not the scanner, limits the run' : ''}`);
console.log(`scanner CPU: ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (${((cpu.user + cpu.system) / 1000 / total).toFixed(2)} ms per call)`);
console.log(`wall: ${wall.toFixed(2)} s = ${ratio.toFixed(2)}× the ${slowApi} bound ${bound.toFixed(2)} s (target ≤ 1.25×); peak RSS ${Math.round(peakRss / 1048576)} MB`);

// After the scan (so it warms nothing up for it): the same number of calls as
// the slowest API made, as bare node:http keep-alive GETs of a bucket policy
// from the same latency server at the same concurrency, with no client library
// and no processing: what no scanner can beat on this machine at this moment.
{
  const n = perApi[slowApi];
  const floor = await bareGets(urls.cloud, n, CONCURRENCY);
  console.log(`transport floor (${n} bare node:http GETs, concurrency ${CONCURRENCY}, after the scan): ${floor.toFixed(2)} s = ${(floor / bound).toFixed(2)}× the bound`);
}

child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(tmp, { recursive: true, force: true });
const ok = ratio <= 1.25 && inventory.coverage.failures.length === 0 && inventory.ofType('gcp.storage.bucket').length === BUCKETS && inventory.ofType('gcp.compute.firewall').length === FIREWALLS;
if (!ok) console.log('bench-gcp: target missed');
process.exitCode = ok ? 0 : 1;
}

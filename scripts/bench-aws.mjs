// AWS live-scan benchmark: 10,000 buckets, 2,000 IAM principals and 5,000
// security groups across 4 regions, 20 ms latency per call, served from wire
// responses recorded from moto (scripts/bench-aws/) by a lean local server.
// Reports the server's own capacity, API calls per resource kind (each
// operation counted under the kind it collects), wall time against the bound
// (calls × latency / concurrency), and peak RSS. The evaluation judges the
// default profile plus the cis-aws and aws-fsbp benchmarks, as a nightly job would.
// Then the ownership cost on moto: CloudFormation calls and seconds per 100 stacks (--stacks N, default 300).
// Usage: npm run build && npm run bench:aws [-- --concurrency 16 --buckets 10000 --users 1000 --sgs 5000]
// Issue 22's side-by-side world: -- --buckets 1000 --users 300 --sgs 1000.
// Prowler is not installable here (PyPI unreachable), so no Prowler figure is
// measured or printed: compare with a Prowler run made elsewhere on the same world.
// The default concurrency is `vouch scan aws`'s own default (8 calls in flight per service).
// Exit code 1 when the run misses a target (ratio > 1.25, RSS ≥ 1 GB, or any failed call).
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const latencyMs = arg('latency', 20);
const concurrency = arg('concurrency', 8);
const world = { buckets: arg('buckets', 10000), users: arg('users', 1000), groups: 200, roles: 800, sgsPerRegion: arg('sgs', 5000) / 4, latencyMs };
const regions = ['us-east-1', 'eu-west-1', 'us-west-2', 'eu-central-1'];
if (!existsSync(join(root, 'dist/src/sources/providers/aws/collectors/scan.js'))) throw new Error('run `npm run build` first');

const server = spawn(process.execPath, [join(here, 'bench-aws/server.mjs'), JSON.stringify(world)], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve, reject) => {
  server.stdout.once('data', (d) => resolve(JSON.parse(String(d)).port));
  server.once('exit', (c) => reject(new Error(`bench server exited with ${c}`)));
});
const url = `http://127.0.0.1:${port}`;
const get = (path) => fetch(`${url}${path}`).then((r) => r.text());

// The server's own capacity, without injected latency: it must not be the bottleneck.
async function capacity(n, inFlight) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
  let next = 0;
  const t0 = performance.now();
  const one = () =>
    new Promise((resolve, reject) => {
      const i = next++;
      const req = http.request({ host: '127.0.0.1', port, path: `/bench-${i % world.buckets}?encryption`, agent, headers: { authorization: 'AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/s3/aws4_request' } }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
  await Promise.all(Array.from({ length: inFlight }, async () => { while (next < n) await one(); }));
  agent.destroy();
  return n / ((performance.now() - t0) / 1000);
}
await get('/__latency?ms=0');
const capacityRps = await capacity(20000, 64);
await get(`/__latency?ms=${latencyMs}`);

const scan = spawn(process.execPath, [join(here, 'bench-aws/scan.mjs'), url, String(concurrency), regions.join(',')], { stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
scan.stdout.on('data', (d) => (out += d));
const t0 = performance.now();
const code = await new Promise((r) => scan.on('exit', r));
const wallMs = performance.now() - t0;
server.kill('SIGTERM');
if (code !== 0) throw new Error(`bench scan exited with ${code}`);
const r = JSON.parse(out.trim().split('\n').pop());

const calls = Object.values(r.calls).reduce((a, b) => a + b, 0);
const byService = {};
for (const [op, n] of Object.entries(r.calls)) byService[op.split(':')[0]] = (byService[op.split(':')[0]] ?? 0) + n;
const boundMs = (calls * latencyMs) / concurrency;
// Services run side by side, each with its own `concurrency` slots: the slowest service bounds the scan.
const serviceBoundMs = Math.max(...Object.values(byService).map((n) => (n * latencyMs) / concurrency));
// Each operation under the resource kind it collects; kinds are prefixes of canonical types.
const KIND_OF = [
  [/^s3:/, 'aws.s3.bucket'],
  [/^iam:/, 'aws.iam (user, role, group, managed-policy, account)'],
  [/^ec2:DescribeSecurityGroups$/, 'aws.ec2.security-group'],
  [/^ec2:DescribeInstances$/, 'aws.ec2.instance'],
  [/^ec2:DescribeVolumes$/, 'aws.ec2.volume'],
  [/^ec2:DescribeSnapshots$/, 'aws.ec2.snapshot'],
  [/^ec2:DescribeNetworkAcls$/, 'aws.ec2.network-acl'],
  [/^ec2:(DescribeVpcs|DescribeFlowLogs)$/, 'aws.ec2.vpc + flow-log'],
  [/^ec2:GetEbsEncryptionByDefault$/, 'aws.ec2.regional-settings'],
  // CIS AWS 1.20, 3.3, 4.1–4.16: one record per region each (when a scan selects these services).
  [/^(cloudtrail:DescribeTrails|logs:DescribeMetricFilters|cloudwatch:DescribeAlarms|sns:ListSubscriptionsByTopic)$/, 'aws.cloudwatch.trail-alarms'],
  [/^config:/, 'aws.config.region'],
  [/^access-analyzer:/, 'aws.accessanalyzer.region'],
  [/^securityhub:/, 'aws.securityhub.hub'],
];
const resourcesOf = (kind) => {
  const prefixes = kind === 'aws.iam (user, role, group, managed-policy, account)' ? ['aws.iam.'] : kind === 'aws.ec2.vpc + flow-log' ? ['aws.ec2.vpc', 'aws.ec2.flow-log'] : [kind];
  return Object.entries(r.resources).filter(([t]) => prefixes.some((p) => (p.endsWith('.') ? t.startsWith(p) : t === p))).reduce((a, [, n]) => a + n, 0);
};
const perType = {};
for (const [op, n] of Object.entries(r.calls)) {
  const kind = KIND_OF.find(([re]) => re.test(op))?.[1] ?? '(scan: account and regions)';
  const k = (perType[kind] ??= { resources: kind.startsWith('(') ? 0 : resourcesOf(kind), calls: 0, ops: {} });
  k.calls += n;
  k.ops[op.split(':')[1]] = n;
}
const lines = [
  `AWS scan benchmark — ${world.buckets} buckets, ${world.users + world.groups + world.roles} IAM principals, ${world.sgsPerRegion * 4} security groups, ${regions.length} regions, ${latencyMs} ms latency, concurrency ${concurrency}`,
  `lean server capacity (no latency, 64 in flight): ${Math.round(capacityRps)} req/s`,
  `API calls: ${calls} (${Object.entries(byService).map(([s, n]) => `${s} ${n}`).join(', ')}); failures ${r.failures.length}, throttles ${r.throttles}`,
  'calls per resource kind:',
  ...Object.entries(perType).map(([t, v]) => `  ${t}: ${v.resources} resources, ${v.calls} calls (${v.resources ? `${(v.calls / v.resources).toFixed(3)} per resource` : 'per account and region'}): ${Object.entries(v.ops).map(([o, n]) => `${o} ${n}`).join(', ')}`),
  `collection: ${(r.collectMs / 1000).toFixed(1)} s (CPU ${(r.collectCpuMs / 1000).toFixed(1)} s); bound calls×latency/concurrency = ${(boundMs / 1000).toFixed(1)} s → ${(r.collectMs / boundMs).toFixed(2)}× (target ≤ 1.25×); slowest-service bound ${(serviceBoundMs / 1000).toFixed(1)} s`,
  `evaluation (default profile + cis-aws + aws-fsbp): ${(r.evaluateMs / 1000).toFixed(1)} s over ${r.findings} findings; process wall ${(wallMs / 1000).toFixed(1)} s; peak RSS ${Math.round(r.maxRssMB)} MB (target < 1024)`,
  ...(r.benchmarks ?? []).map((b) => `  ${b.id}: ${b.line}`),
  'Prowler: not measured (not installable here: PyPI is unreachable)',
];
process.stdout.write(lines.join('\n') + '\n');
if (r.failures.length) process.stdout.write(`failures: ${JSON.stringify(r.failures).slice(0, 500)}\n`);
const ok = r.collectMs / boundMs <= 1.25 && r.maxRssMB < 1024 && r.failures.length === 0;
if (!ok) process.stdout.write('bench-aws: target missed\n');
process.exitCode = ok ? 0 : 1;

// Ownership (issue 20): CloudFormation calls and seconds per 100 stacks, on moto (scripts/bench-aws/stacks.mjs).
const stacks = spawnSync(process.execPath, [join(here, 'bench-aws/stacks.mjs'), String(arg('stacks', 300))], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
process.stdout.write(stacks.stdout || `ownership (CloudFormation): not measured (exit ${stacks.status})\n`);
if (stacks.status !== 0) process.exitCode = 1;

// Benchmark: probe 100 local endpoints (`npm run bench -- probe`).
// 100 HTTPS servers on 127.0.0.1, a quarter each accepting TLS 1.0 only,
// 1.0-1.3, 1.2-1.3 and 1.3 only, each with a plain-HTTP server answering a
// 301 to https; 100 host names pointed at them with resolve overrides. Reports
// the wall time to probe all 100 and the TLS handshakes and HTTP requests per
// endpoint, (1) unpaced and (2) with the default per-host pace (5 connections
// per second per host) and concurrency (8).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.env.BENCH_ENDPOINTS ?? 100);
if (!existsSync(join(root, 'dist', 'src', 'sources', 'probe', 'run.js'))) spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
const load = (p) => import(pathToFileURL(join(root, 'dist', 'src', p)).href);
const { probeTargets } = await load('sources/probe/run.js');
const { HostList, parseResolve, parseTarget } = await load('sources/probe/targets.js');
const { probeFindings } = await load('sources/probe/findings.js');
const { DEFAULT_JUDGE } = await load('sources/probe/judge.js');

// One CA and one leaf for *.bench.test, generated for this run.
const dir = mkdtempSync(join(tmpdir(), 'vouch-bench-probe-'));
const ssl = (args) => execFileSync('openssl', args, { stdio: 'ignore', cwd: dir });
ssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=bench CA']);
ssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=bench.test']);
writeFileSync(join(dir, 'leaf.ext'), 'subjectAltName=DNS:*.bench.test\n');
ssl(['x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'leaf.ext', '-out', 'leaf.crt']);
const key = readFileSync(join(dir, 'leaf.key'));
const cert = readFileSync(join(dir, 'leaf.crt'));
const ca = readFileSync(join(dir, 'ca.crt'), 'utf8');

const CONFIGS = [['TLSv1', 'TLSv1'], ['TLSv1', 'TLSv1.3'], ['TLSv1.2', 'TLSv1.3'], ['TLSv1.3', 'TLSv1.3']];
const servers = [];
const listen = (s) => new Promise((r) => s.listen(0, '127.0.0.1', () => r(s.address().port)));
const resolve = [];
const hosts = [];
for (let i = 0; i < N; i++) {
  const [minVersion, maxVersion] = CONFIGS[i % CONFIGS.length];
  const host = `e${i}.bench.test`;
  const s = https.createServer({ key, cert, minVersion, maxVersion, ciphers: 'DEFAULT:@SECLEVEL=0' }, (req, res) => {
    res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    res.end('ok');
  });
  s.on('tlsClientError', () => {});
  const h = http.createServer((req, res) => {
    res.writeHead(301, { Location: `https://${host}/` });
    res.end();
  });
  servers.push(s, h);
  resolve.push(`${host}:443=127.0.0.1:${await listen(s)}`, `${host}:80=127.0.0.1:${await listen(h)}`);
  hosts.push(host);
}

async function run(label, o) {
  const options = {
    tlsMin: '1.2',
    timeoutMs: 5000,
    budgetMs: 600_000,
    allow: new HostList([], 'allow'),
    deny: new HostList([], 'deny'),
    resolve: parseResolve(resolve),
    ca: [ca],
    ...o,
  };
  const t0 = performance.now();
  const r = await probeTargets(hosts.map(parseTarget), options);
  const ms = performance.now() - t0;
  const findings = probeFindings(r.observations, { ...DEFAULT_JUDGE, tlsMin: '1.2' }, ['tls-min', 'https-redirect']);
  const by = {};
  for (const f of findings) by[f.status] = (by[f.status] ?? 0) + 1;
  console.log(
    `${label}: ${N} endpoints in ${(ms / 1000).toFixed(2)} s (${(ms / N).toFixed(0)} ms/endpoint wall), ` +
      `${r.handshakes} TLS handshakes (${(r.handshakes / N).toFixed(2)}/endpoint), ${r.requests} HTTP requests (${(r.requests / N).toFixed(2)}/endpoint); ` +
      `findings ${JSON.stringify(by)}`,
  );
  return by;
}

try {
  await run('unpaced, concurrency 8', { perHostIntervalMs: 0, concurrency: 8 });
  await run('default pace (5/s per host), concurrency 8', { perHostIntervalMs: 200, concurrency: 8 });
} finally {
  for (const s of servers) s.close();
  rmSync(dir, { recursive: true, force: true });
}

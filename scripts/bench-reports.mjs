// Benchmark: render a 20,000-finding evidence document in every format.
// Measures (1) each writer in-process, and (2) `vouch report evidence.json
// --format all` as a whole process (read + schema check + every format +
// manifest). Target (issue 4): every format in under 10 s in total.
import { mkdtempSync, writeFileSync, rmSync, statSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.env.BENCH_FINDINGS ?? 20000);
const reps = Number(process.env.BENCH_REPS ?? 3);
if (!existsSync(join(root, 'dist', 'src', 'reporters', 'index.js'))) spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
const load = (p) => import(pathToFileURL(join(root, 'dist', 'src', p)).href);
const { renderJson } = await load('reporters/json.js');
const { renderMarkdown } = await load('reporters/markdown.js');
const { renderHtml } = await load('reporters/html.js');
const { renderSarif } = await load('reporters/sarif.js');
const { renderJunit } = await load('reporters/junit.js');
const { renderOcsf } = await load('reporters/ocsf.js');
const { renderCsv } = await load('reporters/csv.js');
const { fingerprintOf } = await load('findings/evidence.js');
const { summarize } = await load('evaluate/evaluate.js');
const { DEFAULT_PARAMETERS } = await load('evaluate/claims-profile.js');
const { CONTROL_IDS } = await load('evaluate/controls.js');

/** A realistic mix: 60% pass, 20% fail (a tenth suppressed, some expired), 10% unknown, 10% n/a; IaC and three clouds. */
function evidence(n) {
  const sev = ['critical', 'high', 'medium', 'low', 'info'];
  const providers = ['aws', 'aws', 'gcp', 'digitalocean'];
  const findings = [];
  for (let i = 0; i < n; i++) {
    const control = CONTROL_IDS[i % CONTROL_IDS.length];
    const provider = providers[i % providers.length];
    const iac = provider === 'aws' && i % 3 === 0;
    const ruleId = `${control}/${provider}-thing-${i % 7}`;
    const r = i % 10;
    const status = r < 6 ? 'pass' : r < 8 ? 'fail' : r === 8 ? 'unknown' : 'not-applicable';
    const resource = iac
      ? { type: 'aws.s3.bucket', provider, source: 'iac', id: `Stack${i % 40}/Res${i}`, file: `infra/stack${i % 40}.template.json`, line: 10 + (i % 900), logicalId: `Res${i}`, stack: `Stack${i % 40}`, constructPath: `Stack${i % 40}/Res${i}/Resource` }
      : { type: `${provider}.thing`, provider, source: 'live', id: `arn:${provider}:thing:${i}`, name: `thing-${i}<b>`, account: `acct-${i % 12}`, region: `region-${i % 9}`, arn: `arn:${provider}:thing:${i}` };
    const suppression = status === 'fail' && i % 10 === 7 && i % 20 === 7 ? { reason: 'accepted risk', owner: 'sec@example.com', expires: i % 40 === 7 ? '2020-01-01' : '2099-01-01', origin: 'suppressions.yaml', expired: i % 40 === 7 } : null;
    findings.push({
      fingerprint: fingerprintOf(ruleId, undefined, resource),
      ruleId,
      control,
      severity: sev[i % sev.length],
      status,
      message: `${ruleId} says ${status} for resource ${i}: observed value does not meet the promised floor`,
      title: `Title of ${ruleId}`,
      resource,
      evidence: [
        { path: 'Properties.Setting', observed: i % 2 ? 'TLSv1' : { Enabled: false }, expected: 'TLSv1.2', note: 'omitted: the service default applies' },
        { path: 'Live.Other', observed: i, source: 'thing:Describe' },
      ],
      suppression,
    });
  }
  const items = CONTROL_IDS.map((c, i) => ({ id: `claim-${i}`, text: `We promise ${c}.`, controls: [c] }));
  items.push({ id: 'soc2', text: 'We are audited.', controls: [], attestation: { evidence: 'SOC 2 report' } });
  const rules = {};
  for (const f of findings) rules[f.ruleId] ??= { title: f.title, control: f.control, severity: f.severity, remediation: { text: 'Do the right thing.', cdk: 'new X(this, "Y", { secure: true })' }, types: [f.resource.type], sources: ['iac', 'live'] };
  return {
    schemaVersion: '1.0',
    tool: { name: 'vouch', version: '0.1.0', rulesHash: 'bench' },
    run: { id: '00000000-0000-4000-8000-0000000000be', command: 'scan all', startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(), inputs: ['bench'], failOn: 'low', rules: Object.keys(rules).length, repoPath: '' },
    claims: { profile: 'bench', parameters: DEFAULT_PARAMETERS, controls: [...CONTROL_IDS], items },
    coverage: { accounts: { aws: ['acct-0'] }, regions: ['region-0'] },
    findings,
    summary: summarize(findings, 'low', 0),
    rules,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const doc = evidence(N);
const writers = { json: renderJson, md: renderMarkdown, html: renderHtml, sarif: renderSarif, junit: renderJunit, ocsf: renderOcsf, csv: renderCsv };
const { parseEvidence } = await load('reporters/load-evidence.js');
const { buildManifest } = await load('reporters/manifest.js');
// Wall time is what a user waits; CPU time (user + system of this process) is
// what the work costs, and moves less when other jobs share the machine.
const perFormat = {};
const perFormatCpu = {};
const sizes = {};
const outputs = [];
function measure(name, fn) {
  const times = [];
  const cpus = [];
  let out;
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    out = fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  perFormat[name] = Math.round(median(times));
  perFormatCpu[name] = Math.round(median(cpus));
  return out;
}
const evidenceText = JSON.stringify(doc);
measure('load+validate', () => parseEvidence(evidenceText, 'bench.json'));
for (const [name, render] of Object.entries(writers)) {
  const out = measure(name, () => render(doc));
  outputs.push({ name, data: out });
  sizes[name] = `${(Buffer.byteLength(out) / 1048576).toFixed(1)} MB`;
}
measure('manifest', () => buildManifest(doc, outputs));
const inProcessTotal = Object.values(perFormat).reduce((a, b) => a + b, 0);
const inProcessCpuTotal = Object.values(perFormatCpu).reduce((a, b) => a + b, 0);

const dir = mkdtempSync(join(tmpdir(), 'vouch-bench-reports-'));
let processMs;
let processCpuMs;
try {
  const file = join(dir, 'evidence.json');
  writeFileSync(file, JSON.stringify(doc));
  const times = [];
  const cpus = [];
  let last;
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  for (let r = 0; r < reps; r++) {
    const args = [join(root, 'bin', 'vouch'), 'report', file, '--format', 'all', '--out', join(dir, 'out'), '--quiet'];
    const t0 = process.hrtime.bigint();
    last = timeBin ? spawnSync(timeBin, ['-f', 'VOUCH_CPU %U %S', process.execPath, ...args], { encoding: 'utf8' }) : spawnSync(process.execPath, args, { encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const m = /VOUCH_CPU ([\d.]+) ([\d.]+)/.exec(last.stderr ?? '');
    if (m) cpus.push((Number(m[1]) + Number(m[2])) * 1000);
  }
  if (last.status !== 0) throw new Error(`vouch report failed (${last.status}): ${last.stderr}`);
  processMs = Math.round(median(times));
  processCpuMs = cpus.length ? Math.round(median(cpus)) : undefined;
  const files = readdirSync(join(dir, 'out'));
  if (files.length !== 9) throw new Error(`expected 8 files, got ${files.join(', ')}`);
  sizes.evidenceInput = `${(statSync(file).size / 1048576).toFixed(1)} MB`;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
// The HTML report in headless chromium (when installed): load until the claim view shows, then a status filter over all findings.
let browserMs;
if (existsSync('/usr/bin/chromium')) {
  const { chromium } = await import('playwright-core');
  const bdir = mkdtempSync(join(tmpdir(), 'vouch-bench-html-'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const file = join(bdir, 'report.html');
    writeFileSync(file, renderHtml(doc));
    const page = await browser.newPage();
    let t0 = process.hrtime.bigint();
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('#claims-list .claim');
    const load = Number(process.hrtime.bigint() - t0) / 1e6;
    await page.click('#tab-findings');
    t0 = process.hrtime.bigint();
    await page.selectOption('#f-status', 'fail');
    await page.waitForFunction((n) => !document.getElementById('findings-count').textContent.startsWith(`${n} of`), N);
    const filter = Number(process.hrtime.bigint() - t0) / 1e6;
    browserMs = { loadToClaimViewMs: Math.round(load), statusFilterMs: Math.round(filter) };
  } finally {
    await browser.close();
    rmSync(bdir, { recursive: true, force: true });
  }
}
console.log(JSON.stringify({ bench: 'reports', findings: N, reps, loadAverage: (await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' '),
  cpus: (await import('node:os')).cpus().length,
  wallMedianMs: perFormat, cpuMedianMs: perFormatCpu, inProcessTotalMs: inProcessTotal, inProcessCpuTotalMs: inProcessCpuTotal,
  wholeProcessReportAllMs: processMs, wholeProcessReportAllCpuMs: processCpuMs ?? 'n/a (no /usr/bin/time)', htmlInChromium: browserMs ?? 'chromium not installed', sizes }, null, 2));
const met = processMs < 10000;
console.log(
  `${N} findings, every format: ${inProcessTotal} ms wall / ${inProcessCpuTotal} ms CPU in-process (load + render + manifest); ` +
    `\`vouch report --format all\` as a process: ${processMs} ms wall${processCpuMs ? `, ${processCpuMs} ms CPU` : ''} (target < 10000 ms wall): ${met ? 'MET' : 'MISSED'}`,
);
process.exitCode = met ? 0 : 1;

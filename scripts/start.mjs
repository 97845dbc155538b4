// `npm start`: the whole product on a machine with nothing but Node (no cloud
// account, no credentials). Each step is one function call below; add steps to the list.
//   1. build
//   2. vouch claims extract: draft a claims profile from the bundled Fantastyc policy
//   3. synthesize the example CDK app into cdk.out
//   4. vouch check cdk.out (its own result, honest) and keep its inventory
//   5. vouch evaluate: the demo inventory of AWS, GCP and DigitalOcean accounts
//      (examples/demo, recorded from the test worlds, with deliberate violations)
//      together with the cdk.out inventory, in ONE per-claim report in reports/
//   6. print where the report is and which promises are broken
//
//   npm start                            exits 0 when every step ran (the demo's broken promises are expected)
//   npm start -- --demo-violations       also synthesize the deliberately non-compliant stack
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const demo = args.includes('--demo-violations');
const outdir = join(root, 'cdk.out');
const reports = join(root, 'reports');

function step(title, command, commandArgs, env = {}) {
  process.stdout.write(`\n▶ ${title}\n`);
  const r = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.error) throw r.error;
  return r.status ?? 128; // killed by a signal: a crash
}

function must(status, what) {
  if (status !== 0) {
    process.stderr.write(`npm start: ${what} failed (exit ${status})\n`);
    process.exit(status);
  }
}

// 1. Compile src/, rules/ and cdk/ into dist/.
must(step('build', process.execPath, ['scripts/build.mjs']), 'build');

const vouch = (title, ...args) => step(`vouch ${title ?? args.join(' ')}`, process.execPath, ['bin/vouch', ...args]);
const rel = (p) => relative(root, p);

// 2. Draft a claims profile from the published policy (a person reviews it; step 5 uses the reviewed one).
const policy = join(root, 'examples', 'policies', 'fantastyc-security-and-privacy.txt');
const draft = join(reports, 'claims', 'fantastyc.yaml');
must(vouch(undefined, 'claims', 'extract', rel(policy), '--out', rel(draft)), 'claims extract');
const draftText = readFileSync(draft, 'utf8').split('\n');
process.stdout.write(`\n${draftText.slice(0, 24).join('\n')}\n  ... (${draftText.length} lines: ${rel(draft)}; the reviewed profile is examples/claims/fantastyc.yaml)\n`);

// 3. Synthesize the example app. CDK_VALIDATION=false skips CDK's own built-in
//    CloudFormation template validator (about 10 s on first use); vouch's plugin still runs.
rmSync(outdir, { recursive: true, force: true });
const context = demo ? { 'vouch:demo-violations': true } : {};
must(
  step(`cdk synth → ${rel(outdir)}${demo ? ' (with the demo violations stack)' : ''}`, process.execPath, ['dist/cdk/example/app.js'], {
    CDK_OUTDIR: outdir,
    CDK_VALIDATION: process.env.CDK_VALIDATION ?? 'false',
    CDK_CONTEXT_JSON: JSON.stringify(context),
  }),
  'cdk synth',
);

// 4. vouch check on the assembly, with the claims the example app is built for; keep what it loaded.
const cdkClaims = join(root, 'cdk', 'example', 'claims.yaml');
const cdkInventory = join(reports, 'cdk', 'inventory.json');
const checkStatus = vouch(undefined, 'check', rel(outdir), '--claims', rel(cdkClaims), '--out', rel(join(reports, 'cdk')), '--save-inventory', rel(cdkInventory));
if (checkStatus === 2 || checkStatus > 3) must(checkStatus, 'vouch check');
process.stdout.write(`vouch check cdk.out: exit ${checkStatus} (${['compliant', 'failures found', '', 'incomplete'][checkStatus]})\n`);

// 5. One per-claim evidence report over the demo clouds and the CDK app. Exit 1 (broken promises)
//    and 3 (unknowns) are the demo's expected results; 2 (bad input) or a crash stop npm start.
const demoInventory = join(root, 'examples', 'demo', 'demo-inventory.json');
const claims = join(root, 'examples', 'claims', 'fantastyc.yaml');
rmSync(join(reports, 'evidence.json'), { force: true });
const status = vouch(undefined, 'evaluate', rel(demoInventory), rel(cdkInventory), '--claims', rel(claims), '--format', 'html,md,json,sarif', '--out', rel(reports), '--quiet');
if (status === 2 || status > 3 || !existsSync(join(reports, 'evidence.json'))) must(status || 2, 'vouch evaluate');

// 6. Where the report is and which promises are broken.
const { claimVerdicts } = await import(pathToFileURL(join(root, 'dist', 'src', 'findings', 'claim-verdicts.js')).href);
const doc = JSON.parse(readFileSync(join(reports, 'evidence.json'), 'utf8'));
const { verdicts, counts } = claimVerdicts(doc);
const broken = verdicts.filter((v) => v.verdict === 'broken');
process.stdout.write(`\nreport: ${join(reports, 'report.html')} (also summary.md, vouch.sarif; evidence.json is the source of truth)\n`);
process.stdout.write(`claims: ${counts.broken} broken, ${counts.unverified} unverified, ${counts['needs-attestation']} need attestation, ${counts.holds} hold\n`);
for (const v of broken) {
  const where = Object.entries(v.byProvider).filter(([, c]) => c.fail > 0).map(([p, c]) => `${p} ${c.fail}`).join(', ');
  process.stdout.write(`  ✗ ${v.id}: "${v.text}" (failing: ${where})\n`);
}
process.exit(0);

// `npm start`: build, synthesize the example CDK app into cdk.out (no AWS
// account needed), then run `vouch check cdk.out --out reports`.
// Each step is one function call below; add steps to the list.
//
//   npm start                            the compliant example (exits 0)
//   npm start -- --demo-violations       also the deliberately non-compliant stack (exits 1)
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const demo = args.includes('--demo-violations');
const outdir = join(root, 'cdk.out');
const reports = join(root, 'reports');

function step(title, command, commandArgs, env = {}) {
  process.stdout.write(`\n▶ ${title}\n`);
  const r = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function must(status, what) {
  if (status !== 0) {
    process.stderr.write(`npm start: ${what} failed (exit ${status})\n`);
    process.exit(status);
  }
}

// 1. Compile src/, rules/ and cdk/ into dist/.
must(step('build', process.execPath, ['scripts/build.mjs']), 'build');

// 2. Synthesize the example app. CDK_VALIDATION=false skips CDK's own built-in
//    CloudFormation template validator (about 10 s on first use); vouch's plugin still runs.
rmSync(outdir, { recursive: true, force: true });
const context = demo ? { 'vouch:demo-violations': true } : {};
must(
  step(`cdk synth → ${relative(root, outdir)}${demo ? ' (with the demo violations stack)' : ''}`, process.execPath, ['dist/cdk/example/app.js'], {
    CDK_OUTDIR: outdir,
    CDK_VALIDATION: process.env.CDK_VALIDATION ?? 'false',
    CDK_CONTEXT_JSON: JSON.stringify(context),
  }),
  'cdk synth',
);

// 3. vouch check on the assembly.
const claims = join(root, 'cdk', 'example', 'claims.yaml'); // the same claims the example app is built for
const status = step(`vouch check ${relative(root, outdir)} --claims ${relative(root, claims)} --out ${relative(root, reports)}`, process.execPath, [
  'bin/vouch',
  'check',
  outdir,
  '--claims',
  claims,
  '--out',
  reports,
]);
process.stdout.write(`\nreports: ${reports}/ (evidence.json is the source of truth)\n`);
process.exit(status);

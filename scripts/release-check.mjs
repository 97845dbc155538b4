#!/usr/bin/env node
// npm run release:check — what a release would ship, checked the way users get it:
// 1. build (with declarations) and `npm pack` into a temporary directory;
// 2. the package tests: the pack list and size bound, and the consumer test
//    (the tarball in a TypeScript CDK app and in a --omit=optional template checker);
// 3. a size report: the tarball, and node_modules of a user-style install of it
//    for template checking (--omit=optional), for live scans (default) and in a CDK app.
// Registry packages come from the npm cache when present (--prefer-offline).
// Exit 1 if any step fails.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NPM_ENV, du, installProject, pack } from './package-install.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const env = { ...process.env, ...NPM_ENV };
const skipTests = process.argv.includes('--sizes-only');

function step(title) {
  process.stdout.write(`\n== ${title}\n`);
}
function run(cmd, args, cwd = root) {
  const r = spawnSync(cmd, args, { cwd, env, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`release:check: ${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})\n`);
    process.exit(1);
  }
}
const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;
const installedVersion = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;

step(`build ${pkg.name}@${pkg.version} with declarations`);
run(process.execPath, ['scripts/build.mjs', '--types']);

step('npm pack');
const work = mkdtempSync(join(tmpdir(), 'vouch-release-'));
const packed = pack(root, work);
const tarball = packed.tarball;
process.stdout.write(`${packed.filename}: ${mb(packed.size)} packed, ${mb(packed.unpackedSize)} unpacked, ${packed.entryCount} files\n`);

if (!skipTests) {
  step('package tests: pack list, consumer CDK app, template checker');
  run(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/package/']);
}

step('install sizes (node_modules of a fresh project)');
const installs = [
  { use: 'template checking (npm i -D vouch --omit=optional)', packages: [tarball], omit: true },
  { use: 'live scans too (npm i -D vouch)', packages: [tarball], omit: false },
  { use: 'CDK app (vouch + aws-cdk-lib + constructs, --omit=optional)', packages: [tarball, `aws-cdk-lib@${installedVersion('aws-cdk-lib')}`, `constructs@${installedVersion('constructs')}`], omit: true },
];
const rows = [];
for (const i of installs) {
  const started = Date.now();
  let dir;
  try {
    ({ dir } = installProject(i.packages, { omitOptional: i.omit, name: 'sizes', parent: work }));
  } catch (e) {
    process.stderr.write(`release:check: ${e.message}\n`);
    process.exit(1);
  }
  const s = du(join(dir, 'node_modules'));
  rows.push({ use: i.use, size: mb(s.bytes), files: s.files, seconds: ((Date.now() - started) / 1000).toFixed(0) });
}
process.stdout.write('\n| install | node_modules | files | install time |\n|---|---:|---:|---:|\n');
for (const r of rows) process.stdout.write(`| ${r.use} | ${r.size} | ${r.files} | ${r.seconds} s |\n`);
process.stdout.write(`| the tarball itself | ${mb(packed.size)} (${mb(packed.unpackedSize)} unpacked) | ${packed.entryCount} | |\n`);
rmSync(work, { recursive: true, force: true });
process.stdout.write('\nrelease:check: ok\n');

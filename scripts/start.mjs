// `npm start`: the main job out of the box — check the bundled example and
// write reports under reports/. Each step is one command a user could type.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vouch = join(root, 'bin', 'vouch');

function step(title, args) {
  console.log(`\n$ vouch ${args.join(' ')}    # ${title}`);
  const r = spawnSync(process.execPath, [vouch, ...args], { cwd: root, stdio: 'inherit' });
  return r.status;
}

const code = step('check the example CloudFormation template against the default profile', [
  'check',
  'examples/templates/web-service.yaml',
  '--region',
  'eu-west-1',
  '--out',
  'reports',
]);
console.log(`\nReports are in ${join(root, 'reports')} (evidence.json is the source of truth; summary.md for a pull request).`);
console.log(code === 1 ? 'The example breaks some promises on purpose: see the FAIL lines above.' : '');
// The example is meant to show failures: npm start succeeds when vouch ran (exit 0, 1 or 3), fails on 2.
process.exitCode = code === 2 || code === null ? 1 : 0;

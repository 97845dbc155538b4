// `npm run bench -- faults`: the cloud fault suite (test/faults/*.faults.test.ts) with its per-class
// figures — exit code, wall time and peak RSS of each real `bin/vouch` run — collected into one table.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'vouch-bench-faults-'));
const out = join(dir, 'faults.md');
const files = ['aws', 'gcp', 'digitalocean', 'merge'].map((c) => `test/faults/${c}.faults.test.ts`);
const started = Date.now();
const r = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...files, '--reporter=dot'], {
  cwd: root,
  env: { ...process.env, VOUCH_FAULTS_OUT: out },
  stdio: ['ignore', 'ignore', 'inherit'],
});
console.log(`fault suite: ${r.status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s (machine: ${process.env.CI ? 'CI' : 'local'})`);
if (existsSync(out)) console.log(readFileSync(out, 'utf8'));
rmSync(dir, { recursive: true, force: true });
process.exitCode = r.status ?? 1;

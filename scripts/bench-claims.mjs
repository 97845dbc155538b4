// Benchmark: `vouch claims extract` as a whole process on the bundled
// Fantastyc policy, and on generated policies of 1 MB and 5 MB (the default
// size limit) made of real policy sentences. Reports sentences/s and MB/s.
import { mkdtempSync, readFileSync, writeFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'vouch');
const reps = Number(process.env.BENCH_REPS ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'vouch-bench-claims-'));

const policies = ['fantastyc-security-and-privacy.txt', 'fantesty-privacy-policy.txt'].map((f) => readFileSync(join(root, 'examples/policies', f), 'utf8'));
function generated(bytes) {
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const p = `Section ${i}\n\n${policies[i % 2]}\n\n`;
    parts.push(p);
    size += Buffer.byteLength(p);
  }
  return parts.join('');
}

const cases = [
  ['fantastyc policy', join(root, 'examples/policies/fantastyc-security-and-privacy.txt')],
  ['1 MB policy', (() => { const p = join(dir, 'p1.txt'); writeFileSync(p, generated(1024 * 1024)); return p; })()],
  ['5 MB policy', (() => { const p = join(dir, 'p5.txt'); writeFileSync(p, generated(5 * 1024 * 1024 - 65536)); return p; })()],
];

for (const [name, file] of cases) {
  const times = [];
  let sentences = 0;
  for (let r = 0; r < reps; r++) {
    const t = process.hrtime.bigint();
    const res = spawnSync(process.execPath, [bin, 'claims', 'extract', file, '--out', join(dir, 'out.yaml')], { encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (res.status !== 0) {
      console.error(`${name}: exit ${res.status}: ${res.stderr}`);
      process.exit(1);
    }
    sentences = Number(/(\d+) sentences/.exec(res.stderr)?.[1] ?? 0);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)];
  const mb = statSync(file).size / 1048576;
  console.log(`${name.padEnd(18)} ${mb.toFixed(2).padStart(6)} MB  ${String(sentences).padStart(7)} sentences  median ${ms.toFixed(0).padStart(6)} ms  ${(sentences / (ms / 1000)).toFixed(0).padStart(7)} sentences/s  ${(mb / (ms / 1000)).toFixed(2)} MB/s`);
}

// Hostile shapes, 1 MB each, in process: linear time is the point.
const { extractClaims } = await import(join(root, 'dist/src/claims/extract.js'));
const hostile = {
  'md unclosed links': ['markdown', '[a](b '.repeat(170_000)],
  'md stray emphasis': ['markdown', ('**a ' + '*b_c_ '.repeat(50)).repeat(3300)],
  "html run of '<'": ['html', '<'.repeat(1_000_000)],
  'html open attribute': ['html', '<p>x<a title="' + 'y'.repeat(1_000_000)],
  'text initials': ['text', 'A. B. C. '.repeat(110_000)],
};
for (const [name, [format, text]] of Object.entries(hostile)) {
  const t = process.hrtime.bigint();
  extractClaims(text, 'x', { format });
  console.log(`${name.padEnd(20)} ${(text.length / 1048576).toFixed(2)} MB  ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(0).padStart(6)} ms`);
}
rmSync(dir, { recursive: true, force: true });

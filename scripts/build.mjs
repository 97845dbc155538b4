// Transpile src/, rules/ and cdk/ to dist/ with esbuild, file by file (no
// bundling: rules are discovered at run time from dist/rules). Type checking
// is separate: `npm run typecheck`.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dirs = ['src', 'rules', 'cdk'];

function walk(dir, out = []) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'fixtures' || e.name === 'node_modules' || e.name === 'cdk.out') continue;
      walk(p, out);
    } else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !e.name.includes('.test.')) out.push(p);
  }
  return out;
}

const entryPoints = dirs.flatMap((d) => walk(join(root, d)));
rmSync(join(root, 'dist'), { recursive: true, force: true });
const started = Date.now();
await build({
  entryPoints,
  outdir: join(root, 'dist'),
  outbase: root,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
});
process.stdout.write(`vouch: built ${entryPoints.length} files into dist/ in ${Date.now() - started} ms\n`);


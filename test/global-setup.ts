// Build dist/ so process-level tests run the real `bin/vouch`, unless dist/
// already holds the build of exactly these sources (issue 18: the build is a
// few seconds of every run). The stamp lists every file the build reads (path,
// size, mtime) under src/, rules/, cdk/ and scripts/, so an edit, an added, moved or removed file rebuilds; a build
// made any other way (`npm run build`, `npm pack`) writes no stamp and is
// replaced. VOUCH_TEST_REBUILD=1 forces the build.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const STAMP = join('dist', '.test-build-stamp');

function walk(dir: string, out: string[]): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name === 'cdk.out' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** What the build reads, as one hash: every file under src/, rules/, cdk/ and scripts/, the package files and tsconfig.json. */
export function sourceStamp(root: string): string {
  const files = [...['src', 'rules', 'cdk', 'scripts'].flatMap((d) => walk(join(root, d), [])), ...['package.json', 'package-lock.json', 'tsconfig.json'].map((f) => join(root, f)).filter((f) => existsSync(f))].sort();
  const h = createHash('sha256');
  for (const f of files) {
    const s = statSync(f);
    h.update(`${relative(root, f)}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return h.digest('hex');
}

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const stamp = sourceStamp(root);
  const stampFile = join(root, STAMP);
  if (process.env.VOUCH_TEST_REBUILD !== '1' && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(join(root, 'dist', 'cli', 'vouch.mjs'))) return;
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'pipe' });
  writeFileSync(stampFile, stamp);
}

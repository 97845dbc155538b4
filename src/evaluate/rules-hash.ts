/**
 * The hash of the sources that decide verdicts (rules/**, src/lib/**), the
 * same for every way vouch runs: the build writes it to dist/rules-hash.json
 * (scripts/rules-hash.mjs, which calls the built copy of this module), which
 * the CLI bundle and dist/ read; unbuilt (tests, ts sources) it is computed
 * here from the sources. One definition serves both.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HASHED_DIRS = ['rules', 'src/lib'];

function walk(root: string, rel: string, out: string[]): string[] {
  let entries;
  try {
    entries = readdirSync(join(root, rel), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = `${rel}/${e.name}`;
    if (e.isDirectory()) {
      if (e.name !== 'fixtures' && e.name !== 'node_modules') walk(root, p, out);
    } else if (e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !e.name.includes('.test.')) out.push(p);
  }
  return out;
}

/** The hashed source files (rules/**, src/lib/** TypeScript, no fixtures or tests), in path order. */
export function hashedSourceFiles(root: string): string[] {
  return HASHED_DIRS.flatMap((d) => walk(root, d, [])).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** SHA-256 (hex) over path and content of every hashed source file, in path order. */
export function computeRulesSourcesHash(root: string): string {
  const files = hashedSourceFiles(root);
  const h = createHash('sha256');
  for (const f of files) h.update(f).update('\0').update(readFileSync(join(root, f))).update('\0');
  return h.digest('hex');
}

function packageRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      if ((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'vouch') return dir;
    } catch {
      /* keep walking up */
    }
    dir = dirname(dir);
  }
  return undefined;
}

let cached: string | undefined;

/** The sources hash of this vouch: from the build when running built, else from the sources. */
export function rulesSourcesHash(): string {
  if (cached) return cached;
  const root = packageRoot();
  const compiled = !import.meta.url.endsWith('.ts');
  if (root && compiled) {
    try {
      const h = (JSON.parse(readFileSync(join(root, 'dist', 'rules-hash.json'), 'utf8')) as { sourcesHash?: unknown }).sourcesHash;
      if (typeof h === 'string' && /^[0-9a-f]{64}$/.test(h)) return (cached = h);
    } catch {
      /* not built with the hash step: fall back to the sources */
    }
  }
  cached = root && existsSync(join(root, 'rules')) ? computeRulesSourcesHash(root) : 'unknown';
  return cached;
}

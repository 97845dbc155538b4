// The rules hash: SHA-256 over the sources that decide verdicts — every rule
// and rule helper under rules/ and the shared knowledge in src/lib/ (TypeScript
// files, fixtures and tests left out), path and content, in path order.
// Computed here at build time into dist/rules-hash.json, so the CLI bundle and
// dist/ report the same hash; src/engine/rules-hash.ts computes the same thing
// from the sources when vouch runs unbuilt (tests). Keep the two in step: a
// test compares them.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export const HASHED_DIRS = ['rules', 'src/lib'];

function walk(root, rel, out) {
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

export function computeRulesSourcesHash(root) {
  const files = HASHED_DIRS.flatMap((d) => walk(root, d, [])).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const h = createHash('sha256');
  for (const f of files) h.update(f).update('\0').update(readFileSync(join(root, f))).update('\0');
  return { hash: h.digest('hex'), files: files.length };
}

export function writeRulesHash(root) {
  const { hash, files } = computeRulesSourcesHash(root);
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, 'dist', 'rules-hash.json'), JSON.stringify({ sourcesHash: hash, files }) + '\n');
  return hash;
}

// The rules hash at build time: dist/rules-hash.json, so the CLI bundle and
// dist/ report the same hash. The computation itself is the runtime's
// (src/evaluate/rules-hash.ts), loaded from its built copy in dist/, which the
// build has written before this step: one definition, not two kept in step.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const runtime = (root) => import(pathToFileURL(join(root, 'dist', 'src', 'evaluate', 'rules-hash.js')).href);

/** The hash and the number of files it covers, as the runtime computes them. */
export async function computeRulesSourcesHash(root) {
  const { computeRulesSourcesHash: compute, hashedSourceFiles } = await runtime(root);
  return { hash: compute(root), files: hashedSourceFiles(root).length };
}

export async function writeRulesHash(root) {
  const { hash, files } = await computeRulesSourcesHash(root);
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, 'dist', 'rules-hash.json'), JSON.stringify({ sourcesHash: hash, files }) + '\n');
  return hash;
}

// Write docs/benchmarks.md from frameworks/*.yaml and the rule registry (run
// after the build: `npm run benchmarks:doc`). test/benchmarks/doc.test.ts fails when it is stale.
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { loadRules } = await import(join(root, 'dist/src/evaluate/registry.js'));
const { frameworkIds, loadFramework } = await import(join(root, 'dist/src/evaluate/frameworks/profile.js'));
const { renderBenchmarksDoc } = await import(join(root, 'dist/src/evaluate/frameworks/doc.js'));
const rules = await loadRules();
const frameworks = frameworkIds().map((id) => loadFramework(id));
writeFileSync(join(root, 'docs/benchmarks.md'), renderBenchmarksDoc(frameworks, rules));
process.stdout.write(`docs/benchmarks.md: ${frameworks.map((f) => `${f.id} ${f.controls.length} controls`).join(', ')}\n`);

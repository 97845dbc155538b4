// Write rules/README.md from the rule registry (run after the build:
// `npm run rules:doc`). test/rules-doc.test.ts fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { loadRules } = await import(join(root, 'dist/src/evaluate/registry.js'));
const { renderRulesDoc } = await import(join(root, 'dist/src/dev/rules-doc.js'));
const rules = await loadRules();
writeFileSync(join(root, 'rules/README.md'), renderRulesDoc(rules));
process.stdout.write(`rules/README.md: ${rules.length} rules\n`);

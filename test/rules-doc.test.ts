import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadRules } from '../src/evaluate/registry.js';
import { renderRulesDoc } from '../src/dev/rules-doc.js';

describe('rules/README.md', () => {
  it('is current with the rule registry (run `npm run rules:doc` after adding or changing a rule)', async () => {
    const rules = await loadRules();
    const committed = readFileSync(new URL('../rules/README.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderRulesDoc(rules));
  });

  it('lists every rule with its control and severity', async () => {
    const rules = await loadRules();
    const doc = renderRulesDoc(rules);
    for (const r of rules) expect(doc).toMatch(new RegExp(`\\| \`${r.id}\` \\| ${r.severity} \\|`));
    expect(doc).toContain(`${rules.length} rules`);
  });
});

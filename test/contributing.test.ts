/**
 * docs/CONTRIBUTING.md stays true: the paths it names exist, the npm scripts
 * it names are defined, and its example rule is, byte for byte, a rule of the
 * catalogue that the registry loads and that passes its own fixtures (the
 * fixtures themselves run in test/rules.fixtures.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRules } from '../src/evaluate/registry.js';
import { fixturesOf, runFixture } from './helpers/rule-fixtures.js';

const root = join(import.meta.dirname, '..');
const doc = readFileSync(join(root, 'docs/CONTRIBUTING.md'), 'utf8');

describe('docs/CONTRIBUTING.md', () => {
  it('names only paths that exist', () => {
    const paths = new Set<string>();
    for (const m of doc.matchAll(/(?<![\w./-])((?:src|rules|test|scripts|docs|schema|cdk|frameworks)\/[\w./<>-]*[\w/>])/g)) {
      const p = m[1]!.replace(/\/$/, '');
      if (p.includes('<')) continue; // a pattern such as rules/<control>/<rule>/rule.ts
      paths.add(p);
    }
    expect(paths.size).toBeGreaterThan(30);
    expect([...paths].filter((p) => !existsSync(join(root, p)))).toEqual([]);
  });

  it('names only npm scripts that are defined', () => {
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const named = [...doc.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((n) => !(n in scripts))).toEqual([]);
  });

  it('shows a real rule, which loads and judges its fixtures as the walk-through says', async () => {
    const m = /<!-- example-rule: (\S+) -->\n```ts\n([\s\S]*?)```/.exec(doc);
    expect(m, 'the example rule block').not.toBeNull();
    const [, file, code] = m!;
    expect(readFileSync(join(root, file!), 'utf8')).toBe(code);
    const rule = (await loadRules()).find((r) => r.file?.endsWith(file!.replace(/\.ts$/, '')) || r.file?.endsWith(file!));
    expect(rule?.id).toBe('enc-rest/aws-docdb-db-cluster');
    const kinds = fixturesOf(rule!).map((f) => f.file.split('/fixtures/')[1]).sort();
    expect(kinds).toEqual(['fail-cmk.yaml', 'fail.yaml', 'pass.yaml', 'unknown.yaml']);
    for (const fx of fixturesOf(rule!)) {
      const { findings } = runFixture(rule!, fx.file);
      expect(findings.some((f) => f.status === fx.kind), fx.file).toBe(true);
    }
  });
});

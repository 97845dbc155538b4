/**
 * The rules hash is one value for one set of rule and helper sources, however
 * vouch runs (CLI bundle, dist/ modules, TypeScript sources under test), and
 * it moves when a shared helper in src/lib changes.
 */
import { describe, it, expect } from 'vitest';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { computeRulesSourcesHash, rulesSourcesHash } from '../../src/evaluate/rules-hash.js';
import { loadRules, rulesHash } from '../../src/evaluate/registry.js';
import { runVouch, ROOT } from '../helpers/cli.js';

describe('rules hash', () => {
  it('the build script and the runtime compute the same sources hash', async () => {
    const script = (await import(pathToFileURL(join(ROOT, 'scripts', 'rules-hash.mjs')).href)) as { computeRulesSourcesHash: (r: string) => Promise<{ hash: string }> };
    expect((await script.computeRulesSourcesHash(ROOT)).hash).toBe(computeRulesSourcesHash(ROOT));
    expect(rulesSourcesHash()).toBe(computeRulesSourcesHash(ROOT));
    expect(JSON.parse(readFileSync(join(ROOT, 'dist', 'rules-hash.json'), 'utf8')).sourcesHash).toBe(computeRulesSourcesHash(ROOT));
  });

  it('is identical through the CLI bundle, dist/ and the sources', async () => {
    const fromSources = rulesHash(await loadRules());
    const dir = mkdtempSync(join(tmpdir(), 'vouch-hash-'));
    writeFileSync(join(dir, 't.yaml'), 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n');
    await runVouch(['check', 't.yaml', '--format', 'json', '--out', 'o'], { cwd: dir });
    const fromBundle = JSON.parse(readFileSync(join(dir, 'o', 'evidence.json'), 'utf8')).tool.rulesHash;
    const fromDist = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', `const r = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist/src/evaluate/registry.js')).href)}); process.stdout.write(r.rulesHash(await r.loadRules()));`],
      { encoding: 'utf8' },
    );
    expect(fromBundle).toMatch(/^[0-9a-f]{16}$/);
    expect(fromBundle).toBe(fromSources);
    expect(fromDist).toBe(fromSources);
  });

  it('changes when a shared helper in src/lib or a rule helper changes, not when a fixture does', () => {
    const root = mkdtempSync(join(tmpdir(), 'vouch-hash-src-'));
    cpSync(join(ROOT, 'rules'), join(root, 'rules'), { recursive: true });
    mkdirSync(join(root, 'src'));
    cpSync(join(ROOT, 'src', 'lib'), join(root, 'src', 'lib'), { recursive: true });
    const base = computeRulesSourcesHash(root);
    expect(base).toBe(computeRulesSourcesHash(ROOT));
    appendFileSync(join(root, 'rules', 'tls-min', 'aws-elbv2-listener', 'fixtures', 'note.yaml'), '# a fixture edit\n');
    expect(computeRulesSourcesHash(root)).toBe(base);
    appendFileSync(join(root, 'src', 'lib', 'tls.ts'), '\n// a helper edit changes verdicts\n');
    const afterLib = computeRulesSourcesHash(root);
    expect(afterLib).not.toBe(base);
  });
});

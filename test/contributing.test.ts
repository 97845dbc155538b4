/**
 * docs/CONTRIBUTING.md stays true: the paths it names exist, the npm scripts
 * it names are defined, and its example rule is, byte for byte, a rule of the
 * catalogue that the registry loads and that passes its own fixtures (the
 * fixtures themselves run in test/rules.fixtures.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
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
    expect(kinds).toEqual(['fail-cmk.yaml', 'fail.yaml', 'pass-restored-with-key.yaml', 'pass.yaml', 'unknown-restored-without-key.yaml', 'unknown.yaml']);
    for (const fx of fixturesOf(rule!)) {
      const { findings } = runFixture(rule!, fx.file);
      expect(findings.some((f) => f.status === fx.kind), fx.file).toBe(true);
    }
  });
});

describe('docs/CONTRIBUTING.md: adding a provider', () => {
  const section = doc.slice(doc.indexOf('## Adding a provider'), doc.indexOf('## Contracts'));
  const read = (p: string) => readFileSync(join(root, p), 'utf8');

  it('names the symbols the steps rely on, in the files it names', () => {
    // [what the walk-through says, the file it names, what that file must hold for it to be true]
    const claims: [string, string, string | RegExp][] = [
      ['PROVIDER_NAMES', 'src/model/provider-names.ts', 'export const PROVIDER_NAMES'],
      ['provider', 'src/schema/inventory.ts', 'provider: z.enum(PROVIDER_NAMES)'],
      ['ProviderDeclaration', 'src/sources/providers/types.ts', 'export interface ProviderDeclaration'],
      ['PROVIDERS', 'src/sources/providers/index.ts', /PROVIDERS: Readonly<Record<Provider, ProviderDeclaration>>/],
      ['servicesHelp', 'src/sources/providers/index.ts', 'export function servicesHelp'],
      ['parseServiceList', 'src/sources/providers/index.ts', 'export function parseServiceList'],
      ['READ_METHODS', 'src/sources/providers/digitalocean/collectors/client.ts', 'READ_METHODS'],
      ['withRetry', 'src/sources/providers/common/retry.ts', 'export async function withRetry'],
      ['checkAnswer', 'src/sources/providers/common/answers.ts', 'export function checkAnswer'],
      ['runSignal()', 'src/sources/providers/common/deadline.ts', 'export function runSignal'],
      ['SourceEnv', 'src/sources/providers/common/env.ts', 'export type SourceEnv'],
      ['CoverageRecorder', 'src/sources/providers/common/coverage.ts', 'export class CoverageRecorder'],
      ['ProviderCli', 'src/cli/provider-cli.ts', 'export interface ProviderCli'],
      ['FlagDef', 'src/cli/flags.ts', 'FlagDef'],
      ['configKey', 'src/cli/flags.ts', 'configKey'],
      ['yargsFlags', 'src/cli/flags.ts', 'export function yargsFlags'],
      ['underDeadline(deadlineMs(argv),', 'src/cli/commands/scan-digitalocean.ts', "underDeadline(deadlineMs(argv), 'scan digitalocean', collect, ctx.signal)"],
      ['prepareProbe(argv,', 'src/cli/commands/scan-digitalocean.ts', 'prepareProbe(argv, prepared.profile, ctx.signal)'],
      ['printPlan', 'src/cli/commands/scan-digitalocean.ts', 'printPlan('],
      ['notConfigured(args, ctx, config, given)', 'src/cli/provider-cli.ts', 'notConfigured(args: Record<string, unknown>, ctx: RunContext, config: VouchConfig | undefined, given: Record<string, unknown>)'],
      ['{ [P in Provider]: ProviderCli }', 'src/cli/commands/providers.ts', '{ readonly [P in Provider]: ProviderCli }'],
      ['INTEGRATION_DIRS', 'test/tiers.ts', 'export const INTEGRATION_DIRS'],
    ];
    for (const [said, file, holds] of claims) {
      expect(section, `the walk-through mentions ${said}`).toContain(said);
      // A file is named by its path, or by its name under a folder the step names (`retry.ts` under common/).
      expect(section.includes(file) || section.includes(`\`${basename(file)}\``), `the walk-through names ${file}`).toBe(true);
      const text = read(file);
      if (typeof holds === 'string') expect(text, `${file} holds ${holds}`).toContain(holds);
      else expect(text, `${file} matches ${holds}`).toMatch(holds);
    }
  });

  it('scan, plan scan and scan all offer every provider of the registry (the lists are derived, not kept)', async () => {
    const { run } = await import('../src/cli/main.js');
    const { capturedContext } = await import('../src/cli/context.js');
    const { PROVIDERS } = await import('../src/sources/providers/index.js');
    const { PROVIDER_NAMES } = await import('../src/model/provider-names.js');
    expect(Object.keys(PROVIDERS)).toEqual([...PROVIDER_NAMES]);
    const help = async (argv: string[]) => {
      const ctx = capturedContext();
      await run([...argv, '--help'], ctx);
      return ctx.out();
    };
    const scan = await help(['scan']);
    const plan = await help(['plan', 'scan']);
    const all = await help(['scan', 'all']);
    for (const name of PROVIDER_NAMES) {
      expect(scan).toMatch(new RegExp(`vouch scan ${name}\\b`));
      expect(plan).toMatch(new RegExp(`vouch plan scan ${name}\\b`));
      expect(all.replace(/\s+/g, ' ')).toMatch(new RegExp(`Comma list of sources that must be configured \\([a-z,]*\\b${name}\\b`)); // --require
    }
  });
});

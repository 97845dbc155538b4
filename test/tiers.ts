/**
 * The two test tiers, by directory and file name (see docs/CONTRIBUTING.md):
 * a test that starts moto, a fixture server, a browser or npm goes in the
 * integration tier; everything else is fast. Which integration files need a
 * prerequisite from outside the repository is read from what they import.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { probe, type Need, type Probe, REPO_ROOT } from './prereqs.js';

/** Every test file of either tier. */
export const TEST_FILES = ['test/**/*.test.ts', 'rules/**/*.test.ts', 'cdk/**/*.test.ts'];

/** Directories whose tests run against moto, the local fixture clouds, probe targets or fault proxies. */
export const INTEGRATION_DIRS = ['test/aws', 'test/gcp', 'test/digitalocean', 'test/cloud', 'test/faults', 'test/probe'];

export const INTEGRATION_FILES = [
  ...INTEGRATION_DIRS.map((d) => `${d}/**/*.test.ts`),
  // Collects from moto and the fixture servers of every cloud at once.
  'test/scan-all.test.ts',
  // A real browser, or the packed tarball installed with npm.
  '**/*.browser.test.ts',
  '**/*.integration.test.ts',
];

/** What a file's source (and the test helpers it imports) shows it needs. */
const SIGNS: [Need, RegExp][] = [
  ['moto', /\bmoto\.server\b|\bstartMoto\b/],
  // The spec is read where SPEC_PATH (test/digitalocean/openapi.ts) or doSpecPath() is used.
  ['do-spec', /\bSPEC_PATH\b|\bdoSpecPath\(\)/],
  ['chromium', /from ['"]playwright-core['"]/],
];

function listFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) listFiles(p, out);
    else if (e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const MACHINERY = new Set(['prereqs.ts', 'tiers.ts', 'tier-reporter.ts']);
const IMPORT = /(?:from|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** Needs of one file: its text and the texts of the test/ modules it imports, transitively. */
export function needsOf(file: string): Need[] {
  const testDir = join(REPO_ROOT, 'test') + sep;
  const seen = new Set<string>();
  const needs = new Set<Need>();
  const visit = (f: string) => {
    if (seen.has(f) || seen.size > 200) return;
    seen.add(f);
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch {
      return;
    }
    for (const [need, re] of SIGNS) if (re.test(text)) needs.add(need);
    for (const m of text.matchAll(IMPORT)) {
      const target = resolve(dirname(f), m[1]!).replace(/\.js$/, '.ts');
      // prereqs.ts and this file name every prerequisite without needing one.
      if (target.startsWith(testDir) && !MACHINERY.has(relative(testDir, target))) visit(target);
    }
  };
  visit(file);
  return [...needs].sort();
}

export function isIntegration(rel: string): boolean {
  const p = rel.split(sep).join('/');
  return INTEGRATION_DIRS.some((d) => p.startsWith(`${d}/`)) || p === 'test/scan-all.test.ts' || p.endsWith('.browser.test.ts') || p.endsWith('.integration.test.ts');
}

export interface TierPlan {
  /** Integration files left out because a prerequisite is missing (outside CI only). */
  skipped: { file: string; needs: Probe[] }[];
  /** Prerequisites that are missing, with why. */
  missing: Probe[];
  ci: boolean;
}

/** Probe the prerequisites the integration files need; outside CI, plan to skip the files whose prerequisites are missing. */
export function planTiers(env: NodeJS.ProcessEnv = process.env): TierPlan {
  const ci = env.CI === 'true' || env.CI === '1';
  const files = ['test', 'rules', 'cdk'].flatMap((d) => listFiles(join(REPO_ROOT, d))).map((f) => relative(REPO_ROOT, f).split(sep).join('/'));
  const integration = files.filter(isIntegration);
  const probes = new Map<Need, Probe>();
  const skipped: TierPlan['skipped'] = [];
  for (const file of integration) {
    const missing: Probe[] = [];
    for (const need of needsOf(join(REPO_ROOT, file))) {
      if (!probes.has(need)) probes.set(need, probe(need, env));
      const p = probes.get(need)!;
      if (!p.ok) missing.push(p);
    }
    if (missing.length) skipped.push({ file, needs: missing });
  }
  return { skipped: ci ? [] : skipped, missing: [...probes.values()].filter((p) => !p.ok), ci };
}

/**
 * The test tiers and the prerequisites setting: the fast tier needs nothing
 * from outside the repository (so a fresh clone passes `npm test`), and a
 * missing prerequisite skips its integration files outside CI but not under
 * CI=true.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isIntegration, needsOf, planTiers } from '../tiers.js';
import { prereq, probe, doSpecPath, REPO_ROOT } from '../prereqs.js';

function testFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') testFiles(p, out);
    } else if (e.name.endsWith('.test.ts')) out.push(relative(REPO_ROOT, p).split(sep).join('/'));
  }
  return out;
}
const all = ['test', 'rules', 'cdk'].flatMap((d) => testFiles(join(REPO_ROOT, d)));
const MISSING = { VOUCH_TEST_PREREQS: 'python=/nonexistent/python3,specs=/nonexistent/specs,chromium=/nonexistent/chromium' };

describe('test tiers', () => {
  it('the fast tier needs no emulator, spec or browser: every file that does is in the integration tier', () => {
    const fast = all.filter((f) => !isIntegration(f));
    expect(fast.length).toBeGreaterThan(30);
    const needy = fast.map((f) => [f, needsOf(join(REPO_ROOT, f))] as const).filter(([, n]) => n.length);
    expect(needy).toEqual([]);
  });

  it('classifies by directory and file name', () => {
    for (const f of ['test/aws/new.test.ts', 'test/gcp/x/y.test.ts', 'test/digitalocean/a.test.ts', 'test/faults/a.test.ts', 'test/probe/tls.test.ts', 'test/cloud/proxy.test.ts', 'test/scan-all.test.ts', 'test/reports/html.browser.test.ts', 'test/package/consumer.integration.test.ts'])
      expect(isIntegration(f), f).toBe(true);
    for (const f of ['test/cli/check.test.ts', 'test/corpus/labels.test.ts', 'rules/x.test.ts', 'test/package/pack.test.ts', 'test/awsome.test.ts'])
      expect(isIntegration(f), f).toBe(false);
  });

  it('finds what an integration file needs through the helpers it imports', () => {
    expect(needsOf(join(REPO_ROOT, 'test/aws/e2e.test.ts'))).toContain('moto');
    expect(needsOf(join(REPO_ROOT, 'test/digitalocean/contract.test.ts'))).toContain('do-spec');
    expect(needsOf(join(REPO_ROOT, 'test/reports/html.browser.test.ts'))).toEqual(['chromium']);
  });
});

describe('VOUCH_TEST_PREREQS', () => {
  it('sets where each prerequisite is, over the defaults', () => {
    const env = { VOUCH_TEST_PREREQS: 'specs=/opt/specs, python=/opt/venv/bin/python3 ,chromium=/opt/chrome' };
    expect(prereq('specs', env)).toBe('/opt/specs');
    expect(doSpecPath(env)).toBe('/opt/specs/digitalocean-openapi.yaml');
    expect(prereq('python', env)).toBe('/opt/venv/bin/python3');
    expect(prereq('chromium', env)).toBe('/opt/chrome');
    expect(prereq('specs', {})).toBe(join(REPO_ROOT, '..', 'shared', 'specs'));
    expect(prereq('python', { VOUCH_PYTHON: 'py3' })).toBe('py3');
    expect(() => prereq('python', { VOUCH_TEST_PREREQS: 'moto=/x' })).toThrow(/VOUCH_TEST_PREREQS: 'moto=\/x' is not one of specs=\.\.\., python=\.\.\., chromium=\.\.\./);
  });

  it('reports a missing prerequisite with what to set', () => {
    expect(probe('moto', MISSING)).toMatchObject({ ok: false, why: expect.stringMatching(/nonexistent\/python3.*VOUCH_TEST_PREREQS=python=CMD/) });
    expect(probe('do-spec', MISSING)).toMatchObject({ ok: false, why: expect.stringMatching(/\/nonexistent\/specs\/digitalocean-openapi\.yaml/) });
    expect(probe('chromium', MISSING)).toMatchObject({ ok: false, why: expect.stringMatching(/\/nonexistent\/chromium/) });
  });

  it('outside CI, skips exactly the integration files whose prerequisites are missing; under CI=true, skips none', () => {
    const plan = planTiers({ ...MISSING });
    const skipped = plan.skipped.map((s) => s.file);
    expect(skipped).toContain('test/aws/e2e.test.ts');
    expect(skipped).toContain('test/digitalocean/contract.test.ts');
    expect(skipped).toContain('test/reports/html.browser.test.ts');
    expect(skipped.every((f) => isIntegration(f))).toBe(true);
    // Files that need nothing from outside still run.
    expect(skipped).not.toContain('test/package/consumer.integration.test.ts');
    expect(skipped).not.toContain('test/gcp/http.test.ts');
    expect(plan.missing.map((m) => m.need).sort()).toEqual(['chromium', 'do-spec', 'moto']);
    const ci = planTiers({ ...MISSING, CI: 'true' });
    expect(ci.skipped).toEqual([]);
    expect(ci.missing).toHaveLength(3);
  });
});

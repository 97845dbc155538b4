/**
 * The HTML report in a real headless browser (Debian's chromium driven by
 * playwright-core). CI must `apt-get install -y chromium`; without it this
 * test fails, it does not skip.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderHtml } from '../../src/reporters/html.js';
import { richEvidence, richFindings, makeFinding } from './evidence-fixture.js';
import type { Finding } from '../../src/findings/evidence.js';
import { runVouch } from '../helpers/cli.js';
import { prereq } from '../prereqs.js';

const CHROMIUM = prereq('chromium');
const dir = mkdtempSync(join(tmpdir(), 'vouch-html-'));
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
const requests: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: the HTML report test needs Debian's chromium (apt-get install -y chromium)`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const file = join(dir, 'report.html');
  writeFileSync(file, renderHtml(richEvidence()));
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) requests.push(r.url());
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('#claims-list .claim');
});

afterAll(async () => {
  await browser?.close();
});

describe('HTML report in headless chromium', () => {
  it('loads with no console errors, no network request, and opens on the claim view', async () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.isVisible('#view-claims')).toBe(true);
    expect(await page.isVisible('#view-findings')).toBe(false);
    const claims = await page.$$eval('#claims-list .claim', (els) => els.map((e) => [e.getAttribute('data-claim'), e.className]));
    expect(claims).toHaveLength(8);
    // broken claims first
    expect(claims[0]![1]).toContain('c-broken');
    expect(Object.fromEntries(claims)).toMatchObject({ enc: 'claim c-broken', tls: 'claim c-holds', soc2: 'claim c-needs-attestation', regions: 'claim c-unverified' });
    const regions = await page.textContent('[data-claim="regions"]');
    expect(regions).toContain('nothing in scope');
  });

  it('hostile strings are shown as text, never as markup', async () => {
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(await page.$$('#claims-list img')).toHaveLength(0);
    expect(await page.textContent('[data-claim="public"]')).toContain('<img src=x');
  });

  it('filters by status, control, provider and severity', async () => {
    await page.click('#tab-findings');
    const count = async () => page.$$eval('#findings-table tbody tr.finding', (r) => r.length);
    expect(await count()).toBe(10);
    await page.selectOption('#f-status', 'fail');
    expect(await page.$$eval('#findings-table tbody tr.finding', (r) => r.map((x) => x.getAttribute('data-status')))).toEqual(['fail', 'fail']);
    await page.selectOption('#f-provider', 'aws');
    expect(await count()).toBe(2);
    await page.selectOption('#f-severity', 'critical');
    expect(await count()).toBe(1);
    await page.selectOption('#f-status', '');
    await page.selectOption('#f-severity', '');
    await page.selectOption('#f-provider', '');
    await page.selectOption('#f-control', 'enc-rest');
    expect(await count()).toBe(3);
    await page.selectOption('#f-provider', 'gcp');
    expect(await count()).toBe(1);
    await page.selectOption('#f-provider', '');
    await page.selectOption('#f-control', '');
    await page.selectOption('#f-status', 'suppressed');
    expect(await count()).toBe(1);
    expect(await page.textContent('#findings-count')).toBe('1 of 10 findings match');
  });

  it('expands a finding to its evidence, remediation and suppression', async () => {
    await page.selectOption('#f-status', 'fail');
    await page.selectOption('#f-control', 'enc-rest');
    await page.click('#findings-table tbody tr.finding');
    const detail = await page.textContent('#findings-table tr.detail');
    expect(detail).toContain('Properties.BucketEncryption');
    expect(detail).toContain('SSE-KMS or AES256');
    expect(detail).toContain('Set BucketEncryption');
    expect(detail).toContain('services/api/infra/app.template.json:12');
    await page.selectOption('#f-control', 'public-access');
    await page.click('#findings-table tbody tr.finding');
    expect(await page.textContent('#findings-table tr.detail')).toContain('expired');
  });

  it('a claim links to its findings', async () => {
    await page.click('#tab-claims');
    await page.click('[data-claim-link="enc"]');
    expect(await page.isVisible('#view-findings')).toBe(true);
    expect(await page.$$eval('#findings-table tbody tr.finding', (r) => r.length)).toBe(3);
  });

  it('shows suppressions with reason, owner and expiry, and what was not checked', async () => {
    await page.click('#tab-suppressions');
    const sup = await page.textContent('#suppressions-table');
    expect(sup).toContain('legacy jump box');
    expect(sup).toContain('ops@example.com');
    expect(sup).toContain('2020-01-31');
    await page.click('#tab-coverage');
    const cov = await page.textContent('#coverage');
    expect(cov).toContain('iam:GetAccountAuthorizationDetails');
    expect(cov).toContain('GCP Workspace 2-step enforcement');
    expect(cov).toContain('no resource checked for data-residency');
    expect(consoleErrors).toEqual([]);
  });

  it('takes a screenshot of the claim view', async () => {
    await page.click('#tab-claims');
    const shot = join(dir, 'claims.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    await page.click('#tab-findings');
    await page.selectOption('#f-status', '');
    await page.selectOption('#f-control', '');
    await page.click('#findings-table tbody tr.finding');
    await page.screenshot({ path: join(dir, 'findings.png'), fullPage: true });
    process.stdout.write(`screenshots: ${dir}\n`);
  });
});

describe('HTML report with 20,000 findings', () => {
  it('renders one page of rows at a time and filters across all of them', async () => {
    const statuses = ['pass', 'pass', 'pass', 'fail', 'unknown', 'not-applicable'] as const;
    const many: Finding[] = richFindings();
    for (let i = 0; many.length < 20_000; i++) {
      const provider = (['aws', 'gcp', 'digitalocean'] as const)[Math.floor(i / 6) % 3]!;
      many.push(
        makeFinding({
          ruleId: `enc-rest/${provider}-thing`,
          status: statuses[i % statuses.length]!,
          severity: i % 2 ? 'high' : 'low',
          resource: { id: `${provider}:thing:${i}`, type: `${provider}.thing`, provider, source: 'live', arn: `${provider}:thing:${i}`, name: `thing-${i}` },
        }),
      );
    }
    const file = join(dir, 'big.html');
    writeFileSync(file, renderHtml(richEvidence(many)));
    const p = await browser.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(String(e)));
    p.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await p.goto(pathToFileURL(file).href);
    await p.waitForSelector('#claims-list .claim');
    await p.click('#tab-findings');
    expect(await p.textContent('#findings-count')).toBe('20000 of 20000 findings match');
    expect(await p.$$eval('#findings-table tbody tr.finding', (r) => r.length)).toBe(100);
    expect(await p.textContent('#pager-top')).toContain('page 1 of 200');
    const expectedFails = many.filter((f) => f.status === 'fail' && !(f.suppression && !f.suppression.expired)).length;
    await p.selectOption('#f-status', 'fail');
    expect(await p.textContent('#findings-count')).toBe(`${expectedFails} of 20000 findings match`);
    await p.selectOption('#f-provider', 'gcp');
    const gcpFails = many.filter((f) => f.status === 'fail' && f.resource.provider === 'gcp').length;
    expect(await p.textContent('#findings-count')).toBe(`${gcpFails} of 20000 findings match`);
    await p.click('#pager-top button.next');
    expect(await p.textContent('#pager-top')).toContain('page 2 of');
    await p.fill('#f-text', 'thing-19999');
    expect(await p.$$eval('#findings-table tbody tr.finding', (r) => r.length)).toBeLessThanOrEqual(1);
    expect(errors).toEqual([]);
    await p.close();
  });
});

describe('HTML written by the bundled CLI', () => {
  it('vouch report --format html from dist/ loads without errors (the page script survives the build)', async () => {
    const ev = join(dir, 'cli-evidence.json');
    writeFileSync(ev, JSON.stringify(richEvidence()));
    const out = join(dir, 'cli-out');
    const r = await runVouch(['report', ev, '--format', 'html', '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const p = await browser.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(String(e)));
    p.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await p.goto(pathToFileURL(join(out, 'report.html')).href);
    await p.waitForSelector('#claims-list .claim');
    expect(await p.$$eval('#claims-list .claim', (e) => e.length)).toBe(8);
    expect(errors).toEqual([]);
    await p.close();
  });
});

/**
 * The HTML report's observed-vs-configured parts in headless chromium (as
 * test/reports/html.browser.test.ts: Debian's chromium, no skip): a document
 * with a configured pass and an observed failure on the same listener.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderHtml } from '../../src/reporters/html.js';
import { runEvaluation } from '../../src/evaluate/run.js';
import { loadRules } from '../../src/evaluate/registry.js';
import { Inventory } from '../../src/model/inventory.js';
import { parseProfile } from '../../src/evaluate/claims-profile.js';
import { addProbeFindings } from '../../src/sources/probe/findings.js';
import { findingResource } from '../../src/evaluate/evaluate.js';
import type { Resource } from '../../src/model/resource.js';
import type { Observation } from '../../src/sources/probe/types.js';

const CHROMIUM = '/usr/bin/chromium';
let browser: Browser;
let page: Page;
const errors: string[] = [];

const L443 = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/web/abc/443';
const listener: Resource = {
  type: 'aws.elbv2.listener',
  provider: 'aws',
  source: 'live',
  id: L443,
  name: 'web/443 <script>alert(1)</script>',
  properties: { Protocol: 'HTTPS', Port: 443, SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', Live: { SslPolicyProtocols: ['TLSv1.2', 'TLSv1.3'] } },
  location: { account: '111122223333', region: 'eu-west-1', arn: L443 },
  relations: {},
};

/** What a probe of a server accepting TLS 1.0-1.3 records (hand-written: this test is about rendering). */
const observation: Observation = {
  target: { host: 'web-1.elb.amazonaws.com', tlsPort: 443, httpPort: null, hostnameMatters: false, origin: findingResource(listener), via: 'aws.elbv2.load-balancer DNS name' },
  address: '127.0.0.1',
  versions: [
    { version: '1.0', outcome: 'accepted', cipher: 'ECDHE-RSA-AES256-SHA', ciphers: ['ECDHE-RSA-AES256-SHA'] },
    { version: '1.1', outcome: 'accepted', cipher: 'ECDHE-RSA-AES256-SHA', ciphers: ['ECDHE-RSA-AES256-SHA'] },
    { version: '1.2', outcome: 'accepted', cipher: 'ECDHE-RSA-AES256-GCM-SHA384' },
    { version: '1.3', outcome: 'accepted', cipher: 'TLS_AES_256_GCM_SHA384' },
  ],
  handshakes: 6,
  requests: 1,
  startedAt: new Date().toISOString(),
  ms: 40,
  https: { outcome: 'answered', status: 200, hsts: 'max-age=31536000' },
};

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: the HTML report test needs Debian's chromium (apt-get install -y chromium)`);
  const profile = parseProfile({ version: 1, name: 'shop', claims: [{ id: 'tls', text: 'TLS 1.2 or higher in transit.', controls: ['tls-min'] }] }, 'claims.yaml');
  const rules = (await loadRules()).filter((r) => r.id === 'tls-min/aws-elbv2-listener');
  const doc = runEvaluation({ inventory: new Inventory([listener]), rules, profile, command: 'test', inputs: [] });
  addProbeFindings(doc, { observations: [observation], skipped: [], handshakes: 6, requests: 1, ms: 40 });
  const dir = mkdtempSync(join(tmpdir(), 'vouch-probe-html-'));
  writeFileSync(join(dir, 'report.html'), renderHtml(doc));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  page = await browser.newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(join(dir, 'report.html')).href);
  await page.waitForSelector('#claims-list .claim');
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('observed next to configured in the HTML report', () => {
  it('shows the claim line and the per-resource table, with names as text', async () => {
    expect(errors).toEqual([]);
    expect(await page.textContent('[data-claim="tls"]')).toContain('configured: pass · observed: fail (they disagree)');
    expect(await page.textContent('[data-claim="tls"]')).toContain('observed (probe)');
    const rows = await page.$$eval('#observed tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(rows).toHaveLength(1);
    expect(rows[0]![0]).toContain('web/443 <script>alert(1)</script>');
    expect(rows[0]!.slice(1, 4)).toEqual(['tls-min', 'pass', 'fail disagrees']);
    expect(rows[0]![4]).toContain('accepts TLS 1.0 and TLS 1.1');
    expect(await page.$$('#observed script')).toHaveLength(0);
  });
});

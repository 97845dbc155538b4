/** The HTML report names the owner of live findings, in a real headless browser. */
import { describe, it, expect, afterAll } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { renderHtml } from '../../src/reporters/html.js';
import { prereq } from '../prereqs.js';
import { doc } from './owned-findings.js';

let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
});

describe('owner of live findings in the HTML report', () => {
  it('HTML (headless chromium): the findings table names the owner', async () => {
    const exe = prereq('chromium');
    if (!existsSync(exe)) throw new Error(`${exe} not found: the HTML check needs Debian's chromium`);
    browser = await chromium.launch({ executablePath: exe, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    const file = join(mkdtempSync(join(tmpdir(), 'vouch-drift-html-')), 'report.html');
    writeFileSync(file, renderHtml(doc));
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.click('#tab-findings');
    const table = (await page.textContent('#findings-table')) ?? '';
    expect(table).toContain('stack WebStack AssetsBucket1A2B3C4D (WebStack/Assets/Resource)');
    expect(table).toContain('no stack (shadow resource)');
  }, 60_000);
});

/**
 * Every report shows who owns a live finding's resource: the evidence JSON
 * (schema-valid, read back by `vouch report`), Markdown, SARIF (message and a
 * logical location at the CDK construct path) and the HTML report in a real
 * headless browser. Documents without owners stay valid (backward compatible).
 */
import { describe, it, expect, afterAll } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { renderMarkdown } from '../../src/reports/markdown.js';
import { renderSarif } from '../../src/reports/sarif.js';
import { renderHtml } from '../../src/reports/html.js';
import { renderJson } from '../../src/reports/json.js';
import { parseEvidence } from '../../src/reports/load-evidence.js';
import { richEvidence, richFindings, makeFinding } from '../reports/evidence-fixture.js';
import { evidenceErrors } from '../helpers/evidence-schema.js';
import { prereq } from '../prereqs.js';

const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/WebStack/0f1e2d3c-aaaa-bbbb-cccc-000000000001';
const owned = makeFinding({
  ruleId: 'enc-rest/aws-s3-bucket',
  status: 'fail',
  resource: {
    type: 'aws.s3.bucket',
    provider: 'aws',
    source: 'live',
    id: 'arn:aws:s3:::web-assets-bucket',
    arn: 'arn:aws:s3:::web-assets-bucket',
    account: '123456789012',
    region: 'us-east-1',
    owner: { status: 'stack', stackName: 'WebStack', stackId: STACK_ID, logicalId: 'AssetsBucket1A2B3C4D', constructPath: 'WebStack/Assets/Resource' },
  },
});
const shadow = makeFinding({
  ruleId: 'enc-rest/aws-s3-bucket',
  status: 'fail',
  resource: { type: 'aws.s3.bucket', provider: 'aws', source: 'live', id: 'arn:aws:s3:::hand-made-bucket', arn: 'arn:aws:s3:::hand-made-bucket', account: '123456789012', region: 'us-east-1', owner: { status: 'none' } },
});
const ambiguous = makeFinding({
  ruleId: 'enc-rest/aws-sqs-queue',
  status: 'fail',
  resource: {
    type: 'aws.sqs.queue',
    provider: 'aws',
    source: 'live',
    id: 'arn:aws:sqs:us-east-1:123456789012:shared-events',
    account: '123456789012',
    region: 'us-east-1',
    owner: {
      status: 'ambiguous',
      reason: '2 stacks claim this physical id',
      claims: [
        { stackName: 'CopyStack', stackId: STACK_ID.replace('WebStack', 'CopyStack'), logicalId: 'SharedQueueCopy' },
        { stackName: 'DataStack', stackId: STACK_ID.replace('WebStack', 'DataStack'), logicalId: 'SharedQueue' },
      ],
    },
  },
});
const doc = richEvidence([...richFindings(), owned, shadow, ambiguous]);

let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
});

describe('owner of live findings in every report', () => {
  it('evidence JSON: schema-valid with owners, without them, and read back unchanged', () => {
    expect(evidenceErrors(doc)).toEqual([]);
    expect(evidenceErrors(richEvidence())).toEqual([]);
    const back = parseEvidence(renderJson(doc), 'evidence.json');
    expect(back.findings.find((f) => f.fingerprint === owned.fingerprint)?.resource.owner).toEqual(owned.resource.owner);
  });

  it('evidence JSON: an owner that is not one of the four states is refused by schema and loader', () => {
    const bad = JSON.parse(renderJson(doc));
    bad.findings.find((f: { fingerprint: string }) => f.fingerprint === shadow.fingerprint).resource.owner = { status: 'probably-web' };
    expect(evidenceErrors(bad).join('\n')).toMatch(/owner\/status/);
    expect(() => parseEvidence(JSON.stringify(bad), 'evidence.json')).toThrow(/evidence\.json.*owner/);
  });

  it('Markdown: the stack, logical id and construct path; shadow and ambiguous said as such', () => {
    const md = renderMarkdown(doc);
    expect(md).toContain('stack WebStack AssetsBucket1A2B3C4D (WebStack/Assets/Resource)');
    expect(md).toContain('no stack (shadow resource)');
    expect(md).toContain('ambiguous: claimed by CopyStack/SharedQueueCopy, DataStack/SharedQueue');
  });

  it('SARIF: the owner in the message and the construct path as a logical location', () => {
    const sarif = JSON.parse(renderSarif(doc));
    const results = sarif.runs[0].results as { partialFingerprints: Record<string, string>; message: { text: string }; locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }[];
    const r = results.find((x) => Object.values(x.partialFingerprints).includes(owned.fingerprint))!;
    expect(r.message.text).toContain('[stack WebStack AssetsBucket1A2B3C4D (WebStack/Assets/Resource)]');
    expect(r.locations[0]!.logicalLocations.map((l) => l.fullyQualifiedName)).toEqual(['arn:aws:s3:::web-assets-bucket', 'WebStack/Assets/Resource']);
    const s = results.find((x) => Object.values(x.partialFingerprints).includes(shadow.fingerprint))!;
    expect(s.locations[0]!.logicalLocations).toHaveLength(1);
  });

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

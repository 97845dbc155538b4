/**
 * Every report shows who owns a live finding's resource: the evidence JSON
 * (schema-valid, read back by `vouch report`), Markdown, SARIF (message and a
 * logical location at the CDK construct path) and the HTML report in a real
 * headless browser (owner.browser.test.ts). Documents without owners stay valid (backward compatible).
 */
import { describe, it, expect } from 'vitest';
import { renderMarkdown } from '../../src/reporters/markdown.js';
import { renderSarif } from '../../src/reporters/sarif.js';
import { renderJson } from '../../src/reporters/json.js';
import { parseEvidence } from '../../src/reporters/load-evidence.js';
import { richEvidence } from '../reports/evidence-fixture.js';
import { owned, shadow, doc } from './owned-findings.js';
import { evidenceErrors } from '../helpers/evidence-schema.js';

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

});

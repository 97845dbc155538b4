import { describe, it, expect } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { renderJunit } from '../../src/reporters/junit.js';
import { renderCsv, csvCell, CSV_COLUMNS } from '../../src/reporters/csv.js';
import { renderOcsf } from '../../src/reporters/ocsf.js';
import { renderMarkdown } from '../../src/reporters/markdown.js';
import { renderHtml, scriptJson } from '../../src/reporters/html.js';
import { diffEvidence } from '../../src/findings/diff.js';
import { richEvidence, richFindings, makeFinding, HOSTILE } from './evidence-fixture.js';

const doc = richEvidence();

/** RFC 4180 parser, to read back what the writer wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cur), (cur = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cur), rows.push(row), (row = []), (cur = ''), i++;
    } else cur += c;
  }
  return rows;
}

describe('JUnit XML', () => {
  const xml = renderJunit(doc);
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
  const suites: any[] = parsed.testsuites.testsuite;
  const suite = (name: string) => suites.find((s) => s.name === name);
  const cases = (name: string) => [suite(name).testcase].flat();

  it('is well-formed XML with a claims suite and one suite per control', () => {
    expect(suites.map((s) => s.name)).toEqual(['claims', 'enc-rest', 'tls-min', 'https-redirect', 'mfa', 'bastion-only', 'public-access']);
    expect(Number(parsed.testsuites.tests)).toBe(doc.findings.length + doc.claims.items.length);
  });

  it('a failure carries the evidence; not-applicable is skipped; unknown is an error, not a pass', () => {
    const s3 = cases('enc-rest').find((c) => c.classname === 'vouch.enc-rest/aws-s3-bucket' && c.failure);
    expect(s3.failure.type).toBe('high');
    expect(s3.failure['#text']).toContain('Properties.BucketEncryption: observed null, expected SSE-KMS or AES256');
    expect(s3.failure['#text']).toContain('remediation: Set BucketEncryption');
    expect(s3.file).toBe('services/api/infra/app.template.json');
    expect(cases('tls-min').find((c) => c.skipped)?.skipped.message).toMatch(/^not applicable/);
    const unk = cases('https-redirect')[0];
    expect(unk.error.type).toBe('unknown');
    expect(suite('https-redirect').errors).toBe('1');
  });

  it('a suppressed failure is skipped with its reason; an expired one fails', () => {
    const sup = cases('bastion-only').find((c) => c.classname.includes('digitalocean'));
    expect(sup.skipped.message).toContain('legacy jump box');
    expect(sup.failure).toBeUndefined();
    const exp = cases('public-access')[0];
    expect(exp.failure['#text']).toContain('suppression (EXPIRED)');
  });

  it('claims: broken → failure, unverified → error, attestation → skipped', () => {
    const c = cases('claims');
    const byId = (id: string) => c.find((x) => x.name.startsWith(`${id}:`));
    expect(byId('enc').failure).toBeDefined();
    expect(byId('redirect').error.message).toContain('unverified (unknowns)');
    expect(byId('regions').error.message).toContain('nothing-in-scope');
    expect(byId('soc2').skipped.message).toContain('SOC 2 Type II report');
    expect(byId('tls').failure ?? byId('tls').error ?? byId('tls').skipped).toBeUndefined();
  });

  it('control characters in hostile input cannot break the XML', () => {
    const f = richFindings();
    f[0]!.message = 'bad \u0000\u0007 chars ]]> <x>';
    const x = renderJunit(richEvidence(f));
    expect(() => new XMLParser().parse(x)).not.toThrow();
    expect(x).not.toContain('\u0000');
    expect(x).toContain('&lt;x&gt;');
  });
});

describe('CSV', () => {
  const text = renderCsv(doc);
  const rows = parseCsv(text);

  it('has a header and one row per finding, CRLF line ends, fields quoted per RFC 4180', () => {
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(doc.findings.length + 1);
    expect(text.endsWith('\r\n')).toBe(true);
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
    const idx = CSV_COLUMNS.indexOf('resource_name');
    expect(rows.some((r) => r[idx] === HOSTILE)).toBe(true);
  });

  it('neutralises formulas: cells starting with = + - @ are prefixed with an apostrophe', () => {
    const msg = rows.find((r) => r[CSV_COLUMNS.indexOf('rule')] === 'public-access/aws-s3-bucket')!;
    expect(msg[CSV_COLUMNS.indexOf('message')]).toBe(`'=HYPERLINK("http://evil.example","click") public read ACL`);
    expect(msg[CSV_COLUMNS.indexOf('resource_name')]).toBe("'+cmd|calc");
    for (const v of ['-1+2', '@SUM(A1)', '\t=1']) expect(csvCell(v).replace(/^"|"$/g, '').startsWith("'")).toBe(true);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('plain')).toBe('plain');
  });

  it('names the claims a finding belongs to and the suppression state', () => {
    const r = rows.find((x) => x[CSV_COLUMNS.indexOf('resource_id')] === 'do:firewall:fw-1')!;
    expect(r[CSV_COLUMNS.indexOf('claims')]).toBe('bastion');
    expect(r[CSV_COLUMNS.indexOf('suppressed')]).toBe('yes');
    expect(r[CSV_COLUMNS.indexOf('suppression_owner')]).toBe('ops@example.com');
  });
});

describe('OCSF Compliance Finding (class 2003) JSON Lines', () => {
  const events = renderOcsf(doc).trimEnd().split('\n').map((l) => JSON.parse(l));

  it('one event per finding with the class, category, type and severity ids', () => {
    expect(events).toHaveLength(doc.findings.length);
    for (const e of events) {
      expect(e).toMatchObject({ class_uid: 2003, category_uid: 2, activity_id: 1, type_uid: 200301 });
      expect(e.metadata.version).toMatch(/^1\.\d+\.\d+$/);
      expect(e.metadata.product.name).toBe('vouch');
      expect(typeof e.time).toBe('number');
      expect(e.finding_info.uid).toMatch(/^[0-9a-f]{32}$/);
      expect(e.finding_info.title.length).toBeGreaterThan(0);
      expect([1, 2, 3, 4, 5]).toContain(e.severity_id);
    }
  });

  it('maps the control and frameworks into compliance, and statuses into compliance.status_id', () => {
    const s3 = events.find((e) => e.resources[0].uid === 'AppStack/DataBucket');
    expect(s3.compliance.control).toBe('enc-rest');
    expect(s3.compliance.standards).toEqual(expect.arrayContaining(['SOC 2 TSC', 'ISO/IEC 27001:2022 Annex A', 'NIST SP 800-53 rev 5']));
    expect(s3.compliance.requirements).toContain('SOC 2 TSC CC6.1');
    expect(s3.compliance.status_id).toBe(3);
    expect(s3.severity_id).toBe(4);
    expect(s3.unmapped.vouch.claims).toEqual(['enc']);
    const pass = events.find((e) => e.resources[0].uid === 'arn:aws:s3:::logs-bucket');
    expect(pass.compliance.status_id).toBe(1);
    expect(pass.cloud).toMatchObject({ provider: 'AWS', region: 'eu-west-1', account: { uid: '111122223333' } });
    const sup = events.find((e) => e.resources[0].uid === 'do:firewall:fw-1');
    expect(sup.status_id).toBe(3);
    expect(sup.status).toBe('Suppressed');
    const unk = events.find((e) => e.unmapped.vouch.status === 'unknown');
    expect(unk.compliance.status_id).toBe(0);
  });
});

describe('Markdown summary', () => {
  it('opens on the claims, then failures by severity with file:line links, never raw HTML', () => {
    const md = renderMarkdown(doc);
    const claimsAt = md.indexOf('| claim | verdict |');
    const failuresAt = md.indexOf('### Failures');
    expect(claimsAt).toBeGreaterThan(0);
    expect(failuresAt).toBeGreaterThan(claimsAt);
    expect(md).toContain('2 of 8 claims broken');
    expect(md).toContain('[services/api/infra/app.template.json:12](services/api/infra/app.template.json#L12) DataBucket');
    // critical before high
    expect(md.indexOf('public-access/aws-s3-bucket')).toBeLessThan(md.indexOf('enc-rest/aws-s3-bucket'));
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;img');
    expect(md).toContain('legacy jump box');
  });

  it('lists new failures first when compared with a baseline', () => {
    const oldDoc = richEvidence(richFindings().filter((f) => f.ruleId !== 'public-access/aws-s3-bucket'));
    const md = renderMarkdown(doc, { diff: diffEvidence(oldDoc, doc) });
    expect(md).toContain('### New failures since run');
    const newSection = md.slice(md.indexOf('### New failures'), md.indexOf('Fixed:'));
    expect(newSection).toContain('public-access/aws-s3-bucket');
    expect(newSection).not.toContain('enc-rest/aws-s3-bucket');
    expect(md).toContain('Still failing (1)');
  });

  it('stays under a PR comment limit with many failures', () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      makeFinding({ ruleId: 'enc-rest/aws-s3-bucket', status: 'fail', resource: { id: `S/B${i}`, type: 'aws.s3.bucket', provider: 'aws', source: 'iac', stack: 'S', logicalId: `B${i}`, file: 't.json', line: i + 1 } }),
    );
    const md = renderMarkdown(richEvidence(many));
    expect(md.length).toBeLessThan(65_536);
    expect(md).toContain('… and 2950 more');
  });
});

describe('HTML embedding', () => {
  it('the embedded JSON cannot close its script element', () => {
    const html = renderHtml(doc);
    const start = html.indexOf('<script type="application/json" id="vouch-data">');
    const end = html.indexOf('</script>', start);
    const json = html.slice(start + '<script type="application/json" id="vouch-data">'.length, end);
    expect(JSON.parse(json).findings).toHaveLength(doc.findings.length);
    expect(json).not.toMatch(/[<>]/);
    expect(scriptJson({ s: '</script><!--' })).toBe('{"s":"\\u003c/script\\u003e\\u003c!--"}');
    expect(html).toContain("Content-Security-Policy");
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('the control summary counts each finding once (a suppressed failure is not also a failure)', () => {
    const html = renderHtml(doc);
    expect(html).toContain('<b>2</b><span>failing (unsuppressed)</span>');
    expect(html).toContain('<b>1</b><span>suppressed</span>');
    expect(html).toContain('<b>1</b><span>unknown (unsuppressed)</span>');
    expect(html).toContain('<title>bastion-only: 1 suppressed</title>');
    expect(html).not.toContain('<title>bastion-only: 1 fail</title>');
  });
});

describe('claim verdicts shared by the writers of one run', () => {
  it('every writer given the run\'s claim verdicts writes what it writes when it computes them itself, and reads the ones given', async () => {
    const { claimVerdicts } = await import('../../src/findings/claim-verdicts.js');
    const { renderClaimsJson } = await import('../../src/reporters/json.js');
    const { renderSarif } = await import('../../src/reporters/sarif.js');
    const claims = claimVerdicts(doc);
    const writers: [string, (d: typeof doc, ctx?: { claims?: typeof claims }) => string][] = [
      ['claims', renderClaimsJson],
      ['md', (d, ctx) => renderMarkdown(d, { claims: ctx?.claims })],
      ['html', renderHtml],
      ['sarif', renderSarif],
      ['junit', renderJunit],
      ['csv', renderCsv],
      ['ocsf', renderOcsf],
    ];
    for (const [name, render] of writers) expect(render(doc, { claims }), name).toBe(render(doc));
    // The overview given is the one written: a different one changes claims.json.
    const other = { ...claims, counts: { ...claims.counts, holds: claims.counts.holds + 7 } };
    expect(JSON.parse(renderClaimsJson(doc, { claims: other })).counts.holds).toBe(claims.counts.holds + 7);
  });
});

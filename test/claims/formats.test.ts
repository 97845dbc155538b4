import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePolicy, extractClaims, readPolicyFile } from '../../src/claims/extract.js';
import { parseHtml } from '../../src/claims/html.js';
import { parseMarkdown, parsePlainText, decodeEntities } from '../../src/claims/blocks.js';
import { InputError } from '../../src/util/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'vouch-policy-'));
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('HTML policies', () => {
  const html = `<!doctype html>
<html><head><title>Acme &amp; Co &mdash; Security</title>
<style>p { color: red } /* We encrypt data at rest. */</style>
<script>document.write("<p>All data is encrypted at rest with AES-256.</p>")</script>
</head>
<body>
<nav><a href="/">Home</a></nav>
<h2>Encryption</h2>
<p>Customer data is encrypted at rest with
   <strong>AES-256</strong>.</p>
<script type="text/javascript">
  var s = "</p><h2>Fake</h2><p>We use TLS 1.0 only.</p>";
</script>
<!-- <p>Backups are rotated on a 7-day cycle.</p> -->
<h2 class="x" data-title='a > b'>Data &quot;location&quot;</h2>
<ul><li>Data is stored in the <em>United&nbsp;States</em> and the EU.</li>
<li>We use TLS&#160;1.2&#x2B; for every connection.</li></ul>
<p>MFA is required for staff &lt;admins&gt;.</p>
</body></html>`;

  it('skips script, style and comments; decodes entities; keeps headings as sections and lines', () => {
    const r = extractClaims(html, 'policy.html');
    expect(r.stats.format).toBe('html');
    expect(r.profile.policy?.title).toBe('Acme & Co — Security');
    const texts = r.profile.claims.map((c) => c.text);
    expect(texts).toEqual([
      'Customer data is encrypted at rest with AES-256.',
      'Data is stored in the United\u00a0States and the EU.',
      'We use TLS\u00a01.2+ for every connection.',
      'MFA is required for staff <admins>.',
    ]);
    expect(r.profile.claims.map((c) => [c.source?.section, c.source?.line])).toEqual([
      ['Encryption', 9],
      ['Data "location"', 16],
      ['Data "location"', 17],
      ['Data "location"', 18],
    ]);
    expect(r.profile.claims[1]?.parameters?.allowedRegions).toEqual(['US', 'EU']);
    expect(r.profile.claims[2]?.parameters?.tlsMin).toBe('1.2');
    expect(JSON.stringify(r.profile)).not.toMatch(/TLS 1\.0|Fake|7-day|document\.write/);
  });

  it('survives broken markup: unclosed tags, stray <, unterminated comment and script', () => {
    const r = extractClaims('<p>Backups are kept for 30 days. 3 < 4 <b>MFA is required.<p>TLS 1.3 is used<!-- open', 'x.html');
    expect(r.profile.claims.map((c) => c.controls)).toEqual([['backup-retention'], ['mfa'], ['tls-min']]);
    const blocks = parseHtml('<p>We encrypt data at rest.</p><script>never closed <p>TLS 1.0</p>').blocks;
    expect(blocks.map((b) => b.text)).toEqual(['We encrypt data at rest.']);
  });

  it('decodes numeric and named references, and refuses out-of-range code points', () => {
    expect(decodeEntities('&#65;&#x42;&amp;&unknown;&#0;&#x110000;&#xD800;')).toBe('AB&&unknown;\ufffd\ufffd\ufffd');
  });
});

describe('Markdown policies', () => {
  it('headings, lists, emphasis, links and code fences', () => {
    const md = [
      '# Security policy',
      '',
      '## Encryption',
      '',
      'All data is **encrypted at rest** using [AES-256](https://example.com/aes).',
      '',
      '```',
      'Backups are rotated on a 7-day cycle.',
      '```',
      '',
      'Data location',
      '-------------',
      '',
      '- Data is *stored* in the EU.',
      '- We support `TLS 1.2` or higher.',
      '',
      '| Control | Promise |',
      '|---|---|',
      '| MFA | MFA is required for all staff. |',
    ].join('\n');
    const r = extractClaims(md, 'policy.md');
    expect(r.stats.format).toBe('markdown');
    expect(r.profile.policy?.title).toBe('Security policy');
    expect(r.profile.claims.map((c) => [c.text, c.source?.section, c.source?.line])).toEqual([
      ['All data is encrypted at rest using AES-256.', 'Encryption', 5],
      ['Data is stored in the EU.', 'Data location', 14],
      ['We support TLS 1.2 or higher.', 'Data location', 15],
      ['MFA is required for all staff.', 'Data location', 19],
    ]);
    expect(parseMarkdown('Line one\nline two.').blocks[0]?.text).toBe('Line one line two.');
  });
});

describe('plain text', () => {
  it('joins wrapped lines with one space and reports the line where each sentence starts', () => {
    const doc = parsePlainText('Security\n\nWe encrypt all data\nat rest. Backups are kept\nfor 30 days.\n');
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'Security'],
      ['text', 'We encrypt all data at rest. Backups are kept for 30 days.'],
    ]);
    const r = extractClaims('Security\n\nWe encrypt all data\nat rest. Backups are kept\nfor 30 days.\n', 'p.txt');
    expect(r.profile.claims.map((c) => c.source?.line)).toEqual([3, 4]);
  });
});

describe('hostile input, in process', () => {
  const fails = (p: string, re: RegExp) => {
    expect(() => readPolicyFile(p)).toThrow(InputError);
    expect(() => readPolicyFile(p)).toThrow(re);
  };
  it('missing file, directory, empty, blank, PDF, non-UTF-8', () => {
    fails(join(dir, 'nope.txt'), /nope\.txt: no such file/);
    fails(dir, /is a directory/);
    fails(file('empty.txt', ''), /the file is empty/);
    fails(file('blank.txt', ' \n\n '), /has no text/);
    fails(file('doc.pdf', '%PDF-1.7\nstream'), /is a PDF/);
    fails(file('latin1.txt', Buffer.from(Array.from({ length: 400 }, (_, i) => 0x80 + (i % 100)))), /not readable as UTF-8/);
  });

  it('UTF-16 with a byte-order mark is read', () => {
    const text = '\ufeffMFA is required for all staff.';
    const buf = Buffer.from(text, 'utf16le');
    expect(decodePolicy(buf, 'x')).toBe('MFA is required for all staff.');
  });

  it('a 20 MB file is refused by size; a 1 MB run-on text finishes and is listed for review', () => {
    fails(file('big.txt', Buffer.alloc(20 * 1024 * 1024, 'a')), /over the 5 MB limit/);
    const runOn = 'we encrypt data at rest and we never log tokens and '.repeat(20_000);
    const r = extractClaims(runOn, 'runon.txt');
    expect(r.profile.claims).toEqual([]);
    expect(r.profile.review).toHaveLength(1);
    expect(r.profile.review[0]?.reason).toMatch(/without sentence breaks/);
  });

  it('a 256 KB policy of many sentences is classified whole (throughput: npm run bench)', () => {
    const para = 'Backups are rotated on a 35-day cycle. We like cats. MFA is required for staff.\n\n';
    const text = para.repeat(Math.ceil((256 * 1024) / para.length));
    const r = extractClaims(text, 'many.txt');
    expect(r.stats.claims).toBe(Math.ceil((256 * 1024) / para.length) * 2);
  });

  // Shapes that made earlier versions quadratic (unclosed Markdown links and
  // emphasis, a run of '<' without newlines). Their timing is in `npm run bench -- claims`;
  // here each must finish (within the test timeout) and be read as one run-on text.
  it.each([
    ['markdown', '[a](b '.repeat(50_000)],
    ['markdown', ('**a ' + '*b_c_ '.repeat(50)).repeat(1000)],
    ['html', '<'.repeat(300_000)],
    ['html', '<p>x<a title="' + 'y'.repeat(300_000)],
    ['html', '&amp;&#x41;&bogus;'.repeat(20_000)],
  ] as const)('%s hostile shape %#', (format, text) => {
    const r = extractClaims(text, 'x', { format });
    expect(r.profile.claims).toEqual([]);
    expect(r.stats.sentences).toBeLessThanOrEqual(1);
  });
});

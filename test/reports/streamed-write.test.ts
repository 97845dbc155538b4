/**
 * Files written from pieces (src/reporters/atomic-write.ts): a generator's text and byte pieces are
 * encoded, hashed and written as they come, and the file, its SHA-256 and its length are those of
 * the pieces joined, whatever their size against the write buffer and whatever their characters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDirAtomically } from '../../src/reporters/atomic-write.js';
import { writeReports } from '../../src/reporters/index.js';
import { renderJson } from '../../src/reporters/json.js';
import { verifyDir } from '../../src/reporters/manifest.js';
import { InputError } from '../../src/util/errors.js';
import { richEvidence, richFindings } from './evidence-fixture.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-streamed-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const own = new Set(['a.json', 'b.txt', 'manifest.json']);

describe('writeDirAtomically with pieces', () => {
  it('writes the bytes of the pieces joined (ASCII, Latin-1, wider, astral text and bytes; small, at and over the 1 MiB buffer) and returns their hash and length', () => {
    const pieces: (string | Buffer)[] = [
      '{"a": ',
      'caf\u00e9 \u00ff',
      'x'.repeat((1 << 20) - 3),
      'en dash \u2013 ',
      Buffer.from([0, 1, 2, 255]),
      'y'.repeat(3 << 20),
      '\ud83d\ude00',
      Buffer.alloc((1 << 20) + 7, 0x41),
      '\u2028 \u2029',
      'z'.repeat(1 << 20) + '\u00e9',
      '',
      '}\n',
    ];
    const expected = Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
    function* gen() {
      yield* pieces;
    }
    const out = join(dir, 'pieces');
    const written = writeDirAtomically(out, [{ name: 'a.json', data: gen() }, { name: 'b.txt', data: 'plain \u00e9' }], own, (hashed) => ({
      name: 'manifest.json',
      data: JSON.stringify(hashed),
    }));
    const file = readFileSync(join(out, 'a.json'));
    expect(file.equals(expected)).toBe(true);
    expect(written.map((w) => w.name)).toEqual(['a.json', 'b.txt', 'manifest.json']);
    expect(written[0]).toEqual({ name: 'a.json', sha256: sha(expected), bytes: expected.length });
    expect(written[1]).toEqual({ name: 'b.txt', sha256: sha(Buffer.from('plain \u00e9')), bytes: 8 });
    // The last file is made from the hashes of the files before it, and is itself hashed.
    const manifest = readFileSync(join(out, 'manifest.json'));
    expect(JSON.parse(manifest.toString('utf8'))).toEqual(written.slice(0, 2));
    expect(written[2]).toEqual({ name: 'manifest.json', sha256: sha(manifest), bytes: manifest.length });
  });

  it('an error while a piece is rendered is thrown as it is (not as an input error) and leaves the previous run whole', () => {
    const out = join(dir, 'broken');
    writeDirAtomically(out, [{ name: 'a.json', data: 'run 1' }], own, () => ({ name: 'manifest.json', data: 'm1' }));
    function* broken() {
      yield 'part';
      throw new TypeError('renderer bug');
    }
    let thrown: unknown;
    try {
      writeDirAtomically(out, [{ name: 'a.json', data: broken() }], own, () => ({ name: 'manifest.json', data: 'm2' }));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect(thrown).not.toBeInstanceOf(InputError);
    expect(readFileSync(join(out, 'a.json'), 'utf8')).toBe('run 1');
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe('m1');
    expect(readdirSync(dir).filter((n) => n.startsWith('.broken'))).toEqual([]);
  });
});

describe('evidence.json written in pieces by writeReports', () => {
  it('is the UTF-8 of JSON.stringify(doc, null, 2) with hostile strings in findings (lone surrogates, U+2028/2029, control characters, </script>, wide and astral text), and its manifest entry verifies', () => {
    const hostile = ['lone \ud800 high', 'lone \udfff low', 'pair \ud83d\ude00', 'line\u2028sep\u2029para', '\u0000\u0001\u001f\u007f\b\f\n\r\t', '</script><script>alert(1)</script>', 'quote " backslash \\ slash /', 'caf\u00e9 \u2013 \u4e2d'];
    const base = richFindings();
    // Over several groups of findings, hostile text in a message, an observed value and a resource name.
    const findings = Array.from({ length: 700 }, (_, i) => {
      const f = base[i % base.length]!;
      const h = hostile[i % hostile.length]!;
      return i % 3 === 0
        ? { ...f, fingerprint: `${f.fingerprint}-${i}`, message: `${f.message} ${h}`, evidence: [{ path: 'P', observed: { [h]: [h, i, null, true] }, expected: h }], resource: { ...f.resource, name: h } }
        : { ...f, fingerprint: `${f.fingerprint}-${i}` };
    });
    const doc = richEvidence(findings);
    const out = join(dir, 'hostile');
    writeReports(doc, out, ['json']);
    const file = readFileSync(join(out, 'evidence.json'));
    expect(file.equals(Buffer.from(JSON.stringify(doc, null, 2) + '\n', 'utf8'))).toBe(true);
    expect(file.equals(Buffer.from(renderJson(doc), 'utf8'))).toBe(true);
    const v = verifyDir(out);
    expect(v.problems).toEqual([]);
    expect(v.verified).toContain('evidence.json');
  });
});

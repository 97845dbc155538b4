/** The run manifest (src/schema/manifest.ts): what buildManifest writes, signed or not, is valid against schema/manifest.schema.json; a manifest with a path in a file name is not. */
import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { buildManifest, verifyDir } from '../../src/reporters/manifest.js';
import { richEvidence } from '../reports/evidence-fixture.js';

const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ allErrors: true, strict: false });
(addFormats as unknown as (a: unknown) => void)(ajv);
const valid = ajv.compile(JSON.parse(readFileSync(fileURLToPath(new URL('../../schema/manifest.schema.json', import.meta.url)), 'utf8')));

describe('manifest schema', () => {
  const files = [
    { name: 'evidence.json', data: '{}' },
    { name: 'summary.md', data: Buffer.from('# vouch') },
  ];

  it('accepts the manifests vouch writes, unsigned and signed', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    for (const m of [buildManifest(richEvidence(), files), buildManifest(richEvidence(), files, privateKey)]) {
      const plain = JSON.parse(JSON.stringify(m));
      expect(valid(plain), JSON.stringify(valid.errors)).toBe(true);
    }
  });

  it('rejects a file name with a path, a short hash and another manifest version', () => {
    const m = JSON.parse(JSON.stringify(buildManifest(richEvidence(), files)));
    for (const bad of [
      { ...m, files: [{ ...m.files[0], name: '../evidence.json' }] },
      { ...m, files: [{ ...m.files[0], sha256: 'abc' }] },
      { ...m, manifestVersion: 2 },
    ])
      expect(valid(bad)).toBe(false);
  });

  it('vouch verify reads manifest.json through the schema: one line naming the file and the field', () => {
    const root = mkdtempSync(join(tmpdir(), 'vouch-manifest-schema-'));
    const m = JSON.parse(JSON.stringify(buildManifest(richEvidence(), files)));
    const cases: [unknown, RegExp][] = [
      [{ ...m, files: [{ ...m.files[0], name: '../evidence.json' }] }, /: not a vouch manifest \(manifestVersion 1 with files\[\{name, sha256\}\]\): files\.0\.name: /],
      [{ ...m, files: [{ ...m.files[0], sha256: 'abc' }] }, /: not a vouch manifest .*: files\.0\.sha256: /],
      [{ ...m, files: [{ name: 'evidence.json', sha256: m.files[0].sha256 }] }, /: not a vouch manifest .*: files\.0\.bytes: /],
      [{ ...m, manifestVersion: 2 }, /: not a vouch manifest .*: manifestVersion: /],
      [{ ...m, signature: { algorithm: 'rsa', publicKey: 'x', value: 'y' } }, /: not a vouch manifest .*: signature\.algorithm: /],
      [[m], /: not a vouch manifest .*: \(top level\): /],
    ];
    cases.forEach(([bad, error], i) => {
      const dir = join(root, String(i));
      mkdirSync(dir);
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(bad));
      let message = '';
      try {
        verifyDir(dir);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(error);
      expect(message.split('\n')).toHaveLength(1);
    });
  });

  it('the signature covers the manifest as read: a field added after signing is not dropped, it breaks the signature', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-manifest-extra-'));
    const { privateKey } = generateKeyPairSync('ed25519');
    for (const f of files) writeFileSync(join(dir, f.name), f.data);
    const m = JSON.parse(JSON.stringify(buildManifest(richEvidence(), files, privateKey)));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
    expect(verifyDir(dir)).toMatchObject({ ok: true, signature: 'valid' });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...m, note: 'added' }));
    expect(verifyDir(dir)).toMatchObject({ ok: false, signature: 'invalid' });
  });
});

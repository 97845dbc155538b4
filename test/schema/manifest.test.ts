/** The run manifest (src/schema/manifest.ts): what buildManifest writes, signed or not, is valid against schema/manifest.schema.json; a manifest with a path in a file name is not. */
import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { buildManifest } from '../../src/reporters/manifest.js';
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
});

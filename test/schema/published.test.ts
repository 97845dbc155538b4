/** The JSON Schemas in schema/ are generated from the zod schemas (src/schema/): the committed files must be what `npm run schema:doc` writes. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PUBLISHED, jsonSchemaText } from '../../src/schema/json-schema.js';

const committed = (file: string) => readFileSync(fileURLToPath(new URL(`../../schema/${file}`, import.meta.url)), 'utf8');

describe('published JSON Schemas', () => {
  for (const p of PUBLISHED) {
    it(`schema/${p.file} equals the one generated from its zod schema (run npm run schema:doc)`, () => {
      expect(committed(p.file)).toBe(jsonSchemaText(p));
    });
  }

  it('every file in schema/ is generated, the drift report (drift.json) included', () => {
    const files = PUBLISHED.map((p) => p.file);
    expect(files).toContain('drift.schema.json');
    expect(readdirSync(fileURLToPath(new URL('../../schema/', import.meta.url))).sort()).toEqual([...files].sort());
  });

  it('every published schema has an $id, a title and a description', () => {
    for (const p of PUBLISHED) {
      const s = JSON.parse(committed(p.file));
      expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(s.$id).toMatch(/^https:\/\/vouch\.dev\/schema\/[a-z-]+-\d+(\.\d+)?\.json$/);
      expect(s.title).toMatch(/^vouch /);
      expect(String(s.description).length).toBeGreaterThan(20);
    }
  });
});

/**
 * The published JSON Schemas, generated from the zod schemas that define each
 * contract (`npm run schema:doc` writes them to schema/; a test checks the
 * committed files equal these).
 */
import { z } from 'zod';
import { evidenceSchema } from './evidence.js';
import { inventoryFileSchema } from './inventory.js';
import { profileSchema } from './claims-profile.js';
import { configSchema } from './config.js';
import { suppressionsFileSchema } from './suppressions.js';
import { publishedJsonOf } from './json-as.js';
import { manifestSchema } from './manifest.js';
import { claimsReportSchema } from './claim-verdicts.js';
import { driftDocumentSchema } from './drift.js';

interface Published {
  /** File under schema/. */
  file: string;
  schema: z.ZodType;
  /** `output`: a document vouch writes; `input`: a file people write (defaults may be left out). */
  io: 'input' | 'output';
}

export const PUBLISHED: readonly Published[] = [
  { file: 'evidence.schema.json', schema: evidenceSchema, io: 'output' },
  { file: 'inventory.schema.json', schema: inventoryFileSchema, io: 'input' },
  { file: 'claims-profile.schema.json', schema: profileSchema, io: 'input' },
  { file: 'config.schema.json', schema: configSchema, io: 'input' },
  { file: 'suppressions.schema.json', schema: suppressionsFileSchema, io: 'input' },
  { file: 'manifest.schema.json', schema: manifestSchema, io: 'output' },
  { file: 'claims-report.schema.json', schema: claimsReportSchema, io: 'output' },
  { file: 'drift.schema.json', schema: driftDocumentSchema, io: 'output' },
];

/** The JSON Schema of one contract, head keys first so the file reads top-down. */
export function jsonSchemaOf(p: Published): Record<string, unknown> {
  const generated = z.toJSONSchema(p.schema, {
    target: 'draft-2020-12',
    io: p.io,
    unrepresentable: 'any', // only z.date, inside a part published by publishedAs()
    override: (ctx) => {
      const json = publishedJsonOf(ctx.zodSchema);
      if (!json) return;
      for (const k of Object.keys(ctx.jsonSchema)) if (k !== 'description') delete (ctx.jsonSchema as Record<string, unknown>)[k];
      Object.assign(ctx.jsonSchema, json);
    },
  }) as Record<string, unknown>;
  const { $schema, $id, title, description, ...rest } = generated;
  return { $schema, $id, title, description, ...rest };
}

/** The text of schema/<file> as it must be committed. */
export function jsonSchemaText(p: Published): string {
  return JSON.stringify(jsonSchemaOf(p), null, 2) + '\n';
}

/**
 * The suppressions file (`--suppressions FILE`), defined once: src/findings/suppressions.ts
 * loads it through this schema, its types are inferred here and
 * `schema/suppressions.schema.json` is generated from it.
 */
import { z } from 'zod';
import { publishedAs } from './json-as.js';

// YAML reads an unquoted 2027-01-31 as a date: both forms are accepted.
const isoDate = publishedAs(
  z
    .union([z.string(), z.date()])
    .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
    .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'expected a date such as 2027-01-31')),
  { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}' },
);

export const suppressionEntrySchema = z.strictObject({
  rule: z.string().min(1).describe('Rule id or glob, optionally with [subId].'),
  resource: z.string().min(1).default('*').describe('Glob matched against the resource id, logical id, construct path, ARN, name or stack/logicalId.'),
  reason: z.string().min(3, 'a suppression needs a reason'),
  owner: z.string().optional(),
  expires: isoDate.optional().describe('Date (YYYY-MM-DD) after which the suppression stops suppressing; the finding then shows it expired.'),
});

export const suppressionsFileSchema = z.strictObject({ suppressions: z.array(suppressionEntrySchema) }).meta({
  $id: 'https://vouch.dev/schema/suppressions-1.json',
  title: 'vouch suppressions file',
  description: 'Acknowledged findings (--suppressions FILE, YAML): each marks matching failing or unknown findings as suppressed, with reason, owner and expiry; a suppressed finding stays visible.',
});

/** A suppression as loaded: the entry and the file it came from. */
export type Suppression = z.output<typeof suppressionEntrySchema> & { origin: string };

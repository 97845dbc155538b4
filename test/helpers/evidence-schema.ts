import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const published = (file: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../../schema/${file}`, import.meta.url)), 'utf8'));
const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ allErrors: true, strict: false });
(addFormats as unknown as (a: unknown) => void)(ajv);
const validate = ajv.compile(published('evidence.schema.json'));
const validateDrift = ajv.compile(published('drift.schema.json'));

const errorsOf = (v: typeof validate, doc: unknown): string[] => (v(doc) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`));

/** Validation errors of an evidence document against schema/evidence.schema.json ([] when valid). */
export function evidenceErrors(doc: unknown): string[] {
  return errorsOf(validate, doc);
}

/** Validation errors of a drift report (drift.json) against schema/drift.schema.json ([] when valid). */
export function driftErrors(doc: unknown): string[] {
  return errorsOf(validateDrift, doc);
}

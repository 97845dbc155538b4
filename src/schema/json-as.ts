/**
 * Parts whose published JSON Schema is written out rather than derived: a
 * value zod accepts through a preprocess or transform (YAML reads `1.2` as a
 * number, `2027-01-31` as a date) is described here by what a file may hold.
 */
import type { z } from 'zod';

const published = new WeakMap<object, Record<string, unknown>>();

/** `schema`, published as `json` (zod still validates with `schema`). */
export function publishedAs<S extends z.ZodType>(schema: S, json: Record<string, unknown>): S {
  published.set(schema, json);
  return schema;
}

export function publishedJsonOf(schema: object): Record<string, unknown> | undefined {
  return published.get(schema);
}

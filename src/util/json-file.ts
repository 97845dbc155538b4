/**
 * A JSON file vouch wrote (evidence, a run manifest), read back through its
 * one schema: any problem is one line naming the file and the first field
 * that is wrong. The value is returned as read (extra fields a newer writer
 * added stay, and a signature over the file still covers them).
 */
import type { z } from 'zod';
import { InputError } from './errors.js';

export function parseJsonAs<S extends z.ZodType>(text: string, file: string, schema: S, notA: string, oneLine = (m: string) => m): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new InputError(`${file}: ${notA}: ${issue.path.join('.') || '(top level)'}: ${oneLine(issue.message)}`);
  }
  return raw as z.output<S>;
}

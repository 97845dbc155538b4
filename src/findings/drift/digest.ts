/**
 * Property digests for comparing a deployed template with a cloud assembly
 * without keeping either's values: each top-level property of a resource is
 * reduced to an HMAC under a key made fresh in every process and never
 * written anywhere. Digests made in one run compare with each other; one
 * written to a saved inventory cannot be tested against guessed values (a
 * parameter default, a password in a property) by anyone, because the key is
 * gone when the process ends.
 */
import { createHmac, randomBytes } from 'node:crypto';

const KEY = randomBytes(32);

/** JSON with object keys sorted, so the same value always gives the same text. */
function canonical(v: unknown, depth = 0): string {
  if (depth > 64) return '"<deep>"';
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => canonical(x, depth + 1)).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k], depth + 1)}`)
    .join(',')}}`;
}

/** A 16-hex-digit digest of one property value, comparable only within this process. */
export function propertyDigest(value: unknown): string {
  return createHmac('sha256', KEY).update(canonical(value)).digest('hex').slice(0, 16);
}

/** Top-level property name → digest of its value, for one template resource's `Properties`. */
export function propertyDigests(properties: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!properties || typeof properties !== 'object' || Array.isArray(properties)) return out;
  for (const [k, v] of Object.entries(properties as Record<string, unknown>)) out[k] = propertyDigest(v);
  return out;
}

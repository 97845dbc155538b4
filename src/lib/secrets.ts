/**
 * Recognizing secrets without keeping them: names that say "secret", values
 * that look like credentials. Used by rules (secrets-encrypted) and by live
 * collectors to redact before anything is stored.
 */

const SECRET_NAME = /(pass(word|wd|phrase)?|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|auth|client[_-]?secret|bearer|signing[_-]?key|session[_-]?key|conn(ection)?[_-]?string|dsn)/i;
/** Names that contain a secret-ish word but name no secret (`TOKEN_TTL`, `PASSWORD_MIN_LENGTH`, `SECRET_ARN`). */
const NOT_SECRET_NAME = /(_?(ttl|length|len|min|max|expiry|expires|timeout|url|uri|endpoint|arn|id|name|path|file|region|enabled|header|type|policy|rotation)$)|^(next|page)_?token$/i;

export function looksLikeSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(name);
}

const SECRET_VALUE: RegExp[] = [
  /\bAKIA[0-9A-Z]{16}\b/, // AWS access key id
  /\bASIA[0-9A-Z]{16}\b/, // AWS temporary key id
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\bdop_v1_[0-9a-f]{64}\b/, // DigitalOcean personal access token
  /\bdoo_v1_[0-9a-f]{64}\b/, // DigitalOcean OAuth token
  /\bgh[pousr]_[A-Za-z0-9]{36,}\b/, // GitHub tokens
  /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/, // Slack tokens
  /\bsk_live_[A-Za-z0-9]{16,}\b/, // Stripe secret key
  /\bAIza[0-9A-Za-z_-]{35}\b/, // Google API key
  /\bya29\.[0-9A-Za-z_-]{20,}/, // Google OAuth access token
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, // JWT
  /:\/\/[^\s:@/]+:[^\s@/]+@/, // credentials in a URL
];

export function looksLikeSecretValue(value: string): boolean {
  return SECRET_VALUE.some((re) => re.test(value));
}

/** A value that points at a secret store instead of holding the secret. */
export function isSecretReference(value: string): boolean {
  return /^\{\{resolve:(secretsmanager|ssm-secure):/.test(value) || /^arn:aws[a-z-]*:(secretsmanager|ssm|kms):/.test(value);
}

export const REDACTED = '<redacted>';

/**
 * Copy `value` with secrets replaced: values under secret-looking keys, and
 * any string that looks like a credential. Keys in `alwaysRedact` (e.g.
 * `Variables` of a Lambda environment) have every value redacted.
 */
export function redactDeep(value: unknown, alwaysRedact: ReadonlySet<string> = new Set(), depth = 0): unknown {
  if (depth > 64) return REDACTED;
  if (typeof value === 'string') return looksLikeSecretValue(value) ? REDACTED : value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, alwaysRedact, depth + 1));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (alwaysRedact.has(k) && v && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = Object.fromEntries(Object.keys(v).map((name) => [name, REDACTED]));
    } else if (typeof v === 'string' && looksLikeSecretName(k) && !isSecretReference(v) && v !== '') {
      out[k] = REDACTED;
    } else out[k] = redactDeep(v, alwaysRedact, depth + 1);
  }
  return out;
}

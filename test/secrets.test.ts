import { describe, it, expect } from 'vitest';
import { secretReason, looksLikeSecretName, looksLikeSecretValue, redactDeep, REDACTED } from '../src/lib/secrets.js';

describe('secret recognition', () => {
  it('names', () => {
    for (const n of ['DB_PASSWORD', 'apiKey', 'STRIPE_SECRET', 'oauthToken', 'AWS_SECRET_ACCESS_KEY', 'client_secret']) expect(looksLikeSecretName(n), n).toBe(true);
    for (const n of ['TOKEN_TTL', 'PASSWORD_MIN_LENGTH', 'SECRET_ARN', 'LOG_LEVEL', 'nextToken', 'TABLE_NAME']) expect(looksLikeSecretName(n), n).toBe(false);
  });
  it('values', () => {
    expect(looksLikeSecretValue('AKIAABCDEFGHIJKLMNOP')).toBe(true);
    expect(looksLikeSecretValue('dop_v1_' + 'a'.repeat(64))).toBe(true);
    expect(looksLikeSecretValue('postgres://app:hunter2@db:5432/x')).toBe(true);
    expect(looksLikeSecretValue('eu-west-1')).toBe(false);
  });
  it('treats parameter and file paths as pointers, but not a one-segment value under a secret name', () => {
    expect(secretReason('DB_PASSWORD', '/prod/db/password')).toBeUndefined();
    expect(secretReason('API_TOKEN_FILE', '/run/secrets/api')).toBeUndefined();
    expect(secretReason('DB_PASSWORD', '/s3cr3t')).toMatch(/literal/);
    expect(secretReason('DB_PASSWORD', '/prod/db password')).toMatch(/literal/);
  });

  it('redacts by key, by value and whole maps, keeping references', () => {
    const out = redactDeep(
      { Password: 'hunter2', Arn: 'arn:aws:secretsmanager:eu-west-1:1:secret:x', Note: 'AKIAABCDEFGHIJKLMNOP', Environment: { Variables: { A: '1' } }, PasswordRef: '{{resolve:secretsmanager:x}}' },
      new Set(['Variables']),
    ) as Record<string, any>;
    expect(out.Password).toBe(REDACTED);
    expect(out.Note).toBe(REDACTED);
    expect(out.Environment.Variables.A).toBe(REDACTED);
    expect(out.PasswordRef).toBe('{{resolve:secretsmanager:x}}');
    expect(out.Arn).toMatch(/^arn:/);
  });
});

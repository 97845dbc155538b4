import { describe, it, expect } from 'vitest';
import { loadRules } from '../src/evaluate/registry.js';
import { fixturesOf, runFixture } from './helpers/rule-fixtures.js';
import { looksLikeSecretName, secretReason, tokenShape, redact } from '../src/lib/secrets.js';

const rules = await loadRules();

/** Every literal secret written into the secrets-encrypted fixtures. */
const SECRETS = [
  'correct-horse-battery-staple',
  'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789',
  'hunter2-but-longer',
  's3cr3t-v4lue-that-is-long',
  'hunter22',
  'xoxb-1234567890-abcdefghijkl',
  'not-a-real-token-but-still-a-default',
  'xoxb-1234567890-abcdefghij',
];

describe('secrets-encrypted evidence never carries the secret', () => {
  for (const rule of rules.filter((r) => r.control === 'secrets-encrypted')) {
    for (const fx of fixturesOf(rule)) {
      it(`${rule.id}: ${fx.file.split('/fixtures/')[1]}`, () => {
        const { findings } = runFixture(rule, fx.file);
        const text = JSON.stringify(findings);
        for (const s of SECRETS) expect(text.includes(s), `${s} leaked`).toBe(false);
        // Fragments too: no 8-character run of any secret.
        for (const s of SECRETS) for (let i = 0; i + 8 <= s.length; i += 4) expect(text.includes(s.slice(i, i + 8)), `${s} fragment leaked`).toBe(false);
      });
    }
  }
});

describe('secret heuristics', () => {
  it('names: words, pairs, pointer suffixes and cursors', () => {
    for (const n of ['DB_PASSWORD', 'dbPass', 'STRIPE_API_KEY', 'signingKey', 'GITHUB_TOKEN', 'client-secret', '/prod/db/password', 'DATABASE_DSN', 'admin_pw', 'ADMIN_PW'])
      expect(looksLikeSecretName(n), n).toBe(true);
    for (const n of ['DB_PASSWORD_SECRET_ARN', 'API_KEY_ID', 'TOKEN_ENDPOINT', 'nextToken', 'SORT_KEY', 'CACHE_KEY', 'AUTHOR', 'PASSWORD_POLICY', 'KeyName'])
      expect(looksLikeSecretName(n), n).toBe(false);
  });

  it('values: token shapes by kind, without returning the value', () => {
    expect(tokenShape('AKIAABCDEFGHIJKLMNOP')).toBe('AWS access key id');
    expect(tokenShape('-----BEGIN RSA PRIVATE KEY-----\nMIIE')).toBe('private key');
    expect(tokenShape('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijklmnop')).toBe('JSON Web Token');
    expect(tokenShape('https://example.com/path')).toBeUndefined();
    expect(secretReason('PASSWORD_MIN_LENGTH', '12')).toBeUndefined();
    expect(secretReason('DB_PASSWORD', 'true')).toBeUndefined();
    expect(secretReason('DB_PASSWORD', '{{resolve:secretsmanager:db:SecretString:password}}')).toBeUndefined();
    expect(secretReason('DB_PASSWORD', 'hunter2-but-longer')).toMatch(/DB_PASSWORD/);
    expect(redact('hunter2-but-longer')).toBe('<redacted: 18 characters>');
  });
});

describe('stack-level template parameter facts', () => {
  it('record NoEcho and whether a default exists, never the default itself', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { loadIac } = await import('../src/sources/iac/load.js');
    const dir = mkdtempSync(join(tmpdir(), 'vouch-params-'));
    try {
      writeFileSync(
        join(dir, 't.yaml'),
        'Parameters:\n  ApiToken: { Type: String, NoEcho: "true", Default: ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 }\n  Env: { Type: String, Default: prod }\nResources:\n  T: { Type: AWS::SNS::Topic }\n',
      );
      const inv = loadIac([join(dir, 't.yaml')], { cwd: dir });
      const stack = inv.ofType('aws.cloudformation.stack')[0]!;
      expect(stack.properties.Parameters).toEqual({
        ApiToken: { Type: 'String', NoEcho: true, HasDefault: true, DefaultTokenShape: 'GitHub token' },
        Env: { Type: 'String', NoEcho: false, HasDefault: true },
      });
      expect(JSON.stringify(stack)).not.toContain('ghp_aBcDeFgH');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

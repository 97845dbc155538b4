import { describe, it, expect } from 'vitest';
import { secretReason, looksLikeSecretName, looksLikeSecretValue, redactDeep, redactInPlace, REDACTED, tokenShape, classifyValue, publicKeyShape } from '../src/lib/secrets.js';

describe('secret recognition', () => {
  it('names', () => {
    for (const n of ['DB_PASSWORD', 'apiKey', 'STRIPE_SECRET', 'oauthToken', 'AWS_SECRET_ACCESS_KEY', 'client_secret']) expect(looksLikeSecretName(n), n).toBe(true);
    for (const n of ['TOKEN_TTL', 'PASSWORD_MIN_LENGTH', 'SECRET_ARN', 'LOG_LEVEL', 'nextToken', 'TABLE_NAME']) expect(looksLikeSecretName(n), n).toBe(false);
    // Database clients' own password variables, written as one word or with the client's name.
    for (const n of ['PGPASSWORD', 'REDISCLI_AUTH', 'MYSQL_PWD']) expect(looksLikeSecretName(n), n).toBe(true);
    for (const n of ['PGPASSFILE', 'PGHOST', 'REDISCLI_AUTH_FILE']) expect(looksLikeSecretName(n), n).toBe(false);
  });
  it('values', () => {
    expect(looksLikeSecretValue('AKIAABCDEFGHIJKLMNOP')).toBe(true);
    expect(looksLikeSecretValue('dop_v1_' + 'a'.repeat(64))).toBe(true);
    expect(looksLikeSecretValue('postgres://app:hunter2@db:5432/x')).toBe(true);
    expect(looksLikeSecretValue('eu-west-1')).toBe(false);
  });
  it('URLs: userinfo with a password is a secret; links, and an @ in a path or query, are not', () => {
    for (const v of ['mongodb+srv://svc:p4ss@cluster0.example.net/db', 'redis://:hunter2@cache:6379', 'see ftp://u:pw@files.example.com now'])
      expect(tokenShape(v), v).toBe('URL with embedded password');
    for (const v of [
      'https://www.googleapis.com/compute/v1/projects/p/global/firewalls/fw-1',
      'https://example.com/users/someone@example.com',
      'https://example.com/?to=a:b@c',
      'mailto:someone@example.com',
      'https://user@example.com/x',
    ])
      expect(tokenShape(v), v).toBeUndefined();
  });
  it('a password written into a connection string, a JDBC query or a script line is a secret, whatever the name', () => {
    for (const v of [
      'Server=sql.corp.internal;Database=Shop;User Id=shop;Password=Tr4ding-Floor;',
      'Driver={ODBC};Server=db;Uid=etl;Pwd=Gr33n-Fields-7',
      'Data Source=sql; User ID = app ; Password = Sp4ced-0ut',
      'jdbc:postgresql://pg:5432/app?user=app&password=Bl0ssom-Season',
      'jdbc:sqlserver://sql:1433;databaseName=Orders;user=flyway;password=M1grate',
      'mysqldump --password=S3cond-Try db',
      'export DB_PASSWORD=W1nter-Is-Here',
    ]) {
      expect(tokenShape(v), v).toBe('connection string with a password (Password=…)');
      expect(classifyValue('CONNECTION', v).kind, v).toBe('secret');
    }
    for (const v of [
      'Server=sql;Database=Shop;User Id=shop;Password=${DB_PASSWORD};',
      'Server=sql;Database=Shop;Integrated Security=SSPI;',
      'Password={{resolve:secretsmanager:shop-db:SecretString:password}}',
      'Password=<your password>;',
      'Password=changeme',
      'Password=;User Id=x',
      'password=true',
      'PasswordPolicy=strict',
      'MIN_PASSWORD=12',
      'jdbc:mysql://db:3306/bi?useSSL=true&requirePassword=true',
      'Password=%s',
      "import os\npassword = os.environ['DB_PASSWORD']",
    ])
      expect(tokenShape(v), v).toBeUndefined();
  });
  it('treats parameter and file paths as pointers, but not a one-segment value under a secret name', () => {
    expect(secretReason('DB_PASSWORD', '/prod/db/password')).toBeUndefined();
    expect(secretReason('API_TOKEN_FILE', '/run/secrets/api')).toBeUndefined();
    expect(secretReason('DB_PASSWORD', '/s3cr3t')).toMatch(/literal/);
    expect(secretReason('DB_PASSWORD', '/prod/db password')).toMatch(/literal/);
  });

  it('every token shape is still recognised (the quick pre-check lets each through), embedded or alone', () => {
    const samples: [string, string][] = [
      ['AWS access key id', 'ASIA' + 'B'.repeat(16)],
      ['GitHub token', 'ghp_' + 'a1'.repeat(18)],
      ['GitHub token', 'github_pat_' + 'A_'.repeat(20)],
      ['GitLab token', 'glpat-' + 'x'.repeat(20)],
      ['Slack token', 'xoxb-' + '1234567890'],
      ['Google OAuth access token', 'ya29.' + 'a'.repeat(20)],
      ['Google API key', 'AIza' + 'b'.repeat(35)],
      ['Stripe key', 'sk_live_' + 'c'.repeat(16)],
      ['DigitalOcean token', 'doo_v1_' + 'f'.repeat(64)],
      ['npm token', 'npm_' + 'd'.repeat(36)],
      ['SendGrid key', 'SG.' + 'e'.repeat(16) + '.' + 'f'.repeat(16)],
      ['OpenAI-style key', 'sk-proj-' + 'g'.repeat(32)],
      ['JSON Web Token', 'eyJhbGciOiJI.eyJzdWIiOiIx.c2lnbmF0dXJl'],
      ['FCM server key', 'AAAA' + 'Qz7_k-2' + ':APA91b' + 'Hx4-Vq_9'.repeat(6)],
      ['private key', '-----BEGIN RSA PRIVATE KEY-----'],
      ['URL with embedded password', 'HTTPS://user:pw@host/x'],
    ];
    for (const [kind, v] of samples) {
      expect(tokenShape(v), v).toBe(kind);
      expect(tokenShape(`note: ${v} end`), v).toBe(kind);
    }
  });
  it('public-by-design keys are not secrets, for templates and live collectors alike (one classifyValue)', () => {
    for (const v of ['pk_live_Hq5Tz0Lm8vRb2YcN7wQe4sKd', 'pk_test_3nVx8QmL1pZr6TbW0yKc5dHe', 'pk.eyJ1IjoiZXhhbXBsZSJ9.Qm3nVx8ZrT6bW0yKc5dH', 'pk.eyJ1IjoibWFwcyJ9.dGVzdA', 'phc_Q7mZr2LkT9vWb4Nc8XpYd1Fs6Ge3Hj0K']) {
      expect(publicKeyShape(v), v).toBeDefined();
      expect(classifyValue('PAYMENT_API_KEY', v).kind, v).toBe('clear');
    }
    // Their secret halves, a public key next to a secret one, and a prefix alone are still judged.
    expect(classifyValue('STRIPE_KEY', 'sk_live_Hq5Tz0Lm8vRb2YcN7wQe4sKd').kind).toBe('secret');
    expect(classifyValue('X', 'rk_live_Hq5Tz0Lm8vRb2YcN7wQe4sKd').kind).toBe('secret');
    expect(classifyValue('STRIPE_KEYS', 'pk_live_Hq5Tz0Lm8vRb2YcN7wQe4sKd,sk_live_3nVx8QmL1pZr6TbW0yKc5dHe').kind).toBe('secret');
    expect(classifyValue('API_KEY', 'pk_live_short').kind).toBe('secret');
  });

  it('FCM legacy server keys: the AAAA…:APA91b… shape and the SERVER_KEY name, without near misses', () => {
    const key = 'AAAAq1Zr8Lm:APA91bG7tW2xNc5Vb8Qk1Lp4Rz9Ys3Hd6Fj0Ua2Te5Wi8Oo1Pa4Sd7Fg0Hj3Kl6Zx9Cv2Bn5Mq8';
    expect(tokenShape(key)).toBe('FCM server key');
    expect(secretReason('PUSH_CONFIG', key)).toBeDefined();
    for (const n of ['FCM_SERVER_KEY', 'fcmServerKey', 'SERVER_KEY']) expect(looksLikeSecretName(n), n).toBe(true);
    for (const n of ['SERVER_KEY_ID', 'SERVER_KEY_ARN', 'SERVER_KEYSPACE', 'SERVER', 'KEY_SERVER_URL']) expect(looksLikeSecretName(n), n).toBe(false);
    for (const v of [
      'AAAA',
      'AAAAAAAAAAAAAAAAAAAAAAAA',
      'AAAAq1Zr8Lm:APA91b', // prefix only, no key body
      'AAAAq1Zr8Lm:' + 'G7tW2xNc5V'.repeat(6), // no APA91b marker
      'XAAAAq1Zr8Lm:APA91bG7tW2xNc5Vb8Qk1Lp4Rz9Ys3Hd6Fj0Ua2Te5Wi8', // AAAA not at a token start
      'AAAAq1Z:APA91bG7tW2xNc5Vb8Qk1Lp4Rz9Ys3Hd6Fj0Ua2Te5Wi8Oo1Pa4', // sender part too short
    ])
      expect(tokenShape(v), v).toBeUndefined();
  });
  it('a name judged twice gets the same answer', () => {
    for (const n of ['DB_PASSWORD', 'TOKEN_TTL', 'DB_PASSWORD', 'TOKEN_TTL']) expect(looksLikeSecretName(n), n).toBe(n === 'DB_PASSWORD');
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
  it('redactInPlace gives what redactDeep gives, in the value itself', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 70; i++) deep = { next: deep, list: [i] };
    const samples: unknown[] = [
      { Password: 'hunter2', password: '', apiKey: '{{resolve:secretsmanager:x}}', token: 'arn:aws:secretsmanager:eu-west-1:1:secret:x', name: 'fw-1' },
      { selfLink: 'https://www.googleapis.com/compute/v1/projects/p/global/firewalls/fw-1', note: 'ghp_' + 'a1'.repeat(18), nested: [{ url: 'redis://:pw@cache:6379' }, 'AKIAABCDEFGHIJKLMNOP', 7, null, true] },
      ['plain', ['deeper', { client_secret: 's3cr3t', metadata: { items: [{ key: 'startup-script', value: 'export DB_PASSWORD=x' }] } }]],
      'AIza' + 'b'.repeat(35),
      'just text',
      42,
      null,
      deep,
    ];
    for (const sample of samples) {
      const expected = redactDeep(structuredClone(sample));
      const mine = structuredClone(sample);
      const out = redactInPlace(mine);
      expect(out).toEqual(expected);
      if (mine && typeof mine === 'object') expect(out).toBe(mine);
    }
  });
});

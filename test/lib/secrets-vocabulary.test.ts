/**
 * The vocabulary of secret-bearing names and live-key value shapes
 * (src/lib/secrets.ts), as a class: the words apps use for shared secrets
 * between two parties, the `<prefix>_live_` convention of live API keys, and
 * connection strings, which hold a credential only with a password part.
 */
import { describe, it, expect } from 'vitest';
import { classifyValue, looksLikeSecretName, looksLikeSecretValue, redactDeep, REDACTED, secretReason, tokenShape } from '../../src/lib/secrets.js';

// Values are built here so no scanner mistakes this file for a leak.
const tail = (n: number) => 'Q7m2Zx9K'.repeat(Math.ceil(n / 8)).slice(0, n);

describe('names of shared secrets', () => {
  it('say a credential, as env vars, camelCase and one lower-case word', () => {
    for (const n of [
      'PARTNER_SHARED_KEY', 'sharedKey', 'SHAREDKEY', 'WEBHOOK_SHARED_SECRET', 'HMAC_KEY', 'hmacSecret', 'SIGNING_KEY', 'signingsecret',
      'WEBHOOK_SECRET', 'CLIENT_SECRET', 'PRIVATE_KEY', 'ACCESS_KEY', 'AUTH_TOKEN', 'authtoken', 'apitoken', 'LICENSE_KEY', 'PASSPHRASE',
      'VPN_PSK', 'PreSharedKey', 'AWS_SECRET_ACCESS_KEY', 'secretaccesskey', 'AUTHKEY', 'DB_CONN_STR', 'CONNECTION_STRING', 'SENTRY_DSN',
    ])
      expect(looksLikeSecretName(n), n).toBe(true);
  });

  it('do not when the name is about the secret (its ARN, id, header, length) or not about one at all', () => {
    for (const n of ['SHARED_KEY_ARN', 'HMAC_KEY_ID', 'SIGNING_KEY_SECRET_NAME', 'WEBHOOK_SECRET_PARAM', 'PSK_LENGTH', 'SHARED_BUCKET', 'KEY_SHARED', 'CONN_STR_PARAMETER', 'LIVE_MODE', 'SHARED_KEYBOARD'])
      expect(looksLikeSecretName(n), n).toBe(false);
  });

  it('a literal under such a name fails; references, placeholders, booleans and empty values do not', () => {
    expect(secretReason('PARTNER_SHARED_KEY', 'b1' + tail(30))).toMatch(/PARTNER_SHARED_KEY.*literal/);
    expect(classifyValue('HMAC_KEY', tail(40)).kind).toBe('secret');
    for (const v of ['{{resolve:secretsmanager:partner/psk}}', 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:psk', '/partner/shared-key/current', 'true', '', '300'])
      expect(secretReason('PARTNER_SHARED_KEY', v), v).toBeUndefined();
  });
});

describe('keys named after what holds them', () => {
  it('a script, application, subscription, integration, account, ingest, deploy, JWT, cookie or licence key is a credential, however written', () => {
    for (const n of [
      'SHOTGRID_SCRIPT_KEY', 'shotgridScriptKey', 'SCRIPTKEY', 'DD_APPLICATION_KEY', 'APIM_SUBSCRIPTION_KEY', 'PAGERDUTY_INTEGRATION_KEY',
      'PD_SERVICE_KEY', 'AZURE_STORAGE_ACCOUNT_KEY', 'AZURE_STORAGE_KEY', 'NR_INGEST_KEY', 'HONEYCOMB_INGESTION_KEY', 'CONVEX_DEPLOY_KEY',
      'JWT_KEY', 'COOKIE_KEYS', 'AES_KEY', 'CIPHER_KEY', 'DECRYPTION_KEY', 'MERCHANT_KEY', 'WEBHOOK_KEY', 'LICENCE_KEY', 'TS_AUTHENTICATION_KEY',
      'COSMOS_AUTHORIZATION_KEY',
      // Plurals and one-word forms of the pairs vouch already knew.
      'API_KEYS', 'SIGNING_KEYS', 'apikeys', 'CLIENT_SECRETS', 'masterkey',
    ])
      expect(looksLikeSecretName(n), n).toBe(true);
  });

  it('key alone, and keys that name data or an app, are not; nor is a credential key\'s ARN or name', () => {
    for (const n of [
      'KEY', 'S3_KEY', 'OBJECT_KEY', 'PARTITION_KEY', 'SORT_KEY', 'HASH_KEY', 'KMS_KEY', 'TAG_KEY', 'CACHE_KEY', 'IDEMPOTENCY_KEY', 'ROUTING_KEY',
      'CLIENT_KEY', 'CONSUMER_KEY', 'SDK_KEY', 'MONKEY', 'TURNKEY', 'SCRIPT_KEY_ARN', 'APPLICATION_KEY_SECRET_NAME', 'SERVICE_KEY_ID',
    ])
      expect(looksLikeSecretName(n), n).toBe(false);
  });

  it('a literal under such a name fails; a reference does not', () => {
    expect(secretReason('SHOTGRID_SCRIPT_KEY', tail(22))).toMatch(/SHOTGRID_SCRIPT_KEY.*literal/);
    for (const v of ['{{resolve:secretsmanager:shotgrid/script}}', 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:shotgrid', '/render/shotgrid/script-key'])
      expect(secretReason('SHOTGRID_SCRIPT_KEY', v), v).toBeUndefined();
  });
});

describe('settings that name a secrets mechanism, not a secret', () => {
  it('a backend class, a store name, a store-prefixed reference, a settings document of prefixes: no credential', () => {
    for (const [n, v] of <[string, string][]>[
      ['secrets.backend', 'airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend'],
      ['secrets.backend', 'airflow.secrets.local_filesystem'],
      ['fs.s3a.credentials.class', 'org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider'],
      ['SECRETS_BACKEND', 'aws-secrets-manager'],
      ['SECRET_STORE_KIND', 'Azure Key Vault'],
      ['DB_CREDENTIALS', 'aws-secretsmanager:/prod/db'],
      ['DB_CREDENTIALS', 'ssm:/prod/db/credentials'],
      ['API_TOKEN', 'vault:secret/data/api'],
      ['secrets.backend_kwargs', '{"connections_prefix": "airflow/connections", "variables_prefix": "airflow/variables", "sep": "/", "full_url_mode": false}'],
      ['secrets.backend_kwargs', '{"connections_path": "connections", "mount_point": "airflow", "url": "https://vault.corp.internal:8200", "kv_engine_version": 2}'],
    ])
      expect(secretReason(n, v), `${n}=${v}`).toBeUndefined();
  });

  it('a credential inside the document, after a store-like prefix, or a dotted passphrase under a password name still is one', () => {
    for (const [n, v] of <[string, string][]>[
      ['secrets.backend_kwargs', `{"connections_path": "connections", "token": "${tail(24)}"}`],
      ['secrets.backend_kwargs', `{"auth": {"password": "${tail(14)}"}}`],
      ['secrets.backend_kwargs', `{"partner_a": "${tail(20)}"}`],
      // A number under a credential name is a credential too (a numeric password or PIN), not a setting.
      ['DB_CREDENTIALS', '{"username": "ledger", "password": 90417738265}'],
      ['secrets.backend_kwargs', '{"connections_path": "connections", "auth": {"token": 5512890377}}'],
      ['DB_CREDENTIALS', `ssm:${tail(12)}`],
      ['DB_PASSWORD', 'correct.horse.BatteryStaple'],
      ['DB_PASSWORD', 'aws-secrets-manager'],
    ])
      expect(secretReason(n, v), `${n}=${v}`).toMatch(/literal/);
  });
});

describe('a value that names where the secret is kept', () => {
  it('a Secrets Manager / SSM name without the leading slash is a pointer under any credential name', () => {
    for (const [n, v] of <[string, string][]>[['DB_PASSWORD_SECRET', 'prod/db/password'], ['GITHUB_TOKEN', 'corpus/github-token'], ['API_KEY', 'team.a/api-key@v2']])
      expect(secretReason(n, v), `${n}=${v}`).toBeUndefined();
  });

  it('a token with a slash (base64, mixed case) or a one-segment value is still a literal', () => {
    for (const [n, v] of <[string, string][]>[['MUX_TOKEN_SECRET', `Ab${tail(20)}/x9${tail(18)}+=`], ['DB_PASSWORD', 'hunter2isnotapath'], ['DB_PASSWORD', 'Pa55/Word'], ['DB_PASSWORD', '1234/5678']])
      expect(secretReason(n, v), `${n}=${v}`).toMatch(/literal/);
  });
});

describe('connection strings hold a credential only with a password part', () => {
  it('Password= / Pwd= / user:password@ in the value: a secret', () => {
    // Found by the value's shape (a password part), whatever the name (fixAM): the name need not say "credential".
    expect(secretReason('DB_CONN_STR', `Server=db.internal;Database=app;User Id=app;Password=${tail(12)};`)).toMatch(/connection string with a password/);
    expect(secretReason('ConnectionString', `Data Source=db;Initial Catalog=app;uid=app;pwd=${tail(10)}`)).toMatch(/connection string with a password/);
    expect(secretReason('LEDGER', `Data Source=db;Initial Catalog=app;uid=app;pwd=${tail(10)}`)).toMatch(/connection string with a password/);
    expect(secretReason('CONNECTION_STRING', `postgres://app:${tail(10)}@db:5432/app`)).toMatch(/password/);
  });

  it('integrated security, a managed identity or a host alone: no credential', () => {
    for (const v of ['Server=db.internal;Database=app;Integrated Security=true;', 'Server=tcp:db.database.windows.net;Authentication=Active Directory Managed Identity;Database=app', 'postgres://db.internal:5432/app'])
      expect(secretReason('DB_CONN_STR', v), v).toBeUndefined();
    // Another credential word in the name still decides by the name alone.
    expect(secretReason('DB_PASSWORD_CONNECTION_STRING', 'Server=db;Database=app;Integrated Security=true')).toMatch(/literal/);
  });
});

describe('value shapes of live keys', () => {
  it('the <prefix>_live_ convention, whatever the name', () => {
    expect(tokenShape(`psk_live_${tail(24)}`)).toBe('live API key');
    expect(tokenShape(`Bearer acme_live_${tail(32)}`)).toBe('live API key');
    expect(secretReason('PARTNER_ENDPOINT_CONFIG', `psk_live_${tail(24)}`)).toMatch(/live API key/);
    // Stripe's own keep their name.
    expect(tokenShape(`sk_live_${tail(24)}`)).toBe('Stripe key');
  });

  it('not a publishable key, a placeholder, a short or a mode word', () => {
    for (const v of [`pk_live_${tail(24)}`, 'psk_live_XXXXXXXXXXXXXXXXXXXXXXXX', 'acme_live_yourkeyhere0000000000', 'acme_live_000000000000000000', 'go_live_date', 'stream_live_mode', `rzp_live_${tail(14)}`])
      expect(tokenShape(v), v).toBeUndefined();
  });

  it('other vendors: Stripe webhook secrets, Slack app tokens, Hugging Face and Shopify tokens, PGP private key blocks', () => {
    expect(tokenShape(`whsec_${tail(32)}`)).toBe('Stripe webhook signing secret');
    expect(tokenShape(`xapp-1-A0${tail(20)}`)).toBe('Slack app-level token');
    expect(tokenShape(`hf_${tail(34)}`)).toBe('Hugging Face token');
    expect(tokenShape(`shpat_${'0123456789abcdef'.repeat(2)}`)).toBe('Shopify token');
    expect(tokenShape('-----BEGIN PGP PRIVATE KEY BLOCK-----\nabc')).toBe('private key');
    for (const v of ['-----BEGIN PGP PUBLIC KEY BLOCK-----', 'chf_rate', 'xapp-config', 'shpat_short']) expect(tokenShape(v), v).toBeUndefined();
  });

  it('is redacted wherever it appears', () => {
    const out = redactDeep({ Variables: { NOTE: `key psk_live_${tail(24)}`, MODE: 'live' } }) as { Variables: Record<string, string> };
    expect(out.Variables.NOTE).toBe(REDACTED);
    expect(out.Variables.MODE).toBe('live');
    expect(looksLikeSecretValue(`hf_${tail(34)}`)).toBe(true);
  });

  it('stays linear on long hostile runs', () => {
    const runs = ['a_live_'.repeat(20_000), '_live_'.repeat(30_000) + 'x', 'hf_'.repeat(40_000), 'Password='.repeat(20_000)];
    const t = performance.now();
    for (const v of runs) {
      tokenShape(v);
      secretReason('DB_CONN_STR', v);
    }
    expect(performance.now() - t).toBeLessThan(1_000);
  });
});

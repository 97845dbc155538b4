/**
 * Read-only by construction: every Google client vouch uses gets its
 * credentials from ReadOnlyAuth, whose guard refuses writes (and requests to
 * hosts other than the configured endpoint) before anything is sent.
 * The fixture server accepts and records writes, so a missing guard would show.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createRequire } from 'node:module';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/util/errors.js';
import { startGcpServer, type GcpFixtureServer } from '../cloud/gcp/server.js';
import { assertReadOnly, DUMMY_TOKEN, GCP_APIS, makeAuths, parseEndpoints, ReadOnlyViolation } from '../../src/sources/providers/gcp/collectors/transport.js';
import { GcpContext } from '../../src/sources/providers/gcp/collectors/context.js';
import { restGet, restPost } from '../../src/sources/providers/gcp/collectors/rest.js';
import { classify, GcpCallError } from '../../src/sources/providers/gcp/collectors/errors.js';
import { shopWorld } from './worlds.js';

let server: GcpFixtureServer;
let ctx: GcpContext;
beforeAll(async () => {
  server = await startGcpServer(shopWorld(true));
  ctx = await GcpContext.create({ endpoints: parseEndpoints(GCP_APIS.map((a) => `${a}=${server.url}`)), concurrency: 2, maxAttempts: 1 });
});
afterAll(() => server.close());

describe('assertReadOnly', () => {
  const base = new URL('https://cloudresourcemanager.googleapis.com');
  it('allows GET and the listed read-only POSTs only', () => {
    expect(() => assertReadOnly('cloudresourcemanager', base, 'GET', 'https://cloudresourcemanager.googleapis.com/v3/projects/p')).not.toThrow();
    expect(() => assertReadOnly('cloudresourcemanager', base, 'POST', 'https://cloudresourcemanager.googleapis.com/v3/projects/p:getIamPolicy')).not.toThrow();
    for (const [m, path] of [
      ['POST', '/v3/projects/p:setIamPolicy'],
      ['PATCH', '/v3/projects/p'],
      ['DELETE', '/v3/projects/p'],
      ['PUT', '/v3/projects/p'],
      ['POST', '/v3/projects'],
      ['POST', '/v3/projects/p:getIamPolicy/../:setIamPolicy'],
    ] as const)
      expect(() => assertReadOnly('cloudresourcemanager', base, m, `https://cloudresourcemanager.googleapis.com${path}`), `${m} ${path}`).toThrow(ReadOnlyViolation);
    // getIamPolicy is only allowed where it is listed (not on another API).
    expect(() => assertReadOnly('compute', new URL('https://compute.googleapis.com'), 'POST', 'https://compute.googleapis.com/v3/projects/p:getIamPolicy')).toThrow(ReadOnlyViolation);
  });

  it('refuses any host other than the configured endpoint, so no token goes elsewhere', () => {
    expect(() => assertReadOnly('storage', new URL('http://127.0.0.1:4443'), 'GET', 'https://storage.googleapis.com/storage/v1/b?project=p')).toThrow(/not the storage endpoint/);
    expect(() => assertReadOnly('storage', new URL('https://storage.googleapis.com'), 'GET', 'https://storage.googleapis.com.evil.test/storage/v1/b')).toThrow(ReadOnlyViolation);
  });
});

describe('writes through the real clients are refused before they are sent', () => {
  it('a raw write reaches the fixture server (so the server would show a leak)', async () => {
    const res = await fetch(`${server.url}/storage/v1/b/shop-assets`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(server.writes).toEqual([{ method: 'DELETE', path: '/storage/v1/b/shop-assets' }]);
    server.writes.length = 0;
  });

  it('@google-cloud/compute (REST fallback over http): lists work against the fixture server, deletes are refused', async () => {
    const require = createRequire(import.meta.url);
    const compute = require('@google-cloud/compute') as typeof import('@google-cloud/compute');
    const url = new URL(server.url);
    const client = new compute.FirewallsClient({ fallback: true, protocol: 'http', apiEndpoint: url.hostname, port: Number(url.port), auth: ctx.auths.compute } as never);
    const [items] = await client.list({ project: 'shop-prod', maxResults: 2 }, { autoPaginate: false });
    expect(items.map((f) => f.name)).toEqual(['allow-iap-ssh', 'allow-from-bastion']);
    // Its errors (google-gax GoogleError from a Google error body) classify like the REST ones.
    const denied = await client.list({ project: 'no-such-project' }, { autoPaginate: false }).then(() => undefined, (e: unknown) => e);
    expect(classify(denied)).toMatchObject({ code: 'PERMISSION_DENIED', retryable: false });
    await expect(client.delete({ project: 'shop-prod', firewall: 'allow-web' })).rejects.toThrow(/refused DELETE/);
    await expect(client.insert({ project: 'shop-prod', firewallResource: { name: 'x' } })).rejects.toThrow(/refused POST/);
    expect(server.writes).toEqual([]);
    await client.close();
  });

  it('REST: a POST that is not a listed read is refused and recorded as a coverage failure', async () => {
    await expect(restPost(ctx, 'cloudresourcemanager', 'cloudresourcemanager.projects.setIamPolicy', 'shop-prod', '/v3/projects/shop-prod:setIamPolicy', { policy: {} })).rejects.toThrow(GcpCallError);
    expect(ctx.coverage.snapshot().failures).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'READ_ONLY_VIOLATION' })]));
    // The fixture server behaves like Google: a conditional policy requested below v3 is a 400.
    await expect(restPost(ctx, 'cloudresourcemanager', 'cloudresourcemanager.projects.getIamPolicy', 'shop-prod', '/v3/projects/shop-prod:getIamPolicy', { options: { requestedPolicyVersion: 1 } })).rejects.toThrow(/INVALID_ARGUMENT/);
    const v3 = await restPost<{ version?: number; bindings?: unknown[] }>(ctx, 'cloudresourcemanager', 'cloudresourcemanager.projects.getIamPolicy', 'shop-prod', '/v3/projects/shop-prod:getIamPolicy', { options: { requestedPolicyVersion: 3 } });
    expect(v3.version).toBe(3);
    const ok = await restGet(ctx, 'sqladmin', 'sqladmin.instances.list', 'shop-prod', '/v1/projects/shop-prod/instances');
    expect(Array.isArray(ok.items)).toBe(true);
    expect(server.writes).toEqual([]);
  });
});

describe('credentials', () => {
  it('loopback endpoints get the dummy token; no Google credentials are read', async () => {
    const auths = await makeAuths(parseEndpoints(GCP_APIS.map((a) => `${a}=http://127.0.0.1:1`)));
    const h = await auths.storage.getRequestHeaders('http://127.0.0.1:1/storage/v1/b');
    expect(h.get('authorization')).toBe(`Bearer ${DUMMY_TOKEN}`);
  });

  /** Run `fn` with the process environment changed (no gcloud login, no metadata server probe), then restore it. */
  async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
    const saved = { ...process.env };
    Object.assign(process.env, { HOME: '/nonexistent', NO_GCE_CHECK: 'true', METADATA_SERVER_DETECTION: 'none' }, env);
    try {
      return await fn();
    } finally {
      process.env = saved;
    }
  }

  it('a non-loopback endpoint without credentials: one clear error up front, never the dummy token', async () => {
    await withEnv({ GOOGLE_APPLICATION_CREDENTIALS: '/nonexistent/vouch-test-adc.json' }, async () => {
      const e = await makeAuths(parseEndpoints(['storage=https://storage.example.test'])).then(
        () => undefined,
        (x: Error) => x,
      );
      expect(e).toBeInstanceOf(InputError);
      expect(e!.message).toMatch(/^gcp: no Google credentials \(the file GOOGLE_APPLICATION_CREDENTIALS names does not exist\): set GOOGLE_APPLICATION_CREDENTIALS/);
      expect(e!.message).not.toContain(DUMMY_TOKEN);
    });
  });

  it('an unreadable credential file is named as such, and nothing of its text is quoted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-adc-'));
    const file = join(dir, 'adc.json');
    // Broken JSON right after key material: JSON.parse's own message would quote the text around it.
    writeFileSync(file, '{"type": "service_account", "private_key": MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7}');
    try {
      await withEnv({ GOOGLE_APPLICATION_CREDENTIALS: file }, async () => {
        const e = await makeAuths(parseEndpoints(['compute=https://compute.example.test'])).then(
          () => undefined,
          (x: Error) => x,
        );
        expect(e).toBeInstanceOf(InputError);
        expect(e!.message).toContain('the credential file is not valid JSON');
        expect(e!.message).not.toMatch(/MIIE|private_key|service_account/);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('one credential for every API: resolved once and shared (one token to fetch and refresh); loopback APIs keep the dummy', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const dir = mkdtempSync(join(tmpdir(), 'vouch-adc-'));
    const file = join(dir, 'sa.json');
    writeFileSync(
      file,
      JSON.stringify({ type: 'service_account', project_id: 'vouch-test', private_key_id: 'k1', private_key: privateKey, client_email: 'scanner@vouch-test.iam.gserviceaccount.com', client_id: '1' }),
    );
    try {
      await withEnv({ GOOGLE_APPLICATION_CREDENTIALS: file }, async () => {
        const remote = GCP_APIS.filter((a) => a !== 'logging');
        const auths = await makeAuths(parseEndpoints([...remote.map((a) => `${a}=https://${a}.example.test`), 'logging=http://127.0.0.1:1']));
        const clients = await Promise.all(remote.map((a) => auths[a].getClient()));
        expect(new Set(clients).size).toBe(1);
        expect((clients[0] as { email?: string }).email).toBe('scanner@vouch-test.iam.gserviceaccount.com');
        // The loopback API has its own client, with the dummy token, and never the real one.
        expect(await auths.logging.getClient()).not.toBe(clients[0]);
        expect((await auths.logging.getRequestHeaders('http://127.0.0.1:1/v2/x')).get('authorization')).toBe(`Bearer ${DUMMY_TOKEN}`);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

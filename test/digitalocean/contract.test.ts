/**
 * The fixture DigitalOcean API and vouch's requests, checked against the
 * official OpenAPI spec: every request vouch sends is a documented GET with
 * documented parameters, and every response the fixture server serves
 * (200s, the 401, the 429, the 404) validates against its documented schema.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startDoServer, type DoServer } from '../cloud/digitalocean/server.js';
import { violationsWorld } from '../cloud/digitalocean/world.js';
import { collectDigitalOcean } from '../../src/sources/providers/digitalocean/collectors/index.js';
import { DigitalOceanClient } from '../../src/sources/providers/digitalocean/collectors/client.js';
import { checkRequest, checkResponse, loadSpec, undeclared, type Spec } from './openapi.js';

const TOKEN = 'dop_v1_' + 'c0ffee'.repeat(10) + 'abcd';
let spec: Spec;
let server: DoServer;

beforeAll(async () => {
  spec = loadSpec();
  server = await startDoServer(violationsWorld({ fleet: 210 }), { token: TOKEN, withCredentials: true });
});
afterAll(() => server?.close());

describe('DigitalOcean fixture API matches the official OpenAPI spec', () => {
  it('a full collection: every request is a documented read and every response validates', async () => {
    const inv = await collectDigitalOcean({ token: TOKEN, apiUrl: server.url, spaces: {}, concurrency: 4, timeoutMs: 5000 });
    expect(inv.ofType('digitalocean.droplet').length).toBe(216);
    // The server answered with passwords (as with database:view_credentials); none is kept.
    const stored = JSON.stringify([...inv.all()]);
    expect(server.log.some((x) => JSON.stringify(x.body).includes('AVNS_'))).toBe(true);
    expect(stored).not.toContain('AVNS_');
    expect(stored).toContain('sslmode=require');
    expect(stored).toContain('postgresql://<redacted>@pg-good');
    // Error responses, as the real API sends them.
    const bad = new DigitalOceanClient({ token: 'dop_v1_' + '0'.repeat(64), baseUrl: server.url, maxRetries: 0 });
    await expect(bad.get('/v2/droplets')).rejects.toThrow(/unauthorized/);
    const client = new DigitalOceanClient({ token: TOKEN, baseUrl: server.url, maxRetries: 0 });
    await expect(client.get('/v2/databases/00000000-0000-4000-8000-000000000000/config')).rejects.toThrow(/not_found/);

    const problems = server.log.flatMap((x) => [
      ...checkRequest(spec, x.method, x.url, { authorization: x.authorization }),
      ...checkResponse(spec, x.method, x.url, x.status, x.headers, x.body),
    ]);
    expect(problems).toEqual([]);
    const statuses = new Set(server.log.map((x) => x.status));
    expect([...statuses].sort()).toEqual([200, 401, 404]);
    const paths = new Set(server.log.map((x) => new URL(x.url, 'http://x').pathname.replace(/[0-9a-f-]{36}/, '{uuid}')));
    for (const p of ['/v2/account', '/v2/droplets', '/v2/firewalls', '/v2/droplets/backups/policies', '/v2/volumes', '/v2/load_balancers', '/v2/databases', '/v2/databases/{uuid}/firewall', '/v2/databases/{uuid}/backups', '/v2/databases/{uuid}/config', '/v2/databases/{uuid}/replicas', '/v2/snapshots'])
      expect(paths, p).toContain(p);
  });

  it('a rate-limited response (429) validates, with its headers', async () => {
    const limited = await startDoServer(violationsWorld({ fleet: 0 }), { token: TOKEN, rateLimit: { limit: 1, windowSeconds: 60 } });
    try {
      const c = new DigitalOceanClient({ token: TOKEN, baseUrl: limited.url, maxRetries: 0 });
      await c.get('/v2/account');
      await expect(c.get('/v2/account')).rejects.toThrow(/too_many_requests|rate limited/);
      const last = limited.log.at(-1)!;
      expect(last.status).toBe(429);
      expect(checkResponse(spec, 'GET', last.url, last.status, last.headers, last.body)).toEqual([]);
    } finally {
      await limited.close();
    }
  });

  it('the checker itself catches drift: an invented field, a wrong type, an undocumented parameter', () => {
    const body = { droplets: [], links: { pages: {} }, meta: { total: 'three' }, invented: true };
    const problems = checkResponse(spec, 'GET', '/v2/droplets', 200, { 'ratelimit-limit': '1', 'ratelimit-remaining': '1', 'ratelimit-reset': '1' }, body).map((p) => p.problem);
    expect(problems.join('\n')).toMatch(/must be integer/);
    expect(problems.join('\n')).toMatch(/\$\.invented is not declared/);
    expect(undeclared(spec, { firewalls: [{ id: 'x', inbound_rules: [{ protocol: 'tcp', ports: '22', sources: { cidrs: [] } }] }] }, { $ref: '#/components/responses/list_firewalls_response/content/application~1json/schema' }, '$')).toEqual([
      '$.firewalls[0].inbound_rules[0].sources.cidrs',
    ]);
    expect(checkRequest(spec, 'GET', '/v2/databases?per_page=200', { authorization: 'Bearer x' }).map((p) => p.problem)).toEqual([
      'query parameter per_page is not documented for /v2/databases',
    ]);
    expect(checkRequest(spec, 'GET', '/v2/droplets?per_page=500', { authorization: 'Bearer x' })[0]?.problem).toMatch(/<= 200/);
    expect(checkRequest(spec, 'DELETE', '/v2/droplets/1', { authorization: 'Bearer x' })).toEqual([]); // documented, but vouch never sends it (client test)
  });
});

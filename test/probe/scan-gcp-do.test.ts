/**
 * `vouch scan gcp --probe` and `vouch scan digitalocean --probe` against the
 * local fixture clouds: the forwarding rule's and the load balancer's
 * addresses (documentation IPs) are pointed at loopback servers with
 * --probe-resolve, and the observed findings join the resource they came from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runVouch } from '../helpers/in-process.js';
import { evidenceErrors } from '../helpers/evidence-schema.js';
import { endpointsTo } from '../gcp/helpers.js';
import { shopWorld } from '../gcp/worlds.js';
import { startGcpServer, type GcpFixtureServer } from '../cloud/gcp/server.js';
import { startDoServer, type DoServer } from '../cloud/digitalocean/server.js';
import { compliantWorld } from '../cloud/digitalocean/world.js';
import type { EvidenceDocument } from '../../src/findings/evidence.js';
import { Pki, httpServer, httpsServer, type Running } from './servers.js';

const TOKEN = 'dop_v1_' + 'a1'.repeat(32);
let dir: string;
let pki: Pki;
let gcp: GcpFixtureServer;
let dos: DoServer;
const servers: Running[] = [];
const up = async (p: Promise<Running>) => {
  const r = await p;
  servers.push(r);
  return r.port;
};
const CLAIMS = 'version: 1\nname: probe\nclaims:\n  - { id: tls, text: "TLS 1.2 or higher in transit.", controls: [tls-min] }\n  - { id: redirect, text: "HTTP is redirected to HTTPS.", controls: [https-redirect] }\n';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-probe-clouds-'));
  pki = new Pki();
  writeFileSync(join(dir, 'ca.pem'), pki.ca.cert);
  writeFileSync(join(dir, 'claims.yaml'), CLAIMS);
  gcp = await startGcpServer(shopWorld(false));
  dos = await startDoServer(compliantWorld(), { token: TOKEN });
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await gcp?.close();
  await dos?.close();
  pki?.dispose();
});

const probeFlags = (ip: string, tls: number, http: number) => ['--probe', '--probe-ca', join(dir, 'ca.pem'), '--probe-rate', '1000', '--probe-resolve', `${ip}:443=127.0.0.1:${tls}`, '--probe-resolve', `${ip}:80=127.0.0.1:${http}`];
const read = (out: string) => JSON.parse(readFileSync(join(out, 'evidence.json'), 'utf8')) as EvidenceDocument;
const observed = (doc: EvidenceDocument) => doc.findings.filter((f) => f.resource.source === 'probe').map((f) => `${f.ruleId} ${f.resource.name ?? f.resource.id} ${f.status}`).sort();

describe('scan gcp --probe', () => {
  it('probes the external forwarding rules: the HTTPS rule for TLS, its HTTP sibling on the same IP for the redirect', async () => {
    const ip = '203.0.113.10';
    const tls = await up(httpsServer(pki.leaf([ip]), '1.2', '1.3', 'max-age=31536000'));
    const http = await up(httpServer(308, `https://${ip}/`));
    const out = join(dir, 'gcp');
    const run = await runVouch(['scan', 'gcp', '--project', 'shop-prod', ...endpointsTo(gcp.url), '--claims', join(dir, 'claims.yaml'), '--out', out, '--format', 'json,md', '--no-config', ...probeFlags(ip, tls, http)]);
    const doc = read(out);
    expect(evidenceErrors(doc)).toEqual([]);
    expect(observed(doc)).toEqual([
      'https-redirect/probe-hsts web-https-fr pass',
      'https-redirect/probe-http-redirect web-http-fr pass',
      'tls-min/probe-certificate web-https-fr pass',
      'tls-min/probe-tls-versions web-https-fr pass',
    ]);
    const f = doc.findings.find((x) => x.ruleId === 'tls-min/probe-tls-versions')!;
    expect(f.resource).toMatchObject({ type: 'gcp.compute.forwarding-rule', provider: 'gcp', source: 'probe' });
    expect(run.stderr).toMatch(/probe: 1 endpoint/);
  }, 90_000);
});

describe('scan digitalocean --probe', () => {
  it('probes the load balancer IP on its https and http entry ports; a TLS 1.0 endpoint fails the observed floor', async () => {
    const ip = '203.0.113.40';
    const tls = await up(httpsServer(pki.leaf([ip]), '1.0', '1.3', 'max-age=31536000'));
    const http = await up(httpServer(301, `https://${ip}/`));
    const out = join(dir, 'do');
    const run = await runVouch(['scan', 'digitalocean', '--endpoint', `api=${dos.url}`, '--claims', join(dir, 'claims.yaml'), '--out', out, '--format', 'json,md', '--no-config', ...probeFlags(ip, tls, http)], {
      DIGITALOCEAN_TOKEN: TOKEN,
      SPACES_ACCESS_KEY_ID: undefined,
      SPACES_SECRET_ACCESS_KEY: undefined,
    });
    const doc = read(out);
    expect(evidenceErrors(doc)).toEqual([]);
    expect(observed(doc)).toEqual([
      'https-redirect/probe-hsts lb-good pass',
      'https-redirect/probe-http-redirect lb-good pass',
      'tls-min/probe-certificate lb-good pass',
      'tls-min/probe-tls-versions lb-good fail',
    ]);
    expect(run.code).toBe(1);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(/configured: \w+ · observed: fail/);
  }, 90_000);
});

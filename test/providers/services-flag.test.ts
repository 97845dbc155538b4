/**
 * `--services` on every live scan: the services left out are not read, and
 * coverage says so — their rules are "not collected", the claims resting on
 * them unverified and the exit code 3 — while the selected services are
 * judged as usual.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startGcpServer, type GcpFixtureServer } from '../cloud/gcp/server.js';
import { CLAIMS_YAML, shopWorld } from '../gcp/worlds.js';
import { cleanup, endpointsTo, runScan } from '../gcp/helpers.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runVouch } from '../helpers/in-process.js';
import type { EvidenceDocument } from '../../src/findings/evidence.js';
import { claimVerdicts } from '../../src/findings/claim-verdicts.js';
import { startDoServer, type DoServer } from '../cloud/digitalocean/server.js';
import { compliantWorld } from '../cloud/digitalocean/world.js';
import { gcp, serviceNames } from '../../src/sources/providers/index.js';

describe('vouch scan gcp --services', () => {
  let server: GcpFixtureServer;
  beforeAll(async () => {
    server = await startGcpServer(shopWorld(true));
  });
  afterAll(async () => server.close());

  it('reads only storage: no Compute, SQL, IAM or Logging call; their rules are not collected, exit 3', async () => {
    const run = await runScan(['--organization', '100', ...endpointsTo(server.url), '--services', 'storage', '--quiet'], CLAIMS_YAML);
    try {
      const calls = Object.keys(run.doc.coverage.calls ?? {});
      expect(calls.some((c) => c.startsWith('storage.'))).toBe(true);
      expect(calls.filter((c) => /^(compute\.(firewalls|instances|disks|sslPolicies|target|urlMaps|forwarding|globalForwarding|networkFirewall)|sqladmin\.|iam\.|logging\.(sinks|metrics)\.|monitoring\.|cloudkms\.|dns\.|bigquery\.|apikeys\.|serviceusage\.|accessapproval\.|essentialcontacts\.|dataproc\.|compute\.regions\.)/.test(c))).toEqual([]);
      // Every other declared GCP service is left out, in declaration order.
      expect(run.doc.coverage.excludedServices).toEqual(serviceNames(gcp).filter((s) => s !== 'storage').map((s) => `gcp:${s}`));
      expect(run.doc.coverage.excludedServices).toEqual(expect.arrayContaining(['gcp:compute', 'gcp:sql', 'gcp:iam', 'gcp:logging']));
      const gaps = run.doc.coverage.notCollected!.filter((n) => n.gap);
      expect(gaps.map((n) => n.rule)).toEqual(expect.arrayContaining(['bastion-only/gcp-firewall', 'enc-rest/gcp-sql-instance', 'iam-least-privilege/gcp-service-account-key']));
      // The project's sinks were not read: its sink rule cannot tell, never "no sink".
      const sink = run.doc.findings.filter((f) => f.ruleId === 'audit-logging/gcp-log-sink' && f.resource.type === 'gcp.project');
      expect(sink.length).toBeGreaterThan(0);
      expect(sink.map((f) => f.status)).toEqual(sink.map(() => 'unknown'));
      expect(gaps.map((n) => n.rule)).not.toContain('enc-rest/gcp-storage-bucket');
      expect(run.doc.findings.some((f) => f.resource.type === 'gcp.storage.bucket')).toBe(true);
      expect(run.doc.findings.filter((f) => f.resource.type === 'gcp.compute.firewall')).toEqual([]);
      expect([1, 3]).toContain(run.code);
    } finally {
      cleanup(run);
    }
  });

  it('rejects an unknown service name with exit 2', async () => {
    const run = await runScan(['--project', 'shop-prod', ...endpointsTo(server.url), '--services', 'storage,ec2', '--quiet'], CLAIMS_YAML);
    try {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`unknown service 'ec2' (gcp services: ${serviceNames(gcp).join(', ')})`);
      expect(serviceNames(gcp).slice(0, 5)).toEqual(['storage', 'compute', 'sql', 'iam', 'logging']);
    } finally {
      cleanup(run);
    }
  });
});

const TOKEN = 'dop_v1_' + 'a1b2c3'.repeat(10) + 'cafe';

describe('vouch scan digitalocean --services', () => {
  let server: DoServer;
  const work = mkdtempSync(join(tmpdir(), 'vouch-do-services-'));
  beforeAll(async () => {
    server = await startDoServer(compliantWorld(), { token: TOKEN });
    writeFileSync(join(work, 'claims.yaml'), 'version: 1\nname: t\nparameters: { allowedRegions: [US, EU], adminCidrs: [203.0.113.0/24], bastion: { doTags: [bastion] } }\nclaims:\n  - { id: rest, text: "Data at rest is encrypted.", controls: [enc-rest] }\n  - { id: net, text: "Admin access only through bastions.", controls: [bastion-only] }\n');
  });
  afterAll(async () => server.close());

  it('reads only compute: databases, load balancers and Spaces are left out and said so; a claim on them is unverified', async () => {
    const out = join(work, 'compute');
    const run = await runVouch(['scan', 'digitalocean', '--endpoint', `api=${server.url}`, '--services', 'compute', '--claims', join(work, 'claims.yaml'), '--out', out, '--format', 'json,claims', '--quiet'], { DIGITALOCEAN_TOKEN: TOKEN, CI: 'true' });
    const doc = JSON.parse(readFileSync(join(out, 'evidence.json'), 'utf8')) as EvidenceDocument;
    expect(Object.keys(doc.coverage.calls ?? {}).filter((c) => /^(databases|load_balancers|spaces)\./.test(c))).toEqual([]);
    expect(doc.coverage.excludedServices).toEqual(['digitalocean:load-balancers', 'digitalocean:databases', 'digitalocean:spaces']);
    expect(doc.coverage.notCollected!.filter((n) => n.gap).map((n) => n.rule)).toContain('enc-rest/digitalocean-database');
    const verdicts = new Map(claimVerdicts(doc).verdicts.map((v) => [v.id, v]));
    // Volumes pass, but the databases were never read: at-rest encryption cannot hold.
    expect(doc.findings.some((f) => f.ruleId === 'enc-rest/digitalocean-volume' && f.status === 'pass')).toBe(true);
    expect(verdicts.get('rest')!.verdict).toBe('unverified');
    expect(verdicts.get('rest')!.notCollected).toContain('enc-rest/digitalocean-database');
    // Bastion rules read droplets and firewalls only: all read, so that claim is judged as usual.
    expect(verdicts.get('net')!.verdict).toBe('holds');
    expect(run.code).toBe(3);
  });
});

/**
 * `vouch scan digitalocean` end to end: the CLI, the real client and the
 * real S3 SDK against the local DigitalOcean API (and moto as Spaces),
 * through the fault proxy. A world with one violation per rule and more
 * than 200 droplets and firewalls: every violation found, compliant
 * resources pass. A compliant world under faults: unknown, exit 3, reports
 * written. The token never appears anywhere.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runVouch as runInProcess } from '../helpers/in-process.js';
import type { EvidenceDocument, Finding } from '../../src/findings/evidence.js';
import { startDoServer, type DoServer } from '../cloud/digitalocean/server.js';
import { compliantWorld, violationsWorld, VIOLATIONS, uuid } from '../cloud/digitalocean/world.js';
import { doFaults, onPath } from '../cloud/digitalocean/faults.js';
import { startSpaces, type LocalSpaces } from '../cloud/digitalocean/spaces.js';
import { startFaultProxy, type FaultProxy, type FaultRule } from '../cloud/proxy.js';
import { runVouch } from '../helpers/cli.js';
import { evidenceErrors } from '../helpers/evidence-schema.js';

/** A token shaped like a real personal access token, easy to grep for. */
const TOKEN = 'dop_v1_' + '5ec7e7'.repeat(10) + 'beef';
const work = mkdtempSync(join(tmpdir(), 'vouch-do-'));
let spaces: LocalSpaces;

const CLAIMS = (controls: string[]) => `version: 1
name: do-e2e
parameters:
  tlsMin: "1.2"
  backup: { maxDays: 35, minDays: 14, mode: max }
  allowedRegions: [US, EU]
  adminCidrs: [203.0.113.0/24]
  bastion: { doTags: [bastion] }
claims:
  - id: do
    text: Every DigitalOcean promise.
    controls: [${controls.join(', ')}]
`;
const ALL = ['enc-rest', 'tls-min', 'https-redirect', 'cache-no-backup', 'backup-retention', 'data-residency', 'bastion-only', 'public-access', 'mfa'];
writeFileSync(join(work, 'all.yaml'), CLAIMS(ALL));
writeFileSync(join(work, 'no-mfa.yaml'), CLAIMS(ALL.filter((c) => c !== 'mfa')));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  out: string;
  doc?: EvidenceDocument;
}

let runs = 0;
async function scan(api: string, args: string[] = [], env: Record<string, string | undefined> = {}): Promise<Run> {
  const out = join(work, `run-${++runs}`);
  const vars = { DIGITALOCEAN_TOKEN: TOKEN, SPACES_ACCESS_KEY_ID: spaces.accessKeyId, SPACES_SECRET_ACCESS_KEY: spaces.secretAccessKey, CI: 'true', ...env };
  const { code, stdout, stderr } = await runInProcess(
    ['scan', 'digitalocean', '--endpoint', `api=${api}`, '--endpoint', `spaces=${spaces.url}`, '--out', out, '--format', 'json,md', '--concurrency', '4', ...(args.includes('--claims') ? [] : ['--claims', join(work, 'all.yaml')]), ...args],
    vars,
  );
  let doc: EvidenceDocument | undefined;
  try {
    doc = JSON.parse(readFileSync(join(out, 'evidence.json'), 'utf8'));
  } catch {
    doc = undefined;
  }
  return { code, stdout, stderr, out, doc };
}

/** The same scan as a real `bin/vouch` process (dist/ built by the global setup): what a user's terminal and CI log see. */
async function scanProcess(api: string, args: string[] = []): Promise<Run> {
  const out = join(work, `run-${++runs}`);
  const res = await runVouch(
    ['scan', 'do', '--endpoint', `api=${api}`, '--endpoint', `spaces=${spaces.url}`, '--out', out, '--format', 'json,md', '--concurrency', '4', '--claims', join(work, 'all.yaml'), ...args],
    { env: { DIGITALOCEAN_TOKEN: TOKEN, SPACES_ACCESS_KEY_ID: spaces.accessKeyId, SPACES_SECRET_ACCESS_KEY: spaces.secretAccessKey }, timeoutMs: 90_000 },
  );
  let doc: EvidenceDocument | undefined;
  try {
    doc = JSON.parse(readFileSync(join(out, 'evidence.json'), 'utf8'));
  } catch {
    doc = undefined;
  }
  return { code: res.code ?? -1, stdout: res.stdout, stderr: res.stderr, out, doc };
}

function everythingWritten(run: Run): string {
  let all = run.stdout + run.stderr;
  try {
    for (const f of readdirSync(run.out)) all += readFileSync(join(run.out, f), 'utf8');
  } catch {
    /* nothing written */
  }
  return all;
}

const byRule = (doc: EvidenceDocument, rule: string) => doc.findings.filter((f) => f.ruleId === rule);
const ids = (fs: Finding[]) => [...new Set(fs.map((f) => f.resource.id))].sort();

beforeAll(async () => {
  spaces = await startSpaces([{ name: 'assets-private', region: 'fra1', acl: 'private' }]);
}, 120_000);
afterAll(async () => {
  await spaces?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('Spaces client', () => {
  it('refuses S3 writes before they are sent', async () => {
    const s3 = await import('@aws-sdk/client-s3');
    const { BoundedHttpHandler } = await import('../../src/sources/providers/common/aws-http.js');
    const { spacesClient } = await import('../../src/sources/providers/digitalocean/collectors/spaces.js');
    const c = spacesClient(s3, BoundedHttpHandler, { url: spaces.url, accessKeyId: spaces.accessKeyId, secretAccessKey: spaces.secretAccessKey, pathStyle: true, timeoutMs: 5000 });
    await expect(c.send(new s3.PutBucketAclCommand({ Bucket: 'assets-private', ACL: 'public-read' }))).rejects.toThrow(/read-only: refusing PutBucketAclCommand/);
    await expect(c.send(new s3.DeleteBucketCommand({ Bucket: 'assets-private' }))).rejects.toThrow(/read-only/);
    const acl = await c.send(new s3.GetBucketAclCommand({ Bucket: 'assets-private' }));
    expect(acl.Grants?.some((g) => /AllUsers/.test(g.Grantee?.URI ?? ''))).toBe(false);
    c.destroy();
  });
});

describe('vouch scan digitalocean: a compliant team, then faults', () => {
  let server: DoServer;
  let proxy: FaultProxy;
  beforeAll(async () => {
    server = await startDoServer(compliantWorld(), { token: TOKEN, withCredentials: true });
    proxy = await startFaultProxy(server.url);
    server.publicUrl = proxy.url;
  });
  afterAll(async () => {
    await proxy.close();
    await server.close();
  });

  it('baseline: everything checked passes, exit 0', async () => {
    proxy.setRules([]);
    const run = await scan(proxy.url, ['--claims', join(work, 'no-mfa.yaml')]);
    const notPass = run.doc!.findings.filter((f) => f.status === 'fail' || f.status === 'unknown').map((f) => `${f.ruleId} ${f.resource.id}: ${f.message}`);
    expect(notPass).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.doc!.findings.filter((f) => f.status === 'pass').length).toBeGreaterThan(15);
    expect(run.doc!.coverage.failures).toEqual([]);
  });

  const cases: { name: string; rules: FaultRule[]; args?: string[]; expectUnknown: [string, string][]; failedOp: string }[] = [
    {
      name: 'firewalls throttled beyond the longest wait',
      rules: [doFaults.throttle(onPath(/^\/v2\/firewalls$/), 600)],
      expectUnknown: [['bastion-only/digitalocean-droplet', 'do:droplet:1000'], ['bastion-only/digitalocean-droplet', 'do:droplet:1001']],
      failedOp: 'firewalls.list',
    },
    {
      name: 'database config answers 500',
      rules: [doFaults.serverError(onPath(/^\/v2\/databases\/[^/]+\/config$/))],
      expectUnknown: [['cache-no-backup/digitalocean-database', `do:dbaas:${uuid(6, 'd')}`], ['tls-min/digitalocean-database', `do:dbaas:${uuid(6, 'd')}`]],
      failedOp: 'databases.get_config',
    },
    {
      name: 'database backups forbidden',
      rules: [doFaults.forbidden(onPath(/^\/v2\/databases\/[^/]+\/backups$/))],
      expectUnknown: [['backup-retention/digitalocean-database', `do:dbaas:${uuid(1, 'd')}`]],
      failedOp: 'databases.list_backups',
    },
    {
      name: 'droplet backup policies rate limited',
      rules: [doFaults.throttle(onPath(/^\/v2\/droplets\/backups\/policies$/), 600)],
      expectUnknown: [['backup-retention/digitalocean-droplet', 'do:droplet:1001']],
      failedOp: 'droplets.list_backup_policies',
    },
    {
      name: 'load balancers never answer',
      rules: [doFaults.hang(onPath(/^\/v2\/load_balancers$/))],
      args: ['--request-timeout', '0.3'],
      expectUnknown: [],
      failedOp: 'load_balancers.list',
    },
    {
      name: 'droplet list truncated (fewer items than meta.total)',
      rules: [doFaults.dropLastItem(onPath(/^\/v2\/droplets$/), 'droplets')],
      args: [],
      expectUnknown: [],
      failedOp: 'droplets.list',
    },
  ];
  for (const c of cases) {
    it(`${c.name}: unknown where data is missing, exit 3, report written`, async () => {
      proxy.setRules(c.rules);
      const run = await scan(proxy.url, ['--claims', join(work, 'no-mfa.yaml'), '--max-rate-limit-wait', '2', ...(c.args ?? [])]);
      expect(run.code, run.stderr).toBe(3);
      expect(run.doc, 'evidence.json written').toBeDefined();
      const doc = run.doc!;
      expect(doc.summary.incomplete).toBe(true);
      expect(evidenceErrors(doc)).toEqual([]);
      expect(doc.coverage.failures?.map((f) => f.operation)).toContain(c.failedOp);
      for (const [rule, id] of c.expectUnknown) {
        const got = doc.findings.filter((f) => f.ruleId === rule && f.resource.id === id);
        expect(got.map((f) => f.status), `${rule} ${id}`).toEqual(got.map(() => 'unknown'));
        expect(got.length, `${rule} ${id}`).toBeGreaterThan(0);
      }
      expect(doc.findings.filter((f) => f.status === 'fail')).toEqual([]);
      if (c.failedOp === 'load_balancers.list') expect(doc.findings.filter((f) => f.resource.type === 'digitalocean.load-balancer')).toEqual([]);
      if (c.failedOp === 'droplets.list') expect(doc.findings.filter((f) => f.resource.type === 'digitalocean.droplet')).toEqual([]);
      expect(everythingWritten(run)).not.toContain(TOKEN);
    });
  }

  it('a Spaces bucket policy the key may not read: that bucket is unknown, exit 3', async () => {
    proxy.setRules([]);
    const s3proxy = await startFaultProxy(spaces.url, [
      {
        match: (r) => r.method === 'GET' && /[?&]policy(=|&|$)/.test(r.url),
        fault: { kind: 'respond', status: 403, headers: { 'content-type': 'application/xml' }, body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>tx0001</RequestId></Error>' },
      },
    ]);
    try {
      const run = await scan(proxy.url, ['--claims', join(work, 'no-mfa.yaml'), '--endpoint', `spaces=${s3proxy.url}`]);
      expect(run.code, run.stderr).toBe(3);
      const f = run.doc!.findings.filter((x) => x.ruleId === 'public-access/digitalocean-spaces-bucket');
      expect(f.map((x) => `${x.resource.id}=${x.status}`)).toEqual(['do:space:assets-private=unknown']);
      expect(f[0]!.message).toMatch(/AccessDenied/);
      expect(run.doc!.coverage.failures?.map((x) => x.operation)).toContain('spaces.get_bucket_policy');
      expect(s3proxy.stats.faulted).toBeGreaterThan(0);
    } finally {
      await s3proxy.close();
    }
  });

  it('without a Spaces key the Spaces checks are unknown, not passing', async () => {
    proxy.setRules([]);
    const run = await scan(proxy.url, ['--claims', join(work, 'no-mfa.yaml')], { SPACES_ACCESS_KEY_ID: undefined, SPACES_SECRET_ACCESS_KEY: undefined });
    expect(run.code).toBe(3);
    const spacesFindings = run.doc!.findings.filter((f) => f.resource.type === 'digitalocean.spaces-bucket');
    expect(spacesFindings.map((f) => f.status)).toEqual(['unknown', 'unknown']);
    expect(spacesFindings[0]!.message).toMatch(/SPACES_ACCESS_KEY_ID/);
  });

  it('a missing token is a clear usage error (exit 2); so is an unknown endpoint name', async () => {
    const a = await scan(proxy.url, [], { DIGITALOCEAN_TOKEN: undefined });
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/no DigitalOcean token: set DIGITALOCEAN_TOKEN/);
    proxy.setRules([]);
    const b = await scan(proxy.url, ['--token-env', 'MY_DO_TOKEN', '--claims', join(work, 'no-mfa.yaml')], { MY_DO_TOKEN: TOKEN, DIGITALOCEAN_TOKEN: undefined });
    expect(b.code, b.stderr).toBe(0);
    const wrong = 'dop_v1_' + '0badc0de'.repeat(8);
    const d = await scan(proxy.url, [], { DIGITALOCEAN_TOKEN: wrong });
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/DIGITALOCEAN_TOKEN: the DigitalOcean API refused the token \(401 unauthorized\)/);
    expect(d.stderr + d.stdout).not.toContain(wrong);
    const c = await scan(proxy.url, ['--endpoint', 'storage=http://127.0.0.1:1']);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/unknown endpoint name/);
  });
});

describe('vouch scan digitalocean: one violation per rule, more than 200 droplets and firewalls', () => {
  let server: DoServer;
  let run: Run;
  beforeAll(async () => {
    await spaces.seed([
      { name: 'public-acl', region: 'nyc3', acl: 'public-read' },
      { name: 'public-policy', region: 'ams3', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::public-policy/*' }] } },
      { name: 'backups-sgp', region: 'sgp1', acl: 'private' },
    ]);
    server = await startDoServer(violationsWorld({ fleet: 230 }), { token: TOKEN, withCredentials: true });
    run = await scanProcess(server.url);
  }, 120_000);
  afterAll(() => server.close());

  it('writes an evidence document valid against schema/evidence.schema.json', () => {
    expect(run.stderr).toMatch(/digitalocean: 4\/4 units/);
    expect(evidenceErrors(run.doc)).toEqual([]);
  });

  it('reads every page of every list', () => {
    const urls = server.log.map((x) => x.url);
    expect(urls).toContain('/v2/droplets?page=2&per_page=200');
    expect(urls).toContain('/v2/firewalls?page=2&per_page=200');
    expect(run.doc!.findings.filter((f) => f.ruleId === 'bastion-only/digitalocean-droplet').length).toBe(236);
    expect(run.doc!.findings.filter((f) => f.ruleId === 'bastion-only/digitalocean-firewall').length).toBe(232);
    expect(run.doc!.coverage.calls?.['droplets.list']).toBe(2);
  });

  it('finds every violation and nothing else fails', () => {
    const expected: Record<string, string[]> = {
      ...VIOLATIONS,
      'public-access/digitalocean-spaces-bucket': ['do:space:public-acl', 'do:space:public-policy'],
      'data-residency/digitalocean-resource': [...VIOLATIONS['data-residency/digitalocean-resource']!, 'do:space:backups-sgp'],
    };
    const rules = new Set(run.doc!.findings.filter((f) => f.resource.provider === 'digitalocean').map((f) => f.ruleId));
    for (const [rule, want] of Object.entries(expected)) {
      expect(rules, rule).toContain(rule);
      expect(ids(byRule(run.doc!, rule).filter((f) => f.status === 'fail')), rule).toEqual([...want].sort());
    }
    const unexpected = run.doc!.findings.filter((f) => f.status === 'fail' && !expected[f.ruleId]?.includes(f.resource.id));
    expect(unexpected.map((f) => `${f.ruleId} ${f.resource.id}`)).toEqual([]);
    expect(run.code).toBe(1);
  });

  it('compliant resources pass; only the unverifiable are unknown, with their reason', () => {
    const unknowns = run.doc!.findings.filter((f) => f.status === 'unknown');
    expect(unknowns.map((f) => `${f.ruleId} ${f.resource.id}`).sort()).toEqual([`mfa/digitalocean-team do:team:${uuid(9, 'e')}`, `tls-min/digitalocean-load-balancer do:loadbalancer:${uuid(3, 'b')}`].sort());
    expect(unknowns.find((f) => f.ruleId === 'mfa/digitalocean-team')!.message).toMatch(/^needs attestation:/);
    expect(unknowns.find((f) => f.ruleId.startsWith('tls-min'))!.message).toMatch(/unverifiable by configuration/);
    const passOf = (rule: string, id: string) => byRule(run.doc!, rule).filter((f) => f.resource.id === id).map((f) => f.status);
    expect(passOf('bastion-only/digitalocean-firewall', `do:firewall:${uuid(1, 'f')}`)).toEqual(['pass']);
    expect(passOf('bastion-only/digitalocean-droplet', 'do:droplet:2100')).toEqual(['pass']);
    expect(passOf('https-redirect/digitalocean-load-balancer', `do:loadbalancer:${uuid(1, 'b')}`)).toEqual(['pass']);
    expect(passOf('public-access/digitalocean-database', `do:dbaas:${uuid(1, 'd')}`)).toEqual(['pass']);
    expect(passOf('cache-no-backup/digitalocean-database', `do:dbaas:${uuid(6, 'd')}`)).toEqual(['pass']);
    expect(passOf('backup-retention/digitalocean-database', `do:dbaas:${uuid(1, 'd')}`)).toEqual(['pass']);
    expect(passOf('public-access/digitalocean-spaces-bucket', 'do:space:assets-private')).toEqual(['pass']);
    expect(passOf('enc-rest/digitalocean-volume', `do:volume:${uuid(1, 'c')}`)).toEqual(['pass']);
    expect(passOf('backup-retention/digitalocean-snapshot', 'do:snapshot:6372321')).toEqual(['pass']);
    expect(passOf('data-residency/digitalocean-resource', `do:dbaas:${uuid(1, 'd')}`)).toEqual(['pass']); // replica in ams3
  });

  it('writes neither the token nor database passwords anywhere', () => {
    const all = everythingWritten(run);
    expect(all.length).toBeGreaterThan(10_000);
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(TOKEN.slice(7, 40));
    expect(all).not.toMatch(/AVNS_[0-9a-f]{8}/); // the fixture's database passwords
    expect(all).not.toContain(spaces.secretAccessKey);
  });
});

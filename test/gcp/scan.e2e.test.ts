/**
 * `vouch scan gcp` end to end: the real CLI, the real Storage client and the
 * REST calls, against the local fixture server speaking Google's JSON APIs.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startGcpServer, type GcpFixtureServer } from '../cloud/gcp/server.js';
import { CLAIMS_WITH_MFA_YAML, CLAIMS_YAML, EXPECTED, shopWorld } from './worlds.js';
import { cleanup, endpointsTo, findingsOf, runScan, type ScanRun } from './helpers.js';
import { runVouch } from '../helpers/cli.js';

describe('vouch scan gcp on a world with one violation per rule', () => {
  let server: GcpFixtureServer;
  let run: ScanRun;

  beforeAll(async () => {
    server = await startGcpServer(shopWorld(true));
    run = await runScan(['--organization', '100', ...endpointsTo(server.url), '--concurrency', '4'], CLAIMS_WITH_MFA_YAML);
  });
  afterAll(async () => {
    cleanup(run);
    await server.close();
  });

  it('finds every violation and passes every compliant resource', () => {
    expect(run.code).toBe(1);
    const wrong: string[] = [];
    for (const [rule, name, want] of EXPECTED) {
      const got = findingsOf(run.doc, rule, name);
      if (got.length === 0) wrong.push(`${rule} ${name}: no finding`);
      // A violation needs at least one failing finding (rules with sub-findings judge several settings); anything else must hold for all.
      if (want === 'fail') {
        if (!got.some((f) => f.status === 'fail')) wrong.push(`${rule} ${name}: ${got.map((f) => f.status).join(',')} (want a fail): ${got[0]?.message}`);
      } else for (const f of got) if (f.status !== want) wrong.push(`${rule} ${name}${f.subId ? `[${f.subId}]` : ''}: ${f.status} (want ${want}): ${f.message}`);
    }
    expect(wrong).toEqual([]);
  });

  it('fails nothing that is not a planted violation, and leaves nothing unknown but the attestation', () => {
    const planted = new Set(EXPECTED.filter((e) => e[2] === 'fail').map((e) => `${e[0]} ${e[1]}`));
    const unexpected = run.doc.findings.filter((f) => f.status === 'fail' && !planted.has(`${f.ruleId} ${f.resource.name}`)).map((f) => `${f.ruleId} ${f.resource.name}: ${f.message}`);
    // The prevention rule also flags shop-public (inherited prevention): a second, real violation.
    expect(unexpected).toEqual(['public-access/gcp-storage-bucket-prevention shop-public: public access prevention is inherited, not enforced on the bucket']);
    const unknowns = run.doc.findings.filter((f) => f.status === 'unknown');
    expect(unknowns.map((f) => `${f.ruleId} ${f.resource.name}`)).toEqual(['mfa/gcp-organization organizations/100']);
    expect(unknowns[0]!.message.startsWith('needs attestation:')).toBe(true);
  });

  it('enumerates the active projects under the organization and its folders', () => {
    expect(run.doc.coverage.accounts?.gcp).toEqual(['legacy-lab', 'shop-prod']);
    expect(run.doc.run.inputs).toEqual(expect.arrayContaining(['gcp:projects/shop-prod', 'gcp:projects/legacy-lab']));
    expect(run.doc.coverage.failures).toEqual([]);
    expect(run.doc.run.command).toBe('scan gcp --organization 100');
  });

  it('--folder scans only the projects under that folder (sub-folders included)', async () => {
    const sub = await runScan(['--folder', '200', ...endpointsTo(server.url), '--quiet'], CLAIMS_YAML);
    try {
      expect(sub.doc.coverage.accounts?.gcp).toEqual(['shop-prod']);
    } finally {
      cleanup(sub);
    }
  });

  it('records calls per operation, uses aggregated lists and asks for IAM policy version 3', () => {
    const calls = run.doc.coverage.calls!;
    expect(calls['compute.instances.aggregatedList']).toBe(2);
    expect(calls['storage.buckets.getIamPolicy']).toBe(7);
    expect(calls['cloudresourcemanager.projects.getIamPolicy']).toBe(2);
    // Hierarchical policies: once per organization/folder for the whole scan (2 projects share the organization); network policies once per project.
    expect(calls['compute.firewallPolicies.list']).toBe(2);
    expect(calls['compute.networkFirewallPolicies.list']).toBe(2);
    // The server answers 400 to a policy request below v3 when a binding has a condition; none failed.
    expect(server.calls.get('cloudresourcemanager.folders.getIamPolicy')).toBeGreaterThanOrEqual(1);
    expect(server.writes).toEqual([]);
  });

  it('keeps raw material and location on live resources', () => {
    const f = findingsOf(run.doc, 'data-residency/gcp-location', 'shop-london')[0]!;
    expect(f.resource).toMatchObject({ provider: 'gcp', source: 'live', account: 'shop-prod', region: 'EUROPE-WEST2', type: 'gcp.storage.bucket' });
    expect(f.resource.id).toBe('//storage.googleapis.com/projects/_/buckets/shop-london');
    const proxy = findingsOf(run.doc, 'tls-min/gcp-target-proxy', 'tcp-ssl')[0]!;
    expect(proxy.evidence.map((e) => e.path)).toContain('legacy-10.minTlsVersion');
    // Instance → firewall rules resolved by network and target: the open SSH rules reach app-public (no target tags).
    const vm = findingsOf(run.doc, 'bastion-only/gcp-compute-instance', 'app-public')[0]!;
    expect(vm.evidence.find((e) => e.path === 'firewalls')?.observed).toEqual(['allow-ssh-world', 'allow-rdp-v6']);
  });

  it('judges firewall policies where they live: the folder policy names its rule priority and source', () => {
    const f = findingsOf(run.doc, 'bastion-only/gcp-firewall-policy', 'prod-break-glass')[0]!;
    expect(f.resource).toMatchObject({ provider: 'gcp', source: 'live', account: 'folders/200', type: 'gcp.compute.firewall-policy' });
    expect(f.resource.id).toMatch(/^\/\/compute\.googleapis\.com\/locations\/global\/firewallPolicies\/\d+$/);
    expect(f.message).toBe('firewall policy prod-break-glass: priority 500 allows 22 from 0.0.0.0/0');
    expect(f.evidence[0]).toMatchObject({ path: 'rules[priority=500].match.srcIpRanges', observed: ['0.0.0.0/0'] });
    const net = findingsOf(run.doc, 'bastion-only/gcp-firewall-policy', 'shop-vpc-policy')[0]!;
    expect(net.resource).toMatchObject({ account: 'shop-prod', id: '//compute.googleapis.com/projects/shop-prod/global/firewallPolicies/shop-vpc-policy' });
    // The regional network policies are still not collected, and the report says so.
    expect(run.doc.coverage.notCollected?.map((n) => n.what)).toContain('compute.regionNetworkFirewallPolicies (regional network firewall policies)');
  });
});

describe('vouch scan gcp on a compliant world', () => {
  it('passes with exit 0 and writes the report', async () => {
    const server = await startGcpServer(shopWorld(false));
    const run = await runScan(['--project', 'shop-prod', ...endpointsTo(server.url)], CLAIMS_YAML);
    try {
      expect(run.doc.findings.filter((f) => f.status !== 'pass' && f.status !== 'not-applicable').map((f) => `${f.ruleId} ${f.resource.name}: ${f.message}`)).toEqual([]);
      expect(run.code).toBe(0);
      expect(run.doc.findings.length).toBeGreaterThan(30);
    } finally {
      cleanup(run);
      await server.close();
    }
  });
});

describe('vouch scan gcp with nothing to scan', () => {
  it('an organization without active projects is incomplete (exit 3), not clean', async () => {
    const server = await startGcpServer({ organizations: [{ id: '900' }], projects: [{ id: 'gone-project', parent: 'organizations/900', state: 'DELETE_REQUESTED' }] });
    const run = await runScan(['--organization', '900', ...endpointsTo(server.url), '--quiet'], CLAIMS_YAML);
    try {
      expect(run.code).toBe(3);
      expect(run.doc.coverage.failures).toEqual([expect.objectContaining({ code: 'NO_PROJECTS' })]);
    } finally {
      cleanup(run);
      await server.close();
    }
  });
});

describe('vouch scan gcp flags', () => {
  it('rejects bad input with a one-line error and exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [[], /name --project/],
      [['--project', 'Bad_Project'], /not a project id/],
      [['--organization', 'acme'], /not a numeric organization id/],
      [['--project', 'shop-prod', '--endpoint', 'bogus=http://127.0.0.1:1'], /API one of/],
      [['--project', 'shop-prod', '--endpoint', 'storage=http://storage.example.com'], /plain http is only allowed to a loopback/],
      [['--project', 'shop-prod', '--endpoint', 'storage=http://user:pw@127.0.0.1:1'], /credentials in the URL/],
    ];
    for (const [args, re] of cases) {
      const run = await runScan(args, CLAIMS_YAML);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(re);
      expect(run.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
      cleanup(run);
    }
  });

  it('--help says where credentials come from, what a proxy changes, and the exit codes', async () => {
    const run = await runVouch(['scan', 'gcp', '--help']);
    expect(run.code).toBe(0);
    for (const re of [/Application Default Credentials/, /GOOGLE_APPLICATION_CREDENTIALS/, /HTTPS_PROXY/, /2 bad input or no credentials/, /roles\/iam\.securityReviewer/])
      expect(run.stdout, String(re)).toMatch(re);
  });
});

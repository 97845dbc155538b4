/**
 * `vouch scan gcp --benchmark cis-gcp` against the local fixture server
 * speaking Google's JSON APIs, on the GCP end-to-end world (one violation
 * per rule): the CIS controls over what the collectors read get verdicts.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startGcpServer, type GcpFixtureServer } from '../cloud/gcp/server.js';
import { CLAIMS_YAML, shopWorld } from '../gcp/worlds.js';
import { cleanup, endpointsTo, runScan, type ScanRun } from '../gcp/helpers.js';

let server: GcpFixtureServer;
let run: ScanRun;

beforeAll(async () => {
  server = await startGcpServer(shopWorld(true));
  run = await runScan(['--organization', '100', ...endpointsTo(server.url), '--concurrency', '4', '--benchmark', 'cis-gcp', '--quiet'], CLAIMS_YAML);
});
afterAll(async () => {
  cleanup(run);
  await server.close();
});

describe('CIS GCP on the fixture cloud', () => {
  it('writes a cis-gcp section judged from the scan', () => {
    expect(run.code).toBe(1);
    const cis = run.doc.benchmarks!.find((b) => b.id === 'cis-gcp')!;
    const v = (id: string) => cis.controls.find((c) => c.id === id)!.verdict;
    // Planted: SSH and RDP open to the internet, a public bucket, a bucket without uniform access,
    // a Cloud SQL instance with a public IP accepting plain connections, a legacy SSL policy.
    expect(['3.6', '3.7', '5.1', '5.2', '6.4', '6.6', '3.9'].map((id) => `${id} ${v(id)}`)).toEqual(['3.6 fail', '3.7 fail', '5.1 fail', '5.2 fail', '6.4 fail', '6.6 fail', '3.9 fail']);
    // The world's VMs are plain (no Shielded VM settings) and PostgreSQL runs on default flags.
    expect(v('4.8')).toBe('fail');
    expect(v('6.2.2')).toBe('fail');
    // No MySQL or SQL Server instance: their flags were not checked.
    expect(v('6.1.2')).toBe('not-checked');
    expect(v('6.3.5')).toBe('not-checked');
    expect(v('1.3')).toBe('manual');
    // No Dataproc cluster and no BigQuery table in this world: their controls were not checked.
    expect(v('1.17')).toBe('not-checked');
    expect(v('7.2')).toBe('not-checked');
    // Every automated CIS GCP control has a rule.
    expect(cis.counts['not-covered']).toBe(0);
  });

  it('the PostgreSQL flag findings name the flag and the instance', () => {
    const f = run.doc.findings.filter((x) => x.ruleId === 'platform-hardening/gcp-sql-database-flags' && x.subId === 'log_connections');
    expect(f.map((x) => `${x.resource.name} ${x.status}`)).toEqual(['orders-db fail']);
    expect(f[0]!.evidence[0]!.note).toBe('not set: the engine default is off');
  });
});

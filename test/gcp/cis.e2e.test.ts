/**
 * `vouch scan gcp --benchmark cis-gcp` on the CIS world (test/gcp/cis-world.ts):
 * each control judged on the collections added for the benchmark finds its
 * planted violation and passes its compliant example.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { CLAIMS_YAML } from './worlds.js';
import { cisWorld } from './cis-world.js';
import { cleanup, endpointsTo, fixtureCloud, runScan, type ScanRun } from './helpers.js';
import type { FaultRule } from '../cloud/proxy.js';
import { op, permissionDenied, unavailable } from '../cloud/gcp/faults.js';
import type { Finding } from '../../src/findings/evidence.js';

const FAST = { VOUCH_GCP_RETRY_BASE_MS: '5', VOUCH_GCP_TIMEOUT_MS: '1500', CI: 'true' };
const cloud = fixtureCloud(() => cisWorld());
let run: ScanRun;

/** Fault scans use short timeouts; the clean scan keeps the defaults, so a slow machine causes no retry. */
function scan(rules: FaultRule[] = []): Promise<ScanRun> {
  cloud.proxy.setRules(rules);
  return runScan(['--organization', '100', ...endpointsTo(cloud.proxy.url), '--concurrency', '4', '--benchmark', 'cis-gcp', '--quiet'], CLAIMS_YAML, rules.length ? FAST : {});
}

beforeAll(async () => {
  run = await scan();
});
afterAll(() => cleanup(run));

const statuses = (fs: Finding[]) => fs.map((f) => `${f.resource.name}${f.subId ? `[${f.subId}]` : ''} ${f.status}`).sort();
const of = (ruleId: string, subId?: string) => run.doc.findings.filter((f) => f.ruleId === ruleId && (subId === undefined || f.subId === subId));

describe('CIS GCP controls added for the benchmark, on the fixture cloud', () => {
  it('judges each planted control as failed', () => {
    const cis = run.doc.benchmarks!.find((b) => b.id === 'cis-gcp')!;
    const v = (id: string) => `${id} ${cis.controls.find((c) => c.id === id)!.verdict}`;
    const ids = ['1.1', '1.16', '1.6', '1.8', '1.9', '1.10', '1.11', '1.13', '1.14', '1.15', '2.3', '2.5', '2.6', '2.7', '2.9', '2.10', '2.12', '2.13', '2.15', '2.16', '3.1', '3.2', '3.3', '3.4', '3.5', '3.8', '4.4', '7.1', '7.3', '1.17', '7.2'];
    expect(ids.map(v)).toEqual(ids.map((id) => `${id} fail`));
  });

  it('IAM: names the member and role on cis-lab only', () => {
    expect(statuses(of('iam-least-privilege/gcp-personal-accounts')).filter((s) => !s.endsWith(' pass'))).toEqual(['cis-lab[roles/viewer:user:lab.helper@gmail.com] fail']);
    expect(statuses(of('iam-least-privilege/gcp-service-account-impersonation')).filter((s) => !s.endsWith(' pass'))).toEqual(['cis-lab[roles/iam.serviceAccountUser:user:dev@example.com] fail']);
    expect(statuses(of('iam-least-privilege/gcp-separation-of-duties')).filter((s) => s.startsWith('cis-lab'))).toEqual(['cis-lab[kms] fail', 'cis-lab[service-accounts] fail']);
    expect(statuses(of('iam-least-privilege/gcp-separation-of-duties')).filter((s) => s.startsWith('shop-prod'))).toEqual(['shop-prod[kms] pass', 'shop-prod[service-accounts] pass']);
  });

  it('networks, subnets, backend services and project metadata: violations fail, compliant ones pass', () => {
    expect(statuses(of('platform-hardening/gcp-compute-network', 'default-network'))).toEqual(['default[default-network] fail', 'lab-vpc[default-network] pass', 'old-flat[default-network] pass']);
    expect(statuses(of('platform-hardening/gcp-compute-network', 'legacy'))).toEqual(['default[legacy] pass', 'lab-vpc[legacy] pass', 'old-flat[legacy] fail']);
    expect(statuses(of('audit-logging/gcp-compute-subnetwork', 'flow-logs'))).toEqual(['lab-full[flow-logs] pass', 'lab-nolog[flow-logs] fail', 'lab-proxy[flow-logs] not-applicable']);
    expect(statuses(of('audit-logging/gcp-compute-backend-service'))).toEqual(['lab-api pass', 'lab-web fail']);
    expect(statuses(of('audit-logging/gcp-compute-network-dns-logging'))).toEqual(['default fail', 'lab-vpc pass', 'old-flat fail']);
    // Projects without OS Login set fail too: the shop world's projects never set it.
    expect(statuses(of('platform-hardening/gcp-compute-project'))).toEqual(['cis-lab[os-login] fail', 'legacy-lab[os-login] fail', 'shop-prod[os-login] fail']);
  });

  it('log-based alerting: each kind of change judged on the metric filter and the alert on it', () => {
    expect(statuses(of('platform-hardening/gcp-log-metric-alerts')).filter((s) => s.startsWith('cis-lab'))).toEqual([
      'cis-lab[audit-config] fail',
      'cis-lab[custom-roles] fail',
      'cis-lab[firewall-rules] pass',
      'cis-lab[networks] fail',
      'cis-lab[project-ownership] pass',
      // Counted (the filter relies on OR binding tighter than AND) but no alert policy watches it.
      'cis-lab[routes] fail',
      'cis-lab[sql-config] pass',
      'cis-lab[storage-iam] fail',
    ]);
    expect(of('platform-hardening/gcp-log-metric-alerts', 'routes').find((f) => f.resource.name === 'cis-lab')!.message).toMatch(/counted \(route-changes\) but no enabled alert policy/);
  });

  it('project settings: Cloud Asset Inventory and Access Approval', () => {
    expect(statuses(of('platform-hardening/gcp-project-settings'))).toEqual([
      'cis-lab[access-approval] fail',
      'cis-lab[asset-inventory] fail',
      'cis-lab[essential-contacts] fail',
      'legacy-lab[access-approval] fail',
      'legacy-lab[asset-inventory] fail',
      'legacy-lab[essential-contacts] fail',
      'shop-prod[access-approval] pass',
      'shop-prod[asset-inventory] pass',
      // The organization's contacts (inherited) and the project's own together cover every category.
      'shop-prod[essential-contacts] pass',
    ]);
    expect(of('platform-hardening/gcp-project-settings', 'essential-contacts').find((f) => f.resource.name === 'cis-lab')!.message).toBe('no essential contact for LEGAL, SUSPENSION');
    expect(JSON.stringify(run.doc)).not.toMatch(/legal@example\.com/);
  });

  it('log export buckets: the unlocked one fails, the locked one passes, a bucket outside the scan is unknown', () => {
    // shop-prod exports to shop-audit-archive, which no scanned project holds.
    expect(statuses(of('platform-hardening/gcp-log-sink-bucket-lock'))).toEqual(['audit-export unknown', 'errors not-applicable', 'to-locked pass', 'to-unlocked fail']);
  });

  it('KMS, DNS, BigQuery and API keys: violations fail, compliant ones pass', () => {
    expect(statuses(of('public-access/gcp-kms-crypto-key'))).toEqual(['good-key pass', 'public-key fail', 'sign-key pass', 'stale-key pass']);
    expect(statuses(of('enc-rest/gcp-kms-crypto-key'))).toEqual(['good-key pass', 'public-key pass', 'sign-key not-applicable', 'stale-key fail']);
    expect(statuses(of('platform-hardening/gcp-dns-managed-zone', 'dnssec'))).toEqual(['lab-private[dnssec] not-applicable', 'lab-sha1[dnssec] pass', 'lab-signed[dnssec] pass', 'lab-unsigned[dnssec] fail']);
    expect(statuses(of('platform-hardening/gcp-dns-managed-zone', 'ksk-algorithm'))).toEqual(['lab-private[ksk-algorithm] not-applicable', 'lab-sha1[ksk-algorithm] fail', 'lab-signed[ksk-algorithm] pass', 'lab-unsigned[ksk-algorithm] not-applicable']);
    expect(statuses(of('public-access/gcp-bigquery-dataset'))).toEqual(['lab_private pass', 'lab_public[READER:allAuthenticatedUsers] fail']);
    expect(statuses(of('platform-hardening/gcp-bigquery-dataset'))).toEqual(['lab_private[default-cmek] pass', 'lab_public[default-cmek] fail']);
    expect(statuses(of('platform-hardening/gcp-api-key'))).toEqual([
      'legacy-key[api-restrictions] fail',
      'legacy-key[application-restrictions] fail',
      'legacy-key[rotation] fail',
      'maps-key[api-restrictions] pass',
      'maps-key[application-restrictions] pass',
      'maps-key[rotation] pass',
    ]);
  });

  it('Dataproc clusters and BigQuery tables: Google-managed keys fail, customer-managed keys pass, views are not applicable', () => {
    expect(statuses(of('platform-hardening/gcp-dataproc-cluster'))).toEqual(['lab-etl fail', 'lab-secure pass']);
    expect(statuses(of('platform-hardening/gcp-bigquery-table'))).toEqual(['lab_private.orders pass', 'lab_public.events fail', 'lab_public.events_view not-applicable']);
    const etl = of('platform-hardening/gcp-dataproc-cluster').find((f) => f.resource.name === 'lab-etl')!;
    expect(etl.resource.region).toBe('europe-west1');
  });

  it('reads table metadata only: no row is asked for, no row or column name reaches the report', () => {
    expect(cloud.server.calls.get('bigquery.tabledata.list')).toBeUndefined();
    const doc = JSON.stringify(run.doc);
    expect(doc).not.toMatch(/alice@example\.com/);
    expect(doc).not.toMatch(/"email"/);
  });

  it('never asks for an API key string, and no key string reaches the report', () => {
    expect(cloud.server.calls.get('apikeys.keys.getKeyString')).toBeUndefined();
    expect(JSON.stringify(run.doc)).not.toMatch(/AIzaSyFIXTURE/);
  });

  it('reads each new collection once per project (KMS once per location), and nothing failed', () => {
    const calls = run.doc.coverage.calls!;
    for (const op of ['compute.networks.list', 'compute.subnetworks.aggregatedList', 'compute.backendServices.aggregatedList', 'compute.projects.get', 'logging.metrics.list', 'monitoring.alertPolicies.list', 'cloudkms.locations.list', 'dns.managedZones.list', 'dns.policies.list', 'bigquery.datasets.list', 'apikeys.keys.list', 'serviceusage.services.get', 'accessapproval.projects.getAccessApprovalSettings', 'essentialcontacts.contacts.compute']) expect(calls[op], op).toBe(3);
    expect(calls['cloudkms.keyRings.list']).toBe(9);
    expect(calls['cloudkms.cryptoKeys.getIamPolicy']).toBe(4);
    expect(calls['bigquery.datasets.get']).toBe(2);
    // Dataproc: the project's regions once, then one cluster list per region (3 fixture regions × 3 projects).
    expect(calls['compute.regions.list']).toBe(3);
    expect(calls['dataproc.clusters.list']).toBe(9);
    // BigQuery tables: one list per dataset, one get per table with storage (the view is not read).
    expect(calls['bigquery.tables.list']).toBe(2);
    expect(calls['bigquery.tables.get']).toBe(2);
    expect(run.doc.coverage.failures).toEqual([]);
    expect(cloud.server.writes).toEqual([]);
  });
});

describe('CIS GCP collections that fail to read', () => {
  /** A failed read: the rules on it answer unknown for the project, with the error; nothing of that project passes. */
  const CASES: { name: string; rules: FaultRule[]; operation: string; code: string; ruleIds: string[] }[] = [
    {
      name: '403 on the network list',
      rules: [{ match: op('compute.networks.list', 'cis-lab'), fault: permissionDenied('compute.networks.list', 'projects/cis-lab') }],
      operation: 'compute.networks.list',
      code: 'PERMISSION_DENIED',
      ruleIds: ['platform-hardening/gcp-compute-network'],
    },
    {
      name: '503 on the project metadata and the subnet list',
      rules: [
        { match: op('compute.projects.get', 'cis-lab'), fault: unavailable() },
        { match: op('compute.subnetworks.aggregatedList', 'cis-lab'), fault: unavailable() },
      ],
      operation: 'compute.projects.get',
      code: 'UNAVAILABLE',
      ruleIds: ['platform-hardening/gcp-compute-project', 'audit-logging/gcp-compute-subnetwork'],
    },
    {
      name: '403 on the KMS key ring lists',
      rules: [{ match: op('cloudkms.keyRings.list', 'cis-lab'), fault: permissionDenied('cloudkms.keyRings.list', 'projects/cis-lab/locations/europe') }],
      operation: 'cloudkms.keyRings.list',
      code: 'PERMISSION_DENIED',
      ruleIds: ['enc-rest/gcp-kms-crypto-key', 'public-access/gcp-kms-crypto-key'],
    },
    {
      name: '403 on the key IAM policies',
      rules: [{ match: op('cloudkms.cryptoKeys.getIamPolicy', 'cis-lab'), fault: permissionDenied('cloudkms.cryptoKeys.getIamPolicy', 'projects/cis-lab') }],
      operation: 'cloudkms.cryptoKeys.getIamPolicy',
      code: 'PERMISSION_DENIED',
      ruleIds: ['public-access/gcp-kms-crypto-key'],
    },
    {
      name: '403 on each dataset get',
      rules: [{ match: op('bigquery.datasets.get', 'cis-lab'), fault: permissionDenied('bigquery.datasets.get', 'projects/cis-lab') }],
      operation: 'bigquery.datasets.get',
      code: 'PERMISSION_DENIED',
      ruleIds: ['public-access/gcp-bigquery-dataset', 'platform-hardening/gcp-bigquery-dataset'],
    },
    {
      name: '403 on the Compute region list: Dataproc clusters are unknown for that project',
      rules: [{ match: op('compute.regions.list', 'cis-lab'), fault: permissionDenied('compute.regions.list', 'projects/cis-lab') }],
      operation: 'compute.regions.list',
      code: 'PERMISSION_DENIED',
      ruleIds: ['platform-hardening/gcp-dataproc-cluster'],
    },
    {
      name: '403 on the Dataproc cluster lists',
      rules: [{ match: op('dataproc.clusters.list', 'cis-lab'), fault: permissionDenied('dataproc.clusters.list', 'projects/cis-lab/regions/europe-west1') }],
      operation: 'dataproc.clusters.list',
      code: 'PERMISSION_DENIED',
      ruleIds: ['platform-hardening/gcp-dataproc-cluster'],
    },
    {
      name: '503 on the table lists',
      rules: [{ match: op('bigquery.tables.list', 'cis-lab'), fault: unavailable() }],
      operation: 'bigquery.tables.list',
      code: 'UNAVAILABLE',
      ruleIds: ['platform-hardening/gcp-bigquery-table'],
    },
    {
      name: '503 on the DNS zone and API key lists',
      rules: [
        { match: op('dns.managedZones.list', 'cis-lab'), fault: unavailable() },
        { match: op('apikeys.keys.list', 'cis-lab'), fault: unavailable() },
      ],
      operation: 'dns.managedZones.list',
      code: 'UNAVAILABLE',
      ruleIds: ['platform-hardening/gcp-dns-managed-zone', 'platform-hardening/gcp-api-key'],
    },
    {
      name: '403 on the DNS policy list',
      rules: [{ match: op('dns.policies.list', 'cis-lab'), fault: permissionDenied('dns.policies.list', 'projects/cis-lab') }],
      operation: 'dns.policies.list',
      code: 'PERMISSION_DENIED',
      ruleIds: ['audit-logging/gcp-compute-network-dns-logging'],
    },
  ];
  it('503 on the alert policies: kinds a metric counts are unknown (the alert could not be read), the rest still fail', async () => {
    const r = await scan([{ match: op('monitoring.alertPolicies.list', 'cis-lab'), fault: unavailable() }]);
    try {
      expect(statuses(r.doc.findings.filter((f) => f.ruleId === 'platform-hardening/gcp-log-metric-alerts' && f.resource.name === 'cis-lab'))).toEqual([
        'cis-lab[audit-config] fail',
        'cis-lab[custom-roles] fail',
        'cis-lab[firewall-rules] unknown',
        'cis-lab[networks] fail',
        'cis-lab[project-ownership] unknown',
        'cis-lab[routes] unknown',
        'cis-lab[sql-config] unknown',
        'cis-lab[storage-iam] fail',
      ]);
    } finally {
      cleanup(r);
    }
  });

  it('403 on the Service Usage read: Cloud Asset Inventory is unknown for that project, Access Approval still judged', async () => {
    const r = await scan([{ match: op('serviceusage.services.get', 'cis-lab'), fault: permissionDenied('serviceusage.services.get', 'projects/cis-lab') }]);
    try {
      expect(statuses(r.doc.findings.filter((f) => f.ruleId === 'platform-hardening/gcp-project-settings' && f.resource.name === 'cis-lab'))).toEqual(['cis-lab[access-approval] fail', 'cis-lab[asset-inventory] unknown', 'cis-lab[essential-contacts] fail']);
    } finally {
      cleanup(r);
    }
  });

  it('403 on each table get: every table with storage is unknown (never pass), the view needs no get', async () => {
    const r = await scan([{ match: op('bigquery.tables.get', 'cis-lab'), fault: permissionDenied('bigquery.tables.get', 'projects/cis-lab') }]);
    try {
      expect((r.doc.coverage.failures ?? []).find((f) => f.operation === 'bigquery.tables.get')?.code).toBe('PERMISSION_DENIED');
      const lab = r.doc.findings.filter((f) => f.ruleId === 'platform-hardening/gcp-bigquery-table' && f.resource.account === 'cis-lab');
      expect(statuses(lab)).toEqual(['lab_private.orders unknown', 'lab_public.events unknown', 'lab_public.events_view not-applicable']);
      expect(lab.find((f) => f.status === 'unknown')!.message).toMatch(/PERMISSION_DENIED/);
    } finally {
      cleanup(r);
    }
  });

  it('403 on the log-based metrics: every kind of change is unknown for that project', async () => {
    const r = await scan([{ match: op('logging.metrics.list', 'cis-lab'), fault: permissionDenied('logging.logMetrics.list', 'projects/cis-lab') }]);
    try {
      const lab = r.doc.findings.filter((f) => f.ruleId === 'platform-hardening/gcp-log-metric-alerts' && f.resource.name === 'cis-lab');
      expect(lab.map((f) => f.status)).toEqual(Array(8).fill('unknown'));
      expect(lab[0]!.message).toMatch(/PERMISSION_DENIED/);
    } finally {
      cleanup(r);
    }
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const r = await scan(c.rules);
      try {
        const failure = (r.doc.coverage.failures ?? []).find((f) => f.operation === c.operation);
        expect(failure?.code, JSON.stringify(r.doc.coverage.failures)).toBe(c.code);
        for (const id of c.ruleIds) {
          const lab = r.doc.findings.filter((f) => f.ruleId === id && f.resource.account === 'cis-lab');
          expect(lab.length, id).toBeGreaterThan(0);
          expect(lab.map((f) => f.status).filter((s) => s !== 'unknown'), id).toEqual([]);
          // The other projects are still read and judged (every project has compute metadata).
          if (id === 'platform-hardening/gcp-compute-project') expect(r.doc.findings.filter((f) => f.ruleId === id && f.resource.account === 'shop-prod').map((f) => f.status)).toEqual(['fail']);
        }
      } finally {
        cleanup(r);
      }
    });
  }
});

describe('API key strings', () => {
  it('the guard refuses getKeyString (plain and percent-encoded) before anything is sent', async () => {
    const { GcpContext } = await import('../../src/sources/providers/gcp/collectors/context.js');
    const { GCP_APIS, parseEndpoints, assertReadOnly, ReadOnlyViolation } = await import('../../src/sources/providers/gcp/collectors/transport.js');
    const { restGet } = await import('../../src/sources/providers/gcp/collectors/rest.js');
    const base = new URL('https://apikeys.googleapis.com');
    expect(() => assertReadOnly('apikeys', base, 'GET', 'https://apikeys.googleapis.com/v2/projects/1/locations/global/keys/k/keyString')).toThrow(ReadOnlyViolation);
    expect(() => assertReadOnly('apikeys', base, 'GET', 'https://apikeys.googleapis.com/v2/projects/1/locations/global/keys/k%2FkeyString')).toThrow(ReadOnlyViolation);
    expect(() => assertReadOnly('apikeys', base, 'GET', 'https://apikeys.googleapis.com/v2/projects/1/locations/global/keys')).not.toThrow();
    const ctx = await GcpContext.create({ endpoints: parseEndpoints(GCP_APIS.map((a) => `${a}=${cloud.server.url}`)), concurrency: 2, maxAttempts: 1 });
    try {
      const before = cloud.server.requests;
      await expect(restGet(ctx, 'apikeys', 'apikeys.keys.getKeyString', 'cis-lab', '/v2/projects/cis-lab/locations/global/keys/k-old/keyString')).rejects.toThrow(/getKeyString/);
      expect(cloud.server.requests).toBe(before);
      expect(cloud.server.calls.get('apikeys.keys.getKeyString')).toBeUndefined();
    } finally {
      ctx.http.close();
    }
  });
});

describe('Dataproc and BigQuery tables: pagination', () => {
  it('follows every page of regions, clusters, tables; one tables.get per table with storage', async () => {
    const { startGcpServer } = await import('../cloud/gcp/server.js');
    const { GcpContext } = await import('../../src/sources/providers/gcp/collectors/context.js');
    const { GCP_APIS, parseEndpoints } = await import('../../src/sources/providers/gcp/collectors/transport.js');
    const { collectDataprocClusters } = await import('../../src/sources/providers/gcp/collectors/dataproc.js');
    const { collectDatasets } = await import('../../src/sources/providers/gcp/collectors/bigquery.js');
    const regions = ['asia-east1', 'europe-west1', 'europe-west4', 'us-central1', 'us-east1', 'us-west1', 'southamerica-east1'];
    const server = await startGcpServer({
      projects: [
        {
          id: 'pg',
          regions,
          dataprocClusters: [...Array.from({ length: 5 }, (_, i) => ({ clusterName: `c${i}`, region: 'europe-west1', config: {} })), { clusterName: 'us', region: 'us-east1', config: {} }],
          datasets: [{ datasetId: 'ds', tables: [...Array.from({ length: 5 }, (_, i) => ({ tableId: `t${i}` })), { tableId: 'v', type: 'VIEW' }] }],
        },
      ],
    });
    const ctx = await GcpContext.create({ endpoints: parseEndpoints(GCP_APIS.map((a) => `${a}=${server.url}`)), concurrency: 2, maxAttempts: 1 });
    try {
      const clusters = await collectDataprocClusters(ctx, 'pg', 2, 3);
      expect(clusters.map((c) => `${c.location.region}/${c.name}`).sort()).toEqual(['europe-west1/c0', 'europe-west1/c1', 'europe-west1/c2', 'europe-west1/c3', 'europe-west1/c4', 'us-east1/us']);
      const bq = await collectDatasets(ctx, 'pg', 2);
      expect(bq.filter((r) => r.type === 'gcp.bigquery.table').map((r) => r.name).sort()).toEqual(['ds.t0', 'ds.t1', 'ds.t2', 'ds.t3', 'ds.t4', 'ds.v']);
      expect(bq.every((r) => !r.gaps)).toBe(true);
      // 7 regions in pages of 3; europe-west1's 5 clusters in pages of 2, one page for each other region; 6 tables in pages of 2.
      expect(Object.fromEntries(['compute.regions.list', 'dataproc.clusters.list', 'bigquery.tables.list', 'bigquery.tables.get'].map((o) => [o, server.calls.get(o)]))).toEqual({
        'compute.regions.list': 3,
        'dataproc.clusters.list': 3 + 6,
        'bigquery.tables.list': 3,
        'bigquery.tables.get': 5,
      });
      expect(ctx.coverage.snapshot().failures ?? []).toEqual([]);
    } finally {
      ctx.http.close();
      await server.close();
    }
  });
});

describe('BigQuery table rows', () => {
  it('the guard refuses tabledata.list and getQueryResults (plain and percent-encoded) before anything is sent', async () => {
    const { GcpContext } = await import('../../src/sources/providers/gcp/collectors/context.js');
    const { GCP_APIS, parseEndpoints, assertReadOnly, ReadOnlyViolation } = await import('../../src/sources/providers/gcp/collectors/transport.js');
    const { restGet, restList } = await import('../../src/sources/providers/gcp/collectors/rest.js');
    const base = new URL('https://bigquery.googleapis.com');
    const at = (path: string) => `https://bigquery.googleapis.com/bigquery/v2/projects/p/${path}`;
    expect(() => assertReadOnly('bigquery', base, 'GET', at('datasets/d/tables/t/data'))).toThrow(ReadOnlyViolation);
    expect(() => assertReadOnly('bigquery', base, 'GET', at('datasets/d/tables/t/data?maxResults=10'))).toThrow(/tabledata\.list/);
    expect(() => assertReadOnly('bigquery', base, 'GET', at('datasets/d/tables/t%2Fdata'))).toThrow(ReadOnlyViolation);
    expect(() => assertReadOnly('bigquery', base, 'GET', at('queries/job_1?location=US'))).toThrow(/getQueryResults/);
    expect(() => assertReadOnly('bigquery', base, 'GET', at('datasets/d/tables/t'))).not.toThrow();
    expect(() => assertReadOnly('bigquery', base, 'GET', at('datasets/d/tables'))).not.toThrow();
    // A table named `data` is metadata, not rows.
    expect(() => assertReadOnly('bigquery', base, 'GET', at('datasets/d/tables/data'))).not.toThrow();
    const ctx = await GcpContext.create({ endpoints: parseEndpoints(GCP_APIS.map((a) => `${a}=${cloud.server.url}`)), concurrency: 2, maxAttempts: 1 });
    try {
      const before = cloud.server.requests;
      await expect(restList(ctx, 'bigquery', 'bigquery.tabledata.list', 'cis-lab', '/bigquery/v2/projects/cis-lab/datasets/lab_public/tables/events/data', 'rows')).rejects.toThrow(/tabledata\.list/);
      await expect(restGet(ctx, 'bigquery', 'bigquery.jobs.getQueryResults', 'cis-lab', '/bigquery/v2/projects/cis-lab/queries/job_1')).rejects.toThrow(/getQueryResults/);
      expect(cloud.server.requests).toBe(before);
      expect(cloud.server.calls.get('bigquery.tabledata.list')).toBeUndefined();
    } finally {
      ctx.http.close();
    }
  });
});

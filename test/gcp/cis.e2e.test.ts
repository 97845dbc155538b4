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
import type { Finding } from '../../src/engine/evidence.js';

const FAST = { VOUCH_GCP_RETRY_BASE_MS: '5', VOUCH_GCP_TIMEOUT_MS: '1500', CI: 'true' };
const cloud = fixtureCloud(() => cisWorld());
let run: ScanRun;

function scan(rules: FaultRule[] = []): Promise<ScanRun> {
  cloud.proxy.setRules(rules);
  return runScan(['--organization', '100', ...endpointsTo(cloud.proxy.url), '--concurrency', '4', '--benchmark', 'cis-gcp', '--quiet'], CLAIMS_YAML, FAST);
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
    const ids = ['1.6', '1.8', '1.11', '2.16', '3.1', '3.2', '3.8', '4.4'];
    expect(ids.map(v)).toEqual(ids.map((id) => `${id} fail`));
  });

  it('IAM: names the member and role on cis-lab only', () => {
    expect(statuses(of('iam-least-privilege/gcp-service-account-impersonation')).filter((s) => !s.endsWith(' pass'))).toEqual(['cis-lab[roles/iam.serviceAccountUser:user:dev@example.com] fail']);
    expect(statuses(of('iam-least-privilege/gcp-separation-of-duties')).filter((s) => s.startsWith('cis-lab'))).toEqual(['cis-lab[kms] fail', 'cis-lab[service-accounts] fail']);
    expect(statuses(of('iam-least-privilege/gcp-separation-of-duties')).filter((s) => s.startsWith('shop-prod'))).toEqual(['shop-prod[kms] pass', 'shop-prod[service-accounts] pass']);
  });

  it('networks, subnets, backend services and project metadata: violations fail, compliant ones pass', () => {
    expect(statuses(of('platform-hardening/gcp-compute-network', 'default-network'))).toEqual(['default[default-network] fail', 'lab-vpc[default-network] pass', 'old-flat[default-network] pass']);
    expect(statuses(of('platform-hardening/gcp-compute-network', 'legacy'))).toEqual(['default[legacy] pass', 'lab-vpc[legacy] pass', 'old-flat[legacy] fail']);
    expect(statuses(of('audit-logging/gcp-compute-subnetwork', 'flow-logs'))).toEqual(['lab-full[flow-logs] pass', 'lab-nolog[flow-logs] fail', 'lab-proxy[flow-logs] not-applicable']);
    expect(statuses(of('audit-logging/gcp-compute-backend-service'))).toEqual(['lab-api pass', 'lab-web fail']);
    // Projects without OS Login set fail too: the shop world's projects never set it.
    expect(statuses(of('platform-hardening/gcp-compute-project'))).toEqual(['cis-lab[os-login] fail', 'legacy-lab[os-login] fail', 'shop-prod[os-login] fail']);
  });

  it('reads each new collection once per project, and nothing failed', () => {
    const calls = run.doc.coverage.calls!;
    for (const op of ['compute.networks.list', 'compute.subnetworks.aggregatedList', 'compute.backendServices.aggregatedList', 'compute.projects.get']) expect(calls[op], op).toBe(3);
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
  ];
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

/**
 * The compliant world (exit 0 without faults) scanned through the fault
 * proxy: each fault must end with a written report, `unknown` where data was
 * missing, exit code 3, and no pass for what was not checked.
 */
import { describe, it, expect } from 'vitest';
import type { FaultRule } from '../cloud/proxy.js';
import { op, permissionDenied, resourceExhausted, computeRateLimit, unavailable, repeatPageToken } from '../cloud/gcp/faults.js';
import { CLAIMS_YAML, shopWorld } from './worlds.js';
import { cleanup, endpointsTo, findingsOf, runScan, fixtureCloud } from './helpers.js';

const FAST = { VOUCH_GCP_RETRY_BASE_MS: '5', VOUCH_GCP_TIMEOUT_MS: '1500', CI: 'true' };

const cloud = fixtureCloud(() => shopWorld(false));

async function scanWith(rules: FaultRule[], env: Record<string, string> = {}) {
  cloud.proxy.setRules(rules);
  return runScan(['--project', 'shop-prod', ...endpointsTo(cloud.proxy.url), '--concurrency', '4'], CLAIMS_YAML, { ...FAST, ...env });
}

interface Case {
  name: string;
  rules: FaultRule[];
  /** Rule ids that must answer unknown (and never pass) for the affected resources. */
  unknownRules: string[];
  /** Failure code recorded in coverage. */
  code: string;
  operation: string;
  env?: Record<string, string>;
}

const CASES: Case[] = [
  {
    name: '403 on the bucket IAM policy',
    rules: [{ match: op('storage.buckets.getIamPolicy'), fault: permissionDenied('storage.buckets.getIamPolicy', 'projects/_/buckets/shop-assets') }],
    unknownRules: ['public-access/gcp-storage-bucket'],
    code: 'PERMISSION_DENIED',
    operation: 'storage.buckets.getIamPolicy',
  },
  {
    name: '403 on the firewall list',
    rules: [{ match: op('compute.firewalls.list'), fault: permissionDenied('compute.firewalls.list', 'projects/shop-prod') }],
    unknownRules: ['bastion-only/gcp-firewall'],
    code: 'PERMISSION_DENIED',
    operation: 'compute.firewalls.list',
  },
  {
    // Hierarchical policies are evaluated before VPC rules: not read means not known, never a pass.
    name: '403 on the hierarchical firewall policy list',
    rules: [{ match: op('compute.firewallPolicies.list'), fault: permissionDenied('compute.firewallPolicies.list', 'organizations/100') }],
    unknownRules: ['bastion-only/gcp-firewall-policy'],
    code: 'PERMISSION_DENIED',
    operation: 'compute.firewallPolicies.list',
  },
  {
    name: '403 on the network firewall policy list',
    rules: [{ match: op('compute.networkFirewallPolicies.list'), fault: permissionDenied('compute.firewallPolicies.list', 'projects/shop-prod') }],
    unknownRules: ['bastion-only/gcp-firewall-policy'],
    code: 'PERMISSION_DENIED',
    operation: 'compute.networkFirewallPolicies.list',
  },
  {
    name: '429 RESOURCE_EXHAUSTED that never clears on Cloud SQL',
    rules: [{ match: op('sqladmin.instances.list'), fault: resourceExhausted('sqladmin.googleapis.com') }],
    unknownRules: ['enc-rest/gcp-sql-instance', 'tls-min/gcp-sql-instance', 'backup-retention/gcp-sql-instance'],
    code: 'RESOURCE_EXHAUSTED',
    operation: 'sqladmin.instances.list',
  },
  {
    name: "Compute's 403 rateLimitExceeded (a throttle) on SSL policies",
    rules: [{ match: op('compute.sslPolicies.aggregatedList'), fault: computeRateLimit() }],
    unknownRules: ['tls-min/gcp-ssl-policy', 'tls-min/gcp-target-proxy'],
    code: 'RESOURCE_EXHAUSTED',
    operation: 'compute.sslPolicies.aggregatedList',
  },
  {
    name: '503 on log sinks',
    rules: [{ match: op('logging.sinks.list'), fault: unavailable() }],
    unknownRules: ['audit-logging/gcp-log-sink'],
    code: 'UNAVAILABLE',
    operation: 'logging.sinks.list',
  },
  {
    name: 'a hung key listing (client deadline)',
    rules: [{ match: op('iam.serviceAccounts.keys.list'), fault: { kind: 'hang' } }],
    unknownRules: ['iam-least-privilege/gcp-service-account-key'],
    code: 'DEADLINE_EXCEEDED',
    operation: 'iam.serviceAccounts.keys.list',
    env: { VOUCH_GCP_TIMEOUT_MS: '300' },
  },
  {
    name: 'a page token that repeats forever',
    rules: [{ match: op('compute.instances.aggregatedList'), fault: repeatPageToken() }],
    unknownRules: ['bastion-only/gcp-compute-instance'],
    code: 'PAGINATION_LOOP',
    operation: 'compute.instances.aggregatedList',
  },
  {
    name: 'an answer that is not JSON (truncated body)',
    rules: [{ match: op('compute.firewalls.list'), fault: { kind: 'rewrite', transform: (b) => b.slice(0, 25) } }],
    unknownRules: ['bastion-only/gcp-firewall'],
    code: 'BAD_RESPONSE',
    operation: 'compute.firewalls.list',
  },
  {
    name: 'a bucket IAM policy answer that is not JSON (truncated body)',
    rules: [{ match: op('storage.buckets.getIamPolicy'), fault: { kind: 'rewrite', transform: (b) => b.slice(0, 25) } }],
    unknownRules: ['public-access/gcp-storage-bucket'],
    code: 'BAD_RESPONSE',
    operation: 'storage.buckets.getIamPolicy',
  },
  {
    name: 'a bucket list answer that is not JSON (truncated body)',
    rules: [{ match: op('storage.buckets.list'), fault: { kind: 'rewrite', transform: (b) => b.slice(0, 25) } }],
    unknownRules: ['public-access/gcp-storage-bucket', 'enc-rest/gcp-storage-bucket'],
    code: 'BAD_RESPONSE',
    operation: 'storage.buckets.list',
  },
  {
    name: 'a list whose items are not a list',
    rules: [{ match: op('compute.firewalls.list'), fault: { kind: 'rewrite', transform: () => JSON.stringify({ items: { weird: true } }) } }],
    unknownRules: ['bastion-only/gcp-firewall'],
    code: 'COLLECTOR_ERROR',
    operation: 'compute',
  },
  {
    name: '403 on the project IAM policy',
    rules: [{ match: op('cloudresourcemanager.projects.getIamPolicy'), fault: permissionDenied('resourcemanager.projects.getIamPolicy', 'projects/shop-prod') }],
    unknownRules: ['iam-least-privilege/gcp-iam-policy'],
    code: 'PERMISSION_DENIED',
    operation: 'cloudresourcemanager.projects.getIamPolicy',
  },
];

describe('faults give unknown and exit 3, never a pass', () => {
  it('the same world without faults is clean (exit 0)', async () => {
    const run = await scanWith([]);
    expect(run.code, run.stdout).toBe(0);
    cleanup(run);
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const run = await scanWith(c.rules, c.env);
      try {
        expect(run.code, run.stdout).toBe(3);
        expect(run.doc, 'report written').toBeDefined();
        expect(run.doc.summary.incomplete).toBe(true);
        expect(run.doc.coverage.failures).toEqual(expect.arrayContaining([expect.objectContaining({ operation: c.operation, code: c.code, account: 'shop-prod' })]));
        for (const rule of c.unknownRules) {
          const fs = findingsOf(run.doc, rule);
          expect(fs.some((f) => f.status === 'unknown'), `${rule}: ${fs.map((f) => f.status + ' ' + f.message).join('; ')}`).toBe(true);
          // Whatever the failed call would have shown is unknown, with the error as evidence.
          const unknowns = fs.filter((f) => f.status === 'unknown');
          expect(unknowns.every((f) => f.message.includes(c.code) || JSON.stringify(f.evidence).includes(c.code)), JSON.stringify(unknowns[0])).toBe(true);
        }
        expect(run.doc.findings.filter((f) => f.status === 'fail')).toEqual([]);
      } finally {
        cleanup(run);
      }
    });
  }

  it('no pass for the bucket whose policy was denied; other buckets still judged', async () => {
    const run = await scanWith([{ match: (r) => op('storage.buckets.getIamPolicy')(r) && r.url.includes('/b/shop-assets/'), fault: permissionDenied('storage.buckets.getIamPolicy', 'projects/_/buckets/shop-assets') }]);
    try {
      expect(findingsOf(run.doc, 'public-access/gcp-storage-bucket', 'shop-assets').map((f) => f.status)).toEqual(['unknown']);
      expect(findingsOf(run.doc, 'public-access/gcp-storage-bucket', 'shop-telemetry').map((f) => f.status)).toEqual(['pass']);
      // Rules that do not need the policy still judge the bucket.
      expect(findingsOf(run.doc, 'enc-rest/gcp-storage-bucket', 'shop-assets').map((f) => f.status)).toEqual(['pass']);
    } finally {
      cleanup(run);
    }
  });

  it('a throttle that clears is retried and leaves no trace but the retry count', async () => {
    const run = await scanWith([{ match: op('compute.firewalls.list'), fault: resourceExhausted('compute.googleapis.com'), times: 2 }]);
    try {
      expect(run.code).toBe(0);
      expect(run.doc.coverage.failures).toEqual([]);
      expect(run.doc.coverage.calls!['compute.firewalls.list']).toBe(3);
      expect(findingsOf(run.doc, 'bastion-only/gcp-firewall').filter((f) => f.status === 'pass').length).toBe(6);
    } finally {
      cleanup(run);
    }
  });

  it('secret-looking text in an error body never reaches the report or the console', async () => {
    const token = 'ya29.a0AfB_byC-secretsecretsecretsecret1234567890';
    const run = await scanWith([{ match: op('logging.sinks.list'), fault: { kind: 'respond', status: 403, body: JSON.stringify({ error: { code: 403, status: 'PERMISSION_DENIED', message: `denied for Bearer ${token}` } }) } }]);
    try {
      expect(run.code).toBe(3);
      const all = JSON.stringify(run.doc) + run.stdout + run.stderr;
      expect(all).not.toContain(token);
      expect(all).not.toContain('vouch-loopback-dummy-token');
      expect(JSON.stringify(run.doc.coverage.failures)).toContain('<redacted>');
    } finally {
      cleanup(run);
    }
  });
});

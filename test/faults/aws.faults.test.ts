/**
 * The fault suite, AWS: every cloud answer class (hang, trickle, endless body,
 * empty 200, HTML 200, truncated, 403, 429, reset, redirect) given to every
 * service call of a real `bin/vouch scan aws` process, through the loopback
 * fault proxy in front of moto holding a compliant world. Each run must end in
 * bounded time and memory with its report, exit 3, pass nothing (nothing was
 * read), and show no credential. A captive portal answering STS too is a clear
 * exit 2, never a report for account `undefined`.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMoto, type Moto } from '../aws/moto.js';
import { e2eWorld, seedAwsWorld, withoutViolations } from '../cloud/aws/world.js';
import { startFaultProxy, type FaultProxy, type ProxiedRequest, type Fault } from '../cloud/proxy.js';
import { byAction, queryError, jsonError, ec2Error } from '../cloud/aws/faults.js';
import { FAULT_CLASSES, faultRules, runMeasured, cleanupRun, assertFailedClosed, report, type Row } from './harness.js';

const SECRET = 'fault-suite-secret-DO-NOT-PRINT-0123456789';
const KEY_ID = 'AKIAVOUCHFAULTSUITE1';
const ENV = { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: undefined };
const SERVICES = 'ec2,kms,lambda,iam,cloudfront';
let moto: Moto;
let proxy: FaultProxy;
let dir: string;
let suppressions: string;
const rows: Row[] = [];

const isSts = (r: ProxiedRequest) => byAction('GetCallerIdentity')(r);
const protocol = (r: ProxiedRequest): 'json' | 'ec2' | 'query' | 'rest-json' | 'rest-xml' => {
  if (r.headers['x-amz-target']) return 'json';
  const action = new URLSearchParams(r.body).get('Action');
  if (action) return /^(Describe(Regions|SecurityGroups|Volumes|Vpcs|Subnets|Instances)|GetEbs)/.test(action) || new URLSearchParams(r.body).get('Version') === '2016-11-15' ? 'ec2' : 'query';
  return r.url.startsWith('/2015-03-31') ? 'rest-json' : 'rest-xml';
};
const awsError = (status: number, code: string, message: string) => (r: ProxiedRequest): Fault => {
  const p = protocol(r);
  if (p === 'json' || p === 'rest-json') return jsonError(status, code === 'AccessDenied' ? 'AccessDeniedException' : code, message) as Fault;
  if (p === 'ec2') return ec2Error(status, code === 'AccessDenied' ? 'UnauthorizedOperation' : code, message) as Fault;
  return queryError(status, code, message) as Fault;
};
const ERRORS = {
  forbidden: awsError(403, 'AccessDenied', 'User: arn:aws:iam::123456789012:user/auditor is not authorized to perform this action'),
  throttled: awsError(429, 'ThrottlingException', 'Rate exceeded'),
};

function scanArgs(extra: string[] = []): string[] {
  return ['scan', 'aws', '--regions', 'us-east-1', '--services', SERVICES, '--endpoint', `default=${proxy.url}`, '--max-attempts', '2', '--request-timeout', '1', '--fail-on', 'critical', '--suppressions', suppressions, '--format', 'json', '--quiet', ...extra];
}

beforeAll(async () => {
  moto = await startMoto();
  await seedAwsWorld(withoutViolations(e2eWorld()), moto.url);
  proxy = await startFaultProxy(moto.url);
  dir = mkdtempSync(join(tmpdir(), 'vouch-aws-fault-suite-'));
  suppressions = join(dir, 'suppressions.yaml');
  writeFileSync(suppressions, 'suppressions:\n  - { rule: mfa/aws-root-account, reason: "moto cannot enable root MFA", owner: tests }\n');
}, 240_000);

afterAll(async () => {
  report('AWS (scan aws, every call but STS faulted; moto behind the fault proxy; --request-timeout 1 --max-attempts 2)', rows);
  await proxy?.close();
  await moto?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('scan aws under every answer class', () => {
  it('clean: the same world, unfaulted, passes what it reads', async () => {
    proxy.setRules([]);
    const run = await runMeasured(scanArgs(), ENV);
    rows.push({ cloud: 'aws', fault: '(none)', code: run.code, ms: run.ms, peakMb: run.peakMb, note: 'baseline' });
    // Exit 0 or 3: services left out by --services make their rules unverified (derived coverage); no call failed.
    expect([0, 3], run.stderr).toContain(run.code);
    const clean = JSON.parse(run.evidence!);
    expect(clean.coverage.failures).toEqual([]);
    expect((clean.findings as { status: string }[]).filter((f) => f.status === 'pass').length).toBeGreaterThan(5);
    cleanupRun(run);
  }, 60_000);

  for (const fault of FAULT_CLASSES) {
    it(`${fault}: exit 3, report written, nothing passes, bounded`, async () => {
      proxy.setRules(faultRules(fault, (r) => !isSts(r), ERRORS));
      const run = await runMeasured(scanArgs(), ENV);
      try {
        // Process start and SDK loading take most of it on a loaded machine; 429 adds the SDK's adaptive back-off (~30 s here).
        const { codes } = assertFailedClosed({ run, secrets: [SECRET, KEY_ID], maxMs: fault === '429' ? 75_000 : 45_000, maxMb: 600 }, expect as never);
        rows.push({ cloud: 'aws', fault, code: run.code, ms: run.ms, peakMb: run.peakMb, note: codes.join(', ') });
        expect(run.code, run.stderr).toBe(3);
        if (fault === 'empty-200' || fault === 'html-200' || fault === 'truncated') expect(codes).toContain('BAD_RESPONSE');
        // An endless body ends at the size bound or at the whole-answer timeout, whichever comes first.
        if (fault === 'endless') expect(codes.some((c) => c === 'BAD_RESPONSE' || c === 'TimeoutError')).toBe(true);
        if (fault === 'trickle' || fault === 'hang') expect(codes).toContain('TimeoutError');
      } finally {
        cleanupRun(run);
      }
    }, 90_000);
  }

  it('a captive portal answering every call, STS included: exit 2, one line, never account "undefined"', async () => {
    proxy.setRules(faultRules('html-200', () => true, ERRORS));
    const run = await runMeasured(scanArgs(), ENV);
    rows.push({ cloud: 'aws', fault: 'html-200 (STS too)', code: run.code, ms: run.ms, peakMb: run.peakMb, note: run.stderr.trim().slice(0, 90) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot authenticate.*BAD_RESPONSE.*HTML page/);
    expect(run.stderr + run.stdout).not.toMatch(/undefined/);
    expect(run.evidence).toBeUndefined();
    cleanupRun(run);
  }, 60_000);

  it('--deadline ends a run whose S3 per-bucket reads trickle (the lean S3 reader has only an idle timer): bounded, never a hang', async () => {
    // Per-bucket configuration GETs (?encryption, ?acl, ...) but not the location, which the SDK client reads.
    const perBucket = (r: ProxiedRequest) => r.method === 'GET' && /^\/[^/?]+\/?\?[a-zA-Z]/.test(r.url) && !r.url.includes('list-type') && !r.url.includes('location');
    proxy.setRules(faultRules('trickle', perBucket, ERRORS));
    const run = await runMeasured(['scan', 'aws', '--regions', 'us-east-1', '--services', 's3', '--endpoint', `default=${proxy.url}`, '--max-attempts', '2', '--request-timeout', '1', '--deadline', '5', '--format', 'json', '--quiet'], ENV);
    try {
      rows.push({ cloud: 'aws', fault: 'trickle on S3 bucket reads, --deadline 5', code: run.code, ms: run.ms, peakMb: run.peakMb, note: run.code === 3 ? 'report written at the deadline' : run.stderr.trim().slice(0, 90) });
      // Either the reader stops at the deadline (exit 3, report) or the run is abandoned 10 s later (exit 2, one line): never a hang.
      expect([2, 3]).toContain(run.code);
      if (run.code === 2) expect(run.stderr).toMatch(/still running 10 s after the --deadline passed/);
      else assertFailedClosed({ run, secrets: [SECRET, KEY_ID], maxMs: 45_000, maxMb: 600 }, expect as never);
      expect(run.ms).toBeLessThan(45_000);
      expect(run.stdout + run.stderr + (run.evidence ?? '')).not.toContain(SECRET);
    } finally {
      cleanupRun(run);
    }
  }, 90_000);

  it('--deadline 3 with a hanging service and a long --request-timeout: the run ends at the deadline with its report, exit 3', async () => {
    proxy.setRules(faultRules('hang', (r) => !isSts(r), ERRORS));
    const run = await runMeasured([...scanArgs(), '--request-timeout', '120', '--deadline', '3'].filter((a, i, all) => !(a === '--request-timeout' && all[i + 1] === '1') && !(a === '1' && all[i - 1] === '--request-timeout')), ENV);
    try {
      // Without the deadline each hung call would take 2 × 120 s; with it the run ends seconds after it.
      const { codes } = assertFailedClosed({ run, secrets: [SECRET, KEY_ID], maxMs: 30_000, maxMb: 600 }, expect as never);
      rows.push({ cloud: 'aws', fault: 'hang, --deadline 3', code: run.code, ms: run.ms, peakMb: run.peakMb, note: codes.join(', ') });
      expect(run.code).toBe(3);
      expect(codes).toContain('DEADLINE_EXCEEDED');
    } finally {
      cleanupRun(run);
    }
  }, 60_000);
});

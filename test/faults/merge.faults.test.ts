/**
 * The fault suite, `vouch merge s3://… gs://…`: every answer class given to
 * every storage call (S3 on moto, Cloud Storage on the GCP fixture server,
 * each behind the fault proxy). A shard that cannot be read whole is an
 * input error: exit 2, one line, no merged report, bounded time and memory
 * (an endless object is cut at the size bound or the request deadline), no
 * credential in the output. STORAGE_EMULATOR_HOST never re-routes a read.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client, CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { startMoto, type Moto } from '../aws/moto.js';
import { startGcpServer, googleError, type GcpFixtureServer } from '../cloud/gcp/server.js';
import { startFaultProxy, type FaultProxy } from '../cloud/proxy.js';
import { s3Error } from '../cloud/aws/faults.js';
import { runVouch } from '../helpers/in-process.js';
import { FAULT_CLASSES, faultRules, runMeasured, cleanupRun, report, type Row } from './harness.js';

const SECRET = 'merge-fault-secret-DO-NOT-PRINT-987654321';
const AWS_ENV = { AWS_ACCESS_KEY_ID: 'AKIAVOUCHMERGEFAULT1', AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: undefined, AWS_ENDPOINT_URL_S3: undefined };
const GCP_ENV = { HOME: '/nonexistent', GOOGLE_APPLICATION_CREDENTIALS: '/nonexistent/adc.json', NO_GCE_CHECK: 'true', METADATA_SERVER_DETECTION: 'none', STORAGE_EMULATOR_HOST: undefined };
let moto: Moto;
let gcs: GcpFixtureServer;
let s3Proxy: FaultProxy;
let gcsProxy: FaultProxy;
let dir: string;
const rows: Row[] = [];

const S3_ERRORS = { forbidden: () => s3Error(403, 'AccessDenied', 'Access Denied'), throttled: () => s3Error(429, 'SlowDown', 'Please reduce your request rate.') };
const GCS_ERRORS = {
  forbidden: () => ({ kind: 'respond' as const, status: 403, headers: { 'content-type': 'application/json' }, body: googleError(403, 'PERMISSION_DENIED', "Permission 'storage.objects.list' denied", 'forbidden') }),
  throttled: () => ({ kind: 'respond' as const, status: 429, headers: { 'content-type': 'application/json' }, body: googleError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded', 'rateLimitExceeded') }),
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-merge-fault-suite-'));
  // One shard's evidence, from a real `vouch check`.
  const check = await runVouch(['check', 'rules/enc-rest/aws-dynamodb-table/fixtures/pass.yaml', '--out', join(dir, 'shard'), '--format', 'json', '--quiet']);
  expect([0, 1, 3]).toContain(check.code);
  const evidence = readFileSync(join(dir, 'shard', 'evidence.json'), 'utf8');
  moto = await startMoto();
  const s3 = new S3Client({ endpoint: moto.url, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'seed', secretAccessKey: 'seed' } });
  await s3.send(new CreateBucketCommand({ Bucket: 'vouch-shards' }));
  await s3.send(new PutObjectCommand({ Bucket: 'vouch-shards', Key: 'nightly/shard-0/evidence.json', Body: evidence, ContentType: 'application/json' }));
  s3.destroy();
  gcs = await startGcpServer({ projects: [{ id: 'audit-project', buckets: [{ name: 'vouch-shards', location: 'EU', objects: { 'nightly/shard-0/evidence.json': evidence } }] }] });
  s3Proxy = await startFaultProxy(moto.url);
  gcsProxy = await startFaultProxy(gcs.url);
}, 120_000);

afterAll(async () => {
  report('merge s3:// and gs:// (every storage call faulted; moto and the GCP fixture server behind the fault proxy; --request-timeout 1)', rows);
  await s3Proxy?.close();
  await gcsProxy?.close();
  await gcs?.close();
  await moto?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const merge = (url: string, endpoint: string) => ['merge', url, '--endpoint', endpoint, '--request-timeout', '1', '--format', 'json', '--quiet'];
const clouds = [
  { name: 's3', url: 's3://vouch-shards/nightly/', proxy: () => s3Proxy, endpoint: () => `s3=${s3Proxy.url}`, env: AWS_ENV, errors: S3_ERRORS },
  { name: 'gcs', url: 'gs://vouch-shards/nightly/', proxy: () => gcsProxy, endpoint: () => `storage=${gcsProxy.url}`, env: GCP_ENV, errors: GCS_ERRORS },
];

describe('merge from buckets under every answer class', () => {
  for (const c of clouds) {
    it(`${c.name} clean: the shard is read and merged`, async () => {
      c.proxy().setRules([]);
      const run = await runMeasured(merge(c.url, c.endpoint()), c.env);
      rows.push({ cloud: `merge ${c.name}`, fault: '(none)', code: run.code, ms: run.ms, peakMb: run.peakMb, note: 'baseline' });
      expect(run.evidence, run.stderr).toBeDefined();
      expect(run.stderr).toBe('');
      cleanupRun(run);
    }, 60_000);

    for (const fault of FAULT_CLASSES) {
      it(`${c.name} ${fault}: exit 2, one line, no merged report, bounded`, async () => {
        c.proxy().setRules(faultRules(fault, () => true, c.errors));
        const run = await runMeasured(merge(c.url, c.endpoint()), c.env);
        try {
          const line = run.stderr.trim();
          rows.push({ cloud: `merge ${c.name}`, fault, code: run.code, ms: run.ms, peakMb: run.peakMb, note: line.replace(/^vouch: /, '').slice(0, 90) });
          expect(run.code, run.stderr).toBe(2);
          expect(line.split('\n')).toHaveLength(1);
          expect(line.startsWith(`vouch: ${c.url}`), line).toBe(true);
          expect(run.evidence).toBeUndefined();
          expect(run.stdout + run.stderr).not.toContain(SECRET);
          expect(run.ms).toBeLessThan(45_000);
          expect(run.peakMb).toBeLessThan(800);
        } finally {
          cleanupRun(run);
        }
      }, 60_000);
    }
  }

  for (const c of clouds) {
    for (const fault of ['endless', 'trickle', 'truncated'] as const) {
      it(`${c.name} ${fault} on the evidence object itself (the listing answers): exit 2, bounded`, async () => {
        const isObject = (r: { url: string }) => (c.name === 's3' ? !/[?&]list-type=/.test(r.url) : /[?&]alt=media/.test(r.url));
        c.proxy().setRules(faultRules(fault, isObject, c.errors));
        const run = await runMeasured(merge(c.url, c.endpoint()), c.env);
        try {
          rows.push({ cloud: `merge ${c.name}`, fault: `${fault} (object)`, code: run.code, ms: run.ms, peakMb: run.peakMb, note: run.stderr.trim().replace(/^vouch: /, '').slice(0, 90) });
          expect(run.code, run.stderr).toBe(2);
          expect(run.stderr.trim().split('\n')).toHaveLength(1);
          expect(run.evidence).toBeUndefined();
          expect(run.ms).toBeLessThan(45_000);
          expect(run.peakMb).toBeLessThan(800);
        } finally {
          cleanupRun(run);
        }
      }, 60_000);
    }
  }

  it('STORAGE_EMULATOR_HOST does not re-route gs:// reads: without --endpoint and credentials it is exit 2, nothing read from it', async () => {
    gcsProxy.setRules([]);
    const before = gcsProxy.stats.requests;
    const run = await runMeasured(['merge', 'gs://vouch-shards/nightly/', '--format', 'json', '--quiet'], { ...GCP_ENV, STORAGE_EMULATOR_HOST: gcsProxy.url });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no Google credentials/);
    expect(gcsProxy.stats.requests).toBe(before);
    cleanupRun(run);
  }, 60_000);
});

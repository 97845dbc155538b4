/**
 * The e2e world (its compliant part) under faults moto cannot produce, injected by the loopback
 * proxy between vouch's SDK clients and moto: throttling (Throttling, SlowDown,
 * TooManyRequestsException with AWS's own error bodies), AccessDenied,
 * 5xx, a hung request, truncated pagination. Each scan must still write its
 * report, say `unknown` where data was missing, exit 3, and pass nothing it
 * did not check: the passes under a fault are a subset of the clean passes,
 * and never include what the fault hid.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMoto, type Moto } from './moto.js';
import { e2eWorld, seedAwsWorld, withoutViolations, type Seeded } from '../cloud/aws/world.js';
import { startFaultProxy, type FaultProxy, type FaultRule } from '../cloud/proxy.js';
import { faults, byAction, byS3, byPath, byTarget, queryError, jsonError } from '../cloud/aws/faults.js';
import { runVouch } from '../helpers/in-process.js';
import type { EvidenceDocument } from '../../src/findings/evidence.js';

let moto: Moto;
let proxy: FaultProxy;
let seeded: Seeded;
let dir: string;
let suppressions: string;
const ENV = { AWS_ACCESS_KEY_ID: 'AKIAVOUCHFAULTTEST01', AWS_SECRET_ACCESS_KEY: 'fault-test-secret', AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: undefined, CI: 'true' };

async function scan(name: string, services: string, rules: FaultRule[], extra: string[] = []) {
  proxy.setRules(rules);
  const out = join(dir, name);
  // Root MFA cannot be turned on in moto: acknowledged. Only critical failures gate, so rules added
  // later that judge this world stricter do not mask the exit code the fault must produce.
  const run = await runVouch(
    ['scan', 'aws', '--regions', 'us-east-1,eu-west-1', '--services', services, '--endpoint', `default=${proxy.url}`, '--max-attempts', '2', '--fail-on', 'critical', '--suppressions', suppressions, '--out', out, '--quiet', ...extra],
    ENV,
  );
  const file = join(out, 'evidence.json');
  expect(existsSync(file), `${name}: no report written (${run.stderr})`).toBe(true);
  return { run, doc: JSON.parse(readFileSync(file, 'utf8')) as EvidenceDocument };
}

const key = (f: EvidenceDocument['findings'][number]) => `${f.ruleId} ${f.resource.id}${f.subId ? `[${f.subId}]` : ''}`;
let cleanPasses: Set<string>;

beforeAll(async () => {
  moto = await startMoto();
  // The e2e world without its deliberate violations, so only the fault decides the exit code.
  seeded = await seedAwsWorld(withoutViolations(e2eWorld()), moto.url);
  proxy = await startFaultProxy(moto.url);
  dir = mkdtempSync(join(tmpdir(), 'vouch-aws-faults-'));
  suppressions = join(dir, 'suppressions.yaml');
  // moto dates every credential report 2015-02-02: credential ages are unknown there (judged only on a sane report time).
  writeFileSync(
    suppressions,
    'suppressions:\n  - { rule: mfa/aws-root-account, reason: "moto cannot enable root MFA", owner: tests }\n' +
      '  - { rule: iam-least-privilege/aws-unused-credentials, reason: "moto dates its credential report 2015", owner: tests }\n' +
      '  - { rule: iam-least-privilege/aws-access-key-age, reason: "moto dates its credential report 2015", owner: tests }\n',
  );
  const clean = await scan('clean', 'iam,s3,ec2,rds,apigateway,lambda,ecs', []);
  expect(clean.doc.coverage.failures).toEqual([]);
  // The services left out are the only thing missing: their rules are not collected, so the run is incomplete (3).
  expect(clean.doc.coverage.notCollected!.filter((n) => n.gap).every((n) => /not selected \(--services\)/.test(n.why))).toBe(true);
  expect(clean.run.code, clean.run.stderr).toBe(3);
  cleanPasses = new Set(clean.doc.findings.filter((f) => f.status === 'pass').map(key));
}, 240_000);

afterAll(async () => {
  await proxy?.close();
  await moto?.stop();
});

function id(handle: string) {
  const v = seeded.ids.get(handle);
  if (!v) throw new Error(`no id for ${handle}`);
  return v;
}

function assertFailClosed(doc: EvidenceDocument, code: number, failureCode: string, hidden: { rule: string; id: string }[]) {
  expect(code).toBe(3);
  expect(doc.summary.incomplete).toBe(true);
  expect(doc.coverage.failures!.map((f) => f.code)).toContain(failureCode);
  for (const f of doc.findings.filter((x) => x.status === 'pass')) expect(cleanPasses.has(key(f)), `passes only under the fault: ${key(f)}`).toBe(true);
  for (const h of hidden) {
    const got = doc.findings.filter((f) => f.ruleId === h.rule && f.resource.id === h.id);
    expect(got.length, `${h.rule} ${h.id}: expected an unknown finding`).toBeGreaterThan(0);
    expect(got.map((f) => f.status), `${h.rule} ${h.id}`).toEqual(got.map(() => 'unknown'));
    expect(got[0]!.message).toMatch(new RegExp(failureCode));
  }
}

describe('vouch scan aws under injected faults', () => {
  it('IAM Throttling on the credential report: retried, then MFA is unknown for every user', async () => {
    const { run, doc } = await scan('throttling', 'iam', [faults.throttling(byAction('GetCredentialReport'))]);
    assertFailClosed(doc, run.code, 'Throttling', ['alice', 'ci-bot'].map((u) => ({ rule: 'mfa/aws-iam-credential-report', id: id(u) })));
    expect(doc.coverage.throttles).toBeGreaterThanOrEqual(2);
  });

  it('S3 SlowDown on GetBucketEncryption: bucket encryption is unknown', async () => {
    const { run, doc } = await scan('slowdown', 's3', [faults.slowDown(byS3('encryption'))]);
    assertFailClosed(doc, run.code, 'SlowDown', ['vouch-e2e-kms'].map((b) => ({ rule: 'enc-rest/aws-s3-bucket', id: id(b) })));
  });

  it('API Gateway TooManyRequestsException: the domain list is recorded as not collected', async () => {
    const { run, doc } = await scan('too-many-requests', 'apigateway', [faults.tooManyRequests(byPath('GET', '/domainnames'))]);
    assertFailClosed(doc, run.code, 'TooManyRequestsException', []);
    expect(doc.coverage.units!.filter((u) => u.status === 'failed').length).toBeGreaterThan(0);
  });

  it('AccessDenied on GetAccountSummary and EC2 UnauthorizedOperation: root and EBS-default verdicts are unknown', async () => {
    const { run, doc } = await scan('access-denied', 'iam,ec2', [faults.accessDeniedQuery(byAction('GetAccountSummary'), 'iam:GetAccountSummary'), faults.unauthorizedEc2(byAction('GetEbsEncryptionByDefault'))]);
    assertFailClosed(doc, run.code, 'AccessDenied', [
      { rule: 'mfa/aws-root-account', id: id('root') },
      { rule: 'iam-least-privilege/aws-root-access-keys', id: id('root') },
    ]);
    for (const r of ['us-east-1', 'eu-west-1']) {
      const f = doc.findings.filter((x) => x.ruleId === 'enc-rest/aws-ebs-default-encryption' && x.resource.id === id(`ebs-default:${r}`));
      expect(f.map((x) => x.status)).toEqual(['unknown']);
      expect(f[0]!.message).toMatch(/UnauthorizedOperation/);
    }
  });

  it('Lambda AccessDeniedException on ListFunctions (REST-JSON): no function is judged, the denial is in coverage', async () => {
    expect([...cleanPasses].some((k) => k.startsWith(`secrets-encrypted/aws-lambda-function ${id('vouch-e2e-tidy')}`))).toBe(true);
    const { run, doc } = await scan('lambda-denied', 'lambda', [faults.accessDeniedJson(byPath('GET', '/2015-03-31/functions'), 'lambda:ListFunctions')]);
    assertFailClosed(doc, run.code, 'AccessDeniedException', []);
    expect(doc.findings.filter((f) => f.resource.type === 'aws.lambda.function')).toEqual([]);
    expect(doc.coverage.failures!.map((f) => f.operation)).toContain('lambda:ListFunctions');
  });

  it('ECS AccessDeniedException on DescribeTaskDefinition (JSON protocol): the listed task definition is unknown', async () => {
    const { run, doc } = await scan('ecs-denied', 'ecs', [faults.accessDeniedJson(byTarget('DescribeTaskDefinition'), 'ecs:DescribeTaskDefinition')]);
    assertFailClosed(doc, run.code, 'AccessDeniedException', [{ rule: 'secrets-encrypted/aws-ecs-task-definition', id: id('task:vouch-e2e-tidy') }]);
    expect(doc.coverage.calls!['ecs:ListTaskDefinitions']).toBe(2);
  });

  it('truncated pagination of Lambda and ECS listings (page 2 fails): nothing is judged on a partial list', async () => {
    const isList = (r: { method: string; url: string }) => byPath('GET', '/2015-03-31/functions')(r as never);
    const marked = (r: { url: string }) => new URL(r.url, 'http://x').searchParams.has('Marker');
    const ecsList = byTarget('ListTaskDefinitions');
    const withNext = (key: string) => (b: string) => JSON.stringify({ ...JSON.parse(b), [key]: 'vouch-page-2' });
    const { run, doc } = await scan('truncated-lambda-ecs', 'lambda,ecs', [
      { match: ((r: never) => isList(r) && !marked(r)) as never, fault: { kind: 'rewrite', transform: withNext('NextMarker') } },
      { match: ((r: never) => isList(r) && marked(r)) as never, fault: jsonError(500, 'ServiceException', 'Service is unavailable') },
      { match: ((r: { body: string }) => ecsList(r as never) && !r.body.includes('nextToken')) as never, fault: { kind: 'rewrite', transform: withNext('nextToken') } },
      { match: ((r: { body: string }) => ecsList(r as never) && r.body.includes('nextToken')) as never, fault: jsonError(500, 'ServiceException', 'Service is unavailable') },
    ]);
    assertFailClosed(doc, run.code, 'ServiceException', []);
    expect(doc.findings.filter((f) => f.resource.type === 'aws.lambda.function' || f.resource.type === 'aws.ecs.task-definition')).toEqual([]);
    // Both pages were asked for, in both regions.
    expect(doc.coverage.calls!['lambda:ListFunctions']).toBe(4);
    expect(doc.coverage.calls!['ecs:ListTaskDefinitions']).toBe(4);
    expect(doc.coverage.calls!['ecs:DescribeTaskDefinition'] ?? 0).toBe(0);
  });

  it('RDS 500 InternalFailure: no database verdict, the failure is in coverage', async () => {
    const { run, doc } = await scan('internal-error', 'rds', [faults.internalError(byAction('DescribeDBInstances'))]);
    assertFailClosed(doc, run.code, 'InternalFailure', []);
    expect(doc.findings.filter((f) => f.resource.type === 'aws.rds.db-instance')).toEqual([]);
    expect(doc.coverage.calls!['rds:DescribeDBInstances']).toBeGreaterThan(0);
  });

  it('a hung DescribeVolumes times out: volumes are reported as not collected, the scan still ends', async () => {
    const { run, doc } = await scan('timeout', 'ec2', [faults.hang(byAction('DescribeVolumes'))], ['--request-timeout', '1']);
    const failure = doc.coverage.failures!.find((f) => f.operation === 'ec2:DescribeVolumes');
    expect(failure, JSON.stringify(doc.coverage.failures)).toBeDefined();
    assertFailClosed(doc, run.code, failure!.code, []);
    expect(doc.findings.filter((f) => f.resource.type === 'aws.ec2.volume')).toEqual([]);
  });

  it('truncated pagination (page 2 of the IAM listing fails): no principal is judged on a partial list', async () => {
    const firstPage = (r: { body: string }) => byAction('GetAccountAuthorizationDetails')(r as never) && !/(^|&)Marker=/.test(r.body);
    const laterPage = (r: { body: string }) => byAction('GetAccountAuthorizationDetails')(r as never) && /(^|&)Marker=/.test(r.body);
    const { run, doc } = await scan('truncated', 'iam', [
      { match: firstPage as never, fault: { kind: 'rewrite', transform: (b) => b.replace(/<IsTruncated>false<\/IsTruncated>/, '<IsTruncated>true</IsTruncated><Marker>vouch-page-2</Marker>') } },
      { match: laterPage as never, fault: queryError(500, 'ServiceUnavailable', 'Service is unavailable', 'Receiver') },
    ]);
    assertFailClosed(doc, run.code, 'ServiceUnavailable', []);
    expect(doc.findings.filter((f) => f.resource.type === 'aws.iam.user')).toEqual([]);
    expect(doc.coverage.calls!['iam:GetAccountAuthorizationDetails']).toBeGreaterThanOrEqual(2);
  });
});

/**
 * End to end: a world seeded into moto through the AWS APIs, scanned by the
 * real `vouch scan aws` code path (CLI → SDK clients → moto), judged by the
 * rules in the tree. Every declared violation must be found and every
 * compliant twin must pass; secrets seeded into the world and the scanner's
 * own credentials must appear nowhere in what vouch prints or writes.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMoto, type Moto } from './moto.js';
import { e2eWorld, seedAwsWorld, expectations, plantedSecrets, type Seeded } from '../cloud/aws/world.js';
import { extraHandle } from '../cloud/aws/world-services.js';
import { NOT_EMULATED } from './not-emulated-rules.js';
import { runVouch, type CliRun } from '../helpers/in-process.js';
import type { EvidenceDocument } from '../../src/findings/evidence.js';
import { aws, readCalls } from '../../src/sources/providers/index.js';
import { loadRules } from '../../src/evaluate/registry.js';
import { actionOf } from '../../src/sources/providers/aws/iam-policy.js';

const SECRET_KEY = 'vOuChScAnSeCrEt/K7MDENG+bPxRfiCYz0a9Q2w';
const ACCESS_KEY = 'AKIAVOUCHE2ETEST0001';

let moto: Moto;
let seeded: Seeded;
let run: CliRun;
let doc: EvidenceDocument;
let out: string;

export const CLAIMS = `version: 1
name: e2e
parameters:
  requireCustomerManagedKeys: true
  allowedRegions: [eu-west-1]
  retention: [{ dataSet: exports, maxDays: 30, match: { name: "vouch-e2e-exports*" } }]
claims:
  - id: all
    text: "We keep our promises."
    controls: [enc-rest, tls-min, https-redirect, secrets-encrypted, cache-no-backup, backup-retention, data-retention, data-residency, iam-least-privilege, mfa, bastion-only, public-access, audit-logging, deletion-protection, platform-hardening, security-monitoring]
`;

beforeAll(async () => {
  moto = await startMoto();
  seeded = await seedAwsWorld(e2eWorld(), moto.url);
  out = mkdtempSync(join(tmpdir(), 'vouch-aws-e2e-'));
  const claims = join(out, 'claims.yaml');
  writeFileSync(claims, CLAIMS);
  run = await runVouch(['scan', 'aws', '--regions', 'us-east-1,eu-west-1', '--claims', claims, '--out', join(out, 'reports'), '--format', 'json,md,html,sarif,csv,ocsf,junit,claims'], {
    AWS_ENDPOINT_URL: moto.url,
    AWS_ACCESS_KEY_ID: ACCESS_KEY,
    AWS_SECRET_ACCESS_KEY: SECRET_KEY,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_REGION: 'us-east-1',
    CI: 'true',
  });
  doc = JSON.parse(readFileSync(join(out, 'reports', 'evidence.json'), 'utf8'));
}, 180_000);

afterAll(async () => {
  await moto?.stop();
});

describe('vouch scan aws against a seeded moto world', () => {
  it('finds every declared violation and passes every compliant twin', () => {
    const want = expectations(seeded);
    const got = want.map((w) => {
      const f = doc.findings.filter((x) => x.ruleId === w.rule && x.resource.id === w.id);
      return `${w.rule} ${w.handle}: ${f.length ? [...new Set(f.map((x) => x.status))].join('+') : 'no finding'}`;
    });
    expect(got).toEqual(want.map((w) => `${w.rule} ${w.handle}: ${w.status}`));
    // Each planted Lambda/ECS literal is its own failure, judged from the class the collector kept.
    for (const f of seeded.world.functions) {
      const subs = doc.findings.filter((x) => x.ruleId === 'secrets-encrypted/aws-lambda-function' && x.resource.id === seeded.ids.get(f.name) && x.status === 'fail').map((x) => x.subId);
      expect(subs.sort(), f.name).toEqual(Object.keys(f.literalSecrets ?? {}).sort());
    }
    for (const t of seeded.world.taskDefinitions) {
      const subs = doc.findings.filter((x) => x.ruleId === 'secrets-encrypted/aws-ecs-task-definition' && x.resource.id === seeded.ids.get(`task:${t.family}`) && x.status === 'fail').map((x) => x.subId);
      expect(subs.sort(), t.family).toEqual(t.containers.flatMap((c) => Object.keys(c.literalSecrets ?? {}).map((n) => `${c.name}/${n}`)).sort());
    }
    // Fails were found, so the exit code gates.
    expect(run.code, run.stderr).toBe(1);
  });

  it('finds a violation of every live AWS rule, except those moto cannot emulate or the world does not seed yet', async () => {
    const rules = (await loadRules()).filter((r) => r.id.includes('/aws-') && r.sources.includes('live'));
    const failing = new Set(doc.findings.filter((f) => f.status === 'fail').map((f) => f.ruleId));
    const missing = rules.map((r) => r.id).filter((id) => !failing.has(id) && !(id in NOT_EMULATED) && !NOT_SEEDED.includes(id));
    expect(missing).toEqual([]);
    // What moto cannot emulate is never a pass (not collected, a failed call, unknown or nothing found),
    // unless moto's answer is itself true (moto's root has no access keys); nothing is planted, so nothing fails.
    for (const [id, x] of Object.entries(NOT_EMULATED)) {
      const got = doc.findings.filter((f) => f.ruleId === id);
      if (!x.truePassInMoto) expect(got.filter((f) => f.status === 'pass'), id).toEqual([]);
      expect(got.filter((f) => f.status === 'fail'), id).toEqual([]);
    }
    expect(doc.coverage.notCollected!.find((n) => n.rule === 'cache-no-backup/aws-elasticache-serverless-cache')?.why).toMatch(/DescribeServerlessCaches failed/);
    // The extra violations the world plants are each found, on the resource planted for them.
    for (const x of seeded.world.services!.extras)
      for (const r of x.rules) {
        expect(failing.has(r), `${x.kind}: ${r}`).toBe(true);
        const id = seeded.ids.get(extraHandle(x.kind, r));
        if (id) expect(doc.findings.filter((f) => f.ruleId === r && f.resource.id === id).map((f) => f.status), `${x.kind}: ${r} on ${id}`).toContain('fail');
      }
    // The lists name real rules only.
    for (const id of [...Object.keys(NOT_EMULATED), ...NOT_SEEDED]) expect(rules.map((r) => r.id), id).toContain(id);
  });

  it('every violation planted since the CIS/FSBP rules is checked on its own resource', () => {
    const since = ['kms-pending-deletion', 'public-plain-snapshot', 'public-db-snapshot', 'two-active-keys', 'open-data-port', 'aurora-cluster', 'short-backup-plan', 'public-instance', 'cross-region-replication', 'unexpiring-exports', 'http-distribution'];
    for (const x of seeded.world.services!.extras.filter((e) => since.includes(e.kind))) for (const r of x.rules) expect(seeded.ids.get(extraHandle(x.kind, r)), `${x.kind}: ${r}`).toBeDefined();
  });

  it('a cluster whose parameter group could not be read is unknown for TLS, naming the failed call (never a fail or pass)', () => {
    const id = seeded.ids.get(extraHandle('aurora-default-group', ''))!;
    const tls = doc.findings.filter((f) => f.ruleId === 'tls-min/aws-rds-db-cluster' && f.resource.id === id);
    expect(tls.map((f) => f.status)).toEqual(['unknown']);
    expect(tls[0]!.message).toMatch(/rds:DescribeDBClusterParameters/);
    expect(tls[0]!.message).toMatch(/DBParameterGroupNotFound/);
    // Its other verdicts were read from DescribeDBClusters and stand.
    expect(doc.findings.find((f) => f.ruleId === 'enc-rest/aws-rds-db-cluster' && f.resource.id === id)?.status).toBe('pass');
    // The cluster whose group was read fails on the value read: rds.force_ssl 0.
    const bad = doc.findings.find((f) => f.ruleId === 'tls-min/aws-rds-db-cluster' && f.resource.id === seeded.ids.get(extraHandle('aurora-cluster', 'tls-min/aws-rds-db-cluster')));
    expect(bad?.status).toBe('fail');
    expect(JSON.stringify(bad?.evidence)).toMatch(/rds\.force_ssl/);
  });

  it('collects live resources in the IaC vocabulary with relations resolved', () => {
    const byType = doc.coverage.resources as Record<string, number>;
    for (const t of ['aws.s3.bucket', 'aws.s3.bucket-policy', 'aws.iam.user', 'aws.iam.group', 'aws.iam.role', 'aws.iam.managed-policy', 'aws.iam.account', 'aws.ec2.security-group', 'aws.ec2.volume', 'aws.elbv2.load-balancer', 'aws.elbv2.listener', 'aws.elbv2.listener-rule', 'aws.rds.db-instance', 'aws.secretsmanager.secret', 'aws.ssm.parameter', 'aws.lambda.function', 'aws.ecs.task-definition'])
      expect(byType[t], t).toBeGreaterThan(0);
    expect(doc.coverage.accounts).toEqual({ aws: ['123456789012'] });
    expect(doc.coverage.regions).toEqual(['eu-west-1', 'us-east-1']);
    // moto 5.2.1 answers DescribeServerlessCaches with an HTML error page: a failed call, so the
    // serverless cache rule is not collected (never a pass), and that is all that failed.
    // It also cannot describe the default cluster parameter group it gives an aurora-mysql cluster (see the
    // unknown TLS verdict above), has no ListBackupSelections (the plan's selections are a gap) and no
    // IAM Access Analyzer (HTTP 500: its ListAnalyzers fails in each region).
    expect(doc.coverage.failures!.map((f) => `${f.operation} ${f.region}`).sort()).toEqual([
      'access-analyzer:ListAnalyzers eu-west-1',
      'access-analyzer:ListAnalyzers us-east-1',
      'backup:ListBackupSelections eu-west-1',
      'elasticache:DescribeServerlessCaches eu-west-1',
      'elasticache:DescribeServerlessCaches us-east-1',
      'rds:DescribeDBClusterParameters eu-west-1',
    ]);
    expect(doc.coverage.notCollected!.filter((n) => n.gap).map((n) => n.rule).sort()).toEqual(['cache-no-backup/aws-elasticache-serverless-cache', 'security-monitoring/aws-access-analyzer']);
    expect(doc.coverage.calls!['iam:GetAccountAuthorizationDetails']).toBeGreaterThanOrEqual(1);
    // Lambda: one ListFunctions page per region. ECS: one list page per region, then one describe
    // per family, for its newest revision only (vouch-e2e-tidy has two).
    expect(doc.coverage.calls!['lambda:ListFunctions']).toBe(2);
    expect(doc.coverage.calls!['ecs:ListTaskDefinitions']).toBe(2);
    expect(doc.coverage.calls!['ecs:DescribeTaskDefinition']).toBe(seeded.world.taskDefinitions.length);
    expect(seeded.ids.get('task:vouch-e2e-tidy')).toMatch(/:2$/);
    expect(JSON.stringify(doc.coverage.notCollected)).toMatch(/1 older ACTIVE task definition revision/);
    // Whole-account IAM calls only: no per-user reads.
    expect(Object.keys(doc.coverage.calls!).filter((op) => /^iam:(GetUser|ListAttached|GetUserPolicy|GetRole$|ListRolePolicies|ListMFADevices)/.test(op))).toEqual([]);
  });

  it('never requests a secret value and never lets one out', () => {
    const calls = Object.keys(doc.coverage.calls!);
    expect(calls.filter((c) => /GetSecretValue|ssm:GetParameter/.test(c))).toEqual([]);
    const outputs = [run.stdout, run.stderr, ...readdirSync(join(out, 'reports')).map((f) => readFileSync(join(out, 'reports', f), 'utf8'))];
    const needles = [SECRET_KEY, ...plantedSecrets(seeded.world), 'Seed-Only-Pw-1!'];
    expect(needles.length).toBeGreaterThan(5);
    for (const text of outputs) for (const n of needles) expect(text.includes(n), `secret ${n.slice(0, 6)}… leaked`).toBe(false);
    // The access key id is not a secret, but vouch does not print it either.
    for (const text of outputs) expect(text.includes(ACCESS_KEY)).toBe(false);
  });

  it('reports line-oriented progress in CI', () => {
    expect(run.stderr).toMatch(/vouch scan aws: done aws:123456789012:global \[\d\/3\]/);
    // The regional units hold the calls moto cannot answer (DescribeServerlessCaches twice, DescribeDBClusterParameters, ListBackupSelections, ListAnalyzers twice).
    expect(run.stderr).toMatch(/vouch scan aws: 3\/3 units, \d+ calls, 0 throttled, 6 failed/);
  });
});

/**
 * Live AWS rules the e2e world does not plant a violation for. Every other live AWS rule is
 * either failed by a planted resource here or listed in NOT_EMULATED (not-emulated-rules.ts) and
 * failed on the loopback world of not-emulated.test.ts. The opt-in security-monitoring rules
 * (CIS AWS 1.20, 3.3, 4.1–4.16) are seeded and judged in the CIS AWS moto world
 * (test/benchmarks/cis-aws-moto.integration.test.ts) and test/aws/cis-monitoring; a new rule
 * without a planted violation goes here until it has one.
 */
const NOT_SEEDED: string[] = [];

/** Coverage operation name → the IAM action that authorizes it, from the provider declaration. */
const IAM_ACTION = new Map(readCalls(aws).map((r) => [r.op, actionOf(r) ?? ''] as const));

describe('docs/aws-iam-policy.json', () => {
  it('allows every call the scan made, and nothing that writes', () => {
    const policy = JSON.parse(readFileSync(join(import.meta.dirname, '../../docs/aws-iam-policy.json'), 'utf8'));
    const allowed = new Set<string>(policy.Statement.flatMap((s: { Action: string | string[] }) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
    const needed = Object.keys(doc.coverage.calls!).map((op) => IAM_ACTION.get(op) ?? op).filter(Boolean);
    expect(needed.length).toBeGreaterThan(30);
    expect(needed.filter((a) => !allowed.has(a))).toEqual([]);
    expect([...allowed].filter((a) => !/^[a-z0-9-]+:(Get|List|Describe|GenerateCredentialReport|GET$)/.test(a))).toEqual([]);
  });
});

describe('vouch scan aws --role-arn', () => {
  it('assumes the role (sts:AssumeRole) and scans as it', async () => {
    const r = await runVouch(['scan', 'aws', '--role-arn', `arn:aws:iam::123456789012:role/${seeded.world.roles[0]!.name}`, '--external-id', 'vouch-test', '--regions', 'us-east-1', '--services', 'iam', '--out', join(out, 'role'), '--quiet'], {
      AWS_ENDPOINT_URL: moto.url,
      AWS_ACCESS_KEY_ID: ACCESS_KEY,
      AWS_SECRET_ACCESS_KEY: SECRET_KEY,
      AWS_REGION: 'us-east-1',
      CI: 'true',
    });
    const d: EvidenceDocument = JSON.parse(readFileSync(join(out, 'role', 'evidence.json'), 'utf8'));
    expect(d.coverage.accounts).toEqual({ aws: ['123456789012'] });
    expect(d.coverage.calls!['sts:AssumeRole']).toBe(1);
    expect(d.coverage.failures).toEqual([]);
    expect([0, 1]).toContain(r.code);
  });
});

describe('vouch scan aws --org-role', () => {
  it('lists the organization and scans every active account through the role', async () => {
    const { OrganizationsClient, CreateOrganizationCommand, CreateAccountCommand } = await import('@aws-sdk/client-organizations');
    const { STSClient, AssumeRoleCommand } = await import('@aws-sdk/client-sts');
    const { S3Client, CreateBucketCommand } = await import('@aws-sdk/client-s3');
    const base = { endpoint: moto.url, region: 'us-east-1', credentials: { accessKeyId: 'seed', secretAccessKey: 'seed' } };
    const org = new OrganizationsClient(base);
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const member = (await org.send(new CreateAccountCommand({ AccountName: 'member', Email: 'member@example.com' }))).CreateAccountStatus!.AccountId!;
    // Seed a bucket inside the member account, as that account.
    const c = (await new STSClient(base).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${member}:role/Seed`, RoleSessionName: 'seed' }))).Credentials!;
    await new S3Client({ ...base, forcePathStyle: true, credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken } }).send(new CreateBucketCommand({ Bucket: 'vouch-member-bucket' }));

    await runVouch(['scan', 'aws', '--org-role', 'OrganizationAccountAccessRole', '--regions', 'us-east-1', '--services', 's3', '--out', join(out, 'org'), '--quiet'], {
      AWS_ENDPOINT_URL: moto.url,
      AWS_ACCESS_KEY_ID: ACCESS_KEY,
      AWS_SECRET_ACCESS_KEY: SECRET_KEY,
      AWS_REGION: 'us-east-1',
      CI: 'true',
    });
    const d: EvidenceDocument = JSON.parse(readFileSync(join(out, 'org', 'evidence.json'), 'utf8'));
    expect(d.coverage.accounts).toEqual({ aws: ['123456789012', member].sort() });
    expect(d.coverage.calls!['sts:AssumeRole']).toBe(2);
    expect(d.coverage.units!.map((u) => `${u.id} ${u.status}`).sort()).toEqual([`aws:123456789012:global done`, `aws:123456789012:us-east-1 done`, `aws:${member}:global done`, `aws:${member}:us-east-1 done`].sort());
    const bucket = d.findings.find((f) => f.resource.id === 'arn:aws:s3:::vouch-member-bucket');
    expect(bucket?.resource.account).toBe(member);
    const mgmt = d.findings.find((f) => f.resource.id === 'arn:aws:s3:::vouch-e2e-kms');
    expect(mgmt?.resource.account).toBe('123456789012');
  });
});

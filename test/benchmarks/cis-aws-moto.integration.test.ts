/**
 * `vouch scan aws --benchmark cis-aws` on a moto world seeded with one
 * violation per CIS AWS control vouch judges: every such automated control
 * fails, except the few moto cannot break (CANNOT_SEED, each with its reason
 * and the verdict vouch gives instead).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMoto, type Moto } from '../aws/moto.js';
import { startAccessAnalyzerServer, type AccessAnalyzerServer } from '../aws/cis-access-analyzer-server.js';
import { runVouch, type CliRun } from '../helpers/in-process.js';
import { seedCisWorld, CANNOT_SEED, REGION } from './cis-aws-world.js';
import { loadFramework } from '../../src/evaluate/frameworks/profile.js';
import type { EvidenceDocument } from '../../src/findings/evidence.js';

let moto: Moto;
let aa: AccessAnalyzerServer;
let run: CliRun;
let doc: EvidenceDocument;

beforeAll(async () => {
  [moto, aa] = await Promise.all([startMoto(), startAccessAnalyzerServer()]);
  await seedCisWorld(moto.url);
  const out = mkdtempSync(join(tmpdir(), 'vouch-cis-aws-'));
  // A claims profile about TLS only: the benchmark brings its own rules.
  writeFileSync(join(out, 'claims.yaml'), 'version: 1\nname: tls only\nclaims:\n  - { id: tls, text: "TLS 1.2 or better.", controls: [tls-min] }\n');
  // The services the CIS controls read (others' moto support is not this test's subject).
  run = await runVouch(['scan', 'aws', '--regions', REGION, '--services', 'iam,s3,ec2,rds,kms,cloudtrail,efs,cloudwatch,config,accessanalyzer,securityhub', '--benchmark', 'cis-aws', '--claims', join(out, 'claims.yaml'), '--out', join(out, 'reports'), '--format', 'json,md,sarif', '--quiet'], {
    AWS_ENDPOINT_URL: moto.url,
    // moto does not emulate IAM Access Analyzer: a loopback server in its wire format answers (no analyzers).
    AWS_ENDPOINT_URL_ACCESSANALYZER: aa.url,
    AWS_ACCESS_KEY_ID: 'AKIAVOUCHCISTEST0001',
    AWS_SECRET_ACCESS_KEY: 'cisScanSecret/K7MDENG+bPxRfiCYz0a9Q2w',
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_REGION: REGION,
    CI: 'true',
  });
  doc = JSON.parse(readFileSync(join(out, 'reports', 'evidence.json'), 'utf8'));
}, 240_000);

afterAll(async () => {
  await Promise.all([moto?.stop(), aa?.close()]);
});

describe('CIS AWS Foundations on a seeded moto world', () => {
  it('the scan completes with failures (exit 1) and no failed API call', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(doc.coverage.failures?.map((f) => `${f.operation} ${f.code}: ${f.message}`)).toEqual([]);
  });

  it('fails every automated control vouch judges, each on its seeded violation', () => {
    const cis = doc.benchmarks!.find((b) => b.id === 'cis-aws')!;
    const judged = loadFramework('cis-aws').controls.filter((c) => c.assessment === 'automated' && c.rules.length > 0);
    // Every automated CIS AWS control has a rule now.
    expect(judged.length).toBe(loadFramework('cis-aws').controls.filter((c) => c.assessment === 'automated').length);
    expect(judged.length).toBeGreaterThanOrEqual(50);
    const got = judged.map((c) => `${c.id}: ${cis.controls.find((x) => x.id === c.id)!.verdict}`);
    const want = judged.map((c) => `${c.id}: ${CANNOT_SEED[c.id]?.verdict ?? 'fail'}`);
    expect(got).toEqual(want);
  });

  it('fails the manual controls vouch can still read (root hardware MFA, MFA delete)', () => {
    const cis = doc.benchmarks!.find((b) => b.id === 'cis-aws')!;
    expect(cis.controls.find((c) => c.id === '1.6')!.verdict).toBe('fail');
    expect(cis.controls.find((c) => c.id === '2.1.2')!.verdict).toBe('fail');
    expect(cis.controls.find((c) => c.id === '1.1')!.verdict).toBe('manual');
  });

  it('names the seeded resources in the failing findings', () => {
    const failing = (rule: string) => doc.findings.filter((f) => f.ruleId === rule && f.status === 'fail').map((f) => f.resource.name ?? f.resource.id);
    expect(failing('iam-least-privilege/aws-access-keys-one-active')).toEqual(['two-keys']);
    expect(failing('mfa/aws-iam-credential-report')).toEqual(['console-no-mfa']);
    expect(failing('platform-hardening/aws-rds-auto-minor-upgrade')).toEqual(['cis-db']);
    expect(failing('bastion-only/aws-security-group')).toContain('cis-open-admin');
    expect(failing('security-monitoring/aws-cloudtrail-s3-data-events')).toEqual(['cis-trail', 'cis-trail']);
    // 4.1–4.15: one failing finding per event class, on the region's trail-alarms record.
    const alarms = doc.findings.filter((f) => f.ruleId === 'security-monitoring/aws-cloudwatch-security-alarms' && f.status === 'fail');
    expect(alarms.length).toBe(15);
    expect(alarms[0]!.message).toMatch(/no multi-region CloudTrail trail/);
    expect(failing('security-monitoring/aws-access-analyzer')).toEqual(['access analyzer us-east-1']);
    expect(failing('security-monitoring/aws-config-recorder')).toEqual(['config us-east-1']);
    expect(failing('security-monitoring/aws-securityhub')).toEqual(['security hub us-east-1']);
  });
});

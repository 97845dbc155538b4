/**
 * Suppressions fail closed: one record per acknowledgement, an expiry that no
 * second copy can outlive, and matching that stays linear whatever the glob.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { buildExampleApp, EXAMPLE_CLAIMS } from '../../cdk/example/app.js';
import { acknowledge } from '../../cdk/acknowledge.js';
import { VouchChecks } from '../../cdk/vouch-checks.js';
import { loadIac } from '../../src/sources/iac/load.js';
import { loadRules } from '../../src/evaluate/registry.js';
import { runEvaluation } from '../../src/evaluate/run.js';
import { loadProfile } from '../../src/evaluate/claims-profile.js';
import { applySuppressions, type Suppression } from '../../src/findings/suppressions.js';
import { globMatch } from '../../src/evaluate/facts.js';
import type { Finding } from '../../src/findings/evidence.js';
import { newApp, ENV, onlyControls } from '../cdk/harness.js';

const RULE = 'tls-min/aws-elasticache-replication-group';

beforeAll(async () => {
  await VouchChecks.preload();
});

function finding(id = 'S/R'): Finding {
  return {
    fingerprint: 'f',
    ruleId: 'bastion-only/aws-security-group',
    control: 'bastion-only',
    severity: 'critical',
    status: 'fail',
    message: 'm',
    resource: { type: 'aws.ec2.security-group', provider: 'aws', source: 'iac', id, name: 'R', stack: 'S', logicalId: 'R' },
    evidence: [],
    suppression: null,
  } as Finding;
}

describe('acknowledge() and the example app', () => {
  it('the example app judged after its acknowledgement expires shows the finding unsuppressed (before: suppressed)', async () => {
    const { app } = buildExampleApp({ outdir: mkdtempSync(join(tmpdir(), 'vouch-ack-')), builtinCloudFormationValidation: false });
    const assembly = app.synth();
    const inventory = loadIac([assembly.directory]);
    const judge = async (now: Date) =>
      runEvaluation({ inventory, rules: await loadRules(), profile: loadProfile(EXAMPLE_CLAIMS), command: 'test', inputs: [assembly.directory], now });
    const before = (await judge(new Date('2027-06-01T00:00:00Z'))).findings.filter((f) => f.ruleId === RULE && f.status !== 'pass');
    expect(before.length).toBeGreaterThan(0);
    for (const f of before) expect(f.suppression).toMatchObject({ expires: '2027-06-30', expired: false });
    const after = (await judge(new Date('2027-07-01T00:00:00Z'))).findings.filter((f) => f.ruleId === RULE && f.status !== 'pass');
    expect(after.length).toBe(before.length);
    for (const f of after) expect(f.suppression, JSON.stringify(f.suppression)).toMatchObject({ expires: '2027-06-30', expired: true });
    // One record per acknowledgement: the resource carries the metadata one only.
    const acks = [...inventory.all()].flatMap((r) => (r.acknowledgements ?? []).filter((a) => a.rule === RULE));
    expect(acks.length).toBeGreaterThan(0);
    expect(acks.every((a) => a.origin === 'metadata' && a.expires === '2027-06-30')).toBe(true);
  }, 120_000);

  it('a CDK Validations record of a rule the metadata acknowledges with an expiry does not outlive it', async () => {
    const app = newApp();
    const stack = new Stack(app, 'S', { env: ENV });
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'pub', subnetType: ec2.SubnetType.PUBLIC }] });
    const sg = new ec2.SecurityGroup(stack, 'Admin', { vpc });
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh');
    acknowledge(sg, 'bastion-only/aws-security-group', 'temporary lab access', { expires: '2020-01-01' });
    Validations.of(sg).acknowledge({ id: 'vouch::bastion-only/aws-security-group', reason: 'temporary lab access' });
    const dir = app.synth().directory;
    const doc = runEvaluation({ inventory: loadIac([dir]), rules: await loadRules(), profile: onlyControls(['bastion-only']), command: 't', inputs: [dir] });
    const f = doc.findings.find((x) => x.ruleId === 'bastion-only/aws-security-group' && x.status === 'fail');
    expect(f?.suppression).toMatchObject({ expired: true, expires: '2020-01-01' });
    expect(doc.summary.gatingFailures).toBeGreaterThan(0);
  }, 120_000);
});

describe('copies of one acknowledgement', () => {
  it('a copy without a date (or with a later one) does not extend the earliest expiry', () => {
    const now = new Date('2027-01-01T00:00:00Z');
    const file: Suppression[] = [
      { rule: 'bastion-only/*', resource: 'S/R', reason: 'lab', origin: 'a.yaml', expires: '2026-12-31' },
      { rule: 'bastion-only/*', resource: '*', reason: 'lab', origin: 'a.yaml' },
      { rule: 'bastion-only/*', resource: '*', reason: 'lab', origin: 'a.yaml', expires: '2099-01-01' },
    ];
    const f = finding();
    applySuppressions([f], file, () => undefined, now);
    expect(f.suppression).toMatchObject({ expired: true, expires: '2026-12-31' });
    // The same from a resource acknowledgement plus a file entry.
    const g = finding();
    applySuppressions([g], [{ rule: 'bastion-only/aws-security-group', resource: '*', reason: 'lab', origin: 'f' }], () => [{ rule: 'bastion-only/aws-security-group', reason: 'lab', origin: 'metadata', expires: '2026-06-01' }], now);
    expect(g.suppression).toMatchObject({ expired: true, expires: '2026-06-01' });
  });

  it('distinct acknowledgements (different reasons) still let an unexpired one suppress', () => {
    const f = finding();
    applySuppressions(
      [f],
      [
        { rule: 'bastion-only/*', resource: '*', reason: 'old exception', origin: 'a', expires: '2020-01-01' },
        { rule: 'bastion-only/*', resource: '*', reason: 'renewed after review', origin: 'a', expires: '2099-01-01' },
      ],
      () => undefined,
    );
    expect(f.suppression).toMatchObject({ expired: false, reason: 'renewed after review' });
  });
});

describe('glob matching is linear', () => {
  it('*a*a*a*a*a*b against a 100,000-character id answers at once', () => {
    const id = 'a'.repeat(100_000);
    const t = performance.now();
    expect(globMatch('*a*a*a*a*a*a*a*a*a*a*a*b', id)).toBe(false);
    expect(globMatch('*a*a*a*a*a*b', id + 'b')).toBe(true);
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('keeps glob meaning: *, ?, prefixes, suffixes, literals', () => {
    const cases: [string, string, boolean][] = [
      ['*', '', true], ['a*', 'abc', true], ['*c', 'abc', true], ['a*c', 'ac', true], ['a*c', 'a', false], ['a?c', 'abc', true],
      ['a?c', 'ac', false], ['*b*', 'abc', true], ['*x*', 'abc', false], ['a.c', 'abc', false], ['S/*/Bucket', 'S/x/y/Bucket', true],
      ['ab*ba', 'aba', false], ['*?', '', false], ['tls-min/*[x]', 'tls-min/a[x]', true], ['**', 'q', true], ['a*b*c', 'abbbc', true],
    ];
    for (const [p, v, want] of cases) expect(globMatch(p, v), `${p} vs ${v}`).toBe(want);
  });
});

/**
 * Coverage derived, not remembered: a live scan that could not read what a
 * rule judges (no collector, service left out with --services, listing
 * denied) makes that rule "not collected", the run incomplete (exit 3) and
 * every claim resting on it unverified — never holds.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { loadRules } from '../../src/evaluate/registry.js';
import type { Rule } from '../../src/evaluate/rule.js';
import { Inventory, type Coverage } from '../../src/model/inventory.js';
import type { Resource } from '../../src/model/resource.js';
import { runEvaluation } from '../../src/evaluate/run.js';
import { buildProfile } from '../../src/evaluate/claims-profile.js';
import { claimVerdicts } from '../../src/findings/claim-verdicts.js';
import { deriveNotCollected } from '../../src/sources/providers/coverage.js';

let rules: Rule[];
beforeAll(async () => {
  rules = await loadRules();
});

const liveRule = (id: string, types: string[]): Rule => ({
  id,
  control: id.split('/')[0] as Rule['control'],
  title: 'test rule',
  severity: 'high',
  remediation: { text: 'fix it' },
  types,
  sources: ['iac', 'live'],
  check: () => ({ status: 'pass', message: 'ok' }),
});

const scanned: Coverage = { accounts: { aws: ['123456789012'] }, failures: [] };

describe('deriveNotCollected', () => {
  it('a live rule on a type no collector produces is not collected', () => {
    const out = deriveNotCollected([liveRule('enc-rest/aws-nosuch-thing', ['aws.nosuch.thing'])], scanned);
    expect(out).toEqual([{ what: 'rule enc-rest/aws-nosuch-thing', why: 'no aws collector reads aws.nosuch.thing', gap: true, rule: 'enc-rest/aws-nosuch-thing' }]);
  });

  it('a service left out with --services leaves its rules not collected; the others are read', () => {
    const c: Coverage = { ...scanned, excludedServices: ['aws:efs'] };
    const out = deriveNotCollected(rules, c);
    // Every live rule on the EFS type, and nothing else.
    const onEfs = rules.filter((r) => r.sources.includes('live') && r.types.includes('aws.efs.file-system')).map((r) => r.id);
    expect(onEfs).toContain('enc-rest/aws-efs-file-system');
    expect(out.map((n) => n.rule).sort()).toEqual(onEfs.sort());
    for (const n of out) expect(n.why).toBe('aws.efs.file-system: service efs not selected (--services)');
  });

  it('a failed listing call leaves the rules on the types it lists not collected, naming call, region and code', () => {
    const c: Coverage = { ...scanned, failures: [{ operation: 'sqs:ListQueues', region: 'eu-west-1', account: '123456789012', code: 'AccessDenied', message: 'denied' }] };
    const out = deriveNotCollected(rules, c);
    expect(out.map((n) => n.rule)).toEqual(['enc-rest/aws-sqs-queue']);
    expect(out[0]!.why).toBe('aws.sqs.queue: sqs:ListQueues failed in eu-west-1 (123456789012): AccessDenied');
  });

  it('a per-resource call that the resource carries as a gap is not a listing failure', () => {
    const c: Coverage = { ...scanned, failures: [{ operation: 's3:GetBucketEncryption', code: 'AccessDenied', message: 'denied' }] };
    expect(deriveNotCollected(rules, c)).toEqual([]);
  });

  it('template-only types, IaC-only rules and providers that were not scanned derive nothing', () => {
    expect(deriveNotCollected(rules, scanned)).toEqual([]);
    expect(deriveNotCollected([liveRule('data-retention/aws-x', ['aws.custom.custom-thing'])], scanned)).toEqual([]);
    expect(deriveNotCollected([{ ...liveRule('enc-rest/aws-y', ['aws.nosuch.thing']), sources: ['iac'] }], scanned)).toEqual([]);
    expect(deriveNotCollected([liveRule('enc-rest/gcp-nosuch', ['gcp.nosuch.thing'])], scanned)).toEqual([]);
    expect(deriveNotCollected([liveRule('enc-rest/aws-nosuch-thing', ['aws.nosuch.thing'])], { inputs: ['template.yaml'] })).toEqual([]);
  });

  it('GCP and DigitalOcean services left out are derived the same way', () => {
    const out = deriveNotCollected(rules, { accounts: { gcp: ['p1'], digitalocean: ['team'] }, excludedServices: ['gcp:sql', 'digitalocean:spaces'] });
    // Exactly the live rules with a type produced by a left-out service (gcp sql; spaces).
    const leftOutTypes = (t: string) => t.startsWith('gcp.sql.') || t === 'digitalocean.spaces-bucket';
    const expected = rules.filter((r) => r.sources.includes('live') && r.types.some(leftOutTypes)).map((r) => r.id).sort();
    expect(out.map((n) => n.rule).sort()).toEqual(expected);
    expect(expected).toEqual(expect.arrayContaining(['backup-retention/gcp-sql-instance', 'enc-rest/gcp-sql-instance', 'tls-min/gcp-sql-instance', 'public-access/digitalocean-spaces-bucket']));
  });
});

/** A customer-managed policy that grants one read: passes iam-least-privilege/aws-iam-policy. */
const narrowPolicy: Resource = {
  type: 'aws.iam.managed-policy',
  provider: 'aws',
  source: 'live',
  id: 'arn:aws:iam::123456789012:policy/app-read',
  properties: { ManagedPolicyName: 'app-read', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }] } },
  raw: [],
  location: { account: '123456789012' },
  relations: {},
};

const profile = () =>
  buildProfile({ version: 1, name: 't', claims: [{ id: 'least', text: 'Least privilege everywhere.', controls: ['iam-least-privilege'] }] } as never);

function judge(coverage: Coverage) {
  const doc = runEvaluation({ inventory: new Inventory([narrowPolicy], coverage), rules, profile: profile(), command: 'scan aws', inputs: ['aws:123456789012'] });
  return { doc, claim: claimVerdicts(doc).verdicts[0]! };
}

describe('claims rest on coverage', () => {
  it('with every read answered, the checked policy passes and the claim holds', () => {
    const { doc, claim } = judge(scanned);
    expect(doc.findings.filter((f) => f.ruleId === 'iam-least-privilege/aws-iam-policy').map((f) => f.status)).toEqual(['pass']);
    expect(claim.verdict).toBe('holds');
    expect(doc.summary.exitCode).toBe(0);
  });

  it('with iam:GetAccountAuthorizationDetails denied the same pass cannot make the claim hold: unverified, exit 3', () => {
    const { doc, claim } = judge({ ...scanned, failures: [{ operation: 'iam:GetAccountAuthorizationDetails', account: '123456789012', code: 'AccessDenied', message: 'not authorized' }] });
    expect(doc.findings.filter((f) => f.ruleId === 'iam-least-privilege/aws-iam-policy').map((f) => f.status)).toEqual(['pass']);
    expect(claim.verdict).toBe('unverified');
    expect(claim.unverifiedBecause).toBe('not-collected');
    expect(claim.notCollected).toContain('iam-least-privilege/aws-iam-policy');
    expect(claim.reason).toMatch(/could not read their resources/);
    const gaps = doc.coverage.notCollected!.filter((n) => n.gap);
    expect(gaps.map((n) => n.rule)).toContain('iam-least-privilege/aws-iam-role-trust');
    expect(gaps.every((n) => /iam:GetAccountAuthorizationDetails failed .*AccessDenied/.test(n.why))).toBe(true);
    expect(doc.summary.exitCode).toBe(3);
  });

  it('a failure still breaks the claim: not-collected never hides a fail', () => {
    const wide: Resource = { ...narrowPolicy, id: 'arn:aws:iam::123456789012:policy/admin', properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } } };
    const doc = runEvaluation({ inventory: new Inventory([wide], { ...scanned, excludedServices: ['aws:iam'] }), rules, profile: profile(), command: 'scan aws', inputs: [] });
    expect(claimVerdicts(doc).verdicts[0]!.verdict).toBe('broken');
    expect(doc.summary.exitCode).toBe(1);
  });
});

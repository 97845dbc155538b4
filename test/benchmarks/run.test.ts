import { describe, it, expect } from 'vitest';
import { Inventory } from '../../src/model/inventory.js';
import { loadRules } from '../../src/evaluate/registry.js';
import { runEvaluation } from '../../src/evaluate/run.js';
import { buildProfile } from '../../src/evaluate/claims-profile.js';
import type { Resource } from '../../src/model/resource.js';
import type { EvidenceDocument, Finding } from '../../src/findings/evidence.js';
import { loadFramework } from '../../src/evaluate/frameworks/profile.js';
import { judgeBenchmark, benchmarkSections, type BenchmarkDef } from '../../src/evaluate/frameworks/verdicts.js';
import { renderMarkdown } from '../../src/reporters/markdown.js';
import { renderHtml } from '../../src/reporters/html.js';
import { renderSarif } from '../../src/reporters/sarif.js';
import { renderOcsf } from '../../src/reporters/ocsf.js';
import { parseEvidence } from '../../src/reporters/load-evidence.js';
import { evidenceErrors } from '../helpers/evidence-schema.js';

const live = (type: string, id: string, properties: Record<string, unknown>): Resource => ({ type, provider: 'aws', source: 'live', id, properties, location: { account: '111122223333', region: 'us-east-1', arn: id }, relations: {} });

/** A claims profile that promises TLS only: the CIS rules for root MFA/keys are outside it. */
const tlsOnly = () => buildProfile({ version: 1, name: 'tls only', claims: [{ id: 'tls', text: 'TLS 1.2 or better.', controls: ['tls-min'] }] });

async function run(resources: Resource[]): Promise<EvidenceDocument> {
  return runEvaluation({
    inventory: new Inventory(resources),
    rules: await loadRules(),
    profile: tlsOnly(),
    command: 'test',
    inputs: [],
    benchmarks: [loadFramework('cis-aws')],
  });
}

/** The root user without MFA (CIS 1.5 and 1.6 fail); password policy and support role in order. */
const rootNoMfa = () =>
  live('aws.iam.account', 'arn:aws:iam::111122223333:root', {
    Live: {
      AccountMFAEnabled: false,
      AccountAccessKeysPresent: false,
      RootVirtualMfa: false,
      SupportAccessRoles: ['support'],
      PasswordPolicy: { MinimumPasswordLength: 14, PasswordReusePrevention: 24, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, RequireNumbers: true, RequireSymbols: true, MaxPasswordAge: 90 },
    },
  });

describe('--benchmark in a run', () => {
  it("runs the benchmark's rules beside the claimed controls and judges each benchmark control", async () => {
    const doc = await run([rootNoMfa()]);
    expect(doc.findings.some((f) => f.ruleId === 'mfa/aws-root-account' && f.status === 'fail')).toBe(true);
    expect(doc.rules?.['mfa/aws-root-account']).toBeDefined();
    const cis = doc.benchmarks![0]!;
    expect(cis.id).toBe('cis-aws');
    const by = new Map(cis.controls.map((c) => [c.id, c]));
    expect(by.get('1.5')!.verdict).toBe('fail');
    expect(by.get('1.5')!.failing).toHaveLength(1);
    expect(by.get('1.4')!.verdict).toBe('pass');
    expect(by.get('1.1')!.verdict).toBe('manual');
    expect(by.get('2.3.1')!.verdict).toBe('not-checked'); // no RDS instance in the inventory
    expect(by.get('1.6')!.verdict).toBe('fail');
    expect(by.get('1.8')!.verdict).toBe('pass');
    expect(by.get('1.17')!.verdict).toBe('pass');
    expect(by.get('4.1')!.verdict).toBe('not-checked'); // no CloudWatch trail-alarms record in the inventory
    expect(cis.counts['not-covered']).toBe(0); // every automated CIS AWS control has a rule
    expect(cis.counts.fail).toBe(2);
    expect(Object.values(cis.counts).reduce((a, b) => a + b, 0)).toBe(cis.controls.length);
    // The claims verdicts are untouched by benchmark-only findings.
    expect(doc.claims.controls).toEqual(['tls-min']);
  });

  it('without --benchmark the claims scope alone decides which rules run, and no section is written', async () => {
    const doc = runEvaluation({ inventory: new Inventory([rootNoMfa()]), rules: await loadRules(), profile: tlsOnly(), command: 'test', inputs: [] });
    expect(doc.findings.filter((f) => f.ruleId === 'mfa/aws-root-account')).toEqual([]);
    expect(doc.benchmarks).toBeUndefined();
  });

  it('writes an evidence document valid against the JSON schema and readable by `vouch report`', async () => {
    const doc = await run([rootNoMfa()]);
    const json = JSON.parse(JSON.stringify(doc));
    expect(evidenceErrors(json)).toEqual([]);
    expect(benchmarkSections(parseEvidence(JSON.stringify(doc), 'e.json'))[0]!.counts).toEqual(doc.benchmarks![0]!.counts);
  });

  it('renders a per-benchmark section in Markdown and HTML, and benchmark ids in SARIF and OCSF', async () => {
    const doc = await run([rootNoMfa()]);
    const md = renderMarkdown(doc);
    expect(md).toMatch(/CIS Amazon Web Services Foundations Benchmark v3\.0\.0 \(<code>cis-aws<\/code>\): 2 FAIL/);
    expect(md).toMatch(/\| ❌ \| 1\.5 \| The root user has MFA \| \*\*FAIL\*\* \| `mfa\/aws-root-account` \|/);
    expect(md).toMatch(/\| 📝 \| 1\.1 \|.*\| manual \|/);
    const html = renderHtml(doc);
    expect(html).toContain('<h3 id="benchmark-cis-aws">');
    expect(html).toMatch(/<td class="mono">1\.5<\/td><td>The root user has MFA<\/td><td><span class="badge b-fail">FAIL<\/span>/);
    const sarif = JSON.parse(renderSarif(doc));
    const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'mfa/aws-root-account');
    expect(rule.properties.tags).toContain('benchmark:cis-aws:1.5');
    expect(rule.properties.benchmarks).toEqual(['cis-aws:1.5']);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'mfa/aws-root-account');
    expect(result.properties.benchmarks).toEqual(['cis-aws:1.5']);
    const events = renderOcsf(doc).trim().split('\n').map((l) => JSON.parse(l));
    const ev = events.find((e) => e.unmapped.vouch.rule_id === 'mfa/aws-root-account');
    expect(ev.compliance.standards).toContain('CIS Amazon Web Services Foundations Benchmark v3.0.0');
    expect(ev.compliance.requirements).toContain('CIS Amazon Web Services Foundations Benchmark v3.0.0 1.5');
  });

  it('escapes benchmark text from an evidence file in HTML', async () => {
    const doc = await run([rootNoMfa()]);
    doc.benchmarks![0]!.controls[0]!.title = '<img src=x onerror=alert(1)>';
    const html = renderHtml(doc);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('benchmark control verdicts', () => {
  const f = (ruleId: string, status: Finding['status'], extra: Partial<Finding> = {}): Finding => ({
    fingerprint: `${ruleId}-${status}-${extra.subId ?? ''}-${Math.random()}`,
    ruleId,
    control: 'mfa',
    severity: 'high',
    status,
    message: '',
    resource: { type: 't', provider: 'aws', source: 'live', id: 'x' },
    evidence: [],
    suppression: null,
    ...extra,
  });
  const def: BenchmarkDef = {
    id: 'b',
    title: 'B',
    version: '1',
    provider: 'aws',
    controls: [
      { id: 'A', title: 'two rules', assessment: 'automated', rules: ['x/aws-a', 'x/aws-b'] },
      { id: 'S', title: 'one sub-id', assessment: 'automated', rules: ['x/aws-p[Length]'] },
    ],
  };
  const verdictOf = (findings: Finding[], id: string) => judgeBenchmark(def, findings).controls.find((c) => c.id === id)!.verdict;

  it('fails on any active failure of any of its rules; unknown beats pass; nothing judged is not-checked', () => {
    expect(verdictOf([f('x/aws-a', 'pass'), f('x/aws-b', 'fail')], 'A')).toBe('fail');
    expect(verdictOf([f('x/aws-a', 'pass'), f('x/aws-b', 'unknown')], 'A')).toBe('unknown');
    expect(verdictOf([f('x/aws-a', 'pass'), f('x/aws-b', 'not-applicable')], 'A')).toBe('pass');
    expect(verdictOf([f('x/aws-a', 'not-applicable')], 'A')).toBe('not-checked');
    expect(verdictOf([], 'A')).toBe('not-checked');
  });

  it('a suppressed failure does not fail the control; an expired suppression does', () => {
    const sup = { reason: 'r', origin: 'o', expired: false };
    expect(verdictOf([f('x/aws-a', 'pass'), f('x/aws-a', 'fail', { suppression: sup })], 'A')).toBe('pass');
    expect(verdictOf([f('x/aws-a', 'fail', { suppression: { ...sup, expired: true } })], 'A')).toBe('fail');
  });

  it('a rule[subId] reference counts only findings with that sub-id', () => {
    expect(verdictOf([f('x/aws-p', 'fail', { subId: 'Reuse' }), f('x/aws-p', 'pass', { subId: 'Length' })], 'S')).toBe('pass');
    expect(verdictOf([f('x/aws-p', 'fail', { subId: 'Length' })], 'S')).toBe('fail');
  });
});

describe('benchmark sections across merged shards', () => {
  it('are re-judged over the merged findings: a failure in one shard fails the control', async () => {
    const { mergeEvidence } = await import('../../src/findings/merge.js');
    const rules = await loadRules();
    const shard = (resources: Resource[]) => runEvaluation({ inventory: new Inventory(resources), rules, profile: tlsOnly(), command: 'test', inputs: [], benchmarks: [loadFramework('cis-aws')] });
    const good = live('aws.rds.db-instance', 'arn:aws:rds:us-east-1:111122223333:db:good', { Engine: 'postgres', StorageEncrypted: true });
    const bad = live('aws.rds.db-instance', 'arn:aws:rds:eu-west-1:111122223333:db:bad', { Engine: 'postgres', StorageEncrypted: false });
    const a = shard([good]);
    const b = shard([bad]);
    expect(a.benchmarks![0]!.controls.find((c) => c.id === '2.3.1')!.verdict).toBe('pass');
    const { doc } = mergeEvidence([
      { doc: a, origin: 'a.json' },
      { doc: b, origin: 'b.json' },
    ]);
    expect(doc.benchmarks![0]!.controls.find((c) => c.id === '2.3.1')!.verdict).toBe('fail');
    expect(evidenceErrors(JSON.parse(JSON.stringify(doc)))).toEqual([]);
  });
});

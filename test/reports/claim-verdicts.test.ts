import { describe, it, expect } from 'vitest';
import { claimVerdicts } from '../../src/findings/claim-verdicts.js';
import { richEvidence, richFindings, makeFinding } from './evidence-fixture.js';

const byId = (doc = richEvidence()) => new Map(claimVerdicts(doc).verdicts.map((v) => [v.id, v]));

describe('claim verdicts from the evidence document', () => {
  it('a claim with an unsuppressed failure is broken and names the failing finding', () => {
    const doc = richEvidence();
    const v = byId(doc).get('enc')!;
    expect(v.verdict).toBe('broken');
    const failing = doc.findings.filter((f) => v.failing.includes(f.fingerprint));
    expect(failing.map((f) => f.resource.id)).toEqual(['AppStack/DataBucket']);
    expect(v.counts).toMatchObject({ pass: 2, fail: 1 });
    expect(v.bySource.iac).toMatchObject({ fail: 1, pass: 0 });
    expect(v.bySource.live).toMatchObject({ pass: 2 });
    expect(v.byProvider.gcp).toMatchObject({ pass: 1 });
    expect(v.byProvider.aws).toMatchObject({ pass: 1, fail: 1 });
  });

  it('a claim whose checked resources all pass holds; not-applicable verdicts are not checks', () => {
    const v = byId().get('tls')!;
    expect(v.verdict).toBe('holds');
    expect(v.counts).toMatchObject({ pass: 1, 'not-applicable': 1 });
  });

  it('a suppressed failure does not break a claim but is listed', () => {
    const v = byId().get('bastion')!;
    expect(v.verdict).toBe('holds');
    expect(v.suppressed).toHaveLength(1);
    expect(v.reason).toContain('1 suppressed');
  });

  it('an expired suppression no longer protects: the claim is broken', () => {
    expect(byId().get('public')!.verdict).toBe('broken');
  });

  it('unknown verdicts make a claim unverified, and say so', () => {
    const v = byId().get('redirect')!;
    expect(v.verdict).toBe('unverified');
    expect(v.unverifiedBecause).toBe('unknowns');
    expect(v.unknown).toHaveLength(1);
  });

  it('a claim with nothing in scope is unverified (nothing-in-scope), never holds', () => {
    const v = byId().get('regions')!;
    expect(v.verdict).toBe('unverified');
    expect(v.unverifiedBecause).toBe('nothing-in-scope');
    expect(v.controlsNotChecked).toEqual(['data-residency']);
  });

  it('attestation-only claims need attestation; claims with both say both', () => {
    const m = byId();
    expect(m.get('soc2')!.verdict).toBe('needs-attestation');
    expect(m.get('soc2')!.reason).toContain('SOC 2 Type II report');
    const mfa = m.get('mfa')!;
    expect(mfa.verdict).toBe('unverified');
    expect(mfa.unverifiedBecause).toBe('nothing-in-scope');
    expect(mfa.needsAttestation).toBe(true);
    expect(mfa.reason).toContain('also needs attestation');
  });

  it('a failure outranks unknowns and passes', () => {
    const findings = richFindings();
    findings.push(
      makeFinding({
        ruleId: 'https-redirect/aws-elbv2-listener',
        status: 'fail',
        resource: { id: 'S/L2', type: 'aws.elbv2.listener', provider: 'aws', source: 'iac', stack: 'S', logicalId: 'L2' },
      }),
    );
    expect(byId(richEvidence(findings)).get('redirect')!.verdict).toBe('broken');
  });

  it('counts verdicts over the profile', () => {
    const o = claimVerdicts(richEvidence());
    expect(o.counts).toEqual({ holds: 2, broken: 2, unverified: 3, 'needs-attestation': 1 });
    expect(o.attestations).toBe(2);
  });
});

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

  it('a claim over several controls (one named twice, one without findings) takes them control by control: lists, counts and key order', () => {
    const gcpBucket = { id: 'p/b', type: 'gcp.storage.bucket', provider: 'gcp', source: 'live' } as const;
    const awsBucket = { id: 'S/B', type: 'aws.s3.bucket', provider: 'aws', source: 'iac', stack: 'S', logicalId: 'B' } as const;
    const doDroplet = { id: 'd/1', type: 'digitalocean.firewall', provider: 'digitalocean', source: 'live' } as const;
    const findings = [
      makeFinding({ ruleId: 'tls-min/aws-x', status: 'fail', resource: awsBucket }),
      makeFinding({ ruleId: 'enc-rest/gcp-x', status: 'unknown', resource: gcpBucket }),
      makeFinding({ ruleId: 'tls-min/do-x', status: 'fail', resource: doDroplet }),
      makeFinding({ ruleId: 'enc-rest/aws-x', status: 'fail', resource: awsBucket }),
      makeFinding({ ruleId: 'enc-rest/aws-y', status: 'not-applicable', resource: awsBucket }),
      makeFinding({ ruleId: 'tls-min/gcp-x', status: 'pass', resource: gcpBucket }),
    ];
    const doc = richEvidence(findings);
    doc.claims.items = [{ id: 'both', text: 't', controls: ['enc-rest', 'mfa', 'tls-min', 'enc-rest'] }];
    const v = claimVerdicts(doc).verdicts[0]!;
    const fp = (i: number) => findings[i]!.fingerprint;
    // enc-rest's findings in document order, then tls-min's, then enc-rest's again.
    expect(v.failing).toEqual([fp(3), fp(0), fp(2), fp(3)]);
    expect(v.unknown).toEqual([fp(1), fp(1)]);
    expect(v.controlsNotChecked).toEqual(['mfa']);
    expect(v.counts).toEqual({ pass: 1, fail: 4, unknown: 2, 'not-applicable': 2, suppressed: 0 });
    // A provider is listed where it is first met: gcp (enc-rest's first finding), aws, then digitalocean (tls-min).
    expect(Object.keys(v.byProvider)).toEqual(['gcp', 'aws', 'digitalocean']);
    expect(Object.keys(v.bySource)).toEqual(['live', 'iac']);
    expect(v.byProvider.aws).toEqual({ pass: 0, fail: 3, unknown: 0, 'not-applicable': 2, suppressed: 0 });
    expect(v.bySource.live).toEqual({ pass: 1, fail: 1, unknown: 2, 'not-applicable': 0, suppressed: 0 });
  });
});

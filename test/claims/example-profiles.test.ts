import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadProfile } from '../../src/evaluate/claims-profile.js';

const policies = {
  fantastyc: 'examples/policies/fantastyc-security-and-privacy.txt',
  fantesty: 'examples/policies/fantesty-privacy-policy.txt',
};

describe('hand-written example claims profiles', () => {
  it('Fantastyc: TLS 1.2+, HTTPS redirect, no backups, secrets encrypted, attestation for what no API shows', () => {
    const p = loadProfile('examples/claims/fantastyc.yaml');
    expect(p.parameters.tlsMin).toBe('1.2');
    expect(p.parameters.allowedRegions).toBeUndefined();
    expect(p.controls).toEqual(
      expect.arrayContaining(['enc-rest', 'tls-min', 'https-redirect', 'secrets-encrypted', 'cache-no-backup', 'iam-least-privilege', 'mfa', 'bastion-only']),
    );
    const attested = p.claims.filter((c) => c.attestation).map((c) => c.id);
    expect(attested).toEqual(expect.arrayContaining(['tokens-encrypted-never-logged', 'provider-certifications', 'employee-training']));
  });

  it('Fantesty: TLS 1.3, 35-day backup cycle, US+EU, telemetry and account data retention, SOC 2 / pen tests / breach notice attested', () => {
    const p = loadProfile('examples/claims/fantesty.yaml');
    expect(p.parameters.tlsMin).toBe('1.3');
    expect(p.parameters.backup).toEqual({ maxDays: 35, minDays: 7, mode: 'exact' });
    expect(p.parameters.allowedRegions).toEqual(['US', 'EU']);
    // Each retention claim carries its own data set; the effective parameters keep the last one set.
    const retention = p.claims.flatMap((c) => c.parameters?.retention ?? []);
    expect(retention.map((r) => [r.dataSet, r.maxDays, r.after ?? 'creation'])).toEqual([
      ['account data', 30, 'deletion'],
      ['run telemetry', 90, 'creation'],
    ]);
    const security = p.claims.find((c) => c.id === 'security-safeguards')!;
    expect(security.attestation?.evidence).toMatch(/SOC 2/);
    expect(security.attestation?.evidence).toMatch(/penetration test/);
    expect(p.claims.find((c) => c.id === 'breach-notification')?.attestation?.evidence).toMatch(/72 hours/);
  });

  for (const [name, policyFile] of Object.entries(policies)) {
    it(`${name}: every claim quotes its policy verbatim, on the line it names`, () => {
      const policy = readFileSync(policyFile, 'utf8');
      const lines = policy.split('\n');
      const p = loadProfile(`examples/claims/${name}.yaml`);
      expect(p.policy?.file).toBe(policyFile);
      for (const c of p.claims) {
        expect(policy.includes(c.text), `${c.id}: not verbatim in ${policyFile}: ${c.text}`).toBe(true);
        expect(lines[c.source!.line! - 1], `${c.id}: not on line ${c.source?.line}`).toContain(c.text);
      }
    });
  }
});

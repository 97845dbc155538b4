import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { extractClaims, readPolicyFile, renderProfileYaml } from '../../src/claims/extract.js';
import { parseProfile } from '../../src/evaluate/claims-profile.js';

interface Expected {
  claims: { line: number; text: string; controls: string[]; parameters?: Record<string, unknown>; attestation?: boolean }[];
  review: { line: number; text: string }[];
}

const cases = [
  ['fantastyc', 'examples/policies/fantastyc-security-and-privacy.txt'],
  ['fantesty', 'examples/policies/fantesty-privacy-policy.txt'],
] as const;

describe('claims extract on the two published policies matches the hand-written expectation', () => {
  for (const [name, file] of cases) {
    const expected = parse(readFileSync(`test/claims/expected-${name}.yaml`, 'utf8')) as Expected;
    const result = extractClaims(readPolicyFile(file), file);
    const claims = result.profile.claims;

    it(`${name}: exactly the expected sentences become claims, quoted verbatim with their line`, () => {
      expect(claims.map((c) => c.text)).toEqual(expected.claims.map((c) => c.text));
      const lines = readFileSync(file, 'utf8').split('\n');
      for (const c of claims) expect(lines[c.source!.line! - 1], c.id).toContain(c.text);
      expect(claims.map((c) => c.source?.line)).toEqual(expected.claims.map((c) => c.line));
    });

    it(`${name}: each claim maps to the expected controls, parameters and attestation`, () => {
      for (const want of expected.claims) {
        const got = claims.find((c) => c.text === want.text)!;
        expect([...got.controls].sort(), want.text).toEqual([...want.controls].sort());
        expect(Boolean(got.attestation), `attestation: ${want.text}`).toBe(Boolean(want.attestation));
        if (want.parameters) expect(got.parameters, want.text).toMatchObject(want.parameters);
        else expect(got.parameters, want.text).toBeUndefined();
        expect(got.rationale, 'every claim says what triggered it').toMatch(/'.+' → /);
      }
    });

    it(`${name}: promise-like sentences that map to nothing are listed for review, with a reason`, () => {
      expect(result.profile.review.map((r) => r.text)).toEqual(expected.review.map((r) => r.text));
      expect(result.profile.review.map((r) => r.source.line)).toEqual(expected.review.map((r) => r.line));
      for (const r of result.profile.review) expect(r.reason.length).toBeGreaterThan(10);
    });

    it(`${name}: the YAML written loads as a claims profile`, () => {
      const yaml = renderProfileYaml(result, file);
      const profile = parseProfile(parse(yaml), `${name}.yaml`);
      expect(profile.claims.length).toBe(expected.claims.length);
      expect(profile.review.length).toBe(expected.review.length);
      expect(profile.claims.every((c) => c.reviewed === false)).toBe(true);
    });
  }

  it('the effective parameters are the ones each policy promises', () => {
    const fc = parseProfile(parse(renderProfileYaml(extractClaims(readPolicyFile(cases[0][1]), cases[0][1]), 'x')), 'fc');
    expect(fc.parameters.tlsMin).toBe('1.2');
    const fe = parseProfile(parse(renderProfileYaml(extractClaims(readPolicyFile(cases[1][1]), cases[1][1]), 'x')), 'fe');
    expect(fe.parameters.tlsMin).toBe('1.3');
    expect(fe.parameters.backup).toMatchObject({ maxDays: 35, mode: 'exact' });
    expect(fe.parameters.allowedRegions).toEqual(['US', 'EU']);
    expect(fe.policy).toMatchObject({ effective: 'April 1, 2026', version: '3.4.0' });
  });
});

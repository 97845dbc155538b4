import { describe, it, expect } from 'vitest';
import { PATTERNS } from '../../src/claims/patterns.js';
import { classify } from '../../src/claims/classify.js';
import { CONTROL_IDS } from '../../src/evaluate/controls.js';

describe('the pattern table checks itself', () => {
  it('ids are unique and every entry maps to controls or an attestation item', () => {
    expect(new Set(PATTERNS.map((p) => p.id)).size).toBe(PATTERNS.length);
    for (const p of PATTERNS) {
      expect(Boolean(p.controls?.length) || Boolean(p.attestation), p.id).toBe(true);
      for (const c of p.controls ?? []) expect(CONTROL_IDS, p.id).toContain(c);
      for (const s of p.supersedes ?? []) expect(PATTERNS.map((x) => x.id), `${p.id} supersedes ${s}`).toContain(s);
    }
  });

  for (const p of PATTERNS) {
    it(`${p.id}: its example maps to ${p.controls?.join(' + ') || 'an attestation item'}, and its gate lets it through`, () => {
      const lower = p.example.toLowerCase();
      if (p.gate) expect(p.gate.some((g) => lower.includes(g)), 'gate').toBe(true);
      expect(p.trigger.test(p.example), 'trigger').toBe(true);
      const c = classify(p.example);
      expect(c.review, c.review).toBeUndefined();
      for (const ctl of p.controls ?? []) expect(c.controls).toContain(ctl);
      if (p.attestation) expect(c.attestation).toContain(p.attestation);
      expect(c.rationale.join(' '), 'rationale names the words').toMatch(/'.+' → /);
    });
  }
});

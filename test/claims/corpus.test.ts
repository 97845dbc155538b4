import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { scoreCorpus, recall, precision, type Label } from '../../src/claims/score.js';
import { decodePolicy, extractClaims } from '../../src/claims/extract.js';

const dir = 'test/claims/corpus';
const docs = (split: string) => readdirSync(join(dir, split)).filter((f) => /\.(md|txt|html)$/.test(f));

describe('the labelled claims corpus', () => {
  it('has at least 30 documents in four styles, each with labels whose quotes occur in it', () => {
    const all = [...docs('tune').map((f) => ['tune', f]), ...docs('heldout').map((f) => ['heldout', f])];
    expect(all.length).toBeGreaterThanOrEqual(30);
    expect(new Set(all.map(([, f]) => f!.split('.').pop())).size).toBe(3);
    for (const [split, f] of all) {
      const text = readFileSync(join(dir, split!, f!), 'utf8').replace(/&shy;/g, '').replace(/&#8209;/g, '‑').replace(/&nbsp;/g, ' ');
      const labels = parse(readFileSync(join(dir, split!, f!.replace(/\.\w+$/, '.labels.yaml')), 'utf8')) as Label[];
      expect(labels.length, f).toBeGreaterThan(4);
      for (const l of labels) expect(text.replace(/\s+/g, ' ').includes(l.q.replace(/\s+/g, ' ')), `${f}: ${l.q}`).toBe(true);
    }
  });

  it('every class of issue 17 is labelled in the held-out part', () => {
    const classes = new Set<number>();
    for (const f of docs('heldout')) for (const l of parse(readFileSync(join(dir, 'heldout', f.replace(/\.\w+$/, '.labels.yaml')), 'utf8')) as Label[]) for (const c of l.class ?? []) classes.add(c);
    for (let c = 1; c <= 11; c++) expect(classes.has(c), `class ${c}`).toBe(true);
  });

  it('scores recall and precision; a claim with a wrong parameter counts as missed and wrong', () => {
    const r = scoreCorpus(dir, 'tune');
    expect(r.documents).toBe(docs('tune').length);
    expect(r.total.tp).toBeGreaterThan(100);
    // Regression guards (the numbers themselves are reported by `npm run bench -- claims`).
    expect(recall(r.total)).toBeGreaterThanOrEqual(0.95);
    expect(precision(r.total)).toBeGreaterThanOrEqual(0.95);
    const h = scoreCorpus(dir, 'heldout');
    expect(recall(h.total)).toBeGreaterThanOrEqual(0.9);
    expect(precision(h.total)).toBeGreaterThanOrEqual(0.9);
  });

  it('no corpus document ends in an input error, and each yields claims', () => {
    for (const split of ['tune', 'heldout'])
      for (const f of docs(split)) expect(extractClaims(decodePolicy(readFileSync(join(dir, split, f)), f), f).profile.claims.length, f).toBeGreaterThan(2);
  });
});

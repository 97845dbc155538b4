/**
 * Scores `vouch claims extract` against a labelled corpus (test/claims/corpus/):
 * each document `NAME.{md,txt,html}` has `NAME.labels.yaml`, a list of
 * sentences (identified by a distinctive quote `q`) with the controls, the
 * parameters and whether an attestation item is expected, and the classes of
 * error (issue 17) the sentence exercises. `none: true` marks a sentence that
 * must yield no claim at all.
 *
 * Unit: (sentence, control) and (sentence, attestation). A predicted item is a
 * true positive only when its parameters for that control equal the label's;
 * a wrong parameter counts as a miss *and* a wrong claim. Claims from
 * sentences no label names count as wrong. Review items count as neither.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, extname, basename } from 'node:path';
import { parse } from 'yaml';
import { extractClaims, decodePolicy } from './extract.js';
import type { ParametersInput } from '../evaluate/claims-profile.js';

export interface Label {
  q: string;
  class?: number[];
  controls?: string[];
  attest?: boolean;
  none?: boolean;
  params?: Record<string, unknown>;
}

export interface Tally {
  tp: number;
  fn: number;
  fp: number;
}

export interface Mistake {
  doc: string;
  q: string;
  item: string;
  kind: 'missed' | 'wrong';
  detail: string;
}

export interface ScoreResult {
  documents: number;
  total: Tally;
  perControl: Record<string, Tally>;
  perClass: Record<string, Tally>;
  mistakes: Mistake[];
  ms: number[];
}

const add = (m: Record<string, Tally>, k: string, f: keyof Tally) => {
  (m[k] ??= { tp: 0, fn: 0, fp: 0 })[f]++;
};

/** The parameters of one control, in a comparable form. */
function paramsFor(control: string, p: ParametersInput | Record<string, unknown> | undefined): string {
  const q = (p ?? {}) as Record<string, any>;
  switch (control) {
    case 'tls-min':
      return JSON.stringify(q.tlsMin ?? null);
    case 'enc-rest':
      return JSON.stringify({ cipher: q.cipher ?? null, cmk: q.requireCustomerManagedKeys ?? null });
    case 'backup-retention': {
      const b = q.backup ?? {};
      return JSON.stringify({ maxDays: b.maxDays ?? null, minDays: b.minDays ?? null, mode: b.mode ?? null, frequencyHours: b.frequencyHours ?? null });
    }
    case 'data-retention': {
      const r = Array.isArray(q.retention) ? q.retention[0] : q.retention;
      if (!r) return 'null';
      return JSON.stringify({ maxDays: r.maxDays ?? null, after: r.after ?? 'creation', mode: r.mode ?? null });
    }
    case 'data-residency':
      return JSON.stringify([...((q.allowedRegions as string[] | undefined) ?? [])].sort());
    default:
      return 'null';
  }
}

const norm = (s: string) => s.replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '').replace(/\s+/g, ' ').trim();

export function scoreCorpus(dir: string, split: string): ScoreResult {
  const res: ScoreResult = { documents: 0, total: { tp: 0, fn: 0, fp: 0 }, perControl: {}, perClass: {}, mistakes: [], ms: [] };
  const folder = join(dir, split);
  if (!existsSync(folder)) return res;
  for (const f of readdirSync(folder).sort()) {
    if (!/\.(md|txt|html)$/.test(f)) continue;
    const labelsFile = join(folder, `${basename(f, extname(f))}.labels.yaml`);
    if (!existsSync(labelsFile)) continue;
    res.documents++;
    const labels = (parse(readFileSync(labelsFile, 'utf8')) ?? []) as Label[];
    const text = decodePolicy(readFileSync(join(folder, f)), f);
    const t = process.hrtime.bigint();
    const out = extractClaims(text, f);
    res.ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    const claims = out.profile.claims.map((c) => ({ c, text: norm(c.text), used: false }));
    for (const l of labels) {
      const q = norm(l.q);
      const mine = claims.filter((x) => x.text.includes(q));
      for (const m of mine) m.used = true;
      const classes = (l.class?.length ? l.class : [0]).map((n) => `class ${n}`);
      const expected = new Set([...(l.controls ?? []), ...(l.attest ? ['attestation'] : [])]);
      const predicted = new Map<string, string>();
      for (const m of mine) {
        for (const ctl of m.c.controls) predicted.set(ctl, paramsFor(ctl, m.c.parameters));
        if (m.c.attestation) predicted.set('attestation', 'null');
      }
      const tally = (item: string, kind: keyof Tally, detail = '') => {
        res.total[kind]++;
        add(res.perControl, item, kind);
        for (const c of classes) add(res.perClass, c, kind);
        if (kind !== 'tp') res.mistakes.push({ doc: `${split}/${f}`, q: l.q, item, kind: kind === 'fn' ? 'missed' : 'wrong', detail });
      };
      for (const item of expected) {
        const want = item === 'attestation' ? 'null' : paramsFor(item, l.params);
        const got = predicted.get(item);
        if (got === undefined) tally(item, 'fn', mine.length ? `claim has ${[...predicted.keys()].join(', ') || 'nothing'}` : 'no claim from this sentence');
        else if (got !== want) {
          tally(item, 'fn', `parameters ${got}, expected ${want}`);
          tally(item, 'fp', `parameters ${got}, expected ${want}`);
        } else tally(item, 'tp');
      }
      for (const item of predicted.keys()) if (!expected.has(item)) tally(item, 'fp', l.none ? 'sentence promises nothing checkable' : 'not in the label');
    }
    for (const x of claims) {
      if (x.used) continue;
      for (const item of [...x.c.controls, ...(x.c.attestation ? ['attestation'] : [])]) {
        res.total.fp++;
        add(res.perControl, item, 'fp');
        add(res.perClass, 'unlabelled', 'fp');
        res.mistakes.push({ doc: `${split}/${f}`, q: x.c.text, item, kind: 'wrong', detail: 'claim from a sentence no label names' });
      }
    }
  }
  return res;
}

export const recall = (t: Tally) => (t.tp + t.fn ? t.tp / (t.tp + t.fn) : 1);
export const precision = (t: Tally) => (t.tp + t.fp ? t.tp / (t.tp + t.fp) : 1);

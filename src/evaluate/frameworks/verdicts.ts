/**
 * Benchmark sections of the evidence document: each benchmark control with
 * the rules that decide it and a verdict computed from the findings alone,
 * so `vouch report` gives the same answer as the run did.
 *
 * - pass: at least one resource was judged by the control's rules, and every
 *   judged one passes (suppressed failures are shown, they do not fail it).
 * - fail: some finding of its rules fails with no live suppression.
 * - unknown: no failure, but some verdicts could not be determined.
 * - not-checked: vouch has rules for it but nothing in scope was judged
 *   (the service was not scanned, or no such resource exists).
 * - not-covered: the benchmark marks it automated, vouch has no rule yet.
 * - manual: no API shows it; a person must attest (what to show is in `attest`).
 */
import type { EvidenceDocument, Finding, StatusCounts } from '../../findings/evidence.js';
import { emptyCounts, isActiveFailure } from '../../findings/evidence.js';

export type { BenchmarkVerdict, BenchmarkControlDef, BenchmarkControlResult, BenchmarkSection } from '../../findings/evidence.js';
import type { BenchmarkVerdict, BenchmarkControlDef, BenchmarkControlResult, BenchmarkSection } from '../../findings/evidence.js';
export const BENCHMARK_VERDICTS: readonly BenchmarkVerdict[] = ['fail', 'unknown', 'not-checked', 'not-covered', 'manual', 'pass'];

/** The framework as carried into a run (definitions only; verdicts come from findings). */
export interface BenchmarkDef {
  id: string;
  title: string;
  version: string;
  provider: string;
  url?: string;
  controls: BenchmarkControlDef[];
}

/** `rule[sub]` → { rule, sub }. */
export function parseRuleRef(ref: string): { rule: string; sub?: string } {
  const m = /^([^[\]]+)(?:\[([^[\]]+)\])?$/.exec(ref);
  return m ? { rule: m[1]!, ...(m[2] ? { sub: m[2] } : {}) } : { rule: ref };
}

export function ruleIdsOf(defs: readonly BenchmarkDef[]): Set<string> {
  return new Set(defs.flatMap((d) => d.controls.flatMap((c) => c.rules.map((r) => parseRuleRef(r).rule))));
}

function isLiveSuppressed(f: Finding): boolean {
  return f.suppression !== null && !f.suppression.expired;
}

export function judgeBenchmark(def: BenchmarkDef, findings: readonly Finding[]): BenchmarkSection {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    let list = byRule.get(f.ruleId);
    if (!list) byRule.set(f.ruleId, (list = []));
    list.push(f);
  }
  const counts = Object.fromEntries(BENCHMARK_VERDICTS.map((v) => [v, 0])) as Record<BenchmarkVerdict, number>;
  const controls = def.controls.map((c): BenchmarkControlResult => {
    const cc = emptyCounts();
    const failing: string[] = [];
    const unknown: string[] = [];
    const seen = new Set<string>();
    for (const ref of c.rules) {
      const { rule, sub } = parseRuleRef(ref);
      for (const f of byRule.get(rule) ?? []) {
        if (sub !== undefined && f.subId !== sub) continue;
        if (seen.has(f.fingerprint)) continue;
        seen.add(f.fingerprint);
        cc[f.status]++;
        if (isLiveSuppressed(f) && (f.status === 'fail' || f.status === 'unknown')) cc.suppressed++;
        if (f.status === 'fail' && isActiveFailure(f)) failing.push(f.fingerprint);
        if (f.status === 'unknown' && !isLiveSuppressed(f)) unknown.push(f.fingerprint);
      }
    }
    let verdict: BenchmarkVerdict;
    if (c.rules.length === 0) verdict = c.assessment === 'manual' ? 'manual' : 'not-covered';
    else if (failing.length) verdict = 'fail';
    else if (unknown.length) verdict = 'unknown';
    else if (cc.pass + cc.fail + cc.unknown === 0) verdict = 'not-checked';
    else verdict = 'pass';
    counts[verdict]++;
    return { ...c, verdict, counts: cc, failing, unknown };
  });
  return { id: def.id, title: def.title, version: def.version, provider: def.provider, ...(def.url ? { url: def.url } : {}), controls, counts };
}

/** The benchmark sections of a document, re-judged from its findings (robust to merges and re-renders). */
export function benchmarkSections(doc: EvidenceDocument): BenchmarkSection[] {
  return (doc.benchmarks ?? []).map((b) =>
    judgeBenchmark({ id: b.id, title: b.title, version: b.version, provider: b.provider, url: b.url, controls: b.controls.map(defOf) }, doc.findings),
  );
}

function defOf(c: BenchmarkControlResult): BenchmarkControlDef {
  const d: BenchmarkControlDef = { id: c.id, title: c.title, assessment: c.assessment, rules: c.rules };
  if (c.section) d.section = c.section;
  if (c.note) d.note = c.note;
  if (c.attest) d.attest = c.attest;
  return d;
}

export const BENCHMARK_VERDICT_LABEL: Record<BenchmarkVerdict, string> = {
  pass: 'pass',
  fail: 'FAIL',
  unknown: 'unknown',
  'not-checked': 'not checked',
  'not-covered': 'no vouch rule',
  manual: 'manual',
};

/** `3 fail, 1 unknown, ..., 20 pass of 62 controls` */
export function benchmarkCountsLine(b: BenchmarkSection): string {
  return `${BENCHMARK_VERDICTS.map((v) => `${b.counts[v]} ${BENCHMARK_VERDICT_LABEL[v]}`).join(', ')} of ${b.controls.length} controls`;
}

export interface BenchmarkRef {
  /** `cis-aws:1.4` */
  tag: string;
  /** `CIS Amazon Web Services Foundations Benchmark v3.0.0` */
  standard: string;
  /** `CIS Amazon Web Services Foundations Benchmark v3.0.0 1.4` */
  requirement: string;
}

const refsCache = new WeakMap<EvidenceDocument, Map<string, BenchmarkRef[]>>();

/** Rule id → the benchmark controls it decides (matched by rule, whatever the sub-id), cached per document. */
export function benchmarkRefsByRule(doc: EvidenceDocument): Map<string, BenchmarkRef[]> {
  let out = refsCache.get(doc);
  if (out) return out;
  out = new Map();
  for (const b of doc.benchmarks ?? []) {
    const standard = `${b.title} ${b.version}`;
    for (const c of b.controls) {
      for (const ref of c.rules) {
        const { rule } = parseRuleRef(ref);
        const list = out.get(rule) ?? [];
        const tag = `${b.id}:${c.id}`;
        if (!list.some((x) => x.tag === tag)) list.push({ tag, standard, requirement: `${standard} ${c.id}` });
        out.set(rule, list);
      }
    }
  }
  refsCache.set(doc, out);
  return out;
}

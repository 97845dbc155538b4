/**
 * One evaluation run: inventory + rules + claims profile + suppressions →
 * the evidence document. Shared by `check`, `scan`, `evaluate` and the CDK plugin.
 */
import { randomUUID } from 'node:crypto';
import type { Rule, Severity } from './rule.js';
import type { Inventory } from '../model/inventory.js';
import type { ClaimsProfile } from './claims-profile.js';
import type { EvidenceDocument, Finding, RuleInfo } from '../findings/evidence.js';
import { repoPathOf } from '../util/repo-root.js';
import { SCHEMA_VERSION } from '../findings/evidence.js';
import { evaluate, ruleInScope, summarize } from './evaluate.js';
import { applySuppressions, type Suppression } from '../findings/suppressions.js';
import { rulesHash } from './registry.js';
import { VERSION } from '../util/version.js';
import { judgeBenchmark, ruleIdsOf, type BenchmarkDef } from './frameworks/verdicts.js';
import { deriveNotCollected } from '../sources/providers/coverage.js';

export interface RunOptions {
  inventory: Inventory;
  rules: readonly Rule[];
  profile: ClaimsProfile;
  suppressions?: Suppression[];
  failOn?: Severity;
  command: string;
  inputs: string[];
  startedAt?: Date;
  now?: Date;
  /** Working directory IaC file paths are relative to (default: process.cwd()). */
  cwd?: string;
  /** Benchmarks (`--benchmark`): their rules run beside the claims' controls, and each gets a section. */
  benchmarks?: readonly BenchmarkDef[];
  /** The findings of the rules in scope, judged already (by `evaluateInScope`'s threads): not judged again. */
  findings?: Finding[];
}

/** The rules a run judges, in order: their control is claimed, or a benchmark names them. */
export function rulesInScope(rules: readonly Rule[], profile: ClaimsProfile, benchmarks: readonly BenchmarkDef[] = []): Rule[] {
  const ruleIds = ruleIdsOf(benchmarks);
  return rules.filter((r) => ruleInScope(r, { controls: profile.controls, ruleIds }));
}

/** Report-facing metadata of the rules in scope (see RuleInfo). */
export function ruleInfos(rules: readonly Rule[]): Record<string, RuleInfo> {
  const out: Record<string, RuleInfo> = {};
  // Code-unit order, which for rule ids ([a-z0-9/-]) is localeCompare's: the first localeCompare of a
  // process builds an ICU collator, ~10 ms of every run.
  for (const r of [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const info: RuleInfo = { title: r.title, control: r.control, severity: r.severity, remediation: r.remediation, types: r.types, sources: r.sources };
    if (r.risk) info.risk = r.risk;
    if (r.references?.length) info.references = r.references;
    out[r.id] = info;
  }
  return out;
}

export function runEvaluation(o: RunOptions): EvidenceDocument {
  const startedAt = o.startedAt ?? new Date();
  const failOn = o.failOn ?? 'low';
  const benchmarkRules = ruleIdsOf(o.benchmarks ?? []);
  const findings =
    o.findings ??
    evaluate(o.inventory, o.rules, {
      controls: o.profile.controls,
      ruleIds: benchmarkRules,
      ctx: { params: o.profile.parameters, inventory: o.inventory },
    });
  applySuppressions(findings, o.suppressions ?? [], (f) => o.inventory.get(f.resource.id)?.acknowledgements, o.now ?? new Date());
  const inScope = o.rules.filter((r) => o.profile.controls.includes(r.control) || benchmarkRules.has(r.id));
  // Rules in scope whose resources a live scan could not read (no collector, left out, listing failed).
  const derived = deriveNotCollected(inScope, o.inventory.coverage);
  const already = new Set((o.inventory.coverage.notCollected ?? []).map((n) => n.rule).filter(Boolean));
  const fresh = derived.filter((n) => !already.has(n.rule));
  const coverage = fresh.length ? { ...o.inventory.coverage, notCollected: [...(o.inventory.coverage.notCollected ?? []), ...fresh] } : o.inventory.coverage;
  // Source failures and things that exist but could not be judged make the run incomplete.
  const sourceFailures = (coverage.failures?.length ?? 0) + (coverage.notCollected?.filter((n) => n.gap).length ?? 0);
  const repoPath = repoPathOf(o.cwd ?? process.cwd());
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'vouch', version: VERSION, rulesHash: rulesHash([...o.rules]) },
    run: {
      id: randomUUID(),
      command: o.command,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      inputs: o.inputs,
      failOn,
      rules: inScope.length,
      ...(repoPath !== undefined ? { repoPath } : {}),
    },
    claims: {
      profile: o.profile.name,
      ...(o.profile.file ? { file: o.profile.file } : {}),
      ...(o.profile.policy ? { policy: o.profile.policy } : {}),
      parameters: o.profile.parameters,
      controls: o.profile.controls,
      items: o.profile.claims,
    },
    coverage,
    findings,
    summary: summarize(findings, failOn, sourceFailures),
    rules: ruleInfos(inScope),
    ...(o.benchmarks?.length ? { benchmarks: o.benchmarks.map((b) => judgeBenchmark(b, findings)) } : {}),
  };
}

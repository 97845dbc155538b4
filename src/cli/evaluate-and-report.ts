/**
 * The tail every evaluating command shares (check, scan *, evaluate): judge
 * the inventory with the rules and the claims profile, write the reports,
 * print the summary, exit with the documented code.
 */
import type { Inventory } from '../model/inventory.js';
import { loadRules } from '../evaluate/registry.js';
import { runEvaluation, rulesInScope } from '../evaluate/run.js';
import type { ParallelEvaluation } from '../evaluate/parallel.js';
import type { EvidenceDocument, Finding } from '../findings/evidence.js';
import { parseFormats, writeReports } from '../reporters/index.js';
import { loadSigningKey } from '../reporters/manifest.js';
import { loadEvidence } from '../reporters/load-evidence.js';
import { loadClaims, loadSuppressionsOpt, type CommonArgs } from './options.js';
import { printSummary } from './summary.js';
import { ExitCode } from './exit-code.js';
import { contextOf } from './context.js';
import { loadBenchmarks, unknownRuleRefs } from '../evaluate/frameworks/profile.js';

/** Validate the flags that do not depend on collection, before any slow work starts. */
export function prepareRun(args: CommonArgs) {
  return {
    profile: loadClaims(args.claims),
    suppressions: loadSuppressionsOpt(args.suppressions),
    formats: parseFormats(args.format),
    signKey: args['sign-key'] ? loadSigningKey(args['sign-key']) : undefined,
    baseline: args.baseline ? loadEvidence(args.baseline) : undefined,
    benchmarks: loadBenchmarks(args.benchmark),
  };
}

export async function evaluateAndReport(
  args: CommonArgs,
  prepared: ReturnType<typeof prepareRun>,
  inventory: Inventory,
  command: string,
  inputs: string[],
  startedAt: Date,
  /** Runs on the document before reports are written (the probe stage adds its findings here). */
  augment?: (doc: EvidenceDocument) => void,
  /** Worker threads started before the inventory was loaded (`check --jobs N`): they judge with this thread. */
  parallel?: ParallelEvaluation,
): Promise<EvidenceDocument> {
  const rules = await loadRules();
  const ids = new Set(rules.map((r) => r.id));
  for (const b of prepared.benchmarks) {
    const missing = unknownRuleRefs(b, ids);
    if (missing.length) throw new Error(`${b.file}: names rules that do not exist: ${missing.join(', ')}`);
  }
  let findings: Finding[] | undefined;
  try {
    if (parallel) {
      findings = await parallel.evaluate(inventory, rulesInScope(rules, prepared.profile, prepared.benchmarks), { params: prepared.profile.parameters, inventory });
      if (contextOf(args).env.VOUCH_DEBUG) contextOf(args).stderr.write(`vouch: rules judged per thread (this one first): ${parallel.judged.join(', ')}\n`);
    }
  } finally {
    parallel?.close();
  }
  const doc = runEvaluation({
    inventory,
    rules,
    profile: prepared.profile,
    suppressions: prepared.suppressions,
    failOn: args['fail-on'],
    command,
    inputs,
    startedAt,
    benchmarks: prepared.benchmarks,
    ...(findings ? { findings } : {}),
  });
  augment?.(doc);
  // A run interrupted while it collected or judged still writes what it has (as at --deadline), and
  // never as a complete run: the interruption is a coverage failure, so the run is incomplete (exit 3 at least).
  if (contextOf(args).signal.aborted) markInterrupted(doc, command);
  const written = writeReports(doc, args.out, prepared.formats, { signKey: prepared.signKey, baseline: prepared.baseline });
  printSummary(doc, written, Boolean(args.quiet), contextOf(args).stdout);
  throw new ExitCode(doc.summary.exitCode);
}

/** Record that the run was interrupted: one coverage failure, and the summary says incomplete. */
export function markInterrupted(doc: EvidenceDocument, command: string): void {
  (doc.coverage.failures ??= []).push({ operation: command, code: 'INTERRUPTED', message: 'the run was interrupted: what was not read or judged before it stopped is unknown' });
  doc.summary.incomplete = true;
  if (doc.summary.exitCode === 0) doc.summary.exitCode = 3;
}

/**
 * Merging evidence from several runs (the shards of one nightly scan) into
 * one document: findings deduplicated by fingerprint, coverage unioned, and
 * every planned unit that no shard finished listed as `missing` — which makes
 * the merged run incomplete (exit 3), never silently smaller.
 */
import type { EvidenceDocument, Finding } from './evidence.js';
import type { Coverage } from '../model/inventory.js';
import { summarize } from '../evaluate/evaluate.js';
import { randomUUID } from 'node:crypto';
import { benchmarkSections } from '../evaluate/frameworks/verdicts.js';
import { InputError } from '../util/errors.js';
import { shardOf } from './shard.js';
import { aws } from '../sources/providers/aws/index.js';

/** Clock skew tolerated between the machine that ran a shard and the one merging. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export interface MergeInput {
  /** Where the document came from (for messages). */
  origin: string;
  doc: EvidenceDocument;
}

export interface MergeResult {
  doc: EvidenceDocument;
  /** Inputs skipped as duplicates of a run already merged (same run id). */
  duplicates: string[];
  warnings: string[];
}

export function mergeEvidence(inputs: MergeInput[], failOnOverride?: EvidenceDocument['run']['failOn'], now = new Date()): MergeResult {
  if (inputs.length === 0) throw new Error('nothing to merge');
  const warnings: string[] = [];
  // A run dated after now is not evidence of tonight: it would sort last, win every conflict and pass --max-age.
  for (const i of inputs) {
    for (const k of ['startedAt', 'finishedAt'] as const) {
      const v = i.doc.run?.[k];
      const t = typeof v === 'string' ? Date.parse(v) : NaN;
      if (Number.isNaN(t)) throw new InputError(`${i.origin}: run.${k} is not a date (${JSON.stringify(v)?.slice(0, 40)})`);
      if (t > now.getTime() + MAX_CLOCK_SKEW_MS) throw new InputError(`${i.origin}: run.${k} ${v} is in the future; a shard's evidence cannot be newer than the merge`);
    }
  }
  const duplicates: string[] = [];
  const byRun = new Map<string, MergeInput>();
  for (const i of inputs) {
    if (byRun.has(i.doc.run.id)) duplicates.push(i.origin);
    else byRun.set(i.doc.run.id, i);
  }
  // Later runs win when the same finding appears twice (a unit re-run after a failure).
  const runs = [...byRun.values()].sort((a, b) => Date.parse(a.doc.run.finishedAt) - Date.parse(b.doc.run.finishedAt));
  const first = runs[0]!.doc;
  for (const r of runs.slice(1)) {
    if (r.doc.tool.rulesHash !== first.tool.rulesHash) warnings.push(`${r.origin}: made with a different rule set (${r.doc.tool.rulesHash} vs ${first.tool.rulesHash})`);
    if (r.doc.claims.profile !== first.claims.profile) warnings.push(`${r.origin}: made with claims profile '${r.doc.claims.profile}', not '${first.claims.profile}'`);
  }

  // A finding without a fingerprint is kept on its own: it cannot be told to be the same as another.
  // A shard's finding counts only for a unit that shard owns under the plan.
  const findings = new Map<string, Finding>();
  for (const r of runs)
    ownedFindings(r, warnings).forEach((f, i) => findings.set(typeof f.fingerprint === 'string' && f.fingerprint ? `fp:${f.fingerprint}` : `run:${r.doc.run.id}#${i}`, f));

  const coverage = mergeCoverage(runs.map((r) => ({ origin: r.origin, coverage: ownedCoverage(r, warnings) })));
  const missing = (coverage.units ?? []).filter((u) => u.status === 'missing').length;
  const failedSources = coverage.failures?.length ?? 0;
  const failOn = failOnOverride ?? first.run.failOn;
  const list = [...findings.values()];
  const doc: EvidenceDocument = {
    schemaVersion: first.schemaVersion,
    tool: first.tool,
    run: {
      id: randomUUID(),
      command: `merge of ${runs.length} runs`,
      startedAt: runs.map((r) => r.doc.run.startedAt).sort()[0]!,
      finishedAt: now.toISOString(),
      inputs: [...new Set(runs.flatMap((r) => r.doc.run.inputs))],
      failOn,
      rules: Math.max(...runs.map((r) => r.doc.run.rules)),
    },
    claims: first.claims,
    coverage: { ...coverage, merged: runs.map((r) => ({ runId: r.doc.run.id, origin: r.origin, shard: r.doc.coverage.shard, finishedAt: r.doc.run.finishedAt })) } as Coverage,
    findings: list,
    summary: summarize(list, failOn, failedSources + missing),
  };
  if ((doc as { rules?: unknown }).rules === undefined) {
    const rules = Object.assign({}, ...runs.map((r) => (r.doc as { rules?: object }).rules ?? {}));
    if (Object.keys(rules).length) (doc as { rules?: unknown }).rules = rules;
  }
  // Benchmark sections are re-judged over the merged findings (a shard alone saw only its part).
  const benchmarks = new Map<string, NonNullable<EvidenceDocument['benchmarks']>[number]>();
  for (const r of runs) for (const b of r.doc.benchmarks ?? []) if (!benchmarks.has(b.id)) benchmarks.set(b.id, b);
  if (benchmarks.size) doc.benchmarks = benchmarkSections({ ...doc, benchmarks: [...benchmarks.values()] });
  return { doc, duplicates, warnings };
}

/** AWS types read once per account (the `aws:<account>:global` unit), from the provider declaration. */
const AWS_GLOBAL_TYPES = new Set<string>(aws.services.filter((s) => s.scope === 'global').flatMap((s) => s.produces));

/**
 * The work unit a live finding's resource was read in (the unit ids of
 * src/collectors/*: `aws:<account>:global|<region>`, `gcp:<project>`,
 * `digitalocean:<team>`), or undefined when the finding does not say.
 */
export function unitOfFinding(f: Finding): string | undefined {
  const r = f.resource;
  if (!r || typeof r.account !== 'string' || !r.account) return undefined;
  if (r.provider === 'aws') {
    if (AWS_GLOBAL_TYPES.has(r.type)) return `aws:${r.account}:global`;
    return typeof r.region === 'string' && r.region ? `aws:${r.account}:${r.region}` : undefined;
  }
  if (r.provider === 'gcp') return `gcp:${r.account}`;
  if (r.provider === 'digitalocean') return `digitalocean:${r.account}`;
  return undefined;
}

/**
 * A sharded run's findings with only those of planned units its shard owns:
 * a shard cannot report (and so override) another shard's resources. What
 * belongs to no planned unit is kept: IaC findings, and resources every shard
 * reads alike (GCP folder and organization policies above its projects).
 */
function ownedFindings(r: MergeInput, warnings: string[]): Finding[] {
  const c = r.doc.coverage ?? {};
  const shard = c.shard;
  const list = r.doc.findings ?? [];
  if (!shard) return list;
  const valid = Number.isInteger(shard.count) && shard.count >= 1 && Number.isInteger(shard.index) && shard.index >= 0 && shard.index < shard.count;
  const planned = new Set([...(c.plannedUnits ?? []), ...(c.units ?? []).map((u) => u.id)]);
  const foreign: string[] = [];
  const kept = list.filter((f) => {
    if (f.resource?.source !== 'live') return true;
    const unit = unitOfFinding(f);
    if (unit === undefined || (!planned.has(unit) && valid)) return true;
    const ok = valid && shardOf(unit, shard.count) === shard.index;
    if (!ok) foreign.push(unit);
    return ok;
  });
  if (foreign.length) warnings.push(`${r.origin}: shard ${shard.index}/${shard.count} reports ${foreign.length} finding(s) for units it does not own under the plan (e.g. ${foreign[0]}); ignored`);
  return kept;
}

/**
 * A run's coverage with only the units its shard owns under the plan
 * (hash(unit) mod N): a shard cannot mark another shard's unit done.
 */
function ownedCoverage(r: MergeInput, warnings: string[]): Coverage {
  const c = r.doc.coverage ?? {};
  const shard = c.shard;
  if (!shard || !c.units) return c;
  const valid = Number.isInteger(shard.count) && shard.count >= 1 && Number.isInteger(shard.index) && shard.index >= 0 && shard.index < shard.count;
  const units = c.units.filter((u) => valid && shardOf(u.id, shard.count) === shard.index);
  const foreign = c.units.length - units.length;
  if (foreign) warnings.push(`${r.origin}: shard ${shard.index}/${shard.count} reports ${foreign} unit(s) it does not own under the plan (e.g. ${c.units.find((u) => !units.includes(u))!.id}); ignored`);
  return { ...c, units };
}

function mergeCoverage(entries: { origin: string; coverage: Coverage }[]): Coverage {
  const list = entries.map((e) => e.coverage);
  const out: Coverage = {};
  const accounts: Record<string, Set<string>> = {};
  const regions = new Set<string>();
  const services = new Set<string>();
  const calls: Record<string, number> = {};
  const failures: NonNullable<Coverage['failures']> = [];
  const inputs = new Set<string>();
  const notCollected: NonNullable<Coverage['notCollected']> = [];
  const planned = new Set<string>();
  const units = new Map<string, { id: string; status: 'done' | 'failed' | 'missing'; reason?: string }>();
  for (const c of list) {
    for (const [p, ids] of Object.entries(c.accounts ?? {})) for (const id of ids) (accounts[p] ??= new Set()).add(id);
    c.regions?.forEach((r) => regions.add(r));
    c.services?.forEach((s) => services.add(s));
    for (const [op, n] of Object.entries(c.calls ?? {})) calls[op] = (calls[op] ?? 0) + n;
    c.inputs?.forEach((i) => inputs.add(i));
    c.plannedUnits?.forEach((u) => planned.add(u));
    notCollected.push(...(c.notCollected ?? []));
    for (const u of c.units ?? []) {
      const prev = units.get(u.id);
      // A unit any shard finished is done; otherwise keep the failure and its reason.
      if (!prev || (prev.status !== 'done' && u.status === 'done')) units.set(u.id, { ...u });
    }
  }
  // A failure inside a unit that another run then finished is history, not a gap.
  for (const c of list) {
    for (const f of c.failures ?? []) {
      const ownRun = f.unit ? c.units?.find((u) => u.id === f.unit) : undefined;
      if (f.unit && units.get(f.unit)?.status === 'done' && ownRun?.status !== 'done') continue;
      failures.push(f);
    }
  }
  for (const id of planned) if (!units.has(id)) units.set(id, { id, status: 'missing', reason: 'no shard finished this unit' });
  if (Object.keys(accounts).length) out.accounts = Object.fromEntries(Object.entries(accounts).map(([k, v]) => [k, [...v].sort()]));
  if (regions.size) out.regions = [...regions].sort();
  if (services.size) out.services = [...services].sort();
  if (Object.keys(calls).length) out.calls = calls;
  out.failures = failures;
  if (inputs.size) out.inputs = [...inputs];
  if (notCollected.length) out.notCollected = notCollected;
  if (planned.size) out.plannedUnits = [...planned].sort();
  if (units.size) out.units = [...units.values()].sort((a, b) => a.id.localeCompare(b.id));
  return out;
}

/**
 * Evaluate: rules × resources → findings. Rules are pure; this module adds
 * what every rule needs and none should repeat: unresolved values become
 * `unknown`, `Fn::If` branches are judged one by one (worst verdict wins),
 * errors become `unknown` with the error as evidence.
 */
import type { Resource } from './resource.js';
import type { Rule, RuleContext, Verdict, Status, Severity } from './rule.js';
import { SEVERITY_RANK } from './rule.js';
import type { Finding, FindingResource, StatusCounts, Summary } from './evidence.js';
import { emptyCounts, fingerprintOf, isActiveFailure } from './evidence.js';
import { NeedsValue } from './facts.js';
import { Branches, isBranches } from './values.js';
import type { Inventory } from './inventory.js';
import type { ControlId } from './controls.js';

/** Variants beyond this many unknown conditions are not enumerated (2^4 = 16). */
const MAX_BRANCH_CONDITIONS = 4;

export function findingResource(r: Resource): FindingResource {
  const out: FindingResource = { type: r.type, provider: r.provider, source: r.source, id: r.id };
  if (r.name !== undefined) out.name = r.name;
  const l = r.location;
  for (const k of ['file', 'line', 'logicalId', 'constructPath', 'stack', 'account', 'region', 'arn'] as const) {
    if (l[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = l[k];
  }
  return out;
}

/** Conditions of unknown value that the resource's properties branch on. */
function branchConditions(value: unknown, found: Set<string>, depth = 0): void {
  if (depth > 64 || value === null || typeof value !== 'object') return;
  if (isBranches(value)) {
    found.add(value.condition);
    branchConditions(value.whenTrue, found, depth + 1);
    branchConditions(value.whenFalse, found, depth + 1);
    return;
  }
  if (Array.isArray(value)) for (const v of value) branchConditions(v, found, depth + 1);
  else if (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)
    for (const v of Object.values(value)) branchConditions(v, found, depth + 1);
}

/** Replace each `Branches` by the branch chosen in `choice`; `undefined` results are dropped. */
function pick(value: unknown, choice: Map<string, boolean>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (isBranches(value)) return pick(choice.get(value.condition) ? value.whenTrue : value.whenFalse, choice);
  if (Array.isArray(value)) return value.map((v) => pick(v, choice)).filter((v) => v !== undefined);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const p = pick(v, choice);
    if (p !== undefined) out[k] = p;
  }
  return out;
}

const variantCache = new WeakMap<Resource, { label: string; resource: Resource }[] | string>();

/** The resource as deployed under each combination of unknown conditions. */
function variantsOf(r: Resource): { label: string; resource: Resource }[] | string {
  const cached = variantCache.get(r);
  if (cached) return cached;
  const conds = new Set<string>();
  branchConditions(r.properties, conds);
  let result: { label: string; resource: Resource }[] | string;
  if (conds.size === 0) result = [{ label: '', resource: r }];
  else if (conds.size > MAX_BRANCH_CONDITIONS)
    result = `properties branch on ${conds.size} conditions of unknown value (${[...conds].join(', ')}); more than ${MAX_BRANCH_CONDITIONS} are not enumerated`;
  else {
    const names = [...conds];
    result = [];
    for (let mask = 0; mask < 1 << names.length; mask++) {
      const choice = new Map(names.map((n, i) => [n, Boolean(mask & (1 << i))]));
      const label = names.map((n) => `${n}=${choice.get(n)}`).join(', ');
      result.push({ label, resource: { ...r, properties: pick(r.properties, choice) as Record<string, unknown> } });
    }
  }
  variantCache.set(r, result);
  return result;
}

const STATUS_WEIGHT: Record<Status, number> = { fail: 3, unknown: 2, pass: 1, 'not-applicable': 0 };

function runCheck(rule: Rule, r: Resource, ctx: RuleContext): Verdict[] {
  try {
    const out = rule.check(r, ctx);
    if (out === undefined) return [];
    return Array.isArray(out) ? out : [out];
  } catch (e) {
    if (e instanceof NeedsValue) {
      return [
        {
          status: 'unknown',
          message: `cannot tell: ${e.message}`,
          evidence: [{ path: e.path, observed: `<unresolved: ${e.expression}>` }],
        },
      ];
    }
    const msg = e instanceof Error ? e.message : String(e);
    return [{ status: 'unknown', message: `rule error: ${msg}`, evidence: [{ path: '(rule)', observed: msg }] }];
  }
}

/** Verdicts of one rule on one resource, across `Fn::If` variants. */
export function judge(rule: Rule, r: Resource, ctx: RuleContext): Verdict[] {
  const variants = variantsOf(r);
  if (typeof variants === 'string') return [{ status: 'unknown', message: `cannot tell: ${variants}`, evidence: [] }];
  if (variants.length === 1) return runCheck(rule, r, ctx);
  // Several deployable variants: keep, per sub-id, the worst verdict and say which variant produced it.
  const worst = new Map<string, Verdict>();
  const perVariant: { keys: Set<string>; bad: boolean }[] = [];
  for (const v of variants) {
    const seen = { keys: new Set<string>(), bad: false };
    perVariant.push(seen);
    for (const verdict of runCheck(rule, v.resource, ctx)) {
      seen.keys.add(verdict.subId ?? '');
      if (verdict.status === 'fail' || verdict.status === 'unknown') seen.bad = true;
      const key = verdict.subId ?? '';
      const prev = worst.get(key);
      if (!prev || STATUS_WEIGHT[verdict.status] > STATUS_WEIGHT[prev.status]) {
        const labelled =
          verdict.status === 'fail' || verdict.status === 'unknown'
            ? { ...verdict, message: `when ${v.label}: ${verdict.message}` }
            : verdict;
        worst.set(key, labelled);
      }
    }
  }
  // A pass (or n/a) that some variant did not give, while that variant failed or could not tell
  // under another sub-id, holds only for the other variants: it is not the resource's verdict.
  for (const [key, verdict] of worst) {
    if (verdict.status !== 'pass' && verdict.status !== 'not-applicable') continue;
    if (perVariant.some((p) => p.bad && !p.keys.has(key))) worst.delete(key);
  }
  return [...worst.values()];
}

export interface EvaluateOptions {
  controls: readonly ControlId[];
  /** Rules that run whatever their control (a benchmark's rules). */
  ruleIds?: ReadonlySet<string>;
  ctx: RuleContext;
}

export function evaluate(inventory: Inventory, rules: readonly Rule[], opts: EvaluateOptions): Finding[] {
  const findings: Finding[] = [];
  const inScope = new Set(opts.controls);
  for (const rule of rules) {
    if (!inScope.has(rule.control) && !opts.ruleIds?.has(rule.id)) continue;
    for (const type of rule.types) {
      for (const r of inventory.ofType(type)) {
        if (!rule.sources.includes(r.source)) continue;
        const fr = findingResource(r);
        for (const v of judge(rule, r, opts.ctx)) {
          const f: Finding = {
            fingerprint: fingerprintOf(rule.id, v.subId, fr),
            ruleId: rule.id,
            control: rule.control,
            severity: rule.severity,
            status: v.status,
            message: v.message,
            title: rule.title,
            resource: fr,
            evidence: v.evidence ?? [],
            suppression: null,
          };
          if (v.subId !== undefined) f.subId = v.subId;
          findings.push(f);
        }
      }
    }
  }
  return findings;
}

export function summarize(findings: readonly Finding[], failOn: Severity, sourceFailures: number): Summary {
  const byStatus = emptyCounts();
  const byControl: Record<string, StatusCounts> = {};
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  let gating = 0;
  let unknownActive = 0;
  for (const f of findings) {
    const c = (byControl[f.control] ??= emptyCounts());
    const suppressed = f.suppression !== null && !f.suppression.expired;
    if (suppressed && (f.status === 'fail' || f.status === 'unknown')) {
      byStatus.suppressed++;
      c.suppressed++;
    }
    byStatus[f.status]++;
    c[f.status]++;
    if (f.status === 'fail') {
      bySeverity[f.severity]++;
      if (isActiveFailure(f) && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) gating++;
    }
    if (f.status === 'unknown' && !suppressed) unknownActive++;
  }
  const incomplete = unknownActive > 0 || sourceFailures > 0;
  return {
    total: findings.length,
    byStatus,
    byControl,
    bySeverity,
    gatingFailures: gating,
    incomplete,
    exitCode: gating > 0 ? 1 : incomplete ? 3 : 0,
  };
}

export { Branches };

/**
 * The evidence document: the source of truth every report is rendered from.
 * Field names are a public surface (see DESIGN.md). Its one definition is the
 * zod schema in src/schema/evidence.ts: the types below are inferred from it and
 * `schema/evidence.schema.json` is generated from it; it changes with `SCHEMA_VERSION`.
 */
import { hash } from 'node:crypto';
import type { BenchmarkSection, Finding, FindingResource, StatusCounts } from '../schema/evidence.js';

export type {
  BenchmarkSection,
  ClaimSection,
  EvidenceDocument,
  Finding,
  FindingProvider,
  FindingResource,
  RuleInfo,
  StatusCounts,
  Summary,
  SuppressionRecord,
} from '../schema/evidence.js';

export const SCHEMA_VERSION = '1.0';

/** `rule\0sub\0type\0` per rule, sub-id and type: written once, not once per finding. */
const fingerprintPrefixes = new Map<string, Map<string, Map<string, string>>>();

/** The part of a fingerprint's hashed text that names the rule, sub-id and resource type (`rule\0sub\0type\0`). */
export function fingerprintPrefix(ruleId: string, subId: string | undefined, type: string): string {
  const sub = subId ?? '';
  let bySub = fingerprintPrefixes.get(ruleId);
  if (!bySub) fingerprintPrefixes.set(ruleId, (bySub = new Map()));
  let byType = bySub.get(sub);
  if (!byType) bySub.set(sub, (byType = new Map()));
  let prefix = byType.get(type);
  if (prefix === undefined) byType.set(type, (prefix = `${ruleId}\u0000${sub}\u0000${type}\u0000`));
  return prefix;
}

/** The part of a fingerprint's hashed text that names the resource: the same for every rule that judges it. */
export function fingerprintIdentity(r: FindingResource): string {
  return r.source === 'iac' ? `${r.stack ?? ''}/${r.logicalId ?? r.id}` : (r.arn ?? r.id);
}

/** The fingerprint of `fingerprintPrefix(...)` and `fingerprintIdentity(...)`, each computed once where a caller repeats them. */
export function fingerprintFrom(prefix: string, identity: string): string {
  // One-shot `hash` (no Hash object per finding): the same digest, at a fraction of the cost on 100,000 findings.
  return hash('sha256', prefix + identity, 'hex').slice(0, 32);
}

export function fingerprintOf(ruleId: string, subId: string | undefined, r: FindingResource): string {
  return fingerprintFrom(fingerprintPrefix(ruleId, subId, r.type), fingerprintIdentity(r));
}

export function emptyCounts(): StatusCounts {
  return { pass: 0, fail: 0, unknown: 0, 'not-applicable': 0, suppressed: 0 };
}

/** A failure that still counts: not suppressed, or suppressed by an expired suppression. */
export function isActiveFailure(f: Finding): boolean {
  return f.status === 'fail' && (f.suppression === null || f.suppression.expired);
}

// The benchmark sections of the document (verdicts are computed in src/evaluate/frameworks/verdicts.ts);
// their shape is the evidence schema's (src/schema/evidence.ts).

export type BenchmarkControlResult = BenchmarkSection['controls'][number];
export type BenchmarkVerdict = BenchmarkControlResult['verdict'];
/** One control as the framework profile states it. */
export type BenchmarkControlDef = Omit<BenchmarkControlResult, 'verdict' | 'counts' | 'failing' | 'unknown'>;

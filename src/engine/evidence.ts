/**
 * The evidence document: the source of truth every report is rendered from.
 * Field names are a public surface (see DESIGN.md); `schema/evidence.schema.json`
 * is its JSON Schema and changes with `SCHEMA_VERSION`.
 */
import { createHash } from 'node:crypto';
import type { ControlId } from './controls.js';
import type { Coverage } from './inventory.js';
import type { Provider, ResourceOwner, SourceKind } from './resource.js';
import type { EvidenceItem, Remediation, Severity, Status } from './rule.js';
import type { Claim, Parameters } from './claims.js';

export const SCHEMA_VERSION = '1.0';

/** `web`: an endpoint probed by name alone (command line, claims profile), owned by no known cloud resource. */
export type FindingProvider = Provider | 'web';

export interface FindingResource {
  type: string;
  provider: FindingProvider;
  source: SourceKind;
  id: string;
  name?: string;
  file?: string;
  line?: number;
  logicalId?: string;
  constructPath?: string;
  stack?: string;
  account?: string;
  region?: string;
  arn?: string;
  /** Live: the CloudFormation stack owning the resource (optional; added in 1.0). */
  owner?: ResourceOwner;
}

export interface SuppressionRecord {
  reason: string;
  owner?: string;
  expires?: string;
  /** `metadata`, `cdk`, or the suppressions file it came from. */
  origin: string;
  /** An expired suppression no longer suppresses; it stays visible. */
  expired: boolean;
}

export interface Finding {
  /** Stable across runs: rule id + sub-id + resource identity (never line numbers). */
  fingerprint: string;
  ruleId: string;
  subId?: string;
  control: ControlId;
  severity: Severity;
  status: Status;
  message: string;
  title?: string;
  resource: FindingResource;
  evidence: EvidenceItem[];
  suppression: SuppressionRecord | null;
}

export interface StatusCounts {
  pass: number;
  fail: number;
  unknown: number;
  'not-applicable': number;
  /** Failures covered by a live (unexpired) suppression. */
  suppressed: number;
}

export interface Summary {
  total: number;
  byStatus: StatusCounts;
  byControl: Record<string, StatusCounts>;
  bySeverity: Record<Severity, number>;
  /** Unsuppressed failures at or above --fail-on. */
  gatingFailures: number;
  /** True when any verdict is `unknown` or a source reported failures. */
  incomplete: boolean;
  exitCode: 0 | 1 | 3;
}

export interface ClaimSection {
  profile: string;
  file?: string;
  policy?: { title?: string; file?: string; url?: string; effective?: string; version?: string };
  parameters: Parameters;
  controls: ControlId[];
  items: Claim[];
}

/**
 * What reports need to know about a rule without loading the rule registry:
 * SARIF rule descriptors, remediation in HTML. Optional in the document
 * (added in 1.0 without a version bump): writers fall back to the finding's
 * own `title` when a rule is missing here.
 */
export interface RuleInfo {
  title: string;
  control: ControlId;
  severity: Severity;
  risk?: string;
  remediation: Remediation;
  references?: string[];
  types: string[];
  sources: SourceKind[];
}

export interface EvidenceDocument {
  schemaVersion: string;
  tool: { name: 'vouch'; version: string; rulesHash: string };
  run: {
    id: string;
    command: string;
    startedAt: string;
    finishedAt: string;
    inputs: string[];
    failOn: Severity;
    rules: number;
    /**
     * Optional: the run's working directory relative to the repository root
     * (the nearest ancestor holding `.git`; '' when the run was at the root).
     * IaC `resource.file` paths are relative to the working directory; SARIF
     * and Markdown prefix them with this to get repository-relative paths.
     * Absent when no repository was found: paths are then used as they are.
     */
    repoPath?: string;
  };
  claims: ClaimSection;
  coverage: Coverage;
  findings: Finding[];
  summary: Summary;
  /** Optional: metadata of the rules in scope, keyed by rule id. */
  rules?: Record<string, RuleInfo>;
  /**
   * Optional (added in 1.0 without a version bump): one section per benchmark
   * asked for with `--benchmark`: each benchmark control, the rules that
   * decide it and its verdict over the findings (see src/frameworks/verdicts.ts).
   */
  benchmarks?: BenchmarkSection[];
}

export function fingerprintOf(ruleId: string, subId: string | undefined, r: FindingResource): string {
  const identity = r.source === 'iac' ? `${r.stack ?? ''}/${r.logicalId ?? r.id}` : (r.arn ?? r.id);
  return createHash('sha256')
    .update(`${ruleId}\u0000${subId ?? ''}\u0000${r.type}\u0000${identity}`)
    .digest('hex')
    .slice(0, 32);
}

export function emptyCounts(): StatusCounts {
  return { pass: 0, fail: 0, unknown: 0, 'not-applicable': 0, suppressed: 0 };
}

/** A failure that still counts: not suppressed, or suppressed by an expired suppression. */
export function isActiveFailure(f: Finding): boolean {
  return f.status === 'fail' && (f.suppression === null || f.suppression.expired);
}

// The benchmark sections of the document (verdicts are computed in src/frameworks/verdicts.ts).

export type BenchmarkVerdict = 'pass' | 'fail' | 'unknown' | 'not-checked' | 'not-covered' | 'manual';

/** One control as the framework profile states it. */
export interface BenchmarkControlDef {
  id: string;
  title: string;
  section?: string;
  /** How the benchmark itself assesses it. */
  assessment: 'automated' | 'manual';
  /** Rule ids, optionally narrowed to one finding sub-id: `iam-least-privilege/aws-password-policy[MinimumPasswordLength]`. */
  rules: string[];
  /** What vouch's rules do not cover of it, or how they read it. */
  note?: string;
  /** For manual controls: what a person must show. */
  attest?: string;
}

export interface BenchmarkControlResult extends BenchmarkControlDef {
  verdict: BenchmarkVerdict;
  counts: StatusCounts;
  /** Fingerprints of the active failures and unknowns, to find them in the document. */
  failing: string[];
  unknown: string[];
}

export interface BenchmarkSection {
  /** `cis-aws`, `cis-gcp`, `aws-fsbp`. */
  id: string;
  title: string;
  version: string;
  provider: string;
  url?: string;
  controls: BenchmarkControlResult[];
  counts: Record<BenchmarkVerdict, number>;
}

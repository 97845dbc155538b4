/**
 * A verdict per published claim, computed from the evidence document alone
 * (so `vouch report` gives the same answer as the run did).
 *
 * - holds: at least one resource of the claim's controls was checked, and
 *   every checked one passes (suppressed failures are shown, they do not break).
 * - broken: some resource fails with no live suppression.
 * - unverified: no failure, but some verdicts are unknown, a rule of the
 *   claim's controls could not read its resources (coverage.notCollected names
 *   the rule: no collector, service left out, listing denied), or nothing in
 *   scope was checked at all; `unverifiedBecause` says which.
 * - needs-attestation: the claim has no controls, only an attestation item.
 *   A claim with both controls and attestation gets the controls' verdict and
 *   `needsAttestation: true`, so neither half is hidden.
 *
 * "Checked" means a pass, fail or unknown verdict; not-applicable is not a check.
 */
import type { Claim } from '../evaluate/claims-profile.js';
import type { ControlId } from '../evaluate/controls.js';
import type { EvidenceDocument, Finding, StatusCounts } from './evidence.js';
import { emptyCounts, isActiveFailure } from './evidence.js';
import type { SourceKind } from '../model/resource.js';
import type { FindingProvider } from './evidence.js';

export type { ClaimVerdict, ClaimVerdictKind, ClaimsOverview } from '../schema/claim-verdicts.js';
import type { ClaimVerdict, ClaimVerdictKind, ClaimsOverview } from '../schema/claim-verdicts.js';
export const CLAIM_VERDICTS: readonly ClaimVerdictKind[] = ['broken', 'unverified', 'needs-attestation', 'holds'];

function isLiveSuppressed(f: Finding): boolean {
  return f.suppression !== null && !f.suppression.expired;
}

function add(c: StatusCounts, f: Finding): void {
  c[f.status]++;
  if (isLiveSuppressed(f) && (f.status === 'fail' || f.status === 'unknown')) c.suppressed++;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Rule id → control: the rule id starts with its control (`enc-rest/aws-efs-file-system`). */
const controlOfRule = (rule: string) => rule.split('/')[0]!;

/**
 * What one control's findings add to a claim, counted once per run however many claims name the
 * control: one pass over 100,000 findings instead of one per claim, and fewer objects.
 */
export interface ControlTally {
  counts: StatusCounts;
  byProvider: Partial<Record<FindingProvider, StatusCounts>>;
  bySource: Partial<Record<SourceKind, StatusCounts>>;
  /** Findings other than not-applicable. */
  checked: number;
  failing: string[];
  suppressed: string[];
  unknown: string[];
}

/** The tally of each control, its findings taken in document order. */
export function tallyByControl(findings: readonly Finding[]): Map<string, ControlTally> {
  const out = new Map<string, ControlTally>();
  for (const f of findings) {
    let t = out.get(f.control);
    if (!t) out.set(f.control, (t = { counts: emptyCounts(), byProvider: {}, bySource: {}, checked: 0, failing: [], suppressed: [], unknown: [] }));
    add(t.counts, f);
    add((t.byProvider[f.resource.provider] ??= emptyCounts()), f);
    add((t.bySource[f.resource.source] ??= emptyCounts()), f);
    if (f.status === 'not-applicable') continue;
    t.checked++;
    if (f.status === 'fail') (isActiveFailure(f) ? t.failing : t.suppressed).push(f.fingerprint);
    if (f.status === 'unknown') (isLiveSuppressed(f) ? t.suppressed : t.unknown).push(f.fingerprint);
  }
  return out;
}

function addCounts(c: StatusCounts, more: StatusCounts): void {
  c.pass += more.pass;
  c.fail += more.fail;
  c.unknown += more.unknown;
  c['not-applicable'] += more['not-applicable'];
  c.suppressed += more.suppressed;
}

function append(list: string[], more: readonly string[]): void {
  for (const x of more) list.push(x);
}

/**
 * The verdict of one claim from its controls' tallies. The same lists, counts and key orders as
 * taking the claim's findings control by control: a provider or source key first met in an earlier
 * control comes first, and within a control in the order of its findings.
 */
export function claimVerdict(claim: Claim, tallies: ReadonlyMap<string, ControlTally>, gapsByControl: ReadonlyMap<string, string[]> = new Map()): ClaimVerdict {
  const counts = emptyCounts();
  const byProvider: Partial<Record<FindingProvider, StatusCounts>> = {};
  const bySource: Partial<Record<SourceKind, StatusCounts>> = {};
  const failing: string[] = [];
  const suppressed: string[] = [];
  const unknown: string[] = [];
  const controlsNotChecked: ControlId[] = [];
  for (const control of claim.controls) {
    const t = tallies.get(control);
    if (!t || t.checked === 0) controlsNotChecked.push(control);
    if (!t) continue;
    addCounts(counts, t.counts);
    for (const [k, c] of Object.entries(t.byProvider) as [FindingProvider, StatusCounts][]) addCounts((byProvider[k] ??= emptyCounts()), c);
    for (const [k, c] of Object.entries(t.bySource) as [SourceKind, StatusCounts][]) addCounts((bySource[k] ??= emptyCounts()), c);
    append(failing, t.failing);
    append(suppressed, t.suppressed);
    append(unknown, t.unknown);
  }
  const checked = counts.pass + counts.fail + counts.unknown;
  const notCollected = [...new Set(claim.controls.flatMap((c) => gapsByControl.get(c) ?? []))].sort();
  const needsAttestation = Boolean(claim.attestation);
  let verdict: ClaimVerdictKind;
  let unverifiedBecause: ClaimVerdict['unverifiedBecause'];
  let reason: string;
  if (claim.controls.length === 0) {
    verdict = 'needs-attestation';
    reason = `no cloud API can show this; a person must attest: ${claim.attestation?.evidence ?? '(no evidence named)'}`;
  } else if (failing.length > 0) {
    verdict = 'broken';
    reason = `${plural(failing.length, 'failing check')} of ${plural(checked, 'checked verdict')}`;
  } else if (unknown.length > 0) {
    verdict = 'unverified';
    unverifiedBecause = 'unknowns';
    reason = `no failure, but ${plural(unknown.length, 'verdict')} could not be determined (unknown)`;
    if (notCollected.length) reason += `, and ${plural(notCollected.length, 'rule')} could not read ${notCollected.length === 1 ? 'its' : 'their'} resources (${notCollected.join(', ')})`;
  } else if (notCollected.length > 0) {
    verdict = 'unverified';
    unverifiedBecause = 'not-collected';
    reason = `no failure, but ${plural(notCollected.length, 'rule')} could not read ${notCollected.length === 1 ? 'its' : 'their'} resources (${notCollected.join(', ')}: see coverage.notCollected)`;
  } else if (checked === 0) {
    verdict = 'unverified';
    unverifiedBecause = 'nothing-in-scope';
    reason = `nothing in scope: no resource of ${claim.controls.join(', ')} was checked`;
  } else {
    verdict = 'holds';
    reason = `all ${plural(checked, 'checked verdict')} pass`;
  }
  if (verdict !== 'needs-attestation') {
    if (suppressed.length) reason += `; ${suppressed.length} suppressed`;
    if (controlsNotChecked.length && checked > 0) reason += `; nothing in scope for ${controlsNotChecked.join(', ')}`;
    if (needsAttestation) reason += `; also needs attestation: ${claim.attestation!.evidence}`;
  }
  const out: ClaimVerdict = {
    id: claim.id,
    text: claim.text,
    controls: [...claim.controls],
    verdict,
    needsAttestation,
    reason,
    counts,
    byProvider,
    bySource,
    controlsNotChecked,
    failing,
    suppressed,
    unknown,
  };
  if (notCollected.length) out.notCollected = notCollected;
  if (claim.source) out.source = claim.source;
  if (claim.attestation) out.attestation = claim.attestation;
  if (unverifiedBecause) out.unverifiedBecause = unverifiedBecause;
  return out;
}

export function claimVerdicts(doc: EvidenceDocument): ClaimsOverview {
  const tallies = tallyByControl(doc.findings);
  // A rule that could not read its resources keeps every claim on its control from holding.
  const gapsByControl = new Map<string, string[]>();
  for (const n of doc.coverage?.notCollected ?? []) {
    if (!n.gap || !n.rule) continue;
    const c = controlOfRule(n.rule);
    const list = gapsByControl.get(c) ?? [];
    if (!list.includes(n.rule)) list.push(n.rule);
    gapsByControl.set(c, list);
  }
  const verdicts = (doc.claims?.items ?? []).map((c) => claimVerdict(c, tallies, gapsByControl));
  const counts: Record<ClaimVerdictKind, number> = { holds: 0, broken: 0, unverified: 0, 'needs-attestation': 0 };
  for (const v of verdicts) counts[v.verdict]++;
  return { verdicts, counts, attestations: verdicts.filter((v) => v.needsAttestation).length };
}

export const VERDICT_LABEL: Record<ClaimVerdictKind, string> = {
  holds: 'holds',
  broken: 'BROKEN',
  unverified: 'unverified',
  'needs-attestation': 'needs attestation',
};

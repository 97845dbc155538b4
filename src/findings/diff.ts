/**
 * Compare two runs. Findings are matched by fingerprint (rule id + sub-id +
 * resource identity, never a line number), so moving a resource in a
 * template does not make a "new" failure.
 */
import type { EvidenceDocument, Finding } from './evidence.js';
import { isActiveFailure } from './evidence.js';

export interface EvidenceDiff {
  old: { runId: string; finishedAt: string };
  new: { runId: string; finishedAt: string };
  /** Active failures now that were not active failures before (includes suppressions that ran out). */
  newFailures: Finding[];
  /** Active failures before that now pass or are not applicable. */
  fixed: Finding[];
  /** Active failures before whose resource or rule is gone from the new run (not proven fixed). */
  disappeared: Finding[];
  stillFailing: Finding[];
  /** Unsuppressed unknowns now that were not unknown before. */
  newlyUnknown: Finding[];
  /** Findings whose suppression is expired now and was not before. */
  expiredSuppressions: Finding[];
  counts: Record<'newFailures' | 'fixed' | 'disappeared' | 'stillFailing' | 'newlyUnknown' | 'expiredSuppressions', number>;
}

const activeUnknown = (f: Finding) => f.status === 'unknown' && (f.suppression === null || f.suppression.expired);

export function diffEvidence(oldDoc: EvidenceDocument, newDoc: EvidenceDocument): EvidenceDiff {
  const before = new Map<string, Finding>();
  for (const f of oldDoc.findings) before.set(f.fingerprint, f);
  const after = new Map<string, Finding>();
  for (const f of newDoc.findings) after.set(f.fingerprint, f);
  const d: EvidenceDiff = {
    old: { runId: oldDoc.run.id, finishedAt: oldDoc.run.finishedAt },
    new: { runId: newDoc.run.id, finishedAt: newDoc.run.finishedAt },
    newFailures: [],
    fixed: [],
    disappeared: [],
    stillFailing: [],
    newlyUnknown: [],
    expiredSuppressions: [],
    counts: { newFailures: 0, fixed: 0, disappeared: 0, stillFailing: 0, newlyUnknown: 0, expiredSuppressions: 0 },
  };
  for (const f of after.values()) {
    const prev = before.get(f.fingerprint);
    if (isActiveFailure(f)) (prev && isActiveFailure(prev) ? d.stillFailing : d.newFailures).push(f);
    if (activeUnknown(f) && !(prev && prev.status === 'unknown')) d.newlyUnknown.push(f);
    if (f.suppression?.expired && !prev?.suppression?.expired) d.expiredSuppressions.push(f);
  }
  for (const p of before.values()) {
    if (!isActiveFailure(p)) continue;
    const now = after.get(p.fingerprint);
    if (!now) d.disappeared.push(p);
    else if (now.status === 'pass' || now.status === 'not-applicable') d.fixed.push(now);
  }
  for (const k of Object.keys(d.counts) as (keyof EvidenceDiff['counts'])[]) d.counts[k] = d[k].length;
  return d;
}

/**
 * Observed next to configured, computed from the evidence document alone
 * (reports use it): per claim, the verdict of the configuration planes (iac,
 * live) beside the probe plane; per probed resource and control, the
 * configured and the observed status, and whether they agree.
 */
import type { EvidenceDocument, StatusCounts } from '../../findings/evidence.js';
import type { ClaimVerdict } from '../../findings/claim-verdicts.js';
import type { Status } from '../../evaluate/rule.js';

export type PlaneStatus = Status | 'none';

const RANK: Record<PlaneStatus, number> = { fail: 4, unknown: 3, pass: 2, 'not-applicable': 1, none: 0 };
const worst = (a: PlaneStatus, b: PlaneStatus): PlaneStatus => (RANK[b] > RANK[a] ? b : a);

/** One word for a plane's counts: fail beats unknown beats pass. */
export function planeOf(c: StatusCounts | undefined): PlaneStatus {
  if (!c) return 'none';
  if (c.fail > c.suppressed) return 'fail';
  if (c.unknown > 0) return 'unknown';
  if (c.pass > 0 || c.fail > 0) return 'pass';
  if (c['not-applicable'] > 0) return 'not-applicable';
  return 'none';
}

function sum(a: StatusCounts | undefined, b: StatusCounts | undefined): StatusCounts | undefined {
  if (!a) return b;
  if (!b) return a;
  return { pass: a.pass + b.pass, fail: a.fail + b.fail, unknown: a.unknown + b.unknown, 'not-applicable': a['not-applicable'] + b['not-applicable'], suppressed: a.suppressed + b.suppressed };
}

/** `configured: pass · observed: fail (they disagree)` for a claim with probe findings; undefined without. */
export function planeLine(v: Pick<ClaimVerdict, 'bySource'>): string | undefined {
  const observed = planeOf(v.bySource.probe);
  if (observed === 'none') return undefined;
  const configured = planeOf(sum(v.bySource.iac, v.bySource.live));
  const disagree = configured !== 'none' && (configured === 'fail') !== (observed === 'fail');
  const word = (s: PlaneStatus) => (s === 'none' ? 'not checked' : s);
  return `configured: ${word(configured)} · observed: ${word(observed)}${disagree ? ' (they disagree)' : ''}`;
}

export interface ObservedRow {
  resource: string;
  type: string;
  control: string;
  configured: PlaneStatus;
  observed: PlaneStatus;
  /** The observed findings' messages, worst first. */
  observations: string[];
  disagree: boolean;
}

/** One row per probed resource and control. */
export function observedVsConfigured(doc: EvidenceDocument): ObservedRow[] {
  // Most runs probe nothing: no row, and no need to index every configured finding.
  if (!doc.findings.some((f) => f.resource.source === 'probe')) return [];
  const configured = new Map<string, PlaneStatus>();
  for (const f of doc.findings) {
    if (f.resource.source === 'probe') continue;
    const k = `${f.resource.id}\u0000${f.control}`;
    configured.set(k, worst(configured.get(k) ?? 'none', f.status));
  }
  const rows = new Map<string, ObservedRow>();
  for (const f of doc.findings) {
    if (f.resource.source !== 'probe') continue;
    const k = `${f.resource.id}\u0000${f.control}`;
    let row = rows.get(k);
    if (!row) {
      row = { resource: f.resource.name ?? f.resource.id, type: f.resource.type, control: f.control, configured: configured.get(k) ?? 'none', observed: 'none', observations: [], disagree: false };
      rows.set(k, row);
    }
    const suppressed = f.suppression !== null && !f.suppression.expired;
    row.observed = worst(row.observed, suppressed && f.status === 'fail' ? 'pass' : f.status);
    row.observations.push(`${f.status}: ${f.message}`);
  }
  const out = [...rows.values()];
  for (const r of out) {
    r.observations.sort((a, b) => RANK[b.split(':')[0] as PlaneStatus] - RANK[a.split(':')[0] as PlaneStatus]);
    r.disagree = r.configured !== 'none' && (r.configured === 'fail') !== (r.observed === 'fail');
  }
  return out.sort((a, b) => Number(b.disagree) - Number(a.disagree) || RANK[b.observed] - RANK[a.observed] || a.resource.localeCompare(b.resource));
}

/** The short human summary printed after a run. */
import type { EvidenceDocument } from '../findings/evidence.js';
import { isActiveFailure } from '../findings/evidence.js';
import { SEVERITY_RANK } from '../evaluate/rule.js';
import { where } from '../reporters/markdown.js';
import { claimVerdicts } from '../findings/claim-verdicts.js';
import { byText, safeText } from '../reporters/common.js';
import { benchmarkSections, benchmarkCountsLine } from '../evaluate/frameworks/verdicts.js';
import type { Writer } from './context.js';

export function printSummary(doc: EvidenceDocument, written: string[], quiet: boolean, out: Writer): void {
  const s = doc.summary;
  const lines: string[] = [];
  if (!quiet) {
    const controls = Object.entries(s.byControl);
    if (controls.length) {
      lines.push('control                 pass  fail  unknown  n/a');
      for (const [c, k] of controls) {
        lines.push(`${c.padEnd(22)} ${String(k.pass).padStart(5)} ${String(k.fail).padStart(5)} ${String(k.unknown).padStart(8)} ${String(k['not-applicable']).padStart(4)}`);
      }
      lines.push('');
    }
    const failing = doc.findings
      .filter(isActiveFailure)
      .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || byText(a.ruleId, b.ruleId));
    for (const f of failing.slice(0, 50)) {
      lines.push(`FAIL ${f.severity.padEnd(8)} ${f.ruleId}${f.subId ? `[${f.subId}]` : ''}  ${where(f)}`);
      lines.push(`     ${f.message}`);
    }
    if (failing.length > 50) lines.push(`… ${failing.length - 50} more failures in ${written[0] ?? 'evidence.json'}`);
    const unknowns = doc.findings.filter((f) => f.status === 'unknown' && !(f.suppression && !f.suppression.expired));
    for (const f of unknowns.slice(0, 20)) lines.push(`UNKNOWN ${f.ruleId}  ${where(f)}\n     ${f.message}`);
    if (unknowns.length > 20) lines.push(`… ${unknowns.length - 20} more unknown verdicts`);
    const gaps = (doc.coverage.notCollected ?? []).filter((n) => n.gap);
    for (const n of gaps.slice(0, 20)) lines.push(`NOT CHECKED ${n.what}\n     ${n.why}`);
    if (gaps.length > 20) lines.push(`… ${gaps.length - 20} more things not checked (coverage.notCollected)`);
    for (const f of (doc.coverage.failures ?? []).slice(0, 20)) lines.push(`NOT COLLECTED ${f.operation}${f.region ? ` ${f.region}` : ''}${f.account ? ` ${f.account}` : ''}: ${f.code}`);
    if (failing.length || unknowns.length) lines.push('');
  }
  const verdict = s.exitCode === 1 ? 'FAILED' : s.exitCode === 3 ? 'INCOMPLETE' : 'PASSED';
  if (!quiet && doc.claims.items.length) {
    const c = claimVerdicts(doc).counts;
    lines.push(`claims: ${c.broken} broken, ${c.unverified} unverified, ${c['needs-attestation']} need attestation, ${c.holds} hold`);
  }
  if (!quiet) for (const b of benchmarkSections(doc)) lines.push(`benchmark ${b.id} ${b.version}: ${benchmarkCountsLine(b)}`);
  lines.push(
    `${verdict}: ${s.byStatus.fail} failed (${s.byStatus.suppressed} suppressed, ${s.gatingFailures} at or above ${doc.run.failOn}), ${s.byStatus.unknown} unknown, ${s.byStatus.pass} passed, ${s.byStatus['not-applicable']} n/a`,
  );
  if (written.length) lines.push(`reports: ${written.join(', ')}`);
  // Names and messages come from scanned input: no escape sequence reaches the terminal.
  out.write(safeText(lines.join('\n')) + '\n');
}

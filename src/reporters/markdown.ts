/**
 * A compact summary that fits a pull-request comment or `$GITHUB_STEP_SUMMARY`:
 * the verdict per claim first, then new failures (when a baseline diff is
 * given) or failures by severity, each linked to its file:line, then unknowns.
 * Lists are capped so the comment stays under GitHub's 65,536-character limit.
 */
import type { EvidenceDocument, Finding } from '../findings/evidence.js';
import { isActiveFailure } from '../findings/evidence.js';
import { CONTROLS } from '../evaluate/controls.js';
import { SEVERITIES } from '../evaluate/rule.js';
import { claimVerdicts, VERDICT_LABEL, type ClaimVerdictKind, type ClaimsOverview } from '../findings/claim-verdicts.js';
import type { EvidenceDiff } from '../findings/diff.js';
import { bySeverityThenRule, cell, isLiveSuppressed, noMentions, repoRelative, safeText, uriPath, withOwner } from './common.js';
import { observedVsConfigured, planeLine } from '../sources/probe/compare.js';
import { benchmarksMarkdown } from './benchmarks.js';
import { driftSectionMarkdown } from '../findings/drift/sections.js';

export { cell } from './common.js';

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function where(f: Finding): string {
  const r = f.resource;
  if (r.source === 'iac') return `${r.file ?? r.stack ?? ''}${r.line ? `:${r.line}` : ''} ${r.logicalId ?? r.id}`.trim();
  return withOwner([r.account, r.region, r.arn ?? r.id].filter(Boolean).join(' '), f);
}

/** `[path:line](path#Lline) LogicalId` for IaC (repository-relative); account/region/ARN for live. */
export function whereLink(doc: EvidenceDocument, f: Finding): string {
  const r = f.resource;
  if (r.source === 'iac' && r.file) {
    const path = repoRelative(doc, r.file);
    const label = `${path}${r.line ? `:${r.line}` : ''}`;
    const href = uriPath(path).replace(/\(/g, '%28').replace(/\)/g, '%29') + (r.line ? `#L${r.line}` : '');
    return `[${cell(label)}](${href}) ${cell(r.logicalId ?? r.id)}`;
  }
  return cell(where(f));
}

const ICON: Record<ClaimVerdictKind, string> = { holds: '✅', broken: '❌', unverified: '❔', 'needs-attestation': '📝' };

export interface MarkdownOptions {
  /** Comparison with a baseline run: new failures are listed first. */
  diff?: EvidenceDiff;
  /** Most failure rows listed (default 50). */
  maxRows?: number;
  /** The document's claim verdicts when already computed (see RenderContext); else computed here. */
  claims?: ClaimsOverview;
}

function failureTable(doc: EvidenceDocument, list: Finding[], max: number, lines: string[]): void {
  lines.push('| severity | rule | where | message |', '|---|---|---|---|');
  for (const f of list.slice(0, max)) {
    const exp = f.suppression?.expired ? ' *(suppression expired)*' : '';
    lines.push(`| ${f.severity} | \`${cell(f.ruleId + (f.subId ? `[${f.subId}]` : ''))}\` | ${whereLink(doc, f)} | ${cell(cut(f.message, 200))}${exp} |`);
  }
  if (list.length > max) lines.push('', `… and ${list.length - max} more in the full report.`);
}

export function renderMarkdown(doc: EvidenceDocument, opts: MarkdownOptions = {}): string {
  const max = opts.maxRows ?? 50;
  const s = doc.summary;
  const claims = opts.claims ?? claimVerdicts(doc);
  const lines: string[] = [];
  const verdict = s.exitCode === 1 ? 'FAILED' : s.exitCode === 3 ? 'INCOMPLETE' : 'PASSED';
  const n = claims.verdicts.length;
  lines.push(`## vouch: ${verdict} — ${claims.counts.broken} of ${n} claim${n === 1 ? '' : 's'} broken`, '');
  lines.push(
    `**Claims:** ${claims.counts.holds} hold · ${claims.counts.broken} broken · ${claims.counts.unverified} unverified · ${claims.counts['needs-attestation']} need attestation only` +
      (claims.attestations ? ` (${claims.attestations} with an attestation item)` : ''),
    '',
    `**Findings:** ${s.byStatus.fail} failed (${s.byStatus.suppressed} suppressed), ${s.byStatus.unknown} unknown, ${s.byStatus.pass} passed, ${s.byStatus['not-applicable']} n/a — profile *${cell(doc.claims.profile)}*, ${doc.run.rules} rules, run \`${cell(doc.run.id)}\` at ${cell(doc.run.finishedAt)}.`,
    '',
  );
  if (n) {
    lines.push('| | claim | verdict | why |', '|---|---|---|---|');
    const order: ClaimVerdictKind[] = ['broken', 'unverified', 'needs-attestation', 'holds'];
    const sorted = [...claims.verdicts].sort((a, b) => order.indexOf(a.verdict) - order.indexOf(b.verdict));
    for (const v of sorted) {
      const label = v.verdict === 'broken' ? `**${VERDICT_LABEL[v.verdict]}**` : VERDICT_LABEL[v.verdict];
      const planes = planeLine(v);
      lines.push(`| ${ICON[v.verdict]} | ${cell(cut(v.text, 140))} | ${label}${v.needsAttestation && v.verdict !== 'needs-attestation' ? ' + attestation' : ''} | ${cell(cut(v.reason, 200))}${planes ? ` — ${cell(planes)}` : ''} |`);
    }
    lines.push('');
  }

  const observed = observedVsConfigured(doc);
  if (observed.length) {
    const disagree = observed.filter((r) => r.disagree).length;
    lines.push(`### Observed vs configured (${observed.length} probed${disagree ? `, ${disagree} disagree` : ''})`, '', '| resource | control | configured | observed | what the probe saw |', '|---|---|---|---|---|');
    for (const r of observed.slice(0, max))
      lines.push(`| ${cell(cut(r.resource, 100))} | ${cell(r.control)} | ${r.configured === 'none' ? 'not checked' : r.configured} | ${r.disagree ? `**${r.observed}**` : r.observed} | ${cell(cut(r.observations[0] ?? '', 200))} |`);
    if (observed.length > max) lines.push('', `… and ${observed.length - max} more in the full report.`);
    lines.push('');
  }

  lines.push(...driftSectionMarkdown(doc, max));

  const active = doc.findings.filter(isActiveFailure).sort(bySeverityThenRule);
  if (opts.diff) {
    const d = opts.diff;
    lines.push(`### New failures since run \`${cell(d.old.runId)}\` (${d.counts.newFailures})`, '');
    if (d.newFailures.length) failureTable(doc, [...d.newFailures].sort(bySeverityThenRule), max, lines);
    else lines.push('None.');
    lines.push('', `Fixed: ${d.counts.fixed} · still failing: ${d.counts.stillFailing} · newly unknown: ${d.counts.newlyUnknown} · suppressions expired: ${d.counts.expiredSuppressions} · gone: ${d.counts.disappeared}`, '');
    const fresh = new Set(d.newFailures.map((f) => f.fingerprint));
    const rest = active.filter((f) => !fresh.has(f.fingerprint));
    if (rest.length) {
      lines.push(`<details><summary>Still failing (${rest.length})</summary>`, '');
      failureTable(doc, rest, max, lines);
      lines.push('', '</details>', '');
    }
  } else if (active.length) {
    const counts = SEVERITIES.map((sev) => [sev, active.filter((f) => f.severity === sev).length] as const).filter(([, c]) => c);
    lines.push(`### Failures (${active.length}: ${counts.map(([sev, c]) => `${c} ${sev}`).join(', ')})`, '');
    failureTable(doc, active, max, lines);
    lines.push('');
  }

  const suppressed = doc.findings.filter((f) => isLiveSuppressed(f) && (f.status === 'fail' || f.status === 'unknown'));
  if (suppressed.length) {
    lines.push(`<details><summary>Suppressed (${suppressed.length})</summary>`, '', '| rule | where | reason | owner | expires |', '|---|---|---|---|---|');
    for (const f of suppressed.slice(0, max))
      lines.push(`| \`${cell(f.ruleId)}\` | ${whereLink(doc, f)} | ${cell(f.suppression!.reason)} | ${cell(f.suppression!.owner ?? '')} | ${cell(f.suppression!.expires ?? 'never')} |`);
    if (suppressed.length > max) lines.push('', `… and ${suppressed.length - max} more.`);
    lines.push('', '</details>', '');
  }

  const unknowns = doc.findings.filter((f) => f.status === 'unknown' && !isLiveSuppressed(f));
  if (unknowns.length) {
    lines.push(`<details><summary>Not determined — unknown (${unknowns.length})</summary>`, '', '| rule | where | why |', '|---|---|---|');
    for (const f of unknowns.slice(0, max)) lines.push(`| \`${cell(f.ruleId)}\` | ${whereLink(doc, f)} | ${cell(cut(f.message, 200))} |`);
    if (unknowns.length > max) lines.push('', `… and ${unknowns.length - max} more.`);
    lines.push('', '</details>', '');
  }

  lines.push(...benchmarksMarkdown(doc));
  lines.push('<details><summary>Per control</summary>', '', '| control | pass | fail | unknown | n/a | suppressed |', '|---|---:|---:|---:|---:|---:|');
  const seen = new Set<string>();
  for (const id of [...CONTROLS.map((c) => c.id as string), ...Object.keys(s.byControl)]) {
    const k = s.byControl[id];
    if (!k || seen.has(id)) continue;
    seen.add(id);
    lines.push(`| ${cell(id)} | ${k.pass} | ${k.fail} | ${k.unknown} | ${k['not-applicable']} | ${k.suppressed} |`);
  }
  lines.push('', '</details>');
  return lines.join('\n') + '\n';
}

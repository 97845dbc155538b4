/** A compact summary that fits a pull-request comment or `$GITHUB_STEP_SUMMARY`. */
import type { EvidenceDocument, Finding } from '../engine/evidence.js';
import { CONTROLS } from '../engine/controls.js';
import { SEVERITY_RANK } from '../engine/rule.js';

const cell = (s: unknown) => String(s ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function where(f: Finding): string {
  const r = f.resource;
  if (r.source === 'iac') return `${r.file ?? r.stack ?? ''}${r.line ? `:${r.line}` : ''} ${r.logicalId ?? r.id}`.trim();
  return [r.account, r.region, r.arn ?? r.id].filter(Boolean).join(' ');
}

export function renderMarkdown(doc: EvidenceDocument): string {
  const s = doc.summary;
  const lines: string[] = [];
  const verdict = s.exitCode === 1 ? 'FAILED' : s.exitCode === 3 ? 'INCOMPLETE' : 'PASSED';
  lines.push(`# vouch: ${verdict}`, '');
  lines.push(
    `${s.byStatus.fail} failed (${s.byStatus.suppressed} suppressed), ${s.byStatus.unknown} unknown, ${s.byStatus.pass} passed, ${s.byStatus['not-applicable']} not applicable — profile *${cell(doc.claims.profile)}*, ${doc.run.rules} rules, ${doc.run.inputs.length} inputs.`,
    '',
  );
  lines.push('| control | pass | fail | unknown | n/a |', '|---|---:|---:|---:|---:|');
  for (const c of CONTROLS) {
    const k = s.byControl[c.id];
    if (!k) continue;
    lines.push(`| ${c.id} | ${k.pass} | ${k.fail} | ${k.unknown} | ${k['not-applicable']} |`);
  }
  const failing = doc.findings
    .filter((f) => f.status === 'fail')
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.ruleId.localeCompare(b.ruleId));
  if (failing.length) {
    lines.push('', '## Failures', '', '| severity | rule | resource | message |', '|---|---|---|---|');
    for (const f of failing.slice(0, 200)) {
      const sup = f.suppression ? (f.suppression.expired ? ' (suppression expired)' : ' (suppressed)') : '';
      lines.push(`| ${f.severity} | ${cell(f.ruleId + (f.subId ? `[${f.subId}]` : ''))} | ${cell(where(f))} | ${cell(f.message)}${sup} |`);
    }
    if (failing.length > 200) lines.push('', `… and ${failing.length - 200} more failures in evidence.json.`);
  }
  const unknowns = doc.findings.filter((f) => f.status === 'unknown');
  if (unknowns.length) {
    lines.push('', '## Not determined (unknown)', '', '| rule | resource | why |', '|---|---|---|');
    for (const f of unknowns.slice(0, 100)) lines.push(`| ${cell(f.ruleId)} | ${cell(where(f))} | ${cell(f.message)} |`);
    if (unknowns.length > 100) lines.push('', `… and ${unknowns.length - 100} more in evidence.json.`);
  }
  return lines.join('\n') + '\n';
}

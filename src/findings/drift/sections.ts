/**
 * The drift section of the Markdown and HTML reports, rendered from the
 * evidence document's optional `drift` (written by `scan aws --cdk-out`).
 * Nothing is shown when the document has none.
 */
import type { EvidenceDocument } from '../evidence.js';
import type { DriftReport } from './compare.js';
import { cell, esc } from '../../reporters/common.js';

const KIND_LABEL: Record<string, string> = {
  'passes-in-code-fails-live': 'passes in code, fails live',
  'fails-in-code-passes-live': 'fails in code, passes live',
  undetermined: 'undetermined',
};

function headline(d: DriftReport): string {
  const o = d.ownership;
  const a = d.assembly;
  return (
    `${d.counts['passes-in-code-fails-live']} verdicts pass in code and fail live, ${d.counts['fails-in-code-passes-live']} fail in code and pass live, ${d.counts.undetermined} undetermined; ` +
    `owned by a stack ${o.owned}, shadow ${o.none}, ambiguous ${o.ambiguous}, ownership unknown ${o.unknown}` +
    (a ? `; assembly: ${a.notDeployed.length} not deployed, ${a.notInAssembly.length} deployed but not in it, ${a.changed.length} deployed from another version` : '') +
    (d.missingLive ? `; owned by a stack but not found live: ${d.missingLive.length}` : '')
  );
}

const cfnText = (v: DriftReport['verdicts'][number]) =>
  v.cfnDriftStatus ? `${v.cfnDriftStatus}${v.cfnDriftDifferences?.length ? `: ${v.cfnDriftDifferences.slice(0, 5).join(', ')}` : ''}` : 'not reported';

const codeAt = (v: DriftReport['verdicts'][number]) => `${v.code.constructPath ?? `${v.code.stack}/${v.code.logicalId}`}${v.code.file ? ` ${v.code.file}${v.code.line ? `:${v.code.line}` : ''}` : ''}`;

export function driftSectionMarkdown(doc: EvidenceDocument, max = 50): string[] {
  const d = doc.drift;
  if (!d) return [];
  const L: string[] = [`### Drift: code vs live`, '', cell(headline(d)), ''];
  for (const c of d.claims ?? []) L.push(`- ${cell(c.text.length > 120 ? `${c.text.slice(0, 119)}…` : c.text)}: **${cell(c.line)}**`);
  if (d.claims?.length) L.push('');
  const drifted = d.verdicts.filter((v) => v.kind !== 'in-step');
  if (drifted.length) {
    L.push('| drift | rule | live resource | code | CloudFormation drift |', '|---|---|---|---|---|');
    for (const v of drifted.slice(0, max))
      L.push(`| ${KIND_LABEL[v.kind] ?? v.kind} | \`${cell(v.ruleId + (v.subId ? `[${v.subId}]` : ''))}\` | ${cell(v.live.id)} (${v.live.status}) | ${cell(codeAt(v))} (${v.code.status}) | ${cell(cfnText(v))} |`);
    if (drifted.length > max) L.push('', `… and ${drifted.length - max} more in evidence.json (drift.verdicts).`);
    L.push('');
  }
  for (const m of (d.missingLive ?? []).slice(0, max)) L.push(`- deleted outside the pipeline (owned by stack ${cell(m.stack)}, not found live): ${cell(m.constructPath ?? `${m.stack}/${m.logicalId}`)} ${cell(m.type)} ${cell(m.physicalId)}`);
  if (d.missingLive?.length) L.push('');
  const a = d.assembly;
  if (a && (a.changed.length || a.notDeployed.length || a.notInAssembly.length || a.notCompared.length)) {
    L.push('<details><summary>Deployed templates vs the assembly</summary>', '');
    for (const c of a.changed.slice(0, max)) L.push(`- deployed from another version: ${cell(c.constructPath ?? `${c.stack}/${c.logicalId}`)}: ${cell(c.properties.join(', '))}${c.readByRules.length ? ` (rules read ${cell(c.readByRules.join(', '))})` : ''}`);
    for (const r of a.notDeployed.slice(0, max)) L.push(`- not deployed: ${cell(r.constructPath ?? `${r.stack}/${r.logicalId}`)} (${cell(r.type)})`);
    for (const r of a.notInAssembly.slice(0, max)) L.push(`- deployed, not in the assembly: ${cell(r.constructPath ?? `${r.stack}/${r.logicalId}`)} (${cell(r.type)})`);
    for (const n of a.notCompared.slice(0, max)) L.push(`- not compared: ${cell(n.stack)}: ${cell(n.reason)}`);
    L.push('', '</details>', '');
  }
  const types = Object.entries(d.shadow.byType);
  if (types.length) L.push(`Shadow resources (owned by no stack): ${types.map(([t, n]) => `${cell(t)} ${n}`).join(', ')}.`, '');
  return L;
}


export function driftSectionHtml(doc: EvidenceDocument, max = 200): string {
  const d = doc.drift;
  if (!d) return '';
  const out: string[] = ['<h2 id="drift">Drift: code vs live</h2>', `<p class="muted">${esc(headline(d))}</p>`];
  if (d.claims?.length) out.push('<ul>', ...d.claims.map((c) => `<li>${esc(c.text)}: <b>${esc(c.line)}</b></li>`), '</ul>');
  const drifted = d.verdicts.filter((v) => v.kind !== 'in-step');
  if (drifted.length) {
    out.push('<table><thead><tr><th>drift</th><th>rule</th><th>live resource</th><th>code</th><th>CloudFormation drift</th></tr></thead><tbody>');
    for (const v of drifted.slice(0, max))
      out.push(
        `<tr><td>${esc(KIND_LABEL[v.kind] ?? v.kind)}</td><td class="mono">${esc(v.ruleId + (v.subId ? `[${v.subId}]` : ''))}</td><td class="mono">${esc(v.live.id)} (${esc(v.live.status)})</td>` +
          `<td class="mono">${esc(codeAt(v))} (${esc(v.code.status)})</td><td>${esc(cfnText(v))}</td></tr>`,
      );
    out.push('</tbody></table>');
    if (drifted.length > max) out.push(`<p class="muted">… and ${drifted.length - max} more in evidence.json (drift.verdicts).</p>`);
  }
  if (d.missingLive?.length)
    out.push('<ul>', ...d.missingLive.slice(0, max).map((m) => `<li>deleted outside the pipeline (owned by stack ${esc(m.stack)}, not found live): <code>${esc(m.constructPath ?? `${m.stack}/${m.logicalId}`)}</code> ${esc(m.type)} ${esc(m.physicalId)}</li>`), '</ul>');
  const a = d.assembly;
  if (a && (a.changed.length || a.notDeployed.length || a.notInAssembly.length || a.notCompared.length)) {
    out.push('<h3>Deployed templates vs the assembly</h3><ul>');
    for (const c of a.changed.slice(0, max)) out.push(`<li>deployed from another version: <code>${esc(c.constructPath ?? `${c.stack}/${c.logicalId}`)}</code>: ${esc(c.properties.join(', '))}${c.readByRules.length ? ` (rules read ${esc(c.readByRules.join(', '))})` : ''}</li>`);
    for (const r of a.notDeployed.slice(0, max)) out.push(`<li>not deployed: <code>${esc(r.constructPath ?? `${r.stack}/${r.logicalId}`)}</code> (${esc(r.type)})</li>`);
    for (const r of a.notInAssembly.slice(0, max)) out.push(`<li>deployed, not in the assembly: <code>${esc(r.constructPath ?? `${r.stack}/${r.logicalId}`)}</code> (${esc(r.type)})</li>`);
    for (const n of a.notCompared.slice(0, max)) out.push(`<li>not compared: ${esc(n.stack)}: ${esc(n.reason)}</li>`);
    out.push('</ul>');
  }
  const types = Object.entries(d.shadow.byType);
  if (types.length) out.push(`<p>Shadow resources (owned by no stack): ${types.map(([t, n]) => `${esc(t)} ${n}`).join(', ')}.</p>`);
  return out.join('\n');
}

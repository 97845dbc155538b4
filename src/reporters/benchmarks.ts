/**
 * The per-benchmark sections of the Markdown and HTML reports: benchmark
 * control → rules → verdict, with "manual" for what no API shows and
 * "no vouch rule" for automated controls vouch does not judge yet.
 * Rendered from the evidence document alone (verdicts re-judged from its findings).
 */
import type { EvidenceDocument } from '../findings/evidence.js';
import { benchmarkSections, benchmarkCountsLine, BENCHMARK_VERDICT_LABEL, type BenchmarkControlResult } from '../evaluate/frameworks/verdicts.js';
import { cell, esc } from './common.js';

const ICON: Record<string, string> = { pass: '✅', fail: '❌', unknown: '❔', 'not-checked': '➖', 'not-covered': '⬜', manual: '📝' };

function countsText(c: BenchmarkControlResult): string {
  if (c.verdict === 'manual') return c.attest ? `attest: ${c.attest}` : '';
  if (c.verdict === 'not-covered') return c.note ?? '';
  const k = c.counts;
  const parts = [`${k.pass} pass`, `${k.fail} fail`, `${k.unknown} unknown`];
  if (k.suppressed) parts.push(`${k.suppressed} suppressed`);
  return parts.join(', ') + (c.note ? ` — ${c.note}` : '');
}

export function benchmarksMarkdown(doc: EvidenceDocument): string[] {
  const lines: string[] = [];
  for (const b of benchmarkSections(doc)) {
    lines.push(`<details><summary>${cell(b.title)} ${cell(b.version)} (<code>${cell(b.id)}</code>): ${cell(benchmarkCountsLine(b))}</summary>`, '');
    lines.push('| | control | title | verdict | rules | detail |', '|---|---|---|---|---|---|');
    for (const c of b.controls) {
      const rules = c.rules.length ? c.rules.map((r) => `\`${cell(r)}\``).join(', ') : '—';
      lines.push(`| ${ICON[c.verdict]} | ${cell(c.id)} | ${cell(c.title)} | ${c.verdict === 'fail' ? '**FAIL**' : BENCHMARK_VERDICT_LABEL[c.verdict]} | ${rules} | ${cell(countsText(c))} |`);
    }
    lines.push('', '</details>', '');
  }
  return lines;
}


const BADGE: Record<string, string> = { pass: 'pass', fail: 'fail', unknown: 'unknown', 'not-checked': 'not-applicable', 'not-covered': 'not-applicable', manual: 'needs-attestation' };

export function benchmarksHtml(doc: EvidenceDocument): string {
  const out: string[] = [];
  for (const b of benchmarkSections(doc)) {
    out.push(`<h3 id="benchmark-${esc(b.id)}">${esc(b.title)} ${esc(b.version)} <code>${esc(b.id)}</code></h3>`, `<p class="muted">${esc(benchmarkCountsLine(b))}</p>`);
    out.push('<table><thead><tr><th>control</th><th>title</th><th>verdict</th><th>rules</th><th>detail</th></tr></thead><tbody>');
    for (const c of b.controls) {
      out.push(
        `<tr><td class="mono">${esc(c.id)}</td><td>${esc(c.title)}</td><td><span class="badge b-${BADGE[c.verdict]}">${esc(BENCHMARK_VERDICT_LABEL[c.verdict])}</span></td>` +
          `<td>${c.rules.map((r) => `<code>${esc(r)}</code>`).join('<br>') || '—'}</td><td>${esc(countsText(c))}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  return out.length ? `<h2>Benchmarks</h2>\n${out.join('\n')}` : '';
}

/**
 * One self-contained HTML file for a security lead and an auditor: inline
 * CSS, inline script, inline SVG charts, no request at view time (a Content
 * Security Policy forbids any). It opens on the claim view.
 *
 * The evidence is embedded as JSON in a `<script type="application/json">`
 * with every `<`, `>` and `&` escaped, and the page script builds the DOM with
 * `textContent` only, so hostile resource names cannot inject markup; the CSP
 * allows only the page's own script (by hash), so even a missed escape could
 * not run one. Findings are rendered a page at a time, so 20,000 stay usable.
 */
import { createHash } from 'node:crypto';
import type { EvidenceDocument } from '../findings/evidence.js';
import { CONTROLS, FRAMEWORK_NAMES, getControl } from '../evaluate/controls.js';
import { claimVerdicts, type ClaimsOverview } from '../findings/claim-verdicts.js';
import { clientMain } from './html-client.js';
import { observedVsConfigured, planeLine } from '../sources/probe/compare.js';
import { benchmarksHtml } from './benchmarks.js';
import { driftSectionHtml } from '../findings/drift/sections.js';

import { esc } from './common.js';
export { esc };

/** JSON that is inert inside a `<script>` element: no `<`, `>`, `&` or line separators survive raw. */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const COLORS = { pass: '#2e7d32', fail: '#c62828', suppressed: '#7e57c2', unknown: '#e08600', na: '#b0b0b0' };

/** Horizontal stacked bars, one per control: pass / fail / suppressed / unknown / n-a. */
interface ChartCounts {
  fail: number;
  suppressed: number;
  unknown: number;
  pass: number;
  na: number;
}

/** Per control, counting each finding once: a suppressed failure or unknown is only "suppressed". */
function chartCounts(doc: EvidenceDocument): Record<string, ChartCounts> {
  const out: Record<string, ChartCounts> = {};
  for (const f of doc.findings) {
    const c = (out[f.control] ??= { fail: 0, suppressed: 0, unknown: 0, pass: 0, na: 0 });
    const sup = f.suppression !== null && !f.suppression.expired && (f.status === 'fail' || f.status === 'unknown');
    if (sup) c.suppressed++;
    else if (f.status === 'fail') c.fail++;
    else if (f.status === 'unknown') c.unknown++;
    else if (f.status === 'pass') c.pass++;
    else c.na++;
  }
  return out;
}

function controlsChart(byControl: Record<string, ChartCounts>): string {
  const ids = [...CONTROLS.map((c) => c.id as string), ...Object.keys(byControl)].filter((id, i, a) => byControl[id] && a.indexOf(id) === i);
  if (!ids.length) return '<p class="muted">No findings.</p>';
  const rowH = 26;
  const labelW = 170;
  const barW = 520;
  const h = ids.length * rowH + 34;
  const parts: string[] = [
    `<svg class="chart" role="img" aria-label="Findings per control" viewBox="0 0 ${labelW + barW + 200} ${h}" width="${labelW + barW + 200}" height="${h}" xmlns="http://www.w3.org/2000/svg">`,
  ];
  ids.forEach((id, i) => {
    const k = byControl[id]!;
    const activeFail = k.fail;
    const segs: [string, number, string][] = [
      ['fail', k.fail, COLORS.fail],
      ['suppressed', k.suppressed, COLORS.suppressed],
      ['unknown', k.unknown, COLORS.unknown],
      ['pass', k.pass, COLORS.pass],
      ['n/a', k.na, COLORS.na],
    ];
    const total = segs.reduce((a, s) => a + s[1], 0) || 1;
    const y = i * rowH + 4;
    parts.push(`<text x="${labelW - 8}" y="${y + 15}" text-anchor="end" class="lbl">${esc(id)}</text>`);
    let x = labelW;
    for (const [name, n, color] of segs) {
      if (!n) continue;
      const w = Math.max(1, (n / total) * barW);
      parts.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${color}"><title>${esc(`${id}: ${n} ${name}`)}</title></rect>`);
      x += w;
    }
    parts.push(`<text x="${labelW + barW + 8}" y="${y + 15}" class="lbl">${activeFail} fail · ${k.unknown} unknown · ${k.pass} pass</text>`);
  });
  const ly = ids.length * rowH + 20;
  let lx = labelW;
  for (const [name, color] of [['fail', COLORS.fail], ['suppressed', COLORS.suppressed], ['unknown', COLORS.unknown], ['pass', COLORS.pass], ['n/a', COLORS.na]] as const) {
    parts.push(`<rect x="${lx}" y="${ly - 10}" width="12" height="12" fill="${color}"/><text x="${lx + 16}" y="${ly}" class="lbl">${name}</text>`);
    lx += 100;
  }
  parts.push('</svg>');
  return parts.join('');
}

/** One stacked bar of claim verdicts. */
function claimsChart(c: ClaimsOverview): string {
  const total = c.verdicts.length;
  if (!total) return '';
  const segs: [string, number, string][] = [
    ['broken', c.counts.broken, COLORS.fail],
    ['unverified', c.counts.unverified, COLORS.unknown],
    ['needs attestation', c.counts['needs-attestation'], '#1e88e5'],
    ['holds', c.counts.holds, COLORS.pass],
  ];
  const W = 600;
  let x = 0;
  const parts = [`<svg class="chart" role="img" aria-label="Claims by verdict" viewBox="0 0 ${W} 50" width="${W}" height="50" xmlns="http://www.w3.org/2000/svg">`];
  for (const [name, n, color] of segs) {
    if (!n) continue;
    const w = (n / total) * W;
    parts.push(`<rect x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="22" fill="${color}"><title>${esc(`${n} ${name}`)}</title></rect>`);
    x += w;
  }
  let lx = 0;
  for (const [name, n, color] of segs) {
    parts.push(`<rect x="${lx}" y="32" width="12" height="12" fill="${color}"/><text x="${lx + 16}" y="43" class="lbl">${n} ${esc(name)}</text>`);
    lx += 150;
  }
  parts.push('</svg>');
  return parts.join('');
}

const CSS = `
:root{--fail:${COLORS.fail};--pass:${COLORS.pass};--unk:${COLORS.unknown};--sup:${COLORS.suppressed};--na:${COLORS.na};--att:#1e88e5;--bd:#d9dce1;--bg:#f6f7f9;--fg:#1d2330;--muted:#5f6878}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{background:#1d2330;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}header .sub{color:#c5cad3;font-size:13px;margin-top:2px}
.verdict{display:inline-block;padding:2px 10px;border-radius:12px;font-weight:600;margin-left:8px;font-size:13px}
.v-FAILED{background:var(--fail)}.v-PASSED{background:var(--pass)}.v-INCOMPLETE{background:var(--unk)}
nav{display:flex;gap:4px;padding:0 24px;background:#fff;border-bottom:1px solid var(--bd);position:sticky;top:0;z-index:2}
nav button{border:0;background:none;padding:12px 14px;font:inherit;cursor:pointer;border-bottom:3px solid transparent;color:var(--muted)}
nav button[aria-selected=true]{border-bottom-color:#1d2330;color:var(--fg);font-weight:600}
main{padding:18px 24px;max-width:1400px}section[hidden]{display:none}
h2{font-size:17px;margin:4px 0 12px}h3{font-size:15px;margin:18px 0 8px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:14px}.card{background:#fff;border:1px solid var(--bd);border-radius:8px;padding:10px 16px;min-width:130px}
.card b{display:block;font-size:24px}.card span{color:var(--muted);font-size:12px}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--bd)}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eceef1;vertical-align:top}
th{background:#f0f2f5;font-weight:600;font-size:12px;color:#39404d}td.num,th.num{text-align:right}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;white-space:nowrap}
.b-broken,.b-fail{background:var(--fail)}.b-holds,.b-pass{background:var(--pass)}.b-unverified,.b-unknown{background:var(--unk)}
.b-needs-attestation{background:var(--att)}.b-suppressed{background:var(--sup)}.b-not-applicable{background:var(--na)}.b-expired{background:#6d4c41}
.sev{font-size:12px;font-weight:600;text-transform:uppercase}.sev-critical{color:#8e0000}.sev-high{color:var(--fail)}.sev-medium{color:#b26a00}.sev-low{color:#4b6584}.sev-info{color:var(--muted)}
.claim{background:#fff;border:1px solid var(--bd);border-left:6px solid var(--na);border-radius:6px;padding:10px 14px;margin-bottom:10px}
.claim.c-broken{border-left-color:var(--fail)}.claim.c-holds{border-left-color:var(--pass)}.claim.c-unverified{border-left-color:var(--unk)}.claim.c-needs-attestation{border-left-color:var(--att)}
.claim q{font-size:15px;quotes:"\\201C" "\\201D"}.claim .meta{color:var(--muted);font-size:12px;margin-top:4px}.claim .reason{margin-top:6px}
.claim table{margin-top:8px;width:auto;font-size:12px}.claim ul{margin:6px 0 0 18px;padding:0}
.filters{display:flex;gap:10px;flex-wrap:wrap;align-items:end;margin-bottom:10px;background:#fff;border:1px solid var(--bd);padding:10px;border-radius:6px}
.filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted)}.filters select,.filters input{font:inherit;padding:4px 6px;min-width:140px}
tr.finding{cursor:pointer}tr.finding:hover{background:#f7f9fc}tr.detail td{background:#fafbfc}
.pager{display:flex;gap:8px;align-items:center;margin:10px 0}.pager button{font:inherit;padding:4px 10px}
.muted{color:var(--muted)}code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12px;word-break:break-all}
pre{white-space:pre-wrap;word-break:break-all;background:#f3f4f6;padding:6px 8px;border-radius:4px;margin:4px 0;font-size:12px}
.chart .lbl{font-size:12px;fill:#39404d}.kv{display:grid;grid-template-columns:180px 1fr;gap:4px 12px;background:#fff;border:1px solid var(--bd);padding:10px 14px;border-radius:6px}
.kv dt{color:var(--muted)}.kv dd{margin:0}a.link{color:#1558b0;cursor:pointer;text-decoration:underline}
@media print{nav,.filters,.pager{display:none}section[hidden]{display:block}}
`;

export function renderHtml(doc: EvidenceDocument, ctx: { claims?: ClaimsOverview } = {}): string {
  const claims = ctx.claims ?? claimVerdicts(doc);
  const s = doc.summary;
  const perControl = chartCounts(doc);
  const total = Object.values(perControl).reduce((a, k) => ({ fail: a.fail + k.fail, suppressed: a.suppressed + k.suppressed, unknown: a.unknown + k.unknown, pass: a.pass + k.pass, na: a.na + k.na }), { fail: 0, suppressed: 0, unknown: 0, pass: 0, na: 0 });
  const verdict = s.exitCode === 1 ? 'FAILED' : s.exitCode === 3 ? 'INCOMPLETE' : 'PASSED';
  const controlsInfo = CONTROLS.filter((c) => doc.claims.controls.includes(c.id) || s.byControl[c.id]).map((c) => ({
    id: c.id,
    title: c.title,
    description: c.description,
    frameworks: Object.fromEntries(Object.entries(c.frameworks).map(([k, v]) => [FRAMEWORK_NAMES[k as keyof typeof FRAMEWORK_NAMES], v])),
  }));
  for (const id of Object.keys(s.byControl)) if (!getControl(id)) controlsInfo.push({ id: id as never, title: id, description: '', frameworks: {} });
  const data = {
    tool: doc.tool,
    run: doc.run,
    profile: { name: doc.claims.profile, file: doc.claims.file, policy: doc.claims.policy, parameters: doc.claims.parameters },
    summary: s,
    verdict,
    claims,
    controls: controlsInfo,
    rules: doc.rules ?? {},
    coverage: doc.coverage,
    findings: doc.findings,
    observed: observedVsConfigured(doc),
    planes: Object.fromEntries(claims.verdicts.map((v) => [v.id, planeLine(v)]).filter(([, l]) => l)),
  };
  const script = `(${clientMain.toString()})();`;
  const scriptHash = createHash('sha256').update(script).digest('base64');
  const styleHash = createHash('sha256').update(CSS).digest('base64');
  const csp = `default-src 'none'; script-src 'sha256-${scriptHash}'; style-src 'sha256-${styleHash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const policy = doc.claims.policy;
  const title = `vouch evidence — ${doc.claims.profile}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${esc(doc.claims.profile)} <span class="verdict v-${verdict}">${verdict}</span></h1>
<div class="sub">${esc(policy?.title ?? '')}${policy?.version ? ` v${esc(policy.version)}` : ''}${policy?.title ? ' · ' : ''}run ${esc(doc.run.id)} · ${esc(doc.run.finishedAt)} · vouch ${esc(doc.tool.version)} · ${esc(doc.run.command)}</div>
</header>
<nav role="tablist">
<button role="tab" id="tab-claims" data-view="claims" aria-selected="true">Claims</button>
<button role="tab" id="tab-controls" data-view="controls" aria-selected="false">Controls</button>
<button role="tab" id="tab-findings" data-view="findings" aria-selected="false">Findings</button>
<button role="tab" id="tab-suppressions" data-view="suppressions" aria-selected="false">Suppressions</button>
<button role="tab" id="tab-coverage" data-view="coverage" aria-selected="false">Run &amp; coverage</button>
</nav>
<main>
<section id="view-claims">
<h2>Claims: is each published promise true today?</h2>
<div class="cards">
<div class="card"><b>${claims.counts.broken}</b><span>broken</span></div>
<div class="card"><b>${claims.counts.unverified}</b><span>unverified</span></div>
<div class="card"><b>${claims.counts['needs-attestation']}</b><span>need attestation only</span></div>
<div class="card"><b>${claims.counts.holds}</b><span>hold</span></div>
<div class="card"><b>${claims.attestations}</b><span>with an attestation item</span></div>
</div>
${claimsChart(claims)}
<div id="claims-list"></div>
<div id="observed"></div>
${driftSectionHtml(doc)}
</section>
<section id="view-controls" hidden>
<h2>Per control</h2>
<div class="cards">
<div class="card"><b>${total.fail}</b><span>failing (unsuppressed)</span></div>
<div class="card"><b>${total.suppressed}</b><span>suppressed</span></div>
<div class="card"><b>${total.unknown}</b><span>unknown (unsuppressed)</span></div>
<div class="card"><b>${total.pass}</b><span>pass</span></div>
<div class="card"><b>${total.na}</b><span>not applicable</span></div>
</div>
${controlsChart(perControl)}
<div id="controls-table"></div>
${benchmarksHtml(doc)}
</section>
<section id="view-findings" hidden>
<h2>Findings</h2>
<div class="filters">
<label>Status<select id="f-status"><option value="">all</option><option value="fail">failing (unsuppressed)</option><option value="suppressed">suppressed</option><option value="unknown">unknown</option><option value="pass">pass</option><option value="not-applicable">not applicable</option></select></label>
<label>Control<select id="f-control"><option value="">all</option></select></label>
<label>Provider<select id="f-provider"><option value="">all</option></select></label>
<label>Source<select id="f-source"><option value="">all</option><option value="iac">IaC</option><option value="live">live</option><option value="probe">observed (probe)</option></select></label>
<label>Severity<select id="f-severity"><option value="">all</option><option>critical</option><option>high</option><option>medium</option><option>low</option><option>info</option></select></label>
<label>Claim<select id="f-claim"><option value="">all</option></select></label>
<label>Search<input id="f-text" type="search" placeholder="rule, resource, message"></label>
</div>
<div id="findings-count" class="muted"></div>
<div class="pager" id="pager-top"></div>
<table id="findings-table"><thead><tr><th>status</th><th>severity</th><th>rule</th><th>resource</th><th>where</th><th>message</th></tr></thead><tbody></tbody></table>
<div class="pager" id="pager-bottom"></div>
</section>
<section id="view-suppressions" hidden>
<h2>Suppressions</h2>
<p class="muted">A suppression never hides a finding: it marks it with a reason, an owner and an expiry. Expired ones no longer suppress.</p>
<div id="suppressions-table"></div>
</section>
<section id="view-coverage" hidden>
<h2>Run and coverage: what was and was not checked</h2>
<div id="coverage"></div>
</section>
</main>
<script type="application/json" id="vouch-data">${scriptJson(data)}</script>
<script>${script}</script>
</body>
</html>
`;
}

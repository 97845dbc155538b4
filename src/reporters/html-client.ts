/**
 * The script of the HTML report. It runs in the browser: html.ts embeds
 * `clientMain.toString()`, so this function must not close over anything of
 * this module (no imports, no outer names). It builds every node with
 * `textContent`, never `innerHTML`, so data cannot become markup.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export function clientMain(): void {
  const data: any = JSON.parse(document.getElementById('vouch-data')!.textContent || '{}');
  const findings: any[] = data.findings || [];
  const byFp = new Map<string, any>();
  for (const f of findings) byFp.set(f.fingerprint, f);
  const PAGE = 100;

  function el(tag: string, attrs?: Record<string, string> | null, ...kids: (Node | string | null | undefined)[]): HTMLElement {
    const e = document.createElement(tag);
    if (attrs) for (const k of Object.keys(attrs)) e.setAttribute(k, attrs[k]!);
    for (const k of kids) if (k !== null && k !== undefined) e.append(typeof k === 'string' ? document.createTextNode(k) : k);
    return e;
  }
  function text(v: unknown, max?: number): string {
    let s: string;
    if (v === undefined) s = '(absent)';
    else if (typeof v === 'string') s = v;
    else {
      try {
        s = JSON.stringify(v);
      } catch {
        s = String(v);
      }
    }
    if (max && s.length > max) s = s.slice(0, max) + '…';
    return s;
  }
  function liveSuppressed(f: any): boolean {
    return !!f.suppression && !f.suppression.expired && (f.status === 'fail' || f.status === 'unknown');
  }
  function statusKey(f: any): string {
    return liveSuppressed(f) ? 'suppressed' : f.status;
  }
  function badge(kind: string, label?: string): HTMLElement {
    return el('span', { class: 'badge b-' + kind }, label || kind);
  }
  function repoPath(file: string): string {
    const base = data.run && data.run.repoPath ? String(data.run.repoPath) + '/' : '';
    return file.startsWith('/') ? file : (base + file).replace(/(^|\/)\.\//g, '$1');
  }
  function where(f: any): string {
    const r = f.resource;
    if (r.source === 'iac') return ((r.file ? repoPath(r.file) : r.stack || '') + (r.line ? ':' + r.line : '') + ' ' + (r.logicalId || r.id)).trim();
    const loc = [r.account, r.region, r.arn || r.id].filter(Boolean).join(' ');
    const o = r.owner;
    if (!o || (r.provider !== 'aws' && o.status === 'unknown')) return loc;
    const owner =
      o.status === 'stack'
        ? 'stack ' + o.stackName + ' ' + o.logicalId + (o.constructPath ? ' (' + o.constructPath + ')' : '')
        : o.status === 'none'
          ? 'no stack (shadow resource)'
          : o.status === 'ambiguous'
            ? 'ambiguous: claimed by ' + (o.claims || []).map((c: any) => c.stackName + '/' + c.logicalId).join(', ')
            : o.status === 'managed'
              ? 'managed by ' + o.tool + (o.label ? ' (' + o.label + ')' : '')
              : 'unknown: ' + (o.reason || 'not determined');
    return loc + ' [' + owner + ']';
  }
  function table(headers: string[], rows: (Node | string)[][], numeric?: number[]): HTMLElement {
    const thead = el('thead', null, el('tr', null, ...headers.map((h, i) => el('th', numeric && numeric.includes(i) ? { class: 'num' } : null, h))));
    const tbody = el('tbody');
    for (const r of rows) tbody.append(el('tr', null, ...r.map((c, i) => el('td', numeric && numeric.includes(i) ? { class: 'num' } : null, c))));
    return el('table', null, thead, tbody);
  }

  // ---- tabs
  const views = ['claims', 'controls', 'findings', 'suppressions', 'coverage'];
  function show(view: string): void {
    if (!views.includes(view)) view = 'claims';
    for (const v of views) {
      document.getElementById('view-' + v)!.hidden = v !== view;
      document.getElementById('tab-' + v)!.setAttribute('aria-selected', String(v === view));
    }
  }
  for (const v of views) document.getElementById('tab-' + v)!.addEventListener('click', () => {
    show(v);
    history.replaceState(null, '', '#' + v);
  });

  // ---- claims
  const claimsList = document.getElementById('claims-list')!;
  const verdictLabel: Record<string, string> = { holds: 'holds', broken: 'broken', unverified: 'unverified', 'needs-attestation': 'needs attestation' };
  const order = ['broken', 'unverified', 'needs-attestation', 'holds'];
  const claims = [...data.claims.verdicts].sort((a: any, b: any) => order.indexOf(a.verdict) - order.indexOf(b.verdict));
  for (const c of claims) {
    const src = c.source ? [c.source.document, c.source.section ? '§ ' + c.source.section : '', c.source.line ? 'line ' + c.source.line : ''].filter(Boolean).join(', ') : '';
    const box = el('div', { class: 'claim c-' + c.verdict, 'data-claim': c.id });
    const head = el('div', null, badge(c.verdict, verdictLabel[c.verdict]), ' ');
    if (c.needsAttestation && c.verdict !== 'needs-attestation') head.append(badge('needs-attestation', '+ attestation'), ' ');
    head.append(el('q', null, c.text));
    box.append(head);
    box.append(el('div', { class: 'meta' }, 'claim ' + c.id + (src ? ' · ' + src : '') + (c.controls.length ? ' · controls: ' + c.controls.join(', ') : '')));
    let reason = c.reason;
    if (c.unverifiedBecause) reason = (c.unverifiedBecause === 'unknowns' ? 'Unverified because some verdicts are unknown: ' : c.unverifiedBecause === 'not-collected' ? 'Unverified because some resources were not read: ' : 'Unverified because nothing in scope was checked: ') + reason;
    box.append(el('div', { class: 'reason' }, reason));
    if (c.attestation) box.append(el('div', { class: 'meta' }, 'Attestation needed: ' + c.attestation.evidence));
    const dims: [string, any][] = [];
    for (const k of Object.keys(c.byProvider)) dims.push(['cloud: ' + k, c.byProvider[k]]);
    for (const k of Object.keys(c.bySource)) dims.push([k === 'iac' ? 'source: IaC' : k === 'probe' ? 'observed (probe)' : 'source: live', c.bySource[k]]);
    if (data.planes && data.planes[c.id]) box.append(el('div', { class: 'reason' }, el('b', null, data.planes[c.id])));
    if (dims.length)
      box.append(table(['', 'pass', 'fail', 'suppressed', 'unknown', 'n/a'], dims.map(([n, k]) => [n, String(k.pass), String(k.fail), String(k.suppressed), String(k.unknown), String(k['not-applicable'])]), [1, 2, 3, 4, 5]));
    const listed = [...c.failing.map((fp: string) => ['fail', fp]), ...c.unknown.map((fp: string) => ['unknown', fp]), ...c.suppressed.map((fp: string) => ['suppressed', fp])].slice(0, 10);
    if (listed.length) {
      const ul = el('ul');
      for (const [kind, fp] of listed) {
        const f = byFp.get(fp);
        if (f) ul.append(el('li', null, badge(kind), ' ', el('code', null, f.ruleId), ' ', where(f), ' — ', text(f.message, 200)));
      }
      box.append(ul);
    }
    if (c.controls.length) {
      const a = el('a', { class: 'link', 'data-claim-link': c.id }, 'Show the ' + (c.counts.pass + c.counts.fail + c.counts.unknown + c.counts['not-applicable']) + ' findings of this claim');
      a.addEventListener('click', () => {
        resetFilters();
        (document.getElementById('f-claim') as HTMLSelectElement).value = c.id;
        apply();
        show('findings');
      });
      box.append(el('div', { class: 'meta' }, a));
    }
    claimsList.append(box);
  }
  if (!claims.length) claimsList.append(el('p', { class: 'muted' }, 'The profile has no claims.'));
  // Observed (probe) next to configured (IaC, live), per probed resource and control.
  const observed: any[] = data.observed || [];
  if (observed.length) {
    const box = document.getElementById('observed')!;
    box.append(el('h3', null, 'Observed vs configured: what a client saw at each endpoint'));
    box.append(
      table(
        ['resource', 'control', 'configured', 'observed', 'what the probe saw'],
        observed.map((r) => [
          el('div', null, r.resource, el('div', { class: 'muted' }, r.type)),
          r.control,
          r.configured === 'none' ? el('span', { class: 'muted' }, 'not checked') : badge(r.configured),
          el('span', null, badge(r.observed), r.disagree ? el('b', null, ' disagrees') : ''),
          el('pre', null, r.observations.join('\n')),
        ]),
        [],
      ),
    );
  }

  // ---- controls
  const rowsC: (Node | string)[][] = [];
  for (const c of data.controls) {
    const k = data.summary.byControl[c.id] || { pass: 0, fail: 0, unknown: 0, suppressed: 0, 'not-applicable': 0 };
    const fw = Object.keys(c.frameworks)
      .filter((n) => c.frameworks[n].length)
      .map((n) => n + ': ' + c.frameworks[n].join(', '))
      .join('\n');
    rowsC.push([el('b', null, c.id), el('div', null, c.title, el('div', { class: 'muted' }, c.description)), String(k.pass), String(k.fail), String(k.suppressed), String(k.unknown), String(k['not-applicable']), el('pre', null, fw || '—')]);
  }
  document.getElementById('controls-table')!.append(table(['control', 'what it checks', 'pass', 'fail', 'suppressed', 'unknown', 'n/a', 'frameworks'], rowsC, [2, 3, 4, 5, 6]));

  // ---- findings
  const fStatus = document.getElementById('f-status') as HTMLSelectElement;
  const fControl = document.getElementById('f-control') as HTMLSelectElement;
  const fProvider = document.getElementById('f-provider') as HTMLSelectElement;
  const fSource = document.getElementById('f-source') as HTMLSelectElement;
  const fSeverity = document.getElementById('f-severity') as HTMLSelectElement;
  const fClaim = document.getElementById('f-claim') as HTMLSelectElement;
  const fText = document.getElementById('f-text') as HTMLInputElement;
  const uniq = (xs: string[]) => [...new Set(xs)].sort();
  for (const c of uniq(findings.map((f) => f.control))) fControl.append(el('option', { value: c }, c));
  for (const p of uniq(findings.map((f) => f.resource.provider))) fProvider.append(el('option', { value: p }, p));
  for (const c of data.claims.verdicts) if (c.controls.length) fClaim.append(el('option', { value: c.id }, c.id + ': ' + text(c.text, 60)));
  const claimControls = new Map<string, string[]>();
  for (const c of data.claims.verdicts) claimControls.set(c.id, c.controls);
  const sevRank: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
  const statusRank: Record<string, number> = { fail: 5, unknown: 4, suppressed: 3, pass: 1, 'not-applicable': 0 };
  const sorted = [...findings].sort(
    (a, b) => statusRank[statusKey(b)]! - statusRank[statusKey(a)]! || sevRank[b.severity]! - sevRank[a.severity]! || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
  let current: any[] = sorted;
  let page = 0;
  const tbody = document.querySelector('#findings-table tbody')!;

  function resetFilters(): void {
    for (const s of [fStatus, fControl, fProvider, fSource, fSeverity, fClaim]) s.value = '';
    fText.value = '';
  }
  function apply(): void {
    const st = fStatus.value;
    const ctl = fControl.value;
    const prov = fProvider.value;
    const src = fSource.value;
    const sev = fSeverity.value;
    const claimCtl = fClaim.value ? claimControls.get(fClaim.value) || [] : null;
    const q = fText.value.trim().toLowerCase();
    current = sorted.filter((f) => {
      if (st && statusKey(f) !== st) return false;
      if (ctl && f.control !== ctl) return false;
      if (prov && f.resource.provider !== prov) return false;
      if (src && f.resource.source !== src) return false;
      if (sev && f.severity !== sev) return false;
      if (claimCtl && !claimCtl.includes(f.control)) return false;
      if (q) {
        const hay = (f.ruleId + ' ' + f.message + ' ' + f.resource.id + ' ' + (f.resource.name || '') + ' ' + where(f)).toLowerCase();
        if (!hay.includes(q)) return false;
      }
      return true;
    });
    page = 0;
    render();
  }
  function detail(f: any): HTMLElement {
    const box = el('div');
    const ev = f.evidence || [];
    if (ev.length)
      box.append(
        el('h3', null, 'Evidence'),
        table(
          ['field', 'observed', 'expected', 'note', 'from'],
          ev.map((e: any) => [el('code', null, e.path), el('pre', null, text(e.observed, 2000)), e.expected === undefined ? '' : el('pre', null, text(e.expected, 2000)), e.note || '', e.source || (f.resource.source === 'iac' ? 'template ' + where(f) : '')]),
        ),
      );
    else box.append(el('p', { class: 'muted' }, 'No evidence items recorded.'));
    const rule = data.rules[f.ruleId];
    if (rule) {
      box.append(el('h3', null, 'Remediation'), el('div', null, rule.remediation.text));
      if (rule.risk) box.append(el('div', { class: 'muted' }, 'Risk: ' + rule.risk));
      if (rule.remediation.cdk) box.append(el('div', { class: 'muted' }, 'CDK'), el('pre', null, rule.remediation.cdk));
      if (rule.remediation.cloudformation) box.append(el('div', { class: 'muted' }, 'CloudFormation'), el('pre', null, rule.remediation.cloudformation));
      if (rule.remediation.cli) box.append(el('div', { class: 'muted' }, 'CLI'), el('pre', null, rule.remediation.cli));
    }
    if (f.suppression) {
      const s = f.suppression;
      box.append(el('h3', null, s.expired ? 'Suppression (expired: no longer suppresses)' : 'Suppression'), el('div', null, s.reason + (s.owner ? ' — owner ' + s.owner : '') + (s.expires ? ' — expires ' + s.expires : ' — no expiry') + ' — from ' + s.origin));
    }
    const r = f.resource;
    const dl = el('dl', { class: 'kv' });
    for (const k of ['type', 'provider', 'source', 'id', 'name', 'file', 'line', 'logicalId', 'constructPath', 'stack', 'account', 'region', 'arn']) {
      if (r[k] === undefined) continue;
      dl.append(el('dt', null, k), el('dd', { class: 'mono' }, k === 'file' ? repoPath(String(r[k])) : String(r[k])));
    }
    dl.append(el('dt', null, 'fingerprint'), el('dd', { class: 'mono' }, f.fingerprint));
    box.append(el('h3', null, 'Resource'), dl);
    return box;
  }
  function pager(id: string): void {
    const p = document.getElementById(id)!;
    p.replaceChildren();
    const pages = Math.max(1, Math.ceil(current.length / PAGE));
    const prev = el('button', { type: 'button' }, '‹ previous') as HTMLButtonElement;
    prev.disabled = page === 0;
    prev.addEventListener('click', () => {
      page--;
      render();
    });
    const next = el('button', { type: 'button', class: 'next' }, 'next ›') as HTMLButtonElement;
    next.disabled = page >= pages - 1;
    next.addEventListener('click', () => {
      page++;
      render();
    });
    p.append(prev, el('span', null, 'page ' + (page + 1) + ' of ' + pages), next);
  }
  function render(): void {
    document.getElementById('findings-count')!.textContent = current.length + ' of ' + findings.length + ' findings match';
    tbody.replaceChildren();
    for (const f of current.slice(page * PAGE, page * PAGE + PAGE)) {
      const k = statusKey(f);
      const tr = el(
        'tr',
        { class: 'finding', 'data-status': k, 'data-fp': f.fingerprint },
        el('td', null, badge(k), f.suppression && f.suppression.expired ? badge('expired', 'suppression expired') : null),
        el('td', null, el('span', { class: 'sev sev-' + (k === 'pass' || k === 'not-applicable' ? 'info' : f.severity) }, f.severity)),
        el('td', null, el('code', null, f.ruleId + (f.subId ? '[' + f.subId + ']' : ''))),
        el('td', null, f.resource.name || f.resource.logicalId || f.resource.id, el('div', { class: 'muted' }, f.resource.type + ' · ' + f.resource.provider + ' · ' + f.resource.source)),
        el('td', { class: 'mono' }, where(f)),
        el('td', null, text(f.message, 400)),
      );
      let open: HTMLElement | null = null;
      tr.addEventListener('click', () => {
        if (open) {
          open.remove();
          open = null;
          return;
        }
        open = el('tr', { class: 'detail' }, el('td', { colspan: '6' }, detail(f)));
        tr.after(open);
      });
      tbody.append(tr);
    }
    pager('pager-top');
    pager('pager-bottom');
  }
  for (const s of [fStatus, fControl, fProvider, fSource, fSeverity, fClaim]) s.addEventListener('change', apply);
  fText.addEventListener('input', apply);
  apply();

  // ---- suppressions
  const sup = findings.filter((f) => f.suppression);
  document
    .getElementById('suppressions-table')!
    .append(
      sup.length
        ? table(
            ['state', 'rule', 'resource', 'reason', 'owner', 'expires', 'declared in'],
            sup.slice(0, 5000).map((f) => [
              f.suppression.expired ? badge('expired', 'expired') : badge('suppressed', 'active'),
              el('code', null, f.ruleId),
              where(f),
              f.suppression.reason,
              f.suppression.owner || '—',
              f.suppression.expires || 'never',
              f.suppression.origin,
            ]),
          )
        : el('p', { class: 'muted' }, 'No suppressions.'),
    );

  // ---- run & coverage
  const cov = data.coverage || {};
  const box = document.getElementById('coverage')!;
  const dl = el('dl', { class: 'kv' });
  const kv = (k: string, v: unknown) => dl.append(el('dt', null, k), el('dd', { class: 'mono' }, text(v)));
  kv('run id', data.run.id);
  kv('command', data.run.command);
  kv('started', data.run.startedAt);
  kv('finished', data.run.finishedAt);
  kv('vouch', data.tool.version);
  kv('rules hash', data.tool.rulesHash);
  kv('rules in scope', data.run.rules);
  kv('fail on', data.run.failOn);
  kv('profile', data.profile.name + (data.profile.file ? ' (' + data.profile.file + ')' : ''));
  kv('exit code', data.summary.exitCode);
  box.append(el('h3', null, 'Run'), dl);
  box.append(el('h3', null, 'Inputs'), el('pre', null, (data.run.inputs || []).join('\n') || '(none)'));
  const covDl = el('dl', { class: 'kv' });
  const ckv = (k: string, v: string) => covDl.append(el('dt', null, k), el('dd', { class: 'mono' }, v));
  if (cov.accounts) for (const p of Object.keys(cov.accounts)) ckv('accounts (' + p + ')', cov.accounts[p].join(', ') || '—');
  if (cov.regions) ckv('regions', cov.regions.join(', ') || '—');
  if (cov.services) ckv('services', cov.services.join(', ') || '—');
  if (cov.inputs) ckv('templates read', cov.inputs.join(', ') || '—');
  if (cov.calls) ckv('API calls', Object.keys(cov.calls).length + ' operations, ' + Object.values(cov.calls as Record<string, number>).reduce((a, b) => a + b, 0) + ' calls');
  box.append(el('h3', null, 'What was checked'), covDl);
  const gaps: (Node | string)[][] = [];
  for (const x of cov.failures || []) gaps.push([badge('unknown', 'call failed'), x.operation + (x.account ? ' · ' + x.account : '') + (x.region ? ' · ' + x.region : ''), x.code + ': ' + x.message + (x.count ? ' (×' + x.count + ')' : '')]);
  for (const u of cov.units || []) if (u.status === 'failed') gaps.push([badge('unknown', 'unit failed'), u.id, u.reason || '']);
  for (const n of cov.notCollected || []) gaps.push([badge('not-applicable', 'not collected'), n.what, n.why]);
  for (const c of data.claims.verdicts) {
    if (c.controlsNotChecked.length) gaps.push([badge('unverified', 'nothing in scope'), 'claim ' + c.id, 'no resource checked for ' + c.controlsNotChecked.join(', ')]);
    if (c.needsAttestation) gaps.push([badge('needs-attestation', 'attestation'), 'claim ' + c.id, c.attestation ? c.attestation.evidence : '']);
  }
  const unknownCount = findings.filter((f) => f.status === 'unknown').length;
  if (unknownCount) gaps.push([badge('unknown'), unknownCount + (unknownCount === 1 ? ' verdict' : ' verdicts'), 'could not be determined; see Findings with status unknown']);
  box.append(el('h3', null, 'What was not checked'), gaps.length ? table(['', 'what', 'why'], gaps) : el('p', { class: 'muted' }, 'Nothing reported missing.'));
  box.append(el('h3', null, 'Parameters'), el('pre', null, JSON.stringify(data.profile.parameters, null, 2)));

  show((location.hash || '#claims').slice(1));
}

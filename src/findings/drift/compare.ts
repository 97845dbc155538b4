/**
 * Drift between the two planes, computed from evidence documents alone: a
 * live scan's (whose resources carry `owner`, see ./ownership.ts) and,
 * optionally, a check of the cloud assembly the stacks were deployed from.
 *
 * - Shadow resources: live resources a scan judged (so of covered types)
 *   that no stack owns, counted per type and listed.
 * - Verdicts: the same rule on the same resource in code (stack + logical id,
 *   or construct path) and live. "passes in code, fails live" means it was
 *   changed outside the pipeline; "fails in code, passes live" means it was
 *   fixed by hand and the code is still wrong. An `unknown` on either side is
 *   `undetermined`, never "in step".
 * - Owned live resources absent from the assembly: deployed from another
 *   version of the code, or from code not given.
 */
import type { EvidenceDocument, Finding } from '../evidence.js';
import type { Status } from '../../evaluate/rule.js';
import type { ControlId } from '../../evaluate/controls.js';
import { isOwnableType } from './ownership.js';
import type { AssemblyDrift } from '../../schema/drift.js';

export type { ClaimDrift, ControlDrift, DriftKind, DriftReport, ResourceRef, VerdictDrift } from '../../schema/drift.js';
import type { DriftKind, DriftReport, ResourceRef, VerdictDrift, ControlDrift, ClaimDrift } from '../../schema/drift.js';

function ref(f: Finding): ResourceRef {
  const r = f.resource;
  const out: ResourceRef = { type: r.type, id: r.id };
  if (r.account) out.account = r.account;
  if (r.region) out.region = r.region;
  return out;
}

const verdictKey = (f: Finding) => `${f.ruleId}\u0000${f.subId ?? ''}`;

const RANK: Record<Status, number> = { fail: 0, unknown: 1, pass: 2, 'not-applicable': 3 };

function worst(list: Finding[]): Finding | undefined {
  return list.sort((a, b) => RANK[a.status] - RANK[b.status])[0];
}

/**
 * `not-applicable` counts as holding: a group with no SSH ingress in code that
 * has SSH open to the world live passes in code and fails live.
 */
function kindOf(code: Status, live: Status): DriftKind {
  if (code === 'unknown' || live === 'unknown') return 'undetermined';
  if (live === 'fail' && code !== 'fail') return 'passes-in-code-fails-live';
  if (code === 'fail' && live !== 'fail') return 'fails-in-code-passes-live';
  return 'in-step';
}

export function compareDrift(live: EvidenceDocument, code?: EvidenceDocument, assembly?: AssemblyDrift): DriftReport {
  const report: DriftReport = {
    schemaVersion: '1',
    live: { run: live.run.id, inputs: live.run.inputs },
    ownership: { resources: 0, owned: 0, none: 0, ambiguous: 0, unknown: 0, notRead: 0 },
    shadow: { byType: {}, resources: [] },
    unknownOwnership: [],
    ambiguous: [],
    verdicts: [],
    notInCode: [],
    counts: { 'passes-in-code-fails-live': 0, 'fails-in-code-passes-live': 0, undetermined: 0, 'in-step': 0 },
    byControl: {},
  };
  if (code) report.code = { run: code.run.id, inputs: code.run.inputs };
  if (assembly) report.assembly = assembly;
  /** control → kind → live resource ids (for the per-resource counts). */
  const touched = new Map<string, Record<'p' | 'f' | 'u', Set<string>>>();

  // One entry per live AWS resource, with its findings.
  const liveByResource = new Map<string, Finding[]>();
  for (const f of live.findings) {
    if (f.resource.source !== 'live' || f.resource.provider !== 'aws') continue;
    const list = liveByResource.get(f.resource.id) ?? [];
    list.push(f);
    liveByResource.set(f.resource.id, list);
  }

  // Code findings by (stack, logical id) and by construct path.
  const codeBy = new Map<string, Finding[]>();
  const add = (k: string, f: Finding) => {
    const list = codeBy.get(k) ?? [];
    list.push(f);
    codeBy.set(k, list);
  };
  for (const f of code?.findings ?? []) {
    if (f.resource.source !== 'iac') continue;
    if (f.resource.stack && f.resource.logicalId) add(`s\u0000${f.resource.stack}\u0000${f.resource.logicalId}`, f);
    if (f.resource.constructPath) add(`p\u0000${f.resource.constructPath}`, f);
  }

  for (const findings of liveByResource.values()) {
    const first = findings[0]!;
    const o = first.resource.owner;
    // Settings, AWS-managed policies and top-level stacks have no owner to find.
    if (!o && (!isOwnableType(first.resource.type, first.resource.id) || first.resource.type === 'aws.cloudformation.stack')) continue;
    report.ownership.resources++;
    if (!o) {
      report.ownership.notRead++;
      continue;
    }
    if (o.status === 'none') {
      report.ownership.none++;
      report.shadow.byType[first.resource.type] = (report.shadow.byType[first.resource.type] ?? 0) + 1;
      report.shadow.resources.push(ref(first));
      continue;
    }
    if (o.status === 'unknown') {
      report.ownership.unknown++;
      report.unknownOwnership.push({ ...ref(first), reason: o.reason ?? 'not determined' });
      continue;
    }
    if (o.status === 'ambiguous') {
      report.ownership.ambiguous++;
      report.ambiguous.push({ ...ref(first), stacks: (o.claims ?? []).map((c) => `${c.stackName}/${c.logicalId}`) });
      continue;
    }
    report.ownership.owned++;
    if (!code || !o.stackName || !o.logicalId) continue;
    const inCode = codeBy.get(`s\u0000${o.stackName}\u0000${o.logicalId}`) ?? (o.constructPath ? codeBy.get(`p\u0000${o.constructPath}`) : undefined);
    if (!inCode?.length) {
      report.notInCode.push({ ...ref(first), stack: o.stackName, logicalId: o.logicalId, ...(o.constructPath ? { constructPath: o.constructPath } : {}) });
      continue;
    }
    const codeVerdicts = new Map(inCode.map((f) => [verdictKey(f), f]));
    for (const lf of findings) {
      // The same sub-finding in code, else the rule's verdict on the whole resource in code
      // (a live-only ingress entry has no twin in the template: the rule's worst verdict there stands).
      const cf = codeVerdicts.get(verdictKey(lf)) ?? worst(inCode.filter((f) => f.ruleId === lf.ruleId));
      if (!cf) continue; // a rule that judges only one plane
      const kind = kindOf(cf.status, lf.status);
      const d: VerdictDrift = {
        kind,
        ruleId: lf.ruleId,
        control: lf.control,
        live: { ...ref(lf), status: lf.status },
        code: { stack: o.stackName, logicalId: o.logicalId, status: cf.status },
      };
      if (lf.subId) d.subId = lf.subId;
      if (o.cfnDriftStatus) d.cfnDriftStatus = o.cfnDriftStatus;
      if (o.cfnDriftDifferences?.length) d.cfnDriftDifferences = o.cfnDriftDifferences;
      if (cf.resource.constructPath) d.code.constructPath = cf.resource.constructPath;
      if (cf.resource.file) d.code.file = cf.resource.file;
      if (cf.resource.line) d.code.line = cf.resource.line;
      report.verdicts.push(d);
      report.counts[kind]++;
      if (kind !== 'in-step') {
        const c = (report.byControl[lf.control] ??= { passesInCodeFailsLive: 0, failsInCodePassesLive: 0, undetermined: 0 });
        const t = touched.get(lf.control) ?? { p: new Set<string>(), f: new Set<string>(), u: new Set<string>() };
        touched.set(lf.control, t);
        if (kind === 'passes-in-code-fails-live') (c.passesInCodeFailsLive++, t.p.add(lf.resource.id));
        else if (kind === 'fails-in-code-passes-live') (c.failsInCodePassesLive++, t.f.add(lf.resource.id));
        else (c.undetermined++, t.u.add(lf.resource.id));
      }
    }
  }
  for (const [control, t] of touched) report.byControl[control]!.resources = { passesInCodeFailsLive: t.p.size, failsInCodePassesLive: t.f.size, undetermined: t.u.size };
  if (code) report.claims = claimDrift(live, touched);
  report.shadow.byType = Object.fromEntries(Object.entries(report.shadow.byType).sort(([a], [b]) => a.localeCompare(b)));
  report.shadow.resources.sort((a, b) => a.type.localeCompare(b.type) || a.id.localeCompare(b.id));
  const order: Record<DriftKind, number> = { 'passes-in-code-fails-live': 0, 'fails-in-code-passes-live': 1, undetermined: 2, 'in-step': 3 };
  report.verdicts.sort((a, b) => order[a.kind] - order[b.kind] || a.ruleId.localeCompare(b.ruleId) || a.live.id.localeCompare(b.live.id));
  return report;
}

/** The exit code with `--fail-on-drift`: 1 on drift, else 3 when drift could not be determined, else the scan's own. */
export function exitWithDrift(exit: number, d: DriftReport | undefined): number {
  if (!d) return exit;
  const a = d.assembly;
  if (d.counts['passes-in-code-fails-live'] + d.counts['fails-in-code-passes-live'] > 0 || (a && a.changed.length + a.notDeployed.length + a.notInAssembly.length > 0) || d.missingLive?.length) return 1;
  if (exit === 1) return 1;
  if (d.counts.undetermined || d.ownership.unknown || d.ownership.ambiguous || d.notInCode.length || a?.notCompared.length) return 3;
  return exit;
}

/** CloudFormation's view of a drifted resource, for a table cell. */
export function cfnView(v: Pick<VerdictDrift, 'cfnDriftStatus' | 'cfnDriftDifferences'>): string {
  if (!v.cfnDriftStatus) return 'not reported';
  const diffs = v.cfnDriftDifferences ?? [];
  return `${md(v.cfnDriftStatus)}${diffs.length ? `: ${diffs.slice(0, 5).map(md).join(', ')}${diffs.length > 5 ? ', …' : ''}` : ''}`;
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The claim-level summary: per claim whose controls drifted, distinct live resources per kind. */
function claimDrift(live: EvidenceDocument, touched: Map<string, Record<'p' | 'f' | 'u', Set<string>>>): ClaimDrift[] {
  const out: ClaimDrift[] = [];
  for (const c of live.claims?.items ?? []) {
    const sets = { p: new Set<string>(), f: new Set<string>(), u: new Set<string>() };
    for (const control of c.controls ?? []) {
      const t = touched.get(control);
      if (!t) continue;
      for (const k of ['p', 'f', 'u'] as const) for (const id of t[k]) sets[k].add(id);
    }
    if (!sets.p.size && !sets.f.size && !sets.u.size) continue;
    const parts: string[] = [];
    if (sets.p.size) parts.push(`holds in code, broken live on ${plural(sets.p.size, 'resource')}`);
    if (sets.f.size) parts.push(`broken in code, fixed by hand live on ${plural(sets.f.size, 'resource')}`);
    if (sets.u.size) parts.push(`undetermined on ${plural(sets.u.size, 'resource')}`);
    out.push({ id: c.id, text: c.text, controls: [...c.controls], brokenLive: sets.p.size, fixedByHand: sets.f.size, undetermined: sets.u.size, line: parts.join('; ') });
  }
  return out.sort((a, b) => b.brokenLive - a.brokenLive || a.id.localeCompare(b.id));
}

const md = (s: string) => s.replace(/[|\\`*_[\]<>]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');

/** The drift report as Markdown. */
export function driftMarkdown(d: DriftReport, maxRows = 100): string {
  const L: string[] = ['# vouch drift', ''];
  const o = d.ownership;
  L.push(`Live AWS resources judged: ${o.resources} — owned by a stack ${o.owned}, by no stack (shadow) ${o.none}, claimed by several stacks ${o.ambiguous}, ownership unknown ${o.unknown}${o.notRead ? `, CloudFormation not read ${o.notRead}` : ''}.`, '');
  if (d.code) {
    L.push('## Code vs live', '');
    L.push(`- passes in code, fails live (changed outside the pipeline): **${d.counts['passes-in-code-fails-live']}**`);
    L.push(`- fails in code, passes live (fixed by hand, code still wrong): **${d.counts['fails-in-code-passes-live']}**`);
    L.push(`- undetermined on one side: ${d.counts.undetermined}; in step: ${d.counts['in-step']}`);
    L.push(`- deployed resources the assembly does not have: ${d.notInCode.length}`, '');
    for (const c of d.claims ?? []) L.push(`- claim ${md(c.id)} “${md(c.text.length > 120 ? `${c.text.slice(0, 119)}…` : c.text)}”: ${c.line}`);
    if (d.claims?.length) L.push('');
    for (const [control, c] of Object.entries(d.byControl).sort(([a], [b]) => a.localeCompare(b)))
      L.push(`- \`${control}\`: ${c.passesInCodeFailsLive ? `holds in code, broken live on ${c.passesInCodeFailsLive} resource verdict(s)` : 'no live regression'}${c.failsInCodePassesLive ? `; broken in code, fixed live on ${c.failsInCodePassesLive}` : ''}${c.undetermined ? `; ${c.undetermined} undetermined` : ''}`);
    const drifted = d.verdicts.filter((v) => v.kind !== 'in-step');
    if (drifted.length) {
      L.push('', '| drift | rule | live resource | code | CloudFormation drift |', '|---|---|---|---|---|');
      for (const v of drifted.slice(0, maxRows))
        L.push(`| ${v.kind} | \`${md(v.ruleId + (v.subId ? `[${v.subId}]` : ''))}\` | ${md(v.live.id)} (${v.live.status}) | ${md(v.code.constructPath ?? `${v.code.stack}/${v.code.logicalId}`)}${v.code.file ? ` ${md(v.code.file)}${v.code.line ? `:${v.code.line}` : ''}` : ''} (${v.code.status}) | ${cfnView(v)} |`);
      if (drifted.length > maxRows) L.push('', `…and ${drifted.length - maxRows} more (see drift.json).`);
    }
    if (d.notInCode.length) {
      L.push('', '### Deployed, not in the assembly', '');
      for (const r of d.notInCode.slice(0, maxRows)) L.push(`- ${md(r.type)} ${md(r.id)}: stack ${md(r.stack)} ${md(r.logicalId)}`);
    }
    L.push('');
  }
  if (d.assembly) L.push(...assemblyMarkdown(d.assembly, maxRows));
  L.push('## Shadow resources (owned by no stack)', '');
  const types = Object.entries(d.shadow.byType);
  if (!types.length) L.push('None.');
  else {
    L.push('| type | count |', '|---|---|');
    for (const [t, n] of types) L.push(`| ${md(t)} | ${n} |`);
    L.push('');
    for (const r of d.shadow.resources.slice(0, maxRows)) L.push(`- ${md(r.type)} ${md([r.account, r.region, r.id].filter(Boolean).join(' '))}`);
    if (d.shadow.resources.length > maxRows) L.push(`- …and ${d.shadow.resources.length - maxRows} more (see drift.json)`);
  }
  if (d.unknownOwnership.length || d.ambiguous.length) {
    L.push('', '## Ownership not determined', '');
    for (const r of d.ambiguous.slice(0, maxRows)) L.push(`- ${md(r.type)} ${md(r.id)}: claimed by ${md(r.stacks.join(', '))}`);
    for (const r of d.unknownOwnership.slice(0, maxRows)) L.push(`- ${md(r.type)} ${md(r.id)}: ${md(r.reason)}`);
  }
  return L.join('\n') + '\n';
}

/** The deployed-template-vs-assembly part of the drift report, as Markdown lines. */
export function assemblyMarkdown(a: AssemblyDrift, maxRows = 100): string[] {
  const L: string[] = ['## Deployed templates vs the assembly', ''];
  L.push(`Stacks compared: ${a.compared}; resources in the assembly not deployed: ${a.notDeployed.length}; deployed, not in the assembly: ${a.notInAssembly.length}; deployed with other properties: ${a.changed.length}.`, '');
  if (a.stacksNotDeployed.length) L.push(`- stacks of the assembly not deployed in the scanned regions: ${a.stacksNotDeployed.map(md).join(', ')}`);
  for (const n of a.notCompared) L.push(`- not compared: ${md(n.stack)}${n.region ? ` (${md(n.region)})` : ''}: ${md(n.reason)}`);
  const at = (r: { stack: string; region?: string; logicalId: string; type: string; constructPath?: string }) => `${md(r.constructPath ?? `${r.stack}/${r.logicalId}`)} (${md(r.type)}${r.region ? `, ${md(r.region)}` : ''})`;
  if (a.changed.length) {
    L.push('', '| deployed from another version | properties rules read | other properties |', '|---|---|---|');
    for (const c of a.changed.slice(0, maxRows)) {
      const other = c.properties.filter((p) => !c.readByRules.includes(p));
      L.push(`| ${at(c)} | ${c.readByRules.map(md).join(', ') || '—'} | ${other.map(md).join(', ') || '—'} |`);
    }
  }
  for (const r of a.notDeployed.slice(0, maxRows)) L.push(`- not deployed yet: ${at(r)}`);
  for (const r of a.notInAssembly.slice(0, maxRows)) L.push(`- deployed, not in the assembly: ${at(r)}`);
  const more = Math.max(0, a.notDeployed.length - maxRows) + Math.max(0, a.notInAssembly.length - maxRows) + Math.max(0, a.changed.length - maxRows);
  if (more) L.push(`- …and ${more} more (see the JSON)`);
  L.push('');
  return L;
}

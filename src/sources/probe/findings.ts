/**
 * Observations → findings of source `probe`, joined to the inventory
 * resource each endpoint came from (same type, provider and id as the
 * configured finding, `source: 'probe'`), and added to an evidence document:
 * suppressions apply, the summary and exit code are recomputed, the probe
 * rules' metadata joins `doc.rules`, and what was probed goes into coverage.
 */
import type { EvidenceDocument, Finding, FindingResource, RuleInfo } from '../../findings/evidence.js';
import { fingerprintOf } from '../../findings/evidence.js';
import { summarize } from '../../evaluate/evaluate.js';
import { applySuppressions, type Suppression } from '../../findings/suppressions.js';
import type { Acknowledgement } from '../../model/resource.js';
import { DEFAULT_JUDGE, PROBE_RULES, type JudgeParams, type ProbeRule } from './judge.js';
import type { ProbeRun } from './run.js';
import { ENDPOINT_TYPES } from './endpoints.js';
import type { Observation } from './types.js';

/** The resource a finding of `rule` on `o` belongs to. */
function resourceOf(rule: ProbeRule, o: Observation): FindingResource {
  const t = o.target;
  const origin = rule.id === 'https-redirect/probe-http-redirect' ? (t.httpOrigin ?? t.origin) : t.origin;
  if (origin) return { ...origin, source: 'probe' };
  return { type: 'web.endpoint', provider: 'web', source: 'probe', id: `${t.host}:${t.tlsPort ?? t.httpPort}`, name: t.host };
}

export function probeFindings(observations: readonly Observation[], params: JudgeParams, controls: readonly string[]): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const o of observations) {
    for (const rule of PROBE_RULES) {
      if (!controls.includes(rule.control)) continue;
      const v = rule.judge(o, params);
      if (!v) continue;
      const resource = resourceOf(rule, o);
      const port = rule.id === 'https-redirect/probe-http-redirect' ? o.target.httpPort : o.target.tlsPort;
      if (port === null) continue;
      const subId = `${o.target.host}:${port}`;
      const fingerprint = fingerprintOf(rule.id, subId, { ...resource, id: `probe:${resource.id}` });
      if (seen.has(fingerprint)) continue;
      seen.add(fingerprint);
      out.push({
        fingerprint,
        ruleId: rule.id,
        subId,
        control: rule.control,
        severity: rule.severity,
        status: v.status,
        message: v.message,
        title: rule.title,
        resource,
        evidence: [...v.evidence, { path: 'probe.via', observed: o.target.via, source: 'probe', ...(o.address ? { note: `connected to ${o.address}` } : {}) }],
        suppression: null,
      });
    }
  }
  return out;
}

export function probeRuleInfos(): Record<string, RuleInfo> {
  const out: Record<string, RuleInfo> = {};
  for (const r of PROBE_RULES)
    out[r.id] = { title: r.title, control: r.control, severity: r.severity, risk: r.risk, remediation: r.remediation, types: [...ENDPOINT_TYPES], sources: ['probe'] };
  return out;
}

export interface AddProbeOptions {
  suppressions?: Suppression[];
  acknowledgements?: (f: Finding) => Acknowledgement[] | undefined;
  judge?: Partial<Omit<JudgeParams, 'tlsMin'>>;
  now?: Date;
}

/** Add the run's findings to `doc` (in place) and recompute what depends on them. */
export function addProbeFindings(doc: EvidenceDocument, run: ProbeRun, o: AddProbeOptions = {}): Finding[] {
  const params: JudgeParams = { ...DEFAULT_JUDGE, ...(o.judge ?? {}), tlsMin: doc.claims.parameters.tlsMin };
  const findings = probeFindings(run.observations, params, doc.claims.controls);
  applySuppressions(findings, o.suppressions ?? [], o.acknowledgements ?? (() => undefined), o.now ?? new Date());
  doc.findings.push(...findings);
  const inScope = PROBE_RULES.filter((r) => doc.claims.controls.includes(r.control));
  const infos = probeRuleInfos();
  doc.rules = { ...(doc.rules ?? {}) };
  for (const r of inScope) doc.rules[r.id] = infos[r.id]!;
  doc.run.rules += inScope.length;
  const cov = doc.coverage;
  cov.calls = { ...(cov.calls ?? {}), 'probe:tls-handshake': run.handshakes, 'probe:http-get': run.requests };
  const targets = [...new Set(run.observations.map((x) => `${x.target.host}:${x.target.tlsPort ?? x.target.httpPort}`))];
  cov.inputs = [...(cov.inputs ?? []), ...targets.map((t) => `probe:${t}`)];
  if (run.skipped.length) cov.notCollected = [...(cov.notCollected ?? []), ...run.skipped.map((s) => ({ what: `probe ${s.target.host}:${s.target.tlsPort ?? s.target.httpPort} (${s.target.via})`, why: s.why }))];
  const sourceFailures = (cov.failures?.length ?? 0) + (cov.notCollected?.filter((n) => n.gap).length ?? 0);
  doc.summary = summarize(doc.findings, doc.run.failOn, sourceFailures);
  return findings;
}

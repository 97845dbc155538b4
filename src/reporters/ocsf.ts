/**
 * OCSF Compliance Finding events (class 2003, category Findings, OCSF 1.3)
 * as JSON Lines, one event per finding, for Security Lake and SIEMs.
 * `compliance.control` is the vouch control, `compliance.standards` the
 * frameworks it maps to and `compliance.requirements` their requirement ids.
 */
import type { EvidenceDocument, Finding } from '../findings/evidence.js';
import type { Severity, Status } from '../evaluate/rule.js';
import { FRAMEWORK_NAMES, getControl, type FrameworkMappings } from '../evaluate/controls.js';
import { claimVerdicts, type ClaimsOverview } from '../findings/claim-verdicts.js';
import { isLiveSuppressed, repoRelative } from './common.js';
import { benchmarkRefsByRule } from '../evaluate/frameworks/verdicts.js';

export const OCSF_VERSION = '1.3.0';
const CLASS_UID = 2003;
const CATEGORY_UID = 2;
const ACTIVITY_CREATE = 1;

const SEVERITY_ID: Record<Severity, number> = { info: 1, low: 2, medium: 3, high: 4, critical: 5 };
const SEVERITY_NAME: Record<Severity, string> = { info: 'Informational', low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };
/** OCSF compliance status: 0 Unknown, 1 Pass, 2 Warning, 3 Fail, 99 Other. */
const COMPLIANCE_STATUS: Record<Status, [number, string]> = {
  pass: [1, 'Pass'],
  fail: [3, 'Fail'],
  unknown: [0, 'Unknown'],
  'not-applicable': [99, 'Not applicable'],
};
const CLOUD_PROVIDER: Record<string, string> = { aws: 'AWS', gcp: 'GCP', digitalocean: 'DigitalOcean' };

const mappingCache = new Map<string, { standards: string[]; requirements: string[] }>();

function mappingOf(controlId: string): { standards: string[]; requirements: string[] } {
  let m = mappingCache.get(controlId);
  if (!m) {
    const control = getControl(controlId);
    const keys = Object.keys(FRAMEWORK_NAMES) as (keyof FrameworkMappings)[];
    m = {
      standards: control ? keys.filter((k) => control.frameworks[k].length).map((k) => FRAMEWORK_NAMES[k]) : [],
      requirements: control ? keys.flatMap((k) => control.frameworks[k].map((id) => `${FRAMEWORK_NAMES[k]} ${id}`)) : [],
    };
    mappingCache.set(controlId, m);
  }
  return m;
}

export function ocsfEvent(doc: EvidenceDocument, f: Finding, claims: string[], time: number): Record<string, unknown> {
  const mapped = mappingOf(f.control);
  // Benchmarks asked for with --benchmark: their titles and control ids join the control's framework mappings.
  const bench = benchmarkRefsByRule(doc).get(f.ruleId) ?? [];
  const standards = bench.length ? [...new Set([...mapped.standards, ...bench.map((b) => b.standard)])] : mapped.standards;
  const requirements = bench.length ? [...mapped.requirements, ...bench.map((b) => b.requirement)] : mapped.requirements;
  const [statusId, status] = COMPLIANCE_STATUS[f.status];
  const suppressed = isLiveSuppressed(f) && (f.status === 'fail' || f.status === 'unknown');
  const r = f.resource;
  const resource: Record<string, unknown> = {
    uid: r.arn ?? r.id,
    name: r.name ?? r.logicalId ?? r.id,
    type: r.type,
    cloud_partition: r.provider === 'aws' && r.arn?.startsWith('arn:') ? r.arn.split(':')[1] : undefined,
    region: r.region,
    data: { source: r.source, file: r.file ? repoRelative(doc, r.file) : undefined, line: r.line, logical_id: r.logicalId, construct_path: r.constructPath, stack: r.stack },
  };
  return {
    activity_id: ACTIVITY_CREATE,
    activity_name: 'Create',
    category_uid: CATEGORY_UID,
    category_name: 'Findings',
    class_uid: CLASS_UID,
    class_name: 'Compliance Finding',
    type_uid: CLASS_UID * 100 + ACTIVITY_CREATE,
    type_name: 'Compliance Finding: Create',
    severity_id: SEVERITY_ID[f.severity],
    severity: SEVERITY_NAME[f.severity],
    time,
    status_id: suppressed ? 3 : 1,
    status: suppressed ? 'Suppressed' : 'New',
    message: f.message,
    metadata: {
      version: OCSF_VERSION,
      product: { name: 'vouch', vendor_name: 'vouch', version: doc.tool.version },
      uid: `${doc.run.id}:${f.fingerprint}`,
      correlation_uid: doc.run.id,
      log_name: 'vouch-evidence',
    },
    finding_info: {
      uid: f.fingerprint,
      title: f.title ?? doc.rules?.[f.ruleId]?.title ?? f.ruleId,
      types: [f.ruleId],
      created_time: time,
    },
    compliance: {
      control: f.control,
      standards,
      requirements,
      status_id: statusId,
      status,
    },
    cloud: { provider: CLOUD_PROVIDER[r.provider] ?? r.provider, region: r.region, account: r.account ? { uid: r.account } : undefined },
    resources: [resource],
    remediation: doc.rules?.[f.ruleId]?.remediation ? { desc: doc.rules[f.ruleId]!.remediation.text, references: doc.rules[f.ruleId]!.references } : undefined,
    unmapped: {
      vouch: {
        rule_id: f.ruleId,
        sub_id: f.subId,
        status: f.status,
        claims,
        evidence: f.evidence,
        suppression: f.suppression ?? undefined,
      },
    },
  };
}

export function renderOcsf(doc: EvidenceDocument, ctx: { claims?: ClaimsOverview } = {}): string {
  const time = Date.parse(doc.run.finishedAt) || Date.parse(doc.run.startedAt) || 0;
  const claimsOf = new Map<string, string[]>();
  for (const v of (ctx.claims ?? claimVerdicts(doc)).verdicts) for (const c of v.controls) (claimsOf.get(c) ?? claimsOf.set(c, []).get(c)!).push(v.id);
  const lines: string[] = [];
  for (const f of doc.findings) lines.push(JSON.stringify(ocsfEvent(doc, f, claimsOf.get(f.control) ?? [], time)));
  return lines.length ? lines.join('\n') + '\n' : '';
}

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
 *
 * - One rule descriptor per vouch rule that appears in the findings.
 * - Results for failures (kind `fail`) and unknowns (kind `open`, level
 *   `none`: SARIF allows a level only on failures). Passes and
 *   not-applicable verdicts are counted in `run.properties`, not listed.
 * - IaC findings: a physical location relative to the repository root
 *   (`%SRCROOT%`, see `run.repoPath`) and the start line; live findings: a
 *   logical location naming the ARN / self-link / URN, anchored to the claims
 *   profile file (GitHub refuses results without a physical location).
 * - `partialFingerprints` carry the evidence fingerprint (rule + resource
 *   identity, never a line number), so alerts survive template edits.
 * - A live suppression becomes a SARIF `suppressions` entry with its reason;
 *   an expired one is not a suppression any more (its result is a failure).
 */
import type { EvidenceDocument, Finding } from '../findings/evidence.js';
import type { Severity } from '../evaluate/rule.js';
import { getControl } from '../evaluate/controls.js';
import { claimVerdicts, type ClaimsOverview } from '../findings/claim-verdicts.js';
import { frameworkTags, isLiveSuppressed, repoRelative, uriPath, whereOf } from './common.js';
import { benchmarkRefsByRule } from '../evaluate/frameworks/verdicts.js';

/** GitHub maps security-severity > 9 critical, 7–8.9 high, 4–6.9 medium, 0.1–3.9 low. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'vouchFindingFingerprint/v1';

type Json = Record<string, unknown>;

/** `enc-rest/aws-s3-bucket` → `EncRestAwsS3Bucket`. */
function ruleName(id: string): string {
  return id
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

function ruleDescriptor(doc: EvidenceDocument, f: Finding): Json {
  const info = doc.rules?.[f.ruleId];
  const control = getControl(info?.control ?? f.control);
  const severity = info?.severity ?? f.severity;
  const title = info?.title ?? f.title ?? f.ruleId;
  const remediation = info?.remediation;
  const helpLines = [remediation?.text ?? `See control ${f.control}${control ? `: ${control.title}` : ''}.`];
  const helpMd = [remediation?.text ?? helpLines[0]!];
  if (remediation?.cdk) {
    helpLines.push(`CDK: ${remediation.cdk}`);
    helpMd.push('', '**CDK**', '', '```ts', remediation.cdk, '```');
  }
  if (remediation?.cloudformation) {
    helpLines.push(`CloudFormation: ${remediation.cloudformation}`);
    helpMd.push('', '**CloudFormation**', '', '```yaml', remediation.cloudformation, '```');
  }
  if (remediation?.cli) {
    helpLines.push(`CLI: ${remediation.cli}`);
    helpMd.push('', '**CLI**', '', '```sh', remediation.cli, '```');
  }
  if (control) helpMd.push('', `Control **${control.id}**: ${control.title}. Frameworks: ${frameworkTags(control.id).join(', ') || 'none'}.`);
  const benchmarks = (benchmarkRefsByRule(doc).get(f.ruleId) ?? []).map((b) => b.tag);
  const d: Json = {
    id: f.ruleId,
    name: ruleName(f.ruleId),
    shortDescription: { text: title },
    fullDescription: { text: info?.risk ? `${title}. ${info.risk}` : title },
    help: { text: helpLines.join('\n'), markdown: helpMd.join('\n') },
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      'security-severity': SECURITY_SEVERITY[severity],
      precision: 'high',
      tags: ['security', `control:${f.control}`, ...frameworkTags(f.control), ...benchmarks.map((b) => `benchmark:${b}`)],
      control: f.control,
      severity,
      ...(benchmarks.length ? { benchmarks } : {}),
    },
  };
  const ref = info?.references?.[0];
  if (ref && /^https?:\/\//.test(ref)) d.helpUri = ref;
  return d;
}

/** A file (and line) in the repository, or an absolute file URI. */
function fileLocation(doc: EvidenceDocument, file: string, line: number | undefined): Json {
  const region: Json | undefined = line && line > 0 ? { startLine: line } : undefined;
  const uri = repoRelative(doc, file);
  const absolute = uri.startsWith('/') || /^[a-zA-Z]:\//.test(uri);
  const artifactLocation: Json = absolute ? { uri: `file://${uri.startsWith('/') ? '' : '/'}${uriPath(uri)}` } : { uri: uriPath(uri), uriBaseId: '%SRCROOT%' };
  return { artifactLocation, ...(region ? { region } : {}) };
}

function locationsOf(doc: EvidenceDocument, f: Finding): Json[] {
  const r = f.resource;
  const logical: Json = {
    fullyQualifiedName: r.source === 'iac' ? (r.constructPath ?? r.id) : (r.arn ?? r.id),
    name: r.name ?? r.logicalId ?? r.id,
    kind: 'resource',
  };
  if (r.source === 'iac' && r.file) return [{ physicalLocation: fileLocation(doc, r.file, r.line), logicalLocations: [logical] }];
  // A live resource whose owning code was found (`scan aws --cdk-out`) points at it: the CDK source line
  // from the assembly's stack traces, else the resource in the assembly's template.
  const o = r.owner;
  const owned: Json[] = o?.status === 'stack' && o.stackName && o.logicalId ? [{ fullyQualifiedName: o.constructPath ?? `${o.stackName}/${o.logicalId}`, name: o.logicalId, kind: 'resource' }] : [];
  if (o?.status === 'stack' && o.code?.file) return [{ physicalLocation: fileLocation(doc, o.code.file, o.code.line), logicalLocations: [logical, ...owned] }];
  // GitHub code scanning rejects a whole SARIF file if any result has only a
  // logical location, so live findings are also anchored to a file: the claims
  // profile they were judged against when it is known, else a stable
  // synthetic path per provider and account (no such file exists).
  const anchor = doc.claims.file
    ? repoRelative(doc, doc.claims.file)
    : `.vouch/live/${r.provider}/${(r.account ?? 'unknown').replace(/[^A-Za-z0-9._-]/g, '_')}`;
  const absolute = anchor.startsWith('/') || /^[a-zA-Z]:\//.test(anchor);
  const artifactLocation = absolute ? { uri: `file://${anchor.startsWith('/') ? '' : '/'}${uriPath(anchor)}` } : { uri: uriPath(anchor), uriBaseId: '%SRCROOT%' };
  // A live resource a stack owns is also located in the code that declares it: its CDK construct path.
  return [{ physicalLocation: { artifactLocation }, logicalLocations: [logical, ...owned] }];
}

function result(doc: EvidenceDocument, f: Finding, ruleIndex: number): Json {
  const res: Json = {
    ruleId: f.ruleId,
    ruleIndex,
    kind: f.status === 'fail' ? 'fail' : 'open',
    level: f.status === 'fail' ? LEVEL[f.severity] : 'none',
    message: { text: `${f.status === 'unknown' ? 'Not determined: ' : ''}${f.message} — ${f.resource.type} ${whereOf(doc, f)}` },
    locations: locationsOf(doc, f),
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties: {
      status: f.status,
      severity: f.severity,
      control: f.control,
      ...(benchmarkRefsByRule(doc).has(f.ruleId) ? { benchmarks: benchmarkRefsByRule(doc).get(f.ruleId)!.map((b) => b.tag) } : {}),
      ...(f.subId ? { subId: f.subId } : {}),
      resource: f.resource,
      evidence: f.evidence,
      ...(f.suppression?.expired ? { expiredSuppression: f.suppression } : {}),
    },
  };
  if (f.suppression && isLiveSuppressed(f)) {
    const s = f.suppression;
    const justification = [s.reason, s.owner ? `owner: ${s.owner}` : '', s.expires ? `expires: ${s.expires}` : ''].filter(Boolean).join('; ');
    res.suppressions = [{ kind: 'external', status: 'accepted', justification, properties: { origin: s.origin, owner: s.owner, expires: s.expires } }];
  }
  return res;
}

export function renderSarif(doc: EvidenceDocument, ctx: { claims?: ClaimsOverview } = {}): string {
  const rules: Json[] = [];
  const index = new Map<string, number>();
  for (const f of doc.findings) {
    if (!index.has(f.ruleId)) {
      index.set(f.ruleId, rules.length);
      rules.push(ruleDescriptor(doc, f));
    }
  }
  const results = doc.findings.filter((f) => f.status === 'fail' || f.status === 'unknown').map((f) => result(doc, f, index.get(f.ruleId)!));
  const claims = ctx.claims ?? claimVerdicts(doc);
  const isGuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(doc.run.id);
  const notifications = (doc.coverage.failures ?? []).map((x) => ({
    level: 'warning',
    message: { text: `${x.operation}${x.account ? ` in ${x.account}` : ''}${x.region ? ` ${x.region}` : ''} failed: ${x.code}: ${x.message}` },
  }));
  const run: Json = {
    tool: {
      driver: {
        name: 'vouch',
        version: doc.tool.version,
        ...(/^\d+\.\d+\.\d+/.test(doc.tool.version) ? { semanticVersion: doc.tool.version } : {}),
        rules,
      },
    },
    automationDetails: { id: `vouch/${doc.run.command.split(' ')[0] || 'run'}/${doc.run.id}`, ...(isGuid ? { guid: doc.run.id } : {}) },
    originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The repository root (nearest ancestor of the working directory holding .git).' } } },
    invocations: [
      {
        executionSuccessful: true,
        startTimeUtc: doc.run.startedAt,
        endTimeUtc: doc.run.finishedAt,
        ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
      },
    ],
    results,
    properties: {
      summary: doc.summary,
      rulesHash: doc.tool.rulesHash,
      profile: doc.claims.profile,
      claims: claims.verdicts.map((v) => ({ id: v.id, text: v.text, verdict: v.verdict, reason: v.reason, controls: v.controls, needsAttestation: v.needsAttestation })),
    },
  };
  return JSON.stringify({ $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] }, null, 2) + '\n';
}

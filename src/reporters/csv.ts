/**
 * CSV for spreadsheets: one row per finding, RFC 4180 (CRLF line ends, fields
 * with comma, quote, CR or LF quoted, quotes doubled). Safe to open in Excel,
 * LibreOffice and Sheets: a cell starting with = + - @ (or tab / CR) gets a
 * leading apostrophe so it is read as text, never as a formula.
 */
import type { EvidenceDocument, Finding } from '../findings/evidence.js';
import { claimVerdicts, type ClaimsOverview } from '../findings/claim-verdicts.js';
import { repoRelative, safeText, showValue } from './common.js';

export function csvCell(v: unknown): string {
  let s = v === undefined || v === null ? '' : safeText(String(v));
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_COLUMNS = [
  'status',
  'suppressed',
  'severity',
  'control',
  'claims',
  'rule',
  'sub_id',
  'title',
  'message',
  'provider',
  'source',
  'resource_type',
  'resource_id',
  'resource_name',
  'file',
  'line',
  'account',
  'region',
  'arn',
  'evidence',
  'suppression_reason',
  'suppression_owner',
  'suppression_expires',
  'suppression_expired',
  'fingerprint',
] as const;

export function renderCsv(doc: EvidenceDocument, ctx: { claims?: ClaimsOverview } = {}): string {
  const claimsOf = new Map<string, string[]>();
  for (const v of (ctx.claims ?? claimVerdicts(doc)).verdicts) for (const c of v.controls) (claimsOf.get(c) ?? claimsOf.set(c, []).get(c)!).push(v.id);
  const rows: string[] = [CSV_COLUMNS.join(',')];
  for (const f of doc.findings) rows.push(row(doc, f, claimsOf.get(f.control) ?? []).map(csvCell).join(','));
  return rows.join('\r\n') + '\r\n';
}

function row(doc: EvidenceDocument, f: Finding, claims: string[]): unknown[] {
  const r = f.resource;
  const s = f.suppression;
  const evidence = f.evidence
    .map((e) => `${e.path}: observed ${showValue(e.observed, 200)}${e.expected !== undefined ? `; expected ${showValue(e.expected, 200)}` : ''}${e.note ? ` (${e.note})` : ''}`)
    .join(' | ');
  return [
    f.status,
    s && !s.expired ? 'yes' : 'no',
    f.severity,
    f.control,
    claims.join(' '),
    f.ruleId,
    f.subId,
    f.title ?? doc.rules?.[f.ruleId]?.title,
    f.message,
    r.provider,
    r.source,
    r.type,
    r.id,
    r.name,
    r.file ? repoRelative(doc, r.file) : undefined,
    r.line,
    r.account,
    r.region,
    r.arn,
    evidence,
    s?.reason,
    s?.owner,
    s?.expires,
    s ? (s.expired ? 'yes' : 'no') : undefined,
    f.fingerprint,
  ];
}

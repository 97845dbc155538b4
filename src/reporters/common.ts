/** Small helpers the report writers share. */
import { ownerLine } from '../findings/drift/ownership.js';
import type { EvidenceDocument, Finding, RuleInfo } from '../findings/evidence.js';
import { FRAMEWORK_NAMES, getControl, type FrameworkMappings } from '../evaluate/controls.js';
import { SEVERITY_RANK } from '../evaluate/rule.js';

/**
 * The IaC file of a finding as a path relative to the repository root, with
 * `/` separators: `run.repoPath` + the path relative to the working directory.
 * Absolute paths (outside the repository) stay absolute.
 */
export function repoRelative(doc: EvidenceDocument, file: string): string {
  const f = file.replace(/\\/g, '/');
  if (f.startsWith('/') || /^[a-zA-Z]:\//.test(f)) return f;
  const parts = [...(doc.run.repoPath ? doc.run.repoPath.split('/') : []), ...f.split('/')];
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out.join('/');
}

/** Where a finding is, in one line: `file:line LogicalId` or `account region arn`. */
export function whereOf(doc: EvidenceDocument, f: Finding): string {
  const r = f.resource;
  if (r.source === 'iac') {
    const file = r.file ? repoRelative(doc, r.file) : (r.stack ?? '');
    return `${file}${r.line ? `:${r.line}` : ''} ${r.logicalId ?? r.id}`.trim();
  }
  return withOwner([r.account, r.region, r.arn ?? r.id].filter(Boolean).join(' '), f);
}

/** A live location with its CloudFormation owner appended (`… [stack Web Bucket1 (Web/Bucket/Resource)]`). */
export function withOwner(where: string, f: Finding): string {
  // On GCP and DigitalOcean an unknown owner is the common case: coverage says why once, not on every line.
  if (f.resource.provider !== 'aws' && f.resource.owner?.status === 'unknown') return where;
  const o = ownerLine(f.resource.owner);
  return o ? `${where} [${o}]` : where;
}

/** Framework requirement ids of a control, as `soc2:CC6.1` tags. */
export function frameworkTags(control: string): string[] {
  const c = getControl(control);
  if (!c) return [];
  return (Object.keys(FRAMEWORK_NAMES) as (keyof FrameworkMappings)[]).flatMap((k) => c.frameworks[k].map((id) => `${k}:${id}`));
}

/** Rule metadata from the document, or what the findings themselves say. */
export function ruleInfoOf(doc: EvidenceDocument, f: Finding): RuleInfo | undefined {
  return doc.rules?.[f.ruleId];
}

/** Plain code-unit order: stable across locales, and far cheaper than localeCompare on 20,000 findings. */
export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function bySeverityThenRule(a: Finding, b: Finding): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || byText(a.ruleId, b.ruleId) || byText(a.resource.id, b.resource.id);
}

export function isLiveSuppressed(f: Finding): boolean {
  return f.suppression !== null && !f.suppression.expired;
}

/** A value from evidence, shown as text (JSON for objects), cut to `max` characters. */
export function showValue(v: unknown, max = 500): string {
  let s: string;
  if (v === undefined) s = '(absent)';
  else if (typeof v === 'string') s = v;
  else {
    try {
      s = JSON.stringify(v) ?? String(v);
    } catch {
      s = String(v);
    }
  }
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** A relative path as a URI reference: each segment percent-encoded (so `#`, `?`, spaces survive). */
export function uriPath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * Text from evidence made safe to show: terminal escape sequences (colours,
 * OSC-8 links, cursor moves) removed, other control characters shown as `?`.
 * Resource names and messages come from scanned clouds and templates, which
 * an attacker may write; raw, they would repaint a terminal or a log. Line
 * breaks and tabs stay unless `oneLine`.
 */
export function safeText(s: string, oneLine = false): string {
  // Fast path: nothing below U+0020 except tab/newline, no DEL or C1 controls, no bidi overrides.
  if (!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(s)) return oneLine ? s.replace(/[\r\n\t]+/g, ' ') : s;
  const out = s
    // ESC [ ... final byte (CSI), ESC ] ... BEL or ESC \ (OSC), other two-byte ESC sequences; and the C1 forms.
    .replace(/(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?/g, '')
    .replace(/(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]{0,4096}(?:\u0007|\u001b\\|\u009c)?/g, '')
    .replace(/\u001b[\u0020-\u007e]?/g, '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
  return oneLine ? out.replace(/[\r\n\t]+/g, ' ') : out;
}

/** `@name` and `@org/team` mentions made inert (a zero-width joiner after `@`), so a posted report pings nobody. */
export function noMentions(s: string): string {
  return s.includes('@') ? s.replace(/@(?=[A-Za-z0-9_-])/g, '@\u200d') : s;
}

/** Text safe inside a table cell: no pipes, no line breaks, no raw HTML, no terminal escapes, no live @mentions. */
export const cell = (s: unknown) =>
  noMentions(safeText(String(s ?? ''), true))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/[[\]]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, ' ');

/** Text made safe inside HTML element content and attribute values. */
export const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

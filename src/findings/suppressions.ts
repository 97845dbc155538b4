/**
 * Suppressions: acknowledged findings. A suppression never hides a finding;
 * it marks it, with reason, owner and expiry. An expired one stops
 * suppressing and says so.
 */
import { INPUT_LIMITS, readInputText } from '../util/input-file.js';
import type { Acknowledgement, Resource } from '../model/resource.js';
import type { Finding, SuppressionRecord } from './evidence.js';
import { globMatch } from '../evaluate/facts.js';
import { parseYamlFile } from '../util/yaml-file.js';
import { InputError } from '../util/errors.js';

export type { Suppression } from '../schema/suppressions.js';
import { suppressionsFileSchema, type Suppression } from '../schema/suppressions.js';

export function loadSuppressions(file: string): Suppression[] {
  const text = readInputText(file, { maxBytes: INPUT_LIMITS.suppressions, what: 'suppressions file' });
  const parsed = suppressionsFileSchema.safeParse(parseYamlFile(text, file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data.suppressions.map((s) => ({ ...s, origin: file }));
}

/** Does `pattern` (`rule` or `rule[sub]`, globs allowed) cover this finding's rule and sub-id? */
function ruleMatches(pattern: string, f: Finding): boolean {
  const m = /^(.*?)(?:\[(.*)\])?$/.exec(pattern)!;
  if (!globMatch(m[1]!, f.ruleId)) return false;
  if (m[2] === undefined) return true;
  return f.subId !== undefined && globMatch(m[2], f.subId);
}

function resourceKeys(f: Finding): string[] {
  const r = f.resource;
  const keys = [r.id, r.name, r.logicalId, r.constructPath, r.arn];
  if (r.stack && r.logicalId) keys.push(`${r.stack}/${r.logicalId}`);
  return keys.filter((k): k is string => typeof k === 'string');
}

export function isExpired(expires: string | undefined, now: Date): boolean {
  if (!expires) return false;
  const end = new Date(expires.length === 10 ? `${expires}T23:59:59.999Z` : expires);
  return Number.isNaN(end.getTime()) ? true : end.getTime() < now.getTime();
}

function record(a: Acknowledgement, now: Date): SuppressionRecord {
  const rec: SuppressionRecord = { reason: a.reason, origin: a.origin, expired: isExpired(a.expires, now) };
  if (a.owner) rec.owner = a.owner;
  if (a.expires) rec.expires = a.expires;
  return rec;
}

/**
 * Copies of one acknowledgement (the same rule pattern and reason, from the
 * template metadata, the CDK record, the suppressions file) are one: the
 * earliest expiry any copy states is the expiry of all, so a copy without a
 * date can never outlive one with a date.
 */
function mergeCopies(acks: Acknowledgement[]): Acknowledgement[] {
  const byKey = new Map<string, Acknowledgement>();
  for (const a of acks) {
    const key = `${a.rule}\u0000${a.reason.trim()}`;
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, a);
      continue;
    }
    const dated = [prev, a].filter((x) => x.expires !== undefined);
    const earliest = dated.sort((x, y) => expiryTime(x.expires) - expiryTime(y.expires))[0];
    byKey.set(key, earliest ? { ...(prev.expires ? prev : a), expires: earliest.expires, owner: prev.owner ?? a.owner } : prev);
  }
  return [...byKey.values()];
}

function expiryTime(expires: string | undefined): number {
  if (!expires) return Infinity;
  const t = new Date(expires.length === 10 ? `${expires}T23:59:59.999Z` : expires).getTime();
  return Number.isNaN(t) ? -Infinity : t;
}

/**
 * Attach suppressions to failing and unknown findings. Acknowledgements on the
 * resource itself come first, then the suppressions file. Copies of one
 * acknowledgement are merged first (earliest expiry wins); among distinct
 * acknowledgements an unexpired match wins over an expired one.
 */
export function applySuppressions(
  findings: Finding[],
  fileSuppressions: Suppression[],
  resourceAcks: (f: Finding) => Acknowledgement[] | undefined,
  now = new Date(),
): void {
  for (const f of findings) {
    if (f.status !== 'fail' && f.status !== 'unknown') continue;
    const acks = resourceAcks(f);
    // Nothing that could match (the common case): no array built for the finding.
    if (!acks?.length && fileSuppressions.length === 0) {
      f.suppression = null;
      continue;
    }
    const matches: Acknowledgement[] = [];
    for (const a of acks ?? []) if (ruleMatches(a.rule, f)) matches.push(a);
    const keys = fileSuppressions.length ? resourceKeys(f) : [];
    for (const s of fileSuppressions) {
      if (ruleMatches(s.rule, f) && keys.some((k) => globMatch(s.resource, k))) matches.push(s);
    }
    if (matches.length === 0) {
      f.suppression = null;
      continue;
    }
    let best: SuppressionRecord | null = null;
    for (const a of mergeCopies(matches)) {
      const rec = record(a, now);
      if (!best || (best.expired && !rec.expired)) best = rec;
    }
    f.suppression = best;
  }
}

/** Acknowledgements a resource carries (template `Metadata.vouch.acknowledge`). */
export function acknowledgementsOf(r: Resource | undefined): Acknowledgement[] | undefined {
  return r?.acknowledgements;
}

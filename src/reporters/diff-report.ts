/** `vouch diff` output: Markdown for people, JSON for machines. */
import type { EvidenceDiff } from '../findings/diff.js';
import type { EvidenceDocument, Finding } from '../findings/evidence.js';
import { bySeverityThenRule } from './common.js';
import { cell, whereLink } from './markdown.js';

function compact(f: Finding) {
  return {
    fingerprint: f.fingerprint,
    ruleId: f.ruleId,
    ...(f.subId ? { subId: f.subId } : {}),
    control: f.control,
    severity: f.severity,
    status: f.status,
    message: f.message,
    resource: f.resource,
    suppression: f.suppression,
  };
}

export function renderDiffJson(d: EvidenceDiff): string {
  const list = (xs: Finding[]) => [...xs].sort(bySeverityThenRule).map(compact);
  return (
    JSON.stringify(
      {
        old: d.old,
        new: d.new,
        counts: d.counts,
        newFailures: list(d.newFailures),
        fixed: list(d.fixed),
        disappeared: list(d.disappeared),
        stillFailing: list(d.stillFailing),
        newlyUnknown: list(d.newlyUnknown),
        expiredSuppressions: list(d.expiredSuppressions),
      },
      null,
      2,
    ) + '\n'
  );
}

export function renderDiffMarkdown(d: EvidenceDiff, newDoc: EvidenceDocument, oldDoc: EvidenceDocument, max = 100): string {
  const lines: string[] = [];
  const verdict = d.counts.newFailures ? 'REGRESSED' : 'NO NEW FAILURES';
  lines.push(`## vouch diff: ${verdict}`, '');
  lines.push(`From run \`${cell(d.old.runId)}\` (${cell(d.old.finishedAt)}) to run \`${cell(d.new.runId)}\` (${cell(d.new.finishedAt)}).`, '');
  lines.push(
    `| new failures | fixed | still failing | newly unknown | suppressions expired | gone |`,
    '|---:|---:|---:|---:|---:|---:|',
    `| ${d.counts.newFailures} | ${d.counts.fixed} | ${d.counts.stillFailing} | ${d.counts.newlyUnknown} | ${d.counts.expiredSuppressions} | ${d.counts.disappeared} |`,
    '',
  );
  const section = (title: string, xs: Finding[], doc: EvidenceDocument) => {
    if (!xs.length) return;
    lines.push(`### ${title} (${xs.length})`, '', '| severity | rule | where | message |', '|---|---|---|---|');
    for (const f of [...xs].sort(bySeverityThenRule).slice(0, max))
      lines.push(`| ${f.severity} | \`${cell(f.ruleId + (f.subId ? `[${f.subId}]` : ''))}\` | ${whereLink(doc, f)} | ${cell(f.message)} |`);
    if (xs.length > max) lines.push('', `… and ${xs.length - max} more (see --format json).`);
    lines.push('');
  };
  section('New failures', d.newFailures, newDoc);
  section('Suppressions that expired', d.expiredSuppressions, newDoc);
  section('Newly unknown', d.newlyUnknown, newDoc);
  section('Fixed', d.fixed, newDoc);
  section('Gone from the new run (not proven fixed)', d.disappeared, oldDoc);
  section('Still failing', d.stillFailing, newDoc);
  return lines.join('\n') + '\n';
}

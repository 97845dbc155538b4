import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown } from '../../../src/evaluate/facts.js';
import { requireCollected } from '../../../src/lib/gcp.js';

type Obj = Record<string, unknown>;

/** Does a sink export audit logs? An empty filter exports everything. */
export function exportsAuditLogs(sink: Obj): boolean {
  if (sink.disabled === true) return false;
  const filter = String(sink.filter ?? '').trim();
  if (!filter) return true;
  if (!/cloudaudit\.googleapis\.com/.test(filter)) return false;
  return !/(NOT\s+|-)\s*\(?\s*(protoPayload\.)?logName[^)]*cloudaudit/i.test(filter);
}

export default defineRule({
  id: 'audit-logging/gcp-log-sink',
  control: 'audit-logging',
  title: 'Audit logs are exported by a log sink (project, or an aggregated folder/organization sink)',
  severity: 'medium',
  risk: 'Without an export, audit logs live only in the project\'s log buckets, where a project owner can shorten retention and there is no copy for the security team.',
  remediation: {
    text: 'Create an aggregated sink at the organization (includeChildren: true) exporting cloudaudit.googleapis.com logs to a locked bucket, BigQuery dataset or Pub/Sub topic owned by security, or a project sink with that filter.',
    cli: 'gcloud logging sinks create audit-export storage.googleapis.com/AUDIT_BUCKET --organization=ORG --include-children --log-filter=\'logName:"cloudaudit.googleapis.com"\'',
  },
  references: ['https://cloud.google.com/logging/docs/export/aggregated_sinks'],
  types: ['gcp.project'],
  sources: ['live'],
  check(r, { inventory }) {
    requireCollected(r);
    known(r, 'sinks');
    const own = inventory.related(r, 'sinks').filter((s) => exportsAuditLogs(s.properties));
    if (own.length) return pass(`sink ${own[0]!.name} exports audit logs to ${String(own[0]!.properties.destination)}`, ev('sinks', own.map((s) => ({ name: s.name, destination: s.properties.destination, filter: s.properties.filter ?? '' })), 'a sink exporting cloudaudit.googleapis.com logs'));
    let undecided: string | undefined;
    for (const a of inventory.related(r, 'ancestors')) {
      const gap = a.gaps?.sinks;
      if (gap) {
        undecided ??= `${a.name}: ${gap}`;
        continue;
      }
      const agg = ((a.properties.sinks as Obj[] | undefined) ?? []).filter((s) => s.includeChildren === true && exportsAuditLogs(s));
      if (agg.length) return pass(`aggregated sink ${String(agg[0]!.name)} on ${a.name} exports audit logs of child projects`, ev(`${a.name}.sinks`, agg.map((s) => ({ name: s.name, destination: s.destination, filter: s.filter ?? '' })), 'includeChildren: true, audit logs'));
    }
    const gapAncestors = r.gaps?.ancestors;
    if (undecided || gapAncestors) return unknown(`no project sink exports audit logs, and the sinks above it could not be read (${undecided ?? gapAncestors})`, ev('sinks', []));
    return fail('no log sink (project, folder or organization) exports audit logs', ev('sinks', inventory.related(r, 'sinks').map((s) => ({ name: s.name, filter: s.properties.filter ?? '', disabled: s.properties.disabled ?? false })), 'a sink exporting cloudaudit.googleapis.com logs'));
  },
});

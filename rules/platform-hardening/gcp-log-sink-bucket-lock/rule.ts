import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, notApplicable, asRecord } from '../../../src/evaluate/facts.js';
import { requireCollected } from '../../../src/lib/gcp.js';

/**
 * CIS GCP 2.3: a sink exporting to Cloud Storage writes into a bucket whose
 * retention policy is locked (Bucket Lock), so exported logs cannot be
 * deleted or shortened early, even by the bucket's owner. The bucket is
 * looked up among the scanned projects' buckets; one not scanned is unknown.
 */
export default defineRule({
  id: 'platform-hardening/gcp-log-sink-bucket-lock',
  control: 'platform-hardening',
  title: 'Log sinks export to Cloud Storage buckets with a locked retention policy',
  severity: 'medium',
  risk: 'Without a locked retention policy, anyone with storage admin rights on the bucket (or an attacker holding them) can delete the exported logs that record what they did.',
  remediation: {
    text: 'Set a retention policy on the log bucket and lock it (locking is irreversible: choose the period first).',
    cli: 'gsutil retention set 365d gs://LOG_BUCKET && gsutil retention lock gs://LOG_BUCKET',
  },
  references: ['https://cloud.google.com/storage/docs/bucket-lock', 'https://cloud.google.com/logging/docs/export/configure_export_v2'],
  types: ['gcp.logging.sink'],
  sources: ['live'],
  check(r, { inventory }) {
    requireCollected(r);
    const dest = String(known(r, 'destination') ?? '');
    const m = /^storage\.googleapis\.com\/([^/]+)$/.exec(dest);
    if (!m) return notApplicable('the sink does not export to Cloud Storage', ev('destination', dest));
    if (known(r, 'disabled') === true) return notApplicable('the sink is disabled', ev('disabled', true));
    const bucket = inventory.get(`//storage.googleapis.com/projects/_/buckets/${m[1]}`);
    const e = ev('destination', dest, 'a bucket with a locked retention policy');
    if (!bucket) return unknown(`bucket ${m[1]} was not among the scanned buckets (another project, or its list failed)`, e);
    const why = bucket.gaps?.['*'] ?? bucket.gaps?.retentionPolicy;
    if (why) return unknown(`bucket ${m[1]} could not be read: ${why}`, e);
    const policy = asRecord(bucket.properties.retentionPolicy);
    const eb = ev(`bucket ${m[1]}: retentionPolicy`, { retentionPeriod: policy.retentionPeriod ?? null, isLocked: policy.isLocked ?? false }, { isLocked: true });
    if (policy.retentionPeriod === undefined) return fail(`bucket ${m[1]} has no retention policy`, e, eb);
    return policy.isLocked === true ? pass(`bucket ${m[1]} keeps objects ${Math.round(Number(policy.retentionPeriod) / 86400)} days under a locked policy`, e, eb) : fail(`bucket ${m[1]} has a retention policy that is not locked`, e, eb);
  },
});

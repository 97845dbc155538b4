import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asArray, asBool, asNumber, globMatch, tagsOf } from '../../../src/evaluate/facts.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { requireCollected } from '../../../src/lib/gcp.js';

type Obj = Record<string, unknown>;
/** Lifecycle conditions that limit a Delete rule to some objects only. */
const NARROWING = ['matchesPrefix', 'matchesSuffix', 'matchesStorageClass', 'createdBefore', 'customTimeBefore', 'daysSinceCustomTime', 'noncurrentTimeBefore'];

export default defineRule({
  id: 'data-retention/gcp-storage-bucket',
  control: 'data-retention',
  title: 'Buckets holding a data set with a retention promise delete objects in time',
  severity: 'medium',
  risk: 'Objects kept longer than the published retention period break the policy (and enlarge what a breach exposes).',
  remediation: {
    text: 'Add a lifecycle rule {action: Delete, condition: {age: N}} with N at most the promised days (and one for noncurrent versions if versioning is on); keep any retention policy shorter than N.',
    cli: 'gcloud storage buckets update gs://BUCKET --lifecycle-file=lifecycle.json',
  },
  references: ['https://cloud.google.com/storage/docs/lifecycle', 'https://cloud.google.com/storage/docs/bucket-lock'],
  types: ['gcp.storage.bucket'],
  sources: ['live'],
  check(r, { params }) {
    const labels = tagsOf(r);
    const matching = params.retention.filter(
      (rule) =>
        (!rule.match.types || rule.match.types.includes(r.type)) &&
        (!rule.match.name || globMatch(rule.match.name, r.name ?? '')) &&
        (!rule.match.tags || Object.entries(rule.match.tags).every(([k, v]) => labels[k] === v)),
    );
    if (matching.length === 0) return undefined; // no retention promise covers this bucket
    requireCollected(r);
    const rules = asArray(known(r, 'lifecycle.rule')) as Obj[];
    const versioning = asBool(known(r, 'versioning.enabled')) === true;
    const retentionSeconds = asNumber(known(r, 'retentionPolicy.retentionPeriod'));
    const softDelete = asNumber(known(r, 'softDeletePolicy.retentionDurationSeconds'));
    return matching.map((promise): Verdict => {
      const max = promise.maxDays;
      const deletes = rules
        .map((lr, i) => ({ lr, i }))
        .filter(({ lr }) => (lr?.action as Obj | undefined)?.type === 'Delete' && !NARROWING.some((k) => (lr.condition as Obj | undefined)?.[k] !== undefined));
      const live = deletes.filter(({ lr }) => {
        const c = (lr.condition ?? {}) as Obj;
        const age = asNumber(c.age);
        return age !== undefined && age <= max && c.isLive !== false && c.withState !== 'ARCHIVED';
      });
      const noncurrent = deletes.filter(({ lr }) => {
        const c = (lr.condition ?? {}) as Obj;
        const d = asNumber(c.daysSinceNoncurrentTime) ?? asNumber(c.age);
        return d !== undefined && d <= max && (c.isLive === false || c.withState === 'ARCHIVED' || c.withState === 'ANY' || c.isLive === undefined);
      });
      const evidence = [ev('lifecycle.rule', rules, `Delete with condition.age ≤ ${max}`, softDelete ? `soft delete keeps deleted objects ${Math.round(softDelete / 86400)} more days` : undefined)];
      const v = (verdict: Verdict): Verdict => ({ ...verdict, subId: promise.dataSet });
      if (retentionSeconds !== undefined && retentionSeconds > max * 86400)
        return v(fail(`retention policy locks objects ${Math.round(retentionSeconds / 86400)} days, longer than the ${max} days promised for ${promise.dataSet}`, ev('retentionPolicy.retentionPeriod', retentionSeconds, `≤ ${max * 86400} seconds`), ...evidence));
      if (live.length === 0) return v(fail(`no lifecycle rule deletes objects within ${max} days (${promise.dataSet})`, ...evidence));
      if (versioning && noncurrent.length === 0)
        return v(fail(`versioning is on and no lifecycle rule deletes noncurrent versions within ${max} days (${promise.dataSet})`, ev('versioning.enabled', true), ...evidence));
      return v(pass(`lifecycle deletes objects after ${asNumber((live[0]!.lr.condition as Obj).age)} days (≤ ${max}, ${promise.dataSet})`, ...evidence));
    });
  },
});

import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import type { Parameters } from '../../../src/evaluate/claims-profile.js';
import { known, must, get, asArray, ev, pass, fail, unknown, notApplicable, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';
import { outsideWindow, windowText } from '../_window.js';
import { archiveTierDays, defaultPolicyType, intervalDays, retainDays, type Days } from '../_dlm.js';

/** Judge a `[min, max]` retention (a month is 28–31 days) against the window. */
function judgeDays(days: Days, path: string, raw: unknown, label: string, params: Parameters, note?: string): Verdict {
  if (!Array.isArray(days)) return (days.invalid ? fail : unknown)(`${label}: ${days.why}`, ev(path, raw ?? null, windowText(params), note));
  const [lo, hi] = days;
  const evidence = ev(path, raw ?? null, windowText(params), note);
  const whyLo = outsideWindow(lo, params);
  const whyHi = outsideWindow(hi, params);
  const shown = lo === hi ? `${+lo.toFixed(2)} days` : `${+lo.toFixed(2)}–${+hi.toFixed(2)} days`;
  if (!whyLo && !whyHi) return pass(`${label}: snapshots kept ${shown}`, evidence);
  if (whyLo && whyHi) return fail(`${label}: snapshots kept ${lo === hi ? whyLo : `${shown}: ${whyLo}`}`, evidence);
  return unknown(`${label}: snapshots kept ${shown} depending on the month: ${whyLo ?? whyHi}`, evidence);
}

export default defineRule({
  id: 'backup-retention/aws-dlm-lifecycle-policy',
  control: 'backup-retention',
  title: 'Data Lifecycle Manager policies delete the snapshots they create within the promised window',
  severity: 'medium',
  risk: 'A DLM schedule that keeps snapshots (or their cross-Region copies, or their archived copies) longer than promised holds customer data past the rotation cycle; a shorter one cannot restore what the policy says can be restored.',
  remediation: {
    text: 'Give every schedule a RetainRule of the claimed cycle (Interval 35, IntervalUnit DAYS, or a Count × the creation interval equal to it), the same on every CrossRegionCopyRules[].RetainRule, and no ArchiveRule; a default policy keeps RetainInterval days (2–14, default 7).',
    cloudformation: 'PolicyDetails:\n  ResourceTypes: [VOLUME]\n  TargetTags: [{ Key: backup, Value: daily }]\n  Schedules:\n    - Name: daily\n      CreateRule: { Interval: 24, IntervalUnit: HOURS }\n      RetainRule: { Interval: 35, IntervalUnit: DAYS }',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dlm-lifecyclepolicy.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dlm-lifecyclepolicy-createrule.html',
    'https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-lifecycle.html',
    'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html',
  ],
  types: ['aws.dlm.lifecycle-policy'],
  sources: ['iac'],
  check(r, { params }) {
    const state = known(r, 'State');
    if (state === 'DISABLED') return notApplicable('the policy is disabled: it creates no snapshots', ev('State', state));
    const dflt = defaultPolicyType(r);
    if (dflt !== undefined) {
      const top = known(r, 'RetainInterval');
      const inDetails = known(r, 'PolicyDetails.RetainInterval');
      const raw = top ?? inDetails;
      const path = top !== undefined ? 'RetainInterval' : 'PolicyDetails.RetainInterval';
      const n = raw === undefined ? 7 : typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isInteger(n) || n < 2 || n > 14) return fail(`${path} ${text(raw)} is not a valid value`, ev(path, raw, windowText(params), notAValidValue(path, text(raw), 'a whole number of days from 2 to 14')));
      return judgeDays([n, n], path, raw, `default ${text(dflt)} policy`, params, raw === undefined ? 'omitted: a default policy keeps snapshots 7 days' : undefined);
    }
    const type = known(r, 'PolicyDetails.PolicyType') ?? 'EBS_SNAPSHOT_MANAGEMENT';
    if (type === 'EVENT_BASED_POLICY') return unknown('an event-based policy copies snapshots shared by another account: their retention is not judged by vouch', ev('PolicyDetails.PolicyType', type));
    if (type !== 'EBS_SNAPSHOT_MANAGEMENT' && type !== 'IMAGE_MANAGEMENT')
      return fail(`PolicyDetails.PolicyType ${text(type)} is not a valid value`, ev('PolicyDetails.PolicyType', type, 'EBS_SNAPSHOT_MANAGEMENT', notAValidValue('PolicyDetails.PolicyType', text(type), 'EBS_SNAPSHOT_MANAGEMENT, IMAGE_MANAGEMENT or EVENT_BASED_POLICY')));
    const schedules = asArray(known(r, 'PolicyDetails.Schedules'));
    if (schedules.length === 0) return unknown('the policy has no schedules vouch can read', ev('PolicyDetails.Schedules', null));
    const out: Verdict[] = [];
    schedules.forEach((raw, i) => {
      const s = must(raw, `PolicyDetails.Schedules[${i}]`) as Record<string, unknown>;
      const name = typeof s?.Name === 'string' ? s.Name : `#${i}`;
      const path = `PolicyDetails.Schedules[${i}]`;
      const create = must(s?.CreateRule, `${path}.CreateRule`);
      const retain = must(s?.RetainRule, `${path}.RetainRule`);
      const kept = retainDays(retain, create, `schedule ${name}`);
      const archive = must(s?.ArchiveRule, `${path}.ArchiveRule`);
      if (archive !== undefined && archive !== null) {
        // Archived snapshots are kept for the archive tier's retention after the standard one ends.
        const tierPath = `${path}.ArchiveRule.RetainRule.RetentionArchiveTier`;
        const more = archiveTierDays(must(get(archive, 'RetainRule.RetentionArchiveTier'), tierPath), create, tierPath);
        const total: Days = !Array.isArray(kept) ? kept : !Array.isArray(more) ? more : [kept[0] + more[0], kept[1] + more[1]];
        out.push({ ...judgeDays(total, `${path}.ArchiveRule`, archive, `schedule ${name} (standard then archive tier)`, params, 'archived snapshots are deleted when the archive tier retention ends'), subId: `Schedule:${name}` });
      } else out.push({ ...judgeDays(kept, `${path}.RetainRule`, retain, `schedule ${name}`, params), subId: `Schedule:${name}` });
      asArray(must(s?.CrossRegionCopyRules, `${path}.CrossRegionCopyRules`)).forEach((c, j) => {
        const copyRetain = must(get(c, 'RetainRule'), `${path}.CrossRegionCopyRules[${j}].RetainRule`);
        const days: Days =
          copyRetain === undefined || copyRetain === null
            ? { why: 'the copy rule gives no RetainRule: how long the copies are kept is not in the template' }
            : intervalDays(get(copyRetain, 'Interval'), get(copyRetain, 'IntervalUnit'), 'RetainRule');
        out.push({ ...judgeDays(days, `${path}.CrossRegionCopyRules[${j}].RetainRule`, copyRetain, `schedule ${name} copy ${j}`, params), subId: `Schedule:${name}:Copy[${j}]` });
      });
    });
    const bad = out.filter((v) => v.status !== 'pass');
    if (bad.length) return bad;
    return pass(out.map((v) => v.message).join('; '), ...out.flatMap((v) => v.evidence ?? []));
  },
});

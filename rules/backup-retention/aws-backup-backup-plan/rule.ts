import { defineRule, type EvidenceItem, type Verdict } from '../../../src/evaluate/rule.js';
import type { Parameters } from '../../../src/evaluate/claims-profile.js';
import { known, must, asArray, asNumber, ev, pass, fail, unknown } from '../../../src/evaluate/facts.js';
import { outsideWindow, windowText } from '../_window.js';
import { deployNames } from '../_selection.js';

function judgeLifecycle(lifecycle: unknown, path: string, label: string, params: Parameters): Verdict {
  const lc = must(lifecycle, `${path}.Lifecycle`) as Record<string, unknown> | undefined;
  const raw = must(lc?.DeleteAfterDays, `${path}.Lifecycle.DeleteAfterDays`);
  const cold = asNumber(lc?.MoveToColdStorageAfterDays);
  const note = cold !== undefined ? `moves to cold storage after ${cold} days; AWS Backup then requires DeleteAfterDays ≥ ${cold + 90}` : undefined;
  if (raw === undefined || raw === null)
    return fail(`${label}: recovery points are never deleted (no Lifecycle.DeleteAfterDays)`, ev(`${path}.Lifecycle.DeleteAfterDays`, null, windowText(params), 'omitted: AWS Backup keeps recovery points indefinitely'));
  const days = asNumber(raw);
  if (days === undefined) return unknown(`${label}: DeleteAfterDays ${JSON.stringify(raw)} is not a number`, ev(`${path}.Lifecycle.DeleteAfterDays`, raw));
  const evidence = ev(`${path}.Lifecycle.DeleteAfterDays`, raw, windowText(params), note);
  const why = outsideWindow(days, params);
  return why ? fail(`${label}: recovery points kept ${why}`, evidence) : pass(`${label}: recovery points deleted after ${days} days`, evidence);
}

export default defineRule({
  id: 'backup-retention/aws-backup-backup-plan',
  control: 'backup-retention',
  title: 'AWS Backup plan rules (and their copies) delete recovery points within the promised window',
  severity: 'medium',
  risk: 'A plan rule without DeleteAfterDays keeps every recovery point forever; a longer lifecycle keeps customer data past the promised rotation, and copy actions carry their own lifecycle.',
  remediation: {
    text: 'Give every plan rule and every copy action a Lifecycle.DeleteAfterDays equal to the claimed cycle (e.g. 35).',
    cdk: 'backup.BackupPlan.daily35DayRetention(this, "Plan") // or new backup.BackupPlanRule({ deleteAfter: Duration.days(35), ... })',
    cloudformation: 'BackupPlanRule:\n  - RuleName: daily\n    TargetBackupVault: !Ref Vault\n    ScheduleExpression: cron(0 5 * * ? *)\n    Lifecycle: { DeleteAfterDays: 35 }',
  },
  references: ['https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html'],
  types: ['aws.backup.backup-plan'],
  sources: ['iac', 'live'],
  check(r, { params, inventory }) {
    // What a selection of this plan leaves to deploy-time parameters: said beside the plan's verdict, since
    // the stores it might back up are judged on their own settings (backup-retention/_selection.ts).
    const open = inventory
      .related(r, 'selections')
      .map((sel) => ({ sel, names: deployNames(sel) }))
      .filter((x) => x.names.length > 0)
      .map(({ sel, names }) => `selection ${sel.location.logicalId ?? sel.id} selects by parameters without a value (${names.join(', ')}): what it backs up is decided at deploy time`);
    const notes: EvidenceItem[] = open.map((o) => ev('selections', o, undefined, 'no resource of the scan is counted as covered by it'));
    const rules = asArray(known(r, 'BackupPlan.BackupPlanRule'));
    if (rules.length === 0) return unknown('the plan has no rules vouch can read', ev('BackupPlan.BackupPlanRule', null));
    const out: Verdict[] = [];
    rules.forEach((raw, i) => {
      const rule = must(raw, `BackupPlan.BackupPlanRule[${i}]`) as Record<string, unknown>;
      const name = typeof rule?.RuleName === 'string' ? rule.RuleName : `#${i}`;
      const path = `BackupPlan.BackupPlanRule[${i}]`;
      out.push({ ...judgeLifecycle(rule?.Lifecycle, path, `rule ${name}`, params), subId: `Rule:${name}` });
      asArray(must(rule?.CopyActions, `${path}.CopyActions`)).forEach((c, j) => {
        const copy = must(c, `${path}.CopyActions[${j}]`) as Record<string, unknown>;
        out.push({ ...judgeLifecycle(copy?.Lifecycle, `${path}.CopyActions[${j}]`, `rule ${name} copy ${j}`, params), subId: `Rule:${name}:CopyAction[${j}]` });
      });
    });
    // Report the offending rules; when none offends, one pass names them all.
    const bad = out.filter((v) => v.status !== 'pass');
    if (bad.length) return notes.length ? bad.map((v) => ({ ...v, evidence: [...(v.evidence ?? []), ...notes] })) : bad;
    return pass([...out.map((v) => v.message), ...open].join('; '), ...out.flatMap((v) => v.evidence ?? []), ...notes);
  },
});

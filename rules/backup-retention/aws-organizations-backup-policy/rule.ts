import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail, unknown, notApplicable, asNumber, asRecord, text, jsonDocument } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import type { Parameters } from '../../../src/evaluate/claims-profile.js';
import { outsideWindow, windowText } from '../_window.js';

/**
 * An AWS Organizations backup policy (`Type: BACKUP_POLICY`) creates an AWS Backup plan in
 * every account it is attached to: `plans.<plan>.rules.<rule>.lifecycle.delete_after_days`
 * (and each `copy_actions.<vault>.lifecycle.delete_after_days`) is the plan rule's
 * Lifecycle.DeleteAfterDays, judged against the same window as AWS Backup plan rules.
 * Values sit under the inheritance operator `@@assign`. A rule that sets no
 * delete_after_days may inherit one from a policy attached higher in the organization,
 * which the template does not show: unknown. Other policy types are not applicable.
 */
function days(v: unknown): unknown {
  const r = v !== null && typeof v === 'object' && !isUnresolved(v) ? (v as Record<string, unknown>) : undefined;
  return r && '@@assign' in r ? r['@@assign'] : v;
}

function judge(lifecycle: unknown, path: string, label: string, params: Parameters): Verdict {
  const raw = days(get(lifecycle, 'delete_after_days'));
  const p = `Content.${path}.lifecycle.delete_after_days`;
  if (raw === undefined || raw === null)
    return unknown(`${label}: sets no delete_after_days; it may inherit one from a policy attached higher in the organization`, ev(p, null, windowText(params)));
  if (isUnresolved(raw)) return unknown(`${label}: delete_after_days is not known (${raw.expression})`, ev(p, raw, windowText(params)));
  const n = asNumber(raw);
  if (n === undefined) return fail(`${label}: delete_after_days ${text(raw)} is not a number of days`, ev(p, raw, windowText(params)));
  const why = outsideWindow(n, params);
  const item = ev(p, raw, windowText(params));
  return why ? fail(`${label}: recovery points kept ${why}`, item) : pass(`${label}: recovery points deleted after ${n} days`, item);
}

export default defineRule({
  id: 'backup-retention/aws-organizations-backup-policy',
  control: 'backup-retention',
  title: 'AWS Organizations backup policies delete recovery points within the promised window',
  severity: 'medium',
  risk: 'A backup policy creates the same plan in every account it reaches: a short lifecycle loses restore points across the organization, a long one keeps customer data past the promised rotation.',
  remediation: {
    text: 'Set lifecycle.delete_after_days ({ "@@assign": "35" }) on every rule and copy action of the policy to the claimed cycle.',
    cdk: "new organizations.CfnPolicy(this, 'Backups', { name, type: 'BACKUP_POLICY', content: { plans: { daily: { rules: { daily: { lifecycle: { delete_after_days: { '@@assign': '35' } }, ... } } } } } })",
    cloudformation: "Type: AWS::Organizations::Policy\nProperties:\n  Type: BACKUP_POLICY\n  Content:\n    plans:\n      daily:\n        rules:\n          daily:\n            lifecycle:\n              delete_after_days: { '@@assign': '35' }",
  },
  references: [
    'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_backup_syntax.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-organizations-policy.html',
  ],
  types: ['aws.organizations.policy'],
  // No live collector reads Organizations policies: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    const type = known(r, 'Type');
    if (text(type) !== 'BACKUP_POLICY') return notApplicable(`a ${text(type)} policy sets no backup lifecycle`, ev('Type', type ?? null));
    const content = asRecord(jsonDocument(r, 'Content', 200_000));
    const plans = get(content, 'plans');
    if (isUnresolved(plans)) return unknown(`the policy's plans are not known (${plans.expression})`, ev('Content.plans', plans));
    const out: Verdict[] = [];
    for (const [planName, plan] of Object.entries(asRecord(plans))) {
      const rules = get(plan, 'rules');
      if (isUnresolved(rules)) return unknown(`plan ${planName}: rules are not known (${rules.expression})`, ev(`Content.plans.${planName}.rules`, rules));
      for (const [ruleName, rule] of Object.entries(asRecord(rules))) {
        const path = `plans.${planName}.rules.${ruleName}`;
        out.push({ ...judge(get(rule, 'lifecycle'), path, `plan ${planName} rule ${ruleName}`, params), subId: `Rule:${planName}/${ruleName}` });
        const copies = get(rule, 'copy_actions');
        if (isUnresolved(copies)) out.push({ ...unknown(`plan ${planName} rule ${ruleName}: copy actions are not known (${copies.expression})`, ev(`Content.${path}.copy_actions`, copies)), subId: `Rule:${planName}/${ruleName}:Copy` });
        else for (const [vault, copy] of Object.entries(asRecord(copies)))
          out.push({ ...judge(get(copy, 'lifecycle'), `${path}.copy_actions.${vault}`, `plan ${planName} rule ${ruleName} copy to ${vault}`, params), subId: `Rule:${planName}/${ruleName}:Copy:${vault}` });
      }
    }
    if (out.length === 0) return unknown('the policy has no plan rules vouch can read', ev('Content.plans', plans ?? null));
    const bad = out.filter((v) => v.status !== 'pass');
    if (bad.length) return bad;
    return pass(out.map((v) => v.message).join('; '), ...out.flatMap((v) => v.evidence ?? []));
  },
});

import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';
import { bindingsOf, requireCollected } from '../../../src/lib/gcp.js';

/** Consumer Google account domains: not managed by the organization. */
const PERSONAL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/**
 * CIS GCP 1.1: IAM members are corporate (Cloud Identity / Workspace)
 * accounts. Judged on what a policy shows without knowing the organization's
 * domains: personal Gmail accounts fail; other outside domains are not judged.
 */
export default defineRule({
  id: 'iam-least-privilege/gcp-personal-accounts',
  control: 'iam-least-privilege',
  title: 'IAM policies grant nothing to personal Gmail accounts',
  severity: 'medium',
  risk: 'A personal account is outside the organization\'s control: no enforced 2-step verification, no offboarding, no audit of its other use.',
  remediation: { text: 'Replace grants to personal accounts with the person\'s corporate identity (or a group), and set the Domain Restricted Sharing organization policy.', cli: 'gcloud projects remove-iam-policy-binding PROJECT --member=user:NAME@gmail.com --role=ROLE' },
  references: ['https://cloud.google.com/resource-manager/docs/organization-policy/restricting-domains'],
  types: ['gcp.project', 'gcp.folder', 'gcp.organization'],
  sources: ['live'],
  check(r) {
    requireCollected(r, 'iamPolicy');
    const bindings = bindingsOf(known(r, 'iamPolicy'));
    const out: Verdict[] = [];
    bindings.forEach((b, i) => {
      for (const m of b.members) {
        const domain = /^(?:deleted:)?(?:user|group):[^@]+@([^?]+)/.exec(m)?.[1]?.toLowerCase();
        if (domain && PERSONAL_DOMAINS.has(domain)) out.push({ ...fail(`${b.role} granted to the personal account ${m}`, ev(`iamPolicy.bindings[${i}]`, { role: b.role, member: m }, 'corporate identities only')), subId: `${b.role}:${m}` });
      }
    });
    if (out.length) return out;
    return pass(`${bindings.length} bindings: no personal Gmail account`, ev('iamPolicy.bindings[].members', `${bindings.length} bindings`, 'no @gmail.com / @googlemail.com members'));
  },
});

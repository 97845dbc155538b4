import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { BASIC_ROLES, PUBLIC_MEMBERS, bindingsOf, memberKind, requireCollected } from '../../../src/lib/gcp.js';

export default defineRule({
  id: 'iam-least-privilege/gcp-iam-policy',
  control: 'iam-least-privilege',
  title: 'Project, folder and organization IAM policies grant no basic roles to users or service accounts and nothing to allUsers',
  severity: 'high',
  risk: 'roles/owner and roles/editor grant broad access to every service; bindings to allUsers / allAuthenticatedUsers grant it to anyone.',
  remediation: {
    text: 'Replace roles/owner and roles/editor with predefined or custom roles granted to groups; remove allUsers and allAuthenticatedUsers members.',
    cli: 'gcloud projects remove-iam-policy-binding PROJECT --member=user:EMAIL --role=roles/editor',
  },
  references: ['https://cloud.google.com/iam/docs/understanding-roles#basic', 'https://cloud.google.com/iam/docs/reference/rest/v1/Policy'],
  types: ['gcp.project', 'gcp.folder', 'gcp.organization'],
  sources: ['live'],
  check(r) {
    requireCollected(r);
    const policy = known(r, 'iamPolicy');
    const bindings = bindingsOf(policy);
    const out: Verdict[] = [];
    bindings.forEach((b, i) => {
      const path = `iamPolicy.bindings[${i}]`;
      const cond = b.condition ? ` (condition: ${b.condition.title ?? b.condition.expression ?? 'set'})` : '';
      for (const m of b.members) {
        if (PUBLIC_MEMBERS.has(m))
          out.push({ ...fail(`${b.role} granted to ${m}${cond}: anyone can use it`, ev(path, { role: b.role, member: m, condition: b.condition ?? null }, 'no allUsers / allAuthenticatedUsers')), subId: `${b.role}:${m}` });
        else if (BASIC_ROLES.has(b.role) && (memberKind(m) === 'user' || memberKind(m) === 'serviceAccount'))
          out.push({
            ...fail(`basic role ${b.role} granted to ${m}${cond}`, ev(path, { role: b.role, member: m, condition: b.condition ?? null }, 'predefined/custom roles through groups', b.condition ? 'a condition narrows but does not remove the broad grant' : undefined)),
            subId: `${b.role}:${m}`,
          });
      }
    });
    if (out.length) return out;
    return pass(`${bindings.length} bindings: no basic roles on users or service accounts, no public members`, ev('iamPolicy.bindings', `${bindings.length} bindings`, 'no roles/owner or roles/editor on user:/serviceAccount:, no allUsers/allAuthenticatedUsers'));
  },
});

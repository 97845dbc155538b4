import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';
import { bindingsOf, requireCollected } from '../../../src/lib/gcp.js';

/** Roles that let a member act as any service account under the resource (CIS GCP 1.6). */
const IMPERSONATION_ROLES = new Set(['roles/iam.serviceAccountUser', 'roles/iam.serviceAccountTokenCreator']);

/**
 * CIS GCP 1.6. Granted on a project (or a folder or organization above it),
 * these roles let the member run code as, or mint tokens for, every service
 * account below, including those holding more rights than the member.
 */
export default defineRule({
  id: 'iam-least-privilege/gcp-service-account-impersonation',
  control: 'iam-least-privilege',
  title: 'No one holds Service Account User or Token Creator on a whole project, folder or organization',
  severity: 'high',
  risk: 'roles/iam.serviceAccountUser or roles/iam.serviceAccountTokenCreator on a project lets the member act as every service account in it, and so gain every role those accounts hold.',
  remediation: {
    text: 'Remove the project-level binding and grant the role on the specific service accounts the member needs to use.',
    cli: 'gcloud projects remove-iam-policy-binding PROJECT --member=MEMBER --role=roles/iam.serviceAccountUser; gcloud iam service-accounts add-iam-policy-binding SA_EMAIL --member=MEMBER --role=roles/iam.serviceAccountUser',
  },
  references: ['https://cloud.google.com/iam/docs/service-account-permissions', 'https://cloud.google.com/iam/docs/reference/rest/v1/Policy'],
  types: ['gcp.project', 'gcp.folder', 'gcp.organization'],
  sources: ['live'],
  check(r) {
    requireCollected(r, 'iamPolicy');
    const bindings = bindingsOf(known(r, 'iamPolicy'));
    const out: Verdict[] = [];
    bindings.forEach((b, i) => {
      if (!IMPERSONATION_ROLES.has(b.role)) return;
      for (const m of b.members) {
        const note = b.condition ? 'a condition narrows but does not remove the grant' : undefined;
        out.push({ ...fail(`${b.role} granted to ${m} on the whole ${r.type.split('.').pop()}`, ev(`iamPolicy.bindings[${i}]`, { role: b.role, member: m, condition: b.condition ?? null }, 'granted on individual service accounts only', note)), subId: `${b.role}:${m}` });
      }
    });
    if (out.length) return out;
    return pass(`${bindings.length} bindings: no Service Account User or Token Creator on the whole resource`, ev('iamPolicy.bindings[].role', `${bindings.length} bindings`, 'no roles/iam.serviceAccountUser or roles/iam.serviceAccountTokenCreator'));
  },
});

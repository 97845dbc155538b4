import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';
import { bindingsOf, requireCollected } from '../../../src/lib/gcp.js';

/**
 * CIS GCP 1.8 and 1.11: one member must not both administer a kind of
 * resource and use it. Each pair is a sub-finding (`service-accounts`, `kms`),
 * so each benchmark control names its own. Members are compared as written
 * (`user:a@x`); a group that contains a user is not expanded (not readable
 * through Resource Manager).
 */
const DUTIES: { subId: string; what: string; admin: string[]; use: string[] }[] = [
  { subId: 'service-accounts', what: 'service account administration and use', admin: ['roles/iam.serviceAccountAdmin'], use: ['roles/iam.serviceAccountUser'] },
  {
    subId: 'kms',
    what: 'Cloud KMS administration and key use',
    admin: ['roles/cloudkms.admin'],
    use: ['roles/cloudkms.cryptoKeyEncrypterDecrypter', 'roles/cloudkms.cryptoKeyEncrypter', 'roles/cloudkms.cryptoKeyDecrypter'],
  },
];

export default defineRule({
  id: 'iam-least-privilege/gcp-separation-of-duties',
  control: 'iam-least-privilege',
  title: 'No member both administers and uses service accounts, or both administers and uses Cloud KMS keys',
  severity: 'medium',
  risk: 'A member who can create service accounts (or keys) and also act as them (or encrypt and decrypt with them) needs no one else to misuse them: separation of duties is gone.',
  remediation: {
    text: 'Give administration and use to different members: remove roles/iam.serviceAccountUser from service account admins, and the cryptoKey encrypter/decrypter roles from Cloud KMS admins.',
    cli: 'gcloud projects remove-iam-policy-binding PROJECT --member=MEMBER --role=roles/cloudkms.cryptoKeyEncrypterDecrypter',
  },
  references: ['https://cloud.google.com/iam/docs/service-account-permissions', 'https://cloud.google.com/kms/docs/separation-of-duties'],
  types: ['gcp.project', 'gcp.folder', 'gcp.organization'],
  sources: ['live'],
  check(r) {
    requireCollected(r, 'iamPolicy');
    const bindings = bindingsOf(known(r, 'iamPolicy'));
    const rolesOf = new Map<string, Set<string>>();
    for (const b of bindings) for (const m of b.members) (rolesOf.get(m) ?? rolesOf.set(m, new Set()).get(m)!).add(b.role);
    const out: Verdict[] = [];
    for (const d of DUTIES) {
      const both = [...rolesOf].filter(([, roles]) => d.admin.some((a) => roles.has(a)) && d.use.some((u) => roles.has(u)));
      const e = ev('iamPolicy.bindings', both.map(([m, roles]) => ({ member: m, roles: [...roles].filter((x) => d.admin.includes(x) || d.use.includes(x)).sort() })), `no member with both ${d.admin.join('/')} and ${d.use.join('/')}`);
      out.push({
        ...(both.length ? fail(`${both.map(([m]) => m).join(', ')} hold${both.length === 1 ? 's' : ''} both ${d.what}`, e) : pass(`no member holds both ${d.what}`, e)),
        subId: d.subId,
      });
    }
    return out;
  },
});

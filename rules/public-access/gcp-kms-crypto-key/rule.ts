import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';
import { PUBLIC_MEMBERS, bindingsOf, requireCollected } from '../../../src/lib/gcp.js';

/** CIS GCP 1.9: no key IAM binding for allUsers or allAuthenticatedUsers. */
export default defineRule({
  id: 'public-access/gcp-kms-crypto-key',
  control: 'public-access',
  title: 'Cloud KMS keys grant nothing to allUsers or allAuthenticatedUsers',
  severity: 'critical',
  risk: 'A key role granted to allUsers or allAuthenticatedUsers lets anyone on the internet (or with any Google account) use or manage the key, and so decrypt what it protects.',
  remediation: { text: 'Remove the allUsers and allAuthenticatedUsers members from the key\'s IAM policy.', cli: 'gcloud kms keys remove-iam-policy-binding KEY --keyring=RING --location=LOC --member=allUsers --role=ROLE' },
  references: ['https://cloud.google.com/kms/docs/iam'],
  types: ['gcp.kms.crypto-key'],
  sources: ['live'],
  check(r) {
    requireCollected(r);
    const bindings = bindingsOf(known(r, 'iamPolicy'));
    const out: Verdict[] = [];
    bindings.forEach((b, i) => {
      for (const m of b.members) if (PUBLIC_MEMBERS.has(m)) out.push(fail(`${b.role} granted to ${m}`, ev(`iamPolicy.bindings[${i}]`, { role: b.role, member: m }, 'no allUsers / allAuthenticatedUsers')));
    });
    if (out.length) return out.length === 1 ? out[0]! : out.map((v, i) => ({ ...v, subId: String(i) }));
    return pass(`${bindings.length} bindings, none public`, ev('iamPolicy.bindings', `${bindings.length} bindings`, 'no allUsers / allAuthenticatedUsers'));
  },
});

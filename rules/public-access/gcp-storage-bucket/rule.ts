import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';
import { PUBLIC_MEMBERS, bindingsOf, requireCollected } from '../../../src/lib/gcp.js';

export default defineRule({
  id: 'public-access/gcp-storage-bucket',
  control: 'public-access',
  title: 'Cloud Storage buckets grant nothing to allUsers or allAuthenticatedUsers',
  severity: 'critical',
  risk: 'A bucket IAM binding to allUsers or allAuthenticatedUsers makes its objects readable (or writable) by anyone on the internet.',
  remediation: {
    text: 'Remove allUsers / allAuthenticatedUsers from the bucket IAM policy and enforce public access prevention.',
    cli: 'gcloud storage buckets remove-iam-policy-binding gs://BUCKET --member=allUsers --role=ROLE && gcloud storage buckets update gs://BUCKET --public-access-prevention',
  },
  references: ['https://cloud.google.com/storage/docs/public-access-prevention'],
  types: ['gcp.storage.bucket'],
  sources: ['live'],
  check(r) {
    requireCollected(r);
    const pap = known(r, 'iamConfiguration.publicAccessPrevention');
    const bindings = bindingsOf(known(r, 'iamPolicy'));
    const publicGrants = bindings.flatMap((b, i) => b.members.filter((m) => PUBLIC_MEMBERS.has(m)).map((m) => ev(`iamPolicy.bindings[${i}]`, { role: b.role, member: m }, 'no allUsers / allAuthenticatedUsers')));
    if (publicGrants.length === 0) return pass(`no public members in ${bindings.length} bucket bindings`, ev('iamPolicy.bindings', `${bindings.length} bindings`, 'no allUsers / allAuthenticatedUsers'));
    if (pap === 'enforced')
      return pass('public members are present but public access prevention is enforced, which blocks them', ev('iamConfiguration.publicAccessPrevention', pap, 'enforced'), ...publicGrants);
    return fail(`bucket is public: ${publicGrants.length} binding(s) to allUsers/allAuthenticatedUsers`, ...publicGrants, ev('iamConfiguration.publicAccessPrevention', pap ?? null, 'enforced'));
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool } from '../../../src/evaluate/facts.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { requireCollected } from '../../../src/lib/gcp.js';

export default defineRule({
  id: 'public-access/gcp-storage-bucket-prevention',
  control: 'public-access',
  title: 'Cloud Storage buckets enforce public access prevention and uniform bucket-level access',
  severity: 'medium',
  risk: 'Without public access prevention a single IAM change makes the bucket public; without uniform bucket-level access, object ACLs can grant public reads that the bucket IAM policy does not show.',
  remediation: {
    text: 'Enforce public access prevention and enable uniform bucket-level access on the bucket (or through the org policies storage.publicAccessPrevention and storage.uniformBucketLevelAccess).',
    cli: 'gcloud storage buckets update gs://BUCKET --public-access-prevention --uniform-bucket-level-access',
  },
  references: ['https://cloud.google.com/storage/docs/public-access-prevention', 'https://cloud.google.com/storage/docs/uniform-bucket-level-access'],
  types: ['gcp.storage.bucket'],
  sources: ['live'],
  check(r) {
    requireCollected(r);
    const pap = known(r, 'iamConfiguration.publicAccessPrevention');
    const ubla = asBool(known(r, 'iamConfiguration.uniformBucketLevelAccess.enabled'));
    const out: Verdict[] = [];
    out.push(
      pap === 'enforced'
        ? { ...pass('public access prevention is enforced', ev('iamConfiguration.publicAccessPrevention', pap, 'enforced')), subId: 'publicAccessPrevention' }
        : {
            ...fail(`public access prevention is ${String(pap ?? 'unset')}, not enforced on the bucket`, ev('iamConfiguration.publicAccessPrevention', pap ?? null, 'enforced', pap === 'inherited' ? 'inherited: enforced only if the org policy storage.publicAccessPrevention applies (not read by vouch)' : undefined)),
            subId: 'publicAccessPrevention',
          },
    );
    out.push(
      ubla === true
        ? { ...pass('uniform bucket-level access is on (no object ACLs)', ev('iamConfiguration.uniformBucketLevelAccess.enabled', true, true)), subId: 'uniformBucketLevelAccess' }
        : { ...fail('uniform bucket-level access is off: object ACLs can make objects public', ev('iamConfiguration.uniformBucketLevelAccess.enabled', ubla ?? null, true)), subId: 'uniformBucketLevelAccess' },
    );
    return out;
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asArray, asRecord } from '../../../src/evaluate/facts.js';
import { requireCollected } from '../../../src/lib/gcp.js';

const truthy = (v: string | undefined) => v !== undefined && /^(true|1|yes|on)$/i.test(v.trim());

/**
 * CIS GCP 4.4 (`os-login`): `enable-oslogin` in the project's common instance
 * metadata, which every VM inherits unless its own metadata overrides it.
 */
export default defineRule({
  id: 'platform-hardening/gcp-compute-project',
  control: 'platform-hardening',
  title: 'OS Login is enabled in the project metadata',
  severity: 'medium',
  risk: 'Without OS Login, SSH access is governed by keys pasted into metadata rather than by IAM: no central revocation, no 2-step verification, no audit of who logged in.',
  remediation: {
    text: 'Set enable-oslogin=TRUE in the project metadata, and remove enable-oslogin=FALSE from instance metadata.',
    cli: 'gcloud compute project-info add-metadata --metadata=enable-oslogin=TRUE',
  },
  references: ['https://cloud.google.com/compute/docs/oslogin/set-up-oslogin'],
  types: ['gcp.compute.project'],
  sources: ['live'],
  check(r) {
    requireCollected(r);
    const items = asArray(asRecord(known(r, 'commonInstanceMetadata')).items).map((i) => asRecord(i));
    const v = items.find((i) => String(i.key).toLowerCase() === 'enable-oslogin')?.value;
    const e = ev('commonInstanceMetadata.items[enable-oslogin]', v ?? null, 'TRUE', v === undefined ? 'not set: OS Login is off by default' : undefined);
    return { ...(truthy(v === undefined ? undefined : String(v)) ? pass('OS Login is enabled for the project', e) : fail('OS Login is not enabled in the project metadata', e)), subId: 'os-login' };
  },
});

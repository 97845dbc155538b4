import { defineRule } from '../../../src/evaluate/rule.js';
import { known } from '../../../src/evaluate/facts.js';
import { requireCollected } from '../../../src/lib/gcp.js';
import { gcpAtRest } from '../_gcp.js';

export default defineRule({
  id: 'enc-rest/gcp-compute-disk',
  control: 'enc-rest',
  title: 'Persistent disks are encrypted at rest (Google default AES-256, CMEK or CSEK)',
  severity: 'high',
  risk: 'Only fails when the claim requires customer-managed keys and the disk uses Google-managed keys.',
  remediation: {
    text: 'Nothing to do for AES-256 at rest (Google default). Where the claim requires customer-managed keys, create disks with a Cloud KMS key (disks cannot be re-keyed in place: snapshot and recreate).',
    cli: 'gcloud compute disks create DISK --kms-key=projects/P/locations/L/keyRings/R/cryptoKeys/K',
  },
  references: ['https://cloud.google.com/compute/docs/disks/customer-managed-encryption'],
  types: ['gcp.compute.disk'],
  sources: ['live'],
  check(r, { params }) {
    requireCollected(r);
    const kms = known(r, 'diskEncryptionKey.kmsKeyName');
    if (kms) return gcpAtRest(`disk ${r.name ?? r.id}`, 'diskEncryptionKey.kmsKeyName', kms, params.requireCustomerManagedKeys);
    const csek = known(r, 'diskEncryptionKey.sha256');
    return gcpAtRest(`disk ${r.name ?? r.id}`, 'diskEncryptionKey.sha256', csek, params.requireCustomerManagedKeys, 'customer-supplied key, CSEK');
  },
});

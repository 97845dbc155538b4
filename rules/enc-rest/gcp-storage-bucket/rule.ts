import { defineRule } from '../../../src/evaluate/rule.js';
import { known } from '../../../src/evaluate/facts.js';
import { requireCollected } from '../../../src/lib/gcp.js';
import { gcpAtRest } from '../_gcp.js';

export default defineRule({
  id: 'enc-rest/gcp-storage-bucket',
  control: 'enc-rest',
  title: 'Cloud Storage buckets are encrypted at rest (Google default AES-256 or CMEK)',
  severity: 'high',
  risk: 'Only fails when the claim requires customer-managed keys and the bucket has no default Cloud KMS key.',
  remediation: {
    text: 'Nothing to do for AES-256 at rest (Google default). Where the claim requires customer-managed keys, set the bucket default KMS key.',
    cli: 'gcloud storage buckets update gs://BUCKET --default-encryption-key=projects/P/locations/L/keyRings/R/cryptoKeys/K',
  },
  references: ['https://cloud.google.com/storage/docs/encryption/default-keys'],
  types: ['gcp.storage.bucket'],
  sources: ['live'],
  check(r, { params }) {
    requireCollected(r);
    return gcpAtRest(`bucket ${r.name ?? r.id}`, 'encryption.defaultKmsKeyName', known(r, 'encryption.defaultKmsKeyName'), params.requireCustomerManagedKeys);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known } from '../../../src/evaluate/facts.js';
import { requireCollected } from '../../../src/lib/gcp.js';
import { gcpAtRest } from '../_gcp.js';

export default defineRule({
  id: 'enc-rest/gcp-sql-instance',
  control: 'enc-rest',
  title: 'Cloud SQL instances are encrypted at rest (Google default AES-256 or CMEK)',
  severity: 'high',
  risk: 'Only fails when the claim requires customer-managed keys and the instance uses Google-managed keys.',
  remediation: {
    text: 'Nothing to do for AES-256 at rest (Google default). Where the claim requires customer-managed keys, create the instance with a Cloud KMS key (CMEK is set at creation).',
    cli: 'gcloud sql instances create DB --disk-encryption-key=projects/P/locations/L/keyRings/R/cryptoKeys/K',
  },
  references: ['https://cloud.google.com/sql/docs/mysql/cmek'],
  types: ['gcp.sql.instance'],
  sources: ['live'],
  check(r, { params }) {
    requireCollected(r);
    return gcpAtRest(`Cloud SQL instance ${r.name ?? r.id}`, 'diskEncryptionConfiguration.kmsKeyName', known(r, 'diskEncryptionConfiguration.kmsKeyName'), params.requireCustomerManagedKeys);
  },
});

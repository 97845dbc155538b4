import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable, asRecord } from '../../../src/evaluate/facts.js';
import { requireCollected } from '../../../src/lib/gcp.js';

/** Table types with no data of their own in BigQuery storage. */
const NO_STORAGE = new Set(['VIEW', 'EXTERNAL']);

/**
 * CIS GCP 7.2: the table is encrypted with a Cloud KMS key. A table created
 * in a dataset with a default key reports that key in its own
 * `encryptionConfiguration` (tables.get); a table without one uses
 * Google-managed keys, whatever its dataset's default says now (the default
 * applies to new tables only), so the table's own setting decides. Like 7.3,
 * the benchmark asks for customer-managed keys where enc-rest accepts
 * Google's default AES-256.
 */
export default defineRule({
  id: 'platform-hardening/gcp-bigquery-table',
  control: 'platform-hardening',
  title: 'BigQuery tables are encrypted with a customer-managed key',
  severity: 'low',
  risk: 'With Google-managed keys only, the organization cannot revoke or rotate access to the table\'s data on its own schedule.',
  remediation: {
    text: 'Rewrite the table with a Cloud KMS key (a copy or query job with a destination encryption configuration, or `bq cp` onto itself with the key); set the dataset\'s default key so new tables get it.',
    cli: 'bq cp -f --destination_kms_key=projects/P/locations/L/keyRings/R/cryptoKeys/K DATASET.TABLE DATASET.TABLE',
  },
  references: ['https://cloud.google.com/bigquery/docs/customer-managed-encryption', 'https://cloud.google.com/bigquery/docs/reference/rest/v2/tables#Table'],
  types: ['gcp.bigquery.table'],
  sources: ['live'],
  check(r) {
    requireCollected(r, 'encryptionConfiguration');
    const type = known(r, 'type');
    if (typeof type === 'string' && NO_STORAGE.has(type)) return notApplicable(`a ${type.toLowerCase()}: no data of its own in BigQuery storage`, ev('type', type));
    const key = asRecord(known(r, 'encryptionConfiguration')).kmsKeyName;
    const e = ev('encryptionConfiguration.kmsKeyName', key ?? null, 'a Cloud KMS key');
    return typeof key === 'string' && key ? pass('the table is encrypted with a customer-managed key', e) : fail('no customer-managed key: the table uses Google-managed keys', e);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asRecord } from '../../../src/evaluate/facts.js';
import { requireCollected } from '../../../src/lib/gcp.js';

/**
 * CIS GCP 7.3 (`default-cmek`): the dataset's default key is a Cloud KMS key,
 * so new tables are encrypted with it. Unlike enc-rest (where Google's
 * default AES-256 satisfies an encryption promise), the benchmark asks for
 * customer-managed keys.
 */
export default defineRule({
  id: 'platform-hardening/gcp-bigquery-dataset',
  control: 'platform-hardening',
  title: 'BigQuery datasets have a default customer-managed encryption key',
  severity: 'low',
  risk: 'With Google-managed keys only, the organization cannot revoke or rotate access to the data on its own schedule.',
  remediation: { text: 'Set a Cloud KMS key as the dataset\'s default encryption key (existing tables keep their key until rewritten).', cli: 'bq update --default_kms_key=projects/P/locations/L/keyRings/R/cryptoKeys/K PROJECT:DATASET' },
  references: ['https://cloud.google.com/bigquery/docs/customer-managed-encryption'],
  types: ['gcp.bigquery.dataset'],
  sources: ['live'],
  check(r) {
    requireCollected(r, 'defaultEncryptionConfiguration');
    const key = asRecord(known(r, 'defaultEncryptionConfiguration')).kmsKeyName;
    const e = ev('defaultEncryptionConfiguration.kmsKeyName', key ?? null, 'a Cloud KMS key');
    return { ...(typeof key === 'string' && key ? pass('new tables are encrypted with a customer-managed key', e) : fail('no default customer-managed key: tables use Google-managed keys', e)), subId: 'default-cmek' };
  },
});

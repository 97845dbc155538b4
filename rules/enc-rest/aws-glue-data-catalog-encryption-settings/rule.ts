import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

export default defineRule({
  id: 'enc-rest/aws-glue-data-catalog-encryption-settings',
  control: 'enc-rest',
  title: 'The Glue Data Catalog encrypts its metadata at rest',
  severity: 'medium',
  risk: 'With CatalogEncryptionMode DISABLED the Data Catalog stores databases, tables, partitions and connection definitions unencrypted.',
  remediation: {
    text: 'Set DataCatalogEncryptionSettings.EncryptionAtRest.CatalogEncryptionMode to SSE-KMS with an SseAwsKmsKeyId.',
    cdk: "new glue.CfnDataCatalogEncryptionSettings(this, 'Catalog', { catalogId: this.account, dataCatalogEncryptionSettings: { encryptionAtRest: { catalogEncryptionMode: 'SSE-KMS', sseAwsKmsKeyId: key.keyId } } })",
    cloudformation: 'Type: AWS::Glue::DataCatalogEncryptionSettings\nProperties:\n  CatalogId: !Ref AWS::AccountId\n  DataCatalogEncryptionSettings:\n    EncryptionAtRest:\n      CatalogEncryptionMode: SSE-KMS\n      SseAwsKmsKeyId: !Ref Key',
  },
  references: ['https://docs.aws.amazon.com/glue/latest/dg/encrypt-glue-data-catalog.html', 'https://docs.aws.amazon.com/glue/latest/webapi/API_EncryptionAtRest.html'],
  types: ['aws.glue.data-catalog-encryption-settings'],
  // No live collector reads Glue: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    const raw = known(r, 'DataCatalogEncryptionSettings.EncryptionAtRest.CatalogEncryptionMode');
    const path = 'DataCatalogEncryptionSettings.EncryptionAtRest.CatalogEncryptionMode';
    const omitted = raw === undefined || raw === null;
    const mode = omitted ? 'DISABLED' : text(raw).trim().toUpperCase();
    const expected = params.requireCustomerManagedKeys ? 'SSE-KMS with a customer-managed SseAwsKmsKeyId' : 'SSE-KMS';
    if (mode === 'DISABLED')
      return fail('the Data Catalog stores its metadata unencrypted', ev(path, raw ?? null, expected, omitted ? 'omitted: the Data Catalog is not encrypted unless CatalogEncryptionMode says so' : undefined));
    if (mode !== 'SSE-KMS' && mode !== 'SSE-KMS-WITH-SERVICE-ROLE')
      return fail(`CatalogEncryptionMode ${JSON.stringify(mode)} is not a valid value`, ev(path, raw, expected, notAValidValue('CatalogEncryptionMode', mode, 'DISABLED, SSE-KMS, SSE-KMS-WITH-SERVICE-ROLE')));
    // The key matters only to a customer-key claim: a key from a parameter does not make an encrypted store unknown.
    const key = params.requireCustomerManagedKeys ? known(r, 'DataCatalogEncryptionSettings.EncryptionAtRest.SseAwsKmsKeyId') : get(r.properties, 'DataCatalogEncryptionSettings.EncryptionAtRest.SseAwsKmsKeyId');
    const keyEv = ev('DataCatalogEncryptionSettings.EncryptionAtRest.SseAwsKmsKeyId', key ?? null, params.requireCustomerManagedKeys ? 'a customer-managed KMS key' : undefined, key ? undefined : 'omitted: the AWS managed key aws/glue');
    if (params.requireCustomerManagedKeys && (key === undefined || key === null || key === ''))
      return fail('the Data Catalog is encrypted with the AWS managed key, but the claim requires customer-managed keys', ev(path, raw, expected), keyEv);
    return pass(`the Data Catalog encrypts its metadata with ${mode}`, ev(path, raw, expected), keyEv);
  },
});

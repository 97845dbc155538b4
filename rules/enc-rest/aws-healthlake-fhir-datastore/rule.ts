import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeChosenKey } from '../_chosen-key.js';

const KMS = 'SseConfiguration.KmsEncryptionConfig';

export default defineRule({
  id: 'enc-rest/aws-healthlake-fhir-datastore',
  control: 'enc-rest',
  title: 'HealthLake FHIR data stores are encrypted at rest (with a customer-managed key when the claim asks)',
  severity: 'low',
  risk: 'A FHIR data store holds protected health information; HealthLake always encrypts it, under an AWS owned key unless CmkType chooses a customer managed key, and the choice cannot be changed after creation.',
  remediation: {
    text: 'Nothing to do for encryption itself. Where the claim requires customer-managed keys, create the data store with SseConfiguration KmsEncryptionConfig CmkType CUSTOMER_MANAGED_KMS_KEY and KmsKeyId.',
    cdk: "new healthlake.CfnFHIRDatastore(this, 'Records', { datastoreTypeVersion: 'R4', sseConfiguration: { kmsEncryptionConfig: { cmkType: 'CUSTOMER_MANAGED_KMS_KEY', kmsKeyId: key.keyArn } } })",
    cloudformation: 'SseConfiguration:\n  KmsEncryptionConfig:\n    CmkType: CUSTOMER_MANAGED_KMS_KEY\n    KmsKeyId: !GetAtt Key.Arn',
  },
  references: ['https://docs.aws.amazon.com/healthlake/latest/devguide/encryption-at-rest.html', 'https://docs.aws.amazon.com/healthlake/latest/APIReference/API_KmsEncryptionConfig.html'],
  types: ['aws.healthlake.fhir-datastore'],
  // No live collector reads HealthLake: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    return judgeChosenKey(r, params, {
      attested: 'HealthLake Developer Guide: data stores are encrypted at rest by default under a service owned KMS key',
      modePath: `${KMS}.CmkType`,
      omitted: 'an AWS owned key',
      customer: ['CUSTOMER_MANAGED_KMS_KEY'],
      others: ['AWS_OWNED_KMS_KEY'],
      keyPath: `${KMS}.KmsKeyId`,
    });
  },
});

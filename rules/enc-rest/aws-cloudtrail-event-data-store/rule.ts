import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePlatformEncrypted } from '../_platform-encrypted.js';

export default defineRule({
  id: 'enc-rest/aws-cloudtrail-event-data-store',
  control: 'enc-rest',
  title: 'CloudTrail Lake event data stores are encrypted at rest (with a customer-managed key when the claim asks)',
  severity: 'low',
  risk: 'CloudTrail Lake always encrypts its event data stores; a claim that requires customer-managed keys (Security Hub CloudTrail.10) is not met without KmsKeyId.',
  remediation: {
    text: 'Nothing to do for encryption itself; set KmsKeyId to a customer-managed key when the claim requires one (it cannot be removed later).',
    cdk: "new cloudtrail.CfnEventDataStore(this, 'Lake', { kmsKeyId: key.keyArn, retentionPeriod: 365 })",
    cloudformation: 'Type: AWS::CloudTrail::EventDataStore\nProperties:\n  KmsKeyId: !GetAtt LakeKey.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/query-event-data-store-kms.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudtrail-eventdatastore.html',
  ],
  types: ['aws.cloudtrail.event-data-store'],
  // The live collector does not read CloudTrail Lake.
  sources: ['iac'],
  check(r, { params }) {
    return judgePlatformEncrypted(r, params, { attested: 'CloudTrail encrypts event data stores with a KMS key that CloudTrail owns', keyPath: 'KmsKeyId' });
  },
});

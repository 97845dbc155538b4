import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePlatformEncrypted } from '../_platform-encrypted.js';

export default defineRule({
  id: 'enc-rest/aws-timestream-database',
  control: 'enc-rest',
  title: 'Timestream databases encrypt their data at rest (with a customer-managed key when the claim asks)',
  severity: 'medium',
  risk: 'Timestream always encrypts stored time series; a claim that requires customer-managed keys is broken by a database left on the AWS managed key, which can only be chosen at creation.',
  remediation: {
    text: 'Nothing to do for encryption itself. Where the claim requires customer-managed keys, create the database with KmsKeyId.',
    cdk: "new timestream.CfnDatabase(this, 'Metrics', { databaseName: 'metrics', kmsKeyId: key.keyArn })",
    cloudformation: 'Type: AWS::Timestream::Database\nProperties:\n  KmsKeyId: !GetAtt Key.Arn',
  },
  references: ['https://docs.aws.amazon.com/timestream/latest/developerguide/EncryptionAtRest.html'],
  types: ['aws.timestream.database'],
  // No live collector reads Timestream: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    return judgePlatformEncrypted(r, params, { attested: 'Timestream Developer Guide: encryption at rest is always on (AWS managed key alias/aws/timestream unless KmsKeyId is given)', keyPath: 'KmsKeyId' });
  },
});

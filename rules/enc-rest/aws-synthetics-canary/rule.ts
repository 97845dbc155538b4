import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeChosenKey } from '../_chosen-key.js';

const S3E = 'ArtifactConfig.S3Encryption';

export default defineRule({
  id: 'enc-rest/aws-synthetics-canary',
  control: 'enc-rest',
  title: 'CloudWatch Synthetics canaries encrypt their artifacts at rest (with a customer-managed key when the claim asks)',
  severity: 'low',
  risk: 'Canary screenshots, HAR files and reports can hold the pages and responses the canary saw; Synthetics encrypts them in S3 under an AWS managed key (or SSE-S3) unless EncryptionMode SSE_KMS names a customer managed key.',
  remediation: {
    text: 'Nothing to do for encryption itself. Where the claim requires customer-managed keys, set ArtifactConfig S3Encryption EncryptionMode SSE_KMS with KmsKeyArn (and let the canary role use the key).',
    cdk: "new synthetics.CfnCanary(this, 'Checkout', { ..., artifactConfig: { s3Encryption: { encryptionMode: 'SSE_KMS', kmsKeyArn: key.keyArn } } })",
    cloudformation: 'ArtifactConfig:\n  S3Encryption:\n    EncryptionMode: SSE_KMS\n    KmsKeyArn: !GetAtt Key.Arn',
  },
  references: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_artifact_encryption.html', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-synthetics-canary-s3encryption.html'],
  types: ['aws.synthetics.canary'],
  // No live collector reads Synthetics: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    return judgeChosenKey(r, params, {
      attested: 'CloudWatch User Guide (Encrypting canary artifacts): artifacts are encrypted at rest, by default with an AWS managed key',
      modePath: `${S3E}.EncryptionMode`,
      omitted: 'an AWS managed key',
      // The API value is SSE_KMS; the CloudFormation reference spells it SSE-KMS in its prose.
      customer: ['SSE_KMS', 'SSE-KMS'],
      others: ['SSE_S3'],
      keyPath: `${S3E}.KmsKeyArn`,
    });
  },
});

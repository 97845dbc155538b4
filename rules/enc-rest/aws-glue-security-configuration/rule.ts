import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeGlueSecurityConfiguration } from '../_glue.js';

export default defineRule({
  id: 'enc-rest/aws-glue-security-configuration',
  control: 'enc-rest',
  title: 'Glue security configurations encrypt S3 output, CloudWatch logs and job bookmarks',
  severity: 'high',
  risk: 'Jobs, crawlers and development endpoints that use a security configuration with an encryption mode DISABLED write their S3 output, logs or job bookmarks without Glue encryption.',
  remediation: {
    text: 'Set S3Encryptions[].S3EncryptionMode to SSE-KMS (or SSE-S3), CloudWatchEncryption.CloudWatchEncryptionMode to SSE-KMS and JobBookmarksEncryption.JobBookmarksEncryptionMode to CSE-KMS, each with a KmsKeyArn.',
    cdk: "new glue.CfnSecurityConfiguration(this, 'GlueSec', { name: 'etl', encryptionConfiguration: { s3Encryptions: [{ s3EncryptionMode: 'SSE-KMS', kmsKeyArn: key.keyArn }], cloudWatchEncryption: { cloudWatchEncryptionMode: 'SSE-KMS', kmsKeyArn: key.keyArn }, jobBookmarksEncryption: { jobBookmarksEncryptionMode: 'CSE-KMS', kmsKeyArn: key.keyArn } } })",
    cloudformation:
      'Type: AWS::Glue::SecurityConfiguration\nProperties:\n  Name: etl\n  EncryptionConfiguration:\n    S3Encryptions:\n      - { S3EncryptionMode: SSE-KMS, KmsKeyArn: !GetAtt Key.Arn }\n    CloudWatchEncryption: { CloudWatchEncryptionMode: SSE-KMS, KmsKeyArn: !GetAtt Key.Arn }\n    JobBookmarksEncryption: { JobBookmarksEncryptionMode: CSE-KMS, KmsKeyArn: !GetAtt Key.Arn }',
  },
  references: [
    'https://docs.aws.amazon.com/glue/latest/dg/encryption-security-configuration.html',
    'https://docs.aws.amazon.com/glue/latest/webapi/API_EncryptionConfiguration.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-glue-securityconfiguration-encryptionconfiguration.html',
  ],
  types: ['aws.glue.security-configuration'],
  // No live collector reads Glue: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    return judgeGlueSecurityConfiguration(r, params.requireCustomerManagedKeys);
  },
});

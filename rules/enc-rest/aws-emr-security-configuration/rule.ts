import { defineRule } from '../../../src/evaluate/rule.js';
import { securityConfigurationDocument, judgeAtRest, EMR_SECURITY_CONFIGURATION_DOCS, EMR_ENCRYPTION_DOCS } from '../_emr.js';

export default defineRule({
  id: 'enc-rest/aws-emr-security-configuration',
  control: 'enc-rest',
  title: 'EMR security configurations encrypt local disks and EMRFS data at rest',
  severity: 'high',
  risk: 'A cluster launched with a security configuration that leaves at-rest encryption off writes HDFS blocks, shuffle and spill files and EBS volumes to disk unencrypted.',
  remediation: {
    text: 'Set EncryptionConfiguration.EnableAtRestEncryption true with a LocalDiskEncryptionConfiguration (AwsKms key, EnableEbsEncryption true) and an S3EncryptionConfiguration (SSE-KMS for a customer-managed key).',
    cdk: "new emr.CfnSecurityConfiguration(this, 'EmrSec', { securityConfiguration: { EncryptionConfiguration: { EnableAtRestEncryption: true, EnableInTransitEncryption: true, AtRestEncryptionConfiguration: { LocalDiskEncryptionConfiguration: { EncryptionKeyProviderType: 'AwsKms', AwsKmsKey: key.keyArn, EnableEbsEncryption: true } }, InTransitEncryptionConfiguration: { TLSCertificateConfiguration: { CertificateProviderType: 'PEM', S3Object: 's3://bucket/certs.zip' } } } } })",
    cloudformation:
      'Type: AWS::EMR::SecurityConfiguration\nProperties:\n  SecurityConfiguration:\n    EncryptionConfiguration:\n      EnableAtRestEncryption: true\n      EnableInTransitEncryption: true\n      AtRestEncryptionConfiguration:\n        S3EncryptionConfiguration: { EncryptionMode: SSE-KMS, AwsKmsKey: !GetAtt Key.Arn }\n        LocalDiskEncryptionConfiguration: { EncryptionKeyProviderType: AwsKms, AwsKmsKey: !GetAtt Key.Arn, EnableEbsEncryption: true }',
  },
  references: [EMR_SECURITY_CONFIGURATION_DOCS, EMR_ENCRYPTION_DOCS, 'https://docs.aws.amazon.com/securityhub/latest/userguide/emr-controls.html'],
  types: ['aws.emr.security-configuration'],
  // The live collector does not read EMR.
  sources: ['iac'],
  check(r, { params }) {
    return judgeAtRest(securityConfigurationDocument(r), '', params.requireCustomerManagedKeys);
  },
});

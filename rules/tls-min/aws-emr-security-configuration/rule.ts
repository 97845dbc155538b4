import { defineRule } from '../../../src/evaluate/rule.js';
import { securityConfigurationDocument, judgeInTransit, EMR_SECURITY_CONFIGURATION_DOCS, EMR_ENCRYPTION_DOCS } from '../../enc-rest/_emr.js';

/**
 * EMR in-transit encryption as tls-min: with EnableInTransitEncryption the
 * cluster's applications speak TLS between nodes and to clients (certificates
 * from the configuration's TLSCertificateConfiguration); without it that traffic
 * is plaintext, the plainest breach of a TLS promise. The configuration has no
 * TLS-version setting, so a 1.3 floor is unknown.
 */
export default defineRule({
  id: 'tls-min/aws-emr-security-configuration',
  control: 'tls-min',
  title: 'EMR security configurations encrypt data in transit',
  severity: 'high',
  risk: 'Clusters launched with a security configuration that leaves in-transit encryption off move data between nodes (shuffle, HDFS, RPC) and to clients (Livy, JupyterHub, Presto) in plaintext.',
  remediation: {
    text: 'Set EncryptionConfiguration.EnableInTransitEncryption true with an InTransitEncryptionConfiguration.TLSCertificateConfiguration (PEM certificates in S3, or a Custom provider).',
    cdk: "new emr.CfnSecurityConfiguration(this, 'EmrSec', { securityConfiguration: { EncryptionConfiguration: { EnableInTransitEncryption: true, EnableAtRestEncryption: true, InTransitEncryptionConfiguration: { TLSCertificateConfiguration: { CertificateProviderType: 'PEM', S3Object: 's3://bucket/certs.zip' } }, AtRestEncryptionConfiguration: { ... } } } })",
    cloudformation:
      'Type: AWS::EMR::SecurityConfiguration\nProperties:\n  SecurityConfiguration:\n    EncryptionConfiguration:\n      EnableInTransitEncryption: true\n      InTransitEncryptionConfiguration:\n        TLSCertificateConfiguration: { CertificateProviderType: PEM, S3Object: s3://bucket/certs.zip }',
  },
  references: [EMR_SECURITY_CONFIGURATION_DOCS, EMR_ENCRYPTION_DOCS, 'https://docs.aws.amazon.com/securityhub/latest/userguide/emr-controls.html'],
  types: ['aws.emr.security-configuration'],
  // The live collector does not read EMR.
  sources: ['iac'],
  check(r, { params }) {
    return judgeInTransit(securityConfigurationDocument(r), '', params.tlsMin);
  },
});

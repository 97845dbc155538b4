import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeClusterConfiguration, judgeInTransit, EMR_SECURITY_CONFIGURATION_DOCS, EMR_ENCRYPTION_DOCS } from '../../enc-rest/_emr.js';

/**
 * A cluster is judged on the security configuration it names (FSBP EMR.4):
 * without one, or with in-transit encryption off, its applications talk
 * plaintext between nodes and to clients. See tls-min/aws-emr-security-configuration.
 */
export default defineRule({
  id: 'tls-min/aws-emr-cluster',
  control: 'tls-min',
  title: 'EMR clusters run with in-transit encryption',
  severity: 'high',
  risk: 'An EMR cluster without in-transit encryption moves data between nodes (shuffle, HDFS, RPC) and to clients (Livy, JupyterHub, Presto) in plaintext.',
  remediation: {
    text: 'Name a security configuration with EnableInTransitEncryption true (and a TLSCertificateConfiguration) in the cluster\'s SecurityConfiguration.',
    cdk: "new emr.CfnCluster(this, 'Cluster', { ..., securityConfiguration: securityConfig.ref })",
    cloudformation: 'Type: AWS::EMR::Cluster\nProperties:\n  SecurityConfiguration: !Ref EmrSecurityConfiguration',
  },
  references: [EMR_SECURITY_CONFIGURATION_DOCS, EMR_ENCRYPTION_DOCS, 'https://docs.aws.amazon.com/securityhub/latest/userguide/emr-controls.html'],
  types: ['aws.emr.cluster'],
  // The live collector does not read EMR.
  sources: ['iac'],
  check(r, { params, inventory }) {
    return judgeClusterConfiguration(r, inventory, 'in-transit', 'traffic between its nodes and to clients is plaintext', (doc, where, lead) => judgeInTransit(doc, where, params.tlsMin, lead));
  },
});

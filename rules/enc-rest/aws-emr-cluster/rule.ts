import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeClusterConfiguration, judgeAtRest, EMR_SECURITY_CONFIGURATION_DOCS, EMR_ENCRYPTION_DOCS } from '../_emr.js';

/**
 * A cluster is judged on the security configuration it names: without one, EMR
 * encrypts neither the nodes' local disks nor EBS volumes (FSBP EMR.3 looks at
 * the configuration; a cluster with none has no at-rest encryption at all).
 */
export default defineRule({
  id: 'enc-rest/aws-emr-cluster',
  control: 'enc-rest',
  title: 'EMR clusters run with at-rest encryption',
  severity: 'high',
  risk: 'An EMR cluster without at-rest encryption keeps HDFS blocks, shuffle and spill files and its EBS volumes unencrypted on its nodes.',
  remediation: {
    text: 'Create an AWS::EMR::SecurityConfiguration with EnableAtRestEncryption true and a LocalDiskEncryptionConfiguration, and name it in the cluster\'s SecurityConfiguration.',
    cdk: "new emr.CfnCluster(this, 'Cluster', { ..., securityConfiguration: securityConfig.ref })",
    cloudformation: 'Type: AWS::EMR::Cluster\nProperties:\n  SecurityConfiguration: !Ref EmrSecurityConfiguration',
  },
  references: [EMR_SECURITY_CONFIGURATION_DOCS, EMR_ENCRYPTION_DOCS, 'https://docs.aws.amazon.com/securityhub/latest/userguide/emr-controls.html'],
  types: ['aws.emr.cluster'],
  // The live collector does not read EMR.
  sources: ['iac'],
  check(r, { params, inventory }) {
    return judgeClusterConfiguration(r, inventory, 'at-rest', 'EMR encrypts neither its local disks nor its EBS volumes', (doc, where, lead) =>
      judgeAtRest(doc, where, params.requireCustomerManagedKeys, lead),
    );
  },
});

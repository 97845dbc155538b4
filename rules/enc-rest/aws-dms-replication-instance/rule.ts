import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePlatformEncrypted } from '../_platform-encrypted.js';

export default defineRule({
  id: 'enc-rest/aws-dms-replication-instance',
  control: 'enc-rest',
  title: 'DMS replication instances encrypt their storage (with a customer-managed key when the claim asks)',
  severity: 'low',
  risk: 'DMS encrypts replication instance storage: encryption at rest holds; a claim that requires customer-managed keys is not met without KmsKeyId.',
  remediation: {
    text: 'Nothing to do for encryption itself; set KmsKeyId to a customer-managed key when the claim requires one.',
    cdk: "new dms.CfnReplicationInstance(this, 'Replication', { replicationInstanceClass: 'dms.t3.medium', kmsKeyId: key.keyArn, publiclyAccessible: false })",
    cloudformation: 'Type: AWS::DMS::ReplicationInstance\nProperties:\n  KmsKeyId: !GetAtt DataKey.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.html#CHAP_Security.EncryptionKey',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dms-replicationinstance.html',
  ],
  types: ['aws.dms.replication-instance'],
  // The live collector does not read DMS storage keys.
  sources: ['iac'],
  check(r, { params }) {
    return judgePlatformEncrypted(r, params, { attested: 'DMS encrypts replication instance storage with the AWS managed key aws/dms', keyPath: 'KmsKeyId', managedKeyAlias: 'alias/aws/dms' });
  },
});

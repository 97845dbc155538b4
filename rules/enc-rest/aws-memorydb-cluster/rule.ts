import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePlatformEncrypted } from '../_platform-encrypted.js';

export default defineRule({
  id: 'enc-rest/aws-memorydb-cluster',
  control: 'enc-rest',
  title: 'MemoryDB clusters encrypt their data at rest',
  severity: 'medium',
  risk: 'MemoryDB always encrypts its transaction log, disks and snapshots; what a claim can still require is a customer-managed key, which can only be chosen when the cluster is created.',
  remediation: {
    text: 'Nothing to do for encryption itself. Where the claim requires customer-managed keys, create the cluster with KmsKeyId.',
    cdk: "new memorydb.CfnCluster(this, 'Db', { ..., kmsKeyId: key.keyArn })",
    cloudformation: 'Type: AWS::MemoryDB::Cluster\nProperties:\n  KmsKeyId: !GetAtt Key.Arn',
  },
  references: ['https://docs.aws.amazon.com/memorydb/latest/devguide/at-rest-encryption.html'],
  types: ['aws.memorydb.cluster'],
  // No live collector reads MemoryDB: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    return judgePlatformEncrypted(r, params, { attested: 'MemoryDB Developer Guide: "MemoryDB at-rest encryption is always enabled"', keyPath: 'KmsKeyId' });
  },
});

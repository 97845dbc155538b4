import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePublicFlag } from '../_flag.js';

export default defineRule({
  id: 'public-access/aws-dms-replication-instance',
  control: 'public-access',
  title: 'DMS replication instances are not publicly accessible',
  severity: 'high',
  risk: 'A public replication instance gets a public address while it holds credentials for, and streams data between, the source and target databases.',
  remediation: {
    text: 'Set PubliclyAccessible: false (the default is true) and place the instance in private subnets.',
    cdk: "new dms.CfnReplicationInstance(this, 'Replication', { replicationInstanceClass: 'dms.t3.medium', publiclyAccessible: false })",
    cloudformation: 'Type: AWS::DMS::ReplicationInstance\nProperties:\n  PubliclyAccessible: false',
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dms-replicationinstance.html', 'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReplicationInstance.PublicPrivate.html'],
  types: ['aws.dms.replication-instance'],
  // No live collector reads DMS: judged in templates only.
  sources: ['iac'],
  check(r) {
    return judgePublicFlag(r, { path: 'PubliclyAccessible', defaultPublic: true, omittedNote: 'omitted: the DMS default is true (a public IP address)', what: 'replication instance' });
  },
});

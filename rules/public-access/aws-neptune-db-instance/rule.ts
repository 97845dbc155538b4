import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePublicFlag } from '../_flag.js';

export default defineRule({
  id: 'public-access/aws-neptune-db-instance',
  control: 'public-access',
  title: 'Neptune DB instances have no public endpoint',
  severity: 'high',
  risk: 'A Neptune instance with PubliclyAccessible true gets an endpoint reachable from the internet; only IAM authentication and its security groups stand between the graph and anyone.',
  remediation: {
    text: 'Set PubliclyAccessible: false (the default) and reach the cluster from inside the VPC.',
    cloudformation: 'Type: AWS::Neptune::DBInstance\nProperties:\n  DBClusterIdentifier: !Ref Graph\n  DBInstanceClass: db.r6g.large\n  PubliclyAccessible: false',
  },
  references: ['https://docs.aws.amazon.com/neptune/latest/userguide/neptune-public-endpoints.html'],
  types: ['aws.neptune.db-instance'],
  // No live collector reads Neptune: judged in templates only.
  sources: ['iac'],
  check(r) {
    return judgePublicFlag(r, { path: 'PubliclyAccessible', defaultPublic: false, omittedNote: 'omitted: new Neptune instances are created with public endpoints disabled', what: 'instance' });
  },
});

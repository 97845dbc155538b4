import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePublicFlag } from '../_flag.js';

export default defineRule({
  id: 'public-access/aws-redshiftserverless-workgroup',
  control: 'public-access',
  title: 'Redshift Serverless workgroups are not publicly accessible',
  severity: 'high',
  risk: 'A publicly accessible workgroup answers from a public address; only its security groups stand between the warehouse and the internet.',
  remediation: {
    text: 'Leave PubliclyAccessible unset or false and reach the workgroup from inside the VPC.',
    cdk: "new redshiftserverless.CfnWorkgroup(this, 'Workgroup', { workgroupName: 'analytics', namespaceName: 'analytics', publiclyAccessible: false })",
    cloudformation: 'Type: AWS::RedshiftServerless::Workgroup\nProperties:\n  PubliclyAccessible: false',
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-redshiftserverless-workgroup.html'],
  types: ['aws.redshiftserverless.workgroup'],
  // No live collector reads Redshift Serverless: judged in templates only.
  sources: ['iac'],
  check(r) {
    return judgePublicFlag(r, { path: 'PubliclyAccessible', defaultPublic: false, omittedNote: 'omitted: the CloudFormation default is false', what: 'workgroup' });
  },
});

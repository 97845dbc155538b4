import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePublicFlag } from '../_flag.js';

export default defineRule({
  id: 'public-access/aws-redshift-cluster',
  control: 'public-access',
  title: 'Redshift clusters are not publicly accessible',
  severity: 'high',
  risk: 'A publicly accessible cluster gets a public address; only its security groups stand between the warehouse and the internet.',
  remediation: {
    text: 'Set PubliclyAccessible: false (the default since January 2025) and reach the cluster from inside the VPC.',
    cdk: "new redshift.Cluster(this, 'Warehouse', { ..., publiclyAccessible: false })",
    cloudformation: 'Type: AWS::Redshift::Cluster\nProperties:\n  PubliclyAccessible: false',
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-redshift-cluster.html'],
  types: ['aws.redshift.cluster'],
  // No live collector reads Redshift: judged in templates only.
  sources: ['iac'],
  check(r) {
    return judgePublicFlag(r, { path: 'PubliclyAccessible', defaultPublic: false, omittedNote: 'omitted: CloudFormation creates clusters private by default (Default: false since January 2025)', what: 'cluster' });
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeEnhancedVpcRouting } from '../_enhanced-vpc-routing.js';

/**
 * FSBP RedshiftServerless.1: with enhanced VPC routing the workgroup's COPY and
 * UNLOAD traffic to S3 and other services goes through the VPC, where security
 * groups, endpoint policies and flow logs see it; without it the traffic takes
 * the internet path. The CloudFormation default is false.
 */
export default defineRule({
  id: 'platform-hardening/aws-redshiftserverless-workgroup-enhanced-vpc-routing',
  control: 'platform-hardening',
  title: 'Redshift Serverless workgroups use enhanced VPC routing',
  severity: 'medium',
  risk: 'Without enhanced VPC routing, COPY and UNLOAD traffic between the warehouse and S3 leaves the VPC: no endpoint policy limits which buckets it reaches and no flow log records it.',
  remediation: {
    text: 'Set EnhancedVpcRouting: true on the workgroup, and give the VPC an S3 gateway endpoint (or a NAT route) for COPY and UNLOAD.',
    cdk: "new redshiftserverless.CfnWorkgroup(this, 'Workgroup', { workgroupName: 'analytics', namespaceName: 'analytics', enhancedVpcRouting: true })",
    cloudformation: 'Type: AWS::RedshiftServerless::Workgroup\nProperties:\n  EnhancedVpcRouting: true',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-redshiftserverless-workgroup.html',
    'https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-routing.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/redshiftserverless-controls.html',
  ],
  types: ['aws.redshiftserverless.workgroup'],
  // No live collector reads Redshift Serverless: judged in templates only.
  sources: ['iac'],
  check(r) {
    return judgeEnhancedVpcRouting(r);
  },
});

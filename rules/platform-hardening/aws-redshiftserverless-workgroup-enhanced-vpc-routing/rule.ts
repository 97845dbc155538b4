import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

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
    const raw = known(r, 'EnhancedVpcRouting');
    if (raw === undefined || raw === null)
      return fail('enhanced VPC routing is off (the default): COPY and UNLOAD traffic leaves the VPC', ev('EnhancedVpcRouting', null, true, 'omitted: the CloudFormation default is false'));
    const v = asBool(raw);
    if (v === undefined) return fail(`EnhancedVpcRouting ${text(raw)} is not a valid value`, ev('EnhancedVpcRouting', raw, true, notAValidValue('EnhancedVpcRouting', text(raw), 'true or false')));
    return v ? pass('enhanced VPC routing is on', ev('EnhancedVpcRouting', raw, true)) : fail('enhanced VPC routing is off: COPY and UNLOAD traffic leaves the VPC', ev('EnhancedVpcRouting', raw, true));
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeEnhancedVpcRouting } from '../_enhanced-vpc-routing.js';

/** FSBP Redshift.7, as RedshiftServerless.1 for workgroups. */
export default defineRule({
  id: 'platform-hardening/aws-redshift-cluster-enhanced-vpc-routing',
  control: 'platform-hardening',
  title: 'Redshift clusters use enhanced VPC routing',
  severity: 'medium',
  risk: 'Without enhanced VPC routing, COPY and UNLOAD traffic between the cluster and S3 leaves the VPC: no endpoint policy limits which buckets it reaches and no flow log records it.',
  remediation: {
    text: 'Set EnhancedVpcRouting: true on the cluster, and give the VPC an S3 gateway endpoint (or a NAT route) for COPY and UNLOAD.',
    cdk: "new redshift.CfnCluster(this, 'Warehouse', { ..., enhancedVpcRouting: true })",
    cloudformation: 'Type: AWS::Redshift::Cluster\nProperties:\n  EnhancedVpcRouting: true',
  },
  references: ['https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-routing.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html'],
  types: ['aws.redshift.cluster'],
  // No live collector reads Redshift: judged in templates only.
  sources: ['iac'],
  check(r) {
    return judgeEnhancedVpcRouting(r);
  },
});

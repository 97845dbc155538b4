import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeAuditGroup, NEPTUNE_AUDIT } from '../_cluster-audit.js';

export default defineRule({
  id: 'audit-logging/aws-neptune-db-cluster-parameter-group',
  control: 'audit-logging',
  title: 'Neptune cluster parameter groups that set neptune_enable_audit_log turn auditing on',
  severity: 'medium',
  risk: 'A cluster parameter group with neptune_enable_audit_log 0 silences every Neptune cluster that uses it: no record of which client ran which query.',
  remediation: {
    text: 'Set neptune_enable_audit_log to 1 in the cluster parameter group, and export audit logs from each cluster (EnableCloudwatchLogsExports: [audit]).',
    cdk: "new neptune.ClusterParameterGroup(this, 'Params', { parameters: { neptune_enable_audit_log: '1' } })",
    cloudformation: 'Type: AWS::Neptune::DBClusterParameterGroup\nProperties:\n  Family: neptune1.3\n  Description: audited\n  Parameters:\n    neptune_enable_audit_log: 1',
  },
  references: ['https://docs.aws.amazon.com/neptune/latest/userguide/auditing.html', 'https://docs.aws.amazon.com/neptune/latest/userguide/parameters.html'],
  types: ['aws.neptune.db-cluster-parameter-group'],
  // No live collector reads Neptune: judged in templates only.
  sources: ['iac'],
  check(g) {
    return judgeAuditGroup(g, NEPTUNE_AUDIT);
  },
});

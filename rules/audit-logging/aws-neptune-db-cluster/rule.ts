import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeClusterAudit, NEPTUNE_AUDIT } from '../_cluster-audit.js';

export default defineRule({
  id: 'audit-logging/aws-neptune-db-cluster',
  control: 'audit-logging',
  title: 'Neptune clusters record audit events and export them to CloudWatch Logs',
  severity: 'medium',
  risk: 'Without audit logs a Neptune cluster keeps no record of which client ran which query.',
  remediation: {
    text: 'Set neptune_enable_audit_log to 1 in the cluster parameter group and add audit to EnableCloudwatchLogsExports.',
    cdk: "new neptune.DatabaseCluster(this, 'Graph', { ..., cloudwatchLogsExports: [neptune.LogType.AUDIT], clusterParameterGroup: new neptune.ClusterParameterGroup(this, 'Params', { parameters: { neptune_enable_audit_log: '1' } }) })",
    cloudformation: 'EnableCloudwatchLogsExports: [audit]\nDBClusterParameterGroupName: !Ref Params  # Parameters: { neptune_enable_audit_log: 1 }',
  },
  references: ['https://docs.aws.amazon.com/neptune/latest/userguide/auditing.html', 'https://docs.aws.amazon.com/neptune/latest/userguide/cloudwatch-logs.html'],
  types: ['aws.neptune.db-cluster'],
  // No live collector reads Neptune: judged in templates only.
  sources: ['iac'],
  check(r, { inventory }) {
    return judgeClusterAudit(r, inventory, NEPTUNE_AUDIT);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeClusterAudit, DOCDB_AUDIT } from '../_cluster-audit.js';

export default defineRule({
  id: 'audit-logging/aws-docdb-db-cluster',
  control: 'audit-logging',
  title: 'DocumentDB clusters record audit events and export them to CloudWatch Logs',
  severity: 'medium',
  risk: 'Without auditing a DocumentDB cluster keeps no record of authentication, user management or schema changes.',
  remediation: {
    text: 'Set audit_logs to enabled in the cluster parameter group and add audit to EnableCloudwatchLogsExports.',
    cdk: "new docdb.DatabaseCluster(this, 'Db', { ..., exportAuditLogsToCloudWatch: true, parameterGroup: new docdb.ClusterParameterGroup(this, 'Params', { family: 'docdb5.0', parameters: { audit_logs: 'enabled' } }) })",
    cloudformation: 'EnableCloudwatchLogsExports: [audit]\nDBClusterParameterGroupName: !Ref Params  # Parameters: { audit_logs: enabled }',
  },
  references: ['https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html'],
  types: ['aws.docdb.db-cluster'],
  // No live collector reads DocumentDB: judged in templates only.
  sources: ['iac'],
  check(r, { inventory }) {
    return judgeClusterAudit(r, inventory, DOCDB_AUDIT);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeClusterAudit } from '../_cluster-audit.js';

/** DocumentDB 5.0 accepts enabled/all or a comma list of event classes; disabled/none turn auditing off. */
function auditOn(v: string): boolean | undefined {
  const parts = v.split(',').map((s) => s.trim());
  if (parts.length === 1 && (parts[0] === 'disabled' || parts[0] === 'none')) return false;
  return parts.every((s) => ['enabled', 'all', 'ddl', 'dml_read', 'dml_write'].includes(s)) ? true : undefined;
}

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
    return judgeClusterAudit(r, inventory, { param: 'audit_logs', isOn: auditOn, allowed: 'enabled, all, or ddl/dml_read/dml_write' });
  },
});

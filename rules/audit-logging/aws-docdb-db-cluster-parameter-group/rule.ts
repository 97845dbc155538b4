import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeAuditGroup, DOCDB_AUDIT } from '../_cluster-audit.js';

export default defineRule({
  id: 'audit-logging/aws-docdb-db-cluster-parameter-group',
  control: 'audit-logging',
  title: 'DocumentDB cluster parameter groups that set audit_logs turn auditing on',
  severity: 'medium',
  risk: 'A cluster parameter group with audit_logs disabled silences every DocumentDB cluster that uses it: no record of authentication, user management or schema changes.',
  remediation: {
    text: 'Set audit_logs to enabled (or a list of event classes) in the cluster parameter group, and export audit logs from each cluster (EnableCloudwatchLogsExports: [audit]).',
    cdk: "new docdb.ClusterParameterGroup(this, 'Params', { family: 'docdb5.0', parameters: { audit_logs: 'enabled' } })",
    cloudformation: 'Type: AWS::DocDB::DBClusterParameterGroup\nProperties:\n  Family: docdb5.0\n  Description: audited\n  Parameters:\n    audit_logs: enabled',
  },
  references: ['https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html'],
  types: ['aws.docdb.db-cluster-parameter-group'],
  // No live collector reads DocumentDB: judged in templates only.
  sources: ['iac'],
  check(g) {
    return judgeAuditGroup(g, DOCDB_AUDIT);
  },
});

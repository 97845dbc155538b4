import { defineRule } from '../../../src/evaluate/rule.js';
import { known, must, asRecord, ev, notApplicable } from '../../../src/evaluate/facts.js';
import { judgeDocdbTls } from '../_docdb-tls.js';

/**
 * A DocumentDB cluster parameter group on its own, as RDS parameter groups are
 * (tls-min/aws-rds-db-parameter-group): a group that sets `tls` below the floor
 * weakens every cluster that uses it, in this stack or another. A group that
 * does not set `tls` is judged on the clusters that use it (tls-min/aws-docdb-db-cluster).
 */
export default defineRule({
  id: 'tls-min/aws-docdb-db-cluster-parameter-group',
  control: 'tls-min',
  title: 'DocumentDB cluster parameter groups that set tls require TLS at the promised floor',
  severity: 'high',
  risk: 'A cluster parameter group with tls disabled lets every DocumentDB cluster that uses it accept unencrypted connections; tls enabled still accepts TLS 1.0 and 1.1.',
  remediation: {
    text: 'Set tls to tls1.2+ (or tls1.3+ for a TLS 1.3 claim) in the cluster parameter group.',
    cdk: "new docdb.ClusterParameterGroup(this, 'Params', { family: 'docdb5.0', parameters: { tls: 'tls1.2+' } })",
    cloudformation: 'Type: AWS::DocDB::DBClusterParameterGroup\nProperties:\n  Family: docdb5.0\n  Description: TLS 1.2+\n  Parameters:\n    tls: tls1.2+',
  },
  references: ['https://docs.aws.amazon.com/documentdb/latest/developerguide/security.encryption.ssl.html', 'https://docs.aws.amazon.com/documentdb/latest/developerguide/API_Parameter.html'],
  types: ['aws.docdb.db-cluster-parameter-group'],
  // No live collector reads DocumentDB: judged in templates only.
  sources: ['iac'],
  check(g, { params }) {
    const value = must(asRecord(known(g, 'Parameters'))['tls'], 'Parameters.tls');
    if (value === undefined || value === null) return notApplicable('does not set tls: judged on the clusters that use this group (the default, enabled, accepts TLS 1.0)', ev('Parameters.tls', null));
    return judgeDocdbTls(value, 'this parameter group', 'Parameters.tls', params.tlsMin);
  },
});

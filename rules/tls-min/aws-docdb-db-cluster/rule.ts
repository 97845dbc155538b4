import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, unknown } from '../../../src/evaluate/facts.js';
import { clusterParameter } from '../_cluster-parameter.js';
import { judgeDocdbTls } from '../_docdb-tls.js';

export default defineRule({
  id: 'tls-min/aws-docdb-db-cluster',
  control: 'tls-min',
  title: 'DocumentDB clusters require TLS at the promised floor',
  severity: 'high',
  risk: 'With tls disabled a DocumentDB cluster accepts unencrypted connections; with the default value enabled it still accepts TLS 1.0 and 1.1.',
  remediation: {
    text: 'Use a cluster parameter group that sets tls to tls1.2+ (or tls1.3+ for a TLS 1.3 claim).',
    cdk: "new docdb.ClusterParameterGroup(this, 'Params', { family: 'docdb5.0', parameters: { tls: 'tls1.2+' } })",
    cloudformation: 'Type: AWS::DocDB::DBClusterParameterGroup\nProperties:\n  Family: docdb5.0\n  Description: TLS 1.2+\n  Parameters:\n    tls: tls1.2+',
  },
  references: ['https://docs.aws.amazon.com/documentdb/latest/developerguide/security.encryption.ssl.html', 'https://docs.aws.amazon.com/documentdb/latest/developerguide/API_Parameter.html'],
  types: ['aws.docdb.db-cluster'],
  // No live collector reads DocumentDB: judged in templates only.
  sources: ['iac'],
  check(r, { inventory, params }) {
    const p = clusterParameter(r, inventory, 'tls');
    if (p.kind === 'outside') return unknown(`${p.where} is not defined in this template: its tls value cannot be read`, ev('DBClusterParameterGroupName', p.name));
    const value = p.kind === 'group' ? p.value : undefined;
    return judgeDocdbTls(value, p.where, `${p.where}: tls`, params.tlsMin);
  },
});

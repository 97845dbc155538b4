import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeRdsTls } from '../_rds-tls.js';

export default defineRule({
  id: 'tls-min/aws-rds-db-cluster',
  control: 'tls-min',
  title: 'Aurora / Multi-AZ DB clusters refuse unencrypted connections (cluster parameter group forces TLS)',
  severity: 'high',
  risk: 'Unless the cluster parameter group forces TLS, clients can connect to the database in plaintext.',
  remediation: {
    text: 'Use a DB cluster parameter group with rds.force_ssl = 1 (Aurora PostgreSQL) or require_secure_transport = ON (Aurora MySQL).',
    cdk: "new rds.DatabaseCluster(this, 'Db', { ..., parameters: { require_secure_transport: 'ON' } })",
    cloudformation: 'Type: AWS::RDS::DBClusterParameterGroup\nProperties:\n  Family: aurora-mysql8.0\n  Parameters:\n    require_secure_transport: "ON"',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.SSL.html',
    'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Security.html',
    'https://repost.aws/knowledge-center/aurora-postgresql-ssl-certificates',
  ],
  types: ['aws.rds.db-cluster'],
  sources: ['iac', 'live'],
  check(r, { params, inventory }) {
    return judgeRdsTls(r, inventory, 'DBClusterParameterGroupName', params.tlsMin);
  },
});

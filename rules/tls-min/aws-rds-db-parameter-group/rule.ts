import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeParameterGroup } from '../_rds-tls.js';

export default defineRule({
  id: 'tls-min/aws-rds-db-parameter-group',
  control: 'tls-min',
  title: 'RDS parameter groups that set the TLS-enforcement parameter turn it on',
  severity: 'high',
  risk: 'A DB (cluster) parameter group with rds.force_ssl = 0 or require_secure_transport = OFF lets every database that uses it accept plaintext connections, including databases in other stacks.',
  remediation: {
    text: 'Set rds.force_ssl = 1 (PostgreSQL, SQL Server) or require_secure_transport = ON (MySQL, MariaDB, Aurora MySQL); for a 1.3 floor also set ssl_min_protocol_version / tls_version.',
    cdk: "new rds.ParameterGroup(this, 'Params', { engine, parameters: { 'rds.force_ssl': '1' } })",
    cloudformation: 'Type: AWS::RDS::DBParameterGroup\nProperties:\n  Family: postgres16\n  Parameters:\n    rds.force_ssl: "1"',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.html'],
  types: ['aws.rds.db-parameter-group', 'aws.rds.db-cluster-parameter-group'],
  sources: ['iac'],
  check(r, { params }) {
    return judgeParameterGroup(r, params.tlsMin);
  },
});

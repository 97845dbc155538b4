import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, notApplicable } from '../../../src/evaluate/facts.js';
import { judgeRdsTls } from '../_rds-tls.js';

export default defineRule({
  id: 'tls-min/aws-rds-db-instance',
  control: 'tls-min',
  title: 'RDS DB instances refuse unencrypted connections (parameter group forces TLS)',
  severity: 'high',
  risk: 'Unless the parameter group forces TLS, clients can connect to the database in plaintext, breaking "connections to databases are strongly encrypted".',
  remediation: {
    text: 'Use a DB parameter group with rds.force_ssl = 1 (PostgreSQL, SQL Server) or require_secure_transport = ON (MySQL, MariaDB), or DB2COMM = SSL (Db2); for Oracle add the SSL or NATIVE_NETWORK_ENCRYPTION option through an option group. For a 1.3 floor also set ssl_min_protocol_version / tls_version.',
    cdk: "new rds.DatabaseInstance(this, 'Db', { ..., parameters: { 'rds.force_ssl': '1' } })",
    cloudformation: 'Type: AWS::RDS::DBParameterGroup\nProperties:\n  Family: postgres16\n  Parameters:\n    rds.force_ssl: "1"',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html',
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.require-ssl.html',
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mariadb-ssl-connections.require-ssl.html',
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html',
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/SQLServer.Concepts.General.SSL.Using.html',
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Appendix.Oracle.Options.SSL.html',
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Db2.Concepts.SSL.html',
  ],
  types: ['aws.rds.db-instance'],
  sources: ['iac', 'live'],
  check(r, { params, inventory }) {
    const cluster = known(r, 'DBClusterIdentifier');
    if (cluster) return notApplicable('cluster member: TLS enforcement is judged on its DB cluster parameter group', ev('DBClusterIdentifier', cluster));
    return judgeRdsTls(r, inventory, 'DBParameterGroupName', params.tlsMin);
  },
});

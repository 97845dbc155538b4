import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable, asBool } from '../../../src/evaluate/facts.js';

/** Engines that accept IAM database authentication (RDS User Guide); others cannot turn it on. */
const IAM_AUTH_ENGINES = /^(mysql|mariadb|postgres)$/;

/**
 * FSBP RDS.10: DB instances accept IAM database authentication, so people
 * and services sign in with short-lived IAM tokens rather than long-lived
 * passwords. Cluster members (Aurora, Multi-AZ clusters) follow their
 * cluster's setting; engines without IAM authentication are not applicable.
 */
export default defineRule({
  id: 'platform-hardening/aws-rds-iam-authentication',
  control: 'platform-hardening',
  title: 'RDS DB instances use IAM database authentication',
  severity: 'medium',
  risk: 'Without IAM authentication every database user has a long-lived password that is shared, stored in configuration and rarely rotated.',
  remediation: {
    text: 'Enable IAM database authentication on the instance and grant rds-db:connect to the roles that connect.',
    cdk: "new rds.DatabaseInstance(this, 'Db', { ..., iamAuthentication: true })",
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  EnableIAMDatabaseAuthentication: true',
    cli: 'aws rds modify-db-instance --db-instance-identifier ID --enable-iam-database-authentication --apply-immediately',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html'],
  types: ['aws.rds.db-instance'],
  sources: ['iac', 'live'],
  check(r) {
    const cluster = known(r, 'DBClusterIdentifier');
    if (cluster !== undefined && cluster !== '') return notApplicable('cluster member: its cluster decides IAM authentication', ev('DBClusterIdentifier', cluster));
    const engine = known(r, 'Engine');
    if (typeof engine === 'string' && !IAM_AUTH_ENGINES.test(engine.toLowerCase())) return notApplicable(`engine ${engine} does not support IAM database authentication`, ev('Engine', engine));
    const raw = known(r, 'EnableIAMDatabaseAuthentication');
    const e = ev('EnableIAMDatabaseAuthentication', raw ?? null, true, raw === undefined ? 'omitted: IAM database authentication is off by default' : undefined);
    return asBool(raw) === true ? pass('IAM database authentication is enabled', e) : fail('IAM database authentication is off: users sign in with passwords only', e);
  },
});

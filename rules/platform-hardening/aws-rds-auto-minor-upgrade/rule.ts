import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable, asBool } from '../../../src/evaluate/facts.js';

/** CIS AWS 2.3.2 / FSBP RDS.13. CloudFormation's default is true; the API reports the value. */
export default defineRule({
  id: 'platform-hardening/aws-rds-auto-minor-upgrade',
  control: 'platform-hardening',
  title: 'RDS DB instances take automatic minor version upgrades',
  severity: 'medium',
  risk: 'Minor versions carry security fixes; an instance that never takes them keeps known vulnerabilities until someone remembers to upgrade it.',
  remediation: {
    text: 'Turn on AutoMinorVersionUpgrade so RDS applies minor versions in the maintenance window.',
    cdk: "new rds.DatabaseInstance(this, 'Db', { ..., autoMinorVersionUpgrade: true })",
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  AutoMinorVersionUpgrade: true',
    cli: 'aws rds modify-db-instance --db-instance-identifier ID --auto-minor-version-upgrade --apply-immediately',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html#USER_UpgradeDBInstance.Upgrading.AutoMinorVersionUpgrades'],
  types: ['aws.rds.db-instance'],
  sources: ['iac', 'live'],
  check(r) {
    const raw = known(r, 'AutoMinorVersionUpgrade');
    if (raw === undefined && r.source === 'live')
      return { status: 'unknown', message: 'DescribeDBInstances did not report AutoMinorVersionUpgrade', evidence: [ev('AutoMinorVersionUpgrade', null, true)] };
    const engine = known(r, 'Engine');
    if (typeof engine === 'string' && /^custom-/.test(engine)) return notApplicable(`RDS Custom (${engine}) is upgraded by its owner`, ev('Engine', engine));
    const on = raw === undefined ? true : asBool(raw);
    const e = ev('AutoMinorVersionUpgrade', raw ?? null, true, raw === undefined ? 'omitted: AWS::RDS::DBInstance AutoMinorVersionUpgrade defaults to true' : undefined);
    if (on === true) return pass('automatic minor version upgrades are on', e);
    return fail('automatic minor version upgrades are off', e);
  },
});

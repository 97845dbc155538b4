import { defineRule } from '../../src/engine/rule.js';
import { known, ev, pass, fail, unknown, asBool } from '../../src/engine/facts.js';

export default defineRule({
  id: 'public-access/aws-rds-db-instance',
  control: 'public-access',
  title: 'RDS DB instances are not publicly accessible',
  severity: 'high',
  risk: 'A publicly accessible instance gets a public DNS name and address; only its security group stands between the database and the internet.',
  remediation: {
    text: 'Set PubliclyAccessible: false and place the instance in private subnets; reach it through the application tier, a bastion or SSM.',
    cdk: "new rds.DatabaseInstance(this, 'Db', { ..., vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, publiclyAccessible: false })",
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  PubliclyAccessible: false',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html'],
  types: ['aws.rds.db-instance'],
  sources: ['iac', 'live'],
  check(r) {
    const raw = known(r, 'PubliclyAccessible');
    const v = asBool(raw);
    if (v === true) return fail('instance is publicly accessible', ev('PubliclyAccessible', raw, false));
    if (v === false) return pass('instance is not publicly accessible', ev('PubliclyAccessible', raw, false));
    return unknown(
      'PubliclyAccessible is not set: RDS makes the instance public when its VPC (the default VPC if no subnet group is given) has an internet gateway, which the template does not settle',
      ev('PubliclyAccessible', null, false, 'omitted: default depends on whether the VPC has an internet gateway attached'),
      ev('DBSubnetGroupName', known(r, 'DBSubnetGroupName') ?? null),
    );
  },
});

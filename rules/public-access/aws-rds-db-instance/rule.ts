import { defineRule } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import type { Inventory } from '../../../src/model/inventory.js';
import { known, get, ev, pass, fail, unknown, asBool } from '../../../src/evaluate/facts.js';
import { subnetGroupVpcHasInternetGateway } from '../_internet-gateway.js';

/** The subnet group that places the instance: its own, or (an Aurora member) its cluster's. */
function subnetGroupOf(r: Resource, inventory: Inventory): Resource | undefined {
  return inventory.related(r, 'subnetGroup')[0] ?? inventory.related(r, 'cluster').flatMap((c) => inventory.related(c, 'subnetGroup'))[0];
}

/**
 * No subnet group anywhere (its own, or its Aurora cluster's in the template): RDS creates the instance
 * in the account's default VPC, which AWS creates with an internet gateway attached (the RDS API:
 * PubliclyAccessible defaults to true there). A read replica follows its source's VPC: not this case.
 */
function inDefaultVpc(r: Resource, inventory: Inventory): boolean {
  if (r.source !== 'iac' || get(r.properties, 'DBSubnetGroupName') !== undefined || get(r.properties, 'SourceDBInstanceIdentifier') !== undefined) return false;
  if (get(r.properties, 'DBClusterIdentifier') === undefined) return true;
  const cluster = inventory.related(r, 'cluster')[0];
  return cluster !== undefined && get(cluster.properties, 'DBSubnetGroupName') === undefined;
}

export default defineRule({
  id: 'public-access/aws-rds-db-instance',
  control: 'public-access',
  title: 'RDS DB instances are not publicly accessible',
  severity: 'high',
  risk: 'A publicly accessible instance gets a public DNS name and address; only its subnet routes and security group stand between the database and the internet.',
  remediation: {
    text: 'Set PubliclyAccessible: false explicitly and place the instance in private subnets; reach it through the application tier, a bastion or SSM.',
    cdk: "new rds.DatabaseInstance(this, 'Db', { ..., vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, publiclyAccessible: false })",
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  PubliclyAccessible: false',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html'],
  types: ['aws.rds.db-instance'],
  sources: ['iac', 'live'],
  check(r, { inventory }) {
    const raw = known(r, 'PubliclyAccessible');
    const v = asBool(raw);
    if (v === true) return fail('instance is publicly accessible', ev('PubliclyAccessible', raw, false));
    if (v === false) return pass('instance is not publicly accessible', ev('PubliclyAccessible', raw, false));
    const note = 'omitted: RDS makes the instance public when the VPC of its subnet group (or the default VPC) has an internet gateway attached';
    const igw = subnetGroupVpcHasInternetGateway(subnetGroupOf(r, inventory), inventory);
    if (igw === true)
      return fail(
        'PubliclyAccessible is not set and the VPC of its subnet group has an internet gateway: RDS gives the instance a public endpoint (subnet routes and security groups still decide reachability)',
        ev('PubliclyAccessible', null, false, note),
        ev('DBSubnetGroupName → subnets → VPC', 'internet gateway attached in this template'),
      );
    if (igw === false)
      return pass('PubliclyAccessible is not set, and no internet gateway is attached to the VPC of its subnet group in the scanned templates: RDS creates it private', ev('PubliclyAccessible', null, false, note));
    if (inDefaultVpc(r, inventory))
      return fail(
        'PubliclyAccessible is not set and no subnet group is given: RDS creates the instance in the default VPC, which has an internet gateway, and makes it public',
        ev('PubliclyAccessible', null, false, note),
        ev('DBSubnetGroupName', null, 'a subnet group in a VPC without an internet gateway, or PubliclyAccessible: false', 'omitted: the default VPC (created with an internet gateway)'),
      );
    return unknown(
      'PubliclyAccessible is not set: RDS makes the instance public when its VPC has an internet gateway, which the template does not settle',
      ev('PubliclyAccessible', null, false, note),
      ev('DBSubnetGroupName', known(r, 'DBSubnetGroupName') ?? null),
    );
  },
});

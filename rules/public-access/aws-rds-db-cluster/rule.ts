import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, notApplicable, asBool, text } from '../../../src/evaluate/facts.js';
import { subnetGroupVpcHasInternetGateway } from '../_internet-gateway.js';

/**
 * Multi-AZ DB clusters (RDS for MySQL / PostgreSQL, not Aurora) carry
 * PubliclyAccessible on the cluster, with the instance default: omitted is
 * public when the VPC of the subnet group has an internet gateway. Aurora
 * clusters set it per instance (judged by public-access/aws-rds-db-instance).
 */
export default defineRule({
  id: 'public-access/aws-rds-db-cluster',
  control: 'public-access',
  title: 'Multi-AZ DB clusters are not publicly accessible',
  severity: 'high',
  risk: 'A publicly accessible Multi-AZ DB cluster gets endpoints that resolve to public addresses; only its security groups then stand between the database and the internet.',
  remediation: {
    text: 'Set PubliclyAccessible: false and place the cluster in private subnets.',
    cdk: "new rds.CfnDBCluster(this, 'Db', { engine: 'postgres', dbClusterInstanceClass: 'db.m6gd.large', allocatedStorage: 100, storageType: 'io1', iops: 1000, publiclyAccessible: false })",
    cloudformation: 'Type: AWS::RDS::DBCluster\nProperties:\n  Engine: postgres\n  PubliclyAccessible: false',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.html'],
  types: ['aws.rds.db-cluster'],
  sources: ['iac'],
  check(r, { inventory }) {
    const engine = known(r, 'Engine');
    if (/^aurora/i.test(text(engine ?? ''))) return notApplicable('Aurora clusters are made public per instance (judged on the instances)', ev('Engine', engine));
    const raw = known(r, 'PubliclyAccessible');
    const v = asBool(raw);
    if (v === true) return fail('cluster is publicly accessible', ev('PubliclyAccessible', raw, false));
    if (v === false) return pass('cluster is not publicly accessible', ev('PubliclyAccessible', raw, false));
    if (engine === undefined) return notApplicable('no Engine given: not a Multi-AZ DB cluster the template describes', ev('Engine', null));
    const note = 'omitted: RDS makes a Multi-AZ DB cluster public when the VPC of its subnet group (or the default VPC) has an internet gateway';
    const igw = subnetGroupVpcHasInternetGateway(inventory.related(r, 'subnetGroup')[0], inventory);
    if (igw === true)
      return fail('PubliclyAccessible is not set and the VPC of its subnet group has an internet gateway: RDS gives the cluster public endpoints', ev('PubliclyAccessible', null, false, note), ev('DBSubnetGroupName → subnets → VPC', 'internet gateway attached in this template'));
    if (igw === false) return pass('PubliclyAccessible is not set, and no internet gateway is attached to the VPC of its subnet group in the scanned templates', ev('PubliclyAccessible', null, false, note));
    return unknown('PubliclyAccessible is not set: RDS makes the cluster public when its VPC has an internet gateway, which the template does not settle', ev('PubliclyAccessible', null, false, note), ev('DBSubnetGroupName', known(r, 'DBSubnetGroupName') ?? null));
  },
});

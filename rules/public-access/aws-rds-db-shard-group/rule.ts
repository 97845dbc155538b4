import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, asBool, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';
import { subnetGroupVpcHasInternetGateway } from '../_internet-gateway.js';

/**
 * An Aurora PostgreSQL Limitless Database shard group carries its own
 * PubliclyAccessible, with the RDS default: omitted is public when the VPC of
 * the subnet group (its DB cluster's) has an internet gateway attached. The
 * shard group takes its subnets from the cluster named by DBClusterIdentifier.
 */
export default defineRule({
  id: 'public-access/aws-rds-db-shard-group',
  control: 'public-access',
  title: 'Aurora Limitless DB shard groups are not publicly accessible',
  severity: 'high',
  risk: 'A publicly accessible shard group gets an endpoint that resolves to public addresses from outside its VPC; only its security groups then stand between the database and the internet.',
  remediation: {
    text: 'Set PubliclyAccessible: false on the shard group and keep its DB cluster in private subnets.',
    cdk: "new rds.CfnDBShardGroup(this, 'Shards', { dbClusterIdentifier: cluster.ref, maxAcu: 768, publiclyAccessible: false })",
    cloudformation: 'Type: AWS::RDS::DBShardGroup\nProperties:\n  DBClusterIdentifier: !Ref LimitlessCluster\n  MaxACU: 768\n  PubliclyAccessible: false',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbshardgroup.html',
    'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBShardGroup.html',
  ],
  types: ['aws.rds.db-shard-group'],
  // No live collector reads shard groups: judged in templates only.
  sources: ['iac'],
  check(r, { inventory }) {
    const raw = known(r, 'PubliclyAccessible');
    if (raw !== undefined && raw !== null) {
      const v = asBool(raw);
      if (v === undefined) return fail(`PubliclyAccessible ${text(raw)} is not a valid value`, ev('PubliclyAccessible', raw, false, notAValidValue('PubliclyAccessible', text(raw), 'true or false')));
      return v ? fail('shard group is publicly accessible', ev('PubliclyAccessible', raw, false)) : pass('shard group is not publicly accessible', ev('PubliclyAccessible', raw, false));
    }
    const note = "omitted: RDS makes the shard group public when the VPC of its DB cluster's subnet group (or the default VPC) has an internet gateway";
    const cluster = inventory.related(r, 'cluster')[0];
    const clusterEv = ev('DBClusterIdentifier', known(r, 'DBClusterIdentifier') ?? null);
    if (!cluster) return unknown('PubliclyAccessible is not set and the DB cluster is not in the scanned templates: whether its VPC has an internet gateway is not known', ev('PubliclyAccessible', null, false, note), clusterEv);
    const igw = subnetGroupVpcHasInternetGateway(inventory.related(cluster, 'subnetGroup')[0], inventory);
    if (igw === true)
      return fail("PubliclyAccessible is not set and the VPC of its DB cluster's subnet group has an internet gateway: RDS gives the shard group a public endpoint", ev('PubliclyAccessible', null, false, note), clusterEv);
    if (igw === false) return pass("PubliclyAccessible is not set, and no internet gateway is attached to the VPC of its DB cluster's subnet group in the scanned templates", ev('PubliclyAccessible', null, false, note), clusterEv);
    return unknown("PubliclyAccessible is not set: RDS makes the shard group public when its cluster's VPC has an internet gateway, which the templates do not settle", ev('PubliclyAccessible', null, false, note), clusterEv);
  },
});

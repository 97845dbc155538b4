import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail, asBool, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';
import { subnetGroupVpcHasInternetGateway } from '../_internet-gateway.js';

const OMITTED = 'omitted: the DMS default is true (a public IP address)';

/**
 * PubliclyAccessible omitted gives the instance a public IP address: the DMS
 * default is true, unconditionally (CreateReplicationInstance; AWS Config's
 * dms-replication-not-public and FSBP DMS.1 judge the flag alone). This differs
 * from RDS, whose documented default itself depends on the VPC having an
 * internet gateway. So omitted fails unless the template shows the instance's
 * subnets in a VPC with no internet gateway attached (then no internet path
 * reaches the public address, and it passes). A subnet group named from outside
 * the template, or subnets from a parameter, leave the documented default
 * standing: fail. Without ReplicationSubnetGroupIdentifier DMS places the
 * instance in the default VPC, which AWS creates with an internet gateway.
 */
export default defineRule({
  id: 'public-access/aws-dms-replication-instance',
  control: 'public-access',
  title: 'DMS replication instances are not publicly accessible',
  severity: 'high',
  risk: 'A public replication instance gets a public address while it holds credentials for, and streams data between, the source and target databases.',
  remediation: {
    text: 'Set PubliclyAccessible: false (the default is true) and place the instance in private subnets through a replication subnet group.',
    cdk: "new dms.CfnReplicationInstance(this, 'Replication', { replicationInstanceClass: 'dms.t3.medium', publiclyAccessible: false, replicationSubnetGroupIdentifier: subnetGroup.ref })",
    cloudformation: 'Type: AWS::DMS::ReplicationInstance\nProperties:\n  PubliclyAccessible: false\n  ReplicationSubnetGroupIdentifier: !Ref PrivateSubnets',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dms-replicationinstance.html',
    'https://docs.aws.amazon.com/dms/latest/APIReference/API_CreateReplicationInstance.html',
    'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReplicationInstance.PublicPrivate.html',
    'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReplicationInstance.VPC.html',
  ],
  types: ['aws.dms.replication-instance'],
  // No live collector reads DMS: judged in templates only.
  sources: ['iac'],
  check(r, { inventory }) {
    const raw = known(r, 'PubliclyAccessible');
    if (raw !== undefined && raw !== null) {
      const v = asBool(raw);
      if (v === undefined)
        return fail(`PubliclyAccessible ${text(raw)} is not a valid value: whether the replication instance is public is not settled`, ev('PubliclyAccessible', raw, false, notAValidValue('PubliclyAccessible', text(raw), 'true or false')));
      return v ? fail('replication instance is publicly accessible', ev('PubliclyAccessible', raw, false)) : pass('replication instance is not publicly accessible', ev('PubliclyAccessible', raw, false));
    }
    const flag = ev('PubliclyAccessible', null, false, OMITTED);
    // Read with get: a group named by a parameter without a value is outside the template either
    // way, and only a subnet group defined here can show a VPC without an internet gateway.
    const groupId = get(r.properties, 'ReplicationSubnetGroupIdentifier');
    if (groupId === undefined || groupId === null)
      return fail(
        'replication instance is publicly accessible: PubliclyAccessible is not set (the DMS default is true) and, with no replication subnet group, DMS places it in the default VPC, which has an internet gateway',
        flag,
        ev('ReplicationSubnetGroupIdentifier', null, 'a subnet group in private subnets', 'omitted: the default VPC, created with an internet gateway'),
      );
    const groupEv = ev('ReplicationSubnetGroupIdentifier', groupId);
    const igw = subnetGroupVpcHasInternetGateway(inventory.related(r, 'subnetGroup')[0], inventory);
    if (igw === true)
      return fail(
        'replication instance is publicly accessible: PubliclyAccessible is not set (the DMS default is true) and the VPC of its subnet group has an internet gateway',
        flag,
        groupEv,
        ev('ReplicationSubnetGroupIdentifier → subnets → VPC', 'internet gateway attached in this template'),
      );
    if (igw === false)
      return pass(
        'PubliclyAccessible is not set, but no internet gateway is attached to the VPC of its subnet group in the scanned templates: no internet path reaches the instance',
        flag,
        groupEv,
        ev('ReplicationSubnetGroupIdentifier → subnets → VPC', 'no internet gateway attached'),
      );
    return fail(
      'replication instance is publicly accessible: PubliclyAccessible is not set (the DMS default is true: a public IP address); the scanned templates do not show its subnet group in a VPC without an internet gateway',
      flag,
      groupEv,
      ev('ReplicationSubnetGroupIdentifier → subnets → VPC', 'not in the scanned templates', 'a VPC with no internet gateway, or PubliclyAccessible: false', 'the documented default (true) stands'),
    );
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { known, must, ev, pass, fail, unknown, asArray, text } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import { isOpenToWorld } from '../../../src/lib/network.js';

/**
 * DB security groups (EC2-Classic, the legacy `AWS::RDS::DBSecurityGroup` and
 * `AWS::RDS::DBSecurityGroupIngress`) admit a CIDR range to the database port
 * of every instance that uses them; such instances have public endpoints. A
 * range of the whole internet opens the database to everyone.
 */
function judgeCidr(cidr: unknown, path: string, subId?: string): Verdict {
  if (cidr === undefined || cidr === null || cidr === '') return { ...pass('admits a security group, not an address range', ev(path, null, 'not 0.0.0.0/0 or ::/0')), ...(subId ? { subId } : {}) };
  if (isUnresolved(cidr)) return { ...unknown(`${path} depends on ${cidr.expression}`, ev(path, cidr)), ...(subId ? { subId } : {}) };
  const v = text(cidr);
  if (isOpenToWorld(v)) return { ...fail(`the database port is open to the whole internet (${v})`, ev(path, v, 'not 0.0.0.0/0 or ::/0')), ...(subId ? { subId } : {}) };
  return { ...pass(`admits ${v} only`, ev(path, v, 'not 0.0.0.0/0 or ::/0')), ...(subId ? { subId } : {}) };
}

export default defineRule({
  id: 'public-access/aws-rds-db-security-group',
  control: 'public-access',
  title: 'Legacy DB security groups do not open the database port to the internet',
  severity: 'high',
  risk: 'A DB security group rule for 0.0.0.0/0 lets anyone on the internet reach the database port of every instance that uses the group.',
  remediation: {
    text: 'Move the instances to a VPC with VPC security groups that admit only the application tier; in the meantime admit named EC2 security groups or narrow ranges only.',
    cdk: "new rds.DatabaseInstance(this, 'Db', { ..., vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } })",
    cloudformation: 'Type: AWS::RDS::DBSecurityGroup\nProperties:\n  DBSecurityGroupIngress:\n    - EC2SecurityGroupName: !Ref AppSecurityGroup',
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbsecuritygroup.html', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html'],
  types: ['aws.rds.db-security-group', 'aws.rds.db-security-group-ingress'],
  sources: ['iac'],
  check(r) {
    if (r.type === 'aws.rds.db-security-group-ingress') return judgeCidr(known(r, 'CIDRIP'), 'CIDRIP');
    const entries = asArray(must(known(r, 'DBSecurityGroupIngress'), 'DBSecurityGroupIngress'));
    if (entries.length === 0) return pass('no ingress rules', ev('DBSecurityGroupIngress', [], 'no 0.0.0.0/0 or ::/0'));
    const verdicts = entries.map((e, i) => {
      const path = `DBSecurityGroupIngress[${i}].CIDRIP`;
      if (isUnresolved(e)) return { ...unknown(`DBSecurityGroupIngress[${i}] depends on ${e.expression}`, ev(`DBSecurityGroupIngress[${i}]`, e)), subId: `ingress[${i}]` };
      return judgeCidr((e as Record<string, unknown> | null)?.CIDRIP, path, `ingress[${i}]`);
    });
    // One finding per entry that opens (or may open) the port; one pass when none does.
    const open = verdicts.filter((v) => v.status !== 'pass');
    if (open.length) return open;
    return pass(`no rule admits the internet (${entries.length} rule${entries.length === 1 ? '' : 's'})`, ...verdicts.flatMap((v) => v.evidence ?? []));
  },
});

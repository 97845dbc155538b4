import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass, asArray } from '../../../src/evaluate/facts.js';
import { dataPortExposure, EXPECTED } from '../_data-ports.js';

export default defineRule({
  id: 'public-access/aws-security-group-data-ports',
  control: 'public-access',
  title: 'Security groups do not open data-store ports (Redis, PostgreSQL, MySQL, MongoDB, …) to the internet',
  severity: 'high',
  risk: 'A database, cache or search port reachable from 0.0.0.0/0 or ::/0 exposes the data store to scanning, brute force and unauthenticated access (Redis, Memcached and Elasticsearch often have no password).',
  remediation: {
    text: 'Allow the port only from the application’s security group or private CIDRs; reach the store through the application, a VPN or a bastion.',
    cdk: 'db.connections.allowDefaultPortFrom(appSecurityGroup)',
    cloudformation: 'SecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 5432\n    ToPort: 5432\n    SourceSecurityGroupId: !Ref AppSecurityGroup',
  },
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19',
    'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  ],
  types: ['aws.ec2.security-group'],
  sources: ['iac', 'live'],
  check(r) {
    const rules = asArray(known(r, 'SecurityGroupIngress'));
    const out: Verdict[] = [];
    for (let i = 0; i < rules.length; i++) {
      const path = `SecurityGroupIngress[${i}]`;
      const v = dataPortExposure((rules[i] ?? {}) as Record<string, unknown>, path);
      if (v) out.push({ ...v, subId: path });
    }
    return out.length ? out : pass(`no inline rule opens a data-store port to the internet (${rules.length} rules)`, ev('SecurityGroupIngress', `${rules.length} rules`, EXPECTED));
  },
});

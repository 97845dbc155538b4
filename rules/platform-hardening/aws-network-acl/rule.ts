import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable, asArray, asRecord, asNumber, asBool } from '../../../src/evaluate/facts.js';
import { ADMIN_PORTS as ADMIN, isOpenToWorld } from '../../../src/lib/network.js';

interface Entry {
  RuleNumber?: unknown;
  Protocol?: unknown;
  RuleAction?: unknown;
  Egress?: unknown;
  CidrBlock?: unknown;
  Ipv6CidrBlock?: unknown;
  PortRange?: { From?: unknown; To?: unknown };
}

/** Does the entry apply to TCP/UDP traffic to `port`? (-1 is every protocol and port; 6 TCP, 17 UDP.) */
function coversPort(e: Entry, port: number): boolean {
  const proto = String(e.Protocol ?? '-1');
  if (proto === '-1' || proto === 'all') return true;
  if (proto !== '6' && proto !== '17' && proto !== 'tcp' && proto !== 'udp') return false;
  const from = asNumber(e.PortRange?.From);
  const to = asNumber(e.PortRange?.To);
  if (from === undefined || to === undefined) return true;
  return from <= port && port <= to;
}
const fromWorld = (e: Entry) => isOpenToWorld(e.CidrBlock) || isOpenToWorld(e.Ipv6CidrBlock);
const isIngress = (e: Entry) => asBool(e.Egress) !== true;

/**
 * CIS AWS 5.1 / FSBP EC2.21. Live: the ACL's inbound entries in rule-number
 * order; for each admin port, the first entry from 0.0.0.0/0 (or ::/0) that
 * covers it decides (a narrower entry before it only affects some addresses).
 * IaC: each AWS::EC2::NetworkAclEntry is judged on its own.
 */
export default defineRule({
  id: 'platform-hardening/aws-network-acl',
  control: 'platform-hardening',
  title: 'Network ACLs do not admit the internet (0.0.0.0/0, ::/0) to SSH or RDP',
  severity: 'medium',
  risk: 'A network ACL that lets the internet reach 22 or 3389 leaves only security groups between an attacker and the administration ports of every instance in its subnets.',
  remediation: {
    text: 'Add inbound deny entries for 22 and 3389 from 0.0.0.0/0 and ::/0 ahead of the allow entries (or narrow the allow entries to the admin networks).',
    cloudformation: 'Type: AWS::EC2::NetworkAclEntry\nProperties:\n  NetworkAclId: !Ref Acl\n  RuleNumber: 90\n  Protocol: 6\n  RuleAction: deny\n  CidrBlock: 0.0.0.0/0\n  PortRange: { From: 22, To: 22 }',
  },
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html'],
  types: ['aws.ec2.network-acl', 'aws.ec2.network-acl-entry'],
  sources: ['iac', 'live'],
  check(r) {
    if (r.type === 'aws.ec2.network-acl-entry') {
      // Each field read as a fact, in the order the verdict needs it: a direction, port, range or action the
      // template does not settle (a parameter, a {{resolve:ssm:…}} reference) is unknown, never read as absent.
      if (asBool(known(r, 'Egress')) === true) return notApplicable('not an inbound entry from the whole internet', ev('Egress', true));
      const e: Entry = { Protocol: known(r, 'Protocol'), PortRange: { From: known(r, 'PortRange.From'), To: known(r, 'PortRange.To') } };
      const ports = ADMIN.filter((p) => coversPort(e, p));
      if (ports.length === 0) return notApplicable('does not cover 22 or 3389', ev('PortRange', known(r, 'PortRange') ?? null));
      e.CidrBlock = known(r, 'CidrBlock');
      e.Ipv6CidrBlock = known(r, 'Ipv6CidrBlock');
      if (!fromWorld(e)) return notApplicable('not an inbound entry from the whole internet', ev('CidrBlock', e.CidrBlock ?? e.Ipv6CidrBlock ?? null));
      const action = known(r, 'RuleAction');
      const evidence = ev('RuleAction', action ?? null, 'deny', 'judged alone: lower-numbered entries of the same ACL are not considered');
      return String(action).toLowerCase() === 'allow' ? fail(`allows the internet to port ${ports.join(' and ')}`, evidence) : pass(`denies the internet on port ${ports.join(' and ')}`, evidence);
    }
    if (r.source !== 'live') return undefined; // an AWS::EC2::NetworkAcl alone denies everything; its entries are judged
    const entries = (asArray(known(r, 'Live.Entries')) as Entry[]).filter(isIngress).sort((a, b) => (asNumber(a.RuleNumber) ?? 0) - (asNumber(b.RuleNumber) ?? 0));
    const open: string[] = [];
    for (const port of ADMIN) {
      const decider = entries.find((e) => fromWorld(e) && coversPort(e, port));
      if (decider && String(decider.RuleAction).toLowerCase() === 'allow') open.push(`${port} (rule ${String(decider.RuleNumber)})`);
    }
    const e = ev('Live.Entries', entries.filter(fromWorld).map((x) => `${String(x.RuleNumber)} ${String(x.RuleAction)} ${String(x.CidrBlock ?? x.Ipv6CidrBlock)} proto ${String(x.Protocol)} ${x.PortRange ? `${String(asRecord(x.PortRange).From)}-${String(asRecord(x.PortRange).To)}` : 'all ports'}`), 'no inbound allow from 0.0.0.0/0 or ::/0 to 22 or 3389');
    return open.length ? fail(`admits the internet to port ${open.join(', ')}`, e) : pass('the internet cannot reach 22 or 3389 through this ACL', e);
  },
});

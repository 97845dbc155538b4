import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, notApplicable, asArray, asBool, asRecord } from '../../../src/evaluate/facts.js';
import type { EvidenceItem } from '../../../src/evaluate/rule.js';
import { ADMIN_PORTS, adminRanges, isOpenToWorld, withinAny } from '../../../src/lib/network.js';
import { gcpEntryCoversPort, IAP_RANGE, requireCollected } from '../../../src/lib/gcp.js';

type Item = Record<string, unknown>;

/** Sources vouch cannot turn into addresses: the rule matches traffic from them as well as from `srcIpRanges`. */
const UNRESOLVED_SOURCES = ['srcSecureTags', 'srcAddressGroups', 'srcFqdns', 'srcRegionCodes', 'srcThreatIntelligences'] as const;

/** `layer4Configs` → the admin ports the rule matches (no layer4Configs: every protocol and port). */
function adminPortsOf(match: Item): number[] {
  const l4 = asArray(match.layer4Configs).map(asRecord);
  if (l4.length === 0) return [...ADMIN_PORTS];
  return ADMIN_PORTS.filter((p) => l4.some((c) => gcpEntryCoversPort({ IPProtocol: c.ipProtocol, ports: c.ports }, p)));
}

const priorityOf = (r: Item) => Number(r.priority ?? 0);
const isIngress = (r: Item) => String(r.direction ?? 'INGRESS') === 'INGRESS';
const enabled = (r: Item) => asBool(r.disabled) !== true;
const targetsOf = (r: Item) => ({
  resources: asArray(r.targetResources).map(String),
  accounts: asArray(r.targetServiceAccounts).map(String),
  tags: asArray(r.targetSecureTags).map((t) => String(asRecord(t).name ?? t)),
});

/** Does deny rule `d` apply to every target allow rule `a` applies to? (`d` targets all, or a superset of each kind `a` names.) */
function coversTargets(d: Item, a: Item): boolean {
  const dt = targetsOf(d);
  const at = targetsOf(a);
  const dAll = !dt.resources.length && !dt.accounts.length && !dt.tags.length;
  if (dAll) return true;
  const aAll = !at.resources.length && !at.accounts.length && !at.tags.length;
  if (aAll) return false;
  return at.resources.every((x) => dt.resources.includes(x)) && at.accounts.every((x) => dt.accounts.includes(x)) && at.tags.every((x) => dt.tags.includes(x));
}

/** Is `source` (a CIDR) blocked for `ports` by a deny rule of this policy evaluated before `allow`? */
function blockingDeny(rules: Item[], allow: Item, ports: number[], source: string): Item | undefined {
  return rules.find((d) => {
    if (String(d.action) !== 'deny' || !isIngress(d) || !enabled(d) || priorityOf(d) >= priorityOf(allow)) return false;
    const m = asRecord(d.match);
    if (!ports.every((p) => adminPortsOf(m).includes(p))) return false;
    if (!coversTargets(d, allow)) return false;
    const ranges = asArray(m.srcIpRanges).map(String);
    return ranges.some((c) => (isOpenToWorld(c) ? c.includes(':') === source.includes(':') : withinAny(source, [c])));
  });
}

function describeTargets(r: Item): string {
  const t = targetsOf(r);
  const parts = [
    ...(t.resources.length ? [`networks ${t.resources.join(', ')}`] : []),
    ...(t.accounts.length ? [`service accounts ${t.accounts.join(', ')}`] : []),
    ...(t.tags.length ? [`secure tags ${t.tags.join(', ')}`] : []),
  ];
  return parts.length ? parts.join('; ') : 'every VM the policy applies to';
}

export default defineRule({
  id: 'bastion-only/gcp-firewall-policy',
  control: 'bastion-only',
  title: 'Hierarchical and network firewall policies allow SSH/RDP only from IAP or admin CIDRs',
  severity: 'critical',
  risk: 'A firewall policy rule is evaluated before the VPC firewall rules and an allow there is final: SSH/RDP open to the internet on an organization, folder or network policy reaches the VMs whatever the VPC rules say.',
  remediation: {
    text: 'Restrict the policy rule to the IAP TCP forwarding range 35.235.240.0/20 or the admin CIDRs (VPN), change its action to goto_next or deny, or disable it.',
    cli: 'gcloud compute firewall-policies rules update PRIORITY --firewall-policy=POLICY --organization=ORG --src-ip-ranges=35.235.240.0/20',
  },
  references: ['https://cloud.google.com/firewall/docs/firewall-policies-overview', 'https://cloud.google.com/firewall/docs/firewall-policies-rule-details', 'https://cloud.google.com/iap/docs/using-tcp-forwarding'],
  types: ['gcp.compute.firewall-policy'],
  sources: ['live'],
  check(r, { params }) {
    requireCollected(r);
    const rawRules = known(r, 'rules');
    if (!Array.isArray(rawRules)) return unknown('the policy was returned without its rules', ev('rules', rawRules ?? null, 'the policy rules', 'rules missing from the answer: cannot tell what the policy allows'));
    const rules = rawRules.map(asRecord).sort((a, b) => priorityOf(a) - priorityOf(b));
    const ingress = rules.filter((x) => isIngress(x) && enabled(x));
    if (ingress.length === 0) return notApplicable('the policy has no enabled ingress rule', ev('rules', rules.length, undefined, 'only egress or disabled rules'));
    const okRanges = [IAP_RANGE, ...adminRanges(params.adminCidrs)];
    const expected = `sources only ${okRanges.join(', ')}`;
    const fails: EvidenceItem[] = [];
    const unknowns: EvidenceItem[] = [];
    const failText: string[] = [];
    const shadowed: string[] = [];
    const allowed: EvidenceItem[] = [];
    const allowedPorts = new Set<number>();
    for (const rule of ingress) {
      const action = String(rule.action ?? '');
      const match = asRecord(rule.match);
      const ports = adminPortsOf(match);
      if (ports.length === 0 || action === 'deny' || action === 'goto_next') continue;
      const where = `rules[priority=${priorityOf(rule)}]`;
      // apply_security_profile_group lets the traffic through after L7 inspection: an allow for this control.
      if (action !== 'allow' && action !== 'apply_security_profile_group') {
        unknowns.push(ev(`${where}.action`, action, 'allow, deny or goto_next', 'action vouch does not know'));
        continue;
      }
      for (const p of ports) allowedPorts.add(p);
      const portText = ports.join('/');
      const ranges = asArray(match.srcIpRanges).map(String);
      const others = UNRESOLVED_SOURCES.filter((k) => asArray(match[k]).length > 0);
      const unblocked = (c: string) => {
        const d = blockingDeny(rules, rule, ports, c);
        if (d) shadowed.push(`${c} at priority ${priorityOf(rule)} blocked by deny at priority ${priorityOf(d)}`);
        return !d;
      };
      const open = ranges.filter((c) => isOpenToWorld(c) && unblocked(c));
      const other = ranges.filter((c) => !isOpenToWorld(c) && !withinAny(c, okRanges) && unblocked(c));
      if (open.length || other.length) {
        const bad = [...open, ...other];
        failText.push(`priority ${priorityOf(rule)} allows ${portText} from ${bad.join(', ')}`);
        fails.push(
          ev(`${where}.match.srcIpRanges`, ranges, expected, `${open.length ? 'open to the internet' : 'not IAP or an admin CIDR'}: ${bad.join(', ')}; action ${action}; targets: ${describeTargets(rule)}`),
        );
        continue;
      }
      if (others.length) {
        unknowns.push(
          ev(
            `${where}.match`,
            Object.fromEntries(others.map((k) => [k, match[k]])),
            expected,
            `allows ${portText} from ${others.join(', ')}: vouch cannot resolve these sources to addresses`,
          ),
        );
        continue;
      }
      if (ranges.length === 0) unknowns.push(ev(`${where}.match.srcIpRanges`, null, expected, `allows ${portText} with no source vouch can read: cannot tell what it matches`));
      else allowed.push(ev(`${where}.match.srcIpRanges`, ranges, expected, `allows ${portText}; action ${action}; targets: ${describeTargets(rule)}`));
    }
    const name = r.name ?? r.id;
    const shadowNote = shadowed.length ? shadowed.join('; ') : undefined;
    if (fails.length)
      return fail(`firewall policy ${name}: ${failText.join('; ')}`, ...fails, ...(shadowNote ? [ev('shadowed', shadowed, undefined, 'sources blocked by a deny rule evaluated first')] : []));
    if (unknowns.length) return unknown(`firewall policy ${name}: an allow for 22/3389 has sources vouch cannot resolve`, ...unknowns);
    if (allowedPorts.size === 0) return pass('no enabled ingress rule allows 22 or 3389 (deny and goto_next rules leave the decision to later rules)', ev('rules', ingress.length, undefined, 'no ingress allow covering tcp:22 / tcp:3389 / all'));
    return pass(
      `${[...allowedPorts].sort((a, b) => a - b).join('/')} allowed only from ${okRanges.join(', ')}${shadowNote ? ' (other sources are blocked by a deny rule evaluated first)' : ''}`,
      ...allowed,
      ...(shadowNote ? [ev('shadowed', shadowed, undefined, 'sources blocked by a deny rule evaluated first')] : []),
    );
  },
});

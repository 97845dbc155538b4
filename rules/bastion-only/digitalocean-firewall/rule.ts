import { defineRule, type EvidenceItem } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, asArray } from '../../../src/evaluate/facts.js';
import { ADMIN_PORTS, adminRanges, isOpenToWorld, withinAny } from '../../../src/lib/network.js';
import { doRuleCoversPort, isBastionDroplet } from '../_do.js';

export default defineRule({
  id: 'bastion-only/digitalocean-firewall',
  control: 'bastion-only',
  title: 'DigitalOcean cloud firewalls admit SSH/RDP only from the bastion or the admin CIDRs',
  severity: 'critical',
  risk: 'An inbound rule that opens 22 or 3389 to the internet, or to droplets and networks that are not the bastion, bypasses the bastion host the policy promises.',
  remediation: {
    text: 'Restrict inbound TCP 22/3389 sources to the bastion droplet (its tag or id) or the admin/VPN CIDRs named in the claims profile (adminCidrs); never 0.0.0.0/0 or ::/0.',
    cli: 'doctl compute firewall update <id> --inbound-rules "protocol:tcp,ports:22,tag:bastion" ...',
  },
  references: ['https://docs.digitalocean.com/reference/api/digitalocean/#tag/Firewalls'],
  types: ['digitalocean.firewall'],
  sources: ['live'],
  check(r, { params, inventory }) {
    const rules = asArray(known(r, 'inbound_rules'));
    const bad: EvidenceItem[] = [];
    const unclear: EvidenceItem[] = [];
    let adminRules = 0;
    rules.forEach((raw, i) => {
      const path = `inbound_rules[${i}]`;
      const rule = (raw ?? {}) as { protocol?: unknown; ports?: unknown; sources?: Record<string, unknown> };
      const covered = ADMIN_PORTS.map((p) => [p, doRuleCoversPort(rule.protocol, rule.ports, p)] as const);
      if (covered.some(([, c]) => c === undefined)) {
        unclear.push(ev(`${path}.ports`, rule.ports, '"22", "a-b" or "0"', 'ports value vouch cannot read'));
        return;
      }
      const ports = covered.filter(([, c]) => c).map(([p]) => p);
      if (!ports.length) return;
      adminRules++;
      const s = rule.sources ?? {};
      const what = `TCP ${ports.join('/')}`;
      for (const a of asArray(s.addresses).map(String)) {
        if (isOpenToWorld(a)) bad.push(ev(`${path}.sources.addresses`, a, 'bastion tag/droplet or adminCidrs', `${what} open to the whole internet`));
        else if (!withinAny(a.includes('/') ? a : `${a}/${a.includes(':') ? 128 : 32}`, adminRanges(params.adminCidrs)))
          bad.push(ev(`${path}.sources.addresses`, a, params.adminCidrs.length ? params.adminCidrs : 'adminCidrs (none set in the claims profile: private ranges)', `${what} from an address outside the admin CIDRs`));
      }
      for (const t of asArray(s.tags).map(String)) {
        if (!params.bastion.doTags.includes(t)) bad.push(ev(`${path}.sources.tags`, t, params.bastion.doTags, `${what} from droplets tagged '${t}', not a bastion tag`));
      }
      for (const id of asArray(s.droplet_ids).map(String)) {
        if (params.bastion.doDropletIds.includes(id)) continue;
        const d = inventory.get(`do:droplet:${id}`);
        if (d && isBastionDroplet(d, params)) continue;
        bad.push(ev(`${path}.sources.droplet_ids`, id, 'a bastion droplet', d ? `${what} from droplet ${d.name ?? id}, which is not tagged as a bastion` : `${what} from droplet ${id}, not in the inventory and not listed in bastion.doDropletIds`));
      }
      for (const k of ['load_balancer_uids', 'kubernetes_ids'] as const) {
        for (const v of asArray(s[k]).map(String)) bad.push(ev(`${path}.sources.${k}`, v, 'a bastion droplet or admin CIDR', `${what} from a ${k === 'load_balancer_uids' ? 'load balancer' : 'Kubernetes cluster'}, not a bastion`));
      }
    });
    if (bad.length) return fail(`firewall admits SSH/RDP from ${bad.length === 1 ? 'a source that is' : `${bad.length} sources that are`} neither the bastion nor an admin CIDR`, ...bad);
    if (unclear.length) return unknown('an inbound rule has a ports value vouch cannot read', ...unclear);
    return pass(
      adminRules ? `SSH/RDP admitted only from the bastion or admin CIDRs (${adminRules} rule(s))` : `no inbound rule opens 22 or 3389 (${rules.length} rules)`,
      ev('inbound_rules', `${rules.length} rules, ${adminRules} on 22/3389`, 'sources: bastion tag/droplet or adminCidrs'),
    );
  },
});

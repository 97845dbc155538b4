import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, pass, fail } from '../../../src/evaluate/facts.js';
import { isBastionDroplet, publicIpv4 } from '../_do.js';

export default defineRule({
  id: 'bastion-only/digitalocean-droplet-public-ip',
  control: 'bastion-only',
  title: 'Only the bastion droplet has a public IPv4 address (reported)',
  severity: 'info',
  risk: 'A non-bastion droplet with a public address is one firewall mistake away from direct administrative exposure; it is reported for review, not as a breach.',
  remediation: {
    text: 'Serve public traffic through a load balancer and keep application and data droplets on the VPC only, or confirm that the droplet must be public and that its firewall admits 22/3389 only from the bastion.',
  },
  types: ['digitalocean.droplet'],
  sources: ['live'],
  check(r, { params }) {
    const ips = publicIpv4(r);
    const bastion = isBastionDroplet(r, params);
    if (bastion) return pass('the bastion droplet', ev('tags', r.properties.tags ?? [], params.bastion.doTags));
    if (!ips.length) return pass('no public IPv4 address', ev('networks.v4[type=public]', []));
    return fail(`not the bastion, yet reachable on public IPv4 ${ips.join(', ')}`, ev('networks.v4[type=public].ip_address', ips, 'none (only the bastion is public)', `bastion = tags ${params.bastion.doTags.join(', ') || '(none)'} or ids ${params.bastion.doDropletIds.join(', ') || '(none)'}`));
  },
});

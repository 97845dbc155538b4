import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, unknown, gapFor } from '../../../src/evaluate/facts.js';

export default defineRule({
  id: 'bastion-only/digitalocean-droplet',
  control: 'bastion-only',
  title: 'Every DigitalOcean droplet is covered by a cloud firewall',
  severity: 'high',
  risk: 'A droplet no cloud firewall covers accepts every port from anywhere at the cloud layer; SSH is then reachable without the bastion.',
  remediation: {
    text: 'Attach a cloud firewall to the droplet (by droplet id, or by a tag the firewall names) that admits 22/3389 only from the bastion or admin CIDRs.',
    cli: 'doctl compute firewall add-droplets <firewall-id> --droplet-ids <id>   # or tag the droplet with a tag the firewall covers',
  },
  references: ['https://docs.digitalocean.com/products/networking/firewalls/'],
  types: ['digitalocean.droplet'],
  sources: ['live'],
  check(r, { inventory }) {
    const gap = gapFor(r, 'firewalls');
    if (gap) return unknown(`cannot tell which firewalls cover the droplet: ${gap}`, ev('firewalls', `<not collected: ${gap}>`));
    const fws = inventory.related(r, 'firewalls');
    if (!fws.length) {
      return fail('no cloud firewall covers this droplet (by id or tag): every port is open at the cloud layer', ev('firewalls', [], 'at least one cloud firewall', 'host firewalls (ufw, iptables) are not visible through the API'));
    }
    return pass(`covered by ${fws.length} cloud firewall(s): ${fws.map((f) => f.name ?? f.id).join(', ')}`, ev('firewalls', fws.map((f) => f.name ?? f.id)));
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asArray, gapFor, unknown } from '../../../src/evaluate/facts.js';
import { isOpenToWorld } from '../../../src/lib/network.js';

export default defineRule({
  id: 'public-access/digitalocean-database',
  control: 'public-access',
  title: 'DigitalOcean managed databases admit connections only from trusted sources',
  severity: 'high',
  risk: 'A cluster with no trusted sources (or one trusting 0.0.0.0/0) accepts connections from any address on the internet; only its password stands in the way.',
  remediation: {
    text: 'Add trusted sources (droplets, tags, Kubernetes clusters, apps or specific IP ranges) to the cluster\'s firewall; never 0.0.0.0/0.',
    cli: 'doctl databases firewalls append <id> --rule tag:app',
  },
  references: ['https://docs.digitalocean.com/products/databases/postgresql/how-to/secure/'],
  types: ['digitalocean.database'],
  sources: ['live'],
  check(r) {
    const gap = gapFor(r, 'rules');
    if (gap) return unknown(`not checked: ${gap}`, ev('rules', `<not collected: ${gap}>`));
    const rules = asArray(known(r, 'rules')) as { type?: unknown; value?: unknown }[];
    if (!rules.length) return fail('no trusted sources: the cluster accepts connections from any address', ev('rules', [], 'at least one trusted source', 'from GET /v2/databases/{uuid}/firewall'));
    const open = rules.filter((x) => x?.type === 'ip_addr' && isOpenToWorld(String(x.value)));
    if (open.length) return fail(`trusted sources include the whole internet (${open.map((x) => String(x.value)).join(', ')})`, ev('rules[type=ip_addr].value', open.map((x) => x.value), 'no 0.0.0.0/0 or ::/0'));
    return pass(`${rules.length} trusted source(s), none open to all`, ev('rules', rules.map((x) => `${String(x.type)}:${String(x.value)}`)));
  },
});

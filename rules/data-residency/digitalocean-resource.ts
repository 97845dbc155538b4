import { defineRule } from '../../src/engine/rule.js';
import { ev, pass, fail, unknown, notApplicable, gapFor, get } from '../../src/engine/facts.js';
import { jurisdictionOf, regionAllowed } from '../../src/lib/regions.js';

export default defineRule({
  id: 'data-residency/digitalocean-resource',
  control: 'data-residency',
  title: 'DigitalOcean resources live only in allowed regions',
  severity: 'high',
  risk: 'A droplet, volume, database, load balancer or Space in a region outside the promised jurisdictions processes data where the policy says it is not.',
  remediation: { text: 'Move the resource to an allowed region (migrate from a snapshot or backup), or update the published policy and the claims profile.' },
  types: ['digitalocean.droplet', 'digitalocean.volume', 'digitalocean.load-balancer', 'digitalocean.database', 'digitalocean.spaces-bucket'],
  sources: ['live'],
  check(r, { params }) {
    const allowed = params.allowedRegions;
    if (!allowed?.length) return notApplicable('no allowedRegions in the claims profile');
    const gap = gapFor(r, 'region');
    if (gap) return unknown(`region not collected: ${gap}`, ev('region', `<not collected: ${gap}>`, allowed));
    const region = r.location.region;
    if (!region) {
      if (r.type === 'digitalocean.load-balancer' && get(r.properties, 'type') === 'GLOBAL')
        return unknown('global load balancer: served from edge locations in many regions, which the API does not list', ev('type', 'GLOBAL', allowed));
      return unknown('the resource reports no region', ev('region', null, allowed));
    }
    const ok = regionAllowed('digitalocean', region, allowed);
    const where = jurisdictionOf('digitalocean', region) ?? 'unplaced';
    const evidence = ev('region', region, allowed, `jurisdiction: ${where}`);
    if (ok === undefined) return unknown(`region ${region} cannot be placed in a jurisdiction`, evidence);
    return ok ? pass(`in ${region} (${where})`, evidence) : fail(`in ${region} (${where}), outside the allowed regions`, evidence);
  },
});

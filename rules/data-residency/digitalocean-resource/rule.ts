import { defineRule, type EvidenceItem } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, unknown, notApplicable, gapFor, get, asArray } from '../../../src/evaluate/facts.js';
import { jurisdictionOf, regionAllowed } from '../../../src/lib/regions.js';

export default defineRule({
  id: 'data-residency/digitalocean-resource',
  control: 'data-residency',
  title: 'DigitalOcean resources, their replicas and snapshot copies live only in allowed regions',
  severity: 'high',
  risk: 'A droplet, volume, database (or its read replica), load balancer, snapshot copy or Space in a region outside the promised jurisdictions holds data where the policy says it is not.',
  remediation: { text: 'Move the resource to an allowed region (migrate from a snapshot or backup), delete replicas and snapshot copies in other regions, or update the published policy and the claims profile.' },
  types: ['digitalocean.droplet', 'digitalocean.volume', 'digitalocean.load-balancer', 'digitalocean.database', 'digitalocean.spaces-bucket', 'digitalocean.snapshot'],
  sources: ['live'],
  check(r, { params }) {
    const allowed = params.allowedRegions;
    if (!allowed?.length) return notApplicable('no allowedRegions in the claims profile');
    const gap = gapFor(r, 'region');
    if (gap) return unknown(`region not collected: ${gap}`, ev('region', `<not collected: ${gap}>`, allowed));
    // Every place the data sits: the resource's region, each snapshot copy, each database replica.
    const places: { path: string; region: string }[] = [];
    if (r.type === 'digitalocean.snapshot') asArray(r.properties.regions).forEach((g, i) => places.push({ path: `regions[${i}]`, region: String(g) }));
    else if (r.location.region) places.push({ path: 'region', region: r.location.region });
    if (r.type === 'digitalocean.database') {
      const rgap = gapFor(r, 'replicas');
      if (rgap) return unknown(`read replicas not collected: ${rgap}`, ev('replicas', `<not collected: ${rgap}>`, allowed));
      asArray(r.properties.replicas).forEach((rep, i) => {
        const g = (rep as { region?: unknown })?.region;
        if (typeof g === 'string') places.push({ path: `replicas[${i}].region`, region: g });
      });
    }
    if (!places.length) {
      if (r.type === 'digitalocean.load-balancer' && get(r.properties, 'type') === 'GLOBAL')
        return unknown('global load balancer: served from edge locations in many regions, which the API does not list', ev('type', 'GLOBAL', allowed));
      return unknown('the resource reports no region', ev('region', null, allowed));
    }
    const outside: EvidenceItem[] = [];
    const unplaced: EvidenceItem[] = [];
    const inside: EvidenceItem[] = [];
    for (const p of places) {
      const where = jurisdictionOf('digitalocean', p.region) ?? 'unplaced';
      const item = ev(p.path, p.region, allowed, `jurisdiction: ${where}`);
      const ok = regionAllowed('digitalocean', p.region, allowed);
      (ok === undefined ? unplaced : ok ? inside : outside).push(item);
    }
    const list = (xs: EvidenceItem[]) => xs.map((x) => `${String(x.observed)}${x.path === 'region' ? '' : ` (${x.path})`}`).join(', ');
    if (outside.length) return fail(`data in ${list(outside)}, outside the allowed regions`, ...outside, ...unplaced, ...inside);
    if (unplaced.length) return unknown(`region ${list(unplaced)} cannot be placed in a jurisdiction`, ...unplaced, ...inside);
    return pass(`in ${list(inside)}`, ...inside);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, asArray } from '../../../src/evaluate/facts.js';
import type { EvidenceItem } from '../../../src/evaluate/rule.js';
import { regionAllowed } from '../../../src/lib/regions.js';
import { requireCollected } from '../../../src/lib/gcp.js';
import { lastSegmentOf } from '../_gcp.js';

export default defineRule({
  id: 'data-residency/gcp-location',
  control: 'data-residency',
  title: 'Buckets, Cloud SQL instances, VMs and disks are in allowed locations',
  severity: 'high',
  risk: 'Data stored or processed outside the promised jurisdictions (e.g. London or Zurich under an "US and EU only" promise) breaks the residency commitment.',
  remediation: {
    text: 'Recreate the resource in an allowed region or multi-region (data cannot be moved in place), and set the org policy constraint gcp.resourceLocations to prevent new ones elsewhere.',
    cli: 'gcloud resource-manager org-policies allow gcp.resourceLocations in:eu-locations in:us-locations --organization=ORG',
  },
  references: ['https://cloud.google.com/storage/docs/locations', 'https://cloud.google.com/resource-manager/docs/organization-policy/defining-locations'],
  types: ['gcp.storage.bucket', 'gcp.sql.instance', 'gcp.compute.instance', 'gcp.compute.disk'],
  sources: ['live'],
  check(r, { params }) {
    const allowed = params.allowedRegions;
    if (!allowed?.length) return undefined; // the claims profile names no allowed regions
    requireCollected(r);
    const places: { path: string; location: string }[] = [];
    if (r.type === 'gcp.storage.bucket') {
      places.push({ path: 'location', location: String(known(r, 'location') ?? 'US') });
      for (const [i, l] of asArray(known(r, 'customPlacementConfig.dataLocations')).entries()) places.push({ path: `customPlacementConfig.dataLocations[${i}]`, location: String(l) });
    } else if (r.type === 'gcp.sql.instance') {
      places.push({ path: 'region', location: String(known(r, 'region')) });
      const backup = known(r, 'settings.backupConfiguration.location');
      if (typeof backup === 'string' && backup) places.push({ path: 'settings.backupConfiguration.location', location: backup });
    } else {
      const zone = lastSegmentOf(known(r, 'zone')) ?? lastSegmentOf(known(r, 'region'));
      if (!zone) return unknown('resource has no zone or region', ev('zone', null));
      places.push({ path: 'zone', location: zone });
    }
    const bad: EvidenceItem[] = [];
    const undecided: EvidenceItem[] = [];
    const good: EvidenceItem[] = [];
    for (const p of places) {
      const ok = regionAllowed('gcp', p.location, allowed);
      const e = ev(p.path, p.location, allowed);
      (ok === true ? good : ok === false ? bad : undecided).push(e);
    }
    if (bad.length) return fail(`located in ${bad.map((e) => String(e.observed)).join(', ')}, outside ${allowed.join(', ')}`, ...bad, ...undecided, ...good);
    if (undecided.length) return unknown(`cannot place ${undecided.map((e) => String(e.observed)).join(', ')} in a jurisdiction`, ...undecided, ...good);
    const note = r.type === 'gcp.sql.instance' && places.length === 1 ? ' (backups: default location, the multi-region nearest the instance)' : '';
    return pass(`located in ${places.map((p) => p.location).join(', ')}${note}`, ...good);
  },
});

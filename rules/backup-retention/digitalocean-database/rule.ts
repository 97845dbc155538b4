import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, asArray, gapFor } from '../../../src/evaluate/facts.js';

const DAY = 86_400_000;

export default defineRule({
  id: 'backup-retention/digitalocean-database',
  control: 'backup-retention',
  title: 'DigitalOcean managed database backups: observed retention within the promise',
  severity: 'medium',
  risk: 'The API has no retention setting for managed database backups; the window the backups list shows is the only evidence of how long backups are kept.',
  remediation: {
    text: 'DigitalOcean keeps managed database backups for a fixed window; if the observed window does not match the claim, keep additional exports with your own rotation and document them.',
  },
  references: ['https://docs.digitalocean.com/reference/api/digitalocean/#operation/databases_list_backups'],
  types: ['digitalocean.database'],
  sources: ['live'],
  check(r, { params }) {
    const engine = String(known(r, 'engine'));
    if (engine === 'redis' || engine === 'valkey') return undefined; // the backups endpoint does not cover caches (see cache-no-backup)
    const gap = gapFor(r, 'backups');
    if (gap) return unknown(`not checked: ${gap}`, ev('backups', `<not collected: ${gap}>`));
    const backups = asArray(known(r, 'backups'));
    const times = backups.map((b) => Date.parse(String((b as { created_at?: unknown })?.created_at))).filter(Number.isFinite).sort((a, b) => a - b);
    const created = Date.parse(String(r.properties.created_at ?? ''));
    const ageDays = Number.isFinite(created) ? (Date.now() - created) / DAY : undefined;
    const { maxDays, minDays, mode } = params.backup;
    const note = 'observed: the API has no retention field; window = newest − oldest backup in GET /v2/databases/{uuid}/backups';
    if (!times.length) {
      if (ageDays !== undefined && ageDays > 2 && minDays > 0) return fail(`no backups listed for a cluster ${Math.floor(ageDays)} days old`, ev('backups', [], `backups kept ≥ ${minDays} days`, note));
      return unknown('no backups listed yet (new cluster or backups not visible)', ev('backups', [], 'at least one backup', note));
    }
    const observed = Math.round((times[times.length - 1]! - times[0]!) / DAY);
    const evidence = ev('backups[*].created_at', { oldest: new Date(times[0]!).toISOString(), newest: new Date(times[times.length - 1]!).toISOString(), count: times.length, observedDays: observed }, mode === 'exact' ? `${maxDays} days` : `≤ ${maxDays} days`, note);
    if (observed > maxDays + 1) return fail(`backups observed over ${observed} days, longer than the promised ${maxDays}`, evidence);
    const young = ageDays !== undefined && ageDays < maxDays;
    if (mode === 'exact' && observed < maxDays - 1) {
      if (young) return unknown(`cluster is ${Math.floor(ageDays!)} days old: too young to observe a ${maxDays}-day cycle (${observed} days so far)`, evidence);
      return fail(`backups observed over ${observed} days, shorter than the promised ${maxDays}-day cycle`, evidence);
    }
    if (observed < minDays - 1 && !(ageDays !== undefined && ageDays < minDays)) return fail(`backups observed over ${observed} days, shorter than the promised minimum of ${minDays}`, evidence);
    return pass(`backups observed over ${observed} days (${times.length} backups)`, evidence);
  },
});

import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown } from '../../../src/evaluate/facts.js';

const DAY = 86_400_000;

export default defineRule({
  id: 'backup-retention/digitalocean-snapshot',
  control: 'backup-retention',
  title: 'DigitalOcean droplet and volume snapshots are not kept beyond the promised retention',
  severity: 'medium',
  risk: 'Snapshots are manual copies that never rotate: one older than the promised cycle keeps data the policy says is gone.',
  remediation: {
    text: 'Delete snapshots older than the retention the claim promises, or automate their rotation (e.g. a scheduled job that deletes snapshots past the cycle).',
    cli: 'doctl compute snapshot delete <snapshot-id>',
  },
  references: ['https://docs.digitalocean.com/reference/api/digitalocean/#tag/Snapshots'],
  types: ['digitalocean.snapshot'],
  sources: ['live'],
  check(r, { params }) {
    const created = Date.parse(String(known(r, 'created_at') ?? ''));
    if (!Number.isFinite(created)) return unknown('the snapshot has no readable created_at', ev('created_at', r.properties.created_at ?? null));
    const age = Math.floor((Date.now() - created) / DAY);
    const evidence = ev('created_at', new Date(created).toISOString(), `younger than ${params.backup.maxDays} days`, `${age} days old; snapshots do not rotate by themselves`);
    return age > params.backup.maxDays
      ? fail(`snapshot is ${age} days old, beyond the promised ${params.backup.maxDays}-day retention`, evidence)
      : pass(`snapshot is ${age} days old`, evidence);
  },
});

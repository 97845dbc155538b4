import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, gapFor } from '../../../src/evaluate/facts.js';

export default defineRule({
  id: 'cache-no-backup/digitalocean-database',
  control: 'cache-no-backup',
  title: 'DigitalOcean Caching/Valkey clusters keep no persistent copies (persistence off)',
  severity: 'medium',
  risk: 'With persistence "rdb" the cache writes RDB dumps and backups on the backup schedule, so data promised to live only in a short-lived cache ends up in backups.',
  remediation: {
    text: 'Set redis_persistence / valkey_persistence to "off" (no RDB dumps, no backups) for caches that must never be backed up.',
    cli: 'doctl databases configuration update <id> --engine valkey --config-json \'{"valkey_persistence": "off"}\'',
  },
  references: ['https://docs.digitalocean.com/reference/api/digitalocean/#operation/databases_patch_config'],
  types: ['digitalocean.database'],
  sources: ['live'],
  check(r) {
    const engine = String(known(r, 'engine'));
    if (engine !== 'redis' && engine !== 'valkey') return undefined;
    const gap = gapFor(r, 'config');
    if (gap) return unknown(`not checked: ${gap}`, ev('config', `<not collected: ${gap}>`));
    const path = `config.${engine}_persistence`;
    const v = known(r, path);
    if (v === undefined || v === null) return unknown(`the API did not report ${engine}_persistence`, ev(path, null, 'off'));
    if (v === 'off') return pass(`${engine} persistence is off: no RDB dumps and no backups`, ev(path, v, 'off'));
    return fail(`${engine} persistence is '${String(v)}': RDB dumps are taken and backed up on the backup schedule (the backups endpoint lists none for caches, so an empty list proves nothing)`, ev(path, v, 'off', 'noted as backups'));
  },
});

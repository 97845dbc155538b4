import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, asBool, gapFor } from '../../../src/evaluate/facts.js';
import { meetsFloor } from '../../../src/lib/tls.js';

const CACHE = new Set(['redis', 'valkey']);

export default defineRule({
  id: 'tls-min/digitalocean-database',
  control: 'tls-min',
  title: 'DigitalOcean managed databases require TLS for client connections',
  severity: 'high',
  risk: 'A database or cache that accepts plain connections exposes credentials and data in transit, breaking a "connections to databases strongly encrypted" promise.',
  remediation: {
    text: 'PostgreSQL/MySQL clusters require SSL by default (connection.ssl); for Caching/Valkey keep redis_ssl / valkey_ssl true (turning it off opens a non-TLS port).',
    cli: 'doctl databases configuration update <id> --engine valkey --config-json \'{"valkey_ssl": true}\'',
  },
  references: ['https://docs.digitalocean.com/reference/api/digitalocean/#tag/Databases'],
  types: ['digitalocean.database'],
  sources: ['live'],
  check(r, { params }) {
    const engine = String(known(r, 'engine'));
    let path: string;
    let required: boolean | undefined;
    let note: string | undefined;
    if (CACHE.has(engine)) {
      path = `config.${engine}_ssl`;
      const gap = gapFor(r, 'config');
      if (gap) return unknown(`${engine} configuration not collected: ${gap}`, ev(path, `<not collected: ${gap}>`, true));
      const v = known(r, path);
      required = v === undefined ? true : asBool(v);
      if (v === undefined) note = `omitted: the API default for ${engine}_ssl is true`;
    } else {
      path = 'connection.ssl';
      required = asBool(known(r, path));
    }
    if (required === undefined) return unknown(`the API does not say whether ${engine} connections require TLS`, ev(path, null, true));
    if (!required) return fail(`${engine} cluster accepts connections without TLS`, ev(path, false, true, note));
    const floorNote = 'the API reports that TLS is required; the lowest protocol version the server accepts is not exposed (an active probe would show it)';
    if (!meetsFloor('1.2', params.tlsMin)) return pass(`${engine} cluster requires TLS`, ev(path, true, true, note ?? floorNote));
    if (params.tlsMin === '1.2') return pass(`${engine} cluster requires TLS`, ev(path, true, true, [note, floorNote].filter(Boolean).join('; ')));
    return unknown(`${engine} cluster requires TLS, but the API does not show whether versions below ${params.tlsMin} are refused`, ev(path, true, `TLS ${params.tlsMin} only`, floorNote));
  },
});

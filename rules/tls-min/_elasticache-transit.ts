/** In-transit encryption of node-based ElastiCache (replication groups and standalone clusters). */
import type { Resource } from '../../src/model/resource.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import type { TlsVersion } from '../../src/evaluate/claims-profile.js';
import { known, ev, pass, fail, unknown, asBool } from '../../src/evaluate/facts.js';

export function judgeTransitEncryption(r: Resource, floor: TlsVersion, what: string): Verdict {
  const raw = known(r, 'TransitEncryptionEnabled');
  const mode = known(r, 'TransitEncryptionMode');
  const enabled = ev('TransitEncryptionEnabled', raw ?? null, true, raw === undefined ? 'omitted: node-based clusters are created without in-transit encryption' : undefined);
  if (asBool(raw) !== true) return fail(`${what} accepts plaintext connections (in-transit encryption off)`, enabled);
  // `preferred` (set while migrating) still accepts unencrypted clients.
  const m = typeof mode === 'string' && mode !== '' ? mode : 'required';
  const modeEv = ev('TransitEncryptionMode', mode ?? null, 'required', mode === undefined ? 'omitted: with TransitEncryptionEnabled the mode is required' : undefined);
  if (m !== 'required') return fail(`${what} has TLS in ${m} mode: clients may still connect without TLS`, enabled, modeEv);
  if (floor === '1.3')
    return unknown(`${what} requires TLS, but ElastiCache has no setting that refuses TLS 1.2`, enabled, modeEv, ev('(TLS versions)', 'not configurable', 'TLS 1.3 only'));
  return pass(`${what} requires TLS for every connection`, enabled, modeEv);
}

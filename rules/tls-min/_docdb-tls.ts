/**
 * DocumentDB's `tls` cluster parameter, read once for the cluster that uses a
 * group and for the group on its own. Values (DocumentDB API reference,
 * Parameter): enabled (TLS 1.0–1.3), disabled (no TLS), fips-140-3 (FIPS
 * 140-3 requires TLS 1.2 or newer), tls1.2+, tls1.3+.
 */
import type { Verdict, EvidenceItem } from '../../src/evaluate/rule.js';
import type { TlsVersion } from '../../src/evaluate/claims-profile.js';
import { ev, pass, fail, text } from '../../src/evaluate/facts.js';
import { meetsFloor, notAValidValue } from '../../src/lib/tls.js';

/** The lowest TLS version a `tls` value accepts; null: TLS off; undefined: not a valid value. */
function lowestAccepted(v: string): TlsVersion | null | undefined {
  if (v === 'disabled') return null;
  if (v === 'enabled') return '1.0';
  if (v === 'tls1.2+' || v === 'fips-140-3') return '1.2';
  if (v === 'tls1.3+') return '1.3';
  return undefined;
}

/**
 * Judge a `tls` value against the floor. `raw` undefined: the group does not
 * set it, so the DocumentDB default (enabled) applies. `where` names the group
 * ("parameter group Params") and `path` the evidence path.
 */
export function judgeDocdbTls(raw: unknown, where: string, path: string, floor: TlsVersion, context: EvidenceItem[] = []): Verdict {
  const expected = `tls1.2+ or stricter (TLS ${floor} or newer)`;
  const set = raw !== undefined;
  const value = set ? text(raw).trim().toLowerCase() : 'enabled';
  const evidence = ev(path, set ? raw : null, expected, set ? undefined : 'not set: the DocumentDB default is enabled, which accepts TLS 1.0 through 1.3');
  const lowest = lowestAccepted(value);
  if (lowest === undefined) return fail(`tls ${JSON.stringify(value)} is not a valid value`, ...context, ev(path, raw ?? null, expected, notAValidValue('tls', value, 'disabled, enabled, fips-140-3, tls1.2+ or tls1.3+')));
  if (lowest === null) return fail(`${where} turns TLS off: clients connect unencrypted`, ...context, evidence);
  return meetsFloor(lowest, floor)
    ? pass(`${where} requires TLS ${lowest}+ (tls ${value})`, ...context, evidence)
    : fail(`${where} accepts TLS ${lowest} (tls ${value}), below the promised ${floor}`, ...context, evidence);
}

/**
 * GCP knowledge shared by rules: IAM policy members, SSL policy floors,
 * firewall port coverage, Cloud SQL TLS modes. Facts and their sources are in
 * ../shared/controls-catalog.md (GCP rows, Appendix A.4).
 */
import type { TlsVersion } from '../evaluate/claims-profile.js';
import type { Resource } from '../model/resource.js';
import { NeedsValue } from '../evaluate/facts.js';

export interface PolicyBinding {
  role: string;
  members: string[];
  condition?: { expression?: string; title?: string };
}

export const PUBLIC_MEMBERS = new Set(['allUsers', 'allAuthenticatedUsers']);
/** Basic (primitive) roles: broad across every service of the resource. */
export const BASIC_ROLES = new Set(['roles/owner', 'roles/editor']);

export function bindingsOf(policy: unknown): PolicyBinding[] {
  const list = (policy as { bindings?: unknown } | undefined)?.bindings;
  if (!Array.isArray(list)) return [];
  return list
    .filter((b): b is Record<string, unknown> => !!b && typeof b === 'object')
    .map((b) => ({
      role: String(b.role ?? ''),
      members: Array.isArray(b.members) ? b.members.map(String) : [],
      ...(b.condition && typeof b.condition === 'object' ? { condition: b.condition as PolicyBinding['condition'] } : {}),
    }));
}

/** `user:`, `serviceAccount:`, `group:`, `domain:`, `allUsers`... */
export function memberKind(member: string): string {
  const i = member.indexOf(':');
  return i < 0 ? member : member.slice(0, i);
}

/**
 * SSL policy → lowest TLS version it accepts. RESTRICTED refuses TLS 1.0/1.1
 * ciphers whatever `minTlsVersion` says (catalog A.4); no policy means
 * Google's default (COMPATIBLE, TLS 1.0). CUSTOM follows minTlsVersion.
 */
export function sslPolicyMinTls(policy: { minTlsVersion?: unknown; profile?: unknown } | undefined): { min: TlsVersion; note?: string } {
  const raw = String(policy?.minTlsVersion ?? 'TLS_1_0');
  const m = /^TLS_1_([0-3])$/.exec(raw);
  const declared = (m ? `1.${m[1]}` : '1.0') as TlsVersion;
  const note = policy?.minTlsVersion === undefined ? 'minTlsVersion omitted: Google defaults it to TLS_1_0' : undefined;
  if (String(policy?.profile ?? 'COMPATIBLE') === 'RESTRICTED' && (declared === '1.0' || declared === '1.1'))
    return { min: '1.2', note: `profile RESTRICTED: only TLS 1.2+ cipher suites are enabled, so minTlsVersion ${raw} is effectively TLS 1.2` };
  return { min: declared, ...(note ? { note } : {}) };
}

/** The GCP firewall `allowed[]`/`denied[]` entry covers `port` (catalog §11 port-match rule). */
export function gcpEntryCoversPort(entry: { IPProtocol?: unknown; ports?: unknown }, port: number): boolean {
  const proto = String(entry.IPProtocol ?? '').toLowerCase();
  if (proto === 'all') return true;
  if (proto !== 'tcp' && proto !== '6') return false;
  const ports = Array.isArray(entry.ports) ? entry.ports.map(String) : [];
  if (ports.length === 0) return true;
  return ports.some((p) => {
    const [lo, hi] = p.split('-').map(Number);
    return lo !== undefined && lo <= port && port <= (hi ?? lo);
  });
}

/** The IAP TCP forwarding range (cloud.google.com/iap/docs/tcp-by-host). */
export const IAP_RANGE = '35.235.240.0/20';

/**
 * Throws NeedsValue when the resource is a stand-in for a list that failed
 * (or has a gap at `path`), so the rule answers unknown with the reason.
 */
export function requireCollected(r: Resource, path = '*'): void {
  const why = r.gaps?.['*'] ?? r.gaps?.[path];
  if (why) throw new NeedsValue(path, why);
}

/** Days between an RFC 3339 time and `now`; undefined if unparseable. */
export function ageInDays(time: unknown, now = Date.now()): number | undefined {
  if (typeof time !== 'string') return undefined;
  const t = Date.parse(time);
  return Number.isFinite(t) ? Math.floor((now - t) / 86_400_000) : undefined;
}

/** DigitalOcean firewall facts for bastion-only: which ports a rule opens and who the bastion is. */
import type { Resource } from '../../src/model/resource.js';
import type { Parameters } from '../../src/evaluate/claims-profile.js';
import { asArray } from '../../src/evaluate/facts.js';

/**
 * Does a DigitalOcean firewall rule open `port`? `ports` is "22", a range
 * "8000-9000", or "0" / "all" / empty for every port (firewall_rule.yml);
 * only TCP carries SSH and RDP. Returns undefined for a ports value vouch cannot read.
 */
export function doRuleCoversPort(protocol: unknown, ports: unknown, port: number): boolean | undefined {
  if (String(protocol ?? '').toLowerCase() !== 'tcp') return false;
  const p = String(ports ?? '').trim().toLowerCase();
  if (p === '' || p === '0' || p === 'all') return true;
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(p);
  if (!m) return undefined;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  return lo <= port && port <= hi;
}

/** Is this droplet the bastion: one of `params.bastion.doTags`, or listed in `doDropletIds`? */
export function isBastionDroplet(d: Resource, params: Parameters): boolean {
  const id = String(d.properties.id ?? '');
  if (id && params.bastion.doDropletIds.includes(id)) return true;
  const tags = asArray(d.properties.tags).map(String);
  return tags.some((t) => params.bastion.doTags.includes(t));
}

/** Public IPv4 addresses of a droplet (`networks.v4[].type === 'public'`). */
export function publicIpv4(d: Resource): string[] {
  const v4 = asArray((d.properties.networks as { v4?: unknown } | undefined)?.v4);
  return v4
    .filter((n) => (n as { type?: unknown })?.type === 'public')
    .map((n) => String((n as { ip_address?: unknown }).ip_address ?? ''));
}

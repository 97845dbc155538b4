/**
 * What may be probed and where it is reached: targets named on the command
 * line, `--probe-allow` / `--probe-deny` lists, and `--probe-resolve`
 * overrides (`HOST[:PORT]=ADDR[:PORT]`, like curl's --connect-to) that point
 * a name at an address without DNS, which is how tests reach loopback servers.
 */
import { BlockList, isIP } from 'node:net';
import { InputError } from '../../util/errors.js';
import type { ProbeTarget } from './types.js';

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)*[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.?$/i;

export function isHostname(s: string): boolean {
  return HOSTNAME.test(s) || isIP(s) !== 0;
}

function parsePort(s: string, what: string): number {
  if (!/^\d{1,5}$/.test(s) || Number(s) < 1 || Number(s) > 65535) throw new InputError(`${what}: '${s}' is not a port (1-65535)`);
  return Number(s);
}

/** `host`, `host:port`, `[v6]:port`, `v6` → host and optional port. */
export function splitHostPort(s: string, what: string): { host: string; port?: number } {
  let host = s;
  let port: number | undefined;
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (v6) {
    host = v6[1]!;
    if (v6[2] !== undefined) port = parsePort(v6[2], what);
  } else if (isIP(s) !== 6) {
    const i = s.lastIndexOf(':');
    if (i >= 0) {
      host = s.slice(0, i);
      port = parsePort(s.slice(i + 1), what);
    }
  }
  host = host.toLowerCase().replace(/\.$/, '');
  if (!isHostname(host)) throw new InputError(`${what}: '${s}' is not a host name or IP address`);
  return port === undefined ? { host } : { host, port };
}

/**
 * A command-line target: `https://host[:port][/...]`, `http://host[:port]`
 * (plain-HTTP port to check; TLS on 443) or `host[:port]` (TLS port).
 */
export function parseTarget(s: string): ProbeTarget {
  const what = `probe target '${s.length > 80 ? s.slice(0, 80) + '...' : s}'`;
  if (s.length > 300) throw new InputError(`${what}: longer than 300 characters`);
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#@]+)(?:[/?#].*)?$/i.exec(s);
  if (m) {
    const scheme = m[1]!.toLowerCase();
    if (scheme !== 'https' && scheme !== 'http') throw new InputError(`${what}: only https:// and http:// URLs can be probed`);
    const { host, port } = splitHostPort(m[2]!, what);
    return scheme === 'https'
      ? { host, tlsPort: port ?? 443, httpPort: 80, hostnameMatters: true, via: 'command line' }
      : { host, tlsPort: 443, httpPort: port ?? 80, hostnameMatters: true, via: 'command line' };
  }
  if (s.includes('/') || s.includes('@')) throw new InputError(`${what}: expected URL or HOST[:PORT]`);
  const { host, port } = splitHostPort(s, what);
  return { host, tlsPort: port ?? 443, httpPort: 80, hostnameMatters: true, via: 'command line' };
}

export interface ResolveOverride {
  address: string;
  port?: number;
}

/** `--probe-resolve HOST[:PORT]=ADDR[:PORT]` entries, keyed `host:port` or `host:*`. */
export function parseResolve(entries: readonly string[]): Map<string, ResolveOverride> {
  const out = new Map<string, ResolveOverride>();
  for (const e of entries) {
    const i = e.indexOf('=');
    if (i <= 0) throw new InputError(`--probe-resolve: '${e}': expected HOST[:PORT]=ADDRESS[:PORT]`);
    const from = splitHostPort(e.slice(0, i), '--probe-resolve');
    const to = splitHostPort(e.slice(i + 1), '--probe-resolve');
    if (isIP(to.host) === 0) throw new InputError(`--probe-resolve: '${e}': the right side must be an IP address`);
    out.set(`${from.host}:${from.port ?? '*'}`, to.port === undefined ? { address: to.host } : { address: to.host, port: to.port });
  }
  return out;
}

export function lookupOverride(map: ReadonlyMap<string, ResolveOverride>, host: string, port: number): ResolveOverride | undefined {
  return map.get(`${host}:${port}`) ?? map.get(`${host}:*`);
}

/** An allow or deny list: CIDR blocks and IPs match addresses; domains match the name and its subdomains. */
export class HostList {
  private readonly blocks = new BlockList();
  private readonly domains: string[] = [];
  readonly size: number;

  constructor(entries: readonly string[], flag: string) {
    for (const raw of entries) {
      const e = raw.trim().toLowerCase();
      const cidr = /^(.+)\/(\d{1,3})$/.exec(e);
      if (cidr) {
        const family = isIP(cidr[1]!);
        const bits = Number(cidr[2]);
        if (family === 0 || bits > (family === 4 ? 32 : 128)) throw new InputError(`${flag}: '${raw}' is not a CIDR block`);
        this.blocks.addSubnet(cidr[1]!, bits, family === 4 ? 'ipv4' : 'ipv6');
      } else if (isIP(e)) {
        this.blocks.addAddress(e, isIP(e) === 4 ? 'ipv4' : 'ipv6');
      } else {
        const d = e.replace(/^\*\./, '').replace(/\.$/, '');
        if (!HOSTNAME.test(d)) throw new InputError(`${flag}: '${raw}' is not a CIDR block, IP address or domain`);
        this.domains.push(d);
      }
    }
    this.size = entries.length;
  }

  matchesName(host: string): boolean {
    const h = host.toLowerCase().replace(/\.$/, '');
    return this.domains.some((d) => h === d || h.endsWith('.' + d));
  }

  matchesAddress(address: string): boolean {
    const family = isIP(address);
    return family !== 0 && this.blocks.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }
}

/** Why a target may not be probed, or undefined when it may. Deny wins over allow. */
export function refusal(host: string, address: string, allow: HostList, deny: HostList): string | undefined {
  if (deny.matchesName(host) || deny.matchesAddress(address)) return `denied by --probe-deny (${host} at ${address})`;
  if (allow.size > 0 && !allow.matchesName(host) && !allow.matchesAddress(address)) return `not in --probe-allow (${host} at ${address})`;
  return undefined;
}

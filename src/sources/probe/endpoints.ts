/**
 * The internet-facing endpoints an inventory knows, as probe targets joined
 * to the resource each came from: ELBv2 and classic load balancers (DNS name,
 * listener ports), CloudFront (default domain and aliases), API Gateway
 * (custom domains, REST and HTTP API default hosts), GCP external forwarding
 * rules (address, and the domains of their certificates when collected),
 * DigitalOcean load balancers and App Platform apps. What cannot be reached
 * (internal schemes, names a template leaves unresolved) is reported, not
 * guessed.
 */
import { isIP } from 'node:net';
import type { Inventory } from '../../model/inventory.js';
import type { Resource } from '../../model/resource.js';
import type { FindingResource } from '../../findings/evidence.js';
import { findingResource } from '../../evaluate/evaluate.js';
import { isHostname } from './targets.js';
import type { ProbeTarget } from './types.js';

/** The inventory types endpoints come from (what probe findings join), and `web.endpoint` for named ones. */
export const ENDPOINT_TYPES = [
  'aws.elbv2.listener',
  'aws.elb.load-balancer',
  'aws.cloudfront.distribution',
  'aws.apigateway.domain-name',
  'aws.apigatewayv2.domain-name',
  'aws.apigateway.rest-api',
  'aws.apigatewayv2.api',
  'gcp.compute.forwarding-rule',
  'digitalocean.load-balancer',
  'digitalocean.app',
  'web.endpoint',
];

export interface Discovery {
  targets: ProbeTarget[];
  /** Resources whose endpoint was not probed, and why (information, not gaps). */
  notes: { what: string; why: string; gap?: boolean }[];
}

const get = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 && n < 65536 ? n : undefined;
};
const label = (r: Resource) => `${r.type} ${r.name ?? r.id}`;

/** A usable host name, or why not (an unresolved template value, a wildcard). */
function hostOf(v: unknown): string | { why: string } {
  const s = str(v);
  if (!s) return { why: v === undefined ? 'no DNS name recorded' : 'DNS name not resolved (a template value known only at deploy time)' };
  const h = s.toLowerCase().replace(/\.$/, '');
  if (h.startsWith('*.')) return { why: `wildcard name ${h}: no single host to probe` };
  if (!isHostname(h)) return { why: `'${h.slice(0, 80)}' is not a host name` };
  return h;
}

class Builder {
  readonly out: Discovery = { targets: [], notes: [] };
  note(r: Resource, why: string, gap = false) {
    this.out.notes.push({ what: label(r), why, ...(gap ? { gap } : {}) });
  }
  add(t: Omit<ProbeTarget, 'origin'> & { origin?: FindingResource }) {
    this.out.targets.push(t);
  }
}

function elbv2(inv: Inventory, b: Builder) {
  for (const lb of inv.ofType('aws.elbv2.load-balancer')) {
    const p = lb.properties;
    if ((str(p.Scheme) ?? 'internet-facing') !== 'internet-facing') {
      b.note(lb, `scheme ${String(p.Scheme)}: not internet-facing`);
      continue;
    }
    const host = hostOf(get(p, 'Live.DNSName') ?? p.DNSName);
    if (typeof host !== 'string') {
      b.note(lb, host.why);
      continue;
    }
    if (lb.gaps?.['Live.Listeners']) b.note(lb, `listeners not read: ${lb.gaps['Live.Listeners']}`, true);
    const listeners = inv.related(lb, 'listeners');
    const tls = listeners.filter((l) => ['HTTPS', 'TLS'].includes(String(l.properties.Protocol)));
    const http = listeners.filter((l) => String(l.properties.Protocol) === 'HTTP' || (String(l.properties.Protocol) === 'TCP' && num(l.properties.Port) === 80));
    const http80 = http.find((l) => num(l.properties.Port) === 80);
    const via = `${lb.type} DNS name`;
    for (const l of tls) {
      const port = num(l.properties.Port);
      if (!port) continue;
      b.add({ host, tlsPort: port, httpPort: port === 443 && http80 ? 80 : null, hostnameMatters: false, origin: findingResource(l), ...(http80 && port === 443 ? { httpOrigin: findingResource(http80) } : {}), via });
    }
    for (const l of http) {
      const port = num(l.properties.Port);
      if (!port || (port === 80 && tls.some((t) => num(t.properties.Port) === 443))) continue;
      b.add({ host, tlsPort: null, httpPort: port, hostnameMatters: false, origin: findingResource(l), via });
    }
    if (!tls.length && !http.length && !lb.gaps?.['Live.Listeners']) b.note(lb, 'no HTTP, HTTPS or TLS listener');
  }
}

function classicElb(inv: Inventory, b: Builder) {
  for (const lb of inv.ofType('aws.elb.load-balancer')) {
    const p = lb.properties;
    if (str(p.Scheme) === 'internal') {
      b.note(lb, 'scheme internal: not internet-facing');
      continue;
    }
    const host = hostOf(get(p, 'Live.DNSName') ?? p.DNSName);
    if (typeof host !== 'string') {
      b.note(lb, host.why);
      continue;
    }
    const listeners = Array.isArray(p.Listeners) ? (p.Listeners as Record<string, unknown>[]) : [];
    const port = (l: Record<string, unknown>) => num(l.LoadBalancerPort);
    const proto = (l: Record<string, unknown>) => String(l.Protocol ?? '').toUpperCase();
    const tls = listeners.filter((l) => ['HTTPS', 'SSL'].includes(proto(l)) && port(l));
    const has80 = listeners.some((l) => port(l) === 80 && ['HTTP', 'TCP'].includes(proto(l)));
    const origin = findingResource(lb);
    for (const l of tls) b.add({ host, tlsPort: port(l)!, httpPort: port(l) === 443 && has80 ? 80 : null, hostnameMatters: false, origin, via: `${lb.type} DNS name` });
    if (!tls.some((l) => port(l) === 443) && has80) b.add({ host, tlsPort: null, httpPort: 80, hostnameMatters: false, origin, via: `${lb.type} DNS name` });
  }
}

function cloudfront(inv: Inventory, b: Builder) {
  for (const d of inv.ofType('aws.cloudfront.distribution')) {
    const cfg = (d.properties.DistributionConfig ?? {}) as Record<string, unknown>;
    if (cfg.Enabled === false) {
      b.note(d, 'distribution disabled');
      continue;
    }
    const origin = findingResource(d);
    const main = hostOf(get(d.properties, 'Live.DomainName') ?? d.properties.DomainName);
    if (typeof main === 'string') b.add({ host: main, tlsPort: 443, httpPort: 80, hostnameMatters: true, origin, via: `${d.type} domain name` });
    else b.note(d, main.why);
    for (const a of Array.isArray(cfg.Aliases) ? cfg.Aliases : []) {
      const h = hostOf(a);
      if (typeof h === 'string') b.add({ host: h, tlsPort: 443, httpPort: 80, hostnameMatters: true, origin, via: `${d.type} alternate domain name` });
      else b.note(d, `alias: ${h.why}`);
    }
  }
}

function apiGateway(inv: Inventory, b: Builder) {
  // API Gateway serves HTTPS only: port 80 is not part of its surface.
  for (const type of ['aws.apigateway.domain-name', 'aws.apigatewayv2.domain-name']) {
    for (const d of inv.ofType(type)) {
      const h = hostOf(d.properties.DomainName);
      if (typeof h === 'string') b.add({ host: h, tlsPort: 443, httpPort: null, hostnameMatters: true, origin: findingResource(d), via: `${type} custom domain` });
      else b.note(d, h.why);
    }
  }
  for (const api of inv.ofType('aws.apigateway.rest-api')) {
    const types = get(api.properties, 'EndpointConfiguration.Types');
    if (Array.isArray(types) && types.includes('PRIVATE')) {
      b.note(api, 'private API: not internet-facing');
      continue;
    }
    const id = str(get(api.properties, 'Live.Id')) ?? /:apigateway:[a-z0-9-]+::\/restapis\/([a-z0-9]+)$/.exec(api.location.arn ?? api.id)?.[1];
    const region = api.location.region;
    if (!id || !region) {
      b.note(api, 'API id or region not known (a template value known only at deploy time)');
      continue;
    }
    b.add({ host: `${id}.execute-api.${region}.amazonaws.com`, tlsPort: 443, httpPort: null, hostnameMatters: true, origin: findingResource(api), via: `${api.type} default endpoint` });
  }
  for (const api of inv.ofType('aws.apigatewayv2.api')) {
    const ep = str(get(api.properties, 'Live.ApiEndpoint') ?? api.properties.ApiEndpoint);
    let host: string | undefined;
    try {
      host = ep ? new URL(ep).hostname : undefined;
    } catch {
      host = undefined;
    }
    if (!host || !isHostname(host)) {
      b.note(api, 'API endpoint not known (a template value known only at deploy time)');
      continue;
    }
    b.add({ host, tlsPort: 443, httpPort: null, hostnameMatters: true, origin: findingResource(api), via: `${api.type} default endpoint` });
  }
}

/** `https://www.googleapis.com/compute/v1/projects/p/global/sslCertificates/c` → the inventory id `//compute.googleapis.com/projects/p/global/sslCertificates/c`. */
function gcpId(link: unknown): string | undefined {
  const s = str(link);
  const m = s ? /(projects\/.+)$/.exec(s) : null;
  return m ? `//compute.googleapis.com/${m[1]}` : undefined;
}

function portsOf(rule: Record<string, unknown>): number[] {
  const range = str(rule.portRange);
  if (range) {
    const [a, z] = range.split('-').map(Number);
    if (a && (!z || z === a)) return [a];
    return [443, 80].filter((p) => a !== undefined && z !== undefined && p >= a && p <= z);
  }
  if (Array.isArray(rule.ports)) return rule.ports.map(num).filter((p): p is number => p !== undefined);
  return [];
}

function gcp(inv: Inventory, b: Builder) {
  const byIp = new Map<string, { tls: { port: number; rule: Resource; domains: string[] }[]; http: { port: number; rule: Resource }[] }>();
  for (const fr of inv.ofType('gcp.compute.forwarding-rule')) {
    const p = fr.properties;
    const scheme = str(p.loadBalancingScheme) ?? 'EXTERNAL';
    if (!scheme.startsWith('EXTERNAL')) {
      b.note(fr, `loadBalancingScheme ${scheme}: not internet-facing`);
      continue;
    }
    const ip = str(p.IPAddress);
    if (!ip || !isIP(ip)) {
      b.note(fr, 'no external IP address recorded');
      continue;
    }
    const proxy = inv.related(fr, 'target')[0];
    const kind = proxy?.type ?? '';
    const entry = byIp.get(ip) ?? { tls: [], http: [] };
    byIp.set(ip, entry);
    const ports = portsOf(p);
    if (kind === 'gcp.compute.target-https-proxy' || kind === 'gcp.compute.target-ssl-proxy') {
      const domains: string[] = [];
      for (const link of Array.isArray(proxy!.properties.sslCertificates) ? proxy!.properties.sslCertificates : []) {
        const cert = inv.get(gcpId(link) ?? '');
        const names = [...((get(cert?.properties, 'managed.domains') as unknown[]) ?? []), ...((cert?.properties.subjectAlternativeNames as unknown[]) ?? [])];
        for (const n of names) {
          const h = hostOf(n);
          if (typeof h === 'string' && !domains.includes(h)) domains.push(h);
        }
      }
      for (const port of ports.length ? ports : [443]) entry.tls.push({ port, rule: fr, domains });
    } else if (kind === 'gcp.compute.target-http-proxy') {
      for (const port of ports.length ? ports : [80]) entry.http.push({ port, rule: fr });
    } else {
      b.note(fr, proxy ? `target ${kind}: not an HTTP(S) or SSL proxy` : 'target proxy not collected');
    }
  }
  for (const [ip, e] of byIp) {
    const http80 = e.http.find((h) => h.port === 80);
    for (const t of e.tls) {
      const withHttp = t.port === 443 && http80 ? { httpPort: 80, httpOrigin: findingResource(http80.rule) } : { httpPort: null };
      const origin = findingResource(t.rule);
      if (t.domains.length)
        for (const d of t.domains) b.add({ host: d, connectAddress: ip, tlsPort: t.port, ...withHttp, hostnameMatters: true, origin, via: `${t.rule.type} certificate domain at ${ip}` });
      else b.add({ host: ip, tlsPort: t.port, ...withHttp, hostnameMatters: false, origin, via: `${t.rule.type} address` });
    }
    for (const h of e.http) {
      if (h.port === 80 && e.tls.some((t) => t.port === 443)) continue;
      b.add({ host: ip, tlsPort: null, httpPort: h.port, hostnameMatters: false, origin: findingResource(h.rule), via: `${h.rule.type} address` });
    }
  }
}

function digitalocean(inv: Inventory, b: Builder) {
  for (const lb of inv.ofType('digitalocean.load-balancer')) {
    const p = lb.properties;
    if (str(p.network) === 'INTERNAL') {
      b.note(lb, 'internal load balancer: not internet-facing');
      continue;
    }
    const ip = str(p.ip) ?? str(p.ipv6);
    if (!ip || !isIP(ip)) {
      b.note(lb, 'no IP address recorded');
      continue;
    }
    const rules = Array.isArray(p.forwarding_rules) ? (p.forwarding_rules as Record<string, unknown>[]) : [];
    const tlsPorts = rules.filter((r) => ['https', 'http2', 'http3'].includes(String(r.entry_protocol)) || r.tls_passthrough === true).map((r) => num(r.entry_port)).filter((x): x is number => !!x);
    const httpPorts = rules.filter((r) => String(r.entry_protocol) === 'http').map((r) => num(r.entry_port)).filter((x): x is number => !!x);
    const origin = findingResource(lb);
    const domains = (Array.isArray(p.domains) ? p.domains : []).map((d) => hostOf(get(d, 'name'))).filter((h): h is string => typeof h === 'string');
    for (const port of [...new Set(tlsPorts)]) {
      const httpPort = port === 443 && httpPorts.includes(80) ? 80 : null;
      if (domains.length) for (const d of domains) b.add({ host: d, connectAddress: ip, tlsPort: port, httpPort, hostnameMatters: true, origin, via: `${lb.type} domain at ${ip}` });
      else b.add({ host: ip, tlsPort: port, httpPort, hostnameMatters: false, origin, via: `${lb.type} address` });
    }
    for (const port of [...new Set(httpPorts)]) {
      if (port === 80 && tlsPorts.includes(443)) continue;
      b.add({ host: ip, tlsPort: null, httpPort: port, hostnameMatters: false, origin, via: `${lb.type} address` });
    }
  }
  for (const app of inv.ofType('digitalocean.app')) {
    const p = app.properties;
    const names = new Set<string>();
    const live = str(p.live_domain) ?? (str(p.live_url) ? safeHost(str(p.live_url)!) : undefined);
    if (live) names.add(live);
    for (const d of (get(p, 'spec.domains') as unknown[] | undefined) ?? []) {
      const h = hostOf(get(d, 'domain'));
      if (typeof h === 'string') names.add(h);
    }
    if (!names.size) b.note(app, 'no live domain recorded');
    for (const n of names) {
      const h = hostOf(n);
      if (typeof h === 'string') b.add({ host: h, tlsPort: 443, httpPort: 80, hostnameMatters: true, origin: findingResource(app), via: `${app.type} domain` });
    }
  }
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}

/** Every internet-facing endpoint of the inventory, with notes for those left out. */
export function discoverEndpoints(inv: Inventory): Discovery {
  const b = new Builder();
  elbv2(inv, b);
  classicElb(inv, b);
  cloudfront(inv, b);
  apiGateway(inv, b);
  gcp(inv, b);
  digitalocean(inv, b);
  return b.out;
}

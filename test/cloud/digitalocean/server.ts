/**
 * A local DigitalOcean v2 API on 127.0.0.1, rendering a declared world
 * (./world.ts) in the API's wire format: bearer auth with the real 401 body,
 * `per_page` (default 20, maximum 200) / `page` pagination with absolute
 * `links.pages` {first, prev, next, last} and `meta.total`, rate-limit
 * headers on every response and a real 429 when the configured budget is
 * spent. Every request and response is logged so a test can check both
 * against the official OpenAPI specification.
 */
import http from 'node:http';
import { uuid } from './world.js';
import type { AddressInfo } from 'node:net';
import type { DatabaseSpec, DoWorld, DropletSpec, FirewallSpec, LoadBalancerSpec, SnapshotSpec, VolumeSpec } from './world.js';

export interface LoggedExchange {
  method: string;
  /** Path and query as received. */
  url: string;
  authorization?: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface DoServerOptions {
  token: string;
  /** Requests allowed per window before 429s; default unlimited. */
  rateLimit?: { limit: number; windowSeconds: number };
  /** Return connection passwords as a token with `database:view_credentials` would. */
  withCredentials?: boolean;
}

export interface DoServer {
  url: string;
  /** Origin the pagination links use (the real API always names its public origin); set it to a proxy's URL. */
  publicUrl: string;
  log: LoggedExchange[];
  close(): Promise<void>;
}

const CREATED = '2024-03-01T10:00:00Z';

function region(slug: string) {
  return { name: slug.toUpperCase(), slug, features: ['backups', 'ipv6', 'metadata'], available: true, sizes: ['s-1vcpu-1gb'] };
}

function droplet(d: DropletSpec) {
  const v4: Record<string, unknown>[] = [{ ip_address: `10.110.${(d.id >> 8) & 255}.${d.id & 255}`, netmask: '255.255.240.0', gateway: '10.110.0.1', type: 'private' }];
  if (d.publicIp) v4.push({ ip_address: d.publicIp, netmask: '255.255.240.0', gateway: d.publicIp.replace(/\.\d+$/, '.1'), type: 'public' });
  return {
    id: d.id,
    name: d.name,
    memory: 1024,
    vcpus: 1,
    disk: 25,
    disk_info: [{ type: 'local', size: { amount: 25, unit: 'gib' } }],
    locked: false,
    status: 'active',
    kernel: null,
    created_at: CREATED,
    features: d.backups ? ['backups', 'private_networking'] : ['private_networking'],
    backup_ids: [],
    next_backup_window: d.backups ? { start: '2026-11-28T00:00:00Z', end: '2026-11-28T23:00:00Z' } : null,
    snapshot_ids: [],
    image: { id: 6918990, name: '24.04 (LTS) x64', distribution: 'Ubuntu', slug: 'ubuntu-24-04-x64', public: true, regions: [d.region], created_at: '2024-04-25T00:00:00Z', type: 'base', min_disk_size: 15, size_gigabytes: 2.36, status: 'available' },
    volume_ids: [],
    size: { slug: 's-1vcpu-1gb', memory: 1024, vcpus: 1, disk: 25, transfer: 1, price_monthly: 6, price_hourly: 0.00893, regions: [d.region], available: true, description: 'Basic' },
    size_slug: 's-1vcpu-1gb',
    networks: { v4, v6: [] },
    region: region(d.region),
    tags: d.tags ?? [],
    vpc_uuid: '760e09ef-dc84-11e8-981e-3cfdfeaae000',
  };
}

function firewall(f: FirewallSpec) {
  return {
    id: f.id,
    status: 'succeeded',
    created_at: CREATED,
    pending_changes: [],
    name: f.name,
    droplet_ids: f.droplet_ids ?? [],
    tags: f.tags ?? [],
    inbound_rules: f.inbound.map((r) => ({ protocol: r.protocol, ports: r.ports, sources: r.sources })),
    outbound_rules: [{ protocol: 'tcp', ports: '0', destinations: { addresses: ['0.0.0.0/0', '::/0'] } }],
  };
}

function backupPolicy(d: DropletSpec) {
  const rec: Record<string, unknown> = { droplet_id: d.id, backup_enabled: Boolean(d.backups) };
  if (d.backups) {
    rec.backup_policy = d.backups === 'daily'
      ? { plan: 'daily', hour: 4, window_length_hours: 4, retention_period_days: 7 }
      : { plan: 'weekly', weekday: 'SUN', hour: 4, window_length_hours: 4, retention_period_days: 28 };
    rec.next_backup_window = { start: '2026-11-28T04:00:00Z', end: '2026-11-28T08:00:00Z' };
  }
  return rec;
}

function loadBalancer(l: LoadBalancerSpec) {
  const out: Record<string, unknown> = {
    id: l.id,
    name: l.name,
    project_id: '4de7ac8b-495b-4884-9a69-1050c6793cd6',
    ip: '203.0.113.40',
    size_unit: 1,
    status: 'active',
    created_at: CREATED,
    forwarding_rules: l.forwarding_rules,
    health_check: { protocol: 'http', port: 80, path: '/', check_interval_seconds: 10, response_timeout_seconds: 5, healthy_threshold: 5, unhealthy_threshold: 3 },
    sticky_sessions: { type: 'none' },
    redirect_http_to_https: l.redirect_http_to_https ?? false,
    enable_proxy_protocol: false,
    enable_backend_keepalive: false,
    http_idle_timeout_seconds: 60,
    vpc_uuid: 'c33931f2-a26a-4e61-b85c-4e95a2ec431b',
    disable_lets_encrypt_dns_records: false,
    network: 'EXTERNAL',
    type: l.type ?? 'REGIONAL',
    tls_cipher_policy: 'DEFAULT',
    droplet_ids: l.droplet_ids ?? [],
  };
  if (l.region) out.region = region(l.region);
  return out;
}

function volume(v: VolumeSpec) {
  return { id: v.id, droplet_ids: v.droplet_ids ?? [], name: v.name, size_gigabytes: 10, created_at: CREATED, tags: [], region: region(v.region), filesystem_type: 'ext4', filesystem_label: '' };
}

function snapshot(x: SnapshotSpec) {
  return { id: x.id, name: x.name, created_at: x.createdAt, regions: x.regions, min_disk_size: 25, size_gigabytes: 2.5, resource_id: x.resource_id, resource_type: x.resource_type, tags: [] };
}

const PORTS: Record<string, number> = { pg: 25060, mysql: 25060, redis: 25061, valkey: 25061, mongodb: 27017 };

function database(db: DatabaseSpec, withCredentials: boolean) {
  const host = `${db.name}-do-user-1-0.b.db.ondigitalocean.com`;
  const scheme = db.engine === 'pg' ? 'postgresql' : db.engine === 'redis' || db.engine === 'valkey' ? 'rediss' : db.engine;
  const secret = `AVNS_${db.id.replace(/-/g, '').slice(0, 20)}`;
  const conn: Record<string, unknown> = {
    uri: withCredentials ? `${scheme}://doadmin:${secret}@${host}:${PORTS[db.engine]}/defaultdb?sslmode=require` : `${scheme}://${host}:${PORTS[db.engine]}/defaultdb?sslmode=require`,
    database: 'defaultdb',
    host,
    port: PORTS[db.engine],
    user: 'doadmin',
    ssl: db.ssl ?? true,
  };
  if (withCredentials) conn.password = secret;
  return {
    id: db.id,
    name: db.name,
    engine: db.engine,
    version: db.engine === 'pg' ? '16' : '8',
    num_nodes: 1,
    size: 'db-s-1vcpu-1gb',
    region: db.region,
    status: 'online',
    created_at: db.createdAt ?? CREATED,
    private_network_uuid: 'd455e75d-4858-4eec-8c95-da2f0a5f93a7',
    tags: [],
    db_names: ['defaultdb'],
    connection: conn,
    private_connection: { ...conn, host: `private-${host}` },
    users: withCredentials ? [{ name: 'doadmin', role: 'primary', password: secret }] : [{ name: 'doadmin', role: 'primary' }],
    maintenance_window: { day: 'tuesday', hour: '01:00:00', pending: false },
    project_id: '4de7ac8b-495b-4884-9a69-1050c6793cd6',
    storage_size_mib: 10240,
  };
}

export const ERRORS = {
  unauthorized: { id: 'unauthorized', message: 'Unable to authenticate you.' },
  tooMany: { id: 'too_many_requests', message: 'API Rate limit exceeded.' },
  notFound: { id: 'not_found', message: 'The resource you were accessing could not be found.' },
  serverError: { id: 'server_error', message: 'Unexpected server-side error' },
};

export async function startDoServer(world: DoWorld, opts: DoServerOptions): Promise<DoServer> {
  const log: LoggedExchange[] = [];
  let windowStart = Date.now();
  let used = 0;
  const dbById = new Map(world.databases.map((d) => [d.id, d]));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, body: unknown, extra: Record<string, string> = {}) => {
      const limit = opts.rateLimit?.limit ?? 5000;
      const windowMs = (opts.rateLimit?.windowSeconds ?? 3600) * 1000;
      const headers: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        'ratelimit-limit': String(limit),
        'ratelimit-remaining': String(Math.max(0, limit - used)),
        'ratelimit-reset': String(Math.ceil((windowStart + windowMs) / 1000)),
        'x-request-id': `req-${log.length + 1}`,
        ...extra,
      };
      log.push({ method: req.method ?? 'GET', url: req.url ?? '/', authorization: req.headers.authorization, status, headers, body });
      res.writeHead(status, headers);
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${opts.token}`) return send(401, ERRORS.unauthorized);
    if (opts.rateLimit) {
      const now = Date.now();
      if (now - windowStart >= opts.rateLimit.windowSeconds * 1000) {
        windowStart = now;
        used = 0;
      }
      if (used >= opts.rateLimit.limit) return send(429, ERRORS.tooMany);
      used++;
    }
    if (req.method !== 'GET') return send(405, { id: 'method_not_allowed', message: 'fixture server is read-only' });

    const paged = (key: string, all: unknown[], keyed?: (x: unknown) => string) => {
      const perPage = Math.min(Math.max(Number(url.searchParams.get('per_page') ?? 20) || 20, 1), 200);
      const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1);
      const last = Math.max(1, Math.ceil(all.length / perPage));
      const slice = all.slice((page - 1) * perPage, page * perPage);
      const link = (p: number) => `${srv.publicUrl}${url.pathname}?page=${p}&per_page=${perPage}`;
      const pages: Record<string, string> = {};
      if (page > 1) Object.assign(pages, { first: link(1), prev: link(page - 1) });
      if (page < last) Object.assign(pages, { last: link(last), next: link(page + 1) });
      const items = keyed ? Object.fromEntries(slice.map((x) => [keyed(x), x])) : slice;
      return send(200, { [key]: items, links: { pages }, meta: { total: all.length } });
    };

    const p = url.pathname;
    if (p === '/v2/account') {
      const a = world.account;
      return send(200, { account: { droplet_limit: 25, floating_ip_limit: 3, email: a.email, name: 'Ops', uuid: a.uuid, email_verified: true, status: 'active', status_message: '', ...(a.team ? { team: a.team } : {}) } });
    }
    if (p === '/v2/droplets') return paged('droplets', world.droplets.map(droplet));
    if (p === '/v2/droplets/backups/policies') return paged('policies', world.droplets.map(backupPolicy), (x) => String((x as { droplet_id: number }).droplet_id));
    if (p === '/v2/firewalls') return paged('firewalls', world.firewalls.map(firewall));
    if (p === '/v2/load_balancers') return paged('load_balancers', world.loadBalancers.map(loadBalancer));
    if (p === '/v2/volumes') return paged('volumes', world.volumes.map(volume));
    if (p === '/v2/snapshots') {
      const kind = url.searchParams.get('resource_type');
      return paged('snapshots', world.snapshots.filter((x) => !kind || x.resource_type === kind).map(snapshot));
    }
    if (p === '/v2/databases') return send(200, { databases: world.databases.map((d) => database(d, Boolean(opts.withCredentials))) });
    const m = /^\/v2\/databases\/([^/]+)\/(firewall|backups|config|replicas)$/.exec(p);
    if (m) {
      const db = dbById.get(decodeURIComponent(m[1]!));
      if (!db) return send(404, ERRORS.notFound);
      if (m[2] === 'firewall') {
        return send(200, { rules: db.trusted.map((t, i) => ({ uuid: `${db.id.slice(0, 24)}${String(i).padStart(12, '0')}`, cluster_uuid: db.id, type: t.type, value: t.value, created_at: CREATED })) });
      }
      if (m[2] === 'backups') {
        if (db.engine === 'redis' || db.engine === 'valkey') return send(404, ERRORS.notFound);
        return send(200, { backups: (db.backups ?? []).map((at) => ({ created_at: at, size_gigabytes: 0.04 })) });
      }
      if (m[2] === 'replicas') {
        return send(200, {
          replicas: (db.replicas ?? []).map((r, i) => ({ id: uuid(500 + i, '9'), name: r.name, region: r.region, size: 'db-s-1vcpu-1gb', status: 'online', created_at: CREATED, private_network_uuid: 'd455e75d-4858-4eec-8c95-da2f0a5f93a7', tags: [], storage_size_mib: 10240 })),
        });
      }
      return send(200, { config: db.config ?? {} });
    }
    return send(404, ERRORS.notFound);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const srv: DoServer = {
    url,
    publicUrl: url,
    log,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  return srv;
}

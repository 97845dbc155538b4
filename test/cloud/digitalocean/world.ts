/**
 * A DigitalOcean world, declared: what a team owns. The fixture server
 * (./server.ts) renders it into v2 API responses; tests seed worlds from
 * here, never from hand-written JSON responses.
 */

export interface FirewallTarget {
  addresses?: string[];
  tags?: string[];
  droplet_ids?: number[];
  load_balancer_uids?: string[];
  kubernetes_ids?: string[];
}

export interface DropletSpec {
  id: number;
  name: string;
  region: string;
  tags?: string[];
  /** Public IPv4 address; false for a VPC-only droplet. */
  publicIp?: string | false;
  backups?: false | 'daily' | 'weekly';
}

export interface FirewallSpec {
  id: string;
  name: string;
  droplet_ids?: number[];
  tags?: string[];
  inbound: { protocol: 'tcp' | 'udp' | 'icmp'; ports: string; sources: FirewallTarget }[];
}

export interface ForwardingRuleSpec {
  entry_protocol: 'http' | 'https' | 'http2' | 'http3' | 'tcp' | 'udp';
  entry_port: number;
  target_protocol: 'http' | 'https' | 'http2' | 'tcp' | 'udp';
  target_port: number;
  certificate_id?: string;
  tls_passthrough?: boolean;
}

export interface LoadBalancerSpec {
  id: string;
  name: string;
  region?: string;
  type?: 'REGIONAL' | 'REGIONAL_NETWORK' | 'GLOBAL';
  redirect_http_to_https?: boolean;
  forwarding_rules: ForwardingRuleSpec[];
  droplet_ids?: number[];
}

export interface DatabaseSpec {
  id: string;
  name: string;
  engine: 'pg' | 'mysql' | 'redis' | 'valkey' | 'mongodb';
  region: string;
  /** connection.ssl */
  ssl?: boolean;
  /** Trusted sources (GET /v2/databases/{uuid}/firewall). */
  trusted: { type: 'droplet' | 'k8s' | 'ip_addr' | 'tag' | 'app'; value: string }[];
  /** created_at of each backup (PostgreSQL/MySQL only). */
  backups?: string[];
  /** Advanced configuration (GET /config). */
  config?: Record<string, unknown>;
  createdAt?: string;
  /** Read-only replicas (GET /replicas; PostgreSQL/MySQL). */
  replicas?: { name: string; region: string }[];
}

export interface SnapshotSpec {
  id: string;
  name: string;
  resource_type: 'droplet' | 'volume';
  resource_id: string;
  regions: string[];
  createdAt: string;
}

export interface VolumeSpec {
  id: string;
  name: string;
  region: string;
  droplet_ids?: number[];
}

export interface DoWorld {
  account: { uuid: string; email: string; team?: { uuid: string; name: string } };
  droplets: DropletSpec[];
  firewalls: FirewallSpec[];
  loadBalancers: LoadBalancerSpec[];
  databases: DatabaseSpec[];
  volumes: VolumeSpec[];
  snapshots: SnapshotSpec[];
}

export const uuid = (n: number, prefix = 'a') => `${prefix.repeat(8).slice(0, 8)}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const days = (n: number, from = Date.now()) => new Date(from - n * 86_400_000).toISOString();

/**
 * The reference world: one violation per DigitalOcean rule beside compliant
 * resources, and more than 200 droplets and firewalls so every list needs
 * several pages. Ids of the deliberate violations are exported as `VIOLATIONS`.
 */
export function violationsWorld(opts: { fleet?: number } = {}): DoWorld {
  const fleet = opts.fleet ?? 230;
  const droplets: DropletSpec[] = [
    { id: 1000, name: 'bastion-1', region: 'fra1', tags: ['bastion'], publicIp: '192.0.2.10', backups: false },
    { id: 1001, name: 'app-weekly', region: 'fra1', tags: ['web'], publicIp: false, backups: 'weekly' },
    { id: 1002, name: 'orphan', region: 'ams3', tags: ['orphan'], publicIp: false, backups: false }, // no firewall
    { id: 1003, name: 'public-app', region: 'nyc3', tags: ['web'], publicIp: '192.0.2.20', backups: false }, // public, not bastion
    { id: 1004, name: 'db-daily', region: 'nyc3', tags: ['web'], publicIp: false, backups: 'daily' }, // 7-day fixed retention, below a 14-day minimum
    { id: 1005, name: 'singapore', region: 'sgp1', tags: ['web'], publicIp: false, backups: false }, // residency
  ];
  const firewalls: FirewallSpec[] = [
    {
      id: uuid(1, 'f'),
      name: 'web',
      tags: ['web', 'bastion'],
      inbound: [
        { protocol: 'tcp', ports: '22', sources: { tags: ['bastion'] } },
        { protocol: 'tcp', ports: '443', sources: { addresses: ['0.0.0.0/0', '::/0'] } },
        { protocol: 'tcp', ports: '22', sources: { addresses: ['203.0.113.0/24'] } },
      ],
    },
    {
      id: uuid(2, 'f'),
      name: 'legacy-ssh',
      droplet_ids: [1003],
      inbound: [{ protocol: 'tcp', ports: '0', sources: { addresses: ['::/0'] } }], // every port, IPv6 world
    },
  ];
  for (let i = 0; i < fleet; i++) {
    const id = 2000 + i;
    droplets.push({ id, name: `worker-${i}`, region: i % 2 ? 'ams3' : 'nyc1', tags: [`fleet-${i}`], publicIp: false, backups: false });
    firewalls.push({ id: uuid(100 + i, 'f'), name: `fleet-${i}`, tags: [`fleet-${i}`], inbound: [{ protocol: 'tcp', ports: '8000-8100', sources: { tags: ['web'] } }, { protocol: 'tcp', ports: '22', sources: { droplet_ids: [1000] } }] });
  }
  return {
    account: { uuid: 'acc-0001', email: 'ops@example.com', team: { uuid: uuid(9, 'e'), name: 'fantastyc' } },
    droplets,
    firewalls,
    loadBalancers: [
      {
        id: uuid(1, 'b'),
        name: 'lb-good',
        region: 'fra1',
        redirect_http_to_https: true,
        forwarding_rules: [
          { entry_protocol: 'http', entry_port: 80, target_protocol: 'http', target_port: 8080 },
          { entry_protocol: 'https', entry_port: 443, target_protocol: 'http', target_port: 8080, certificate_id: 'cert-1' },
        ],
        droplet_ids: [1001],
      },
      {
        id: uuid(2, 'b'),
        name: 'lb-no-redirect',
        region: 'nyc3',
        forwarding_rules: [
          { entry_protocol: 'http', entry_port: 80, target_protocol: 'http', target_port: 80 },
          { entry_protocol: 'https', entry_port: 443, target_protocol: 'http', target_port: 80, certificate_id: 'cert-1' },
        ],
      },
      {
        id: uuid(3, 'b'),
        name: 'lb-passthrough',
        region: 'ams3',
        redirect_http_to_https: true,
        forwarding_rules: [{ entry_protocol: 'https', entry_port: 443, target_protocol: 'https', target_port: 443, tls_passthrough: true }],
      },
    ],
    databases: [
      { id: uuid(1, 'd'), name: 'pg-good', engine: 'pg', region: 'fra1', ssl: true, trusted: [{ type: 'tag', value: 'web' }], backups: [days(20), days(10), days(0)], config: {}, createdAt: days(400), replicas: [{ name: 'pg-good-replica', region: 'ams3' }] },
      { id: uuid(2, 'd'), name: 'mysql-open', engine: 'mysql', region: 'nyc3', ssl: true, trusted: [], backups: [days(15), days(0)], config: {}, createdAt: days(400) }, // no trusted sources
      { id: uuid(3, 'd'), name: 'pg-long', engine: 'pg', region: 'ams3', ssl: true, trusted: [{ type: 'ip_addr', value: '198.51.100.7' }], backups: [days(60), days(0)], config: {}, createdAt: days(400) }, // 60 days > 35
      { id: uuid(4, 'd'), name: 'cache-rdb', engine: 'valkey', region: 'fra1', ssl: true, trusted: [{ type: 'droplet', value: '1001' }], config: { valkey_persistence: 'rdb', valkey_ssl: true } },
      { id: uuid(5, 'd'), name: 'cache-plain', engine: 'redis', region: 'fra1', ssl: true, trusted: [{ type: 'tag', value: 'web' }], config: { redis_persistence: 'off', redis_ssl: false } },
      { id: uuid(6, 'd'), name: 'cache-good', engine: 'valkey', region: 'ams3', ssl: true, trusted: [{ type: 'tag', value: 'web' }], config: { valkey_persistence: 'off', valkey_ssl: true } },
      { id: uuid(7, 'd'), name: 'mysql-world', engine: 'mysql', region: 'nyc3', ssl: true, trusted: [{ type: 'ip_addr', value: '0.0.0.0/0' }], backups: [days(15), days(0)], config: {}, createdAt: days(400), replicas: [{ name: 'mysql-world-sg', region: 'sgp1' }] }, // replica outside US/EU
    ],
    volumes: [
      { id: uuid(1, 'c'), name: 'data-fra', region: 'fra1', droplet_ids: [1001] },
      { id: uuid(2, 'c'), name: 'data-lon', region: 'lon1' }, // residency
    ],
    snapshots: [
      { id: '6372321', name: 'app-weekly-recent', resource_type: 'droplet', resource_id: '1001', regions: ['fra1'], createdAt: days(3) },
      { id: '6372322', name: 'app-before-upgrade', resource_type: 'droplet', resource_id: '1001', regions: ['fra1', 'nyc3'], createdAt: days(120) }, // never rotated
      { id: uuid(3, 'c'), name: 'data-fra-copy', resource_type: 'volume', resource_id: uuid(1, 'c'), regions: ['fra1', 'blr1'], createdAt: days(1) }, // copy outside US/EU
    ],
  };
}

/** The deliberate violations of violationsWorld(): rule id → resource ids that must fail. */
export const VIOLATIONS: Record<string, string[]> = {
  'bastion-only/digitalocean-firewall': [`do:firewall:${uuid(2, 'f')}`],
  'bastion-only/digitalocean-droplet': ['do:droplet:1002'],
  'bastion-only/digitalocean-droplet-public-ip': ['do:droplet:1003'],
  'https-redirect/digitalocean-load-balancer': [`do:loadbalancer:${uuid(2, 'b')}`],
  'tls-min/digitalocean-database': [`do:dbaas:${uuid(5, 'd')}`],
  'public-access/digitalocean-database': [`do:dbaas:${uuid(2, 'd')}`, `do:dbaas:${uuid(7, 'd')}`],
  'cache-no-backup/digitalocean-database': [`do:dbaas:${uuid(4, 'd')}`],
  'backup-retention/digitalocean-droplet': ['do:droplet:1004'],
  'backup-retention/digitalocean-database': [`do:dbaas:${uuid(3, 'd')}`],
  'data-residency/digitalocean-resource': ['do:droplet:1005', `do:volume:${uuid(2, 'c')}`, `do:dbaas:${uuid(7, 'd')}`, `do:snapshot:${uuid(3, 'c')}`],
  'backup-retention/digitalocean-snapshot': ['do:snapshot:6372322'],
};

/** A small team with nothing wrong: the baseline the fault tests break. */
export function compliantWorld(): DoWorld {
  const w = violationsWorld({ fleet: 0 });
  return {
    account: w.account,
    droplets: w.droplets.filter((d) => d.id === 1000 || d.id === 1001),
    firewalls: w.firewalls.filter((f) => f.name === 'web'),
    loadBalancers: w.loadBalancers.filter((l) => l.name === 'lb-good'),
    databases: w.databases.filter((d) => d.name === 'pg-good' || d.name === 'cache-good'),
    volumes: w.volumes.filter((v) => v.name === 'data-fra'),
    snapshots: w.snapshots.filter((x) => x.name === 'app-weekly-recent'),
  };
}

/**
 * Droplets (with their backup policies), cloud firewalls and volumes, and the
 * relations between them: a firewall covers the droplets it names by id and
 * the droplets carrying one of its tags.
 */
import type { Resource } from '../../../../model/resource.js';
import { relate } from '../../../../model/inventory.js';
import { addGap, listAll, liveResource, sanitize, type DoContext } from './context.js';

export const T = {
  droplet: 'digitalocean.droplet',
  firewall: 'digitalocean.firewall',
  volume: 'digitalocean.volume',
  loadBalancer: 'digitalocean.load-balancer',
  database: 'digitalocean.database',
  bucket: 'digitalocean.spaces-bucket',
  team: 'digitalocean.team',
  snapshot: 'digitalocean.snapshot',
} as const;

interface Droplet {
  id: number;
  name: string;
  tags?: string[];
  region?: { slug?: string };
  [k: string]: unknown;
}
interface Firewall {
  id: string;
  name?: string;
  droplet_ids?: number[] | null;
  tags?: string[] | null;
  [k: string]: unknown;
}
interface BackupPolicyRecord {
  droplet_id?: number;
  [k: string]: unknown;
}

export const dropletId = (id: number | string) => `do:droplet:${id}`;

export async function collectCompute(ctx: DoContext): Promise<Resource[]> {
  const [droplets, firewalls, policies, volumes, snapshots] = await Promise.all([
    listAll<Droplet>(ctx, 'droplets.list', '/v2/droplets', 'droplets'),
    listAll<Firewall>(ctx, 'firewalls.list', '/v2/firewalls', 'firewalls'),
    listAll<BackupPolicyRecord>(ctx, 'droplets.list_backup_policies', '/v2/droplets/backups/policies', 'policies'),
    listAll<Record<string, unknown>>(ctx, 'volumes.list', '/v2/volumes', 'volumes'),
    listAll<Record<string, unknown>>(ctx, 'snapshots.list', '/v2/snapshots', 'snapshots'),
  ]);
  const out: Resource[] = [];

  const policyOf = new Map<number, BackupPolicyRecord>();
  if (policies.ok) for (const p of policies.value.items) if (typeof p.droplet_id === 'number') policyOf.set(p.droplet_id, p);

  const dropletRes = new Map<number, Resource>();
  const byTag = new Map<string, number[]>();
  if (droplets.ok) {
    for (const d of droplets.value.items) {
      const props = sanitize(d) as Record<string, unknown>;
      const r = liveResource(ctx, {
        type: T.droplet,
        id: dropletId(d.id),
        name: d.name,
        region: d.region?.slug,
        urn: dropletId(d.id),
        properties: props,
        operation: 'droplets.list',
      });
      if (policies.ok) {
        const p = policyOf.get(d.id);
        if (p) props.backup_policy = sanitize(p);
        else addGap(r, 'backup_policy', `droplets.list_backup_policies returned no record for droplet ${d.id}`);
      } else addGap(r, 'backup_policy', policies.reason);
      if (!firewalls.ok) addGap(r, 'firewalls', firewalls.reason);
      dropletRes.set(d.id, r);
      for (const t of d.tags ?? []) {
        const list = byTag.get(t) ?? [];
        list.push(d.id);
        byTag.set(t, list);
      }
      out.push(r);
    }
  }

  if (firewalls.ok) {
    for (const f of firewalls.value.items) {
      const r = liveResource(ctx, {
        type: T.firewall,
        id: `do:firewall:${f.id}`,
        name: f.name,
        urn: `do:firewall:${f.id}`,
        properties: sanitize(f) as Record<string, unknown>,
        operation: 'firewalls.list',
      });
      const covered = new Set<number>(f.droplet_ids ?? []);
      for (const t of f.tags ?? []) for (const id of byTag.get(t) ?? []) covered.add(id);
      for (const id of covered) {
        relate(r, 'droplets', dropletId(id));
        const d = dropletRes.get(id);
        if (d) relate(d, 'firewalls', r.id);
      }
      if (!droplets.ok) addGap(r, 'droplets', droplets.reason);
      out.push(r);
    }
  }

  if (volumes.ok) {
    for (const v of volumes.value.items) {
      const id = String(v.id);
      const region = (v.region as { slug?: string } | undefined)?.slug;
      const r = liveResource(ctx, {
        type: T.volume,
        id: `do:volume:${id}`,
        name: typeof v.name === 'string' ? v.name : undefined,
        region,
        urn: `do:volume:${id}`,
        properties: sanitize(v) as Record<string, unknown>,
        operation: 'volumes.list',
      });
      for (const d of (v.droplet_ids as number[] | null | undefined) ?? []) relate(r, 'droplets', dropletId(d));
      out.push(r);
    }
  }

  // Droplet and volume snapshots: manual copies that never rotate, possibly in several regions.
  if (snapshots.ok) {
    for (const x of snapshots.value.items) {
      const id = String(x.id);
      const regions = Array.isArray(x.regions) ? (x.regions as unknown[]).map(String) : [];
      const r = liveResource(ctx, {
        type: T.snapshot,
        id: `do:snapshot:${id}`,
        name: typeof x.name === 'string' ? x.name : undefined,
        region: regions[0],
        urn: `do:snapshot:${id}`,
        properties: sanitize(x) as Record<string, unknown>,
        operation: 'snapshots.list',
      });
      for (const g of regions.slice(1)) ctx.recorder.region(g);
      const from = x.resource_type === 'volume' ? `do:volume:${String(x.resource_id)}` : dropletId(String(x.resource_id));
      relate(r, 'source', from);
      out.push(r);
    }
  }
  return out;
}

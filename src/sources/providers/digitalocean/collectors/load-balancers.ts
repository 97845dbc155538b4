/** Load balancers (regional and global), with the droplets they forward to. */
import type { Resource } from '../../../../model/resource.js';
import { relate } from '../../../../model/inventory.js';
import { listAll, liveResource, sanitize, type DoContext } from './context.js';
import { T, dropletId } from './compute.js';

export async function collectLoadBalancers(ctx: DoContext): Promise<Resource[]> {
  const list = await listAll<Record<string, unknown>>(ctx, 'load_balancers.list', '/v2/load_balancers', 'load_balancers');
  if (!list.ok) return [];
  return list.value.items.map((lb) => {
    const id = String(lb.id);
    const r = liveResource(ctx, {
      type: T.loadBalancer,
      id: `do:loadbalancer:${id}`,
      name: typeof lb.name === 'string' ? lb.name : undefined,
      region: (lb.region as { slug?: string } | undefined)?.slug,
      urn: `do:loadbalancer:${id}`,
      properties: sanitize(lb) as Record<string, unknown>,
      operation: 'load_balancers.list',
    });
    for (const d of (lb.droplet_ids as number[] | undefined) ?? []) relate(r, 'droplets', dropletId(d));
    return r;
  });
}

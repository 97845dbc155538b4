/**
 * Compute Engine (REST v1 through google-auth-library; docs/gcp.md says why
 * not the @google-cloud/compute client): VPC firewall rules, instances,
 * disks, SSL policies, target HTTPS/SSL/HTTP proxies, URL maps, forwarding
 * rules, VPC networks and subnets, backend services, and the project itself
 * (projects.get: common instance metadata). Whole-project `aggregatedList` calls where the API has them, one
 * call per page. Relations resolved here: proxy → sslPolicy and urlMap,
 * forwarding rule → target, instance → the ingress firewall rules that apply
 * to it (same network; target tags / service accounts or all instances).
 */
import type { Resource } from '../../../../model/resource.js';
import { relate } from '../../../../model/inventory.js';
import { gcpResource, lastSegment, resourcePath, type GcpContext } from './context.js';
import { GcpCallError } from './errors.js';
import { restGet } from './rest.js';
import { collectionGap } from './placeholder.js';

type Item = Record<string, unknown>;

export const COMPUTE_TYPES = {
  firewall: 'gcp.compute.firewall',
  instance: 'gcp.compute.instance',
  disk: 'gcp.compute.disk',
  sslPolicy: 'gcp.compute.ssl-policy',
  targetHttpsProxy: 'gcp.compute.target-https-proxy',
  targetSslProxy: 'gcp.compute.target-ssl-proxy',
  targetHttpProxy: 'gcp.compute.target-http-proxy',
  urlMap: 'gcp.compute.url-map',
  forwardingRule: 'gcp.compute.forwarding-rule',
  /** Global network firewall policies here; hierarchical ones (same type) in firewallpolicies.ts. */
  firewallPolicy: 'gcp.compute.firewall-policy',
  network: 'gcp.compute.network',
  subnetwork: 'gcp.compute.subnetwork',
  backendService: 'gcp.compute.backend-service',
  /** Compute's view of the project itself (projects.get): its common instance metadata (OS Login, serial port). */
  project: 'gcp.compute.project',
} as const;

/** Endpoint-independent id of a compute resource: `//compute.googleapis.com/projects/p/...`. */
export function computeId(link: unknown): string | undefined {
  const p = resourcePath(link);
  return p ? `//compute.googleapis.com/${p}` : undefined;
}

/** `zones/europe-west1-b` / `regions/us-east1` / `global` → location of an item in that scope. */
function scopeLocation(scope: string, item: Item): string {
  return lastSegment(item.zone) ?? lastSegment(item.region) ?? (scope === 'global' ? 'global' : (lastSegment(scope) ?? 'global'));
}

interface Listing {
  items: { item: Item; location: string }[];
  error?: GcpCallError;
}

async function pages(ctx: GcpContext, project: string, operation: string, path: string, aggregated: boolean, key: string, pageSize: number): Promise<Listing> {
  const out: Listing = { items: [] };
  let pageToken: string | undefined;
  const tokens = new Set<string>();
  try {
    for (;;) {
      const page = await restGet<Item>(ctx, 'compute', operation, project, `/compute/v1/projects/${encodeURIComponent(project)}${path}`, {
        maxResults: pageSize,
        pageToken,
        ...(aggregated ? { returnPartialSuccess: true } : {}),
      });
      if (aggregated) {
        for (const [scope, list] of Object.entries((page.items ?? {}) as Record<string, Item>)) {
          for (const item of (list?.[key] ?? []) as Item[]) out.items.push({ item, location: scopeLocation(scope, item) });
        }
        const unreachable = Array.isArray(page.unreachables) ? (page.unreachables as string[]) : [];
        if (unreachable.length) {
          const info = { code: 'UNREACHABLE', message: `scopes not answered: ${unreachable.slice(0, 10).join(', ')}`, retryable: false };
          ctx.coverage.fail(operation, info.code, info.message, { account: project });
          out.error = new GcpCallError(operation, info);
        }
      } else {
        for (const item of (page.items ?? []) as Item[]) out.items.push({ item, location: 'global' });
      }
      const next = page.nextPageToken;
      if (typeof next !== 'string' || !next) return out;
      if (tokens.has(next)) {
        const info = { code: 'PAGINATION_LOOP', message: 'the server repeated a page token', retryable: false };
        ctx.coverage.fail(operation, info.code, info.message, { account: project });
        out.error = new GcpCallError(operation, info);
        return out;
      }
      tokens.add(next);
      pageToken = next;
    }
  } catch (e) {
    if (!(e instanceof GcpCallError)) throw e;
    out.error = e;
    return out;
  }
}

interface Collection {
  type: string;
  operation: string;
  path: string;
  aggregated: boolean;
  key: string;
}

const COLLECTIONS: Collection[] = [
  { type: COMPUTE_TYPES.firewall, operation: 'compute.firewalls.list', path: '/global/firewalls', aggregated: false, key: 'items' },
  { type: COMPUTE_TYPES.instance, operation: 'compute.instances.aggregatedList', path: '/aggregated/instances', aggregated: true, key: 'instances' },
  { type: COMPUTE_TYPES.disk, operation: 'compute.disks.aggregatedList', path: '/aggregated/disks', aggregated: true, key: 'disks' },
  { type: COMPUTE_TYPES.sslPolicy, operation: 'compute.sslPolicies.aggregatedList', path: '/aggregated/sslPolicies', aggregated: true, key: 'sslPolicies' },
  { type: COMPUTE_TYPES.targetHttpsProxy, operation: 'compute.targetHttpsProxies.aggregatedList', path: '/aggregated/targetHttpsProxies', aggregated: true, key: 'targetHttpsProxies' },
  { type: COMPUTE_TYPES.targetSslProxy, operation: 'compute.targetSslProxies.list', path: '/global/targetSslProxies', aggregated: false, key: 'items' },
  { type: COMPUTE_TYPES.targetHttpProxy, operation: 'compute.targetHttpProxies.aggregatedList', path: '/aggregated/targetHttpProxies', aggregated: true, key: 'targetHttpProxies' },
  { type: COMPUTE_TYPES.urlMap, operation: 'compute.urlMaps.aggregatedList', path: '/aggregated/urlMaps', aggregated: true, key: 'urlMaps' },
  { type: COMPUTE_TYPES.forwardingRule, operation: 'compute.forwardingRules.aggregatedList', path: '/aggregated/forwardingRules', aggregated: true, key: 'forwardingRules' },
  // Global forwarding rules are listed on their own as well; duplicates are dropped by id.
  { type: COMPUTE_TYPES.forwardingRule, operation: 'compute.globalForwardingRules.list', path: '/global/forwardingRules', aggregated: false, key: 'items' },
  // Global network firewall policies (regional ones need a listing per region: not collected, see index.ts).
  { type: COMPUTE_TYPES.firewallPolicy, operation: 'compute.networkFirewallPolicies.list', path: '/global/firewallPolicies', aggregated: false, key: 'items' },
  // VPC networks (default and legacy networks), subnets (flow logs), backend services (load balancer request logging).
  { type: COMPUTE_TYPES.network, operation: 'compute.networks.list', path: '/global/networks', aggregated: false, key: 'items' },
  { type: COMPUTE_TYPES.subnetwork, operation: 'compute.subnetworks.aggregatedList', path: '/aggregated/subnetworks', aggregated: true, key: 'subnetworks' },
  { type: COMPUTE_TYPES.backendService, operation: 'compute.backendServices.aggregatedList', path: '/aggregated/backendServices', aggregated: true, key: 'backendServices' },
];

/** projects.get: one call; its `commonInstanceMetadata` applies to every VM that does not override it. */
async function computeProject(ctx: GcpContext, project: string): Promise<Resource> {
  const operation = 'compute.projects.get';
  try {
    const p = await restGet<Item>(ctx, 'compute', operation, project, `/compute/v1/projects/${encodeURIComponent(project)}`);
    const { quotas: _q, usageExportLocation: _u, ...meta } = p;
    return gcpResource(COMPUTE_TYPES.project, meta, { project, region: 'global', operation, id: `//compute.googleapis.com/projects/${project}`, name: project });
  } catch (e) {
    if (!(e instanceof GcpCallError)) throw e;
    return collectionGap(COMPUTE_TYPES.project, project, e, operation);
  }
}

export async function collectCompute(ctx: GcpContext, project: string, pageSize = 500): Promise<Resource[]> {
  const [listings, projectMeta] = await Promise.all([Promise.all(COLLECTIONS.map((c) => pages(ctx, project, c.operation, c.path, c.aggregated, c.key, pageSize))), computeProject(ctx, project)]);
  const at = new Date().toISOString();
  const byId = new Map<string, Resource>();
  const failedTypes = new Map<string, string>();
  const out: Resource[] = [projectMeta];
  COLLECTIONS.forEach((c, i) => {
    const l = listings[i]!;
    for (const { item, location } of l.items) {
      const id = computeId(item.selfLink) ?? `//compute.googleapis.com/projects/${project}/${location}/${c.type}/${String(item.name)}`;
      if (byId.has(id)) continue;
      const r = gcpResource(c.type, item, { project, region: location, operation: c.operation, at, id });
      byId.set(id, r);
      out.push(r);
    }
    if (l.error) {
      const gap = collectionGap(c.type, project, l.error, c.operation);
      out.push(gap);
      failedTypes.set(c.type, gap.id);
    }
  });
  resolveRelations(out, byId, failedTypes);
  return out;
}

const TYPE_OF_COLLECTION: Record<string, string> = {
  sslPolicies: COMPUTE_TYPES.sslPolicy,
  urlMaps: COMPUTE_TYPES.urlMap,
  targetHttpProxies: COMPUTE_TYPES.targetHttpProxy,
  targetHttpsProxies: COMPUTE_TYPES.targetHttpsProxy,
  targetSslProxies: COMPUTE_TYPES.targetSslProxy,
};

/**
 * Relate `r` to the resource `target` links to. When that resource was not
 * collected because its list failed, relate to the list's stand-in instead,
 * so rules answer unknown with the list's error; a link to something simply
 * absent is kept as is (rules answer unknown: not collected).
 */
function link(r: Resource, relation: string, target: unknown, byId: Map<string, Resource>, failed: Map<string, string>): void {
  const id = computeId(target);
  if (!id) return;
  const collection = /\/(?:global|regions\/[^/]+)\/([A-Za-z]+)\//.exec(id)?.[1];
  const gap = collection ? failed.get(TYPE_OF_COLLECTION[collection] ?? '') : undefined;
  relate(r, relation, !byId.has(id) && gap ? gap : id);
}

const isIngress = (f: Resource) => (f.properties.direction ?? 'INGRESS') === 'INGRESS';

/** Does rule `d` apply to every instance rule `a` applies to? (`d` targets all, or the same tags / service accounts.) */
function coversTargets(d: Item, a: Item): boolean {
  const dt = (d.targetTags as string[] | undefined) ?? [];
  const ds = (d.targetServiceAccounts as string[] | undefined) ?? [];
  if (dt.length === 0 && ds.length === 0) return true;
  const at = (a.targetTags as string[] | undefined) ?? [];
  const as = (a.targetServiceAccounts as string[] | undefined) ?? [];
  if (at.length === 0 && as.length === 0) return false;
  return at.every((t) => dt.includes(t)) && as.every((x) => ds.includes(x));
}

function resolveRelations(resources: Resource[], byId: Map<string, Resource>, failed: Map<string, string>): void {
  const firewallsByNetwork = new Map<string, Resource[]>();
  for (const r of resources) {
    const p = r.properties;
    switch (r.type) {
      case COMPUTE_TYPES.targetHttpsProxy:
      case COMPUTE_TYPES.targetSslProxy:
        link(r, 'sslPolicy', p.sslPolicy, byId, failed);
        link(r, 'urlMap', p.urlMap, byId, failed);
        break;
      case COMPUTE_TYPES.targetHttpProxy:
        link(r, 'urlMap', p.urlMap, byId, failed);
        break;
      case COMPUTE_TYPES.forwardingRule:
        link(r, 'target', p.target, byId, failed);
        break;
      case COMPUTE_TYPES.firewall: {
        if (r.gaps?.['*']) break;
        const net = resourcePath(p.network) ?? '';
        let list = firewallsByNetwork.get(net);
        if (!list) firewallsByNetwork.set(net, (list = []));
        list.push(r);
        break;
      }
    }
  }
  // Allow rules → the enabled ingress deny rules of the same network evaluated before them
  // (lower priority number) that apply to at least the same instances: they can block it.
  for (const list of firewallsByNetwork.values()) {
    const denies = list.filter((f) => isIngress(f) && !f.properties.disabled && Array.isArray(f.properties.denied) && (f.properties.denied as unknown[]).length > 0);
    if (!denies.length) continue;
    for (const fw of list) {
      if (!isIngress(fw) || !Array.isArray(fw.properties.allowed)) continue;
      const prio = Number(fw.properties.priority ?? 1000);
      for (const d of denies) {
        if (Number(d.properties.priority ?? 1000) >= prio) continue;
        if (coversTargets(d.properties, fw.properties)) relate(fw, 'precedingDenies', d.id);
      }
    }
  }
  for (const r of resources) {
    if (r.type !== COMPUTE_TYPES.instance || r.gaps?.['*']) continue;
    const tags = new Set(((r.properties.tags as Item | undefined)?.items as string[] | undefined) ?? []);
    const accounts = new Set(((r.properties.serviceAccounts as Item[] | undefined) ?? []).map((s) => String(s.email)));
    for (const ni of (r.properties.networkInterfaces as Item[] | undefined) ?? []) {
      for (const fw of firewallsByNetwork.get(resourcePath(ni.network) ?? '') ?? []) {
        const fp = fw.properties;
        if ((fp.direction ?? 'INGRESS') !== 'INGRESS') continue;
        const targetTags = (fp.targetTags as string[] | undefined) ?? [];
        const targetSas = (fp.targetServiceAccounts as string[] | undefined) ?? [];
        const applies =
          (targetTags.length === 0 && targetSas.length === 0) || targetTags.some((t) => tags.has(t)) || targetSas.some((s) => accounts.has(s));
        if (applies) relate(r, 'firewalls', fw.id);
      }
    }
  }
}

/**
 * Managed database clusters, each with its trusted sources (`/firewall`),
 * backups list and advanced configuration (persistence and SSL of
 * Caching/Valkey clusters). Connection details are sanitized before storing:
 * with `database:view_credentials` the API returns passwords.
 */
import type { Resource } from '../../../../model/resource.js';
import { mapLimit } from '../../common/limit.js';
import { addGap, getOne, listAll, liveResource, sanitize, type DoContext } from './context.js';
import { T, dropletId } from './compute.js';

interface Cluster {
  id: string;
  name?: string;
  engine?: string;
  region?: string;
  [k: string]: unknown;
}

/** Engines whose backups endpoint the API documents as "not supported". */
const CACHE_ENGINES = new Set(['redis', 'valkey']);
/** Engines with read-only replicas (`GET /v2/databases/{uuid}/replicas`). */
const REPLICA_ENGINES = new Set(['pg', 'mysql', 'advanced_pg', 'advanced_mysql']);

export async function collectDatabases(ctx: DoContext): Promise<Resource[]> {
  // `GET /v2/databases` takes no page parameters in the spec; links.pages.next is still followed if present.
  const list = await listAll<Cluster>(ctx, 'databases.list', '/v2/databases', 'databases', { paged: false });
  if (!list.ok) return [];
  return mapLimit(list.value.items, ctx.concurrency, async (c) => {
    const id = String(c.id);
    const props = sanitize(c) as Record<string, unknown>;
    const r = liveResource(ctx, {
      type: T.database,
      id: `do:dbaas:${id}`,
      name: c.name,
      region: c.region,
      urn: `do:dbaas:${id}`,
      properties: props,
      operation: 'databases.list',
    });
    const base = `/v2/databases/${encodeURIComponent(id)}`;
    const cache = CACHE_ENGINES.has(String(c.engine));
    const replicated = REPLICA_ENGINES.has(String(c.engine));
    const [fw, backups, config, replicas] = await Promise.all([
      getOne<{ rules?: unknown[] }>(ctx, 'databases.list_firewall_rules', `${base}/firewall`, ['rules']),
      cache ? Promise.resolve(undefined) : getOne<{ backups?: unknown[]; scheduled_backup_time?: unknown }>(ctx, 'databases.list_backups', `${base}/backups`, ['backups']),
      getOne<{ config?: Record<string, unknown> }>(ctx, 'databases.get_config', `${base}/config`, ['config']),
      replicated ? getOne<{ replicas?: unknown[] }>(ctx, 'databases.list_replicas', `${base}/replicas`, ['replicas']) : Promise.resolve(undefined),
    ]);
    if (replicas) {
      if (replicas.ok) {
        props.replicas = sanitize(replicas.value.data.replicas ?? []);
        for (const rep of props.replicas as { region?: unknown }[]) if (typeof rep.region === 'string') ctx.recorder.region(rep.region);
      } else addGap(r, 'replicas', replicas.reason);
    }
    if (fw.ok) {
      props.rules = sanitize(fw.value.data.rules ?? []);
      r.raw!.push({ operation: 'databases.list_firewall_rules', at: ctx.now.toISOString(), data: props.rules, ...(fw.value.requestId ? { requestId: fw.value.requestId } : {}) });
      for (const rule of (props.rules as { type?: string; value?: string }[]) ?? []) {
        if (rule.type === 'droplet' && rule.value) r.relations.trustedDroplets = [...(r.relations.trustedDroplets ?? []), dropletId(rule.value)];
      }
    } else addGap(r, 'rules', fw.reason);
    if (backups) {
      if (backups.ok) {
        props.backups = sanitize(backups.value.data.backups ?? []);
        if (backups.value.data.scheduled_backup_time) props.scheduled_backup_time = backups.value.data.scheduled_backup_time;
        r.raw!.push({ operation: 'databases.list_backups', at: ctx.now.toISOString(), data: props.backups });
      } else addGap(r, 'backups', backups.reason);
    }
    if (config.ok) {
      props.config = sanitize(config.value.data.config ?? {});
      r.raw!.push({ operation: 'databases.get_config', at: ctx.now.toISOString(), data: props.config });
    } else addGap(r, 'config', config.reason);
    return r;
  });
}

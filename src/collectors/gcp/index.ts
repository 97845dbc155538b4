/**
 * Live GCP collection: for each project, every collector in parallel (each
 * API bounded by its own limiter), then the relations that cross collectors
 * (project → its log sinks). Returns an Inventory whose coverage says which
 * projects, APIs and calls were made and which failed.
 */
import type { Resource } from '../../engine/resource.js';
import { Inventory, relate } from '../../engine/inventory.js';
import { GcpContext, type GcpScanOptions } from './context.js';
import { collectBuckets } from './storage.js';
import { collectCompute } from './compute.js';
import { collectSql } from './sql.js';
import { collectServiceAccountKeys } from './iam.js';
import { collectSinks, SINK_TYPE } from './logging.js';
import { Hierarchy, listProjectsUnder } from './resourcemanager.js';
import { isCollectionGap } from './placeholder.js';

export interface GcpTargets {
  projects?: string[];
  organization?: string;
  folder?: string;
}

export interface PageSizes {
  buckets?: number;
  compute?: number;
}

export async function resolveProjects(ctx: GcpContext, t: GcpTargets): Promise<string[]> {
  const out = new Set(t.projects ?? []);
  if (t.organization) for (const p of await listProjectsUnder(ctx, `organizations/${t.organization.replace(/^organizations\//, '')}`)) out.add(p);
  if (t.folder) for (const p of await listProjectsUnder(ctx, `folders/${t.folder.replace(/^folders\//, '')}`)) out.add(p);
  return [...out];
}

export async function collectProject(ctx: GcpContext, hierarchy: Hierarchy, project: string, pages: PageSizes = {}): Promise<Resource[]> {
  const [proj, buckets, compute, sql, keys, sinks] = await Promise.all([
    hierarchy.project(project),
    collectBuckets(ctx, project, pages.buckets),
    collectCompute(ctx, project, pages.compute),
    collectSql(ctx, project),
    collectServiceAccountKeys(ctx, project),
    collectSinks(ctx, project),
  ]);
  for (const s of sinks) {
    if (isCollectionGap(s)) (proj.gaps ??= {}).sinks = s.gaps!['*']!;
    else relate(proj, 'sinks', s.id);
  }
  return [proj, ...buckets, ...compute, ...sql, ...keys, ...sinks.filter((s) => s.type === SINK_TYPE && !isCollectionGap(s))];
}

export interface GcpScanResult {
  inventory: Inventory;
  projects: string[];
}

export async function scanGcp(opts: GcpScanOptions & { targets: GcpTargets; pageSizes?: PageSizes }): Promise<GcpScanResult> {
  const ctx = await GcpContext.create(opts);
  const projects = await resolveProjects(ctx, opts.targets);
  const hierarchy = new Hierarchy(ctx);
  opts.progress?.total(projects.length);
  const resources: Resource[] = [];
  await Promise.all(
    projects.map(async (p) => {
      ctx.coverage.account('gcp', p);
      const list = await collectProject(ctx, hierarchy, p, opts.pageSizes);
      resources.push(...list);
      for (const r of list) if (r.location.region) ctx.coverage.region(r.location.region);
      const failed = list.some((r) => r.gaps && Object.keys(r.gaps).length > 0);
      ctx.coverage.unit(`gcp:${p}`, failed ? 'failed' : 'done', failed ? 'some calls failed: see coverage.failures' : undefined);
      opts.progress?.unitDone(p, !failed);
    }),
  );
  resources.push(...(await hierarchy.resources()));
  ctx.coverage.skipped(
    'compute.firewallPolicies (hierarchical and network firewall policies)',
    'not collected: bastion-only judges VPC firewall rules; an organization/folder or network firewall policy can allow or deny admin ports before them (check with compute.instances.getEffectiveFirewalls)',
  );
  ctx.coverage.skipped('Google Workspace / Cloud Identity 2-step verification', 'not reachable through GCP APIs: the mfa control is reported as needing attestation');
  opts.progress?.finish();
  resources.sort((a, b) => a.id.localeCompare(b.id));
  return { inventory: new Inventory(resources, ctx.coverage.snapshot()), projects };
}

export { GcpContext };

/**
 * Live GCP collection: for each project, every collector in parallel (each
 * API bounded by its own limiter), then the relations that cross collectors
 * (project → its log sinks). Returns an Inventory whose coverage says which
 * projects, APIs and calls were made and which failed.
 */
import type { Resource } from '../../../../model/resource.js';
import { Inventory, relate } from '../../../../model/inventory.js';
import { attachLabelOwners } from '../../../../findings/drift/labels.js';
import { GcpContext, type GcpScanOptions } from './context.js';
import { BUCKET_TYPE, collectBuckets } from './storage.js';
import { COMPUTE_TYPES, collectCompute } from './compute.js';
import { SQL_INSTANCE_TYPE, collectSql } from './sql.js';
import { SA_KEY_TYPE, collectServiceAccountKeys } from './iam.js';
import { collectSinks, SINK_TYPE } from './logging.js';
import { collectLogAlerting, LOG_ALERTING_TYPE } from './monitoring.js';
import { collectKmsKeys, KMS_KEY_TYPE } from './kms.js';
import { collectDnsPolicies, collectDnsZones, DNS_POLICY_TYPE, DNS_ZONE_TYPE } from './dns.js';
import { addGap, resourcePath } from './context.js';
import { BQ_DATASET_TYPE, collectDatasets } from './bigquery.js';
import { API_KEY_TYPE, collectApiKeys } from './apikeys.js';
import { collectDataprocClusters, DATAPROC_CLUSTER_TYPE } from './dataproc.js';
import { collectProjectSettings, PROJECT_SETTINGS_TYPE } from './projectsettings.js';
import { Hierarchy, listProjectsUnder, PROJECT_TYPE } from './resourcemanager.js';
import { collectionGap, isCollectionGap } from './placeholder.js';
import { cleanMessage, GcpCallError } from './errors.js';
import { ReadOnlyViolation } from './transport.js';
import { unitsForShard, type Shard } from '../../../../findings/shard.js';
import { gcp, serviceNames } from '../../index.js';
import type { GcpServiceName } from '../index.js';

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

/**
 * A collector that throws something other than a recorded call failure (an
 * answer vouch cannot read, a bug) must not sink the whole scan: record it and
 * stand in for what it would have listed, so its rules answer unknown.
 */
async function guarded(ctx: GcpContext, project: string, type: string, operation: string, fn: () => Promise<Resource[]>): Promise<Resource[]> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ReadOnlyViolation) throw e;
    const info = { code: 'COLLECTOR_ERROR', message: cleanMessage(e instanceof Error ? e.message : String(e)), retryable: false };
    ctx.coverage.fail(operation, info.code, info.message, { account: project });
    return [collectionGap(type, project, new GcpCallError(operation, info), 'collector')];
  }
}

/**
 * One project: its buckets (with their policies) and, paced behind them, its
 * other collectors. `paced`: the other collectors start when the project's
 * first bucket policy read gets a request slot (or at once when it has no
 * bucket to read). Storage makes the most calls (one policy read per bucket),
 * so its queue sets the scan's length; started this way, the other APIs'
 * answers (Compute pages, parsing, redaction) are spread over the storage
 * queue instead of landing on the one JS thread all at once while the policy
 * reads wait for it. A project's other collectors still start no later than
 * its storage reads, so no API waits on another's whole queue.
 */
export async function collectProject(ctx: GcpContext, hierarchy: Hierarchy, project: string, pages: PageSizes = {}, paced = false, services?: ReadonlySet<string>): Promise<Resource[]> {
  let reading = () => {};
  const gate = paced ? new Promise<void>((r) => (reading = r)) : undefined;
  const later = <T>(fn: () => Promise<T>) => (gate ? gate.then(fn) : fn());
  // `--services`: a service left out reads nothing (src/sources/providers/gcp names them; coverage derives the rest).
  const want = (name: GcpServiceName, fn: () => Promise<Resource[]>) => (!services || services.has(name) ? fn() : Promise.resolve([] as Resource[]));
  const [proj, buckets, compute, sql, keys, sinks, benchmarkOnly] = await Promise.all([
    later(() => hierarchy.project(project)).catch(async (e) => (await guarded(ctx, project, PROJECT_TYPE, 'cloudresourcemanager.projects', () => Promise.reject(e)))[0]!),
    // `finally`: with no policy to read (no bucket, a failed list, a broken collector) the
    // other collectors start when the buckets are done; they are never left waiting.
    want('storage', () => guarded(ctx, project, BUCKET_TYPE, 'storage', () => collectBuckets(ctx, project, pages.buckets, reading).finally(reading))).finally(reading),
    want('compute', () => guarded(ctx, project, COMPUTE_TYPES.firewall, 'compute', () => later(() => collectCompute(ctx, project, pages.compute)))),
    want('sql', () => guarded(ctx, project, SQL_INSTANCE_TYPE, 'sqladmin', () => later(() => collectSql(ctx, project)))),
    want('iam', () => guarded(ctx, project, SA_KEY_TYPE, 'iam', () => later(() => collectServiceAccountKeys(ctx, project)))),
    want('logging', () => guarded(ctx, project, SINK_TYPE, 'logging', () => later(() => collectSinks(ctx, project)))),
    // The services the CIS GCP benchmark reads beyond the claims' controls.
    Promise.all([
      want('monitoring', () => guarded(ctx, project, LOG_ALERTING_TYPE, 'monitoring', () => later(() => collectLogAlerting(ctx, project)))),
      want('kms', () => guarded(ctx, project, KMS_KEY_TYPE, 'cloudkms', () => later(() => collectKmsKeys(ctx, project)))),
      want('dns', () => guarded(ctx, project, DNS_ZONE_TYPE, 'dns', () => later(() => collectDnsZones(ctx, project)))),
      want('dns', () => guarded(ctx, project, DNS_POLICY_TYPE, 'dns', () => later(() => collectDnsPolicies(ctx, project)))),
      want('bigquery', () => guarded(ctx, project, BQ_DATASET_TYPE, 'bigquery', () => later(() => collectDatasets(ctx, project)))),
      want('apikeys', () => guarded(ctx, project, API_KEY_TYPE, 'apikeys', () => later(() => collectApiKeys(ctx, project)))),
      want('projectsettings', () => guarded(ctx, project, PROJECT_SETTINGS_TYPE, 'serviceusage', () => later(() => collectProjectSettings(ctx, project)))),
      want('dataproc', () => guarded(ctx, project, DATAPROC_CLUSTER_TYPE, 'dataproc', () => later(() => collectDataprocClusters(ctx, project)))),
    ]).then((lists) => lists.flat()),
  ]);
  for (const s of sinks) {
    if (isCollectionGap(s)) (proj.gaps ??= {}).sinks = s.gaps!['*']!;
    else relate(proj, 'sinks', s.id);
  }
  relateDnsPolicies(compute, benchmarkOnly, services && !services.has('dns') ? 'NotSelected: dns was left out with --services' : undefined);
  // Sinks not read (logging left out): the project's sink rules cannot tell, never "no sink".
  if (services && !services.has('logging')) (proj.gaps ??= {}).sinks = 'NotSelected: logging was left out with --services';
  return [proj, ...buckets, ...compute, ...sql, ...keys, ...sinks.filter((s) => s.type === SINK_TYPE && !isCollectionGap(s)), ...benchmarkOnly];
}

/**
 * VPC network → the DNS server policies attached to it (query logging, CIS
 * GCP 2.12). Policies not read (a failed list, dns left out) are a gap on
 * the network's `dnsPolicies`, so its rule answers unknown, never "no policy".
 */
function relateDnsPolicies(compute: Resource[], dns: Resource[], notSelected?: string): void {
  const networks = compute.filter((r) => r.type === 'gcp.compute.network' && !isCollectionGap(r));
  const failed = dns.find((r) => r.type === DNS_POLICY_TYPE && isCollectionGap(r));
  const why = notSelected ?? failed?.gaps?.['*'];
  const byNetwork = new Map<string, string[]>();
  for (const p of dns) {
    if (p.type !== DNS_POLICY_TYPE || isCollectionGap(p)) continue;
    for (const n of (p.properties.networks as { networkUrl?: unknown }[] | undefined) ?? []) {
      const path = resourcePath(n?.networkUrl);
      if (path) (byNetwork.get(path) ?? byNetwork.set(path, []).get(path)!).push(p.id);
    }
  }
  for (const net of networks) {
    if (why) addGap(net, 'dnsPolicies', why);
    else for (const id of byNetwork.get(resourcePath(net.properties.selfLink) ?? '') ?? []) relate(net, 'dnsPolicies', id);
  }
}

export interface GcpScanResult {
  inventory: Inventory;
  projects: string[];
}

/** The work unit of a project (`--shard K/N`, `vouch plan scan gcp`). */
export const gcpUnitId = (project: string) => `gcp:${project}`;

/** `vouch plan scan gcp`: every unit (project) of the scan, from Resource Manager listing only. */
export async function planGcp(opts: GcpScanOptions & { targets: GcpTargets }): Promise<string[]> {
  const ctx = await GcpContext.create(opts);
  try {
    return (await resolveProjects(ctx, opts.targets)).map(gcpUnitId).sort();
  } finally {
    ctx.http.close();
  }
}

export async function scanGcp(opts: GcpScanOptions & { targets: GcpTargets; pageSizes?: PageSizes; shard?: Shard; services?: string[] }): Promise<GcpScanResult> {
  const ctx = await GcpContext.create(opts);
  try {
    return await scanWith(ctx, opts);
  } finally {
    ctx.http.close();
  }
}

async function scanWith(ctx: GcpContext, opts: GcpScanOptions & { targets: GcpTargets; pageSizes?: PageSizes; shard?: Shard; services?: string[] }): Promise<GcpScanResult> {
  const services = opts.services ? new Set(opts.services) : undefined;
  const excluded = services ? serviceNames(gcp).filter((s) => !services.has(s)) : [];
  const all = await resolveProjects(ctx, opts.targets);
  const planned = all.map(gcpUnitId).sort();
  const projects = unitsForShard(all.map((p) => ({ id: gcpUnitId(p), p })), opts.shard).map((u) => u.p);
  const hierarchy = new Hierarchy(ctx, opts.pageSizes?.compute);
  opts.progress?.total(projects.length);
  const resources: Resource[] = [];
  await Promise.all(
    projects.map(async (p) => {
      ctx.coverage.account('gcp', p);
      const list = await collectProject(ctx, hierarchy, p, opts.pageSizes, true, services);
      resources.push(...list);
      for (const r of list) if (r.location.region) ctx.coverage.region(r.location.region);
      const failed = list.some((r) => r.gaps && Object.keys(r.gaps).length > 0);
      ctx.coverage.unit(gcpUnitId(p), failed ? 'failed' : 'done', failed ? 'some calls failed: see coverage.failures' : undefined);
      opts.progress?.unitDone(p, !failed);
    }),
  );
  resources.push(...(await hierarchy.resources()));
  ctx.coverage.skipped(
    'compute.regionNetworkFirewallPolicies (regional network firewall policies)',
    'not collected: they need one listing per region and project; a regional policy can allow admin ports to the VMs of its region before their VPC rules (check with compute.instances.getEffectiveFirewalls). Hierarchical policies are read only where they live on the organization or a folder above a scanned project',
  );
  ctx.coverage.skipped('Google Workspace / Cloud Identity 2-step verification', 'not reachable through GCP APIs: the mfa control is reported as needing attestation');
  opts.progress?.finish();
  resources.sort((a, b) => a.id.localeCompare(b.id));
  if (excluded.length) ctx.coverage.skipped(`gcp services ${excluded.join(', ')}`, 'not selected (--services): rules on what they produce are reported not collected');
  const snapshot = ctx.coverage.snapshot();
  if (excluded.length) snapshot.excludedServices = excluded.map((s) => `gcp:${s}`);
  snapshot.plannedUnits = planned;
  if (opts.shard) snapshot.shard = { index: opts.shard.index, count: opts.shard.count };
  // Who made each resource, where a label says (src/findings/drift/labels.ts); coverage says where none can be known.
  for (const why of attachLabelOwners(resources).causes) (snapshot.notCollected ??= []).push({ what: 'GCP ownership', why });
  return { inventory: new Inventory(resources, snapshot), projects };
}

export { GcpContext };

/**
 * Resource Manager v3 (REST): which projects to scan (every ACTIVE project
 * under an organization or folder, walking sub-folders), each project with
 * its IAM policy (getIamPolicy with requestedPolicyVersion 3, so conditional
 * bindings are returned faithfully; audit configs included), and the folders
 * and organization above it with theirs: IAM grants and Data Access audit
 * configs are inherited, so a project's effective policy is the union.
 *
 * Types: `gcp.project`, `gcp.folder`, `gcp.organization`; the policy is the
 * property `iamPolicy` ({version, bindings[], auditConfigs[], etag});
 * relation `ancestors` lists the parents nearest first.
 */
import type { Resource } from '../../../../model/resource.js';
import { relate } from '../../../../model/inventory.js';
import { addGap, gcpResource, type GcpContext } from './context.js';
import { GcpCallError } from './errors.js';
import { restGet, restList, restPost } from './rest.js';
import { collectHierarchicalPolicies, unlistedAbove } from './firewallpolicies.js';

export const PROJECT_TYPE = 'gcp.project';
export const FOLDER_TYPE = 'gcp.folder';
export const ORGANIZATION_TYPE = 'gcp.organization';

const crmId = (name: string) => `//cloudresourcemanager.googleapis.com/${name}`;

/** Every ACTIVE project under `parent` (`organizations/N` or `folders/N`), sub-folders included. */
export async function listProjectsUnder(ctx: GcpContext, parent: string, depth = 0): Promise<string[]> {
  if (depth > 10) return []; // the hierarchy is at most 10 folders deep
  const [projects, folders] = await Promise.all([
    restList<Record<string, unknown>>(ctx, 'cloudresourcemanager', 'cloudresourcemanager.projects.list', undefined, '/v3/projects', 'projects', { parent, pageSize: 500 }).catch(
      (e) => (e instanceof GcpCallError ? [] : Promise.reject(e)),
    ),
    restList<Record<string, unknown>>(ctx, 'cloudresourcemanager', 'cloudresourcemanager.folders.list', undefined, '/v3/folders', 'folders', { parent, pageSize: 500 }).catch(
      (e) => (e instanceof GcpCallError ? [] : Promise.reject(e)),
    ),
  ]);
  const ids = projects.filter((p) => (p.state ?? 'ACTIVE') === 'ACTIVE').map((p) => String(p.projectId));
  const nested = await Promise.all(
    folders.filter((f) => (f.state ?? 'ACTIVE') === 'ACTIVE').map((f) => listProjectsUnder(ctx, String(f.name), depth + 1)),
  );
  return [...ids, ...nested.flat()];
}

async function policyOf(ctx: GcpContext, name: string, project: string | undefined): Promise<Record<string, unknown>> {
  const kind = name.split('/')[0];
  const p = await restPost<Record<string, unknown>>(ctx, 'cloudresourcemanager', `cloudresourcemanager.${kind}.getIamPolicy`, project, `/v3/${name}:getIamPolicy`, {
    options: { requestedPolicyVersion: 3 },
  });
  return { version: p.version, bindings: p.bindings ?? [], auditConfigs: p.auditConfigs ?? [], etag: p.etag };
}

export class Hierarchy {
  /** Folders and organizations, by name, fetched once per scan. */
  private readonly ancestors = new Map<string, Promise<Resource>>();
  /** The hierarchical firewall policies living on each folder/organization, listed once per scan. */
  private readonly firewallPolicies = new Map<string, Promise<Resource[]>>();
  /** Stand-ins for projects whose chain of ancestors (so their hierarchical policies) is unknown. */
  private readonly unlisted: Resource[] = [];

  /** `policyPageSize`: page size of the firewall policy listings (the scan's Compute page size). */
  constructor(
    private readonly ctx: GcpContext,
    private readonly policyPageSize?: number,
  ) {}

  /** The folder/organization resources and their hierarchical firewall policies collected so far. */
  async resources(): Promise<Resource[]> {
    const [nodes, policies] = await Promise.all([Promise.all(this.ancestors.values()), Promise.all(this.firewallPolicies.values())]);
    return [...nodes, ...policies.flat(), ...this.unlisted];
  }

  private ancestor(name: string, project: string): Promise<Resource> {
    let p = this.ancestors.get(name);
    if (!p) {
      p = this.fetchAncestor(name, project);
      this.ancestors.set(name, p);
      const policies = collectHierarchicalPolicies(this.ctx, name, project, this.policyPageSize);
      policies.catch(() => {}); // awaited (and rethrown) in resources()
      this.firewallPolicies.set(name, policies);
    }
    return p;
  }

  private async fetchAncestor(name: string, project: string): Promise<Resource> {
    const kind = name.startsWith('folders/') ? 'folders' : 'organizations';
    const type = kind === 'folders' ? FOLDER_TYPE : ORGANIZATION_TYPE;
    const [meta, policy, sinks] = await Promise.allSettled([
      restGet<Record<string, unknown>>(this.ctx, 'cloudresourcemanager', `cloudresourcemanager.${kind}.get`, project, `/v3/${name}`),
      policyOf(this.ctx, name, project),
      // Aggregated sinks (includeChildren) export the logs of every project below.
      restList<Record<string, unknown>>(this.ctx, 'logging', `logging.${kind}.sinks.list`, project, `/v2/${name}/sinks`, 'sinks', { pageSize: 200 }),
    ]);
    const data = meta.status === 'fulfilled' ? meta.value : { name };
    const r = gcpResource(type, data, { project: name, region: 'global', operation: `cloudresourcemanager.${kind}.get`, id: crmId(name), name });
    if (meta.status === 'rejected') {
      if (!(meta.reason instanceof GcpCallError)) throw meta.reason;
      addGap(r, 'parent', meta.reason.gap);
    }
    if (policy.status === 'fulfilled') r.properties.iamPolicy = policy.value;
    else if (policy.reason instanceof GcpCallError) addGap(r, 'iamPolicy', policy.reason.gap);
    else throw policy.reason;
    if (sinks.status === 'fulfilled') r.properties.sinks = sinks.value;
    else if (sinks.reason instanceof GcpCallError) addGap(r, 'sinks', sinks.reason.gap);
    else throw sinks.reason;
    return r;
  }

  /** The project with its policy, and the chain of folders/organization above it. */
  async project(projectId: string): Promise<Resource> {
    const path = `projects/${projectId}`;
    const [meta, policy] = await Promise.allSettled([
      restGet<Record<string, unknown>>(this.ctx, 'cloudresourcemanager', 'cloudresourcemanager.projects.get', projectId, `/v3/${path}`),
      policyOf(this.ctx, path, projectId),
    ]);
    const data = meta.status === 'fulfilled' ? meta.value : { projectId };
    const r = gcpResource(PROJECT_TYPE, data, { project: projectId, region: 'global', operation: 'cloudresourcemanager.projects.get', id: crmId(path), name: projectId });
    if (meta.status === 'rejected') {
      if (!(meta.reason instanceof GcpCallError)) throw meta.reason;
      addGap(r, 'parent', meta.reason.gap);
      addGap(r, 'ancestors', `parent unknown: ${meta.reason.gap}`);
      this.unlisted.push(unlistedAbove(projectId, `parent of ${projectId} unknown: ${meta.reason.gap}`));
    }
    if (policy.status === 'fulfilled') r.properties.iamPolicy = policy.value;
    else if (policy.reason instanceof GcpCallError) addGap(r, 'iamPolicy', policy.reason.gap);
    else throw policy.reason;

    // Walk up: project → folders → organization.
    let parent = typeof data.parent === 'string' ? data.parent : undefined;
    for (let i = 0; parent && i < 12; i++) {
      const a = await this.ancestor(parent, projectId);
      relate(r, 'ancestors', a.id);
      if (a.gaps?.parent) {
        addGap(r, 'ancestors', `chain above ${parent} unknown: ${a.gaps.parent}`);
        this.unlisted.push(unlistedAbove(projectId, `chain above ${parent} unknown: ${a.gaps.parent}`));
        break;
      }
      parent = typeof a.properties.parent === 'string' ? a.properties.parent : undefined;
    }
    return r;
  }
}

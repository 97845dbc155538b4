/**
 * Project-wide settings the CIS GCP benchmark reads, one call each, as one
 * resource per project: whether the Cloud Asset Inventory API is enabled
 * (Service Usage `services.get`) and the Access Approval settings. A call
 * that fails is a gap on its path (`cloudAsset`, `accessApproval`).
 */
import type { Resource } from '../../engine/resource.js';
import { addGap, gcpResource, type GcpContext } from './context.js';
import { GcpCallError } from './errors.js';
import { restGet } from './rest.js';

export const PROJECT_SETTINGS_TYPE = 'gcp.project.settings';

type Obj = Record<string, unknown>;

export async function collectProjectSettings(ctx: GcpContext, project: string): Promise<Resource[]> {
  const p = encodeURIComponent(project);
  const [asset, approval] = await Promise.all([
    restGet<Obj>(ctx, 'serviceusage', 'serviceusage.services.get', project, `/v1/projects/${p}/services/cloudasset.googleapis.com`).catch((e: unknown) => e),
    restGet<Obj>(ctx, 'accessapproval', 'accessapproval.projects.getAccessApprovalSettings', project, `/v1/projects/${p}/accessApprovalSettings`).catch((e: unknown) => e),
  ]);
  for (const x of [asset, approval]) if (x instanceof Error && !(x instanceof GcpCallError)) throw x;
  const props: Obj = {
    cloudAsset: asset instanceof GcpCallError ? {} : { state: (asset as Obj).state },
    accessApproval: approval instanceof GcpCallError ? {} : { enrolledServices: (approval as Obj).enrolledServices ?? [], enrolledAncestor: (approval as Obj).enrolledAncestor ?? false },
  };
  const r = gcpResource(PROJECT_SETTINGS_TYPE, props, { project, region: 'global', operation: 'serviceusage.services.get', id: `//cloudresourcemanager.googleapis.com/projects/${project}/settings`, name: project });
  if (asset instanceof GcpCallError) addGap(r, 'cloudAsset', asset.gap);
  if (approval instanceof GcpCallError) addGap(r, 'accessApproval', approval.gap);
  return [r];
}

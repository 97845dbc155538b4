/**
 * Project-wide settings the CIS GCP benchmark reads, one call each, as one
 * resource per project: whether the Cloud Asset Inventory API is enabled
 * (Service Usage `services.get`), the Access Approval settings, and the
 * Essential Contacts that receive the benchmark's notification categories,
 * inherited ones included (`contacts:compute`, every page). A call that fails
 * is a gap on its path (`cloudAsset`, `accessApproval`, `essentialContacts`).
 */
import type { Resource } from '../../../../model/resource.js';
import { addGap, gcpResource, type GcpContext } from './context.js';
import { GcpCallError } from './errors.js';
import { restGet, restList } from './rest.js';

/** The notification categories CIS GCP 1.16 wants someone to receive. */
export const CONTACT_CATEGORIES = ['LEGAL', 'SECURITY', 'SUSPENSION', 'TECHNICAL', 'TECHNICAL_INCIDENTS'] as const;

export const PROJECT_SETTINGS_TYPE = 'gcp.project.settings';

type Obj = Record<string, unknown>;

export async function collectProjectSettings(ctx: GcpContext, project: string): Promise<Resource[]> {
  const p = encodeURIComponent(project);
  const categories = CONTACT_CATEGORIES.map((c) => `notificationCategories=${c}`).join('&');
  const [asset, approval, contacts] = await Promise.all([
    restGet<Obj>(ctx, 'serviceusage', 'serviceusage.services.get', project, `/v1/projects/${p}/services/cloudasset.googleapis.com`).catch((e: unknown) => e),
    restGet<Obj>(ctx, 'accessapproval', 'accessapproval.projects.getAccessApprovalSettings', project, `/v1/projects/${p}/accessApprovalSettings`).catch((e: unknown) => e),
    restList<Obj>(ctx, 'essentialcontacts', 'essentialcontacts.contacts.compute', project, `/v1/projects/${p}/contacts:compute?${categories}`, 'contacts', { pageSize: 100 }).catch((e: unknown) => e),
  ]);
  for (const x of [asset, approval, contacts]) if (x instanceof Error && !(x instanceof GcpCallError)) throw x;
  const props: Obj = {
    cloudAsset: asset instanceof GcpCallError ? {} : { state: (asset as Obj).state },
    accessApproval: approval instanceof GcpCallError ? {} : { enrolledServices: (approval as Obj).enrolledServices ?? [], enrolledAncestor: (approval as Obj).enrolledAncestor ?? false },
    // Who and for what; the address itself is not needed to judge and is not kept.
    essentialContacts: Array.isArray(contacts) ? contacts.map((c) => ({ name: c.name, notificationCategorySubscriptions: c.notificationCategorySubscriptions ?? [], validationState: c.validationState })) : [],
  };
  const r = gcpResource(PROJECT_SETTINGS_TYPE, props, { project, region: 'global', operation: 'serviceusage.services.get', id: `//cloudresourcemanager.googleapis.com/projects/${project}/settings`, name: project });
  if (asset instanceof GcpCallError) addGap(r, 'cloudAsset', asset.gap);
  if (approval instanceof GcpCallError) addGap(r, 'accessApproval', approval.gap);
  if (contacts instanceof GcpCallError) addGap(r, 'essentialContacts', contacts.gap);
  return [r];
}

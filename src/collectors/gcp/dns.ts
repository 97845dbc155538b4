/** Cloud DNS v1 (REST): the project's managed zones with their DNSSEC settings (one paginated list). */
import type { Resource } from '../../engine/resource.js';
import { gcpResource, type GcpContext } from './context.js';
import { GcpCallError } from './errors.js';
import { collectionGap } from './placeholder.js';
import { restList } from './rest.js';

export const DNS_ZONE_TYPE = 'gcp.dns.managed-zone';

export async function collectDnsZones(ctx: GcpContext, project: string, pageSize = 1000): Promise<Resource[]> {
  try {
    const zones = await restList<Record<string, unknown>>(ctx, 'dns', 'dns.managedZones.list', project, `/dns/v1/projects/${encodeURIComponent(project)}/managedZones`, 'managedZones', { maxResults: pageSize });
    const at = new Date().toISOString();
    return zones.map((z) => gcpResource(DNS_ZONE_TYPE, z, { project, at, region: 'global', operation: 'dns.managedZones.list', id: `//dns.googleapis.com/projects/${project}/managedZones/${String(z.name)}` }));
  } catch (e) {
    if (!(e instanceof GcpCallError)) throw e;
    return [collectionGap(DNS_ZONE_TYPE, project, e)];
  }
}

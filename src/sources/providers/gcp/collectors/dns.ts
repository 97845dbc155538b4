/**
 * Cloud DNS v1 (REST): the project's managed zones with their DNSSEC settings,
 * and its DNS server policies (query logging per VPC network): one paginated
 * list each.
 */
import type { Resource } from '../../../../model/resource.js';
import { gcpResource, type GcpContext } from './context.js';
import { GcpCallError } from './errors.js';
import { collectionGap } from './placeholder.js';
import { restList } from './rest.js';

export const DNS_ZONE_TYPE = 'gcp.dns.managed-zone';
export const DNS_POLICY_TYPE = 'gcp.dns.policy';

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

export async function collectDnsPolicies(ctx: GcpContext, project: string, pageSize = 1000): Promise<Resource[]> {
  try {
    const policies = await restList<Record<string, unknown>>(ctx, 'dns', 'dns.policies.list', project, `/dns/v1/projects/${encodeURIComponent(project)}/policies`, 'policies', { maxResults: pageSize });
    const at = new Date().toISOString();
    return policies.map((x) => gcpResource(DNS_POLICY_TYPE, x, { project, at, region: 'global', operation: 'dns.policies.list', id: `//dns.googleapis.com/projects/${project}/policies/${String(x.name)}` }));
  } catch (e) {
    if (!(e instanceof GcpCallError)) throw e;
    return [collectionGap(DNS_POLICY_TYPE, project, e)];
  }
}

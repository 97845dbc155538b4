/**
 * Hierarchical firewall policies (Compute v1 `firewallPolicies.list` with
 * `parentId=organizations/N|folders/N`): the policies that live on the
 * organization and on each folder above a scanned project, listed once per
 * scan (Hierarchy asks when it first meets the node). Their rules are
 * evaluated before the VPC firewall rules of every network below an
 * association, and an `allow` there is terminal, so bastion-only judges them.
 *
 * Global network firewall policies (`networkFirewallPolicies.list`) are listed
 * per project with the other Compute collections (compute.ts), same type.
 *
 * Type `gcp.compute.firewall-policy`: the policy as the API returns it
 * (`rules[]` with `direction`, `priority`, `action`, `disabled`, `match`,
 * targets; `associations[]`; `shortName`/`displayName`; `parent`).
 */
import type { Resource } from '../../../../model/resource.js';
import { gcpResource, type GcpContext } from './context.js';
import { cleanMessage, GcpCallError } from './errors.js';
import { restList } from './rest.js';
import { collectionGap } from './placeholder.js';
import { ReadOnlyViolation } from './transport.js';

export const FIREWALL_POLICY_TYPE = 'gcp.compute.firewall-policy';
export const HIERARCHICAL_POLICIES_OP = 'compute.firewallPolicies.list';

/** Cloud Asset style name of a hierarchical policy (its `name` is the numeric id). */
export const hierarchicalPolicyId = (name: string) => `//compute.googleapis.com/locations/global/firewallPolicies/${name}`;

/** A policy's human name: `shortName` (current), `displayName` (deprecated), else its `name`. */
export function policyLabel(item: Record<string, unknown>): string {
  for (const k of ['shortName', 'displayName', 'name']) if (typeof item[k] === 'string' && item[k]) return item[k] as string;
  return '(unnamed policy)';
}

/**
 * The policies that live on `parent` (`organizations/N` or `folders/N`).
 * `project`: the scanned project that led here (coverage failures name it).
 * A failed listing yields a stand-in, so the firewall-policy rule answers unknown.
 */
export async function collectHierarchicalPolicies(ctx: GcpContext, parent: string, project: string, pageSize = 500): Promise<Resource[]> {
  try {
    const items = await restList<Record<string, unknown>>(ctx, 'compute', HIERARCHICAL_POLICIES_OP, project, '/compute/v1/locations/global/firewallPolicies', 'items', {
      parentId: parent,
      maxResults: pageSize,
    });
    const at = new Date().toISOString();
    return items.map((item) => {
      if (!item || typeof item !== 'object' || Array.isArray(item)) throw Object.assign(new Error('a firewall policy item is not an object'), { code: 'BAD_RESPONSE' });
      const name = String(item.name ?? item.id ?? '');
      return gcpResource(FIREWALL_POLICY_TYPE, item, {
        project: parent,
        region: 'global',
        operation: HIERARCHICAL_POLICIES_OP,
        at,
        id: hierarchicalPolicyId(name),
        name: policyLabel(item),
      });
    });
  } catch (e) {
    if (e instanceof ReadOnlyViolation) throw e;
    if (!(e instanceof GcpCallError)) {
      const info = { code: 'COLLECTOR_ERROR', message: cleanMessage(e instanceof Error ? e.message : String(e)), retryable: false };
      ctx.coverage.fail(HIERARCHICAL_POLICIES_OP, info.code, info.message, { account: project, unit: `gcp:${project}` });
      return [collectionGap(FIREWALL_POLICY_TYPE, parent, new GcpCallError(HIERARCHICAL_POLICIES_OP, info), 'hierarchical')];
    }
    return [collectionGap(FIREWALL_POLICY_TYPE, parent, e, 'hierarchical')];
  }
}

/**
 * Stand-in when the hierarchy above a project is unknown (its parent or a
 * folder could not be read): the hierarchical policies that apply to it were
 * not listed, so the rule answers unknown for it.
 */
export function unlistedAbove(project: string, why: string): Resource {
  return collectionGap(FIREWALL_POLICY_TYPE, project, new GcpCallError(HIERARCHICAL_POLICIES_OP, { code: 'ANCESTORS_UNKNOWN', message: why, retryable: false }), 'ancestors');
}

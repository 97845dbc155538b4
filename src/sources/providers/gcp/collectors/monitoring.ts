/**
 * Log-based alerting of a project (CIS GCP 2.4–2.11): its log-based metrics
 * (Logging v2 `projects.metrics.list`) and its alert policies (Monitoring v3
 * `projects.alertPolicies.list`), both paginated, as one resource per project
 * so the rule sees metric and alert together. A list that fails is a gap on
 * its path (`metrics`, `alertPolicies`): the rule answers unknown for what it
 * needed from it, never "no alert".
 */
import type { Resource } from '../../../../model/resource.js';
import { addGap, gcpResource, type GcpContext } from './context.js';
import { GcpCallError } from './errors.js';
import { restList } from './rest.js';

export const LOG_ALERTING_TYPE = 'gcp.monitoring.log-alerting';

type Obj = Record<string, unknown>;

export async function collectLogAlerting(ctx: GcpContext, project: string, pageSize = 500): Promise<Resource[]> {
  const p = encodeURIComponent(project);
  const [metrics, policies] = await Promise.all([
    restList<Obj>(ctx, 'logging', 'logging.metrics.list', project, `/v2/projects/${p}/metrics`, 'metrics', { pageSize }).catch((e: unknown) => e),
    restList<Obj>(ctx, 'monitoring', 'monitoring.alertPolicies.list', project, `/v3/projects/${p}/alertPolicies`, 'alertPolicies', { pageSize }).catch((e: unknown) => e),
  ]);
  for (const x of [metrics, policies]) if (!Array.isArray(x) && !(x instanceof GcpCallError)) throw x;
  const props: Obj = {
    metrics: Array.isArray(metrics) ? metrics.map((m) => ({ name: m.name, filter: m.filter, disabled: m.disabled ?? false, ...(m.bucketName ? { bucketName: m.bucketName } : {}) })) : [],
    alertPolicies: Array.isArray(policies) ? policies.map((a) => ({ name: a.name, displayName: a.displayName, enabled: a.enabled ?? true, conditions: a.conditions ?? [], notificationChannels: a.notificationChannels ?? [] })) : [],
  };
  const r = gcpResource(LOG_ALERTING_TYPE, props, {
    project,
    region: 'global',
    operation: 'logging.metrics.list',
    id: `//monitoring.googleapis.com/projects/${project}/log-alerting`,
    name: project,
  });
  if (metrics instanceof GcpCallError) addGap(r, 'metrics', metrics.gap);
  if (policies instanceof GcpCallError) addGap(r, 'alertPolicies', policies.gap);
  return [r];
}

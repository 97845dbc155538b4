import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, asArray, asRecord, gapFor } from '../../../src/evaluate/facts.js';
import { requireCollected } from '../../../src/lib/gcp.js';
import { filterCovers } from '../_gcp-log-filter.js';

/**
 * CIS GCP 2.4–2.11: for each kind of change, a log-based metric whose filter
 * counts every such audit log entry, and an enabled alert policy on that
 * metric. One sub-finding per kind. The filters are the benchmark's (written
 * out here as the entries they must count); a metric filter that is broader
 * covers them too (see _gcp-log-filter.ts).
 */
export const LOG_ALERTS: { subId: string; cis: string; what: string; filter: string }[] = [
  {
    subId: 'project-ownership',
    cis: '2.4',
    what: 'project ownership assignments and changes',
    filter:
      '(protoPayload.serviceName="cloudresourcemanager.googleapis.com") AND (ProjectOwnership OR projectOwnerInvitee) OR (protoPayload.serviceData.policyDelta.bindingDeltas.action="REMOVE" AND protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner") OR (protoPayload.serviceData.policyDelta.bindingDeltas.action="ADD" AND protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner")',
  },
  { subId: 'audit-config', cis: '2.5', what: 'audit configuration changes', filter: 'protoPayload.methodName="SetIamPolicy" AND protoPayload.serviceData.policyDelta.auditConfigDeltas:*' },
  {
    subId: 'custom-roles',
    cis: '2.6',
    what: 'custom role changes',
    filter: 'resource.type="iam_role" AND (protoPayload.methodName="google.iam.admin.v1.CreateRole" OR protoPayload.methodName="google.iam.admin.v1.DeleteRole" OR protoPayload.methodName="google.iam.admin.v1.UpdateRole")',
  },
  {
    subId: 'firewall-rules',
    cis: '2.7',
    what: 'VPC firewall rule changes',
    filter: 'resource.type="gce_firewall_rule" AND (protoPayload.methodName:"compute.firewalls.patch" OR protoPayload.methodName:"compute.firewalls.insert" OR protoPayload.methodName:"compute.firewalls.delete")',
  },
  { subId: 'routes', cis: '2.8', what: 'VPC route changes', filter: 'resource.type="gce_route" AND (protoPayload.methodName:"compute.routes.delete" OR protoPayload.methodName:"compute.routes.insert")' },
  {
    subId: 'networks',
    cis: '2.9',
    what: 'VPC network changes',
    filter:
      'resource.type="gce_network" AND (protoPayload.methodName:"compute.networks.insert" OR protoPayload.methodName:"compute.networks.patch" OR protoPayload.methodName:"compute.networks.delete" OR protoPayload.methodName:"compute.networks.removePeering" OR protoPayload.methodName:"compute.networks.addPeering")',
  },
  { subId: 'storage-iam', cis: '2.10', what: 'Cloud Storage IAM permission changes', filter: 'resource.type="gcs_bucket" AND protoPayload.methodName="storage.setIamPermissions"' },
  { subId: 'sql-config', cis: '2.11', what: 'Cloud SQL instance configuration changes', filter: 'protoPayload.methodName="cloudsql.instances.update"' },
];

type Obj = Record<string, unknown>;

/** The metric types an alert policy's conditions watch (threshold and absence filters, MQL and PromQL queries). */
export function watchedMetrics(policy: Obj): string {
  return asArray(policy.conditions)
    .map((c) => asRecord(c))
    .flatMap((c) => [asRecord(c.conditionThreshold).filter, asRecord(c.conditionAbsent).filter, asRecord(c.conditionMonitoringQueryLanguage).query, asRecord(c.conditionPrometheusQueryLanguage).query])
    .filter((x): x is string => typeof x === 'string')
    .join('\n');
}

function watches(text: string, metric: string): boolean {
  const type = `logging.googleapis.com/user/${metric}`;
  let i = text.indexOf(type);
  while (i >= 0) {
    const after = text[i + type.length];
    if (after === undefined || !/[\w./-]/.test(after)) return true;
    i = text.indexOf(type, i + 1);
  }
  // PromQL names the metric logging_googleapis_com:user_NAME.
  return text.includes(`logging_googleapis_com:user_${metric.replace(/[^\w]/g, '_')}`);
}

export default defineRule({
  id: 'platform-hardening/gcp-log-metric-alerts',
  control: 'platform-hardening',
  title: 'Log-based metrics and alert policies watch ownership, audit config, custom role, firewall, route, network, bucket IAM and Cloud SQL changes',
  severity: 'medium',
  risk: 'Without an alert, a new project owner, a disabled audit log, an opened firewall or a changed database setting goes unnoticed until someone happens to read the logs.',
  remediation: {
    text: 'For each kind of change, create a counter log-based metric with the benchmark\'s filter and an alert policy on logging.googleapis.com/user/METRIC with a notification channel.',
    cli: 'gcloud logging metrics create NAME --log-filter=\'FILTER\'; gcloud alpha monitoring policies create --policy-from-file=POLICY.json',
  },
  references: ['https://cloud.google.com/logging/docs/logs-based-metrics', 'https://cloud.google.com/monitoring/alerts/using-alerting-ui'],
  types: ['gcp.monitoring.log-alerting'],
  sources: ['live'],
  check(r) {
    requireCollected(r);
    const metricsGap = gapFor(r, 'metrics');
    const policiesGap = gapFor(r, 'alertPolicies');
    if (metricsGap) return LOG_ALERTS.map((c) => ({ ...unknown(`could not read the log-based metrics: ${metricsGap}`, ev('metrics', null, `a metric counting ${c.what} (CIS ${c.cis})`)), subId: c.subId }));
    const metrics = asArray(known(r, 'metrics')).map((m) => asRecord(m));
    const policies = policiesGap ? [] : asArray(known(r, 'alertPolicies')).map((p) => asRecord(p));
    const watched = policies.filter((p) => p.enabled !== false).map((p) => ({ name: String(p.displayName ?? p.name), text: watchedMetrics(p) }));
    const out: Verdict[] = [];
    for (const change of LOG_ALERTS) {
      const undecided: string[] = [];
      const matching = metrics.filter((m) => {
        if (m.disabled === true) return false;
        const c = filterCovers(String(m.filter ?? ''), change.filter);
        if ('undecided' in c) undecided.push(`${String(m.name)}: ${c.undecided}`);
        return 'covers' in c && c.covers;
      });
      const alerted = matching.flatMap((m) => watched.filter((p) => watches(p.text, String(m.name))).map((p) => `${String(m.name)} → ${p.name}`));
      const e = ev('metrics[].filter, alertPolicies[].conditions', { metrics: matching.map((m) => m.name), alerts: alerted }, `a metric counting ${change.what} (CIS ${change.cis}) and an enabled alert policy on it`);
      let v: Verdict;
      if (matching.length && policiesGap) v = unknown(`${change.what} are counted (${matching.map((m) => m.name).join(', ')}); the alert policies could not be read: ${policiesGap}`, e);
      else if (alerted.length) v = pass(`${change.what} are counted and alerted on (${alerted.join(', ')})`, e);
      else if (matching.length) v = fail(`${change.what} are counted (${matching.map((m) => m.name).join(', ')}) but no enabled alert policy watches the metric`, e);
      else if (undecided.length) v = unknown(`no metric is known to count ${change.what}; some filters could not be compared (${undecided.slice(0, 3).join('; ')})`, e);
      else v = fail(`no log-based metric counts ${change.what}`, e);
      out.push({ ...v, subId: change.subId });
    }
    return out;
  },
});

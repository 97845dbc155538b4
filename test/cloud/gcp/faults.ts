/**
 * GCP request matchers and Google error bodies for the generic fault proxy
 * (test/cloud/proxy.ts). Operations are named as vouch's coverage names them
 * (`compute.firewalls.list`, `storage.buckets.getIamPolicy`, ...).
 */
import type { FaultRule, ProxiedRequest } from '../proxy.js';
import { encodeToken, googleError } from './server.js';

const OPERATIONS: Record<string, (method: string, path: string) => boolean> = {
  'storage.buckets.list': (m, p) => m === 'GET' && /^\/storage\/v1\/b$/.test(p),
  'storage.buckets.getIamPolicy': (m, p) => m === 'GET' && /^\/storage\/v1\/b\/[^/]+\/iam$/.test(p),
  'compute.firewalls.list': (m, p) => m === 'GET' && /\/global\/firewalls$/.test(p),
  'compute.instances.aggregatedList': (m, p) => m === 'GET' && /\/aggregated\/instances$/.test(p),
  'compute.disks.aggregatedList': (m, p) => m === 'GET' && /\/aggregated\/disks$/.test(p),
  'compute.sslPolicies.aggregatedList': (m, p) => m === 'GET' && /\/aggregated\/sslPolicies$/.test(p),
  'compute.targetHttpsProxies.aggregatedList': (m, p) => m === 'GET' && /\/aggregated\/targetHttpsProxies$/.test(p),
  'compute.urlMaps.aggregatedList': (m, p) => m === 'GET' && /\/aggregated\/urlMaps$/.test(p),
  'compute.firewallPolicies.list': (m, p) => m === 'GET' && p === '/compute/v1/locations/global/firewallPolicies',
  'compute.networkFirewallPolicies.list': (m, p) => m === 'GET' && /^\/compute\/v1\/projects\/[^/]+\/global\/firewallPolicies$/.test(p),
  'compute.networks.list': (m, p) => m === 'GET' && /\/global\/networks$/.test(p),
  'compute.subnetworks.aggregatedList': (m, p) => m === 'GET' && /\/aggregated\/subnetworks$/.test(p),
  'compute.backendServices.aggregatedList': (m, p) => m === 'GET' && /\/aggregated\/backendServices$/.test(p),
  'compute.projects.get': (m, p) => m === 'GET' && /^\/compute\/v1\/projects\/[^/]+$/.test(p),
  'logging.metrics.list': (m, p) => m === 'GET' && /^\/v2\/projects\/[^/]+\/metrics$/.test(p),
  'monitoring.alertPolicies.list': (m, p) => m === 'GET' && /^\/v3\/projects\/[^/]+\/alertPolicies$/.test(p),
  'cloudkms.keyRings.list': (m, p) => m === 'GET' && /^\/v1\/projects\/[^/]+\/locations\/[^/]+\/keyRings$/.test(p),
  'cloudkms.cryptoKeys.getIamPolicy': (m, p) => m === 'GET' && /\/cryptoKeys\/[^/]+:getIamPolicy$/.test(p),
  'serviceusage.services.get': (m, p) => m === 'GET' && /^\/v1\/projects\/[^/]+\/services\/[^/]+$/.test(p),
  'dns.policies.list': (m, p) => m === 'GET' && /^\/dns\/v1\/projects\/[^/]+\/policies$/.test(p),
  'dns.managedZones.list': (m, p) => m === 'GET' && /^\/dns\/v1\/projects\/[^/]+\/managedZones$/.test(p),
  'bigquery.datasets.get': (m, p) => m === 'GET' && /^\/bigquery\/v2\/projects\/[^/]+\/datasets\/[^/]+$/.test(p),
  'bigquery.tables.list': (m, p) => m === 'GET' && /^\/bigquery\/v2\/projects\/[^/]+\/datasets\/[^/]+\/tables$/.test(p),
  'bigquery.tables.get': (m, p) => m === 'GET' && /^\/bigquery\/v2\/projects\/[^/]+\/datasets\/[^/]+\/tables\/[^/]+$/.test(p),
  'compute.regions.list': (m, p) => m === 'GET' && /^\/compute\/v1\/projects\/[^/]+\/regions$/.test(p),
  'dataproc.clusters.list': (m, p) => m === 'GET' && /^\/v1\/projects\/[^/]+\/regions\/[^/]+\/clusters$/.test(p),
  'apikeys.keys.list': (m, p) => m === 'GET' && /^\/v2\/projects\/[^/]+\/locations\/global\/keys$/.test(p),
  'sqladmin.instances.list': (m, p) => m === 'GET' && /^\/v1\/projects\/[^/]+\/instances$/.test(p),
  'iam.serviceAccounts.list': (m, p) => m === 'GET' && /^\/v1\/projects\/[^/]+\/serviceAccounts$/.test(p),
  'iam.serviceAccounts.keys.list': (m, p) => m === 'GET' && /\/serviceAccounts\/[^/]+\/keys$/.test(p),
  'logging.sinks.list': (m, p) => m === 'GET' && /^\/v2\/projects\/[^/]+\/sinks$/.test(p),
  'cloudresourcemanager.projects.getIamPolicy': (m, p) => m === 'POST' && /^\/v3\/projects\/[^/]+:getIamPolicy$/.test(p),
  'cloudresourcemanager.projects.get': (m, p) => m === 'GET' && /^\/v3\/projects\/[^/]+$/.test(p),
};

/** Match one operation, optionally only for one project (path or `project=` query). */
export function op(name: keyof typeof OPERATIONS | string, project?: string): (r: ProxiedRequest) => boolean {
  const test = OPERATIONS[name];
  if (!test) throw new Error(`faults: unknown operation ${name}`);
  return (r) => {
    const u = new URL(r.url, 'http://x');
    if (!test(r.method, u.pathname)) return false;
    return project === undefined || u.pathname.includes(`/projects/${project}`) || u.searchParams.get('project') === project;
  };
}

export function permissionDenied(permission: string, resource: string): FaultRule['fault'] {
  return {
    kind: 'respond',
    status: 403,
    headers: { 'content-type': 'application/json; charset=UTF-8' },
    body: googleError(403, 'PERMISSION_DENIED', `Required '${permission}' permission for '${resource}'`, 'forbidden', [
      { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'IAM_PERMISSION_DENIED', domain: 'iam.googleapis.com', metadata: { permission, resource } },
    ]),
  };
}

export function resourceExhausted(service: string): FaultRule['fault'] {
  const message = `Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service '${service}' for consumer 'project_number:100000000000'.`;
  return {
    kind: 'respond',
    status: 429,
    headers: { 'content-type': 'application/json; charset=UTF-8' },
    body: googleError(429, 'RESOURCE_EXHAUSTED', message, 'rateLimitExceeded', [
      { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'RATE_LIMIT_EXCEEDED', domain: 'googleapis.com', metadata: { service, quota_metric: `${service}/read_requests` } },
    ]),
  };
}

/** Compute's own quota error: a 403 with reason rateLimitExceeded (a throttle, not a denial). */
export function computeRateLimit(): FaultRule['fault'] {
  return {
    kind: 'respond',
    status: 403,
    headers: { 'content-type': 'application/json; charset=UTF-8' },
    body: googleError(403, 'PERMISSION_DENIED', "Quota exceeded for quota group 'ReadGroup' and limit 'Read requests per 100 seconds' of service 'compute.googleapis.com'.", 'rateLimitExceeded'),
  };
}

export function unavailable(): FaultRule['fault'] {
  return { kind: 'respond', status: 503, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: googleError(503, 'UNAVAILABLE', 'The service is currently unavailable.', 'backendError') };
}

/** Every page points back at the first (a valid token): the collector must stop, not loop. */
export function repeatPageToken(): FaultRule['fault'] {
  return { kind: 'rewrite', transform: (b) => JSON.stringify({ ...JSON.parse(b), nextPageToken: encodeToken(0) }) };
}

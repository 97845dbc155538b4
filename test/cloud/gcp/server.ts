/**
 * A local server speaking the Google JSON REST APIs vouch reads, seeded from
 * a GcpWorld: Cloud Storage JSON v1, Compute Engine v1, Cloud SQL Admin v1,
 * Resource Manager v3, IAM v1, Logging v2. One port serves all of them (their
 * paths are disjoint). Lists paginate for real (`maxResults`/`pageSize`,
 * `pageToken` → `nextPageToken`, each API's own maximum page size); errors use
 * Google's error JSON (`{error: {code, message, status, errors[]}}`).
 * Writes are accepted and recorded in `writes` (so a test can prove vouch
 * never sends one); every request is counted per operation in `calls`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FirewallPolicyWorld, GcpWorld, Policy, ProjectWorld } from './world.js';

type Rest = Record<string, unknown>;

export interface GcpFixtureServer {
  url: string;
  calls: Map<string, number>;
  writes: { method: string; path: string }[];
  requests: number;
  close(): Promise<void>;
}

export function googleError(code: number, status: string, message: string, reason: string, details: Rest[] = []): string {
  return JSON.stringify({ error: { code, message, errors: [{ message, domain: 'global', reason }], status, ...(details.length ? { details } : {}) } });
}

/** The server's page token for a list offset (tests use it to forge pagination faults). */
export const encodeToken = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');
function decodeToken(t: string | null): number | undefined {
  if (!t) return 0;
  const m = /^o:(\d+)$/.exec(Buffer.from(t, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

class HttpError extends Error {
  constructor(
    readonly code: number,
    readonly status: string,
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

function page<T>(items: T[], q: URLSearchParams, sizeParam: string, def: number, max: number): { slice: T[]; next?: string } {
  const raw = q.get(sizeParam);
  let size = raw === null ? def : Number(raw);
  if (!Number.isInteger(size) || size < 0) throw new HttpError(400, 'INVALID_ARGUMENT', `Invalid value for ${sizeParam}: ${raw}`, 'invalid');
  if (size === 0 || size > max) size = max;
  const offset = decodeToken(q.get('pageToken'));
  if (offset === undefined) throw new HttpError(400, 'INVALID_ARGUMENT', 'The page token is invalid.', 'invalid');
  const slice = items.slice(offset, offset + size);
  return { slice, ...(offset + size < items.length ? { next: encodeToken(offset + size) } : {}) };
}

function policyBody(p: Policy | undefined, requested: number, resource: string): Rest {
  const bindings = p?.bindings ?? [];
  if (bindings.some((b) => b.condition) && requested < 3)
    throw new HttpError(400, 'INVALID_ARGUMENT', `Requests for policies with any conditional role bindings must specify version 3 (${resource}).`, 'badRequest');
  return {
    version: bindings.some((b) => b.condition) ? 3 : 1,
    etag: Buffer.from(resource).toString('base64').slice(0, 12),
    ...(bindings.length ? { bindings } : {}),
    ...(p?.auditConfigs?.length ? { auditConfigs: p.auditConfigs } : {}),
  };
}

const COMPUTE_COLLECTIONS: Record<string, { key: keyof ProjectWorld; kind: string }> = {
  firewalls: { key: 'firewalls', kind: 'compute#firewall' },
  instances: { key: 'instances', kind: 'compute#instance' },
  disks: { key: 'disks', kind: 'compute#disk' },
  sslPolicies: { key: 'sslPolicies', kind: 'compute#sslPolicy' },
  targetHttpsProxies: { key: 'targetHttpsProxies', kind: 'compute#targetHttpsProxy' },
  targetSslProxies: { key: 'targetSslProxies', kind: 'compute#targetSslProxy' },
  targetHttpProxies: { key: 'targetHttpProxies', kind: 'compute#targetHttpProxy' },
  urlMaps: { key: 'urlMaps', kind: 'compute#urlMap' },
  forwardingRules: { key: 'forwardingRules', kind: 'compute#forwardingRule' },
  networks: { key: 'networks', kind: 'compute#network' },
  subnetworks: { key: 'subnetworks', kind: 'compute#subnetwork' },
  backendServices: { key: 'backendServices', kind: 'compute#backendService' },
};
/** The Cloud KMS locations the fixture project offers (the real list has about 40). */
const KMS_LOCATIONS = ['global', 'europe', 'us-central1'];
/** Compute regions of a project that names none. */
const DEFAULT_REGIONS = ['europe-west1', 'us-central1', 'us-east1'];
/** Collections Compute lists only globally (no aggregatedList). */
const GLOBAL_ONLY = new Set(['firewalls', 'targetSslProxies', 'networks']);

/** Fields that hold references to other compute resources (expanded to full URLs). */
const REF_FIELDS = new Set(['sslPolicy', 'urlMap', 'target', 'network', 'subnetwork', 'defaultService', 'service', 'source', 'sourceImage', 'backendService']);

/** `latencyMs`: wait that long before answering each request (the benchmark's injected latency, without a proxy hop). */
export async function startGcpServer(world: GcpWorld, options: { latencyMs?: number } = {}): Promise<GcpFixtureServer> {
  let base = '';
  const calls = new Map<string, number>();
  const writes: { method: string; path: string }[] = [];
  const projects = new Map(world.projects.map((p, i) => [p.id, { ...p, number: p.number ?? String(100000000000 + i) }]));
  const count = (op: string) => calls.set(op, (calls.get(op) ?? 0) + 1);
  const computeCache = new Map<string, Rest[]>();
  let nextId = 1000;

  const computeBase = (p: string) => `${base}/compute/v1/projects/${p}`;

  /** Hierarchical policy ids: fixed at startup, so every scan of one server sees the same. */
  const hierarchicalIds = new Map<FirewallPolicyWorld, string>();
  let policySeq = 0;
  for (const holder of [...(world.organizations ?? []), ...(world.folders ?? [])])
    for (const fp of holder.firewallPolicies ?? []) hierarchicalIds.set(fp, String(800000000000 + policySeq++));

  /** A firewall policy as Compute returns it, with Google's default goto_next rules appended. */
  function firewallPolicyResource(fp: FirewallPolicyWorld, where: { id: string; name: string; selfLink: string; parent?: string; project?: string }): Rest {
    const defaults: Rest[] = [
      { priority: 2147483644, direction: 'EGRESS', match: { destIpRanges: ['::/0'], layer4Configs: [{ ipProtocol: 'all' }] } },
      { priority: 2147483645, direction: 'INGRESS', match: { srcIpRanges: ['::/0'], layer4Configs: [{ ipProtocol: 'all' }] } },
      { priority: 2147483646, direction: 'EGRESS', match: { destIpRanges: ['0.0.0.0/0'], layer4Configs: [{ ipProtocol: 'all' }] } },
      { priority: 2147483647, direction: 'INGRESS', match: { srcIpRanges: ['0.0.0.0/0'], layer4Configs: [{ ipProtocol: 'all' }] } },
    ].map((r) => ({ ...r, action: 'goto_next', description: 'default rule', enableLogging: false }));
    const rules = [...fp.rules, ...defaults].map((r) => ({ kind: 'compute#firewallPolicyRule', ruleTupleCount: 2, ...r }));
    const target = (t: string) => (where.project && t.startsWith('global/') ? `${computeBase(where.project)}/${t}` : t);
    return {
      kind: 'compute#firewallPolicy',
      id: where.id,
      creationTimestamp: '2026-01-15T10:00:00.000-08:00',
      name: where.name,
      ...(where.parent ? { parent: where.parent, displayName: fp.shortName } : {}),
      shortName: fp.shortName,
      ...(fp.description ? { description: fp.description } : {}),
      rules,
      ...(fp.associations?.length
        ? { associations: fp.associations.map((a) => ({ name: a.name, attachmentTarget: target(a.attachmentTarget), firewallPolicyId: where.id, shortName: fp.shortName })) }
        : {}),
      fingerprint: Buffer.from(where.id).toString('base64').slice(0, 11),
      selfLink: where.selfLink,
      selfLinkWithId: where.selfLink.replace(/[^/]+$/, where.id),
      ruleTupleCount: rules.length * 2,
    };
  }
  function expand(project: string, v: unknown, key: string): unknown {
    if (typeof v === 'string' && REF_FIELDS.has(key) && !/^https?:/.test(v)) return `${computeBase(project)}/${v}`;
    if (Array.isArray(v)) return v.map((x) => expand(project, x, key));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expand(project, x, k)]));
    return v;
  }

  /** Compute items of one collection, as the API returns them (with their scope). */
  function computeItems(project: string, collection: string): Rest[] {
    const ck = `${project}/${collection}`;
    const cached = computeCache.get(ck);
    if (cached) return cached;
    const p = projects.get(project)!;
    const spec = COMPUTE_COLLECTIONS[collection]!;
    const list = ((p[spec.key] as Rest[] | undefined) ?? []).map((raw) => {
      const item = expand(project, raw, '') as Rest;
      const scope = item.zone ? `zones/${String(item.zone)}` : item.region ? `regions/${String(item.region)}` : 'global';
      const out: Rest = { kind: spec.kind, id: String(nextId++), creationTimestamp: '2026-01-15T10:00:00.000-08:00', ...item };
      if (item.zone) out.zone = `${computeBase(project)}/zones/${String(item.zone)}`;
      if (item.region) out.region = `${computeBase(project)}/regions/${String(item.region)}`;
      out.selfLink = `${computeBase(project)}/${scope}/${collection}/${String(item.name)}`;
      if (collection === 'firewalls') {
        out.direction ??= 'INGRESS';
        out.priority ??= 1000;
        out.network ??= `${computeBase(project)}/global/networks/default`;
        out.disabled ??= false;
      }
      (out as { __scope?: string }).__scope = scope;
      return out;
    });
    computeCache.set(ck, list);
    return list;
  }
  const strip = (r: Rest) => {
    const { __scope: _s, ...rest } = r as Rest & { __scope?: string };
    return rest;
  };

  function projectOr403(id: string, permission: string): ProjectWorld & { number: string } {
    const p = projects.get(decodeURIComponent(id));
    if (!p) throw new HttpError(403, 'PERMISSION_DENIED', `Permission '${permission}' denied on resource 'projects/${id}' (or it may not exist).`, 'forbidden');
    return p;
  }

  function handleRead(method: string, u: URL, body: string): Rest {
    const path = u.pathname;
    const q = u.searchParams;
    let m: RegExpExecArray | null;

    // ---- Cloud Storage JSON API v1
    if (method === 'GET' && path === '/storage/v1/b') {
      count('storage.buckets.list');
      const p = projectOr403(q.get('project') ?? '', 'storage.buckets.list');
      const all = (p.buckets ?? []).map((b) => bucketResource(p.id, p.number, b));
      const { slice, next } = page(all, q, 'maxResults', 1000, 1000);
      return { kind: 'storage#buckets', ...(slice.length ? { items: slice } : {}), ...(next ? { nextPageToken: next } : {}) };
    }
    if (method === 'GET' && (m = /^\/storage\/v1\/b\/([^/]+)\/o(?:\/([^/]+))?$/.exec(path))) {
      const name = decodeURIComponent(m[1]!);
      const bucket = [...projects.values()].flatMap((p) => p.buckets ?? []).find((x) => x.name === name);
      if (!bucket) throw new HttpError(404, 'NOT_FOUND', 'The specified bucket does not exist.', 'notFound');
      const objects = bucket.objects ?? {};
      if (m[2] !== undefined) {
        count('storage.objects.get');
        const obj = objects[decodeURIComponent(m[2])];
        if (obj === undefined) throw new HttpError(404, 'NOT_FOUND', 'No such object.', 'notFound');
        if (q.get('alt') !== 'media') return { kind: 'storage#object', name: decodeURIComponent(m[2]), bucket: name, size: String(Buffer.byteLength(obj)) };
        return JSON.parse(obj) as Rest; // evidence objects are JSON; served back as JSON
      }
      count('storage.objects.list');
      const prefix = q.get('prefix') ?? '';
      const all = Object.keys(objects).filter((k) => k.startsWith(prefix)).sort().map((k) => ({ kind: 'storage#object', name: k, bucket: name }));
      const { slice, next } = page(all, q, 'maxResults', 1000, 1000);
      return { kind: 'storage#objects', ...(slice.length ? { items: slice } : {}), ...(next ? { nextPageToken: next } : {}) };
    }
    if (method === 'GET' && (m = /^\/storage\/v1\/b\/([^/]+)$/.exec(path))) {
      count('storage.buckets.get');
      const name = decodeURIComponent(m[1]!);
      for (const p of projects.values()) {
        const b = p.buckets?.find((x) => x.name === name);
        if (b) return bucketResource(p.id, p.number, b);
      }
      throw new HttpError(404, 'NOT_FOUND', 'The specified bucket does not exist.', 'notFound');
    }
    if (method === 'GET' && (m = /^\/storage\/v1\/b\/([^/]+)\/iam$/.exec(path))) {
      count('storage.buckets.getIamPolicy');
      const name = decodeURIComponent(m[1]!);
      for (const p of projects.values()) {
        const b = p.buckets?.find((x) => x.name === name);
        if (b) return { kind: 'storage#policy', resourceId: `projects/_/buckets/${name}`, ...policyBody(b.iamPolicy, Number(q.get('optionsRequestedPolicyVersion') ?? 1), name) };
      }
      throw new HttpError(404, 'NOT_FOUND', 'The specified bucket does not exist.', 'notFound');
    }

    // ---- Compute Engine v1
    if (method === 'GET' && (m = /^\/compute\/v1\/projects\/([^/]+)\/global\/(firewalls|targetSslProxies|forwardingRules|networks)$/.exec(path))) {
      const collection = m[2]!;
      const op = collection === 'forwardingRules' ? 'compute.globalForwardingRules.list' : `compute.${collection}.list`;
      count(op);
      const p = projectOr403(m[1]!, op);
      const items = computeItems(p.id, collection).filter((r) => (r as { __scope?: string }).__scope === 'global').map(strip);
      const { slice, next } = page(items, q, 'maxResults', 500, 500);
      return {
        kind: `compute#${collection.replace(/s$/, '')}List`,
        id: `projects/${p.id}/global/${collection}`,
        items: slice,
        selfLink: `${computeBase(p.id)}/global/${collection}`,
        ...(next ? { nextPageToken: next } : {}),
      };
    }
    if (method === 'GET' && path === '/compute/v1/locations/global/firewallPolicies') {
      count('compute.firewallPolicies.list');
      const parentId = q.get('parentId');
      if (!parentId) throw new HttpError(400, 'INVALID_ARGUMENT', 'Invalid value for field \'parentId\': \'\'. Must be organizations/ID or folders/ID.', 'invalid');
      const [kind, id] = parentId.split('/');
      const holder = kind === 'organizations' ? world.organizations?.find((o) => o.id === id) : kind === 'folders' ? world.folders?.find((f) => f.id === id) : undefined;
      if (!holder) throw new HttpError(403, 'PERMISSION_DENIED', `Required 'compute.firewallPolicies.list' permission for '${parentId}'`, 'forbidden');
      const all = (holder.firewallPolicies ?? []).map((fp) => {
        const pid = hierarchicalIds.get(fp)!;
        return firewallPolicyResource(fp, { id: pid, name: pid, parent: parentId, selfLink: `${base}/compute/v1/locations/global/firewallPolicies/${pid}` });
      });
      const { slice, next } = page(all, q, 'maxResults', 500, 500);
      return { kind: 'compute#firewallPolicyList', id: `${parentId}/firewallPolicies`, items: slice, ...(next ? { nextPageToken: next } : {}) };
    }
    if (method === 'GET' && (m = /^\/compute\/v1\/projects\/([^/]+)\/global\/firewallPolicies$/.exec(path))) {
      count('compute.networkFirewallPolicies.list');
      const p = projectOr403(m[1]!, 'compute.firewallPolicies.list');
      const all = (p.networkFirewallPolicies ?? []).map((fp, i) =>
        firewallPolicyResource(fp, { id: String(700000000000 + Number(p.number.slice(-6)) * 100 + i), name: fp.shortName, project: p.id, selfLink: `${computeBase(p.id)}/global/firewallPolicies/${fp.shortName}` }),
      );
      const { slice, next } = page(all, q, 'maxResults', 500, 500);
      return { kind: 'compute#firewallPolicyList', id: `projects/${p.id}/global/firewallPolicies`, items: slice, selfLink: `${computeBase(p.id)}/global/firewallPolicies`, ...(next ? { nextPageToken: next } : {}) };
    }
    if (method === 'GET' && (m = /^\/compute\/v1\/projects\/([^/]+)\/aggregated\/([A-Za-z]+)$/.exec(path))) {
      const collection = m[2]!;
      if (!COMPUTE_COLLECTIONS[collection] || GLOBAL_ONLY.has(collection))
        throw new HttpError(404, 'NOT_FOUND', `The requested URL ${path} was not found.`, 'notFound');
      const op = `compute.${collection}.aggregatedList`;
      count(op);
      const p = projectOr403(m[1]!, op);
      const { slice, next } = page(computeItems(p.id, collection), q, 'maxResults', 500, 500);
      const items: Record<string, Rest> = {};
      for (const r of slice) {
        const scope = (r as { __scope?: string }).__scope!;
        ((items[scope] ??= { [collection]: [] })[collection] as Rest[]).push(strip(r));
      }
      if (!slice.length) items['regions/us-central1'] = { warning: { code: 'NO_RESULTS_ON_PAGE', message: `There are no results for scope 'regions/us-central1' on this page.` } };
      return { kind: `compute#${collection.replace(/s$/, '')}AggregatedList`, id: `projects/${p.id}/aggregated/${collection}`, items, selfLink: `${computeBase(p.id)}/aggregated/${collection}`, ...(next ? { nextPageToken: next } : {}) };
    }

    if (method === 'GET' && (m = /^\/compute\/v1\/projects\/([^/]+)\/regions$/.exec(path))) {
      count('compute.regions.list');
      const p = projectOr403(m[1]!, 'compute.regions.list');
      const all = (p.regions ?? DEFAULT_REGIONS).map((r, i) => ({ kind: 'compute#region', id: String(1000 + i), name: r, status: 'UP', selfLink: `${computeBase(p.id)}/regions/${r}` }));
      const { slice, next } = page(all, q, 'maxResults', 500, 500);
      return { kind: 'compute#regionList', id: `projects/${p.id}/regions`, items: slice, selfLink: `${computeBase(p.id)}/regions`, ...(next ? { nextPageToken: next } : {}) };
    }
    if (method === 'GET' && (m = /^\/compute\/v1\/projects\/([^/]+)$/.exec(path))) {
      count('compute.projects.get');
      const p = projectOr403(m[1]!, 'compute.projects.get');
      return {
        kind: 'compute#project',
        id: p.number,
        name: p.id,
        creationTimestamp: '2025-03-01T04:00:00.000-08:00',
        commonInstanceMetadata: { kind: 'compute#metadata', fingerprint: 'nH4tsM5mE0o=', ...(p.commonInstanceMetadata?.length ? { items: p.commonInstanceMetadata } : {}) },
        quotas: [{ metric: 'FIREWALLS', limit: 200, usage: (p.firewalls ?? []).length }],
        selfLink: computeBase(p.id),
        defaultServiceAccount: `${p.number}-compute@developer.gserviceaccount.com`,
        xpnProjectStatus: 'UNSPECIFIED_XPN_PROJECT_STATUS',
        defaultNetworkTier: 'PREMIUM',
      };
    }

    // ---- Cloud SQL Admin v1
    if (method === 'GET' && (m = /^\/v1\/projects\/([^/]+)\/instances$/.exec(path))) {
      count('sqladmin.instances.list');
      const p = projectOr403(m[1]!, 'cloudsql.instances.list');
      const all = (p.sqlInstances ?? []).map((i) => ({
        kind: 'sql#instance',
        project: p.id,
        state: 'RUNNABLE',
        instanceType: 'CLOUD_SQL_INSTANCE',
        connectionName: `${p.id}:${String(i.region ?? 'us-central1')}:${i.name}`,
        selfLink: `${base}/v1/projects/${p.id}/instances/${i.name}`,
        ...i,
      }));
      const { slice, next } = page(all, q, 'maxResults', 500, 1000);
      return { ...(slice.length ? { items: slice } : {}), ...(next ? { nextPageToken: next } : {}) };
    }

    // ---- IAM v1
    if (method === 'GET' && (m = /^\/v1\/projects\/([^/]+)\/serviceAccounts$/.exec(path))) {
      count('iam.serviceAccounts.list');
      const p = projectOr403(m[1]!, 'iam.serviceAccounts.list');
      const all = (p.serviceAccounts ?? []).map((sa, i) => ({
        name: `projects/${p.id}/serviceAccounts/${sa.email}`,
        projectId: p.id,
        uniqueId: String(110000000000000000000n + BigInt(i)),
        email: sa.email,
        oauth2ClientId: String(110000000000000000000n + BigInt(i)),
        ...(sa.disabled ? { disabled: true } : {}),
      }));
      const { slice, next } = page(all, q, 'pageSize', 20, 100);
      return { ...(slice.length ? { accounts: slice } : {}), ...(next ? { nextPageToken: next } : {}) };
    }
    if (method === 'GET' && (m = /^\/v1\/projects\/([^/]+)\/serviceAccounts\/([^/]+)\/keys$/.exec(path))) {
      count('iam.serviceAccounts.keys.list');
      const p = projectOr403(m[1]!, 'iam.serviceAccountKeys.list');
      const email = decodeURIComponent(m[2]!);
      const sa = p.serviceAccounts?.find((s) => s.email === email);
      if (!sa) throw new HttpError(404, 'NOT_FOUND', `Service account projects/${p.id}/serviceAccounts/${email} does not exist.`, 'notFound');
      const types = q.getAll('keyTypes');
      const keys = types.length && !types.includes('USER_MANAGED') ? [] : (sa.keys ?? []);
      return {
        ...(keys.length
          ? {
              keys: keys.map((k) => ({
                name: `projects/${p.id}/serviceAccounts/${email}/keys/${k.id}`,
                validAfterTime: k.validAfterTime,
                validBeforeTime: k.validBeforeTime ?? '9999-12-31T23:59:59Z',
                keyAlgorithm: k.keyAlgorithm ?? 'KEY_ALG_RSA_2048',
                keyOrigin: 'GOOGLE_PROVIDED',
                keyType: 'USER_MANAGED',
                ...(k.disabled ? { disabled: true } : {}),
              })),
            }
          : {}),
      };
    }

    // ---- Logging v2
    if (method === 'GET' && (m = /^\/v2\/projects\/([^/]+)\/sinks$/.exec(path))) {
      count('logging.sinks.list');
      const p = projectOr403(m[1]!, 'logging.sinks.list');
      const all = (p.sinks ?? []).map((s) => ({ writerIdentity: `serviceAccount:service-${p.number}@gcp-sa-logging.iam.gserviceaccount.com`, createTime: '2026-01-15T10:00:00Z', ...s }));
      const { slice, next } = page(all, q, 'pageSize', 100, 200);
      return { ...(slice.length ? { sinks: slice } : {}), ...(next ? { nextPageToken: next } : {}) };
    }

    if (method === 'GET' && (m = /^\/v2\/(folders|organizations)\/(\d+)\/sinks$/.exec(path))) {
      count(`logging.${m[1]}.sinks.list`);
      const holder = m[1] === 'folders' ? world.folders?.find((f) => f.id === m![2]) : world.organizations?.find((o) => o.id === m![2]);
      if (!holder) throw new HttpError(403, 'PERMISSION_DENIED', `Permission 'logging.sinks.list' denied on resource '${m[1]}/${m[2]}'.`, 'forbidden');
      const { slice, next } = page(holder.sinks ?? [], q, 'pageSize', 100, 200);
      return { ...(slice.length ? { sinks: slice } : {}), ...(next ? { nextPageToken: next } : {}) };
    }

    if (method === 'GET' && (m = /^\/v2\/projects\/([^/]+)\/metrics$/.exec(path))) {
      count('logging.metrics.list');
      const p = projectOr403(m[1]!, 'logging.logMetrics.list');
      const all = (p.logMetrics ?? []).map((x) => ({ metricDescriptor: { metricKind: 'DELTA', valueType: 'INT64', type: `logging.googleapis.com/user/${x.name}` }, createTime: '2026-01-15T10:00:00Z', ...x }));
      const { slice, next } = page(all, q, 'pageSize', 100, 1000);
      return { ...(slice.length ? { metrics: slice } : {}), ...(next ? { nextPageToken: next } : {}) };
    }

    // ---- Monitoring v3
    if (method === 'GET' && (m = /^\/v3\/projects\/([^/]+)\/alertPolicies$/.exec(path))) {
      count('monitoring.alertPolicies.list');
      const p = projectOr403(m[1]!, 'monitoring.alertPolicies.list');
      const all = (p.alertPolicies ?? []).map((a, i) => ({ name: `projects/${p.id}/alertPolicies/${9000 + i}`, combiner: 'OR', enabled: true, ...a }));
      const { slice, next } = page(all, q, 'pageSize', 100, 1000);
      return { ...(slice.length ? { alertPolicies: slice } : {}), ...(next ? { nextPageToken: next } : {}), totalSize: all.length };
    }

    // ---- Cloud KMS v1
    if (method === 'GET' && (m = /^\/v1\/projects\/([^/]+)\/locations$/.exec(path))) {
      count('cloudkms.locations.list');
      const p = projectOr403(m[1]!, 'cloudkms.locations.list');
      const all = KMS_LOCATIONS.map((l) => ({ name: `projects/${p.id}/locations/${l}`, locationId: l, displayName: l }));
      const { slice, next } = page(all, q, 'pageSize', 100, 100);
      return { locations: slice, ...(next ? { nextPageToken: next } : {}) };
    }
    if (method === 'GET' && (m = /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/keyRings$/.exec(path))) {
      count('cloudkms.keyRings.list');
      const p = projectOr403(m[1]!, 'cloudkms.keyRings.list');
      const loc = decodeURIComponent(m[2]!);
      if (!KMS_LOCATIONS.includes(loc)) throw new HttpError(404, 'NOT_FOUND', `Location ${loc} is not found or not supported.`, 'notFound');
      const all = (p.keyRings ?? []).filter((r) => r.location === loc).map((r) => ({ name: `projects/${p.id}/locations/${loc}/keyRings/${r.name}`, createTime: '2025-06-01T00:00:00Z' }));
      const { slice, next } = page(all, q, 'pageSize', 1000, 1000);
      return { ...(slice.length ? { keyRings: slice } : {}), ...(next ? { nextPageToken: next } : {}), totalSize: all.length };
    }
    if (method === 'GET' && (m = /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/keyRings\/([^/]+)\/cryptoKeys$/.exec(path))) {
      count('cloudkms.cryptoKeys.list');
      const p = projectOr403(m[1]!, 'cloudkms.cryptoKeys.list');
      const ring = p.keyRings?.find((r) => r.location === decodeURIComponent(m![2]!) && r.name === decodeURIComponent(m![3]!));
      if (!ring) throw new HttpError(404, 'NOT_FOUND', 'KeyRing not found.', 'notFound');
      const all = ring.keys.map((k) => {
        const { iamPolicy: _p, ...meta } = k;
        return { purpose: 'ENCRYPT_DECRYPT', createTime: '2025-06-01T00:00:00Z', versionTemplate: { protectionLevel: 'SOFTWARE', algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION' }, ...meta, name: `projects/${p.id}/locations/${ring.location}/keyRings/${ring.name}/cryptoKeys/${k.name}` };
      });
      const { slice, next } = page(all, q, 'pageSize', 1000, 1000);
      return { ...(slice.length ? { cryptoKeys: slice } : {}), ...(next ? { nextPageToken: next } : {}), totalSize: all.length };
    }
    if (method === 'GET' && (m = /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/keyRings\/([^/]+)\/cryptoKeys\/([^/:]+):getIamPolicy$/.exec(path))) {
      count('cloudkms.cryptoKeys.getIamPolicy');
      const p = projectOr403(m[1]!, 'cloudkms.cryptoKeys.getIamPolicy');
      const key = p.keyRings?.find((r) => r.location === m![2] && r.name === m![3])?.keys.find((k) => k.name === m![4]);
      if (!key) throw new HttpError(404, 'NOT_FOUND', 'CryptoKey not found.', 'notFound');
      return policyBody(key.iamPolicy, Number(q.get('options.requestedPolicyVersion') ?? 1), path);
    }

    // ---- Service Usage v1, Access Approval v1
    if (method === 'GET' && (m = /^\/v1\/projects\/([^/]+)\/services\/([^/]+)$/.exec(path))) {
      count('serviceusage.services.get');
      const p = projectOr403(m[1]!, 'serviceusage.services.get');
      const svc = decodeURIComponent(m[2]!);
      return { name: `projects/${p.number}/services/${svc}`, parent: `projects/${p.number}`, config: { name: svc, title: svc }, state: p.enabledServices?.includes(svc) ? 'ENABLED' : 'DISABLED' };
    }
    if (method === 'GET' && (m = /^\/v1\/projects\/([^/]+)\/accessApprovalSettings$/.exec(path))) {
      count('accessapproval.projects.getAccessApprovalSettings');
      const p = projectOr403(m[1]!, 'accessapproval.settings.get');
      return { name: `projects/${p.id}/accessApprovalSettings`, ...(p.accessApproval ?? {}) };
    }

    // ---- Essential Contacts v1: contacts:compute (the project's and its ancestors', for the categories asked)
    if (method === 'GET' && (m = /^\/v1\/projects\/([^/]+)\/contacts:compute$/.exec(path))) {
      count('essentialcontacts.contacts.compute');
      const p = projectOr403(m[1]!, 'essentialcontacts.contacts.list');
      const wanted = q.getAll('notificationCategories');
      if (!wanted.length) throw new HttpError(400, 'INVALID_ARGUMENT', 'notification_categories is required.', 'badRequest');
      const orgId = p.parent?.startsWith('organizations/') ? p.parent.slice(14) : world.folders?.find((f) => `folders/${f.id}` === p.parent)?.parent.slice(14);
      const org = world.organizations?.find((o) => o.id === orgId);
      const all = [
        ...(p.essentialContacts ?? []).map((c, i) => ({ name: `projects/${p.number}/contacts/${i + 1}`, ...c })),
        ...(org?.essentialContacts ?? []).map((c, i) => ({ name: `organizations/${org!.id}/contacts/${i + 1}`, ...c })),
      ]
        .filter((c) => c.notificationCategorySubscriptions.some((s) => s === 'ALL' || wanted.includes(s)))
        .map((c) => ({ languageTag: 'en', validationState: 'VALID', validateTime: '2026-01-01T00:00:00Z', ...c }));
      const { slice, next } = page(all, q, 'pageSize', 50, 100);
      return { ...(slice.length ? { contacts: slice } : {}), ...(next ? { nextPageToken: next } : {}) };
    }

    // ---- Cloud DNS v1
    if (method === 'GET' && (m = /^\/dns\/v1\/projects\/([^/]+)\/managedZones$/.exec(path))) {
      count('dns.managedZones.list');
      const p = projectOr403(m[1]!, 'dns.managedZones.list');
      const all = (p.managedZones ?? []).map((z, i) => ({ kind: 'dns#managedZone', id: String(4000 + i), creationTime: '2025-06-01T00:00:00.000Z', nameServers: ['ns-cloud-a1.googledomains.com.'], visibility: 'public', ...z }));
      const { slice, next } = page(all, q, 'maxResults', 1000, 1000);
      return { kind: 'dns#managedZonesListResponse', managedZones: slice, ...(next ? { nextPageToken: next } : {}) };
    }

    if (method === 'GET' && (m = /^\/dns\/v1\/projects\/([^/]+)\/policies$/.exec(path))) {
      count('dns.policies.list');
      const p = projectOr403(m[1]!, 'dns.policies.list');
      const all = (p.dnsPolicies ?? []).map((x, i) => ({
        kind: 'dns#policy',
        id: String(5000 + i),
        enableInboundForwarding: false,
        enableLogging: false,
        ...x,
        networks: (x.networks ?? []).map((n) => ({ kind: 'dns#policyNetwork', networkUrl: `https://www.googleapis.com/compute/v1/projects/${p.id}/global/networks/${n}` })),
      }));
      const { slice, next } = page(all, q, 'maxResults', 1000, 1000);
      return { kind: 'dns#policiesListResponse', policies: slice, ...(next ? { nextPageToken: next } : {}) };
    }

    // ---- Dataproc v1 (clusters per region; the API has no project-wide list)
    if (method === 'GET' && (m = /^\/v1\/projects\/([^/]+)\/regions\/([^/]+)\/clusters$/.exec(path))) {
      count('dataproc.clusters.list');
      const p = projectOr403(m[1]!, 'dataproc.clusters.list');
      const region = decodeURIComponent(m[2]!);
      if (!(p.regions ?? DEFAULT_REGIONS).includes(region) && region !== 'global') throw new HttpError(400, 'INVALID_ARGUMENT', `Region '${region}' is invalid.`, 'badRequest');
      const all = (p.dataprocClusters ?? [])
        .filter((c) => c.region === region)
        .map(({ region: _r, ...c }) => ({ projectId: p.id, clusterUuid: `uuid-${c.clusterName}`, status: { state: 'RUNNING' }, ...c }));
      const { slice, next } = page(all, q, 'pageSize', 100, 100);
      return { ...(slice.length ? { clusters: slice } : {}), ...(next ? { nextPageToken: next } : {}) };
    }

    // ---- BigQuery v2
    if (method === 'GET' && (m = /^\/bigquery\/v2\/projects\/([^/]+)\/datasets$/.exec(path))) {
      count('bigquery.datasets.list');
      const p = projectOr403(m[1]!, 'bigquery.datasets.get');
      const all = (p.datasets ?? []).map((d) => ({ kind: 'bigquery#dataset', id: `${p.id}:${d.datasetId}`, datasetReference: { datasetId: d.datasetId, projectId: p.id }, location: d.location ?? 'US' }));
      const { slice, next } = page(all, q, 'maxResults', 50, 1000);
      return { kind: 'bigquery#datasetList', etag: 'e', ...(slice.length ? { datasets: slice } : {}), ...(next ? { nextPageToken: next } : {}) };
    }
    if (method === 'GET' && (m = /^\/bigquery\/v2\/projects\/([^/]+)\/datasets\/([^/]+)\/tables$/.exec(path))) {
      count('bigquery.tables.list');
      const p = projectOr403(m[1]!, 'bigquery.tables.list');
      const d = p.datasets?.find((x) => x.datasetId === decodeURIComponent(m![2]!));
      if (!d) throw new HttpError(404, 'NOT_FOUND', `Not found: Dataset ${p.id}:${m[2]}`, 'notFound');
      // The list's summary (no encryption settings, as Google's).
      const all = (d.tables ?? []).map((t) => ({
        kind: 'bigquery#table',
        id: `${p.id}:${d.datasetId}.${t.tableId}`,
        tableReference: { projectId: p.id, datasetId: d.datasetId, tableId: t.tableId },
        type: t.type ?? 'TABLE',
        creationTime: '1735689600000',
      }));
      const { slice, next } = page(all, q, 'maxResults', 50, 1000);
      return { kind: 'bigquery#tableList', etag: 'e', totalItems: all.length, ...(slice.length ? { tables: slice } : {}), ...(next ? { nextPageToken: next } : {}) };
    }
    if (method === 'GET' && (m = /^\/bigquery\/v2\/projects\/([^/]+)\/datasets\/([^/]+)\/tables\/([^/]+)(\/data)?$/.exec(path))) {
      const rows = m[4] !== undefined;
      count(rows ? 'bigquery.tabledata.list' : 'bigquery.tables.get');
      const p = projectOr403(m[1]!, rows ? 'bigquery.tables.getData' : 'bigquery.tables.get');
      const d = p.datasets?.find((x) => x.datasetId === decodeURIComponent(m![2]!));
      const t = d?.tables?.find((x) => x.tableId === decodeURIComponent(m![3]!));
      if (!d || !t) throw new HttpError(404, 'NOT_FOUND', `Not found: Table ${p.id}:${m[2]}.${m[3]}`, 'notFound');
      const { tableId, rows: data, ...rest } = t;
      // Served as Google does, so a test can prove vouch never asks.
      if (rows) return { kind: 'bigquery#tableDataList', totalRows: String((data ?? []).length), rows: data ?? [] };
      return {
        kind: 'bigquery#table',
        id: `${p.id}:${d.datasetId}.${tableId}`,
        selfLink: `${base}/bigquery/v2/projects/${p.id}/datasets/${d.datasetId}/tables/${tableId}`,
        tableReference: { projectId: p.id, datasetId: d.datasetId, tableId },
        schema: { fields: [{ name: 'email', type: 'STRING' }] },
        numRows: String((data ?? []).length),
        creationTime: '1735689600000',
        location: d.location ?? 'US',
        type: 'TABLE',
        ...rest,
      };
    }
    if (method === 'GET' && (m = /^\/bigquery\/v2\/projects\/([^/]+)\/datasets\/([^/]+)$/.exec(path))) {
      count('bigquery.datasets.get');
      const p = projectOr403(m[1]!, 'bigquery.datasets.get');
      const d = p.datasets?.find((x) => x.datasetId === decodeURIComponent(m![2]!));
      if (!d) throw new HttpError(404, 'NOT_FOUND', `Not found: Dataset ${p.id}:${m[2]}`, 'notFound');
      const { datasetId, tables: _tables, ...rest } = d;
      return {
        kind: 'bigquery#dataset',
        id: `${p.id}:${datasetId}`,
        selfLink: `${base}/bigquery/v2/projects/${p.id}/datasets/${datasetId}`,
        datasetReference: { datasetId, projectId: p.id },
        creationTime: '1735689600000',
        lastModifiedTime: '1735689600000',
        location: 'US',
        access: [{ role: 'OWNER', specialGroup: 'projectOwners' }, { role: 'READER', specialGroup: 'projectReaders' }],
        ...rest,
      };
    }

    // ---- API Keys v2
    if (method === 'GET' && (m = /^\/v2\/projects\/([^/]+)\/locations\/global\/keys$/.exec(path))) {
      count('apikeys.keys.list');
      const p = projectOr403(m[1]!, 'apikeys.keys.list');
      const all = (p.apiKeys ?? []).map((k) => {
        const { keyString: _secret, id, ...meta } = k;
        return { name: `projects/${p.number}/locations/global/keys/${id}`, uid: id, createTime: '2025-01-01T00:00:00Z', updateTime: '2025-01-01T00:00:00Z', etag: 'W/"k"', ...meta };
      });
      const { slice, next } = page(all, q, 'pageSize', 300, 300);
      return { ...(slice.length ? { keys: slice } : {}), ...(next ? { nextPageToken: next } : {}) };
    }
    if (method === 'GET' && (m = /^\/v2\/projects\/([^/]+)\/locations\/global\/keys\/([^/]+)\/keyString$/.exec(path))) {
      // Served as Google does, so a test can prove vouch never asks.
      count('apikeys.keys.getKeyString');
      const p = [...projects.values()].find((x) => x.number === m![1] || x.id === m![1]);
      const k = p?.apiKeys?.find((x) => x.id === m![2]);
      if (!k) throw new HttpError(404, 'NOT_FOUND', 'Key not found.', 'notFound');
      return { keyString: k.keyString ?? 'AIzaSy-fixture-not-a-real-key-000000000' };
    }

    // ---- Resource Manager v3
    if (method === 'GET' && (m = /^\/v3\/projects\/([a-z][a-z0-9-]+)$/.exec(path))) {
      count('cloudresourcemanager.projects.get');
      const p = projectOr403(m[1]!, 'resourcemanager.projects.get');
      return projectResource(p);
    }
    if (method === 'GET' && path === '/v3/projects') {
      count('cloudresourcemanager.projects.list');
      const parent = q.get('parent');
      if (!parent) throw new HttpError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument: parent is required.', 'badRequest');
      assertParentExists(parent);
      const showDeleted = q.get('showDeleted') === 'true';
      const all = [...projects.values()].filter((p) => p.parent === parent && (showDeleted || (p.state ?? 'ACTIVE') === 'ACTIVE')).map(projectResource);
      const { slice, next } = page(all, q, 'pageSize', 500, 1000);
      return { ...(slice.length ? { projects: slice } : {}), ...(next ? { nextPageToken: next } : {}) };
    }
    if (method === 'GET' && path === '/v3/folders') {
      count('cloudresourcemanager.folders.list');
      const parent = q.get('parent');
      if (!parent) throw new HttpError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument: parent is required.', 'badRequest');
      assertParentExists(parent);
      const all = (world.folders ?? []).filter((f) => f.parent === parent).map(folderResource);
      const { slice, next } = page(all, q, 'pageSize', 500, 1000);
      return { ...(slice.length ? { folders: slice } : {}), ...(next ? { nextPageToken: next } : {}) };
    }
    if (method === 'GET' && (m = /^\/v3\/folders\/(\d+)$/.exec(path))) {
      count('cloudresourcemanager.folders.get');
      const f = world.folders?.find((x) => x.id === m![1]);
      if (!f) throw new HttpError(403, 'PERMISSION_DENIED', `Permission 'resourcemanager.folders.get' denied on resource 'folders/${m[1]}' (or it may not exist).`, 'forbidden');
      return folderResource(f);
    }
    if (method === 'GET' && (m = /^\/v3\/organizations\/(\d+)$/.exec(path))) {
      count('cloudresourcemanager.organizations.get');
      const o = world.organizations?.find((x) => x.id === m![1]);
      if (!o) throw new HttpError(403, 'PERMISSION_DENIED', `Permission 'resourcemanager.organizations.get' denied on resource 'organizations/${m[1]}' (or it may not exist).`, 'forbidden');
      return { name: `organizations/${o.id}`, displayName: o.displayName ?? `org-${o.id}`, state: 'ACTIVE', directoryCustomerId: 'C0abc123' };
    }
    if (method === 'POST' && (m = /^\/v3\/(projects|folders|organizations)\/([^/:]+):getIamPolicy$/.exec(path))) {
      const kind = m[1]!;
      count(`cloudresourcemanager.${kind}.getIamPolicy`);
      let requested = 1;
      try {
        requested = Number(JSON.parse(body || '{}')?.options?.requestedPolicyVersion ?? 1);
      } catch {
        throw new HttpError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.', 'badRequest');
      }
      const id = decodeURIComponent(m[2]!);
      const policy =
        kind === 'projects' ? projectOr403(id, 'resourcemanager.projects.getIamPolicy').iamPolicy
        : kind === 'folders' ? world.folders?.find((f) => f.id === id)?.iamPolicy
        : world.organizations?.find((o) => o.id === id)?.iamPolicy;
      return policyBody(policy, requested, `${kind}/${id}`);
    }
    throw new HttpError(404, 'NOT_FOUND', `The requested URL ${path} was not found on this server.`, 'notFound');
  }

  function assertParentExists(parent: string) {
    const [kind, id] = parent.split('/');
    const ok = kind === 'organizations' ? world.organizations?.some((o) => o.id === id) : kind === 'folders' ? world.folders?.some((f) => f.id === id) : false;
    if (!ok) throw new HttpError(403, 'PERMISSION_DENIED', `The caller does not have permission`, 'forbidden');
  }

  function projectResource(p: ProjectWorld & { number: string }): Rest {
    return {
      name: `projects/${p.number}`,
      parent: p.parent,
      projectId: p.id,
      state: p.state ?? 'ACTIVE',
      displayName: p.id,
      createTime: '2025-03-01T12:00:00.000Z',
      etag: `W/"${p.number}"`,
    };
  }

  function folderResource(f: NonNullable<GcpWorld['folders']>[number]): Rest {
    return { name: `folders/${f.id}`, parent: f.parent, displayName: f.displayName ?? `folder-${f.id}`, state: 'ACTIVE', createTime: '2025-01-01T00:00:00Z' };
  }

  function bucketResource(project: string, number: string, b: Rest & { name: string; iamPolicy?: Policy }): Rest {
    const { iamPolicy: _ignored, ...meta } = b;
    return {
      kind: 'storage#bucket',
      selfLink: `${base}/storage/v1/b/${b.name}`,
      id: b.name,
      projectNumber: number,
      metageneration: '1',
      location: 'US',
      locationType: 'multi-region',
      storageClass: 'STANDARD',
      etag: 'CAE=',
      timeCreated: '2026-01-10T09:00:00.000Z',
      updated: '2026-01-10T09:00:00.000Z',
      iamConfiguration: { uniformBucketLevelAccess: { enabled: false }, publicAccessPrevention: 'inherited' },
      softDeletePolicy: { retentionDurationSeconds: '604800', effectiveTime: '2026-01-10T09:00:00.000Z' },
      ...meta,
    };
    void project;
  }

  let requests = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => (options.latencyMs ? setTimeout(answer, options.latencyMs) : answer()));
    const answer = () => {
      requests++;
      const method = (req.method ?? 'GET').toUpperCase();
      const u = new URL(req.url ?? '/', base);
      const body = Buffer.concat(chunks).toString('utf8');
      const isRead = method === 'GET' || (method === 'POST' && /:getIamPolicy$/.test(u.pathname));
      if (!isRead) {
        // Accepted on purpose: if a write ever reached us, tests would see it here.
        writes.push({ method, path: u.pathname });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ kind: 'compute#operation', status: 'DONE' }));
        return;
      }
      if (!/^Bearer \S+$/.test(String(req.headers.authorization ?? ''))) {
        res.writeHead(401, { 'content-type': 'application/json; charset=UTF-8' });
        res.end(googleError(401, 'UNAUTHENTICATED', 'Request is missing required authentication credential. Expected OAuth 2 access token.', 'required'));
        return;
      }
      try {
        const out = handleRead(method, u, body);
        const payload = JSON.stringify(out);
        res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(payload) });
        res.end(payload);
      } catch (e) {
        const err = e instanceof HttpError ? e : new HttpError(500, 'INTERNAL', String((e as Error)?.message ?? e), 'backendError');
        res.writeHead(err.code, { 'content-type': 'application/json; charset=UTF-8' });
        res.end(googleError(err.code, err.status, err.message, err.reason));
      }
    };
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    calls,
    writes,
    get requests() {
      return requests;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

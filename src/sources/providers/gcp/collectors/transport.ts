/**
 * How vouch talks to Google APIs: endpoints, credentials, the read-only guard,
 * retries and error classification. Every request (Cloud Storage, Compute,
 * Resource Manager, Cloud SQL Admin, IAM and Logging, all sent by http.ts)
 * gets its credentials from one `ReadOnlyAuth`, and passes its guard before a
 * token is attached or a byte is sent (ReadOnlyAuth's own entry points run the
 * guard too, for any Google client handed one):
 *   - the method must be GET, or POST to one of the read-only RPCs listed in
 *     READ_ONLY_POSTS (getIamPolicy on projects/folders/organizations);
 *   - the URL must be on the endpoint configured for that API, so a token is
 *     never sent to a host vouch did not choose (this also defeats
 *     STORAGE_EMULATOR_HOST re-routing a Storage client).
 */
import type { GoogleAuth } from 'google-auth-library';
import { InputError } from '../../../../util/errors.js';
import { gcp } from '../index.js';

/** The `--endpoint` names: the APIs of the GCP declaration (../index.ts). */
export const GCP_APIS = gcp.endpointNames;
export type GcpApi = (typeof GCP_APIS)[number];

export const DEFAULT_ENDPOINTS: Record<GcpApi, string> = {
  storage: 'https://storage.googleapis.com',
  compute: 'https://compute.googleapis.com',
  sqladmin: 'https://sqladmin.googleapis.com',
  cloudresourcemanager: 'https://cloudresourcemanager.googleapis.com',
  iam: 'https://iam.googleapis.com',
  logging: 'https://logging.googleapis.com',
  monitoring: 'https://monitoring.googleapis.com',
  cloudkms: 'https://cloudkms.googleapis.com',
  dns: 'https://dns.googleapis.com',
  bigquery: 'https://bigquery.googleapis.com',
  apikeys: 'https://apikeys.googleapis.com',
  serviceusage: 'https://serviceusage.googleapis.com',
  accessapproval: 'https://accessapproval.googleapis.com',
  essentialcontacts: 'https://essentialcontacts.googleapis.com',
  dataproc: 'https://dataproc.googleapis.com',
};

/**
 * GETs that read a secret rather than metadata: refused like a write. API
 * Keys `keys.getKeyString` (`GET /v2/projects/P/locations/L/keys/K/keyString`)
 * returns the key itself; vouch judges keys from their metadata only. BigQuery
 * `tabledata.list` and `jobs.getQueryResults` return rows of data; vouch reads
 * table metadata (`tables.get`) only.
 */
export const REFUSED_GETS: readonly { api: GcpApi; path: RegExp; what: string }[] = [
  { api: 'apikeys', path: /\/keyString\/?$/i, what: 'API Keys getKeyString (the key itself)' },
  // BigQuery table rows (`tabledata.list`: GET .../datasets/D/tables/T/data) and query results
  // (`jobs.getQueryResults`: GET .../queries/JOB): data, never metadata. vouch reads table metadata only (tables.get).
  { api: 'bigquery', path: /\/tables\/[^/]+\/data\/?$/i, what: 'BigQuery tabledata.list (the rows of a table)' },
  { api: 'bigquery', path: /\/projects\/[^/]+\/queries(\/|$)/i, what: 'BigQuery jobs.getQueryResults (the rows of a query)' },
];

/** The only POST requests vouch makes: RPCs that read (they take options in a body). */
export const READ_ONLY_POSTS: readonly { api: GcpApi; path: RegExp; what: string }[] = [
  { api: 'cloudresourcemanager', path: /^\/v3\/(projects|folders|organizations)\/[^/]+:getIamPolicy$/, what: 'getIamPolicy (Resource Manager v3)' },
];

/** `OAuth scope`: read-only even if a write slipped past the guard. */
export const READ_ONLY_SCOPE = 'https://www.googleapis.com/auth/cloud-platform.read-only';
/** Sent to loopback endpoints only; never a real credential. */
export const DUMMY_TOKEN = 'vouch-loopback-dummy-token';

export class ReadOnlyViolation extends Error {
  override name = 'ReadOnlyViolation';
}

/** An API that is not routed to loopback while no Google credential was found: each of its calls fails with this. */
export class NoCredentials extends Error {
  override name = 'NoCredentials';
  readonly code = 'NO_CREDENTIALS';
}

export function isLoopback(url: URL): boolean {
  const h = url.hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** `--endpoint NAME=URL` values → per-API base URLs (no trailing slash). */
export function parseEndpoints(values: readonly string[] | undefined): Record<GcpApi, URL> {
  const out = Object.fromEntries(GCP_APIS.map((a) => [a, new URL(DEFAULT_ENDPOINTS[a])])) as Record<GcpApi, URL>;
  for (const v of values ?? []) {
    const eq = v.indexOf('=');
    const name = eq > 0 ? v.slice(0, eq) : '';
    if (!GCP_APIS.includes(name as GcpApi))
      throw new InputError(`--endpoint: expected API=URL with API one of ${GCP_APIS.join(', ')}, got '${v}'`);
    let url: URL;
    try {
      url = new URL(v.slice(eq + 1));
    } catch {
      throw new InputError(`--endpoint ${name}: '${v.slice(eq + 1)}' is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError(`--endpoint ${name}: only http(s) URLs are supported`);
    if (url.protocol === 'http:' && !isLoopback(url))
      throw new InputError(`--endpoint ${name}: plain http is only allowed to a loopback address (credentials would travel in clear text)`);
    if (url.username || url.password) throw new InputError(`--endpoint ${name}: credentials in the URL are not allowed`);
    if (url.search || url.hash) throw new InputError(`--endpoint ${name}: the URL must not have a query or fragment`);
    url.pathname = url.pathname.replace(/\/+$/, '');
    out[name as GcpApi] = url;
  }
  return out;
}

function methodOf(init: { method?: unknown } | undefined): string {
  return String(init?.method ?? 'GET').toUpperCase();
}

/**
 * Throws `ReadOnlyViolation` unless `method url` is a read on `base`.
 * Exported for tests; ReadOnlyAuth calls it for every request.
 */
export function assertReadOnly(api: GcpApi, base: URL, method: string, url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ReadOnlyViolation(`refused ${method} to '${url}': not an absolute URL`);
  }
  if (u.origin !== base.origin) throw new ReadOnlyViolation(`refused ${method} ${u.origin}${u.pathname}: not the ${api} endpoint ${base.origin}`);
  const m = method.toUpperCase();
  let decoded = u.pathname;
  try {
    decoded = decodeURIComponent(u.pathname);
  } catch {
    /* not percent-decodable: judged as written */
  }
  const refused = REFUSED_GETS.find((g) => g.api === api && (g.path.test(u.pathname) || g.path.test(decoded)));
  if (refused) throw new ReadOnlyViolation(`refused ${m} ${u.pathname}: ${refused.what} is never read`);
  if (m === 'GET') return;
  const prefix = base.pathname.replace(/\/+$/, '');
  if (prefix && !u.pathname.startsWith(prefix + '/')) throw new ReadOnlyViolation(`refused ${m} ${u.pathname}: outside the ${api} endpoint path ${prefix}`);
  const rel = u.pathname.slice(prefix.length) || '/';
  if (m === 'POST' && READ_ONLY_POSTS.some((p) => p.api === api && p.path.test(rel))) return;
  throw new ReadOnlyViolation(`refused ${m} ${u.pathname}: vouch only reads (GET, or the read-only RPCs getIamPolicy)`);
}

/** What vouch needs of a GoogleAuth for one API (see ReadOnlyAuth below). */
export interface ReadOnlyAuth extends GoogleAuth {
  readonly api: GcpApi;
  readonly base: URL;
}

type AuthLib = typeof import('google-auth-library');
let authLib: Promise<AuthLib> | undefined;
/** google-auth-library loads only when a GCP scan starts (CLI start-up stays lean). */
function loadAuthLib(): Promise<AuthLib> {
  return (authLib ??= import('google-auth-library'));
}

function defineReadOnlyAuth(lib: AuthLib) {
  /**
   * GoogleAuth for one API whose every entry point (fetch, request,
   * authorizeRequest: the ones the Google clients use) checks the guard first.
   */
  class ReadOnlyAuthImpl extends lib.GoogleAuth {
    constructor(
      readonly api: GcpApi,
      readonly base: URL,
      opts: ConstructorParameters<typeof GoogleAuth>[0],
    ) {
      super(opts);
    }

    override async fetch<T>(...args: Parameters<GoogleAuth['fetch']>): Promise<Awaited<ReturnType<GoogleAuth['fetch']>> & { data: T }> {
      const [input, init] = args as unknown[];
      let url: string;
      let method: unknown;
      if (typeof input === 'string' || input instanceof URL) {
        url = String(input);
        method = (init as { method?: string } | undefined)?.method;
      } else {
        // A Request, or gaxios options ({url, method}).
        const o = (input ?? {}) as { url?: unknown; method?: unknown };
        url = String(o.url ?? '');
        method = (init as { method?: string } | undefined)?.method ?? o.method;
      }
      assertReadOnly(this.api, this.base, String(method ?? 'GET'), url);
      return super.fetch<T>(...args) as never;
    }

    override async request<T>(opts: Parameters<GoogleAuth['request']>[0]): Promise<Awaited<ReturnType<GoogleAuth['request']>> & { data: T }> {
      assertReadOnly(this.api, this.base, methodOf(opts), String(opts.url ?? ''));
      return super.request<T>(opts) as never;
    }

    override async authorizeRequest(opts: Parameters<GoogleAuth['authorizeRequest']>[0] = {}): ReturnType<GoogleAuth['authorizeRequest']> {
      const o = opts as { url?: unknown; uri?: unknown; method?: unknown };
      assertReadOnly(this.api, this.base, methodOf(o), String(o.url ?? o.uri ?? ''));
      return super.authorizeRequest(opts);
    }
  }

  /**
   * The auth of an API that has no credential (none found, and the API is not
   * routed to loopback): every request fails before anything is sent, so the
   * API's checks are `unknown` "no credentials" while the routed APIs are read.
   */
  class NoCredentialAuth extends ReadOnlyAuthImpl {
    constructor(
      api: GcpApi,
      base: URL,
      private readonly why: string,
    ) {
      super(api, base, {});
    }
    private refuse(): never {
      throw new NoCredentials(`no credentials for ${this.api} (${this.base.origin}): ${this.why}`);
    }
    override async getRequestHeaders(): Promise<never> {
      this.refuse();
    }
    override async getClient(): Promise<never> {
      this.refuse();
    }
    override async fetch<T>(...args: Parameters<GoogleAuth['fetch']>): Promise<never> {
      void args;
      this.refuse();
    }
    override async request<T>(opts: Parameters<GoogleAuth['request']>[0]): Promise<never> {
      assertReadOnly(this.api, this.base, methodOf(opts), String(opts.url ?? ''));
      this.refuse();
    }
    override async authorizeRequest(): Promise<never> {
      this.refuse();
    }
  }

  return { ReadOnlyAuthImpl, NoCredentialAuth };
}

/**
 * Why Application Default Credentials could not be loaded, in words that never
 * quote the credential file: a JSON syntax error message carries a snippet of
 * the text it failed on, which may be key material.
 */
function whyNoCredentials(e: unknown): string {
  const err = e as { name?: unknown; code?: unknown; message?: unknown };
  const msg = typeof err?.message === 'string' ? err.message : '';
  if (/could not load the default credentials/i.test(msg)) return 'none found: no GOOGLE_APPLICATION_CREDENTIALS, no gcloud application-default login, no metadata server';
  if (err?.code === 'ENOENT') return 'the file GOOGLE_APPLICATION_CREDENTIALS names does not exist';
  if (err?.name === 'SyntaxError') return 'the credential file is not valid JSON';
  const missing = /does not contain an? ['"]?(\w{1,40})['"]? field/.exec(msg);
  if (missing) return `the credential file has no ${missing[1]} field`;
  const code = typeof err?.code === 'string' && /^[A-Z_]{2,40}$/.test(err.code) ? ` ${err.code}` : '';
  return `the credential could not be read: ${typeof err?.name === 'string' ? err.name : 'Error'}${code}`;
}

/**
 * One ReadOnlyAuth per API. Loopback endpoints get a dummy token (no Google
 * credentials needed, none read); any other endpoint gets Application Default
 * Credentials with the read-only scope. A dummy token never leaves loopback
 * and a real token never goes to loopback.
 *
 * The ADC credential is resolved once, before any request, and shared by every
 * API: one credential lookup (one metadata-server probe), one token, refreshed
 * in one place. No credential at all is an InputError (one clear line, exit 2,
 * as for AWS) rather than every call of the scan failing on its own.
 */
export async function makeAuths(endpoints: Record<GcpApi, URL>): Promise<Record<GcpApi, ReadOnlyAuth>> {
  const lib = await loadAuthLib();
  const { ReadOnlyAuthImpl, NoCredentialAuth } = defineReadOnlyAuth(lib);
  const out = {} as Record<GcpApi, ReadOnlyAuth>;
  const routed = GCP_APIS.filter((api) => isLoopback(endpoints[api]));
  let adc: Promise<{ client: Awaited<ReturnType<GoogleAuth['getClient']>> } | { why: string }> | undefined;
  for (const api of GCP_APIS) {
    const base = endpoints[api];
    if (isLoopback(base)) {
      const client = new lib.OAuth2Client();
      client.setCredentials({ access_token: DUMMY_TOKEN, expiry_date: Date.now() + 24 * 3600_000 });
      out[api] = new ReadOnlyAuthImpl(api, base, { authClient: client });
      continue;
    }
    adc ??= new lib.GoogleAuth({ scopes: [READ_ONLY_SCOPE] })
      .getClient()
      .then((client) => ({ client }))
      .catch((e: unknown) => ({ why: whyNoCredentials(e) }));
    const got = await adc;
    if ('client' in got) out[api] = new ReadOnlyAuthImpl(api, base, { authClient: got.client });
    else if (routed.length === 0)
      // Nothing could be read at all: one clear line (exit 2), as for AWS.
      throw new InputError(
        `gcp: no Google credentials (${got.why}): set GOOGLE_APPLICATION_CREDENTIALS to a key or credential configuration file, run 'gcloud auth application-default login', or run with an attached service account`,
      );
    // Some APIs are routed to loopback (no credential needed there): they are read, and this one is `unknown`.
    else out[api] = new NoCredentialAuth(api, base, got.why);
  }
  return out;
}

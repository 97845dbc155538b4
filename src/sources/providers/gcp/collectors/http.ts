/**
 * The requests of a GCP scan (Cloud Storage JSON API reads and the Compute,
 * Cloud SQL Admin, Resource Manager, IAM and Logging REST calls): one
 * keep-alive `node:http(s)` request per call, the credential's headers from
 * the API's ReadOnlyAuth, the guard first.
 *
 * Why not the Google libraries' request stacks: at 8 requests in flight on a
 * ~22 ms round trip, every millisecond the one JS thread spends elsewhere
 * delays a request slot; `@google-cloud/storage`'s stack cost ~1 ms of CPU per
 * call above a bare GET and ~0.3 s of loading before the first bucket list
 * (docs/gcp.md has the measurements). What the libraries did beyond the
 * request, vouch already configured or did itself: credentials come from
 * google-auth-library either way, endpoints from `--endpoint`, retries and
 * error classification from GcpContext.call and errors.ts.
 *
 * What this path does, and what it deliberately does not:
 * - the guard (`assertReadOnly`) runs before a header is asked for or a byte
 *   is sent, exactly as on ReadOnlyAuth's own entry points;
 * - credentials: `ReadOnlyAuth.getRequestHeaders` (ADC, refresh, the dummy
 *   loopback token), reused for HEADER_REUSE_MS; see HeaderCache;
 * - no redirects are followed (Google's JSON APIs do not redirect; a 3xx is an
 *   error, so a token never follows a Location header);
 * - answers are read up to MAX_BODY_BYTES, gzip/deflate decoded;
 * - a proxy from the environment (`HTTPS_PROXY` for https endpoints,
 *   `HTTP_PROXY` for http ones, either case, lower case first; `NO_PROXY`
 *   exempts hosts): the request is tunnelled with CONNECT through
 *   `https-proxy-agent` (the proxy agent gaxios uses), so the proxy sees the
 *   host and port, never the token or the answer of an https endpoint; see
 *   proxyFor.
 * Retries, deadlines and error classification stay in GcpContext.call and
 * errors.ts: a non-2xx answer is thrown in the shape they already read
 * (`status`, `response.data` = the Google error body).
 */
import type { SourceEnv } from '../../common/env.js';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { assertReadOnly, type GcpApi, type ReadOnlyAuth } from './transport.js';
import { checkAnswer } from '../../common/answers.js';
import { InputError } from '../../../../util/errors.js';
import { retryAfterMs } from '../../common/retry.js';

/** How long one set of credential headers serves one API's requests. */
export const HEADER_REUSE_MS = 30_000;
/** The largest answer vouch reads (the largest real page, 500 instances, is a few MB). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * A credential's headers, reused for HEADER_REUSE_MS. Safe because every URL
 * that passes the guard is on the API's one configured endpoint, so the
 * headers (an access token, or a self-signed JWT whose audience is that
 * endpoint) are the same for all of them, and google-auth-library renews a
 * token 5 minutes before it expires, far longer than the reuse window. A
 * failure is not reused. Callers get a fresh copy each time.
 */
export class HeaderCache {
  private cached?: { until: number; headers: Promise<Record<string, string>> };
  constructor(private readonly auth: ReadOnlyAuth) {}

  async get(url: string): Promise<Record<string, string>> {
    const now = Date.now();
    let c = this.cached;
    if (!c || now >= c.until) {
      const headers = this.auth.getRequestHeaders(url).then((h) => {
        const out: Record<string, string> = {};
        h.forEach((v, k) => (out[k] = v));
        return out;
      });
      this.cached = c = { until: now + HEADER_REUSE_MS, headers };
      headers.catch(() => {
        if (this.cached === c) this.cached = undefined;
      });
    }
    return { ...(await c.headers) };
  }
}

/**
 * The proxy `url` goes through, from the environment, or undefined (direct).
 * As curl and most tools read them: `https_proxy`/`HTTPS_PROXY` for https
 * URLs, `http_proxy`/`HTTP_PROXY` for http ones (lower case wins, blank is
 * unset); `no_proxy`/`NO_PROXY` is a comma or space separated list of host
 * names (a name also covers its subdomains; a leading `.` or `*.` is the same),
 * IP addresses, each optionally with `:port`, or `*` for every host.
 */
export function proxyFor(url: URL, env: SourceEnv): URL | undefined {
  const scheme = url.protocol === 'https:' ? 'https' : 'http';
  const value = [env[`${scheme}_proxy`], env[`${scheme.toUpperCase()}_PROXY`]].map((v) => (v ?? '').trim()).find((v) => v !== '');
  if (!value) return undefined;
  if (bypassed(url, (env.no_proxy ?? '').trim() || (env.NO_PROXY ?? '').trim())) return undefined;
  let proxy: URL;
  try {
    // A bare `host:port` (as some tools accept) means an http proxy.
    proxy = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    throw new InputError(`${scheme.toUpperCase()}_PROXY is not a URL`);
  }
  if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:') throw new InputError(`${scheme.toUpperCase()}_PROXY: only http:// and https:// proxies are supported, got ${proxy.protocol}//`);
  return proxy;
}

function bypassed(url: URL, noProxy: string): boolean {
  if (!noProxy) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    let entryPort: string | undefined;
    const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry);
    if (m) [entry, entryPort] = [m[1]!, m[2]];
    entry = entry.replace(/^\[|\]$/g, '').replace(/^\*?\./, '');
    if (entryPort && entryPort !== port) continue;
    if (host === entry || host.endsWith(`.${entry}`)) return true;
  }
  return false;
}

/** A proxy URL as it may be shown: no user or password. */
export function proxyLabel(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`;
}

/** A non-2xx answer, in the shape errors.ts reads (like a GaxiosError). */
export class GcpHttpError extends Error {
  override name = 'GcpHttpError';
  readonly response: { status: number; data: unknown };
  constructor(
    readonly status: number,
    data: unknown,
    /** The answer's Retry-After, ms (the retry policy waits at least this long). */
    readonly retryAfterMs?: number,
  ) {
    super(`the server answered HTTP ${status}`);
    this.response = { status, data };
  }
}

function badResponse(message: string): Error {
  return Object.assign(new Error(message), { code: 'BAD_RESPONSE' });
}

/** The body as text (decoded, bounded); rejects on a stream error. */
function readBody(res: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
  let stream: Readable = res;
  if (encoding === 'gzip' || encoding === 'x-gzip') stream = res.pipe(createGunzip());
  else if (encoding === 'deflate') stream = res.pipe(createInflate());
  else if (encoding && encoding !== 'identity') {
    // Not drained: an unreadable body could be endless; the socket is dropped instead of reused.
    res.destroy();
    return Promise.reject(badResponse(`unsupported content-encoding '${encoding.slice(0, 20)}'`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        res.destroy();
        stream.destroy();
        reject(badResponse(`answer larger than ${Math.round(maxBytes / 1048576)} MiB`));
        return;
      }
      chunks.push(c);
    });
    stream.on('end', () => resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')));
    if (stream === res) res.on('error', reject);
    else {
      // A body the decoder cannot read (corrupt or cut short) is a bad answer, not an unknown error.
      stream.on('error', (e: Error) => reject(badResponse(`cannot decode the ${encoding} body: ${e.message}`)));
      res.on('error', (e) => {
        stream.destroy();
        reject(e);
      });
    }
  });
}

/** JSON.parse that reports a body that is not JSON as BAD_RESPONSE (never an empty list). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw badResponse(`expected JSON, got text '${text.slice(0, 40)}'`);
  }
}

export interface GcpHttpRequest {
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
  signal?: AbortSignal;
  /** Size bound of the answer (default MAX_BODY_BYTES). */
  maxBytes?: number;
}

type ProxyAgentLib = typeof import('https-proxy-agent');
let proxyAgentLib: Promise<ProxyAgentLib> | undefined;

/**
 * One scan's transport: one keep-alive agent per scheme (or per proxy and
 * scheme), one header cache per API. `env` is where the proxy settings are
 * read (once per endpoint origin).
 */
export class GcpHttp {
  private readonly http = new HttpAgent({ keepAlive: true });
  private readonly https = new HttpsAgent({ keepAlive: true });
  private readonly proxied = new Map<string, Promise<HttpAgent>>();
  private readonly routes = new Map<string, URL | undefined>();
  private readonly headers = new Map<GcpApi, HeaderCache>();

  constructor(
    private readonly auths: Record<GcpApi, ReadOnlyAuth>,
    private readonly userAgent: string,
    private readonly env: SourceEnv = {},
  ) {}

  /** The proxy requests to `url`'s origin go through, or undefined (direct). */
  proxyOf(url: URL): URL | undefined {
    if (!this.routes.has(url.origin)) this.routes.set(url.origin, proxyFor(url, this.env));
    return this.routes.get(url.origin);
  }

  private async agentFor(url: URL): Promise<HttpAgent> {
    const secure = url.protocol === 'https:';
    const proxy = this.proxyOf(url);
    if (!proxy) return secure ? this.https : this.http;
    const key = `${proxy.href} ${url.protocol}`;
    let agent = this.proxied.get(key);
    if (!agent) {
      // Loaded only when a proxy is in use; a CONNECT tunnel for http and https endpoints alike.
      agent = (proxyAgentLib ??= import('https-proxy-agent')).then(({ HttpsProxyAgent }) => new HttpsProxyAgent(proxy, { keepAlive: true }) as unknown as HttpAgent);
      agent.catch(() => this.proxied.delete(key));
      this.proxied.set(key, agent);
    }
    return agent;
  }

  /** The guard, the credential, one request; the JSON answer (any JSON; the caller checks its shape). */
  async json(api: GcpApi, req: GcpHttpRequest): Promise<unknown> {
    return parseJson(await this.text(api, req));
  }

  /** As `json`, the answer's text (checked to be whole JSON, not parsed). */
  async text(api: GcpApi, req: GcpHttpRequest): Promise<string> {
    const auth = this.auths[api];
    assertReadOnly(api, auth.base, req.method, req.url);
    let cache = this.headers.get(api);
    if (!cache) this.headers.set(api, (cache = new HeaderCache(auth)));
    const headers = await cache.get(req.url);
    headers['accept'] = 'application/json';
    headers['accept-encoding'] = 'gzip, deflate';
    headers['user-agent'] = this.userAgent;
    const payload = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    const url = new URL(req.url);
    const secure = url.protocol === 'https:';
    const agent = await this.agentFor(url);
    req.signal?.throwIfAborted();
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const r = (secure ? httpsRequest : httpRequest)(url, { method: req.method, headers, agent, signal: req.signal }, resolve);
      r.on('error', reject);
      r.end(payload);
    });
    const status = res.statusCode ?? 0;
    const text = await readBody(res, req.maxBytes);
    if (status >= 200 && status < 300) {
      // The shared answer policy: empty, HTML, foreign or cut-short answers are BAD_RESPONSE.
      checkAnswer({ status, method: req.method, contentType: String(res.headers['content-type'] ?? ''), body: text, expect: 'json', what: `${req.method} ${url.origin}${url.pathname}` });
      return text;
    }
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      // an HTML error page: classify() falls back to the HTTP status
    }
    throw new GcpHttpError(status, data, retryAfterMs(res.headers['retry-after']));
  }

  /** Close idle keep-alive sockets (the scan is over). */
  close(): void {
    this.http.destroy();
    this.https.destroy();
    for (const agent of this.proxied.values()) void agent.then((a) => a.destroy(), () => undefined);
    this.proxied.clear();
  }
}

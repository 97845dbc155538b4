/**
 * A small typed client for the DigitalOcean v2 API over Node's fetch.
 *
 * Why not a published client: see docs/digitalocean.md ("Dependency notes").
 * What this one guarantees, and the tests prove:
 * - read-only by construction: only GET leaves the process; any other method
 *   throws before a request is built;
 * - every list is followed to its last page through `links.pages.next`, and a
 *   `next` link that leaves the API's origin or path is refused;
 *   `meta.total` larger than what the pages held is an error, never a
 *   silently short list;
 * - 429s wait for `ratelimit-reset` (bounded), 5xx and time-outs retry a few
 *   times, every attempt has a time-out (AbortSignal);
 * - the token lives in a private field and goes only into the Authorization
 *   header; error messages are scrubbed of it.
 */
import { Readable } from 'node:stream';
import { looksLikeSecretValue, REDACTED } from '../../../../lib/secrets.js';
import { BadResponse, MAX_ANSWER_BYTES, checkAnswer, readBounded } from '../../common/answers.js';
import { anySignal, runSignal, RunStopped } from '../../common/deadline.js';
import { backoffMs, retryAfterMs, withRetry } from '../../common/retry.js';

export const DEFAULT_API = 'https://api.digitalocean.com';
/** The API's maximum page size (OpenAPI `per_page` maximum). */
export const MAX_PER_PAGE = 200;

export interface DoClientOptions {
  token: string;
  /** Base URL of the API (no `/v2`); `--endpoint api=URL` routes it to a local server. */
  baseUrl?: string;
  /** Time-out of one attempt, ms. */
  timeoutMs?: number;
  /** Retries after a 429, 5xx, time-out or reset connection. */
  maxRetries?: number;
  /** Longest single wait for a rate-limit reset, ms; a longer reset gives up. */
  maxRateLimitWaitMs?: number;
  /** Called for each request actually sent (method, URL without credentials). */
  onRequest?: (method: string, url: string) => void;
  onThrottle?: () => void;
  onRetry?: () => void;
  /** Injected for tests of the refusal path only. */
  fetchImpl?: typeof fetch;
}

export class DoApiError extends Error {
  override name = 'DoApiError';
  constructor(
    message: string,
    /** HTTP status, or 0 when no response arrived. */
    readonly status: number,
    /** DigitalOcean error id (`unauthorized`, `too_many_requests`...) or a local code (`Timeout`, `PaginationTruncated`). */
    readonly code: string,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

export class ReadOnlyViolation extends Error {
  override name = 'ReadOnlyViolation';
}

export interface DoResponse<T> {
  data: T;
  requestId?: string;
  status: number;
}

export interface DoList<T> {
  items: T[];
  pages: number;
  requestIds: string[];
  total?: number;
}

const READ_METHODS = new Set(['GET']);

export class DigitalOceanClient {
  readonly #token: string;
  readonly base: URL;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly maxWait: number;
  private readonly fetchImpl: typeof fetch;
  /** The callbacks only: the options object holds the token and is not kept. */
  private readonly hooks: Pick<DoClientOptions, 'onRequest' | 'onThrottle' | 'onRetry'>;

  constructor(opts: DoClientOptions) {
    if (!opts.token || /[\r\n\s]/.test(opts.token)) throw new Error('DigitalOcean token is empty or contains whitespace');
    this.#token = opts.token;
    this.base = new URL(opts.baseUrl ?? DEFAULT_API);
    if (this.base.protocol !== 'https:' && this.base.protocol !== 'http:') throw new Error(`unsupported API URL scheme ${this.base.protocol}`);
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.maxRetries = opts.maxRetries ?? 3;
    this.maxWait = opts.maxRateLimitWaitMs ?? 60_000;
    this.fetchImpl = opts.fetchImpl ?? fetch;
    this.hooks = { onRequest: opts.onRequest, onThrottle: opts.onThrottle, onRetry: opts.onRetry };
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return `DigitalOceanClient(${this.base.origin})`;
  }

  /** Never show the token when the client is logged or inspected. */
  toJSON() {
    return { base: this.base.origin };
  }

  /** Remove the token (and anything token-like) from text that may reach a log, error or report. */
  scrub(text: string): string {
    let out = text.split(this.#token).join(REDACTED);
    if (looksLikeSecretValue(out)) out = out.replace(/\S+/g, (w) => (looksLikeSecretValue(w) ? REDACTED : w));
    return out;
  }

  /** The single place a request is sent. Non-read methods throw before anything is built. */
  async request<T>(method: string, pathOrUrl: string): Promise<DoResponse<T>> {
    const m = method.toUpperCase();
    if (!READ_METHODS.has(m)) throw new ReadOnlyViolation(`vouch is read-only: refusing ${m} ${pathOrUrl}`);
    const url = this.resolve(pathOrUrl);
    // The shared retry policy (common/retry.ts): backoff with jitter from 100 ms up to 2 s, or the rate-limit wait.
    const policy = { maxAttempts: this.maxRetries + 1, baseMs: 100, capMs: 2_000, maxWaitMs: this.maxWait };
    const failures = new WeakMap<DoApiError, { retryable: boolean; waitMs: number }>();
    return withRetry(
      policy,
      async (n) => {
        const res = await this.attempt(m, url, n);
        if (res.kind === 'ok') return res.value as DoResponse<T>;
        failures.set(res.error, res);
        throw res.error;
      },
      (e) => {
        const f = failures.get(e as DoApiError);
        return { retry: f?.retryable ?? false, waitMs: f?.waitMs || undefined };
      },
      { signal: runSignal(), onRetry: () => this.hooks.onRetry?.() },
    );
  }

  async get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<DoResponse<T>> {
    return this.request<T>('GET', withQuery(path, query));
  }

  /**
   * Every item of a list endpoint: first page at `per_page=200` (when the
   * endpoint takes it), then `links.pages.next` until there is none.
   */
  async list<T>(path: string, key: string, o: { paged?: boolean; query?: Record<string, string | number | undefined> } = {}): Promise<DoList<T>> {
    const paged = o.paged ?? true;
    const first = withQuery(path, { ...(paged ? { per_page: MAX_PER_PAGE } : {}), ...o.query });
    const items: T[] = [];
    const requestIds: string[] = [];
    const seen = new Set<string>();
    let next: string | undefined = first;
    let pages = 0;
    let total: number | undefined;
    while (next) {
      const url = this.resolve(next).href;
      if (seen.has(url)) throw new DoApiError(`${path}: pagination loops back to a page already read`, 0, 'PaginationLoop');
      seen.add(url);
      if (pages >= 100_000) throw new DoApiError(`${path}: more than 100000 pages`, 0, 'PaginationLoop');
      const res: DoResponse<Record<string, unknown>> = await this.request<Record<string, unknown>>('GET', url);
      pages++;
      if (res.requestId) requestIds.push(res.requestId);
      const body = res.data ?? {};
      const chunk = body[key];
      if (chunk === undefined) {
        // An answer without the list's key (`{}`) is not an empty list: it is not the answer asked for.
        throw new DoApiError(`${path}: page ${pages} has no '${key}': not a list answer`, res.status, 'MalformedResponse');
      } else if (chunk === null) {
        // The API answers an empty list as null on some endpoints (databases): an answer, and empty.
      } else if (Array.isArray(chunk)) items.push(...(chunk as T[]));
      else if (typeof chunk === 'object') items.push(...(Object.values(chunk) as T[])); // keyed maps (backup policies)
      else throw new DoApiError(`${path}: '${key}' is not a list`, res.status, 'MalformedResponse');
      const meta = body.meta as { total?: unknown } | undefined;
      if (meta && typeof meta.total === 'number') total = meta.total;
      const n = (body.links as { pages?: { next?: unknown } } | undefined)?.pages?.next;
      next = typeof n === 'string' && n !== '' ? this.checkNext(n, path) : undefined;
    }
    if (total !== undefined && items.length < total) {
      throw new DoApiError(`${path}: pagination ended after ${items.length} of ${total} items (meta.total)`, 200, 'PaginationTruncated');
    }
    return { items, pages, requestIds, ...(total !== undefined ? { total } : {}) };
  }

  /** A `next` link must stay on the API's origin and the listed path. */
  private checkNext(next: string, path: string): string {
    let u: URL;
    try {
      u = new URL(next, this.base);
    } catch {
      throw new DoApiError(`${path}: links.pages.next is not a URL`, 0, 'BadNextLink');
    }
    if (u.origin !== this.base.origin) {
      throw new DoApiError(`${path}: links.pages.next points at another origin (${u.origin}); refusing to send the token there`, 0, 'BadNextLink');
    }
    const want = this.resolve(path).pathname;
    if (u.pathname !== want) throw new DoApiError(`${path}: links.pages.next points at another path (${u.pathname})`, 0, 'BadNextLink');
    return u.href;
  }

  private resolve(pathOrUrl: string): URL {
    if (/^https?:\/\//i.test(pathOrUrl)) {
      const u = new URL(pathOrUrl);
      if (u.origin !== this.base.origin) throw new DoApiError(`refusing a request outside ${this.base.origin}`, 0, 'BadNextLink');
      return u;
    }
    const basePath = this.base.pathname.replace(/\/$/, '');
    const u = new URL(this.base.origin);
    const [p, q] = pathOrUrl.split('?', 2);
    u.pathname = basePath + p;
    if (q) u.search = q;
    return u;
  }

  private async attempt(
    method: string,
    url: URL,
    attempt: number,
  ): Promise<{ kind: 'ok'; value: DoResponse<unknown> } | { kind: 'err'; error: DoApiError; retryable: boolean; waitMs: number }> {
    const shown = `${method} ${url.pathname}${url.search}`;
    this.hooks.onRequest?.(method, `${url.pathname}${url.search}`);
    // One deadline for the whole exchange (headers and body), and the run's --deadline.
    const run = runSignal();
    if (run?.aborted) return { kind: 'err', error: stoppedError(shown, run.reason, 0), retryable: false, waitMs: 0 };
    // A plain controller and timer (AbortSignal.timeout inside AbortSignal.any is only weakly held and may never fire).
    const attemptController = new AbortController();
    const attemptTimer = setTimeout(() => attemptController.abort(Object.assign(new Error(`no whole answer within ${this.timeoutMs} ms`), { name: 'TimeoutError' })), this.timeoutMs);
    const signal = anySignal(attemptController.signal, run)!;
    try {
      return await this.exchange(method, url, attempt, shown, signal, run);
    } finally {
      clearTimeout(attemptTimer);
    }
  }

  private async exchange(
    method: string,
    url: URL,
    attempt: number,
    shown: string,
    signal: AbortSignal,
    run: AbortSignal | undefined,
  ): Promise<{ kind: 'ok'; value: DoResponse<unknown> } | { kind: 'err'; error: DoApiError; retryable: boolean; waitMs: number }> {
    const failed = (e: unknown, status: number, requestId?: string) => {
      if (run?.aborted || e instanceof RunStopped) return { kind: 'err' as const, error: stoppedError(shown, run?.aborted ? run.reason : e, status, requestId), retryable: false, waitMs: 0 };
      if (e instanceof BadResponse) return { kind: 'err' as const, error: new DoApiError(`${shown}: ${e.message}`, status, 'BAD_RESPONSE', requestId), retryable: false, waitMs: 0 };
      const name = (e as Error)?.name;
      const timedOut = name === 'TimeoutError' || name === 'AbortError' || signal.aborted;
      const code = timedOut ? 'Timeout' : 'NetworkError';
      const why = timedOut ? `no whole answer within ${this.timeoutMs} ms` : this.scrub(String((e as Error)?.cause ?? (e as Error)?.message ?? e));
      return { kind: 'err' as const, error: new DoApiError(`${shown}: ${why}`, status, code, requestId), retryable: true, waitMs: 0 };
    };
    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        method,
        headers: { authorization: `Bearer ${this.#token}`, accept: 'application/json' },
        signal,
        redirect: 'error',
      });
    } catch (e) {
      return failed(e, 0);
    }
    const requestId = res.headers.get('x-request-id') ?? undefined;
    let text: string;
    try {
      // Bounded: an endless or trickling body ends the attempt, not the scan.
      const buf = res.body ? await readBounded(Readable.fromWeb(res.body as never), { maxBytes: MAX_ANSWER_BYTES, signal, what: shown }) : Buffer.alloc(0);
      text = buf.toString('utf8');
    } catch (e) {
      return failed(e, res.status, requestId);
    }
    let body: unknown;
    if (text.length) {
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    }
    if (res.ok) {
      try {
        checkAnswer({ status: res.status, method, contentType: res.headers.get('content-type') ?? '', body: text, expect: 'json', what: shown });
      } catch (e) {
        return failed(e, res.status, requestId);
      }
      if (body === undefined || typeof body !== 'object' || body === null || Array.isArray(body)) {
        return { kind: 'err', error: new DoApiError(`${shown}: response is not a JSON object`, res.status, 'MalformedResponse', requestId), retryable: false, waitMs: 0 };
      }
      return { kind: 'ok', value: { data: body, requestId, status: res.status } };
    }
    const errBody = (body && typeof body === 'object' ? body : {}) as { id?: unknown; message?: unknown; request_id?: unknown };
    const code = typeof errBody.id === 'string' ? errBody.id : `http_${res.status}`;
    const msg = this.scrub(typeof errBody.message === 'string' ? errBody.message.slice(0, 300) : text.slice(0, 120));
    const rid = requestId ?? (typeof errBody.request_id === 'string' ? errBody.request_id : undefined);
    const error = new DoApiError(`${shown}: HTTP ${res.status} ${code}: ${msg}`, res.status, code, rid);
    if (res.status === 429) {
      this.hooks.onThrottle?.();
      const wait = rateLimitWait(res.headers, attempt);
      if (wait > this.maxWait) {
        return {
          kind: 'err',
          error: new DoApiError(`${shown}: rate limited; the limit resets in ${Math.ceil(wait / 1000)} s, more than the ${Math.round(this.maxWait / 1000)} s vouch waits`, 429, code, rid),
          retryable: false,
          waitMs: 0,
        };
      }
      return { kind: 'err', error, retryable: true, waitMs: wait };
    }
    if (res.status >= 500) return { kind: 'err', error, retryable: true, waitMs: 0 };
    return { kind: 'err', error, retryable: false, waitMs: 0 };
  }
}

/**
 * How long to wait after a 429: until `ratelimit-reset` (Unix epoch seconds)
 * or `retry-after` (seconds or an HTTP date), at least a short back-off.
 */
export function rateLimitWait(headers: Headers, attempt: number, now = Date.now()): number {
  const retryAfter = retryAfterMs(headers.get('retry-after'), now);
  if (retryAfter !== undefined && retryAfter > 0) return Math.max(retryAfter, 50);
  const reset = Number(headers.get('ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) {
    // Epoch seconds per the API docs; tolerate a relative number of seconds.
    const ms = reset > 1e9 ? reset * 1000 - now : reset * 1000;
    return Math.max(ms, 50);
  }
  return backoffMs(attempt, { baseMs: 100, capMs: 2_000 });
}

export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const entries = Object.entries(query).filter(([, v]) => v !== undefined) as [string, string | number][];
  if (!entries.length) return path;
  const qs = new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString();
  return path + (path.includes('?') ? '&' : '?') + qs;
}

/** The failure of a call the run stopped (its --deadline, or an interrupt): its code says which, never retried. */
function stoppedError(shown: string, reason: unknown, status: number, requestId?: string): DoApiError {
  const code = reason instanceof RunStopped ? reason.code : 'DEADLINE_EXCEEDED';
  return new DoApiError(`${shown}: ${(reason as Error)?.message ?? 'the run stopped'}`, status, code, requestId);
}

/**
 * The scan context every GCP collector receives: endpoints and read-only
 * credentials per API, a concurrency limiter per API, the coverage recorder,
 * and `call`, which every API request goes through (counting, bounded
 * concurrency, retry with backoff and jitter for throttling and transient
 * errors through common/retry.ts, a per-attempt deadline, one error shape).
 */
import type { SourceEnv } from '../../common/env.js';
import { CoverageRecorder } from '../../common/coverage.js';
import { limiter } from '../../common/limit.js';
import type { Progress } from '../../common/progress.js';
import { redactInPlace } from '../../../../lib/secrets.js';
import type { Resource, RawRecord } from '../../../../model/resource.js';
import { classify, GcpCallError, type GcpErrorInfo } from './errors.js';
import { DEFAULT_RETRY, RetryWaitTooLong, withRetry, type RetryPolicy } from '../../common/retry.js';
import { GCP_APIS, makeAuths, type GcpApi, type ReadOnlyAuth } from './transport.js';
import { GcpHttp } from './http.js';
import { VERSION } from '../../../../util/version.js';
import { runSignal } from '../../common/deadline.js';

export interface GcpScanOptions {
  endpoints: Record<GcpApi, URL>;
  /** Requests in flight per API. */
  concurrency: number;
  /** Attempts per call (1 = no retry). */
  maxAttempts?: number;
  /**
   * The first backoff delay (default 500 ms): the wait before attempt n+1 is
   * uniform in [d/2, d], d = min(16 × this, this × 2^(n-1)), or longer when
   * the server sent Retry-After (common/retry.ts).
   */
  retryBaseMs?: number;
  /** Deadline per attempt. */
  timeoutMs?: number;
  progress?: Progress;
  coverage?: CoverageRecorder;
  /** The caller's environment (common/env.ts), where the proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) are read. Default: none. */
  env?: SourceEnv;
}

export class GcpContext {
  readonly auths: Record<GcpApi, ReadOnlyAuth>;
  readonly coverage: CoverageRecorder;
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  readonly timeoutMs: number;
  /** The retry policy of every call (common/retry.ts). */
  readonly retry: RetryPolicy;
  /** The transport (http.ts); `close()` it when the scan ends. */
  readonly http: GcpHttp;
  private readonly limits: Record<GcpApi, <T>(task: () => Promise<T>) => Promise<T>>;

  /** Loads google-auth-library and builds the read-only credentials per API. */
  static async create(opts: GcpScanOptions): Promise<GcpContext> {
    return new GcpContext(opts, await makeAuths(opts.endpoints));
  }

  private constructor(
    readonly opts: GcpScanOptions,
    auths: Record<GcpApi, ReadOnlyAuth>,
  ) {
    this.auths = auths;
    this.coverage = opts.coverage ?? new CoverageRecorder();
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 4);
    this.retryBaseMs = opts.retryBaseMs ?? 500;
    this.timeoutMs = opts.timeoutMs ?? 60_000;
    this.retry = { maxAttempts: this.maxAttempts, baseMs: this.retryBaseMs, capMs: 16 * this.retryBaseMs, maxWaitMs: DEFAULT_RETRY.maxWaitMs };
    this.http = new GcpHttp(auths, `vouch/${VERSION}`, opts.env ?? {});
    // A proxy setting that is not a URL is an input error now (exit 2), not a failure of every call.
    for (const api of GCP_APIS) this.http.proxyOf(opts.endpoints[api]);
    this.limits = Object.fromEntries(GCP_APIS.map((a) => [a, limiter(opts.concurrency)])) as GcpContext['limits'];
  }

  endpoint(api: GcpApi): URL {
    return this.opts.endpoints[api];
  }

  /**
   * Make one API request (one page). `fn` gets an AbortSignal that fires at
   * the deadline (if it declares a parameter for it). Throws GcpCallError after the last attempt; the failure is
   * recorded in coverage with the project it concerned.
   */
  async call<T>(api: GcpApi, operation: string, project: string | undefined, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return this.limits[api](async () => {
      // The run's --deadline ends the call too (an attempt, or a wait between two), and is never retried.
      const run = runSignal();
      const infoOf = (e: unknown): GcpErrorInfo => {
        if (run?.aborted) return classify(run.reason);
        if (e instanceof RetryWaitTooLong) {
          const last = classify(e.last);
          return { ...last, retryable: false, message: `${last.message} (${e.message})` };
        }
        return classify(e);
      };
      try {
        return await withRetry(
          this.retry,
          () => this.attempt(operation, fn, run),
          (e) => {
            const info = infoOf(e);
            if (info.code === 'RESOURCE_EXHAUSTED') this.coverage.throttles++;
            return { retry: info.retryable, waitMs: (e as { retryAfterMs?: number }).retryAfterMs };
          },
          { signal: run, onRetry: () => this.coverage.retries++ },
        );
      } catch (e) {
        const info = infoOf(e);
        this.coverage.fail(operation, info.code, info.message, project ? { account: project, unit: `gcp:${project}` } : {});
        this.tick();
        throw new GcpCallError(operation, info);
      }
    });
  }

  /** One attempt, within the per-attempt deadline and the run's. */
  private async attempt<T>(operation: string, fn: (signal: AbortSignal) => Promise<T>, run: AbortSignal | undefined): Promise<T> {
    this.coverage.call(operation);
    this.tick();
    // The deadline rejects the race whatever `fn` does; an AbortSignal (to
    // cancel the request itself) is built only for an `fn` that takes one.
    const ac = fn.length > 0 ? new AbortController() : undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onRun: (() => void) | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const e = Object.assign(new Error(`no whole answer within ${this.timeoutMs} ms`), { name: 'TimeoutError' });
        reject(e);
        ac?.abort(e);
      }, this.timeoutMs);
      if (run) {
        onRun = () => {
          reject(run.reason);
          ac?.abort(run.reason);
        };
        if (run.aborted) onRun();
        else run.addEventListener('abort', onRun, { once: true });
      }
    });
    try {
      return await Promise.race([ac ? fn(ac.signal) : (fn as () => Promise<T>)(), deadline]);
    } finally {
      clearTimeout(timer);
      if (onRun) run?.removeEventListener('abort', onRun);
    }
  }

  private tick(): void {
    this.opts.progress?.update({ calls: this.coverage.callCount, throttles: this.coverage.throttles, failures: this.coverage.failureCount });
  }
}

/**
 * A REST resource as a live GCP Resource; raw material redacted. `data` is the
 * caller's own (an answer just parsed): it is redacted in place and becomes
 * the resource's properties, not copied.
 */
export function gcpResource(
  type: string,
  data: Record<string, unknown>,
  /** `at`: when the answer came (default now); one timestamp serves a whole list. */
  where: { project: string; region?: string; operation: string; at?: string; id?: string; name?: string },
): Resource {
  const props = redactInPlace(data) as Record<string, unknown>;
  // Ids are Cloud Asset style full resource names (`//storage.googleapis.com/...`):
  // stable whichever endpoint answered, unlike selfLink (kept in properties).
  const id = where.id ?? `//${type}/${where.project}/${String(data.name ?? data.id)}`;
  const raw: RawRecord = { operation: where.operation, at: where.at ?? new Date().toISOString() };
  if (where.region) raw.region = where.region;
  const r: Resource = {
    type,
    provider: 'gcp',
    source: 'live',
    id,
    name: where.name ?? (typeof data.name === 'string' ? data.name : undefined),
    properties: props,
    raw: [raw],
    location: { account: where.project, ...(where.region ? { region: where.region } : {}), arn: id },
    relations: {},
  };
  return r;
}

/** Record a gap on a resource: rules that need `path` answer unknown with this reason. */
export function addGap(r: Resource, path: string, why: string): void {
  (r.gaps ??= {})[path] = why;
}

/** The last segment of a URL or resource path (`.../zones/europe-west1-b` → `europe-west1-b`). */
export function lastSegment(s: unknown): string | undefined {
  if (typeof s !== 'string' || !s) return undefined;
  const parts = s.split('/');
  return parts[parts.length - 1] || undefined;
}

/** `https://www.googleapis.com/compute/v1/projects/p/global/x/y` → `projects/p/global/x/y` (endpoint-independent). */
export function resourcePath(link: unknown): string | undefined {
  if (typeof link !== 'string') return undefined;
  const i = link.indexOf('/projects/');
  return i >= 0 ? link.slice(i + 1) : link;
}

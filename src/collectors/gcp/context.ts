/**
 * The scan context every GCP collector receives: endpoints and read-only
 * credentials per API, a concurrency limiter per API, the coverage recorder,
 * and `call`, which every API request goes through (counting, bounded
 * concurrency, retry with backoff for throttling and transient errors,
 * a per-attempt deadline, one error shape).
 */
import { CoverageRecorder } from '../common/coverage.js';
import { limiter } from '../common/limit.js';
import type { Progress } from '../common/progress.js';
import { redactInPlace } from '../../lib/secrets.js';
import type { Resource, RawRecord } from '../../engine/resource.js';
import { classify, GcpCallError } from './errors.js';
import { GCP_APIS, makeAuths, type GcpApi, type ReadOnlyAuth } from './transport.js';
import { GcpHttp } from './http.js';
import { VERSION } from '../../engine/version.js';
import { runSignal } from '../common/deadline.js';

export interface GcpScanOptions {
  endpoints: Record<GcpApi, URL>;
  /** Requests in flight per API. */
  concurrency: number;
  /** Attempts per call (1 = no retry). */
  maxAttempts?: number;
  /** First backoff delay; doubles per attempt, full jitter, capped at 16× this. */
  retryBaseMs?: number;
  /** Deadline per attempt. */
  timeoutMs?: number;
  progress?: Progress;
  coverage?: CoverageRecorder;
  /** Where the proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) are read; default process.env. */
  env?: NodeJS.ProcessEnv;
}

export class GcpContext {
  readonly auths: Record<GcpApi, ReadOnlyAuth>;
  readonly coverage: CoverageRecorder;
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  readonly timeoutMs: number;
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
    this.http = new GcpHttp(auths, `vouch/${VERSION}`, opts.env);
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
      for (let attempt = 1; ; attempt++) {
        this.coverage.call(operation);
        this.tick();
        // The deadline rejects the race whatever `fn` does; an AbortSignal (to
        // cancel the request itself) is built only for an `fn` that takes one.
        // The run's --deadline rejects it too, and is never retried.
        const ac = fn.length > 0 ? new AbortController() : undefined;
        const run = runSignal();
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
        } catch (e) {
          const info = run?.aborted ? classify(run.reason) : classify(e);
          if (info.code === 'RESOURCE_EXHAUSTED') this.coverage.throttles++;
          if (info.retryable && attempt < this.maxAttempts && !run?.aborted) {
            this.coverage.retries++;
            const cap = this.retryBaseMs * 2 ** (attempt - 1);
            await new Promise((r) => setTimeout(r, Math.random() * cap + cap / 2));
            continue;
          }
          this.coverage.fail(operation, info.code, info.message, project ? { account: project, unit: `gcp:${project}` } : {});
          this.tick();
          throw new GcpCallError(operation, info);
        } finally {
          clearTimeout(timer);
          if (onRun) run?.removeEventListener('abort', onRun);
        }
      }
    });
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

/**
 * The one retry policy of vouch's own HTTP clients (GCP, DigitalOcean, the
 * `merge gs://` reader). The AWS SDK clients, the S3 fast path and `merge
 * s3://` keep the SDK's adaptive retry strategy instead: it shares a token
 * bucket and a retry quota with every other call of the same client, which a
 * second loop here would bypass.
 *
 * - Exponential backoff with equal jitter: before attempt n+1 wait a uniform
 *   time in [d/2, d], d = min(capMs, baseMs × 2^(n-1)). Never zero (a burst of
 *   clients retrying at once is spread, but none retries immediately), never
 *   above capMs.
 * - A server that says how long to wait (Retry-After, in seconds or as an
 *   HTTP date; DigitalOcean's ratelimit-reset) is obeyed: the wait is the
 *   longer of that and the backoff. A wait longer than maxWaitMs is not
 *   waited: the call fails now, saying so.
 * - At most maxAttempts attempts in all.
 * - The deadline (an AbortSignal: the run's --deadline or a caller's) ends a
 *   wait at once, and no retry starts after it fired (the first attempt is
 *   the caller's to refuse: it knows how to say why).
 */

export interface RetryPolicy {
  /** Attempts in all (1 = no retry). */
  maxAttempts: number;
  /** The first backoff delay, ms. */
  baseMs: number;
  /** The longest backoff delay, ms. */
  capMs: number;
  /** The longest wait a server may ask for (Retry-After) that is still waited, ms. */
  maxWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseMs: 500, capMs: 8_000, maxWaitMs: 60_000 };

/** The backoff before attempt `attempt + 1` (attempt ≥ 1), in [d/2, d], d = min(cap, base × 2^(attempt-1)). */
export function backoffMs(attempt: number, policy: Pick<RetryPolicy, 'baseMs' | 'capMs'>, random: () => number = Math.random): number {
  const d = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return d / 2 + random() * (d / 2);
}

/**
 * A Retry-After header value in ms: delta-seconds or an HTTP date (RFC 9110
 * §10.2.3). Undefined when absent or unreadable; a date in the past is 0.
 */
export function retryAfterMs(value: string | null | undefined, now: number = Date.now()): number | undefined {
  const v = (value ?? '').trim();
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
  if (!/[a-z]/i.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** A wait that ends early (rejecting with the signal's reason) when `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(t);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      done();
      reject(signal!.reason);
    };
    const t = setTimeout(() => {
      done();
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** What to do after a failed attempt: `retry` if it is transient; `waitMs` what the server asked for, if anything. */
export interface RetryDecision {
  retry: boolean;
  /** The server's own wait (Retry-After), ms. */
  waitMs?: number;
}

/** Why a call was not retried although its last failure was transient. */
export class RetryWaitTooLong extends Error {
  override name = 'RetryWaitTooLong';
  constructor(
    readonly waitMs: number,
    readonly maxWaitMs: number,
    readonly last: unknown,
  ) {
    super(`the server asked to wait ${Math.ceil(waitMs / 1000)} s, more than the ${Math.round(maxWaitMs / 1000)} s vouch waits`);
  }
}

export interface RetryOptions {
  /** Fires at the deadline: the wait ends and the last failure is thrown. */
  signal?: AbortSignal;
  /** Called before each wait (counting retries, throttles). */
  onRetry?: (attempt: number, waitMs: number, error: unknown) => void;
}

/**
 * `attempt(n)` until it succeeds, `decide` says the failure is final, the
 * attempts run out, or the deadline fires; the last failure is thrown as is
 * (or RetryWaitTooLong when the server asked for a longer wait than the policy allows).
 */
export async function withRetry<T>(policy: RetryPolicy, attempt: (n: number) => Promise<T>, decide: (error: unknown, n: number) => RetryDecision, o: RetryOptions = {}): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (e) {
      const d = decide(e, n);
      if (!d.retry || n >= policy.maxAttempts || o.signal?.aborted) throw e;
      const asked = d.waitMs ?? 0;
      if (asked > policy.maxWaitMs) throw new RetryWaitTooLong(asked, policy.maxWaitMs, e);
      const wait = Math.max(asked, backoffMs(n, policy));
      o.onRetry?.(n, wait, e);
      try {
        await sleep(wait, o.signal);
      } catch {
        throw e;
      }
    }
  }
}

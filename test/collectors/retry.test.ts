import { describe, it, expect } from 'vitest';
import { backoffMs, retryAfterMs, sleep, withRetry, RetryWaitTooLong, type RetryPolicy } from '../../src/sources/providers/common/retry.js';

const policy: RetryPolicy = { maxAttempts: 4, baseMs: 20, capMs: 60, maxWaitMs: 500 };

describe('backoffMs', () => {
  it('is bounded to [d/2, d] with d = min(cap, base × 2^(n-1)), whatever the random draw', () => {
    for (const [n, d] of [
      [1, 20],
      [2, 40],
      [3, 60],
      [4, 60],
      [30, 60],
    ] as const) {
      expect(backoffMs(n, policy, () => 0), `n=${n} low`).toBe(d / 2);
      expect(backoffMs(n, policy, () => 0.999999), `n=${n} high`).toBeLessThanOrEqual(d);
      expect(backoffMs(n, policy, () => 0.999999), `n=${n} high`).toBeGreaterThan(d * 0.99);
    }
  });

  it('is jittered: many draws spread over the range, none outside it', () => {
    const draws = Array.from({ length: 2000 }, () => backoffMs(2, policy));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...draws)).toBeLessThanOrEqual(40);
    expect(new Set(draws.map((d) => Math.floor(d))).size).toBeGreaterThan(15);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-12-06T09:00:00Z');
  it('reads delta-seconds and HTTP dates; a past date is 0', () => {
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs(' 0.5 ', now)).toBe(500);
    expect(retryAfterMs('Sun, 06 Dec 2026 09:00:07 GMT', now)).toBe(7000);
    expect(retryAfterMs('Sun, 06 Dec 2026 08:00:00 GMT', now)).toBe(0);
  });
  it('is undefined when absent or unreadable', () => {
    for (const v of [undefined, null, '', '  ', '-1', 'soon', '1e9', '12abc']) expect(retryAfterMs(v, now), String(v)).toBeUndefined();
  });
});

class Transient extends Error {
  constructor(readonly waitMs?: number) {
    super('transient');
  }
}
const decide = (e: unknown) => ({ retry: e instanceof Transient, waitMs: e instanceof Transient ? e.waitMs : undefined });

describe('withRetry', () => {
  it('retries a transient failure until it succeeds, waiting between attempts', async () => {
    let n = 0;
    const waits: number[] = [];
    const t0 = performance.now();
    const v = await withRetry(policy, async () => (++n < 3 ? Promise.reject(new Transient()) : 'ok'), decide, { onRetry: (_a, w) => waits.push(w) });
    expect(v).toBe('ok');
    expect(n).toBe(3);
    expect(waits.length).toBe(2);
    expect(waits[0]).toBeGreaterThanOrEqual(10);
    expect(waits[1]).toBeGreaterThanOrEqual(20);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(waits[0]! + waits[1]! - 2);
  });

  it('stops at maxAttempts and throws the last failure as is', async () => {
    const last = await withRetry(policy, async (k) => Promise.reject(Object.assign(new Transient(), { k })), decide).catch((e: unknown) => e);
    expect(last).toBeInstanceOf(Transient);
    expect((last as { k: number }).k).toBe(4);
  });

  it('does not retry a final failure', async () => {
    let n = 0;
    const e = await withRetry(policy, async () => (n++, Promise.reject(new Error('denied'))), decide).catch((x: unknown) => x);
    expect((e as Error).message).toBe('denied');
    expect(n).toBe(1);
  });

  it('honours Retry-After: waits at least what the server asked, even past the backoff cap', async () => {
    let n = 0;
    const waits: number[] = [];
    const t0 = performance.now();
    await withRetry(policy, async () => (++n === 1 ? Promise.reject(new Transient(150)) : 'ok'), decide, { onRetry: (_a, w) => waits.push(w) });
    expect(waits).toEqual([150]);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(148);
  });

  it('a server wait longer than maxWaitMs is not waited: RetryWaitTooLong at once, carrying the last failure', async () => {
    const t0 = performance.now();
    const asked = new Transient(10_000);
    const e = await withRetry(policy, async () => Promise.reject(asked), decide).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RetryWaitTooLong);
    expect((e as RetryWaitTooLong).last).toBe(asked);
    expect((e as Error).message).toMatch(/asked to wait 10 s, more than the 1 s/);
    expect(performance.now() - t0).toBeLessThan(100);
  });

  it('respects the deadline: a wait ends when the signal fires, and no retry starts after it', async () => {
    const ac = new AbortController();
    let n = 0;
    const slow: RetryPolicy = { maxAttempts: 10, baseMs: 5_000, capMs: 5_000, maxWaitMs: 60_000 };
    setTimeout(() => ac.abort(new Error('deadline')), 50);
    const t0 = performance.now();
    const e = await withRetry(slow, async () => (n++, Promise.reject(new Transient())), decide, { signal: ac.signal }).catch((x: unknown) => x);
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(n).toBe(1);
    expect(e).toBeInstanceOf(Transient);
    // Already past the deadline: the failure is final, no wait.
    n = 0;
    const e2 = await withRetry(slow, async () => (n++, Promise.reject(new Transient())), decide, { signal: ac.signal }).catch((x: unknown) => x);
    expect(n).toBe(1);
    expect(e2).toBeInstanceOf(Transient);
  });
});

describe('sleep', () => {
  it('rejects at once with the reason of an already fired signal, and early when it fires', async () => {
    await expect(sleep(10_000, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('later')), 20);
    const t0 = performance.now();
    await expect(sleep(10_000, ac.signal)).rejects.toThrow('later');
    expect(performance.now() - t0).toBeLessThan(1_000);
  });
});

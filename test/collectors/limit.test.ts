import { describe, it, expect } from 'vitest';
import { limiter, mapLimit } from '../../src/sources/providers/common/limit.js';

const tick = (ms = 1) => new Promise((r) => setTimeout(r, ms));

describe('limiter', () => {
  it('never runs more than n tasks at once and runs them all', async () => {
    const limit = limiter(3);
    let active = 0;
    let peak = 0;
    const out = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit(async () => {
          peak = Math.max(peak, ++active);
          await tick(i % 3);
          active--;
          return i;
        }),
      ),
    );
    expect(out).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(peak).toBe(3);
  });

  it('releases the slot of a task that throws, synchronously or not', async () => {
    const limit = limiter(1);
    await expect(limit(() => { throw new Error('sync'); })).rejects.toThrow('sync');
    await expect(limit(async () => { throw new Error('async'); })).rejects.toThrow('async');
    await expect(limit(async () => 'after')).resolves.toBe('after');
  });

  it('refuses a concurrency below 1', () => {
    expect(() => limiter(0)).toThrow(/at least 1/);
    expect(() => limiter(Number.NaN)).toThrow(/at least 1/);
  });

  it('mapLimit keeps the order of its input', async () => {
    expect(await mapLimit([30, 10, 20], 2, async (ms, i) => (await tick(ms), i))).toEqual([0, 1, 2]);
  });
});

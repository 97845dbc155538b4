/** Run async tasks with at most `n` in flight. */
export function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  if (!(n >= 1)) throw new Error(`concurrency must be at least 1, got ${n}`);
  let active = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    if (active >= n) return;
    const run = queue.shift();
    if (run) {
      active++;
      run();
    }
  };
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push(() => {
        // A task that throws synchronously still releases its slot.
        Promise.resolve()
          .then(task)
          .then(resolve, reject)
          .finally(() => {
            active--;
            next();
          });
      });
      next();
    });
}

/** Map over items with bounded concurrency, preserving order. */
export async function mapLimit<T, R>(items: readonly T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const limit = limiter(n);
  return Promise.all(items.map((item, i) => limit(() => fn(item, i))));
}

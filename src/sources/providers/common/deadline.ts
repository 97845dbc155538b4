/**
 * The run's deadline (`--deadline`): when it passes, every request in flight
 * is aborted and every later one fails at once with DEADLINE_EXCEEDED, so the
 * collectors finish with what they read, the rest is `unknown`, and the report
 * is still written (exit 3). One per process run: a `vouch scan all` shares
 * one deadline across its clouds.
 *
 * Module state rather than a parameter threaded through every collector: the
 * transports (AWS request handler, GCP and DigitalOcean clients) read it at
 * each request, and the scan command starts and ends it.
 */
export class DeadlineExceeded extends Error {
  override readonly name = 'DEADLINE_EXCEEDED';
  readonly code = 'DEADLINE_EXCEEDED';
}

let controller: AbortController | undefined;
let abandoned = false;

/**
 * True once a run was abandoned at its deadline's grace period: some wait did
 * not stop (a socket, a library), so the process must exit rather than wait
 * for it (src/cli/bin.ts).
 */
export function workAbandoned(): boolean {
  return abandoned;
}
let timer: ReturnType<typeof setTimeout> | undefined;
let endsAt: number | undefined;

/** Start the run's deadline (replacing any earlier one); `undefined` = no deadline. */
export function startRunDeadline(ms: number | undefined): void {
  endRunDeadline();
  if (ms === undefined) return;
  const c = new AbortController();
  controller = c;
  endsAt = Date.now() + ms;
  timer = setTimeout(() => c.abort(new DeadlineExceeded(`the run's --deadline of ${formatSeconds(ms)} passed: call not made or not finished`)), ms);
  timer.unref?.();
}

/** Clear the deadline (the run is over). */
export function endRunDeadline(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  controller = undefined;
  endsAt = undefined;
}

/** The signal that fires at the run's deadline, if there is one. */
export function runSignal(): AbortSignal | undefined {
  return controller?.signal;
}

/** Milliseconds left before the deadline (Infinity without one). */
export function msLeft(): number {
  return endsAt === undefined ? Infinity : Math.max(0, endsAt - Date.now());
}

/** Throw DeadlineExceeded if the deadline has passed. */
export function checkRunDeadline(): void {
  const s = controller?.signal;
  if (s?.aborted) throw s.reason instanceof Error ? s.reason : new DeadlineExceeded('the run deadline passed');
}

/** One signal that fires when any of `signals` does (undefined ones ignored). */
export function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const list = signals.filter((s): s is AbortSignal => s !== undefined);
  if (list.length <= 1) return list[0];
  return AbortSignal.any(list);
}

export function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Run `work` under the run's deadline with a grace period: collectors stop at
 * the deadline by themselves (their requests fail); if some wait does not
 * (a bug, a stuck library), the run ends `graceMs` later with an error rather
 * than hanging.
 */
export async function withinDeadline<T>(what: string, work: Promise<T>, graceMs = 10_000): Promise<T> {
  const s = controller?.signal;
  if (!s) return work;
  let t: ReturnType<typeof setTimeout> | undefined;
  const backstop = new Promise<never>((_, reject) => {
    const arm = () => {
      t = setTimeout(() => {
        abandoned = true;
        reject(new DeadlineExceeded(`${what}: still running ${formatSeconds(graceMs)} after the --deadline passed; stopped without a report`));
      }, graceMs);
      t.unref?.();
    };
    if (s.aborted) arm();
    else s.addEventListener('abort', arm, { once: true });
  });
  try {
    return await Promise.race([work, backstop]);
  } finally {
    if (t) clearTimeout(t);
  }
}

/** Run one scan under `--deadline` (`ms` undefined: none), clearing it when done. */
export async function underDeadline<T>(ms: number | undefined, what: string, fn: () => Promise<T>): Promise<T> {
  startRunDeadline(ms);
  try {
    return await withinDeadline(what, fn());
  } finally {
    endRunDeadline();
  }
}

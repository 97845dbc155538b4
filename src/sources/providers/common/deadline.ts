/**
 * When a run must stop: its deadline (`--deadline`) passed, or it was
 * interrupted (Ctrl-C / SIGTERM in the CLI, or the caller's `RunContext.signal`
 * for an embedded `run()`). Either way every request in flight is aborted and
 * every later one fails at once (DEADLINE_EXCEEDED or INTERRUPTED), so the
 * collectors finish with what they read, the rest is `unknown` with the
 * reason in coverage, and the report is still written (exit 3, or 1 when what
 * was read already fails). One scope per scan: `vouch scan all` shares one
 * deadline across its clouds.
 *
 * The scope lives in an AsyncLocalStorage rather than in a parameter threaded
 * through every collector: the transports (the AWS request handler in
 * aws-http.ts, which every SDK client of vouch uses, the GCP and DigitalOcean
 * clients, the S3 reader) read `runSignal()` at each request, and two runs in
 * one process (an embedding program calling `run()` twice at once) each see
 * their own signal.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Why a run stopped before it read everything: the failure code says which. */
export abstract class RunStopped extends Error {
  abstract readonly code: 'DEADLINE_EXCEEDED' | 'INTERRUPTED';
}

export class DeadlineExceeded extends RunStopped {
  override readonly name = 'DEADLINE_EXCEEDED';
  readonly code = 'DEADLINE_EXCEEDED';
}

export class Interrupted extends RunStopped {
  override readonly name = 'INTERRUPTED';
  readonly code = 'INTERRUPTED';
}

interface RunScope {
  readonly controller: AbortController;
  readonly endsAt: number | undefined;
}

const scopes = new AsyncLocalStorage<RunScope>();
let abandoned = false;

/**
 * True once a run was abandoned at its grace period: some wait did not stop
 * (a socket, a library), so the process must exit rather than wait for it
 * (src/cli/bin.ts).
 */
export function workAbandoned(): boolean {
  return abandoned;
}

/** The signal that fires when the current run must stop (deadline or interrupt), if it can. */
export function runSignal(): AbortSignal | undefined {
  return scopes.getStore()?.controller.signal;
}

/** Milliseconds left before the deadline (Infinity without one). */
export function msLeft(): number {
  const endsAt = scopes.getStore()?.endsAt;
  return endsAt === undefined ? Infinity : Math.max(0, endsAt - Date.now());
}

/** Throw the stop reason if the run must stop. */
export function checkRunDeadline(): void {
  const s = runSignal();
  if (s?.aborted) throw s.reason instanceof Error ? s.reason : new DeadlineExceeded('the run deadline passed');
}

/** The Interrupted error for a caller's aborted signal (its reason, when it is a short word like SIGINT, is named). */
export function interruptedBy(signal: AbortSignal): Interrupted {
  const r = signal.reason;
  const why = typeof r === 'string' ? r : r instanceof Error && r.name !== 'AbortError' ? r.message : '';
  const named = why && why.length <= 40 && !why.includes('\n') ? ` (${why})` : '';
  return new Interrupted(`the run was interrupted${named}: call not made or not finished`);
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
 * Run `work` within the current run scope with a grace period: collectors stop
 * at the deadline or interrupt by themselves (their requests fail); if some
 * wait does not (a bug, a stuck library), the run ends `graceMs` later with
 * an error rather than hanging.
 */
export async function withinDeadline<T>(what: string, work: Promise<T>, graceMs = 10_000): Promise<T> {
  const s = runSignal();
  if (!s) return work;
  let t: ReturnType<typeof setTimeout> | undefined;
  const backstop = new Promise<never>((_, reject) => {
    const arm = () => {
      t = setTimeout(() => {
        abandoned = true;
        const why = s.reason instanceof Interrupted ? 'the run was interrupted' : 'the --deadline passed';
        reject(new RunAbandoned(`${what}: still running ${formatSeconds(graceMs)} after ${why}; stopped without a report`));
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

/** A run whose work did not stop within its grace period. */
export class RunAbandoned extends Error {}

/**
 * Run one scan in its own run scope: it stops when `ms` passes (undefined:
 * no deadline) or when `stop` (the caller's RunContext.signal) fires,
 * whichever comes first; `fn` runs under `withinDeadline` unless `grace` is
 * false (scan all applies it per source).
 */
export async function underDeadline<T>(ms: number | undefined, what: string, fn: () => Promise<T>, stop?: AbortSignal, grace = true): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (ms !== undefined) {
    timer = setTimeout(() => controller.abort(new DeadlineExceeded(`the run's --deadline of ${formatSeconds(ms)} passed: call not made or not finished`)), ms);
    timer.unref?.();
  }
  const onStop = () => controller.abort(interruptedBy(stop!));
  if (stop?.aborted) onStop();
  else stop?.addEventListener('abort', onStop, { once: true });
  const scope: RunScope = { controller, endsAt: ms === undefined ? undefined : Date.now() + ms };
  try {
    return await scopes.run(scope, () => (grace ? withinDeadline(what, fn()) : fn()));
  } finally {
    if (timer) clearTimeout(timer);
    stop?.removeEventListener('abort', onStop);
  }
}

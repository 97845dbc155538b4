/** Run the real `vouch` CLI in-process (`run(argv, ctx)`), capturing what it prints in its context. */
import { resolve } from 'node:path';
import { run } from '../../src/cli/main.js';
import { capturedContext } from '../../src/cli/context.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `env` is laid over this process's environment for the run's context; it is
 * also set on `process.env` while the run lasts, because cloud SDKs (AWS
 * credential chain, Google auth) read the process environment themselves.
 */
export async function runVouch(argv: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const ctx = capturedContext({ env: { ...process.env } });
  try {
    const code = await run(argv, ctx);
    return { code, stdout: ctx.out(), stderr: ctx.err() };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

export interface InProcessResult extends CliRun {
  ms: number;
  /** True when the run did not settle within `timeoutMs` (its work may still be running). */
  killed: boolean;
}

/**
 * The in-process twin of `runVouch` in ./cli.ts (same options, same result
 * shape): `run(argv, ctx)` with `cwd` as the working directory for the run and
 * the environment the spawned CLI gets (`CI=true`, `NO_COLOR=1`, then `env`).
 * Nothing is spawned, so the rules and modules load once per test file. What
 * only a separate process can show (peak memory, a read that never returns)
 * is for the spawned runners.
 */
export async function runInProcess(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {}): Promise<InProcessResult> {
  const env: Record<string, string | undefined> = { ...process.env, CI: 'true', NO_COLOR: '1', ...opts.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const ctx = capturedContext({ env });
  if (opts.cwd) enter(opts.cwd);
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), opts.timeoutMs ?? 30_000)));
    const code = await Promise.race([run(args, ctx), timedOut]);
    const ms = Date.now() - started;
    return code === 'timeout' ? { code: -1, stdout: ctx.out(), stderr: ctx.err(), ms, killed: true } : { code, stdout: ctx.out(), stderr: ctx.err(), ms, killed: false };
  } finally {
    clearTimeout(timer);
    if (opts.cwd) leave();
  }
}

// The working directory is the process's: runs that overlap (Promise.all) share
// it, so it is set by the first and given back, as it was before, by the last.
// Files of the fast tier share a worker process (isolate: false), so a run must
// never leave the process in its directory (often a temporary one, removed next).
let inDir = 0;
let home = '';
function enter(cwd: string): void {
  if (inDir > 0 && resolve(cwd) !== process.cwd()) throw new Error(`runInProcess: overlapping runs in ${process.cwd()} and ${cwd}; the working directory is one per process`);
  if (inDir++ === 0) home = process.cwd();
  process.chdir(cwd);
}
function leave(): void {
  if (--inDir === 0) process.chdir(home);
}

/**
 * Run vouch as a hostile-input harness does, in one of two modes:
 *
 * - in-process (the fast tier): `run(argv, ctx)` with a wall-clock limit;
 *   exit code, what is printed, secrets and time are judged, peak memory is not.
 * - spawned (`test/hostile/spawned.integration.test.ts` runs the same files
 *   with `spawnHostileRuns()` called first): the built `bin/vouch` as a
 *   process, killed past the limit, with its peak memory (maxRSS, read inside
 *   the child through an extra pipe so stdout and stderr stay the CLI's own).
 *
 * Every case thus runs both ways; the memory bounds are enforced in the spawned run.
 */
import { spawn } from 'node:child_process';
import { BIN, ROOT } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

let spawned = false;

/** Make this file's hostile runs spawn the real binary (and measure its memory). */
export function spawnHostileRuns(): void {
  spawned = true;
}

/** True when runs are spawned: peak memory is measured and must be present. */
export function hostileRunsSpawned(): boolean {
  return spawned;
}

export interface HostileResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory of the vouch process, in MB (undefined when it was killed). */
  peakMb?: number;
  killed: boolean;
}

const LAUNCHER = `
const { writeSync } = require('node:fs');
process.on('exit', () => { try { writeSync(3, String(process.resourceUsage().maxRSS)); } catch {} });
import(require('node:url').pathToFileURL(process.argv[1]).href);
`;

type HostileOptions = { cwd?: string; timeoutMs?: number; env?: Record<string, string | undefined> };

export async function runHostile(args: string[], opts: HostileOptions = {}): Promise<HostileResult> {
  if (!spawned) return runInProcess(args, { ...opts, timeoutMs: opts.timeoutMs ?? 20_000 });
  const r = await spawnHostile(args, opts);
  // A spawned run that finished must have reported its memory: a bound checked against nothing is no bound.
  if (!r.killed && r.peakMb === undefined) throw new Error(`vouch ${args[0]}: the spawned run reported no peak memory`);
  return r;
}

function spawnHostile(args: string[], opts: HostileOptions): Promise<HostileResult> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--max-old-space-size=768', '-e', LAUNCHER, '--', BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, CI: 'true', NO_COLOR: '1', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let rss = '';
    let killed = false;
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (d) => (rss += d));
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const kb = Number.parseInt(rss, 10);
      resolve({ code, stdout, stderr, ms: Date.now() - started, peakMb: Number.isFinite(kb) ? Math.round(kb / 1024) : undefined, killed });
    });
  });
}

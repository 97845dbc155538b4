/**
 * Run the built `bin/vouch` as a hostile-input harness does: a wall-clock
 * limit (killed past it), and the process's peak memory (maxRSS, read inside
 * the child through an extra pipe so stdout and stderr stay the CLI's own).
 */
import { spawn } from 'node:child_process';
import { BIN, ROOT } from '../helpers/cli.js';

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

export function runHostile(args: string[], opts: { cwd?: string; timeoutMs?: number; env?: Record<string, string | undefined> } = {}): Promise<HostileResult> {
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

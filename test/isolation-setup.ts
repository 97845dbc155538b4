/**
 * Setup of every fast-tier file. The fast tier runs its files one after the
 * other in a shared worker process (`isolate: false` in vitest.config.ts), so
 * modules are loaded once per worker instead of once per file. What a file may
 * change of the process is given back when it ends, as a fresh process would
 * have it for the next file: the working directory, the environment, timers,
 * spies and stubbed globals. A file that leaves any of these changed is named
 * on stderr (VOUCH_TEST_LEAKS=fail makes it fail instead).
 */
import { afterAll, beforeAll, expect, vi } from 'vitest';

let cwd = '';
let env: Record<string, string | undefined> = {};

beforeAll(() => {
  cwd = process.cwd();
  env = { ...process.env };
});

afterAll(() => {
  const leaks: string[] = [];
  let now: string | undefined;
  try {
    now = process.cwd();
  } catch {
    now = undefined; // the directory it was left in is gone
  }
  if (now !== cwd) {
    leaks.push(`working directory ${now ?? '(removed)'}`);
    process.chdir(cwd);
  }
  for (const k of new Set([...Object.keys(env), ...Object.keys(process.env)])) {
    if (env[k] === process.env[k]) continue;
    leaks.push(`environment variable ${k}`);
    if (env[k] === undefined) delete process.env[k];
    else process.env[k] = env[k];
  }
  if (vi.isFakeTimers()) {
    leaks.push('fake timers');
    vi.useRealTimers();
  }
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  if (!leaks.length) return;
  const msg = `${expect.getState().testPath}: left ${leaks.join(', ')} changed (given back for the next file)`;
  if (process.env.VOUCH_TEST_LEAKS === 'fail') throw new Error(msg);
  process.stderr.write(`[isolation] ${msg}\n`);
});

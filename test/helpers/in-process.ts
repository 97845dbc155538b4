/** Run the real `vouch` CLI in-process (`run(argv, ctx)`), capturing what it prints in its context. */
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

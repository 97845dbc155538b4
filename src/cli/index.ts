/**
 * `vouch/cli`: the command line as a function, for programs that embed it
 * (a CI wrapper, a scheduler, a test). `run(argv, ctx)` runs one `vouch`
 * command line in this process: it prints only to `ctx.stdout` / `ctx.stderr`,
 * reads its settings only from `ctx.env` (the cloud SDKs' credential chains
 * read the process environment themselves: src/sources/providers/common/env.ts),
 * stops when `ctx.signal` is aborted (calls in flight end, the report is
 * written as incomplete), and resolves to the documented exit code (0, 1, 2, 3).
 *
 * A subpath of its own because it loads yargs and every command; the main
 * entry (`vouch`) stays free of them (test/package/cli-entry.test.ts).
 */
export { run } from './main.js';
export { ExitCode } from './exit-code.js';
export { capturedContext } from './context.js';
export type { RunContext, Writer, Env } from './context.js';

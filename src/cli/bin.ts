/**
 * The `vouch` executable: the one place that reads the process (arguments,
 * environment, streams, signals) and sets its exit code. Everything else runs
 * in the RunContext built here (src/cli/context.ts).
 */
import { hideBin } from 'yargs/helpers';
import { run } from './main.js';
import { workAbandoned } from '../sources/providers/common/deadline.js';

// vouch supports Node 20 (package.json engines); the AWS SDK's upgrade nag would only clutter CI logs.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const abort = new AbortController();

// The first Ctrl-C (or SIGTERM) stops the run: calls in flight are aborted, later ones are not made, and
// what was read is still judged and reported as incomplete (exit 3, or 1 when it already fails). A second
// stop signal of either kind exits at once, without a report, with the shell's code for it (130, 143).
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
for (const sig of Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[]) {
  process.on(sig, () => {
    if (abort.signal.aborted) {
      process.stderr.write(`vouch: ${sig} again: exiting now, no report written\n`);
      process.exit(SIGNAL_EXIT[sig]);
    }
    process.stderr.write(`vouch: ${sig}: stopping; what was read is still reported as incomplete (${sig === 'SIGINT' ? 'Ctrl-C' : sig} again to exit at once)\n`);
    abort.abort(sig);
  });
}

run(hideBin(process.argv), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  now: () => new Date(),
  signal: abort.signal,
}).then(
  (code) => {
    process.exitCode = code;
    // A run abandoned at its grace period, or interrupted, may leave a stuck socket behind: exit instead of waiting on it.
    if (workAbandoned() || abort.signal.aborted) process.exit(code);
  },
  (e) => {
    process.stderr.write(`vouch: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);

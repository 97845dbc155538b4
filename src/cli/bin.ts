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

run(hideBin(process.argv), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  now: () => new Date(),
  signal: abort.signal,
}).then(
  (code) => {
    process.exitCode = code;
    // A run abandoned at its --deadline may leave a stuck socket behind: exit instead of waiting on it.
    if (workAbandoned()) process.exit(code);
  },
  (e) => {
    process.stderr.write(`vouch: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);

/**
 * How a command ends with a documented exit code (0 clean, 1 failures, 2 input
 * error, 3 incomplete) without touching the process: `run()` turns it into its
 * return value. In its own module so that commands never import the CLI entry.
 */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

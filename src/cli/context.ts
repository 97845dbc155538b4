/**
 * What a command may use of the world around it, passed in rather than read
 * from `process`: where it prints, the environment it reads (tokens, credential
 * hints), the clock, and a signal that cancels the run. The CLI entry
 * (bin.ts) builds it from the process; tests build one that captures output.
 */
export interface Writer {
  write(chunk: string): unknown;
  /** A terminal's width, when the writer is one. */
  readonly columns?: number;
  /** True for a terminal: progress lines redraw in place only on one. */
  readonly isTTY?: boolean;
}

export type Env = Readonly<Record<string, string | undefined>>;

export interface RunContext {
  readonly stdout: Writer;
  readonly stderr: Writer;
  readonly env: Env;
  readonly now: () => Date;
  /** Aborted when the run must stop (Ctrl-C in the CLI): no new work starts. */
  readonly signal: AbortSignal;
}

/** The key the context travels under on a command's parsed arguments (yargs' parse context). */
export const CONTEXT_KEY = 'runContext';

export interface WithContext {
  [CONTEXT_KEY]: RunContext;
}

/** The context a command handler runs in. */
export function contextOf(argv: object): RunContext {
  const ctx = (argv as Partial<WithContext>)[CONTEXT_KEY];
  if (!ctx) throw new Error('internal: a command ran without its run context');
  return ctx;
}

/** Progress lines of a command on its context's stderr; undefined under --quiet. */
export function progressLog(argv: { quiet?: boolean }): ((line: string) => void) | undefined {
  if (argv.quiet) return undefined;
  const { stderr } = contextOf(argv);
  return (line) => stderr.write(line + '\n');
}

/** A context whose output is kept in memory (tests, embedding): read it back with `.out()` and `.err()`. */
export function capturedContext(o: { env?: Env; now?: () => Date; signal?: AbortSignal; columns?: number } = {}): RunContext & { out(): string; err(): string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (c: string) => ((out += c), true), columns: o.columns },
    stderr: { write: (c: string) => ((err += c), true) },
    env: o.env ?? {},
    now: o.now ?? (() => new Date()),
    signal: o.signal ?? new AbortController().signal,
    out: () => out,
    err: () => err,
  };
}

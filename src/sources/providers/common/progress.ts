/**
 * Scan progress: a single rewritten status line on a TTY; quiet, line-oriented
 * output in CI (`CI=true`) or when stderr is not a TTY. Writes to stderr so
 * stdout stays the summary.
 */
export interface ProgressState {
  unitsDone: number;
  unitsTotal: number;
  calls: number;
  throttles: number;
  failures: number;
}

/** Where progress goes: a stream, or the CLI's run context's stderr. */
export interface ProgressOut {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

export class Progress {
  private readonly tty: boolean;
  private last = 0;
  private readonly state: ProgressState = { unitsDone: 0, unitsTotal: 0, calls: 0, throttles: 0, failures: 0 };

  constructor(
    private readonly label: string,
    private readonly out: ProgressOut,
    private readonly enabled = true,
    /** The environment of the run: under `CI` a terminal still gets plain lines. */
    env: Readonly<Record<string, string | undefined>> = {},
  ) {
    this.tty = Boolean(out.isTTY) && !env.CI;
  }

  total(n: number): void {
    this.state.unitsTotal = n;
  }

  update(patch: Partial<ProgressState>): void {
    Object.assign(this.state, patch);
    if (!this.enabled || !this.tty) return;
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    this.out.write(`\r\x1b[K${this.line()}`);
  }

  /** A unit (account × region, project) finished: one line in CI, a refresh on a TTY. */
  unitDone(id: string, ok: boolean, detail = ''): void {
    this.state.unitsDone++;
    if (!this.enabled) return;
    if (this.tty) this.update({});
    else this.out.write(`${this.label}: ${ok ? 'done' : 'FAILED'} ${id}${detail ? ` (${detail})` : ''} [${this.state.unitsDone}/${this.state.unitsTotal}]\n`);
  }

  finish(): void {
    if (!this.enabled) return;
    if (this.tty) this.out.write(`\r\x1b[K${this.line()}\n`);
    else this.out.write(`${this.line()}\n`);
  }

  private line(): string {
    const s = this.state;
    return `${this.label}: ${s.unitsDone}/${s.unitsTotal} units, ${s.calls} calls, ${s.throttles} throttled, ${s.failures} failed`;
  }
}

/**
 * Bounds on probing: a total time budget for the whole run and a per-host
 * pace (at most one new connection per interval to the same host name), so
 * a probe never hammers an endpoint and never runs past its budget.
 */

/** No more probing: the time budget is spent, or the run was stopped (the message says which). */
export class BudgetSpent extends Error {
  override name = 'BudgetSpent';
  constructor(why = 'probe time budget spent') {
    super(why);
  }
}

export class Budget {
  readonly deadline: number;
  /** `stop`: the run's signal (Ctrl-C, the caller's RunContext.signal); once it fires no step starts. */
  constructor(ms: number, now = Date.now(), private readonly stop?: AbortSignal) {
    this.deadline = now + ms;
  }
  /** Throw BudgetSpent if the run was stopped. */
  checkStopped(): void {
    if (this.stop?.aborted) throw new BudgetSpent('the run was interrupted');
  }
  remaining(): number {
    return this.deadline - Date.now();
  }
  /** Throw when nothing is left; otherwise the time a step may take (its timeout, capped by what is left). */
  step(timeoutMs: number): number {
    this.checkStopped();
    const left = this.remaining();
    if (left <= 0) throw new BudgetSpent();
    return Math.min(timeoutMs, left);
  }
}

// Not unref()ed: a wait for a host's turn is work in progress and must keep the process alive.
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class HostPacer {
  private readonly next = new Map<string, number>();
  constructor(private readonly intervalMs: number) {}

  /** Wait for this host's turn; throws BudgetSpent when the turn would come after the deadline. */
  async turn(host: string, budget: Budget): Promise<void> {
    budget.checkStopped();
    const now = Date.now();
    const at = Math.max(now, this.next.get(host) ?? 0);
    if (at >= budget.deadline) throw new BudgetSpent();
    this.next.set(host, at + this.intervalMs);
    if (at > now) await sleep(at - now);
  }
}

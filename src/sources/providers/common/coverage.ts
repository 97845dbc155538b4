/**
 * What a live scan covered: calls made per operation, calls that failed and
 * why, resources seen per type, work units done. Every collector records
 * into one recorder; the evidence's `coverage` is its snapshot.
 */
import type { Coverage } from '../../../model/inventory.js';

export class CoverageRecorder {
  private readonly calls = new Map<string, number>();
  private readonly failures = new Map<string, { operation: string; region?: string; account?: string; unit?: string; code: string; message: string; count: number }>();
  private readonly accounts = new Map<string, Set<string>>();
  private readonly regions = new Set<string>();
  private readonly services = new Set<string>();
  private readonly units = new Map<string, { id: string; status: 'done' | 'failed'; reason?: string }>();
  private readonly notCollected: { what: string; why: string }[] = [];
  throttles = 0;
  retries = 0;

  call(operation: string): void {
    this.calls.set(operation, (this.calls.get(operation) ?? 0) + 1);
    this.services.add(operation.split(/[:.]/)[0]!);
  }

  /** A call that failed for good (after retries). `message` must not carry credentials. */
  fail(operation: string, code: string, message: string, where: { region?: string; account?: string; unit?: string } = {}): void {
    const key = `${operation}|${where.region ?? ''}|${where.account ?? ''}|${where.unit ?? ''}|${code}`;
    const prev = this.failures.get(key);
    if (prev) prev.count++;
    else this.failures.set(key, { operation, ...where, code, message: message.slice(0, 300), count: 1 });
  }

  account(provider: string, id: string): void {
    let s = this.accounts.get(provider);
    if (!s) this.accounts.set(provider, (s = new Set()));
    s.add(id);
  }

  region(r: string): void {
    this.regions.add(r);
  }

  unit(id: string, status: 'done' | 'failed', reason?: string): void {
    this.units.set(id, reason ? { id, status, reason } : { id, status });
  }

  skipped(what: string, why: string): void {
    this.notCollected.push({ what, why });
  }

  get callCount(): number {
    let n = 0;
    for (const v of this.calls.values()) n += v;
    return n;
  }

  get failureCount(): number {
    return this.failures.size;
  }

  snapshot(): Coverage {
    const sorted = <T>(m: Map<string, T>) => Object.fromEntries([...m.entries()].sort(([a], [b]) => a.localeCompare(b)));
    const out: Coverage = {
      accounts: Object.fromEntries([...this.accounts.entries()].map(([k, v]) => [k, [...v].sort()])),
      regions: [...this.regions].sort(),
      services: [...this.services].sort(),
      calls: sorted(this.calls),
      failures: [...this.failures.values()],
    };
    if (this.units.size) out.units = [...this.units.values()].sort((a, b) => a.id.localeCompare(b.id));
    if (this.notCollected.length) out.notCollected = this.notCollected;
    return out;
  }
}

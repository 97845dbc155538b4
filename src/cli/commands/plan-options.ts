/** What `vouch plan scan <provider>` adds to the provider's scan flags, and how it prints. */
import type { Argv } from 'yargs';
import { InputError } from '../../util/errors.js';
import { planShards } from '../../findings/shard.js';
import type { RunContext, Writer } from '../context.js';

export interface PlanArgs {
  shards: number;
}

export function withPlanOptions<T>(y: Argv<T>) {
  return y.option('shards', { type: 'number', demandOption: true, describe: 'Number of shards N (the scan runs as --shard 0/N .. N-1/N)' });
}

/** `{ shards, units, plan: [{shard, units}] }` on stdout: every unit in exactly one shard. */
export function printPlan(units: string[], shards: number, out: Writer): void {
  checkShards(shards);
  const plan = planShards(units, shards);
  out.write(JSON.stringify({ shards, units: units.length, plan }, null, 2) + '\n');
}

/**
 * The units of a plan, enumerated in a run scope that `ctx.signal` stops
 * (Ctrl-C: calls in flight end). An interrupted plan prints nothing: a
 * partial list of units would shard a scan that misses some.
 */
export async function planUnits(what: string, ctx: RunContext, enumerate: () => Promise<string[]>): Promise<string[]> {
  const { underDeadline } = await import('../../sources/providers/common/deadline.js');
  const interrupted = () => new Error(`${what}: interrupted; no plan printed`);
  const units = await underDeadline(undefined, what, enumerate, ctx.signal).catch((e: unknown) => {
    throw ctx.signal.aborted ? interrupted() : e;
  });
  if (ctx.signal.aborted) throw interrupted();
  return units;
}

export function checkShards(shards: number): void {
  if (!(Number.isInteger(shards) && shards >= 1 && shards <= 10_000)) throw new InputError('--shards: expected an integer from 1 to 10000');
}

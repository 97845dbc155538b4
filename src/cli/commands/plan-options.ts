/** What `vouch plan scan <provider>` adds to the provider's scan flags, and how it prints. */
import type { Argv } from 'yargs';
import { InputError } from '../../util/errors.js';
import { planShards } from '../../findings/shard.js';
import type { Writer } from '../context.js';

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

export function checkShards(shards: number): void {
  if (!(Number.isInteger(shards) && shards >= 1 && shards <= 10_000)) throw new InputError('--shards: expected an integer from 1 to 10000');
}

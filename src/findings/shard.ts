/**
 * Splitting a scan into shards so an existing engine (a Kubernetes Indexed
 * Job, a CI matrix) runs it: each work unit (AWS account × region, GCP
 * project, the DigitalOcean team) goes to shard hash(unit) mod N. The hash is
 * stable, so a unit lands on the same shard every night, and a unit's shard
 * does not change when other units come or go.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../util/errors.js';

export interface Shard {
  index: number;
  count: number;
}

export function parseShard(spec: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(spec.trim());
  if (!m) throw new InputError(`--shard: expected K/N such as 0/4, got '${spec}'`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > 10_000) throw new InputError(`--shard: N must be between 1 and 10000, got ${count}`);
  if (index >= count) throw new InputError(`--shard: K must be below N (0..${count - 1}), got ${index}`);
  return { index, count };
}

export function shardOf(unitId: string, count: number): number {
  const h = createHash('sha256').update(unitId).digest();
  return h.readUInt32BE(0) % count;
}

export function unitsForShard<T extends { id: string }>(units: readonly T[], shard: Shard | undefined): T[] {
  if (!shard) return [...units];
  return units.filter((u) => shardOf(u.id, shard.count) === shard.index);
}

/** The plan `vouch plan scan --shards N` prints: units per shard. */
export function planShards(unitIds: readonly string[], count: number): { shard: number; units: string[] }[] {
  const plan = Array.from({ length: count }, (_, shard) => ({ shard, units: [] as string[] }));
  for (const id of [...unitIds].sort()) plan[shardOf(id, count)]!.units.push(id);
  return plan;
}

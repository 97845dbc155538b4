/**
 * A DigitalOcean team as an inventory: droplets, firewalls, volumes, load
 * balancers, managed databases, Spaces buckets and the team itself. Every
 * call is a GET through DigitalOceanClient; failures become coverage
 * failures and resource gaps, never missing-but-passing resources.
 */
import { attachLabelOwners } from '../../../../findings/drift/labels.js';
import { Inventory } from '../../../../model/inventory.js';
import type { Resource } from '../../../../model/resource.js';
import { CoverageRecorder } from '../../common/coverage.js';
import type { Progress } from '../../common/progress.js';
import { DigitalOceanClient } from './client.js';
import { readAccount, teamResource } from './account.js';
export { TokenRejected } from './account.js';
import { collectCompute } from './compute.js';
import { collectDatabases } from './databases.js';
import { collectLoadBalancers } from './load-balancers.js';
import { collectSpaces, type SpacesOptions } from './spaces.js';
import type { DoContext } from './context.js';
import { InputError } from '../../../../util/errors.js';
import { shardOf, type Shard } from '../../../../findings/shard.js';
import { digitalocean, serviceNames } from '../../index.js';
import type { DigitalOceanServiceName } from '../index.js';

export interface CollectOptions {
  token: string;
  apiUrl?: string;
  spaces: Omit<SpacesOptions, 'timeoutMs'>;
  concurrency: number;
  timeoutMs: number;
  maxRateLimitWaitMs?: number;
  progress?: Progress;
  /** `--shard K/N`: the team is one unit; a shard that does not own it collects nothing. */
  shard?: Shard;
  /** `--services`: the parts to read (src/sources/providers/digitalocean names them); default all. */
  services?: string[];
}

/** The one work unit of a DigitalOcean scan: the team (`digitalocean:<team uuid>`). */
export const doUnitId = (team: string) => `digitalocean:${team}`;

export async function collectDigitalOcean(o: CollectOptions): Promise<Inventory> {
  const recorder = new CoverageRecorder();
  const client = new DigitalOceanClient({
    token: o.token,
    baseUrl: o.apiUrl,
    timeoutMs: o.timeoutMs,
    maxRateLimitWaitMs: o.maxRateLimitWaitMs,
    onThrottle: () => {
      recorder.throttles++;
      o.progress?.update({ throttles: recorder.throttles });
    },
    onRetry: () => {
      recorder.retries++;
    },
    onRequest: () => o.progress?.update({ calls: recorder.callCount }),
  });
  const ctx: DoContext = { client, recorder, account: 'unknown', concurrency: o.concurrency, now: new Date() };
  const acct = await readAccount(ctx);
  ctx.account = acct.account?.team?.uuid || acct.account?.uuid || 'unknown';
  const unit = doUnitId(ctx.account);
  const finish = (resources: Resource[]) => {
    const snapshot = recorder.snapshot();
    const left = serviceNames(digitalocean).filter((s) => o.services && !o.services.includes(s));
    if (left.length) snapshot.excludedServices = left.map((s) => `digitalocean:${s}`);
    snapshot.plannedUnits = [unit];
    if (o.shard) snapshot.shard = { index: o.shard.index, count: o.shard.count };
    // Who made each resource, where a tag says (src/findings/drift/labels.ts); coverage says where none can be known.
    for (const why of attachLabelOwners(resources).causes) (snapshot.notCollected ??= []).push({ what: 'DigitalOcean ownership', why });
    return new Inventory(resources, snapshot);
  };
  if (o.shard && shardOf(unit, o.shard.count) !== o.shard.index) {
    o.progress?.finish();
    return finish([]);
  }
  recorder.account('digitalocean', ctx.account);

  const all: Record<DigitalOceanServiceName, () => Promise<Resource[]>> = {
    compute: () => collectCompute(ctx),
    'load-balancers': () => collectLoadBalancers(ctx),
    databases: () => collectDatabases(ctx),
    spaces: () => collectSpaces(ctx, { ...o.spaces, timeoutMs: o.timeoutMs }),
  };
  const selected = new Set(o.services ?? serviceNames(digitalocean));
  const units = (Object.entries(all) as [string, () => Promise<Resource[]>][]).filter(([name]) => selected.has(name));
  const excluded = serviceNames(digitalocean).filter((s) => !selected.has(s));
  if (excluded.length) recorder.skipped(`digitalocean services ${excluded.join(', ')}`, 'not selected (--services): rules on what they produce are reported not collected');
  o.progress?.total(units.length);
  const resources: Resource[] = [teamResource(ctx, acct.account, acct.reason)];
  const failedParts: string[] = [];
  if (acct.reason) failedParts.push('account');
  await Promise.all(
    units.map(async ([name, run]) => {
      const before = recorder.failureCount;
      const got = await run();
      resources.push(...got);
      const ok = recorder.failureCount === before;
      if (!ok) failedParts.push(name);
      o.progress?.unitDone(name, ok, `${got.length} resources`);
    }),
  );
  o.progress?.update({ calls: recorder.callCount, failures: recorder.failureCount });
  o.progress?.finish();
  failedParts.sort();
  recorder.unit(unit, failedParts.length ? 'failed' : 'done', failedParts.length ? `calls failed in: ${failedParts.join(', ')} (see coverage.failures)` : undefined);
  return finish(resources);
}

/** `vouch plan scan digitalocean`: the team the token belongs to (one account.get call). */
export async function planDigitalOcean(o: Pick<CollectOptions, 'token' | 'apiUrl' | 'timeoutMs'>): Promise<string[]> {
  const recorder = new CoverageRecorder();
  const client = new DigitalOceanClient({ token: o.token, baseUrl: o.apiUrl, timeoutMs: o.timeoutMs });
  const ctx: DoContext = { client, recorder, account: 'unknown', concurrency: 1, now: new Date() };
  const acct = await readAccount(ctx);
  if (acct.reason) throw new InputError(`digitalocean: cannot read the account: ${acct.reason}`);
  return [doUnitId(acct.account?.team?.uuid || acct.account?.uuid || 'unknown')];
}

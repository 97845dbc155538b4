import type { Argv, CommandModule } from 'yargs';
import { contextOf, progressLog } from '../context.js';
import { withScanOptions, parseKeyValues, parseSeconds, deadlineMs, listFlag, type ScanArgs } from '../options.js';
import { evaluateAndReport, prepareRun } from '../evaluate-and-report.js';
import { prepareProbe, withProbeOptions, type ProbeArgs } from '../../sources/probe/options.js';
import { InputError } from '../../util/errors.js';
import { parseShard } from '../../findings/shard.js';
import { withPlanOptions, printPlan, checkShards, planUnits, type PlanArgs } from './plan-options.js';
import { digitalocean, servicesHelp, parseServiceList } from '../../sources/providers/index.js';
import { yargsFlags, checkConcurrency, type FlagDef } from '../flags.js';
import type { ProviderCli } from '../provider-cli.js';
import type { RunContext } from '../context.js';

interface ScanDoArgs extends ScanArgs, ProbeArgs {
  'token-env': string;
  'request-timeout': number;
  'max-rate-limit-wait': number;
  'spaces-regions'?: string;
  shard?: string;
  services?: string;
}

const ENDPOINT_NAMES: ReadonlySet<string> = new Set(digitalocean.endpointNames);

export function endpointUrl(name: string, value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new InputError(`--endpoint ${name}=...: not a URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new InputError(`--endpoint ${name}=...: expected an http(s) URL`);
  if (u.username || u.password) throw new InputError(`--endpoint ${name}=...: credentials in the URL are not accepted`);
  return u.href.replace(/\/$/, '');
}

/** The DigitalOcean API takes fewer parallel requests than the clouds: `--concurrency` above this is an input error for `scan digitalocean`, and `scan all` uses at most this many. */
export const DIGITALOCEAN_MAX_CONCURRENCY = 64;

/** The flags only `scan digitalocean` has (`scan all` offers the same ones). */
export const DIGITALOCEAN_FLAGS = {
  'token-env': { type: 'string', default: 'DIGITALOCEAN_TOKEN', configKey: 'tokenEnv', describe: 'Environment variable holding the API token (a read-only token is enough)' },
  'request-timeout': { type: 'number', default: 30, describe: 'Seconds one API request may take, connection to the last byte of the answer (0.1 to 600)' },
  'spaces-regions': { type: 'string', describe: 'Comma-separated Spaces regions to list (default: every region that hosts Spaces)' },
  services: { type: 'string', default: 'all', describe: servicesHelp(digitalocean) },
  'max-rate-limit-wait': { type: 'number', default: 60, describe: 'Longest wait, in seconds, for the API rate limit to reset after HTTP 429' },
} as const satisfies Record<string, FlagDef>;

export const scanDigitalOceanCommand: CommandModule<object, ScanDoArgs> = {
  command: 'digitalocean',
  aliases: ['do'],
  describe: 'Scan a DigitalOcean team (read-only API token; Spaces with a Spaces key)',
  builder: (y) =>
    withProbeOptions(withScanOptions(y))
      .options(yargsFlags(DIGITALOCEAN_FLAGS))
      .option('shard', { type: 'string', describe: 'Scan only shard K of N (K/N): the team is one work unit, so only the shard that owns it collects; see `vouch plan scan digitalocean`' })
      .example('DIGITALOCEAN_TOKEN=... $0 scan digitalocean --claims claims.yaml', 'scan the team the token belongs to')
      .example('$0 scan do --token-env DO_READONLY --endpoint api=http://127.0.0.1:8080', 'use another variable and a local API server') as never,
  handler: async (argv) => {
    const ctx = contextOf(argv);
    const startedAt = ctx.now();
    const prepared = prepareRun(argv);
    const probe = prepareProbe(argv, prepared.profile, ctx.signal);
    const shard = argv.shard !== undefined ? parseShard(String(argv.shard)) : undefined;
    const { endpoints } = doOptions(argv);
    const { underDeadline } = await import('../../sources/providers/common/deadline.js');
    const collect = await doCollector(argv, ctx, shard);
    const inventory = await underDeadline(deadlineMs(argv), 'scan digitalocean', collect, ctx.signal);
    const inputs = [`digitalocean:${endpoints.api ?? 'https://api.digitalocean.com'}`];
    await evaluateAndReport(argv, prepared, inventory, shard ? `scan digitalocean --shard ${shard.index}/${shard.count}` : 'scan digitalocean', inputs, startedAt, await probe?.stage(inventory, prepared.suppressions, progressLog(argv)));
  },
};

/** The options `scan digitalocean` and `plan scan digitalocean` share (validated). */
function doOptions(argv: ScanDoArgs, ctx: RunContext = contextOf(argv)) {
  const varName = argv['token-env'];
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(varName)) throw new InputError(`--token-env: '${varName}' is not an environment variable name`);
  const token = ctx.env[varName]?.trim();
  if (!token) throw new InputError(`no DigitalOcean token: set ${varName} (a read-only API token is enough), or name another variable with --token-env`);
  if (/\s/.test(token)) throw new InputError(`${varName}: the token contains whitespace`);
  const endpoints = parseKeyValues('endpoint', argv.endpoint);
  for (const k of Object.keys(endpoints)) {
    if (!ENDPOINT_NAMES.has(k)) throw new InputError(`--endpoint ${k}=...: unknown endpoint name (expected api or spaces)`);
    endpoints[k] = endpointUrl(k, endpoints[k]!);
  }
  const concurrency = checkConcurrency(argv.concurrency, DIGITALOCEAN_MAX_CONCURRENCY);
  const timeout = parseSeconds('request-timeout', argv['request-timeout'], { min: 0.1, max: 600 });
  const maxWait = parseSeconds('max-rate-limit-wait', argv['max-rate-limit-wait'], { min: 0, max: 3600 });

  const spacesRegions = argv['spaces-regions'] === undefined ? undefined : listFlag(argv['spaces-regions']);
  for (const r of spacesRegions ?? []) if (!/^[a-z]{3}\d$/.test(r)) throw new InputError(`--spaces-regions: '${r}' is not a DigitalOcean region slug (e.g. fra1)`);
  return { varName, token, endpoints, concurrency, timeout, maxWait, spacesRegions, services: parseServiceList(digitalocean, argv.services) };
}

/** `vouch plan scan digitalocean --shards N`: the team (one unit), from one account.get call. */
export const planDigitalOceanCommand: CommandModule<object, ScanDoArgs & PlanArgs> = {
  command: 'digitalocean',
  aliases: ['do'],
  describe: 'Print the DigitalOcean work unit (the team) and its shard as JSON',
  builder: (y) => withPlanOptions((scanDigitalOceanCommand.builder as (y: Argv) => Argv)(y as Argv)) as never,
  handler: async (argv) => {
    checkShards(argv.shards);
    const { token, endpoints, timeout, varName } = doOptions(argv);
    const { planDigitalOcean, TokenRejected } = await import('../../sources/providers/digitalocean/collectors/index.js');
    const units = await planUnits('plan scan digitalocean', contextOf(argv), () =>
      planDigitalOcean({ token, apiUrl: endpoints.api, timeoutMs: timeout * 1000 }).catch((e: unknown) => {
        throw e instanceof TokenRejected ? new InputError(`${varName}: ${e.message}`) : e;
      }),
    );
    printPlan(units, argv.shards, contextOf(argv).stdout);
  },
};

/** The team collection `scan digitalocean` and `scan all` run, from validated flags. */
async function doCollector(argv: ScanDoArgs, ctx: RunContext, shard?: ReturnType<typeof parseShard>) {
  const { varName, token, endpoints, concurrency, timeout, maxWait, spacesRegions, services } = doOptions(argv, ctx);
  const { collectDigitalOcean, TokenRejected } = await import('../../sources/providers/digitalocean/collectors/index.js');
  const { Progress } = await import('../../sources/providers/common/progress.js');
  const progress = new Progress('digitalocean', ctx.stderr, !argv.quiet, ctx.env);
  return () =>
    collectDigitalOcean({
      token,
      apiUrl: endpoints.api,
      spaces: {
        accessKeyId: ctx.env.SPACES_ACCESS_KEY_ID?.trim() || undefined,
        secretAccessKey: ctx.env.SPACES_SECRET_ACCESS_KEY?.trim() || undefined,
        endpoint: endpoints.spaces,
        regions: spacesRegions,
      },
      concurrency,
      timeoutMs: Math.round(timeout * 1000),
      maxRateLimitWaitMs: maxWait * 1000,
      progress,
      shard,
      services,
    }).catch((e: unknown) => {
      throw e instanceof TokenRejected ? new InputError(`${varName}: ${e.message}`) : e;
    });
}

/** `scan digitalocean` as `scan all` runs it: same flags, same checks, same collection. */
export const digitalOceanCli: ProviderCli = {
  scan: scanDigitalOceanCommand,
  plan: planDigitalOceanCommand,
  flags: DIGITALOCEAN_FLAGS,
  notConfigured(args, ctx) {
    const varName = String(args['token-env']);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(varName)) throw new InputError(`--token-env: '${varName}' is not an environment variable name`);
    if (ctx.env[varName]?.trim()) return undefined;
    return `no token: ${varName} is not set (a read-only API token is enough; name another variable with sources.digitalocean.tokenEnv)`;
  },
  async prepare(args, ctx) {
    const argv = { ...args, concurrency: Math.min(Number(args.concurrency), DIGITALOCEAN_MAX_CONCURRENCY) } as unknown as ScanDoArgs;
    const collect = await doCollector(argv, ctx);
    const api = doOptions(argv, ctx).endpoints.api;
    // A rejected token is this source failing (the run is incomplete), not an input error of the whole run.
    const inventory = () => collect().catch((e: unknown) => Promise.reject(e instanceof InputError ? new Error(e.message) : e));
    return async () => ({ inventory: await inventory(), inputs: [`digitalocean:${api ?? 'https://api.digitalocean.com'}`] });
  },
};

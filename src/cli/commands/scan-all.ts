import type { Argv, CommandModule } from 'yargs';
import { CONTEXT_KEY, contextOf, type RunContext } from '../context.js';
import { withScanOptions, parseKeyValues, deadlineMs, type ScanArgs } from '../options.js';
import { evaluateAndReport, prepareRun } from '../evaluate-and-report.js';
import { InputError } from '../../util/errors.js';
import { Inventory } from '../../model/inventory.js';
import { mergeInventories, saveInventory } from '../../sources/inventory-file.js';
import type { VouchConfig } from '../config.js';
import type { Provider } from '../../model/resource.js';
import { checkConcurrency, yargsFlags, type FlagDef } from '../flags.js';
import type { CollectedSource } from '../provider-cli.js';
import { PROVIDER_CLIS } from './providers.js';
import { PROVIDERS, endpointNames, serviceNames, parseServiceList } from '../../sources/providers/index.js';

export { awsCredentialSource } from './scan-aws.js';
export { gcpCredentialSource } from './scan-gcp.js';

/**
 * `vouch scan all`: every configured source (the clouds of the provider
 * registry, then IaC paths) in one run and one evidence file. A source whose
 * credentials or settings are absent is skipped with a one-line reason
 * (recorded in the evidence's coverage.notCollected), never an error unless
 * named in `--require`. Each cloud's flags, checks and collection are those of
 * its own `scan <cloud>` command (src/cli/provider-cli.ts): a flag two clouds
 * share by name is offered as `--<cloud>-<flag>`.
 */

export const SOURCES: readonly SourceName[] = [...PROVIDER_CLIS.map((p) => p.name), 'iac'];
export type SourceName = Provider | 'iac';

interface ScanAllArgs extends ScanArgs {
  require?: string;
  'save-inventory'?: string;
  iac?: string[];
  services?: string | string[];
  [flag: string]: unknown;
}

/**
 * `--services` for `scan all`: `cloud:service` items (`aws:s3,gcp:storage`,
 * `do:` for digitalocean) or bare names, which apply to every cloud that has
 * such a service. A cloud no item names is read whole (or as its own
 * `--<cloud>-services` says); what a named cloud leaves out is reported not
 * collected, as with the per-cloud commands.
 */
export function servicesPerCloud(v: unknown): Partial<Record<Provider, string[]>> {
  if (v === undefined || v === null || v === '' || v === 'all') return {};
  const decl = PROVIDERS;
  // A cloud is named by its name or an alias of its scan command (`do` for digitalocean).
  const byName = new Map<string, Provider>(PROVIDER_CLIS.flatMap((p) => [p.name, ...aliasesOf(p.scan)].map((n) => [n, p.name] as [string, Provider])));
  const picked: Partial<Record<Provider, string[]>> = {};
  for (const raw of (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(','))) {
    const item = raw.trim().toLowerCase();
    if (!item || item === 'all') continue;
    const m = /^([a-z]+):(.+)$/.exec(item);
    const named = m ? byName.get(m[1]!) : undefined;
    if (m && !named) throw new InputError(`--services: unknown cloud '${m[1]}' in '${raw.trim()}' (clouds: ${[...byName.keys()].join(', ')})`);
    const clouds: Provider[] = named ? [named] : (Object.keys(decl) as Provider[]).filter((c) => serviceNames(decl[c]).includes(item));
    if (!clouds.length)
      throw new InputError(`--services: unknown service '${raw.trim()}' (name it as cloud:service, e.g. ${PROVIDER_CLIS.map((p) => `${[...aliasesOf(p.scan), p.name][0]}:${serviceNames(decl[p.name])[0]}`).join(', ')})`);
    for (const c of clouds) (picked[c] ??= []).push(m ? m[2]! : item);
  }
  // Each cloud's names are checked as its own command checks them.
  for (const c of Object.keys(picked) as Provider[]) picked[c] = parseServiceList(decl[c], picked[c]!.join(','));
  return picked;
}

function aliasesOf(c: CommandModule): string[] {
  const a = c.aliases;
  return a === undefined ? [] : typeof a === 'string' ? [a] : [...a];
}

/** How each cloud's own flags appear on `scan all`: unprefixed when no other cloud has that name, else `--<cloud>-<flag>`. */
export function cloudFlagNames(): { cloud: Provider; flag: string; as: string; def: FlagDef }[] {
  const count = new Map<string, number>();
  for (const p of PROVIDER_CLIS) for (const f of Object.keys(p.flags)) count.set(f, (count.get(f) ?? 0) + 1);
  return PROVIDER_CLIS.flatMap((p) => Object.entries(p.flags).map(([flag, def]) => ({ cloud: p.name, flag, as: count.get(flag)! > 1 ? `${p.name}-${flag}` : flag, def })));
}

/** The `scan all` option for a cloud's flag: its definition, no default (the config comes first), the fallbacks named. */
function allFlagDef(cloud: Provider, def: FlagDef): FlagDef {
  const { default: dflt, ...rest } = def;
  const from = [def.configKey && `sources.${cloud}.${def.configKey}`, def.topConfigKey && def.topConfigKey, def.envKey, dflt !== undefined && `${dflt}`].filter(Boolean);
  return { ...rest, describe: `${PROVIDERS[cloud].title}: ${def.describe ?? ''}${from.length ? ` (scan all default: ${from.join(', else ')})` : ''}` };
}

/** Every cloud's own flags as `scan all` options. */
function cloudFlagOptions() {
  return yargsFlags(Object.fromEntries(cloudFlagNames().map((f) => [f.as, allFlagDef(f.cloud, f.def)])));
}

/** A cloud's flags for its scan: the flag, else `sources.<cloud>` in the config, else the environment variable, else the definition's default. */
function cloudArgs(argv: ScanAllArgs, cloud: Provider, config: VouchConfig | undefined, ctx: RunContext) {
  const source = (config?.sources as Record<string, Record<string, unknown> | undefined> | undefined)?.[cloud];
  const args: Record<string, unknown> = {};
  const given: Record<string, unknown> = {};
  for (const f of cloudFlagNames().filter((x) => x.cloud === cloud)) {
    const flagValue = argv[f.as];
    given[f.flag] = flagValue;
    const fromConfig = f.def.configKey ? source?.[f.def.configKey] : undefined;
    const fromTop = f.def.topConfigKey ? (config as Record<string, unknown> | undefined)?.[f.def.topConfigKey] : undefined;
    const fromEnv = f.def.envKey ? list(ctx.env[f.def.envKey]) : [];
    let v = flagValue ?? fromConfig ?? fromTop ?? (fromEnv.length ? fromEnv : undefined) ?? f.def.default;
    // Config lists are YAML lists; a flag of type string takes them as its comma list.
    if (Array.isArray(v) && !f.def.array) v = v.join(',');
    if (v !== undefined && f.def.array && !Array.isArray(v)) v = list(v);
    args[f.flag] = v;
  }
  return { args, given };
}

const list = (v: unknown): string[] =>
  (v === undefined ? [] : Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).map((x) => x.trim()).filter(Boolean);

/** `--endpoint PROVIDER:NAME=URL` flags over `sources.<provider>.endpoints` in the config, as NAME=URL lists per provider. */
export function endpointsByProvider(flags: unknown, config: VouchConfig | undefined): Record<Provider, string[]> {
  const names = PROVIDER_CLIS.map((p) => p.name);
  const sources = (config?.sources ?? {}) as Partial<Record<Provider, { endpoints?: Record<string, string> }>>;
  const out = Object.fromEntries(names.map((n) => [n, { ...(sources[n]?.endpoints ?? {}) }])) as Record<Provider, Record<string, string>>;
  for (const [key, url] of Object.entries(parseKeyValues('endpoint', flags))) {
    const m = /^([a-z]+):(.+)$/.exec(key);
    if (!m || !(names as string[]).includes(m[1]!)) throw new InputError(`--endpoint ${key}=...: scan all needs PROVIDER:NAME=URL (${names.map((n) => `${n}:${endpointNames(PROVIDERS[n]).find((e) => !(e in (PROVIDERS[n].base.endpoints ?? {}))) ?? 'NAME'}=...`).join(', ')})`);
    out[m[1] as Provider][m[2]!] = url;
  }
  return Object.fromEntries(names.map((n) => [n, Object.entries(out[n]).map(([k, v]) => `${k}=${v}`)])) as Record<Provider, string[]>;
}

interface Plan {
  name: SourceName;
  /** Why it is skipped; undefined when it runs. */
  skip?: string;
  run?: () => Promise<CollectedSource>;
}

async function plan(argv: ScanAllArgs, ctx: RunContext): Promise<Plan[]> {
  const config = argv.vouchConfig;
  const sources = config?.sources ?? {};
  const endpoints = endpointsByProvider(argv.endpoint, config);
  const concurrency = checkConcurrency((argv.concurrency as number | undefined) ?? config?.concurrency ?? 8);
  const plans: Plan[] = [];
  const picked = servicesPerCloud(argv.services);

  for (const p of PROVIDER_CLIS) {
    const { args, given } = cloudArgs(argv, p.name, config, ctx);
    // `--services aws:s3,...` picks for the clouds it names, unless `--<cloud>-services` was given.
    if (picked[p.name] && given.services === undefined) args.services = picked[p.name]!.join(',');
    const skip = p.notConfigured(args, ctx, config, given);
    if (skip) {
      plans.push({ name: p.name, skip });
      continue;
    }
    // Validated now, with the cloud's own checks: a bad flag is exit 2 before any source runs.
    const run = await p.prepare({ ...args, concurrency, endpoint: endpoints[p.name], quiet: Boolean(argv.quiet), [CONTEXT_KEY]: ctx }, ctx).catch((e: unknown) => {
      // The cloud's own check speaks of its own flag name: say which cloud (the flag may be --<cloud>-<flag> here).
      throw e instanceof InputError ? new InputError(`${p.name}: ${e.message}`) : e;
    });
    plans.push({ name: p.name, run });
  }

  // IaC
  {
    const iac = sources.iac;
    const paths = argv.iac?.length ? list(argv.iac) : (iac?.paths ?? []);
    if (!paths.length) plans.push({ name: 'iac', skip: 'no paths: name sources.iac in vouch.config.yaml (or --iac PATH)' });
    else
      plans.push({
        name: 'iac',
        run: async () => {
          const { loadIac } = await import('../../sources/iac/load.js');
          const inventory = loadIac(paths, { parameters: iac?.parameters ?? {}, region: iac?.region, account: iac?.account });
          return { inventory, inputs: inventory.coverage.inputs ?? paths };
        },
      });
  }
  return plans;
}

export function parseRequire(v: string | undefined): SourceName[] {
  const names = list(v);
  for (const n of names) if (!(SOURCES as readonly string[]).includes(n)) throw new InputError(`--require: unknown source '${n}' (expected ${SOURCES.join(', ')})`);
  return names as SourceName[];
}

export const scanAllCommand: CommandModule<object, ScanAllArgs> = {
  command: 'all',
  describe: 'Scan every configured source (AWS, GCP, DigitalOcean, IaC paths) into one evidence file',
  builder: (y) =>
    (withScanOptions(y) as Argv)
      .option('concurrency', { type: 'number', describe: 'API calls in flight per service (default: concurrency in vouch.config.yaml, else 8)' })
      .option('require', { type: 'string', describe: `Comma list of sources that must be configured (${SOURCES.join(',')}): exit 2 if one is not` })
      .option('save-inventory', { type: 'string', describe: 'Also write the merged inventory to this file, to judge again later with `vouch evaluate`' })
      .option('iac', { type: 'string', array: true, describe: 'Template files, directories or cdk.out folders (default: sources.iac in vouch.config.yaml)' })
      .options(cloudFlagOptions())
      .option('services', {
        type: 'string',
        describe: 'Comma list of services to read: cloud:service (aws:s3, gcp:storage, do:spaces) or a bare name for every cloud that has it; a cloud not named is read whole. Rules on what is left out are reported not collected (exit 3)',
      })
      .example('$0 scan all --services aws:iam,aws:s3,gcp:storage', 'read only IAM and S3 on AWS and Cloud Storage on GCP (DigitalOcean whole)')
      .example('$0 scan all --config vouch.config.yaml', 'the nightly job: every configured source, one evidence file')
      .example('$0 scan all --require aws,gcp --format json,md,sarif', 'fail (exit 2) when AWS or GCP credentials are missing')
      .example('$0 scan all --endpoint gcp:storage=http://127.0.0.1:4443', 'route one provider API to a local server (PROVIDER:NAME=URL)') as never,
  handler: async (argv) => {
    const ctx = contextOf(argv);
    const startedAt = ctx.now();
    const required = parseRequire(argv.require);
    const prepared = prepareRun(argv);
    const plans = await plan(argv, ctx);
    const say = (line: string) => ctx.stderr.write(`${line}\n`);
    for (const p of plans) if (p.skip) say(`${p.name}: not configured (${p.skip})`);
    const missing = required.filter((r) => plans.find((p) => p.name === r)?.skip);
    if (missing.length) throw new InputError(`--require: ${missing.join(', ')} not configured (see the lines above)`);
    const running = plans.filter((p) => p.run);
    if (!running.length) throw new InputError('scan all: no source is configured (see the lines above); nothing was scanned');

    const parts: { inventory: Inventory; file: string }[] = [];
    const inputs: string[] = [];
    const failures: NonNullable<Inventory['coverage']['failures']> = [];
    // One --deadline (and one interrupt) for the whole run: each source gets what is left of it.
    const { underDeadline, withinDeadline } = await import('../../sources/providers/common/deadline.js');
    await underDeadline(deadlineMs(argv), 'scan all', async () => {
      for (const p of running) {
        if (!argv.quiet) say(`${p.name}: scanning`);
        try {
          const r = await withinDeadline(`scan ${p.name}`, p.run!());
          parts.push({ inventory: r.inventory, file: p.name });
          inputs.push(...r.inputs);
        } catch (e) {
          // One source failing does not lose the others: the run is incomplete (exit 3) and says why.
          if (e instanceof InputError && required.includes(p.name)) throw e;
          const message = (e as Error)?.message?.split('\n')[0] ?? String(e);
          say(`${p.name}: scan failed: ${message}`);
          failures.push({ operation: `scan ${p.name}`, code: 'SOURCE_FAILED', message });
        }
      }
    }, ctx.signal, false);
    const notCollected = plans.filter((p) => p.skip).map((p) => ({ what: p.name, why: `not configured: ${p.skip}` }));
    parts.push({ inventory: new Inventory([], { ...(failures.length ? { failures } : {}), ...(notCollected.length ? { notCollected } : {}) }), file: 'scan all' });
    const inventory = mergeInventories(parts);
    const command = `scan all (${running.map((p) => p.name).join(', ')})`;
    if (argv['save-inventory']) saveInventory(inventory, argv['save-inventory'], { command, collectedAt: startedAt });
    await evaluateAndReport(argv, prepared, inventory, command, inputs, startedAt);
  },
};

import type { Argv, CommandModule } from 'yargs';
import { contextOf, progressLog } from '../context.js';
import { withScanOptions, parseSeconds, deadlineMs, type ScanArgs } from '../options.js';
import { evaluateAndReport, prepareRun } from '../evaluate-and-report.js';
import { prepareProbe, withProbeOptions, type ProbeArgs } from '../../sources/probe/options.js';
import { InputError } from '../../util/errors.js';
import { parseShard } from '../../findings/shard.js';
import { withPlanOptions, printPlan, checkShards, planUnits, type PlanArgs } from './plan-options.js';
import { gcp, servicesHelp, parseServiceList } from '../../sources/providers/index.js';
import { yargsFlags, checkConcurrency, type FlagDef } from '../flags.js';
import type { ProviderCli } from '../provider-cli.js';
import type { Env, RunContext } from '../context.js';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

interface ScanGcpArgs extends ScanArgs, ProbeArgs {
  project?: string[];
  organization?: string;
  folder?: string;
  shard?: string;
  'request-timeout'?: number;
  'retry-base'?: number;
  services?: string;
}

const ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const NUMERIC = /^(organizations\/|folders\/)?\d{1,20}$/;

/** The flags only `scan gcp` has (`scan all` offers the same ones). */
export const GCP_FLAGS = {
  project: { type: 'string', array: true, configKey: 'projects', envKey: 'GOOGLE_CLOUD_PROJECT', describe: 'Project id to scan (repeatable)' },
  organization: { type: 'string', configKey: 'organization', describe: 'Scan every active project under this organization (numeric id)' },
  folder: { type: 'string', configKey: 'folder', describe: 'Scan every active project under this folder (numeric id)' },
  services: { type: 'string', default: 'all', describe: servicesHelp(gcp) },
  'request-timeout': { type: 'number', describe: 'Seconds one API request may take, connection to the last byte of the answer (0.1 to 3600; default 60)' },
  'retry-base': { type: 'number', describe: 'Seconds of the first backoff before a retried call; each later one doubles, with jitter (0 to 60; default 0.5)' },
} as const satisfies Record<string, FlagDef>;

export const scanGcpCommand: CommandModule<object, ScanGcpArgs> = {
  command: 'gcp',
  describe: 'Scan Google Cloud projects (Application Default Credentials, read-only)',
  builder: (y) =>
    withProbeOptions(withScanOptions(y))
      .options(yargsFlags(GCP_FLAGS))
      .option('shard', { type: 'string', describe: 'Scan only shard K of N (K/N, e.g. 0/8): one work unit per project; see `vouch plan scan gcp`' })
      .example('$0 scan gcp --project my-prod --claims claims.yaml', 'scan one project')
      .example('$0 scan gcp --organization 123456789012 --format json,md,sarif', 'scan every active project of an organization')
      .example('$0 scan gcp --project my-project --endpoint storage=http://127.0.0.1:4443', 'read Cloud Storage from a local server (no credentials needed for it; without credentials the other APIs are unknown, exit 3)')
      .epilogue(
        [
          'Credentials: Application Default Credentials, read-only scope (GOOGLE_APPLICATION_CREDENTIALS, `gcloud auth application-default login`, or an attached service account); none found: exit 2, unless some APIs are routed to loopback with --endpoint (those are read, the others are unknown: exit 3). Grant roles/iam.securityReviewer and roles/viewer at the organization or folder.',
          'Proxy: HTTPS_PROXY (HTTP_PROXY for http endpoints) and NO_PROXY are honoured: requests are tunnelled with CONNECT, so the proxy never sees the token.',
          'Exit codes: 0 clean, 1 failures at or above --fail-on, 2 bad input or no credentials, 3 something could not be checked. More: docs/gcp.md.',
        ].join('\n\n'),
      ) as never,
  handler: async (argv) => {
    const ctx = contextOf(argv);
    const startedAt = ctx.now();
    const shard = argv.shard !== undefined ? parseShard(String(argv.shard)) : undefined;
    const { opts, projects } = await gcpOptions(argv);
    const prepared = prepareRun(argv);
    const probe = prepareProbe(argv, prepared.profile, ctx.signal);
    const { scanGcp } = await import('../../sources/providers/gcp/collectors/index.js');
    const { Progress } = await import('../../sources/providers/common/progress.js');
    const { underDeadline } = await import('../../sources/providers/common/deadline.js');
    const { inventory, projects: scanned } = await underDeadline(deadlineMs(argv), 'scan gcp', () => scanGcp({ ...opts, progress: new Progress('gcp', ctx.stderr, !argv.quiet, ctx.env), shard }), ctx.signal);
    // Nothing scanned is not a clean result: say so, and let the exit code say incomplete (3).
    if ((inventory.coverage.plannedUnits ?? []).length === 0)
      (inventory.coverage.failures ??= []).push({ operation: 'cloudresourcemanager.projects.list', code: 'NO_PROJECTS', message: 'no active project found under the given organization/folder' });
    const inputs = scanned.map((p) => `gcp:projects/${p}`);
    const command = ['scan gcp', ...projects.map((p) => `--project ${p}`), ...(argv.organization ? [`--organization ${argv.organization}`] : []), ...(argv.folder ? [`--folder ${argv.folder}`] : []), ...(shard ? [`--shard ${shard.index}/${shard.count}`] : [])].join(' ');
    await evaluateAndReport(argv, prepared, inventory, command, inputs, startedAt, await probe?.stage(inventory, prepared.suppressions, progressLog(argv)));
  },
};

/** The options `scan gcp` and `plan scan gcp` share (validated). */
async function gcpOptions(argv: ScanGcpArgs, { env }: RunContext = contextOf(argv)) {
  const projects = (argv.project ?? []).flatMap((p) => String(p).split(',')).map((p) => p.trim()).filter(Boolean);
  for (const p of projects) if (!ID.test(p)) throw new InputError(`--project: '${p}' is not a project id (6-30 lowercase letters, digits, hyphens)`);
  for (const [flag, v] of [['organization', argv.organization], ['folder', argv.folder]] as const)
    if (v !== undefined && !NUMERIC.test(String(v))) throw new InputError(`--${flag}: '${v}' is not a numeric ${flag} id`);
  if (!projects.length && !argv.organization && !argv.folder) throw new InputError('scan gcp: name --project ID (repeatable), --organization ID or --folder ID');
  checkConcurrency(argv.concurrency);
  const { parseEndpoints } = await import('../../sources/providers/gcp/collectors/transport.js');
  const endpoints = parseEndpoints(argv.endpoint);
  // The flags win; VOUCH_GCP_RETRY_BASE_MS / VOUCH_GCP_TIMEOUT_MS (docs/gcp.md) remain as fallbacks for scripts that set them.
  const flagRetryBase = argv['retry-base'] === undefined ? undefined : parseSeconds('retry-base', argv['retry-base'], { min: 0, max: 60 }) * 1000;
  const retryBase = flagRetryBase ?? Number(env.VOUCH_GCP_RETRY_BASE_MS);
  const flagTimeout = argv['request-timeout'] === undefined ? undefined : parseSeconds('request-timeout', argv['request-timeout'], { min: 0.1, max: 3600 }) * 1000;
  const timeout = flagTimeout ?? Number(env.VOUCH_GCP_TIMEOUT_MS);
  return {
    projects,
    opts: {
      endpoints,
      concurrency: argv.concurrency,
      retryBaseMs: Number.isFinite(retryBase) && retryBase >= 0 ? retryBase : undefined,
      timeoutMs: Number.isFinite(timeout) && timeout > 0 ? Math.round(timeout) : undefined,
      targets: { projects, organization: argv.organization, folder: argv.folder },
      services: parseServiceList(gcp, argv.services),
      env,
    },
  };
}

/** `vouch plan scan gcp --shards N`: the projects per shard, from Resource Manager listing only. */
export const planGcpCommand: CommandModule<object, ScanGcpArgs & PlanArgs> = {
  command: 'gcp',
  describe: 'Print the GCP work units (projects) per shard as JSON',
  builder: (y) => withPlanOptions((scanGcpCommand.builder as (y: Argv) => Argv)(y as Argv)) as never,
  handler: async (argv) => {
    checkShards(argv.shards);
    const { opts } = await gcpOptions(argv);
    const { planGcp } = await import('../../sources/providers/gcp/collectors/index.js');
    printPlan(await planUnits('plan scan gcp', contextOf(argv), () => planGcp(opts)), argv.shards, contextOf(argv).stdout);
  },
};

/** `scan gcp` as `scan all` runs it: same flags, same checks, same collection. */
export const gcpCli: ProviderCli = {
  scan: scanGcpCommand,
  plan: planGcpCommand,
  flags: GCP_FLAGS,
  notConfigured(args, ctx, config, given) {
    if (!config?.sources.gcp && !gcpCredentialSource(ctx.env) && !(given.project as string[] | undefined)?.length)
      return 'no Application Default Credentials found: run `gcloud auth application-default login` or set GOOGLE_APPLICATION_CREDENTIALS, and name sources.gcp.projects in vouch.config.yaml';
    if (!(args.project as string[] | undefined)?.length && !args.organization && !args.folder)
      return 'nothing to scan: name sources.gcp.projects, organization or folder in vouch.config.yaml (or set GOOGLE_CLOUD_PROJECT)';
    return undefined;
  },
  async prepare(args, ctx) {
    const { opts } = await gcpOptions(args as unknown as ScanGcpArgs, ctx);
    const { scanGcp } = await import('../../sources/providers/gcp/collectors/index.js');
    const { Progress } = await import('../../sources/providers/common/progress.js');
    return async () => {
      const { inventory, projects } = await scanGcp({ ...opts, progress: new Progress('gcp', ctx.stderr, !args.quiet, ctx.env) });
      if (projects.length === 0)
        (inventory.coverage.failures ??= []).push({ operation: 'cloudresourcemanager.projects.list', code: 'NO_PROJECTS', message: 'no active project found under the given organization/folder' });
      return { inventory, inputs: projects.map((p) => `gcp:projects/${p}`) };
    };
  },
};

/** Application Default Credentials, found the way google-auth-library looks for them (without the metadata server). */
export function gcpCredentialSource(env: Env, home: string = homedir()): string | undefined {
  if (env.GOOGLE_APPLICATION_CREDENTIALS) return 'GOOGLE_APPLICATION_CREDENTIALS';
  const dir = env.CLOUDSDK_CONFIG || join(home, '.config', 'gcloud');
  const adc = join(dir, 'application_default_credentials.json');
  return existsSync(adc) ? adc : undefined;
}

import type { Argv, CommandModule } from 'yargs';
import { contextOf, progressLog } from '../context.js';
import { withScanOptions, parseSeconds, deadlineMs, type ScanArgs } from '../options.js';
import { evaluateAndReport, prepareRun } from '../evaluate-and-report.js';
import { InputError } from '../../util/errors.js';
import { parseShard } from '../../findings/shard.js';
import { withPlanOptions, printPlan, checkShards, planUnits, type PlanArgs } from './plan-options.js';
import { prepareProbe, withProbeOptions, type ProbeArgs } from '../../sources/probe/options.js';
import { aws, servicesHelp } from '../../sources/providers/index.js';
import { yargsFlags, checkConcurrency } from '../flags.js';
import type { FlagDef, ProviderCli } from '../provider-cli.js';
import type { Env, RunContext } from '../context.js';
import { ExitCode } from '../exit-code.js';
import type { EvidenceDocument } from '../../findings/evidence.js';
import { exitWithDrift } from '../../findings/drift/compare.js';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

interface ScanAwsArgs extends ScanArgs, ProbeArgs {
  profile?: string;
  regions?: string;
  'role-arn'?: string;
  'external-id'?: string;
  'org-role'?: string;
  accounts?: string;
  services?: string;
  'max-attempts': number;
  'request-timeout': number;
  shard?: string;
  'cdk-out'?: string[];
  'fail-on-drift'?: boolean;
}

/** The flags only `scan aws` has (`scan all` offers the same ones). */
export const AWS_FLAGS = {
  profile: { type: 'string', configKey: 'profile', describe: 'Shared config/credentials profile (default: the SDK credential chain)' },
  regions: { type: 'string', default: 'all', configKey: 'regions', topConfigKey: 'regions', describe: "Regions: 'all' enabled regions (EC2 DescribeRegions) or a comma list" },
  'role-arn': { type: 'string', configKey: 'roleArn', describe: 'Assume this role first (sts:AssumeRole)' },
  'external-id': { type: 'string', describe: 'External id for --role-arn / --org-role' },
  'org-role': { type: 'string', configKey: 'orgRole', describe: 'Role NAME to assume in every active account of the organization (e.g. OrganizationAccountAccessRole or a read-only audit role)' },
  accounts: { type: 'string', configKey: 'accounts', describe: 'Comma list of 12-digit account ids to limit --org-role to' },
  services: { type: 'string', default: 'all', describe: servicesHelp(aws) },
  'max-attempts': { type: 'number', default: 4, describe: 'Attempts per API call (SDK adaptive retry) before it counts as failed' },
  'request-timeout': { type: 'number', default: 30, describe: 'Seconds one API request may take, connection to the last byte of the answer (0.1 to 3600)' },
} as const satisfies Record<string, FlagDef>;

/** `vouch scan aws`: the SDK and collectors load only when this handler runs. */
export const scanAwsCommand: CommandModule<object, ScanAwsArgs> = {
  command: 'aws',
  describe: 'Scan AWS accounts with read-only API calls (SDK default credential chain)',
  builder: (y) =>
    withProbeOptions(withScanOptions(y))
      .options(yargsFlags(AWS_FLAGS))
      .option('cdk-out', { type: 'string', array: true, describe: 'Cloud assembly (or templates) the stacks were deployed from: drift against it goes into the evidence and every report (docs/drift.md)' })
      .option('fail-on-drift', { type: 'boolean', default: false, describe: 'With --cdk-out: exit 1 on drift, 3 when drift could not be determined' })
      .option('shard', { type: 'string', describe: 'Scan only shard K of N (K/N, e.g. 0/8): work units are account × region plus one global unit per account; see `vouch plan scan aws`' })
      .example('$0 scan aws --regions eu-west-1,us-east-1 --claims claims.yaml', 'scan two regions of the current account')
      .example('$0 scan aws --org-role VouchAudit --format json,md,sarif', 'scan every active account of the organization')
      .example('AWS_ENDPOINT_URL=http://127.0.0.1:5000 $0 scan aws --regions us-east-1', 'scan an emulator (moto) or an S3-compatible endpoint') as never,
  handler: async (argv) => {
    const ctx = contextOf(argv);
    const startedAt = ctx.now();
    const prepared = prepareRun(argv);
    const probe = prepareProbe(argv, prepared.profile, ctx.signal);
    if (argv['fail-on-drift'] && !argv['cdk-out']?.length) throw new InputError('--fail-on-drift needs --cdk-out');
    const drift = argv['cdk-out']?.length ? await (await import('../../findings/drift/scan-stage.js')).prepareCodeDrift(argv['cdk-out'], prepared.profile) : undefined;
    const { scanAws } = await import('../../sources/providers/aws/collectors/scan.js');
    const { underDeadline } = await import('../../sources/providers/common/deadline.js');
    const shard = argv.shard !== undefined ? parseShard(String(argv.shard)) : undefined;
    const options = await awsOptions(argv);
    const { inventory, accounts } = await underDeadline(deadlineMs(argv), 'scan aws', () => scanAws({ ...options, shard }), ctx.signal);
    const probed = await probe?.stage(inventory, prepared.suppressions, progressLog(argv));
    let judged: EvidenceDocument | undefined;
    const augment = (doc: EvidenceDocument) => {
      probed?.(doc);
      drift?.augment(doc, inventory);
      judged = doc;
    };
    try {
      await evaluateAndReport(argv, prepared, inventory, shard ? `scan aws --shard ${shard.index}/${shard.count}` : 'scan aws', accounts.map((a) => `aws:${a}`), startedAt, augment);
    } catch (e) {
      // evaluateAndReport ends by throwing the scan's exit code; drift can raise it.
      if (argv['fail-on-drift'] && e instanceof ExitCode && judged) throw new ExitCode(exitWithDrift(e.code, judged.drift));
      throw e;
    }
  },
};

/** The scan options from the flags `scan aws` and `plan scan aws` share (validated). */
async function awsOptions(argv: ScanAwsArgs, ctx: RunContext = contextOf(argv)) {
  // The flag checks first: a bad flag is answered without loading the SDK.
  checkConcurrency(argv.concurrency);
  if (!(argv['max-attempts'] >= 1 && argv['max-attempts'] <= 20)) throw new InputError('--max-attempts: expected a number from 1 to 20');
  const requestTimeout = parseSeconds('request-timeout', argv['request-timeout'], { min: 0.1, max: 3600 });
  if (argv['external-id'] && !argv['role-arn'] && !argv['org-role']) throw new InputError('--external-id needs --role-arn or --org-role');
  if (argv['role-arn'] && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(argv['role-arn'])) throw new InputError(`--role-arn: '${argv['role-arn']}' is not an IAM role ARN`);
  if (argv['org-role'] && !/^[\w+=,.@/-]{1,64}$/.test(argv['org-role'])) throw new InputError(`--org-role: '${argv['org-role']}' is not an IAM role name`);
  const { parseRegions, parseAccounts, parseServices } = await import('../../sources/providers/aws/collectors/scan.js');
  const { parseEndpoints } = await import('../../sources/providers/aws/collectors/clients.js');
  const { Progress } = await import('../../sources/providers/common/progress.js');
  let endpoints: Record<string, string>;
  try {
    endpoints = parseEndpoints(argv.endpoint);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  return {
    profile: argv.profile,
    regions: parseRegions(argv.regions),
    roleArn: argv['role-arn'],
    externalId: argv['external-id'],
    orgRole: argv['org-role'],
    accounts: parseAccounts(argv.accounts),
    services: parseServices(argv.services),
    concurrency: argv.concurrency,
    endpoints,
    maxAttempts: argv['max-attempts'],
    requestTimeoutMs: Math.round(requestTimeout * 1000),
    progress: new Progress('vouch scan aws', ctx.stderr, !argv.quiet, ctx.env),
    env: ctx.env,
  };
}

/** `vouch plan scan aws --shards N`: the units per shard, from read-only enumeration calls. */
export const planAwsCommand: CommandModule<object, ScanAwsArgs & PlanArgs> = {
  command: 'aws',
  describe: 'Print the AWS work units (account × region, account global) per shard as JSON',
  builder: (y) => withPlanOptions((scanAwsCommand.builder as (y: Argv) => Argv)(y as Argv)) as never,
  handler: async (argv) => {
    checkShards(argv.shards);
    const { planAws } = await import('../../sources/providers/aws/collectors/scan.js');
    const options = await awsOptions(argv);
    printPlan(await planUnits('plan scan aws', contextOf(argv), () => planAws(options)), argv.shards, contextOf(argv).stdout);
  },
};

/** `scan aws` as `scan all` runs it: same flags, same checks, same collection. */
export const awsCli: ProviderCli = {
  scan: scanAwsCommand,
  plan: planAwsCommand,
  flags: AWS_FLAGS,
  notConfigured(args, ctx, config) {
    if (config?.sources.aws || args.profile || awsCredentialSource(ctx.env)) return undefined;
    return 'no credentials found: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or name sources.aws in vouch.config.yaml';
  },
  async prepare(args, ctx) {
    const options = await awsOptions(args as unknown as ScanAwsArgs, ctx);
    const { scanAws } = await import('../../sources/providers/aws/collectors/scan.js');
    return async () => {
      const { inventory, accounts } = await scanAws(options);
      return { inventory, inputs: accounts.map((a) => `aws:${a}`) };
    };
  },
};

/**
 * Where the AWS SDK's default chain would find credentials, checked without a
 * network call (the instance metadata service is not probed: on EC2 name the
 * source in vouch.config.yaml `sources.aws`). Undefined when nothing is found.
 */
export function awsCredentialSource(env: Env, home: string = homedir()): string | undefined {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return 'AWS_ACCESS_KEY_ID';
  if (env.AWS_PROFILE) return 'AWS_PROFILE';
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) return 'AWS_WEB_IDENTITY_TOKEN_FILE';
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return 'container credentials';
  const creds = env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials');
  if (existsSync(creds)) return creds;
  const config = env.AWS_CONFIG_FILE || join(home, '.aws', 'config');
  if (existsSync(config)) return config;
  return undefined;
}

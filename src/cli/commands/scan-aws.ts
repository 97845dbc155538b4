import type { Argv, CommandModule } from 'yargs';
import { withScanOptions, parseSeconds, deadlineMs, type ScanArgs } from '../options.js';
import { evaluateAndReport, prepareRun } from '../evaluate-and-report.js';
import { InputError } from '../../engine/errors.js';
import { parseShard } from '../../engine/shard.js';
import { withPlanOptions, printPlan, checkShards, type PlanArgs } from './plan-options.js';
import { prepareProbe, withProbeOptions, type ProbeArgs } from '../../probe/options.js';
import { aws, servicesHelp } from '../../providers/index.js';
import { ExitCode } from '../main.js';
import type { EvidenceDocument } from '../../engine/evidence.js';
import { exitWithDrift } from '../../drift/compare.js';

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

/** `vouch scan aws`: the SDK and collectors load only when this handler runs. */
export const scanAwsCommand: CommandModule<object, ScanAwsArgs> = {
  command: 'aws',
  describe: 'Scan AWS accounts with read-only API calls (SDK default credential chain)',
  builder: (y) =>
    withProbeOptions(withScanOptions(y))
      .option('profile', { type: 'string', describe: 'Shared config/credentials profile (default: the SDK credential chain)' })
      .option('regions', { type: 'string', default: 'all', describe: "Regions: 'all' enabled regions (EC2 DescribeRegions) or a comma list" })
      .option('role-arn', { type: 'string', describe: 'Assume this role first (sts:AssumeRole)' })
      .option('external-id', { type: 'string', describe: 'External id for --role-arn / --org-role' })
      .option('org-role', { type: 'string', describe: "Role NAME to assume in every active account of the organization (e.g. OrganizationAccountAccessRole or a read-only audit role)" })
      .option('accounts', { type: 'string', describe: 'Comma list of 12-digit account ids to limit --org-role to' })
      .option('services', { type: 'string', default: 'all', describe: servicesHelp(aws) })
      .option('max-attempts', { type: 'number', default: 4, describe: 'Attempts per API call (SDK adaptive retry) before it counts as failed' })
      .option('request-timeout', { type: 'number', default: 30, describe: 'Seconds one API request may take, connection to the last byte of the answer (0.1 to 3600)' })
      .option('cdk-out', { type: 'string', array: true, describe: 'Cloud assembly (or templates) the stacks were deployed from: drift against it goes into the evidence and every report (docs/drift.md)' })
      .option('fail-on-drift', { type: 'boolean', default: false, describe: 'With --cdk-out: exit 1 on drift, 3 when drift could not be determined' })
      .option('shard', { type: 'string', describe: 'Scan only shard K of N (K/N, e.g. 0/8): work units are account × region plus one global unit per account; see `vouch plan scan aws`' })
      .example('$0 scan aws --regions eu-west-1,us-east-1 --claims claims.yaml', 'scan two regions of the current account')
      .example('$0 scan aws --org-role VouchAudit --format json,md,sarif', 'scan every active account of the organization')
      .example('AWS_ENDPOINT_URL=http://127.0.0.1:5000 $0 scan aws --regions us-east-1', 'scan an emulator (moto) or an S3-compatible endpoint') as never,
  handler: async (argv) => {
    const startedAt = new Date();
    const prepared = prepareRun(argv);
    const probe = prepareProbe(argv, prepared.profile);
    if (argv['fail-on-drift'] && !argv['cdk-out']?.length) throw new InputError('--fail-on-drift needs --cdk-out');
    const drift = argv['cdk-out']?.length ? await (await import('../../drift/scan-stage.js')).prepareCodeDrift(argv['cdk-out'], prepared.profile) : undefined;
    const { scanAws } = await import('../../collectors/aws/scan.js');
    const { underDeadline } = await import('../../collectors/common/deadline.js');
    const shard = argv.shard !== undefined ? parseShard(String(argv.shard)) : undefined;
    const options = await awsOptions(argv);
    const { inventory, accounts } = await underDeadline(deadlineMs(argv), 'scan aws', () => scanAws({ ...options, shard }));
    const probed = await probe?.stage(inventory, prepared.suppressions, argv.quiet);
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
async function awsOptions(argv: ScanAwsArgs) {
  // vouch supports Node 20 (package.json engines); the SDK's upgrade nag would only clutter CI logs.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { parseRegions, parseAccounts, parseServices } = await import('../../collectors/aws/scan.js');
  const { parseEndpoints } = await import('../../collectors/aws/clients.js');
  let endpoints: Record<string, string>;
  try {
    endpoints = parseEndpoints(argv.endpoint);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  if (!(argv.concurrency >= 1 && argv.concurrency <= 256)) throw new InputError('--concurrency: expected a number from 1 to 256');
  if (!(argv['max-attempts'] >= 1 && argv['max-attempts'] <= 20)) throw new InputError('--max-attempts: expected a number from 1 to 20');
  const requestTimeout = parseSeconds('request-timeout', argv['request-timeout'], { min: 0.1, max: 3600 });
  if (argv['external-id'] && !argv['role-arn'] && !argv['org-role']) throw new InputError('--external-id needs --role-arn or --org-role');
  if (argv['role-arn'] && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(argv['role-arn'])) throw new InputError(`--role-arn: '${argv['role-arn']}' is not an IAM role ARN`);
  if (argv['org-role'] && !/^[\w+=,.@/-]{1,64}$/.test(argv['org-role'])) throw new InputError(`--org-role: '${argv['org-role']}' is not an IAM role name`);
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
    progress: !argv.quiet,
  };
}

/** `vouch plan scan aws --shards N`: the units per shard, from read-only enumeration calls. */
export const planAwsCommand: CommandModule<object, ScanAwsArgs & PlanArgs> = {
  command: 'aws',
  describe: 'Print the AWS work units (account × region, account global) per shard as JSON',
  builder: (y) => withPlanOptions((scanAwsCommand.builder as (y: Argv) => Argv)(y as Argv)) as never,
  handler: async (argv) => {
    checkShards(argv.shards);
    const { planAws } = await import('../../collectors/aws/scan.js');
    printPlan(await planAws(await awsOptions(argv)), argv.shards);
  },
};

import type { CommandModule } from 'yargs';
import { contextOf } from '../context.js';
import { withCommonOptions, parseKeyValues, type CommonArgs } from '../options.js';
import { loadIac, DEFAULT_MAX_TEMPLATE_BYTES, DEFAULT_MAX_RESOURCES, MAX_RESOURCES_ENV } from '../../sources/iac/load.js';
import { evaluateAndReport, prepareRun } from '../evaluate-and-report.js';
import { JOBS_ENV, ParallelEvaluation, jobsFrom } from '../../evaluate/parallel.js';
import { InputError } from '../../util/errors.js';
import { saveInventory } from '../../sources/inventory-file.js';
import type { Inventory } from '../../model/inventory.js';
import { looksLikeSecretName, looksLikeSecretValue } from '../../lib/secrets.js';
import { COMMAND_SPECS } from './specs.js';

/**
 * `--parameter` values never written to a saved inventory: those of a NoEcho
 * parameter in any loaded template, of a secret-named parameter, or shaped
 * like a credential.
 */
function secretParameterValues(parameters: Record<string, string>, inventory: Inventory): string[] {
  const noEcho = new Set<string>();
  for (const r of inventory.all()) {
    if (r.type !== 'aws.cloudformation.stack') continue;
    for (const [name, d] of Object.entries((r.properties.Parameters ?? {}) as Record<string, { NoEcho?: boolean }>)) if (d?.NoEcho) noEcho.add(name);
  }
  return Object.entries(parameters)
    .filter(([k, v]) => noEcho.has(k) || looksLikeSecretName(k) || looksLikeSecretValue(v))
    .map(([, v]) => v);
}

/** The run-wide resource cap: `--max-resources`, else VOUCH_MAX_RESOURCES, else the default (src/sources/iac/load.ts). */
// The flag is read as text, as the variable is: yargs' number type would take 0x10, 1e3 or an empty value (as 0) unseen.
function maxResourcesFrom(flag: unknown, env: Readonly<Record<string, string | undefined>>): number {
  const raw = flag !== undefined ? String(flag).trim() : env[MAX_RESOURCES_ENV]?.trim() || undefined;
  if (raw === undefined) return DEFAULT_MAX_RESOURCES;
  const what = flag !== undefined ? '--max-resources' : MAX_RESOURCES_ENV;
  // eslint-disable-next-line no-control-regex
  if (!/^[0-9]{1,10}$/.test(raw) || Number(raw) < 1) throw new InputError(`${what}: expected a whole number of resources, at least 1, got '${raw.slice(0, 40).replace(/[\u0000-\u001f\u007f]/g, '?')}'`);
  return Number(raw);
}

interface CheckArgs extends CommonArgs {
  paths: string[];
  parameter?: string[];
  region?: string;
  account?: string;
  'max-template-mb'?: number;
  'max-resources'?: string;
  'save-inventory'?: string;
  jobs?: number;
}

export const checkCommand: CommandModule<object, CheckArgs> = {
  ...COMMAND_SPECS.check,
  builder: (y) =>
    withCommonOptions(y)
      .positional('paths', { type: 'string', array: true, describe: 'Template files, directories, or cdk.out folders (default: sources.iac in vouch.config.yaml)' })
      .option('parameter', { type: 'string', array: true, describe: 'Template parameter value, KEY=VALUE (repeatable); overrides the default' })
      .option('region', { type: 'string', describe: 'Region of bare templates (cdk.out stacks take theirs from the manifest)' })
      .option('account', { type: 'string', describe: 'Account id of bare templates' })
      .option('save-inventory', { type: 'string', describe: 'Also write what was loaded to this inventory file, to judge again later with `vouch evaluate`' })
      .option('jobs', {
        type: 'number',
        describe: `Threads that judge the input, each loading the templates too (the reports are the same). Default: ${JOBS_ENV}, else 1 (measured: a second thread loads everything again and was slower at every size on 2 cores). Given, it is used whatever the size and load`,
      })
      .option('max-template-mb', { type: 'number', default: DEFAULT_MAX_TEMPLATE_BYTES / 1048576, describe: 'Largest template read, in MB' })
      .option('max-resources', { type: 'string', describe: `Resources the inputs may expand to in all (nested stacks, Fn::ForEach, SAM). Default: ${MAX_RESOURCES_ENV}, else ${DEFAULT_MAX_RESOURCES}` })
      .example('$0 check cdk.out', 'check every stack of a CDK app after `cdk synth`')
      .example('$0 check template.yaml --claims claims.yaml --format json,md,sarif --fail-on high', 'gate a pipeline on high and critical failures')
      .example('$0 check infra/ --parameter Env=prod --region eu-west-1', 'check a directory of templates as deployed to prod') as never,
  handler: async (argv) => {
    const ctx = contextOf(argv);
    const startedAt = ctx.now();
    const iac = argv.vouchConfig?.sources.iac;
    const paths = argv.paths?.length ? argv.paths : (iac?.paths ?? []);
    if (!paths.length) throw new InputError('check: name at least one template, directory or cdk.out (or sources.iac in vouch.config.yaml)');
    const prepared = prepareRun(argv);
    // Parameters from the config apply under --parameter flags.
    const parameters = { ...(iac?.parameters ?? {}), ...parseKeyValues('parameter', argv.parameter) };
    const maxMb = argv['max-template-mb'] ?? 20;
    if (!(maxMb > 0)) throw new InputError('--max-template-mb: expected a positive number');
    const maxResources = maxResourcesFrom(argv['max-resources'], ctx.env);
    const load = { parameters, region: argv.region ?? iac?.region, account: argv.account ?? iac?.account, maxTemplateBytes: maxMb * 1048576, maxResources, cwd: process.cwd() };
    // Workers (a large input) load the same templates while this thread does.
    const parallel = ParallelEvaluation.start(paths, load, jobsFrom(argv.jobs, ctx.env), ctx.env);
    let inventory: Inventory;
    try {
      inventory = loadIac(paths, load);
      if (argv['save-inventory'])
        saveInventory(inventory, argv['save-inventory'], {
          command: `check ${paths.join(' ')}`,
          collectedAt: startedAt,
          secretValues: secretParameterValues(parameters, inventory),
        });
    } catch (e) {
      parallel?.close();
      throw e;
    }
    await evaluateAndReport(argv, prepared, inventory, `check ${paths.join(' ')}`, inventory.coverage.inputs ?? paths, startedAt, undefined, parallel);
  },
};

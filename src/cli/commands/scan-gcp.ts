import type { CommandModule } from 'yargs';
import { withScanOptions, type ScanArgs } from '../options.js';
import { evaluateAndReport, prepareRun } from '../evaluate-and-report.js';
import { InputError } from '../../engine/errors.js';

interface ScanGcpArgs extends ScanArgs {
  project?: string[];
  organization?: string;
  folder?: string;
}

const ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const NUMERIC = /^(organizations\/|folders\/)?\d{1,20}$/;

export const scanGcpCommand: CommandModule<object, ScanGcpArgs> = {
  command: 'gcp',
  describe: 'Scan Google Cloud projects (Application Default Credentials, read-only)',
  builder: (y) =>
    withScanOptions(y)
      .option('project', { type: 'string', array: true, describe: 'Project id to scan (repeatable)' })
      .option('organization', { type: 'string', describe: 'Scan every active project under this organization (numeric id)' })
      .option('folder', { type: 'string', describe: 'Scan every active project under this folder (numeric id)' })
      .example('$0 scan gcp --project my-prod --claims claims.yaml', 'scan one project')
      .example('$0 scan gcp --organization 123456789012 --format json,md,sarif', 'scan every active project of an organization')
      .example('$0 scan gcp --project p1 --endpoint storage=http://127.0.0.1:4443', 'route Cloud Storage calls to a local server (no credentials needed)') as never,
  handler: async (argv) => {
    const startedAt = new Date();
    const projects = (argv.project ?? []).flatMap((p) => String(p).split(',')).map((p) => p.trim()).filter(Boolean);
    for (const p of projects) if (!ID.test(p)) throw new InputError(`--project: '${p}' is not a project id (6-30 lowercase letters, digits, hyphens)`);
    for (const [flag, v] of [['organization', argv.organization], ['folder', argv.folder]] as const)
      if (v !== undefined && !NUMERIC.test(String(v))) throw new InputError(`--${flag}: '${v}' is not a numeric ${flag} id`);
    if (!projects.length && !argv.organization && !argv.folder) throw new InputError('scan gcp: name --project ID (repeatable), --organization ID or --folder ID');
    if (!(Number.isInteger(argv.concurrency) && argv.concurrency >= 1 && argv.concurrency <= 256)) throw new InputError('--concurrency: expected an integer from 1 to 256');
    const prepared = prepareRun(argv);
    const { parseEndpoints } = await import('../../collectors/gcp/transport.js');
    const endpoints = parseEndpoints(argv.endpoint);
    const { scanGcp } = await import('../../collectors/gcp/index.js');
    const { Progress } = await import('../../collectors/common/progress.js');
    const retryBase = Number(process.env.VOUCH_GCP_RETRY_BASE_MS);
    const timeout = Number(process.env.VOUCH_GCP_TIMEOUT_MS);
    const { inventory, projects: scanned } = await scanGcp({
      endpoints,
      concurrency: argv.concurrency,
      retryBaseMs: Number.isFinite(retryBase) && retryBase >= 0 ? retryBase : undefined,
      timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : undefined,
      progress: new Progress('gcp', process.stderr, !argv.quiet),
      targets: { projects, organization: argv.organization, folder: argv.folder },
    });
    // Nothing scanned is not a clean result: say so, and let the exit code say incomplete (3).
    if (scanned.length === 0)
      (inventory.coverage.failures ??= []).push({ operation: 'cloudresourcemanager.projects.list', code: 'NO_PROJECTS', message: 'no active project found under the given organization/folder' });
    const inputs = scanned.map((p) => `gcp:projects/${p}`);
    const command = ['scan gcp', ...projects.map((p) => `--project ${p}`), ...(argv.organization ? [`--organization ${argv.organization}`] : []), ...(argv.folder ? [`--folder ${argv.folder}`] : [])].join(' ');
    await evaluateAndReport(argv, prepared, inventory, command, inputs, startedAt);
  },
};

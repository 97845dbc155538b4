import type { CommandModule } from 'yargs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEvidence } from '../../reporters/load-evidence.js';
import { loadIac } from '../../sources/iac/load.js';
import { loadRules } from '../../evaluate/registry.js';
import { runEvaluation } from '../../evaluate/run.js';
import { InputError } from '../../util/errors.js';
import { compareDrift, driftMarkdown } from '../../findings/drift/compare.js';
import { loadClaims } from '../options.js';
import { ExitCode } from '../exit-code.js';
import { contextOf } from '../context.js';
import type { EvidenceDocument } from '../../findings/evidence.js';
import { COMMAND_SPECS } from './specs.js';

interface DriftArgs {
  live: string;
  'cdk-out'?: string[];
  code?: string;
  claims?: string;
  out: string;
  'fail-on-drift'?: boolean;
  quiet?: boolean;
}

export const driftCommand: CommandModule<object, DriftArgs> = {
  ...COMMAND_SPECS.drift,
  builder: (y) =>
    y
      .positional('live', { type: 'string', demandOption: true, describe: 'evidence.json of `vouch scan aws` (its resources carry their CloudFormation owner)' })
      .option('cdk-out', { type: 'string', array: true, describe: 'Cloud assembly (or templates) the stacks were deployed from: checked now with the same rules' })
      .option('code', { type: 'string', describe: 'Or: evidence.json of an earlier `vouch check` of that code' })
      .option('claims', { type: 'string', describe: 'Claims profile used to check --cdk-out (use the one the live scan used)' })
      .option('out', { type: 'string', default: 'reports', describe: 'Directory drift.json and drift.md are written to' })
      .option('fail-on-drift', { type: 'boolean', default: false, describe: 'Exit 1 when a rule passes in code and fails live (or the reverse); 3 when drift could not be determined everywhere' })
      .option('quiet', { type: 'boolean', default: false, describe: 'Print nothing on success' })
      .example('$0 drift nightly/evidence.json --cdk-out cdk.out --fail-on-drift', 'in CI: fail when live resources no longer match the code that owns them')
      .example('$0 drift nightly/evidence.json', 'list shadow resources (owned by no stack), per type') as never,
  handler: async (argv) => {
    const ctx = contextOf(argv);
    const live = loadEvidence(argv.live);
    if (argv.code && argv['cdk-out']?.length) throw new InputError('drift: give --cdk-out or --code, not both');
    let code: EvidenceDocument | undefined;
    if (argv.code) code = loadEvidence(argv.code);
    else if (argv['cdk-out']?.length) {
      const paths = argv['cdk-out'];
      const inventory = loadIac(paths);
      code = runEvaluation({ inventory, rules: await loadRules(), profile: loadClaims(argv.claims), command: `drift --cdk-out ${paths.join(' ')}`, inputs: inventory.coverage.inputs ?? paths });
    }
    const report = compareDrift(live, code);
    const text = driftMarkdown(report);
    try {
      mkdirSync(argv.out, { recursive: true });
      writeFileSync(join(argv.out, 'drift.json'), JSON.stringify(report, null, 2) + '\n');
      writeFileSync(join(argv.out, 'drift.md'), text);
    } catch (e) {
      throw InputError.fromFs(argv.out, e);
    }
    if (!argv.quiet) ctx.stdout.write(text);
    if (!argv['fail-on-drift']) return;
    const drifted = report.counts['passes-in-code-fails-live'] + report.counts['fails-in-code-passes-live'];
    if (drifted) throw new ExitCode(1);
    if (report.counts.undetermined || report.ownership.unknown || report.ownership.ambiguous || (code && report.notInCode.length)) throw new ExitCode(3);
  },
};

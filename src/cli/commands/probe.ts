import type { CommandModule } from 'yargs';
import { withCommonOptions, type CommonArgs } from '../options.js';
import { markInterrupted, prepareRun } from '../evaluate-and-report.js';
import { Inventory } from '../../model/inventory.js';
import { runEvaluation } from '../../evaluate/run.js';
import { InputError } from '../../util/errors.js';
import { writeReports } from '../../reporters/index.js';
import { printSummary } from '../summary.js';
import { ExitCode } from '../exit-code.js';
import { contextOf } from '../context.js';
import { parseTarget } from '../../sources/probe/targets.js';
import { probeOptionsFrom, profileTargets, runProbeStage, withProbeTuning, type ProbeArgs } from '../../sources/probe/options.js';
import { COMMAND_SPECS } from './specs.js';

interface ProbeCommandArgs extends CommonArgs, ProbeArgs {
  targets?: string[];
}

/** `vouch probe URL|HOST[:PORT] ...`: observed TLS and HTTPS-redirect evidence for named endpoints. */
export const probeCommand: CommandModule<object, ProbeCommandArgs> = {
  ...COMMAND_SPECS.probe,
  builder: (y) =>
    withProbeTuning(withCommonOptions(y))
      .positional('targets', { type: 'string', array: true, describe: 'https://host[:port], http://host[:port] (plain-HTTP port) or host[:port] (TLS port, default 443)' })
      .example('$0 probe https://shop.example.com api.example.com:8443 --claims claims.yaml', 'judge two endpoints against the profile\'s TLS floor')
      .example('$0 probe app.example.test --probe-resolve app.example.test=127.0.0.1', 'reach a name at a given address (tests, staging)')
      .example('$0 scan aws --probe --probe-deny 10.0.0.0/8', 'probe every internet-facing endpoint a scan finds') as never,
  handler: async (argv) => {
    const ctx = contextOf(argv);
    const startedAt = ctx.now();
    const prepared = prepareRun(argv);
    const named = (argv.targets ?? []).map((t) => parseTarget(String(t)));
    const targets = [...named, ...profileTargets(prepared.profile)];
    if (!targets.length) throw new InputError('probe: name at least one URL or HOST[:PORT], or list endpoints in the claims profile');
    const options = probeOptionsFrom(argv, prepared.profile.parameters.tlsMin, undefined, ctx.signal);
    const inventory = new Inventory([], {});
    const stage = await runProbeStage(options, undefined, targets, argv.quiet ? undefined : (l) => ctx.stderr.write(l + '\n'), prepared.profile.controls);
    const doc = runEvaluation({
      inventory,
      rules: [],
      profile: prepared.profile,
      suppressions: prepared.suppressions,
      failOn: argv['fail-on'],
      command: `probe ${(argv.targets ?? []).join(' ')}`.trim(),
      inputs: [],
      startedAt,
    });
    stage.apply(doc, prepared.suppressions);
    if (ctx.signal.aborted) markInterrupted(doc, doc.run.command);
    const written = writeReports(doc, argv.out, prepared.formats, { signKey: prepared.signKey, baseline: prepared.baseline });
    printSummary(doc, written, Boolean(argv.quiet), ctx.stdout);
    throw new ExitCode(doc.summary.exitCode);
  },
};

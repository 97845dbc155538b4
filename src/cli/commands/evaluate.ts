import type { CommandModule } from 'yargs';
import { contextOf, progressLog } from '../context.js';
import { withCommonOptions, type CommonArgs } from '../options.js';
import { evaluateAndReport, prepareRun } from '../evaluate-and-report.js';
import { DEFAULT_MAX_INVENTORY_BYTES, loadInventory, mergeInventories } from '../../sources/inventory-file.js';
import { InputError } from '../../util/errors.js';
import { prepareProbe, withProbeOptions, type ProbeArgs } from '../../sources/probe/options.js';
import { COMMAND_SPECS } from './specs.js';

interface EvaluateArgs extends CommonArgs, ProbeArgs {
  inventory: string[];
  'max-inventory-mb': number;
}

export const evaluateCommand: CommandModule<object, EvaluateArgs> = {
  ...COMMAND_SPECS.evaluate,
  builder: (y) =>
    withProbeOptions(withCommonOptions(y))
      .positional('inventory', { type: 'string', array: true, demandOption: true, describe: 'Inventory files written by --save-inventory (several are merged)' })
      .option('max-inventory-mb', { type: 'number', default: DEFAULT_MAX_INVENTORY_BYTES / 1048576, describe: 'Largest inventory file read, in MB' })
      .example('$0 check cdk.out --save-inventory inv.json', 'keep what was collected')
      .example('$0 evaluate inv.json --claims claims.yaml --format json,md', 'judge it again later with another profile') as never,
  handler: async (argv) => {
    const ctx = contextOf(argv);
    const startedAt = ctx.now();
    const files = argv.inventory ?? [];
    if (!files.length) throw new InputError('evaluate: name at least one inventory file');
    const maxMb = argv['max-inventory-mb'];
    if (!(maxMb > 0)) throw new InputError('--max-inventory-mb: expected a positive number');
    const prepared = prepareRun(argv);
    const probe = prepareProbe(argv, prepared.profile, ctx.signal);
    const parts = files.map((file) => ({ file, inventory: loadInventory(file, maxMb * 1048576) }));
    const inventory = parts.length === 1 ? parts[0]!.inventory : mergeInventories(parts);
    const augment = await probe?.stage(inventory, prepared.suppressions, progressLog(argv));
    await evaluateAndReport(argv, prepared, inventory, `evaluate ${files.join(' ')}`, files, startedAt, augment);
  },
};

import type { CommandModule } from 'yargs';
import { contextOf } from '../context.js';
import { loadRules } from '../../evaluate/registry.js';
import { COMMAND_SPECS } from './specs.js';

export const rulesCommand: CommandModule<object, { json?: boolean; control?: string }> = {
  ...COMMAND_SPECS.rules,
  builder: (y) =>
    y
      .option('json', { type: 'boolean', describe: 'Print JSON instead of a table' })
      .option('control', { type: 'string', describe: 'Only the rules of this control' }) as never,
  handler: async (argv) => {
    const ctx = contextOf(argv);
    const rules = (await loadRules()).filter((r) => !argv.control || r.control === argv.control);
    if (argv.json) {
      const out = rules.map(({ id, control, severity, sources, types, title }) => ({ id, control, severity, sources, types, title }));
      ctx.stdout.write(JSON.stringify(out, null, 2) + '\n');
      return;
    }
    const w = Math.max(4, ...rules.map((r) => r.id.length));
    const lines = [`${'RULE'.padEnd(w)}  ${'SEVERITY'.padEnd(8)}  ${'SOURCES'.padEnd(8)}  TITLE`];
    for (const r of rules) lines.push(`${r.id.padEnd(w)}  ${r.severity.padEnd(8)}  ${r.sources.join(',').padEnd(8)}  ${r.title}`);
    lines.push('', `${rules.length} rules`);
    ctx.stdout.write(lines.join('\n') + '\n');
  },
};

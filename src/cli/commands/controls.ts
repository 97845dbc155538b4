import type { CommandModule } from 'yargs';
import { contextOf } from '../context.js';
import { CONTROLS, FRAMEWORK_NAMES } from '../../evaluate/controls.js';
import { COMMAND_SPECS } from './specs.js';

export const controlsCommand: CommandModule<object, { json?: boolean }> = {
  ...COMMAND_SPECS.controls,
  builder: (y) => y.option('json', { type: 'boolean', describe: 'Print JSON' }) as never,
  handler: (argv) => {
    const ctx = contextOf(argv);
    if (argv.json) {
      ctx.stdout.write(JSON.stringify(CONTROLS, null, 2) + '\n');
      return;
    }
    const lines: string[] = [];
    for (const c of CONTROLS) {
      lines.push(`${c.id} — ${c.title}`, `  ${c.description}`);
      for (const [k, name] of Object.entries(FRAMEWORK_NAMES)) {
        const ids = c.frameworks[k as keyof typeof FRAMEWORK_NAMES];
        if (ids.length) lines.push(`  ${name}: ${ids.join(', ')}`);
      }
      lines.push('');
    }
    ctx.stdout.write(lines.join('\n'));
  },
};

import type { CommandModule } from 'yargs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEvidence } from '../../reporters/load-evidence.js';
import { diffEvidence } from '../../findings/diff.js';
import { renderDiffJson, renderDiffMarkdown } from '../../reporters/diff-report.js';
import { InputError } from '../../util/errors.js';
import { ExitCode } from '../exit-code.js';
import { contextOf } from '../context.js';
import { COMMAND_SPECS } from './specs.js';

interface DiffArgs {
  old: string;
  new: string;
  format: string;
  out?: string;
}

export const diffCommand: CommandModule<object, DiffArgs> = {
  ...COMMAND_SPECS.diff,
  builder: (y) =>
    y
      .positional('old', { type: 'string', demandOption: true, describe: 'evidence.json of the earlier run' })
      .positional('new', { type: 'string', demandOption: true, describe: 'evidence.json of the later run' })
      .option('format', { type: 'string', default: 'md', describe: 'md, json, or md,json' })
      .option('out', { type: 'string', describe: 'Directory to write diff.md / diff.json into (default: print to stdout)' })
      .example('$0 diff last-night/evidence.json tonight/evidence.json', 'the nightly regression gate') as never,
  handler: (argv) => {
    const ctx = contextOf(argv);
    const formats = [...new Set(String(argv.format).split(',').map((s) => s.trim().toLowerCase()).filter(Boolean).map((f) => (f === 'markdown' ? 'md' : f)))];
    for (const f of formats) if (f !== 'md' && f !== 'json') throw new InputError(`--format: unknown format '${f}' (diff writes md, json)`);
    if (!formats.length) throw new InputError('--format: name md, json or both');
    if (!argv.out && formats.length > 1) throw new InputError('--format md,json needs --out DIR (stdout takes one format)');
    const oldDoc = loadEvidence(argv.old);
    const newDoc = loadEvidence(argv.new);
    const d = diffEvidence(oldDoc, newDoc);
    const render = (f: string) => (f === 'json' ? renderDiffJson(d) : renderDiffMarkdown(d, newDoc, oldDoc));
    if (argv.out) {
      try {
        mkdirSync(argv.out, { recursive: true });
        for (const f of formats) writeFileSync(join(argv.out, `diff.${f}`), render(f));
      } catch (e) {
        throw InputError.fromFs(argv.out, e);
      }
      const c = d.counts;
      ctx.stdout.write(
        `${c.newFailures} new failures, ${c.fixed} fixed, ${c.stillFailing} still failing, ${c.newlyUnknown} newly unknown, ${c.expiredSuppressions} suppressions expired\n` +
          `wrote ${formats.map((f) => join(argv.out!, `diff.${f}`)).join(', ')}\n`,
      );
    } else {
      ctx.stdout.write(render(formats[0]!));
    }
    throw new ExitCode(d.counts.newFailures > 0 ? 1 : 0);
  },
};

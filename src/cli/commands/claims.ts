import type { CommandModule } from 'yargs';
import { contextOf } from '../context.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../../util/errors.js';
import type { InputFormat } from '../../claims/extract.js';
import { COMMAND_SPECS } from './specs.js';

/** Same as DEFAULT_MAX_POLICY_BYTES in claims/extract.ts, which loads only when a policy is read (`vouch check` never loads the extractor). */
const DEFAULT_MAX_MB = 5;

interface ExtractArgs {
  policy: string;
  out?: string;
  'input-format': InputFormat | 'auto';
  'max-mb': number;
  quiet?: boolean;
}

const extractCommand: CommandModule<object, ExtractArgs> = {
  command: 'extract <policy>',
  describe: 'Draft a claims profile (YAML) from a privacy / security policy (text, Markdown or HTML) for a person to review',
  builder: (y) =>
    y
      .positional('policy', { type: 'string', demandOption: true, describe: 'The policy document' })
      .option('out', { type: 'string', describe: 'Write the profile here (default: standard output)' })
      .option('input-format', { choices: ['auto', 'text', 'markdown', 'html'] as const, default: 'auto' as const, describe: 'How to read the policy (auto: by extension and content)' })
      .option('max-mb', { type: 'number', default: DEFAULT_MAX_MB, describe: 'Largest policy file read, in MB' })
      .option('quiet', { type: 'boolean', default: false, describe: 'No summary on standard error' })
      .example('$0 claims extract privacy.html --out claims.yaml', 'draft a profile, then review it')
      .example('$0 check cdk.out --claims claims.yaml', 'check a CDK app against the reviewed profile') as never,
  handler: async (argv) => {
    const ctx = contextOf(argv);
    const { extractClaims, readPolicyFile, renderProfileYaml } = await import('../../claims/extract.js');
    const maxMb = argv['max-mb'];
    if (!(maxMb > 0)) throw new InputError('--max-mb: expected a positive number');
    const text = readPolicyFile(argv.policy, maxMb * 1048576);
    const result = extractClaims(text, argv.policy, { format: argv['input-format'] });
    const s = result.stats;
    // Nothing checkable is an answer, not an input error: the draft says so, and lists what reads like a promise for review.
    if (!result.profile.claims.length && !argv.quiet)
      ctx.stderr.write(`vouch: ${argv.policy}: no checkable promise found in ${s.sentences} sentences; the draft says so (${s.review} listed under review)\n`);
    const yaml = renderProfileYaml(result, argv.policy);
    if (argv.out) {
      try {
        mkdirSync(dirname(argv.out), { recursive: true });
        writeFileSync(argv.out, yaml);
      } catch (e) {
        throw InputError.fromFs(argv.out, e);
      }
    } else ctx.stdout.write(yaml);
    if (!argv.quiet)
      ctx.stderr.write(
        `vouch: ${s.sentences} sentences: ${s.claims} claims (${s.attestationOnly} attestation only), ${s.review} for review, ${s.notPromises} not promises` +
          `${argv.out ? ` → ${argv.out}` : ''}\n`,
      );
  },
};

export const claimsCommand: CommandModule<object, object> = {
  ...COMMAND_SPECS.claims,
  builder: (y) => y.command(extractCommand as CommandModule<object, object>).demandCommand(1, 'Name a claims command: vouch claims extract <policy>') as never,
  handler: () => {},
};

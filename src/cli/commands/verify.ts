import type { CommandModule } from 'yargs';
import { loadPublicKey, verifyDir, MANIFEST_FILE } from '../../reporters/manifest.js';
import { ExitCode } from '../exit-code.js';
import { contextOf } from '../context.js';
import { COMMAND_SPECS } from './specs.js';

interface VerifyArgs {
  dir: string;
  'public-key'?: string;
}

export const verifyCommand: CommandModule<object, VerifyArgs> = {
  ...COMMAND_SPECS.verify,
  builder: (y) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: 'Directory holding manifest.json and the reports' })
      .option('public-key', { type: 'string', describe: 'Ed25519 public key (PEM) the manifest must be signed with' })
      .example('$0 verify reports/ --public-key vouch-signing.pub.pem', 'an auditor checks the evidence was not edited') as never,
  handler: (argv) => {
    const ctx = contextOf(argv);
    const key = argv['public-key'] ? loadPublicKey(argv['public-key']) : undefined;
    const r = verifyDir(argv.dir, key);
    const lines: string[] = [];
    const extra = new Set(r.uncovered);
    for (const p of r.problems) lines.push(`${extra.has(p.slice(0, p.indexOf(':'))) ? 'EXTRA' : 'CHANGED'} ${p}`);
    const m = r.manifest!;
    const sig =
      r.signature === 'absent' ? 'not signed'
      : r.signature === 'invalid' ? 'signature INVALID'
      : r.keySource === 'given' ? 'signature valid (given public key)'
      : 'signature valid with the key inside the manifest (proves integrity, not who signed: pass --public-key)';
    lines.push(
      `${r.ok ? 'OK' : 'FAILED'}: ${r.verified.length} of ${m.files.length} files match ${MANIFEST_FILE} (run ${m.runId}, vouch ${m.tool?.version ?? '?'}, rules ${m.rulesHash}); ${sig}`,
    );
    (r.ok ? ctx.stdout : ctx.stderr).write(lines.join('\n') + '\n');
    throw new ExitCode(r.ok ? 0 : 1);
  },
};

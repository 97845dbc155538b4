/**
 * Every top-level command, in the order `vouch --help` lists them. A run loads
 * only the modules of the commands named on its command line (their words, see
 * commandModules): `vouch check` never evaluates the probe, scan or drift code
 * and what they import, `vouch --version` none. The others are registered with
 * their usage line and description alone (./specs.ts), which is all that
 * `--help`, command suggestions and strict mode read of them.
 */
import type { CommandModule } from 'yargs';
import { COMMAND_SPECS, type CommandName } from './specs.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCommand = CommandModule<any, any>;

const LOADERS: { readonly [N in CommandName]: () => Promise<AnyCommand> } = {
  check: async () => (await import('./check.js')).checkCommand,
  scan: async () => (await import('./scan.js')).scanCommand,
  evaluate: async () => (await import('./evaluate.js')).evaluateCommand,
  probe: async () => (await import('./probe.js')).probeCommand,
  report: async () => (await import('./report.js')).reportCommand,
  diff: async () => (await import('./diff.js')).diffCommand,
  drift: async () => (await import('./drift.js')).driftCommand,
  merge: async () => (await import('./merge.js')).mergeCommand,
  plan: async () => (await import('./plan.js')).planCommand,
  verify: async () => (await import('./verify.js')).verifyCommand,
  rules: async () => (await import('./rules.js')).rulesCommand,
  controls: async () => (await import('./controls.js')).controlsCommand,
  claims: async () => (await import('./claims.js')).claimsCommand,
};

export const COMMAND_NAMES = Object.keys(COMMAND_SPECS) as CommandName[];

/**
 * The commands to register for `argv`: the module of every command whose name is
 * a word of the command line (yargs selects a command by its name, wherever
 * options put it; a path or value that happens to be a command name only loads
 * one module too many), and for the others their usage line and description,
 * whose handler is never reached (yargs runs only the command named).
 */
export async function commandModules(argv: readonly string[]): Promise<AnyCommand[]> {
  const words = new Set(argv);
  return Promise.all(
    COMMAND_NAMES.map(async (name) => {
      if (words.has(name)) return LOADERS[name]();
      return {
        ...COMMAND_SPECS[name],
        handler: () => {
          throw new Error(`internal: the module of command '${name}' was not loaded`);
        },
      };
    }),
  );
}

/** Every command module, loaded (for tests and documentation). */
export function allCommandModules(): Promise<AnyCommand[]> {
  return Promise.all(COMMAND_NAMES.map((n) => LOADERS[n]()));
}

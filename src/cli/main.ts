/**
 * The `vouch` command line. Commands live in ./commands, one module each,
 * loaded only when the command line names them (./commands/index.ts); heavy
 * dependencies (cloud SDKs, aws-cdk-lib) are imported inside handlers so
 * start-up stays lean.
 */
import yargs from 'yargs';
import { InputError } from '../util/errors.js';
import { VERSION } from '../util/version.js';
import { commandModules } from './commands/index.js';
import { ExitCode } from './exit-code.js';
import { CONTEXT_KEY, type RunContext } from './context.js';
import { PROVIDERS } from '../sources/providers/index.js';

export { ExitCode } from './exit-code.js';
export type { RunContext } from './context.js';

class UsageError extends Error {}

/** `AWS, GCP and DigitalOcean`: the clouds of the provider registry. */
function cloudTitles(): string {
  const t = Object.values(PROVIDERS).map((p) => p.title);
  return t.length > 1 ? `${t.slice(0, -1).join(', ')} and ${t[t.length - 1]}` : t.join('');
}

/**
 * yargs renders a command's whole help text as it starts the command's handler
 * (`cacheHelpMessage`), in case the handler shows help later. vouch's handlers
 * never do (`.fail` throws instead), and laying out the help of a command with
 * many options costs ~40 ms of every `vouch check`. `--help` itself is rendered
 * before any handler runs and is unaffected. Guarded: a yargs without this
 * internal keeps its own behaviour.
 */
function skipHelpCache(cli: object): void {
  const internal = cli as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } };
  const usage = internal.getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

/**
 * Run one `vouch` command line in this process: everything it prints goes to
 * `ctx.stdout` / `ctx.stderr`, everything it reads from the environment comes
 * from `ctx.env`; the promise resolves to the documented exit code.
 */
export async function run(argv: readonly string[], ctx: RunContext): Promise<number> {
  const commands = await commandModules(argv);
  const cli = yargs([...argv])
    .scriptName('vouch')
    .usage(
      'vouch — prove that your published security promises hold.\n\n' +
        `Checks CloudFormation / CDK stacks and live ${cloudTitles()}\n` +
        'accounts against the controls your policy promises, and writes evidence.\n\n' +
        'Usage: $0 <command> [options]',
    )
    .version(VERSION)
    .strict()
    .recommendCommands()
    .demandCommand(1, 'Name a command: vouch check cdk.out, vouch rules, vouch controls ...')
    .wrap(Math.min(110, ctx.stdout.columns || 100))
    .epilogue(
      'Exit codes: 0 clean · 1 failures at or above --fail-on · 2 usage or input error · 3 no failures but some checks could not be completed (unknown).\n' +
        'Docs: README.md. Evidence format: schema/evidence.schema.json.',
    )
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(msg);
    })
    .exitProcess(false);
  for (const c of commands) cli.command(c);
  skipHelpCache(cli);
  try {
    await cli.parseAsync([...argv], { [CONTEXT_KEY]: ctx }, (_err, _argv, output) => {
      // yargs' own output (--help, --version) goes to the context, not to the console.
      if (output) ctx.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    });
  } catch (e) {
    if (e instanceof ExitCode) return e.code;
    if (e instanceof UsageError) {
      ctx.stderr.write(`vouch: ${e.message.replace(/\s*\n\s*/g, ' ')}\nRun 'vouch --help' for usage.\n`);
      return 2;
    }
    if (e instanceof InputError) {
      ctx.stderr.write(`vouch: ${e.message}\n`);
      return 2;
    }
    const msg = e instanceof Error ? e.message : String(e);
    const missing = /Cannot find (?:package|module) '((?:@[^/']+\/)?[^/']+)/.exec(msg);
    const code = (e as { code?: string }).code;
    // ERR_MODULE_NOT_FOUND from an import, MODULE_NOT_FOUND from a require (the bundled CLI requires the SDKs).
    if (missing && (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND')) {
      // Cloud SDKs are optional dependencies: an install for template checking leaves them out.
      ctx.stderr.write(`vouch: this command needs ${missing[1]}, an optional dependency of vouch that is not installed (installed with --omit=optional?): npm install ${missing[1]}, or reinstall vouch without --omit=optional\n`);
      return 2;
    }
    ctx.stderr.write(`vouch: ${msg.split('\n')[0]}\n`);
    if (ctx.env.VOUCH_DEBUG && e instanceof Error) ctx.stderr.write(`${e.stack}\n`);
    return 2;
  }
  return 0;
}

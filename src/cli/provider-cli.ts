/**
 * What the CLI knows of one cloud: its `scan` and `plan scan` commands and
 * the flags only that cloud has, each defined once. `scan <name>` adds the
 * flags to its command; `scan all` adds the same definitions to its own (under
 * a `--<cloud>-` prefix where two clouds share a flag name), fills them from
 * the flag, then the config's `sources.<cloud>`, then the definition's
 * default, and validates and collects through the same functions `scan <name>`
 * uses. The list of clouds is the provider registry (src/providers).
 */
import type { CommandModule } from 'yargs';
import type { FlagDef } from './flags.js';

export type { FlagDef } from './flags.js';
import type { Inventory } from '../model/inventory.js';
import type { VouchConfig } from './config.js';
import type { RunContext } from './context.js';


export interface CollectedSource {
  inventory: Inventory;
  /** The inputs as evidence names them: `aws:<account>`, `gcp:projects/<id>`, ... */
  inputs: string[];
}

export interface ProviderCli {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  scan: CommandModule<any, any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  plan: CommandModule<any, any>;
  /** The flags only this cloud's scan has, by name. */
  flags: Readonly<Record<string, FlagDef>>;
  /**
   * For `scan all`: why this cloud is not configured (no credentials, nothing
   * named to scan), checked without a network call; undefined when it can run.
   * `args` are the values in effect (flag, config, default), `given` the flags as typed.
   */
  notConfigured(args: Record<string, unknown>, ctx: RunContext, config: VouchConfig | undefined, given: Record<string, unknown>): string | undefined;
  /**
   * Validate the flags (the same checks `scan <name>` makes) and return the
   * collection to run; input errors are thrown now, before any source runs.
   */
  prepare(args: Record<string, unknown>, ctx: RunContext): Promise<() => Promise<CollectedSource>>;
}

/** Helpers for flag definitions shared by `scan <cloud>` and `scan all` (src/cli/provider-cli.ts). */
import type { Options } from 'yargs';
import { InputError } from '../util/errors.js';

/** A flag as yargs takes it, and where `scan all` finds it when the flag is not given. */
export type FlagDef = Options & {
  /** `sources.<cloud>.<configKey>` in vouch.config.yaml. */
  configKey?: string;
  /** A top-level config key used when the cloud's own is absent (`regions`). */
  topConfigKey?: string;
  /** An environment variable used after the config (`GOOGLE_CLOUD_PROJECT`). */
  envKey?: string;
};

/** The definitions as yargs options (the `scan all` lookup keys removed). */
export function yargsFlags(defs: Readonly<Record<string, FlagDef>>): Record<string, Options> {
  const out: Record<string, Options> = {};
  for (const [name, d] of Object.entries(defs)) {
    const { configKey: _c, topConfigKey: _t, envKey: _e, ...opt } = d;
    out[name] = opt;
  }
  return out;
}

/** The largest `--concurrency` any scan takes. */
export const MAX_CONCURRENCY = 256;

/** `--concurrency`: an integer from 1 to `max` (one check for every scan). */
export function checkConcurrency(n: unknown, max = MAX_CONCURRENCY): number {
  if (!(typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= max)) throw new InputError(`--concurrency: expected an integer from 1 to ${max}`);
  return n;
}

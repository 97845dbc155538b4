/** Flags shared by the commands that evaluate (check, scan, evaluate). */
import type { Argv } from 'yargs';
import { SEVERITIES, type Severity } from '../engine/rule.js';
import { InputError } from '../engine/errors.js';
import { defaultProfile, loadProfile, type ClaimsProfile } from '../engine/claims.js';
import { loadSuppressions, type Suppression } from '../engine/suppressions.js';
import { mergeCommon, resolveConfig, type VouchConfig } from '../engine/config.js';

export interface CommonArgs {
  claims?: string;
  suppressions?: string;
  format?: string;
  out: string;
  'fail-on': Severity;
  quiet?: boolean;
  'sign-key'?: string;
  baseline?: string;
  config?: string | boolean;
  /** Set by the config middleware: the vouch.config.yaml in effect, if any. */
  vouchConfig?: VouchConfig;
}

export function withCommonOptions<T>(y: Argv<T>) {
  return y
    .option('claims', { type: 'string', describe: 'Claims profile (YAML): the promises to check and their parameters. Default: `claims` in vouch.config.yaml, else every control with common parameters (TLS 1.2, 35-day backups).' })
    .option('suppressions', { type: 'string', describe: 'Suppressions file (YAML): acknowledged findings with reason, owner and expiry. Default: `suppressions` in vouch.config.yaml.' })
    .option('format', { type: 'string', describe: 'Report formats, comma-separated; evidence.json is always written. Default: output.formats in vouch.config.yaml, else json,md.' })
    .option('out', { type: 'string', describe: 'Directory the reports are written to. Default: output.out in vouch.config.yaml, else reports.' })
    .option('fail-on', {
      choices: SEVERITIES,
      describe: 'Lowest severity whose unsuppressed failures make the exit code 1. Default: output.failOn in vouch.config.yaml, else low.',
    })
    .option('sign-key', { type: 'string', describe: 'Ed25519 private key (PEM) that signs manifest.json; check it later with `vouch verify DIR --public-key`.' })
    .option('baseline', { type: 'string', describe: 'evidence.json of an earlier run (e.g. of the main branch): summary.md lists new failures first.' })
    .option('config', {
      type: 'string',
      describe: 'Config file to use (default: vouch.config.yaml found upward from the working directory, not past the project root (.git, package.json or cdk.json) or the home directory, and printed on stderr); --no-config to use none.',
    })
    .option('quiet', { type: 'boolean', describe: 'Print only the one-line result.', default: false })
    .middleware(applyConfig as never);
}

/**
 * Fill the shared flags the user did not give from the config file, then from
 * the built-in defaults (flags > config > defaults). The loaded config is kept
 * on argv as `vouchConfig` for commands that read their sources from it.
 */
export function applyConfig(argv: Record<string, unknown>): void {
  for (const name of ['claims', 'suppressions', 'format', 'out', 'fail-on', 'config', 'sign-key', 'baseline']) {
    if (Array.isArray(argv[name])) throw new InputError(`--${name} was given ${argv[name].length} times; give it once`);
  }
  const flag = argv.config as string | boolean | undefined;
  const config = resolveConfig(flag === 'false' ? false : flag);
  const merged = mergeCommon(
    {
      claims: argv.claims as string | undefined,
      suppressions: argv.suppressions as string | undefined,
      format: argv.format as string | undefined,
      out: argv.out as string | undefined,
      failOn: argv['fail-on'] as Severity | undefined,
    },
    config,
  );
  argv.claims = merged.claims;
  argv.suppressions = merged.suppressions;
  argv.format = merged.format;
  argv.out = merged.out;
  argv['fail-on'] = merged.failOn;
  argv.failOn = merged.failOn;
  argv.vouchConfig = config;
}

export function loadClaims(file: string | undefined): ClaimsProfile {
  return file ? loadProfile(file) : defaultProfile();
}

export function loadSuppressionsOpt(file: string | undefined): Suppression[] {
  return file ? loadSuppressions(file) : [];
}

/** `--parameter K=V` (repeatable) → map. */
export function parseKeyValues(flag: string, values: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const list = values === undefined ? [] : Array.isArray(values) ? values : [values];
  for (const v of list) {
    const s = String(v);
    const eq = s.indexOf('=');
    // The value is not echoed: it may be a secret (a password given as --parameter DbPassword:hunter2).
    if (eq <= 0) throw new InputError(`--${flag}: expected KEY=VALUE, got ${s.length} characters without '=' (not shown: it may hold a secret)`);
    out[s.slice(0, eq)] = s.slice(eq + 1);
  }
  return out;
}

/** Flags shared by the live scans. */
export function withScanOptions<T>(y: Argv<T>) {
  return withCommonOptions(y)
    .option('concurrency', { type: 'number', default: 8, describe: 'API calls in flight per service' })
    .option('endpoint', {
      type: 'string',
      array: true,
      describe: 'Route an API to a local emulator or proxy: NAME=URL (repeatable), e.g. storage=http://127.0.0.1:4443',
    });
}

export interface ScanArgs extends CommonArgs {
  concurrency: number;
  endpoint?: string[];
}

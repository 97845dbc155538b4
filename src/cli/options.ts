/** Flags shared by the commands that evaluate (check, scan, evaluate). */
import type { Argv } from 'yargs';
import { SEVERITIES, type Severity } from '../engine/rule.js';
import { InputError } from '../engine/errors.js';
import { defaultProfile, loadProfile, type ClaimsProfile } from '../engine/claims.js';
import { loadSuppressions, type Suppression } from '../engine/suppressions.js';

export interface CommonArgs {
  claims?: string;
  suppressions?: string;
  format?: string;
  out: string;
  'fail-on': Severity;
  quiet?: boolean;
}

export function withCommonOptions<T>(y: Argv<T>) {
  return y
    .option('claims', { type: 'string', describe: 'Claims profile (YAML): the promises to check and their parameters. Default: every control with common parameters (TLS 1.2, 35-day backups).' })
    .option('suppressions', { type: 'string', describe: 'Suppressions file (YAML): acknowledged findings with reason, owner and expiry.' })
    .option('format', { type: 'string', describe: 'Report formats, comma-separated. evidence.json is always written.', default: 'json,md' })
    .option('out', { type: 'string', describe: 'Directory the reports are written to.', default: 'reports' })
    .option('fail-on', {
      choices: SEVERITIES,
      default: 'low' as Severity,
      describe: 'Lowest severity whose unsuppressed failures make the exit code 1.',
    })
    .option('quiet', { type: 'boolean', describe: 'Print only the one-line result.', default: false });
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
    if (eq <= 0) throw new InputError(`--${flag}: expected KEY=VALUE, got '${s}'`);
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

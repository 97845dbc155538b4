/** Flags shared by the commands that evaluate (check, scan, evaluate). */
import type { Argv } from 'yargs';
import { SEVERITIES, type Severity } from '../evaluate/rule.js';
import { InputError } from '../util/errors.js';
import { defaultProfile, loadProfile, type ClaimsProfile } from '../evaluate/claims-profile.js';
import { loadSuppressions, type Suppression } from '../findings/suppressions.js';
import { mergeCommon, resolveConfig, type VouchConfig } from './config.js';
import { contextOf } from './context.js';
import { PROVIDERS } from '../sources/providers/index.js';

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
  /** `--benchmark cis-aws,aws-fsbp` (repeatable): benchmark profiles from frameworks/. */
  benchmark?: string[];
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
    .option('benchmark', {
      type: 'string',
      array: true,
      describe:
        'Also judge a benchmark and report per benchmark control: cis-aws, cis-gcp, aws-fsbp (comma list or repeated). Combines with --claims. (Named --benchmark, not --profile: --profile is the AWS credentials profile of `scan aws`.)',
    })
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
  const { stderr } = contextOf(argv);
  const config = resolveConfig(flag === 'false' ? false : flag, (line) => stderr.write(line + '\n'));
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

/** A list flag's values, whether given once with commas, repeated, or both: `--regions a,b --regions c` → [a, b, c]. */
export function listFlag(v: unknown): string[] {
  const items = v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
  return items.flatMap((x) => String(x).split(',')).map((x) => x.trim()).filter(Boolean);
}

/** Scan flags that take a comma list: repeats are joined (`--regions a --regions b` = `--regions a,b`). */
export const LIST_FLAGS = ['regions', 'accounts', 'services', 'spaces-regions', 'require', 'project', 'iac'];
/** Scan flags that take one value: given twice is an input error, not a crash or a silent pick. */
export const SINGLE_FLAGS = ['profile', 'retry-base', 'role-arn', 'external-id', 'org-role', 'token-env', 'request-timeout', 'max-attempts', 'max-rate-limit-wait', 'concurrency', 'deadline', 'shard', 'organization', 'folder', 'save-inventory'];

const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Middleware of the scan commands: list flags joined, single flags given once. */
export function normalizeScanFlags(argv: Record<string, unknown>): void {
  // `scan all` offers a flag two clouds share as --<cloud>-<flag>: the same rules apply to it.
  const prefixed = (name: string) => [name, ...Object.keys(PROVIDERS).map((p) => `${p}-${name}`)];
  for (const name of SINGLE_FLAGS.flatMap(prefixed)) {
    const v = argv[name];
    if (Array.isArray(v)) throw new InputError(`--${name} was given ${v.length} times; give it once`);
  }
  for (const name of LIST_FLAGS.flatMap(prefixed)) {
    const v = argv[name];
    if (v === undefined) continue;
    // `project` and `iac` are declared as arrays; the others as one comma string.
    const joined = name === 'project' || name === 'iac' || name.endsWith('-project') ? listFlag(v) : Array.isArray(v) ? listFlag(v).join(',') : v;
    argv[name] = joined;
    if (name.includes('-')) argv[camel(name)] = joined;
  }
}

/**
 * `--endpoint` values: a URL with a user name or password is refused without
 * echoing it (it may be a real credential), before any provider parses it.
 */
export function checkEndpointValues(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  const list = (Array.isArray(v) ? v : [v]).map(String);
  for (const item of list) {
    const eq = item.indexOf('=');
    const name = eq > 0 ? item.slice(0, eq) : '';
    const url = eq > 0 ? item.slice(eq + 1) : item;
    if (/^\s*[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url))
      throw new InputError(`--endpoint ${name || '(unnamed)'}: credentials in the URL are not accepted (value not shown); give the endpoint without user:password@`);
  }
  return list;
}

/**
 * A number of seconds within [min, max] (`--request-timeout`, `--deadline`):
 * `1e10` or `Infinity` is an input error, never a timer that overflows to 1 ms.
 * `--deadline` also takes a unit: 90s, 15m, 2h.
 */
export function parseSeconds(flag: string, v: unknown, o: { min: number; max: number; units?: boolean }): number {
  const text = String(v).trim();
  const m = o.units ? /^(\d+(?:\.\d+)?)\s*([smh]?)$/.exec(text) : /^(\d+(?:\.\d+)?)$/.exec(text);
  const n = m ? Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600 }[m[2] ?? ''] ?? 1) : NaN;
  if (!Number.isFinite(n) || n < o.min || n > o.max)
    throw new InputError(`--${flag}: expected ${o.units ? 'a duration such as 300, 90s, 15m or 2h' : 'a number of seconds'} from ${o.min} to ${o.max} s, got '${text.slice(0, 40)}'`);
  return n;
}

/** The longest `--deadline`: a week. */
export const MAX_DEADLINE_S = 7 * 24 * 3600;

/** `--deadline` in ms, or undefined when not given. */
export function deadlineMs(argv: { deadline?: unknown }): number | undefined {
  return argv.deadline === undefined ? undefined : Math.round(parseSeconds('deadline', argv.deadline, { min: 1, max: MAX_DEADLINE_S, units: true }) * 1000);
}

/** Flags shared by the live scans. */
export function withScanOptions<T>(y: Argv<T>) {
  return withCommonOptions(y)
    .option('concurrency', { type: 'number', default: 8, describe: 'API calls in flight per service' })
    .option('endpoint', {
      type: 'string',
      array: true,
      coerce: checkEndpointValues,
      describe: 'Route an API to a local emulator or proxy: NAME=URL (repeatable), e.g. storage=http://127.0.0.1:4443',
    })
    .option('deadline', {
      type: 'string',
      describe:
        'Longest time the whole scan may take (300, 90s, 15m, 2h). At the deadline every call in flight is stopped and later calls are not made; what was not read is unknown (exit 3) and the report is still written. Default: none (each call is still bounded by --request-timeout).',
    })
    .middleware(normalizeScanFlags as never);
}

export interface ScanArgs extends CommonArgs {
  concurrency: number;
  endpoint?: string[];
  deadline?: string;
}

/**
 * `vouch.config.yaml`: what a team runs every night in one file — sources,
 * claims, suppressions, regions, concurrency, output. Found by walking up
 * from the working directory to the project root (a directory holding .git,
 * package.json or cdk.json) or the home directory, and announced on stderr;
 * flags always win over it. Paths in it are
 * relative to the file. It never holds a secret: DigitalOcean's token is
 * named by the environment variable that holds it (`tokenEnv`).
 */
import { existsSync } from 'node:fs';
import { readInputText } from '../util/input-file.js';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { homedir } from 'node:os';
import type { Severity } from '../evaluate/rule.js';
import { parseYamlFile } from '../util/yaml-file.js';
import { InputError } from '../util/errors.js';

export const CONFIG_NAMES = ['vouch.config.yaml', 'vouch.config.yml'] as const;
const MAX_CONFIG_BYTES = 1024 * 1024;

export { configSchema } from '../schema/config.js';
export type { ConfigInput, IacSource } from '../schema/config.js';
import { configSchema, type ConfigInput, type IacSource } from '../schema/config.js';


/** A loaded config: paths resolved against the file's directory. */
export interface VouchConfig extends Omit<ConfigInput, 'sources' | 'output'> {
  file: string;
  dir: string;
  sources: Omit<NonNullable<ConfigInput['sources']>, 'iac'> & { iac?: IacSource };
  output: { out?: string; formats?: string[]; failOn?: Severity };
}

/** What marks a project's root directory: the search for a config stops there. */
export const PROJECT_MARKERS = ['.git', 'package.json', 'cdk.json'] as const;

/**
 * The config file that applies in `start`: the nearest one from `start` up to
 * the project root (the nearest directory holding .git, package.json or
 * cdk.json) or the user's home directory, whichever comes first. Outside any
 * project (no marker and no home above) only `start` itself is looked at: a
 * config planted in a shared parent such as /tmp never applies.
 */
export function findConfig(start: string = process.cwd(), home: string = homedir()): string | undefined {
  const from = resolve(start);
  const stopAt = (dir: string) => PROJECT_MARKERS.some((m) => existsSync(join(dir, m))) || (home !== '' && dir === resolve(home));
  let boundary: string = from;
  for (let dir = from; ; ) {
    if (stopAt(dir)) {
      boundary = dir;
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break; // no project root above: only `start` itself
    dir = parent;
  }
  for (let dir = from; ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) {
      const p = join(dir, name);
      if (existsSync(p)) return p;
    }
    if (dir === boundary || dirname(dir) === dir) return undefined;
  }
}

const pathOf = (p: readonly PropertyKey[]) =>
  p.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '') || '(top level)';

export function parseConfig(data: unknown, file: string): VouchConfig {
  const parsed = configSchema.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
    throw new InputError(`${file}: ${pathOf(issue.path)}: ${issue.message}${more}`);
  }
  const c = parsed.data;
  const dir = dirname(resolve(file));
  const at = (p: string) => (isAbsolute(p) ? p : resolve(dir, p));
  const iacIn = c.sources?.iac;
  const iac: IacSource | undefined = iacIn === undefined ? undefined : Array.isArray(iacIn) ? { paths: iacIn.map(at) } : { ...iacIn, paths: iacIn.paths.map(at) };
  const formats = c.output?.formats === undefined ? undefined : (Array.isArray(c.output.formats) ? c.output.formats : c.output.formats.split(',')).map((f) => f.trim()).filter(Boolean);
  return {
    ...c,
    file,
    dir,
    ...(c.claims ? { claims: at(c.claims) } : {}),
    ...(c.suppressions ? { suppressions: at(c.suppressions) } : {}),
    sources: { aws: c.sources?.aws, gcp: c.sources?.gcp, digitalocean: c.sources?.digitalocean, ...(iac ? { iac } : {}) },
    output: {
      ...(c.output?.out ? { out: at(c.output.out) } : {}),
      ...(formats ? { formats } : {}),
      ...(c.output?.failOn ? { failOn: c.output.failOn } : {}),
    },
  };
}

export function loadConfig(file: string): VouchConfig {
  const text = readInputText(file, { maxBytes: MAX_CONFIG_BYTES, tooBig: () => 'over 1 MB; this is not a vouch config' });
  return parseConfig(parseYamlFile(text, file), file);
}

/**
 * The config a command uses: `--config FILE` if given, none with `--no-config`,
 * otherwise the one found upward from the working directory. `announce` says
 * which file applies (the CLI writes it to its run context's stderr).
 */
export function resolveConfig(flag: string | boolean | undefined, announce: (line: string) => void, cwd: string = process.cwd()): VouchConfig | undefined {
  if (flag === false) return undefined;
  const file = typeof flag === 'string' && flag ? flag : findConfig(cwd);
  if (!file) return undefined;
  const config = loadConfig(file);
  // Said every time: a config changes what passes (suppressions, failOn), so it must never apply unseen.
  announce(`vouch: using config ${file}`);
  return config;
}

/** Flags as given (undefined when absent) over the config over built-in defaults. */
export interface CommonSettings {
  claims?: string;
  suppressions?: string;
  format: string;
  out: string;
  failOn: Severity;
}

export const BUILTIN_DEFAULTS = { format: 'json,md', out: 'reports', failOn: 'low' as Severity };

export function mergeCommon(
  flags: { claims?: string; suppressions?: string; format?: string; out?: string; failOn?: Severity },
  config: VouchConfig | undefined,
): CommonSettings {
  const claims = flags.claims ?? config?.claims;
  const suppressions = flags.suppressions ?? config?.suppressions;
  return {
    ...(claims ? { claims } : {}),
    ...(suppressions ? { suppressions } : {}),
    format: flags.format ?? config?.output.formats?.join(',') ?? BUILTIN_DEFAULTS.format,
    out: flags.out ?? config?.output.out ?? BUILTIN_DEFAULTS.out,
    failOn: flags.failOn ?? config?.output.failOn ?? BUILTIN_DEFAULTS.failOn,
  };
}

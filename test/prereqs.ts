/**
 * What some integration tests need from outside the repository, found through
 * one setting, VOUCH_TEST_PREREQS: a comma-separated list of name=value.
 *
 *   specs=DIR      directory holding digitalocean-openapi.yaml
 *                  (default: ../shared/specs beside the repository)
 *   python=CMD     a Python that imports moto[server] and flask
 *                  (default: $VOUCH_PYTHON, else python3)
 *   chromium=PATH  a Chromium or Chrome executable (default: /usr/bin/chromium)
 *
 * e.g. VOUCH_TEST_PREREQS=specs=$HOME/specs,python=$HOME/venv/bin/python3
 * Outside CI a test file whose prerequisite is missing is skipped, with the
 * reason on the summary line; under CI=true it runs and fails (vitest.config.ts).
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PREREQS_VAR = 'VOUCH_TEST_PREREQS';

const SETTINGS = ['specs', 'python', 'chromium'] as const;
export type Setting = (typeof SETTINGS)[number];

function parseSetting(env: NodeJS.ProcessEnv): Partial<Record<Setting, string>> {
  const out: Partial<Record<Setting, string>> = {};
  for (const part of (env[PREREQS_VAR] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim() as Setting;
    if (eq < 1 || !SETTINGS.includes(key)) throw new Error(`${PREREQS_VAR}: '${part}' is not one of ${SETTINGS.map((s) => `${s}=...`).join(', ')}`);
    out[key] = part.slice(eq + 1).trim();
  }
  return out;
}

/** The value in effect for one prerequisite. */
export function prereq(name: Setting, env: NodeJS.ProcessEnv = process.env): string {
  const set = parseSetting(env)[name];
  if (set) return name === 'python' ? set : resolve(set);
  switch (name) {
    case 'specs':
      return resolve(REPO_ROOT, '../shared/specs');
    case 'python':
      return env.VOUCH_PYTHON ?? 'python3';
    case 'chromium':
      return '/usr/bin/chromium';
  }
}

export const doSpecPath = (env: NodeJS.ProcessEnv = process.env) => join(prereq('specs', env), 'digitalocean-openapi.yaml');

export type Need = 'moto' | 'do-spec' | 'chromium';
export interface Probe {
  need: Need;
  ok: boolean;
  /** What is missing and how to provide it (when not ok). */
  why?: string;
}

/** Is the prerequisite there? Cheap checks only (no moto import, no browser start). */
export function probe(need: Need, env: NodeJS.ProcessEnv = process.env): Probe {
  if (need === 'do-spec') {
    const p = doSpecPath(env);
    return existsSync(p) ? { need, ok: true } : { need, ok: false, why: `DigitalOcean OpenAPI spec not found at ${p} (set ${PREREQS_VAR}=specs=DIR)` };
  }
  if (need === 'chromium') {
    const p = prereq('chromium', env);
    try {
      accessSync(p, constants.X_OK);
      if (statSync(p).isFile()) return { need, ok: true };
    } catch {
      /* reported below */
    }
    return { need, ok: false, why: `no Chromium executable at ${p} (apt-get install chromium, or set ${PREREQS_VAR}=chromium=PATH)` };
  }
  const python = prereq('python', env);
  const r = spawnSync(python, ['-c', 'import importlib.util as u, sys; sys.exit(0 if u.find_spec("moto") and u.find_spec("flask") else 3)'], { encoding: 'utf8', timeout: 20_000 });
  if (r.status === 0) return { need, ok: true };
  const why = r.status === 3 ? `'${python}' cannot import moto and flask` : `'${python}' did not run (${r.error?.message ?? r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`})`;
  return { need, ok: false, why: `${why} (pip install 'moto[server]==5.2.1', or set ${PREREQS_VAR}=python=CMD)` };
}

/**
 * A user's project: install the packed tarball (and what the user would add
 * beside it) into a fresh directory with npm, the way `npm i -D vouch` does.
 * Registry packages come from the npm cache when they are there
 * (`--prefer-offline`), else from the registry.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readdirSync, lstatSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './pack.js';

const NPM_ENV = { npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', npm_config_loglevel: 'error' };

/** The version of a package the repository itself installed (so the cache holds it). */
export function repoVersion(name: string): string {
  return (JSON.parse(execFileSync(process.execPath, ['-p', `JSON.stringify(require('${name}/package.json'))`], { cwd: ROOT, encoding: 'utf8' })) as { version: string }).version;
}

export interface Project {
  dir: string;
  run(cmd: string, args: string[], opts?: { env?: Record<string, string> }): SpawnSyncReturns<string>;
}

/** A fresh project directory with a package.json, `npm install`ed with `packages`. */
export function installProject(packages: string[], opts: { omitOptional?: boolean; name?: string } = {}): Project {
  const dir = mkdtempSync(join(tmpdir(), `vouch-${opts.name ?? 'consumer'}-`));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: opts.name ?? 'consumer', version: '1.0.0', private: true, type: 'module' }, null, 2));
  const args = ['install', '--prefer-offline', '--no-package-lock', ...(opts.omitOptional ? ['--omit=optional'] : []), ...packages];
  const r = spawnSync('npm', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...NPM_ENV }, timeout: 300_000 });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed in ${dir} (${r.status ?? r.signal}):\n${r.stderr}`);
  return {
    dir,
    run(cmd, a, o = {}) {
      return spawnSync(cmd, a, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...NPM_ENV, ...o.env }, timeout: 300_000 });
    },
  };
}

/** Bytes (apparent size) and regular files under a directory. */
export function du(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        bytes += lstatSync(p).size;
        files++;
      }
    }
  };
  walk(dir);
  return { bytes, files };
}

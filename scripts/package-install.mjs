// The pack-and-install steps shared by `npm run release:check`
// (scripts/release-check.mjs) and the package tests (test/package/): pack the
// repository the way npm publishes it, and install tarballs into a fresh
// project the way `npm i -D vouch` does. Registry packages come from the npm
// cache when present (--prefer-offline), else from the registry.
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** npm without audit, funding, update or progress chatter. */
export const NPM_ENV = { npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', npm_config_loglevel: 'error' };

/** `npm pack` of `root` (scripts off: dist/ is already built) into `dest`; npm's own report of it. */
export function pack(root, dest = mkdtempSync(join(tmpdir(), 'vouch-pack-'))) {
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dest], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...NPM_ENV } }));
  return { ...packed, tarball: join(dest, packed.filename) };
}

/** A fresh project directory with a package.json, `npm install`ed with `packages`; throws naming the step if npm fails. */
export function installProject(packages, opts = {}) {
  const name = opts.name ?? 'consumer';
  const dir = mkdtempSync(join(opts.parent ?? tmpdir(), `vouch-${name}-`));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, type: 'module' }, null, 2));
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
export function du(dir) {
  let bytes = 0;
  let files = 0;
  const walk = (d) => {
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

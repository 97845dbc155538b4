/**
 * A user's project: the packed tarball installed into a fresh directory the
 * way `npm i -D vouch` does. The steps are scripts/package-install.mjs, shared
 * with `npm run release:check`.
 */
import { execFileSync } from 'node:child_process';
import { ROOT } from './pack.js';

export { installProject, du, type Project } from '../../scripts/package-install.mjs';

/** The version of a package the repository itself installed (so the cache holds it). */
export function repoVersion(name: string): string {
  return (JSON.parse(execFileSync(process.execPath, ['-p', `JSON.stringify(require('${name}/package.json'))`], { cwd: ROOT, encoding: 'utf8' })) as { version: string }).version;
}

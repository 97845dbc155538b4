/**
 * Where the repository root is, for repository-relative paths in SARIF and
 * Markdown. The root is the nearest ancestor of the working directory that
 * holds `.git` (a directory, or a file in a git worktree or submodule): the
 * same directory `git rev-parse --show-toplevel` prints, found without
 * running git. No `.git` anywhere above: no repository, paths stay relative
 * to the working directory.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export function findRepoRoot(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** The working directory relative to the repository root, with `/` separators ('' at the root). */
export function repoPathOf(cwd: string): string | undefined {
  const root = findRepoRoot(cwd);
  if (root === undefined) return undefined;
  return relative(root, resolve(cwd)).split(sep).join('/');
}

/**
 * The package as npm builds it: `npm pack` over the dist/ that the test run
 * built (global-setup), with the declarations emitted beside it. Nothing here
 * deletes or rewrites dist/'s JavaScript, so tests running bin/vouch at the
 * same time are not disturbed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { pack } from '../../scripts/package-install.mjs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface PackedFile {
  path: string;
  size: number;
}
export interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: PackedFile[];
}

/** Emit dist/**\/*.d.ts (tsconfig.build.json) if this build has none: the test build is esbuild-only. */
export function ensureDeclarations(): void {
  if (existsSync(join(ROOT, 'dist/src/index.d.ts')) && existsSync(join(ROOT, 'dist/cdk/index.d.ts'))) return;
  const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'pipe' });
}

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
}

/** `npm pack --dry-run`: what would ship, without building again (scripts off). */
export function packDryRun(): PackResult {
  ensureDeclarations();
  const [result] = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts'], ROOT)) as PackResult[];
  return result!;
}

/** `npm pack` into a fresh temporary directory; returns the tarball's path. */
export function packTarball(dest = mkdtempSync(join(tmpdir(), 'vouch-pack-'))): string {
  ensureDeclarations();
  return pack(ROOT, dest).tarball;
}

// Entry of dist/cli/vouch-loader.cjs (what bin/vouch requires) and dist/cli/vouch.mjs: runs the CLI bundle (dist/cli/vouch.cjs,
// built from scripts/cli-entry.ts) with V8's code cache, see src/cli/code-cache.ts.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeCacheDir, commandOf, runWithCodeCache } from '../src/cli/code-cache.js';

const here = dirname(fileURLToPath(import.meta.url));
// The bundle's SHA-256, computed by scripts/build.mjs when it wrote the bundle (esbuild `define`).
declare const __VOUCH_BUNDLE_SHA256__: string;
runWithCodeCache(join(here, 'vouch.cjs'), codeCacheDir(process.env, join(here, '..', '.code-cache')), commandOf(process.argv.slice(2)), __VOUCH_BUNDLE_SHA256__);

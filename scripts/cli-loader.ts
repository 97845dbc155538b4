// Entry of dist/cli/vouch.mjs, what bin/vouch imports: runs the CLI bundle (dist/cli/vouch.cjs,
// built from scripts/cli-entry.ts) with V8's code cache, see src/cli/code-cache.ts.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeCacheDir, commandOf, runWithCodeCache } from '../src/cli/code-cache.js';

const here = dirname(fileURLToPath(import.meta.url));
runWithCodeCache(join(here, 'vouch.cjs'), codeCacheDir(process.env, join(here, '..', '.code-cache')), commandOf(process.argv.slice(2)));

// Entry of the bundled CLI (dist/cli/vouch.mjs): every rule is compiled into the
// bundle from a module generated at build time (`vouch:rules`), so start-up
// reads one file instead of walking rules/.
// @ts-expect-error virtual module provided by scripts/build.mjs
import bundled from 'vouch:rules';
import { useBundledRules } from '../src/evaluate/registry.js';

useBundledRules(bundled as { file: string; def: unknown }[]);
await import('../src/cli/bin.js');

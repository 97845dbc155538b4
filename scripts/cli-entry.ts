// Entry of the bundled CLI (dist/cli/vouch.cjs, run by dist/cli/vouch.mjs): every rule is
// compiled into the bundle from a module generated at build time (`vouch:rules`), so
// start-up reads one file instead of walking rules/.
// @ts-expect-error virtual module provided by scripts/build.mjs
import bundled from 'vouch:rules';
import { useBundledRules } from '../src/evaluate/registry.js';
import { isEvaluationWorker } from '../src/evaluate/parallel-tag.js';

useBundledRules(bundled as { file: string; def: unknown }[]);
// Imported once the rules are registered (a static import would run first). The bundle is a
// CommonJS script (for the code cache), which has no top-level await; bin.js handles its own errors.
// A worker thread of `vouch check` (src/evaluate/parallel.ts) runs the same bundle to judge, not the CLI.
if (isEvaluationWorker()) void import('../src/evaluate/parallel-worker.js').then((w) => w.runEvaluationWorker());
else void import('../src/cli/bin.js');

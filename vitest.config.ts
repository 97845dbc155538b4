import { configDefaults, defineConfig } from 'vitest/config';
import { INTEGRATION_FILES, TEST_FILES, planTiers } from './test/tiers.js';
import { TierReporter } from './test/tier-reporter.js';

// Two tiers (docs/CONTRIBUTING.md): `npm test` runs the fast one (no emulator,
// fixture server, browser or npm install); `npm run test:integration` the other.
// `npx vitest run FILE` finds a file in either.
const plan = planTiers();

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/tier-setup.ts'],
    reporters: ['default', new TierReporter(plan)],
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          // Files share a worker process, one after the other, so the sources are
          // loaded once per worker instead of once per file (issue 18: that load
          // was most of the tier's time). test/isolation-setup.ts gives back what
          // a file changes of the process (cwd, environment, timers, spies).
          isolate: false,
          setupFiles: ['test/isolation-setup.ts'],
          // aws-cdk-lib's own CloudFormation template validation (a default-on
          // synthesis plugin, ~10 s of CPU on first use) is not what these tests
          // judge: its errors are only warnings and no test reads its report.
          // vouch's plugin (Validations.of(app).addPlugins) still runs.
          env: { CDK_VALIDATION: 'false' },
          // Two workers on this 2-core machine (vitest's default here is one):
          // measured 73 s against 84 s at load 5-6, for ~4 s more CPU.
          maxWorkers: 2,
          // Its own group, run first, so one `vitest run` can hold both tiers
          // (projects with different maxWorkers must not share a group).
          sequence: { groupOrder: 0 },
          include: TEST_FILES, exclude: [...configDefaults.exclude, ...INTEGRATION_FILES] },
      },
      {
        extends: true,
        test: { name: 'integration', sequence: { groupOrder: 1 }, include: INTEGRATION_FILES, exclude: [...configDefaults.exclude, ...plan.skipped.map((s) => s.file)] },
      },
    ],
  },
});

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
        test: { name: 'fast', include: TEST_FILES, exclude: [...configDefaults.exclude, ...INTEGRATION_FILES] },
      },
      {
        extends: true,
        test: { name: 'integration', include: INTEGRATION_FILES, exclude: [...configDefaults.exclude, ...plan.skipped.map((s) => s.file)] },
      },
    ],
  },
});

/**
 * The global setup of both test tiers. Vitest runs a project's global setup
 * once per project, and the tiers are two projects of one run: the build in
 * ./global-setup.ts must happen once per run, or the second rebuild of dist/
 * would pull files from under tests of the first project.
 */
import setup from './global-setup.js';

const DONE = 'VOUCH_TEST_GLOBAL_SETUP_PID';

export default function tierSetup(): ReturnType<typeof setup> | undefined {
  if (process.env[DONE] === String(process.pid)) return undefined;
  process.env[DONE] = String(process.pid);
  return setup();
}

/**
 * The hostile-input cases of the fast tier, run again against the real
 * binary: each case spawns `bin/vouch`, is killed past its time limit, and
 * its peak memory (maxRSS) is held to the bound the case states. In the fast
 * tier the same cases run in-process (exit code, message, secrets, time).
 */
import { spawnHostileRuns } from './run.js';

spawnHostileRuns();
await import('./inputs.test.js');
await import('./claims-extract.test.js');
await import('./amplification.test.js');

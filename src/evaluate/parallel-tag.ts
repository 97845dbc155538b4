/**
 * What marks a worker thread started by src/evaluate/parallel.ts. Its own module, with no imports
 * of vouch's: the CLI entry asks it at every start-up, so it reads the environment first (free) and
 * loads node:worker_threads only in a thread whose environment names it a worker.
 */
import { createRequire } from 'node:module';

export const WORKER_TAG = 'vouch-evaluate-worker-1';
/** Set in a worker's environment (its copy of process.env) to WORKER_TAG. */
export const WORKER_ENV = 'VOUCH_EVALUATE_WORKER';

/** Whether this thread is an evaluation worker (then the bundle judges instead of running the CLI). */
export function isEvaluationWorker(): boolean {
  if (process.env[WORKER_ENV] !== WORKER_TAG) return false;
  const { isMainThread, workerData } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  return !isMainThread && (workerData as { vouchWorker?: unknown } | undefined)?.vouchWorker === WORKER_TAG;
}

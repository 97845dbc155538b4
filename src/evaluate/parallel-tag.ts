/**
 * What marks a worker thread started by src/evaluate/parallel.ts (its workerData.vouchWorker). Its own
 * module, with no imports of vouch's: the CLI entry reads it at every start-up.
 */
import { isMainThread, workerData } from 'node:worker_threads';

export const WORKER_TAG = 'vouch-evaluate-worker-1';

/** Whether this thread is an evaluation worker (then the bundle judges instead of running the CLI). */
export function isEvaluationWorker(): boolean {
  return !isMainThread && (workerData as { vouchWorker?: unknown } | undefined)?.vouchWorker === WORKER_TAG;
}

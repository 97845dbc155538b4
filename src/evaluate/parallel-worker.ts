/**
 * The worker side of src/evaluate/parallel.ts: load the inputs as the main
 * thread does, wait for the job (the rules in scope and the shared counter),
 * judge every rule whose index it takes from the counter, and answer once
 * with the findings as compact JSON. Any failure is answered as a message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadIac } from '../sources/iac/load.js';
import { loadRules } from './registry.js';
import { evaluateRule, type FindingViews } from './evaluate.js';
import type { Finding } from '../findings/evidence.js';
import { findingsJson } from '../reporters/json.js';
import { ruleIndices, type CompactFinding, type WorkerJob, type WorkerReply, type WorkerStart } from './parallel.js';

const oneLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;

export async function runEvaluationWorker(): Promise<void> {
  const port = parentPort!;
  const answer = (r: WorkerReply) => port.postMessage(r);
  try {
    const start = workerData as WorkerStart;
    const rules = new Map((await loadRules()).map((r) => [r.id, r]));
    const inventory = loadIac(start.inputs, start.load);
    port.once('message', (job: WorkerJob) => {
      try {
        const list = job.ruleIds.map((id) => {
          const r = rules.get(id);
          if (!r) throw new Error(`no rule ${id} in this build`);
          return r;
        });
        const counter = new Int32Array(job.next);
        const ctx = { params: job.params, inventory };
        const views: FindingViews = new Map();
        const parts: [number, CompactFinding[]][] = [];
        // Each rule's findings as evidence.json holds them, so the main thread copies this text instead of rendering it.
        const rendered: string[] = [];
        for (const i of ruleIndices(list.length, counter, job.fixed)) {
          const found: Finding[] = [];
          evaluateRule(inventory, list[i]!, ctx, views, found);
          parts.push([i, found.map((f) => (f.subId !== undefined ? [f.resource.id, f.status, f.message, f.evidence, f.fingerprint, f.subId] : [f.resource.id, f.status, f.message, f.evidence, f.fingerprint]))]);
          rendered.push(found.length ? findingsJson(found) : '');
        }
        answer({ ok: true, resources: inventory.size, inputs: inventory.coverage.inputs?.length ?? 0, text: JSON.stringify(parts), rendered });
      } catch (e) {
        answer({ ok: false, message: oneLine(e) });
      }
    });
  } catch (e) {
    answer({ ok: false, message: oneLine(e) });
  }
}

/**
 * `vouch check` on a large input judges with more than one thread.
 *
 * Every worker loads the same inputs into its own inventory (the loader is
 * deterministic: the same resources, ids and order as the main thread's), so
 * a rule sees every stack wherever it runs: cross-stack lookups (a bucket
 * named by another stack's trail, backup selections, log destinations) read
 * exactly what they read on one thread. What is shared out is the rules: the
 * main thread and the workers take the next rule from one shared counter
 * until none is left (a slow rule does not hold a fixed share back), each
 * worker returns its findings as compact JSON keyed by rule index, and they
 * are put back in rule order, so the findings (and evidence.json and every
 * report) are the very ones, in the very order, of a run on one thread.
 *
 * A worker costs a start-up and a second load of the templates (CPU time and
 * memory), so none is started unless asked for: `--jobs N` (or VOUCH_JOBS)
 * starts N - 1. A worker that fails, dies or answers something else fails the
 * run with one line.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import type { Rule, RuleContext } from './rule.js';
import type { Inventory } from '../model/inventory.js';
import type { Finding } from '../findings/evidence.js';
import type { LoadOptions } from '../sources/iac/load.js';
import { InputError } from '../util/errors.js';
import { evaluateRule, findingView, type FindingViews } from './evaluate.js';
import { WORKER_ENV, WORKER_TAG } from './parallel-tag.js';
import { rememberFindingsJson } from '../reporters/json.js';

export const JOBS_ENV = 'VOUCH_JOBS';

/** Data a worker starts with. */
export interface WorkerStart {
  vouchWorker: typeof WORKER_TAG;
  inputs: string[];
  load: LoadOptions;
}

/** The job a worker gets once the main thread has loaded: the rules (ids, in order) and the shared counter. */
export interface WorkerJob {
  ruleIds: string[];
  params: RuleContext['params'];
  /** Int32Array over a SharedArrayBuffer: [0] is the next rule index to take. */
  next: SharedArrayBuffer;
  /** With a fixed split (see SPLIT_ENV), this worker's place: it judges the rules whose index is `thread` modulo `threads`. */
  fixed?: { thread: number; threads: number };
}

/**
 * `VOUCH_JOBS_SPLIT=fixed` deals the rules out by index (rule i to thread i modulo the threads) instead of
 * from the shared counter: every thread is sure to judge some, whatever their speed. For tests of the
 * merge; slower on a real run (a thread idles once its share is done).
 */
export const SPLIT_ENV = 'VOUCH_JOBS_SPLIT';

/** The rule indices a thread judges: the next from the shared counter, or its fixed share. */
export function* ruleIndices(count: number, counter: Int32Array, fixed?: { thread: number; threads: number }): Generator<number> {
  if (fixed) {
    for (let i = fixed.thread; i < count; i += fixed.threads) yield i;
    return;
  }
  for (let i = Atomics.add(counter, 0, 1); i < count; i = Atomics.add(counter, 0, 1)) yield i;
}

/**
 * A worker's one answer. `text` is JSON: [ruleIndex, [[resourceId, status, message, evidence, fingerprint, subId?], …]][];
 * `rendered`, in the same order, each rule's findings as evidence.json writes them (see rememberFindingsJson).
 */
export type WorkerReply = { ok: true; resources: number; inputs: number; text: string; rendered?: string[] } | { ok: false; message: string };

/** A compact finding as a worker sends it. */
export type CompactFinding = [id: string, status: Finding['status'], message: string, evidence: Finding['evidence'], fingerprint: string, subId?: string];

/** Threads to judge with: `--jobs`, else VOUCH_JOBS, else one. */
export function jobsFrom(flag: number | undefined, env: NodeJS.ProcessEnv): number {
  const raw = flag !== undefined ? String(flag) : env[JOBS_ENV]?.trim() || undefined;
  const what = flag !== undefined ? '--jobs' : JOBS_ENV;
  // Default: one thread. Measured on the idle 2-core machine (session 10, bench-iac, 5 repetitions), a worker
  // made every size slower: 500 resources 248 → 354 ms, 5,000 808 → 1,102 ms, 50,000 4.39 → 5.36 s, since it
  // loads every template again and V8's helper threads already use the second core. Asked for, it is used.
  if (raw === undefined) return 1;
  if (!/^[0-9]{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > 64) throw new InputError(`${what}: expected a whole number of threads from 1 to 64, got '${raw}'`);
  return Number(raw);
}

/**
 * The script a worker runs: the CLI loader beside the bundle (dist/cli/vouch-loader.cjs), so a worker starts
 * the same bundle with the same code cache. Undefined when this code is not the bundle (the library,
 * tests importing src/): then everything runs on one thread.
 */
export function workerScript(): string | undefined {
  let here: string;
  try {
    here = fileURLToPath(import.meta.url);
  } catch {
    return undefined;
  }
  if (basename(here) !== 'vouch.cjs') return undefined;
  // The CommonJS loader (what bin/vouch runs: no ES module loader to start), else its ES module twin.
  return ['vouch-loader.cjs', 'vouch.mjs'].map((f) => join(dirname(here), f)).find((f) => existsSync(f));
}

interface Running {
  worker: Worker;
  reply: Promise<WorkerReply>;
}

function startWorker(script: string, start: WorkerStart): Running {
  // Loaded here, not at start-up: most runs never start a worker (node:worker_threads costs memory to load).
  const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  const worker = new Worker(script, { workerData: start, argv: ['check'], env: { ...process.env, [WORKER_ENV]: WORKER_TAG }, stdout: true, stderr: true });
  // Never what keeps the process alive: the main thread waits for the reply it needs, and ends the workers.
  worker.unref();
  const reply = new Promise<WorkerReply>((resolveReply) => {
    let answered = false;
    const fail = (message: string) => {
      if (answered) return;
      answered = true;
      resolveReply({ ok: false, message });
    };
    worker.once('message', (m: WorkerReply) => {
      if (answered) return;
      answered = true;
      resolveReply(m && typeof m === 'object' && typeof m.ok === 'boolean' ? m : { ok: false, message: 'an answer that is not one' });
    });
    worker.once('error', (e) => fail(e instanceof Error ? e.message : String(e)));
    worker.once('exit', (code) => fail(`it stopped (exit code ${code}) before answering`));
  });
  return { worker, reply };
}

/** A check's worker threads, started before the main thread loads the same inputs. */
export class ParallelEvaluation {
  private constructor(
    private readonly running: Running[],
    private readonly fixed: boolean,
  ) {}

  /** Rules judged per thread by the last `evaluate` (this thread first). */
  readonly judged: number[] = [];

  /**
   * Start `jobs - 1` workers loading `inputs` (more than one job, and the bundled CLI to run them).
   * Undefined: judge on one thread.
   */
  static start(inputs: string[], load: LoadOptions, jobs: number, env: NodeJS.ProcessEnv = {}, script = workerScript()): ParallelEvaluation | undefined {
    if (jobs < 2 || !script) return undefined;
    const start: WorkerStart = { vouchWorker: WORKER_TAG, inputs, load: { ...load, cwd: load.cwd ?? process.cwd() } };
    const running: Running[] = [];
    for (let i = 1; i < jobs; i++) running.push(startWorker(script, start));
    return new ParallelEvaluation(running, env[SPLIT_ENV] === 'fixed');
  }

  /**
   * The findings of `rules` (those in scope, in order) over `inventory`, judged by this thread and the
   * workers together: the same findings in the same order as `evaluate` on one thread.
   */
  async evaluate(inventory: Inventory, rules: readonly Rule[], ctx: RuleContext): Promise<Finding[]> {
    const next = new SharedArrayBuffer(4);
    const counter = new Int32Array(next);
    const threads = this.running.length + 1;
    this.judged.length = 0;
    this.judged.push(0);
    const job: WorkerJob = { ruleIds: rules.map((r) => r.id), params: ctx.params, next };
    this.running.forEach((r, t) => r.worker.postMessage(this.fixed ? { ...job, fixed: { thread: t + 1, threads } } : job));
    const byRule: Finding[][] = new Array(rules.length);
    const views: FindingViews = new Map();
    for (const i of ruleIndices(rules.length, counter, this.fixed ? { thread: 0, threads } : undefined)) {
      const out: Finding[] = [];
      evaluateRule(inventory, rules[i]!, ctx, views, out);
      byRule[i] = out;
      this.judged[0] = (this.judged[0] ?? 0) + 1;
    }
    const inputs = inventory.coverage.inputs?.length ?? 0;
    for (const r of this.running) {
      const reply = await r.reply;
      if (!reply.ok) throw new InputError(`an evaluation worker failed: ${reply.message.split('\n')[0]}`);
      if (reply.resources !== inventory.size || reply.inputs !== inputs)
        throw new InputError(`an evaluation worker read ${reply.resources} resources from ${reply.inputs} templates, this thread ${inventory.size} from ${inputs}: did the inputs change while vouch read them?`);
      this.judged.push(decode(reply.text, reply.rendered, rules, inventory, views, byRule));
    }
    const findings: Finding[] = [];
    for (let i = 0; i < rules.length; i++) {
      const part = byRule[i];
      if (!part) throw new InputError(`an evaluation worker did not judge rule ${rules[i]!.id}`);
      for (const f of part) findings.push(f);
    }
    return findings;
  }

  /** End every worker (they hold nothing to save). */
  close(): void {
    for (const r of this.running) void r.worker.terminate();
  }
}

/** A worker's findings rebuilt as `evaluateRule` builds them (same fields in the same order, the resource view shared). */
function decode(text: string, rendered: string[] | undefined, rules: readonly Rule[], inventory: Inventory, views: FindingViews, byRule: Finding[][]): number {
  const parts = JSON.parse(text) as [number, CompactFinding[]][];
  if (rendered && rendered.length !== parts.length) throw new InputError('an evaluation worker answered with rendered text that does not match its findings');
  for (const [p, [i, compact]] of parts.entries()) {
    const rule = rules[i];
    if (!rule || byRule[i]) throw new InputError(`an evaluation worker answered for rule index ${i}, which is not its to judge`);
    const out: Finding[] = [];
    for (const [id, status, message, evidence, fingerprint, subId] of compact) {
      const r = inventory.get(id);
      if (!r) throw new InputError(`an evaluation worker judged resource ${id}, which this thread did not load`);
      const f: Finding = {
        fingerprint,
        ruleId: rule.id,
        control: rule.control,
        severity: rule.severity,
        status,
        message,
        title: rule.title,
        resource: findingView(views, r),
        evidence,
        suppression: null,
      };
      if (subId !== undefined) f.subId = subId;
      out.push(f);
    }
    byRule[i] = out;
    if (rendered?.[p]) rememberFindingsJson(out, rendered[p]);
  }
  return parts.length;
}

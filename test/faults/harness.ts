/**
 * The fault suite's harness: the ten answer classes a cloud can give instead
 * of its answer, as fault-proxy rules, and a runner that runs the built
 * `bin/vouch` as its own process and measures it (exit code, wall time, peak
 * RSS from GNU time), so each case's figures are those of a real run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Fault, FaultRule, ProxiedRequest } from '../cloud/proxy.js';
import { BIN, ROOT } from '../helpers/cli.js';

export const FAULT_CLASSES = ['hang', 'trickle', 'endless', 'empty-200', 'html-200', 'truncated', '403', '429', 'reset', 'redirect'] as const;
export type FaultClass = (typeof FAULT_CLASSES)[number];

const PORTAL = '<!DOCTYPE html><html><head><title>Guest Wi-Fi</title></head><body><form action="/login">Accept the terms to continue</form></body></html>';

/** The error bodies a cloud really sends, for the 403 and 429 classes. */
export interface ErrorBodies {
  forbidden: (req: ProxiedRequest) => Fault;
  throttled: (req: ProxiedRequest) => Fault;
}

/** Fault-proxy rules that answer every request `match` picks with fault class `c`. */
export function faultRules(c: FaultClass, match: (r: ProxiedRequest) => boolean, errors: ErrorBodies): FaultRule[] {
  const one = (fault: Fault): FaultRule[] => [{ match, fault }];
  // Per request: the error body follows the protocol of the call it answers.
  const per = (make: (r: ProxiedRequest) => Fault): FaultRule[] => one({ kind: 'per-request', make: make as never });
  switch (c) {
    case 'hang':
      return one({ kind: 'hang' });
    case 'trickle':
      return one({ kind: 'trickle', chunk: ' ', everyMs: 200 });
    case 'endless':
      return one({ kind: 'endless', prefix: '{"items": [' });
    case 'empty-200':
      return one({ kind: 'respond', status: 200, headers: { 'content-type': 'application/json' }, body: '' });
    case 'html-200':
      return one({ kind: 'respond', status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: PORTAL });
    case 'truncated':
      // The real answer, cut in half (with a correct content-length: the HTTP exchange is whole, the answer is not).
      return one({ kind: 'rewrite', transform: (b) => b.slice(0, Math.max(1, Math.floor(b.length / 2))) });
    case '403':
      return per(errors.forbidden);
    case '429':
      return per(errors.throttled);
    case 'reset':
      return one({ kind: 'reset' });
    case 'redirect':
      return one({ kind: 'respond', status: 302, headers: { location: 'http://127.0.0.1:9/elsewhere', 'content-type': 'text/html' }, body: '<html><body>Moved</body></html>' });
  }
}

export interface MeasuredRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  peakMb: number;
  /** The evidence written, if any. */
  evidence?: string;
  out: string;
}

/** Run `bin/vouch args` as a process under GNU time; `--out` is added (a fresh directory). */
export function runMeasured(args: string[], env: Record<string, string | undefined>, opts: { timeoutMs?: number; out?: boolean } = {}): Promise<MeasuredRun> {
  const out = mkdtempSync(join(tmpdir(), 'vouch-fault-'));
  const timeFile = join(out, 'time.txt');
  const reports = join(out, 'reports');
  const full = [...args, ...(opts.out === false ? [] : ['--out', reports])];
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const childEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...process.env, CI: 'true', NO_COLOR: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env })) if (v !== undefined) childEnv[k] = v;
    const child = spawn('/usr/bin/time', ['-o', timeFile, '-f', '%M', process.execPath, BIN, ...full], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 85_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = Date.now() - started;
      const kb = Number((existsSync(timeFile) ? readFileSync(timeFile, 'utf8') : '').trim().split('\n').pop());
      const ev = join(reports, 'evidence.json');
      const evidence = existsSync(ev) ? readFileSync(ev, 'utf8') : undefined;
      resolve({ code, stdout, stderr: stderr.replace(/^Command exited with non-zero status \d+\n?/m, ''), ms, peakMb: Number.isFinite(kb) ? Math.round(kb / 1024) : NaN, evidence, out });
    });
  });
}

export function cleanupRun(r: MeasuredRun): void {
  rmSync(r.out, { recursive: true, force: true });
}

export interface Row {
  cloud: string;
  fault: string;
  code: number | null;
  ms: number;
  peakMb: number;
  note: string;
}

/** The per-fault table, printed at the end of the suite (the figures to quote). */
export function table(rows: Row[]): string {
  const head = '| cloud | fault | exit | time (s) | peak RSS (MB) | what the run said |\n|---|---|---|---|---|---|';
  const lines = rows.map((r) => `| ${r.cloud} | ${r.fault} | ${r.code} | ${(r.ms / 1000).toFixed(1)} | ${r.peakMb} | ${r.note.replace(/\|/g, '/').slice(0, 90)} |`);
  return [head, ...lines].join('\n');
}

import { appendFileSync, writeFileSync } from 'node:fs';
import type { EvidenceDocument } from '../../src/findings/evidence.js';

/** What every fault case of a scan asserts, beyond its exit code. */
export interface ScanCheck {
  run: MeasuredRun;
  secrets: string[];
  maxMs: number;
  maxMb: number;
}

/** The report is written, nothing passes, no secret is anywhere; returns the coverage failure codes. */
export function assertFailedClosed(c: ScanCheck, expect: (v: unknown, msg?: string) => { toBe: (x: unknown) => void; toEqual: (x: unknown) => void; toBeLessThan: (x: number) => void; toBeDefined: () => void }): { doc: EvidenceDocument; codes: string[] } {
  const { run } = c;
  expect(run.evidence, `no report written: ${run.stderr.slice(0, 300)}`).toBeDefined();
  const doc = JSON.parse(run.evidence!) as EvidenceDocument;
  expect(doc.findings.filter((f) => f.status === 'pass').map((f) => `${f.ruleId} ${f.resource.id}`), 'a pass for what was not read').toEqual([]);
  expect(doc.summary.incomplete, 'the summary says incomplete').toBe(true);
  const all = run.stdout + run.stderr + run.evidence;
  for (const s of c.secrets) expect(all.includes(s), 'a secret in the output').toBe(false);
  expect(run.ms, 'bounded time').toBeLessThan(c.maxMs);
  expect(run.peakMb, 'bounded memory').toBeLessThan(c.maxMb);
  return { doc, codes: [...new Set((doc.coverage.failures ?? []).map((f) => f.code))].sort() };
}

/** Print the cloud's table and, with VOUCH_FAULTS_OUT set (npm run bench -- faults), append it there. */
export function report(title: string, rows: Row[]): void {
  const text = `\n### ${title}\n\n${table(rows)}\n`;
  console.log(text);
  const file = process.env.VOUCH_FAULTS_OUT;
  if (file) appendFileSync(file, text);
}

export function writeText(file: string, text: string): void {
  writeFileSync(file, text);
}

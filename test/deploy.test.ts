import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { planShards } from '../src/engine/shard.js';

const read = (p: string) => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');
const docs = (p: string) => parseAllDocuments(read(p)).map((d) => {
  expect(d.errors).toEqual([]);
  return d.toJS();
});

// The subset of the Kubernetes API these manifests use, strict where a typo would silently change behaviour.
const container = z.object({
  name: z.string(),
  image: z.string(),
  args: z.array(z.string()),
  securityContext: z.object({ allowPrivilegeEscalation: z.literal(false), readOnlyRootFilesystem: z.literal(true), capabilities: z.object({ drop: z.array(z.string()) }) }),
  volumeMounts: z.array(z.object({ name: z.string(), mountPath: z.string(), readOnly: z.boolean().optional() })),
  resources: z.object({}).loose().optional(),
}).strict();
const podSpec = z.object({
  serviceAccountName: z.string(),
  restartPolicy: z.enum(['Never', 'OnFailure']),
  securityContext: z.object({ runAsNonRoot: z.literal(true), runAsUser: z.number().int().positive() }).loose(),
  containers: z.array(container).min(1),
  volumes: z.array(z.object({ name: z.string() }).loose()),
}).strict();
const jobSpec = z.object({
  completionMode: z.enum(['Indexed', 'NonIndexed']).optional(),
  completions: z.number().int().positive().optional(),
  parallelism: z.number().int().positive().optional(),
  backoffLimitPerIndex: z.number().int().optional(),
  maxFailedIndexes: z.number().int().optional(),
  template: z.object({ spec: podSpec }).strict(),
}).strict();
const cronJob = z.object({
  apiVersion: z.literal('batch/v1'),
  kind: z.literal('CronJob'),
  metadata: z.object({ name: z.string(), namespace: z.string() }),
  spec: z.object({ schedule: z.string().regex(/^(\S+\s+){4}\S+$/), concurrencyPolicy: z.enum(['Allow', 'Forbid', 'Replace']), jobTemplate: z.object({ spec: jobSpec }) }).strict(),
}).strict();

describe('deployment manifests', () => {
  it('the Kubernetes Indexed Job shards match vouch plan arithmetic', () => {
    const all = docs('deploy/kubernetes/nightly-scan.yaml');
    const crons = all.filter((d) => d.kind === 'CronJob').map((d) => cronJob.parse(d));
    const scan = crons.find((c) => c.metadata.name === 'vouch-nightly-scan')!.spec.jobTemplate.spec;
    expect(scan.completionMode).toBe('Indexed');
    const n = scan.completions!;
    expect(scan.parallelism).toBe(n);
    const args = scan.template.spec.containers[0]!.args;
    expect(args[args.indexOf('--shard') + 1]).toBe(`$(JOB_COMPLETION_INDEX)/${n}`);
    // Every pod index 0..N-1 is a valid shard, and together they cover every unit once.
    const units = Array.from({ length: 500 * 17 }, (_, i) => `aws:${String(100000000000 + Math.floor(i / 17))}:r${i % 17}`);
    const plan = planShards(units, n);
    expect(plan.map((p) => p.shard)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(plan.reduce((s, p) => s + p.units.length, 0)).toBe(units.length);
    const merge = crons.find((c) => c.metadata.name === 'vouch-nightly-merge')!;
    const margs = merge.spec.jobTemplate.spec.template.spec.containers[0]!.args;
    expect(margs[0]).toBe('merge');
    // The merge reads exactly where the pods write, and leaves out a previous night's file of a shard that died.
    expect(args[args.indexOf('--out') + 1]).toBe(`${margs[1]}/shard-$(JOB_COMPLETION_INDEX)`);
    expect(margs).toContain('--max-age');
    expect(margs[margs.indexOf('--out') + 1]!.startsWith(`${margs[1]}/`)).toBe(false);
  });

  it('the GitHub Actions matrix covers shards 0..N-1 and merges them', () => {
    const wf = docs('deploy/github-actions/nightly.yml')[0];
    const shards: number[] = wf.jobs.scan.strategy.matrix.shard;
    const run = wf.jobs.scan.steps.find((s: { run?: string }) => s.run?.includes('--shard')).run as string;
    const n = Number(/--shard \$\{\{ matrix\.shard \}\}\/(\d+)/.exec(run)![1]);
    expect(shards).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(wf.jobs.merge.needs).toBe('scan');
    expect(wf.jobs.merge.steps.some((s: { run?: string }) => /vouch merge shards/.test(s.run ?? ''))).toBe(true);
    expect(docs('deploy/github-actions/pull-request.yml')[0].jobs.check.steps.some((s: { run?: string }) => /vouch check cdk\.out/.test(s.run ?? ''))).toBe(true);
  });

  it('the container image runs as a non-root user', () => {
    const dockerfile = read('deploy/docker/Dockerfile');
    const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
    expect(users.at(-1)).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
    expect(dockerfile).toMatch(/ENTRYPOINT \["node", "\/app\/bin\/vouch"\]/);
  });
});

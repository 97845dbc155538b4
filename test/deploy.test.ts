import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { planShards } from '../src/findings/shard.js';
import { parseConfig } from '../src/cli/config.js';

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
    // The pull-request gate runs `vouch check cdk.out` through the vouch Action (action.yml).
    expect(docs('deploy/github-actions/pull-request.yml')[0].jobs.check.steps.some((s: { uses?: string; with?: Record<string, string> }) => /\/vouch@v\d/.test(s.uses ?? '') && s.with?.command === 'check' && s.with?.paths === 'cdk.out')).toBe(true);
  });

  it('the container image runs as a non-root user', () => {
    const dockerfile = read('Dockerfile');
    const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
    expect(users.at(-1)).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["vouch"\]$/m);
  });
});

describe('scan all deployment manifests', () => {
  it('the Kubernetes CronJob runs `vouch scan all --config` on a valid config mounted from its ConfigMap', () => {
    const all = docs('deploy/kubernetes/scan-all-cronjob.yaml');
    const envVar = z.object({ name: z.string(), valueFrom: z.object({ secretKeyRef: z.object({ name: z.string(), key: z.string(), optional: z.boolean() }).strict() }).strict() }).strict();
    const withEnv = cronJob.extend({
      spec: cronJob.shape.spec.extend({
        jobTemplate: z.object({ spec: jobSpec.extend({ template: z.object({ spec: podSpec.extend({ containers: z.array(container.extend({ env: z.array(envVar) })).min(1) }) }).strict() }) }),
      }),
    });
    const cron = withEnv.parse(all.find((d) => d.kind === 'CronJob'));
    const pod = cron.spec.jobTemplate.spec.template.spec;
    const args = pod.containers[0]!.args;
    expect(args.slice(0, 3)).toEqual(['scan', 'all', '--config']);
    const configPath = args[3]!;
    const mount = pod.containers[0]!.volumeMounts.find((m) => configPath.startsWith(`${m.mountPath}/`))!;
    const volume = pod.volumes.find((v) => v.name === mount.name) as { configMap?: { name: string } };
    const cm = all.find((d) => d.kind === 'ConfigMap' && d.metadata.name === volume.configMap?.name)!;
    const file = configPath.slice(mount.mountPath.length + 1);
    // The config parses with vouch's own schema, and the claims it names are in the same ConfigMap.
    const config = parseConfig(parseAllDocuments(cm.data[file])[0]!.toJS(), configPath);
    expect(Object.keys(config.sources).filter((k) => config.sources[k as 'aws'])).toEqual(['aws', 'gcp', 'digitalocean']);
    expect(cm.data[config.claims!.slice(mount.mountPath.length + 1)]).toMatch(/^version: 1/);
    // The DigitalOcean token comes from an optional Secret under the variable the config names.
    expect(pod.containers[0]!.env.map((e) => e.name)).toContain(config.sources.digitalocean!.tokenEnv);
    expect(pod.serviceAccountName).toBe(all.find((d) => d.kind === 'ServiceAccount')!.metadata.name);
  });

  it('the nightly GitHub Actions workflow runs scan all on a schedule and keeps its reports', () => {
    const wf = docs('deploy/github-actions/nightly-scan-all.yml')[0];
    expect(wf.on.schedule[0].cron).toMatch(/^(\S+\s+){4}\S+$/);
    const steps = wf.jobs['scan-all'].steps as { run?: string; uses?: string; if?: string; env?: Record<string, string>; with?: Record<string, string> }[];
    // `vouch scan all --config vouch.config.yaml` through the vouch Action (action.yml).
    const scan = steps.find((s) => /\/vouch@v\d/.test(s.uses ?? '') && s.with?.command === 'scan all' && /^--config vouch\.config\.yaml\b/.test(s.with?.args ?? ''))!;
    expect(scan.env?.DIGITALOCEAN_TOKEN).toMatch(/^\$\{\{ secrets\.\w+ \}\}$/);
    const after = steps.slice(steps.indexOf(scan) + 1);
    expect(after.some((s) => s.uses?.startsWith('actions/upload-artifact') && s.if === 'always()')).toBe(true);
    expect(after.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif') && s.if === 'always()')).toBe(true);
    expect(wf.permissions['id-token']).toBe('write');
  });
});

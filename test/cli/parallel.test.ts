// `vouch check` judging with worker threads (src/evaluate/parallel.ts): the same reports, byte for
// byte, as on one thread; a worker that fails ends the run with one line (exit 2), never a hang.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runVouch } from '../helpers/cli.js';
import { ParallelEvaluation, jobsFrom } from '../../src/evaluate/parallel.js';
import { loadIac } from '../../src/sources/iac/load.js';
import { loadRules } from '../../src/evaluate/registry.js';
import { DEFAULT_PARAMETERS } from '../../src/evaluate/claims-profile.js';

let dir: string;

/** One stack of `n` resources; names shared between stacks make rules look across them. */
function stack(s: number, n: number): object {
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const k = `S${s}N${i}`;
    switch (i % 9) {
      case 0:
        // Named buckets: stack s+1's trail and logging configuration write into stack s's bucket.
        resources[`Bucket${k}`] = { Type: 'AWS::S3::Bucket', Properties: { BucketName: `logs-${s}-${i}`, ...(i % 2 ? { LoggingConfiguration: { DestinationBucketName: `logs-${s + 1}-${i}` } } : {}) } };
        break;
      case 1:
        resources[`Trail${k}`] = { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: true, S3BucketName: `logs-${Math.max(0, s - 1)}-${i - 1}`, IsMultiRegionTrail: i % 3 === 0 } };
        break;
      case 2:
        // Some acknowledged in the template: suppressed findings judged by a worker are rendered again, not copied.
        resources[`Sg${k}`] = { Type: 'AWS::EC2::SecurityGroup', ...(i % 18 === 2 ? { Metadata: { vouch: { acknowledge: [{ rule: 'bastion-only/aws-security-group', reason: 'lab', owner: 'sec@example.com', expires: '2099-01-01' }] } } } : {}), Properties: { GroupDescription: 'x', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: { 'Fn::If': ['Open', '0.0.0.0/0', '10.0.0.0/8'] } }] } };
        break;
      case 3:
        resources[`Db${k}`] = { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t4g.micro', StorageEncrypted: { 'Fn::If': ['Prod', true, false] }, BackupRetentionPeriod: i % 4 ? 35 : 3 } };
        break;
      case 4:
        resources[`Role${k}`] = { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }, Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: i % 2 ? 's3:PutObject' : 's3:GetObject', Resource: '*' }] } }] } };
        break;
      case 5:
        resources[`Listener${k}`] = { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: { Protocol: i % 2 ? 'HTTPS' : 'HTTP', Port: 443, LoadBalancerArn: 'arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/x/1', DefaultActions: [] } };
        break;
      case 6:
        resources[`Cache${k}`] = { Type: 'AWS::ElastiCache::ReplicationGroup', Properties: { ReplicationGroupDescription: 'c', AtRestEncryptionEnabled: i % 2 === 0, TransitEncryptionEnabled: true, SnapshotRetentionLimit: 0 } };
        break;
      case 7:
        resources[`Secret${k}`] = { Type: 'AWS::SecretsManager::Secret', Properties: { Description: 'é — a non-ASCII description', SecretString: { Ref: 'DbPassword' } } };
        break;
      default:
        resources[`Log${k}`] = { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: i % 2 ? 90 : 1 } };
    }
  }
  return {
    Parameters: { Env: { Type: 'String', AllowedValues: ['dev', 'prod'] }, DbPassword: { Type: 'String', NoEcho: true } },
    Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }, Open: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] } },
    Resources: resources,
  };
}

/** Every report file of a run, with what differs between runs (run id, times) masked. */
function reports(out: string): Record<string, string> {
  const mask = (s: string) =>
    s
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'RUN')
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?/g, 'TIME')
      .replace(/"(time|created_time)":\d{13}/g, '"$1":0');
  const files: Record<string, string> = {};
  for (const f of readdirSync(join(dir, out)).sort()) {
    // The manifest lists the SHA-256 of files that hold the run id: compared as its list of files.
    const text = readFileSync(join(dir, out, f), 'utf8');
    files[f] = f === 'manifest.json' ? mask(text).replace(/[0-9a-f]{64}/g, 'SHA') : mask(text);
  }
  return files;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-parallel-'));
  mkdirSync(join(dir, 'app'));
  for (let s = 0; s < 4; s++) writeFileSync(join(dir, 'app', `stack${s}.template.json`), JSON.stringify(stack(s, 90), null, 1));
  mkdirSync(join(dir, 'hostile'));
  writeFileSync(join(dir, 'hostile', 'a.template.json'), JSON.stringify(stack(0, 30)));
  // A key that would set an object's prototype, in the second of two stacks.
  writeFileSync(join(dir, 'hostile', 'b.template.json'), '{"Resources":{"X":{"Type":"AWS::S3::Bucket","Properties":{"__proto__":{"polluted":true}}}}}');
});

describe('vouch check --jobs', () => {
  it('writes the same evidence and reports with 2 or 3 threads as with one, the workers judging rules of every stack', async () => {
    const one = await runVouch(['check', 'app', '--out', 'one', '--format', 'all', '--jobs', '1'], { cwd: dir, env: { VOUCH_DEBUG: '1' } });
    expect(one.code, one.stderr).toBe(1);
    expect(one.stderr).not.toMatch(/judged per thread/);
    const base = reports('one');
    expect(Object.keys(base)).toContain('evidence.json');
    const findings = JSON.parse(base['evidence.json']!).findings as { suppression: unknown }[];
    expect(findings.length).toBeGreaterThan(500);
    expect(findings.some((f) => f.suppression !== null)).toBe(true);

    // A fixed split: every thread surely judges some rules, whatever their speed.
    const fixed = await runVouch(['check', 'app', '--out', 'fixed', '--format', 'all', '--jobs', '2'], { cwd: dir, env: { VOUCH_DEBUG: '1', VOUCH_JOBS_SPLIT: 'fixed' } });
    expect(fixed.code, fixed.stderr).toBe(1);
    const split = /rules judged per thread \(this one first\): (\d+), (\d+)/.exec(fixed.stderr);
    expect(split, fixed.stderr).not.toBeNull();
    expect(Number(split![2])).toBeGreaterThan(0);
    expect(Math.abs(Number(split![1]) - Number(split![2]))).toBeLessThanOrEqual(1);
    expect(reports('fixed')).toEqual(base);

    // The shared counter (the default), with three threads, chosen through VOUCH_JOBS.
    const shared = await runVouch(['check', 'app', '--out', 'shared', '--format', 'all'], { cwd: dir, env: { VOUCH_DEBUG: '1', VOUCH_JOBS: '3' } });
    expect(shared.code, shared.stderr).toBe(1);
    expect(shared.stderr).toMatch(/rules judged per thread \(this one first\): \d+, \d+, \d+/);
    expect(reports('shared')).toEqual(base);
    expect(shared.stdout.replace(/shared/g, 'one')).toBe(one.stdout);
  }, 60_000);

  it('refuses a --jobs or VOUCH_JOBS that is not a whole number from 1 to 64, in one line (exit 2)', async () => {
    for (const [args, env] of [
      [['--jobs', '0'], {}],
      [['--jobs', '1.5'], {}],
      [['--jobs', 'many'], {}],
      [[], { VOUCH_JOBS: '-2' }],
      [[], { VOUCH_JOBS: '1000' }],
    ] as [string[], Record<string, string>][]) {
      const r = await runVouch(['check', 'app', '--out', 'bad', ...args], { cwd: dir, env });
      expect(r.code, `${args} ${JSON.stringify(env)}: ${r.stderr}`).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/(--jobs|VOUCH_JOBS): expected a whole number of threads from 1 to 64/);
    }
  }, 60_000);

  it('ends a run whose second stack is hostile with one line and exit 2, workers and all, without hanging', async () => {
    const r = await runVouch(['check', 'hostile', '--out', 'h', '--jobs', '2'], { cwd: dir, timeoutMs: 20_000 });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/b\.template\.json/);
    expect(r.ms).toBeLessThan(15_000);
  }, 30_000);

  it('runs as the CLI on the main thread even when its environment carries the worker mark', async () => {
    const r = await runVouch(['--version'], { cwd: dir, env: { VOUCH_EVALUATE_WORKER: 'vouch-evaluate-worker-1' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('documents --jobs in --help', async () => {
    const r = await runVouch(['check', '--help'], { cwd: dir });
    expect(r.stdout).toMatch(/--jobs/);
    expect(r.stdout).toMatch(/VOUCH_JOBS/);
  });
});

describe('how many threads', () => {
  it('by default: one thread; --jobs, else VOUCH_JOBS, is the user\'s choice', () => {
    expect(jobsFrom(undefined, {})).toBe(1);
    expect(jobsFrom(undefined, { VOUCH_JOBS: ' 3 ' })).toBe(3);
    expect(jobsFrom(1, { VOUCH_JOBS: '3' })).toBe(1);
  });
});

describe('ParallelEvaluation with a worker that fails', () => {
  async function judgeWith(workerSource: string): Promise<unknown> {
    const script = join(dir, `worker-${Math.random().toString(36).slice(2)}.mjs`);
    writeFileSync(script, workerSource);
    const inputs = [join(dir, 'app', 'stack0.template.json')];
    const p = ParallelEvaluation.start(inputs, { cwd: dir }, 2, {}, script)!;
    expect(p).toBeDefined();
    const inventory = loadIac(inputs, { cwd: dir });
    const rules = (await loadRules()).filter((r) => r.control === 'enc-rest');
    try {
      return await p.evaluate(inventory, rules, { params: DEFAULT_PARAMETERS, inventory });
    } catch (e) {
      return e;
    } finally {
      p.close();
    }
  }

  it('fails the run with the error of a worker that throws', async () => {
    const e = await judgeWith(`throw new Error('boom at start-up\\nsecond line');`);
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).message).toBe('an evaluation worker failed: boom at start-up');
  });

  it('fails the run when a worker exits without answering', async () => {
    const e = await judgeWith(`process.exit(3);`);
    expect((e as Error).message).toMatch(/an evaluation worker failed: it stopped \(exit code 3\) before answering/);
  });

  it('fails the run on an answer that is not one, or one that read other inputs', async () => {
    const garbage = await judgeWith(`import { parentPort } from 'node:worker_threads'; parentPort.once('message', () => parentPort.postMessage(42));`);
    expect((garbage as Error).message).toMatch(/an answer that is not one/);
    const other = await judgeWith(`import { parentPort } from 'node:worker_threads'; parentPort.once('message', () => parentPort.postMessage({ ok: true, resources: 1, inputs: 1, text: '[]' }));`);
    expect((other as Error).message).toMatch(/read 1 resources from 1 templates, this thread \d+ from 1/);
  });

  it('fails the run when a worker answers for a rule it did not take', async () => {
    const inputs = [join(dir, 'app', 'stack0.template.json')];
    const n = loadIac(inputs, { cwd: dir }).size;
    // The shared counter is taken by this thread first (the worker only answers): index 0 is this thread's.
    const stolen = await judgeWith(`import { parentPort } from 'node:worker_threads'; parentPort.once('message', () => parentPort.postMessage({ ok: true, resources: ${n}, inputs: 1, text: '[[0, []]]' }));`);
    expect((stolen as Error).message).toMatch(/rule index 0, which is not its to judge/);
  });
});

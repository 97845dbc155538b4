/**
 * Input amplification: a small input that expands into very many resources. Each template's own
 * expansion is bounded (Fn::ForEach 20,000 resources, 2,000 templates a run), but not their product: a
 * 1 KB template of three nested 27-item loops (19,683 queues) reused by nested stacks of a cloud
 * assembly grows with every stack that names it.
 *
 * Measured before the cap (fixT, 2 cores, `node bin/vouch check`, /usr/bin/time): 25 stacks (492,075
 * resources) 14 s and 0.97 GB peak; 120 stacks (2.36 million) 120 s and 3.75 GB; the 2,000 the template
 * limit allows would need about 60 GB. With the run-wide cap (DEFAULT_MAX_RESOURCES, 1,000,000): 60 such
 * stacks are refused with one line and exit 2 after loading about a million resources, 15 s and 1.0 GB.
 *
 * SAM multiplies inside one template: Globals.Function copied to every function, each with all the
 * Globals' events. 60 KB (1,000 functions × 250 Schedule events) made 503,002 resources: 24.6 s, 1.32 GB,
 * judged in full; 224 KB (2,000 × 2,000, 8 million) is refused while it expands, 6.2 s and 0.59 GB.
 * Refused while expanding, a template still built resources up to the cap first: 5,000 functions × 50
 * Globals Schedule events with a dead-letter queue (228 KB, 1.01 million) took 4.4 s and 0.65 GB; counted
 * before anything is built (fixP3), it is refused in 0.22 s and 86 MB, and 5,000 × 400 events in 0.37 s (was 4.2 s).
 * The cases below run the same shapes smaller, with the cap lowered, so they stay fast.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHostile } from './run.js';
import { DEFAULT_MAX_RESOURCES, MAX_RESOURCES_ENV } from '../../src/sources/iac/load.js';
import { expandSam } from '../../src/sources/iac/sam.js';
import { Resolver } from '../../src/sources/iac/intrinsics.js';

let dir: string;

/** A cloud assembly whose root stack nests `stacks` copies of one template that loops k × k × k queues. */
function assembly(name: string, stacks: number, k: number): string {
  const items = (p: string) => Array.from({ length: k }, (_, i) => `${p}${i}`);
  const leaf = {
    Transform: 'AWS::LanguageExtensions',
    Resources: {
      'Fn::ForEach::A': ['a', items('a'), { 'Fn::ForEach::B': ['b', items('b'), { 'Fn::ForEach::C': ['c', items('c'), { 'Q${a}${b}${c}': { Type: 'AWS::SQS::Queue' } }] }] }],
    },
  };
  const root = { Resources: Object.fromEntries(Array.from({ length: stacks }, (_, i) => [`Part${i}`, { Type: 'AWS::CloudFormation::Stack', Metadata: { 'aws:asset:path': 'leaf.json' }, Properties: { TemplateURL: 'x' } }])) };
  const at = join(dir, name);
  mkdirSync(at, { recursive: true });
  writeFileSync(join(at, 'leaf.json'), JSON.stringify(leaf));
  writeFileSync(join(at, 'root.json'), JSON.stringify(root));
  writeFileSync(join(at, 'manifest.json'), JSON.stringify({ version: '38.0.0', artifacts: { Root: { type: 'aws:cloudformation:stack', properties: { templateFile: 'root.json' } } } }));
  return name;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-hostile-amp-'));
});

const out = () => join(dir, 'out');

describe('a run expands to a bounded number of resources', () => {
  it('the default cap is one million resources, far above a real estate', () => {
    expect(DEFAULT_MAX_RESOURCES).toBe(1_000_000);
    expect(MAX_RESOURCES_ENV).toBe('VOUCH_MAX_RESOURCES');
  });

  it('past the cap (VOUCH_MAX_RESOURCES): one line naming the cap, the flag and the variable, exit 2, at once', async () => {
    // 12 stacks × 1,000 queues (+ the root's 12 stack resources) against a cap of 5,000.
    const r = await runHostile(['check', assembly('over.out', 12, 10), '--out', out()], { cwd: dir, env: { [MAX_RESOURCES_ENV]: '5000' } });
    expect(r.killed).toBe(false);
    expect(r.code, r.stderr).toBe(2);
    const lines = r.stderr.trim().split('\n').filter((l) => !l.startsWith('vouch: using config'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/leaf\.json: the templates of this run expand to more than 5000 resources \(raise with --max-resources or VOUCH_MAX_RESOURCES\)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // Refused after the sixth stack, not after all of them.
    expect(r.ms).toBeLessThan(15_000);
    expect(r.peakMb ?? 0).toBeLessThan(600);
  });

  it('SAM Globals events copied to every function are counted while they expand', async () => {
    const events = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`Tick${i}`, { Type: 'Schedule', Properties: { Schedule: 'rate(1 day)' } }]));
    const template = {
      Transform: 'AWS::Serverless-2016-10-31',
      Globals: { Function: { Runtime: 'nodejs20.x', Handler: 'index.handler', InlineCode: 'x', Events: events } },
      Resources: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`Worker${i}`, { Type: 'AWS::Serverless::Function' }])),
    };
    writeFileSync(join(dir, 'sam-globals.json'), JSON.stringify(template));
    // 60 functions × (function, role, 60 rules, 60 permissions): over 7,000 resources against a cap of 3,000.
    const r = await runHostile(['check', 'sam-globals.json', '--out', out()], { cwd: dir, env: { [MAX_RESOURCES_ENV]: '3000' } });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim()).toMatch(/^vouch: sam-globals\.json: the templates of this run expand to more than 3000 resources/);
    const fits = await runHostile(['check', 'sam-globals.json', '--out', out()], { cwd: dir, env: { [MAX_RESOURCES_ENV]: '20000' } });
    expect(fits.code, fits.stderr).not.toBe(2);
  });

  it('a SAM template sure to pass the cap is refused before its resources are built, with the same line (fixP3: 1.01 million were built first, 4.4 s, 0.65 GB)', () => {
    const events = (dlq: boolean) => Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`Tick${i}`, { Type: 'Schedule', Properties: { Schedule: 'rate(1 day)', ...(dlq ? { DeadLetterConfig: { Type: 'SQS' } } : {}) } }]));
    const functions = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`Worker${i}`, { Type: 'AWS::Serverless::Function' }]));
    const resolver = new Resolver({ parameters: {}, unknownParameters: new Set(), mappings: {}, conditions: {}, resources: new Set(Object.keys(functions)) });
    const expand = (dlq: boolean, left: number) => {
      const budget = { left, cap: 1_000 };
      let error = '';
      try {
        expandSam(functions, { Function: { Runtime: 'nodejs20.x', Handler: 'index.handler', InlineCode: 'x', Events: events(dlq) } }, resolver, 'sam.json', budget);
      } catch (e) {
        error = (e as Error).message;
      }
      return { error, built: left - budget.left };
    };
    // 100 × (function, role, 50 × (rule, permission, queue, queue policy)): 20,200 resources; a rule with its
    // dead-letter queue counts its four resources before any is built.
    for (const dlq of [false, true]) {
      const over = expand(dlq, dlq ? 20_199 : 10_199);
      expect(over.error).toBe('sam.json: the templates of this run expand to more than 1000 resources (raise with --max-resources or VOUCH_MAX_RESOURCES)');
      expect(over.built, `dead-letter queues: ${dlq}`).toBe(0);
    }
    // What fits is built as before, each resource counted once.
    expect(expand(true, 20_200)).toEqual({ error: '', built: 20_200 });
    expect(expand(false, 10_200)).toEqual({ error: '', built: 10_200 });
  });

  it('--max-resources raises (or lowers) the cap; the flag wins over the variable', async () => {
    const name = assembly('under.out', 4, 10);
    const raised = await runHostile(['check', name, '--out', out(), '--max-resources', '4100'], { cwd: dir, env: { [MAX_RESOURCES_ENV]: '10' } });
    expect(raised.code, raised.stderr).toBe(0);
    const lowered = await runHostile(['check', name, '--out', out(), '--max-resources', '3999'], { cwd: dir });
    expect(lowered.code).toBe(2);
    expect(lowered.stderr).toMatch(/more than 3999 resources/);
  });

  it('a cap that is not a whole number is a usage error naming where it came from', async () => {
    const flag = await runHostile(['check', assembly('tiny.out', 1, 2), '--out', out(), '--max-resources', '0'], { cwd: dir });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--max-resources: expected a whole number of resources, at least 1, got '0'/);
    const env = await runHostile(['check', 'tiny.out', '--out', out()], { cwd: dir, env: { [MAX_RESOURCES_ENV]: 'lots' } });
    expect(env.code).toBe(2);
    expect(env.stderr).toMatch(/VOUCH_MAX_RESOURCES: expected a whole number of resources, at least 1, got 'lots'/);
  });

  it('a StackSet body that is a SAM template counts its expansion against the cap too (fixP2: 260 KB ran unbounded, killed at 90 s)', async () => {
    const events = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`Tick${i}`, { Type: 'Schedule', Properties: { Schedule: 'rate(1 day)' } }]));
    const body = {
      Transform: 'AWS::Serverless-2016-10-31',
      Globals: { Function: { Runtime: 'nodejs20.x', Handler: 'index.handler', InlineCode: 'x', Events: events } },
      Resources: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`Worker${i}`, { Type: 'AWS::Serverless::Function' }])),
    };
    const set = { Type: 'AWS::CloudFormation::StackSet', Properties: { StackSetName: 's', PermissionModel: 'SERVICE_MANAGED', TemplateBody: JSON.stringify(body), StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: ['ou-a'] }, Regions: ['eu-west-1'] }] } };
    writeFileSync(join(dir, 'stackset-sam.json'), JSON.stringify({ Resources: { Set: set } }));
    const r = await runHostile(['check', 'stackset-sam.json', '--out', out()], { cwd: dir, env: { [MAX_RESOURCES_ENV]: '3000' } });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim()).toMatch(/^vouch: stackset-sam\.json: the templates of this run expand to more than 3000 resources/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('the flag is read as the variable is: hex, exponents, signs, empty and repeated values are refused, one line each (fixP2: 0x10 and 1e3 were taken, an empty value was shown as 0)', async () => {
    const name = assembly('flag.out', 1, 2);
    for (const [given, shown] of [['0x10', '0x10'], ['1e3', '1e3'], ['+5', '+5'], ['', ''], ['-1', '-1']] as const) {
      const r = await runHostile(['check', name, '--out', out(), `--max-resources=${given}`], { cwd: dir });
      expect(r.code, given).toBe(2);
      expect(r.stderr.trim()).toBe(`vouch: --max-resources: expected a whole number of resources, at least 1, got '${shown}'`);
    }
    const twice = await runHostile(['check', name, '--out', out(), '--max-resources', '30', '--max-resources', '40'], { cwd: dir });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/got '30,40'/);
    const newline = await runHostile(['check', name, '--out', out()], { cwd: dir, env: { [MAX_RESOURCES_ENV]: '5\nx' } });
    expect(newline.code).toBe(2);
    expect(newline.stderr.trim().split('\n')).toHaveLength(1);
    const ok = await runHostile(['check', name, '--out', out(), '--max-resources', '30'], { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
  });
});

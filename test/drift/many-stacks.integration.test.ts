/**
 * 1,000 stacks in moto: DescribeStacks is walked page by page, and ownership
 * costs a bounded number of calls per stack (one ListStackResources walk and
 * one GetTemplate), never one per resource. Every queue the stacks made is
 * matched to its stack.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { startMoto, type Moto } from '../aws/moto.js';
import { scanAws } from '../../src/sources/providers/aws/collectors/scan.js';
import { mapLimit } from '../../src/sources/providers/common/limit.js';
import type { Resource } from '../../src/model/resource.js';
import type { Coverage } from '../../src/model/inventory.js';
import { SEED, cdkTemplate, queue } from './stacks.js';

const STACKS = 1000;
const PER_STACK = 3;
let moto: Moto;
let resources: Resource[];
let coverage: Coverage;

beforeAll(async () => {
  moto = await startMoto();
  const cfn = new CloudFormationClient({ ...SEED, endpoint: moto.url });
  await mapLimit(
    Array.from({ length: STACKS }, (_, i) => i),
    8,
    async (i) => {
      const name = `Svc${String(i).padStart(4, '0')}`;
      const res = Object.fromEntries(Array.from({ length: PER_STACK }, (_, k) => [`Queue${k}ABCDEF01`, queue(`${name.toLowerCase()}-q${k}`, `Queue${k}/Resource`)]));
      await cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: cdkTemplate(name, res) }));
    },
  );
  const scanned = await scanAws({ regions: ['us-east-1'], services: ['cloudformation', 'sqs'], concurrency: 8, endpoints: { default: moto.url }, maxAttempts: 2, progress: false, credentials: { accessKeyId: 'AKIAVOUCHMANYSTACKS1', secretAccessKey: 'x' } });
  resources = [...scanned.inventory.all()];
  coverage = scanned.inventory.coverage;
}, 600_000);

afterAll(async () => {
  await moto?.stop();
});

describe(`ownership over ${STACKS} stacks (moto)`, () => {
  it('lists every stack across DescribeStacks pages and owns every queue they made', () => {
    expect(coverage.failures ?? []).toEqual([]);
    expect(resources.filter((r) => r.type === 'aws.cloudformation.stack')).toHaveLength(STACKS);
    const listed = resources.filter((r) => r.type === 'aws.cloudformation.stack').reduce((n, s) => n + ((s.properties.Live as { Resources?: unknown[] }).Resources?.length ?? 0), 0);
    expect(listed).toBe(STACKS * PER_STACK);
    // (the SQS collector reads the first 1,000 queues moto lists: each of those is matched to its stack)
    const queues = resources.filter((r) => r.type === 'aws.sqs.queue');
    expect(queues.length).toBeGreaterThanOrEqual(1000);
    expect(queues.filter((q) => q.owner?.status !== 'stack').map((q) => q.id)).toEqual([]);
    const q = queues.find((x) => x.id.endsWith(':svc0123-q2')) ?? queues[0]!;
    const name = q.id.split(':').pop()!.split('-')[0]!.replace('svc', 'Svc');
    const k = q.id.slice(-1);
    expect(q.owner).toMatchObject({ stackName: name, logicalId: `Queue${k}ABCDEF01`, constructPath: `${name}/Queue${k}/Resource` });
  });

  it('makes O(stacks) CloudFormation calls, not O(resources)', () => {
    const calls = coverage.calls ?? {};
    // DescribeStacks is paginated (moto: 50 stacks a page, so 20 pages for 1,000), every page walked.
    expect(calls['cloudformation:DescribeStacks']).toBeGreaterThan(1);
    expect(calls['cloudformation:DescribeStacks']).toBeLessThanOrEqual(Math.ceil(STACKS / 50) + 1);
    expect(calls['cloudformation:ListStackResources']).toBe(STACKS);
    expect(calls['cloudformation:GetTemplate']).toBe(STACKS);
  });
});

/**
 * Ownership end to end on moto: CDK-shaped stacks deployed with CreateStack,
 * resources added outside any stack, one stack whose resources cannot be
 * listed (a fault on ListStackResources), two stacks claiming the same SQS
 * queue. The real collectors scan through the real SDK clients; every live
 * resource must name the stack that owns it, or say why it cannot.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { S3Client, CreateBucketCommand } from '@aws-sdk/client-s3';
import { SQSClient, CreateQueueCommand } from '@aws-sdk/client-sqs';
import { EC2Client, CreateSecurityGroupCommand } from '@aws-sdk/client-ec2';
import { startMoto, type Moto } from '../aws/moto.js';
import { startFaultProxy, type FaultProxy } from '../cloud/proxy.js';
import { byAction, queryError } from '../cloud/aws/faults.js';
import { scanAws } from '../../src/sources/providers/aws/collectors/scan.js';
import type { Resource } from '../../src/model/resource.js';
import { SEED, cdkTemplate, deploy, encryptedBucket, queue, securityGroup } from './stacks.js';

let moto: Moto;
let proxy: FaultProxy;
const ids: Record<string, string> = {};
let resources: Resource[];
let coverage: Awaited<ReturnType<typeof scanAws>>['inventory']['coverage'];
const PARAM_SECRET = 'dEfAuLtSeCrEt-9f8e7d6c5b4a';

beforeAll(async () => {
  moto = await startMoto();
  ids.web = await deploy(
    moto.url,
    'WebStack',
    cdkTemplate(
      'WebStack',
      { AssetsBucket1A2B3C4D: encryptedBucket('web-assets-bucket'), JobsQueue5E6F7A8B: queue('web-jobs', 'Jobs/Resource'), AlbSg9C0D1E2F: securityGroup('Alb/SecurityGroup/Resource', 'web alb') },
      // A parameter default in the deployed template: GetTemplate returns it, vouch must not keep it.
      { DbPassword: { Type: 'String', Default: PARAM_SECRET } },
    ),
  );
  ids.data = await deploy(moto.url, 'DataStack', cdkTemplate('DataStack', { ArchiveBucketAB12CD34: encryptedBucket('data-archive-bucket'), SharedQueue11223344: queue('shared-events', 'Shared/Resource') }));
  // A second stack declaring the same queue name: SQS CreateQueue returns the existing queue, so both claim it.
  ids.copy = await deploy(moto.url, 'CopyStack', cdkTemplate('CopyStack', { SharedQueueCopy55667788: queue('shared-events', 'SharedCopy/Resource') }));
  // A stack whose resources the scan will not be able to list, in a region of its own.
  ids.broken = await deploy(moto.url, 'BrokenStack', cdkTemplate('BrokenStack', { LostQueue99AA88BB: queue('broken-stack-queue', 'Lost/Resource') }), undefined, 'eu-west-1');

  // Outside any stack: shadow resources.
  const s3 = new S3Client({ ...SEED, endpoint: moto.url, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'hand-made-bucket' }));
  await new SQSClient({ ...SEED, endpoint: moto.url }).send(new CreateQueueCommand({ QueueName: 'hand-made-queue' }));
  const sg = await new EC2Client({ ...SEED, endpoint: moto.url }).send(new CreateSecurityGroupCommand({ GroupName: 'hand-made-sg', Description: 'made in the console' }));
  ids.handSg = sg.GroupId!;

  proxy = await startFaultProxy(moto.url, [
    { match: (r) => byAction('ListStackResources')(r) && r.body.includes('BrokenStack'), fault: queryError(403, 'AccessDenied', 'User is not authorized to perform: cloudformation:ListStackResources') },
  ]);
  const scanned = await scanAws({
    regions: ['us-east-1', 'eu-west-1'],
    services: ['cloudformation', 's3', 'ec2', 'sqs'],
    concurrency: 4,
    endpoints: { default: proxy.url },
    maxAttempts: 1,
    progress: false,
    credentials: { accessKeyId: 'AKIAVOUCHDRIFTTEST01', secretAccessKey: 'drift-test-secret' },
  });
  resources = [...scanned.inventory.all()];
  coverage = scanned.inventory.coverage;
}, 180_000);

afterAll(async () => {
  await proxy?.close();
  await moto?.stop();
});

const find = (type: string, pred: (r: Resource) => boolean) => {
  const r = resources.find((x) => x.type === type && pred(x));
  expect(r, `${type} not collected`).toBeDefined();
  return r!;
};
const bucket = (name: string) => find('aws.s3.bucket', (r) => r.name === name || r.id.endsWith(`:::${name}`));
const sqs = (name: string) => find('aws.sqs.queue', (r) => r.id.endsWith(`/${name}`) || r.id.endsWith(`:${name}`) || r.name === name);

describe('ownership of live resources (moto)', () => {
  it('names the owning stack, stack id, logical id and CDK construct path', () => {
    expect(bucket('web-assets-bucket').owner).toEqual({ status: 'stack', stackName: 'WebStack', stackId: ids.web, logicalId: 'AssetsBucket1A2B3C4D', constructPath: 'WebStack/web-assets-bucket/Resource' });
    expect(sqs('web-jobs').owner).toMatchObject({ status: 'stack', stackName: 'WebStack', logicalId: 'JobsQueue5E6F7A8B', constructPath: 'WebStack/Jobs/Resource' });
    const sg = find('aws.ec2.security-group', (r) => r.owner?.stackName === 'WebStack');
    expect(sg.owner).toMatchObject({ logicalId: 'AlbSg9C0D1E2F', constructPath: 'WebStack/Alb/SecurityGroup/Resource' });
    expect(bucket('data-archive-bucket').owner).toMatchObject({ status: 'stack', stackName: 'DataStack', stackId: ids.data });
  });

  it('marks resources made outside every stack as owned by none', () => {
    expect(bucket('hand-made-bucket').owner).toEqual({ status: 'none' });
    expect(sqs('hand-made-queue').owner).toEqual({ status: 'none' });
    expect(find('aws.ec2.security-group', (r) => r.id.includes(ids.handSg!)).owner).toEqual({ status: 'none' });
  });

  it('lists both stacks, and chooses neither, when two claim the same physical id', () => {
    const o = sqs('shared-events').owner!;
    expect(o.status).toBe('ambiguous');
    expect(o.stackName).toBeUndefined();
    // (moto reports the later stack's logical id for both; the stacks are what matters here.)
    expect(o.claims?.map((c) => c.stackName)).toEqual(['CopyStack', 'DataStack']);
    expect(o.claims?.map((c) => c.stackId).sort()).toEqual([ids.copy, ids.data].sort());
  });

  it('says ownership is unknown, and why, when a stack cannot be listed; never a guess', () => {
    const lost = sqs('broken-stack-queue');
    expect(lost.owner?.status).toBe('unknown');
    expect(lost.owner?.reason).toMatch(/BrokenStack \(eu-west-1\).*could not be listed.*AccessDenied/);
    // Only that region is blind: resources elsewhere are still judged owned or not.
    expect(bucket('hand-made-bucket').owner?.status).toBe('none');
    expect(coverage.notCollected?.some((n) => n.what === 'CloudFormation ownership' && /BrokenStack/.test(n.why))).toBe(true);
    expect(coverage.failures?.some((f) => f.operation === 'cloudformation:ListStackResources' && f.code === 'AccessDenied')).toBe(true);
  });

  it('keeps construct paths from the deployed template but never the template body or its parameter defaults', () => {
    const stack = find('aws.cloudformation.stack', (r) => r.id === ids.web);
    expect((stack.properties.Live as { Resources: unknown[] }).Resources).toHaveLength(3);
    expect(JSON.stringify(resources)).not.toContain(PARAM_SECRET);
    expect(coverage.calls?.['cloudformation:GetTemplate']).toBe(4);
  });

  it('makes a bounded number of CloudFormation calls: one listing per stack, not one per resource', () => {
    // 4 stacks in 2 regions, each resource list fits one page: DescribeStacks once per region,
    // ListStackResources and GetTemplate once per stack.
    expect(coverage.calls?.['cloudformation:DescribeStacks']).toBe(2);
    expect(coverage.calls?.['cloudformation:ListStackResources']).toBe(4);
  });
});

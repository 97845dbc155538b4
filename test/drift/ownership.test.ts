/** Ownership matching rules on hand-built inventories (the moto tests run the real collectors). */
import { describe, it, expect } from 'vitest';
import { attachOwners, physicalKeys } from '../../src/findings/drift/ownership.js';
import { constructPaths } from '../../src/sources/providers/aws/collectors/cloudformation.js';
import type { Resource } from '../../src/model/resource.js';

const ACCOUNT = '123456789012';
function live(type: string, id: string, region: string | undefined, name?: string): Resource {
  return { type, provider: 'aws', source: 'live', id, ...(name ? { name } : {}), properties: {}, location: { account: ACCOUNT, ...(region ? { region } : {}), ...(id.startsWith('arn:') ? { arn: id } : {}) }, relations: {} };
}
function stack(name: string, region: string, entries: { LogicalResourceId: string; PhysicalResourceId: string; ResourceType: string }[] | 'AccessDenied'): Resource {
  const r = live('aws.cloudformation.stack', `arn:aws:cloudformation:${region}:${ACCOUNT}:stack/${name}/1`, region, name);
  r.properties = { StackName: name, Live: { StackStatus: 'CREATE_COMPLETE', ...(entries === 'AccessDenied' ? {} : { Resources: entries }) } };
  if (entries === 'AccessDenied') r.gaps = { 'Live.Resources': 'AccessDenied: cloudformation:ListStackResources: denied' };
  return r;
}
const queue = (region: string, name: string) => live('aws.sqs.queue', `arn:aws:sqs:${region}:${ACCOUNT}:${name}`, region);
const sqsEntry = (id: string, region: string, name: string) => ({ LogicalResourceId: id, PhysicalResourceId: `https://sqs.${region}.amazonaws.com/${ACCOUNT}/${name}`, ResourceType: 'AWS::SQS::Queue' });

describe('attachOwners', () => {
  it('matches a queue by the name in its CloudFormation physical id (a queue URL), in its own region only', () => {
    const east = queue('us-east-1', 'jobs');
    const west = queue('eu-west-1', 'jobs');
    const all = [stack('A', 'us-east-1', [sqsEntry('Jobs', 'us-east-1', 'jobs')]), stack('B', 'eu-west-1', [sqsEntry('Jobs', 'eu-west-1', 'jobs')]), east, west];
    attachOwners(all, {}, { allRegions: true });
    expect(east.owner).toMatchObject({ status: 'stack', stackName: 'A', logicalId: 'Jobs' });
    expect(west.owner).toMatchObject({ status: 'stack', stackName: 'B' });
  });

  it("carries CloudFormation's own drift status of the resource beside the owner", () => {
    const q = queue('us-east-1', 'jobs');
    attachOwners([stack('A', 'us-east-1', [{ ...sqsEntry('Jobs', 'us-east-1', 'jobs'), DriftStatus: 'MODIFIED' } as never]), q], {}, { allRegions: true });
    expect(q.owner).toMatchObject({ status: 'stack', cfnDriftStatus: 'MODIFIED' });
  });

  it('does not match a physical id of another type', () => {
    const topic = live('aws.sns.topic', `arn:aws:sns:us-east-1:${ACCOUNT}:jobs`, 'us-east-1');
    attachOwners([stack('A', 'us-east-1', [sqsEntry('Jobs', 'us-east-1', 'jobs')]), topic], {}, { allRegions: true });
    expect(topic.owner).toEqual({ status: 'none' });
  });

  it('global resources: owned by none only when every region was scanned, else unknown', () => {
    const role = () => live('aws.iam.role', `arn:aws:iam::${ACCOUNT}:role/ops/deployer`, undefined, 'deployer');
    const a = role();
    attachOwners([stack('A', 'us-east-1', []), a], {}, { allRegions: true });
    expect(a.owner).toEqual({ status: 'none' });
    const b = role();
    attachOwners([stack('A', 'us-east-1', []), b], {}, { allRegions: false });
    expect(b.owner).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/not every region/) });
    const c = role();
    attachOwners([stack('A', 'eu-west-1', [{ LogicalResourceId: 'Deployer', PhysicalResourceId: 'deployer', ResourceType: 'AWS::IAM::Role' }]), c], {}, { allRegions: false });
    expect(c.owner).toMatchObject({ status: 'stack', stackName: 'A', logicalId: 'Deployer' });
  });

  it('a region whose stacks could not be listed leaves its unmatched resources unknown', () => {
    const q = queue('us-east-1', 'orphan');
    const s = attachOwners([q], { failures: [{ operation: 'cloudformation:DescribeStacks', region: 'us-east-1', account: ACCOUNT, code: 'Throttling', message: 'x' }] }, { allRegions: true });
    expect(q.owner).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/could not be listed \(Throttling\)/) });
    expect(s.unknown).toBe(1);
  });

  it('sets no owner at all when CloudFormation was left out of the scan, or on settings and AWS-managed policies', () => {
    const q = queue('us-east-1', 'jobs');
    attachOwners([q], { excludedServices: ['aws:cloudformation'] }, { allRegions: true });
    expect(q.owner).toBeUndefined();
    const managed = live('aws.iam.managed-policy', 'arn:aws:iam::aws:policy/ReadOnlyAccess', undefined);
    const settings = live('aws.ec2.regional-settings', `${ACCOUNT}/us-east-1/ebs`, 'us-east-1');
    attachOwners([managed, settings], {}, { allRegions: true });
    expect(managed.owner).toBeUndefined();
    expect(settings.owner).toBeUndefined();
  });

  it('physical keys of a live resource include its ARN tail (role name behind a path, function name)', () => {
    expect(physicalKeys(live('aws.iam.role', `arn:aws:iam::${ACCOUNT}:role/ops/deployer`, undefined))).toContain('deployer');
    expect(physicalKeys(live('aws.lambda.function', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:api`, 'us-east-1'))).toContain('api');
  });
});

describe('constructPaths (deployed template)', () => {
  it('keeps only aws:cdk:path per logical id; a body that does not parse is undefined, never a throw', () => {
    const body = JSON.stringify({ Parameters: { Pw: { Type: 'String', Default: 'hunter2' } }, Resources: { B: { Type: 'AWS::S3::Bucket', Metadata: { 'aws:cdk:path': 'App/B/Resource' } }, C: { Type: 'AWS::SQS::Queue' } } });
    expect([...constructPaths(body)!]).toEqual([['B', 'App/B/Resource']]);
    expect(constructPaths('Resources: [unclosed')).toBeUndefined();
    expect(constructPaths(undefined)).toBeUndefined();
    expect(constructPaths('{"Resources": "nope"}')).toBeUndefined();
  });
});

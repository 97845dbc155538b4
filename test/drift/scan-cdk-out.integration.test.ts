/**
 * `vouch scan aws --cdk-out` end to end on moto: drift in the same run.
 *
 * Version 1 of ShopStack is deployed with CreateStack. The cloud assembly
 * given to the scan is version 2 of the same app (a cdk.out with manifest.json,
 * stack-trace metadata and the template): its bucket has other tags and
 * another encryption setting, a queue the deployed version has is gone, and
 * it adds a queue not deployed yet. Outside the pipeline, SSH is opened on the
 * security group and SSE turned off on a queue; a bucket is made by hand.
 * CloudFormation drift detection "has run" on the stack: a loopback proxy in
 * front of moto (which has no drift detection) adds the stack's drift status
 * to DescribeStacks and answers DescribeStackResourceDrifts in its real wire
 * format, with expected/actual values vouch must never keep.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client, CreateBucketCommand } from '@aws-sdk/client-s3';
import { SQSClient, SetQueueAttributesCommand, GetQueueUrlCommand, DeleteQueueCommand } from '@aws-sdk/client-sqs';
import { EC2Client, AuthorizeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { CloudFormationClient, DescribeStackResourceCommand } from '@aws-sdk/client-cloudformation';
import { startMoto, type Moto } from '../aws/moto.js';
import { startFaultProxy, type FaultProxy } from '../cloud/proxy.js';
import { byAction } from '../cloud/aws/faults.js';
import { runVouch, type CliRun } from '../helpers/in-process.js';
import type { EvidenceDocument } from '../../src/findings/evidence.js';
import { SEED, cdkTemplate, deploy, queue, securityGroup } from './stacks.js';
import { evidenceErrors } from '../helpers/evidence-schema.js';

let moto: Moto;
let proxy: FaultProxy;
let dir: string;
let scan: CliRun;
let live: EvidenceDocument;
const ENV = { AWS_ACCESS_KEY_ID: 'AKIAVOUCHDRIFTCDKOUT1', AWS_SECRET_ACCESS_KEY: 'drift-cdk-out-secret', AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined, AWS_REGION: 'us-east-1', CI: 'true' };
const CFN_VALUE = 'expected-value-vouch-must-not-keep-31c4';

const bucket = (sse: string, version: string) => ({
  Type: 'AWS::S3::Bucket',
  path: 'Assets/Resource',
  Properties: { BucketName: 'shop-assets-bucket', BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: sse } }] }, Tags: [{ Key: 'version', Value: version }] },
});
const V1 = cdkTemplate('ShopStack', {
  WebSg1A2B3C4D: securityGroup('Web/SecurityGroup/Resource', 'shop web'),
  OrdersQueueAABBCCDD: queue('shop-orders', 'Orders/Resource'),
  LegacyQueue99887766: queue('shop-legacy', 'Legacy/Resource'),
  GoneQueue10203040: queue('shop-gone', 'Gone/Resource'),
  AssetsBucket5566AABB: bucket('AES256', '1'),
});
const V2 = cdkTemplate('ShopStack', {
  WebSg1A2B3C4D: securityGroup('Web/SecurityGroup/Resource', 'shop web'),
  OrdersQueueAABBCCDD: queue('shop-orders', 'Orders/Resource'),
  NewQueue44332211: queue('shop-new', 'New/Resource'),
  GoneQueue10203040: queue('shop-gone', 'Gone/Resource'),
  AssetsBucket5566AABB: bucket('aws:kms', '2'),
});

function cdkOut(root: string): string {
  const out = join(root, 'cdk.out');
  mkdirSync(out);
  writeFileSync(join(out, 'ShopStack.template.json'), V2);
  const src = join(root, 'lib', 'shop-stack.ts');
  const entry = (id: string, line: number) => [{ type: 'aws:cdk:logicalId', data: id, trace: ['new CfnResource (/app/node_modules/aws-cdk-lib/core/lib/cfn-resource.js:1:1)', `new ShopStack (${src}:${line}:5)`] }];
  writeFileSync(
    join(out, 'manifest.json'),
    JSON.stringify({
      version: '36.0.0',
      artifacts: {
        ShopStack: {
          type: 'aws:cloudformation:stack',
          environment: 'aws://123456789012/us-east-1',
          properties: { templateFile: 'ShopStack.template.json' },
          metadata: { '/ShopStack/Web/SecurityGroup/Resource': entry('WebSg1A2B3C4D', 14), '/ShopStack/Orders/Resource': entry('OrdersQueueAABBCCDD', 22) },
        },
      },
    }),
  );
  return out;
}

const DRIFTS_XML = (stackId: string, queueUrl: string) => `<?xml version="1.0" encoding="UTF-8"?>
<DescribeStackResourceDriftsResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
  <DescribeStackResourceDriftsResult>
    <StackResourceDrifts>
      <member>
        <StackId>${stackId}</StackId>
        <LogicalResourceId>OrdersQueueAABBCCDD</LogicalResourceId>
        <PhysicalResourceId>${queueUrl}</PhysicalResourceId>
        <ResourceType>AWS::SQS::Queue</ResourceType>
        <StackResourceDriftStatus>MODIFIED</StackResourceDriftStatus>
        <Timestamp>2026-12-01T00:00:00Z</Timestamp>
        <PropertyDifferences>
          <member>
            <PropertyPath>/SqsManagedSseEnabled</PropertyPath>
            <ExpectedValue>${CFN_VALUE}</ExpectedValue>
            <ActualValue>false</ActualValue>
            <DifferenceType>NOT_EQUAL</DifferenceType>
          </member>
        </PropertyDifferences>
      </member>
    </StackResourceDrifts>
  </DescribeStackResourceDriftsResult>
  <ResponseMetadata><RequestId>5ccc7dcd-744c-4ff1-b8a4-000000000001</RequestId></ResponseMetadata>
</DescribeStackResourceDriftsResponse>`;

beforeAll(async () => {
  moto = await startMoto();
  dir = mkdtempSync(join(tmpdir(), 'vouch-scan-cdk-out-'));
  const stackId = await deploy(moto.url, 'ShopStack', V1);
  const code = cdkOut(dir);

  const cfn = new CloudFormationClient({ ...SEED, endpoint: moto.url });
  const sgId = (await cfn.send(new DescribeStackResourceCommand({ StackName: 'ShopStack', LogicalResourceId: 'WebSg1A2B3C4D' }))).StackResourceDetail!.PhysicalResourceId!;
  await new EC2Client({ ...SEED, endpoint: moto.url }).send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sgId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
  const sqs = new SQSClient({ ...SEED, endpoint: moto.url });
  const ordersUrl = (await sqs.send(new GetQueueUrlCommand({ QueueName: 'shop-orders' }))).QueueUrl!;
  await sqs.send(new SetQueueAttributesCommand({ QueueUrl: ordersUrl, Attributes: { SqsManagedSseEnabled: 'false' } }));
  await sqs.send(new DeleteQueueCommand({ QueueUrl: (await sqs.send(new GetQueueUrlCommand({ QueueName: 'shop-gone' }))).QueueUrl! }));
  await new S3Client({ ...SEED, endpoint: moto.url, forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: 'console-made-bucket' }));

  proxy = await startFaultProxy(moto.url, [
    {
      match: byAction('DescribeStacks'),
      fault: { kind: 'rewrite', transform: (body) => body.replace(/(<StackName>ShopStack<\/StackName>)/, '$1<DriftInformation><StackDriftStatus>DRIFTED</StackDriftStatus></DriftInformation>') },
    },
    { match: byAction('DescribeStackResourceDrifts'), fault: { kind: 'respond', status: 200, headers: { 'content-type': 'text/xml' }, body: DRIFTS_XML(stackId, ordersUrl) } },
  ]);
  scan = await runVouch(
    ['scan', 'aws', '--regions', 'us-east-1', '--services', 'cloudformation,s3,ec2,sqs', '--cdk-out', code, '--fail-on-drift', '--out', join(dir, 'live'), '--format', 'json,md,html,sarif', '--quiet'],
    { ...ENV, AWS_ENDPOINT_URL: proxy.url },
  );
  live = JSON.parse(readFileSync(join(dir, 'live', 'evidence.json'), 'utf8'));
}, 240_000);

afterAll(async () => {
  await proxy?.close();
  await moto?.stop();
});

describe('scan aws --cdk-out: drift in the same run (moto)', () => {
  it('writes drift into evidence.json (schema-valid) and exits 1 with --fail-on-drift', () => {
    expect(scan.code, scan.stderr).toBe(1);
    expect(live.drift).toBeDefined();
    expect(evidenceErrors(live)).toEqual([]);
  });

  it('code vs live: SSH opened and SSE turned off outside the pipeline pass in code and fail live', () => {
    const drifted = live.drift!.verdicts.filter((v) => v.kind === 'passes-in-code-fails-live').map((v) => `${v.ruleId} ${v.code.constructPath}`);
    expect(drifted).toEqual(expect.arrayContaining(['bastion-only/aws-security-group ShopStack/Web/SecurityGroup/Resource', 'enc-rest/aws-sqs-queue ShopStack/Orders/Resource']));
    expect(live.drift!.claims?.some((c) => /holds in code, broken live on [1-9]\d* resources?/.test(c.line))).toBe(true);
  });

  it('deployed template vs assembly: not deployed, deployed but not in it, and changed properties (the rule-read one named)', () => {
    const a = live.drift!.assembly!;
    expect(a.compared).toBe(1);
    expect(a.notDeployed.map((r) => r.constructPath)).toEqual(['ShopStack/New/Resource']);
    expect(a.notInAssembly.map((r) => r.constructPath)).toEqual(['ShopStack/Legacy/Resource']);
    expect(a.changed).toEqual([expect.objectContaining({ logicalId: 'AssetsBucket5566AABB', properties: ['BucketEncryption', 'Tags'], readByRules: ['BucketEncryption'] })]);
  });

  it("CloudFormation's own drift (DescribeStackResourceDrifts) beside vouch's view: status and property path, never its values", () => {
    const v = live.drift!.verdicts.find((x) => x.ruleId === 'enc-rest/aws-sqs-queue' && x.code.constructPath === 'ShopStack/Orders/Resource')!;
    expect(v.cfnDriftStatus).toBe('MODIFIED');
    expect(v.cfnDriftDifferences).toEqual(['/SqsManagedSseEnabled (NOT_EQUAL)']);
    expect(live.coverage.calls?.['cloudformation:DescribeStackResourceDrifts']).toBe(1);
    for (const f of ['evidence.json', 'summary.md', 'report.html', 'vouch.sarif']) expect(readFileSync(join(dir, 'live', f), 'utf8')).not.toContain(CFN_VALUE);
  });

  it('a resource deleted outside the pipeline: owned by the stack, not found live (and only that one)', () => {
    expect(live.drift!.missingLive?.map((m) => `${m.constructPath} ${m.type}`)).toEqual(['ShopStack/Gone/Resource aws.sqs.queue']);
    expect(readFileSync(join(dir, 'live', 'summary.md'), 'utf8')).toContain('deleted outside the pipeline (owned by stack ShopStack, not found live): ShopStack/Gone/Resource');
  });

  it('shadow resources and owners as before: the hand-made bucket is owned by no stack', () => {
    expect(live.drift!.shadow.resources.map((r) => r.id)).toContain('arn:aws:s3:::console-made-bucket');
    expect(live.drift!.shadow.resources.some((r) => r.id.includes('shop-'))).toBe(false);
  });

  it('every report shows the drift section; SARIF points the live SSH finding at the CDK source line from the stack trace', () => {
    expect(readFileSync(join(dir, 'live', 'summary.md'), 'utf8')).toMatch(/### Drift: code vs live[\s\S]*holds in code, broken live on/);
    expect(readFileSync(join(dir, 'live', 'report.html'), 'utf8')).toContain('<h2 id="drift">Drift: code vs live</h2>');
    const sarif = JSON.parse(readFileSync(join(dir, 'live', 'vouch.sarif'), 'utf8'));
    const ssh = (sarif.runs[0].results as { ruleId: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] }[]).find(
      (r) => r.ruleId.startsWith('bastion-only/aws-security-group') && r.message.text.includes('ShopStack'),
    )!;
    expect(ssh.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/lib\/shop-stack\.ts$/);
    expect(ssh.locations[0]!.physicalLocation.region).toEqual({ startLine: 14 });
  });
});

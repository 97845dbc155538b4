/**
 * `vouch drift` end to end: a CDK-shaped stack deployed into moto, then
 * changed outside the pipeline through the APIs (SSH opened to the world on
 * its security group, SSE turned off on one queue, turned on by hand on a
 * queue the code leaves unencrypted), plus a bucket made by hand. The real
 * `vouch scan aws` writes the live evidence; `vouch drift --cdk-out` checks
 * the same template and must name every drift class and the shadow bucket.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client, CreateBucketCommand } from '@aws-sdk/client-s3';
import { SQSClient, SetQueueAttributesCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { EC2Client, AuthorizeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { CloudFormationClient, DescribeStackResourceCommand } from '@aws-sdk/client-cloudformation';
import { startMoto, type Moto } from '../aws/moto.js';
import { runVouch, type CliRun } from '../helpers/in-process.js';
import type { DriftReport } from '../../src/findings/drift/compare.js';
import type { EvidenceDocument } from '../../src/findings/evidence.js';
import { SEED, cdkTemplate, deploy, queue, securityGroup } from './stacks.js';

let moto: Moto;
let dir: string;
let scan: CliRun;
let drift: CliRun;
let report: DriftReport;
let live: EvidenceDocument;
const ENV = { AWS_ACCESS_KEY_ID: 'AKIAVOUCHDRIFTE2E001', AWS_SECRET_ACCESS_KEY: 'drift-e2e-secret', AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined, AWS_REGION: 'us-east-1', CI: 'true' };

const TEMPLATE = cdkTemplate('ShopStack', {
  WebSg1A2B3C4D: securityGroup('Web/SecurityGroup/Resource', 'shop web'),
  OrdersQueueAABBCCDD: queue('shop-orders', 'Orders/Resource'),
  AuditQueue11223344: { Type: 'AWS::SQS::Queue', path: 'Audit/Resource', Properties: { QueueName: 'shop-audit', SqsManagedSseEnabled: false } },
});

beforeAll(async () => {
  moto = await startMoto();
  dir = mkdtempSync(join(tmpdir(), 'vouch-drift-e2e-'));
  await deploy(moto.url, 'ShopStack', TEMPLATE);
  // The code the stack was deployed from, as `cdk synth` would leave it (stack = file stem).
  mkdirSync(join(dir, 'code'));
  writeFileSync(join(dir, 'code', 'ShopStack.template.json'), TEMPLATE);

  const cfn = new CloudFormationClient({ ...SEED, endpoint: moto.url });
  const sgId = (await cfn.send(new DescribeStackResourceCommand({ StackName: 'ShopStack', LogicalResourceId: 'WebSg1A2B3C4D' }))).StackResourceDetail!.PhysicalResourceId!;
  await new EC2Client({ ...SEED, endpoint: moto.url }).send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sgId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
  const sqs = new SQSClient({ ...SEED, endpoint: moto.url });
  const url = async (n: string) => (await sqs.send(new GetQueueUrlCommand({ QueueName: n }))).QueueUrl!;
  await sqs.send(new SetQueueAttributesCommand({ QueueUrl: await url('shop-orders'), Attributes: { SqsManagedSseEnabled: 'false' } }));
  await sqs.send(new SetQueueAttributesCommand({ QueueUrl: await url('shop-audit'), Attributes: { SqsManagedSseEnabled: 'true' } }));
  await new S3Client({ ...SEED, endpoint: moto.url, forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: 'console-made-bucket' }));

  scan = await runVouch(['scan', 'aws', '--regions', 'us-east-1', '--services', 'cloudformation,s3,ec2,sqs', '--out', join(dir, 'live'), '--format', 'json,md', '--quiet'], { ...ENV, AWS_ENDPOINT_URL: moto.url });
  live = JSON.parse(readFileSync(join(dir, 'live', 'evidence.json'), 'utf8'));
  drift = await runVouch(['drift', join(dir, 'live', 'evidence.json'), '--cdk-out', join(dir, 'code'), '--out', join(dir, 'drift'), '--fail-on-drift']);
  report = JSON.parse(readFileSync(join(dir, 'drift', 'drift.json'), 'utf8'));
}, 180_000);

afterAll(async () => {
  await moto?.stop();
});

const drifted = (kind: string) => report.verdicts.filter((v) => v.kind === kind).map((v) => `${v.ruleId} ${v.code.constructPath}`);

describe('vouch drift --cdk-out against a stack changed outside the pipeline (moto)', () => {
  it('live findings carry their owner in the evidence the scan wrote', () => {
    const sg = live.findings.find((f) => f.resource.type === 'aws.ec2.security-group' && f.resource.owner?.stackName === 'ShopStack');
    expect(sg?.resource.owner).toMatchObject({ status: 'stack', logicalId: 'WebSg1A2B3C4D', constructPath: 'ShopStack/Web/SecurityGroup/Resource' });
    expect(readFileSync(join(dir, 'live', 'summary.md'), 'utf8')).toContain('stack ShopStack');
  });

  it('passes in code, fails live: SSH opened and encryption turned off outside the pipeline', () => {
    expect(drifted('passes-in-code-fails-live')).toEqual(expect.arrayContaining(['bastion-only/aws-security-group ShopStack/Web/SecurityGroup/Resource', 'enc-rest/aws-sqs-queue ShopStack/Orders/Resource']));
    expect(report.byControl['bastion-only']?.passesInCodeFailsLive).toBeGreaterThanOrEqual(1);
  });

  it('fails in code, passes live: fixed by hand, the code still wrong', () => {
    expect(drifted('fails-in-code-passes-live')).toEqual(['enc-rest/aws-sqs-queue ShopStack/Audit/Resource']);
  });

  it('lists shadow resources per type: the hand-made bucket and the default VPC security group', () => {
    expect(report.shadow.resources.map((r) => r.id)).toContain('arn:aws:s3:::console-made-bucket');
    expect(report.shadow.byType['aws.s3.bucket']).toBe(1);
    expect(report.shadow.byType['aws.ec2.security-group']).toBeGreaterThanOrEqual(1);
    expect(report.shadow.resources.some((r) => r.id.includes('shop-'))).toBe(false);
  });

  it('--fail-on-drift exits 1 and prints the drift summary', () => {
    expect(drift.code, drift.stderr).toBe(1);
    expect(drift.stdout).toMatch(/passes in code, fails live \(changed outside the pipeline\): \*\*[1-9]/);
    expect(drift.stdout).toMatch(/`bastion-only`: holds in code, broken live on 1 resource verdict/);
  });
});

/**
 * The read allow-list is what the providers declare: reads that return
 * secrets or customer data are refused before anything is sent, although
 * their names read like reads, and a client only sends its own service's calls.
 */
import { describe, it, expect, afterAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand, ScanCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { CloudWatchLogsClient, GetLogEventsCommand, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { APIGatewayClient, GetApiKeysCommand } from '@aws-sdk/client-api-gateway';
import { EC2Client, DescribeInstanceAttributeCommand, GetLaunchTemplateDataCommand, DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { SQSClient, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { KinesisClient, GetRecordsCommand } from '@aws-sdk/client-kinesis';
import { KMSClient } from '@aws-sdk/client-kms';
import { ClientFactory } from '../../src/sources/providers/aws/collectors/clients.js';
import { isReadOperation, allowedOperations, WriteRefused } from '../../src/sources/providers/aws/collectors/guard.js';
import { readCalls, aws } from '../../src/sources/providers/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const seen: string[] = [];
const server = http.createServer((req, res) => {
  seen.push(`${req.method} ${req.url}`);
  res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
  res.end('{"TableNames":[]}');
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const factory = new ClientFactory({ endpoints: { default: url }, concurrency: 2, maxAttempts: 1, requestTimeoutMs: 5000, credentials: { accessKeyId: 'AKIAREADONLYTEST0002', secretAccessKey: 'x' } });

describe('read allow-list from the provider declarations', () => {
  it('refuses reads of secrets and customer data before anything is sent', async () => {
    const attempts = [
      factory.get('dynamodb', 'us-east-1', DynamoDBClient).send(new GetItemCommand({ TableName: 't', Key: { id: { S: '1' } } })),
      factory.get('dynamodb', 'us-east-1', DynamoDBClient).send(new ScanCommand({ TableName: 't' })),
      factory.get('logs', 'us-east-1', CloudWatchLogsClient).send(new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's' })),
      factory.get('logs', 'us-east-1', CloudWatchLogsClient).send(new FilterLogEventsCommand({ logGroupName: 'g' })),
      factory.get('apigateway', 'us-east-1', APIGatewayClient).send(new GetApiKeysCommand({ includeValues: true })),
      factory.get('ec2', 'us-east-1', EC2Client).send(new DescribeInstanceAttributeCommand({ InstanceId: 'i-1', Attribute: 'userData' })),
      factory.get('ec2', 'us-east-1', EC2Client).send(new GetLaunchTemplateDataCommand({ InstanceId: 'i-1' })),
      factory.get('s3', 'us-east-1', S3Client).send(new GetObjectCommand({ Bucket: 'b', Key: 'k' })),
      factory.get('sqs', 'us-east-1', SQSClient).send(new ReceiveMessageCommand({ QueueUrl: `${url}/123456789012/q` })),
      factory.get('kinesis', 'us-east-1', KinesisClient).send(new GetRecordsCommand({ ShardIterator: 'x' })),
    ];
    const results = await Promise.allSettled(attempts);
    expect(results.map((r) => r.status)).toEqual(attempts.map(() => 'rejected'));
    for (const r of results) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(WriteRefused);
    expect(seen).toEqual([]);
    // A declared read goes through.
    await factory.get('dynamodb', 'us-east-1', DynamoDBClient).send(new ListTablesCommand({}));
    expect(seen).toHaveLength(1);
  });

  it('a client sends only its own service’s declared calls', async () => {
    // DescribeInstances is declared, but for EC2: sent through a KMS client it is refused.
    const kms = factory.get('kms', 'us-east-1', KMSClient) as unknown as { send: (c: unknown) => Promise<unknown> };
    await expect(kms.send(new DescribeInstancesCommand({}))).rejects.toBeInstanceOf(WriteRefused);
    expect(allowedOperations('kms')).toEqual(new Set(['ListKeys', 'DescribeKey', 'GetKeyRotationStatus']));
    expect(allowedOperations('ec2')?.has('DescribeRegions')).toBe(true);
  });

  it('classifies by declaration: every declared call is allowed, nothing else', () => {
    for (const r of readCalls(aws)) expect(isReadOperation(r.op.slice(r.op.indexOf(':') + 1)), r.op).toBe(true);
    for (const op of ['GetItem', 'BatchGetItem', 'Query', 'GetLogEvents', 'GetApiKeys', 'GetDataAccess', 'GetWebIdentityToken', 'DescribeInstanceAttribute', 'GetObject', 'LookupEvents', 'HeadBucket', 'DescribeDBLogFiles', 'GetTemplateSummary'])
      expect(isReadOperation(op), op).toBe(false);
  });
});

describe('Spaces client', () => {
  it('refuses GetObject (and any call but the bucket-setting reads) before it is sent', async () => {
    const s3 = await import('@aws-sdk/client-s3');
    const { BoundedHttpHandler } = await import('../../src/sources/providers/common/aws-http.js');
    const { spacesClient } = await import('../../src/sources/providers/digitalocean/collectors/spaces.js');
    const c = spacesClient(s3, BoundedHttpHandler, { url, accessKeyId: 'DO00SPACESREADONLY', secretAccessKey: 'x', pathStyle: true, timeoutMs: 5000 });
    const before = seen.length;
    await expect(c.send(new s3.GetObjectCommand({ Bucket: 'assets', Key: 'customer.csv' }))).rejects.toThrow(/read-only: refusing GetObjectCommand/);
    await expect(c.send(new s3.ListObjectsV2Command({ Bucket: 'assets' }))).rejects.toThrow(/read-only/);
    expect(seen.length).toBe(before);
    c.destroy();
  });
});

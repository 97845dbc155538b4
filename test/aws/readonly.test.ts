/**
 * Read-only by construction: every client vouch builds refuses a write before
 * anything is sent, and every operation the collectors name is a read.
 */
import { describe, it, expect, afterAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { S3Client, DeleteBucketCommand, PutObjectCommand, ListBucketsCommand } from '@aws-sdk/client-s3';
import { IAMClient, CreateAccessKeyCommand } from '@aws-sdk/client-iam';
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { SSMClient, GetParameterCommand } from '@aws-sdk/client-ssm';
import { LambdaClient, UpdateFunctionConfigurationCommand, GetFunctionCommand } from '@aws-sdk/client-lambda';
import { ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { ClientFactory } from '../../src/sources/providers/aws/collectors/clients.js';
import { isReadOperation, WriteRefused } from '../../src/sources/providers/aws/collectors/guard.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const seen: string[] = [];
const server = http.createServer((req, res) => {
  seen.push(`${req.method} ${req.url}`);
  res.writeHead(200, { 'content-type': 'application/xml' });
  res.end('<?xml version="1.0" encoding="UTF-8"?><ListAllMyBucketsResult><Owner><ID>x</ID></Owner><Buckets></Buckets></ListAllMyBucketsResult>');
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const factory = new ClientFactory({ endpoints: { default: url }, concurrency: 2, maxAttempts: 1, requestTimeoutMs: 5000, credentials: { accessKeyId: 'AKIAREADONLYTEST0001', secretAccessKey: 'x' } });

describe('read-only guard', () => {
  it('refuses writes and secret reads before they reach the server; reads go through', async () => {
    const s3 = factory.get('s3', 'us-east-1', S3Client);
    const refused = [
      s3.send(new DeleteBucketCommand({ Bucket: 'victim' })),
      s3.send(new PutObjectCommand({ Bucket: 'victim', Key: 'k', Body: 'data' })),
      factory.get('iam', 'us-east-1', IAMClient).send(new CreateAccessKeyCommand({ UserName: 'u' })),
      factory.get('secretsmanager', 'us-east-1', SecretsManagerClient).send(new GetSecretValueCommand({ SecretId: 's' })),
      factory.get('ssm', 'us-east-1', SSMClient).send(new GetParameterCommand({ Name: '/p', WithDecryption: true })),
      factory.get('lambda', 'us-east-1', LambdaClient).send(new UpdateFunctionConfigurationCommand({ FunctionName: 'f', Environment: { Variables: {} } })),
      // GetFunction answers with a presigned URL to the function's code: not something vouch reads.
      factory.get('lambda', 'us-east-1', LambdaClient).send(new GetFunctionCommand({ FunctionName: 'f' })),
      factory.get('ecs', 'us-east-1', ECSClient).send(new RegisterTaskDefinitionCommand({ family: 'f', containerDefinitions: [] })),
    ];
    const results = await Promise.allSettled(refused);
    expect(results.map((r) => r.status)).toEqual(refused.map(() => 'rejected'));
    for (const r of results) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(WriteRefused);
    expect((results[0] as PromiseRejectedResult).reason.message).toMatch(/read-only: refused to call DeleteBucket/);
    expect(seen).toEqual([]);
    await s3.send(new ListBucketsCommand({}));
    expect(seen).toHaveLength(1);
  });

  it('classifies operations: reads pass, writes and value reads do not', () => {
    for (const op of ['ListBuckets', 'GetBucketPolicy', 'DescribeSecurityGroups', 'GenerateCredentialReport', 'GetAccountAuthorizationDetails', 'AssumeRole', 'ListFunctions', 'ListTaskDefinitions', 'DescribeTaskDefinition'])
      expect(isReadOperation(op), op).toBe(true);
    for (const op of ['DeleteBucket', 'PutObject', 'CreateUser', 'GetSecretValue', 'GetParameter', 'GetParametersByPath', 'GetObject', 'Decrypt', 'GetFunction', 'GetLayerVersion', 'RegisterTaskDefinition', 'UpdateFunctionConfiguration', 'Listen', 'Getaway', 'UpdateListener', ''])
      expect(isReadOperation(op), op).toBe(false);
  });

  it('every operation the collectors use is on the allow-list', () => {
    const dir = join(import.meta.dirname, '../../src/sources/providers/aws/collectors');
    const ops = new Set<string>();
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(dir, f), 'utf8');
      for (const m of text.matchAll(/new (\w+)Command\(/g)) ops.add(m[1]!);
      for (const m of text.matchAll(/paginate(\w+)\(/g)) ops.add(m[1]!);
    }
    expect(ops.size).toBeGreaterThan(30);
    expect([...ops].filter((op) => !isReadOperation(op))).toEqual([]);
  });
});

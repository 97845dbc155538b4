/**
 * Templates none of us wrote: realistic stacks synthesized from aws-cdk-lib's
 * own L2 constructs with their defaults, loaded like `vouch check cdk.out`,
 * and the verdicts of the enc-rest / tls-min / https-redirect / public-access /
 * secrets-encrypted / cache-no-backup rules compared with what we can defend.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import { CfnParameter, Tags } from 'aws-cdk-lib';
import { loadIac } from '../src/sources/iac/load.js';
import { loadRules } from '../src/evaluate/registry.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS, mergeParameters } from '../src/evaluate/claims-profile.js';
import { CONTROL_IDS } from '../src/evaluate/controls.js';
import type { Finding } from '../src/findings/evidence.js';
import type { Inventory } from '../src/model/inventory.js';

const env = { account: '111122223333', region: 'eu-west-1' };
const CERT = 'arn:aws:acm:us-east-1:111122223333:certificate/11111111-2222-3333-4444-555555555555';
const REGIONAL_CERT = 'arn:aws:acm:eu-west-1:111122223333:certificate/11111111-2222-3333-4444-555555555555';

let outdir: string;
let inventory: Inventory;
let findings: Finding[];
let findings13: Finding[];

function synth(): void {
  // Path metadata on, as `cdk synth` does, so findings name construct paths; CDK's own
  // template validation off (it does not change templates and costs seconds).
  const app = new App({ outdir, context: { 'aws:cdk:enable-path-metadata': true, '@aws-cdk/core:validateAgainstDefaultRules': false } });

  const storage = new Stack(app, 'Storage', { env });
  new s3.Bucket(storage, 'DefaultBucket');
  new s3.Bucket(storage, 'HardenedBucket', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.S3_MANAGED });
  new s3.Bucket(storage, 'Tls13Bucket', { enforceSSL: true, minimumTLSVersion: 1.3 });
  new sqs.Queue(storage, 'DefaultQueue');
  new sns.Topic(storage, 'DefaultTopic');
  new dynamodb.Table(storage, 'DefaultTable', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
  new kinesis.Stream(storage, 'DefaultStream');
  new kms.Key(storage, 'DefaultKey');
  new secretsmanager.Secret(storage, 'DefaultSecret');
  new ssm.StringParameter(storage, 'LogLevelParam', { parameterName: '/app/log-level', stringValue: 'info' });

  const web = new Stack(app, 'Web', { env });
  const vpc = new ec2.Vpc(web, 'Vpc', { maxAzs: 2 });
  const dbSecret = new secretsmanager.Secret(web, 'DbSecret');
  const service = new ecsPatterns.ApplicationLoadBalancedFargateService(web, 'Service', {
    vpc,
    certificate: acm.Certificate.fromCertificateArn(web, 'Cert', REGIONAL_CERT),
    redirectHTTP: true,
    taskImageOptions: {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:latest'),
      environment: { LOG_LEVEL: 'info', DB_SECRET_ARN: dbSecret.secretArn },
      secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(dbSecret, 'password') },
    },
  });
  void service;
  new rds.DatabaseInstance(web, 'Postgres', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16_3 }),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
  });
  new rds.DatabaseInstance(web, 'Mysql', {
    engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0_36 }),
    vpc,
    storageEncrypted: true,
    parameters: { require_secure_transport: 'ON' },
  });
  new efs.FileSystem(web, 'Files', { vpc });
  new lambda.Function(web, 'Fn', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => 1'),
    environment: { DB_SECRET_ARN: dbSecret.secretArn, TABLE_NAME: 'users', DB_PASSWORD: dbSecret.secretValueFromJson('password').unsafeUnwrap() },
  });
  new ec2.BastionHostLinux(web, 'Bastion', { vpc });

  const cdn = new Stack(app, 'Cdn', { env });
  const site = new s3.Bucket(cdn, 'SiteBucket', { enforceSSL: true });
  new cloudfront.Distribution(cdn, 'DefaultDist', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(site) } });
  new cloudfront.Distribution(cdn, 'HardenedDist', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(site), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS },
    additionalBehaviors: { '/api/*': { origin: new origins.HttpOrigin('api.example.com'), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY } },
    domainNames: ['www.example.com'],
    certificate: acm.Certificate.fromCertificateArn(cdn, 'CdnCert', CERT),
  });
  const api = new Stack(app, 'Api', { env });
  const defaultApi = new apigateway.RestApi(api, 'DefaultApi');
  defaultApi.root.addMethod('GET', new apigateway.MockIntegration());
  const domainApi = new apigateway.RestApi(api, 'DomainApi', {
    disableExecuteApiEndpoint: true,
    endpointConfiguration: { types: [apigateway.EndpointType.REGIONAL] },
    domainName: { domainName: 'api.example.com', certificate: acm.Certificate.fromCertificateArn(api, 'ApiCert', REGIONAL_CERT), securityPolicy: apigateway.SecurityPolicy.TLS_1_2 },
  });
  domainApi.root.addMethod('GET', new apigateway.MockIntegration());
  new CfnParameter(api, 'DbPassword', { type: 'String', noEcho: true });
  new CfnParameter(api, 'GithubToken', { type: 'String' });
  const sessions = new elasticache.CfnReplicationGroup(api, 'Sessions', {
    replicationGroupDescription: 'sessions',
    engine: 'valkey',
    cacheNodeType: 'cache.t4g.small',
    atRestEncryptionEnabled: true,
    transitEncryptionEnabled: true,
    transitEncryptionMode: 'required',
  });
  void sessions;
  const tagged = new elasticache.CfnReplicationGroup(api, 'TaggedCache', {
    replicationGroupDescription: 'tagged',
    engine: 'valkey',
    cacheNodeType: 'cache.t4g.small',
    atRestEncryptionEnabled: true,
    transitEncryptionEnabled: true,
  });
  Tags.of(tagged).add('backup', 'daily');
  new elasticache.CfnServerlessCache(api, 'Serverless', { engine: 'valkey', serverlessCacheName: 'tokens', snapshotRetentionLimit: 1 });
  const plan = backup.BackupPlan.daily35DayRetention(api, 'Plan');
  plan.addSelection('Tagged', { resources: [backup.BackupResource.fromTag('backup', 'daily')] });
  app.synth();
}

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'vouch-realistic-a-'));
  synth();
  inventory = loadIac([outdir], { cwd: outdir });
  const rules = await loadRules();
  findings = evaluate(inventory, rules, { controls: CONTROL_IDS, ctx: { params: DEFAULT_PARAMETERS, inventory } });
  const p13 = mergeParameters(DEFAULT_PARAMETERS, { tlsMin: '1.3' }, false);
  findings13 = evaluate(inventory, rules, { controls: ['tls-min'], ctx: { params: p13, inventory } });
});

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

/** Statuses of `rule` on resources whose construct path contains `path` (e.g. `Storage/DefaultBucket/`). */
function statuses(rule: string, path: string, from = findings): string[] {
  return from.filter((f) => f.ruleId === rule && (f.resource.constructPath ?? f.resource.id).includes(path)).map((f) => f.status);
}

function one(rule: string, path: string, from = findings): Finding {
  const got = from.filter((f) => f.ruleId === rule && (f.resource.constructPath ?? '').includes(path));
  expect(got.map((f) => `${f.resource.constructPath}: ${f.status} ${f.message}`), `${rule} on ${path}`).toHaveLength(1);
  return got[0]!;
}

describe('realistic CDK stacks (aws-cdk-lib L2 defaults)', () => {
  it('loads every stack of the assembly with construct paths', () => {
    expect(inventory.ofType('aws.cloudformation.stack').map((s) => s.name).sort()).toEqual(['Api', 'Cdn', 'Storage', 'Web']);
    expect(inventory.ofType('aws.s3.bucket').every((b) => b.location.constructPath?.includes('/'))).toBe(true);
  });

  it('s3.Bucket: the default bucket is encrypted (SSE-S3 by default) and private, but does not refuse plain HTTP', () => {
    expect(one('enc-rest/aws-s3-bucket', 'Storage/DefaultBucket/').status).toBe('pass');
    expect(one('public-access/aws-s3-bucket', 'Storage/DefaultBucket/').status).toBe('pass');
    const tls = one('tls-min/aws-s3-bucket', 'Storage/DefaultBucket/');
    expect(tls.status).toBe('fail');
    expect(tls.message).toMatch(/no bucket policy/);
  });

  it('s3.Bucket with enforceSSL and BLOCK_ALL passes tls-min at 1.2 and fails at 1.3; minimumTLSVersion 1.3 passes at 1.3', () => {
    expect(one('tls-min/aws-s3-bucket', 'Storage/HardenedBucket/').status).toBe('pass');
    expect(one('public-access/aws-s3-bucket', 'Storage/HardenedBucket/').status).toBe('pass');
    expect(one('public-access/aws-s3-bucket-policy', 'Storage/HardenedBucket/Policy').status).toBe('pass');
    expect(one('tls-min/aws-s3-bucket', 'Storage/HardenedBucket/', findings13).status).toBe('fail');
    expect(one('tls-min/aws-s3-bucket', 'Storage/Tls13Bucket/', findings13).status).toBe('pass');
  });

  it('the CloudFront origin-access-control bucket policy is not public', () => {
    expect(one('public-access/aws-s3-bucket-policy', 'Cdn/SiteBucket/Policy').status).toBe('pass');
  });

  it('cloudfront.Distribution defaults: default certificate (TLSv1) and allow-all both fail', () => {
    const tls = one('tls-min/aws-cloudfront-distribution', 'Cdn/DefaultDist/');
    expect(tls.status).toBe('fail');
    expect(tls.message).toMatch(/default \*\.cloudfront\.net certificate/);
    expect(one('https-redirect/aws-cloudfront-distribution', 'Cdn/DefaultDist/').status).toBe('fail');
  });

  it('cloudfront.Distribution with a certificate and redirect/https-only behaviors passes at 1.2, fails at 1.3 (TLSv1.2_2021)', () => {
    expect(one('tls-min/aws-cloudfront-distribution', 'Cdn/HardenedDist/').status).toBe('pass');
    expect(one('https-redirect/aws-cloudfront-distribution', 'Cdn/HardenedDist/').status).toBe('pass');
    expect(one('tls-min/aws-cloudfront-distribution', 'Cdn/HardenedDist/', findings13).status).toBe('fail');
  });

  it('ApplicationLoadBalancedFargateService with redirectHTTP: redirect passes; the listener keeps the CFN default policy (TLS 1.0)', () => {
    expect(one('https-redirect/aws-elbv2-listener', 'Web/Service/LB/PublicRedirectListener/').status).toBe('pass');
    const tls = one('tls-min/aws-elbv2-listener', 'Web/Service/LB/PublicListener/');
    expect(tls.status).toBe('fail');
    expect(tls.message).toMatch(/ELBSecurityPolicy-2016-08/);
    // Secrets passed with ecs.Secret land in Secrets, not Environment.
    expect(one('secrets-encrypted/aws-ecs-task-definition', 'Web/Service/TaskDef/').status).toBe('pass');
  });

  it('rds.DatabaseInstance: PostgreSQL 16 forces TLS by default; a MySQL parameter group with require_secure_transport passes', () => {
    const pg = one('tls-min/aws-rds-db-instance', 'Web/Postgres/');
    expect(pg.status).toBe('pass');
    expect(JSON.stringify(pg.evidence)).toMatch(/engine default for postgres 16\.3 is on/);
    expect(one('tls-min/aws-rds-db-instance', 'Web/Mysql/').status).toBe('pass');
    // Private subnets selected: CDK writes PubliclyAccessible false.
    expect(one('public-access/aws-rds-db-instance', 'Web/Postgres/').status).toBe('pass');
    // No vpcSubnets: CDK omits PubliclyAccessible and the VPC has an internet gateway, so RDS makes it public.
    expect(one('public-access/aws-rds-db-instance', 'Web/Mysql/').status).toBe('fail');
  });

  it('managed stores with defaults: DynamoDB, SQS, Kinesis, EFS, KMS pass enc-rest; SNS has no default encryption', () => {
    for (const [rule, path] of [
      ['enc-rest/aws-dynamodb-table', 'Storage/DefaultTable/'],
      ['enc-rest/aws-sqs-queue', 'Storage/DefaultQueue/'],
      ['enc-rest/aws-kinesis-stream', 'Storage/DefaultStream/'],
      ['enc-rest/aws-efs-file-system', 'Web/Files/'],
      ['enc-rest/aws-kms-key', 'Storage/DefaultKey/'],
    ] as const)
      expect(`${rule} ${one(rule, path).status}`).toBe(`${rule} pass`);
    expect(one('enc-rest/aws-sns-topic', 'Storage/DefaultTopic/').status).toBe('fail');
  });

  it('BastionHostLinux maps no block devices: its root volume is not encrypted by the template', () => {
    const f = one('enc-rest/aws-ec2-instance', 'Web/Bastion/');
    expect(f.status).toBe('fail');
    expect(f.message).toMatch(/AMI/);
  });

  it('secrets: generated secrets pass; a secretsmanager dynamic reference in a Lambda env (unsafeUnwrap) fails, the resolved value being kept in plain text; plain SSM log level is not a secret', () => {
    for (const p of ['Storage/DefaultSecret/', 'Web/DbSecret/']) expect(one('secrets-encrypted/aws-secretsmanager-secret', p).status).toBe('pass');
    const fn = one('secrets-encrypted/aws-lambda-function', 'Web/Fn/');
    expect(fn.status).toBe('fail');
    expect(fn.message).toMatch(/^DB_PASSWORD is a \{\{resolve:secretsmanager:\.\.\.\}\} dynamic reference/);
    expect(one('secrets-encrypted/aws-ssm-parameter', 'Storage/LogLevelParam/').status).toBe('not-applicable');
  });

  it('apigateway.RestApi: the default execute-api endpoint is TLS_1_0 (fail); a disabled endpoint behind a TLS_1_2 domain is not-applicable, the domain passes', () => {
    const f = one('tls-min/aws-apigateway-rest-api', 'Api/DefaultApi/');
    expect(f.status).toBe('fail');
    expect(JSON.stringify(f.evidence)).toMatch(/edge-optimized REST APIs default to TLS_1_0/);
    expect(one('tls-min/aws-apigateway-rest-api', 'Api/DomainApi/').status).toBe('not-applicable');
    expect(one('tls-min/aws-apigateway-domain-name', 'Api/DomainApi/CustomDomain/').status).toBe('pass');
  });

  it('CfnParameter: a NoEcho password passes, a plain token parameter fails', () => {
    const stack = findings.filter((f) => f.ruleId === 'secrets-encrypted/aws-cloudformation-stack' && f.resource.id === 'Api/(stack)');
    expect(Object.fromEntries(stack.map((f) => [f.subId, f.status]))).toEqual({ DbPassword: 'pass', GithubToken: 'fail' });
  });

  it('caches: an encrypted untagged replication group passes; one tagged into a backup plan and a serverless cache with snapshots fail', () => {
    expect(one('cache-no-backup/aws-elasticache-replication-group', 'Api/Sessions').status).toBe('pass');
    const tagged = one('cache-no-backup/aws-elasticache-replication-group', 'Api/TaggedCache');
    expect(tagged.status).toBe('fail');
    expect(tagged.message).toMatch(/backup-plan: selected by AWS Backup selection/);
    expect(one('cache-no-backup/aws-elasticache-serverless-cache', 'Api/Serverless').status).toBe('fail');
  });

  it('no rule of this set answers unknown or errors on these stacks at the 1.2 floor', () => {
    const mine = /^(enc-rest|tls-min|https-redirect|public-access|secrets-encrypted|cache-no-backup)\//;
    const bad = findings.filter((f) => mine.test(f.ruleId) && (f.status === 'unknown' || /rule error/.test(f.message)));
    expect(bad.map((f) => `${f.ruleId} ${f.resource.constructPath}: ${f.message}`)).toEqual([]);
  });

  it('at a 1.3 floor, databases that force TLS without a minimum-version parameter are unknown, not pass', () => {
    for (const p of ['Web/Postgres/', 'Web/Mysql/']) {
      const f = one('tls-min/aws-rds-db-instance', p, findings13);
      expect(f.status).toBe('unknown');
      expect(f.message).toMatch(/ssl_min_protocol_version|tls_version/);
    }
  });
});

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
import { App, Stack, Duration, RemovalPolicy, SecretValue } from 'aws-cdk-lib';
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
import { loadIac } from '../src/iac/load.js';
import { loadRules } from '../src/engine/registry.js';
import { evaluate } from '../src/engine/evaluate.js';
import { DEFAULT_PARAMETERS, mergeParameters } from '../src/engine/claims.js';
import { CONTROL_IDS } from '../src/engine/controls.js';
import type { Finding } from '../src/engine/evidence.js';
import type { Inventory } from '../src/iac/../engine/inventory.js';

const env = { account: '111122223333', region: 'eu-west-1' };
const CERT = 'arn:aws:acm:us-east-1:111122223333:certificate/11111111-2222-3333-4444-555555555555';
const REGIONAL_CERT = 'arn:aws:acm:eu-west-1:111122223333:certificate/11111111-2222-3333-4444-555555555555';

let outdir: string;
let inventory: Inventory;
let findings: Finding[];
let findings13: Finding[];

function synth(): void {
  const app = new App({ outdir });

  const storage = new Stack(app, 'Storage', { env });
  new s3.Bucket(storage, 'DefaultBucket');
  new s3.Bucket(storage, 'HardenedBucket', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.S3_MANAGED });
  new s3.Bucket(storage, 'Tls13Bucket', { enforceSSL: true, minimumTLSVersion: 1.3, removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
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
  void Duration;
  void SecretValue;
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

describe('realistic CDK stacks', () => {
  it('dumps', () => {
    for (const f of findings) console.log(`${f.ruleId} ${f.resource.constructPath ?? f.resource.id} ${f.status}${f.subId ? '[' + f.subId + ']' : ''}: ${f.message}`);
  });
});

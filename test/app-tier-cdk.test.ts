/**
 * The application tier as aws-cdk-lib synthesizes it: state machines, AppSync
 * and API Gateway APIs, CloudFront origins, network load balancers and RDS
 * engines, each with the construct's defaults and with the option that fixes
 * it. The templates are what the CDK writes, not hand-made fixtures, so the
 * verdicts show the app-tier rules read real construct output.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { loadIac } from '../src/sources/iac/load.js';
import { loadRules } from '../src/evaluate/registry.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS, mergeParameters } from '../src/evaluate/claims-profile.js';
import type { Finding } from '../src/findings/evidence.js';

let dir: string;
let findings: Finding[];
let validation: string | undefined;

function synth(): void {
  const app = new App({ outdir: dir, context: { 'aws:cdk:enable-path-metadata': true } });
  const stack = new Stack(app, 'AppTier', { env: { account: '111122223333', region: 'eu-west-1' } });
  const logGroup = new logs.LogGroup(stack, 'Logs');

  const definitionBody = sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Step'));
  new sfn.StateMachine(stack, 'FlowDefault', { definitionBody });
  new sfn.StateMachine(stack, 'FlowExpress', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Step2')), stateMachineType: sfn.StateMachineType.EXPRESS });
  new sfn.StateMachine(stack, 'FlowLogged', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Step3')), logs: { destination: logGroup, level: sfn.LogLevel.ERROR } });

  const schema = join(dir, 'schema.graphql');
  writeFileSync(schema, 'type Query { ping: String }\n');
  new appsync.GraphqlApi(stack, 'GqlDefault', { name: 'plain', definition: appsync.Definition.fromFile(schema) });
  new appsync.GraphqlApi(stack, 'GqlLogged', { name: 'logged', definition: appsync.Definition.fromFile(schema), logConfig: { fieldLogLevel: appsync.FieldLogLevel.ERROR } });

  const rest = new apigateway.RestApi(stack, 'RestLogged', {
    deployOptions: { accessLogDestination: new apigateway.LogGroupLogDestination(logGroup), accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields() },
  });
  rest.root.addMethod('GET', new apigateway.MockIntegration());
  const plainRest = new apigateway.RestApi(stack, 'RestDefault');
  plainRest.root.addMethod('GET', new apigateway.MockIntegration());
  new apigwv2.HttpApi(stack, 'HttpDefault');

  const bucket = new s3.Bucket(stack, 'Site');
  new cloudfront.Distribution(stack, 'CdnSecure', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(bucket), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS },
    additionalBehaviors: { '/api/*': { origin: new origins.HttpOrigin('api.example.com'), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY } },
  });
  // The Distribution's default viewer protocol policy is allow-all: S3 is then fetched over HTTP too.
  new cloudfront.Distribution(stack, 'CdnAllowAll', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(bucket) } });
  const website = new s3.Bucket(stack, 'Website', { websiteIndexDocument: 'index.html' });
  new cloudfront.Distribution(stack, 'CdnWebsite', {
    defaultBehavior: { origin: new origins.S3StaticWebsiteOrigin(website), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS },
  });

  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
  const tg = new elbv2.NetworkTargetGroup(stack, 'Tg', { vpc, port: 5432, protocol: elbv2.Protocol.TCP });
  const nlbTls = new elbv2.NetworkLoadBalancer(stack, 'NlbTls', { vpc });
  nlbTls.addListener('Tls', { port: 443, protocol: elbv2.Protocol.TLS, certificates: [elbv2.ListenerCertificate.fromArn('arn:aws:acm:eu-west-1:111122223333:certificate/abc')], defaultTargetGroups: [tg] });
  const nlbTcp = new elbv2.NetworkLoadBalancer(stack, 'NlbTcp', { vpc });
  nlbTcp.addListener('Tcp', { port: 5432, defaultTargetGroups: [new elbv2.NetworkTargetGroup(stack, 'Tg2', { vpc, port: 5432, protocol: elbv2.Protocol.TCP })] });

  new rds.DatabaseInstance(stack, 'Mysql80', { engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0_39 }), vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
  app.synth();
}

beforeAll(async () => {
  validation = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = 'false';
  dir = mkdtempSync(join(tmpdir(), 'vouch-app-tier-'));
  synth();
  const inventory = loadIac([dir]);
  const rules = await loadRules();
  findings = evaluate(inventory, rules, { controls: ['audit-logging', 'tls-min'], ctx: { params: mergeParameters(DEFAULT_PARAMETERS, {}, false), inventory } });
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  if (validation === undefined) delete process.env.CDK_VALIDATION;
  else process.env.CDK_VALIDATION = validation;
});

/** The statuses of one rule on resources whose construct path starts with `AppTier/<path>/`. */
function statusAt(ruleId: string, path: string): string[] {
  const fs = findings.filter((f) => f.ruleId === ruleId && (f.resource.constructPath ?? '').startsWith(`AppTier/${path}/`));
  return [...new Set(fs.map((f) => f.status))].sort();
}

describe('app-tier rules on aws-cdk-lib output', () => {
  it('Step Functions: a StateMachine logs nothing by default (STANDARD or EXPRESS); with logs it passes', () => {
    expect(statusAt('audit-logging/aws-stepfunctions-state-machine-logging', 'FlowDefault')).toEqual(['fail']);
    expect(statusAt('audit-logging/aws-stepfunctions-state-machine-logging', 'FlowExpress')).toEqual(['fail']);
    expect(statusAt('audit-logging/aws-stepfunctions-state-machine-logging', 'FlowLogged')).toEqual(['pass']);
  });

  it('AppSync: a GraphqlApi without logConfig fails; fieldLogLevel ERROR (CDK adds the logs role) passes', () => {
    expect(statusAt('audit-logging/aws-appsync-graphql-api-logging', 'GqlDefault')).toEqual(['fail']);
    expect(statusAt('audit-logging/aws-appsync-graphql-api-logging', 'GqlLogged')).toEqual(['pass']);
  });

  it('API Gateway: the RestApi deployment stage logs access only with accessLogDestination; the HttpApi $default stage does not', () => {
    expect(statusAt('audit-logging/aws-apigateway-stage-access-logs', 'RestLogged/DeploymentStage.prod')).toEqual(['pass']);
    expect(statusAt('audit-logging/aws-apigateway-stage-access-logs', 'RestDefault/DeploymentStage.prod')).toEqual(['fail']);
    // The Deployment resource CDK writes names no stage: not applicable.
    expect(statusAt('audit-logging/aws-apigateway-stage-access-logs', 'RestDefault/Deployment')).toEqual(['not-applicable']);
    expect(statusAt('audit-logging/aws-apigatewayv2-stage-access-logs', 'HttpDefault/DefaultStage')).toEqual(['fail']);
  });

  it('CloudFront origins: OAC bucket behind HTTPS behaviors and HttpOrigin defaults pass; allow-all S3 and a website origin fail', () => {
    const rule = 'tls-min/aws-cloudfront-distribution-origins';
    expect(statusAt(rule, 'CdnSecure')).toEqual(['pass']);
    expect(statusAt(rule, 'CdnAllowAll')).toEqual(['fail']);
    expect(statusAt(rule, 'CdnWebsite')).toEqual(['fail']);
    const website = findings.find((f) => f.ruleId === rule && (f.resource.constructPath ?? '').startsWith('AppTier/CdnWebsite/'));
    expect(website?.message).toMatch(/http-only/);
  });

  it('network load balancers: one with a TLS listener and no access logs fails; TCP only is not applicable', () => {
    expect(statusAt('audit-logging/aws-elbv2-load-balancer-access-logs', 'NlbTls')).toEqual(['fail']);
    expect(statusAt('audit-logging/aws-elbv2-load-balancer-access-logs', 'NlbTcp')).toEqual(['not-applicable']);
  });

  it('RDS: MySQL 8.0 on its default parameter group allows plaintext', () => {
    expect(statusAt('tls-min/aws-rds-db-instance', 'Mysql80')).toEqual(['fail']);
  });
});

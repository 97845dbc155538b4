/**
 * CDK apps in the shapes people write, built from aws-cdk-lib's L2/L3
 * constructs with their defaults, for the breadth run (test/unseen.test.ts).
 * Nothing here is tuned to vouch's rules: it is what a team would deploy.
 */
import { App, Stack, Stage, NestedStack, Duration, CustomResource, CfnOutput, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as cr from 'aws-cdk-lib/custom-resources';
import * as logs from 'aws-cdk-lib/aws-logs';

const inline = (body = 'exports.handler = async () => ({ statusCode: 200 })') => lambda.Code.fromInline(body);
const fn = (scope: Construct, id: string) =>
  new lambda.Function(scope, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: inline() });

/** A containerised web service behind an ALB (the ecs_patterns L3), in a fixed environment. */
class WebStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Web', {
      cluster,
      taskImageOptions: { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:latest'), environment: { LOG_LEVEL: 'info' } },
      publicLoadBalancer: true,
    });
    const fs = new efs.FileSystem(this, 'Files', { vpc });
    const cacheSg = new ec2.SecurityGroup(this, 'CacheSg', { vpc });
    const subnets = new elasticache.CfnSubnetGroup(this, 'CacheSubnets', {
      description: 'cache',
      subnetIds: vpc.privateSubnets.map((s) => s.subnetId),
    });
    new elasticache.CfnReplicationGroup(this, 'Cache', {
      replicationGroupDescription: 'sessions',
      engine: 'redis',
      cacheNodeType: 'cache.t4g.micro',
      numCacheClusters: 2,
      automaticFailoverEnabled: true,
      cacheSubnetGroupName: subnets.ref,
      securityGroupIds: [cacheSg.securityGroupId],
    });
    new opensearch.Domain(this, 'Search', {
      version: opensearch.EngineVersion.OPENSEARCH_2_11,
      capacity: { dataNodes: 1, dataNodeInstanceType: 't3.small.search', multiAzWithStandbyEnabled: false },
    });
    new CfnOutput(this, 'FsId', { value: fs.fileSystemId, exportName: 'web-fs-id' });
  }
}

/** Serverless API: Lambda + REST and HTTP APIs, queues, topics, tables, streams, a state machine, rules. */
class ApiStack extends Stack {
  readonly table: dynamodb.Table;
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const handler = fn(this, 'Handler');
    new apigw.LambdaRestApi(this, 'Rest', { handler });
    const http = new apigwv2.HttpApi(this, 'Http');
    http.addRoutes({ path: '/items', methods: [apigwv2.HttpMethod.GET], integration: new HttpLambdaIntegration('Items', handler) });
    const dlq = new sqs.Queue(this, 'Dlq');
    const queue = new sqs.Queue(this, 'Jobs', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 }, visibilityTimeout: Duration.minutes(2) });
    const topic = new sns.Topic(this, 'Events');
    topic.addSubscription(new subs.SqsSubscription(queue));
    this.table = new dynamodb.Table(this, 'Items', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, stream: dynamodb.StreamViewType.NEW_IMAGE });
    this.table.grantReadWriteData(handler);
    new kinesis.Stream(this, 'Clicks');
    const work = new sfn.StateMachine(this, 'Flow', {
      definitionBody: sfn.DefinitionBody.fromChainable(
        new tasks.LambdaInvoke(this, 'Invoke', { lambdaFunction: handler }).next(new sfn.Succeed(this, 'Done')),
      ),
      logs: { destination: new logs.LogGroup(this, 'FlowLogs'), level: sfn.LogLevel.ERROR },
    });
    new events.Rule(this, 'Nightly', { schedule: events.Schedule.cron({ hour: '3', minute: '0' }), targets: [new targets.SfnStateMachine(work)] });
    new events.Rule(this, 'OnPut', { eventPattern: { source: ['aws.s3'] }, targets: [new targets.SqsQueue(queue)] });
    const pool = new cognito.UserPool(this, 'Users', { selfSignUpEnabled: true, signInAliases: { email: true } });
    pool.addClient('Web');
  }
}

/** A static site: S3 origin behind CloudFront (OAC), with an asset deployment. */
class SiteStack extends Stack {
  constructor(scope: Construct, id: string, assetDir: string, props?: StackProps) {
    super(scope, id, props);
    const site = new s3.Bucket(this, 'Site');
    const dist = new cloudfront.Distribution(this, 'Cdn', {
      defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(site), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS },
      defaultRootObject: 'index.html',
    });
    new s3deploy.BucketDeployment(this, 'Deploy', { sources: [s3deploy.Source.asset(assetDir)], destinationBucket: site, distribution: dist });
  }
}

/** Custom resources: an AwsCustomResource and the Provider framework, plus a nested stack. */
class OpsStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    new cr.AwsCustomResource(this, 'Lookup', {
      onUpdate: { service: 'SSM', action: 'getParameter', parameters: { Name: '/app/flag' }, physicalResourceId: cr.PhysicalResourceId.of('flag') },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
    });
    const onEvent = fn(this, 'OnEvent');
    const provider = new cr.Provider(this, 'Provider', { onEventHandler: onEvent });
    new CustomResource(this, 'Seed', { serviceToken: provider.serviceToken, properties: { Table: 'items' } });
    const nested = new NestedStack(this, 'Inner');
    new sqs.Queue(nested, 'InnerQueue');
    new s3.Bucket(nested, 'InnerBucket');
  }
}

/** Two stacks in a stage, the second reading the first's table (a cross-stack reference). */
class AppStage extends Stage {
  constructor(scope: Construct, id: string) {
    super(scope, id, { env: { account: '111122223333', region: 'eu-west-1' } });
    const data = new DataStack(this, 'Data');
    const consumer = new Stack(this, 'Consumer');
    const reader = fn(consumer, 'Reader');
    reader.addEnvironment('TABLE', data.table.tableName);
    data.table.grantReadData(reader);
  }
}
class DataStack extends Stack {
  readonly table: dynamodb.Table;
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.table = new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
  }
}

export function synthUnseenApp(outdir: string, assetDir: string): void {
  const app = new App({ outdir, context: { '@aws-cdk/core:validateAgainstDefaultRules': false } });
  const env = { account: '111122223333', region: 'eu-west-1' };
  new WebStack(app, 'Web', { env });
  new ApiStack(app, 'Api'); // env-agnostic
  new SiteStack(app, 'Site', assetDir, { env: { account: '111122223333', region: 'us-east-1' } });
  new OpsStack(app, 'Ops', { env });
  new AppStage(app, 'Prod');
  app.synth();
}

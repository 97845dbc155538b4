// Synthesizes the CDK part of the corpus: stacks built from aws-cdk-lib L2/L3
// constructs with their defaults and common options. Run once with
// `node test/corpus/synth-cdk.mjs`; the templates are committed, and their
// verdicts labelled by hand in the .labels.yaml beside each.
import { App, Stack, Duration, RemovalPolicy, SecretValue, NestedStack, Stage, Tags, Size, CfnOutput } from 'aws-cdk-lib';
const cdkSize = (mib) => Size.mebibytes(mib);
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as elasticloadbalancing from 'aws-cdk-lib/aws-elasticloadbalancing';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as cpactions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as pipelines from 'aws-cdk-lib/pipelines';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as docdb from 'aws-cdk-lib/aws-docdb';
import * as redshift from 'aws-cdk-lib/aws-redshift';
import * as msk from 'aws-cdk-lib/aws-msk';
import * as neptune from 'aws-cdk-lib/aws-neptune';
import * as dax from 'aws-cdk-lib/aws-dax';
import * as dms from 'aws-cdk-lib/aws-dms';
import * as amazonmq from 'aws-cdk-lib/aws-amazonmq';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as identitypool from 'aws-cdk-lib/aws-cognito-identitypool';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cr from 'aws-cdk-lib/custom-resources';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as eventsources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwactions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as route53targets from 'aws-cdk-lib/aws-route53-targets';
import { Expiration } from 'aws-cdk-lib';
import * as opensearchserverless from 'aws-cdk-lib/aws-opensearchserverless';
import * as iot from 'aws-cdk-lib/aws-iot';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as config from 'aws-cdk-lib/aws-config';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import * as amplify from 'aws-cdk-lib/aws-amplify';
import * as elbv2targets from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import { writeFileSync, readFileSync, rmSync, cpSync, readdirSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const app = new App({ context: { '@aws-cdk/core:newStyleStackSynthesis': true } });
const env = { account: '111122223333', region: 'eu-west-1' };
const code = lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });');

// Static site: a private bucket behind CloudFront (OAC), and an old-style website bucket.
const site = new Stack(app, 'CorpusSite', { env });
{
  const bucket = new s3.Bucket(site, 'Content', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  new cloudfront.Distribution(site, 'Cdn', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(bucket), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS },
    defaultRootObject: 'index.html',
  });
  new s3.Bucket(site, 'LegacySite', { websiteIndexDocument: 'index.html', publicReadAccess: false });
}

// Fargate web service behind an ALB in a default VPC, with a queue and a table.
const web = new Stack(app, 'CorpusWeb', { env });
{
  const vpc = new ec2.Vpc(web, 'Vpc', { maxAzs: 2 });
  const cluster = new ecs.Cluster(web, 'Cluster', { vpc });
  new ecsPatterns.ApplicationLoadBalancedFargateService(web, 'Svc', {
    cluster,
    taskImageOptions: { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:latest') },
    publicLoadBalancer: true,
  });
  new sqs.Queue(web, 'Jobs', { visibilityTimeout: Duration.seconds(60) });
  new dynamodb.Table(web, 'Sessions', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
  new sns.Topic(web, 'Events');
}

// Databases: Aurora PostgreSQL with defaults, an RDS MySQL instance with a TLS-forcing parameter group, a cache.
const data = new Stack(app, 'CorpusData', { env });
{
  const vpc = new ec2.Vpc(data, 'Vpc', { maxAzs: 2, natGateways: 1, flowLogs: { all: {} } });
  new rds.DatabaseCluster(data, 'Aurora', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
    writer: rds.ClusterInstance.serverlessV2('Writer'),
    vpc,
    backup: { retention: Duration.days(14) },
    parameters: { 'rds.force_ssl': '1' },
  });
  new rds.DatabaseInstance(data, 'Mysql', {
    engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0_39 }),
    vpc,
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MICRO),
    parameters: { require_secure_transport: 'ON' },
    backupRetention: Duration.days(7),
    storageEncrypted: true,
  });
  const sg = new ec2.SecurityGroup(data, 'CacheSg', { vpc, description: 'cache' });
  sg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(6379));
  const subnets = new elasticache.CfnSubnetGroup(data, 'CacheSubnets', { description: 'cache', subnetIds: vpc.privateSubnets.map((s) => s.subnetId) });
  new elasticache.CfnReplicationGroup(data, 'Cache', {
    replicationGroupDescription: 'sessions',
    engine: 'redis',
    cacheNodeType: 'cache.t4g.small',
    numCacheClusters: 2,
    automaticFailoverEnabled: true,
    cacheSubnetGroupName: subnets.ref,
    securityGroupIds: [sg.securityGroupId],
    atRestEncryptionEnabled: true,
    transitEncryptionEnabled: true,
    snapshotRetentionLimit: 0,
  });
  new efs.FileSystem(data, 'Shared', { vpc, removalPolicy: RemovalPolicy.DESTROY });
}

// API Gateway + Lambda, a KMS key, a log group, a role with a scoped policy.
const api = new Stack(app, 'CorpusApi', { env });
{
  const fn = new lambda.Function(api, 'Handler', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, tracing: lambda.Tracing.ACTIVE });
  new apigw.LambdaRestApi(api, 'Api', { handler: fn });
  const key = new kms.Key(api, 'Key', { enableKeyRotation: true });
  const table = new dynamodb.Table(api, 'Items', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, encryptionKey: key, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED });
  table.grantReadWriteData(fn);
  new logs.LogGroup(api, 'Audit', { retention: logs.RetentionDays.ONE_YEAR });
  const role = new iam.Role(api, 'Deployer', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
  role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['*'] }));
}

// Held out from tuning: a search domain, an Auto Scaling group, an internal NLB, and an open security group.
const held = new Stack(app, 'CorpusHeldOut', { env });
{
  const vpc = new ec2.Vpc(held, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'pub', subnetType: ec2.SubnetType.PUBLIC }] });
  new opensearch.Domain(held, 'Search', {
    version: opensearch.EngineVersion.OPENSEARCH_2_11,
    encryptionAtRest: { enabled: true },
    nodeToNodeEncryption: true,
    enforceHttps: true,
    tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2,
    logging: { appLogEnabled: true },
    capacity: { dataNodes: 1, dataNodeInstanceType: 't3.small.search', multiAzWithStandbyEnabled: false },
    zoneAwareness: { enabled: false },
  });
  const asg = new autoscaling.AutoScalingGroup(held, 'Workers', {
    vpc,
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
    machineImage: ec2.MachineImage.latestAmazonLinux2023(),
    blockDevices: [{ deviceName: '/dev/xvda', volume: autoscaling.BlockDeviceVolume.ebs(20, { encrypted: true }) }],
  });
  const open = new ec2.SecurityGroup(held, 'Mongo', { vpc, description: 'mongo' });
  open.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(27017));
  asg.addSecurityGroup(open);
  const nlb = new elbv2.NetworkLoadBalancer(held, 'Nlb', { vpc, internetFacing: false });
  nlb.addListener('Tcp', { port: 443 }).addTargets('W', { port: 443, targets: [asg] });
  new s3.Bucket(held, 'Archive', { versioned: true, lifecycleRules: [{ expiration: Duration.days(365) }] });
}

// ---- Tuning apps added in session 6: the shapes open-source CDK apps take. ----
const cert = (scope, id, region = 'eu-west-1') => acm.Certificate.fromCertificateArn(scope, id, `arn:aws:acm:${region}:111122223333:certificate/0f6c2b9e-1111-4a7e-9a53-6d1b5c0e2a10`);
const fakeSecret = (...parts) => parts.join('');

// Two Fargate services behind ALBs: one HTTPS with redirect and a modern policy, one plain HTTP with logged access.
const fargate = new Stack(app, 'CorpusFargate', { env });
{
  const vpc = new ec2.Vpc(fargate, 'AppVpc', { maxAzs: 2, natGateways: 1 });
  const cluster = new ecs.Cluster(fargate, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
  const dbSecret = new secretsmanager.Secret(fargate, 'DbSecret', { generateSecretString: { secretStringTemplate: '{"username":"app"}', generateStringKey: 'password', excludePunctuation: true } });
  new ecsPatterns.ApplicationLoadBalancedFargateService(fargate, 'Storefront', {
    cluster,
    certificate: cert(fargate, 'StoreCert'),
    protocol: elbv2.ApplicationProtocol.HTTPS,
    redirectHTTP: true,
    sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
    taskImageOptions: {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'),
      environment: { NODE_ENV: 'production', DB_HOST: 'db.internal' },
      secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(dbSecret, 'password') },
    },
  });
  const logs_ = new s3.Bucket(fargate, 'AlbLogs', { encryption: s3.BucketEncryption.S3_MANAGED, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(90) }] });
  const admin = new ecsPatterns.ApplicationLoadBalancedFargateService(fargate, 'Admin', {
    cluster,
    publicLoadBalancer: true,
    taskImageOptions: {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/httpd:2.4'),
      environment: { ADMIN_PASSWORD: fakeSecret('Adm1n', '-Pa55', 'w0rd-2024!') },
    },
  });
  admin.loadBalancer.logAccessLogs(logs_, 'admin');
  new ecsPatterns.QueueProcessingFargateService(fargate, 'Worker', {
    cluster,
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.36'),
    maxScalingCapacity: 2,
  });
}

// API Gateway REST and HTTP APIs over Lambda and DynamoDB, a state machine, user pools.
const serverless = new Stack(app, 'CorpusServerless', { env });
{
  const orders = new dynamodb.Table(serverless, 'Orders', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
  const carts = new dynamodb.Table(serverless, 'Carts', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
  const ordersFn = new lambda.Function(serverless, 'OrdersFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { TABLE: orders.tableName } });
  orders.grantReadWriteData(ordersFn);
  const cartsFn = new lambda.Function(serverless, 'CartsFn', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code, environment: { TABLE: carts.tableName, STRIPE_SECRET_KEY: fakeSecret('sk_live_', '51HxQ2bLkT9vRzP0aWcE3mN7yUd4FgJ8') } });
  carts.grantFullAccess(cartsFn);
  const http = new apigwv2.HttpApi(serverless, 'Http', { apiName: 'orders-http' });
  http.addRoutes({ path: '/orders', methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST], integration: new HttpLambdaIntegration('OrdersInt', ordersFn) });
  const accessLogs = new logs.LogGroup(serverless, 'RestAccessLogs', { logGroupName: '/corpus/orders-request-logs', retention: logs.RetentionDays.ONE_MONTH });
  new apigw.LambdaRestApi(serverless, 'CartsApi', {
    handler: cartsFn,
    endpointTypes: [apigw.EndpointType.REGIONAL],
    deployOptions: { accessLogDestination: new apigw.LogGroupLogDestination(accessLogs), accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(), loggingLevel: apigw.MethodLoggingLevel.INFO },
    cloudWatchRole: true,
  });
  new logs.LogGroup(serverless, 'WebhookLogs', { logGroupName: '/corpus/webhook-request-logs', retention: logs.RetentionDays.THREE_MONTHS });
  const sfnLogs = new logs.LogGroup(serverless, 'FulfilLogs', { retention: logs.RetentionDays.ONE_YEAR });
  const check = new tasks.LambdaInvoke(serverless, 'Check', { lambdaFunction: ordersFn, outputPath: '$.Payload' });
  new sfn.StateMachine(serverless, 'Fulfil', { definitionBody: sfn.DefinitionBody.fromChainable(check.next(new sfn.Succeed(serverless, 'Done'))), logs: { destination: sfnLogs, level: sfn.LogLevel.ALL }, tracingEnabled: true });
  new sfn.StateMachine(serverless, 'Refund', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(serverless, 'Noop')), stateMachineType: sfn.StateMachineType.EXPRESS });
  new cognito.UserPool(serverless, 'Shoppers', { selfSignUpEnabled: true, signInAliases: { email: true } });
  new cognito.UserPool(serverless, 'Staff', { mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { otp: true, sms: false } });
  new cognito.UserPool(serverless, 'Admins', { mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false } });
}

// Static site: private bucket + CloudFront OAC + BucketDeployment, logged; a docs CDN on an HTTP origin; a public website bucket.
const staticSite = new Stack(app, 'CorpusStatic', { env });
{
  const logBucket = new s3.Bucket(staticSite, 'CdnLogs', { objectOwnership: s3.ObjectOwnership.OBJECT_WRITER, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true, lifecycleRules: [{ expiration: Duration.days(30) }] });
  const siteBucket = new s3.Bucket(staticSite, 'SiteContent', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true, encryption: s3.BucketEncryption.S3_MANAGED, serverAccessLogsBucket: logBucket, serverAccessLogsPrefix: 'site/' });
  const dist = new cloudfront.Distribution(staticSite, 'SiteCdn', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(siteBucket), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS },
    domainNames: ['www.example.org'],
    certificate: cert(staticSite, 'SiteCert', 'us-east-1'),
    minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
    enableLogging: true,
    logBucket,
    logFilePrefix: 'cdn/',
    defaultRootObject: 'index.html',
  });
  new s3deploy.BucketDeployment(staticSite, 'Deploy', { sources: [s3deploy.Source.data('index.html', '<h1>corpus</h1>')], destinationBucket: siteBucket, distribution: dist, distributionPaths: ['/*'] });
  new cloudfront.Distribution(staticSite, 'DocsCdn', {
    defaultBehavior: { origin: new origins.HttpOrigin('docs.example.org', { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY }), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.ALLOW_ALL },
  });
  new s3.Bucket(staticSite, 'Landing', {
    websiteIndexDocument: 'index.html',
    publicReadAccess: true,
    blockPublicAccess: new s3.BlockPublicAccess({ blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false }),
  });
}

// Aurora Serverless v2 with rotation, a provisioned Aurora MySQL on defaults, RDS PostgreSQL, caches.
const aurora = new Stack(app, 'CorpusAurora', { env });
{
  const vpc = new ec2.Vpc(aurora, 'DataVpc', { maxAzs: 2, natGateways: 1, flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.REJECT } } });
  const pg = new rds.DatabaseCluster(aurora, 'Ledger', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
    writer: rds.ClusterInstance.serverlessV2('Writer'),
    readers: [rds.ClusterInstance.serverlessV2('Reader', { scaleWithWriter: true })],
    serverlessV2MinCapacity: 0.5,
    serverlessV2MaxCapacity: 4,
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    storageEncrypted: true,
    backup: { retention: Duration.days(14) },
    parameters: { 'rds.force_ssl': '1' },
    deletionProtection: true,
  });
  pg.addRotationSingleUser();
  new rds.DatabaseCluster(aurora, 'Catalog', {
    engine: rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_07_1 }),
    writer: rds.ClusterInstance.provisioned('Writer', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE) }),
    vpc,
  });
  new rds.DatabaseInstance(aurora, 'Reporting', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16_4 }),
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.SMALL),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    publiclyAccessible: false,
    storageEncrypted: true,
    backupRetention: Duration.days(3),
  });
  const cacheSg = new ec2.SecurityGroup(aurora, 'SessionCacheSg', { vpc, description: 'session cache', allowAllOutbound: false });
  cacheSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(6379), 'redis from anywhere');
  const cacheSubnets = new elasticache.CfnSubnetGroup(aurora, 'CacheSubnets', { description: 'caches', subnetIds: vpc.privateSubnets.map((x) => x.subnetId) });
  new elasticache.CfnReplicationGroup(aurora, 'SessionCache', {
    replicationGroupDescription: 'sessions', engine: 'redis', cacheNodeType: 'cache.t4g.micro', numCacheClusters: 1,
    cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId], snapshotRetentionLimit: 3,
  });
  new elasticache.CfnCacheCluster(aurora, 'PageCache', { engine: 'memcached', cacheNodeType: 'cache.t4g.micro', numCacheNodes: 2, cacheSubnetGroupName: cacheSubnets.ref });
  new elasticache.CfnServerlessCache(aurora, 'RateLimits', { engine: 'valkey', serverlessCacheName: 'rate-limits', subnetIds: vpc.privateSubnets.map((x) => x.subnetId) });
  new elasticache.CfnServerlessCache(aurora, 'Leaderboard', { engine: 'redis', serverlessCacheName: 'leaderboard', snapshotRetentionLimit: 7, dailySnapshotTime: '03:00' });
}

// Fan-out: SNS → SQS, EventBridge → SQS/Lambda, Kinesis → Firehose → S3.
const messaging = new Stack(app, 'CorpusMessaging', { env });
{
  const key = new kms.Key(messaging, 'QueueKey', { description: 'queues' });
  const rotated = new kms.Key(messaging, 'TopicKey', { enableKeyRotation: true });
  const orderEvents = new sns.Topic(messaging, 'OrderEvents', { masterKey: rotated });
  const notify = new sns.Topic(messaging, 'Notify', { displayName: 'notify' });
  const billing = new sqs.Queue(messaging, 'Billing', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true });
  const shipping = new sqs.Queue(messaging, 'Shipping', { encryption: sqs.QueueEncryption.UNENCRYPTED });
  const dlq = new sqs.Queue(messaging, 'AuditDlq', { retentionPeriod: Duration.days(14) });
  orderEvents.addSubscription(new subs.SqsSubscription(billing));
  notify.addSubscription(new subs.SqsSubscription(shipping, { rawMessageDelivery: true }));
  const bus = new events.EventBus(messaging, 'Bus', { eventBusName: 'corpus-orders' });
  const audit = new lambda.Function(messaging, 'AuditFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, deadLetterQueue: dlq });
  new events.Rule(messaging, 'OrderPlaced', { eventBus: bus, eventPattern: { source: ['corpus.orders'] }, targets: [new targets.SqsQueue(billing), new targets.LambdaFunction(audit)] });
  const clicks = new kinesis.Stream(messaging, 'Clicks', { shardCount: 1 });
  const raw = new kinesis.Stream(messaging, 'RawTelemetry', { encryption: kinesis.StreamEncryption.UNENCRYPTED, shardCount: 1 });
  const lake = new s3.Bucket(messaging, 'ClickLake', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  new firehose.DeliveryStream(messaging, 'ClickDelivery', { source: new firehose.KinesisStreamSource(clicks), destination: new firehose.S3Bucket(lake, { dataOutputPrefix: 'clicks/' }) });
  new firehose.DeliveryStream(messaging, 'MetricsDelivery', { destination: new firehose.S3Bucket(lake, { dataOutputPrefix: 'metrics/' }) });
  new firehose.DeliveryStream(messaging, 'SecureDelivery', { destination: new firehose.S3Bucket(lake, { dataOutputPrefix: 'secure/' }), encryption: firehose.StreamEncryption.awsOwnedKey() });
  raw.grantRead(audit);
}

// CodePipeline with CodeBuild: an S3 source, a build with a plain-text token, a deploy step.
const cicd = new Stack(app, 'CorpusCicd', { env });
{
  const sourceBucket = new s3.Bucket(cicd, 'SourceDrop', { versioned: true, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  const build = new codebuild.PipelineProject(cicd, 'Build', {
    environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0 },
    environmentVariables: { NPM_TOKEN: { value: fakeSecret('npm_', 'Qx7bLkT9vRzP0aWcE3mN7yUd4FgJ8hK2sA1') }, STAGE: { value: 'prod' } },
  });
  const release = new codebuild.PipelineProject(cicd, 'Release', {
    environmentVariables: { GITHUB_TOKEN: { value: 'corpus/github-token', type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER } },
  });
  const src = new codepipeline.Artifact();
  const built = new codepipeline.Artifact();
  new codepipeline.Pipeline(cicd, 'Delivery', {
    pipelineType: codepipeline.PipelineType.V2,
    stages: [
      { stageName: 'Source', actions: [new cpactions.S3SourceAction({ actionName: 'Drop', bucket: sourceBucket, bucketKey: 'app.zip', output: src })] },
      { stageName: 'Build', actions: [new cpactions.CodeBuildAction({ actionName: 'Build', project: build, input: src, outputs: [built] })] },
      { stageName: 'Release', actions: [new cpactions.CodeBuildAction({ actionName: 'Release', project: release, input: built })] },
    ],
  });
}

// A VPC without flow logs, a bastion host, a public app instance, Windows RDP, people's access.
const network = new Stack(app, 'CorpusNetwork', { env });
{
  const vpc = new ec2.Vpc(network, 'OpsVpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }, { name: 'app', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const bastion = new ec2.BastionHostLinux(network, 'Bastion', { vpc, subnetSelection: { subnetType: ec2.SubnetType.PUBLIC }, blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(10, { encrypted: true }) }] });
  bastion.allowSshAccessFrom(ec2.Peer.ipv4('203.0.113.0/24'));
  const appSg = new ec2.SecurityGroup(network, 'AppSg', { vpc, description: 'app servers' });
  appSg.addIngressRule(bastion.connections.securityGroups[0], ec2.Port.tcp(22), 'ssh from the bastion');
  appSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'https');
  new ec2.Instance(network, 'AppServer', {
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, securityGroup: appSg,
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.SMALL),
    machineImage: ec2.MachineImage.latestAmazonLinux2023(),
    blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(20, { encrypted: true }) }],
  });
  const winSg = new ec2.SecurityGroup(network, 'WindowsSg', { vpc, description: 'windows jump' });
  winSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(3389), 'rdp');
  new ec2.Instance(network, 'Reports', {
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, securityGroup: winSg,
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MEDIUM),
    machineImage: ec2.MachineImage.latestWindows(ec2.WindowsVersion.WINDOWS_SERVER_2022_ENGLISH_FULL_BASE),
    blockDevices: [{ deviceName: '/dev/sda1', volume: ec2.BlockDeviceVolume.ebs(50, { encrypted: false }) }],
  });
  new ec2.LaunchTemplate(network, 'BuildAgents', {
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.C6I, ec2.InstanceSize.LARGE),
    machineImage: ec2.MachineImage.latestAmazonLinux2023(),
    associatePublicIpAddress: true,
    blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(30, { encrypted: true }) }],
  });
  const dbSg = new ec2.SecurityGroup(network, 'LegacyDbSg', { vpc, description: 'legacy db' });
  new ec2.CfnSecurityGroupIngress(network, 'LegacyDbOpen', { groupId: dbSg.securityGroupId, ipProtocol: 'tcp', fromPort: 5432, toPort: 5432, cidrIp: '0.0.0.0/0' });
  new ec2.CfnSecurityGroupIngress(network, 'LegacySshV6', { groupId: dbSg.securityGroupId, ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv6: '::/0' });

  const requireMfa = new iam.ManagedPolicy(network, 'RequireMfa', {
    statements: [new iam.PolicyStatement({ effect: iam.Effect.DENY, notActions: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:ListMFADevices', 'iam:ResyncMFADevice', 'sts:GetSessionToken'], resources: ['*'], conditions: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } })],
  });
  const engineers = new iam.Group(network, 'Engineers', { managedPolicies: [requireMfa, iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')] });
  const alice = new iam.User(network, 'Alice', { password: SecretValue.secretsManager('corpus/alice-initial-password'), passwordResetRequired: true });
  engineers.addUser(alice);
  new iam.User(network, 'Contractor', { password: SecretValue.secretsManager('corpus/contractor-password') });
  new iam.Role(network, 'BreakGlass', { assumedBy: new iam.AccountRootPrincipal(), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')] });
  new iam.Role(network, 'Auditor', { assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')] });
  const ops = new iam.Role(network, 'OpsAutomation', { assumedBy: new iam.ServicePrincipal('ssm.amazonaws.com') });
  ops.addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
  ops.addToPolicy(new iam.PolicyStatement({ actions: ['ec2:DescribeInstances', 'ssm:SendCommand'], resources: ['*'] }));
  const dataRole = new iam.Role(network, 'DataLoader', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3FullAccess')] });
  new iam.ManagedPolicy(network, 'QueueAdmin', { roles: [dataRole], statements: [new iam.PolicyStatement({ actions: ['sqs:*'], resources: [`arn:aws:sqs:eu-west-1:111122223333:ingest-*`] })] });
  new iam.Policy(network, 'ReadLogs', { groups: [engineers], statements: [new iam.PolicyStatement({ actions: ['logs:GetLogEvents', 'logs:FilterLogEvents', 'logs:DescribeLogGroups'], resources: ['*'] })] });
  new iam.Policy(network, 'Ec2Admins', { groups: [engineers], statements: [new iam.PolicyStatement({ actions: ['ec2:*'], resources: ['*'] })] });
}

// Services without an L2 (or not yet judged by vouch): L1 Cfn* resources, with one compliant twin each.
const legacyData = new Stack(app, 'CorpusL1Data', { env });
{
  const vpc = new ec2.Vpc(legacyData, 'WarehouseVpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }, { name: 'db', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }], flowLogs: { all: {} } });
  const isolated = vpc.isolatedSubnets.map((x) => x.subnetId);
  const key = new kms.Key(legacyData, 'WarehouseKey', { enableKeyRotation: true });
  const rsSubnets = new redshift.CfnClusterSubnetGroup(legacyData, 'RsSubnets', { description: 'rs', subnetIds: isolated });
  new redshift.CfnCluster(legacyData, 'Analytics', { clusterType: 'single-node', nodeType: 'ra3.xlplus', dbName: 'analytics', masterUsername: 'admin', manageMasterPassword: true, clusterSubnetGroupName: rsSubnets.ref, publiclyAccessible: true });
  const rsParams = new redshift.CfnClusterParameterGroup(legacyData, 'RsParams', { description: 'tls', parameterGroupFamily: 'redshift-1.0', parameters: [{ parameterName: 'require_ssl', parameterValue: 'true' }, { parameterName: 'enable_user_activity_logging', parameterValue: 'true' }] });
  new redshift.CfnCluster(legacyData, 'Finance', {
    clusterType: 'multi-node', numberOfNodes: 2, nodeType: 'ra3.xlplus', dbName: 'finance', masterUsername: 'admin', manageMasterPassword: true,
    clusterSubnetGroupName: rsSubnets.ref, publiclyAccessible: false, encrypted: true, kmsKeyId: key.keyId, clusterParameterGroupName: rsParams.ref,
    automatedSnapshotRetentionPeriod: 14, loggingProperties: { logDestinationType: 'cloudwatch', logExports: ['connectionlog', 'userlog', 'useractivitylog'] },
  });
  new msk.CfnCluster(legacyData, 'Events', {
    clusterName: 'events', kafkaVersion: '3.6.0', numberOfBrokerNodes: 2,
    brokerNodeGroupInfo: { instanceType: 'kafka.t3.small', clientSubnets: isolated },
    encryptionInfo: { encryptionInTransit: { clientBroker: 'TLS_PLAINTEXT', inCluster: true } },
  });
  new msk.CfnCluster(legacyData, 'Audit', {
    clusterName: 'audit', kafkaVersion: '3.6.0', numberOfBrokerNodes: 2,
    brokerNodeGroupInfo: { instanceType: 'kafka.m5.large', clientSubnets: isolated },
    encryptionInfo: { encryptionAtRest: { dataVolumeKmsKeyId: key.keyArn }, encryptionInTransit: { clientBroker: 'TLS', inCluster: true } },
    loggingInfo: { brokerLogs: { cloudWatchLogs: { enabled: true, logGroup: '/msk/audit' } } },
  });
  new docdb.DatabaseCluster(legacyData, 'Profiles', { masterUser: { username: 'profiles' }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM), vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
  const docSubnets = new docdb.CfnDBSubnetGroup(legacyData, 'DocSubnets', { dbSubnetGroupDescription: 'doc', subnetIds: isolated });
  new docdb.CfnDBCluster(legacyData, 'Sessions', { masterUsername: 'sessions', manageMasterUserPassword: true, dbSubnetGroupName: docSubnets.ref, storageEncrypted: false, backupRetentionPeriod: 7 });
  const neptuneSubnets = new neptune.CfnDBSubnetGroup(legacyData, 'GraphSubnets', { dbSubnetGroupDescription: 'graph', subnetIds: isolated });
  new neptune.CfnDBCluster(legacyData, 'Graph', { dbSubnetGroupName: neptuneSubnets.ref, engineVersion: '1.3.2.0' });
  new neptune.CfnDBCluster(legacyData, 'GraphSecure', { dbSubnetGroupName: neptuneSubnets.ref, engineVersion: '1.3.2.0', storageEncrypted: true, kmsKeyId: key.keyArn, backupRetentionPeriod: 7, enableCloudwatchLogsExports: ['audit'], iamAuthEnabled: true });
  const daxRole = new iam.Role(legacyData, 'DaxRole', { assumedBy: new iam.ServicePrincipal('dax.amazonaws.com') });
  daxRole.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'], resources: [`arn:aws:dynamodb:eu-west-1:111122223333:table/prices`] }));
  new dax.CfnCluster(legacyData, 'PriceCache', { iamRoleArn: daxRole.roleArn, nodeType: 'dax.t3.small', replicationFactor: 1 });
  new dax.CfnCluster(legacyData, 'PriceCacheSecure', { iamRoleArn: daxRole.roleArn, nodeType: 'dax.t3.small', replicationFactor: 1, sseSpecification: { sseEnabled: true }, clusterEndpointEncryptionType: 'TLS' });
  new dms.CfnReplicationInstance(legacyData, 'Migrator', { replicationInstanceClass: 'dms.t3.medium', allocatedStorage: 50 });
  new dms.CfnReplicationInstance(legacyData, 'MigratorPrivate', { replicationInstanceClass: 'dms.t3.medium', publiclyAccessible: false, kmsKeyId: key.keyArn });
  new amazonmq.CfnBroker(legacyData, 'Orders', {
    brokerName: 'orders', engineType: 'ACTIVEMQ', engineVersion: '5.18', deploymentMode: 'SINGLE_INSTANCE', hostInstanceType: 'mq.t3.micro',
    publiclyAccessible: true, autoMinorVersionUpgrade: true, users: [{ username: 'app', password: fakeSecret('Mq-', 'Broker', 'Pa55-2024') }], logs: { general: true, audit: true },
  });
  new sagemaker.CfnNotebookInstance(legacyData, 'Research', { instanceType: 'ml.t3.medium', roleArn: daxRole.roleArn });
}


// Edge cases for the thinner controls: caches, retention data sets, redirects, residency.
const edge = new Stack(app, 'CorpusEdge', { env });
{
  const vpc = new ec2.Vpc(edge, 'EdgeVpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }, { name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }], flowLogs: { all: {} } });
  const subnets = new elasticache.CfnSubnetGroup(edge, 'EdgeCacheSubnets', { description: 'edge caches', subnetIds: vpc.isolatedSubnets.map((x) => x.subnetId) });
  const base = { engine: 'valkey', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailoverEnabled: true, cacheSubnetGroupName: subnets.ref };
  new elasticache.CfnReplicationGroup(edge, 'SecureCache', { ...base, replicationGroupDescription: 'secure', atRestEncryptionEnabled: true, transitEncryptionEnabled: true, transitEncryptionMode: 'required', snapshotRetentionLimit: 0 });
  new elasticache.CfnReplicationGroup(edge, 'SeededCache', { ...base, replicationGroupDescription: 'seeded', atRestEncryptionEnabled: true, transitEncryptionEnabled: true, snapshotArns: ['arn:aws:s3:::edge-cache-seed/dump.rdb'] });
  new elasticache.CfnReplicationGroup(edge, 'MigratingCache', { ...base, replicationGroupDescription: 'migrating', atRestEncryptionEnabled: true, transitEncryptionEnabled: true, transitEncryptionMode: 'preferred' });
  const snapOnDelete = new elasticache.CfnReplicationGroup(edge, 'KeepOnDeleteCache', { ...base, replicationGroupDescription: 'keep', atRestEncryptionEnabled: true, transitEncryptionEnabled: true });
  snapOnDelete.applyRemovalPolicy(RemovalPolicy.SNAPSHOT);
  new elasticache.CfnCacheCluster(edge, 'SingleRedis', { engine: 'redis', cacheNodeType: 'cache.t4g.micro', numCacheNodes: 1, cacheSubnetGroupName: subnets.ref, transitEncryptionEnabled: true, snapshotRetentionLimit: 1 });
  new elasticache.CfnServerlessCache(edge, 'RestoredCache', { engine: 'valkey', serverlessCacheName: 'restored', snapshotArnsToRestore: ['arn:aws:elasticache:eu-west-1:111122223333:serverlesscachesnapshot:seed'] });
  new elasticache.CfnServerlessCache(edge, 'EphemeralCache', { engine: 'valkey', serverlessCacheName: 'ephemeral', snapshotRetentionLimit: 0 });

  new logs.LogGroup(edge, 'CdnRequestLogs', { logGroupName: '/edge/cdn-request-logs', retention: logs.RetentionDays.INFINITE });
  new logs.LogGroup(edge, 'ApiRequestLogs', { logGroupName: '/edge/api-request-logs', retention: logs.RetentionDays.ONE_WEEK });
  new logs.LogGroup(edge, 'AppLogs', { logGroupName: '/edge/app', retention: logs.RetentionDays.TEN_YEARS });
  const tagged = (id, props) => { const b = new s3.Bucket(edge, id, { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsPrefix: 'self/', ...props }); Tags.of(b).add('DataSet', 'exported-reports'); return b; };
  tagged('QuarterlyExports', { lifecycleRules: [{ expiration: Duration.days(90) }] });
  tagged('VersionedExports', { versioned: true, lifecycleRules: [{ expiration: Duration.days(60) }] });
  tagged('AdhocExports', {});
  new s3.Bucket(edge, 'RequestLogArchive', { bucketName: 'edge-request-logs-archive', enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsPrefix: 'self/', lifecycleRules: [{ expiration: Duration.days(400) }] });

  const alb = new elbv2.ApplicationLoadBalancer(edge, 'EdgeAlb', { vpc, internetFacing: true });
  const albLogs = new s3.Bucket(edge, 'EdgeAlbLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  alb.logAccessLogs(albLogs);
  alb.addListener('Plain', { port: 8080, protocol: elbv2.ApplicationProtocol.HTTP, defaultAction: elbv2.ListenerAction.fixedResponse(200, { contentType: 'text/plain', messageBody: 'ok' }) });
  alb.addListener('Tls', { port: 443, certificates: [cert(edge, 'EdgeCert')], sslPolicy: elbv2.SslPolicy.TLS13_RES, defaultAction: elbv2.ListenerAction.fixedResponse(200) });
  new elasticloadbalancing.LoadBalancer(edge, 'LegacyClb', { vpc, internetFacing: true, listeners: [{ externalPort: 80, internalPort: 8080 }] });
  new elasticloadbalancing.LoadBalancer(edge, 'TlsClb', { vpc, internetFacing: true, listeners: [{ externalPort: 443, internalPort: 8080, externalProtocol: elasticloadbalancing.LoadBalancingProtocol.HTTPS, sslCertificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/0f6c2b9e-1111-4a7e-9a53-6d1b5c0e2a10' }], accessLoggingPolicy: { enabled: true, s3BucketName: albLogs.bucketName } });
  const cdnLogs = new s3.Bucket(edge, 'EdgeCdnLogs', { enforceSSL: true, objectOwnership: s3.ObjectOwnership.OBJECT_WRITER, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  const media = new s3.Bucket(edge, 'Media', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: cdnLogs });
  new cloudfront.Distribution(edge, 'MediaCdn', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(media), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY },
    additionalBehaviors: { '/legacy/*': { origin: new origins.HttpOrigin('legacy.example.org'), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.ALLOW_ALL } },
    domainNames: ['media.example.org'], certificate: cert(edge, 'MediaCert', 'us-east-1'), minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
    enableLogging: true, logBucket: cdnLogs,
  });
  new s3.Bucket(edge, 'ApexRedirect', { websiteRedirect: { hostName: 'www.example.org', protocol: s3.RedirectProtocol.HTTPS }, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: cdnLogs });

  const vault = new backup.BackupVault(edge, 'EdgeVault', { backupVaultName: 'edge' });
  new backup.BackupPlan(edge, 'UsCopyPlan', { backupVault: vault, backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'daily', deleteAfter: Duration.days(14), copyActions: [{ destinationBackupVault: backup.BackupVault.fromBackupVaultArn(edge, 'UsVault', 'arn:aws:backup:us-east-1:111122223333:backup-vault:dr'), deleteAfter: Duration.days(14) }] })] });
  new backup.BackupPlan(edge, 'EuCopyPlan', { backupVault: vault, backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'daily', deleteAfter: Duration.days(21), copyActions: [{ destinationBackupVault: backup.BackupVault.fromBackupVaultArn(edge, 'FrankfurtVault', 'arn:aws:backup:eu-central-1:111122223333:backup-vault:dr'), deleteAfter: Duration.days(21) }] })] });
  new dynamodb.TableV2(edge, 'Profiles', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, replicas: [{ region: 'ap-southeast-2' }] });
  new dynamodb.TableV2(edge, 'Settings', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, replicas: [{ region: 'eu-central-1' }] });
  const rdsSubnets = new rds.CfnDBSubnetGroup(edge, 'ReplicaSubnets', { dbSubnetGroupDescription: 'replicas', subnetIds: vpc.isolatedSubnets.map((x) => x.subnetId) });
  new rds.CfnDBInstance(edge, 'UsWestReplica', { sourceDbInstanceIdentifier: 'arn:aws:rds:us-west-2:111122223333:db:orders-primary', dbInstanceClass: 'db.t4g.medium', dbSubnetGroupName: rdsSubnets.ref, publiclyAccessible: false, storageEncrypted: true, kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/5b1c8f0e-2222-4c3d-8e9f-0a1b2c3d4e5f' });
  new rds.CfnDBInstance(edge, 'ParisReplica', { sourceDbInstanceIdentifier: 'arn:aws:rds:eu-west-3:111122223333:db:orders-primary', dbInstanceClass: 'db.t4g.medium', dbSubnetGroupName: rdsSubnets.ref, publiclyAccessible: false, storageEncrypted: true, kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/5b1c8f0e-2222-4c3d-8e9f-0a1b2c3d4e5f' });
  const replicaSource = new s3.Bucket(edge, 'Ledger', { versioned: true, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: cdnLogs });
  const cfnLedger = replicaSource.node.defaultChild;
  cfnLedger.replicationConfiguration = { role: 'arn:aws:iam::111122223333:role/s3-replication', rules: [{ status: 'Enabled', destination: { bucket: 'arn:aws:s3:::ledger-dr-copy' } }] };
}


// Compliant twins, so the thin controls have negatives too: caches, user pools, people's roles, redirects.
const compliant = new Stack(app, 'CorpusCompliant', { env });
{
  const vpc = new ec2.Vpc(compliant, 'OkVpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }, { name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }], flowLogs: { all: {} } });
  const subnets = new elasticache.CfnSubnetGroup(compliant, 'OkCacheSubnets', { description: 'caches', subnetIds: vpc.isolatedSubnets.map((x) => x.subnetId) });
  for (const [id, engine] of [['SessionStore', 'redis'], ['QueueStore', 'valkey']])
    new elasticache.CfnReplicationGroup(compliant, id, { replicationGroupDescription: id, engine, cacheNodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailoverEnabled: true, cacheSubnetGroupName: subnets.ref, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, snapshotRetentionLimit: 0 });
  new elasticache.CfnCacheCluster(compliant, 'FragmentCache', { engine: 'memcached', engineVersion: '1.6.22', cacheNodeType: 'cache.t4g.micro', numCacheNodes: 2, cacheSubnetGroupName: subnets.ref, transitEncryptionEnabled: true });
  new elasticache.CfnServerlessCache(compliant, 'TokenCache', { engine: 'valkey', serverlessCacheName: 'tokens-ok' });
  new elasticache.CfnServerlessCache(compliant, 'FeatureCache', { engine: 'redis', serverlessCacheName: 'features-ok', snapshotRetentionLimit: 0 });
  for (const id of ['Employees', 'Partners', 'Support']) new cognito.UserPool(compliant, id, { mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false } });
  const mfa = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
  new iam.Role(compliant, 'Oncall', { assumedBy: new iam.AccountRootPrincipal().withConditions(mfa), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')] });
  new iam.Role(compliant, 'Billing', { assumedBy: new iam.AccountPrincipal('111122223333').withConditions({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' }, ...mfa }), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('job-function/Billing')] });
  const denyNoMfa = new iam.ManagedPolicy(compliant, 'DenyWithoutMfa', { statements: [new iam.PolicyStatement({ effect: iam.Effect.DENY, notActions: ['iam:ChangePassword', 'iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:ListMFADevices', 'sts:GetSessionToken'], resources: ['*'], conditions: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } })] });
  const staff = new iam.Group(compliant, 'Staff', { managedPolicies: [denyNoMfa, iam.ManagedPolicy.fromAwsManagedPolicyName('job-function/ViewOnlyAccess')] });
  for (const id of ['Priya', 'Tomas']) staff.addUser(new iam.User(compliant, id, { password: SecretValue.secretsManager(`corpus/${id.toLowerCase()}`), passwordResetRequired: true }));
  for (const id of ['Shop', 'Docs']) {
    const lb = new elbv2.ApplicationLoadBalancer(compliant, `${id}Alb`, { vpc, internetFacing: true });
    lb.logAccessLogs(new s3.Bucket(compliant, `${id}AlbLogs`, { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL }));
    lb.addRedirect();
    lb.addListener(`${id}Https`, { port: 443, certificates: [cert(compliant, `${id}Cert`)], sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS, defaultAction: elbv2.ListenerAction.fixedResponse(404) });
  }
}

// ---- Held-out apps (session 6): labelled from their templates and committed before vouch ran on them. ----
const shop = new Stack(app, 'CorpusHoldShop', { env });
{
  const vpc = new ec2.Vpc(shop, 'ShopVpc', { maxAzs: 2, natGateways: 1, flowLogs: { cw: { destination: ec2.FlowLogDestination.toCloudWatchLogs() } } });
  const cluster = new ecs.Cluster(shop, 'ShopCluster', { vpc });
  new ecsPatterns.NetworkLoadBalancedFargateService(shop, 'Checkout', {
    cluster,
    listenerPort: 443,
    listenerCertificate: cert(shop, 'CheckoutCert'),
    taskImageOptions: { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/nginx:1.27'), containerPort: 8443, environment: { PAYMENT_API_KEY: fakeSecret('pk_live_', 'Zx81TqLm0vRb7YcN2wQe5sKd9HfA3jG6') } },
  });
  new rds.DatabaseCluster(shop, 'ShopDb', {
    engine: rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_07_1 }),
    writer: rds.ClusterInstance.serverlessV2('Writer'),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    storageEncrypted: true,
    backup: { retention: Duration.days(7) },
    parameters: { require_secure_transport: 'ON' },
  });
  new opensearch.Domain(shop, 'ProductSearch', {
    version: opensearch.EngineVersion.OPENSEARCH_2_13,
    capacity: { dataNodes: 1, dataNodeInstanceType: 't3.small.search', multiAzWithStandbyEnabled: false },
    zoneAwareness: { enabled: false },
  });
  new docdb.DatabaseCluster(shop, 'Reviews', { masterUser: { username: 'reviews' }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM), vpc, backup: { retention: Duration.days(10) } });
  const hook = new lambda.Function(shop, 'WebhookFn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code });
  hook.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
  const internal = new lambda.Function(shop, 'InternalFn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code });
  internal.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
  const topicKey = new kms.Key(shop, 'ShopKey', { enableKeyRotation: true });
  new sns.Topic(shop, 'OrderShipped', { masterKey: topicKey });
  new cognito.UserPool(shop, 'Customers', { mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { sms: true, otp: true } });
  new cognito.UserPool(shop, 'Merchants', { mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { sms: false, otp: true } });
  const accessLogs = new s3.Bucket(shop, 'AccessLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, lifecycleRules: [{ expiration: Duration.days(60) }] });
  new s3.Bucket(shop, 'Invoices', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, versioned: true });
  const exportsBucket = new s3.Bucket(shop, 'ReportExports', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, lifecycleRules: [{ expiration: Duration.days(365) }] });
  Tags.of(exportsBucket).add('DataSet', 'exported-reports');
  const plans = new backup.BackupPlan(shop, 'LongTerm', { backupPlanRules: [backup.BackupPlanRule.monthly5Year()] });
  plans.addSelection('Tables', { resources: [backup.BackupResource.fromTag('backup', 'long-term')] });
  new backup.BackupPlan(shop, 'Daily', { backupPlanRules: [backup.BackupPlanRule.daily()] });
  new dynamodb.TableV2(shop, 'Carts', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, replicas: [{ region: 'us-east-1' }] });
  new logs.LogGroup(shop, 'CheckoutRequestLogs', { logGroupName: '/shop/checkout-request-logs', retention: logs.RetentionDays.TWO_WEEKS });
  new secretsmanager.Secret(shop, 'PartnerApiKey', { secretStringValue: SecretValue.unsafePlainText(fakeSecret('partner-', 'e1b7c0d94f2a4c6b8a3e5d7f9b1c2e4a')) });
  new secretsmanager.Secret(shop, 'SigningKey', { generateSecretString: { passwordLength: 48 } });
  new ssm.StringParameter(shop, 'LegacyDbPassword', { parameterName: '/shop/legacy/db-password', stringValue: fakeSecret('Leg4cy', '-Db-', 'Passw0rd!') });
  new ssm.StringParameter(shop, 'FeatureFlags', { parameterName: '/shop/feature-flags', stringValue: '{"newCheckout":true}' });
}

const ops = new Stack(app, 'CorpusHoldOps', { env });
{
  const vpc = new ec2.Vpc(ops, 'OpsNet', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }, { name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const alb = new elbv2.ApplicationLoadBalancer(ops, 'Portal', { vpc, internetFacing: true });
  const albLogs = new s3.Bucket(ops, 'PortalLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  alb.logAccessLogs(albLogs);
  alb.addListener('Http', { port: 80, defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }) });
  const https = alb.addListener('Https', { port: 443, certificates: [cert(ops, 'PortalCert')], sslPolicy: elbv2.SslPolicy.TLS12 });
  const asg = new autoscaling.AutoScalingGroup(ops, 'PortalFleet', {
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    launchTemplate: new ec2.LaunchTemplate(ops, 'PortalTemplate', {
      securityGroup: new ec2.SecurityGroup(ops, 'FleetSg', { vpc, description: 'portal fleet' }),
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.SMALL),
      machineImage: ec2.MachineImage.latestAmazonLinux2023(),
      blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(20, { encrypted: false }) }],
    }),
  });
  https.addTargets('Fleet', { port: 80, targets: [asg] });
  const dbSg = new ec2.SecurityGroup(ops, 'LegacyMysqlSg', { vpc, description: 'legacy mysql' });
  dbSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(3306), 'vendor access');
  new rds.DatabaseInstance(ops, 'LegacyMysql', {
    engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0_39 }),
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, publiclyAccessible: true, securityGroups: [dbSg],
    backupRetention: Duration.days(0), storageEncrypted: true,
  });
  new efs.FileSystem(ops, 'Scratch', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, encrypted: false });
  new kinesis.Stream(ops, 'AuditStream', { encryption: kinesis.StreamEncryption.KMS, shardCount: 1 });
  new sfn.StateMachine(ops, 'Nightly', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Wait(ops, 'Pause', { time: sfn.WaitTime.duration(Duration.minutes(1)) })) });
  const restLogs = new logs.LogGroup(ops, 'PortalApiRequestLogs', { logGroupName: '/ops/portal-api-request-logs' });
  const api = new apigw.RestApi(ops, 'PortalApi', { endpointTypes: [apigw.EndpointType.REGIONAL], deployOptions: { accessLogDestination: new apigw.LogGroupLogDestination(restLogs), accessLogFormat: apigw.AccessLogFormat.clf() } });
  api.root.addMethod('GET', new apigw.MockIntegration({ integrationResponses: [{ statusCode: '200' }], requestTemplates: { 'application/json': '{"statusCode": 200}' } }), { methodResponses: [{ statusCode: '200' }] });
  new apigw.DomainName(ops, 'PortalDomain', { domainName: 'api.portal.example.org', certificate: cert(ops, 'ApiCert'), securityPolicy: apigw.SecurityPolicy.TLS_1_2, endpointType: apigw.EndpointType.REGIONAL });
  new cloudtrail.Trail(ops, 'OrgTrail', { sendToCloudWatchLogs: true });
  const rdp = new ec2.SecurityGroup(ops, 'SupportRdp', { vpc, description: 'vendor support' });
  rdp.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(3389));
  new elasticache.CfnServerlessCache(ops, 'Tokens', { engine: 'valkey', serverlessCacheName: 'tokens' });
  const runner = new iam.Role(ops, 'CiRunner', { assumedBy: new iam.AccountPrincipal('444455556666') });
  runner.addToPolicy(new iam.PolicyStatement({ actions: ['cloudformation:*'], resources: ['*'] }));
  const readonly = new iam.Role(ops, 'DashboardReader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  readonly.addToPolicy(new iam.PolicyStatement({ actions: ['cloudwatch:GetMetricData', 'cloudwatch:ListMetrics'], resources: ['*'] }));
}

// ---- Fresh held-out apps (session 6, third set): labelled from their templates and committed before vouch ran on them. ----
// A media platform: queue workers on Fargate, a WebSocket API, Cognito user and identity pools, OpenSearch, caches, backups.
const stream = new Stack(app, 'CorpusFreshStream', { env });
{
  const flowGroup = new logs.LogGroup(stream, 'MediaFlowLogs', { retention: logs.RetentionDays.ONE_YEAR });
  const vpc = new ec2.Vpc(stream, 'MediaVpc', { maxAzs: 2, natGateways: 1, flowLogs: { all: { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowGroup) } } });
  const cluster = new ecs.Cluster(stream, 'MediaCluster', { vpc });
  const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/alpine:3.20');
  new ecsPatterns.QueueProcessingFargateService(stream, 'Transcoder', { cluster, image, environment: { DB_HOST: 'media-db.internal', DB_PASSWORD: fakeSecret('Tr4ns', 'code-', 's3cret-2024') } });
  const thumbQueue = new sqs.Queue(stream, 'ThumbJobs', { encryption: sqs.QueueEncryption.UNENCRYPTED, visibilityTimeout: Duration.minutes(5) });
  const apiToken = new secretsmanager.Secret(stream, 'ThumbApiToken', { generateSecretString: { passwordLength: 40, excludePunctuation: true } });
  new ecsPatterns.QueueProcessingFargateService(stream, 'Thumbnailer', { cluster, image, queue: thumbQueue, secrets: { API_TOKEN: ecs.Secret.fromSecretsManager(apiToken) } });
  const connections = new dynamodb.Table(stream, 'Connections', { partitionKey: { name: 'connectionId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
  const recordings = new dynamodb.Table(stream, 'Recordings', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
  new dynamodb.TableV2(stream, 'Leaderboards', { partitionKey: { name: 'game', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, replicas: [{ region: 'ap-northeast-1' }] });
  const wsFn = new lambda.Function(stream, 'SocketFn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, environment: { TABLE: connections.tableName } });
  connections.grantReadWriteData(wsFn);
  const ws = new apigwv2.WebSocketApi(stream, 'Live', { connectRouteOptions: { integration: new WebSocketLambdaIntegration('Connect', wsFn) }, disconnectRouteOptions: { integration: new WebSocketLambdaIntegration('Disconnect', wsFn) } });
  new apigwv2.WebSocketStage(stream, 'LiveProd', { webSocketApi: ws, stageName: 'prod', autoDeploy: true });
  const wsLogs = new logs.LogGroup(stream, 'LiveStagingAccess', { retention: logs.RetentionDays.ONE_MONTH });
  const staging = new apigwv2.WebSocketStage(stream, 'LiveStaging', { webSocketApi: ws, stageName: 'staging', autoDeploy: true });
  staging.node.defaultChild.accessLogSettings = { destinationArn: wsLogs.logGroupArn, format: '$context.requestId $context.routeKey $context.status' };
  new cognito.UserPool(stream, 'Viewers', { selfSignUpEnabled: true });
  new cognito.UserPool(stream, 'Operators', { mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { sms: false, otp: true } });
  const ids = new identitypool.IdentityPool(stream, 'PlayerIdentities', { allowUnauthenticatedIdentities: true });
  ids.unauthenticatedRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: [recordings.tableArn] }));
  const searchAdmin = new iam.Role(stream, 'SearchAdmin', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  new opensearch.Domain(stream, 'Catalog', {
    version: opensearch.EngineVersion.OPENSEARCH_2_13,
    capacity: { dataNodes: 2, dataNodeInstanceType: 'r6g.large.search', multiAzWithStandbyEnabled: false },
    encryptionAtRest: { enabled: true }, nodeToNodeEncryption: true, enforceHttps: true, tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2,
    fineGrainedAccessControl: { masterUserArn: searchAdmin.roleArn },
    logging: { appLogEnabled: true, slowSearchLogEnabled: true, auditLogEnabled: true },
    vpc, vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }], zoneAwareness: { enabled: true, availabilityZoneCount: 2 },
  });
  new opensearch.Domain(stream, 'Analytics', {
    version: opensearch.EngineVersion.OPENSEARCH_2_11,
    capacity: { dataNodes: 1, dataNodeInstanceType: 't3.small.search', multiAzWithStandbyEnabled: false },
    encryptionAtRest: { enabled: true }, nodeToNodeEncryption: true, enforceHttps: true, tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_0,
    accessPolicies: [new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['es:ESHttpGet', 'es:ESHttpPost'], resources: ['*'] })],
  });
  const cacheSg = new ec2.SecurityGroup(stream, 'CacheSg', { vpc, description: 'caches' });
  const cacheSubnets = new elasticache.CfnSubnetGroup(stream, 'CacheSubnets', { description: 'caches', subnetIds: vpc.privateSubnets.map((s) => s.subnetId) });
  new elasticache.CfnReplicationGroup(stream, 'LiveState', { replicationGroupDescription: 'live state', engine: 'redis', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailoverEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, snapshotRetentionLimit: 0, cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId] });
  new elasticache.CfnReplicationGroup(stream, 'Presence', { replicationGroupDescription: 'presence', engine: 'valkey', cacheNodeType: 'cache.t4g.small', numCacheClusters: 1, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, snapshotRetentionLimit: 1, cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId] });
  const std = backup.BackupPlan.daily35DayRetention(stream, 'Standard');
  std.addSelection('Recordings', { resources: [backup.BackupResource.fromDynamoDbTable(recordings)] });
  new backup.BackupPlan(stream, 'Scratch', { backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'short', deleteAfter: Duration.days(3), scheduleExpression: events.Schedule.cron({ hour: '2', minute: '0' }) })] });
  new iam.User(stream, 'Editor', { password: SecretValue.secretsManager('media/editor') });
  const publisher = new iam.Role(stream, 'Publisher', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  publisher.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:PutObjectAcl'], resources: ['*'] }));
  const bastion = new ec2.BastionHostLinux(stream, 'Jump', { vpc, subnetSelection: { subnetType: ec2.SubnetType.PUBLIC } });
  const render = new ec2.SecurityGroup(stream, 'RenderFarm', { vpc, description: 'render farm' });
  render.addIngressRule(ec2.Peer.securityGroupId(bastion.connections.securityGroups[0].securityGroupId), ec2.Port.tcp(22), 'from the bastion');
  const suite = new ec2.SecurityGroup(stream, 'EditSuite', { vpc, description: 'edit suite' });
  suite.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'editors at home');
  new logs.LogGroup(stream, 'WsRequestLogs', { logGroupName: '/media/ws-request-logs', retention: logs.RetentionDays.ONE_MONTH });
  new logs.LogGroup(stream, 'TranscodeRequestLogs', { logGroupName: '/media/transcode-request-logs', retention: logs.RetentionDays.THREE_MONTHS });
  const mediaLogs = new s3.Bucket(stream, 'MediaAccessLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED });
  const media = new s3.Bucket(stream, 'Media', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: mediaLogs });
  new cloudfront.Distribution(stream, 'PlayerCdn', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(media), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.ALLOW_ALL },
    domainNames: ['play.example.org'], certificate: cert(stream, 'PlayerCert', 'us-east-1'), minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
    enableLogging: true,
  });
}

// A data lake: Batch on Fargate, Glue, Athena, backups with copies, WAF, Route 53 and ACM, EFS, RDS.
const lake = new Stack(app, 'CorpusFreshLake', { env });
{
  const vpc = new ec2.Vpc(lake, 'BatchVpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }, { name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const env1 = new batch.FargateComputeEnvironment(lake, 'Spot', { vpc, spot: true, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
  new batch.JobQueue(lake, 'Jobs', { computeEnvironments: [{ computeEnvironment: env1, order: 1 }] });
  const whSecret = new secretsmanager.Secret(lake, 'WarehouseCreds', { generateSecretString: { secretStringTemplate: '{"username":"loader"}', generateStringKey: 'password', excludePunctuation: true } });
  new batch.EcsJobDefinition(lake, 'Loader', { container: new batch.EcsFargateContainerDefinition(lake, 'LoaderContainer', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/python:3.12'), memory: cdkSize(2048), cpu: 1, environment: { WAREHOUSE_USER: 'loader', WAREHOUSE_PASSWORD: fakeSecret('Wh-', 'L0ader', '-pass-77') } }) });
  new batch.EcsJobDefinition(lake, 'Compactor', { container: new batch.EcsFargateContainerDefinition(lake, 'CompactorContainer', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/python:3.12'), memory: cdkSize(2048), cpu: 1, secrets: { WAREHOUSE_PASSWORD: batch.Secret.fromSecretsManager(whSecret, 'password') } }) });
  const debugSg = new ec2.SecurityGroup(lake, 'BatchDebug', { vpc, description: 'debug access to job hosts' });
  debugSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'temporary');
  const lakeLogs = new s3.Bucket(lake, 'LakeAccessLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, lifecycleRules: [{ expiration: Duration.days(90) }] });
  const raw = new s3.Bucket(lake, 'Raw', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, versioned: true, serverAccessLogsBucket: lakeLogs, serverAccessLogsPrefix: 'raw/' });
  const curatedKey = new kms.Key(lake, 'CuratedKey', { description: 'curated zone' });
  new s3.Bucket(lake, 'Curated', { encryption: s3.BucketEncryption.KMS, encryptionKey: curatedKey, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: lakeLogs, serverAccessLogsPrefix: 'curated/' });
  const results = new s3.Bucket(lake, 'QueryResults', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: lakeLogs, serverAccessLogsPrefix: 'results/', lifecycleRules: [{ expiration: Duration.days(30) }] });
  Tags.of(results).add('DataSet', 'exported-reports');
  const partner = new s3.Bucket(lake, 'PartnerExports', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(120) }] });
  Tags.of(partner).add('DataSet', 'exported-reports');
  const gdb = new glue.CfnDatabase(lake, 'LakeDb', { catalogId: lake.account, databaseInput: { name: 'lake' } });
  new glue.CfnConnection(lake, 'WarehouseJdbc', { catalogId: lake.account, connectionInput: { name: 'warehouse', connectionType: 'JDBC', connectionProperties: { JDBC_CONNECTION_URL: 'jdbc:postgresql://warehouse.internal:5432/lake', USERNAME: 'glue', PASSWORD: fakeSecret('gl', 'ue-Conn-', '9931x') } } });
  new glue.CfnConnection(lake, 'CatalogJdbc', { catalogId: lake.account, connectionInput: { name: 'catalog', connectionType: 'JDBC', connectionProperties: { JDBC_CONNECTION_URL: 'jdbc:mysql://meta.internal:3306/meta', SECRET_ID: whSecret.secretName } } });
  const jobRole = new iam.Role(lake, 'GlueJobRole', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com') });
  raw.grantRead(jobRole);
  jobRole.addToPolicy(new iam.PolicyStatement({ actions: ['glue:GetTable', 'glue:GetPartitions', 'glue:BatchCreatePartition'], resources: [lake.formatArn({ service: 'glue', resource: 'catalog' }), lake.formatArn({ service: 'glue', resource: 'database', resourceName: 'lake' }), lake.formatArn({ service: 'glue', resource: 'table', resourceName: 'lake/*' })] }));
  new athena.CfnWorkGroup(lake, 'Analysts', { name: 'analysts', workGroupConfiguration: { enforceWorkGroupConfiguration: true, resultConfiguration: { outputLocation: `s3://${results.bucketName}/analysts/`, encryptionConfiguration: { encryptionOption: 'SSE_S3' } } } });
  new athena.CfnWorkGroup(lake, 'AdHoc', { name: 'adhoc', workGroupConfiguration: { resultConfiguration: { outputLocation: `s3://${results.bucketName}/adhoc/` } } });
  const analyst = new iam.Role(lake, 'AnalystRole', { assumedBy: new iam.AccountRootPrincipal() });
  analyst.addToPolicy(new iam.PolicyStatement({ actions: ['athena:StartQueryExecution', 'athena:GetQueryResults'], resources: [lake.formatArn({ service: 'athena', resource: 'workgroup', resourceName: 'analysts' })] }));
  new iam.Role(lake, 'AuditorRole', { assumedBy: new iam.AccountPrincipal('999988887777'), externalIds: ['lake-audit-7f3a'], managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')] });
  const lakeAdmin = new iam.Role(lake, 'LakeAdmin', { assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }) });
  lakeAdmin.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: [raw.bucketArn, raw.arnForObjects('*')] }));
  const shared = new efs.FileSystem(lake, 'SharedFs', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, encrypted: false });
  new efs.FileSystem(lake, 'Home', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
  const vault = new backup.BackupVault(lake, 'LakeVault', { encryptionKey: new kms.Key(lake, 'VaultKey', { enableKeyRotation: true }) });
  const lakePlan = new backup.BackupPlan(lake, 'LakePlan', { backupVault: vault, backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'daily14', deleteAfter: Duration.days(14), scheduleExpression: events.Schedule.cron({ hour: '3', minute: '0' }), copyActions: [{ destinationBackupVault: backup.BackupVault.fromBackupVaultArn(lake, 'UsVault', 'arn:aws:backup:us-east-1:111122223333:backup-vault:lake-dr'), deleteAfter: Duration.days(14) }] })] });
  lakePlan.addSelection('Files', { resources: [backup.BackupResource.fromEfsFileSystem(shared)] });
  const weekly = new backup.BackupPlan(lake, 'Weekly', { backupVault: vault, backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'weekly', deleteAfter: Duration.days(90), scheduleExpression: events.Schedule.cron({ weekDay: 'SUN', hour: '4', minute: '0' }) })] });
  weekly.addSelection('Catalog', { resources: [backup.BackupResource.fromTag('backup', 'weekly')] });
  const whSg = new ec2.SecurityGroup(lake, 'WarehouseSg', { vpc, description: 'warehouse' });
  whSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(5432), 'BI tool vendor');
  new rds.DatabaseInstance(lake, 'Warehouse', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16_4 }),
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE), vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    securityGroups: [whSg], storageEncrypted: true, backupRetention: Duration.days(14), credentials: rds.Credentials.fromSecret(whSecret),
  });
  new rds.DatabaseInstance(lake, 'Metadata', {
    engine: rds.DatabaseInstanceEngine.mariaDb({ version: rds.MariaDbEngineVersion.VER_10_11 }),
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MICRO), vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  });
  new ssm.StringParameter(lake, 'WarehouseUrl', { parameterName: '/lake/warehouse-url', stringValue: fakeSecret('postgresql://loader:', 'Wh-L0ader-pass-77', '@warehouse.internal:5432/lake') });
  new ssm.StringParameter(lake, 'LakeDbName', { parameterName: '/lake/glue-database', stringValue: 'lake' });
  const portal = new elbv2.ApplicationLoadBalancer(lake, 'Portal', { vpc, internetFacing: true });
  portal.logAccessLogs(lakeLogs, 'alb');
  portal.addRedirect();
  portal.addListener('Https', { port: 443, certificates: [cert(lake, 'PortalCert')], sslPolicy: elbv2.SslPolicy.TLS13_RES, defaultAction: elbv2.ListenerAction.fixedResponse(404) });
  portal.addListener('Admin', { port: 8080, protocol: elbv2.ApplicationProtocol.HTTP, defaultAction: elbv2.ListenerAction.fixedResponse(200, { messageBody: 'admin' }) });
  const acl = new wafv2.CfnWebACL(lake, 'EdgeAcl', { scope: 'REGIONAL', defaultAction: { allow: {} }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'edge', sampledRequestsEnabled: true }, rules: [{ name: 'common', priority: 0, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'common', sampledRequestsEnabled: true } }] });
  new wafv2.CfnWebACLAssociation(lake, 'EdgeAclPortal', { resourceArn: portal.loadBalancerArn, webAclArn: acl.attrArn });
  const wafLogs = new logs.LogGroup(lake, 'WafLogs', { logGroupName: 'aws-waf-logs-lake-edge', retention: logs.RetentionDays.SIX_MONTHS });
  new wafv2.CfnLoggingConfiguration(lake, 'EdgeAclLogging', { resourceArn: acl.attrArn, logDestinationConfigs: [wafLogs.logGroupArn] });
  const zone = new route53.PublicHostedZone(lake, 'Zone', { zoneName: 'lake.example.org' });
  new acm.Certificate(lake, 'SiteCert', { domainName: 'portal.lake.example.org', validation: acm.CertificateValidation.fromDns(zone) });
  new route53.ARecord(lake, 'PortalAlias', { zone, recordName: 'portal', target: route53.RecordTarget.fromAlias({ bind: () => ({ dnsName: portal.loadBalancerDnsName, hostedZoneId: portal.loadBalancerCanonicalHostedZoneId }) }) });
}

// ---- Blind held-out apps (session 7): CDK apps in the shapes real open-source apps take, written ----
// after studying public CDK apps (SaaS starters, self-hosted tools on Fargate, data platforms), labelled
// from their templates in labels.blindcdk.yaml and committed before vouch ran on them.
// A SaaS backend: HttpApi with a JWT authorizer, Lambda with env vars, TableV2 with replicas, EventBridge,
// SNS/SQS, SES, Secrets Manager with hosted rotation, a REST API for partners, CloudFront + S3 (OAI), escape hatches.
const saas = new Stack(app, 'BlindSaas', { env });
{
  const vpc = new ec2.Vpc(saas, 'SaasVpc', { maxAzs: 2, natGateways: 1, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }, { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, { name: 'db', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }], flowLogs: { rejects: { trafficType: ec2.FlowLogTrafficType.REJECT } } });
  const appKey = new kms.Key(saas, 'AppKey', { enableKeyRotation: true, alias: 'saas/app' });
  const tenants = new dynamodb.TableV2(saas, 'Tenants', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, replicas: [{ region: 'eu-central-1' }], removalPolicy: RemovalPolicy.RETAIN });
  const invoices = new dynamodb.TableV2(saas, 'Invoices', { partitionKey: { name: 'tenantId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'invoiceId', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, replicas: [{ region: 'us-west-2' }] });
  const sessions = new dynamodb.TableV2(saas, 'Sessions', { partitionKey: { name: 'sid', type: dynamodb.AttributeType.STRING }, timeToLiveAttribute: 'expiresAt' });
  const dbSecret = new secretsmanager.Secret(saas, 'DbCredentials', { generateSecretString: { secretStringTemplate: '{"username":"saas"}', generateStringKey: 'password', excludePunctuation: true } });
  dbSecret.addRotationSchedule('Rotate', { hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser({ vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } }), automaticallyAfter: Duration.days(30) });
  const db = new rds.DatabaseInstance(saas, 'AppDb', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16_4 }),
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM), vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    credentials: rds.Credentials.fromSecret(dbSecret), storageEncrypted: true, backupRetention: Duration.days(7), multiAz: true, deletionProtection: true,
  });
  const integrations = new secretsmanager.Secret(saas, 'IntegrationKeys', { secretObjectValue: { openaiApiKey: SecretValue.unsafePlainText(fakeSecret('sk-proj-', 'T3xq9VbN2mLk8PwR4sYz7HcJ1dFg6Ua0')), hubspotToken: SecretValue.unsafePlainText(fakeSecret('pat-eu1-', '7c1e9a52-3b4d-4f6e-8a9b-0c1d2e3f4a5b')) } });
  const fnProps = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, tracing: lambda.Tracing.ACTIVE };
  const apiFn = new lambda.Function(saas, 'ApiFn', { ...fnProps, environment: { TENANTS_TABLE: tenants.tableName, INVOICES_TABLE: invoices.tableName, DB_HOST: db.dbInstanceEndpointAddress, DB_SECRET_ARN: dbSecret.secretArn, INTEGRATIONS_SECRET_ARN: integrations.secretArn } });
  tenants.grantReadWriteData(apiFn);
  invoices.grantReadWriteData(apiFn);
  sessions.grantReadWriteData(apiFn);
  dbSecret.grantRead(apiFn);
  integrations.grantRead(apiFn);
  db.connections.allowDefaultPortFrom(apiFn);
  const billingFn = new lambda.Function(saas, 'BillingFn', { ...fnProps, environment: { INVOICES_TABLE: invoices.tableName, DB_PASSWORD: dbSecret.secretValueFromJson('password').unsafeUnwrap(), DB_USER: 'saas' } });
  invoices.grantReadData(billingFn);
  const notifyFn = new lambda.Function(saas, 'NotifyFn', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code, environment: { SLACK_WEBHOOK_URL: fakeSecret('https://hooks.slack.com/services/', 'T04N8QZ2K/B07L1M9XR/', 'q8Zx2Lk9VbN3mPw7RtYs4HcJ') } });
  const pool = new cognito.UserPool(saas, 'Customers', { selfSignUpEnabled: true, signInAliases: { email: true }, mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { otp: true, sms: false }, passwordPolicy: { minLength: 12 } });
  const client = pool.addClient('WebClient', { authFlows: { userSrp: true } });
  const admins = new cognito.UserPool(saas, 'Operators', { selfSignUpEnabled: false, signInAliases: { email: true }, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false } });
  admins.node.defaultChild.addPropertyOverride('UserPoolAddOns', { AdvancedSecurityMode: 'ENFORCED' });
  const jwt = new HttpJwtAuthorizer('CustomerJwt', `https://cognito-idp.eu-west-1.amazonaws.com/${pool.userPoolId}`, { jwtAudience: [client.userPoolClientId] });
  const api = new apigwv2.HttpApi(saas, 'PublicApi', { apiName: 'saas-public', corsPreflight: { allowOrigins: ['https://app.example.org'], allowMethods: [apigwv2.CorsHttpMethod.ANY] } });
  api.addRoutes({ path: '/tenants/{id}', methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.PUT], integration: new HttpLambdaIntegration('TenantsInt', apiFn), authorizer: jwt });
  api.addRoutes({ path: '/invoices', methods: [apigwv2.HttpMethod.GET], integration: new HttpLambdaIntegration('InvoicesInt', billingFn), authorizer: jwt });
  const apiLogs = new logs.LogGroup(saas, 'ApiRequestLogs', { logGroupName: '/saas/api-request-logs', retention: logs.RetentionDays.TWO_WEEKS });
  const adminApi = new apigwv2.HttpApi(saas, 'AdminApi', { apiName: 'saas-admin' });
  adminApi.addRoutes({ path: '/admin/{proxy+}', methods: [apigwv2.HttpMethod.ANY], integration: new HttpLambdaIntegration('AdminInt', apiFn), authorizer: new HttpJwtAuthorizer('OperatorJwt', `https://cognito-idp.eu-west-1.amazonaws.com/${admins.userPoolId}`, { jwtAudience: ['saas-admin'] }) });
  adminApi.defaultStage.node.defaultChild.accessLogSettings = { destinationArn: apiLogs.logGroupArn, format: JSON.stringify({ requestId: '$context.requestId', ip: '$context.identity.sourceIp', status: '$context.status', route: '$context.routeKey' }) };
  new logs.LogGroup(saas, 'WebhookRequestLogs', { logGroupName: '/saas/webhook-request-logs', retention: logs.RetentionDays.SIX_MONTHS });
  const partnerLogs = new logs.LogGroup(saas, 'PartnerAccessLogs', { retention: logs.RetentionDays.ONE_YEAR });
  const partnerApi = new apigw.RestApi(saas, 'PartnerApi', { endpointTypes: [apigw.EndpointType.REGIONAL], deployOptions: { stageName: 'v1', accessLogDestination: new apigw.LogGroupLogDestination(partnerLogs), accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(), throttlingRateLimit: 50 }, apiKeySourceType: apigw.ApiKeySourceType.HEADER });
  partnerApi.root.addResource('usage').addMethod('GET', new apigw.LambdaIntegration(billingFn), { apiKeyRequired: true });
  partnerApi.addUsagePlan('PartnerPlan', { throttle: { rateLimit: 10, burstLimit: 20 } }).addApiStage({ stage: partnerApi.deploymentStage });
  const bus = new events.EventBus(saas, 'DomainEvents', { eventBusName: 'saas-domain' });
  bus.archive('DomainArchive', { eventPattern: { source: ['saas.tenants'] }, retention: Duration.days(30) });
  const jobs = new sqs.Queue(saas, 'Jobs', { visibilityTimeout: Duration.minutes(2), enforceSSL: true });
  const dead = new sqs.Queue(saas, 'DeadLetters', { retentionPeriod: Duration.days(14) });
  dead.node.defaultChild.addPropertyOverride('SqsManagedSseEnabled', false);
  new events.Rule(saas, 'TenantCreated', { eventBus: bus, eventPattern: { source: ['saas.tenants'], detailType: ['TenantCreated'] }, targets: [new targets.SqsQueue(jobs, { deadLetterQueue: dead }), new targets.LambdaFunction(notifyFn)] });
  new events.Rule(saas, 'NightlyBilling', { schedule: events.Schedule.cron({ hour: '1', minute: '0' }), targets: [new targets.LambdaFunction(billingFn)] });
  const alerts = new sns.Topic(saas, 'Alerts', { displayName: 'saas alerts' });
  alerts.addSubscription(new subs.EmailSubscription('oncall@example.org'));
  alerts.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['sns:Publish'], resources: [alerts.topicArn], conditions: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }));
  const billingEvents = new sns.Topic(saas, 'BillingEvents', { masterKey: appKey, enforceSSL: true });
  billingEvents.addSubscription(new subs.LambdaSubscription(notifyFn));
  const inbound = new sns.Topic(saas, 'PartnerInbound', { masterKey: appKey });
  inbound.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['sns:Publish'], resources: [inbound.topicArn] }));
  inbound.addSubscription(new subs.SqsSubscription(jobs));
  inbound.addSubscription(new subs.SqsSubscription(sqs.Queue.fromQueueArn(saas, 'UsAnalyticsQueue', 'arn:aws:sqs:us-east-1:111122223333:partner-analytics'), { rawMessageDelivery: true }));
  new ses.EmailIdentity(saas, 'MailDomain', { identity: ses.Identity.domain('mail.example.org'), configurationSet: new ses.ConfigurationSet(saas, 'Transactional', { tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE, reputationMetrics: true }) });
  notifyFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail', 'ses:SendRawEmail'], resources: ['*'] }));
  const stripeHook = new lambda.Function(saas, 'StripeWebhookFn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, environment: { STRIPE_WEBHOOK_SECRET_ARN: integrations.secretArn, QUEUE_URL: jobs.queueUrl } });
  jobs.grantSendMessages(stripeHook);
  stripeHook.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
  const webBucket = new s3.Bucket(saas, 'WebApp', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
  const webCdn = new cloudfront.Distribution(saas, 'WebCdn', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessIdentity(webBucket) }, defaultRootObject: 'index.html', errorResponses: [{ httpStatus: 404, responseHttpStatus: 200, responsePagePath: '/index.html' }] });
  new s3deploy.BucketDeployment(saas, 'DeployWeb', { sources: [s3deploy.Source.data('index.html', '<div id="root"></div>')], destinationBucket: webBucket, distribution: webCdn });
  const uploads = new s3.Bucket(saas, 'TenantUploads', { encryption: s3.BucketEncryption.KMS, encryptionKey: appKey, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, versioned: true, cors: [{ allowedMethods: [s3.HttpMethods.PUT], allowedOrigins: ['https://app.example.org'] }] });
  uploads.grantPut(apiFn);
  // Job queue Redis the way self-hosted apps write it: one node via L1, port open to any IPv4.
  const redisSg = new ec2.SecurityGroup(saas, 'QueueRedisSg', { vpc, description: 'job queue redis' });
  redisSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(6379));
  const redisSubnets = new elasticache.CfnSubnetGroup(saas, 'QueueRedisSubnets', { description: 'job queue redis', subnetIds: vpc.isolatedSubnets.map((x) => x.subnetId) });
  new elasticache.CfnCacheCluster(saas, 'QueueRedis', { engine: 'redis', engineVersion: '7.0', cacheNodeType: 'cache.t4g.micro', numCacheNodes: 1, azMode: 'single-az', port: 6379, autoMinorVersionUpgrade: true, cacheSubnetGroupName: redisSubnets.ref, vpcSecurityGroupIds: [redisSg.securityGroupId] });
  new elasticache.CfnServerlessCache(saas, 'RateLimits', { engine: 'valkey', serverlessCacheName: 'saas-rate-limits', subnetIds: vpc.isolatedSubnets.map((x) => x.subnetId) });
  new CfnOutput(saas, 'ApiUrl', { value: api.apiEndpoint });
  new CfnOutput(saas, 'CdnDomain', { value: webCdn.distributionDomainName });
}

// A containers platform: an ALB with several target groups, Service Connect, EFS, ECR, a scheduled task,
// DocumentDB, Redis via L1, CodeBuild, Auto Scaling groups on launch templates, a bastion.
const platform = new Stack(app, 'BlindContainers', { env });
{
  const flowBucket = new s3.Bucket(platform, 'FlowLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(90) }] });
  const vpc = new ec2.Vpc(platform, 'PlatformVpc', { ipAddresses: ec2.IpAddresses.cidr('10.40.0.0/16'), maxAzs: 2, natGateways: 1, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 }, { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 }, { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }], flowLogs: { s3: { destination: ec2.FlowLogDestination.toS3(flowBucket, 'vpc/') } } });
  const cluster = new ecs.Cluster(platform, 'Apps', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED, defaultCloudMapNamespace: { name: 'platform.internal', useForServiceConnect: true } });
  const apiRepo = new ecr.Repository(platform, 'ApiRepo', { imageScanOnPush: true, lifecycleRules: [{ maxImageCount: 50 }] });
  const workerRepo = new ecr.Repository(platform, 'WorkerRepo', { imageTagMutability: ecr.TagMutability.IMMUTABLE, encryption: ecr.RepositoryEncryption.KMS });
  const appSecret = new secretsmanager.Secret(platform, 'AppSecrets', { generateSecretString: { secretStringTemplate: '{"user":"app"}', generateStringKey: 'password', excludePunctuation: true } });
  const web = new ecsPatterns.ApplicationMultipleTargetGroupsFargateService(platform, 'Web', {
    cluster, cpu: 512, memoryLimitMiB: 1024, desiredCount: 2,
    taskImageOptions: { image: ecs.ContainerImage.fromEcrRepository(apiRepo, 'v1.4.2'), containerPorts: [3000, 9090], environment: { RAILS_ENV: 'production', SECRET_KEY_BASE: fakeSecret('9f3c2a7e1b8d4f60', 'a5c7e9b1d3f5a7c9', 'e1b3d5f7a9c1e3b5', 'd7f9a1c3e5b7d9f1'), REDIS_HOST: 'sidekiq.platform.internal' }, secrets: { DATABASE_PASSWORD: ecs.Secret.fromSecretsManager(appSecret, 'password') } },
    loadBalancers: [{ name: 'WebLb', publicLoadBalancer: true, domainName: 'app.example.org', domainZone: route53.HostedZone.fromHostedZoneAttributes(platform, 'Zone', { hostedZoneId: 'Z04718832GQ6XAMPLE01', zoneName: 'example.org' }), listeners: [{ name: 'Https', protocol: elbv2.ApplicationProtocol.HTTPS, port: 443, certificate: cert(platform, 'WebCert') }, { name: 'Metrics', protocol: elbv2.ApplicationProtocol.HTTP, port: 9090 }] }],
    targetGroups: [{ containerPort: 3000, listener: 'Https' }, { containerPort: 9090, listener: 'Metrics' }],
  });
  const uploadsFs = new efs.FileSystem(platform, 'UploadsFs', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, enableAutomaticBackups: true, performanceMode: efs.PerformanceMode.GENERAL_PURPOSE, lifecyclePolicy: efs.LifecyclePolicy.AFTER_30_DAYS });
  new efs.FileSystem(platform, 'BuildCache', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, removalPolicy: RemovalPolicy.DESTROY });
  const workerTask = new ecs.FargateTaskDefinition(platform, 'WorkerTask', { cpu: 1024, memoryLimitMiB: 2048 });
  workerTask.addVolume({ name: 'uploads', efsVolumeConfiguration: { fileSystemId: uploadsFs.fileSystemId, transitEncryption: 'ENABLED', authorizationConfig: { iam: 'ENABLED' } } });
  const worker = workerTask.addContainer('worker', { image: ecs.ContainerImage.fromEcrRepository(workerRepo, 'v1.4.2'), logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'worker', logRetention: logs.RetentionDays.ONE_MONTH }), environment: { QUEUES: 'default,mailers' }, secrets: { DATABASE_PASSWORD: ecs.Secret.fromSecretsManager(appSecret, 'password') }, portMappings: [{ name: 'worker-http', containerPort: 8080 }] });
  worker.addMountPoints({ containerPath: '/uploads', sourceVolume: 'uploads', readOnly: false });
  const workerSvc = new ecs.FargateService(platform, 'WorkerService', { cluster, taskDefinition: workerTask, desiredCount: 1, serviceConnectConfiguration: { services: [{ portMappingName: 'worker-http', dnsName: 'worker', port: 8080 }] } });
  uploadsFs.connections.allowDefaultPortFrom(workerSvc);
  uploadsFs.grantReadWrite(workerTask.taskRole);
  new ecsPatterns.ScheduledFargateTask(platform, 'NightlyReindex', {
    cluster, schedule: appscaling.Schedule.cron({ hour: '3', minute: '30' }),
    scheduledFargateTaskImageOptions: { image: ecs.ContainerImage.fromEcrRepository(workerRepo, 'v1.4.2'), memoryLimitMiB: 1024, command: ['bin/rake', 'search:reindex'], environment: { DATABASE_URL: fakeSecret('postgres://app:', 'Re1ndex-N1ghtly-', 'pw@db.platform.internal:5432/app') } },
  });
  new docdb.DatabaseCluster(platform, 'Catalog', { masterUser: { username: 'catalog' }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM), instances: 1, vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
  const docParams = new docdb.ClusterParameterGroup(platform, 'AuditParams', { family: 'docdb5.0', parameters: { tls: 'tls1.2+', audit_logs: 'enabled' }, description: 'tls 1.2+ and audit logs' });
  new docdb.DatabaseCluster(platform, 'Ledger', { masterUser: { username: 'ledger' }, engineVersion: '5.0.0', instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE), instances: 2, vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, parameterGroup: docParams, exportAuditLogsToCloudWatch: true, backup: { retention: Duration.days(21) }, deletionProtection: true });
  const redisSg = new ec2.SecurityGroup(platform, 'SidekiqSg', { vpc, description: 'sidekiq redis' });
  redisSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(6379), 'from the vpc');
  const redisSubnets = new elasticache.CfnSubnetGroup(platform, 'RedisSubnets', { description: 'redis', subnetIds: vpc.isolatedSubnets.map((x) => x.subnetId) });
  new elasticache.CfnReplicationGroup(platform, 'Sidekiq', { replicationGroupDescription: 'sidekiq jobs', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailoverEnabled: true, cacheSubnetGroupName: redisSubnets.ref, securityGroupIds: [redisSg.securityGroupId] });
  new elasticache.CfnReplicationGroup(platform, 'RailsCache', { replicationGroupDescription: 'rails cache', engine: 'valkey', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailoverEnabled: true, cacheSubnetGroupName: redisSubnets.ref, securityGroupIds: [redisSg.securityGroupId], atRestEncryptionEnabled: true, transitEncryptionEnabled: true, transitEncryptionMode: 'required', snapshotRetentionLimit: 0 });
  new elasticache.CfnServerlessCache(platform, 'FeatureFlags', { engine: 'valkey', serverlessCacheName: 'feature-flags', snapshotRetentionLimit: 5, dailySnapshotTime: '04:00', subnetIds: vpc.isolatedSubnets.map((x) => x.subnetId), securityGroupIds: [redisSg.securityGroupId] });
  const build = new codebuild.Project(platform, 'ImageBuild', {
    source: codebuild.Source.gitHub({ owner: 'example-org', repo: 'platform', webhook: true, webhookFilters: [codebuild.FilterGroup.inEventOf(codebuild.EventAction.PUSH).andBranchIs('main')] }),
    environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0, privileged: true, computeType: codebuild.ComputeType.MEDIUM },
    environmentVariables: { DOCKERHUB_USER: { value: 'exampleorg' }, DOCKERHUB_PASSWORD: { value: fakeSecret('dckr_pat_', 'q2Wx8Lk4VbN9mPz3RtYs7HcJ1dF') }, SONAR_TOKEN: { type: codebuild.BuildEnvironmentVariableType.PARAMETER_STORE, value: '/ci/sonar-token' }, REPO_URI: { value: apiRepo.repositoryUri } },
    buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', phases: { build: { commands: ['docker build -t $REPO_URI:$CODEBUILD_RESOLVED_SOURCE_VERSION .', 'docker push $REPO_URI:$CODEBUILD_RESOLVED_SOURCE_VERSION'] } } }),
  });
  apiRepo.grantPullPush(build);
  build.addToRolePolicy(new iam.PolicyStatement({ actions: ['ecr:*'], resources: [workerRepo.repositoryArn] }));
  const deployProject = new codebuild.Project(platform, 'CdkDeploy', { source: codebuild.Source.gitHub({ owner: 'example-org', repo: 'platform' }), environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0 }, buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', phases: { build: { commands: ['npx cdk deploy --all --require-approval never'] } } }) });
  deployProject.role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
  const appSg = new ec2.SecurityGroup(platform, 'LegacyAppSg', { vpc, description: 'legacy app hosts' });
  const userData = ec2.UserData.forLinux();
  userData.addCommands('dnf install -y docker', 'systemctl enable --now docker', `docker run -d -p 80:3000 ${apiRepo.repositoryUri}:v1.4.2`);
  const appLt = new ec2.LaunchTemplate(platform, 'LegacyAppTemplate', { machineImage: ec2.MachineImage.latestAmazonLinux2023(), instanceType: ec2.InstanceType.of(ec2.InstanceClass.M7G, ec2.InstanceSize.LARGE), requireImdsv2: true, userData, securityGroup: appSg, role: new iam.Role(platform, 'LegacyAppRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')] }), blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(40, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3 }) }] });
  new autoscaling.AutoScalingGroup(platform, 'LegacyApp', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, launchTemplate: appLt, minCapacity: 2, maxCapacity: 4 });
  const runnerSg = new ec2.SecurityGroup(platform, 'RunnerSg', { vpc, description: 'ci runners' });
  runnerSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(3389), 'windows runners rdp');
  const runnerLt = new ec2.LaunchTemplate(platform, 'RunnerTemplate', { machineImage: ec2.MachineImage.latestWindows(ec2.WindowsVersion.WINDOWS_SERVER_2022_ENGLISH_FULL_BASE), instanceType: ec2.InstanceType.of(ec2.InstanceClass.C6I, ec2.InstanceSize.XLARGE), securityGroup: runnerSg, associatePublicIpAddress: true, blockDevices: [{ deviceName: '/dev/sda1', volume: ec2.BlockDeviceVolume.ebs(100) }] });
  new autoscaling.AutoScalingGroup(platform, 'Runners', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, launchTemplate: runnerLt, minCapacity: 0, maxCapacity: 3 });
  const bastion = new ec2.BastionHostLinux(platform, 'Bastion', { vpc, subnetSelection: { subnetType: ec2.SubnetType.PUBLIC }, requireImdsv2: true });
  bastion.allowSshAccessFrom(ec2.Peer.ipv4('198.51.100.24/32'));
  appSg.addIngressRule(bastion.connections.securityGroups[0], ec2.Port.tcp(22), 'ssh from the bastion');
  const monSg = new ec2.SecurityGroup(platform, 'GrafanaSg', { vpc, description: 'grafana' });
  monSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(3000), 'dashboards');
  monSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'admin ssh');
  new ec2.Instance(platform, 'Grafana', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, securityGroup: monSg, instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.SMALL), machineImage: ec2.MachineImage.latestAmazonLinux2023(), requireImdsv2: true, keyPair: ec2.KeyPair.fromKeyPairName(platform, 'OpsKey', 'ops') });
  new iam.Role(platform, 'PlatformDeployer', { assumedBy: new iam.AccountRootPrincipal(), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('PowerUserAccess')], maxSessionDuration: Duration.hours(4) });
  new iam.Role(platform, 'PlatformReadOnly', { assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')] });
  new dynamodb.TableV2(platform, 'Leases', { partitionKey: { name: 'lockId', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, replicas: [{ region: 'eu-north-1' }, { region: 'ap-south-1' }] });
  new CfnOutput(platform, 'WebUrl', { value: web.loadBalancer.loadBalancerDnsName });
}

// A data/ML platform: Kinesis and Firehose (L1), Glue (L1), Athena, S3 zones with lifecycle and replication,
// SageMaker (L1), Step Functions with Map states, AwsCustomResource, KMS key policies, backups, OpenSearch.
const dataPlatform = new Stack(app, 'BlindData', { env });
{
  const vpc = new ec2.Vpc(dataPlatform, 'DataVpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }, { name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }], gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 } } });
  const dataKey = new kms.Key(dataPlatform, 'DataKey', { enableKeyRotation: true, description: 'lake data' });
  dataKey.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.ArnPrincipal('arn:aws:iam::444455556666:root')], actions: ['kms:Decrypt', 'kms:DescribeKey'], resources: ['*'] }));
  const exportKey = new kms.Key(dataPlatform, 'ExportKey', { description: 'partner exports', removalPolicy: RemovalPolicy.DESTROY });
  const accessLogs = new s3.Bucket(dataPlatform, 'LakeServerLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, lifecycleRules: [{ expiration: Duration.days(60) }] });
  const raw = new s3.Bucket(dataPlatform, 'RawZone', { encryption: s3.BucketEncryption.KMS, encryptionKey: dataKey, bucketKeyEnabled: true, enforceSSL: true, versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'raw/', lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(90) }], noncurrentVersionExpiration: Duration.days(30) }] });
  const replicaRole = new iam.Role(dataPlatform, 'ReplicationRole', { assumedBy: new iam.ServicePrincipal('s3.amazonaws.com') });
  const curated = new s3.Bucket(dataPlatform, 'CuratedZone', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'curated/', replicationRole: replicaRole, replicationRules: [{ destination: s3.Bucket.fromBucketArn(dataPlatform, 'DrCopy', 'arn:aws:s3:::blind-curated-dr-copy'), priority: 1 }] });
  const results = new s3.Bucket(dataPlatform, 'AthenaResults', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'athena/', lifecycleRules: [{ expiration: Duration.days(7) }] });
  const reports = new s3.Bucket(dataPlatform, 'MonthlyReports', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, lifecycleRules: [{ expiration: Duration.days(60) }] });
  Tags.of(reports).add('DataSet', 'exported-reports');
  const partnerReports = new s3.Bucket(dataPlatform, 'PartnerReports', { encryption: s3.BucketEncryption.KMS, encryptionKey: exportKey, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(180) }] });
  Tags.of(partnerReports).add('DataSet', 'exported-reports');
  const auditReports = new s3.Bucket(dataPlatform, 'AuditReports', { enforceSSL: true, versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, lifecycleRules: [{ expiration: Duration.days(45) }] });
  Tags.of(auditReports).add('DataSet', 'exported-reports');
  new s3.Bucket(dataPlatform, 'DataDocs', { websiteIndexDocument: 'index.html', publicReadAccess: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY });
  new logs.LogGroup(dataPlatform, 'IngestRequestLogs', { logGroupName: '/data/ingest-request-logs', retention: logs.RetentionDays.ONE_MONTH });
  new logs.LogGroup(dataPlatform, 'QueryRequestLogs', { logGroupName: '/data/query-request-logs' });
  const clicks = new kinesis.Stream(dataPlatform, 'Clickstream', { streamMode: kinesis.StreamMode.ON_DEMAND });
  const secureStream = new kinesis.Stream(dataPlatform, 'Transactions', { encryption: kinesis.StreamEncryption.KMS, encryptionKey: dataKey, retentionPeriod: Duration.days(7) });
  new kinesis.CfnStream(dataPlatform, 'DeviceTelemetry', { shardCount: 2, retentionPeriodHours: 48 });
  const fhRole = new iam.Role(dataPlatform, 'FirehoseRole', { assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com') });
  clicks.grantRead(fhRole);
  raw.grantReadWrite(fhRole);
  new firehose.CfnDeliveryStream(dataPlatform, 'ClickFirehose', { deliveryStreamType: 'KinesisStreamAsSource', kinesisStreamSourceConfiguration: { kinesisStreamArn: clicks.streamArn, roleArn: fhRole.roleArn }, extendedS3DestinationConfiguration: { bucketArn: raw.bucketArn, roleArn: fhRole.roleArn, prefix: 'clicks/', bufferingHints: { intervalInSeconds: 300, sizeInMBs: 64 } } });
  new firehose.CfnDeliveryStream(dataPlatform, 'PartnerFeed', { deliveryStreamType: 'DirectPut', extendedS3DestinationConfiguration: { bucketArn: raw.bucketArn, roleArn: fhRole.roleArn, prefix: 'partners/' } });
  new firehose.CfnDeliveryStream(dataPlatform, 'AuditFeed', { deliveryStreamType: 'DirectPut', deliveryStreamEncryptionConfigurationInput: { keyType: 'AWS_OWNED_CMK' }, extendedS3DestinationConfiguration: { bucketArn: raw.bucketArn, roleArn: fhRole.roleArn, prefix: 'audit/' } });
  secureStream.grantRead(fhRole);
  const glueRole = new iam.Role(dataPlatform, 'GlueRole', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSGlueServiceRole')] });
  raw.grantRead(glueRole);
  curated.grantReadWrite(glueRole);
  glueRole.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
  const gdb = new glue.CfnDatabase(dataPlatform, 'LakeDb', { catalogId: dataPlatform.account, databaseInput: { name: 'blind_lake' } });
  new glue.CfnCrawler(dataPlatform, 'RawCrawler', { role: glueRole.roleArn, databaseName: 'blind_lake', targets: { s3Targets: [{ path: `s3://${raw.bucketName}/clicks/` }] }, schedule: { scheduleExpression: 'cron(0 2 * * ? *)' } });
  const warehouseSecret = new secretsmanager.Secret(dataPlatform, 'SnowflakeCreds', { generateSecretString: { secretStringTemplate: '{"user":"etl"}', generateStringKey: 'password' } });
  const compact = new glue.CfnJob(dataPlatform, 'CompactJob', { role: glueRole.roleArn, command: { name: 'glueetl', scriptLocation: `s3://${curated.bucketName}/scripts/compact.py`, pythonVersion: '3' }, glueVersion: '4.0', defaultArguments: { '--secret_id': warehouseSecret.secretName, '--job-bookmark-option': 'job-bookmark-enable' } });
  new glue.CfnJob(dataPlatform, 'ExportJob', { role: glueRole.roleArn, command: { name: 'pythonshell', scriptLocation: `s3://${curated.bucketName}/scripts/export.py`, pythonVersion: '3.9' }, defaultArguments: { '--snowflake_user': 'etl', '--snowflake_password': fakeSecret('Sn0w', '-Etl-', 'Pa55-2025') } });
  new athena.CfnWorkGroup(dataPlatform, 'Analysts', { name: 'blind-analysts', workGroupConfiguration: { enforceWorkGroupConfiguration: true, publishCloudWatchMetricsEnabled: true, resultConfiguration: { outputLocation: `s3://${results.bucketName}/analysts/`, encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: dataKey.keyArn } } } });
  const mapState = new sfn.Map(dataPlatform, 'EachPartition', { itemsPath: '$.partitions', maxConcurrency: 4 });
  mapState.itemProcessor(new tasks.GlueStartJobRun(dataPlatform, 'Compact', { glueJobName: compact.ref, integrationPattern: sfn.IntegrationPattern.RUN_JOB }));
  const sfnLogs = new logs.LogGroup(dataPlatform, 'PipelineLogs', { retention: logs.RetentionDays.THREE_MONTHS });
  new sfn.StateMachine(dataPlatform, 'CompactionPipeline', { definitionBody: sfn.DefinitionBody.fromChainable(mapState), logs: { destination: sfnLogs, level: sfn.LogLevel.ERROR }, tracingEnabled: true });
  const distributed = new sfn.DistributedMap(dataPlatform, 'EachObject', { itemReader: new sfn.S3ObjectsItemReader({ bucket: raw, prefix: 'backfill/' }), maxConcurrency: 50 });
  distributed.itemProcessor(new sfn.Pass(dataPlatform, 'Touch'));
  new sfn.StateMachine(dataPlatform, 'Backfill', { definitionBody: sfn.DefinitionBody.fromChainable(distributed) });
  new cr.AwsCustomResource(dataPlatform, 'StartFirstCrawl', { onCreate: { service: 'Glue', action: 'startCrawler', parameters: { Name: 'blind-raw' }, physicalResourceId: cr.PhysicalResourceId.of('blind-raw-first-crawl') }, policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }), installLatestAwsSdk: false });
  new cr.AwsCustomResource(dataPlatform, 'ReadLakeConfig', { onUpdate: { service: 'SSM', action: 'getParameter', parameters: { Name: '/data/lake-config' }, physicalResourceId: cr.PhysicalResourceId.of('lake-config') }, policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [dataPlatform.formatArn({ service: 'ssm', resource: 'parameter', resourceName: 'data/lake-config' })] }), installLatestAwsSdk: false });
  const smRole = new iam.Role(dataPlatform, 'NotebookRole', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSageMakerFullAccess')] });
  curated.grantRead(smRole);
  const nbSg = new ec2.SecurityGroup(dataPlatform, 'NotebookSg', { vpc, description: 'notebooks', allowAllOutbound: true });
  new sagemaker.CfnNotebookInstance(dataPlatform, 'Exploration', { instanceType: 'ml.t3.large', roleArn: smRole.roleArn, volumeSizeInGb: 50 });
  new sagemaker.CfnNotebookInstance(dataPlatform, 'Modeling', { instanceType: 'ml.m5.xlarge', roleArn: smRole.roleArn, directInternetAccess: 'Disabled', subnetId: vpc.isolatedSubnets[0].subnetId, securityGroupIds: [nbSg.securityGroupId], kmsKeyId: dataKey.keyId, rootAccess: 'Disabled' });
  const metastore = new rds.DatabaseCluster(dataPlatform, 'Metastore', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_15_8 }),
    writer: rds.ClusterInstance.provisioned('Writer', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE) }),
    readers: [rds.ClusterInstance.provisioned('Reader', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE) })],
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  });
  metastore.connections.allowDefaultPortFrom(nbSg);
  new opensearch.Domain(dataPlatform, 'LogSearch', {
    version: opensearch.EngineVersion.OPENSEARCH_2_15, vpc, vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_ISOLATED, availabilityZones: [vpc.availabilityZones[0]] }],
    capacity: { dataNodes: 1, dataNodeInstanceType: 'r6g.large.search', multiAzWithStandbyEnabled: false }, zoneAwareness: { enabled: false },
    encryptionAtRest: { enabled: true }, nodeToNodeEncryption: true, enforceHttps: true, ebs: { volumeSize: 100 },
  });
  const vault = new backup.BackupVault(dataPlatform, 'DataVault', { encryptionKey: dataKey });
  const compliance = backup.BackupPlan.dailyMonthly1YearRetention(dataPlatform, 'Compliance', vault);
  compliance.addSelection('Tagged', { resources: [backup.BackupResource.fromTag('compliance', 'true')] });
  const dr = new backup.BackupPlan(dataPlatform, 'DisasterRecovery', { backupVault: vault, backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'nightly', deleteAfter: Duration.days(30), scheduleExpression: events.Schedule.cron({ hour: '1', minute: '0' }), copyActions: [{ destinationBackupVault: backup.BackupVault.fromBackupVaultArn(dataPlatform, 'VirginiaVault', 'arn:aws:backup:us-east-1:111122223333:backup-vault:data-dr'), deleteAfter: Duration.days(30) }] })] });
  dr.addSelection('Critical', { resources: [backup.BackupResource.fromTag('tier', 'critical')] });
  const tunnel = new ec2.BastionHostLinux(dataPlatform, 'Tunnel', { vpc, subnetSelection: { subnetType: ec2.SubnetType.PUBLIC } });
  tunnel.allowSshAccessFrom(ec2.Peer.anyIpv4());
  const analysts = new iam.Group(dataPlatform, 'AnalystGroup', { managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonAthenaFullAccess')] });
  analysts.addUser(new iam.User(dataPlatform, 'Analyst', { userName: 'analyst', password: SecretValue.secretsManager('data/analyst-console'), passwordResetRequired: true }));
  new cognito.UserPool(dataPlatform, 'PortalUsers', { signInAliases: { email: true } });
  new CfnOutput(dataPlatform, 'RawBucket', { value: raw.bucketName });
}

// ---------------------------------------------------------------------------------------------
// Final held-out apps (session 7, last set): routed to templates/finalcdk/, labelled in
// labels.finalcdk.yaml before vouch ran on them. A real-time mobile backend and a lifted legacy app.
const schemaPath = join(tmpdir(), 'vouch-corpus-final-chat.graphql');
writeFileSync(schemaPath, 'type Message { roomId: ID! sentAt: Float! body: String }\ntype Query { messages(roomId: ID!): [Message] }\nschema { query: Query }\n');
const mobile = new Stack(app, 'FinalMobile', { env });
{
  const users = new cognito.UserPool(mobile, 'AppUsers', { selfSignUpEnabled: true, signInAliases: { email: true, phone: true }, autoVerify: { email: true }, accountRecovery: cognito.AccountRecovery.EMAIL_ONLY });
  users.addDomain('HostedUi', { cognitoDomain: { domainPrefix: 'chatter-app-login' } });
  const mobileClient = users.addClient('MobileClient', { authFlows: { userSrp: true }, oAuth: { flows: { authorizationCodeGrant: true }, callbackUrls: ['chatter://callback'] } });
  users.addClient('BackendClient', { generateSecret: true, oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.custom('chat/admin')] } });
  const staff = new cognito.UserPool(mobile, 'Moderators', { selfSignUpEnabled: false, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false }, advancedSecurityMode: cognito.AdvancedSecurityMode.ENFORCED });
  const messages = new dynamodb.Table(mobile, 'Messages', { partitionKey: { name: 'roomId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'sentAt', type: dynamodb.AttributeType.NUMBER }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES, pointInTimeRecovery: true });
  const rooms = new dynamodb.Table(mobile, 'Rooms', { partitionKey: { name: 'roomId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, encryption: dynamodb.TableEncryption.AWS_MANAGED, pointInTimeRecovery: true });
  const presence = new dynamodb.Table(mobile, 'Presence', { partitionKey: { name: 'userId', type: dynamodb.AttributeType.STRING }, timeToLiveAttribute: 'ttl' });
  const api = new appsync.GraphqlApi(mobile, 'ChatApi', {
    name: 'chatter', definition: appsync.Definition.fromSchema(appsync.SchemaFile.fromAsset(schemaPath)),
    authorizationConfig: { defaultAuthorization: { authorizationType: appsync.AuthorizationType.API_KEY, apiKeyConfig: { expires: Expiration.atTimestamp(1828108326000) /* fixed: after(365 days) rewrote the template on every synth */ } }, additionalAuthorizationModes: [{ authorizationType: appsync.AuthorizationType.USER_POOL, userPoolConfig: { userPool: users } }] },
    xrayEnabled: true,
  });
  const msgSource = api.addDynamoDbDataSource('MessagesSource', messages);
  msgSource.createResolver('ListMessages', { typeName: 'Query', fieldName: 'messages', requestMappingTemplate: appsync.MappingTemplate.dynamoDbQuery(appsync.KeyCondition.eq('roomId', 'roomId')), responseMappingTemplate: appsync.MappingTemplate.dynamoDbResultList() });
  api.addDynamoDbDataSource('RoomsSource', rooms, { readOnlyAccess: true });
  new appsync.CfnApiCache(mobile, 'ChatApiCache', { apiId: api.apiId, apiCachingBehavior: 'FULL_REQUEST_CACHING', ttl: 300, type: 'SMALL' });
  const adminApi = new appsync.GraphqlApi(mobile, 'ModerationApi', {
    name: 'chatter-moderation', definition: appsync.Definition.fromSchema(appsync.SchemaFile.fromAsset(schemaPath)),
    authorizationConfig: { defaultAuthorization: { authorizationType: appsync.AuthorizationType.USER_POOL, userPoolConfig: { userPool: staff } } },
    logConfig: { fieldLogLevel: appsync.FieldLogLevel.ALL, retention: logs.RetentionDays.ONE_MONTH },
  });
  adminApi.addNoneDataSource('Local');
  const fnProps = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, timeout: Duration.seconds(30) };
  const fanout = new lambda.Function(mobile, 'PushFanoutFn', { ...fnProps, environment: { ROOMS_TABLE: rooms.tableName, FCM_SERVER_KEY: fakeSecret('AAAAq7Zk2Lw:', 'APA91bH4xQz9VbN2mLk8PwR4sYz7HcJ1dFg6Ua0TqE3rWy5uIo8pAs2dFg7hJk9lZx1cVb3nM'), APNS_TEAM_ID: 'X7K2M9Q4LP' } });
  fanout.addEventSource(new eventsources.DynamoEventSource(messages, { startingPosition: lambda.StartingPosition.LATEST, batchSize: 50, retryAttempts: 3, bisectBatchOnError: true }));
  rooms.grantReadData(fanout);
  const retries = new sqs.Queue(mobile, 'PushRetries', { encryption: sqs.QueueEncryption.KMS_MANAGED, visibilityTimeout: Duration.minutes(1) });
  const undeliverable = new sqs.Queue(mobile, 'Undeliverable', { encryption: sqs.QueueEncryption.UNENCRYPTED, retentionPeriod: Duration.days(14) });
  retries.grantSendMessages(fanout);
  const retryFn = new lambda.Function(mobile, 'PushRetryFn', { ...fnProps, environment: { DLQ_URL: undeliverable.queueUrl }, deadLetterQueue: undeliverable });
  retryFn.addEventSource(new eventsources.SqsEventSource(retries, { batchSize: 10 }));
  retryFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
  const moderationFn = new lambda.Function(mobile, 'ModerationFn', { ...fnProps, environment: { MESSAGES_TABLE: messages.tableName } });
  messages.grantReadWriteData(moderationFn);
  moderationFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['comprehend:DetectToxicContent', 'comprehend:DetectSentiment'], resources: ['*'] }));
  new logs.LogGroup(mobile, 'ClientRequestLogs', { logGroupName: '/chatter/client-request-logs', retention: logs.RetentionDays.ONE_MONTH });
  new logs.LogGroup(mobile, 'PushRequestLogs', { logGroupName: '/chatter/push-request-logs' });
  const bus = new events.EventBus(mobile, 'ChatEvents', { eventBusName: 'chatter' });
  new events.Rule(mobile, 'ReportedMessages', { eventBus: bus, eventPattern: { source: ['chatter.moderation'], detailType: ['MessageReported'] }, targets: [new targets.LambdaFunction(moderationFn)] });
  new events.Rule(mobile, 'AnalyticsForward', { eventBus: bus, eventPattern: { source: ['chatter.messages'] }, targets: [new targets.EventBus(events.EventBus.fromEventBusArn(mobile, 'UsAnalyticsBus', 'arn:aws:events:us-east-1:444455556666:event-bus/product-analytics'))] });
  const media = new s3.Bucket(mobile, 'MediaUploads', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.S3_MANAGED, cors: [{ allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET], allowedOrigins: ['*'] }], lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }] });
  media.grantPut(fanout);
  const acl = new wafv2.CfnWebACL(mobile, 'EdgeAcl', { scope: 'CLOUDFRONT', defaultAction: { allow: {} }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'chatter-edge', sampledRequestsEnabled: true }, rules: [{ name: 'common', priority: 0, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'common', sampledRequestsEnabled: true } }, { name: 'rate', priority: 1, action: { block: {} }, statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: 'IP' } }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'rate', sampledRequestsEnabled: true } }] });
  const rewrite = new cloudfront.Function(mobile, 'SignedPathFn', { code: cloudfront.FunctionCode.fromInline('function handler(event) { return event.request; }'), runtime: cloudfront.FunctionRuntime.JS_2_0 });
  new cloudfront.Distribution(mobile, 'MediaCdn', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(media), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS, functionAssociations: [{ function: rewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }], cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED },
    additionalBehaviors: { '/public/*': { origin: origins.S3BucketOrigin.withOriginAccessControl(media), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.ALLOW_ALL } },
    webAclId: acl.attrArn, enableLogging: true, logFilePrefix: 'media/', priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
  });
  const chatExports = new s3.Bucket(mobile, 'ChatExports', { enforceSSL: true, serverAccessLogsPrefix: 'access/', lifecycleRules: [{ expiration: Duration.days(60) }] });
  Tags.of(chatExports).add('DataSet', 'exported-reports');
  chatExports.grantPut(moderationFn);
  const landing = new s3.Bucket(mobile, 'LandingSite', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
  new cloudfront.Distribution(mobile, 'LandingCdn', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(landing), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY },
    domainNames: ['chatter.example.net'], certificate: cert(mobile, 'LandingCert', 'us-east-1'), defaultRootObject: 'index.html', webAclId: acl.attrArn,
  });
  new CfnOutput(mobile, 'GraphqlUrl', { value: api.graphqlUrl });
  new CfnOutput(mobile, 'ApiKey', { value: api.apiKey ?? '' });
  new CfnOutput(mobile, 'MobileClientId', { value: mobileClient.userPoolClientId });
}

// A lifted legacy app: an Auto Scaling group behind an NLB with TLS listeners, RDS MySQL with option
// and parameter groups, Memcached via L1, Route 53, a daily Backup plan, SSM parameters, alarms to email.
const legacy = new Stack(app, 'FinalLegacy', { env });
{
  const vpc = new ec2.Vpc(legacy, 'LegacyVpc', { maxAzs: 2, natGateways: 1 });
  const alarmsTopic = new sns.Topic(legacy, 'OpsAlarms', { displayName: 'legacy ops' });
  alarmsTopic.addSubscription(new subs.EmailSubscription('ops@example.net'));
  const assets = new s3.Bucket(legacy, 'LegacyAssets', { versioned: true });
  const webSg = new ec2.SecurityGroup(legacy, 'WebSg', { vpc, description: 'legacy web tier' });
  webSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(8443), 'from the NLB');
  const dbParams = new rds.ParameterGroup(legacy, 'OrdersDbParams', { engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0_39 }), parameters: { require_secure_transport: 'ON', tls_version: 'TLSv1.2', slow_query_log: '1' } });
  const dbOptions = new rds.OptionGroup(legacy, 'OrdersDbOptions', { engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0_39 }), configurations: [{ name: 'MARIADB_AUDIT_PLUGIN', settings: { SERVER_AUDIT_EVENTS: 'CONNECT,QUERY_DDL' } }] });
  const db = new rds.DatabaseInstance(legacy, 'OrdersDb', {
    engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0_39 }), instanceType: ec2.InstanceType.of(ec2.InstanceClass.M6G, ec2.InstanceSize.LARGE), vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, credentials: rds.Credentials.fromGeneratedSecret('orders_admin'), parameterGroup: dbParams, optionGroup: dbOptions,
    cloudwatchLogsExports: ['audit', 'error', 'slowquery'], allocatedStorage: 200, multiAz: true, removalPolicy: RemovalPolicy.SNAPSHOT,
  });
  db.connections.allowDefaultPortFrom(webSg);
  const reportsDb = new rds.DatabaseInstance(legacy, 'ReportsDb', {
    engine: rds.DatabaseInstanceEngine.mariaDb({ version: rds.MariaDbEngineVersion.VER_10_11 }), instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.SMALL), vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, publiclyAccessible: true, credentials: rds.Credentials.fromGeneratedSecret('reports'), storageEncrypted: true, backupRetention: Duration.days(14),
  });
  reportsDb.connections.allowDefaultPortFrom(webSg);
  reportsDb.connections.allowDefaultPortFrom(ec2.Peer.ipv4('203.0.113.40/32'), 'BI tool at the office');
  const cacheSg = new ec2.SecurityGroup(legacy, 'PageCacheSg', { vpc, description: 'memcached' });
  cacheSg.addIngressRule(webSg, ec2.Port.tcp(11211));
  const cacheSubnets = new elasticache.CfnSubnetGroup(legacy, 'PageCacheSubnets', { description: 'memcached', subnetIds: vpc.privateSubnets.map((x) => x.subnetId) });
  new elasticache.CfnCacheCluster(legacy, 'PageCache', { engine: 'memcached', cacheNodeType: 'cache.m6g.large', numCacheNodes: 2, azMode: 'cross-az', cacheSubnetGroupName: cacheSubnets.ref, vpcSecurityGroupIds: [cacheSg.securityGroupId] });
  new elasticache.CfnCacheCluster(legacy, 'SessionCache', { engine: 'memcached', engineVersion: '1.6.22', cacheNodeType: 'cache.t4g.small', numCacheNodes: 1, transitEncryptionEnabled: true, cacheSubnetGroupName: cacheSubnets.ref, vpcSecurityGroupIds: [cacheSg.securityGroupId] });
  new elasticache.CfnReplicationGroup(legacy, 'CartStore', { replicationGroupDescription: 'shopping carts', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailoverEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, snapshotRetentionLimit: 7, cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId] });
  const userData = ec2.UserData.forLinux();
  userData.addCommands('dnf install -y java-17-amazon-corretto nginx', `aws s3 cp s3://${assets.bucketName}/releases/shop.war /opt/shop/shop.war`, `echo "db.host=${db.dbInstanceEndpointAddress}" >> /opt/shop/app.properties`, 'systemctl enable --now shop nginx');
  const web = new autoscaling.AutoScalingGroup(legacy, 'WebAsg', {
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.M6I, ec2.InstanceSize.LARGE), machineImage: ec2.MachineImage.latestAmazonLinux2023(),
    minCapacity: 2, maxCapacity: 6, securityGroup: webSg, userData, requireImdsv2: true,
    blockDevices: [{ deviceName: '/dev/xvda', volume: autoscaling.BlockDeviceVolume.ebs(30, { encrypted: true, volumeType: autoscaling.EbsDeviceVolumeType.GP3 }) }],
    healthCheck: autoscaling.HealthCheck.elb({ grace: Duration.minutes(5) }),
  });
  web.role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore'));
  assets.grantRead(web);
  web.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60 });
  const batchUserData = ec2.UserData.forLinux();
  batchUserData.addCommands('yum install -y cronie', `echo "export SMTP_PASSWORD=${fakeSecret('Xk9#', 'mQ2vL7pR4tW8')}" >> /etc/profile.d/mail.sh`, 'echo "0 2 * * * /opt/shop/nightly.sh" | crontab -');
  const batchHost = new autoscaling.AutoScalingGroup(legacy, 'NightlyBatchAsg', {
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, associatePublicIpAddress: true, instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MEDIUM), machineImage: ec2.MachineImage.latestAmazonLinux2(),
    minCapacity: 1, maxCapacity: 1, userData: batchUserData, keyName: 'legacy-ops',
  });
  batchHost.connections.allowFrom(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ops ssh');
  batchHost.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: [assets.bucketArn, assets.arnForObjects('*')] }));
  db.connections.allowDefaultPortFrom(batchHost);
  const bastion = new ec2.BastionHostLinux(legacy, 'Bastion', { vpc, subnetSelection: { subnetType: ec2.SubnetType.PUBLIC }, blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(10, { encrypted: true }) }] });
  bastion.allowSshAccessFrom(ec2.Peer.ipv4('198.51.100.0/24'));
  const nlb = new elbv2.NetworkLoadBalancer(legacy, 'PublicNlb', { vpc, internetFacing: true, crossZoneEnabled: true });
  const shopCert = cert(legacy, 'ShopCert');
  const tls = nlb.addListener('Tls', { port: 443, protocol: elbv2.Protocol.TLS, certificates: [shopCert] });
  tls.addTargets('Web', { port: 8443, protocol: elbv2.Protocol.TLS, targets: [web], healthCheck: { protocol: elbv2.Protocol.TCP } });
  const partnerTls = nlb.addListener('PartnerTls', { port: 8443, protocol: elbv2.Protocol.TLS, certificates: [shopCert], sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS });
  partnerTls.addTargets('Partner', { port: 8443, protocol: elbv2.Protocol.TLS, targets: [web] });
  const nlbLogs = new s3.Bucket(legacy, 'NlbAccessLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(30) }] });
  const internalNlb = new elbv2.NetworkLoadBalancer(legacy, 'InternalNlb', { vpc, internetFacing: false });
  internalNlb.logAccessLogs(nlbLogs, 'internal');
  internalNlb.addListener('InternalTls', { port: 443, protocol: elbv2.Protocol.TLS, certificates: [shopCert], sslPolicy: elbv2.SslPolicy.TLS12 }).addTargets('Internal', { port: 8443, protocol: elbv2.Protocol.TLS, targets: [web] });
  const zone = new route53.PublicHostedZone(legacy, 'ShopZone', { zoneName: 'shop.example.net' });
  new route53.ARecord(legacy, 'ShopAlias', { zone, target: route53.RecordTarget.fromAlias(new route53targets.LoadBalancerTarget(nlb)) });
  new route53.CnameRecord(legacy, 'WwwCname', { zone, recordName: 'www', domainName: 'shop.example.net' });
  new route53.TxtRecord(legacy, 'Verification', { zone, values: ['google-site-verification=3Jq8Vb2Lk9mNw7PzR4sY'] });
  const shared = new efs.FileSystem(legacy, 'SharedUploads', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, removalPolicy: RemovalPolicy.RETAIN });
  shared.connections.allowDefaultPortFrom(webSg);
  new efs.FileSystem(legacy, 'ScratchFs', { vpc, encrypted: false, removalPolicy: RemovalPolicy.DESTROY });
  const plan = backup.BackupPlan.daily35DayRetention(legacy, 'DailyBackups');
  plan.addSelection('Uploads', { resources: [backup.BackupResource.fromEfsFileSystem(shared)] });
  const drVault = backup.BackupVault.fromBackupVaultArn(legacy, 'DrVault', 'arn:aws:backup:us-west-2:111122223333:backup-vault:legacy-dr');
  const drPlan = new backup.BackupPlan(legacy, 'DrPlan', { backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'Weekly', scheduleExpression: events.Schedule.cron({ weekDay: 'SUN', hour: '3', minute: '0' }), deleteAfter: Duration.days(28), copyActions: [{ destinationBackupVault: drVault, deleteAfter: Duration.days(28) }] })] });
  drPlan.addSelection('Orders', { resources: [backup.BackupResource.fromRdsDatabaseInstance(db)] });
  new ssm.StringParameter(legacy, 'DbHostParam', { parameterName: '/legacy/shop/db-host', stringValue: db.dbInstanceEndpointAddress });
  new ssm.StringParameter(legacy, 'PaymentGatewayKey', { parameterName: '/legacy/shop/payment-gateway-api-key', stringValue: fakeSecret('sk_live_', '51Hq8ZkLw2VbN9mPx4RtYs7Jc3Df6Ga0') });
  new ssm.StringParameter(legacy, 'FeatureFlags', { parameterName: '/legacy/shop/feature-flags', stringValue: JSON.stringify({ newCheckout: false }) });
  new logs.LogGroup(legacy, 'NginxRequestLogs', { logGroupName: '/legacy/nginx-request-logs', retention: logs.RetentionDays.THREE_MONTHS });
  new logs.LogGroup(legacy, 'AppLogs', { logGroupName: '/legacy/shop-app', retention: logs.RetentionDays.ONE_WEEK });
  const ack = new cwactions.SnsAction(alarmsTopic);
  new cloudwatch.Alarm(legacy, 'UnhealthyHosts', { metric: new cloudwatch.Metric({ namespace: 'AWS/NetworkELB', metricName: 'UnHealthyHostCount', dimensionsMap: { LoadBalancer: nlb.loadBalancerFullName }, statistic: 'Maximum' }), threshold: 0, comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, evaluationPeriods: 2 }).addAlarmAction(ack);
  db.metricCPUUtilization().createAlarm(legacy, 'DbCpuHigh', { threshold: 85, evaluationPeriods: 3 }).addAlarmAction(ack);
  db.metricFreeStorageSpace().createAlarm(legacy, 'DbStorageLow', { threshold: 10 * 1024 ** 3, comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD, evaluationPeriods: 1 }).addAlarmAction(ack);
  const ftpUser = new iam.User(legacy, 'PartnerFtpSync', { userName: 'partner-ftp-sync' });
  assets.grantReadWrite(ftpUser);
  ftpUser.addToPolicy(new iam.PolicyStatement({ actions: ['s3:ListAllMyBuckets'], resources: ['*'] }));
  const downloads = new s3.Bucket(legacy, 'PublicDownloads', { publicReadAccess: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS, websiteIndexDocument: 'index.html' });
  const monthlyExports = new s3.Bucket(legacy, 'MonthlyExports', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(365) }] });
  Tags.of(monthlyExports).add('DataSet', 'exported-reports');
  monthlyExports.grantReadWrite(batchHost);
  new iam.User(legacy, 'ReportsAdmin', { userName: 'reports-admin', password: SecretValue.secretsManager('legacy/reports-admin-console'), passwordResetRequired: true, managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')] });
  new CfnOutput(legacy, 'DownloadsUrl', { value: downloads.bucketWebsiteUrl });
  new CfnOutput(legacy, 'ShopUrl', { value: `https://${nlb.loadBalancerDnsName}` });
}

// ---------------------------------------------------------------------------------------------
// Sealed held-out apps (session 8): routed to templates/sealedcdk/, labelled in labels.sealedcdk.yaml
// before vouch ran on them. Written after studying public CDK apps (GenAI/RAG samples, game backends,
// self-hosted developer tools): mostly defaults, with the sloppy choices such apps make.
// A GenAI/RAG platform: SageMaker model/endpoint/notebook (L1), Bedrock-calling Lambdas, OpenSearch
// Serverless (L1 collection and policies), Step Functions, a REST API with Cognito, a chat UI on CloudFront.
const sealedGenAi = new Stack(app, 'SealedGenAi', { env });
{
  const vpc = new ec2.Vpc(sealedGenAi, 'MlVpc', { maxAzs: 2, natGateways: 1 });
  vpc.addGatewayEndpoint('S3Endpoint', { service: ec2.GatewayVpcEndpointAwsService.S3 });
  vpc.addInterfaceEndpoint('BedrockRuntimeEndpoint', { service: ec2.InterfaceVpcEndpointAwsService.BEDROCK_RUNTIME });
  const datasetKey = new kms.Key(sealedGenAi, 'DatasetKey', { enableKeyRotation: true, alias: 'alias/genai-datasets' });
  const modelKey = new kms.Key(sealedGenAi, 'ModelKey', { description: 'model artifacts' });
  const accessLogs = new s3.Bucket(sealedGenAi, 'AccessLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.S3_MANAGED, lifecycleRules: [{ expiration: Duration.days(365) }] });
  const datasets = new s3.Bucket(sealedGenAi, 'Datasets', { encryption: s3.BucketEncryption.KMS, encryptionKey: datasetKey, bucketKeyEnabled: true, enforceSSL: true, versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'datasets/', eventBridgeEnabled: true });
  const artifacts = new s3.Bucket(sealedGenAi, 'ModelArtifacts', { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
  const uploads = new s3.Bucket(sealedGenAi, 'UserUploads', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, cors: [{ allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.POST], allowedOrigins: ['*'], allowedHeaders: ['*'] }], lifecycleRules: [{ expiration: Duration.days(7) }] });
  const mlSg = new ec2.SecurityGroup(sealedGenAi, 'InferenceSg', { vpc, description: 'sagemaker endpoints and notebooks' });
  mlSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(443), 'from the VPC');
  const smRole = new iam.Role(sealedGenAi, 'SageMakerExecRole', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
  artifacts.grantRead(smRole);
  datasets.grantRead(smRole);
  modelKey.grantDecrypt(smRole);
  smRole.addToPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], resources: [sealedGenAi.formatArn({ service: 'logs', resource: 'log-group', resourceName: '/aws/sagemaker/*', arnFormat: 'arn:aws:service:region:account:resource:resourceName' })] }));
  smRole.addToPolicy(new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }));
  const model = new sagemaker.CfnModel(sealedGenAi, 'RerankerModel', {
    executionRoleArn: smRole.roleArn,
    primaryContainer: { image: '763104351884.dkr.ecr.eu-west-1.amazonaws.com/huggingface-pytorch-inference:2.1.0-transformers4.37.0-cpu-py310-ubuntu22.04', modelDataUrl: `s3://${artifacts.bucketName}/reranker/model.tar.gz`, environment: { HF_TASK: 'text-classification', HF_MODEL_ID: 'BAAI/bge-reranker-base', HF_TOKEN: fakeSecret('hf_', 'VbqLtRzKw8xNmJ3pYdC7sHfG2aUeT5oQiX') } },
    vpcConfig: { subnets: vpc.privateSubnets.map((x) => x.subnetId), securityGroupIds: [mlSg.securityGroupId] },
  });
  const endpointConfig = new sagemaker.CfnEndpointConfig(sealedGenAi, 'RerankerConfig', { productionVariants: [{ modelName: model.attrModelName, variantName: 'primary', initialInstanceCount: 1, instanceType: 'ml.m5.xlarge', initialVariantWeight: 1 }], kmsKeyId: datasetKey.keyArn });
  const endpoint = new sagemaker.CfnEndpoint(sealedGenAi, 'RerankerEndpoint', { endpointConfigName: endpointConfig.attrEndpointConfigName });
  new sagemaker.CfnNotebookInstance(sealedGenAi, 'ResearchNotebook', { instanceType: 'ml.t3.medium', roleArn: smRole.roleArn, directInternetAccess: 'Disabled', subnetId: vpc.privateSubnets[0].subnetId, securityGroupIds: [mlSg.securityGroupId], kmsKeyId: datasetKey.keyId, rootAccess: 'Disabled', volumeSizeInGb: 50 });
  const history = new dynamodb.Table(sealedGenAi, 'ChatHistory', { partitionKey: { name: 'sessionId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'ts', type: dynamodb.AttributeType.NUMBER }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, timeToLiveAttribute: 'expiresAt' });
  const feedback = new dynamodb.Table(sealedGenAi, 'Feedback', { partitionKey: { name: 'messageId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: datasetKey });
  const collectionName = 'rag-vectors';
  const encPolicy = new opensearchserverless.CfnSecurityPolicy(sealedGenAi, 'VectorsEncryption', { name: 'rag-vectors-enc', type: 'encryption', policy: JSON.stringify({ Rules: [{ ResourceType: 'collection', Resource: [`collection/${collectionName}`] }], AWSOwnedKey: true }) });
  const netPolicy = new opensearchserverless.CfnSecurityPolicy(sealedGenAi, 'VectorsNetwork', { name: 'rag-vectors-net', type: 'network', policy: JSON.stringify([{ Rules: [{ ResourceType: 'collection', Resource: [`collection/${collectionName}`] }, { ResourceType: 'dashboard', Resource: [`collection/${collectionName}`] }], AllowFromPublic: true }]) });
  const collection = new opensearchserverless.CfnCollection(sealedGenAi, 'Vectors', { name: collectionName, type: 'VECTORSEARCH', standbyReplicas: 'DISABLED' });
  collection.addDependency(encPolicy);
  collection.addDependency(netPolicy);
  const fnBase = { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code, timeout: Duration.seconds(60), memorySize: 1024 };
  const chatFn = new lambda.Function(sealedGenAi, 'ChatFn', { ...fnBase, vpc, environment: { MODEL_ID: 'anthropic.claude-3-5-sonnet-20240620-v1:0', HISTORY_TABLE: history.tableName, COLLECTION_ENDPOINT: collection.attrCollectionEndpoint, RERANKER_ENDPOINT: endpoint.attrEndpointName, PINECONE_API_KEY: fakeSecret('pcsk_', '4xTq9z_Lm2VbN8wRkY3pHcJ7dF6sGa1QeU5oTiXz0BnM4vC8') }, logRetention: logs.RetentionDays.ONE_WEEK });
  chatFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], resources: ['*'] }));
  chatFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sagemaker:InvokeEndpoint'], resources: [sealedGenAi.formatArn({ service: 'sagemaker', resource: 'endpoint', resourceName: '*' })] }));
  chatFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['aoss:APIAccessAll'], resources: [collection.attrArn] }));
  history.grantReadWriteData(chatFn);
  feedback.grantWriteData(chatFn);
  const ingestFn = new lambda.Function(sealedGenAi, 'IngestFn', { ...fnBase, timeout: Duration.minutes(15), environment: { COLLECTION_ENDPOINT: collection.attrCollectionEndpoint, EMBEDDING_MODEL_ID: 'amazon.titan-embed-text-v2:0' } });
  ingestFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['bedrock:*'], resources: ['*'] }));
  ingestFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['aoss:*'], resources: [collection.attrArn] }));
  datasets.grantReadWrite(ingestFn);
  uploads.grantRead(ingestFn);
  new opensearchserverless.CfnAccessPolicy(sealedGenAi, 'VectorsAccess', {
    name: 'rag-vectors-access', type: 'data',
    policy: sealedGenAi.toJsonString([{ Rules: [{ ResourceType: 'index', Resource: [`index/${collectionName}/*`], Permission: ['aoss:*'] }, { ResourceType: 'collection', Resource: [`collection/${collectionName}`], Permission: ['aoss:*'] }], Principal: [ingestFn.role.roleArn, chatFn.role.roleArn] }]),
  });
  const ingestPipeline = new sfn.StateMachine(sealedGenAi, 'IngestPipeline', {
    definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(sealedGenAi, 'ChunkAndEmbed', { lambdaFunction: ingestFn, outputPath: '$.Payload', retryOnServiceExceptions: true }).next(new sfn.Succeed(sealedGenAi, 'Indexed'))),
    timeout: Duration.hours(2),
  });
  new events.Rule(sealedGenAi, 'OnDatasetUpload', { eventPattern: { source: ['aws.s3'], detailType: ['Object Created'], detail: { bucket: { name: [datasets.bucketName] } } }, targets: [new targets.SfnStateMachine(ingestPipeline)] });
  const evalLogs = new logs.LogGroup(sealedGenAi, 'EvalStateLogs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
  new sfn.StateMachine(sealedGenAi, 'EvalPipeline', {
    stateMachineType: sfn.StateMachineType.EXPRESS, tracingEnabled: true, logs: { destination: evalLogs, level: sfn.LogLevel.ALL },
    definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(sealedGenAi, 'ScoreAnswers', { lambdaFunction: chatFn }).next(new sfn.Succeed(sealedGenAi, 'Scored'))),
  });
  const chatUsers = new cognito.UserPool(sealedGenAi, 'ChatUsers', { selfSignUpEnabled: true, signInAliases: { email: true }, autoVerify: { email: true }, mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { otp: true, sms: false }, removalPolicy: RemovalPolicy.DESTROY });
  const webClient = chatUsers.addClient('WebClient', { authFlows: { userSrp: true }, preventUserExistenceErrors: true });
  const api = new apigw.RestApi(sealedGenAi, 'ChatApi', {
    defaultCorsPreflightOptions: { allowOrigins: apigw.Cors.ALL_ORIGINS, allowMethods: apigw.Cors.ALL_METHODS },
    deployOptions: { stageName: 'v1', loggingLevel: apigw.MethodLoggingLevel.INFO, metricsEnabled: true, tracingEnabled: true },
  });
  const authorizer = new apigw.CognitoUserPoolsAuthorizer(sealedGenAi, 'ChatAuthorizer', { cognitoUserPools: [chatUsers] });
  api.root.addResource('chat').addMethod('POST', new apigw.LambdaIntegration(chatFn), { authorizer, authorizationType: apigw.AuthorizationType.COGNITO });
  api.root.addResource('upload-url').addMethod('GET', new apigw.LambdaIntegration(ingestFn), { authorizer, authorizationType: apigw.AuthorizationType.COGNITO });
  const chatRequestLogs = new logs.LogGroup(sealedGenAi, 'ChatRequestLogs', { logGroupName: '/genai/chat-request-logs', retention: logs.RetentionDays.SIX_MONTHS });
  new logs.CfnSubscriptionFilter(sealedGenAi, 'CentralObservability', { logGroupName: chatRequestLogs.logGroupName, filterPattern: '', destinationArn: 'arn:aws:logs:us-east-1:444455556666:destination:central-observability' });
  new elasticache.CfnServerlessCache(sealedGenAi, 'SemanticCache', { engine: 'valkey', serverlessCacheName: 'genai-semantic-cache', subnetIds: vpc.privateSubnets.map((x) => x.subnetId), securityGroupIds: [mlSg.securityGroupId], snapshotRetentionLimit: 3, dailySnapshotTime: '03:00' });
  const ui = new s3.Bucket(sealedGenAi, 'ChatUi', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
  new cloudfront.Distribution(sealedGenAi, 'ChatUiCdn', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(ui) }, defaultRootObject: 'index.html', errorResponses: [{ httpStatus: 404, responseHttpStatus: 200, responsePagePath: '/index.html' }] });
  new CfnOutput(sealedGenAi, 'ApiUrl', { value: api.url });
  new CfnOutput(sealedGenAi, 'UserPoolClientId', { value: webClient.userPoolClientId });
}

// A game / IoT backend: WebSocket lobby, DynamoDB with TTL and global replicas, Kinesis (L2 and L1), IoT
// Core policies and a topic rule, Redis/Valkey (L1), Lambda function URLs, a Cognito identity pool with
// guest access, EventBridge Scheduler, CloudFront for assets, a public patch-notes site, a dev game server.
const sealedArena = new Stack(app, 'SealedArena', { env });
{
  const vpc = new ec2.Vpc(sealedArena, 'GameVpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }, { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }], flowLogs: { rejected: { trafficType: ec2.FlowLogTrafficType.REJECT } } });
  const players = new dynamodb.Table(sealedArena, 'Players', { partitionKey: { name: 'playerId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, deletionProtection: true });
  const matches = new dynamodb.Table(sealedArena, 'MatchSessions', { partitionKey: { name: 'matchId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, timeToLiveAttribute: 'expiresAt', stream: dynamodb.StreamViewType.NEW_IMAGE });
  const sockets = new dynamodb.Table(sealedArena, 'SocketConnections', { partitionKey: { name: 'connectionId', type: dynamodb.AttributeType.STRING }, timeToLiveAttribute: 'ttl', removalPolicy: RemovalPolicy.DESTROY });
  const boards = new dynamodb.TableV2(sealedArena, 'GlobalLeaderboards', { partitionKey: { name: 'board', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'score', type: dynamodb.AttributeType.NUMBER }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, replicas: [{ region: 'eu-central-1' }, { region: 'us-east-1' }] });
  const fnBase = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, timeout: Duration.seconds(10) };
  const socketFn = new lambda.Function(sealedArena, 'SocketHandler', { ...fnBase, environment: { CONNECTIONS_TABLE: sockets.tableName, MATCHES_TABLE: matches.tableName, JWT_SECRET: fakeSecret('arena-', 'Hs9vQ2kLm7xP4wRt8yZb3nCd6fGj') } });
  sockets.grantReadWriteData(socketFn);
  matches.grantReadWriteData(socketFn);
  const lobby = new apigwv2.WebSocketApi(sealedArena, 'Lobby', {
    connectRouteOptions: { integration: new WebSocketLambdaIntegration('LobbyConnect', socketFn) },
    disconnectRouteOptions: { integration: new WebSocketLambdaIntegration('LobbyDisconnect', socketFn) },
    defaultRouteOptions: { integration: new WebSocketLambdaIntegration('LobbyDefault', socketFn) },
  });
  new apigwv2.WebSocketStage(sealedArena, 'LobbyProd', { webSocketApi: lobby, stageName: 'prod', autoDeploy: true });
  lobby.grantManageConnections(socketFn);
  const telemetry = new kinesis.Stream(sealedArena, 'MatchTelemetry', { streamMode: kinesis.StreamMode.ON_DEMAND });
  const deviceStream = new kinesis.CfnStream(sealedArena, 'ControllerStream', { streamModeDetails: { streamMode: 'ON_DEMAND' }, retentionPeriodHours: 48 });
  const iotRole = new iam.Role(sealedArena, 'IotRuleRole', { assumedBy: new iam.ServicePrincipal('iot.amazonaws.com') });
  iotRole.addToPolicy(new iam.PolicyStatement({ actions: ['kinesis:PutRecord', 'kinesis:PutRecords'], resources: [deviceStream.attrArn] }));
  new iot.CfnTopicRule(sealedArena, 'ControllerTelemetryRule', { topicRulePayload: { sql: "SELECT * FROM 'arena/+/telemetry'", awsIotSqlVersion: '2016-03-23', ruleDisabled: false, actions: [{ kinesis: { streamName: deviceStream.ref, roleArn: iotRole.roleArn, partitionKey: '${topic(2)}' } }] } });
  new iot.CfnPolicy(sealedArena, 'ControllerPolicy', { policyName: 'arena-controller', policyDocument: { Version: '2012-10-17', Statement: [
    { Effect: 'Allow', Action: ['iot:Connect'], Resource: [`arn:aws:iot:${sealedArena.region}:${sealedArena.account}:client/\${iot:Connection.Thing.ThingName}`] },
    { Effect: 'Allow', Action: ['iot:Publish'], Resource: [`arn:aws:iot:${sealedArena.region}:${sealedArena.account}:topic/arena/\${iot:Connection.Thing.ThingName}/telemetry`] },
  ] } });
  new iot.CfnPolicy(sealedArena, 'BenchDevicePolicy', { policyName: 'arena-bench-devices', policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] } });
  const cacheSubnets = new elasticache.CfnSubnetGroup(sealedArena, 'CacheSubnets', { description: 'game caches', subnetIds: vpc.isolatedSubnets.map((x) => x.subnetId) });
  const boardCacheSg = new ec2.SecurityGroup(sealedArena, 'LeaderboardCacheSg', { vpc, description: 'leaderboard cache', allowAllOutbound: false });
  boardCacheSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(6379), 'from the VPC');
  new elasticache.CfnReplicationGroup(sealedArena, 'LeaderboardCache', { replicationGroupDescription: 'leaderboards', engine: 'valkey', engineVersion: '8.0', cacheNodeType: 'cache.r7g.large', numNodeGroups: 2, replicasPerNodeGroup: 1, automaticFailoverEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [boardCacheSg.securityGroupId] });
  const matchmakingSg = new ec2.SecurityGroup(sealedArena, 'MatchmakingSg', { vpc, description: 'matchmaking redis' });
  matchmakingSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(6379), 'temporary: debug from home');
  new elasticache.CfnReplicationGroup(sealedArena, 'MatchmakingQueue', { replicationGroupDescription: 'matchmaking', engine: 'redis', cacheNodeType: 'cache.t4g.medium', numCacheClusters: 1, cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [matchmakingSg.securityGroupId] });
  const leaderboardFn = new lambda.Function(sealedArena, 'LeaderboardFn', { ...fnBase, environment: { BOARDS_TABLE: boards.tableName } });
  boards.grantReadData(leaderboardFn);
  leaderboardFn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE, cors: { allowedOrigins: ['*'], allowedMethods: [lambda.HttpMethod.GET] } });
  const adminFn = new lambda.Function(sealedArena, 'MatchAdminFn', { ...fnBase, environment: { PLAYERS_TABLE: players.tableName, DISCORD_WEBHOOK_URL: fakeSecret('https://discord.com/api/webhooks/', '1187349920118374401/', 'kQ7vZt2LmX9pNw4RbY8cJd3HfG6sUa1eT5oIqWz0xBn') } });
  players.grantReadWriteData(adminFn);
  boards.grantReadWriteData(adminFn);
  adminFn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
  const playerAccounts = new cognito.UserPool(sealedArena, 'PlayerAccounts', { selfSignUpEnabled: true, signInAliases: { username: true, email: true }, passwordPolicy: { minLength: 8, requireSymbols: false } });
  const gameClient = playerAccounts.addClient('GameClient', { authFlows: { userPassword: true, userSrp: true } });
  const identities = new identitypool.IdentityPool(sealedArena, 'GameIdentities', { allowUnauthenticatedIdentities: true, authenticationProviders: { userPools: [new identitypool.UserPoolAuthenticationProvider({ userPool: playerAccounts, userPoolClient: gameClient })] } });
  telemetry.grantWrite(identities.unauthenticatedRole);
  players.grantReadData(identities.authenticatedRole);
  const pushTopic = new sns.Topic(sealedArena, 'PushNotifications', { displayName: 'arena push' });
  pushTopic.grantPublish(adminFn);
  const rewards = new sqs.Queue(sealedArena, 'RewardGrants', { fifo: true, contentBasedDeduplication: true, visibilityTimeout: Duration.seconds(60) });
  rewards.grantSendMessages(socketFn);
  const seasonFn = new lambda.Function(sealedArena, 'SeasonResetFn', { ...fnBase, timeout: Duration.minutes(5), environment: { BOARDS_TABLE: boards.tableName } });
  boards.grantReadWriteData(seasonFn);
  const schedulerRole = new iam.Role(sealedArena, 'SchedulerRole', { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com') });
  seasonFn.grantInvoke(schedulerRole);
  new scheduler.CfnSchedule(sealedArena, 'SeasonReset', { flexibleTimeWindow: { mode: 'OFF' }, scheduleExpression: 'cron(0 0 1 * ? *)', scheduleExpressionTimezone: 'Europe/Dublin', target: { arn: seasonFn.functionArn, roleArn: schedulerRole.roleArn } });
  new logs.LogGroup(sealedArena, 'MatchmakerRequestLogs', { logGroupName: '/arena/matchmaker-request-logs', retention: logs.RetentionDays.ONE_MONTH });
  const assets = new s3.Bucket(sealedArena, 'GameAssets', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.S3_MANAGED, versioned: true });
  new cloudfront.Distribution(sealedArena, 'AssetsCdn', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(assets), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS, cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED },
    domainNames: ['cdn.arena.example.com'], certificate: cert(sealedArena, 'AssetsCert', 'us-east-1'), priceClass: cloudfront.PriceClass.PRICE_CLASS_ALL,
  });
  const patchNotes = new s3.Bucket(sealedArena, 'PatchNotesSite', { publicReadAccess: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS, websiteIndexDocument: 'index.html', websiteErrorDocument: '404.html', removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
  const devSg = new ec2.SecurityGroup(sealedArena, 'DevServerSg', { vpc, description: 'dedicated game server (dev)' });
  devSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh');
  devSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.udp(7777), 'game traffic');
  new ec2.Instance(sealedArena, 'DevGameServer', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.C6I, ec2.InstanceSize.LARGE), machineImage: ec2.MachineImage.latestAmazonLinux2023(), securityGroup: devSg, keyPair: ec2.KeyPair.fromKeyPairName(sealedArena, 'DevKey', 'arena-dev') });
  new iam.Role(sealedArena, 'LiveOpsAdmin', { assumedBy: new iam.AccountRootPrincipal(), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')], maxSessionDuration: Duration.hours(4) });
  new iam.Role(sealedArena, 'SupportReadOnly', { assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')] });
  new CfnOutput(sealedArena, 'LobbyUrl', { value: lobby.apiEndpoint });
  new CfnOutput(sealedArena, 'PatchNotesUrl', { value: patchNotes.bucketWebsiteUrl });
  new CfnOutput(sealedArena, 'IdentityPoolId', { value: identities.identityPoolId });
}

// A self-hosted developer tool (a git forge): ECS on EC2 with an ASG capacity provider, EFS with an access
// point, Aurora Serverless v2, ALB with HTTP→HTTPS redirect and ACM, ECR, Route 53, a bastion, a CI runner
// dashboard (ApplicationLoadBalancedEc2Service), AWS Backup, CloudTrail, GuardDuty and Config (L1), IAM.
const sealedForge = new Stack(app, 'SealedForge', { env });
{
  const forgeKey = new kms.Key(sealedForge, 'ForgeKey', { enableKeyRotation: true, description: 'forge data' });
  const flowLogGroup = new logs.LogGroup(sealedForge, 'VpcFlowLogs', { retention: logs.RetentionDays.THREE_MONTHS });
  const vpc = new ec2.Vpc(sealedForge, 'ForgeVpc', { maxAzs: 2, natGateways: 1, flowLogs: { all: { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogGroup) } } });
  const accessLogs = new s3.Bucket(sealedForge, 'ForgeAccessLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.S3_MANAGED, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, lifecycleRules: [{ expiration: Duration.days(90) }] });
  const zone = route53.HostedZone.fromHostedZoneAttributes(sealedForge, 'DevZone', { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.dev' });
  const certificate = new acm.Certificate(sealedForge, 'ForgeCert', { domainName: 'git.example.dev', subjectAlternativeNames: ['ci.example.dev'], validation: acm.CertificateValidation.fromDns(zone) });
  const images = new ecr.Repository(sealedForge, 'ForgeImages', { imageScanOnPush: true, imageTagMutability: ecr.TagMutability.IMMUTABLE, lifecycleRules: [{ maxImageCount: 20 }] });
  const runnerImages = new ecr.Repository(sealedForge, 'RunnerImages', { removalPolicy: RemovalPolicy.DESTROY, emptyOnDelete: true });
  const cluster = new ecs.Cluster(sealedForge, 'ForgeCluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
  const nodes = new autoscaling.AutoScalingGroup(sealedForge, 'ForgeNodes', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.M6I, ec2.InstanceSize.LARGE), machineImage: ecs.EcsOptimizedImage.amazonLinux2023(), minCapacity: 1, maxCapacity: 4, requireImdsv2: true });
  const capacity = new ecs.AsgCapacityProvider(sealedForge, 'ForgeCapacity', { autoScalingGroup: nodes, enableManagedTerminationProtection: false });
  cluster.addAsgCapacityProvider(capacity);
  const repoFs = new efs.FileSystem(sealedForge, 'RepoStorage', { vpc, encrypted: true, enableAutomaticBackups: true, lifecyclePolicy: efs.LifecyclePolicy.AFTER_30_DAYS, removalPolicy: RemovalPolicy.RETAIN });
  const gitAp = repoFs.addAccessPoint('GitAccessPoint', { path: '/git', createAcl: { ownerUid: '1000', ownerGid: '1000', permissions: '750' }, posixUser: { uid: '1000', gid: '1000' } });
  const db = new rds.DatabaseCluster(sealedForge, 'ForgeDb', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
    writer: rds.ClusterInstance.serverlessV2('writer'), readers: [rds.ClusterInstance.serverlessV2('reader', { scaleWithWriter: true })],
    serverlessV2MinCapacity: 0.5, serverlessV2MaxCapacity: 8, vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    storageEncrypted: true, storageEncryptionKey: forgeKey, backup: { retention: Duration.days(14) }, cloudwatchLogsExports: ['postgresql'],
    credentials: rds.Credentials.fromGeneratedSecret('forge'), parameters: { 'rds.force_ssl': '1' }, defaultDatabaseName: 'forge',
  });
  const sessionSg = new ec2.SecurityGroup(sealedForge, 'SessionStoreSg', { vpc, description: 'forge sessions and queues' });
  const sessionSubnets = new elasticache.CfnSubnetGroup(sealedForge, 'SessionStoreSubnets', { description: 'forge sessions', subnetIds: vpc.privateSubnets.map((x) => x.subnetId) });
  const sessionStore = new elasticache.CfnReplicationGroup(sealedForge, 'SessionStore', { replicationGroupDescription: 'forge sessions, cache and queues', engine: 'valkey', engineVersion: '7.2', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailoverEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, snapshotRetentionLimit: 1, cacheSubnetGroupName: sessionSubnets.ref, securityGroupIds: [sessionSg.securityGroupId] });
  const oauthSecret = new secretsmanager.Secret(sealedForge, 'GithubOauthApp', { secretObjectValue: { clientId: SecretValue.unsafePlainText('Iv1.8a61f9b3a7aba766'), clientSecret: SecretValue.unsafePlainText(fakeSecret('9f3c2b7e1d8a4f6b', '0c5e9d2a7b4f1e8c3d6a9b2e')) } });
  const taskDef = new ecs.Ec2TaskDefinition(sealedForge, 'ForgeTask', { networkMode: ecs.NetworkMode.AWS_VPC });
  taskDef.addVolume({ name: 'repos', efsVolumeConfiguration: { fileSystemId: repoFs.fileSystemId, transitEncryption: 'ENABLED', authorizationConfig: { accessPointId: gitAp.accessPointId, iam: 'ENABLED' } } });
  const forgeContainer = taskDef.addContainer('forge', {
    image: ecs.ContainerImage.fromEcrRepository(images, '1.22.3'), memoryLimitMiB: 2048, cpu: 1024, portMappings: [{ containerPort: 3000 }],
    environment: { FORGE__database__HOST: db.clusterEndpoint.hostname, FORGE__database__NAME: 'forge', FORGE__server__ROOT_URL: 'https://git.example.dev/', FORGE__cache__HOST: `rediss://${sessionStore.attrPrimaryEndPointAddress}:6379/0`, FORGE__security__INTERNAL_TOKEN: fakeSecret('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.', 'eyJuYmYiOjE3MDAwMDAwMDB9.', 'q3Zk8mL2vB9xN4wR7tY1pC6dF0sGh5jUeAo') },
    secrets: { FORGE__database__PASSWD: ecs.Secret.fromSecretsManager(db.secret, 'password'), FORGE__oauth__CLIENT_SECRET: ecs.Secret.fromSecretsManager(oauthSecret, 'clientSecret') },
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'forge', logRetention: logs.RetentionDays.ONE_MONTH }),
  });
  forgeContainer.addMountPoints({ containerPath: '/data/git', sourceVolume: 'repos', readOnly: false });
  repoFs.grantReadWrite(taskDef.taskRole);
  const service = new ecs.Ec2Service(sealedForge, 'ForgeService', { cluster, taskDefinition: taskDef, desiredCount: 2, capacityProviderStrategies: [{ capacityProvider: capacity.capacityProviderName, weight: 1 }], circuitBreaker: { rollback: true } });
  repoFs.connections.allowDefaultPortFrom(service);
  sessionSg.connections.allowFrom(service, ec2.Port.tcp(6379), 'forge to valkey');
  db.connections.allowDefaultPortFrom(service);
  const alb = new elbv2.ApplicationLoadBalancer(sealedForge, 'ForgeAlb', { vpc, internetFacing: true, dropInvalidHeaderFields: true });
  alb.logAccessLogs(accessLogs, 'alb');
  alb.addRedirect();
  const https = alb.addListener('Https', { port: 443, certificates: [certificate], sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS });
  https.addTargets('Forge', { port: 3000, protocol: elbv2.ApplicationProtocol.HTTP, targets: [service], healthCheck: { path: '/api/healthz' } });
  new route53.ARecord(sealedForge, 'ForgeAlias', { zone, recordName: 'git', target: route53.RecordTarget.fromAlias(new route53targets.LoadBalancerTarget(alb)) });
  const runnerDash = new ecsPatterns.ApplicationLoadBalancedEc2Service(sealedForge, 'RunnerDashboard', { cluster, memoryLimitMiB: 512, desiredCount: 1, taskImageOptions: { image: ecs.ContainerImage.fromEcrRepository(runnerImages, 'latest'), containerPort: 8000, environment: { WOODPECKER_HOST: 'http://ci.example.dev' } }, capacityProviderStrategies: [{ capacityProvider: capacity.capacityProviderName, weight: 1 }] });
  runnerImages.grantPullPush(runnerDash.taskDefinition.taskRole);
  const bastion = new ec2.BastionHostLinux(sealedForge, 'OpsBastion', { vpc, subnetSelection: { subnetType: ec2.SubnetType.PUBLIC }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.NANO), blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(20, { encrypted: true }) }] });
  bastion.allowSshAccessFrom(ec2.Peer.ipv4('198.51.100.24/32'));
  db.connections.allowDefaultPortFrom(bastion);
  const analyticsSg = new ec2.SecurityGroup(sealedForge, 'AnalyticsDbSg', { vpc, description: 'analytics postgres' });
  analyticsSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(5432), 'BI tool (temporary)');
  const analyticsDb = new rds.DatabaseInstance(sealedForge, 'AnalyticsDb', { engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16_4 }), instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM), vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, securityGroups: [analyticsSg], credentials: rds.Credentials.fromGeneratedSecret('analytics'), allocatedStorage: 50 });
  const buildSg = new ec2.SecurityGroup(sealedForge, 'WindowsBuildSg', { vpc, description: 'windows build agent' });
  buildSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(3389), 'rdp');
  new ec2.Instance(sealedForge, 'WindowsBuildAgent', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.M6I, ec2.InstanceSize.XLARGE), machineImage: ec2.MachineImage.latestWindows(ec2.WindowsVersion.WINDOWS_SERVER_2022_ENGLISH_FULL_BASE), securityGroup: buildSg, blockDevices: [{ deviceName: '/dev/sda1', volume: ec2.BlockDeviceVolume.ebs(200, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3 }) }] });
  const vault = new backup.BackupVault(sealedForge, 'ForgeVault', { backupVaultName: 'forge', encryptionKey: forgeKey });
  const drVault = backup.BackupVault.fromBackupVaultArn(sealedForge, 'UsDrVault', 'arn:aws:backup:us-east-2:111122223333:backup-vault:forge-dr');
  const plan = new backup.BackupPlan(sealedForge, 'ForgePlan', { backupVault: vault, backupPlanRules: [backup.BackupPlanRule.daily(), backup.BackupPlanRule.monthly1Year()] });
  plan.addSelection('Stores', { resources: [backup.BackupResource.fromRdsDatabaseInstance(analyticsDb)] });
  const drPlan = new backup.BackupPlan(sealedForge, 'ForgeDrPlan', { backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'WeeklyDr', scheduleExpression: events.Schedule.cron({ weekDay: 'SAT', hour: '2', minute: '0' }), deleteAfter: Duration.days(21), copyActions: [{ destinationBackupVault: drVault, deleteAfter: Duration.days(21) }] })] });
  drPlan.addSelection('Repos', { resources: [backup.BackupResource.fromEfsFileSystem(repoFs)] });
  const trail = new cloudtrail.Trail(sealedForge, 'AccountTrail', { isMultiRegionTrail: true, includeGlobalServiceEvents: true, enableFileValidation: true, encryptionKey: forgeKey, sendToCloudWatchLogs: true, cloudWatchLogsRetention: logs.RetentionDays.ONE_YEAR });
  trail.logAllS3DataEvents();
  new guardduty.CfnDetector(sealedForge, 'ThreatDetection', { enable: true, findingPublishingFrequency: 'FIFTEEN_MINUTES' });
  const configRole = new iam.Role(sealedForge, 'ConfigRecorderRole', { assumedBy: new iam.ServicePrincipal('config.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole')] });
  const configBucket = new s3.Bucket(sealedForge, 'ConfigHistory', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'config/' });
  configBucket.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.ServicePrincipal('config.amazonaws.com')], actions: ['s3:GetBucketAcl', 's3:ListBucket'], resources: [configBucket.bucketArn], conditions: { StringEquals: { 'aws:SourceAccount': sealedForge.account } } }));
  configBucket.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.ServicePrincipal('config.amazonaws.com')], actions: ['s3:PutObject'], resources: [configBucket.arnForObjects(`AWSLogs/${sealedForge.account}/Config/*`)], conditions: { StringEquals: { 'aws:SourceAccount': sealedForge.account, 's3:x-amz-acl': 'bucket-owner-full-control' } } }));
  const recorder = new config.CfnConfigurationRecorder(sealedForge, 'Recorder', { roleArn: configRole.roleArn, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } });
  const delivery = new config.CfnDeliveryChannel(sealedForge, 'ConfigDelivery', { s3BucketName: configBucket.bucketName, configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' } });
  delivery.addDependency(recorder);
  const auditExports = new s3.Bucket(sealedForge, 'AuditExports', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.KMS, encryptionKey: forgeKey, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'exports/' });
  Tags.of(auditExports).add('DataSet', 'exported-reports');
  auditExports.grantPut(taskDef.taskRole);
  new logs.LogGroup(sealedForge, 'ForgeRequestLogs', { logGroupName: '/forge/http-request-logs', retention: logs.RetentionDays.INFINITE });
  const github = new iam.OidcProviderNative(sealedForge, 'GithubOidc', { url: 'https://token.actions.githubusercontent.com', clientIds: ['sts.amazonaws.com'], thumbprints: ['6938fd4d98bab03faadb97b34396831e3780aea1'] });
  new iam.Role(sealedForge, 'GithubDeployRole', { assumedBy: new iam.WebIdentityPrincipal(github.oidcProviderArn, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:example-org/*' } }), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')] });
  const admins = new iam.Group(sealedForge, 'ForgeAdmins', { managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonECS_FullAccess')] });
  const maintainer = new iam.User(sealedForge, 'Maintainer', { userName: 'forge-maintainer', password: SecretValue.secretsManager('forge/maintainer-initial-password'), passwordResetRequired: true, groups: [admins] });
  new CfnOutput(sealedForge, 'ForgeUrl', { value: 'https://git.example.dev' });
  new CfnOutput(sealedForge, 'MaintainerName', { value: maintainer.userName });
}

// ---------------------------------------------------------------------------------------------
// Last held-out apps (session 8): routed to templates/lastcdk/, labelled in labels.lastcdk.yaml
// before vouch ran on them. Constructs no earlier app uses: Aurora PostgreSQL DatabaseCluster with
// provisioned and Serverless v2 instances, single-user rotation and an RDS Proxy, SQS FIFO, an Express
// state machine, REST API usage plans and API keys, a regional WAF on a stage, an object-lock CloudTrail
// archive, S3 event notifications, CloudFront signed URLs with a key group, a Fargate worker scaled on
// queue depth, DynamoDB streams into Lambda and an EventBridge Pipe, an OpenSearch domain in a VPC.
// A payments/ledger backend.
const lastLedger = new Stack(app, 'LastLedger', { env });
{
  const vpc = new ec2.Vpc(lastLedger, 'LedgerVpc', { maxAzs: 2, natGateways: 1, flowLogs: { All: { trafficType: ec2.FlowLogTrafficType.ALL } } });
  vpc.addInterfaceEndpoint('SecretsEndpoint', { service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER });
  vpc.addInterfaceEndpoint('SqsEndpoint', { service: ec2.InterfaceVpcEndpointAwsService.SQS });
  const ledgerKey = new kms.Key(lastLedger, 'LedgerKey', { enableKeyRotation: true, alias: 'alias/ledger' });
  const auditKey = new kms.Key(lastLedger, 'AuditKey', { description: 'cloudtrail archive' });
  const accessLogs = new s3.Bucket(lastLedger, 'LedgerAccessLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.S3_MANAGED, lifecycleRules: [{ expiration: Duration.days(400) }] });
  const db = new rds.DatabaseCluster(lastLedger, 'LedgerDb', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
    credentials: rds.Credentials.fromGeneratedSecret('ledger_admin'),
    writer: rds.ClusterInstance.provisioned('Writer', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE) }),
    readers: [rds.ClusterInstance.serverlessV2('Reader', { scaleWithWriter: true })],
    serverlessV2MinCapacity: 0.5, serverlessV2MaxCapacity: 4,
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    storageEncrypted: true, storageEncryptionKey: ledgerKey,
    backup: { retention: Duration.days(14) },
    cloudwatchLogsExports: ['postgresql'],
    iamAuthentication: true,
  });
  db.addRotationSingleUser({ automaticallyAfter: Duration.days(30) });
  const fnSg = new ec2.SecurityGroup(lastLedger, 'LedgerFnSg', { vpc, description: 'ledger lambdas' });
  const proxy = db.addProxy('LedgerProxy', { secrets: [db.secret], vpc, requireTLS: true, iamAuth: true, securityGroups: [fnSg] });
  db.connections.allowDefaultPortFrom(fnSg);
  const paymentsDlq = new sqs.Queue(lastLedger, 'PaymentsDlq', { fifo: true, retentionPeriod: Duration.days(14) });
  const payments = new sqs.Queue(lastLedger, 'PaymentsQueue', { fifo: true, contentBasedDeduplication: true, encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: ledgerKey, enforceSSL: true, deadLetterQueue: { queue: paymentsDlq, maxReceiveCount: 3 } });
  const webhookEvents = new sqs.Queue(lastLedger, 'WebhookEvents', { encryption: sqs.QueueEncryption.UNENCRYPTED, visibilityTimeout: Duration.seconds(60) });
  const balances = new dynamodb.Table(lastLedger, 'Balances', { partitionKey: { name: 'accountId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'currency', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: ledgerKey, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
  const idempotency = new dynamodb.TableV2(lastLedger, 'IdempotencyKeys', { partitionKey: { name: 'key', type: dynamodb.AttributeType.STRING }, timeToLiveAttribute: 'expiresAt' });
  const postTxn = new lambda.Function(lastLedger, 'PostTransactionFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, vpc, securityGroups: [fnSg], tracing: lambda.Tracing.ACTIVE, environment: { DB_PROXY: proxy.endpoint, DB_SECRET_ARN: db.secret.secretArn, QUEUE_URL: payments.queueUrl, IDEMPOTENCY_TABLE: idempotency.tableName } });
  db.secret.grantRead(postTxn);
  proxy.grantConnect(postTxn, 'ledger_app');
  payments.grantSendMessages(postTxn);
  idempotency.grantReadWriteData(postTxn);
  ledgerKey.grantEncryptDecrypt(postTxn);
  const webhookFn = new lambda.Function(lastLedger, 'StripeWebhookFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { STRIPE_SECRET_KEY: 'sk_live_51NzQpLKc8vT2mYw0aRt7Hs9UeXb3Fd6Gj1Ki4Lo5Mn8Pq2Rs', STRIPE_PUBLISHABLE_KEY: 'pk_live_51NzQpLKc8vT2mYw0PubKeyOnlyForCheckoutJs', EVENTS_QUEUE: webhookEvents.queueUrl } });
  webhookEvents.grantSendMessages(webhookFn);
  const webhookSigning = new secretsmanager.Secret(lastLedger, 'StripeSigningSecret', { description: 'Stripe webhook signing secret', secretStringValue: SecretValue.unsafePlainText('whsec_4eT9kLmP2qRsVx7Yz0AbCdEf3GhIjKl') });
  webhookSigning.grantRead(webhookFn);
  const settleFn = new lambda.Function(lastLedger, 'SettlementFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, vpc, securityGroups: [fnSg], timeout: Duration.minutes(5), environment: { BALANCES: balances.tableName } });
  settleFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
  const statements = new s3.Bucket(lastLedger, 'StatementExports', { encryption: s3.BucketEncryption.KMS, encryptionKey: ledgerKey, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'statements/', lifecycleRules: [{ expiration: Duration.days(2555) }] });
  Tags.of(statements).add('DataSet', 'exported-reports');
  statements.grantReadWrite(settleFn);
  const flowLogs = new logs.LogGroup(lastLedger, 'SettlementFlowLogs', { retention: logs.RetentionDays.ONE_YEAR });
  const settleFlow = new sfn.StateMachine(lastLedger, 'SettlementFlow', {
    stateMachineType: sfn.StateMachineType.EXPRESS,
    definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(lastLedger, 'Settle', { lambdaFunction: settleFn, outputPath: '$.Payload' }).next(new tasks.SqsSendMessage(lastLedger, 'Enqueue', { queue: payments, messageBody: sfn.TaskInput.fromJsonPathAt('$'), messageGroupId: 'settlement' }))),
    logs: { destination: flowLogs, level: sfn.LogLevel.ALL, includeExecutionData: false },
    tracingEnabled: true,
  });
  const reconcile = new sfn.StateMachine(lastLedger, 'ReconcileFlow', { definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(lastLedger, 'Reconcile', { lambdaFunction: settleFn }).next(new sfn.Wait(lastLedger, 'Cooldown', { time: sfn.WaitTime.duration(Duration.minutes(10)) })).next(new tasks.StepFunctionsStartExecution(lastLedger, 'ReSettle', { stateMachine: settleFlow }))) });
  new events.Rule(lastLedger, 'NightlyReconcile', { schedule: events.Schedule.cron({ hour: '1', minute: '30' }), targets: [new targets.SfnStateMachine(reconcile)] });
  const apiLogs = new logs.LogGroup(lastLedger, 'ApiRequestLogs', { logGroupName: '/ledger/api-request-logs', retention: logs.RetentionDays.THREE_MONTHS });
  const api = new apigw.RestApi(lastLedger, 'PaymentsApi', {
    endpointTypes: [apigw.EndpointType.REGIONAL],
    cloudWatchRole: true,
    deployOptions: { stageName: 'v1', accessLogDestination: new apigw.LogGroupLogDestination(apiLogs), accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(), loggingLevel: apigw.MethodLoggingLevel.ERROR, metricsEnabled: true, throttlingRateLimit: 100, throttlingBurstLimit: 200 },
  });
  api.root.addResource('payments').addMethod('POST', new apigw.LambdaIntegration(postTxn), { apiKeyRequired: true });
  api.root.addResource('webhooks').addResource('stripe').addMethod('POST', new apigw.LambdaIntegration(webhookFn));
  api.root.addResource('balances').addResource('{accountId}').addMethod('GET', apigw.StepFunctionsIntegration.startExecution(settleFlow), { authorizationType: apigw.AuthorizationType.IAM });
  const plan = api.addUsagePlan('PartnerPlan', { throttle: { rateLimit: 20, burstLimit: 40 }, quota: { limit: 100000, period: apigw.Period.MONTH } });
  plan.addApiStage({ stage: api.deploymentStage });
  plan.addApiKey(api.addApiKey('PartnerKey', { apiKeyName: 'partner-default' }));
  plan.addApiKey(api.addApiKey('LegacyPartnerKey', { apiKeyName: 'legacy-acquirer', value: 'lgcy-7Hq2Vn9Xc4Bz6Mw1Kp8Rt3Ys5Dj0Lf' }));
  const acl = new wafv2.CfnWebACL(lastLedger, 'ApiAcl', { scope: 'REGIONAL', defaultAction: { allow: {} }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'ledger-api', sampledRequestsEnabled: true }, rules: [
    { name: 'common', priority: 0, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'common', sampledRequestsEnabled: true } },
    { name: 'rate', priority: 1, action: { block: {} }, statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: 'IP' } }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'rate', sampledRequestsEnabled: true } },
  ] });
  new wafv2.CfnWebACLAssociation(lastLedger, 'ApiAclAssociation', { resourceArn: api.deploymentStage.stageArn, webAclArn: acl.attrArn });
  const trailArchive = new s3.Bucket(lastLedger, 'TrailArchive', { objectLockEnabled: true, objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(2555)), versioned: true, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.KMS, encryptionKey: auditKey });
  new cloudtrail.Trail(lastLedger, 'LedgerTrail', { bucket: trailArchive, encryptionKey: auditKey, isMultiRegionTrail: true, includeGlobalServiceEvents: true, enableFileValidation: true });
  const alerts = new sns.Topic(lastLedger, 'LedgerAlerts', { masterKey: ledgerKey });
  alerts.addSubscription(new subs.EmailSubscription('payments-oncall@example.com'));
  new cloudwatch.Alarm(lastLedger, 'DlqNotEmpty', { metric: paymentsDlq.metricApproximateNumberOfMessagesVisible(), threshold: 1, evaluationPeriods: 1 }).addAlarmAction(new cwactions.SnsAction(alerts));
  const cacheSubnets = new elasticache.CfnSubnetGroup(lastLedger, 'RateLimitSubnets', { description: 'rate limiter', subnetIds: vpc.privateSubnets.map((sn) => sn.subnetId) });
  const cacheSg = new ec2.SecurityGroup(lastLedger, 'RateLimitSg', { vpc, description: 'rate limiter cache' });
  cacheSg.addIngressRule(fnSg, ec2.Port.tcp(11211), 'from the ledger lambdas');
  new elasticache.CfnCacheCluster(lastLedger, 'RateLimitCache', { engine: 'memcached', cacheNodeType: 'cache.t4g.small', numCacheNodes: 2, azMode: 'cross-az', cacheSubnetGroupName: cacheSubnets.ref, vpcSecurityGroupIds: [cacheSg.securityGroupId] });
  new cognito.UserPool(lastLedger, 'MerchantPool', { selfSignUpEnabled: false, signInAliases: { email: true }, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false }, passwordPolicy: { minLength: 12 } }).addClient('DashboardClient', { authFlows: { userSrp: true } });
  new logs.LogGroup(lastLedger, 'WebhookRequestLogs', { logGroupName: '/ledger/webhook-request-logs' });
  const statusFn = new lambda.Function(lastLedger, 'StatusFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { BALANCES: balances.tableName } });
  balances.grantReadData(statusFn);
  statusFn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
  new iam.Role(lastLedger, 'ExternalAuditorRole', { assumedBy: new iam.AccountPrincipal('444455556666'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')] });
  new iam.Role(lastLedger, 'BreakGlassRole', { assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')], maxSessionDuration: Duration.hours(1) });
  new CfnOutput(lastLedger, 'ApiUrl', { value: api.url });
}

// A media/content pipeline: uploads → MediaConvert, Fargate thumbnail workers, signed playback CDN.
const lastMedia = new Stack(app, 'LastMedia', { env });
{
  const vpc = new ec2.Vpc(lastMedia, 'MediaVpc', { maxAzs: 2, natGateways: 1 });
  const uploads = new s3.Bucket(lastMedia, 'RawUploads', { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true, cors: [{ allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.POST], allowedOrigins: ['*'], allowedHeaders: ['*'] }], lifecycleRules: [{ expiration: Duration.days(30), abortIncompleteMultipartUploadAfter: Duration.days(1) }] });
  const renditions = new s3.Bucket(lastMedia, 'Renditions', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  const assets = new dynamodb.Table(lastMedia, 'AssetCatalog', { partitionKey: { name: 'assetId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES, removalPolicy: RemovalPolicy.DESTROY });
  const mcRole = new iam.Role(lastMedia, 'MediaConvertRole', { assumedBy: new iam.ServicePrincipal('mediaconvert.amazonaws.com') });
  uploads.grantRead(mcRole);
  renditions.grantPut(mcRole);
  const transcodeFn = new lambda.Function(lastMedia, 'StartTranscodeFn', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromInline('def handler(event, context):\n    return {}'), timeout: Duration.seconds(30), environment: { MEDIACONVERT_ROLE: mcRole.roleArn, OUTPUT_BUCKET: renditions.bucketName, CATALOG: assets.tableName } });
  transcodeFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['mediaconvert:*'], resources: ['*'] }));
  mcRole.grantPassRole(transcodeFn.role);
  assets.grantWriteData(transcodeFn);
  uploads.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(transcodeFn), { suffix: '.mp4' });
  const moderateFn = new lambda.Function(lastMedia, 'ModerationFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { OPENAI_API_KEY: 'sk-proj-Qx7Lm2Nv9Bc4Zr8Tw1Ys5Kd3Hf6Jg0Pa2Se4Ui7Oy', CATALOG: assets.tableName } });
  moderateFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['rekognition:DetectModerationLabels', 'rekognition:DetectLabels'], resources: ['*'] }));
  uploads.grantRead(moderateFn);
  assets.grantReadWriteData(moderateFn);
  uploads.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(moderateFn), { suffix: '.jpg' });
  const domain = new opensearch.Domain(lastMedia, 'SearchDomain', { version: opensearch.EngineVersion.OPENSEARCH_2_11, vpc, vpcSubnets: [{ subnets: [vpc.privateSubnets[0]] }], capacity: { dataNodes: 1, dataNodeInstanceType: 't3.small.search', multiAzWithStandbyEnabled: false }, ebs: { volumeSize: 20 }, enforceHttps: true, nodeToNodeEncryption: true, removalPolicy: RemovalPolicy.DESTROY });
  const indexFn = new lambda.Function(lastMedia, 'IndexerFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, vpc, environment: { DOMAIN: domain.domainEndpoint } });
  domain.connections.allowFrom(indexFn, ec2.Port.tcp(443));
  domain.grantReadWrite(indexFn);
  indexFn.addEventSource(new eventsources.DynamoEventSource(assets, { startingPosition: lambda.StartingPosition.TRIM_HORIZON, batchSize: 100, retryAttempts: 3 }));
  const jobsDlq = new sqs.Queue(lastMedia, 'ThumbnailJobsDlq', { retentionPeriod: Duration.days(14) });
  const jobs = new sqs.Queue(lastMedia, 'ThumbnailJobs', { visibilityTimeout: Duration.minutes(15), deadLetterQueue: { queue: jobsDlq, maxReceiveCount: 5 } });
  const dbSecret = new secretsmanager.Secret(lastMedia, 'WorkerDbSecret', { generateSecretString: { secretStringTemplate: JSON.stringify({ username: 'media' }), generateStringKey: 'password', excludePunctuation: true } });
  const cluster = new ecs.Cluster(lastMedia, 'WorkerCluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
  const workerTask = new ecs.FargateTaskDefinition(lastMedia, 'ThumbnailTask', { cpu: 1024, memoryLimitMiB: 2048 });
  workerTask.addContainer('worker', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/node:20-slim'), logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'thumbs', logRetention: logs.RetentionDays.ONE_MONTH }), environment: { QUEUE_URL: jobs.queueUrl, BUCKET: renditions.bucketName, CLOUDINARY_URL: 'cloudinary://483920174655321:Xk9vQ2mLp7Rt4Wz1Nb8Cy3Hd6Fs@media-co' }, secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(dbSecret, 'password') } });
  jobs.grantConsumeMessages(workerTask.taskRole);
  renditions.grantReadWrite(workerTask.taskRole);
  const workers = new ecs.FargateService(lastMedia, 'ThumbnailWorkers', { cluster, taskDefinition: workerTask, desiredCount: 1, minHealthyPercent: 0 });
  workers.autoScaleTaskCount({ minCapacity: 0, maxCapacity: 10 }).scaleOnMetric('QueueDepth', { metric: jobs.metricApproximateNumberOfMessagesVisible(), scalingSteps: [{ upper: 0, change: -1 }, { lower: 100, change: +1 }, { lower: 500, change: +5 }] });
  const signingKey = new cloudfront.PublicKey(lastMedia, 'SigningKey', { encodedKey: '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAp1vzeFkcil65PaTXy+XY\nhs5yek/dir+5cM9aCc8aK5TuIkPtt6thgGQ1u7ahY8kQyP5eVQ3ffmdV5Jz5Io5y\nWeRPfnLoE5ZAbZj9U+l+mhUmiKrUP73SVsY4j1X9HhayYDZhGc/MaGf9fPUMXiJ4\n570P+40u5KlxAjaAHCz8asxKILzSAtz/pwjofNygKP6/SjIoawt6d+smepFq2OrN\nzS8VQvXet/UYbsTwKJ4PT/RSoexc12C4QjgHOkw8cAIEuZWZZoPhNZClokl1mofq\nlUdn9mWIrcqkGE2G/QSpQiifYs/56ad5PVauZ0a9+uyyh1LP2Eae0eeXJIdSzHgi\nlQIDAQAB\n-----END PUBLIC KEY-----\n' });
  const keyGroup = new cloudfront.KeyGroup(lastMedia, 'SigningKeyGroup', { items: [signingKey] });
  const renditionsOrigin = origins.S3BucketOrigin.withOriginAccessControl(renditions);
  const cdn = new cloudfront.Distribution(lastMedia, 'PlaybackCdn', { defaultBehavior: { origin: renditionsOrigin, viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS, trustedKeyGroups: [keyGroup] }, additionalBehaviors: { 'thumbnails/*': { origin: renditionsOrigin, viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.ALLOW_ALL } }, priceClass: cloudfront.PriceClass.PRICE_CLASS_100 });
  const notify = new sns.Topic(lastMedia, 'JobNotifications', { displayName: 'Media jobs' });
  notify.addSubscription(new subs.EmailSubscription('media-ops@example.com'));
  new events.Rule(lastMedia, 'TranscodeFinished', { eventPattern: { source: ['aws.mediaconvert'], detailType: ['MediaConvert Job State Change'], detail: { status: ['COMPLETE', 'ERROR'] } }, targets: [new targets.SnsTopic(notify), new targets.SqsQueue(jobs)] });
  const pipeRole = new iam.Role(lastMedia, 'PublishPipeRole', { assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com') });
  assets.grantStreamRead(pipeRole);
  notify.grantPublish(pipeRole);
  new pipes.CfnPipe(lastMedia, 'PublishPipe', { roleArn: pipeRole.roleArn, source: assets.tableStreamArn, sourceParameters: { dynamoDbStreamParameters: { startingPosition: 'LATEST', batchSize: 10 }, filterCriteria: { filters: [{ pattern: JSON.stringify({ eventName: ['INSERT'] }) }] } }, target: notify.topicArn });
  const uploadSessions = new dynamodb.TableV2(lastMedia, 'UploadSessions', { partitionKey: { name: 'uploadId', type: dynamodb.AttributeType.STRING }, timeToLiveAttribute: 'ttl' });
  const presignFn = new lambda.Function(lastMedia, 'PresignFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { UPLOADS: uploads.bucketName, SESSIONS: uploadSessions.tableName } });
  uploads.grantPut(presignFn);
  uploadSessions.grantReadWriteData(presignFn);
  presignFn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM, cors: { allowedOrigins: ['*'], allowedMethods: [lambda.HttpMethod.POST] } });
  const usageReports = new s3.Bucket(lastMedia, 'UsageReports', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(60) }] });
  Tags.of(usageReports).add('DataSet', 'exported-reports');
  usageReports.grantWrite(workerTask.taskRole);
  const redisSubnets = new elasticache.CfnSubnetGroup(lastMedia, 'PlaylistCacheSubnets', { description: 'playlist cache', subnetIds: vpc.privateSubnets.map((sn) => sn.subnetId) });
  const redisSg = new ec2.SecurityGroup(lastMedia, 'PlaylistCacheSg', { vpc, description: 'playlist cache' });
  redisSg.connections.allowFrom(workers, ec2.Port.tcp(6379));
  new elasticache.CfnReplicationGroup(lastMedia, 'PlaylistCache', { replicationGroupDescription: 'HLS playlist cache', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.t4g.medium', numCacheClusters: 2, automaticFailoverEnabled: true, multiAzEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, snapshotRetentionLimit: 5, cacheSubnetGroupName: redisSubnets.ref, securityGroupIds: [redisSg.securityGroupId] });
  new cognito.UserPool(lastMedia, 'CreatorPool', { selfSignUpEnabled: true, signInAliases: { email: true }, autoVerify: { email: true } }).addClient('StudioClient');
  const posters = new s3.Bucket(lastMedia, 'PosterSite', { publicReadAccess: true, blockPublicAccess: new s3.BlockPublicAccess({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false }), websiteIndexDocument: 'index.html', removalPolicy: RemovalPolicy.DESTROY });
  posters.grantPut(workerTask.taskRole);
  new logs.LogGroup(lastMedia, 'CdnRequestLogs', { logGroupName: '/media/cdn-request-logs', retention: logs.RetentionDays.ONE_MONTH });
  const debugSg = new ec2.SecurityGroup(lastMedia, 'FfmpegDebugSg', { vpc, description: 'ffmpeg debug box' });
  debugSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh for debugging');
  new ec2.Instance(lastMedia, 'FfmpegDebugBox', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MEDIUM), machineImage: ec2.MachineImage.latestAmazonLinux2023(), securityGroup: debugSg, keyPair: ec2.KeyPair.fromKeyPairName(lastMedia, 'DevKey', 'media-dev') });
  new CfnOutput(lastMedia, 'PlaybackDomain', { value: cdn.distributionDomainName });
}

// Added after the first two were judged (frozen before its own first run), for the controls they left thin
// (data-residency, https-redirect, bastion-only, mfa, cache-no-backup): a self-hosted product-analytics
// dashboard on EC2 behind an HTTP ALB, rollups replicated to the US, exports to a US partner and a US bus.
const lastInsights = new Stack(app, 'LastInsights', { env });
{
  const vpc = new ec2.Vpc(lastInsights, 'InsightsVpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }, { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const dashSg = new ec2.SecurityGroup(lastInsights, 'DashboardSg', { vpc, description: 'metabase host' });
  dashSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'admin ssh');
  const dashboard = new ec2.Instance(lastInsights, 'DashboardHost', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.LARGE), machineImage: ec2.MachineImage.latestAmazonLinux2023(), securityGroup: dashSg, blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(50, { encrypted: true }) }] });
  const alb = new elbv2.ApplicationLoadBalancer(lastInsights, 'DashboardLb', { vpc, internetFacing: true });
  const http = alb.addListener('Http', { port: 80, open: true });
  http.addTargets('Metabase', { port: 3000, protocol: elbv2.ApplicationProtocol.HTTP, targets: [new elbv2targets.InstanceTarget(dashboard, 3000)], healthCheck: { path: '/api/health' } });
  dashSg.connections.allowFrom(alb, ec2.Port.tcp(3000));
  const insightsKey = new kms.Key(lastInsights, 'InsightsKey', { enableKeyRotation: true });
  const rollups = new dynamodb.TableV2(lastInsights, 'EventRollups', { partitionKey: { name: 'metric', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'day', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, replicas: [{ region: 'us-east-1' }] });
  const exportsTopic = new sns.Topic(lastInsights, 'ExportReady', { masterKey: insightsKey });
  exportsTopic.addSubscription(new subs.SqsSubscription(sqs.Queue.fromQueueArn(lastInsights, 'PartnerIngest', 'arn:aws:sqs:us-east-1:444455556666:partner-ingest'), { rawMessageDelivery: true }));
  new events.Rule(lastInsights, 'ForwardUsage', { eventPattern: { source: ['insights.usage'] }, targets: [new targets.EventBus(events.EventBus.fromEventBusArn(lastInsights, 'CentralBus', 'arn:aws:events:us-east-1:111122223333:event-bus/central-analytics'))] });
  const vault = new backup.BackupVault(lastInsights, 'InsightsVault', { encryptionKey: insightsKey });
  const usVault = backup.BackupVault.fromBackupVaultArn(lastInsights, 'UsVault', 'arn:aws:backup:us-east-2:111122223333:backup-vault:insights-dr');
  const plan = new backup.BackupPlan(lastInsights, 'InsightsPlan', { backupVault: vault, backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'Daily', scheduleExpression: events.Schedule.cron({ hour: '3', minute: '0' }), deleteAfter: Duration.days(35), copyActions: [{ destinationBackupVault: usVault, deleteAfter: Duration.days(35) }] })] });
  plan.addSelection('Rollups', { resources: [backup.BackupResource.fromArn(rollups.tableArn)] });
  const cacheSg = new ec2.SecurityGroup(lastInsights, 'QueryCacheSg', { vpc, description: 'query cache' });
  cacheSg.connections.allowFrom(dashSg, ec2.Port.tcp(6379));
  new elasticache.CfnServerlessCache(lastInsights, 'QueryCache', { engine: 'valkey', serverlessCacheName: 'insights-query-cache', subnetIds: vpc.isolatedSubnets.map((sn) => sn.subnetId), securityGroupIds: [cacheSg.securityGroupId], snapshotRetentionLimit: 3, dailySnapshotTime: '04:00' });
  const analysts = new iam.Group(lastInsights, 'Analysts', { managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')] });
  new iam.User(lastInsights, 'AnalystUser', { userName: 'insights-analyst', password: SecretValue.secretsManager('insights/analyst-initial-password'), passwordResetRequired: true, groups: [analysts] });
  new CfnOutput(lastInsights, 'DashboardUrl', { value: `http://${alb.loadBalancerDnsName}` });
}

// Scout held-out apps (session 9): stacks named Scout*, routed to templates/scoutcdk/, labelled in labels.scoutcdk.yaml
// (scoutcdk apps go here)
// Three apps in the shapes open-source CDK apps take, in constructs the earlier apps use little: an
// internal-tools platform (Cognito-authenticated ALB in front of an EFS-backed Fargate wiki, RDS MySQL,
// SES with an SMTP user, a session Redis, a dev box, a Backup plan), an event-sourced order system
// (EventBridge bus with an archive and a cross-region forward, a DynamoDB global table, Step Functions
// Standard and Express, SQS with DLQs, AppSync, a LambdaRestApi, a tracking SPA on CloudFront) and a
// data lake / ML feature store (S3 zones with an escape-hatch replication, Firehose, Glue crawler and job,
// Athena workgroup, Lake Formation, Redshift Serverless, SageMaker, a Valkey/Redis/Memcached mix).
const elbActions = await import('aws-cdk-lib/aws-elasticloadbalancingv2-actions');
const lakeformation = await import('aws-cdk-lib/aws-lakeformation');
const redshiftserverless = await import('aws-cdk-lib/aws-redshiftserverless');

// An internal-tools platform: a wiki on Fargate behind a Cognito-authenticated ALB, helpdesk mail via SES.
const scoutDesk = new Stack(app, 'ScoutDesk', { env });
{
  const vpc = new ec2.Vpc(scoutDesk, 'DeskVpc', { maxAzs: 2, natGateways: 1 });
  const staff = new cognito.UserPool(scoutDesk, 'StaffDirectory', { selfSignUpEnabled: false, signInAliases: { email: true }, passwordPolicy: { minLength: 10, requireSymbols: false }, removalPolicy: RemovalPolicy.DESTROY });
  const staffDomain = staff.addDomain('StaffLogin', { cognitoDomain: { domainPrefix: 'scoutdesk-staff-login' } });
  const albClient = staff.addClient('WikiAlbClient', { generateSecret: true, authFlows: { userPassword: true }, oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.EMAIL, cognito.OAuthScope.OPENID], callbackUrls: ['https://wiki.desk.example.com/oauth2/idpresponse'] } });
  const cert = acm.Certificate.fromCertificateArn(scoutDesk, 'WikiCert', 'arn:aws:acm:eu-west-1:111122223333:certificate/4c1e7b2a-93d5-4f0e-8a61-2b7c9d0e5f13');
  const cluster = new ecs.Cluster(scoutDesk, 'ToolsCluster', { vpc, containerInsights: true });
  const wikiFiles = new efs.FileSystem(scoutDesk, 'WikiFiles', { vpc, removalPolicy: RemovalPolicy.DESTROY, performanceMode: efs.PerformanceMode.GENERAL_PURPOSE });
  const wikiDb = new rds.DatabaseInstance(scoutDesk, 'WikiDb', {
    engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0_39 }),
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.SMALL),
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    credentials: rds.Credentials.fromGeneratedSecret('wiki'), databaseName: 'wiki', allocatedStorage: 20,
    removalPolicy: RemovalPolicy.DESTROY, deletionProtection: false,
  });
  const wikiTask = new ecs.FargateTaskDefinition(scoutDesk, 'WikiTask', { cpu: 512, memoryLimitMiB: 1024 });
  wikiTask.addVolume({ name: 'uploads', efsVolumeConfiguration: { fileSystemId: wikiFiles.fileSystemId, transitEncryption: 'ENABLED' } });
  const wikiContainer = wikiTask.addContainer('wiki', {
    image: ecs.ContainerImage.fromRegistry('ghcr.io/requarks/wiki:2.5'),
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'wiki', logRetention: logs.RetentionDays.TWO_WEEKS }),
    environment: { DB_TYPE: 'mysql', DB_HOST: wikiDb.dbInstanceEndpointAddress, DB_USER: 'wiki', DB_PASS: fakeSecret('Wik1', '-Desk-', 'Pa55word!'), DB_NAME: 'wiki' },
    portMappings: [{ containerPort: 3000 }],
  });
  wikiContainer.addMountPoints({ sourceVolume: 'uploads', containerPath: '/wiki/data/uploads', readOnly: false });
  const wiki = new ecsPatterns.ApplicationLoadBalancedFargateService(scoutDesk, 'Wiki', {
    cluster, taskDefinition: wikiTask, desiredCount: 1, publicLoadBalancer: true,
    protocol: elbv2.ApplicationProtocol.HTTPS, certificate: cert, redirectHTTP: true,
    assignPublicIp: true, taskSubnets: { subnetType: ec2.SubnetType.PUBLIC },
  });
  wiki.listener.addAction('StaffOnly', { priority: 10, conditions: [elbv2.ListenerCondition.pathPatterns(['/*'])], action: new elbActions.AuthenticateCognitoAction({ userPool: staff, userPoolClient: albClient, userPoolDomain: staffDomain, next: elbv2.ListenerAction.forward([wiki.targetGroup]) }) });
  wiki.targetGroup.configureHealthCheck({ path: '/healthz' });
  wikiFiles.connections.allowDefaultPortFrom(wiki.service);
  wikiDb.connections.allowDefaultPortFrom(wiki.service);
  new logs.LogGroup(scoutDesk, 'AlbRequestLogs', { logGroupName: '/desk/alb-request-logs', retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
  // Helpdesk: a ticket table, a nightly digest mailed through SES, an SMTP relay user for the ticketing tool.
  new ses.EmailIdentity(scoutDesk, 'HelpdeskDomain', { identity: ses.Identity.domain('desk.example.com') });
  const configSet = new ses.ConfigurationSet(scoutDesk, 'HelpdeskMail', { reputationMetrics: true });
  const tickets = new dynamodb.Table(scoutDesk, 'Tickets', { partitionKey: { name: 'ticketId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
  const deskAudit = new dynamodb.Table(scoutDesk, 'DeskAuditTrail', { partitionKey: { name: 'actor', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'at', type: dynamodb.AttributeType.NUMBER }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
  const assets = new dynamodb.Table(scoutDesk, 'AssetInventory', { partitionKey: { name: 'assetTag', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
  const digestFn = new lambda.Function(scoutDesk, 'TicketDigestFn', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromInline('def handler(event, context):\n    return None'), timeout: Duration.minutes(2), logRetention: logs.RetentionDays.ONE_WEEK, environment: { TICKETS: tickets.tableName, CONFIG_SET: configSet.configurationSetName, ZENDESK_API_TOKEN: fakeSecret('zd', 'T0k3n', 'Qm8vXc2Lr5Nw9Hb4Ky7Pd1Sj6Fg3') } });
  tickets.grantReadData(digestFn);
  deskAudit.grantWriteData(digestFn);
  digestFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail', 'ses:SendRawEmail'], resources: ['*'] }));
  new events.Rule(scoutDesk, 'NightlyDigest', { schedule: events.Schedule.cron({ hour: '6', minute: '0', weekDay: 'MON-FRI' }), targets: [new targets.LambdaFunction(digestFn)] });
  const smtpUser = new iam.User(scoutDesk, 'SmtpRelayUser', { userName: 'desk-smtp-relay' });
  smtpUser.addToPolicy(new iam.PolicyStatement({ actions: ['ses:SendRawEmail'], resources: ['*'] }));
  const smtpKey = new iam.AccessKey(scoutDesk, 'SmtpRelayKey', { user: smtpUser });
  new CfnOutput(scoutDesk, 'SmtpUsername', { value: smtpKey.accessKeyId });
  new CfnOutput(scoutDesk, 'SmtpSecretAccessKey', { value: smtpKey.secretAccessKey.unsafeUnwrap() });
  // Sessions for the admin panel: Redis via L1, at-rest encryption only.
  const sessionSg = new ec2.SecurityGroup(scoutDesk, 'SessionCacheSg', { vpc, description: 'wiki sessions' });
  sessionSg.connections.allowFrom(wiki.service, ec2.Port.tcp(6379));
  const sessionSubnets = new elasticache.CfnSubnetGroup(scoutDesk, 'SessionCacheSubnets', { description: 'sessions', subnetIds: vpc.privateSubnets.map((sn) => sn.subnetId) });
  new elasticache.CfnReplicationGroup(scoutDesk, 'SessionCache', { replicationGroupDescription: 'desk sessions', engine: 'redis', cacheNodeType: 'cache.t4g.micro', numCacheClusters: 1, atRestEncryptionEnabled: true, cacheSubnetGroupName: sessionSubnets.ref, securityGroupIds: [sessionSg.securityGroupId] });
  // A reporting replica-of-record with the settings the wiki DB lacks.
  const reportingParams = new rds.ParameterGroup(scoutDesk, 'ReportingParams', { engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0_39 }), parameters: { require_secure_transport: 'ON', tls_version: 'TLSv1.2' } });
  new rds.DatabaseInstance(scoutDesk, 'ReportingDb', {
    engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0_39 }),
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MEDIUM),
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, publiclyAccessible: false,
    credentials: rds.Credentials.fromGeneratedSecret('reporting'), parameterGroup: reportingParams,
    storageEncrypted: true, backupRetention: Duration.days(14), cloudwatchLogsExports: ['audit', 'error'],
  });
  // Buckets: attachments (logged), the access-log bucket, an exports bucket, a public docs site.
  const deskLogs = new s3.Bucket(scoutDesk, 'DeskAccessLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.S3_MANAGED, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, lifecycleRules: [{ expiration: Duration.days(365) }] });
  const attachments = new s3.Bucket(scoutDesk, 'TicketAttachments', { enforceSSL: true, versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.S3_MANAGED, serverAccessLogsBucket: deskLogs, serverAccessLogsPrefix: 'attachments/' });
  attachments.grantReadWrite(digestFn);
  const exportsBucket = new s3.Bucket(scoutDesk, 'AssetExports', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: deskLogs, serverAccessLogsPrefix: 'exports/' });
  Tags.of(exportsBucket).add('DataSet', 'exported-reports');
  assets.grantReadData(digestFn);
  exportsBucket.grantPut(digestFn);
  const docs = new s3.Bucket(scoutDesk, 'RunbookSite', { websiteIndexDocument: 'index.html', publicReadAccess: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS, removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
  new s3deploy.BucketDeployment(scoutDesk, 'PublishRunbooks', { sources: [s3deploy.Source.data('index.html', '<h1>On-call runbooks</h1>')], destinationBucket: docs });
  // Access: a dev box anyone can SSH to, an SSM-only bastion, an admin role, an auditor role, a helpdesk admin.
  const devSg = new ec2.SecurityGroup(scoutDesk, 'ScriptsBoxSg', { vpc, description: 'scripts box' });
  devSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh from anywhere (temporary)');
  new ec2.Instance(scoutDesk, 'ScriptsBox', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO), machineImage: ec2.MachineImage.latestAmazonLinux2023(), securityGroup: devSg, keyPair: ec2.KeyPair.fromKeyPairName(scoutDesk, 'OpsKey', 'desk-ops') });
  new ec2.BastionHostLinux(scoutDesk, 'SsmBastion', { vpc, subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(10, { encrypted: true }) }] });
  new iam.Role(scoutDesk, 'ToolsAdminRole', { assumedBy: new iam.AccountRootPrincipal(), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')] });
  new iam.Role(scoutDesk, 'ComplianceAuditorRole', { assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')] });
  new iam.User(scoutDesk, 'HelpdeskLead', { userName: 'helpdesk-lead', password: SecretValue.unsafePlainText(fakeSecret('Welcome', '-Desk-', '2025!')), passwordResetRequired: true, managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSESReadOnlyAccess')] });
  // Backups: a plan that keeps three days, selecting the asset inventory.
  const deskPlan = new backup.BackupPlan(scoutDesk, 'DeskPlan', { backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'Nightly', scheduleExpression: events.Schedule.cron({ hour: '2', minute: '0' }), deleteAfter: Duration.days(3) })] });
  deskPlan.addSelection('Inventory', { resources: [backup.BackupResource.fromDynamoDbTable(assets)] });
  new CfnOutput(scoutDesk, 'WikiUrl', { value: `https://${wiki.loadBalancer.loadBalancerDnsName}` });
}

// An event-sourced order system: commands over REST and GraphQL, events on a custom bus, sagas in Step Functions.
const orderSchemaPath = join(tmpdir(), 'scoutcdk-orders.graphql');
writeFileSync(orderSchemaPath, 'type Order { orderId: ID! status: String total: Float }\ntype Query { order(orderId: ID!): Order }\nschema { query: Query }\n');
const scoutOrders = new Stack(app, 'ScoutOrders', { env });
{
  const vpc = new ec2.Vpc(scoutOrders, 'OrdersVpc', { maxAzs: 2, natGateways: 1, flowLogs: { Rejected: { trafficType: ec2.FlowLogTrafficType.REJECT } } });
  const ordersKey = new kms.Key(scoutOrders, 'OrdersKey', { description: 'order events', alias: 'alias/scout-orders' });
  const bus = new events.EventBus(scoutOrders, 'OrderBus', { eventBusName: 'scout-orders' });
  bus.archive('OrderArchive', { archiveName: 'scout-order-events', eventPattern: { source: ['scout.orders'] }, retention: Duration.days(365) });
  const orderEvents = new dynamodb.TableV2(scoutOrders, 'OrderEventStore', {
    partitionKey: { name: 'aggregateId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'version', type: dynamodb.AttributeType.NUMBER },
    dynamoStream: dynamodb.StreamViewType.NEW_IMAGE, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    replicas: [{ region: 'eu-central-1' }, { region: 'us-east-1' }],
  });
  const projections = new dynamodb.TableV2(scoutOrders, 'OrderProjections', { partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING }, globalSecondaryIndexes: [{ indexName: 'byCustomer', partitionKey: { name: 'customerId', type: dynamodb.AttributeType.STRING } }] });
  const idempotency = new dynamodb.Table(scoutOrders, 'CommandIdempotency', { partitionKey: { name: 'commandId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, timeToLiveAttribute: 'expiresAt', pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: ordersKey });
  const ledger = new dynamodb.Table(scoutOrders, 'CustomerLedger', { partitionKey: { name: 'customerId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
  const fnDefaults = { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, tracing: lambda.Tracing.ACTIVE };
  const placeOrder = new lambda.Function(scoutOrders, 'PlaceOrderFn', { ...fnDefaults, environment: { EVENTS: orderEvents.tableName, IDEMPOTENCY: idempotency.tableName, BUS: bus.eventBusName } });
  orderEvents.grantReadWriteData(placeOrder);
  idempotency.grantReadWriteData(placeOrder);
  placeOrder.addToRolePolicy(new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: ['*'] }));
  const project = new lambda.Function(scoutOrders, 'ProjectorFn', { ...fnDefaults, environment: { PROJECTIONS: projections.tableName } });
  project.addEventSource(new eventsources.DynamoEventSource(orderEvents, { startingPosition: lambda.StartingPosition.TRIM_HORIZON, batchSize: 50, retryAttempts: 3 }));
  project.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: [projections.tableArn, `${projections.tableArn}/index/*`] }));
  const reserve = new lambda.Function(scoutOrders, 'ReserveStockFn', { ...fnDefaults, environment: { LEDGER: ledger.tableName } });
  ledger.grantReadWriteData(reserve);
  const charge = new lambda.Function(scoutOrders, 'ChargeCardFn', { ...fnDefaults, timeout: Duration.seconds(20), environment: { PSP_SECRET_KEY: fakeSecret('sk_live_', '51QsCt8Lm3Vx7Nb2Kz9Rw4Yh6Df0Gj5Pa1Tu8Eo'), PSP_PUBLISHABLE_KEY: 'pk_live_51QsCt8Lm3Vx7Nb2CheckoutOnlyKey' } });
  const refundFn = new lambda.Function(scoutOrders, 'RefundFn', { ...fnDefaults, environment: { LEDGER: ledger.tableName } });
  ledger.grantReadWriteData(refundFn);
  // Queues: payments with a DLQ, a legacy ERP inbox opened to a partner the lazy way.
  const paymentsDlq = new sqs.Queue(scoutOrders, 'PaymentResultsDlq', { retentionPeriod: Duration.days(14), enforceSSL: true });
  const paymentResults = new sqs.Queue(scoutOrders, 'PaymentResults', { visibilityTimeout: Duration.seconds(120), deadLetterQueue: { queue: paymentsDlq, maxReceiveCount: 5 }, enforceSSL: true });
  paymentResults.grantSendMessages(charge);
  refundFn.addEventSource(new eventsources.SqsEventSource(paymentResults, { batchSize: 5, reportBatchItemFailures: true }));
  const erpInbox = new sqs.Queue(scoutOrders, 'ErpInbox', { encryption: sqs.QueueEncryption.UNENCRYPTED, retentionPeriod: Duration.days(4) });
  erpInbox.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['sqs:SendMessage', 'sqs:GetQueueUrl'], resources: [erpInbox.queueArn] }));
  const orderAlerts = new sns.Topic(scoutOrders, 'OrderAlerts', { displayName: 'Order alerts' });
  orderAlerts.addSubscription(new subs.EmailSubscription('orders-oncall@example.com'));
  new cloudwatch.Alarm(scoutOrders, 'PaymentsDlqAlarm', { metric: paymentsDlq.metricApproximateNumberOfMessagesVisible(), threshold: 1, evaluationPeriods: 1 }).addAlarmAction(new cwactions.SnsAction(orderAlerts));
  // Sagas: a Standard fulfilment saga with full logging, a Standard refund saga without, an Express quote flow logging OFF.
  const sagaLogs = new logs.LogGroup(scoutOrders, 'FulfilmentSagaLogs', { retention: logs.RetentionDays.SIX_MONTHS });
  const fulfilment = new sfn.StateMachine(scoutOrders, 'FulfilmentSaga', {
    definitionBody: sfn.DefinitionBody.fromChainable(
      new tasks.LambdaInvoke(scoutOrders, 'Reserve', { lambdaFunction: reserve, outputPath: '$.Payload' })
        .next(new tasks.LambdaInvoke(scoutOrders, 'Charge', { lambdaFunction: charge, outputPath: '$.Payload' }).addCatch(new tasks.LambdaInvoke(scoutOrders, 'Compensate', { lambdaFunction: refundFn })))
        .next(new tasks.EventBridgePutEvents(scoutOrders, 'Announce', { entries: [{ detail: sfn.TaskInput.fromJsonPathAt('$'), detailType: 'OrderFulfilled', source: 'scout.orders', eventBus: bus }] }))),
    logs: { destination: sagaLogs, level: sfn.LogLevel.ALL, includeExecutionData: true },
    tracingEnabled: true, timeout: Duration.hours(1),
  });
  const refundSaga = new sfn.StateMachine(scoutOrders, 'RefundSaga', { definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(scoutOrders, 'Refund', { lambdaFunction: refundFn }).next(new tasks.DynamoUpdateItem(scoutOrders, 'MarkRefunded', { table: ledger, key: { customerId: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.customerId')) }, updateExpression: 'SET refunded = :t', expressionAttributeValues: { ':t': tasks.DynamoAttributeValue.fromBoolean(true) } }))) });
  const quoteLogs = new logs.LogGroup(scoutOrders, 'QuoteFlowLogs', { retention: logs.RetentionDays.ONE_WEEK });
  new sfn.StateMachine(scoutOrders, 'QuoteFlow', { stateMachineType: sfn.StateMachineType.EXPRESS, definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(scoutOrders, 'PriceIt', { result: sfn.Result.fromObject({ currency: 'EUR' }) })), logs: { destination: quoteLogs, level: sfn.LogLevel.OFF } });
  new events.Rule(scoutOrders, 'OrderPlacedToSaga', { eventBus: bus, eventPattern: { source: ['scout.orders'], detailType: ['OrderPlaced'] }, targets: [new targets.SfnStateMachine(fulfilment)] });
  new events.Rule(scoutOrders, 'RefundRequested', { eventBus: bus, eventPattern: { source: ['scout.orders'], detailType: ['RefundRequested'] }, targets: [new targets.SfnStateMachine(refundSaga)] });
  new events.Rule(scoutOrders, 'ForwardToUsFulfilment', { eventBus: bus, eventPattern: { source: ['scout.orders'], detailType: ['OrderFulfilled'], detail: { shipTo: ['US', 'CA'] } }, targets: [new targets.EventBus(events.EventBus.fromEventBusArn(scoutOrders, 'UsFulfilmentBus', 'arn:aws:events:us-west-2:111122223333:event-bus/us-fulfilment'))] });
  // Public command API: a LambdaRestApi with its defaults; request logs for the webhook and the API.
  const ordersApi = new apigw.LambdaRestApi(scoutOrders, 'OrdersApi', { handler: placeOrder, defaultCorsPreflightOptions: { allowOrigins: apigw.Cors.ALL_ORIGINS } });
  new logs.LogGroup(scoutOrders, 'OrdersApiRequestLogs', { logGroupName: '/orders/api-request-logs', retention: logs.RetentionDays.ONE_YEAR });
  new logs.LogGroup(scoutOrders, 'CarrierWebhookRequestLogs', { logGroupName: '/orders/carrier-webhook-request-logs', retention: logs.RetentionDays.TWO_WEEKS });
  // Read side: AppSync over the projections table with an API key, no logging.
  const graph = new appsync.GraphqlApi(scoutOrders, 'OrdersGraph', { name: 'scout-orders-read', definition: appsync.Definition.fromSchema(appsync.SchemaFile.fromAsset(orderSchemaPath)), authorizationConfig: { defaultAuthorization: { authorizationType: appsync.AuthorizationType.API_KEY, apiKeyConfig: { expires: Expiration.atDate(new Date('2027-06-30T00:00:00Z')) } } } });
  graph.addDynamoDbDataSource('Projections', projections).createResolver('OrderQuery', { typeName: 'Query', fieldName: 'order', requestMappingTemplate: appsync.MappingTemplate.dynamoDbGetItem('orderId', 'orderId'), responseMappingTemplate: appsync.MappingTemplate.dynamoDbResultItem() });
  // Customers and back-office users.
  new cognito.UserPool(scoutOrders, 'Shoppers', { selfSignUpEnabled: true, signInAliases: { email: true }, autoVerify: { email: true }, mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { otp: true, sms: false } }).addClient('StorefrontClient', { authFlows: { userSrp: true } });
  new cognito.UserPool(scoutOrders, 'BackOffice', { selfSignUpEnabled: false, signInAliases: { username: true, email: true }, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false }, passwordPolicy: { minLength: 14 } });
  // Order-tracking SPA: a private bucket behind CloudFront (OAC) with the default certificate and allow-all.
  const trackingSite = new s3.Bucket(scoutOrders, 'TrackingSpa', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true, encryption: s3.BucketEncryption.S3_MANAGED });
  const trackingCdn = new cloudfront.Distribution(scoutOrders, 'TrackingCdn', { defaultRootObject: 'index.html', defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(trackingSite), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.ALLOW_ALL }, additionalBehaviors: { '/api/*': { origin: new origins.RestApiOrigin(ordersApi), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY, allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL, cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED } } });
  // A price cache for quotes, encrypted both ways and without snapshots.
  const priceSg = new ec2.SecurityGroup(scoutOrders, 'PriceCacheSg', { vpc, description: 'price cache' });
  priceSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(6379), 'from the vpc');
  const priceSubnets = new elasticache.CfnSubnetGroup(scoutOrders, 'PriceCacheSubnets', { description: 'price cache', subnetIds: vpc.privateSubnets.map((sn) => sn.subnetId) });
  new elasticache.CfnReplicationGroup(scoutOrders, 'PriceCache', { replicationGroupDescription: 'quote prices', engine: 'valkey', engineVersion: '8.0', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailoverEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, snapshotRetentionLimit: 0, cacheSubnetGroupName: priceSubnets.ref, securityGroupIds: [priceSg.securityGroupId] });
  // Backups: daily, kept 35 days, copied to a US vault for DR; selects the customer ledger.
  const ordersVault = new backup.BackupVault(scoutOrders, 'OrdersVault', { encryptionKey: ordersKey });
  const drVault = backup.BackupVault.fromBackupVaultArn(scoutOrders, 'DrVault', 'arn:aws:backup:us-east-2:111122223333:backup-vault:orders-dr');
  const ordersPlan = new backup.BackupPlan(scoutOrders, 'OrdersPlan', { backupVault: ordersVault, backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'Daily', scheduleExpression: events.Schedule.cron({ hour: '1', minute: '15' }), deleteAfter: Duration.days(35), copyActions: [{ destinationBackupVault: drVault, deleteAfter: Duration.days(35) }] })] });
  ordersPlan.addSelection('Ledger', { resources: [backup.BackupResource.fromDynamoDbTable(ledger)] });
  new CfnOutput(scoutOrders, 'TrackingUrl', { value: trackingCdn.distributionDomainName });
  new CfnOutput(scoutOrders, 'GraphUrl', { value: graph.graphqlUrl });
}

// A data lake / ML feature store: S3 zones, streaming ingest, Glue, Athena, Lake Formation, Redshift Serverless, SageMaker.
const scoutLake = new Stack(app, 'ScoutLake', { env });
{
  const lakeKey = new kms.Key(scoutLake, 'LakeKey', { enableKeyRotation: true, alias: 'alias/scout-lake' });
  const flowBucket = new s3.Bucket(scoutLake, 'FlowLogArchive', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(90) }] });
  const vpc = new ec2.Vpc(scoutLake, 'LakeVpc', { maxAzs: 2, natGateways: 1, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }, { name: 'compute', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  vpc.addFlowLog('ToS3', { destination: ec2.FlowLogDestination.toS3(flowBucket, 'vpc/'), trafficType: ec2.FlowLogTrafficType.ALL });
  vpc.addGatewayEndpoint('S3Endpoint', { service: ec2.GatewayVpcEndpointAwsService.S3 });
  const lakeLogs = new s3.Bucket(scoutLake, 'LakeAccessLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED });
  const raw = new s3.Bucket(scoutLake, 'RawZone', { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true, lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.INTELLIGENT_TIERING, transitionAfter: Duration.days(30) }] }] });
  const curated = new s3.Bucket(scoutLake, 'CuratedZone', { encryption: s3.BucketEncryption.KMS, encryptionKey: lakeKey, bucketKeyEnabled: true, enforceSSL: true, versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: lakeLogs, serverAccessLogsPrefix: 'curated/' });
  const replRole = new iam.Role(scoutLake, 'CuratedReplicationRole', { assumedBy: new iam.ServicePrincipal('s3.amazonaws.com') });
  replRole.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetReplicationConfiguration', 's3:ListBucket', 's3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl'], resources: [curated.bucketArn, curated.arnForObjects('*')] }));
  replRole.addToPolicy(new iam.PolicyStatement({ actions: ['s3:ReplicateObject', 's3:ReplicateDelete'], resources: ['arn:aws:s3:::scout-lake-curated-us-analytics/*'] }));
  lakeKey.grantDecrypt(replRole);
  curated.node.defaultChild.addPropertyOverride('ReplicationConfiguration', { Role: replRole.roleArn, Rules: [{ Id: 'to-us-analytics', Status: 'Enabled', Prefix: 'gold/', Destination: { Bucket: 'arn:aws:s3:::scout-lake-curated-us-analytics', StorageClass: 'STANDARD_IA' }, SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } } }] });
  const athenaResults = new s3.Bucket(scoutLake, 'AthenaResults', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: lakeLogs, serverAccessLogsPrefix: 'athena/', lifecycleRules: [{ expiration: Duration.days(7) }] });
  const clickLogs = new s3.Bucket(scoutLake, 'ClickstreamLanding', { bucketName: 'scout-lake-clickstream-request-logs', enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: lakeLogs, serverAccessLogsPrefix: 'clickstream/', lifecycleRules: [{ expiration: Duration.days(180) }] });
  const partnerReports = new s3.Bucket(scoutLake, 'PartnerReports', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: lakeLogs, serverAccessLogsPrefix: 'reports/', lifecycleRules: [{ expiration: Duration.days(60) }] });
  Tags.of(partnerReports).add('DataSet', 'exported-reports');
  // Streaming ingest: Firehose Direct PUT into the clickstream landing bucket (L1), a feature-event stream (L2).
  const firehoseRole = new iam.Role(scoutLake, 'ClickstreamDeliveryRole', { assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com') });
  clickLogs.grantReadWrite(firehoseRole);
  new firehose.CfnDeliveryStream(scoutLake, 'ClickstreamDelivery', { deliveryStreamType: 'DirectPut', extendedS3DestinationConfiguration: { bucketArn: clickLogs.bucketArn, roleArn: firehoseRole.roleArn, prefix: 'events/!{timestamp:yyyy/MM/dd}/', errorOutputPrefix: 'errors/!{firehose:error-output-type}/', bufferingHints: { intervalInSeconds: 300, sizeInMBs: 64 }, compressionFormat: 'GZIP' } });
  const featureEvents = new kinesis.Stream(scoutLake, 'FeatureEvents', { streamMode: kinesis.StreamMode.ON_DEMAND, retentionPeriod: Duration.hours(48) });
  const ingestFn = new lambda.Function(scoutLake, 'FeatureIngestFn', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromInline('def handler(event, context):\n    return None'), memorySize: 1024, timeout: Duration.minutes(1), environment: { RAW_BUCKET: raw.bucketName } });
  ingestFn.addEventSource(new eventsources.KinesisEventSource(featureEvents, { startingPosition: lambda.StartingPosition.LATEST, batchSize: 500 }));
  ingestFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
  // Glue: catalog database, a crawler with the AWS managed service role, a nightly job with a JDBC password in its arguments.
  const glueRole = new iam.Role(scoutLake, 'GlueCrawlerRole', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSGlueServiceRole')] });
  raw.grantRead(glueRole);
  curated.grantReadWrite(glueRole);
  const lakeDb = new glue.CfnDatabase(scoutLake, 'LakeDatabase', { catalogId: scoutLake.account, databaseInput: { name: 'scout_lake', description: 'raw and curated zones' } });
  new glue.CfnCrawler(scoutLake, 'RawCrawler', { role: glueRole.roleArn, databaseName: 'scout_lake', schedule: { scheduleExpression: 'cron(0 1 * * ? *)' }, targets: { s3Targets: [{ path: `s3://${raw.bucketName}/events/` }] }, schemaChangePolicy: { updateBehavior: 'UPDATE_IN_DATABASE', deleteBehavior: 'LOG' } });
  const jobRole = new iam.Role(scoutLake, 'CurateJobRole', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com') });
  raw.grantRead(jobRole);
  curated.grantReadWrite(jobRole);
  const scripts = new s3.Bucket(scoutLake, 'GlueScripts', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: lakeLogs, serverAccessLogsPrefix: 'scripts/' });
  scripts.grantRead(jobRole);
  new glue.CfnJob(scoutLake, 'NightlyCurate', { name: 'scout-nightly-curate', role: jobRole.roleArn, glueVersion: '4.0', workerType: 'G.1X', numberOfWorkers: 4, command: { name: 'glueetl', pythonVersion: '3', scriptLocation: `s3://${scripts.bucketName}/curate.py` }, defaultArguments: { '--job-bookmark-option': 'job-bookmark-enable', '--SOURCE_JDBC_URL': 'jdbc:postgresql://crm.internal:5432/crm', '--SOURCE_JDBC_USER': 'lake_reader', '--SOURCE_JDBC_PASSWORD': fakeSecret('Cr', 'mR3ad', '-2025-', 'lake') } });
  // Athena for analysts, Lake Formation admins and a grant.
  new athena.CfnWorkGroup(scoutLake, 'AnalystsWorkgroup', { name: 'scout-analysts', workGroupConfiguration: { enforceWorkGroupConfiguration: true, publishCloudWatchMetricsEnabled: true, bytesScannedCutoffPerQuery: 10737418240, resultConfiguration: { outputLocation: `s3://${athenaResults.bucketName}/results/`, encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: lakeKey.keyArn } } } });
  const analystRole = new iam.Role(scoutLake, 'DataScientistRole', { assumedBy: new iam.AccountRootPrincipal(), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonAthenaFullAccess')] });
  curated.grantRead(analystRole);
  new lakeformation.CfnDataLakeSettings(scoutLake, 'LakeAdmins', { admins: [{ dataLakePrincipalIdentifier: `arn:aws:iam::${scoutLake.account}:role/cdk-hnb659fds-cfn-exec-role-${scoutLake.account}-${scoutLake.region}` }] });
  new lakeformation.CfnResource(scoutLake, 'CuratedLocation', { resourceArn: curated.bucketArn, useServiceLinkedRole: true });
  new lakeformation.CfnPermissions(scoutLake, 'AnalystsSelect', { dataLakePrincipal: { dataLakePrincipalIdentifier: analystRole.roleArn }, resource: { tableResource: { databaseName: lakeDb.ref, tableWildcard: {} } }, permissions: ['SELECT', 'DESCRIBE'] });
  // Orchestration: the curate job then a crawler run, logged at ERROR.
  const pipelineLogs = new logs.LogGroup(scoutLake, 'CuratePipelineLogs', { retention: logs.RetentionDays.ONE_MONTH });
  new sfn.StateMachine(scoutLake, 'CuratePipeline', { definitionBody: sfn.DefinitionBody.fromChainable(new tasks.GlueStartJobRun(scoutLake, 'RunCurate', { glueJobName: 'scout-nightly-curate', integrationPattern: sfn.IntegrationPattern.RUN_JOB })), logs: { destination: pipelineLogs, level: sfn.LogLevel.ERROR } });
  // Warehouse: Redshift Serverless with an admin password in the template and a public workgroup.
  const whSg = new ec2.SecurityGroup(scoutLake, 'WarehouseSg', { vpc, description: 'redshift serverless' });
  whSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(5439), 'bi tools');
  const whRole = new iam.Role(scoutLake, 'WarehouseRole', { assumedBy: new iam.ServicePrincipal('redshift.amazonaws.com') });
  curated.grantRead(whRole);
  const ns = new redshiftserverless.CfnNamespace(scoutLake, 'Warehouse', { namespaceName: 'scout-lake', adminUsername: 'lakeadmin', adminUserPassword: fakeSecret('Lake', 'Adm1n', 'Passw0rd', '2025'), dbName: 'lake', iamRoles: [whRole.roleArn], defaultIamRoleArn: whRole.roleArn });
  const wg = new redshiftserverless.CfnWorkgroup(scoutLake, 'WarehouseWorkgroup', { workgroupName: 'scout-lake-bi', namespaceName: 'scout-lake', baseCapacity: 8, publiclyAccessible: true, subnetIds: vpc.publicSubnets.map((sn) => sn.subnetId), securityGroupIds: [whSg.securityGroupId], configParameters: [{ parameterKey: 'require_ssl', parameterValue: 'true' }] });
  wg.addDependency(ns);
  // SageMaker: a model and an endpoint with a KMS key, a notebook with direct internet access.
  const smRole = new iam.Role(scoutLake, 'SageMakerExecRole', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSageMakerFullAccess')] });
  curated.grantRead(smRole);
  const model = new sagemaker.CfnModel(scoutLake, 'ChurnModel', { executionRoleArn: smRole.roleArn, primaryContainer: { image: '141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1', modelDataUrl: `s3://${curated.bucketName}/models/churn/model.tar.gz` } });
  const epConfig = new sagemaker.CfnEndpointConfig(scoutLake, 'ChurnEndpointConfig', { kmsKeyId: lakeKey.keyArn, productionVariants: [{ modelName: model.attrModelName, variantName: 'AllTraffic', initialInstanceCount: 1, instanceType: 'ml.m5.large', initialVariantWeight: 1 }] });
  new sagemaker.CfnEndpoint(scoutLake, 'ChurnEndpoint', { endpointConfigName: epConfig.attrEndpointConfigName });
  new sagemaker.CfnNotebookInstance(scoutLake, 'FeatureNotebook', { instanceType: 'ml.t3.medium', roleArn: smRole.roleArn, volumeSizeInGb: 20 });
  // Online features: serverless Valkey keeping snapshots, a Redis store encrypted both ways, a Memcached query cache.
  const featureSg = new ec2.SecurityGroup(scoutLake, 'FeatureCacheSg', { vpc, description: 'feature caches' });
  featureSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcpRange(6379, 6380), 'from the vpc');
  featureSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(11211), 'memcached from the vpc');
  new elasticache.CfnServerlessCache(scoutLake, 'OnlineFeatures', { engine: 'valkey', serverlessCacheName: 'scout-online-features', subnetIds: vpc.isolatedSubnets.map((sn) => sn.subnetId), securityGroupIds: [featureSg.securityGroupId], snapshotRetentionLimit: 7, dailySnapshotTime: '02:30' });
  const cacheSubnets = new elasticache.CfnSubnetGroup(scoutLake, 'FeatureCacheSubnets', { description: 'feature caches', subnetIds: vpc.isolatedSubnets.map((sn) => sn.subnetId) });
  new elasticache.CfnReplicationGroup(scoutLake, 'FeatureStore', { replicationGroupDescription: 'offline-to-online feature store', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.r7g.large', numCacheClusters: 2, automaticFailoverEnabled: true, atRestEncryptionEnabled: true, kmsKeyId: lakeKey.keyId, transitEncryptionEnabled: true, cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [featureSg.securityGroupId] });
  new elasticache.CfnCacheCluster(scoutLake, 'QueryResultCache', { engine: 'memcached', cacheNodeType: 'cache.t4g.small', numCacheNodes: 1, cacheSubnetGroupName: cacheSubnets.ref, vpcSecurityGroupIds: [featureSg.securityGroupId] });
  // Experiment tracking: MLflow on Fargate behind a plain-HTTP public ALB, tasks in private subnets.
  const cluster = new ecs.Cluster(scoutLake, 'MlCluster', { vpc });
  const mlflow = new ecsPatterns.ApplicationLoadBalancedFargateService(scoutLake, 'Mlflow', { cluster, cpu: 1024, memoryLimitMiB: 2048, taskSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, taskImageOptions: { image: ecs.ContainerImage.fromRegistry('ghcr.io/mlflow/mlflow:v2.16.2'), containerPort: 5000, command: ['mlflow', 'server', '--host', '0.0.0.0', '--backend-store-uri', 'sqlite:///mlflow.db', '--default-artifact-root', `s3://${curated.bucketName}/mlflow/`], environment: { MLFLOW_S3_ENDPOINT_URL: 'https://s3.eu-west-1.amazonaws.com' } } });
  curated.grantReadWrite(mlflow.taskDefinition.taskRole);
  // A BI gateway on Windows that the vendor reaches over RDP, and a feature API published through a function URL.
  const gwSg = new ec2.SecurityGroup(scoutLake, 'BiGatewaySg', { vpc, description: 'bi gateway' });
  gwSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(3389), 'vendor support');
  new ec2.Instance(scoutLake, 'BiGateway', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.M5, ec2.InstanceSize.LARGE), machineImage: ec2.MachineImage.latestWindows(ec2.WindowsVersion.WINDOWS_SERVER_2022_ENGLISH_FULL_BASE), securityGroup: gwSg });
  const featureApi = new lambda.Function(scoutLake, 'FeatureLookupFn', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromInline('def handler(event, context):\n    return {"statusCode": 200}'), environment: { FEATURE_CACHE: 'scout-online-features' } });
  featureApi.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE, cors: { allowedOrigins: ['*'] } });
  // Drift alerts for the models, fanned out to the MLOps team's intake queue.
  const driftAlerts = new sns.Topic(scoutLake, 'ModelDriftAlerts', { masterKey: lakeKey, displayName: 'model drift' });
  driftAlerts.addSubscription(new subs.SqsSubscription(sqs.Queue.fromQueueArn(scoutLake, 'MlopsIntake', 'arn:aws:sqs:us-east-1:111122223333:mlops-drift-intake'), { rawMessageDelivery: true }));
  new CfnOutput(scoutLake, 'MlflowUrl', { value: `http://${mlflow.loadBalancer.loadBalancerDnsName}` });
}

// Recon held-out apps (session 9, second scout set): stacks named Recon*, routed to templates/scout2cdk/, labelled in labels.scout2cdk.yaml
// (scout2cdk apps go here)
const { HttpLambdaAuthorizer, HttpLambdaResponseType } = await import('aws-cdk-lib/aws-apigatewayv2-authorizers');
const chatbot = await import('aws-cdk-lib/aws-chatbot');
const securityhub = await import('aws-cdk-lib/aws-securityhub');
const logsDest = await import('aws-cdk-lib/aws-logs-destinations');

// (1) A serverless SaaS starter: HttpApi with a Lambda authorizer, DynamoDB single table, Cognito hosted UI,
// an S3 + CloudFront SPA published by BucketDeployment, Route 53 + ACM, EventBridge Scheduler, a docs CDN.
const reconSaas = new Stack(app, 'ReconSaas', { env });
{
  const zone = new route53.PublicHostedZone(reconSaas, 'Zone', { zoneName: 'tallyhub.example.com' });
  const apiCert = new acm.Certificate(reconSaas, 'ApiCert', { domainName: 'api.tallyhub.example.com', validation: acm.CertificateValidation.fromDns(zone) });
  const tenants = new dynamodb.TableV2(reconSaas, 'AppTable', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, globalSecondaryIndexes: [{ indexName: 'gsi1', partitionKey: { name: 'gsi1pk', type: dynamodb.AttributeType.STRING } }], replicas: [{ region: 'eu-central-1' }], removalPolicy: RemovalPolicy.RETAIN });
  const rateLimits = new dynamodb.Table(reconSaas, 'RateLimits', { partitionKey: { name: 'key', type: dynamodb.AttributeType.STRING }, timeToLiveAttribute: 'expiresAt', billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, removalPolicy: RemovalPolicy.DESTROY });
  const flags = new dynamodb.TableV2(reconSaas, 'FeatureFlags', { partitionKey: { name: 'flag', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, replicas: [{ region: 'us-east-1' }] });
  const users = new cognito.UserPool(reconSaas, 'Customers', { selfSignUpEnabled: true, signInAliases: { email: true }, autoVerify: { email: true }, passwordPolicy: { minLength: 8 }, removalPolicy: RemovalPolicy.DESTROY });
  users.addDomain('HostedUi', { cognitoDomain: { domainPrefix: 'tallyhub-login' } });
  const webClient = users.addClient('WebClient', { oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL], callbackUrls: ['https://app.tallyhub.example.com/callback'] } });
  const staff = new cognito.UserPool(reconSaas, 'StaffPool', { selfSignUpEnabled: false, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false }, advancedSecurityMode: cognito.AdvancedSecurityMode.ENFORCED });
  staff.addClient('StaffClient');
  const stripeKey = fakeSecret('sk_live_', '51NqT8cLr2VbXw9KmPz', 'D4hYj7sEfGa1QuLo3Rt');
  const apiFn = new lambda.Function(reconSaas, 'ApiHandler', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, memorySize: 512, timeout: Duration.seconds(15), logRetention: logs.RetentionDays.ONE_WEEK, environment: { TABLE_NAME: tenants.tableName, RATE_TABLE: rateLimits.tableName, STRIPE_SECRET_KEY: stripeKey, USER_POOL_ID: users.userPoolId } });
  tenants.grantReadWriteData(apiFn);
  rateLimits.grantReadWriteData(apiFn);
  flags.grantReadData(apiFn);
  apiFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail', 'ses:SendTemplatedEmail'], resources: ['*'] }));
  const authFn = new lambda.Function(reconSaas, 'TokenAuthorizerFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { USER_POOL_ID: users.userPoolId, CLIENT_ID: webClient.userPoolClientId } });
  const authorizer = new HttpLambdaAuthorizer('TenantAuthorizer', authFn, { responseTypes: [HttpLambdaResponseType.SIMPLE], resultsCacheTtl: Duration.minutes(5) });
  const apiDomain = new apigwv2.DomainName(reconSaas, 'ApiDomain', { domainName: 'api.tallyhub.example.com', certificate: apiCert });
  const httpApi = new apigwv2.HttpApi(reconSaas, 'TenantApi', { corsPreflight: { allowOrigins: ['*'], allowMethods: [apigwv2.CorsHttpMethod.ANY], allowHeaders: ['authorization', 'content-type'] }, defaultDomainMapping: { domainName: apiDomain } });
  httpApi.addRoutes({ path: '/v1/{proxy+}', methods: [apigwv2.HttpMethod.ANY], integration: new HttpLambdaIntegration('ApiInt', apiFn), authorizer });
  new route53.ARecord(reconSaas, 'ApiAlias', { zone, recordName: 'api', target: route53.RecordTarget.fromAlias(new route53targets.ApiGatewayv2DomainProperties(apiDomain.regionalDomainName, apiDomain.regionalHostedZoneId)) });
  const requestLogs = new logs.LogGroup(reconSaas, 'ApiRequestLogs', { logGroupName: '/tallyhub/api-request-logs', retention: logs.RetentionDays.ONE_YEAR });
  const adminFn = new lambda.Function(reconSaas, 'AdminHandler', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { TABLE_NAME: tenants.tableName } });
  tenants.grantReadData(adminFn);
  const adminApi = new apigwv2.HttpApi(reconSaas, 'AdminApi', { defaultIntegration: new HttpLambdaIntegration('AdminInt', adminFn), defaultAuthorizer: new HttpJwtAuthorizer('StaffJwt', `https://cognito-idp.eu-west-1.amazonaws.com/${staff.userPoolId}`, { jwtAudience: ['tallyhub-staff'] }) });
  const adminLogs = new logs.LogGroup(reconSaas, 'AdminRequestLogs', { logGroupName: '/tallyhub/admin-request-logs', retention: logs.RetentionDays.TWO_WEEKS });
  adminApi.defaultStage.node.defaultChild.accessLogSettings = { destinationArn: adminLogs.logGroupArn, format: '$context.requestId $context.identity.sourceIp $context.routeKey $context.status' };
  // SPA: private bucket behind CloudFront with OAC, custom domain, certificate in us-east-1
  const webBucket = new s3.Bucket(reconSaas, 'WebAssets', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
  const cdnCert = acm.Certificate.fromCertificateArn(reconSaas, 'CdnCert', 'arn:aws:acm:us-east-1:111122223333:certificate/7a2d4c1e-55b0-4e8f-a3c2-9f1e0b6d7c84');
  const spa = new cloudfront.Distribution(reconSaas, 'WebCdn', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(webBucket), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS }, domainNames: ['app.tallyhub.example.com'], certificate: cdnCert, defaultRootObject: 'index.html', errorResponses: [{ httpStatus: 404, responseHttpStatus: 200, responsePagePath: '/index.html' }] });
  new route53.ARecord(reconSaas, 'AppAlias', { zone, recordName: 'app', target: route53.RecordTarget.fromAlias(new route53targets.CloudFrontTarget(spa)) });
  new s3deploy.BucketDeployment(reconSaas, 'PublishSpa', { sources: [s3deploy.Source.data('index.html', '<div id="app"></div>')], destinationBucket: webBucket, distribution: spa, distributionPaths: ['/index.html'] });
  // docs: a second distribution in front of a public-read-blocked bucket, left on defaults
  const docsBucket = new s3.Bucket(reconSaas, 'DocsContent', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  new cloudfront.Distribution(reconSaas, 'DocsCdn', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(docsBucket) } });
  // tenant uploads: KMS key without rotation, access logs to a log bucket, CORS for the browser
  const uploadKey = new kms.Key(reconSaas, 'UploadKey', { alias: 'tallyhub/uploads' });
  const accessLogs = new s3.Bucket(reconSaas, 'AccessLogs', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(30) }] });
  const uploads = new s3.Bucket(reconSaas, 'TenantUploads', { encryption: s3.BucketEncryption.KMS, encryptionKey: uploadKey, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'uploads/', cors: [{ allowedOrigins: ['*'], allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET], allowedHeaders: ['*'] }] });
  uploads.grantReadWrite(apiFn);
  // webhooks: a queue with an unencrypted DLQ, a billing topic, the Stripe signing secret in plain text
  const webhookDlq = new sqs.Queue(reconSaas, 'WebhookDlq', { encryption: sqs.QueueEncryption.UNENCRYPTED, retentionPeriod: Duration.days(14) });
  const webhookQueue = new sqs.Queue(reconSaas, 'WebhookQueue', { visibilityTimeout: Duration.seconds(90), deadLetterQueue: { queue: webhookDlq, maxReceiveCount: 5 } });
  const billingTopic = new sns.Topic(reconSaas, 'BillingEvents', { displayName: 'TallyHub billing' });
  billingTopic.addSubscription(new subs.SqsSubscription(webhookQueue));
  const signing = new secretsmanager.Secret(reconSaas, 'StripeSigningSecret', { secretStringValue: SecretValue.unsafePlainText(fakeSecret('whsec_', 'q8Z3mLr5TbN1vXc7', 'KpW2yHd9')) });
  const webhookFn = new lambda.Function(reconSaas, 'WebhookWorker', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { SIGNING_SECRET_ARN: signing.secretArn, TABLE_NAME: tenants.tableName } });
  signing.grantRead(webhookFn);
  tenants.grantWriteData(webhookFn);
  webhookFn.addEventSource(new eventsources.SqsEventSource(webhookQueue, { batchSize: 10 }));
  billingTopic.grantPublish(apiFn);
  // a public health URL and a scheduled usage roll-up through EventBridge Scheduler
  const health = new lambda.Function(reconSaas, 'HealthFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code });
  health.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
  const rollupFn = new lambda.Function(reconSaas, 'UsageRollup', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, timeout: Duration.minutes(5), environment: { TABLE_NAME: tenants.tableName } });
  tenants.grantReadWriteData(rollupFn);
  const schedRole = new iam.Role(reconSaas, 'RollupSchedulerRole', { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com') });
  rollupFn.grantInvoke(schedRole);
  new scheduler.CfnSchedule(reconSaas, 'NightlyRollup', { flexibleTimeWindow: { mode: 'FLEXIBLE', maximumWindowInMinutes: 15 }, scheduleExpression: 'cron(15 2 * * ? *)', scheduleExpressionTimezone: 'Europe/Berlin', target: { arn: rollupFn.functionArn, roleArn: schedRole.roleArn, retryPolicy: { maximumRetryAttempts: 2 } } });
  // a rate-limit cache in the default VPC subnets the app imports: a single Redis node, plain
  const vpc = new ec2.Vpc(reconSaas, 'CacheVpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }], flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL } } });
  const redisSg = new ec2.SecurityGroup(reconSaas, 'RedisSg', { vpc, description: 'rate limit redis' });
  redisSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(6379), 'clients');
  const redisSubnets = new elasticache.CfnSubnetGroup(reconSaas, 'RedisSubnets', { description: 'rate limit cache', subnetIds: vpc.isolatedSubnets.map((s) => s.subnetId) });
  new elasticache.CfnCacheCluster(reconSaas, 'RateLimitRedis', { engine: 'redis', cacheNodeType: 'cache.t4g.micro', numCacheNodes: 1, cacheSubnetGroupName: redisSubnets.ref, vpcSecurityGroupIds: [redisSg.securityGroupId] });
  new elasticache.CfnServerlessCache(reconSaas, 'SessionCache', { engine: 'valkey', serverlessCacheName: 'tallyhub-sessions', subnetIds: vpc.isolatedSubnets.map((s) => s.subnetId), securityGroupIds: [redisSg.securityGroupId] });
  new CfnOutput(reconSaas, 'UserPoolClientId', { value: webClient.userPoolClientId });
  new CfnOutput(reconSaas, 'ApiUrl', { value: httpApi.apiEndpoint });
}

// (2) A container platform: ECS on EC2 with an ASG capacity provider, an NLB Fargate service with TLS,
// Service Connect on a Cloud Map namespace, ECR (scan on push / not, a public pull policy, replication),
// an ALB Fargate portal with WAF, an HTTP ops console, Redis via L1, Aurora Serverless v2 with rotation.
const reconFleet = new Stack(app, 'ReconFleet', { env });
{
  const vpc = new ec2.Vpc(reconFleet, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const cluster = new ecs.Cluster(reconFleet, 'Cluster', { vpc, containerInsights: true, defaultCloudMapNamespace: { name: 'fleet.internal', useForServiceConnect: true } });
  const nodes = new autoscaling.AutoScalingGroup(reconFleet, 'Nodes', { vpc, instanceType: new ec2.InstanceType('m6i.large'), machineImage: ecs.EcsOptimizedImage.amazonLinux2(), minCapacity: 1, maxCapacity: 6 });
  cluster.addAsgCapacityProvider(new ecs.AsgCapacityProvider(reconFleet, 'NodeCapacity', { autoScalingGroup: nodes }));
  const workerDef = new ecs.Ec2TaskDefinition(reconFleet, 'WorkerDef');
  workerDef.addContainer('worker', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/python:3.12-slim'), memoryLimitMiB: 1024, logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'worker', logRetention: logs.RetentionDays.ONE_MONTH }), environment: { QUEUE: 'jobs' } });
  new ecs.Ec2Service(reconFleet, 'Workers', { cluster, taskDefinition: workerDef, desiredCount: 2, serviceConnectConfiguration: {} });
  const workerRole = workerDef.taskRole;
  workerRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
  // repositories
  const apiRepo = new ecr.Repository(reconFleet, 'ApiRepo', { imageScanOnPush: true, imageTagMutability: ecr.TagMutability.IMMUTABLE, lifecycleRules: [{ maxImageCount: 30 }] });
  const toolsRepo = new ecr.Repository(reconFleet, 'ToolsRepo', { removalPolicy: RemovalPolicy.DESTROY, emptyOnDelete: true });
  toolsRepo.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] }));
  new ecr.CfnReplicationConfiguration(reconFleet, 'RegistryReplication', { replicationConfiguration: { rules: [{ destinations: [{ region: 'us-east-1', registryId: '111122223333' }] }] } });
  // gRPC gateway behind an internet-facing NLB with a TLS listener (default policy), Service Connect client
  const gateway = new ecsPatterns.NetworkLoadBalancedFargateService(reconFleet, 'Gateway', { cluster, cpu: 512, memoryLimitMiB: 1024, listenerPort: 443, taskImageOptions: { image: ecs.ContainerImage.fromEcrRepository(apiRepo, 'v1'), containerPort: 8443 } });
  const tlsListener = gateway.listener.node.defaultChild;
  tlsListener.protocol = 'TLS';
  tlsListener.certificates = [{ certificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/2b8e0f4a-6c1d-47a3-9e5b-0d3f7a1c2e96' }];
  gateway.service.connections.allowFrom(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(8443));
  // customer portal: ALB with HTTPS, redirect, access logs and a WAF web ACL (no WAF logging)
  const albLogs = new s3.Bucket(reconFleet, 'AlbLogs', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(90) }] });
  const dbSecret = new secretsmanager.Secret(reconFleet, 'PortalDbSecret', { generateSecretString: { secretStringTemplate: '{"username":"portal"}', generateStringKey: 'password', excludePunctuation: true } });
  const portal = new ecsPatterns.ApplicationLoadBalancedFargateService(reconFleet, 'Portal', { cluster, cpu: 512, memoryLimitMiB: 1024, desiredCount: 2, protocol: elbv2.ApplicationProtocol.HTTPS, certificate: acm.Certificate.fromCertificateArn(reconFleet, 'PortalCert', 'arn:aws:acm:eu-west-1:111122223333:certificate/2b8e0f4a-6c1d-47a3-9e5b-0d3f7a1c2e96'), redirectHTTP: true, sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS, taskImageOptions: { image: ecs.ContainerImage.fromEcrRepository(apiRepo, 'portal-v1'), containerPort: 3000, environment: { NODE_ENV: 'production', SESSION_SECRET: fakeSecret('9f3KqL0x', 'Vb7TzR2m', 'Wn5HsY8c') }, secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(dbSecret, 'password') } } });
  portal.loadBalancer.logAccessLogs(albLogs, 'portal');
  const acl = new wafv2.CfnWebACL(reconFleet, 'PortalAcl', { scope: 'REGIONAL', defaultAction: { allow: {} }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'portal-acl', sampledRequestsEnabled: true }, rules: [{ name: 'common', priority: 0, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'common', sampledRequestsEnabled: true } }] });
  new wafv2.CfnWebACLAssociation(reconFleet, 'PortalAclAssoc', { resourceArn: portal.loadBalancer.loadBalancerArn, webAclArn: acl.attrArn });
  // ops console: plain HTTP ALB, tasks in public subnets with public IPs
  const ops = new ecsPatterns.ApplicationLoadBalancedFargateService(reconFleet, 'OpsConsole', { cluster, cpu: 256, memoryLimitMiB: 512, assignPublicIp: true, taskSubnets: { subnetType: ec2.SubnetType.PUBLIC }, taskImageOptions: { image: ecs.ContainerImage.fromEcrRepository(toolsRepo, 'console'), containerPort: 8080 } });
  // caches: a Redis replication group without at-rest encryption, a compliant one, a Valkey serverless cache with snapshots
  const cacheSg = new ec2.SecurityGroup(reconFleet, 'CacheSg', { vpc, description: 'caches' });
  cacheSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(6379));
  const cacheSubnets = new elasticache.CfnSubnetGroup(reconFleet, 'CacheSubnets', { description: 'caches', subnetIds: vpc.privateSubnets.map((s) => s.subnetId) });
  new elasticache.CfnReplicationGroup(reconFleet, 'PortalSessions', { replicationGroupDescription: 'portal sessions', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.r7g.large', numCacheClusters: 2, automaticFailoverEnabled: true, transitEncryptionEnabled: true, cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId] });
  new elasticache.CfnReplicationGroup(reconFleet, 'JobLocks', { replicationGroupDescription: 'job locks', engine: 'valkey', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailoverEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, snapshotRetentionLimit: 0, cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId] });
  new elasticache.CfnServerlessCache(reconFleet, 'CatalogCache', { engine: 'valkey', serverlessCacheName: 'fleet-catalog', snapshotRetentionLimit: 3, dailySnapshotTime: '03:00', subnetIds: vpc.privateSubnets.map((s) => s.subnetId), securityGroupIds: [cacheSg.securityGroupId] });
  // Aurora Serverless v2 with rotation, and a legacy billing MySQL left public
  const pg = new rds.ParameterGroup(reconFleet, 'PgParams', { engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }), parameters: { 'rds.force_ssl': '1' } });
  const aurora = new rds.DatabaseCluster(reconFleet, 'PortalDb', { engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }), writer: rds.ClusterInstance.serverlessV2('writer'), readers: [rds.ClusterInstance.serverlessV2('reader', { scaleWithWriter: true })], serverlessV2MinCapacity: 0.5, serverlessV2MaxCapacity: 8, vpc, storageEncrypted: true, parameterGroup: pg, backup: { retention: Duration.days(14) }, credentials: rds.Credentials.fromGeneratedSecret('portal_admin') });
  aurora.addRotationSingleUser({ automaticallyAfter: Duration.days(30) });
  aurora.connections.allowDefaultPortFrom(portal.service);
  const billingSg = new ec2.SecurityGroup(reconFleet, 'BillingDbSg', { vpc, description: 'legacy billing db' });
  billingSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(3306), 'vendor reporting tool');
  new rds.DatabaseInstance(reconFleet, 'LegacyBilling', { engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0_39 }), instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MEDIUM), vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, publiclyAccessible: true, securityGroups: [billingSg], allocatedStorage: 50, credentials: rds.Credentials.fromPassword('billing', SecretValue.unsafePlainText(fakeSecret('Bill', 'ing2019', '!Prod'))), removalPolicy: RemovalPolicy.SNAPSHOT });
  // deploy role for GitHub Actions and a break-glass role
  const gh = new iam.OpenIdConnectProvider(reconFleet, 'GithubOidc', { url: 'https://token.actions.githubusercontent.com', clientIds: ['sts.amazonaws.com'] });
  new iam.Role(reconFleet, 'GithubDeployRole', { assumedBy: new iam.WebIdentityPrincipal(gh.openIdConnectProviderArn, { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:example-org/fleet:*' }, StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } }), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')] });
  new iam.Role(reconFleet, 'BreakGlass', { assumedBy: new iam.AccountRootPrincipal(), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')] });
  new iam.Role(reconFleet, 'OnCallRole', { assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('CloudWatchReadOnlyAccess')] });
  new CfnOutput(reconFleet, 'GatewayDns', { value: gateway.loadBalancer.loadBalancerDnsName });
  new CfnOutput(reconFleet, 'OpsUrl', { value: `http://${ops.loadBalancer.loadBalancerDnsName}` });
}

// (3) An ops/observability app: CloudTrail + Config rules + GuardDuty + Security Hub, alarms to SNS and a
// Chatbot Slack channel, Lambda log processors on a Kinesis stream fed by subscription filters, an
// OpenSearch domain with Cognito auth and a scratch one, S3 Glacier lifecycle, a status website, an EC2 Grafana box.
const reconWatch = new Stack(app, 'ReconWatch', { env });
{
  const vpc = new ec2.Vpc(reconWatch, 'Vpc', { maxAzs: 2, natGateways: 1, flowLogs: { rejects: { trafficType: ec2.FlowLogTrafficType.REJECT } } });
  const trailKey = new kms.Key(reconWatch, 'TrailKey', { enableKeyRotation: true, alias: 'watch/trail' });
  trailKey.grantEncrypt(new iam.ServicePrincipal('cloudtrail.amazonaws.com'));
  const trail = new cloudtrail.Trail(reconWatch, 'OrgTrail', { encryptionKey: trailKey, sendToCloudWatchLogs: true, cloudWatchLogsRetention: logs.RetentionDays.ONE_YEAR });
  const configBucket = new s3.Bucket(reconWatch, 'ConfigHistory', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  const configRole = new iam.Role(reconWatch, 'ConfigRole', { assumedBy: new iam.ServicePrincipal('config.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole')] });
  configBucket.grantWrite(configRole);
  const recorder = new config.CfnConfigurationRecorder(reconWatch, 'Recorder', { roleArn: configRole.roleArn, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } });
  const channel = new config.CfnDeliveryChannel(reconWatch, 'Delivery', { s3BucketName: configBucket.bucketName, configSnapshotDeliveryProperties: { deliveryFrequency: 'Six_Hours' } });
  for (const [id, rule] of [['BucketPublicRead', config.ManagedRuleIdentifiers.S3_BUCKET_PUBLIC_READ_PROHIBITED], ['RootMfa', config.ManagedRuleIdentifiers.ROOT_ACCOUNT_MFA_ENABLED], ['EbsEncrypted', config.ManagedRuleIdentifiers.EC2_EBS_ENCRYPTION_BY_DEFAULT]]) {
    const r = new config.ManagedRule(reconWatch, id, { identifier: rule });
    r.node.addDependency(recorder);
    r.node.addDependency(channel);
  }
  new guardduty.CfnDetector(reconWatch, 'Detector', { enable: true, findingPublishingFrequency: 'FIFTEEN_MINUTES' });
  new securityhub.CfnHub(reconWatch, 'SecurityHub', { enableDefaultStandards: true });
  // alerting
  const alerts = new sns.Topic(reconWatch, 'OpsAlerts', { masterKey: kms.Alias.fromAliasName(reconWatch, 'SnsManagedKey', 'alias/aws/sns') });
  alerts.addSubscription(new subs.EmailSubscription('oncall@example.org'));
  const slack = new chatbot.SlackChannelConfiguration(reconWatch, 'OpsSlack', { slackChannelConfigurationName: 'watch-alerts', slackWorkspaceId: 'T0123ABCD', slackChannelId: 'C0456EFGH', notificationTopics: [alerts], loggingLevel: chatbot.LoggingLevel.ERROR });
  slack.role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('CloudWatchReadOnlyAccess'));
  const findingsFn = new lambda.Function(reconWatch, 'FindingsNotifier', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromInline('def handler(e, c):\n    return e'), environment: { SLACK_WEBHOOK_URL: fakeSecret('https://hooks.slack.com/services/', 'T0123ABCD/B07QW3ERTY/', 'k9XvL2mQpR7sT4wZ8yN1bC6d') } });
  new events.Rule(reconWatch, 'GuardDutyFindings', { eventPattern: { source: ['aws.guardduty'], detailType: ['GuardDuty Finding'] }, targets: [new targets.LambdaFunction(findingsFn), new targets.SnsTopic(alerts)] });
  new events.Rule(reconWatch, 'ForwardFindings', { eventPattern: { source: ['aws.securityhub'], detailType: ['Security Hub Findings - Imported'] }, targets: [new targets.EventBus(events.EventBus.fromEventBusArn(reconWatch, 'CentralBus', 'arn:aws:events:us-east-1:444455556666:event-bus/security-central'))] });
  // log pipeline: application log groups -> subscription filter -> Kinesis -> processor Lambda -> OpenSearch
  const logStream = new kinesis.Stream(reconWatch, 'LogStream', { streamMode: kinesis.StreamMode.ON_DEMAND, retentionPeriod: Duration.hours(48) });
  new kinesis.CfnStream(reconWatch, 'MetricsStream', { shardCount: 1, retentionPeriodHours: 24 });
  const appLogs = new logs.LogGroup(reconWatch, 'AppLogs', { logGroupName: '/watch/app' });
  const edgeLogs = new logs.LogGroup(reconWatch, 'EdgeRequestLogs', { logGroupName: '/watch/edge-request-logs', retention: logs.RetentionDays.INFINITE });
  new logs.SubscriptionFilter(reconWatch, 'AppToStream', { logGroup: appLogs, destination: new logsDest.KinesisDestination(logStream), filterPattern: logs.FilterPattern.allEvents() });
  new logs.SubscriptionFilter(reconWatch, 'EdgeToStream', { logGroup: edgeLogs, destination: new logsDest.KinesisDestination(logStream), filterPattern: logs.FilterPattern.allEvents() });
  // OpenSearch with Cognito dashboards auth (hardened) and a scratch domain left open
  const searchUsers = new cognito.UserPool(reconWatch, 'DashboardUsers', { selfSignUpEnabled: false, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false } });
  searchUsers.addDomain('DashboardsLogin', { cognitoDomain: { domainPrefix: 'watch-dashboards' } });
  const idPool = new cognito.CfnIdentityPool(reconWatch, 'DashboardIdentities', { allowUnauthenticatedIdentities: false });
  const osCognitoRole = new iam.Role(reconWatch, 'OpenSearchCognitoRole', { assumedBy: new iam.ServicePrincipal('opensearchservice.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonOpenSearchServiceCognitoAccess')] });
  const processorRole = new iam.Role(reconWatch, 'ProcessorRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')] });
  const domain = new opensearch.Domain(reconWatch, 'LogSearch', { version: opensearch.EngineVersion.OPENSEARCH_2_13, capacity: { dataNodes: 2, dataNodeInstanceType: 'r6g.large.search', multiAzWithStandbyEnabled: false }, ebs: { volumeSize: 100 }, zoneAwareness: { enabled: true }, enforceHttps: true, nodeToNodeEncryption: true, encryptionAtRest: { enabled: true }, fineGrainedAccessControl: { masterUserArn: processorRole.roleArn }, cognitoDashboardsAuth: { userPoolId: searchUsers.userPoolId, identityPoolId: idPool.ref, role: osCognitoRole }, logging: { appLogEnabled: true, auditLogEnabled: true, slowSearchLogEnabled: true }, removalPolicy: RemovalPolicy.RETAIN });
  domain.grantReadWrite(processorRole);
  const processor = new lambda.Function(reconWatch, 'LogProcessor', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromInline('def handler(e, c):\n    return None'), role: processorRole, timeout: Duration.minutes(1), environment: { OPENSEARCH_ENDPOINT: domain.domainEndpoint, OPENSEARCH_USER: 'ingest', OPENSEARCH_PASSWORD: fakeSecret('Ingest', '#2024', 'wAtch') } });
  processor.addEventSource(new eventsources.KinesisEventSource(logStream, { startingPosition: lambda.StartingPosition.LATEST, batchSize: 500 }));
  processorRole.addToPolicy(new iam.PolicyStatement({ actions: ['es:*'], resources: ['*'] }));
  new opensearch.Domain(reconWatch, 'ScratchSearch', { version: opensearch.EngineVersion.OPENSEARCH_2_11, capacity: { dataNodes: 1, dataNodeInstanceType: 't3.small.search', multiAzWithStandbyEnabled: false }, ebs: { volumeSize: 10 }, accessPolicies: [new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['es:ESHttpGet', 'es:ESHttpHead'], resources: ['arn:aws:es:eu-west-1:111122223333:domain/scratch*/*'] })], removalPolicy: RemovalPolicy.DESTROY });
  // archive and exports: Glacier lifecycle, tagged exported reports
  const archive = new s3.Bucket(reconWatch, 'LogArchive', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: trail.node.tryFindChild('S3') ?? undefined, lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(90) }, { storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(365) }], expiration: Duration.days(2555), noncurrentVersionExpiration: Duration.days(30) }] });
  const exportsBucket = new s3.Bucket(reconWatch, 'ComplianceExports', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsPrefix: 'self/', lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(30) }], expiration: Duration.days(365) }] });
  Tags.of(exportsBucket).add('DataSet', 'exported-reports');
  const weekly = new s3.Bucket(reconWatch, 'WeeklyDigests', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsPrefix: 'self/', lifecycleRules: [{ expiration: Duration.days(60) }] });
  Tags.of(weekly).add('DataSet', 'exported-reports');
  archive.grantRead(processorRole);
  // public status page
  const status = new s3.Bucket(reconWatch, 'StatusPage', { websiteIndexDocument: 'index.html', publicReadAccess: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY, removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
  new s3deploy.BucketDeployment(reconWatch, 'PublishStatus', { sources: [s3deploy.Source.data('index.html', '<h1>All systems operational</h1>')], destinationBucket: status });
  // Grafana on EC2 in a public subnet, SSH from anywhere, admin password in user data; weekly backups kept 90 days
  const grafanaSg = new ec2.SecurityGroup(reconWatch, 'GrafanaSg', { vpc, description: 'grafana' });
  grafanaSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh');
  grafanaSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'https');
  const grafanaData = ec2.UserData.forLinux();
  grafanaData.addCommands('dnf install -y grafana', `echo "GF_SECURITY_ADMIN_PASSWORD=${fakeSecret('Graf', 'ana!', 'Ops24')}" >> /etc/sysconfig/grafana-server`, 'systemctl enable --now grafana-server');
  const grafana = new ec2.Instance(reconWatch, 'Grafana', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, instanceType: new ec2.InstanceType('t3.medium'), machineImage: ec2.MachineImage.latestAmazonLinux2023(), securityGroup: grafanaSg, userData: grafanaData, keyPair: ec2.KeyPair.fromKeyPairName(reconWatch, 'OpsKey', 'ops-2024') });
  grafana.role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('CloudWatchReadOnlyAccess'));
  const plan = new backup.BackupPlan(reconWatch, 'GrafanaBackups', { backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'weekly', scheduleExpression: events.Schedule.cron({ weekDay: 'SUN', hour: '3', minute: '0' }), deleteAfter: Duration.days(90) })] });
  plan.addSelection('GrafanaHost', { resources: [backup.BackupResource.fromEc2Instance(grafana)] });
  const lowDisk = new cloudwatch.Alarm(reconWatch, 'GrafanaCpu', { metric: new cloudwatch.Metric({ namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensionsMap: { InstanceId: grafana.instanceId }, statistic: 'Average', period: Duration.minutes(5) }), threshold: 90, evaluationPeriods: 3 });
  lowDisk.addAlarmAction(new cwactions.SnsAction(alerts));
  const streamAlarm = logStream.metricGetRecordsIteratorAgeMilliseconds().createAlarm(reconWatch, 'StreamLag', { threshold: 60000, evaluationPeriods: 2 });
  streamAlarm.addAlarmAction(new cwactions.SnsAction(alerts));
  new cloudwatch.Dashboard(reconWatch, 'OpsDashboard', { dashboardName: 'watch-ops', widgets: [[new cloudwatch.GraphWidget({ title: 'Grafana CPU', left: [lowDisk.metric] }), new cloudwatch.AlarmWidget({ title: 'Stream lag', alarm: streamAlarm })]] });
  // an on-call IAM user with a console password
  const oncall = new iam.Group(reconWatch, 'OnCall', { managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('CloudWatchReadOnlyAccess')] });
  new iam.User(reconWatch, 'PagerUser', { userName: 'pager', groups: [oncall], password: SecretValue.unsafePlainText(fakeSecret('Pager', 'Duty', '#1st')) });
  new CfnOutput(reconWatch, 'StatusUrl', { value: status.bucketWebsiteUrl });
}

// Probe held-out apps (session 9, third scout set): stacks named Probe*, routed to templates/scout3cdk/, labelled in labels.scout3cdk.yaml
// (scout3cdk apps go here)
const fsx = await import('aws-cdk-lib/aws-fsx');
const connect = await import('aws-cdk-lib/aws-connect');
const lex = await import('aws-cdk-lib/aws-lex');
const quicksight = await import('aws-cdk-lib/aws-quicksight');
const pinpoint = await import('aws-cdk-lib/aws-pinpoint');

// (1) A genomics / HPC batch platform: AWS Batch on EC2 (launch template) and Fargate Spot, FSx for Lustre
// scratch space, Step Functions pipelines over Batch, S3 with lifecycle tiers, a Slurm-style login node.
const probeGenomics = new Stack(app, 'ProbeGenomics', { env });
{
  const vpc = new ec2.Vpc(probeGenomics, 'HpcVpc', { maxAzs: 2, natGateways: 1 });
  const accessLogs = new s3.Bucket(probeGenomics, 'SeqAccessLogs', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, lifecycleRules: [{ expiration: Duration.days(365) }] });
  const reads = new s3.Bucket(probeGenomics, 'RawReads', {
    enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, versioned: true, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'reads/',
    lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.INTELLIGENT_TIERING, transitionAfter: Duration.days(0) }, { storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(180) }] }],
  });
  const results = new s3.Bucket(probeGenomics, 'VariantResults', { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true, lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }] });
  const reference = new s3.Bucket(probeGenomics, 'ReferenceGenomes', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'ref/' });
  // QC reports published as a static website for collaborators
  const qc = new s3.Bucket(probeGenomics, 'QcReports', { websiteIndexDocument: 'index.html', publicReadAccess: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY });
  // FSx for Lustre: a persistent scratch linked to the reads bucket, automatic backups turned off; an L1 project share with 14-day backups
  const lustreSg = new ec2.SecurityGroup(probeGenomics, 'LustreSg', { vpc, description: 'lustre clients', allowAllOutbound: false });
  lustreSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(988), 'lustre');
  lustreSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcpRange(1018, 1023), 'lustre');
  new fsx.LustreFileSystem(probeGenomics, 'ScratchFs', {
    vpc, vpcSubnet: vpc.privateSubnets[0], storageCapacityGiB: 2400, securityGroup: lustreSg, removalPolicy: RemovalPolicy.DESTROY,
    lustreConfiguration: { deploymentType: fsx.LustreDeploymentType.PERSISTENT_2, perUnitStorageThroughput: 250, automaticBackupRetention: Duration.days(0), dataCompressionType: fsx.LustreDataCompressionType.LZ4 },
  });
  new fsx.CfnFileSystem(probeGenomics, 'ProjectShare', {
    fileSystemType: 'LUSTRE', storageCapacity: 1200, storageType: 'SSD', subnetIds: [vpc.privateSubnets[1].subnetId], securityGroupIds: [lustreSg.securityGroupId],
    lustreConfiguration: { deploymentType: 'PERSISTENT_1', perUnitStorageThroughput: 200, automaticBackupRetentionDays: 14, dailyAutomaticBackupStartTime: '02:00', copyTagsToBackups: true },
  });
  // Batch: EC2 Spot compute on a launch template (bigger, unencrypted scratch volume), a Fargate queue for light steps
  const computeSg = new ec2.SecurityGroup(probeGenomics, 'ComputeSg', { vpc, description: 'batch compute' });
  const lt = new ec2.LaunchTemplate(probeGenomics, 'GenomicsNodeTemplate', {
    blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(500, { volumeType: ec2.EbsDeviceVolumeType.GP3 }) }],
    userData: ec2.UserData.custom('MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="==B=="\n\n--==B==\nContent-Type: text/x-shellscript\n\n#!/bin/bash\namazon-linux-extras install -y lustre\n--==B==--'),
  });
  const spotCe = new batch.ManagedEc2EcsComputeEnvironment(probeGenomics, 'AlignSpot', { vpc, spot: true, launchTemplate: lt, securityGroups: [computeSg], instanceClasses: [ec2.InstanceClass.R5, ec2.InstanceClass.C5], maxvCpus: 1024, minvCpus: 0 });
  const onDemandCe = new batch.ManagedEc2EcsComputeEnvironment(probeGenomics, 'AlignOnDemand', { vpc, securityGroups: [computeSg], instanceTypes: [new ec2.InstanceType('m5.4xlarge')], useOptimalInstanceClasses: false, maxvCpus: 256 });
  const fargateCe = new batch.FargateComputeEnvironment(probeGenomics, 'QcFargate', { vpc, spot: true });
  const priorityQueue = new batch.JobQueue(probeGenomics, 'PriorityQueue', { priority: 10, computeEnvironments: [{ computeEnvironment: onDemandCe, order: 1 }, { computeEnvironment: spotCe, order: 2 }] });
  const qcQueue = new batch.JobQueue(probeGenomics, 'QcQueue', { computeEnvironments: [{ computeEnvironment: fargateCe, order: 1 }] });
  const jobRole = new iam.Role(probeGenomics, 'PipelineJobRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
  jobRole.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
  const aligner = new batch.EcsJobDefinition(probeGenomics, 'BwaAlign', {
    container: new batch.EcsEc2ContainerDefinition(probeGenomics, 'BwaContainer', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/biocontainers/bwa:0.7.17'), cpu: 16, memory: cdkSize(65536), jobRole,
      environment: { REFERENCE: `s3://${reference.bucketName}/GRCh38/`, BASESPACE_API_TOKEN: fakeSecret('bs', 'tok_9f3a', '77c1d0e2b4') },
      volumes: [batch.EcsVolume.host({ name: 'scratch', hostPath: '/fsx', containerPath: '/scratch' })],
    }),
    retryAttempts: 3, timeout: Duration.hours(12),
  });
  const qcJob = new batch.EcsJobDefinition(probeGenomics, 'FastQc', {
    container: new batch.EcsFargateContainerDefinition(probeGenomics, 'FastQcContainer', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/biocontainers/fastqc:0.12.1'), cpu: 2, memory: cdkSize(4096), jobRole, assignPublicIp: false }),
  });
  reads.grantRead(jobRole);
  results.grantReadWrite(jobRole);
  // Step Functions: the secondary-analysis pipeline logs everything; the nightly re-run does not log
  const pipelineLogs = new logs.LogGroup(probeGenomics, 'PipelineLogs', { retention: logs.RetentionDays.SIX_MONTHS });
  const qcStep = new tasks.BatchSubmitJob(probeGenomics, 'RunQc', { jobName: 'qc', jobQueueArn: qcQueue.jobQueueArn, jobDefinitionArn: qcJob.jobDefinitionArn });
  const alignStep = new tasks.BatchSubmitJob(probeGenomics, 'RunAlign', { jobName: 'align', jobQueueArn: priorityQueue.jobQueueArn, jobDefinitionArn: aligner.jobDefinitionArn });
  new sfn.StateMachine(probeGenomics, 'SecondaryAnalysis', { definitionBody: sfn.DefinitionBody.fromChainable(qcStep.next(alignStep)), logs: { destination: pipelineLogs, level: sfn.LogLevel.ALL }, tracingEnabled: true });
  const rerunStep = new tasks.BatchSubmitJob(probeGenomics, 'RerunAlign', { jobName: 'rerun', jobQueueArn: priorityQueue.jobQueueArn, jobDefinitionArn: aligner.jobDefinitionArn });
  const nightly = new sfn.StateMachine(probeGenomics, 'NightlyRerun', { definitionBody: sfn.DefinitionBody.fromChainable(rerunStep), timeout: Duration.hours(24) });
  new events.Rule(probeGenomics, 'NightlySchedule', { schedule: events.Schedule.cron({ hour: '1', minute: '0' }), targets: [new targets.SfnStateMachine(nightly)] });
  // sample tracking: one table with PITR, the run ledger without
  new dynamodb.Table(probeGenomics, 'Samples', { partitionKey: { name: 'sampleId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
  const runs = new dynamodb.Table(probeGenomics, 'SequencerRuns', { partitionKey: { name: 'runId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, removalPolicy: RemovalPolicy.DESTROY });
  // upload trigger: a Lambda starts the pipeline for each new run folder
  const jobDone = new sns.Topic(probeGenomics, 'JobNotifications', { displayName: 'genomics jobs' });
  jobDone.addSubscription(new subs.EmailSubscription('lab-informatics@example.org'));
  const trigger = new lambda.Function(probeGenomics, 'RunTrigger', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code, environment: { RUNS_TABLE: runs.tableName, TOPIC: jobDone.topicArn }, timeout: Duration.seconds(30) });
  runs.grantReadWriteData(trigger);
  jobDone.grantPublish(trigger);
  reads.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(trigger), { suffix: 'RunComplete.txt' });
  // Batch job state changes forwarded to the central HPC ops bus in us-east-1
  const central = events.EventBus.fromEventBusArn(probeGenomics, 'CentralHpcBus', 'arn:aws:events:us-east-1:444455556666:event-bus/hpc-ops');
  new events.Rule(probeGenomics, 'JobStateToCentral', { eventPattern: { source: ['aws.batch'], detailType: ['Batch Job State Change'] }, targets: [new targets.EventBus(central)] });
  // a login node for bioinformaticians: public subnet, SSH from anywhere, no block devices declared
  const loginSg = new ec2.SecurityGroup(probeGenomics, 'LoginNodeSg', { vpc, description: 'login node' });
  loginSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh for researchers');
  const login = new ec2.Instance(probeGenomics, 'LoginNode', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, instanceType: new ec2.InstanceType('c5.2xlarge'), machineImage: ec2.MachineImage.latestAmazonLinux2023(), securityGroup: loginSg, keyPair: ec2.KeyPair.fromKeyPairName(probeGenomics, 'ResearchKey', 'hpc-users') });
  login.role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3ReadOnlyAccess'));
  const pipelineKey = new kms.Key(probeGenomics, 'PipelineKey', { enableKeyRotation: true, description: 'pipeline secrets' });
  new secretsmanager.Secret(probeGenomics, 'IlluminaCreds', { encryptionKey: pipelineKey, generateSecretString: { secretStringTemplate: '{"user":"seq-uploader"}', generateStringKey: 'password' } });
  new ecr.Repository(probeGenomics, 'ToolImages', { imageScanOnPush: true });
  // cohort exports for collaborators (tagged data set, 30 days) and a Valkey cache for reference-index metadata
  const cohorts = new s3.Bucket(probeGenomics, 'CohortExports', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'cohorts/', lifecycleRules: [{ expiration: Duration.days(30) }] });
  Tags.of(cohorts).add('DataSet', 'exported-reports');
  const metaSubnets = new elasticache.CfnSubnetGroup(probeGenomics, 'MetadataCacheSubnets', { description: 'metadata cache', subnetIds: vpc.privateSubnets.map((sn) => sn.subnetId) });
  new elasticache.CfnReplicationGroup(probeGenomics, 'MetadataCache', { replicationGroupDescription: 'reference index metadata', engine: 'valkey', engineVersion: '7.2', cacheNodeType: 'cache.t4g.medium', numCacheClusters: 1, transitEncryptionEnabled: true, atRestEncryptionEnabled: true, cacheSubnetGroupName: metaSubnets.ref, securityGroupIds: [computeSg.securityGroupId] });
  new CfnOutput(probeGenomics, 'QcSiteUrl', { value: qc.bucketWebsiteUrl });
}

// (2) A Web3 / fintech API: a REST API with usage plans, API keys and a regional WAF, Lambdas in a VPC behind an
// RDS Proxy to Aurora PostgreSQL with rotation, KMS multi-region and signing keys, DynamoDB streaming to Kinesis.
const probeLedger = new Stack(app, 'ProbeLedger', { env });
{
  const vpc = new ec2.Vpc(probeLedger, 'ChainVpc', { maxAzs: 2, natGateways: 1, flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL } } });
  // keys: a multi-region data key (L1, rotation never turned on), a secp256k1 signing key for the hot wallet, a rotated app key
  const mrk = new kms.CfnKey(probeLedger, 'LedgerMultiRegionKey', {
    multiRegion: true, description: 'ledger data key, replicated for DR',
    keyPolicy: { Version: '2012-10-17', Statement: [{ Sid: 'root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${probeLedger.account}:root` }, Action: 'kms:*', Resource: '*' }] },
  });
  new kms.CfnKey(probeLedger, 'WalletSigningKey', {
    keySpec: 'ECC_SECG_P256K1', keyUsage: 'SIGN_VERIFY', description: 'hot wallet transaction signer',
    keyPolicy: { Version: '2012-10-17', Statement: [{ Sid: 'root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${probeLedger.account}:root` }, Action: 'kms:*', Resource: '*' }] },
  });
  const appKey = new kms.Key(probeLedger, 'AppKey', { enableKeyRotation: true, alias: 'alias/ledger-app' });
  // Aurora PostgreSQL with a TLS-forcing parameter group, rotation and an RDS Proxy
  const dbParams = new rds.ParameterGroup(probeLedger, 'LedgerClusterParams', { engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }), parameters: { 'rds.force_ssl': '1', 'log_connections': '1' } });
  const cluster = new rds.DatabaseCluster(probeLedger, 'LedgerDb', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }), vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    writer: rds.ClusterInstance.provisioned('writer', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE) }),
    readers: [rds.ClusterInstance.serverlessV2('reader')], serverlessV2MinCapacity: 0.5, serverlessV2MaxCapacity: 8,
    parameterGroup: dbParams, storageEncryptionKey: appKey, backup: { retention: Duration.days(14) }, deletionProtection: true,
    cloudwatchLogsExports: ['postgresql'], credentials: rds.Credentials.fromGeneratedSecret('ledger_admin'),
  });
  cluster.addRotationSingleUser({ automaticallyAfter: Duration.days(30) });
  const proxy = cluster.addProxy('LedgerProxy', { secrets: [cluster.secret], vpc, requireTLS: true });
  // a reporting cluster cloned for analysts: default parameter group, no key
  const reporting = new rds.DatabaseCluster(probeLedger, 'ReportingDb', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_15_8 }), vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    writer: rds.ClusterInstance.serverlessV2('writer'), storageEncrypted: false, removalPolicy: RemovalPolicy.DESTROY,
  });
  // exchange API credentials: one generated and rotated by a custom Lambda, one pasted into the template
  const rotator = new lambda.Function(probeLedger, 'ExchangeKeyRotator', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, vpc });
  const exchangeCreds = new secretsmanager.Secret(probeLedger, 'ExchangeApiCreds', { encryptionKey: appKey, generateSecretString: { secretStringTemplate: '{"apiKey":"ex-live"}', generateStringKey: 'apiSecret' } });
  exchangeCreds.addRotationSchedule('Rotation', { rotationLambda: rotator, automaticallyAfter: Duration.days(7) });
  new secretsmanager.Secret(probeLedger, 'NodeProviderKey', { description: 'RPC provider project secret', secretStringValue: SecretValue.unsafePlainText(fakeSecret('{"projectSecret":"', '8c1f0e6a2b9d4', '4e7fa0c3d5b1"}')) });
  // transfers table streamed into Kinesis for the risk engine
  const riskStream = new kinesis.Stream(probeLedger, 'RiskStream', { encryption: kinesis.StreamEncryption.KMS, encryptionKey: appKey, retentionPeriod: Duration.days(7) });
  const transfers = new dynamodb.Table(probeLedger, 'Transfers', {
    partitionKey: { name: 'accountId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'txId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: appKey, kinesisStream: riskStream, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  });
  const nonces = new dynamodb.Table(probeLedger, 'WalletNonces', { partitionKey: { name: 'address', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, timeToLiveAttribute: 'expiresAt' });
  // settlement: FIFO queue with a KMS key; its DLQ explicitly unencrypted
  const settleDlq = new sqs.Queue(probeLedger, 'SettlementDlq', { fifo: true, encryption: sqs.QueueEncryption.UNENCRYPTED, retentionPeriod: Duration.days(14) });
  const settle = new sqs.Queue(probeLedger, 'Settlement', { fifo: true, contentBasedDeduplication: true, encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: appKey, deadLetterQueue: { queue: settleDlq, maxReceiveCount: 5 } });
  // Lambdas in the VPC; the transfer handler carries the hot-wallet key and RPC URL in plain text
  const lambdaSg = new ec2.SecurityGroup(probeLedger, 'ApiLambdaSg', { vpc, description: 'api lambdas' });
  proxy.connections.allowFrom(lambdaSg, ec2.Port.tcp(5432));
  const accounts = new lambda.Function(probeLedger, 'AccountsFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, vpc, securityGroups: [lambdaSg], environment: { PROXY_ENDPOINT: proxy.endpoint, DB_SECRET_ARN: cluster.secret.secretArn }, tracing: lambda.Tracing.ACTIVE });
  cluster.secret.grantRead(accounts);
  const transfersFn = new lambda.Function(probeLedger, 'TransfersFn', {
    runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, vpc, securityGroups: [lambdaSg],
    environment: { TABLE: transfers.tableName, QUEUE_URL: settle.queueUrl, RPC_URL: 'https://eth-mainnet.example-rpc.io/v2/' + fakeSecret('k3yZ', 'a81Qm', 'x0PLr7'), HOT_WALLET_PRIVATE_KEY: fakeSecret('0x4c0883a6', '9102937d6231471b5dbb6204', 'fe5129617082792ae468d01a3f362318') },
  });
  transfers.grantReadWriteData(transfersFn);
  settle.grantSendMessages(transfersFn);
  nonces.grantReadWriteData(transfersFn);
  transfersFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['kms:*'], resources: ['*'] }));
  const settler = new lambda.Function(probeLedger, 'SettlerFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, vpc, securityGroups: [lambdaSg], environment: { PROXY_ENDPOINT: proxy.endpoint } });
  settler.addEventSource(new eventsources.SqsEventSource(settle, { batchSize: 10 }));
  const riskFn = new lambda.Function(probeLedger, 'RiskScorer', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code });
  riskFn.addEventSource(new eventsources.KinesisEventSource(riskStream, { startingPosition: lambda.StartingPosition.TRIM_HORIZON, batchSize: 100 }));
  // the public REST API: regional, access logs, usage plans with generated keys, WAF
  const apiLogs = new logs.LogGroup(probeLedger, 'ApiAccessLogs', { logGroupName: '/ledger/api-request-logs', retention: logs.RetentionDays.ONE_YEAR });
  const api = new apigw.RestApi(probeLedger, 'LedgerApi', {
    endpointTypes: [apigw.EndpointType.REGIONAL], apiKeySourceType: apigw.ApiKeySourceType.HEADER,
    deployOptions: { stageName: 'v1', accessLogDestination: new apigw.LogGroupLogDestination(apiLogs), accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(), tracingEnabled: true, throttlingRateLimit: 200, throttlingBurstLimit: 400 },
  });
  api.root.addResource('accounts').addMethod('GET', new apigw.LambdaIntegration(accounts), { apiKeyRequired: true });
  api.root.addResource('transfers').addMethod('POST', new apigw.LambdaIntegration(transfersFn), { apiKeyRequired: true });
  const plan = api.addUsagePlan('PartnerPlan', { name: 'partners', throttle: { rateLimit: 50, burstLimit: 100 }, quota: { limit: 100000, period: apigw.Period.MONTH } });
  plan.addApiStage({ stage: api.deploymentStage });
  plan.addApiKey(api.addApiKey('WalletPartnerKey', { apiKeyName: 'wallet-partner' }));
  plan.addApiKey(api.addApiKey('ExchangePartnerKey', { apiKeyName: 'exchange-partner' }));
  const acl = new wafv2.CfnWebACL(probeLedger, 'ApiAcl', {
    scope: 'REGIONAL', defaultAction: { allow: {} }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'ledger-api', sampledRequestsEnabled: true },
    rules: [
      { name: 'common', priority: 0, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'common', sampledRequestsEnabled: true } },
      { name: 'per-ip', priority: 1, action: { block: {} }, statement: { rateBasedStatement: { limit: 1000, aggregateKeyType: 'IP' } }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'per-ip', sampledRequestsEnabled: true } },
    ],
  });
  new wafv2.CfnWebACLAssociation(probeLedger, 'ApiAclAssoc', { resourceArn: api.deploymentStage.stageArn, webAclArn: acl.attrArn });
  // a price-oracle webhook API on defaults (edge endpoint, no logs)
  const oracle = new lambda.Function(probeLedger, 'OracleWebhook', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { NONCE_TABLE: nonces.tableName } });
  nonces.grantReadData(oracle);
  new apigw.LambdaRestApi(probeLedger, 'OracleApi', { handler: oracle });
  // Redis for rate limits and quotes: TLS, no snapshots; a second L1 cluster keeping daily snapshots
  const cacheSubnets = new elasticache.CfnSubnetGroup(probeLedger, 'CacheSubnets', { description: 'cache', subnetIds: vpc.privateSubnets.map((s) => s.subnetId) });
  const cacheSg = new ec2.SecurityGroup(probeLedger, 'CacheSg', { vpc, description: 'redis' });
  cacheSg.addIngressRule(lambdaSg, ec2.Port.tcp(6379), 'lambdas');
  new elasticache.CfnReplicationGroup(probeLedger, 'RateLimitCache', { replicationGroupDescription: 'rate limits', engine: 'redis', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailoverEnabled: true, transitEncryptionEnabled: true, atRestEncryptionEnabled: true, cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId] });
  new elasticache.CfnReplicationGroup(probeLedger, 'QuoteCache', { replicationGroupDescription: 'quotes', engine: 'valkey', engineVersion: '8.0', cacheNodeType: 'cache.r7g.large', numCacheClusters: 2, automaticFailoverEnabled: true, transitEncryptionEnabled: true, atRestEncryptionEnabled: true, snapshotRetentionLimit: 5, snapshotWindow: '03:00-04:00', cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId] });
  // a legacy statements database someone opened for a BI vendor
  const legacySg = new ec2.SecurityGroup(probeLedger, 'StatementsDbSg', { vpc, description: 'statements db' });
  legacySg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(5432), 'bi vendor');
  new rds.DatabaseInstance(probeLedger, 'StatementsDb', { engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16_4 }), vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, publiclyAccessible: true, securityGroups: [legacySg], instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MEDIUM), storageEncrypted: true, allocatedStorage: 100 });
  // customers and operators
  new cognito.UserPool(probeLedger, 'Customers', { selfSignUpEnabled: true, signInAliases: { email: true }, mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { sms: false, otp: true }, passwordPolicy: { minLength: 12 } });
  new cognito.UserPool(probeLedger, 'Operators', { selfSignUpEnabled: false, signInAliases: { email: true }, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { sms: false, otp: true }, advancedSecurityMode: cognito.AdvancedSecurityMode.ENFORCED });
  new iam.Role(probeLedger, 'TreasuryOps', { assumedBy: new iam.AccountRootPrincipal(), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonDynamoDBReadOnlyAccess')] });
  new iam.Role(probeLedger, 'KeyCustodian', { assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), inlinePolicies: { sign: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['kms:Sign', 'kms:GetPublicKey'], resources: [`arn:aws:kms:${probeLedger.region}:${probeLedger.account}:key/*`] })] }) } });
  new ec2.BastionHostLinux(probeLedger, 'OpsJump', { vpc, blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(10, { encrypted: true }) }] });
  // the dApp front end: CloudFront with a custom domain, TLS 1.2, HTTPS redirect and standard logs
  const cdnLogs = new s3.Bucket(probeLedger, 'DappCdnLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.OBJECT_WRITER, lifecycleRules: [{ expiration: Duration.days(90) }] });
  const dappSite = new s3.Bucket(probeLedger, 'DappSite', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: cdnLogs, serverAccessLogsPrefix: 'site-access/' });
  new cloudfront.Distribution(probeLedger, 'DappCdn', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(dappSite), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS },
    domainNames: ['app.probe-ledger.example'], certificate: acm.Certificate.fromCertificateArn(probeLedger, 'DappCert', 'arn:aws:acm:us-east-1:111122223333:certificate/4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f'),
    minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021, enableLogging: true, logBucket: cdnLogs, logFilePrefix: 'cdn/', defaultRootObject: 'index.html',
  });
  new CfnOutput(probeLedger, 'ApiUrl', { value: api.url });
  new CfnOutput(probeLedger, 'MrkArn', { value: mrk.attrArn });
  new CfnOutput(probeLedger, 'ReportingEndpoint', { value: reporting.clusterEndpoint.hostname });
}

// (3) A customer-support / contact-centre app: an Amazon Connect instance with storage configs (L1), a Lex V2 bot
// with fulfilment and post-call analytics Lambdas (Transcribe, Comprehend), S3 recordings, contact trace records
// through Kinesis and Firehose, QuickSight data sources (L1), Pinpoint/SES/SNS SMS, an agent desktop on CloudFront.
const probeContact = new Stack(app, 'ProbeContact', { env: { account: env.account, region: 'eu-west-2' } }); // Amazon Connect is not offered in eu-west-1
{
  const vpc = new ec2.Vpc(probeContact, 'ContactVpc', { maxAzs: 2, natGateways: 1 });
  const recKey = new kms.Key(probeContact, 'RecordingsKey', { enableKeyRotation: true, description: 'call recordings' });
  const ccLogs = new s3.Bucket(probeContact, 'ContactAccessLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED });
  const recordings = new s3.Bucket(probeContact, 'CallRecordings', {
    encryption: s3.BucketEncryption.KMS, encryptionKey: recKey, bucketKeyEnabled: true, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, versioned: true,
    serverAccessLogsBucket: ccLogs, serverAccessLogsPrefix: 'recordings/', lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(90) }], expiration: Duration.days(2555) }],
  });
  const transcripts = new s3.Bucket(probeContact, 'Transcripts', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: ccLogs, serverAccessLogsPrefix: 'transcripts/', cors: [{ allowedMethods: [s3.HttpMethods.GET], allowedOrigins: ['*'] }] });
  // Connect instance and its storage (L1)
  const instance = new connect.CfnInstance(probeContact, 'ContactCenter', { identityManagementType: 'CONNECT_MANAGED', instanceAlias: 'probe-support', attributes: { inboundCalls: true, outboundCalls: true, contactflowLogs: true, contactLens: true } });
  new connect.CfnInstanceStorageConfig(probeContact, 'RecordingStorage', { instanceArn: instance.attrArn, resourceType: 'CALL_RECORDINGS', storageType: 'S3', s3Config: { bucketName: recordings.bucketName, bucketPrefix: 'voice', encryptionConfig: { encryptionType: 'KMS', keyId: recKey.keyArn } } });
  new connect.CfnInstanceStorageConfig(probeContact, 'TranscriptStorage', { instanceArn: instance.attrArn, resourceType: 'CHAT_TRANSCRIPTS', storageType: 'S3', s3Config: { bucketName: transcripts.bucketName, bucketPrefix: 'chat' } });
  // contact trace records: a Kinesis stream (explicitly unencrypted) and a Direct PUT Firehose into the transcripts bucket
  const ctrStream = new kinesis.Stream(probeContact, 'CtrStream', { encryption: kinesis.StreamEncryption.UNENCRYPTED, shardCount: 1 });
  new connect.CfnInstanceStorageConfig(probeContact, 'CtrStorage', { instanceArn: instance.attrArn, resourceType: 'CONTACT_TRACE_RECORDS', storageType: 'KINESIS_STREAM', kinesisStreamConfig: { streamArn: ctrStream.streamArn } });
  const firehoseRole = new iam.Role(probeContact, 'AgentEventsDeliveryRole', { assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com') });
  transcripts.grantWrite(firehoseRole);
  new firehose.CfnDeliveryStream(probeContact, 'AgentEventsDelivery', { deliveryStreamType: 'DirectPut', extendedS3DestinationConfiguration: { bucketArn: transcripts.bucketArn, roleArn: firehoseRole.roleArn, prefix: 'agent-events/', bufferingHints: { intervalInSeconds: 300, sizeInMBs: 5 } } });
  // customer profiles: TableV2 with a us-east-1 replica (no PITR); case history covered by a Backup plan that copies to us-east-1
  const profiles = new dynamodb.TableV2(probeContact, 'CustomerProfiles', { partitionKey: { name: 'phone', type: dynamodb.AttributeType.STRING }, replicas: [{ region: 'us-east-1' }], dynamoStream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES });
  const cases = new dynamodb.Table(probeContact, 'CaseHistory', { partitionKey: { name: 'caseId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
  const drVault = backup.BackupVault.fromBackupVaultArn(probeContact, 'UsDrVault', 'arn:aws:backup:us-east-1:111122223333:backup-vault:contact-dr');
  const casePlan = new backup.BackupPlan(probeContact, 'CaseBackups', { backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'daily', scheduleExpression: events.Schedule.cron({ hour: '4', minute: '0' }), deleteAfter: Duration.days(35), copyActions: [{ destinationBackupVault: drVault, deleteAfter: Duration.days(35) }] })] });
  casePlan.addSelection('Cases', { resources: [backup.BackupResource.fromDynamoDbTable(cases)] });
  // Lex V2 bot with a fulfilment Lambda (CRM password in its environment)
  const fulfil = new lambda.Function(probeContact, 'BotFulfilment', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code, environment: { PROFILES: profiles.tableName, CRM_URL: 'https://crm.example.com/api', CRM_USER: 'connect-bot', CRM_PASSWORD: fakeSecret('Crm', '-B0t-', 'Pass2024!') } });
  profiles.grantReadData(fulfil);
  cases.grantReadWriteData(fulfil);
  const botRole = new iam.Role(probeContact, 'BotRuntimeRole', { assumedBy: new iam.ServicePrincipal('lexv2.amazonaws.com') });
  botRole.addToPolicy(new iam.PolicyStatement({ actions: ['polly:SynthesizeSpeech', 'comprehend:DetectSentiment'], resources: ['*'] }));
  const bot = new lex.CfnBot(probeContact, 'SupportBot', {
    name: 'probe-support-bot', roleArn: botRole.roleArn, dataPrivacy: { ChildDirected: false }, idleSessionTtlInSeconds: 300, autoBuildBotLocales: true,
    botLocales: [{ localeId: 'en_GB', nluConfidenceThreshold: 0.4, voiceSettings: { voiceId: 'Amy' }, intents: [
      { name: 'CheckOrder', sampleUtterances: [{ utterance: 'where is my order' }], fulfillmentCodeHook: { enabled: true } },
      { name: 'FallbackIntent', parentIntentSignature: 'AMAZON.FallbackIntent' },
    ] }],
  });
  const botVersion = new lex.CfnBotVersion(probeContact, 'SupportBotV1', { botId: bot.attrId, botVersionLocaleSpecification: [{ localeId: 'en_GB', botVersionLocaleDetails: { sourceBotVersion: 'DRAFT' } }] });
  new lex.CfnBotAlias(probeContact, 'SupportBotLive', { botId: bot.attrId, botAliasName: 'live', botVersion: botVersion.attrBotVersion, botAliasLocaleSettings: [{ localeId: 'en_GB', botAliasLocaleSetting: { enabled: true, codeHookSpecification: { lambdaCodeHook: { codeHookInterfaceVersion: '1.0', lambdaArn: fulfil.functionArn } } } }] });
  fulfil.addPermission('LexInvoke', { principal: new iam.ServicePrincipal('lexv2.amazonaws.com'), sourceArn: probeContact.formatArn({ service: 'lex', resource: 'bot-alias', resourceName: `${bot.attrId}/*` }) });
  new connect.CfnIntegrationAssociation(probeContact, 'FulfilmentAssoc', { instanceId: instance.attrArn, integrationType: 'LAMBDA_FUNCTION', integrationArn: fulfil.functionArn });
  // post-call analytics: Transcribe + Comprehend on new recordings
  const analytics = new lambda.Function(probeContact, 'PostCallAnalytics', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code, timeout: Duration.minutes(5), environment: { OUTPUT_BUCKET: transcripts.bucketName } });
  analytics.addToRolePolicy(new iam.PolicyStatement({ actions: ['transcribe:*'], resources: ['*'] }));
  analytics.addToRolePolicy(new iam.PolicyStatement({ actions: ['comprehend:DetectSentiment', 'comprehend:DetectKeyPhrases', 'comprehend:DetectPiiEntities'], resources: ['*'] }));
  recordings.grantRead(analytics);
  transcripts.grantPut(analytics);
  recordings.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(analytics), { prefix: 'voice/' });
  const ctrFn = new lambda.Function(probeContact, 'CtrProcessor', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { CASES: cases.tableName } });
  ctrFn.addEventSource(new eventsources.KinesisEventSource(ctrStream, { startingPosition: lambda.StartingPosition.LATEST }));
  cases.grantWriteData(ctrFn);
  // customer messaging: SMS alerts topic, Pinpoint SMS/email, SES
  const smsAlerts = new sns.Topic(probeContact, 'CallbackSms', { displayName: 'Support' });
  smsAlerts.addSubscription(new subs.SmsSubscription('+441632960961'));
  const escalations = new sns.Topic(probeContact, 'Escalations', { masterKey: recKey });
  escalations.addSubscription(new subs.EmailSubscription('support-leads@example.com'));
  const pinpointApp = new pinpoint.CfnApp(probeContact, 'Engagement', { name: 'probe-support' });
  new pinpoint.CfnSMSChannel(probeContact, 'EngagementSms', { applicationId: pinpointApp.ref, enabled: true, senderId: 'PROBESUP' });
  const identity = new ses.EmailIdentity(probeContact, 'SupportDomain', { identity: ses.Identity.domain('support.example.com') });
  new pinpoint.CfnEmailChannel(probeContact, 'EngagementEmail', { applicationId: pinpointApp.ref, enabled: true, fromAddress: 'help@support.example.com', identity: `arn:aws:ses:${probeContact.region}:${probeContact.account}:identity/${identity.emailIdentityName}` });
  new ses.ConfigurationSet(probeContact, 'SupportMail', { reputationMetrics: true, sendingEnabled: true });
  // a public callback webhook for the telephony carrier: function URL without auth
  const callback = new lambda.Function(probeContact, 'CarrierCallback', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { TOPIC: smsAlerts.topicArn } });
  smsAlerts.grantPublish(callback);
  const callbackUrl = callback.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
  // a queue that the CRM vendor's account posts tickets into; its policy lets anyone send
  const tickets = new sqs.Queue(probeContact, 'InboundTickets', { visibilityTimeout: Duration.minutes(2) });
  tickets.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['sqs:SendMessage'], resources: [tickets.queueArn] }));
  // QuickSight analytics (L1): an Athena data source and a legacy RDS data source with a pasted password
  new quicksight.CfnDataSource(probeContact, 'CtrAthenaSource', { awsAccountId: probeContact.account, dataSourceId: 'ctr-athena', name: 'CTR (Athena)', type: 'ATHENA', dataSourceParameters: { athenaParameters: { workGroup: 'primary' } }, sslProperties: { disableSsl: false } });
  new quicksight.CfnDataSource(probeContact, 'WfmSource', {
    awsAccountId: probeContact.account, dataSourceId: 'wfm-postgres', name: 'Workforce mgmt', type: 'POSTGRESQL',
    dataSourceParameters: { postgreSqlParameters: { host: 'wfm.internal.example.com', port: 5432, database: 'wfm' } },
    credentials: { credentialPair: { username: 'quicksight', password: fakeSecret('Qs-', 'Wfm', '-r3ad0nly') } }, sslProperties: { disableSsl: true },
  });
  // exported reports for the client: tagged data set, kept 180 days; a second export kept 60 days
  const clientExports = new s3.Bucket(probeContact, 'ClientReportExports', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: ccLogs, serverAccessLogsPrefix: 'exports/', lifecycleRules: [{ expiration: Duration.days(180) }] });
  Tags.of(clientExports).add('DataSet', 'exported-reports');
  const slaExports = new s3.Bucket(probeContact, 'SlaReportExports', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: ccLogs, serverAccessLogsPrefix: 'sla/', lifecycleRules: [{ expiration: Duration.days(60) }] });
  Tags.of(slaExports).add('DataSet', 'exported-reports');
  new logs.LogGroup(probeContact, 'WidgetRequestLogs', { logGroupName: '/contact/chat-widget-request-logs', retention: logs.RetentionDays.THREE_MONTHS });
  new logs.LogGroup(probeContact, 'IvrRequestLogs', { logGroupName: '/contact/ivr-request-logs', retention: logs.RetentionDays.TWO_WEEKS });
  // agent desktop (custom CCP) on CloudFront, allow-all, default certificate, no logs
  const desktop = new s3.Bucket(probeContact, 'AgentDesktopSite', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  new cloudfront.Distribution(probeContact, 'AgentDesktopCdn', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(desktop) }, defaultRootObject: 'index.html' });
  new cognito.UserPool(probeContact, 'Agents', { selfSignUpEnabled: false, signInAliases: { username: true, email: true } });
  // a CRM connector on EC2 behind a plain-HTTP ALB; SSH open on its security group; session Memcached without TLS
  const crmSg = new ec2.SecurityGroup(probeContact, 'CrmConnectorSg', { vpc, description: 'crm connector' });
  crmSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'vendor support');
  const crmAsg = new autoscaling.AutoScalingGroup(probeContact, 'CrmConnectors', { vpc, instanceType: new ec2.InstanceType('t3.medium'), machineImage: ec2.MachineImage.latestAmazonLinux2023(), securityGroup: crmSg, minCapacity: 2, maxCapacity: 4, blockDevices: [{ deviceName: '/dev/xvda', volume: autoscaling.BlockDeviceVolume.ebs(30, { encrypted: true }) }] });
  const crmAlb = new elbv2.ApplicationLoadBalancer(probeContact, 'CrmAlb', { vpc, internetFacing: true });
  crmAlb.addListener('Http', { port: 80, open: true }).addTargets('Connectors', { port: 8080, targets: [crmAsg], healthCheck: { path: '/health' } });
  const mcSubnets = new elasticache.CfnSubnetGroup(probeContact, 'SessionCacheSubnets', { description: 'sessions', subnetIds: vpc.privateSubnets.map((s) => s.subnetId) });
  new elasticache.CfnCacheCluster(probeContact, 'AgentSessions', { engine: 'memcached', cacheNodeType: 'cache.t4g.small', numCacheNodes: 2, cacheSubnetGroupName: mcSubnets.ref, vpcSecurityGroupIds: [crmSg.securityGroupId] });
  new elasticache.CfnServerlessCache(probeContact, 'WallboardCache', { engine: 'valkey', serverlessCacheName: 'wallboard', dailySnapshotTime: '05:00', snapshotRetentionLimit: 3, subnetIds: vpc.privateSubnets.map((s) => s.subnetId) });
  // a wallboard on Fargate whose tasks get public IPs
  const wbCluster = new ecs.Cluster(probeContact, 'WallboardCluster', { vpc, containerInsights: true });
  const wbTask = new ecs.FargateTaskDefinition(probeContact, 'WallboardTask', { cpu: 256, memoryLimitMiB: 512 });
  wbTask.addContainer('web', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'), portMappings: [{ containerPort: 80 }], logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'wallboard', logRetention: logs.RetentionDays.ONE_MONTH }) });
  new ecs.FargateService(probeContact, 'Wallboard', { cluster: wbCluster, taskDefinition: wbTask, assignPublicIp: true, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } });
  // people: a supervisor with a console password; the WFM vendor's integration user whose secret key is an output
  new iam.User(probeContact, 'FloorSupervisor', { userName: 'floor-supervisor', password: SecretValue.unsafePlainText(fakeSecret('Sup3r', 'vis0r', '!Floor')), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonConnect_FullAccess')] });
  const wfmUser = new iam.User(probeContact, 'WfmVendor', { userName: 'wfm-vendor' });
  wfmUser.addToPolicy(new iam.PolicyStatement({ actions: ['connect:GetCurrentMetricData', 'connect:GetMetricData', 'connect:ListQueues'], resources: ['*'] }));
  const wfmKey = new iam.AccessKey(probeContact, 'WfmVendorKey', { user: wfmUser });
  new CfnOutput(probeContact, 'WfmAccessKeyId', { value: wfmKey.accessKeyId });
  new CfnOutput(probeContact, 'WfmSecretAccessKey', { value: wfmKey.secretAccessKey.unsafeUnwrap() });
  new CfnOutput(probeContact, 'CallbackUrl', { value: callbackUrl.url });
}

// Trial held-out apps (session 9, fourth scout set): stacks named Trial*, routed to templates/scout4cdk/, labelled in labels.scout4cdk.yaml
// (scout4cdk apps go here)
const { HttpUserPoolAuthorizer } = await import('aws-cdk-lib/aws-apigatewayv2-authorizers');

// TrialHabits: a personal-finance / habit-tracker app as individual developers publish it (Amplify-style):
// Cognito, an HttpApi with a user-pool JWT authorizer, DynamoDB, S3 avatars with presigned URLs, CloudFront.
const trialHabits = new Stack(app, 'TrialHabits', { env });
{
  const users = new cognito.UserPool(trialHabits, 'HabitUsers', { selfSignUpEnabled: true, signInAliases: { email: true }, autoVerify: { email: true }, removalPolicy: RemovalPolicy.DESTROY });
  const webClient = users.addClient('WebClient', { authFlows: { userSrp: true }, generateSecret: false });
  const admins = new cognito.UserPool(trialHabits, 'CoachAdmins', { selfSignUpEnabled: false, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false }, signInAliases: { email: true } });
  admins.addClient('AdminConsole');
  const habits = new dynamodb.Table(trialHabits, 'Habits', { partitionKey: { name: 'userId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'habitId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
  const checkins = new dynamodb.Table(trialHabits, 'Checkins', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, removalPolicy: RemovalPolicy.DESTROY });
  // budgets replicated to us-east-1 "for the US beta"
  const budgets = new dynamodb.TableV2(trialHabits, 'Budgets', { partitionKey: { name: 'userId', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, replicas: [{ region: 'us-east-1' }] });
  // avatars: CORS from anywhere, presigned PUT URLs; no TLS-only policy, no access logs
  const avatars = new s3.Bucket(trialHabits, 'Avatars', { cors: [{ allowedMethods: [s3.HttpMethods.GET, s3.HttpMethods.PUT], allowedOrigins: ['*'], allowedHeaders: ['*'] }], removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
  const presign = new lambda.Function(trialHabits, 'AvatarPresign', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { BUCKET: avatars.bucketName } });
  avatars.grantReadWrite(presign);
  const habitsFn = new lambda.Function(trialHabits, 'HabitsHandler', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { HABITS: habits.tableName, CHECKINS: checkins.tableName, BUDGETS: budgets.tableName }, logRetention: logs.RetentionDays.ONE_WEEK });
  habitsFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
  // bank sync with Plaid: the secret pasted into the environment
  const bankSync = new lambda.Function(trialHabits, 'BankSync', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code, timeout: Duration.seconds(30), environment: { PLAID_CLIENT_ID: '64b1f0c2a9e3d7001b2c3d4e', PLAID_SECRET: fakeSecret('3f9a1c7e', '5b2d4f6a8c0e', '1a3b5c'), PLAID_ENV: 'production', BUDGETS: budgets.tableName } });
  budgets.grantReadWriteData(bankSync);
  new events.Rule(trialHabits, 'NightlySync', { schedule: events.Schedule.cron({ hour: '3', minute: '0' }), targets: [new targets.LambdaFunction(bankSync)] });
  // HTTP API with a JWT authorizer from the user pool; default stage without access logs
  const httpApi = new apigwv2.HttpApi(trialHabits, 'HabitsApi', { corsPreflight: { allowOrigins: ['*'], allowMethods: [apigwv2.CorsHttpMethod.ANY], allowHeaders: ['authorization', 'content-type'] } });
  const auth = new HttpUserPoolAuthorizer('UserPoolAuth', users, { userPoolClients: [webClient] });
  httpApi.addRoutes({ path: '/habits', methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST], integration: new HttpLambdaIntegration('HabitsInt', habitsFn), authorizer: auth });
  httpApi.addRoutes({ path: '/avatar-url', methods: [apigwv2.HttpMethod.POST], integration: new HttpLambdaIntegration('PresignInt', presign), authorizer: auth });
  // reminders: an SNS topic without a key, a reminder Lambda on a schedule
  const reminders = new sns.Topic(trialHabits, 'Reminders', { displayName: 'Habit reminders' });
  const reminderFn = new lambda.Function(trialHabits, 'ReminderSender', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { TOPIC: reminders.topicArn } });
  reminders.grantPublish(reminderFn);
  checkins.grantReadData(reminderFn);
  new events.Rule(trialHabits, 'HourlyReminders', { schedule: events.Schedule.rate(Duration.hours(1)), targets: [new targets.LambdaFunction(reminderFn)] });
  // the SPA: private bucket + OAC, redirect to HTTPS, TLS 1.2 policy is not settable without a certificate
  const webBucket = new s3.Bucket(trialHabits, 'WebApp', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
  const cdnLogs = new s3.Bucket(trialHabits, 'CdnLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.OBJECT_WRITER, lifecycleRules: [{ expiration: Duration.days(90) }] });
  const webCdn = new cloudfront.Distribution(trialHabits, 'WebCdn', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(webBucket), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS }, defaultRootObject: 'index.html', enableLogging: true, logBucket: cdnLogs, logFilePrefix: 'web/', errorResponses: [{ httpStatus: 404, responseHttpStatus: 200, responsePagePath: '/index.html' }] });
  new s3deploy.BucketDeployment(trialHabits, 'DeployWeb', { sources: [s3deploy.Source.data('index.html', '<html><body>habits</body></html>')], destinationBucket: webBucket, distribution: webCdn });
  // avatars served through a second distribution on defaults (allow-all, no logs)
  new cloudfront.Distribution(trialHabits, 'AvatarCdn', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(avatars) } });
  // monthly statements: tagged exported reports kept a year; a CSV export kept 30 days
  const statements = new s3.Bucket(trialHabits, 'MonthlyStatements', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: cdnLogs, serverAccessLogsPrefix: 'statements/', lifecycleRules: [{ expiration: Duration.days(365) }], encryption: s3.BucketEncryption.KMS_MANAGED });
  Tags.of(statements).add('DataSet', 'exported-reports');
  const csv = new s3.Bucket(trialHabits, 'CsvExports', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: cdnLogs, serverAccessLogsPrefix: 'csv/', lifecycleRules: [{ expiration: Duration.days(30) }] });
  Tags.of(csv).add('DataSet', 'exported-reports');
  statements.grantPut(bankSync);
  // a key for receipts: no rotation; a rotated key for statements signing
  new kms.Key(trialHabits, 'ReceiptsKey', { description: 'receipt images' });
  new kms.Key(trialHabits, 'ExportsKey', { enableKeyRotation: true, description: 'exports' });
  new logs.LogGroup(trialHabits, 'ApiRequestLogs', { logGroupName: '/habits/api-request-logs', retention: logs.RetentionDays.ONE_MONTH });
  new logs.LogGroup(trialHabits, 'SyncRequestLogs', { logGroupName: '/habits/bank-sync-request-logs' });
  new CfnOutput(trialHabits, 'ApiUrl', { value: httpApi.apiEndpoint });
  new CfnOutput(trialHabits, 'UserPoolClientId', { value: webClient.userPoolClientId });
}

// TrialBots: a Discord/Slack bot platform: Lambda function URLs, API Gateway webhooks, Secrets Manager,
// DynamoDB TTL, EventBridge Scheduler, SQS FIFO.
const trialBots = new Stack(app, 'TrialBots', { env });
{
  const botKey = new kms.Key(trialBots, 'BotSecretsKey', { enableKeyRotation: true });
  const discordToken = new secretsmanager.Secret(trialBots, 'DiscordBotToken', { description: 'Discord bot token (set after deploy)', encryptionKey: botKey });
  const slackSigning = new secretsmanager.Secret(trialBots, 'SlackSigningSecret', { secretStringValue: SecretValue.unsafePlainText(fakeSecret('8f14e45f', 'ceea167a5a36', 'dedd4bea2543')) });
  const cooldowns = new dynamodb.Table(trialBots, 'Cooldowns', { partitionKey: { name: 'key', type: dynamodb.AttributeType.STRING }, timeToLiveAttribute: 'expiresAt', billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
  const guilds = new dynamodb.Table(trialBots, 'GuildSettings', { partitionKey: { name: 'guildId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: botKey });
  // commands are queued FIFO per guild; the DLQ keeps failures 14 days
  const commandDlq = new sqs.Queue(trialBots, 'CommandDlq', { fifo: true, retentionPeriod: Duration.days(14) });
  const commands = new sqs.Queue(trialBots, 'CommandQueue', { fifo: true, contentBasedDeduplication: true, visibilityTimeout: Duration.seconds(60), deadLetterQueue: { queue: commandDlq, maxReceiveCount: 3 } });
  const audit = new sqs.Queue(trialBots, 'ModAuditQueue', { encryption: sqs.QueueEncryption.UNENCRYPTED });
  // Discord interactions endpoint: a function URL without auth (Discord signs requests; the bot checks them)
  const interactions = new lambda.Function(trialBots, 'DiscordInteractions', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { DISCORD_PUBLIC_KEY: 'a7c3e1f09b8d4c6e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e', DISCORD_TOKEN: discordToken.secretValue.unsafeUnwrap(), QUEUE_URL: commands.queueUrl } });
  commands.grantSendMessages(interactions);
  const interactionsUrl = interactions.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
  const worker = new lambda.Function(trialBots, 'CommandWorker', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { COOLDOWNS: cooldowns.tableName, GUILDS: guilds.tableName, TOKEN_SECRET: discordToken.secretArn } });
  worker.addEventSource(new eventsources.SqsEventSource(commands, { batchSize: 1 }));
  discordToken.grantRead(worker);
  cooldowns.grantReadWriteData(worker);
  guilds.grantReadWriteData(worker);
  audit.grantSendMessages(worker);
  // Slack events: a LambdaRestApi on defaults; the bot token pasted into the environment
  const slackFn = new lambda.Function(trialBots, 'SlackEvents', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code, environment: { SLACK_BOT_TOKEN: fakeSecret('xoxb-', '2840193847', '-5821934750213-', 'q7RbT2vX9mKd4LpZ8wNc1Hs3'), SIGNING_SECRET_ARN: slackSigning.secretArn } });
  slackSigning.grantRead(slackFn);
  guilds.grantReadData(slackFn);
  new apigw.LambdaRestApi(trialBots, 'SlackWebhookApi', { handler: slackFn, proxy: true });
  // a GitHub → Discord relay on a regional REST API with access logs and a TLS 1.2 custom domain
  const relayFn = new lambda.Function(trialBots, 'GithubRelay', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { WEBHOOK_SECRET_ARN: discordToken.secretArn } });
  discordToken.grantRead(relayFn);
  const relayLogs = new logs.LogGroup(trialBots, 'RelayRequestLogs', { logGroupName: '/bots/github-relay-request-logs', retention: logs.RetentionDays.TWO_WEEKS });
  const relayApi = new apigw.RestApi(trialBots, 'GithubRelayApi', { endpointConfiguration: { types: [apigw.EndpointType.REGIONAL] }, deployOptions: { accessLogDestination: new apigw.LogGroupLogDestination(relayLogs), accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(), loggingLevel: apigw.MethodLoggingLevel.ERROR }, cloudWatchRole: true });
  relayApi.root.addResource('github').addMethod('POST', new apigw.LambdaIntegration(relayFn));
  // reminders via EventBridge Scheduler (L1): one role scoped to the function, one that can do anything in Lambda
  const reminderFn = new lambda.Function(trialBots, 'ReminderPoster', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { TOKEN_SECRET: discordToken.secretArn } });
  discordToken.grantRead(reminderFn);
  const schedRole = new iam.Role(trialBots, 'SchedulerRole', { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com') });
  schedRole.addToPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [reminderFn.functionArn] }));
  new scheduler.CfnSchedule(trialBots, 'DailyStandupPing', { flexibleTimeWindow: { mode: 'OFF' }, scheduleExpression: 'cron(0 9 ? * MON-FRI *)', scheduleExpressionTimezone: 'Europe/Dublin', target: { arn: reminderFn.functionArn, roleArn: schedRole.roleArn, input: JSON.stringify({ kind: 'standup' }) } });
  const adhocRole = new iam.Role(trialBots, 'AdhocSchedulerRole', { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com') });
  adhocRole.addToPolicy(new iam.PolicyStatement({ actions: ['lambda:*'], resources: ['*'] }));
  new scheduler.CfnScheduleGroup(trialBots, 'UserReminders', { name: 'user-reminders' });
  // moderation events go to the central moderation bus in us-east-1 and to a US queue through SNS
  const modBus = new events.EventBus(trialBots, 'ModerationBus', { eventBusName: 'bot-moderation' });
  new events.Rule(trialBots, 'ForwardModeration', { eventBus: modBus, eventPattern: { source: ['bots.moderation'] }, targets: [new targets.EventBus(events.EventBus.fromEventBusArn(trialBots, 'CentralBus', 'arn:aws:events:us-east-1:444455556666:event-bus/trust-and-safety'))] });
  const modTopic = new sns.Topic(trialBots, 'ModerationAlerts', { masterKey: botKey });
  modTopic.addSubscription(new subs.SqsSubscription(sqs.Queue.fromQueueArn(trialBots, 'UsReviewQueue', 'arn:aws:sqs:us-east-1:444455556666:mod-review')));
  modTopic.addSubscription(new subs.LambdaSubscription(worker));
  // rate-limit cache: serverless Valkey keeping daily snapshots
  new elasticache.CfnServerlessCache(trialBots, 'RateLimitCache', { engine: 'valkey', serverlessCacheName: 'bot-rate-limits', snapshotRetentionLimit: 2, dailySnapshotTime: '04:00' });
  // the bot's invite landing page: a public website bucket
  new s3.Bucket(trialBots, 'InvitePage', { websiteIndexDocument: 'index.html', publicReadAccess: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS, removalPolicy: RemovalPolicy.DESTROY });
  // transcripts the bot archives; kept two years by the default log group
  new logs.LogGroup(trialBots, 'WebhookRequestLogs', { logGroupName: '/bots/webhook-request-logs' });
  // CI deploy user with AdministratorAccess and an access key in the outputs
  const deployer = new iam.User(trialBots, 'BotDeployer', { userName: 'bot-deployer', managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')] });
  const deployerKey = new iam.AccessKey(trialBots, 'BotDeployerKey', { user: deployer });
  new CfnOutput(trialBots, 'DeployerKeyId', { value: deployerKey.accessKeyId });
  new CfnOutput(trialBots, 'DeployerSecret', { value: deployerKey.secretAccessKey.unsafeUnwrap() });
  new CfnOutput(trialBots, 'InteractionsEndpoint', { value: interactionsUrl.url });
  // the Discord gateway connection runs as one Fargate task in a public-only VPC (no NAT), with a public IP;
  // the VPC writes rejected-traffic flow logs
  const botVpc = new ec2.Vpc(trialBots, 'GatewayVpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }], flowLogs: { rejects: { trafficType: ec2.FlowLogTrafficType.REJECT } } });
  const botCluster = new ecs.Cluster(trialBots, 'GatewayCluster', { vpc: botVpc });
  const gatewayTask = new ecs.FargateTaskDefinition(trialBots, 'GatewayTask', { cpu: 256, memoryLimitMiB: 512 });
  gatewayTask.addContainer('gateway', { image: ecs.ContainerImage.fromRegistry('ghcr.io/example/discord-gateway:1.4'), environment: { QUEUE_URL: commands.queueUrl }, secrets: { DISCORD_TOKEN: ecs.Secret.fromSecretsManager(discordToken) }, logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'gateway', logRetention: logs.RetentionDays.TWO_WEEKS }) });
  commands.grantSendMessages(gatewayTask.taskRole);
  new ecs.FargateService(trialBots, 'GatewayService', { cluster: botCluster, taskDefinition: gatewayTask, assignPublicIp: true, desiredCount: 1 });
  // a moderators' dashboard pool with optional MFA
  new cognito.UserPool(trialBots, 'Moderators', { selfSignUpEnabled: false, mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { otp: true, sms: false } });
}

// TrialFlags: a self-hosted analytics + feature-flag service (Plausible/Unleash-style): Fargate behind ALBs,
// RDS PostgreSQL, ElastiCache Redis, EFS, CloudWatch alarms, an SSM bastion and a debug box, Route 53 + ACM.
const trialFlags = new Stack(app, 'TrialFlags', { env });
{
  const vpc = new ec2.Vpc(trialFlags, 'FlagsVpc', { maxAzs: 2, natGateways: 1 });
  const zone = new route53.PublicHostedZone(trialFlags, 'Zone', { zoneName: 'flags.example.dev' });
  const cert = new acm.Certificate(trialFlags, 'Cert', { domainName: 'flags.example.dev', subjectAlternativeNames: ['*.flags.example.dev'], validation: acm.CertificateValidation.fromDns(zone) });
  const cluster = new ecs.Cluster(trialFlags, 'Cluster', { vpc, containerInsights: true });
  // PostgreSQL 16 for flags: encrypted, 14-day backups, private
  const flagsDb = new rds.DatabaseInstance(trialFlags, 'FlagsDb', { engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16_4 }), vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM), credentials: rds.Credentials.fromGeneratedSecret('unleash'), storageEncrypted: true, backupRetention: Duration.days(14), deletionProtection: true, multiAz: true });
  // the analytics events DB (legacy MySQL the app shipped with): defaults, public, a pasted password
  const statsDb = new rds.DatabaseInstance(trialFlags, 'StatsDb', { engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0_39 }), vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, publiclyAccessible: true, instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.SMALL), credentials: rds.Credentials.fromPassword('stats', SecretValue.unsafePlainText(fakeSecret('Pl4us', 'ible-', 'St4ts!'))), removalPolicy: RemovalPolicy.DESTROY, deletionProtection: false });
  // Redis: the flag cache encrypted with no snapshots; the analytics queue Redis on defaults
  const cacheSg = new ec2.SecurityGroup(trialFlags, 'CacheSg', { vpc, description: 'redis' });
  cacheSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(6379), 'from the vpc');
  const cacheSubnets = new elasticache.CfnSubnetGroup(trialFlags, 'CacheSubnets', { description: 'redis', subnetIds: vpc.privateSubnets.map((s) => s.subnetId) });
  new elasticache.CfnReplicationGroup(trialFlags, 'FlagCache', { replicationGroupDescription: 'flag cache', engine: 'redis', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailoverEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId] });
  new elasticache.CfnReplicationGroup(trialFlags, 'EventQueueRedis', { replicationGroupDescription: 'analytics ingest queue', engine: 'redis', cacheNodeType: 'cache.t4g.micro', numCacheClusters: 1, cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId], snapshotRetentionLimit: 5 });
  // EFS for GeoIP databases (no automatic backups) and for uploaded exports (automatic backups)
  const geoip = new efs.FileSystem(trialFlags, 'GeoIpData', { vpc, removalPolicy: RemovalPolicy.DESTROY });
  const shared = new efs.FileSystem(trialFlags, 'SharedData', { vpc, enableAutomaticBackups: true });
  // Unleash (flags) behind an HTTPS ALB with an HTTP→HTTPS redirect, logs to a bucket, TLS 1.3 policy
  const albLogs = new s3.Bucket(trialFlags, 'AlbLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(60) }] });
  const flags = new ecsPatterns.ApplicationLoadBalancedFargateService(trialFlags, 'Unleash', {
    cluster, cpu: 512, memoryLimitMiB: 1024, desiredCount: 2, certificate: cert, domainName: 'app.flags.example.dev', domainZone: zone, redirectHTTP: true, sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS, protocol: elbv2.ApplicationProtocol.HTTPS,
    taskImageOptions: { image: ecs.ContainerImage.fromRegistry('unleashorg/unleash-server:6'), containerPort: 4242, environment: { DATABASE_HOST: flagsDb.dbInstanceEndpointAddress, DATABASE_SSL: 'true' }, secrets: { DATABASE_PASSWORD: ecs.Secret.fromSecretsManager(flagsDb.secret, 'password') } },
  });
  flags.loadBalancer.logAccessLogs(albLogs, 'unleash');
  flagsDb.connections.allowDefaultPortFrom(flags.service);
  // Plausible analytics: plain HTTP ALB, tasks with public IPs, SECRET_KEY_BASE in the environment, EFS for GeoIP
  const plausibleTask = new ecs.FargateTaskDefinition(trialFlags, 'PlausibleTask', { cpu: 1024, memoryLimitMiB: 2048, volumes: [{ name: 'geoip', efsVolumeConfiguration: { fileSystemId: geoip.fileSystemId, transitEncryption: 'ENABLED' } }] });
  const web = plausibleTask.addContainer('plausible', { image: ecs.ContainerImage.fromRegistry('ghcr.io/plausible/community-edition:v2.1'), portMappings: [{ containerPort: 8000 }], environment: { BASE_URL: 'http://stats.flags.example.dev', SECRET_KEY_BASE: fakeSecret('q1w2e3r4t5y6u7i8o9p0', 'a1s2d3f4g5h6j7k8l9z0', 'x1c2v3b4n5m6'), DATABASE_URL: `mysql://stats@${statsDb.dbInstanceEndpointAddress}/plausible` }, logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'plausible', logRetention: logs.RetentionDays.ONE_MONTH }) });
  web.addMountPoints({ containerPath: '/geoip', sourceVolume: 'geoip', readOnly: true });
  plausibleTask.addToTaskRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
  const plausible = new ecsPatterns.ApplicationLoadBalancedFargateService(trialFlags, 'Plausible', { cluster, taskDefinition: plausibleTask, assignPublicIp: true, taskSubnets: { subnetType: ec2.SubnetType.PUBLIC }, publicLoadBalancer: true });
  geoip.connections.allowDefaultPortFrom(plausible.service);
  statsDb.connections.allowDefaultPortFrom(plausible.service);
  // access: an SSM-only bastion, and a debug box with SSH from anywhere and an unencrypted volume
  new ec2.BastionHostLinux(trialFlags, 'SsmBastion', { vpc, requireImdsv2: true, blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(10, { encrypted: true }) }] });
  const debugSg = new ec2.SecurityGroup(trialFlags, 'DebugSg', { vpc, description: 'debug box' });
  debugSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh from home');
  new ec2.Instance(trialFlags, 'DebugBox', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.latestAmazonLinux2023(), securityGroup: debugSg, keyName: 'dev-laptop', blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(20) }] });
  // alarms to an encrypted topic
  const opsKey = new kms.Key(trialFlags, 'OpsKey', { enableKeyRotation: true });
  const alarms = new sns.Topic(trialFlags, 'OpsAlarms', { masterKey: opsKey });
  alarms.addSubscription(new subs.EmailSubscription('oncall@flags.example.dev'));
  new cloudwatch.Alarm(trialFlags, 'FlagsDbCpu', { metric: flagsDb.metricCPUUtilization(), threshold: 80, evaluationPeriods: 3 }).addAlarmAction(new cwactions.SnsAction(alarms));
  new cloudwatch.Alarm(trialFlags, 'Unleash5xx', { metric: flags.loadBalancer.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT), threshold: 10, evaluationPeriods: 2 }).addAlarmAction(new cwactions.SnsAction(alarms));
  // backups: a 30-day plan for the shared EFS and the flags DB, copied to us-west-2
  const plan = new backup.BackupPlan(trialFlags, 'FlagsBackup', { backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'Daily', scheduleExpression: events.Schedule.cron({ hour: '2', minute: '0' }), deleteAfter: Duration.days(30), copyActions: [{ destinationBackupVault: backup.BackupVault.fromBackupVaultArn(trialFlags, 'DrVault', 'arn:aws:backup:us-west-2:111122223333:backup-vault:flags-dr'), deleteAfter: Duration.days(30) }] })] });
  plan.addSelection('Selection', { resources: [backup.BackupResource.fromEfsFileSystem(shared), backup.BackupResource.fromRdsDatabaseInstance(flagsDb)] });
  // exported analytics reports (tagged) kept 30 days; ingest request logs kept 7 days
  const reports = new s3.Bucket(trialFlags, 'AnalyticsExports', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: albLogs, serverAccessLogsPrefix: 'exports/', lifecycleRules: [{ expiration: Duration.days(30) }] });
  Tags.of(reports).add('DataSet', 'exported-reports');
  reports.grantReadWrite(flags.taskDefinition.taskRole);
  new logs.LogGroup(trialFlags, 'IngestRequestLogs', { logGroupName: '/flags/ingest-request-logs', retention: logs.RetentionDays.ONE_WEEK });
  // a Memcached session store on defaults and a serverless Valkey edge cache without snapshots
  new elasticache.CfnCacheCluster(trialFlags, 'SessionMemcached', { engine: 'memcached', cacheNodeType: 'cache.t4g.micro', numCacheNodes: 1, cacheSubnetGroupName: cacheSubnets.ref, vpcSecurityGroupIds: [cacheSg.securityGroupId] });
  new elasticache.CfnServerlessCache(trialFlags, 'FlagEdgeCache', { engine: 'valkey', serverlessCacheName: 'flag-edge', subnetIds: vpc.privateSubnets.map((s) => s.subnetId), securityGroupIds: [cacheSg.securityGroupId] });
  // the tracking script proxied through CloudFront (Plausible's "proxy" guide), HTTP to the origin, viewer allow-all
  new cloudfront.Distribution(trialFlags, 'StatsProxy', { defaultBehavior: { origin: new origins.HttpOrigin(plausible.loadBalancer.loadBalancerDnsName, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTP_ONLY }), cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED } });
  // the vendor's support role (no ExternalId, no MFA) and a monitoring partner's role with an ExternalId
  new iam.Role(trialFlags, 'VendorSupportRole', { assumedBy: new iam.AccountPrincipal('999988887777'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('CloudWatchReadOnlyAccess')] });
  new iam.Role(trialFlags, 'MonitoringPartnerRole', { assumedBy: new iam.AccountPrincipal('777766665555').withConditions({ StringEquals: { 'sts:ExternalId': 'flags-monitoring-7f3a' } }), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('CloudWatchReadOnlyAccess')] });
  // an operator with a console password and no MFA policy
  new iam.User(trialFlags, 'Operator', { userName: 'flags-operator', password: SecretValue.unsafePlainText(fakeSecret('Fl4gs', '-0per', '4tor!')), passwordResetRequired: true, managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')] });
}

// Field held-out apps (session 9, fifth scout set): stacks named Field*, routed to templates/scout5cdk/, labelled in labels.scout5cdk.yaml
// (scout5cdk apps go here)
const nfw = await import('aws-cdk-lib/aws-networkfirewall');
const r53resolver = await import('aws-cdk-lib/aws-route53resolver');
const mediapackage = await import('aws-cdk-lib/aws-mediapackage');
const mediaconvert = await import('aws-cdk-lib/aws-mediaconvert');
const ram = await import('aws-cdk-lib/aws-ram');

// FieldInference: an ML inference platform: SageMaker model / endpoint config / endpoint via L1 in a VPC, ECR repositories,
// KMS-encrypted model artifacts, a REST API front door with API keys and a usage plan, a Step Functions retraining
// pipeline calling SageMaker through CallAwsService, a model registry table, CloudWatch alarms to a topic.
const fieldInference = new Stack(app, 'FieldInference', { env });
{
  const vpc = new ec2.Vpc(fieldInference, 'MlVpc', { maxAzs: 2, natGateways: 1 });
  const modelKey = new kms.Key(fieldInference, 'ModelKey', { enableKeyRotation: true, alias: 'alias/ml-models' });
  const accessLogs = new s3.Bucket(fieldInference, 'MlAccessLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(180) }] });
  const artifacts = new s3.Bucket(fieldInference, 'ModelArtifacts', { encryption: s3.BucketEncryption.KMS, encryptionKey: modelKey, enforceSSL: true, versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'artifacts/' });
  // raw training data dropped by notebooks: defaults, destroyed with the stack
  const training = new s3.Bucket(fieldInference, 'TrainingData', { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
  // model evaluation reports, tagged as exported reports, kept 60 days
  const evalReports = new s3.Bucket(fieldInference, 'EvalReports', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'eval/', lifecycleRules: [{ expiration: Duration.days(60) }] });
  Tags.of(evalReports).add('DataSet', 'exported-reports');
  const inferenceRepo = new ecr.Repository(fieldInference, 'InferenceImages', { repositoryName: 'ml/inference', imageScanOnPush: true, encryption: ecr.RepositoryEncryption.KMS, imageTagMutability: ecr.TagMutability.IMMUTABLE });
  const trainingRepo = new ecr.Repository(fieldInference, 'TrainingImages', { repositoryName: 'ml/training', removalPolicy: RemovalPolicy.DESTROY, emptyOnDelete: true, lifecycleRules: [{ maxImageCount: 20 }] });
  // SageMaker execution role: the managed full-access policy the getting-started guides attach
  const smRole = new iam.Role(fieldInference, 'SageMakerExecRole', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSageMakerFullAccess')] });
  artifacts.grantRead(smRole);
  inferenceRepo.grantPull(smRole);
  const epSg = new ec2.SecurityGroup(fieldInference, 'EndpointSg', { vpc, description: 'sagemaker endpoint', allowAllOutbound: true });
  const model = new sagemaker.CfnModel(fieldInference, 'RankerModel', {
    executionRoleArn: smRole.roleArn,
    primaryContainer: { image: `${inferenceRepo.repositoryUri}:2024-11-rc2`, modelDataUrl: `s3://${artifacts.bucketName}/ranker/model.tar.gz`, environment: { SAGEMAKER_PROGRAM: 'serve.py', MODEL_NAME: 'ranker', WANDB_API_KEY: fakeSecret('7c1e9a0b4d', '2f6e8a1c3b', '5d7f9e0a2c4b6d8f0e1a') } },
    vpcConfig: { subnets: vpc.privateSubnets.map((s) => s.subnetId), securityGroupIds: [epSg.securityGroupId] },
  });
  const prodConfig = new sagemaker.CfnEndpointConfig(fieldInference, 'RankerProdConfig', { kmsKeyId: modelKey.keyArn, productionVariants: [{ modelName: model.attrModelName, variantName: 'AllTraffic', initialInstanceCount: 2, instanceType: 'ml.m5.large', initialVariantWeight: 1 }], dataCaptureConfig: { enableCapture: true, initialSamplingPercentage: 10, destinationS3Uri: `s3://${artifacts.bucketName}/capture/`, kmsKeyId: modelKey.keyArn, captureOptions: [{ captureMode: 'Input' }, { captureMode: 'Output' }] } });
  new sagemaker.CfnEndpoint(fieldInference, 'RankerEndpoint', { endpointConfigName: prodConfig.attrEndpointConfigName, endpointName: 'ranker-prod' });
  const shadowConfig = new sagemaker.CfnEndpointConfig(fieldInference, 'RankerShadowConfig', { productionVariants: [{ modelName: model.attrModelName, variantName: 'Shadow', initialInstanceCount: 1, instanceType: 'ml.g5.xlarge', initialVariantWeight: 1 }] });
  new sagemaker.CfnEndpoint(fieldInference, 'RankerShadowEndpoint', { endpointConfigName: shadowConfig.attrEndpointConfigName });
  // model registry
  const registry = new dynamodb.Table(fieldInference, 'ModelRegistry', { partitionKey: { name: 'modelId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'version', type: dynamodb.AttributeType.NUMBER }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
  // the front door: a Lambda that calls the endpoint, behind a REST API with API keys
  const invokeFn = new lambda.Function(fieldInference, 'InvokeRanker', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'app.handler', code: lambda.Code.fromInline('def handler(e, c):\n    return {"statusCode": 200}'), timeout: Duration.seconds(30), environment: { ENDPOINT_NAME: 'ranker-prod', REGISTRY_TABLE: registry.tableName }, logRetention: logs.RetentionDays.ONE_MONTH });
  invokeFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sagemaker:InvokeEndpoint'], resources: [`arn:aws:sagemaker:${fieldInference.region}:${fieldInference.account}:endpoint/ranker-prod`] }));
  registry.grantReadData(invokeFn);
  const apiLogs = new logs.LogGroup(fieldInference, 'InferenceRequestLogs', { logGroupName: '/ml/inference-request-logs', retention: logs.RetentionDays.TWO_WEEKS });
  const api = new apigw.RestApi(fieldInference, 'InferenceApi', { restApiName: 'ranker-api', deployOptions: { stageName: 'prod', accessLogDestination: new apigw.LogGroupLogDestination(apiLogs), accessLogFormat: apigw.AccessLogFormat.clf(), throttlingRateLimit: 20 } });
  api.root.addResource('rank').addMethod('POST', new apigw.LambdaIntegration(invokeFn), { apiKeyRequired: true });
  const plan = api.addUsagePlan('PartnerPlan', { name: 'partners', throttle: { rateLimit: 10, burstLimit: 20 }, quota: { limit: 100000, period: apigw.Period.MONTH } });
  plan.addApiStage({ stage: api.deploymentStage });
  plan.addApiKey(api.addApiKey('GeneratedKey', { apiKeyName: 'partner-generated' }));
  plan.addApiKey(new apigw.ApiKey(fieldInference, 'DemoKey', { apiKeyName: 'demo-customer', value: fakeSecret('demoKey', 'Ranker2024', 'xQ7pL2mN9vB4') }));
  // batch scoring log group nobody set a retention on
  new logs.LogGroup(fieldInference, 'BatchRequestLogs', { logGroupName: '/ml/batch-request-logs', retention: logs.RetentionDays.INFINITE });
  // retraining pipeline: prepare (Lambda) → training job (SDK call on *) → register
  const prepFn = new lambda.Function(fieldInference, 'PrepareDataset', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'prep.handler', code: lambda.Code.fromInline('def handler(e, c):\n    return e'), timeout: Duration.minutes(5), memorySize: 1024, environment: { TRAINING_BUCKET: training.bucketName } });
  training.grantReadWrite(prepFn);
  prepFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sagemaker:*'], resources: ['*'] }));
  const startTraining = new tasks.CallAwsService(fieldInference, 'StartTraining', { service: 'sagemaker', action: 'createTrainingJob', parameters: { TrainingJobName: sfn.JsonPath.stringAt('$.jobName'), RoleArn: smRole.roleArn, AlgorithmSpecification: { TrainingImage: `${trainingRepo.repositoryUri}:latest`, TrainingInputMode: 'File' }, OutputDataConfig: { S3OutputPath: `s3://${artifacts.bucketName}/ranker/` }, ResourceConfig: { InstanceCount: 1, InstanceType: 'ml.g5.2xlarge', VolumeSizeInGB: 50 }, StoppingCondition: { MaxRuntimeInSeconds: 14400 } }, iamResources: ['*'] });
  const register = new tasks.DynamoPutItem(fieldInference, 'RegisterModel', { table: registry, item: { modelId: tasks.DynamoAttributeValue.fromString('ranker'), version: tasks.DynamoAttributeValue.numberFromString(sfn.JsonPath.stringAt('$.version')) } });
  const retrain = new sfn.StateMachine(fieldInference, 'RetrainPipeline', { definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(fieldInference, 'Prepare', { lambdaFunction: prepFn, outputPath: '$.Payload' }).next(startTraining).next(register)), timeout: Duration.hours(6) });
  retrain.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [smRole.roleArn] }));
  new events.Rule(fieldInference, 'WeeklyRetrain', { schedule: events.Schedule.cron({ weekDay: 'SUN', hour: '3', minute: '0' }), targets: [new targets.SfnStateMachine(retrain)] });
  // alarms
  const alarmTopic = new sns.Topic(fieldInference, 'MlAlarms', { displayName: 'ml alarms' });
  alarmTopic.addSubscription(new subs.EmailSubscription('ml-oncall@example.ai'));
  new cloudwatch.Alarm(fieldInference, 'Endpoint5xx', { metric: new cloudwatch.Metric({ namespace: 'AWS/SageMaker', metricName: 'Invocation5XXErrors', dimensionsMap: { EndpointName: 'ranker-prod', VariantName: 'AllTraffic' }, statistic: 'Sum', period: Duration.minutes(5) }), threshold: 5, evaluationPeriods: 2 }).addAlarmAction(new cwactions.SnsAction(alarmTopic));
  new cloudwatch.Alarm(fieldInference, 'EndpointLatency', { metric: new cloudwatch.Metric({ namespace: 'AWS/SageMaker', metricName: 'ModelLatency', dimensionsMap: { EndpointName: 'ranker-prod', VariantName: 'AllTraffic' }, statistic: 'p99', period: Duration.minutes(5) }), threshold: 500000, evaluationPeriods: 3 }).addAlarmAction(new cwactions.SnsAction(alarmTopic));
  // the US analytics team gets alarm copies in their us-east-1 queue, and model events on their us-east-1 bus
  alarmTopic.addSubscription(new subs.SqsSubscription(sqs.Queue.fromQueueArn(fieldInference, 'UsOpsQueue', 'arn:aws:sqs:us-east-1:111122223333:ml-ops-us')));
  new events.Rule(fieldInference, 'ModelEventsToUs', { eventPattern: { source: ['aws.sagemaker'], detailType: ['SageMaker Endpoint State Change', 'SageMaker Training Job State Change'] }, targets: [new targets.EventBus(events.EventBus.fromEventBusArn(fieldInference, 'UsMlBus', 'arn:aws:events:us-east-1:111122223333:event-bus/ml-us'))] });
  // online feature cache: a single-node Redis on defaults
  const featSg = new ec2.SecurityGroup(fieldInference, 'FeatureCacheSg', { vpc, description: 'feature cache' });
  featSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(6379), 'vpc');
  const featSubnets = new elasticache.CfnSubnetGroup(fieldInference, 'FeatureCacheSubnets', { description: 'feature cache', subnetIds: vpc.privateSubnets.map((s) => s.subnetId) });
  new elasticache.CfnReplicationGroup(fieldInference, 'FeatureCache', { replicationGroupDescription: 'online features', engine: 'redis', cacheNodeType: 'cache.r7g.large', numCacheClusters: 1, cacheSubnetGroupName: featSubnets.ref, securityGroupIds: [featSg.securityGroupId] });
  // MLflow tracking UI behind an internet-facing ALB on plain HTTP
  const mlflowAlb = new elbv2.ApplicationLoadBalancer(fieldInference, 'MlflowAlb', { vpc, internetFacing: true });
  mlflowAlb.addListener('Http', { port: 80, open: true, defaultAction: elbv2.ListenerAction.fixedResponse(503, { contentType: 'text/plain', messageBody: 'mlflow starting' }) });
  // data scientists assume a role from the tooling account with MFA
  new iam.Role(fieldInference, 'DataScientistRole', { assumedBy: new iam.AccountPrincipal('444455556666').withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSageMakerReadOnly')] });
  new CfnOutput(fieldInference, 'ApiUrl', { value: api.url });
}

// FieldHub: a networking / security hub: a hub VPC with interface endpoints and endpoint policies, a Transit Gateway,
// Network Firewall (one logged, one not), Route 53 Resolver query logging, a Client VPN endpoint, an NLB behind a
// PrivateLink endpoint service, an internet-facing ALB with a WAF web ACL, a bastion Auto Scaling group, a tools box.
const fieldHub = new Stack(app, 'FieldHub', { env });
{
  const flowBucket = new s3.Bucket(fieldHub, 'FlowLogArchive', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(30) }] }] });
  const vpc = new ec2.Vpc(fieldHub, 'HubVpc', { ipAddresses: ec2.IpAddresses.cidr('10.100.0.0/16'), maxAzs: 2, natGateways: 2, flowLogs: { s3: { destination: ec2.FlowLogDestination.toS3(flowBucket, 'hub/') } } });
  const s3Endpoint = vpc.addGatewayEndpoint('S3Endpoint', { service: ec2.GatewayVpcEndpointAwsService.S3 });
  s3Endpoint.addToPolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'], resources: ['arn:aws:s3:::hub-*', 'arn:aws:s3:::hub-*/*'] }));
  for (const [id, svc] of [['Ssm', ec2.InterfaceVpcEndpointAwsService.SSM], ['SsmMessages', ec2.InterfaceVpcEndpointAwsService.SSM_MESSAGES], ['Ec2Messages', ec2.InterfaceVpcEndpointAwsService.EC2_MESSAGES], ['Sts', ec2.InterfaceVpcEndpointAwsService.STS]]) {
    vpc.addInterfaceEndpoint(`${id}Endpoint`, { service: svc, privateDnsEnabled: true });
  }
  const ecrEndpoint = vpc.addInterfaceEndpoint('EcrApiEndpoint', { service: ec2.InterfaceVpcEndpointAwsService.ECR, privateDnsEnabled: true });
  ecrEndpoint.addToPolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['ecr:*'], resources: ['*'], conditions: { StringEquals: { 'aws:PrincipalOrgID': 'o-exampleorg1' } } }));
  // the inspection VPC the firewall sits in: isolated subnets, no flow logs
  const inspection = new ec2.Vpc(fieldHub, 'InspectionVpc', { ipAddresses: ec2.IpAddresses.cidr('10.200.0.0/22'), maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'firewall', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 26 }, { name: 'tgw', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 28 }] });
  // Transit Gateway (L1) with both VPCs attached
  const tgw = new ec2.CfnTransitGateway(fieldHub, 'CoreTgw', { amazonSideAsn: 64512, autoAcceptSharedAttachments: 'enable', defaultRouteTableAssociation: 'disable', defaultRouteTablePropagation: 'disable', dnsSupport: 'enable', description: 'core network' });
  const tgwRt = new ec2.CfnTransitGatewayRouteTable(fieldHub, 'CoreTgwRouteTable', { transitGatewayId: tgw.ref });
  const hubAtt = new ec2.CfnTransitGatewayAttachment(fieldHub, 'HubAttachment', { transitGatewayId: tgw.ref, vpcId: vpc.vpcId, subnetIds: vpc.privateSubnets.map((s) => s.subnetId) });
  const inspAtt = new ec2.CfnTransitGatewayAttachment(fieldHub, 'InspectionAttachment', { transitGatewayId: tgw.ref, vpcId: inspection.vpcId, subnetIds: inspection.selectSubnets({ subnetGroupName: 'tgw' }).subnetIds, options: { ApplianceModeSupport: 'enable' } });
  new ec2.CfnTransitGatewayRouteTableAssociation(fieldHub, 'HubAssoc', { transitGatewayAttachmentId: hubAtt.ref, transitGatewayRouteTableId: tgwRt.ref });
  new ec2.CfnTransitGatewayRoute(fieldHub, 'DefaultToInspection', { transitGatewayRouteTableId: tgwRt.ref, destinationCidrBlock: '0.0.0.0/0', transitGatewayAttachmentId: inspAtt.ref });
  new ram.CfnResourceShare(fieldHub, 'TgwShare', { name: 'core-tgw', resourceArns: [`arn:aws:ec2:${fieldHub.region}:${fieldHub.account}:transit-gateway/${tgw.ref}`], principals: ['arn:aws:organizations::111122223333:organization/o-exampleorg1'], allowExternalPrincipals: false });
  // Network Firewall: domain allow-list rule group, policy, the egress firewall (logged) and a lab firewall (no logging)
  const domains = new nfw.CfnRuleGroup(fieldHub, 'EgressDomains', { capacity: 100, ruleGroupName: 'egress-domains', type: 'STATEFUL', ruleGroup: { rulesSource: { rulesSourceList: { generatedRulesType: 'ALLOWLIST', targetTypes: ['TLS_SNI', 'HTTP_HOST'], targets: ['.amazonaws.com', '.github.com', 'pypi.org'] } } } });
  const fwPolicy = new nfw.CfnFirewallPolicy(fieldHub, 'EgressPolicy', { firewallPolicyName: 'egress', firewallPolicy: { statelessDefaultActions: ['aws:forward_to_sfe'], statelessFragmentDefaultActions: ['aws:forward_to_sfe'], statefulRuleGroupReferences: [{ resourceArn: domains.attrRuleGroupArn }] } });
  const fwSubnets = inspection.selectSubnets({ subnetGroupName: 'firewall' }).subnetIds;
  const egressFw = new nfw.CfnFirewall(fieldHub, 'EgressFirewall', { firewallName: 'egress', firewallPolicyArn: fwPolicy.attrFirewallPolicyArn, vpcId: inspection.vpcId, subnetMappings: fwSubnets.map((subnetId) => ({ subnetId })), deleteProtection: true });
  const fwFlowLogs = new logs.LogGroup(fieldHub, 'FirewallFlowLogs', { logGroupName: '/hub/network-firewall/flow', retention: logs.RetentionDays.THREE_MONTHS });
  const fwAlertLogs = new logs.LogGroup(fieldHub, 'FirewallAlertLogs', { logGroupName: '/hub/network-firewall/alert', retention: logs.RetentionDays.ONE_YEAR });
  new nfw.CfnLoggingConfiguration(fieldHub, 'EgressFirewallLogging', { firewallArn: egressFw.attrFirewallArn, loggingConfiguration: { logDestinationConfigs: [{ logType: 'FLOW', logDestinationType: 'CloudWatchLogs', logDestination: { logGroup: fwFlowLogs.logGroupName } }, { logType: 'ALERT', logDestinationType: 'CloudWatchLogs', logDestination: { logGroup: fwAlertLogs.logGroupName } }] } });
  const labPolicy = new nfw.CfnFirewallPolicy(fieldHub, 'LabPolicy', { firewallPolicyName: 'lab-pass', firewallPolicy: { statelessDefaultActions: ['aws:pass'], statelessFragmentDefaultActions: ['aws:pass'] } });
  new nfw.CfnFirewall(fieldHub, 'LabFirewall', { firewallName: 'lab', firewallPolicyArn: labPolicy.attrFirewallPolicyArn, vpcId: inspection.vpcId, subnetMappings: fwSubnets.map((subnetId) => ({ subnetId })) });
  // Route 53 Resolver query logging for the hub VPC
  const dnsLogs = new logs.LogGroup(fieldHub, 'ResolverQueryLogs', { logGroupName: '/hub/resolver-queries', retention: logs.RetentionDays.ONE_MONTH });
  const qlc = new r53resolver.CfnResolverQueryLoggingConfig(fieldHub, 'QueryLogConfig', { name: 'hub-queries', destinationArn: dnsLogs.logGroupArn });
  new r53resolver.CfnResolverQueryLoggingConfigAssociation(fieldHub, 'QueryLogAssoc', { resolverQueryLogConfigId: qlc.attrId, resourceId: vpc.vpcId });
  // Client VPN for the network team: mutual TLS, split tunnel, no connection logging
  const vpnSg = new ec2.SecurityGroup(fieldHub, 'ClientVpnSg', { vpc, description: 'client vpn' });
  const cvpn = new ec2.CfnClientVpnEndpoint(fieldHub, 'NetOpsVpn', { clientCidrBlock: '172.31.0.0/22', serverCertificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666', authenticationOptions: [{ type: 'certificate-authentication', mutualAuthentication: { clientRootCertificateChainArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/9f8e7d6c-1111-2222-3333-444455556666' } }], connectionLogOptions: { enabled: false }, splitTunnel: true, vpcId: vpc.vpcId, securityGroupIds: [vpnSg.securityGroupId], transportProtocol: 'udp' });
  new ec2.CfnClientVpnTargetNetworkAssociation(fieldHub, 'NetOpsVpnAssoc', { clientVpnEndpointId: cvpn.ref, subnetId: vpc.privateSubnets[0].subnetId });
  new ec2.CfnClientVpnAuthorizationRule(fieldHub, 'NetOpsVpnAuth', { clientVpnEndpointId: cvpn.ref, targetNetworkCidr: '10.100.0.0/16', authorizeAllGroups: true });
  // shared service behind an internal NLB, published through PrivateLink to any AWS account without acceptance
  const nlb = new elbv2.NetworkLoadBalancer(fieldHub, 'SharedSvcNlb', { vpc, internetFacing: false, crossZoneEnabled: true });
  const svcFleet = new autoscaling.AutoScalingGroup(fieldHub, 'SharedSvcFleet', { vpc, instanceType: new ec2.InstanceType('t3.small'), machineImage: ec2.MachineImage.latestAmazonLinux2023(), minCapacity: 2, maxCapacity: 4, requireImdsv2: true, blockDevices: [{ deviceName: '/dev/xvda', volume: autoscaling.BlockDeviceVolume.ebs(16, { encrypted: true }) }] });
  svcFleet.connections.allowFrom(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(8443), 'nlb health and traffic');
  nlb.addListener('Tcp443', { port: 443, protocol: elbv2.Protocol.TCP }).addTargets('Fleet', { port: 8443, protocol: elbv2.Protocol.TCP, targets: [svcFleet] });
  new ec2.VpcEndpointService(fieldHub, 'SharedSvcEndpointService', { vpcEndpointServiceLoadBalancers: [nlb], acceptanceRequired: false, allowedPrincipals: [new iam.ArnPrincipal('*')] });
  // internet-facing ALB for the self-service portal, a WAF web ACL without logging, no access logs
  const alb = new elbv2.ApplicationLoadBalancer(fieldHub, 'PortalAlb', { vpc, internetFacing: true });
  const https = alb.addListener('Https', { port: 443, certificates: [elbv2.ListenerCertificate.fromArn('arn:aws:acm:eu-west-1:111122223333:certificate/5e6f7a8b-1111-2222-3333-444455556666')], defaultAction: elbv2.ListenerAction.fixedResponse(200, { contentType: 'text/plain', messageBody: 'hub portal' }) });
  alb.addRedirect({ sourcePort: 80, targetPort: 443 });
  const acl = new wafv2.CfnWebACL(fieldHub, 'PortalAcl', { scope: 'REGIONAL', defaultAction: { allow: {} }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'portal', sampledRequestsEnabled: true }, rules: [{ name: 'common', priority: 0, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'common', sampledRequestsEnabled: true } }, { name: 'rate', priority: 1, action: { block: {} }, statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: 'IP' } }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'rate', sampledRequestsEnabled: true } }] });
  new wafv2.CfnWebACLAssociation(fieldHub, 'PortalAclAssoc', { resourceArn: alb.loadBalancerArn, webAclArn: acl.attrArn });
  void https;
  // bastion ASG: SSH only from the corporate egress range, unencrypted root volume in its launch template
  const bastionSg = new ec2.SecurityGroup(fieldHub, 'BastionSg', { vpc, description: 'bastion ssh' });
  bastionSg.addIngressRule(ec2.Peer.ipv4('198.51.100.0/24'), ec2.Port.tcp(22), 'corporate egress');
  new autoscaling.AutoScalingGroup(fieldHub, 'BastionAsg', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, associatePublicIpAddress: true, instanceType: new ec2.InstanceType('t3.nano'), machineImage: ec2.MachineImage.latestAmazonLinux2023(), securityGroup: bastionSg, keyName: 'netops', minCapacity: 1, maxCapacity: 1, blockDevices: [{ deviceName: '/dev/xvda', volume: autoscaling.BlockDeviceVolume.ebs(8) }] });
  // a troubleshooting box someone left with SSH open to the world
  const toolsSg = new ec2.SecurityGroup(fieldHub, 'NetToolsSg', { vpc, description: 'net tools' });
  toolsSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh');
  toolsSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.icmpPing(), 'ping');
  new ec2.Instance(fieldHub, 'NetTools', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.latestAmazonLinux2023(), securityGroup: toolsSg, keyPair: ec2.KeyPair.fromKeyPairName(fieldHub, 'ToolsKey', 'netops'), blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(16, { encrypted: true }) }] });
  // network operators: a console user without MFA and a partner MSP role without ExternalId
  new iam.User(fieldHub, 'NetOpsUser', { userName: 'netops-console', password: SecretValue.unsafePlainText(fakeSecret('Hub', 'N3tOps', '#2024')), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')] });
  new iam.Role(fieldHub, 'MspNetworkRole', { assumedBy: new iam.AccountPrincipal('222233334444'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('job-function/ViewOnlyAccess')] });
}

// FieldAcademy: a media / e-learning platform: course videos on CloudFront with signed cookies (key group) and OAC,
// a marketing CDN on defaults, MediaPackage and MediaConvert L1s, Cognito learners/staff pools with groups, DynamoDB,
// Aurora MySQL Serverless v2, ElastiCache Redis with an auth token, SES templates, a certificates table replicated to
// us-east-1, a Backup plan.
const fieldAcademy = new Stack(app, 'FieldAcademy', { env });
{
  const vpc = new ec2.Vpc(fieldAcademy, 'AcademyVpc', { maxAzs: 2, natGateways: 1, flowLogs: { all: { destination: ec2.FlowLogDestination.toCloudWatchLogs(), trafficType: ec2.FlowLogTrafficType.ALL } } });
  // course videos: private bucket behind CloudFront with OAC and signed cookies
  const cfLogs = new s3.Bucket(fieldAcademy, 'CdnLogs', { objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(90) }] });
  const videos = new s3.Bucket(fieldAcademy, 'CourseVideos', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: cfLogs, serverAccessLogsPrefix: 's3/videos/', versioned: true });
  const pubKey = new cloudfront.PublicKey(fieldAcademy, 'CookieSigningKey', { encodedKey: '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u\n+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyeh\nkd3qqGElvW/VDL5AaWTg0nLVkjRo9z+40RQzuVaE8AkAFmxZzow3x+VJYKdjykkJ\n0iT9wCS0DRTXu269V264Vf/3jvredZiKRkgwlL9xNAwxXFg0x/XFw005UWVRIkdg\ncKWTjpBP2dPwVZ4WWC+9aGVd+Gyn1o0CLelf4rEjGoXbAAEgAqeGUxrcIlbjXfbc\nmwIDAQAB\n-----END PUBLIC KEY-----' });
  const keyGroup = new cloudfront.KeyGroup(fieldAcademy, 'LearnerKeyGroup', { items: [pubKey] });
  const cdnCert = acm.Certificate.fromCertificateArn(fieldAcademy, 'CdnCert', 'arn:aws:acm:us-east-1:111122223333:certificate/7a8b9c0d-1111-2222-3333-444455556666');
  new cloudfront.Distribution(fieldAcademy, 'CourseCdn', {
    domainNames: ['learn.example.academy'], certificate: cdnCert, enableLogging: true, logBucket: cfLogs, logFilePrefix: 'cdn/', priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(videos), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS, trustedKeyGroups: [keyGroup], cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED },
    additionalBehaviors: { '/previews/*': { origin: origins.S3BucketOrigin.withOriginAccessControl(videos), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.ALLOW_ALL } },
  });
  // marketing site: a public website bucket behind a CloudFront distribution on defaults
  const marketing = new s3.Bucket(fieldAcademy, 'MarketingSite', { websiteIndexDocument: 'index.html', websiteErrorDocument: '404.html', publicReadAccess: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS, removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
  new cloudfront.Distribution(fieldAcademy, 'MarketingCdn', { defaultBehavior: { origin: new origins.S3StaticWebsiteOrigin(marketing) }, defaultRootObject: 'index.html' });
  // instructor uploads: CORS from anywhere, defaults otherwise; uploads trigger MediaConvert through a Lambda
  const uploads = new s3.Bucket(fieldAcademy, 'InstructorUploads', { cors: [{ allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.POST], allowedOrigins: ['*'], allowedHeaders: ['*'] }], blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  const mcRole = new iam.Role(fieldAcademy, 'MediaConvertRole', { assumedBy: new iam.ServicePrincipal('mediaconvert.amazonaws.com') });
  mcRole.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
  const mcQueue = new mediaconvert.CfnQueue(fieldAcademy, 'TranscodeQueue', { name: 'academy-transcode', pricingPlan: 'ON_DEMAND', status: 'ACTIVE' });
  new mediaconvert.CfnJobTemplate(fieldAcademy, 'HlsLadder', { name: 'academy-hls-ladder', category: 'courses', queue: mcQueue.attrArn, settingsJson: { OutputGroups: [{ Name: 'HLS', OutputGroupSettings: { Type: 'HLS_GROUP_SETTINGS', HlsGroupSettings: { SegmentLength: 6, MinSegmentLength: 0, Destination: `s3://${videos.bucketName}/hls/` } }, Outputs: [{ NameModifier: '_720p', ContainerSettings: { Container: 'M3U8' }, VideoDescription: { Width: 1280, Height: 720, CodecSettings: { Codec: 'H_264', H264Settings: { RateControlMode: 'QVBR', MaxBitrate: 5000000 } } } }] }] } });
  const transcodeFn = new lambda.Function(fieldAcademy, 'StartTranscode', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'), environment: { MC_ROLE: mcRole.roleArn, MC_QUEUE: mcQueue.attrArn, OUTPUT_BUCKET: videos.bucketName } });
  transcodeFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['mediaconvert:CreateJob', 'mediaconvert:DescribeEndpoints'], resources: ['*'] }));
  transcodeFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [mcRole.roleArn] }));
  uploads.grantRead(transcodeFn);
  uploads.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(transcodeFn), { suffix: '.mp4' });
  // live classes: MediaPackage channel and an HLS origin endpoint that only CloudFront (CDN authorization) may read
  const lpSecret = new secretsmanager.Secret(fieldAcademy, 'CdnAuthSecret', { generateSecretString: { secretStringTemplate: '{}', generateStringKey: 'MediaPackageCDNIdentifier', excludePunctuation: true } });
  const mpRole = new iam.Role(fieldAcademy, 'MediaPackageSecretsRole', { assumedBy: new iam.ServicePrincipal('mediapackage.amazonaws.com') });
  lpSecret.grantRead(mpRole);
  const channel = new mediapackage.CfnChannel(fieldAcademy, 'LiveClassChannel', { id: 'academy-live', description: 'live classes' });
  new mediapackage.CfnOriginEndpoint(fieldAcademy, 'LiveClassHls', { id: 'academy-live-hls', channelId: channel.ref, startoverWindowSeconds: 3600, hlsPackage: { segmentDurationSeconds: 6, playlistWindowSeconds: 60 }, authorization: { cdnIdentifierSecret: lpSecret.secretArn, secretsRoleArn: mpRole.roleArn } });
  // learners (self sign-up, MFA optional) and staff (MFA required) with groups
  const learners = new cognito.UserPool(fieldAcademy, 'Learners', { selfSignUpEnabled: true, signInAliases: { email: true }, autoVerify: { email: true }, mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { otp: true, sms: false }, passwordPolicy: { minLength: 8 } });
  learners.addClient('WebClient', { authFlows: { userSrp: true }, oAuth: { flows: { authorizationCodeGrant: true }, callbackUrls: ['https://learn.example.academy/callback'] } });
  const staff = new cognito.UserPool(fieldAcademy, 'Staff', { selfSignUpEnabled: false, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false }, advancedSecurityMode: cognito.AdvancedSecurityMode.ENFORCED });
  new cognito.CfnUserPoolGroup(fieldAcademy, 'InstructorsGroup', { userPoolId: staff.userPoolId, groupName: 'instructors', precedence: 10 });
  new cognito.CfnUserPoolGroup(fieldAcademy, 'AdminsGroup', { userPoolId: staff.userPoolId, groupName: 'admins', precedence: 1 });
  new cognito.CfnUserPoolGroup(fieldAcademy, 'PremiumLearnersGroup', { userPoolId: learners.userPoolId, groupName: 'premium' });
  // course progress (PITR, in the Backup plan) and enrollments (TableV2 defaults, in no plan); certificates replicated to us-east-1 for the US verifier
  const progress = new dynamodb.Table(fieldAcademy, 'CourseProgress', { partitionKey: { name: 'learnerId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'courseId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
  const enrollments = new dynamodb.TableV2(fieldAcademy, 'Enrollments', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING } });
  new dynamodb.TableV2(fieldAcademy, 'Certificates', { partitionKey: { name: 'certId', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, replicas: [{ region: 'us-east-1' }] });
  // Aurora MySQL Serverless v2: TLS required by the cluster parameter group, encrypted, 7-day backups
  const dbParams = new rds.ParameterGroup(fieldAcademy, 'LmsDbParams', { engine: rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_07_1 }), parameters: { require_secure_transport: 'ON' } });
  const lmsDb = new rds.DatabaseCluster(fieldAcademy, 'LmsDb', { engine: rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_07_1 }), vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, writer: rds.ClusterInstance.serverlessV2('writer'), readers: [rds.ClusterInstance.serverlessV2('reader', { scaleWithWriter: true })], serverlessV2MinCapacity: 0.5, serverlessV2MaxCapacity: 8, storageEncrypted: true, backup: { retention: Duration.days(7) }, parameterGroup: dbParams, credentials: rds.Credentials.fromGeneratedSecret('lms_admin'), defaultDatabaseName: 'lms' });
  // the quiz-analytics cluster spun up from a tutorial: defaults
  const quizDb = new rds.DatabaseCluster(fieldAcademy, 'QuizAnalyticsDb', { engine: rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_07_1 }), vpc, writer: rds.ClusterInstance.serverlessV2('writer'), serverlessV2MaxCapacity: 2, removalPolicy: RemovalPolicy.DESTROY });
  // Redis session store: auth token from a generated secret, encrypted; the leaderboard Redis with a pasted token
  const cacheSg = new ec2.SecurityGroup(fieldAcademy, 'CacheSg', { vpc, description: 'redis' });
  cacheSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(6379), 'vpc');
  const cacheSubnets = new elasticache.CfnSubnetGroup(fieldAcademy, 'CacheSubnets', { description: 'academy cache', subnetIds: vpc.privateSubnets.map((s) => s.subnetId) });
  const redisToken = new secretsmanager.Secret(fieldAcademy, 'RedisAuthToken', { generateSecretString: { passwordLength: 64, excludePunctuation: true } });
  new elasticache.CfnReplicationGroup(fieldAcademy, 'SessionRedis', { replicationGroupDescription: 'learner sessions', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailoverEnabled: true, multiAzEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, authToken: redisToken.secretValue.unsafeUnwrap(), cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId] });
  new elasticache.CfnReplicationGroup(fieldAcademy, 'LeaderboardRedis', { replicationGroupDescription: 'quiz leaderboards', engine: 'redis', cacheNodeType: 'cache.t4g.micro', numCacheClusters: 1, transitEncryptionEnabled: true, authToken: fakeSecret('leaderboard', 'T0ken', 'Academy2024xyz'), cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId] });
  // quiz cache: serverless Valkey keeping snapshots; course catalogue Memcached on defaults
  new elasticache.CfnServerlessCache(fieldAcademy, 'QuizCache', { engine: 'valkey', serverlessCacheName: 'academy-quiz', subnetIds: vpc.privateSubnets.map((s) => s.subnetId), securityGroupIds: [cacheSg.securityGroupId], snapshotRetentionLimit: 3, dailySnapshotTime: '02:00' });
  new elasticache.CfnCacheCluster(fieldAcademy, 'CatalogMemcached', { engine: 'memcached', cacheNodeType: 'cache.t4g.small', numCacheNodes: 2, azMode: 'cross-az', cacheSubnetGroupName: cacheSubnets.ref, vpcSecurityGroupIds: [cacheSg.securityGroupId] });
  // the live-class encoder: a Windows box in a public subnet with RDP open, unencrypted root volume
  const encoderSg = new ec2.SecurityGroup(fieldAcademy, 'EncoderSg', { vpc, description: 'live encoder' });
  encoderSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(3389), 'rdp for the producer');
  encoderSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(1935), 'rtmp ingest');
  new ec2.Instance(fieldAcademy, 'LiveEncoder', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, instanceType: new ec2.InstanceType('g4dn.xlarge'), machineImage: ec2.MachineImage.latestWindows(ec2.WindowsVersion.WINDOWS_SERVER_2022_ENGLISH_FULL_BASE), securityGroup: encoderSg, blockDevices: [{ deviceName: '/dev/sda1', volume: ec2.BlockDeviceVolume.ebs(100) }] });
  // SES: a configuration set and two templates; the mailer may send from anything
  const cfgSet = new ses.ConfigurationSet(fieldAcademy, 'MailConfig', { configurationSetName: 'academy-mail' });
  new ses.CfnTemplate(fieldAcademy, 'WelcomeTemplate', { template: { templateName: 'academy-welcome', subjectPart: 'Welcome to {{course}}', htmlPart: '<h1>Hello {{name}}</h1>', textPart: 'Hello {{name}}' } });
  new ses.CfnTemplate(fieldAcademy, 'CertificateTemplate', { template: { templateName: 'academy-certificate', subjectPart: 'Your certificate for {{course}}', htmlPart: '<p>Congratulations {{name}}</p>', textPart: 'Congratulations {{name}}' } });
  const mailer = new lambda.Function(fieldAcademy, 'Mailer', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'), environment: { CONFIG_SET: cfgSet.configurationSetName, FROM: 'courses@example.academy' } });
  mailer.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendTemplatedEmail', 'ses:SendEmail'], resources: ['*'] }));
  // enrollment API handler: Stripe secret key in the environment, in the VPC to reach Aurora
  const enrollFn = new lambda.Function(fieldAcademy, 'EnrollHandler', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'), vpc, environment: { TABLE: enrollments.tableName, DB_SECRET_ARN: lmsDb.secret.secretArn, STRIPE_SECRET_KEY: fakeSecret('sk_live_', '51Hq2AcademyX', 'f83kLmN0pQrStUv') } });
  enrollments.grantReadWriteData(enrollFn);
  lmsDb.secret.grantRead(enrollFn);
  lmsDb.connections.allowDefaultPortFrom(enrollFn);
  progress.grantReadWriteData(enrollFn);
  const enrollApi = new apigw.LambdaRestApi(fieldAcademy, 'EnrollApi', { handler: enrollFn, endpointTypes: [apigw.EndpointType.REGIONAL] });
  void enrollApi; void quizDb;
  // API request logs kept three months; completion reports (exported) kept a year
  new logs.LogGroup(fieldAcademy, 'LmsApiRequestLogs', { logGroupName: '/academy/api-request-logs', retention: logs.RetentionDays.THREE_MONTHS });
  const completionReports = new s3.Bucket(fieldAcademy, 'CompletionReports', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: cfLogs, serverAccessLogsPrefix: 's3/reports/', lifecycleRules: [{ expiration: Duration.days(365) }] });
  Tags.of(completionReports).add('DataSet', 'exported-reports');
  // backups: daily, 35 days, copied to Frankfurt
  const plan = new backup.BackupPlan(fieldAcademy, 'AcademyBackup', { backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'Daily', scheduleExpression: events.Schedule.cron({ hour: '1', minute: '30' }), deleteAfter: Duration.days(35), copyActions: [{ destinationBackupVault: backup.BackupVault.fromBackupVaultArn(fieldAcademy, 'FraVault', 'arn:aws:backup:eu-central-1:111122223333:backup-vault:academy-dr'), deleteAfter: Duration.days(35) }] })] });
  plan.addSelection('Tables', { resources: [backup.BackupResource.fromDynamoDbTable(progress), backup.BackupResource.fromArn(`arn:aws:rds:${fieldAcademy.region}:${fieldAcademy.account}:cluster:${lmsDb.clusterIdentifier}`)] });
}

// Vault held-out apps (session 9): stacks named Vault*, routed to templates/vaultcdk/, labelled in labels.vaultcdk.yaml
// (vaultcdk apps go here)
const timestream = await import('aws-cdk-lib/aws-timestream');
const codeartifact = await import('aws-cdk-lib/aws-codeartifact');
// A B2B SaaS multi-tenant backend: Cognito with a tenant attribute, an HTTP API behind a JWT authorizer,
// tenant-keyed DynamoDB tables (one TableV2 with a US replica), presigned S3 uploads, SES mail, an
// onboarding state machine, SNS fan-out (one subscriber queue in us-east-1), Redis and Memcached caches.
const vaultTenantHub = new Stack(app, 'VaultTenantHub', { env });
{
  const vpc = new ec2.Vpc(vaultTenantHub, 'HubVpc', { maxAzs: 2, natGateways: 1, flowLogs: { Rejects: { trafficType: ec2.FlowLogTrafficType.REJECT } } });
  const tenantKey = new kms.Key(vaultTenantHub, 'TenantDataKey', { enableKeyRotation: true, alias: 'alias/tenanthub-data', removalPolicy: RemovalPolicy.DESTROY });
  const pool = new cognito.UserPool(vaultTenantHub, 'TenantUsers', {
    selfSignUpEnabled: false, signInAliases: { email: true }, mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { sms: false, otp: true },
    customAttributes: { tenantId: new cognito.StringAttribute({ mutable: false }), tier: new cognito.StringAttribute({ mutable: true }) },
    passwordPolicy: { minLength: 12 }, removalPolicy: RemovalPolicy.DESTROY,
  });
  const portalClient = pool.addClient('PortalClient', { authFlows: { userSrp: true }, oAuth: { flows: { authorizationCodeGrant: true }, callbackUrls: ['https://app.tenanthub.example.com/callback'] } });
  pool.addDomain('HostedUi', { cognitoDomain: { domainPrefix: 'tenanthub-login' } });
  const tenantData = new dynamodb.Table(vaultTenantHub, 'TenantData', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, removalPolicy: RemovalPolicy.DESTROY });
  tenantData.addGlobalSecondaryIndex({ indexName: 'byTenantStatus', partitionKey: { name: 'tenantId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'status', type: dynamodb.AttributeType.STRING } });
  const directory = new dynamodb.TableV2(vaultTenantHub, 'TenantDirectory', { partitionKey: { name: 'tenantId', type: dynamodb.AttributeType.STRING }, encryption: dynamodb.TableEncryptionV2.customerManagedKey(tenantKey, { 'us-east-1': 'arn:aws:kms:us-east-1:111122223333:key/0f4e2a51-7c1d-4b0e-9a7e-5d2c3b4a1f00' }), pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, replicas: [{ region: 'us-east-1' }] });
  const uploads = new s3.Bucket(vaultTenantHub, 'TenantUploads', {
    encryption: s3.BucketEncryption.KMS, encryptionKey: tenantKey, bucketKeyEnabled: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    cors: [{ allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.POST], allowedOrigins: ['https://app.tenanthub.example.com'], allowedHeaders: ['*'] }],
    lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }], autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY,
  });
  const onboardingDlq = new sqs.Queue(vaultTenantHub, 'OnboardingDlq', { encryption: sqs.QueueEncryption.UNENCRYPTED, retentionPeriod: Duration.days(14) });
  const onboardingQueue = new sqs.Queue(vaultTenantHub, 'OnboardingQueue', { visibilityTimeout: Duration.seconds(120), deadLetterQueue: { queue: onboardingDlq, maxReceiveCount: 5 } });
  const tenantEvents = new sns.Topic(vaultTenantHub, 'TenantEvents', { displayName: 'tenant lifecycle events' });
  tenantEvents.addSubscription(new subs.SqsSubscription(onboardingQueue, { rawMessageDelivery: true }));
  tenantEvents.addSubscription(new subs.SqsSubscription(sqs.Queue.fromQueueArn(vaultTenantHub, 'BillingUsQueue', 'arn:aws:sqs:us-east-1:111122223333:billing-tenant-events')));
  const requestLogs = new logs.LogGroup(vaultTenantHub, 'ApiRequestLogs', { logGroupName: '/tenanthub/api-request-logs', retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.DESTROY });
  const apiFn = new lambda.Function(vaultTenantHub, 'TenantApiFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, memorySize: 512, timeout: Duration.seconds(15), environment: { TABLE: tenantData.tableName, DIRECTORY: directory.tableName, EVENTS_TOPIC: tenantEvents.topicArn, STRIPE_SECRET_KEY: 'sk_live_51MzQv2HkTenantHubR8x0pLq3Vb7Wd2Yc9Nf4Gt6Jm1Ks5Ue8Xa0Zb' } });
  tenantData.grantReadWriteData(apiFn); directory.grantReadData(apiFn); tenantEvents.grantPublish(apiFn);
  const uploadUrlFn = new lambda.Function(vaultTenantHub, 'UploadUrlFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { BUCKET: uploads.bucketName, URL_TTL_SECONDS: '300' } });
  uploads.grantPut(uploadUrlFn);
  const mailerFn = new lambda.Function(vaultTenantHub, 'InviteMailerFn', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromInline('def handler(e, c):\n    return None\n'), logRetention: logs.RetentionDays.ONE_MONTH, environment: { FROM_ADDRESS: 'no-reply@tenanthub.example.com' } });
  mailerFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail', 'ses:SendRawEmail', 'ses:SendTemplatedEmail'], resources: ['*'] }));
  mailerFn.addEventSource(new eventsources.SqsEventSource(onboardingQueue, { batchSize: 5 }));
  new ses.EmailIdentity(vaultTenantHub, 'MailDomain', { identity: ses.Identity.domain('tenanthub.example.com'), mailFromDomain: 'mail.tenanthub.example.com' });
  new ses.ConfigurationSet(vaultTenantHub, 'MailConfig', { reputationMetrics: true, tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE });
  const api = new apigwv2.HttpApi(vaultTenantHub, 'TenantApi', {
    corsPreflight: { allowOrigins: ['https://app.tenanthub.example.com'], allowMethods: [apigwv2.CorsHttpMethod.ANY], allowHeaders: ['authorization', 'content-type'] },
    createDefaultStage: false,
  });
  const jwt = new HttpJwtAuthorizer('TenantJwt', `https://cognito-idp.eu-west-1.amazonaws.com/${pool.userPoolId}`, { jwtAudience: [portalClient.userPoolClientId] });
  api.addRoutes({ path: '/tenants/{tenantId}/items', methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST], integration: new HttpLambdaIntegration('ItemsInt', apiFn), authorizer: jwt });
  api.addRoutes({ path: '/uploads', methods: [apigwv2.HttpMethod.POST], integration: new HttpLambdaIntegration('UploadInt', uploadUrlFn), authorizer: jwt });
  const prodStage = new apigwv2.HttpStage(vaultTenantHub, 'ProdStage', { httpApi: api, stageName: 'prod', autoDeploy: true, throttle: { rateLimit: 200, burstLimit: 400 } });
  const cfnStage = prodStage.node.defaultChild;
  cfnStage.accessLogSettings = { destinationArn: requestLogs.logGroupArn, format: '$context.requestId $context.identity.sourceIp $context.routeKey $context.status $context.authorizer.claims.custom:tenantId' };
  new apigwv2.HttpStage(vaultTenantHub, 'SandboxStage', { httpApi: api, stageName: 'sandbox', autoDeploy: true });
  const provisionFn = new lambda.Function(vaultTenantHub, 'ProvisionTenantFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code });
  directory.grantWriteData(provisionFn);
  const onboarding = new sfn.StateMachine(vaultTenantHub, 'TenantOnboarding', {
    definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(vaultTenantHub, 'CreateTenant', { lambdaFunction: provisionFn, outputPath: '$.Payload' })
      .next(new tasks.SnsPublish(vaultTenantHub, 'AnnounceTenant', { topic: tenantEvents, message: sfn.TaskInput.fromJsonPathAt('$') }))),
    timeout: Duration.minutes(10),
  });
  new events.Rule(vaultTenantHub, 'NightlyMetering', { schedule: events.Schedule.cron({ hour: '2', minute: '15' }), targets: [new targets.LambdaFunction(provisionFn, { event: events.RuleTargetInput.fromObject({ job: 'metering' }) })] });
  const cacheSg = new ec2.SecurityGroup(vaultTenantHub, 'CacheSg', { vpc, description: 'tenant caches', allowAllOutbound: false });
  cacheSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(6379), 'redis from vpc');
  cacheSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(11211), 'memcached from vpc');
  const cacheSubnets = new elasticache.CfnSubnetGroup(vaultTenantHub, 'CacheSubnets', { description: 'private subnets', subnetIds: vpc.privateSubnets.map((s) => s.subnetId) });
  new elasticache.CfnReplicationGroup(vaultTenantHub, 'RateLimitRedis', { replicationGroupDescription: 'per-tenant rate limits', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailoverEnabled: true, multiAzEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, authToken: SecretValue.secretsManager('tenanthub/redis-auth').unsafeUnwrap(), cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId] });
  new elasticache.CfnCacheCluster(vaultTenantHub, 'SessionMemcached', { engine: 'memcached', cacheNodeType: 'cache.t4g.micro', numCacheNodes: 2, azMode: 'cross-az', cacheSubnetGroupName: cacheSubnets.ref, vpcSecurityGroupIds: [cacheSg.securityGroupId] });
  const support = new iam.Role(vaultTenantHub, 'SupportAccessRole', { roleName: 'tenanthub-support', assumedBy: new iam.AccountPrincipal('444455556666') });
  directory.grantReadData(support);
  const partner = new iam.Role(vaultTenantHub, 'BillingPartnerRole', { assumedBy: new iam.AccountPrincipal('777788889999'), externalIds: ['tenanthub-billing-7f3a'] });
  tenantData.grantReadData(partner);
  new secretsmanager.Secret(vaultTenantHub, 'WebhookSigningKey', { description: 'signs outgoing tenant webhooks', generateSecretString: { passwordLength: 48, excludePunctuation: true } });
  new CfnOutput(vaultTenantHub, 'ApiUrl', { value: api.apiEndpoint });
  new CfnOutput(vaultTenantHub, 'StateMachineArn', { value: onboarding.stateMachineArn });
}

// A marketing site and newsroom with a headless CMS: the site bucket behind CloudFront (OAC, a CloudFront
// Function, a custom certificate) filled by BucketDeployment, a preview distribution on the default
// certificate, a public press-kit bucket, the CMS on Fargate behind a plain-HTTP ALB with RDS PostgreSQL
// and Redis, a comments user pool, a migration box, and a Backup plan.
const vaultPressroom = new Stack(app, 'VaultPressroom', { env });
{
  const vpc = new ec2.Vpc(vaultPressroom, 'PressVpc', { maxAzs: 2, natGateways: 1, subnetConfiguration: [
    { name: 'public', subnetType: ec2.SubnetType.PUBLIC }, { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  ] });
  const accessLogs = new s3.Bucket(vaultPressroom, 'PressAccessLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, lifecycleRules: [{ expiration: Duration.days(90) }] });
  const siteBucket = new s3.Bucket(vaultPressroom, 'SiteContent', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
  const rewrite = new cloudfront.Function(vaultPressroom, 'PrettyUrls', { code: cloudfront.FunctionCode.fromInline('function handler(event) { var r = event.request; if (r.uri.endsWith("/")) { r.uri += "index.html"; } return r; }'), runtime: cloudfront.FunctionRuntime.JS_2_0 });
  const cert = acm.Certificate.fromCertificateArn(vaultPressroom, 'SiteCert', 'arn:aws:acm:us-east-1:111122223333:certificate/4b8e1c2d-9f3a-4e6b-8d7c-2a1b0c9d8e7f');
  const siteCdn = new cloudfront.Distribution(vaultPressroom, 'SiteCdn', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(siteBucket), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS, functionAssociations: [{ function: rewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }] },
    domainNames: ['www.pressroom.example.com'], certificate: cert, defaultRootObject: 'index.html', priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
  });
  new s3deploy.BucketDeployment(vaultPressroom, 'DeploySite', { sources: [s3deploy.Source.data('index.html', '<html><body>Pressroom</body></html>')], destinationBucket: siteBucket, distribution: siteCdn, distributionPaths: ['/*'] });
  const previewBucket = new s3.Bucket(vaultPressroom, 'PreviewBuilds', { enforceSSL: true, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'preview/', lifecycleRules: [{ expiration: Duration.days(14) }] });
  new cloudfront.Distribution(vaultPressroom, 'PreviewCdn', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(previewBucket), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.ALLOW_ALL },
    enableLogging: true, logBucket: accessLogs, logFilePrefix: 'cdn-preview/', comment: 'editor previews',
  });
  const pressKit = new s3.Bucket(vaultPressroom, 'PressKitDownloads', { publicReadAccess: true, blockPublicAccess: new s3.BlockPublicAccess({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false }), enforceSSL: true, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'presskit/' });
  const media = new s3.Bucket(vaultPressroom, 'CmsMedia', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, versioned: true, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'media/', blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  const dbSg = new ec2.SecurityGroup(vaultPressroom, 'CmsDbSg', { vpc, description: 'cms database' });
  const db = new rds.DatabaseInstance(vaultPressroom, 'CmsDatabase', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_15_7 }),
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM), vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    credentials: rds.Credentials.fromGeneratedSecret('strapi'), databaseName: 'cms', storageEncrypted: true, allocatedStorage: 50, securityGroups: [dbSg],
    removalPolicy: RemovalPolicy.SNAPSHOT, deletionProtection: false,
  });
  const cluster = new ecs.Cluster(vaultPressroom, 'CmsCluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
  const cms = new ecsPatterns.ApplicationLoadBalancedFargateService(vaultPressroom, 'CmsService', {
    cluster, cpu: 1024, memoryLimitMiB: 2048, desiredCount: 2, publicLoadBalancer: true,
    taskImageOptions: {
      image: ecs.ContainerImage.fromRegistry('example/pressroom-cms:4.25'), containerPort: 1337,
      environment: { DATABASE_CLIENT: 'postgres', DATABASE_HOST: db.dbInstanceEndpointAddress, DATABASE_NAME: 'cms', DATABASE_SSL: 'false', MEDIA_BUCKET: media.bucketName, ADMIN_JWT_SECRET: 'Zx4u9QmT2vLr8NcK5wHy7PbJ3sDf6GaE', NODE_ENV: 'production' },
      secrets: { DATABASE_USERNAME: ecs.Secret.fromSecretsManager(db.secret, 'username'), DATABASE_PASSWORD: ecs.Secret.fromSecretsManager(db.secret, 'password') },
    },
  });
  db.connections.allowDefaultPortFrom(cms.service);
  media.grantReadWrite(cms.taskDefinition.taskRole);
  const redisSg = new ec2.SecurityGroup(vaultPressroom, 'CmsCacheSg', { vpc, description: 'cms cache' });
  redisSg.connections.allowFrom(cms.service, ec2.Port.tcp(6379));
  const redisSubnets = new elasticache.CfnSubnetGroup(vaultPressroom, 'CmsCacheSubnets', { description: 'isolated', subnetIds: vpc.isolatedSubnets.map((s) => s.subnetId) });
  new elasticache.CfnReplicationGroup(vaultPressroom, 'CmsCache', { replicationGroupDescription: 'cms page cache', engine: 'redis', cacheNodeType: 'cache.t4g.small', numCacheClusters: 1, cacheSubnetGroupName: redisSubnets.ref, securityGroupIds: [redisSg.securityGroupId] });
  const comments = new cognito.UserPool(vaultPressroom, 'CommentUsers', { selfSignUpEnabled: true, signInAliases: { email: true }, autoVerify: { email: true } });
  comments.addClient('CommentsWidget');
  const runnerSg = new ec2.SecurityGroup(vaultPressroom, 'MigrationRunnerSg', { vpc, description: 'schema migration box' });
  runnerSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh for migrations');
  const runner = new ec2.Instance(vaultPressroom, 'MigrationRunner', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.SMALL), machineImage: ec2.MachineImage.latestAmazonLinux2023(), securityGroup: runnerSg, keyPair: ec2.KeyPair.fromKeyPairName(vaultPressroom, 'OpsKey', 'pressroom-ops') });
  db.connections.allowDefaultPortFrom(runner);
  db.secret.grantRead(runner);
  new ssm.StringParameter(vaultPressroom, 'RevalidateToken', { parameterName: '/pressroom/revalidate-token', stringValue: 'rvt_9Hq2Lm7Xc4Vb8Nz1Kp6Wd3Fs5Gt0Jy' });
  new ssm.StringParameter(vaultPressroom, 'CdnDomain', { parameterName: '/pressroom/cdn-domain', stringValue: siteCdn.distributionDomainName });
  new logs.LogGroup(vaultPressroom, 'CmsRequestLogs', { logGroupName: '/pressroom/cms-request-logs', retention: logs.RetentionDays.TWO_WEEKS, removalPolicy: RemovalPolicy.DESTROY });
  const plan = backup.BackupPlan.dailyWeeklyMonthly5YearRetention(vaultPressroom, 'CmsBackups');
  plan.addSelection('CmsDb', { resources: [backup.BackupResource.fromRdsDatabaseInstance(db)] });
  new CfnOutput(vaultPressroom, 'SiteUrl', { value: `https://${siteCdn.distributionDomainName}` });
}

// An IoT telemetry platform: IoT Core policies and topic rules into Kinesis and Firehose, a Timestream
// store, Lambda stream consumers, an OpenSearch domain for search in the VPC, a device registry, a
// serverless Valkey cache of the latest readings, a Fargate load generator, SNS alarms, an operators
// user pool, and an alert forwarder to a US event bus.
const vaultTelemetry = new Stack(app, 'VaultTelemetry', { env });
{
  const vpc = new ec2.Vpc(vaultTelemetry, 'TelemetryVpc', { maxAzs: 2, natGateways: 1 });
  const streamKey = new kms.Key(vaultTelemetry, 'TelemetryKey', { description: 'telemetry streams and archive' });
  const readings = new kinesis.Stream(vaultTelemetry, 'DeviceReadings', { shardCount: 2, retentionPeriod: Duration.hours(48) });
  const gatewayLog = new kinesis.CfnStream(vaultTelemetry, 'GatewayRequestLogStream', { name: 'gateway-request-log-stream', shardCount: 1, retentionPeriodHours: 8760 });
  const archive = new s3.Bucket(vaultTelemetry, 'TelemetryArchive', { encryption: s3.BucketEncryption.KMS, encryptionKey: streamKey, enforceSSL: true, lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(30) }] }] });
  const firehoseRole = new iam.Role(vaultTelemetry, 'FirehoseRole', { assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com') });
  archive.grantReadWrite(firehoseRole); streamKey.grantEncryptDecrypt(firehoseRole);
  const rawHose = new firehose.CfnDeliveryStream(vaultTelemetry, 'RawTelemetryHose', { deliveryStreamType: 'DirectPut', extendedS3DestinationConfiguration: { bucketArn: archive.bucketArn, roleArn: firehoseRole.roleArn, prefix: 'raw/', bufferingHints: { intervalInSeconds: 300, sizeInMBs: 64 }, compressionFormat: 'GZIP' } });
  const diagHose = new firehose.CfnDeliveryStream(vaultTelemetry, 'DiagnosticsHose', { deliveryStreamType: 'DirectPut', deliveryStreamEncryptionConfigurationInput: { keyType: 'AWS_OWNED_CMK' }, s3DestinationConfiguration: { bucketArn: archive.bucketArn, roleArn: firehoseRole.roleArn, prefix: 'diagnostics/' } });
  const tsDb = new timestream.CfnDatabase(vaultTelemetry, 'MetricsDb', { databaseName: 'fleet_metrics' });
  const tsTable = new timestream.CfnTable(vaultTelemetry, 'MetricsTable', { databaseName: 'fleet_metrics', tableName: 'readings', retentionProperties: { MemoryStoreRetentionPeriodInHours: '24', MagneticStoreRetentionPeriodInDays: '730' } });
  tsTable.addDependency(tsDb);
  const ruleRole = new iam.Role(vaultTelemetry, 'IotRuleRole', { assumedBy: new iam.ServicePrincipal('iot.amazonaws.com') });
  readings.grantWrite(ruleRole);
  ruleRole.addToPolicy(new iam.PolicyStatement({ actions: ['firehose:PutRecord', 'firehose:PutRecordBatch'], resources: [rawHose.attrArn, diagHose.attrArn] }));
  ruleRole.addToPolicy(new iam.PolicyStatement({ actions: ['timestream:WriteRecords'], resources: [tsTable.attrArn] }));
  ruleRole.addToPolicy(new iam.PolicyStatement({ actions: ['timestream:DescribeEndpoints'], resources: ['*'] }));
  new iot.CfnTopicRule(vaultTelemetry, 'ReadingsRule', { topicRulePayload: { sql: "SELECT *, topic(2) AS deviceId, timestamp() AS ts FROM 'fleet/+/readings'", awsIotSqlVersion: '2016-03-23', ruleDisabled: false, actions: [
    { kinesis: { streamName: readings.streamName, partitionKey: '${topic(2)}', roleArn: ruleRole.roleArn } },
    { firehose: { deliveryStreamName: rawHose.ref, roleArn: ruleRole.roleArn, separator: '\n' } },
    { timestream: { databaseName: 'fleet_metrics', tableName: 'readings', roleArn: ruleRole.roleArn, dimensions: [{ name: 'deviceId', value: '${topic(2)}' }] } },
  ], errorAction: { firehose: { deliveryStreamName: diagHose.ref, roleArn: ruleRole.roleArn } } } });
  new iot.CfnPolicy(vaultTelemetry, 'DevicePolicy', { policyName: 'fleet-device', policyDocument: { Version: '2012-10-17', Statement: [
    { Effect: 'Allow', Action: 'iot:Connect', Resource: `arn:aws:iot:eu-west-1:111122223333:client/\${iot:Connection.Thing.ThingName}` },
    { Effect: 'Allow', Action: ['iot:Publish'], Resource: `arn:aws:iot:eu-west-1:111122223333:topic/fleet/\${iot:Connection.Thing.ThingName}/*` },
    { Effect: 'Allow', Action: ['iot:Subscribe'], Resource: `arn:aws:iot:eu-west-1:111122223333:topicfilter/fleet/\${iot:Connection.Thing.ThingName}/cmd` },
  ] } });
  new iot.CfnPolicy(vaultTelemetry, 'FactoryProvisioningPolicy', { policyName: 'factory-bench', policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] } });
  const registry = new dynamodb.Table(vaultTelemetry, 'DeviceRegistry', { partitionKey: { name: 'deviceId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, encryption: dynamodb.TableEncryption.AWS_MANAGED });
  const shadows = new dynamodb.Table(vaultTelemetry, 'ShadowSnapshots', { partitionKey: { name: 'deviceId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'ts', type: dynamodb.AttributeType.NUMBER }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, timeToLiveAttribute: 'expires' });
  const alarms = new sns.Topic(vaultTelemetry, 'FleetAlarms', { masterKey: kms.Alias.fromAliasName(vaultTelemetry, 'SnsKey', 'alias/aws/sns') });
  alarms.addSubscription(new subs.EmailSubscription('fleet-oncall@example.com'));
  const consumerDlq = new sqs.Queue(vaultTelemetry, 'ConsumerDlq', { encryption: sqs.QueueEncryption.KMS_MANAGED });
  const lambdaSg = new ec2.SecurityGroup(vaultTelemetry, 'ConsumerSg', { vpc, description: 'stream consumers' });
  const consumer = new lambda.Function(vaultTelemetry, 'ReadingsConsumer', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, vpc, securityGroups: [lambdaSg], timeout: Duration.seconds(60), environment: { REGISTRY: registry.tableName, SHADOWS: shadows.tableName, BROKER_URL: 'mqtts://broker.fleet.example.com:8883', MQTT_PASSWORD: 'fleetBridge!2024#relay' } });
  consumer.addEventSource(new eventsources.KinesisEventSource(readings, { startingPosition: lambda.StartingPosition.LATEST, batchSize: 200, onFailure: new eventsources.SqsDlq(consumerDlq), retryAttempts: 3 }));
  registry.grantReadData(consumer); shadows.grantWriteData(consumer);
  new cloudwatch.Alarm(vaultTelemetry, 'ConsumerLagAlarm', { metric: consumer.metric('IteratorAge', { statistic: 'Maximum' }), threshold: 60000, evaluationPeriods: 3 }).addAlarmAction(new cwactions.SnsAction(alarms));
  const searchSg = new ec2.SecurityGroup(vaultTelemetry, 'SearchSg', { vpc, description: 'opensearch' });
  searchSg.addIngressRule(lambdaSg, ec2.Port.tcp(443));
  const search = new opensearch.Domain(vaultTelemetry, 'FleetSearch', {
    version: opensearch.EngineVersion.OPENSEARCH_2_13, vpc, vpcSubnets: [{ subnets: [vpc.privateSubnets[0]] }], securityGroups: [searchSg],
    capacity: { dataNodes: 1, dataNodeInstanceType: 'r6g.large.search', multiAzWithStandbyEnabled: false }, ebs: { volumeSize: 100 },
    encryptionAtRest: { enabled: true }, nodeToNodeEncryption: true, enforceHttps: true, removalPolicy: RemovalPolicy.DESTROY,
  });
  search.grantReadWrite(consumer);
  const cacheSg = new ec2.SecurityGroup(vaultTelemetry, 'LatestCacheSg', { vpc, description: 'latest readings cache' });
  cacheSg.addIngressRule(lambdaSg, ec2.Port.tcp(6379));
  new elasticache.CfnServerlessCache(vaultTelemetry, 'LatestReadings', { serverlessCacheName: 'latest-readings', engine: 'valkey', majorEngineVersion: '8', subnetIds: vpc.privateSubnets.map((s) => s.subnetId), securityGroupIds: [cacheSg.securityGroupId], snapshotRetentionLimit: 3, dailySnapshotTime: '03:00' });
  const cluster = new ecs.Cluster(vaultTelemetry, 'SimCluster', { vpc });
  const simTask = new ecs.FargateTaskDefinition(vaultTelemetry, 'SimulatorTask', { cpu: 512, memoryLimitMiB: 1024 });
  simTask.addContainer('simulator', { image: ecs.ContainerImage.fromRegistry('example/fleet-simulator:1.8'), logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'sim', logRetention: logs.RetentionDays.ONE_WEEK }), environment: { TOPIC_PREFIX: 'fleet', DEVICES: '500' } });
  new ecs.FargateService(vaultTelemetry, 'SimulatorService', { cluster, taskDefinition: simTask, desiredCount: 1, assignPublicIp: true, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } });
  const operators = new cognito.UserPool(vaultTelemetry, 'OperatorPool', { selfSignUpEnabled: false, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { sms: false, otp: true }, advancedSecurityMode: cognito.AdvancedSecurityMode.ENFORCED, signInAliases: { username: true, email: true } });
  operators.addClient('ConsoleClient', { authFlows: { userSrp: true } });
  const usBus = events.EventBus.fromEventBusArn(vaultTelemetry, 'UsOpsBus', 'arn:aws:events:us-east-1:111122223333:event-bus/fleet-ops');
  new events.Rule(vaultTelemetry, 'ForwardCriticalAlerts', { eventPattern: { source: ['fleet.alerts'], detailType: ['DeviceCritical'] }, targets: [new targets.EventBus(usBus)] });
  const plan = new backup.BackupPlan(vaultTelemetry, 'RegistryBackup', { backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'Daily', scheduleExpression: events.Schedule.cron({ hour: '1', minute: '30' }), deleteAfter: Duration.days(35), copyActions: [{ destinationBackupVault: backup.BackupVault.fromBackupVaultArn(vaultTelemetry, 'FrankfurtVault', 'arn:aws:backup:eu-central-1:111122223333:backup-vault:fleet-dr'), deleteAfter: Duration.days(35) }] })] });
  plan.addSelection('Registry', { resources: [backup.BackupResource.fromDynamoDbTable(registry)] });
  const fieldEngineer = new iam.Role(vaultTelemetry, 'FieldEngineerRole', { assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }) });
  fieldEngineer.addToPolicy(new iam.PolicyStatement({ actions: ['iot:Publish'], resources: ['arn:aws:iot:eu-west-1:111122223333:topic/fleet/*/cmd'] }));
  new logs.LogGroup(vaultTelemetry, 'IngestRequestLogs', { logGroupName: '/fleet/ingest-request-logs', retention: logs.RetentionDays.ONE_MONTH });
  const sessionSubnets = new elasticache.CfnSubnetGroup(vaultTelemetry, 'SessionCacheSubnets', { description: 'private', subnetIds: vpc.privateSubnets.map((s) => s.subnetId) });
  new elasticache.CfnReplicationGroup(vaultTelemetry, 'DeviceSessionCache', { replicationGroupDescription: 'mqtt session state', engine: 'valkey', engineVersion: '8.0', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailoverEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, cacheSubnetGroupName: sessionSubnets.ref, securityGroupIds: [cacheSg.securityGroupId] });
}

// A CI/build platform: CodePipeline with CodeBuild stages, CodeArtifact, ECR repositories replicated to
// another region, EC2 build agents in an Auto Scaling group (launch configuration), a Jenkins
// controller, Secrets Manager, a docs website bucket, report buckets, a CI bot user and a release user.
const vaultBuildFarm = new Stack(app, 'VaultBuildFarm', { env });
{
  const flowLogGroup = new logs.LogGroup(vaultBuildFarm, 'FlowLogGroup', { retention: logs.RetentionDays.THREE_MONTHS });
  const vpc = new ec2.Vpc(vaultBuildFarm, 'BuildVpc', { maxAzs: 2, natGateways: 2, flowLogs: { All: { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogGroup), trafficType: ec2.FlowLogTrafficType.ALL } } });
  const domain = new codeartifact.CfnDomain(vaultBuildFarm, 'PackagesDomain', { domainName: 'buildfarm' });
  const npmStore = new codeartifact.CfnRepository(vaultBuildFarm, 'NpmStore', { domainName: domain.attrName, repositoryName: 'npm-store', externalConnections: ['public:npmjs'] });
  const internal = new codeartifact.CfnRepository(vaultBuildFarm, 'InternalPackages', { domainName: domain.attrName, repositoryName: 'internal', upstreams: [npmStore.attrName] });
  internal.addDependency(npmStore);
  const appRepo = new ecr.Repository(vaultBuildFarm, 'AppImages', { imageScanOnPush: true, imageTagMutability: ecr.TagMutability.IMMUTABLE, lifecycleRules: [{ maxImageCount: 50 }] });
  const baseRepo = new ecr.Repository(vaultBuildFarm, 'BaseImages', { emptyOnDelete: true, removalPolicy: RemovalPolicy.DESTROY });
  baseRepo.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'] }));
  new ecr.CfnReplicationConfiguration(vaultBuildFarm, 'ImageReplication', { replicationConfiguration: { rules: [{ destinations: [{ region: 'us-west-2', registryId: '111122223333' }] }] } });
  const dockerHub = new secretsmanager.Secret(vaultBuildFarm, 'DockerHubToken', { description: 'pull token for docker hub', generateSecretString: { passwordLength: 36 } });
  new secretsmanager.Secret(vaultBuildFarm, 'GithubAppKey', { description: 'GitHub App private key for status checks', secretStringValue: SecretValue.unsafePlainText('-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAv9bF3kq7Tz2XyP1cLm8Nw4RrHs6Gd0Ue5Jt9Ka2Vb3Qp7Yx\n-----END RSA PRIVATE KEY-----') });
  const reports = new s3.Bucket(vaultBuildFarm, 'TestReports', { enforceSSL: true, lifecycleRules: [{ expiration: Duration.days(180) }] });
  Tags.of(reports).add('DataSet', 'exported-reports');
  const coverage = new s3.Bucket(vaultBuildFarm, 'CoverageExports', { enforceSSL: true, lifecycleRules: [{ expiration: Duration.days(60) }], serverAccessLogsPrefix: 'self/' });
  Tags.of(coverage).add('DataSet', 'exported-reports');
  const docsSite = new s3.Bucket(vaultBuildFarm, 'BuildDocsSite', { websiteIndexDocument: 'index.html', websiteErrorDocument: '404.html', publicReadAccess: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS });
  const cache = new s3.Bucket(vaultBuildFarm, 'BuildCache', { enforceSSL: true, lifecycleRules: [{ expiration: Duration.days(7) }], blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  const buildProject = new codebuild.PipelineProject(vaultBuildFarm, 'BuildAndTest', {
    environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0, computeType: codebuild.ComputeType.MEDIUM, privileged: true },
    environmentVariables: {
      REPO_URI: { value: appRepo.repositoryUri },
      DOCKERHUB_USER: { value: 'buildfarmbot' },
      DOCKERHUB_TOKEN: { value: 'dckr_pat_7Rk2Vx9LmQ4Wn8Zt1Yb6Hc3Jd5Fs0Ga' },
      CODEARTIFACT_DOMAIN: { value: 'buildfarm' },
    },
    cache: codebuild.Cache.bucket(cache, { prefix: 'npm' }),
    buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', phases: { build: { commands: ['npm ci', 'npm test', 'docker build -t $REPO_URI:$CODEBUILD_RESOLVED_SOURCE_VERSION .'] } }, reports: { junit: { files: ['reports/*.xml'] } } }),
  });
  appRepo.grantPullPush(buildProject);
  buildProject.addToRolePolicy(new iam.PolicyStatement({ actions: ['codeartifact:GetAuthorizationToken', 'codeartifact:ReadFromRepository', 'codeartifact:GetRepositoryEndpoint'], resources: [`arn:aws:codeartifact:eu-west-1:111122223333:domain/buildfarm`, `arn:aws:codeartifact:eu-west-1:111122223333:repository/buildfarm/*`] }));
  buildProject.addToRolePolicy(new iam.PolicyStatement({ actions: ['sts:GetServiceBearerToken'], resources: ['*'], conditions: { StringEquals: { 'sts:AWSServiceName': 'codeartifact.amazonaws.com' } } }));
  const publishProject = new codebuild.PipelineProject(vaultBuildFarm, 'PublishReports', {
    environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0 },
    environmentVariables: { DOCKERHUB_TOKEN: { type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER, value: dockerHub.secretArn }, REPORTS_BUCKET: { value: reports.bucketName } },
    buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', phases: { build: { commands: ['aws s3 sync reports/ s3://$REPORTS_BUCKET/'] } } }),
    logging: { cloudWatch: { logGroup: new logs.LogGroup(vaultBuildFarm, 'PublishLogs', { retention: logs.RetentionDays.ONE_MONTH }) } },
  });
  reports.grantWrite(publishProject);
  const deployRole = new iam.Role(vaultBuildFarm, 'DeployRole', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
  deployRole.addToPolicy(new iam.PolicyStatement({ actions: ['cloudformation:CreateStack', 'cloudformation:UpdateStack', 'cloudformation:DescribeStacks', 'cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'], resources: ['arn:aws:cloudformation:eu-west-1:111122223333:stack/app-*/*'] }));
  deployRole.addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
  const deployProject = new codebuild.PipelineProject(vaultBuildFarm, 'DeployApp', { role: deployRole, environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0 } });
  const source = new codepipeline.Artifact('Source');
  const built = new codepipeline.Artifact('Built');
  const pipeline = new codepipeline.Pipeline(vaultBuildFarm, 'ReleasePipeline', { pipelineType: codepipeline.PipelineType.V2, restartExecutionOnUpdate: true });
  pipeline.addStage({ stageName: 'Source', actions: [new cpactions.CodeStarConnectionsSourceAction({ actionName: 'GitHub', owner: 'example-org', repo: 'build-farm-app', branch: 'main', output: source, connectionArn: 'arn:aws:codeconnections:eu-west-1:111122223333:connection/5a6b7c8d-1e2f-4a3b-9c0d-112233445566' })] });
  pipeline.addStage({ stageName: 'Build', actions: [
    new cpactions.CodeBuildAction({ actionName: 'BuildAndTest', project: buildProject, input: source, outputs: [built] }),
    new cpactions.CodeBuildAction({ actionName: 'PublishReports', project: publishProject, input: source, runOrder: 2 }),
  ] });
  pipeline.addStage({ stageName: 'Deploy', actions: [new cpactions.ManualApprovalAction({ actionName: 'Approve' }), new cpactions.CodeBuildAction({ actionName: 'Deploy', project: deployProject, input: built, runOrder: 2 })] });
  const agentSg = new ec2.SecurityGroup(vaultBuildFarm, 'AgentSg', { vpc, description: 'build agents' });
  agentSg.addIngressRule(ec2.Peer.ipv4('10.0.0.0/8'), ec2.Port.tcp(22), 'ssh from corporate network');
  const agentRole = new iam.Role(vaultBuildFarm, 'AgentRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')] });
  const agentData = ec2.UserData.forLinux();
  agentData.addCommands('dnf install -y docker git java-17-amazon-corretto', 'systemctl enable --now docker', 'curl -sO https://ci.buildfarm.example.com/jnlpJars/agent.jar', 'java -jar agent.jar -url https://ci.buildfarm.example.com -secret 3f9a7c2e1b4d8f6a0c5e9b2d7a1f4c8e6b3d9a0f2c7e5b1d8a4f6c0e9b3d7a2f -name $(hostname) -workDir /var/lib/agent &');
  new autoscaling.AutoScalingGroup(vaultBuildFarm, 'BuildAgents', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.C6I, ec2.InstanceSize.XLARGE), machineImage: ec2.MachineImage.latestAmazonLinux2023(), minCapacity: 1, maxCapacity: 8, securityGroup: agentSg, role: agentRole, userData: agentData });
  const lockSubnets = new elasticache.CfnSubnetGroup(vaultBuildFarm, 'LockCacheSubnets', { description: 'private', subnetIds: vpc.privateSubnets.map((s) => s.subnetId) });
  new elasticache.CfnReplicationGroup(vaultBuildFarm, 'BuildLockCache', { replicationGroupDescription: 'build locks and queue', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.t4g.micro', numCacheClusters: 1, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, transitEncryptionMode: 'required', cacheSubnetGroupName: lockSubnets.ref, securityGroupIds: [agentSg.securityGroupId] });
  const jenkinsSg = new ec2.SecurityGroup(vaultBuildFarm, 'JenkinsSg', { vpc, description: 'jenkins controller' });
  jenkinsSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(8080), 'jenkins ui');
  jenkinsSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'admin ssh');
  jenkinsSg.addIngressRule(agentSg, ec2.Port.tcp(50000), 'agents');
  const jenkins = new ec2.Instance(vaultBuildFarm, 'JenkinsController', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.M6I, ec2.InstanceSize.LARGE), machineImage: ec2.MachineImage.latestAmazonLinux2023(), securityGroup: jenkinsSg, requireImdsv2: true, blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(100, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3 }) }], ssmSessionPermissions: true });
  dockerHub.grantRead(jenkins);
  const notifications = new sns.Topic(vaultBuildFarm, 'BuildNotifications');
  pipeline.notifyOnExecutionStateChange('PipelineEvents', notifications);
  const bot = new iam.User(vaultBuildFarm, 'CiBot', { userName: 'ci-bot' });
  bot.addToPolicy(new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }));
  appRepo.grantPullPush(bot);
  const botKey = new iam.AccessKey(vaultBuildFarm, 'CiBotKey', { user: bot });
  new secretsmanager.Secret(vaultBuildFarm, 'CiBotCredentials', { secretObjectValue: { accessKeyId: SecretValue.unsafePlainText(botKey.accessKeyId), secretAccessKey: botKey.secretAccessKey } });
  const releasers = new iam.Group(vaultBuildFarm, 'Releasers', { managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AWSCodePipeline_FullAccess')] });
  new iam.User(vaultBuildFarm, 'ReleaseManager', { userName: 'release-manager', password: SecretValue.unsafePlainText('Release-Day-2024!'), passwordResetRequired: true, groups: [releasers] });
  new CfnOutput(vaultBuildFarm, 'DocsUrl', { value: docsSite.bucketWebsiteUrl });
  new CfnOutput(vaultBuildFarm, 'JenkinsIp', { value: jenkins.instancePublicIp });
}

// Sonar held-out apps (session 10, sixth scout set): stacks named Sonar*, routed to templates/scout6cdk/, labelled in labels.scout6cdk.yaml
// (scout6cdk apps go here)
// Written after reading public CDK apps of these kinds (serverless e-commerce backends in the CDK-workshop /
// serverless-land shape, ECS microservice platforms with Cloud Map / Service Connect and injected secrets,
// data-lake / ML stacks with Glue, Athena, Firehose, OpenSearch and SageMaker); own names and values.
const servicediscovery = await import('aws-cdk-lib/aws-servicediscovery');

// SonarShop: a serverless e-commerce backend (HTTP API + Lambda + DynamoDB streams + EventBridge + SQS DLQs +
// Step Functions Express + Cognito + CloudFront for product images).
const sonarShop = new Stack(app, 'SonarShop', { env });
{
  const s = sonarShop;
  const shoppers = new cognito.UserPool(s, 'ShopperPool', {
    selfSignUpEnabled: true,
    signInAliases: { email: true },
    autoVerify: { email: true },
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const shopperClient = shoppers.addClient('StorefrontClient', { authFlows: { userSrp: true } });
  const merchants = new cognito.UserPool(s, 'MerchantPool', {
    selfSignUpEnabled: false,
    mfa: cognito.Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
    passwordPolicy: { minLength: 14 },
  });
  const merchantClient = merchants.addClient('MerchantPortalClient');

  const orders = new dynamodb.Table(s, 'OrdersTable', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  });
  const carts = new dynamodb.Table(s, 'CartsTable', {
    partitionKey: { name: 'cartId', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    timeToLiveAttribute: 'expiresAt',
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const catalog = new dynamodb.TableV2(s, 'CatalogTable', {
    partitionKey: { name: 'sku', type: dynamodb.AttributeType.STRING },
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    replicas: [{ region: 'us-east-1' }],
  });

  const bus = new events.EventBus(s, 'ShopBus', { eventBusName: 'sonar-shop' });
  bus.archive('ShopArchive', { eventPattern: { source: ['sonar.shop'] }, retention: Duration.days(14) });

  const notifyKey = new kms.Key(s, 'NotifyKey', { enableKeyRotation: true, alias: 'sonar-shop/notify' });
  const orderTopic = new sns.Topic(s, 'OrderNotifications', { masterKey: notifyKey });
  const marketingTopic = new sns.Topic(s, 'MarketingTopic', { displayName: 'Sonar deals' });
  marketingTopic.addSubscription(new subs.EmailSubscription('deals@example.com'));

  const checkoutFn = new lambda.Function(s, 'CheckoutFn', {
    runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, memorySize: 512, timeout: Duration.seconds(15),
    environment: {
      ORDERS_TABLE: orders.tableName,
      CARTS_TABLE: carts.tableName,
      STRIPE_SECRET_KEY: 'sk_live_51Sonar7xKq2Lr9PZtYw3uVbN0mHcDe4f',
      STRIPE_PUBLISHABLE_KEY: 'pk_live_51Sonar7xKq2Lr9PZpublic',
    },
  });
  orders.grantReadWriteData(checkoutFn);
  carts.grantReadWriteData(checkoutFn);
  bus.grantPutEventsTo(checkoutFn);
  const gatewaySecret = secretsmanager.Secret.fromSecretNameV2(s, 'PaymentGatewayCreds', 'sonar/shop/payment-gateway');
  gatewaySecret.grantRead(checkoutFn);

  const catalogFn = new lambda.Function(s, 'CatalogFn', {
    runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code,
    environment: { CATALOG_TABLE: catalog.tableName },
  });
  catalog.grantReadData(catalogFn);

  const streamDlq = new sqs.Queue(s, 'OrderStreamDlq', { retentionPeriod: Duration.days(14) });
  const orderStreamFn = new lambda.Function(s, 'OrderStreamFn', {
    runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code,
    environment: { BUS_NAME: bus.eventBusName, TOPIC_ARN: orderTopic.topicArn },
  });
  orderStreamFn.addEventSource(new eventsources.DynamoEventSource(orders, {
    startingPosition: lambda.StartingPosition.TRIM_HORIZON, batchSize: 25, retryAttempts: 3,
    onFailure: new eventsources.SqsDlq(streamDlq),
  }));
  bus.grantPutEventsTo(orderStreamFn);
  orderTopic.grantPublish(orderStreamFn);

  const inventoryFn = new lambda.Function(s, 'InventoryFn', {
    runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromInline('def handler(e, c):\n  return e'),
  });
  inventoryFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));

  // fulfilment: rule -> queue (with DLQ) -> worker
  const fulfilmentDlq = new sqs.Queue(s, 'FulfilmentDlq', { retentionPeriod: Duration.days(14) });
  const fulfilmentQueue = new sqs.Queue(s, 'FulfilmentQueue', {
    visibilityTimeout: Duration.seconds(90), deadLetterQueue: { queue: fulfilmentDlq, maxReceiveCount: 4 },
  });
  new events.Rule(s, 'OrderPlacedRule', {
    eventBus: bus, eventPattern: { source: ['sonar.shop'], detailType: ['OrderPlaced'] },
    targets: [new targets.SqsQueue(fulfilmentQueue)],
  });
  const fulfilmentFn = new lambda.Function(s, 'FulfilmentFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code });
  fulfilmentFn.addEventSource(new eventsources.SqsEventSource(fulfilmentQueue, { batchSize: 5 }));

  // a payment provider posts to this queue directly (sloppy: no encryption, open policy)
  const paymentEvents = new sqs.Queue(s, 'PaymentEventsQueue', { encryption: sqs.QueueEncryption.UNENCRYPTED });
  paymentEvents.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.AnyPrincipal()], actions: ['sqs:SendMessage'], resources: [paymentEvents.queueArn],
  }));

  // Express saga, logged; standard refund flow, not logged
  const sagaLogs = new logs.LogGroup(s, 'OrderSagaLogs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
  const reserve = new tasks.LambdaInvoke(s, 'ReserveStock', { lambdaFunction: inventoryFn, outputPath: '$.Payload' });
  const charge = new tasks.LambdaInvoke(s, 'ChargeCard', { lambdaFunction: checkoutFn, outputPath: '$.Payload' });
  const saga = new sfn.StateMachine(s, 'OrderSaga', {
    stateMachineType: sfn.StateMachineType.EXPRESS,
    definitionBody: sfn.DefinitionBody.fromChainable(reserve.next(charge).next(new sfn.Succeed(s, 'SagaDone'))),
    logs: { destination: sagaLogs, level: sfn.LogLevel.ALL, includeExecutionData: false },
    tracingEnabled: true,
  });
  new events.Rule(s, 'CheckoutStartedRule', {
    eventBus: bus, eventPattern: { source: ['sonar.shop'], detailType: ['CheckoutStarted'] },
    targets: [new targets.SfnStateMachine(saga)],
  });
  const refund = new sfn.StateMachine(s, 'RefundFlow', {
    definitionBody: sfn.DefinitionBody.fromChainable(
      new tasks.DynamoUpdateItem(s, 'MarkRefunded', {
        table: orders,
        key: { pk: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.orderId')), sk: tasks.DynamoAttributeValue.fromString('META') },
        updateExpression: 'SET #s = :r',
        expressionAttributeNames: { '#s': 'status' },
        expressionAttributeValues: { ':r': tasks.DynamoAttributeValue.fromString('REFUNDED') },
      }).next(new tasks.SnsPublish(s, 'NotifyRefund', { topic: orderTopic, message: sfn.TaskInput.fromJsonPathAt('$') })),
    ),
    timeout: Duration.minutes(10),
  });

  // analytics copy of every order event to the group's US bus
  const usBus = events.EventBus.fromEventBusArn(s, 'GroupAnalyticsBus', 'arn:aws:events:us-east-1:444455556666:event-bus/group-analytics');
  new events.Rule(s, 'AnalyticsForwardRule', {
    eventBus: bus, eventPattern: { source: ['sonar.shop'] }, targets: [new targets.EventBus(usBus)],
  });

  // HTTP API with the shopper pool as JWT authorizer; default stage without access logs
  const jwt = new HttpJwtAuthorizer('ShopperJwt', `https://cognito-idp.eu-west-1.amazonaws.com/${shoppers.userPoolId}`, {
    jwtAudience: [shopperClient.userPoolClientId],
  });
  const shopApi = new apigwv2.HttpApi(s, 'ShopApi', {
    corsPreflight: { allowOrigins: ['*'], allowMethods: [apigwv2.CorsHttpMethod.ANY], allowHeaders: ['authorization', 'content-type'] },
  });
  shopApi.addRoutes({ path: '/catalog', methods: [apigwv2.HttpMethod.GET], integration: new HttpLambdaIntegration('CatalogInt', catalogFn) });
  shopApi.addRoutes({ path: '/checkout', methods: [apigwv2.HttpMethod.POST], integration: new HttpLambdaIntegration('CheckoutInt', checkoutFn), authorizer: jwt });

  // merchant API: access log via an escape hatch on the default stage
  const adminLogs = new logs.LogGroup(s, 'MerchantApiRequestLogs', { logGroupName: '/sonar/shop/merchant-api-request-logs' });
  const merchantApi = new apigwv2.HttpApi(s, 'MerchantApi', {
    defaultAuthorizer: new HttpJwtAuthorizer('MerchantJwt', `https://cognito-idp.eu-west-1.amazonaws.com/${merchants.userPoolId}`, {
      jwtAudience: [merchantClient.userPoolClientId],
    }),
  });
  merchantApi.addRoutes({ path: '/orders', methods: [apigwv2.HttpMethod.GET], integration: new HttpLambdaIntegration('MerchantOrdersInt', checkoutFn) });
  const merchantStage = merchantApi.defaultStage.node.defaultChild;
  merchantStage.accessLogSettings = { destinationArn: adminLogs.logGroupArn, format: '$context.requestId $context.status $context.identity.sourceIp' };

  new logs.LogGroup(s, 'CheckoutRequestLogs', { logGroupName: '/sonar/shop/checkout-request-logs', retention: logs.RetentionDays.ONE_MONTH });
  new logs.LogGroup(s, 'StorefrontRequestLogs', { logGroupName: '/sonar/shop/storefront-request-logs', retention: logs.RetentionDays.THREE_MONTHS });

  // carrier webhook via a function URL, no auth
  const webhookFn = new lambda.Function(s, 'CarrierWebhookFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code });
  fulfilmentQueue.grantSendMessages(webhookFn);
  const webhookUrl = webhookFn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });

  // secrets: one generated, one pasted
  new secretsmanager.Secret(s, 'WebhookSigningSecret', { generateSecretString: { passwordLength: 48, excludePunctuation: true } });
  new secretsmanager.Secret(s, 'ShippingApiKey', { secretStringValue: SecretValue.unsafePlainText('shp_live_4f8a2c9e71d04b5b9a3e') });

  // product images on CloudFront (OAC); a second distribution for the storefront with a certificate and logs
  const images = new s3.Bucket(s, 'ProductImages', { cors: [{ allowedMethods: [s3.HttpMethods.PUT], allowedOrigins: ['*'], allowedHeaders: ['*'] }] });
  images.grantPut(checkoutFn);
  new cloudfront.Distribution(s, 'ImagesCdn', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(images) } });
  const cdnLogs = new s3.Bucket(s, 'CdnLogs', {
    objectOwnership: s3.ObjectOwnership.OBJECT_WRITER, enforceSSL: true,
    lifecycleRules: [{ expiration: Duration.days(90) }],
  });
  const storefront = new s3.Bucket(s, 'StorefrontAssets', {
    enforceSSL: true, encryption: s3.BucketEncryption.S3_MANAGED, serverAccessLogsBucket: cdnLogs, serverAccessLogsPrefix: 'storefront-s3/',
  });
  new cloudfront.Distribution(s, 'StorefrontCdn', {
    defaultBehavior: {
      origin: origins.S3BucketOrigin.withOriginAccessControl(storefront),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    },
    additionalBehaviors: {
      '/api/*': {
        origin: new origins.HttpOrigin(`${shopApi.apiId}.execute-api.eu-west-1.amazonaws.com`),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      },
    },
    domainNames: ['shop.sonar-retail.example'],
    certificate: acm.Certificate.fromCertificateArn(s, 'StorefrontCert', 'arn:aws:acm:us-east-1:111122223333:certificate/5d1e9a7c-0b62-4f1e-9c3a-7e2f6b8d4a10'),
    minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
    defaultRootObject: 'index.html',
    enableLogging: true, logBucket: cdnLogs, logFilePrefix: 'storefront/',
  });

  const legacyKey = new kms.Key(s, 'ReceiptsKey', { description: 'receipts PDFs' });
  const receipts = new s3.Bucket(s, 'ReceiptsBucket', {
    encryption: s3.BucketEncryption.KMS, encryptionKey: legacyKey, enforceSSL: true,
    serverAccessLogsBucket: cdnLogs, serverAccessLogsPrefix: 'receipts/',
  });
  receipts.grantReadWrite(checkoutFn);

  // seasonal promo microsite straight from S3 website hosting (no CloudFront)
  const promo = new s3.Bucket(s, 'PromoMicrosite', {
    websiteIndexDocument: 'index.html', websiteErrorDocument: '404.html', publicReadAccess: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS,
  });
  new CfnOutput(s, 'PromoUrl', { value: promo.bucketWebsiteUrl });
  new CfnOutput(s, 'ShopApiUrl', { value: shopApi.apiEndpoint });
  new CfnOutput(s, 'WebhookUrl', { value: webhookUrl.url });
  new CfnOutput(s, 'RefundFlowArn', { value: refund.stateMachineArn });
}

// SonarFleet: a container microservices platform (ECS on EC2 and Fargate, Cloud Map and Service Connect, ALB + NLB,
// ECR, EFS volumes, Secrets Manager secrets injected into tasks, autoscaling).
const sonarFleet = new Stack(app, 'SonarFleet', { env });
{
  const s = sonarFleet;
  const vpc = new ec2.Vpc(s, 'FleetVpc', { maxAzs: 2, natGateways: 1 });
  vpc.addFlowLog('FleetFlowLog', { trafficType: ec2.FlowLogTrafficType.REJECT });
  const cluster = new ecs.Cluster(s, 'FleetCluster', {
    vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED,
    defaultCloudMapNamespace: { name: 'fleet.internal', type: servicediscovery.NamespaceType.DNS_PRIVATE, useForServiceConnect: true },
  });
  const asg = new autoscaling.AutoScalingGroup(s, 'FleetAsg', {
    vpc, instanceType: new ec2.InstanceType('m6i.large'), machineImage: ecs.EcsOptimizedImage.amazonLinux2(),
    minCapacity: 1, maxCapacity: 4,
    blockDevices: [{ deviceName: '/dev/xvda', volume: autoscaling.BlockDeviceVolume.ebs(60, { volumeType: autoscaling.EbsDeviceVolumeType.GP3 }) }],
  });
  cluster.addAsgCapacityProvider(new ecs.AsgCapacityProvider(s, 'FleetCapacity', { autoScalingGroup: asg }));

  const dbCluster = new rds.DatabaseCluster(s, 'LedgerDb', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
    writer: rds.ClusterInstance.serverlessV2('Writer'),
    readers: [rds.ClusterInstance.serverlessV2('Reader', { scaleWithWriter: true })],
    vpc, defaultDatabaseName: 'ledger', serverlessV2MaxCapacity: 4,
  });

  const storefrontRepo = new ecr.Repository(s, 'StorefrontRepo', { imageScanOnPush: true, lifecycleRules: [{ maxImageCount: 20 }] });
  const baseImages = new ecr.Repository(s, 'BaseImagesRepo');
  baseImages.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.AnyPrincipal()], actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
  }));

  const apiKeySecret = secretsmanager.Secret.fromSecretNameV2(s, 'SearchApiKey', 'sonar/fleet/search-api-key');
  const stripeSecret = new secretsmanager.Secret(s, 'StripeWebhookSecret', { generateSecretString: { passwordLength: 40 } });
  const cert = acm.Certificate.fromCertificateArn(s, 'FleetCert', 'arn:aws:acm:eu-west-1:111122223333:certificate/0c3f2a61-8b4d-4e07-a1f5-93d27b6e5c48');

  const storefront = new ecsPatterns.ApplicationLoadBalancedFargateService(s, 'StorefrontSvc', {
    cluster, cpu: 512, memoryLimitMiB: 1024, desiredCount: 2, certificate: cert, redirectHTTP: true,
    protocol: elbv2.ApplicationProtocol.HTTPS,
    taskImageOptions: {
      image: ecs.ContainerImage.fromEcrRepository(storefrontRepo, 'v3.2.0'), containerPort: 3000,
      secrets: {
        DATABASE_SECRET: ecs.Secret.fromSecretsManager(dbCluster.secret),
        SEARCH_API_KEY: ecs.Secret.fromSecretsManager(apiKeySecret),
        STRIPE_WEBHOOK_SECRET: ecs.Secret.fromSecretsManager(stripeSecret),
      },
      environment: { NODE_ENV: 'production', LEDGER_URL: 'http://ledger.fleet.internal:8080' },
    },
  });
  storefront.targetGroup.configureHealthCheck({ path: '/healthz' });
  const scaling = storefront.service.autoScaleTaskCount({ minCapacity: 2, maxCapacity: 10 });
  scaling.scaleOnCpuUtilization('StorefrontCpu', { targetUtilizationPercent: 60 });
  dbCluster.connections.allowDefaultPortFrom(storefront.service);

  // ledger: gRPC on EC2 capacity behind a public NLB with a TLS listener, registered in Cloud Map
  const ledgerTask = new ecs.Ec2TaskDefinition(s, 'LedgerTask', { networkMode: ecs.NetworkMode.AWS_VPC });
  ledgerTask.addContainer('ledger', {
    image: ecs.ContainerImage.fromRegistry('ghcr.io/sonar-fleet/ledger:2.4.1'), memoryLimitMiB: 768,
    portMappings: [{ containerPort: 8080, name: 'grpc' }],
    secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(dbCluster.secret, 'password') },
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'ledger', logRetention: logs.RetentionDays.ONE_MONTH }),
  });
  const ledger = new ecs.Ec2Service(s, 'LedgerSvc', {
    cluster, taskDefinition: ledgerTask, desiredCount: 2,
    cloudMapOptions: { name: 'ledger', dnsRecordType: servicediscovery.DnsRecordType.A },
  });
  dbCluster.connections.allowDefaultPortFrom(ledger);
  const partnerNlb = new elbv2.NetworkLoadBalancer(s, 'PartnerNlb', { vpc, internetFacing: true });
  const tlsListener = partnerNlb.addListener('PartnerTls', {
    port: 443, protocol: elbv2.Protocol.TLS, certificates: [cert], sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
  });
  tlsListener.addTargets('LedgerTargets', { port: 8080, protocol: elbv2.Protocol.TCP, targets: [ledger] });
  ledger.connections.allowFrom(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(8080));

  // worker: Fargate with Service Connect and two EFS volumes (the scratch one unencrypted, mounted without TLS)
  const sharedFs = new efs.FileSystem(s, 'SharedAssetsFs', { vpc, enableAutomaticBackups: true, removalPolicy: RemovalPolicy.DESTROY });
  const scratchFs = new efs.FileSystem(s, 'ScratchFs', { vpc, encrypted: false, enableAutomaticBackups: true, removalPolicy: RemovalPolicy.DESTROY });
  const workerTask = new ecs.FargateTaskDefinition(s, 'WorkerTask', {
    cpu: 1024, memoryLimitMiB: 2048,
    volumes: [
      { name: 'assets', efsVolumeConfiguration: { fileSystemId: sharedFs.fileSystemId, transitEncryption: 'ENABLED', authorizationConfig: { iam: 'ENABLED' } } },
      { name: 'scratch', efsVolumeConfiguration: { fileSystemId: scratchFs.fileSystemId } },
    ],
  });
  const worker = workerTask.addContainer('worker', {
    image: ecs.ContainerImage.fromEcrRepository(storefrontRepo, 'worker-v3.2.0'),
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'worker' }),
    portMappings: [{ containerPort: 9000, name: 'jobs' }],
    secrets: { SEARCH_API_KEY: ecs.Secret.fromSecretsManager(apiKeySecret) },
  });
  worker.addMountPoints({ sourceVolume: 'assets', containerPath: '/mnt/assets', readOnly: false }, { sourceVolume: 'scratch', containerPath: '/mnt/scratch', readOnly: false });
  const workerSvc = new ecs.FargateService(s, 'WorkerSvc', {
    cluster, taskDefinition: workerTask, desiredCount: 1,
    serviceConnectConfiguration: { services: [{ portMappingName: 'jobs' }] },
  });
  sharedFs.connections.allowDefaultPortFrom(workerSvc);
  scratchFs.connections.allowDefaultPortFrom(workerSvc);
  sharedFs.grantReadWrite(workerTask.taskRole);

  // admin console: Django on Fargate with a public IP (no ALB), its secret key pasted into the environment
  const adminTask = new ecs.FargateTaskDefinition(s, 'AdminTask', { cpu: 256, memoryLimitMiB: 512 });
  adminTask.addContainer('admin', {
    image: ecs.ContainerImage.fromRegistry('ghcr.io/sonar-fleet/admin:1.9.0'),
    environment: { DJANGO_SECRET_KEY: '9f2c41d7a6e85b03c1f4e7a29d6b08c3e5f1a7b2', DJANGO_DEBUG: 'false', ALLOWED_HOSTS: '*' },
    secrets: { DATABASE_PASSWORD: ecs.Secret.fromSecretsManager(dbCluster.secret, 'password') },
    portMappings: [{ containerPort: 8000 }],
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'admin' }),
  });
  new ecs.FargateService(s, 'AdminConsoleSvc', {
    cluster, taskDefinition: adminTask, assignPublicIp: true, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
  });

  // internal dashboards: Grafana behind a public ALB on plain HTTP (the pattern's default protocol)
  const grafana = new ecsPatterns.ApplicationLoadBalancedFargateService(s, 'GrafanaSvc', {
    cluster, cpu: 256, memoryLimitMiB: 512,
    taskImageOptions: { image: ecs.ContainerImage.fromRegistry('grafana/grafana-oss:10.4.2'), containerPort: 3000,
      secrets: { GF_SECURITY_ADMIN_PASSWORD: ecs.Secret.fromSecretsManager(stripeSecret) } },
  });
  grafana.targetGroup.configureHealthCheck({ path: '/api/health' });

  // caches
  const cacheSg = new ec2.SecurityGroup(s, 'CacheSg', { vpc, description: 'redis from the fleet' });
  cacheSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(6379));
  const cacheSubnets = new elasticache.CfnSubnetGroup(s, 'CacheSubnets', { description: 'fleet caches', subnetIds: vpc.privateSubnets.map((n) => n.subnetId) });
  new elasticache.CfnReplicationGroup(s, 'SessionCache', {
    replicationGroupDescription: 'storefront sessions', engine: 'redis', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2,
    automaticFailoverEnabled: true, cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId],
  });
  new elasticache.CfnReplicationGroup(s, 'RateLimitCache', {
    replicationGroupDescription: 'rate limits', engine: 'valkey', cacheNodeType: 'cache.t4g.micro', numCacheClusters: 2,
    automaticFailoverEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true,
    cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId],
  });
  new elasticache.CfnServerlessCache(s, 'CatalogCache', {
    engine: 'valkey', serverlessCacheName: 'sonar-catalog', securityGroupIds: [cacheSg.securityGroupId],
    subnetIds: vpc.privateSubnets.map((n) => n.subnetId), dailySnapshotTime: '03:00', snapshotRetentionLimit: 3,
  });

  // access: SSM bastion, an ops jump box with SSH open, a deploy role for GitHub, an auditor role
  new ec2.BastionHostLinux(s, 'FleetBastion', { vpc });
  const jumpSg = new ec2.SecurityGroup(s, 'JumpBoxSg', { vpc, description: 'ops jump box' });
  jumpSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh for on-call');
  new ec2.Instance(s, 'OpsJumpBox', {
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, securityGroup: jumpSg,
    instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.latestAmazonLinux2023(), keyName: 'ops-oncall',
    blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(16, { encrypted: true }) }],
  });
  const github = new iam.OpenIdConnectProvider(s, 'GithubOidc', { url: 'https://token.actions.githubusercontent.com', clientIds: ['sts.amazonaws.com'] });
  new iam.Role(s, 'GithubDeployRole', {
    assumedBy: new iam.WebIdentityPrincipal(github.openIdConnectProviderArn, {
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:sonar-fleet/*' },
    }),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
  });
  new iam.Role(s, 'PlatformAuditorRole', {
    assumedBy: new iam.AccountPrincipal('777788889999'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')],
  });

  // backups: the shared file system weekly for 5 days (sloppy), the database left on its own 1-day default
  const plan = new backup.BackupPlan(s, 'FleetBackupPlan', {
    backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'Weekly', scheduleExpression: events.Schedule.cron({ weekDay: 'SUN', hour: '2', minute: '0' }), deleteAfter: Duration.days(5) })],
  });
  plan.addSelection('SharedFs', { resources: [backup.BackupResource.fromEfsFileSystem(sharedFs)] });

  new CfnOutput(s, 'StorefrontUrl', { value: storefront.loadBalancer.loadBalancerDnsName });
  new CfnOutput(s, 'PartnerEndpoint', { value: partnerNlb.loadBalancerDnsName });
}

// SonarLake: a data / ML platform (S3 zones, Glue catalog and Lake Formation, Athena, Kinesis + Firehose,
// an OpenSearch domain, SageMaker notebooks and a Studio domain, AWS Backup with a US copy).
const sonarLake = new Stack(app, 'SonarLake', { env });
{
  const s = sonarLake;
  const vpc = new ec2.Vpc(s, 'LakeVpc', {
    maxAzs: 2, natGateways: 1,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
      { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
    ],
  });
  vpc.addGatewayEndpoint('S3Endpoint', { service: ec2.GatewayVpcEndpointAwsService.S3 });
  const lakeKey = new kms.Key(s, 'LakeKey', { enableKeyRotation: true, alias: 'sonar/lake' });

  const accessLogs = new s3.Bucket(s, 'LakeAccessLogs', { enforceSSL: true, lifecycleRules: [{ expiration: Duration.days(365) }] });
  const raw = new s3.Bucket(s, 'RawZone', {
    encryption: s3.BucketEncryption.KMS, encryptionKey: lakeKey, bucketKeyEnabled: true, enforceSSL: true,
    serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'raw/', versioned: true,
  });
  const curated = new s3.Bucket(s, 'CuratedZone', { versioned: true });
  const athenaResults = new s3.Bucket(s, 'AthenaResults', {
    enforceSSL: true, encryption: s3.BucketEncryption.KMS, encryptionKey: lakeKey,
    lifecycleRules: [{ expiration: Duration.days(7) }],
  });
  const exportsBucket = new s3.Bucket(s, 'ReportExports', { lifecycleRules: [{ expiration: Duration.days(365) }] });
  Tags.of(exportsBucket).add('DataSet', 'exported-reports');
  const partnerExports = new s3.Bucket(s, 'PartnerReportExports', {
    enforceSSL: true, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'partner/',
    lifecycleRules: [{ expiration: Duration.days(60) }],
  });
  Tags.of(partnerExports).add('DataSet', 'exported-reports');
  const openData = new s3.Bucket(s, 'OpenDatasets', {
    publicReadAccess: true,
    blockPublicAccess: new s3.BlockPublicAccess({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false }),
  });
  const cfnCurated = curated.node.defaultChild;
  cfnCurated.addPropertyOverride('LifecycleConfiguration.Rules', [{ Id: 'tier', Status: 'Enabled', Transitions: [{ StorageClass: 'INTELLIGENT_TIERING', TransitionInDays: 30 }] }]);

  // Glue catalog, crawler, job; Lake Formation settings and a grant
  const glueDb = new glue.CfnDatabase(s, 'LakeDatabase', { catalogId: s.account, databaseInput: { name: 'sonar_lake', locationUri: curated.s3UrlForObject() } });
  const crawlerRole = new iam.Role(s, 'CrawlerRole', {
    assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSGlueServiceRole')],
  });
  raw.grantRead(crawlerRole);
  lakeKey.grantDecrypt(crawlerRole);
  new glue.CfnCrawler(s, 'RawCrawler', {
    role: crawlerRole.roleArn, databaseName: 'sonar_lake', schedule: { scheduleExpression: 'cron(15 2 * * ? *)' },
    targets: { s3Targets: [{ path: raw.s3UrlForObject('events/') }] },
  });
  const jobRole = new iam.Role(s, 'EtlJobRole', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com') });
  raw.grantRead(jobRole);
  curated.grantReadWrite(jobRole);
  lakeKey.grantDecrypt(jobRole);
  const scriptBucket = s3.Bucket.fromBucketName(s, 'ScriptsBucket', 'sonar-shared-glue-scripts');
  scriptBucket.grantRead(jobRole);
  new glue.CfnJob(s, 'CurateJob', {
    role: jobRole.roleArn, glueVersion: '4.0', workerType: 'G.1X', numberOfWorkers: 4,
    command: { name: 'glueetl', pythonVersion: '3', scriptLocation: 's3://sonar-shared-glue-scripts/curate.py' },
    defaultArguments: {
      '--job-bookmark-option': 'job-bookmark-enable',
      '--enable-continuous-cloudwatch-log': 'true',
      '--WAREHOUSE_JDBC_URL': 'jdbc:postgresql://warehouse.sonar.internal:5432/dw',
      '--WAREHOUSE_PASSWORD': 'Lake-Warehouse-2024!',
    },
  });
  new lakeformation.CfnDataLakeSettings(s, 'LakeSettings', { admins: [{ dataLakePrincipalIdentifier: `arn:aws:iam::${s.account}:role/sonar-data-admin` }] });
  new lakeformation.CfnPermissions(s, 'EtlDbGrant', {
    dataLakePrincipal: { dataLakePrincipalIdentifier: jobRole.roleArn },
    resource: { databaseResource: { catalogId: s.account, name: 'sonar_lake' } },
    permissions: ['CREATE_TABLE', 'ALTER', 'DESCRIBE'],
  }).addDependency(glueDb);

  new athena.CfnWorkGroup(s, 'AnalystsWorkGroup', {
    name: 'sonar-analysts', state: 'ENABLED',
    workGroupConfiguration: {
      enforceWorkGroupConfiguration: true, publishCloudWatchMetricsEnabled: true, bytesScannedCutoffPerQuery: 10737418240,
      resultConfiguration: { outputLocation: athenaResults.s3UrlForObject('results/'), encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: lakeKey.keyArn } },
    },
  });

  // streaming ingest: an L2 stream into Firehose, a Direct PUT clickstream Firehose, an L1 stream left unencrypted
  const events2 = new kinesis.Stream(s, 'AppEventsStream', { shardCount: 2, retentionPeriod: Duration.hours(48) });
  const firehoseRole = new iam.Role(s, 'FirehoseRole', { assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com') });
  raw.grantReadWrite(firehoseRole);
  lakeKey.grantEncryptDecrypt(firehoseRole);
  events2.grantRead(firehoseRole);
  new firehose.CfnDeliveryStream(s, 'AppEventsFirehose', {
    deliveryStreamType: 'KinesisStreamAsSource',
    kinesisStreamSourceConfiguration: { kinesisStreamArn: events2.streamArn, roleArn: firehoseRole.roleArn },
    extendedS3DestinationConfiguration: {
      bucketArn: raw.bucketArn, roleArn: firehoseRole.roleArn, prefix: 'events/', bufferingHints: { intervalInSeconds: 300, sizeInMBs: 64 },
      encryptionConfiguration: { kmsEncryptionConfig: { awskmsKeyArn: lakeKey.keyArn } },
    },
  });
  new firehose.CfnDeliveryStream(s, 'ClickstreamFirehose', {
    deliveryStreamType: 'DirectPut',
    extendedS3DestinationConfiguration: {
      bucketArn: curated.bucketArn, roleArn: firehoseRole.roleArn, prefix: 'clickstream/', compressionFormat: 'GZIP',
    },
  });
  curated.grantReadWrite(firehoseRole);
  new kinesis.CfnStream(s, 'IotTelemetryStream', { shardCount: 1, retentionPeriodHours: 24 });

  // search: an OpenSearch domain in the VPC with FGAC and logs; a scratch domain left open (L1)
  const searchSg = new ec2.SecurityGroup(s, 'SearchSg', { vpc });
  searchSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(443));
  new opensearch.Domain(s, 'CatalogSearch', {
    version: opensearch.EngineVersion.OPENSEARCH_2_13, vpc, vpcSubnets: [{ subnets: [vpc.privateSubnets[0]] }], securityGroups: [searchSg],
    capacity: { dataNodes: 1, dataNodeInstanceType: 'r6g.large.search', multiAzWithStandbyEnabled: false },
    ebs: { volumeSize: 50 },
    encryptionAtRest: { enabled: true, kmsKey: lakeKey }, nodeToNodeEncryption: true, enforceHttps: true,
    fineGrainedAccessControl: { masterUserName: 'search-admin' },
    logging: { auditLogEnabled: true, appLogEnabled: true, slowSearchLogEnabled: true },
    removalPolicy: RemovalPolicy.DESTROY,
  });
  new opensearch.CfnDomain(s, 'ScratchSearch', {
    engineVersion: 'OpenSearch_2.11',
    clusterConfig: { instanceType: 't3.small.search', instanceCount: 1 },
    ebsOptions: { ebsEnabled: true, volumeSize: 10, volumeType: 'gp3' },
    accessPolicies: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'es:ESHttp*', Resource: `arn:aws:es:eu-west-1:${s.account}:domain/scratch-search/*` }],
    },
    domainName: 'scratch-search',
  });

  // ML: a notebook on defaults (direct internet), a locked-down one in the VPC, a Studio domain on defaults
  const nbRole = new iam.Role(s, 'NotebookRole', {
    assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSageMakerFullAccess')],
  });
  curated.grantRead(nbRole);
  new sagemaker.CfnNotebookInstance(s, 'ExplorationNotebook', { instanceType: 'ml.t3.medium', roleArn: nbRole.roleArn, volumeSizeInGb: 20 });
  const nbSg = new ec2.SecurityGroup(s, 'NotebookSg', { vpc, allowAllOutbound: true });
  const modelRole = new iam.Role(s, 'ModelDevRole', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
  raw.grantRead(modelRole);
  lakeKey.grantDecrypt(modelRole);
  new sagemaker.CfnNotebookInstance(s, 'ModelDevNotebook', {
    instanceType: 'ml.t3.large', roleArn: modelRole.roleArn, directInternetAccess: 'Disabled', rootAccess: 'Disabled',
    subnetId: vpc.privateSubnets[0].subnetId, securityGroupIds: [nbSg.securityGroupId], kmsKeyId: lakeKey.keyId,
  });
  new sagemaker.CfnDomain(s, 'StudioDomain', {
    authMode: 'IAM', domainName: 'sonar-studio', vpcId: vpc.vpcId, subnetIds: vpc.privateSubnets.map((n) => n.subnetId),
    defaultUserSettings: { executionRole: modelRole.roleArn },
  });

  // online feature cache: encrypted Redis that keeps a week of snapshots
  const featureCacheSg = new ec2.SecurityGroup(s, 'FeatureCacheSg', { vpc, description: 'feature cache' });
  featureCacheSg.addIngressRule(nbSg, ec2.Port.tcp(6379));
  const featureCacheSubnets = new elasticache.CfnSubnetGroup(s, 'FeatureCacheSubnets', { description: 'feature cache', subnetIds: vpc.privateSubnets.map((n) => n.subnetId) });
  new elasticache.CfnReplicationGroup(s, 'OnlineFeatureCache', {
    replicationGroupDescription: 'online features', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.r7g.large', numCacheClusters: 2,
    automaticFailoverEnabled: true, multiAzEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true,
    snapshotRetentionLimit: 7, snapshotWindow: '02:00-03:00',
    cacheSubnetGroupName: featureCacheSubnets.ref, securityGroupIds: [featureCacheSg.securityGroupId],
  });

  // feature store tables: one in the backup plan, one on defaults
  const features = new dynamodb.Table(s, 'FeatureTable', { partitionKey: { name: 'entityId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
  new dynamodb.Table(s, 'ExperimentTable', { partitionKey: { name: 'runId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
  const plan = backup.BackupPlan.daily35DayRetention(s, 'LakeBackupPlan');
  plan.addRule(new backup.BackupPlanRule({
    ruleName: 'CopyToUs', scheduleExpression: events.Schedule.cron({ hour: '4', minute: '0' }), deleteAfter: Duration.days(35),
    copyActions: [{ destinationBackupVault: backup.BackupVault.fromBackupVaultArn(s, 'UsDrVault', 'arn:aws:backup:us-east-1:111122223333:backup-vault:sonar-dr'), deleteAfter: Duration.days(35) }],
  }));
  plan.addSelection('Features', { resources: [backup.BackupResource.fromDynamoDbTable(features)] });

  // orchestration: a nightly Step Functions run of the crawler and job, logged
  const etlLogs = new logs.LogGroup(s, 'EtlFlowLogs', { retention: logs.RetentionDays.THREE_MONTHS });
  const startCrawler = new tasks.CallAwsService(s, 'StartCrawler', {
    service: 'glue', action: 'startCrawler', parameters: { Name: 'sonar-raw' },
    iamResources: [`arn:aws:glue:eu-west-1:${s.account}:crawler/sonar-raw`],
  });
  const runJob = new tasks.GlueStartJobRun(s, 'RunCurate', { glueJobName: 'sonar-curate', integrationPattern: sfn.IntegrationPattern.RUN_JOB });
  const etlFlow = new sfn.StateMachine(s, 'NightlyEtl', {
    definitionBody: sfn.DefinitionBody.fromChainable(startCrawler.next(new sfn.Wait(s, 'LetCrawl', { time: sfn.WaitTime.duration(Duration.minutes(10)) })).next(runJob)),
    logs: { destination: etlLogs, level: sfn.LogLevel.ERROR },
  });
  new events.Rule(s, 'NightlyEtlSchedule', { schedule: events.Schedule.cron({ hour: '1', minute: '30' }), targets: [new targets.SfnStateMachine(etlFlow)] });

  // query API access logs: one group kept two weeks, the ingest one forever
  new logs.LogGroup(s, 'QueryRequestLogs', { logGroupName: '/sonar/lake/query-request-logs', retention: logs.RetentionDays.TWO_WEEKS });
  new logs.LogGroup(s, 'IngestRequestLogs', { logGroupName: '/sonar/lake/ingest-request-logs', retention: logs.RetentionDays.INFINITE });

  // a consultant's console user with a pasted first password, and a shared data-export function
  const analyst = new iam.User(s, 'ConsultantUser', { userName: 'lake-consultant', password: SecretValue.unsafePlainText('Welcome-Sonar-2024!'), passwordResetRequired: true });
  analyst.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonAthenaFullAccess'));
  const exportFn = new lambda.Function(s, 'ReportExportFn', {
    runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromInline('def handler(e, c):\n  return e'),
    environment: { EXPORT_BUCKET: exportsBucket.bucketName },
    timeout: Duration.minutes(5),
  });
  exportsBucket.grantPut(exportFn);
  partnerExports.grantPut(exportFn);
  exportFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['athena:StartQueryExecution', 'athena:GetQueryResults'], resources: [`arn:aws:athena:eu-west-1:${s.account}:workgroup/sonar-analysts`] }));
  exportFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:GetObject'], resources: ['*'] }));
  new events.Rule(s, 'WeeklyExport', { schedule: events.Schedule.rate(Duration.days(7)), targets: [new targets.LambdaFunction(exportFn)] });

  new CfnOutput(s, 'OpenDataUrl', { value: openData.bucketRegionalDomainName });
}

// Relay held-out apps (session 10, seventh scout set): stacks named Relay*, routed to templates/scout7cdk/, labelled in labels.scout7cdk.yaml
// (scout7cdk apps go here)
// Written after the shapes common in public CDK apps (the CDK-workshop "hit counter" grown into a product, a
// startup's VPC + Fargate + Aurora + CloudFront production stack, an internal data/ops app with Step Functions,
// Glue, Athena, Kinesis/Firehose, EventBridge, Backup, an EC2 box and a legacy IAM user); own names and values.
const relayAuthorizers = await import('aws-cdk-lib/aws-apigatewayv2-authorizers');

// RelayHits: the workshop app grown into a link-shortener product.
const relayHits = new Stack(app, 'RelayHits', { env });
{
  const s = relayHits;
  const links = new dynamodb.Table(s, 'LinksTable', { partitionKey: { name: 'slug', type: dynamodb.AttributeType.STRING }, removalPolicy: RemovalPolicy.DESTROY });
  const clicks = new dynamodb.Table(s, 'ClickCounts', { partitionKey: { name: 'path', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, removalPolicy: RemovalPolicy.DESTROY });
  const redirectFn = new lambda.Function(s, 'RedirectHandler', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { LINKS_TABLE: links.tableName, SENTRY_DSN: 'https://4f1c2d3e5a6b7c8d@o77123.ingest.sentry.io/4501', BITLY_TOKEN: 'a3f9c0d2e17b4c58b9e2f6a1d4c7e8b0f2a5c9d1' } });
  links.grantReadData(redirectFn);
  const hitFn = new lambda.Function(s, 'HitCounterHandler', { runtime: lambda.Runtime.NODEJS_18_X, handler: 'hitcounter.handler', code, environment: { HITS_TABLE_NAME: clicks.tableName, DOWNSTREAM_FUNCTION_NAME: redirectFn.functionName } });
  clicks.grantReadWriteData(hitFn);
  redirectFn.grantInvoke(hitFn);
  new apigw.LambdaRestApi(s, 'ShortLinkApi', { handler: hitFn });

  const users = new cognito.UserPool(s, 'CustomerPool', { selfSignUpEnabled: true, signInAliases: { email: true }, removalPolicy: RemovalPolicy.DESTROY });
  users.addClient('WebClient');
  const authFn = new lambda.Function(s, 'ApiKeyAuthorizerFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'auth.handler', code, environment: { MASTER_API_KEY: 'rk_live_7Hq2mXv9LpT4sWc8' } });
  const authorizer = new relayAuthorizers.HttpLambdaAuthorizer('ApiKeyAuthorizer', authFn, { responseTypes: [relayAuthorizers.HttpLambdaResponseType.SIMPLE] });
  const manageFn = new lambda.Function(s, 'ManageLinksFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'manage.handler', code, environment: { LINKS_TABLE: links.tableName } });
  links.grantReadWriteData(manageFn);
  const httpApi = new apigwv2.HttpApi(s, 'ManageApi', { defaultAuthorizer: authorizer, corsPreflight: { allowOrigins: ['*'], allowMethods: [apigwv2.CorsHttpMethod.ANY] } });
  httpApi.addRoutes({ path: '/links/{proxy+}', methods: [apigwv2.HttpMethod.ANY], integration: new HttpLambdaIntegration('ManageIntegration', manageFn) });

  const exportDlq = new sqs.Queue(s, 'ExportJobsDlq', { retentionPeriod: Duration.days(14) });
  const exportQueue = new sqs.Queue(s, 'ExportJobs', { visibilityTimeout: Duration.minutes(5), deadLetterQueue: { queue: exportDlq, maxReceiveCount: 3 } });
  const webhookQueue = new sqs.Queue(s, 'WebhookDeliveries', { encryption: sqs.QueueEncryption.UNENCRYPTED });
  const exportsBucket = new s3.Bucket(s, 'CsvExports', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY, lifecycleRules: [{ expiration: Duration.days(180) }] });
  Tags.of(exportsBucket).add('DataSet', 'exported-reports');
  const exportFn = new lambda.Function(s, 'ExportWorker', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'export.handler', code, timeout: Duration.minutes(5), environment: { BUCKET: exportsBucket.bucketName } });
  exportFn.addEventSource(new eventsources.SqsEventSource(exportQueue, { batchSize: 5 }));
  exportsBucket.grantReadWrite(exportFn);
  clicks.grantReadData(exportFn);
  const webhookFn = new lambda.Function(s, 'WebhookSender', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'app.handler', code });
  webhookFn.addEventSource(new eventsources.SqsEventSource(webhookQueue));
  webhookFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
  const stripeFn = new lambda.Function(s, 'StripeWebhookFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'stripe.handler', code });
  stripeFn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });

  const site = new s3.Bucket(s, 'DashboardSite', { websiteIndexDocument: 'index.html', websiteErrorDocument: 'index.html', publicReadAccess: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS, removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
  new s3deploy.BucketDeployment(s, 'DeployDashboard', { sources: [s3deploy.Source.data('index.html', '<html><body>links</body></html>')], destinationBucket: site });
  const docs = new s3.Bucket(s, 'DocsContent', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true });
  const docsCdn = new cloudfront.Distribution(s, 'DocsCdn', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(docs) }, defaultRootObject: 'index.html' });
  new s3deploy.BucketDeployment(s, 'DeployDocs', { sources: [s3deploy.Source.data('index.html', '<html>docs</html>')], destinationBucket: docs, distribution: docsCdn });

  const alerts = new sns.Topic(s, 'SignupAlerts');
  alerts.addSubscription(new subs.EmailSubscription('founders@relaylinks.example'));
  new logs.LogGroup(s, 'ClickstreamRequestLogs', { logGroupName: '/relay/clickstream-requests', retention: logs.RetentionDays.INFINITE });
  new logs.LogGroup(s, 'AuthRequestLogs', { logGroupName: '/relay/auth-requests', retention: logs.RetentionDays.ONE_WEEK });
  const limiterSubnets = new elasticache.CfnSubnetGroup(s, 'LimiterSubnets', { description: 'rate limiter', subnetIds: ['subnet-0a1b2c3d4e5f60718', 'subnet-0b2c3d4e5f6071829'] });
  new elasticache.CfnCacheCluster(s, 'RateLimiterCache', { engine: 'redis', cacheNodeType: 'cache.t4g.micro', numCacheNodes: 1, cacheSubnetGroupName: limiterSubnets.ref });
  new CfnOutput(s, 'DashboardUrl', { value: site.bucketWebsiteUrl });
  const statsFn = new lambda.Function(s, 'PublicStatsFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'stats.handler', code, environment: { HITS_TABLE_NAME: clicks.tableName } });
  clicks.grantReadData(statsFn);
  const statsApi = new apigwv2.HttpApi(s, 'PublicStatsApi');
  statsApi.addRoutes({ path: '/stats/{slug}', methods: [apigwv2.HttpMethod.GET], integration: new HttpLambdaIntegration('StatsIntegration', statsFn) });
  const partnerLogs = new logs.LogGroup(s, 'PartnerApiAccessLogs', { retention: logs.RetentionDays.ONE_MONTH });
  const partnerApi = new apigw.RestApi(s, 'PartnerApi', { cloudWatchRole: false, endpointTypes: [apigw.EndpointType.REGIONAL], deployOptions: { stageName: 'v1', accessLogDestination: new apigw.LogGroupLogDestination(partnerLogs), accessLogFormat: apigw.AccessLogFormat.clf(), throttlingRateLimit: 50, throttlingBurstLimit: 100 } });
  partnerApi.root.addResource('links').addMethod('POST', new apigw.LambdaIntegration(manageFn), { apiKeyRequired: true });
  const plan = partnerApi.addUsagePlan('PartnerPlan', { throttle: { rateLimit: 20, burstLimit: 40 }, apiStages: [{ stage: partnerApi.deploymentStage }] });
  plan.addApiKey(partnerApi.addApiKey('AcmePartnerKey'));
  const sweepFn = new lambda.Function(s, 'ExpiredLinkSweeper', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'sweep.handler', code, environment: { LINKS_TABLE: links.tableName } });
  links.grantReadWriteData(sweepFn);
  new events.Rule(s, 'NightlySweep', { schedule: events.Schedule.cron({ hour: '2', minute: '0' }), targets: [new targets.LambdaFunction(sweepFn)] });
  new dynamodb.TableV2(s, 'ApiKeysTable', { partitionKey: { name: 'keyHash', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
}

// RelayCore: a startup's production stack.
const relayCore = new Stack(app, 'RelayCore', { env });
{
  const s = relayCore;
  const vpc = new ec2.Vpc(s, 'CoreVpc', { maxAzs: 2, natGateways: 1 });
  const cluster = new ecs.Cluster(s, 'AppCluster', { vpc, containerInsights: true });
  const cert = acm.Certificate.fromCertificateArn(s, 'ApiCert', 'arn:aws:acm:eu-west-1:111122223333:certificate/0c9e7a51-2b3d-4f6e-8a1c-5d7e9f0a2b4c');
  const db = new rds.DatabaseCluster(s, 'CoreDb', {
    engine: rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_05_2 }),
    credentials: rds.Credentials.fromGeneratedSecret('relayadmin'),
    writer: rds.ClusterInstance.provisioned('writer', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM) }),
    readers: [rds.ClusterInstance.provisioned('reader', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM) })],
    vpc, storageEncrypted: true, defaultDatabaseName: 'relay',
  });
  const stripe = secretsmanager.Secret.fromSecretNameV2(s, 'StripeSecret', 'prod/relay/stripe');
  const web = new ecsPatterns.ApplicationLoadBalancedFargateService(s, 'WebService', {
    cluster, cpu: 512, memoryLimitMiB: 1024, desiredCount: 2, certificate: cert, redirectHTTP: true, protocol: elbv2.ApplicationProtocol.HTTPS, domainName: 'app.relaylinks.example', domainZone: route53.HostedZone.fromHostedZoneAttributes(s, 'Zone', { hostedZoneId: 'Z0123456789RELAY', zoneName: 'relaylinks.example' }),
    taskImageOptions: {
      image: ecs.ContainerImage.fromRegistry('ghcr.io/relaylinks/web:1.42.0'), containerPort: 3000,
      environment: { NODE_ENV: 'production', DB_HOST: db.clusterEndpoint.hostname, JWT_SIGNING_SECRET: 'b9f1e3c7a2d84f60b5e9c1a7d3f2e8b4' },
      secrets: { DB_SECRET: ecs.Secret.fromSecretsManager(db.secret), STRIPE_KEY: ecs.Secret.fromSecretsManager(stripe) },
    },
  });
  db.connections.allowDefaultPortFrom(web.service);
  web.targetGroup.configureHealthCheck({ path: '/healthz' });
  const workerTask = new ecs.FargateTaskDefinition(s, 'WorkerTask', { cpu: 256, memoryLimitMiB: 512 });
  workerTask.addContainer('worker', { image: ecs.ContainerImage.fromRegistry('ghcr.io/relaylinks/worker:1.42.0'), logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'worker' }), secrets: { DB_SECRET: ecs.Secret.fromSecretsManager(db.secret) } });
  const worker = new ecs.FargateService(s, 'WorkerService', { cluster, taskDefinition: workerTask, assignPublicIp: true, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } });
  db.connections.allowDefaultPortFrom(worker);

  const redisSg = new ec2.SecurityGroup(s, 'RedisSg', { vpc, description: 'redis from app' });
  redisSg.addIngressRule(web.service.connections.securityGroups[0], ec2.Port.tcp(6379));
  const redisSubnets = new elasticache.CfnSubnetGroup(s, 'RedisSubnets', { description: 'redis', subnetIds: vpc.privateSubnets.map((x) => x.subnetId) });
  new elasticache.CfnReplicationGroup(s, 'SessionRedis', { replicationGroupDescription: 'sessions', engine: 'redis', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailoverEnabled: true, cacheSubnetGroupName: redisSubnets.ref, securityGroupIds: [redisSg.securityGroupId] });
  new elasticache.CfnReplicationGroup(s, 'QueueRedis', { replicationGroupDescription: 'bullmq jobs', engine: 'redis', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailoverEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, snapshotRetentionLimit: 0, cacheSubnetGroupName: redisSubnets.ref, securityGroupIds: [redisSg.securityGroupId] });

  const assets = new s3.Bucket(s, 'StaticAssets', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true, encryption: s3.BucketEncryption.S3_MANAGED });
  new cloudfront.Distribution(s, 'EdgeCdn', {
    defaultBehavior: { origin: new origins.LoadBalancerV2Origin(web.loadBalancer), allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL, cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED, originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER },
    additionalBehaviors: { '/static/*': { origin: origins.S3BucketOrigin.withOriginAccessControl(assets), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS } },
    enableLogging: true,
  });

  const ops = new sns.Topic(s, 'OpsAlarms', { masterKey: kms.Alias.fromAliasName(s, 'SnsKey', 'alias/aws/sns') });
  const cpuAlarm = web.service.metricCpuUtilization().createAlarm(s, 'WebCpuHigh', { threshold: 80, evaluationPeriods: 3 });
  cpuAlarm.addAlarmAction(new cwactions.SnsAction(ops));
  const dbAlarm = db.metricCPUUtilization().createAlarm(s, 'DbCpuHigh', { threshold: 75, evaluationPeriods: 2 });
  dbAlarm.addAlarmAction(new cwactions.SnsAction(ops));
  const err5xx = web.loadBalancer.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT).createAlarm(s, 'Alb5xx', { threshold: 10, evaluationPeriods: 1 });
  err5xx.addAlarmAction(new cwactions.SnsAction(ops));

  const bastion = new ec2.BastionHostLinux(s, 'Bastion', { vpc, blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(10, { encrypted: true }) }] });
  db.connections.allowDefaultPortFrom(bastion);
  const metabase = new ec2.Instance(s, 'MetabaseHost', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, instanceType: new ec2.InstanceType('t3.small'), machineImage: ec2.MachineImage.latestAmazonLinux2023(), keyPair: ec2.KeyPair.fromKeyPairName(s, 'FounderKey', 'founder-laptop') });
  metabase.connections.allowFromAnyIpv4(ec2.Port.tcp(22));
  metabase.connections.allowFromAnyIpv4(ec2.Port.tcp(3000));

  const gh = new iam.OpenIdConnectProvider(s, 'GithubOidc', { url: 'https://token.actions.githubusercontent.com', clientIds: ['sts.amazonaws.com'] });
  new iam.Role(s, 'GithubDeployRole', {
    assumedBy: new iam.WebIdentityPrincipal(gh.openIdConnectProviderArn, { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:relaylinks/*' }, StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } }),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')], maxSessionDuration: Duration.hours(1),
  });
  new CfnOutput(s, 'DbEndpoint', { value: db.clusterEndpoint.hostname });
  new cloudtrail.Trail(s, 'AccountTrail', { sendToCloudWatchLogs: true, cloudWatchLogsRetention: logs.RetentionDays.ONE_YEAR });
  const billingTask = new ecsPatterns.ScheduledFargateTask(s, 'NightlyBilling', { cluster, schedule: events.Schedule.cron({ hour: '1', minute: '30' }), scheduledFargateTaskImageOptions: { image: ecs.ContainerImage.fromRegistry('ghcr.io/relaylinks/billing:1.42.0'), memoryLimitMiB: 512, environment: { STRIPE_API_KEY: 'sk_live_51NrLy2KxQ8pVb3Zt9mWc4Hd' } } });
  const invoicePdfs = new s3.Bucket(s, 'InvoicePdfExports', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(60) }] });
  Tags.of(invoicePdfs).add('DataSet', 'exported-reports');
  new ecr.Repository(s, 'WebRepo', { repositoryName: 'relay/web', imageScanOnPush: true, lifecycleRules: [{ maxImageCount: 30 }] });
  const uploads = new efs.FileSystem(s, 'UserUploads', { vpc, lifecyclePolicy: efs.LifecyclePolicy.AFTER_30_DAYS, removalPolicy: RemovalPolicy.DESTROY });
  uploads.connections.allowDefaultPortFrom(web.service);
  const admins = new cognito.UserPool(s, 'AdminPool', { selfSignUpEnabled: false, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false }, signInAliases: { email: true } });
  admins.addClient('AdminConsole', { generateSecret: true, authFlows: { userSrp: true } });
  const appKey = new kms.Key(s, 'AppDataKey', { enableKeyRotation: true, alias: 'alias/relay-app-data' });
  const mailDlq = new sqs.Queue(s, 'MailOutboxDlq', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: appKey });
  new sqs.Queue(s, 'MailOutbox', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: appKey, deadLetterQueue: { queue: mailDlq, maxReceiveCount: 5 } });
}

// RelayOps: an internal data / ops app.
const relayOps = new Stack(app, 'RelayOps', { env });
{
  const s = relayOps;
  const vpc = ec2.Vpc.fromVpcAttributes(s, 'SharedVpc', { vpcId: 'vpc-0c1d2e3f4a5b6c7d8', availabilityZones: ['eu-west-1a', 'eu-west-1b'], publicSubnetIds: ['subnet-0aa11bb22cc33dd44', 'subnet-0ee55ff66aa77bb88'], privateSubnetIds: ['subnet-0cc99dd00ee11ff22', 'subnet-0dd33ee44ff55aa66'] });
  const lakeLogs = new s3.Bucket(s, 'LakeAccessLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(90) }] });
  const lake = new s3.Bucket(s, 'RawLake', { encryption: s3.BucketEncryption.KMS_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, versioned: true, serverAccessLogsBucket: lakeLogs, serverAccessLogsPrefix: 'raw/' });
  const reports = new s3.Bucket(s, 'FinanceReportExports', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true, lifecycleRules: [{ expiration: Duration.days(365) }] });
  Tags.of(reports).add('DataSet', 'exported-reports');
  const results = s3.Bucket.fromBucketName(s, 'AthenaResults', 'relay-athena-results-111122223333');

  const stream = new kinesis.Stream(s, 'ClickStream', { shardCount: 1 });
  const fhRole = new iam.Role(s, 'FirehoseRole', { assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com') });
  stream.grantRead(fhRole);
  lake.grantWrite(fhRole);
  new firehose.CfnDeliveryStream(s, 'ClickFirehose', { deliveryStreamType: 'KinesisStreamAsSource', kinesisStreamSourceConfiguration: { kinesisStreamArn: stream.streamArn, roleArn: fhRole.roleArn }, extendedS3DestinationConfiguration: { bucketArn: lake.bucketArn, roleArn: fhRole.roleArn, prefix: 'clicks/', bufferingHints: { intervalInSeconds: 300, sizeInMBs: 64 } } });
  new firehose.CfnDeliveryStream(s, 'AuditFirehose', { deliveryStreamType: 'DirectPut', extendedS3DestinationConfiguration: { bucketArn: lake.bucketArn, roleArn: fhRole.roleArn, prefix: 'audit/' } });
  new kinesis.CfnStream(s, 'LegacyMetricsStream', { shardCount: 1, retentionPeriodHours: 24 });

  const glueRole = new iam.Role(s, 'GlueServiceRole', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSGlueServiceRole')] });
  lake.grantReadWrite(glueRole);
  const gdb = new glue.CfnDatabase(s, 'ClicksDb', { catalogId: s.account, databaseInput: { name: 'relay_clicks' } });
  new glue.CfnCrawler(s, 'ClicksCrawler', { role: glueRole.roleArn, databaseName: 'relay_clicks', targets: { s3Targets: [{ path: `s3://${lake.bucketName}/clicks/` }] }, schedule: { scheduleExpression: 'cron(0 3 * * ? *)' } }).addDependency(gdb);
  new glue.CfnJob(s, 'NightlyRollupJob', { role: glueRole.roleArn, command: { name: 'glueetl', scriptLocation: `s3://${lake.bucketName}/scripts/rollup.py`, pythonVersion: '3' }, glueVersion: '4.0', defaultArguments: { '--job-bookmark-option': 'job-bookmark-enable', '--warehouse_password': 'Wh-Rollup-2024!' } });
  new athena.CfnWorkGroup(s, 'AnalystsWorkgroup', { name: 'relay-analysts', workGroupConfiguration: { enforceWorkGroupConfiguration: true, resultConfiguration: { outputLocation: `s3://${results.bucketName}/analysts/`, encryptionConfiguration: { encryptionOption: 'SSE_S3' } } } });

  const rollupFn = new lambda.Function(s, 'StartRollupFn', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'app.handler', code });
  rollupFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['glue:StartJobRun', 'glue:GetJobRun'], resources: [`arn:aws:glue:eu-west-1:111122223333:job/${'NightlyRollupJob'}`] }));
  const notifyFn = new lambda.Function(s, 'NotifyFinanceFn', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'app.handler', code, environment: { REPORTS_BUCKET: reports.bucketName } });
  reports.grantRead(notifyFn);
  const chain = new tasks.LambdaInvoke(s, 'StartRollup', { lambdaFunction: rollupFn, outputPath: '$.Payload' })
    .next(new sfn.Wait(s, 'WaitForJob', { time: sfn.WaitTime.duration(Duration.minutes(10)) }))
    .next(new tasks.LambdaInvoke(s, 'NotifyFinance', { lambdaFunction: notifyFn }));
  new sfn.StateMachine(s, 'NightlyPipeline', { definitionBody: sfn.DefinitionBody.fromChainable(chain), timeout: Duration.hours(2) });
  const sfnLogs = new logs.LogGroup(s, 'ReconcileSfnLogs', { retention: logs.RetentionDays.ONE_MONTH });
  new sfn.StateMachine(s, 'ReconcileFlow', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(s, 'Reconcile')), logs: { destination: sfnLogs, level: sfn.LogLevel.ALL } });

  const bus = new events.EventBus(s, 'OpsBus', { eventBusName: 'relay-ops' });
  bus.grantPutEventsTo(new iam.AccountPrincipal('444455556666'));
  bus.archive('OpsArchive', { eventPattern: { source: ['relay.ops'] }, retention: Duration.days(30) });
  new events.Rule(s, 'ForwardToUsAnalytics', { eventBus: bus, eventPattern: { source: ['relay.billing'] }, targets: [new targets.EventBus(events.EventBus.fromEventBusArn(s, 'UsBus', 'arn:aws:events:us-east-1:555566667777:event-bus/analytics'))] });
  const opsQueue = new sqs.Queue(s, 'OpsEvents', { encryption: sqs.QueueEncryption.KMS_MANAGED });
  new events.Rule(s, 'OpsToQueue', { eventBus: bus, eventPattern: { source: ['relay.ops'] }, targets: [new targets.SqsQueue(opsQueue)] });

  const ledger = new dynamodb.Table(s, 'LedgerTable', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
  new dynamodb.TableV2(s, 'FxRates', { partitionKey: { name: 'pair', type: dynamodb.AttributeType.STRING }, replicas: [{ region: 'us-east-1' }], pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
  const vault = new backup.CfnBackupVault(s, 'OpsVault', { backupVaultName: 'relay-ops-vault' });
  const planL1 = new backup.CfnBackupPlan(s, 'LedgerBackupPlan', { backupPlan: { backupPlanName: 'ledger-weekly', backupPlanRule: [{ ruleName: 'weekly', targetBackupVault: vault.attrBackupVaultName, scheduleExpression: 'cron(0 5 ? * SUN *)', lifecycle: { deleteAfterDays: 14 }, copyActions: [{ destinationBackupVaultArn: 'arn:aws:backup:us-east-1:111122223333:backup-vault:relay-dr', lifecycle: { deleteAfterDays: 14 } }] }] } });
  const backupRole = new iam.Role(s, 'BackupRole', { assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSBackupServiceRolePolicyForBackup')] });
  new backup.CfnBackupSelection(s, 'LedgerSelection', { backupPlanId: planL1.attrBackupPlanId, backupSelection: { selectionName: 'ledger', iamRoleArn: backupRole.roleArn, resources: [ledger.tableArn] } });

  const sftpSg = new ec2.SecurityGroup(s, 'ReconBoxSg', { vpc, description: 'legacy reconciliation box' });
  sftpSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'bank sftp pulls');
  const boxRole = new iam.Role(s, 'ReconBoxRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')] });
  reports.grantReadWrite(boxRole);
  new iam.CfnInstanceProfile(s, 'ReconBoxProfile', { roles: [boxRole.roleName] });
  const userData = ec2.UserData.forLinux();
  userData.addCommands('yum install -y postgresql15', 'echo "BANK_SFTP_PASSWORD=Recon#2019sftp" >> /etc/recon.env', 'systemctl enable --now recon-sync');
  new ec2.Instance(s, 'ReconBox', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, associatePublicIpAddress: true, instanceType: new ec2.InstanceType('t3.medium'), machineImage: ec2.MachineImage.latestAmazonLinux2023(), securityGroup: sftpSg, role: boxRole, userData });

  const legacy = new iam.User(s, 'ErpIntegrationUser', { userName: 'erp-legacy-export' });
  legacy.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
  const legacyKey = new iam.AccessKey(s, 'ErpIntegrationKey', { user: legacy });
  new CfnOutput(s, 'ErpSecretAccessKey', { value: legacyKey.secretAccessKey.unsafeUnwrap() });
  const analyst = new iam.User(s, 'FinanceAnalyst', { userName: 'finance-analyst', password: SecretValue.unsafePlainText('ChangeMe-Finance1!'), passwordResetRequired: true, managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonAthenaFullAccess')] });
  reports.grantRead(analyst);
  new iam.Role(s, 'AuditorRole', { assumedBy: new iam.AccountPrincipal('999988887777'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')] });
  new logs.LogGroup(s, 'SftpRequestLogs', { logGroupName: '/relay/ops/sftp-requests' });
  const memSubnets = new elasticache.CfnSubnetGroup(s, 'LookupCacheSubnets', { description: 'lookup cache', subnetIds: vpc.privateSubnets.map((x) => x.subnetId) });
  new elasticache.CfnCacheCluster(s, 'LookupCache', { engine: 'memcached', cacheNodeType: 'cache.t4g.small', numCacheNodes: 2, cacheSubnetGroupName: memSubnets.ref, transitEncryptionEnabled: true, engineVersion: '1.6.22' });
  const reconFiles = new efs.FileSystem(s, 'ReconShare', { vpc, encrypted: false, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } });
  reconFiles.connections.allowDefaultPortFrom(sftpSg);
  new ssm.StringParameter(s, 'BankSftpPassword', { parameterName: '/relay/ops/bank-sftp-password', stringValue: 'Recon#2019sftp' });
  const pagerFn = new lambda.Function(s, 'PagerForwarderFn', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'app.handler', code, environment: { PAGERDUTY_ROUTING_KEY: secretsmanager.Secret.fromSecretNameV2(s, 'PagerDutySecret', 'ops/pagerduty').secretValue.unsafeUnwrap() } });
  new events.Rule(s, 'OpsToPager', { eventBus: bus, eventPattern: { source: ['relay.ops'], detailType: ['Incident'] }, targets: [new targets.LambdaFunction(pagerFn)] });
  new opensearch.Domain(s, 'OpsSearch', { version: opensearch.EngineVersion.OPENSEARCH_2_11, capacity: { dataNodes: 1, dataNodeInstanceType: 't3.small.search', multiAzWithStandbyEnabled: false }, ebs: { volumeSize: 20 }, removalPolicy: RemovalPolicy.DESTROY });
  const archive = new dynamodb.Table(s, 'InvoiceArchive', { partitionKey: { name: 'invoiceId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
  const l2Plan = backup.BackupPlan.daily35DayRetention(s, 'InvoicePlan');
  l2Plan.addSelection('InvoiceTables', { resources: [backup.BackupResource.fromDynamoDbTable(archive)] });
  const opsTopic = new sns.Topic(s, 'OpsDigest', { masterKey: new kms.Key(s, 'OpsDigestKey', { enableKeyRotation: true }) });
  opsTopic.addSubscription(new subs.SqsSubscription(new sqs.Queue(s, 'OpsDigestInbox')));
  const compliancePlan = backup.BackupPlan.dailyWeeklyMonthly5YearRetention(s, 'ReconCompliancePlan');
  compliancePlan.addSelection('ReconFiles', { resources: [backup.BackupResource.fromEfsFileSystem(reconFiles)] });
  new elasticache.CfnReplicationGroup(s, 'FxQuoteCache', { replicationGroupDescription: 'fx quote cache', engine: 'redis', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailoverEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, snapshotRetentionLimit: 5, snapshotWindow: '03:00-04:00', cacheSubnetGroupName: memSubnets.ref });
}

// Crypt held-out apps (session 10, sealed): stacks named Crypt*, routed to templates/vault2cdk/, labelled in labels.vault2cdk.yaml
// (vault2cdk apps go here)
const cryptMc = await import('aws-cdk-lib/aws-mediaconvert');
const cryptLf = await import('aws-cdk-lib/aws-lakeformation');
const cryptWsStage = apigwv2.WebSocketStage;
// A video-on-demand pipeline: an upload bucket whose S3 events start a MediaConvert job through a Lambda, an
// ingest workflow (no logging) and a publish workflow (logged), a MediaConvert role and queue/job template via L1,
// a catalogue table, a playback CDN with OAC/ACM/logging next to a preview CDN on defaults, an upload REST API with
// access logs, a creators' user pool, job alert topics, a DRM provider secret pasted in.
const cryptStreamline = new Stack(app, 'CryptStreamline', { env });
{
  const s = cryptStreamline;
  const vodLogs = new s3.Bucket(s, 'VodAccessLogs', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, lifecycleRules: [{ expiration: Duration.days(400) }] });
  const sourceVideos = new s3.Bucket(s, 'SourceVideos', { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true, cors: [{ allowedMethods: [s3.HttpMethods.PUT], allowedOrigins: ['*'], allowedHeaders: ['*'] }] });
  const playback = new s3.Bucket(s, 'PlaybackAssets', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: vodLogs, serverAccessLogsPrefix: 'playback/' });
  const catalog = new dynamodb.TableV2(s, 'VideoCatalog', { partitionKey: { name: 'guid', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, removalPolicy: RemovalPolicy.DESTROY });
  const mcRole = new iam.Role(s, 'MediaConvertRole', { assumedBy: new iam.ServicePrincipal('mediaconvert.amazonaws.com'), description: 'MediaConvert reads sources and writes renditions' });
  mcRole.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: ['*'] }));
  new cryptMc.CfnQueue(s, 'TranscodeQueue', { name: 'streamline-on-demand', pricingPlan: 'ON_DEMAND', status: 'ACTIVE' });
  new cryptMc.CfnJobTemplate(s, 'AbrTemplate', { name: 'streamline-abr-hls', category: 'vod', settingsJson: { OutputGroups: [{ Name: 'Apple HLS', OutputGroupSettings: { Type: 'HLS_GROUP_SETTINGS', HlsGroupSettings: { SegmentLength: 6, MinSegmentLength: 0 } }, Outputs: [{ NameModifier: '_720p', ContainerSettings: { Container: 'M3U8' } }] }] } });
  const ingestFn = new lambda.Function(s, 'IngestFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, timeout: Duration.seconds(30), environment: { CATALOG_TABLE: catalog.tableName, MEDIACONVERT_ROLE: mcRole.roleArn, DESTINATION_BUCKET: playback.bucketName, JOB_TEMPLATE: 'streamline-abr-hls' } });
  catalog.grantReadWriteData(ingestFn);
  sourceVideos.grantRead(ingestFn);
  ingestFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['mediaconvert:CreateJob', 'mediaconvert:GetJob', 'mediaconvert:DescribeEndpoints'], resources: ['*'] }));
  ingestFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [mcRole.roleArn] }));
  sourceVideos.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(ingestFn), { suffix: '.mp4' });
  const packagerFn = new lambda.Function(s, 'PackagerFn', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromInline('def handler(e, c):\n    return e\n'), timeout: Duration.minutes(2), environment: { MUX_TOKEN_ID: 'a81c2f07-3d5e-4b19-9f6a-0c7e2d4b8a13', MUX_TOKEN_SECRET: 'Jx8vQ2mZr5Kt9LwYp3Hc7Nf1Bd6Gs4Ve0Ua2Xo8Ri5Tk', CATALOG_TABLE: catalog.tableName } });
  catalog.grantReadWriteData(packagerFn);
  playback.grantReadWrite(packagerFn);
  const validate = new tasks.LambdaInvoke(s, 'ValidateSource', { lambdaFunction: ingestFn, outputPath: '$.Payload' });
  const pack = new tasks.LambdaInvoke(s, 'PackageRenditions', { lambdaFunction: packagerFn, outputPath: '$.Payload' });
  new sfn.StateMachine(s, 'IngestWorkflow', { definitionBody: sfn.DefinitionBody.fromChainable(validate.next(pack).next(new sfn.Succeed(s, 'Ingested'))), timeout: Duration.hours(2) });
  const publishLogs = new logs.LogGroup(s, 'PublishWorkflowLogs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
  const markPublished = new tasks.DynamoUpdateItem(s, 'MarkPublished', { table: catalog, key: { guid: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.detail.userMetadata.guid')) }, updateExpression: 'SET #s = :p', expressionAttributeNames: { '#s': 'status' }, expressionAttributeValues: { ':p': tasks.DynamoAttributeValue.fromString('PUBLISHED') } });
  const publishWorkflow = new sfn.StateMachine(s, 'PublishWorkflow', { definitionBody: sfn.DefinitionBody.fromChainable(markPublished), logs: { destination: publishLogs, level: sfn.LogLevel.ALL }, tracingEnabled: true });
  new events.Rule(s, 'JobCompleteRule', { eventPattern: { source: ['aws.mediaconvert'], detailType: ['MediaConvert Job State Change'], detail: { status: ['COMPLETE'] } }, targets: [new targets.SfnStateMachine(publishWorkflow)] });
  const jobAlerts = new sns.Topic(s, 'JobAlerts', { displayName: 'VOD job failures' });
  jobAlerts.addSubscription(new subs.EmailSubscription('video-ops@streamline.example.com'));
  new events.Rule(s, 'JobErrorRule', { eventPattern: { source: ['aws.mediaconvert'], detailType: ['MediaConvert Job State Change'], detail: { status: ['ERROR'] } }, targets: [new targets.SnsTopic(jobAlerts)] });
  jobAlerts.addSubscription(new subs.SqsSubscription(sqs.Queue.fromQueueArn(s, 'UsJobAnalyticsQueue', 'arn:aws:sqs:us-east-1:111122223333:vod-job-analytics')));
  const opsTopic = new sns.Topic(s, 'OpsNotices', { masterKey: kms.Alias.fromAliasName(s, 'SnsManagedKey', 'alias/aws/sns') });
  opsTopic.addSubscription(new subs.EmailSubscription('sre@streamline.example.com'));
  const watchCert = acm.Certificate.fromCertificateArn(s, 'WatchCert', 'arn:aws:acm:us-east-1:111122223333:certificate/5b1e7c3a-92d4-4f0e-8a6b-3c9d1e2f4a70');
  new cloudfront.Distribution(s, 'WatchCdn', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(playback), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS, cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED },
    domainNames: ['watch.streamline.example.com'], certificate: watchCert, minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
    enableLogging: true, logBucket: vodLogs, logFilePrefix: 'cdn/', httpVersion: cloudfront.HttpVersion.HTTP2_AND_3, priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
  });
  new cloudfront.Distribution(s, 'PreviewCdn', { defaultBehavior: { origin: new origins.HttpOrigin('preview-origin.streamline.example.com') }, comment: 'editor previews' });
  const uploadRequestLogs = new logs.LogGroup(s, 'UploadRequestLogs', { logGroupName: '/streamline/upload-request-logs', retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
  const uploadUrlFn = new lambda.Function(s, 'UploadUrlFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { BUCKET: sourceVideos.bucketName } });
  sourceVideos.grantPut(uploadUrlFn);
  new apigw.LambdaRestApi(s, 'UploadApi', { handler: uploadUrlFn, deployOptions: { stageName: 'v1', accessLogDestination: new apigw.LogGroupLogDestination(uploadRequestLogs), accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields() } });
  const creators = new cognito.UserPool(s, 'CreatorPool', { selfSignUpEnabled: true, signInAliases: { email: true }, autoVerify: { email: true }, removalPolicy: RemovalPolicy.DESTROY });
  creators.addClient('StudioClient', { authFlows: { userSrp: true } });
  const editors = new cognito.UserPool(s, 'EditorPool', { selfSignUpEnabled: false, signInAliases: { email: true }, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { sms: false, otp: true }, passwordPolicy: { minLength: 14 }, removalPolicy: RemovalPolicy.DESTROY });
  editors.addClient('CmsClient', { authFlows: { userSrp: true } });
  new secretsmanager.Secret(s, 'DrmKeyProviderSecret', { description: 'SPEKE key provider API key', secretStringValue: SecretValue.unsafePlainText('spk_8f2c9e1a7b4d3f6e0c5a9b2d7e1f4a8c') });
  new CfnOutput(s, 'WatchDomain', { value: 'watch.streamline.example.com' });
}

// A data-warehouse ingestion app: click/CDC streams (L2 and L1) into Firehose and an S3 lake, Glue crawler/job/JDBC
// connection, Lake Formation settings, an Athena workgroup, a hardened Redshift cluster beside a legacy public one,
// export buckets with lifecycles, an analysts' role, crawler events forwarded to a us-east-1 bus.
const cryptWarehouse = new Stack(app, 'CryptWarehouse', { env });
{
  const s = cryptWarehouse;
  const vpc = new ec2.Vpc(s, 'WarehouseVpc', { maxAzs: 2, natGateways: 1 });
  const lakeKey = new kms.Key(s, 'LakeKey', { enableKeyRotation: true, alias: 'alias/warehouse-lake' });
  const lakeLogs = new s3.Bucket(s, 'LakeAccessLogs', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(365) }] });
  const raw = new s3.Bucket(s, 'RawZone', { encryption: s3.BucketEncryption.KMS, encryptionKey: lakeKey, bucketKeyEnabled: true, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: lakeLogs, serverAccessLogsPrefix: 'raw/', lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.INTELLIGENT_TIERING, transitionAfter: Duration.days(30) }] }] });
  const curated = new s3.Bucket(s, 'CuratedZone', { versioned: true, removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
  const athenaResults = new s3.Bucket(s, 'AthenaResults', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: lakeLogs, serverAccessLogsPrefix: 'athena/', lifecycleRules: [{ expiration: Duration.days(7) }] });
  const financeExports = new s3.Bucket(s, 'FinanceExports', { encryption: s3.BucketEncryption.KMS, encryptionKey: lakeKey, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: lakeLogs, serverAccessLogsPrefix: 'finance/', lifecycleRules: [{ expiration: Duration.days(180) }] });
  Tags.of(financeExports).add('DataSet', 'exported-reports');
  const partnerExports = new s3.Bucket(s, 'PartnerExports', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: lakeLogs, serverAccessLogsPrefix: 'partner/', lifecycleRules: [{ expiration: Duration.days(45) }] });
  Tags.of(partnerExports).add('DataSet', 'exported-reports');
  const clicks = new kinesis.Stream(s, 'ClickStream', { shardCount: 2, retentionPeriod: Duration.hours(48) });
  const cdc = new kinesis.CfnStream(s, 'OrderCdcStream', { shardCount: 1, retentionPeriodHours: 24, streamModeDetails: { streamMode: 'PROVISIONED' } });
  const firehoseRole = new iam.Role(s, 'FirehoseDeliveryRole', { assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com') });
  raw.grantReadWrite(firehoseRole);
  clicks.grantRead(firehoseRole);
  new firehose.CfnDeliveryStream(s, 'ClicksToRaw', { deliveryStreamType: 'KinesisStreamAsSource', kinesisStreamSourceConfiguration: { kinesisStreamArn: clicks.streamArn, roleArn: firehoseRole.roleArn }, extendedS3DestinationConfiguration: { bucketArn: raw.bucketArn, roleArn: firehoseRole.roleArn, prefix: 'clicks/', bufferingHints: { intervalInSeconds: 300, sizeInMBs: 64 }, encryptionConfiguration: { kmsEncryptionConfig: { awskmsKeyArn: lakeKey.keyArn } } } });
  new firehose.CfnDeliveryStream(s, 'PartnerFeedFirehose', { deliveryStreamType: 'DirectPut', extendedS3DestinationConfiguration: { bucketArn: raw.bucketArn, roleArn: firehoseRole.roleArn, prefix: 'partner-feed/', compressionFormat: 'GZIP' } });
  const cdcConsumerFn = new lambda.Function(s, 'CdcConsumerFn', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromInline('def handler(e, c):\n    return None\n'), environment: { RAW_BUCKET: raw.bucketName } });
  cdcConsumerFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:DescribeStream', 'kinesis:ListShards'], resources: [cdc.attrArn] }));
  raw.grantWrite(cdcConsumerFn);
  new lambda.EventSourceMapping(s, 'CdcMapping', { target: cdcConsumerFn, eventSourceArn: cdc.attrArn, startingPosition: lambda.StartingPosition.LATEST, batchSize: 200 });
  const glueRole = new iam.Role(s, 'GlueCrawlerRole', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSGlueServiceRole')] });
  raw.grantRead(glueRole); curated.grantReadWrite(glueRole); lakeKey.grantDecrypt(glueRole);
  new glue.CfnDatabase(s, 'LakeDatabase', { catalogId: s.account, databaseInput: { name: 'warehouse_lake', description: 'raw and curated zones' } });
  new glue.CfnCrawler(s, 'RawCrawler', { role: glueRole.roleArn, databaseName: 'warehouse_lake', targets: { s3Targets: [{ path: `s3://${raw.bucketName}/clicks/` }] }, schedule: { scheduleExpression: 'cron(15 * * * ? *)' } });
  const legacySubnet = vpc.privateSubnets[0];
  new glue.CfnConnection(s, 'OrdersJdbc', { catalogId: s.account, connectionInput: { name: 'orders-mysql', connectionType: 'JDBC', connectionProperties: { JDBC_CONNECTION_URL: 'jdbc:mysql://orders-legacy.internal.warehouse.example.com:3306/orders', USERNAME: 'etl_reader', PASSWORD: 'Etl-Reader-2021!', JDBC_ENFORCE_SSL: 'true' }, physicalConnectionRequirements: { subnetId: legacySubnet.subnetId, availabilityZone: legacySubnet.availabilityZone, securityGroupIdList: [vpc.vpcDefaultSecurityGroup] } } });
  new glue.CfnJob(s, 'CurateJob', { role: glueRole.roleArn, command: { name: 'glueetl', pythonVersion: '3', scriptLocation: `s3://${raw.bucketName}/scripts/curate.py` }, glueVersion: '4.0', workerType: 'G.1X', numberOfWorkers: 4, connections: { connections: ['orders-mysql'] }, defaultArguments: { '--job-bookmark-option': 'job-bookmark-enable', '--curated_bucket': curated.bucketName, '--enable-metrics': 'true' } });
  new athena.CfnWorkGroup(s, 'AnalystWorkgroup', { name: 'warehouse-analysts', workGroupConfiguration: { enforceWorkGroupConfiguration: true, publishCloudWatchMetricsEnabled: true, resultConfiguration: { outputLocation: `s3://${athenaResults.bucketName}/results/`, encryptionConfiguration: { encryptionOption: 'SSE_S3' } } } });
  const analysts = new iam.Role(s, 'AnalystRole', { assumedBy: new iam.AccountRootPrincipal(), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonAthenaFullAccess')], maxSessionDuration: Duration.hours(8) });
  curated.grantRead(analysts);
  new cryptLf.CfnDataLakeSettings(s, 'LakeSettings', { admins: [{ dataLakePrincipalIdentifier: glueRole.roleArn }] });
  new cryptLf.CfnResource(s, 'RawZoneRegistration', { resourceArn: raw.bucketArn, useServiceLinkedRole: true });
  new cryptLf.CfnPermissions(s, 'AnalystLakePermissions', { dataLakePrincipal: { dataLakePrincipalIdentifier: analysts.roleArn }, resource: { databaseResource: { catalogId: s.account, name: 'warehouse_lake' } }, permissions: ['DESCRIBE'] });
  const startCrawlerFn = new lambda.Function(s, 'StartCrawlerFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { CRAWLER: 'RawCrawler' } });
  startCrawlerFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['glue:StartCrawler', 'glue:GetCrawler'], resources: ['*'] }));
  new events.Rule(s, 'NightlyCrawl', { schedule: events.Schedule.cron({ hour: '1', minute: '0' }), targets: [new targets.LambdaFunction(startCrawlerFn)] });
  new events.Rule(s, 'CrawlerStateForward', { eventPattern: { source: ['aws.glue'], detailType: ['Glue Crawler State Change'] }, targets: [new targets.EventBus(events.EventBus.fromEventBusArn(s, 'PlatformBus', 'arn:aws:events:us-east-1:111122223333:event-bus/data-platform'))] });
  new elasticache.CfnServerlessCache(s, 'QueryResultCache', { engine: 'redis', majorEngineVersion: '7', serverlessCacheName: 'warehouse-query-results', subnetIds: vpc.privateSubnets.map((x) => x.subnetId) });
  new logs.LogGroup(s, 'IngestRequestLogs', { logGroupName: '/warehouse/ingest-request-logs', retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
  // the hardened warehouse
  const whKey = new kms.Key(s, 'WarehouseKey', { description: 'redshift cluster key' });
  const whSecret = new secretsmanager.Secret(s, 'WarehouseAdmin', { generateSecretString: { secretStringTemplate: JSON.stringify({ username: 'wh_admin' }), generateStringKey: 'password', excludePunctuation: true, passwordLength: 32 } });
  const whSubnets = new redshift.CfnClusterSubnetGroup(s, 'WarehouseSubnets', { description: 'private', subnetIds: vpc.privateSubnets.map((x) => x.subnetId) });
  const whSg = new ec2.SecurityGroup(s, 'WarehouseSg', { vpc, description: 'redshift', allowAllOutbound: false });
  whSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(5439), 'in-vpc sql clients');
  const whParams = new redshift.CfnClusterParameterGroup(s, 'WarehouseParams', { description: 'ssl required, activity logging', parameterGroupFamily: 'redshift-1.0', parameters: [{ parameterName: 'require_ssl', parameterValue: 'true' }, { parameterName: 'enable_user_activity_logging', parameterValue: 'true' }] });
  const whRole = new iam.Role(s, 'WarehouseSpectrumRole', { assumedBy: new iam.ServicePrincipal('redshift.amazonaws.com') });
  curated.grantRead(whRole);
  new redshift.CfnCluster(s, 'Warehouse', { clusterType: 'multi-node', numberOfNodes: 2, nodeType: 'ra3.xlplus', dbName: 'analytics', masterUsername: 'wh_admin', masterUserPassword: whSecret.secretValueFromJson('password').unsafeUnwrap(), encrypted: true, kmsKeyId: whKey.keyId, publiclyAccessible: false, clusterSubnetGroupName: whSubnets.ref, vpcSecurityGroupIds: [whSg.securityGroupId], clusterParameterGroupName: whParams.ref, automatedSnapshotRetentionPeriod: 14, iamRoles: [whRole.roleArn], enhancedVpcRouting: true, loggingProperties: { logDestinationType: 'cloudwatch', logExports: ['connectionlog', 'useractivitylog', 'userlog'] } });
  // the legacy reporting cluster the BI vendor connects to from its own network
  const legacySubnets = new redshift.CfnClusterSubnetGroup(s, 'LegacyReportingSubnets', { description: 'public for the BI vendor', subnetIds: vpc.publicSubnets.map((x) => x.subnetId) });
  const legacySg = new ec2.SecurityGroup(s, 'LegacyReportingSg', { vpc, description: 'BI vendor access' });
  legacySg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(5439), 'BI vendor (dynamic IPs)');
  const legacyParams = new redshift.CfnClusterParameterGroup(s, 'LegacyReportingParams', { description: 'old BI driver cannot do TLS', parameterGroupFamily: 'redshift-1.0', parameters: [{ parameterName: 'require_ssl', parameterValue: 'false' }] });
  new redshift.CfnCluster(s, 'LegacyReporting', { clusterType: 'single-node', nodeType: 'dc2.large', dbName: 'reporting', masterUsername: 'bi_admin', masterUserPassword: 'Reporting#2019pass', encrypted: false, publiclyAccessible: true, clusterSubnetGroupName: legacySubnets.ref, vpcSecurityGroupIds: [legacySg.securityGroupId], clusterParameterGroupName: legacyParams.ref });
}

// A game backend: a WebSocket lobby, a JWT-authorized matchmaking HTTP API with an access log set through an escape
// hatch, Cognito players with a guest-enabled identity pool, leaderboards in DynamoDB and Redis, a session Redis node
// and a serverless Valkey match cache via L1, a Fargate game server with public IPs, a telemetry stream, a public
// launcher bucket, an ops console with SSH open, a 35-day Backup plan.
const cryptArcade = new Stack(app, 'CryptArcade', { env });
{
  const s = cryptArcade;
  const vpc = new ec2.Vpc(s, 'ArcadeVpc', { maxAzs: 2, natGateways: 1, flowLogs: { All: { trafficType: ec2.FlowLogTrafficType.ALL } } });
  const connections = new dynamodb.Table(s, 'LobbyConnections', { partitionKey: { name: 'connectionId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, timeToLiveAttribute: 'ttl', removalPolicy: RemovalPolicy.DESTROY });
  const leaderboard = new dynamodb.Table(s, 'Leaderboard', { partitionKey: { name: 'season', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'score', type: dynamodb.AttributeType.NUMBER }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
  new dynamodb.TableV2(s, 'PlayerProfiles', { partitionKey: { name: 'playerId', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, replicas: [{ region: 'us-east-1' }] });
  const lobbyFn = (id) => new lambda.Function(s, id, { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { CONNECTIONS: connections.tableName } });
  const connectFn = lobbyFn('LobbyConnectFn'); const disconnectFn = lobbyFn('LobbyDisconnectFn'); const messageFn = lobbyFn('LobbyMessageFn');
  connections.grantReadWriteData(connectFn); connections.grantReadWriteData(disconnectFn); connections.grantReadData(messageFn);
  const lobby = new apigwv2.WebSocketApi(s, 'LobbySocket', { connectRouteOptions: { integration: new WebSocketLambdaIntegration('ConnectInt', connectFn) }, disconnectRouteOptions: { integration: new WebSocketLambdaIntegration('DisconnectInt', disconnectFn) }, defaultRouteOptions: { integration: new WebSocketLambdaIntegration('MessageInt', messageFn) } });
  new cryptWsStage(s, 'LobbyLive', { webSocketApi: lobby, stageName: 'live', autoDeploy: true });
  lobby.grantManageConnections(messageFn);
  const players = new cognito.UserPool(s, 'Players', { selfSignUpEnabled: true, signInAliases: { username: true, email: true }, removalPolicy: RemovalPolicy.DESTROY });
  const gameClient = players.addClient('GameClient', { authFlows: { userPassword: true, userSrp: true }, generateSecret: false });
  const matchFn = new lambda.Function(s, 'MatchmakerFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { LEADERBOARD: leaderboard.tableName } });
  leaderboard.grantReadData(matchFn);
  const matchApi = new apigwv2.HttpApi(s, 'MatchApi', { corsPreflight: { allowOrigins: ['https://play.arcade.example.com'], allowMethods: [apigwv2.CorsHttpMethod.POST] } });
  matchApi.addRoutes({ path: '/match', methods: [apigwv2.HttpMethod.POST], integration: new HttpLambdaIntegration('MatchInt', matchFn), authorizer: new HttpJwtAuthorizer('PlayerJwt', `https://cognito-idp.eu-west-1.amazonaws.com/${players.userPoolId}`, { jwtAudience: [gameClient.userPoolClientId] }) });
  const matchAccess = new logs.LogGroup(s, 'MatchApiAccessLogs', { logGroupName: '/arcade/match-api-request-logs', removalPolicy: RemovalPolicy.DESTROY });
  const matchStage = matchApi.defaultStage.node.defaultChild;
  matchStage.accessLogSettings = { destinationArn: matchAccess.logGroupArn, format: JSON.stringify({ requestId: '$context.requestId', ip: '$context.identity.sourceIp', status: '$context.status' }) };
  const identities = new identitypool.IdentityPool(s, 'PlayerIdentities', { allowUnauthenticatedIdentities: true, authenticationProviders: { userPools: [new identitypool.UserPoolAuthenticationProvider({ userPool: players, userPoolClient: gameClient })] } });
  leaderboard.grantReadData(identities.unauthenticatedRole);
  const saves = new s3.Bucket(s, 'CloudSaves', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, versioned: true });
  identities.authenticatedRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [saves.arnForObjects('${cognito-identity.amazonaws.com:sub}/*')] }));
  const cacheSubnets = new elasticache.CfnSubnetGroup(s, 'CacheSubnets', { description: 'arcade caches', subnetIds: vpc.privateSubnets.map((x) => x.subnetId) });
  const cacheSg = new ec2.SecurityGroup(s, 'CacheSg', { vpc, description: 'redis/valkey' });
  cacheSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(6379), 'TODO: narrow to the game servers');
  new elasticache.CfnReplicationGroup(s, 'RankingRedis', { replicationGroupDescription: 'live rankings', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.r7g.large', numCacheClusters: 2, automaticFailoverEnabled: true, multiAzEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId] });
  new elasticache.CfnCacheCluster(s, 'SessionRedis', { engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.t4g.small', numCacheNodes: 1, cacheSubnetGroupName: cacheSubnets.ref, vpcSecurityGroupIds: [cacheSg.securityGroupId], snapshotRetentionLimit: 3 });
  new elasticache.CfnServerlessCache(s, 'MatchStateCache', { engine: 'valkey', majorEngineVersion: '8', serverlessCacheName: 'arcade-match-state', subnetIds: vpc.privateSubnets.map((x) => x.subnetId), securityGroupIds: [cacheSg.securityGroupId], snapshotRetentionLimit: 2, dailySnapshotTime: '04:00' });
  const telemetry = new kinesis.Stream(s, 'TelemetryStream', { shardCount: 1, encryption: kinesis.StreamEncryption.UNENCRYPTED });
  const telemetryFn = new lambda.Function(s, 'TelemetryFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code });
  telemetryFn.addEventSource(new eventsources.KinesisEventSource(telemetry, { startingPosition: lambda.StartingPosition.TRIM_HORIZON, batchSize: 500 }));
  const matchDlq = new sqs.Queue(s, 'MatchTicketsDlq', { encryption: sqs.QueueEncryption.UNENCRYPTED, retentionPeriod: Duration.days(4) });
  const matchQueue = new sqs.Queue(s, 'MatchTickets', { visibilityTimeout: Duration.seconds(60), deadLetterQueue: { queue: matchDlq, maxReceiveCount: 3 } });
  matchQueue.grantSendMessages(matchFn);
  const cluster = new ecs.Cluster(s, 'GameCluster', { vpc, containerInsights: true });
  const serverTask = new ecs.FargateTaskDefinition(s, 'GameServerTask', { cpu: 1024, memoryLimitMiB: 2048 });
  serverTask.addContainer('server', { image: ecs.ContainerImage.fromRegistry('ghcr.io/arcade-example/dedicated-server:2.4'), portMappings: [{ containerPort: 7777, protocol: ecs.Protocol.UDP }], environment: { MATCH_QUEUE_URL: matchQueue.queueUrl, RCON_PASSWORD: 'rcon-Arcade-7781', TELEMETRY_STREAM: telemetry.streamName }, logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'game', logRetention: logs.RetentionDays.ONE_WEEK }) });
  telemetry.grantWrite(serverTask.taskRole);
  matchQueue.grantConsumeMessages(serverTask.taskRole);
  const serverSg = new ec2.SecurityGroup(s, 'GameServerSg', { vpc, description: 'game traffic' });
  serverSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.udp(7777), 'players');
  new ecs.FargateService(s, 'GameServers', { cluster, taskDefinition: serverTask, desiredCount: 2, assignPublicIp: true, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, securityGroups: [serverSg] });
  const launcher = new s3.Bucket(s, 'LauncherDownloads', { websiteIndexDocument: 'index.html', publicReadAccess: true, blockPublicAccess: new s3.BlockPublicAccess({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false }) });
  new CfnOutput(s, 'LauncherUrl', { value: launcher.urlForObject('ArcadeLauncher.exe') });
  const opsSg = new ec2.SecurityGroup(s, 'OpsConsoleSg', { vpc, description: 'ops console' });
  opsSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh for on-call');
  new ec2.Instance(s, 'OpsConsole', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.SMALL), machineImage: ec2.MachineImage.latestAmazonLinux2023(), securityGroup: opsSg, keyPair: ec2.KeyPair.fromKeyPairName(s, 'OnCallKey', 'arcade-oncall') });
  const plan = backup.BackupPlan.daily35DayRetention(s, 'ArcadeBackup');
  plan.addSelection('Tables', { resources: [backup.BackupResource.fromDynamoDbTable(connections), backup.BackupResource.fromDynamoDbTable(leaderboard)] });
}

// A lifted legacy storefront: web and invoice Auto Scaling groups (launch configurations, one with a password in its
// user data) behind an internet-facing ALB with HTTPS and a redirect, an internal admin ALB over HTTP, RDS MySQL on
// defaults beside a SQL Server with forced SSL and a pasted password, EFS, Memcached, a bastion, a Windows reporting
// box with RDP open, Route 53, a 90-day Backup plan copied to us-east-1, an SFTP sync user, an SSM String password.
const cryptHarbor = new Stack(app, 'CryptHarbor', { env });
{
  const s = cryptHarbor;
  const flowBucket = new s3.Bucket(s, 'FlowLogArchive', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(180) }] });
  const vpc = new ec2.Vpc(s, 'HarborVpc', { maxAzs: 2, natGateways: 2, subnetConfiguration: [{ name: 'edge', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 }, { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 }, { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }], flowLogs: { Rejected: { destination: ec2.FlowLogDestination.toS3(flowBucket, 'vpc/'), trafficType: ec2.FlowLogTrafficType.REJECT } } });
  const albLogs = new s3.Bucket(s, 'AlbLogs', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(90) }] });
  const media = new s3.Bucket(s, 'MediaAssets', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: albLogs, serverAccessLogsPrefix: 's3/media/' });
  const bastion = new ec2.BastionHostLinux(s, 'Bastion', { vpc, subnetSelection: { subnetType: ec2.SubnetType.PUBLIC }, instanceName: 'harbor-bastion' });
  bastion.allowSshAccessFrom(ec2.Peer.ipv4('198.51.100.0/24'));
  const webSg = new ec2.SecurityGroup(s, 'WebTierSg', { vpc, description: 'storefront web tier' });
  webSg.addIngressRule(bastion.connections.securityGroups[0], ec2.Port.tcp(22), 'ssh from bastion');
  const webRole = new iam.Role(s, 'StorefrontRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')] });
  webRole.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: [media.bucketArn, media.arnForObjects('*')] }));
  const webData = ec2.UserData.forLinux();
  webData.addCommands('dnf install -y httpd php php-mysqlnd amazon-efs-utils', 'echo "SetEnv DB_HOST orders-db.harbor.internal" >> /etc/httpd/conf.d/storefront.conf', 'echo "SetEnv DB_PASSWORD Harbor-Legacy-2016" >> /etc/httpd/conf.d/storefront.conf', 'systemctl enable --now httpd');
  const web = new autoscaling.AutoScalingGroup(s, 'StorefrontAsg', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.M5, ec2.InstanceSize.LARGE), machineImage: ec2.MachineImage.latestAmazonLinux2023(), minCapacity: 2, maxCapacity: 6, securityGroup: webSg, role: webRole, userData: webData, keyName: 'harbor-ops' });
  const workerSg = new ec2.SecurityGroup(s, 'InvoiceWorkerSg', { vpc, description: 'invoice workers', allowAllOutbound: true });
  const workerData = ec2.UserData.forLinux();
  workerData.addCommands('dnf install -y java-17-amazon-corretto', 'aws secretsmanager get-secret-value --secret-id harbor/invoice --query SecretString --output text > /etc/invoice/creds.json', 'systemctl enable --now invoice-worker');
  const workers = new autoscaling.AutoScalingGroup(s, 'InvoiceWorkers', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.C5, ec2.InstanceSize.LARGE), machineImage: ec2.MachineImage.latestAmazonLinux2023(), minCapacity: 1, maxCapacity: 4, securityGroup: workerSg, userData: workerData, blockDevices: [{ deviceName: '/dev/xvda', volume: autoscaling.BlockDeviceVolume.ebs(40, { encrypted: true, volumeType: autoscaling.EbsDeviceVolumeType.GP3 }) }] });
  const alb = new elbv2.ApplicationLoadBalancer(s, 'StorefrontAlb', { vpc, internetFacing: true });
  alb.logAccessLogs(albLogs, 'storefront');
  const https = alb.addListener('Https', { port: 443, certificates: [elbv2.ListenerCertificate.fromArn('arn:aws:acm:eu-west-1:111122223333:certificate/9c3e6a1f-4b7d-4e2a-8f10-2d5c7b9e3a64')], sslPolicy: elbv2.SslPolicy.TLS12 });
  https.addTargets('Web', { port: 80, targets: [web], healthCheck: { path: '/health.php' } });
  alb.addRedirect();
  const adminAlb = new elbv2.ApplicationLoadBalancer(s, 'AdminAlb', { vpc, internetFacing: false });
  const adminListener = adminAlb.addListener('AdminHttp', { port: 80, open: false });
  adminListener.addTargets('Invoices', { port: 8080, targets: [workers] });
  adminAlb.connections.allowFrom(ec2.Peer.ipv4('10.0.0.0/8'), ec2.Port.tcp(80), 'office VPN');
  const dbSg = new ec2.SecurityGroup(s, 'DatabaseSg', { vpc, description: 'databases' });
  dbSg.addIngressRule(webSg, ec2.Port.tcp(3306), 'web to mysql');
  dbSg.addIngressRule(workerSg, ec2.Port.tcp(1433), 'workers to sql server');
  const orders = new rds.DatabaseInstance(s, 'OrdersDb', { engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0 }), instanceType: ec2.InstanceType.of(ec2.InstanceClass.M5, ec2.InstanceSize.LARGE), vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, securityGroups: [dbSg], multiAz: true, allocatedStorage: 200, credentials: rds.Credentials.fromGeneratedSecret('storefront'), databaseName: 'storefront' });
  const sqlEngine = rds.DatabaseInstanceEngine.sqlServerSe({ version: rds.SqlServerEngineVersion.VER_15 });
  new rds.DatabaseInstance(s, 'LedgerSqlServer', { engine: sqlEngine, licenseModel: rds.LicenseModel.LICENSE_INCLUDED, instanceType: ec2.InstanceType.of(ec2.InstanceClass.M5, ec2.InstanceSize.XLARGE), vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, securityGroups: [dbSg], storageEncrypted: true, backupRetention: Duration.days(14), parameterGroup: new rds.ParameterGroup(s, 'LedgerParams', { engine: sqlEngine, parameters: { 'rds.force_ssl': '1', 'rds.tls10': 'disabled', 'rds.tls11': 'disabled' } }), credentials: rds.Credentials.fromPassword('ledger_admin', SecretValue.unsafePlainText('Ledger!Harbor2017')) });
  const shared = new efs.FileSystem(s, 'SharedMedia', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, performanceMode: efs.PerformanceMode.GENERAL_PURPOSE, removalPolicy: RemovalPolicy.DESTROY });
  shared.connections.allowDefaultPortFrom(webSg);
  const cacheSubnets = new elasticache.CfnSubnetGroup(s, 'CatalogCacheSubnets', { description: 'catalog cache', subnetIds: vpc.isolatedSubnets.map((x) => x.subnetId) });
  const cacheSg = new ec2.SecurityGroup(s, 'CatalogCacheSg', { vpc, description: 'memcached' });
  cacheSg.addIngressRule(webSg, ec2.Port.tcp(11211), 'web to memcached');
  new elasticache.CfnCacheCluster(s, 'CatalogMemcached', { engine: 'memcached', cacheNodeType: 'cache.m5.large', numCacheNodes: 2, azMode: 'cross-az', cacheSubnetGroupName: cacheSubnets.ref, vpcSecurityGroupIds: [cacheSg.securityGroupId] });
  new elasticache.CfnReplicationGroup(s, 'CartRedis', { replicationGroupDescription: 'shopping carts', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.m6g.large', numCacheClusters: 2, automaticFailoverEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId] });
  new iam.Role(s, 'BreakGlassRole', { assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')], maxSessionDuration: Duration.hours(1) });
  new logs.LogGroup(s, 'StorefrontRequestLogs', { logGroupName: '/harbor/storefront-request-logs', retention: logs.RetentionDays.ONE_WEEK });
  const rdpSg = new ec2.SecurityGroup(s, 'ReportingRdpSg', { vpc, description: 'crystal reports box' });
  rdpSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(3389), 'finance team from home');
  new ec2.Instance(s, 'ReportingBox', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.LARGE), machineImage: ec2.MachineImage.latestWindows(ec2.WindowsVersion.WINDOWS_SERVER_2022_ENGLISH_FULL_BASE), securityGroup: rdpSg, blockDevices: [{ deviceName: '/dev/sda1', volume: ec2.BlockDeviceVolume.ebs(100, { encrypted: true }) }] });
  const zone = new route53.PublicHostedZone(s, 'HarborZone', { zoneName: 'harbor-shop.example.com' });
  new route53.ARecord(s, 'StorefrontAlias', { zone, recordName: 'www', target: route53.RecordTarget.fromAlias(new route53targets.LoadBalancerTarget(alb)) });
  const drVault = backup.BackupVault.fromBackupVaultArn(s, 'DrVault', 'arn:aws:backup:us-east-1:111122223333:backup-vault:harbor-dr');
  const harborPlan = new backup.BackupPlan(s, 'HarborBackupPlan', { backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'Nightly', scheduleExpression: events.Schedule.cron({ hour: '2', minute: '30' }), deleteAfter: Duration.days(90), copyActions: [{ destinationBackupVault: drVault, deleteAfter: Duration.days(90) }] })] });
  harborPlan.addSelection('Stores', { resources: [backup.BackupResource.fromEfsFileSystem(shared), backup.BackupResource.fromRdsDatabaseInstance(orders)] });
  const alarms = new sns.Topic(s, 'HarborAlarms', { masterKey: new kms.Key(s, 'AlarmKey', { enableKeyRotation: true }) });
  new cloudwatch.Alarm(s, 'Storefront5xx', { metric: alb.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT), threshold: 25, evaluationPeriods: 3 }).addAlarmAction(new cwactions.SnsAction(alarms));
  const sync = new iam.User(s, 'SftpSyncUser', { userName: 'legacy-sftp-sync' });
  media.grantReadWrite(sync);
  const syncKey = new iam.AccessKey(s, 'SftpSyncKey', { user: sync });
  new CfnOutput(s, 'SyncAccessKeyId', { value: syncKey.accessKeyId });
  new CfnOutput(s, 'SyncSecretAccessKey', { value: syncKey.secretAccessKey.unsafeUnwrap() });
  new ssm.StringParameter(s, 'SmtpRelayPassword', { parameterName: '/harbor/smtp/password', stringValue: 'smtp-Relay-Harbor-55' });
  new ssm.StringParameter(s, 'SmtpRelayHost', { parameterName: '/harbor/smtp/host', stringValue: 'smtp.harbor-shop.example.com' });
  new CfnOutput(s, 'StorefrontUrl', { value: `https://www.harbor-shop.example.com` });
}

// Cipher held-out apps (session 11, sealed): stacks named Cipher*, routed to templates/vault3cdk/, labelled in labels.vault3cdk.yaml
// (vault3cdk apps go here)
const cipherTransfer = await import('aws-cdk-lib/aws-transfer');
const cipherRss = await import('aws-cdk-lib/aws-redshiftserverless');
const cipherEmr = await import('aws-cdk-lib/aws-emr');
const cipherLf = await import('aws-cdk-lib/aws-lakeformation');
const cipherSched = await import('aws-cdk-lib/aws-scheduler');

// A headless CMS behind a static site: the site build bucket (autoDeleteObjects) behind CloudFront with OAC and
// logging, a media CDN on defaults that lets viewers stay on HTTP, Strapi-style CMS on an ALB Fargate pattern over
// plain HTTP with a pasted APP_KEYS/JWT secret beside an injected DB secret, Aurora PostgreSQL Serverless v2 (forced
// SSL, 14-day backups) and a legacy WordPress Aurora MySQL on defaults with a pasted password, an encrypted page
// cache, a rebuild webhook on a public function URL, a CodeBuild site builder with a plaintext CMS token, a
// 7-year Backup plan, a CMS request-log group left on the CDK default retention.
const cipherPress = new Stack(app, 'CipherPress', { env });
{
  const s = cipherPress;
  const vpc = new ec2.Vpc(s, 'PressVpc', { maxAzs: 2, natGateways: 1 });
  const logs_ = new s3.Bucket(s, 'PressLogs', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, lifecycleRules: [{ expiration: Duration.days(120) }] });
  const siteBuild = new s3.Bucket(s, 'SiteBuild', { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
  const media = new s3.Bucket(s, 'CmsMedia', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, versioned: true, serverAccessLogsBucket: logs_, serverAccessLogsPrefix: 's3/media/', cors: [{ allowedMethods: [s3.HttpMethods.GET, s3.HttpMethods.PUT], allowedOrigins: ['https://admin.press.example.org'] }] });
  new cloudfront.Distribution(s, 'SiteCdn', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(siteBuild), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS },
    defaultRootObject: 'index.html', errorResponses: [{ httpStatus: 404, responseHttpStatus: 200, responsePagePath: '/index.html' }],
    enableLogging: true, logBucket: logs_, logFilePrefix: 'cdn/site/',
  });
  new cloudfront.Distribution(s, 'MediaCdn', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(media) }, comment: 'uploads served to the site' });

  const dbSecretPg = new rds.DatabaseSecret(s, 'CmsDbSecret', { username: 'strapi' });
  const cmsDb = new rds.DatabaseCluster(s, 'CmsDb', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
    writer: rds.ClusterInstance.serverlessV2('Writer'), serverlessV2MinCapacity: 0.5, serverlessV2MaxCapacity: 4,
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, credentials: rds.Credentials.fromSecret(dbSecretPg),
    storageEncrypted: true, backup: { retention: Duration.days(14) }, parameters: { 'rds.force_ssl': '1' }, defaultDatabaseName: 'cms',
  });
  const wpDb = new rds.DatabaseCluster(s, 'LegacyBlogDb', {
    engine: rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_05_2 }),
    writer: rds.ClusterInstance.serverlessV2('Writer'), vpc,
    credentials: rds.Credentials.fromPassword('wpadmin', SecretValue.unsafePlainText('Blog-Legacy-2021!')),
    removalPolicy: RemovalPolicy.DESTROY,
  });

  const cacheSubnets = new elasticache.CfnSubnetGroup(s, 'PageCacheSubnets', { description: 'cms page cache', subnetIds: vpc.privateSubnets.map((x) => x.subnetId) });
  const cacheSg = new ec2.SecurityGroup(s, 'PageCacheSg', { vpc, description: 'page cache' });
  cacheSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(6379));
  new elasticache.CfnReplicationGroup(s, 'PageCache', { replicationGroupDescription: 'rendered pages', engine: 'valkey', engineVersion: '8.0', cacheNodeType: 'cache.t4g.small', numCacheClusters: 1, transitEncryptionEnabled: true, atRestEncryptionEnabled: true, cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId] });

  const cluster = new ecs.Cluster(s, 'CmsCluster', { vpc });
  const cms = new ecsPatterns.ApplicationLoadBalancedFargateService(s, 'Cms', {
    cluster, cpu: 512, memoryLimitMiB: 1024, desiredCount: 1, publicLoadBalancer: true,
    taskImageOptions: {
      image: ecs.ContainerImage.fromRegistry('strapi/strapi:4.25'), containerPort: 1337,
      environment: { DATABASE_CLIENT: 'postgres', DATABASE_HOST: cmsDb.clusterEndpoint.hostname, DATABASE_SSL: 'true', APP_KEYS: 'q7Yb2x9KfT,Lm4Pz8RwQe,Vn3Hs6GdJc,Xa1Ct5UoBi', JWT_SECRET: 'd2f9a8c4b7e1436a9f0e5c3b8a7d6e21', MEDIA_BUCKET: media.bucketName },
      secrets: { DATABASE_USERNAME: ecs.Secret.fromSecretsManager(dbSecretPg, 'username'), DATABASE_PASSWORD: ecs.Secret.fromSecretsManager(dbSecretPg, 'password') },
    },
  });
  cms.targetGroup.configureHealthCheck({ path: '/_health', healthyHttpCodes: '200-299' });
  media.grantReadWrite(cms.taskDefinition.taskRole);
  cmsDb.connections.allowDefaultPortFrom(cms.service);
  cacheSg.connections.allowFrom(cms.service, ec2.Port.tcp(6379));

  const webhookQueue = new sqs.Queue(s, 'RebuildQueue', { visibilityTimeout: Duration.minutes(5) });
  const hookFn = new lambda.Function(s, 'RebuildHookFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { QUEUE_URL: webhookQueue.queueUrl } });
  webhookQueue.grantSendMessages(hookFn);
  const hookUrl = hookFn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
  new CfnOutput(s, 'RebuildHookUrl', { value: hookUrl.url });
  const builder = new codebuild.Project(s, 'SiteBuilder', {
    source: codebuild.Source.gitHub({ owner: 'press-example', repo: 'site', webhook: false }),
    environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0, computeType: codebuild.ComputeType.SMALL },
    environmentVariables: { CMS_URL: { value: `http://${cms.loadBalancer.loadBalancerDnsName}` }, CMS_API_TOKEN: { value: 'a1f0c9e8d7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6', type: codebuild.BuildEnvironmentVariableType.PLAINTEXT }, SITE_BUCKET: { value: siteBuild.bucketName } },
    buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', phases: { install: { commands: ['npm ci'] }, build: { commands: ['npm run build', 'aws s3 sync out/ s3://$SITE_BUCKET --delete'] } } }),
  });
  siteBuild.grantReadWrite(builder);
  builder.addToRolePolicy(new iam.PolicyStatement({ actions: ['cloudfront:CreateInvalidation'], resources: ['*'] }));
  const workerFn = new lambda.Function(s, 'RebuildWorkerFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, timeout: Duration.minutes(1), environment: { PROJECT: builder.projectName } });
  workerFn.addEventSource(new eventsources.SqsEventSource(webhookQueue, { batchSize: 1 }));
  workerFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['codebuild:StartBuild'], resources: [builder.projectArn] }));
  new iam.User(s, 'EditorInChief', { userName: 'editor-in-chief', password: SecretValue.unsafePlainText('Welcome2Press!'), passwordResetRequired: true });
  new logs.LogGroup(s, 'StrapiRequestLogs', { logGroupName: '/press/cms-request-logs', removalPolicy: RemovalPolicy.DESTROY });
  const plan = backup.BackupPlan.dailyWeeklyMonthly7YearRetention(s, 'PressBackup');
  plan.addSelection('Databases', { resources: [backup.BackupResource.fromRdsDatabaseCluster(cmsDb), backup.BackupResource.fromRdsDatabaseCluster(wpDb)] });
}

// A telehealth appointment platform: patient (MFA optional) and clinician (MFA required) user pools, a REST API
// with a Cognito authorizer and access logs behind an unlogged regional WAF, appointments in a KMS table and a
// TableV2 with a us-east-2 replica, a patient-documents bucket with a rotated key, a logged booking workflow and an
// unlogged reminder workflow, EventBridge Scheduler reminders, an SMS topic without a key, a Twilio token in a
// Lambda environment, an unrotated reporting key, an EHR partner role without ExternalId, audit events forwarded to
// a us-east-1 bus, a tagged exports bucket kept 30 days, request logs kept 14 days.
const cipherClinic = new Stack(app, 'CipherClinic', { env });
{
  const s = cipherClinic;
  const phiKey = new kms.Key(s, 'PhiKey', { enableKeyRotation: true, alias: 'alias/clinic-phi', description: 'patient data' });
  const reportKey = new kms.Key(s, 'ReportingKey', { alias: 'alias/clinic-reporting' });
  const accessLogs = new s3.Bucket(s, 'ClinicAccessLogs', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(365) }] });
  const docs = new s3.Bucket(s, 'PatientDocuments', { encryption: s3.BucketEncryption.KMS, encryptionKey: phiKey, bucketKeyEnabled: true, enforceSSL: true, minimumTLSVersion: 1.2, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, versioned: true, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'documents/' });
  const exportsBucket = new s3.Bucket(s, 'ClaimExports', { encryption: s3.BucketEncryption.KMS, encryptionKey: reportKey, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'exports/', lifecycleRules: [{ expiration: Duration.days(30) }] });
  Tags.of(exportsBucket).add('DataSet', 'exported-reports');
  const appointments = new dynamodb.Table(s, 'Appointments', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: phiKey, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES });
  const providers = new dynamodb.TableV2(s, 'ProviderDirectory', { partitionKey: { name: 'providerId', type: dynamodb.AttributeType.STRING }, replicas: [{ region: 'us-east-2' }], pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });

  const patients = new cognito.UserPool(s, 'PatientPool', { selfSignUpEnabled: true, signInAliases: { email: true, phone: true }, autoVerify: { email: true }, mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { sms: true, otp: true }, accountRecovery: cognito.AccountRecovery.EMAIL_ONLY });
  const patientClient = patients.addClient('PatientApp', { authFlows: { userSrp: true }, preventUserExistenceErrors: true });
  const clinicians = new cognito.UserPool(s, 'ClinicianPool', { selfSignUpEnabled: false, signInAliases: { email: true }, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { sms: false, otp: true }, passwordPolicy: { minLength: 14, requireSymbols: true }, advancedSecurityMode: cognito.AdvancedSecurityMode.ENFORCED });
  clinicians.addClient('ClinicianPortal', { authFlows: { userSrp: true } });

  const bookingFn = new lambda.Function(s, 'BookingFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { TABLE: appointments.tableName, PROVIDERS: providers.tableName } });
  appointments.grantReadWriteData(bookingFn); providers.grantReadData(bookingFn);
  const docsFn = new lambda.Function(s, 'DocumentUrlFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { BUCKET: docs.bucketName } });
  docs.grantReadWrite(docsFn);
  const apiLogs = new logs.LogGroup(s, 'PatientApiRequestLogs', { logGroupName: '/clinic/patient-api-request-logs', retention: logs.RetentionDays.TWO_WEEKS, removalPolicy: RemovalPolicy.DESTROY });
  const api = new apigw.RestApi(s, 'PatientApi', { endpointTypes: [apigw.EndpointType.REGIONAL], deployOptions: { stageName: 'prod', accessLogDestination: new apigw.LogGroupLogDestination(apiLogs), accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(), loggingLevel: apigw.MethodLoggingLevel.ERROR, tracingEnabled: true }, cloudWatchRole: true });
  const auth = new apigw.CognitoUserPoolsAuthorizer(s, 'PatientAuthorizer', { cognitoUserPools: [patients] });
  const appts = api.root.addResource('appointments');
  appts.addMethod('GET', new apigw.LambdaIntegration(bookingFn), { authorizer: auth, authorizationType: apigw.AuthorizationType.COGNITO });
  appts.addMethod('POST', new apigw.LambdaIntegration(bookingFn), { authorizer: auth, authorizationType: apigw.AuthorizationType.COGNITO });
  api.root.addResource('documents').addMethod('POST', new apigw.LambdaIntegration(docsFn), { authorizer: auth, authorizationType: apigw.AuthorizationType.COGNITO });
  const acl = new wafv2.CfnWebACL(s, 'ApiFirewall', { scope: 'REGIONAL', defaultAction: { allow: {} }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'clinic-api', sampledRequestsEnabled: true }, rules: [{ name: 'common', priority: 0, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'common', sampledRequestsEnabled: true } }] });
  new wafv2.CfnWebACLAssociation(s, 'ApiFirewallAssoc', { resourceArn: api.deploymentStage.stageArn, webAclArn: acl.attrArn });

  const smsTopic = new sns.Topic(s, 'ReminderSms', { displayName: 'Clinic reminders' });
  const notifyFn = new lambda.Function(s, 'NotifyFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { TOPIC: smsTopic.topicArn, TWILIO_ACCOUNT_SID: 'AC5f2b8e1d9c4a7f3e6b0d2c8a1e9f4b7d3', TWILIO_AUTH_TOKEN: '9e4c1b7a2f8d5e0c3b6a9f1d4e7c2b8a' } });
  smsTopic.grantPublish(notifyFn);
  const confirm = new tasks.LambdaInvoke(s, 'ConfirmSlot', { lambdaFunction: bookingFn, outputPath: '$.Payload' });
  const notify = new tasks.LambdaInvoke(s, 'NotifyPatient', { lambdaFunction: notifyFn, outputPath: '$.Payload' });
  const bookingLogs = new logs.LogGroup(s, 'BookingFlowLogs', { retention: logs.RetentionDays.SIX_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
  new sfn.StateMachine(s, 'BookingFlow', { definitionBody: sfn.DefinitionBody.fromChainable(confirm.next(notify)), logs: { destination: bookingLogs, level: sfn.LogLevel.ERROR }, tracingEnabled: true });
  const wait = new sfn.Wait(s, 'UntilDayBefore', { time: sfn.WaitTime.timestampPath('$.remindAt') });
  const reminderFlow = new sfn.StateMachine(s, 'ReminderFlow', { definitionBody: sfn.DefinitionBody.fromChainable(wait.next(new tasks.LambdaInvoke(s, 'SendReminder', { lambdaFunction: notifyFn }))) });
  const schedRole = new iam.Role(s, 'ReminderSchedulerRole', { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com') });
  reminderFlow.grantStartExecution(schedRole);
  new cipherSched.CfnSchedule(s, 'DailyReminderSweep', { scheduleExpression: 'cron(0 7 * * ? *)', scheduleExpressionTimezone: 'Europe/Dublin', flexibleTimeWindow: { mode: 'OFF' }, target: { arn: reminderFlow.stateMachineArn, roleArn: schedRole.roleArn, input: '{"sweep":true}' } });

  const auditFn = new lambda.Function(s, 'AuditTrailFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code });
  auditFn.addEventSource(new eventsources.DynamoEventSource(appointments, { startingPosition: lambda.StartingPosition.LATEST, batchSize: 50, retryAttempts: 3 }));
  auditFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: ['*'] }));
  new events.Rule(s, 'ComplianceForward', { eventPattern: { source: ['clinic.audit'] }, targets: [new targets.EventBus(events.EventBus.fromEventBusArn(s, 'CorporateAuditBus', 'arn:aws:events:us-east-1:444455556666:event-bus/corporate-audit'))] });

  const reportFn = new lambda.Function(s, 'ClaimReportFn', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromInline('def handler(e, c):\n    return {}\n'), timeout: Duration.minutes(5), environment: { EXPORTS: exportsBucket.bucketName } });
  exportsBucket.grantWrite(reportFn);
  appointments.grantReadData(reportFn);
  new events.Rule(s, 'MonthlyClaims', { schedule: events.Schedule.cron({ day: '1', hour: '3', minute: '0' }), targets: [new targets.LambdaFunction(reportFn)] });

  new iam.Role(s, 'EhrPartnerRole', { assumedBy: new iam.AccountPrincipal('777788889999'), description: 'EHR vendor pulls appointment summaries', inlinePolicies: { read: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:Query'], resources: [appointments.tableArn] }), new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [phiKey.keyArn] })] }) } });
  new iam.Role(s, 'ClinicOpsRole', { assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')] });
  new cloudwatch.Alarm(s, 'BookingErrors', { metric: bookingFn.metricErrors({ period: Duration.minutes(5) }), threshold: 5, evaluationPeriods: 1 }).addAlarmAction(new cwactions.SnsAction(smsTopic));
}

// An internal ML / analytics workspace: a VPC with S3 flow logs, landing (KMS) / trusted (defaults, auto-delete)
// lake zones, a public docs website bucket, Glue with an over-broad crawler role and a job with a pasted password,
// Lake Formation, an Athena workgroup, an EMR Spark cluster without a security configuration, a SageMaker Studio
// domain on defaults and a locked-down notebook, Redshift Serverless with a pasted admin password, a feature-store
// PostgreSQL instance, Redis feature / scoring caches, an RStudio box open to the internet, a data-scientist role
// without MFA, a 30-day Backup plan, query request logs kept forever.
const cipherQuant = new Stack(app, 'CipherQuant', { env });
{
  const s = cipherQuant;
  const flowBucket = new s3.Bucket(s, 'QuantFlowLogs', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(365) }] });
  const vpc = new ec2.Vpc(s, 'QuantVpc', { maxAzs: 2, natGateways: 1, flowLogs: { s3: { destination: ec2.FlowLogDestination.toS3(flowBucket, 'vpc/'), trafficType: ec2.FlowLogTrafficType.ALL } } });
  const lakeKey = new kms.Key(s, 'LakeKey', { enableKeyRotation: true, alias: 'alias/quant-lake' });
  const lakeLogs = new s3.Bucket(s, 'LakeAccessLogs', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, lifecycleRules: [{ expiration: Duration.days(365) }] });
  const landing = new s3.Bucket(s, 'LandingZone', { encryption: s3.BucketEncryption.KMS, encryptionKey: lakeKey, bucketKeyEnabled: true, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: lakeLogs, serverAccessLogsPrefix: 'landing/' });
  const trusted = new s3.Bucket(s, 'TrustedZone', { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true, versioned: true });
  const results = new s3.Bucket(s, 'QueryResults', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(14) }] });
  results.node.defaultChild.addPropertyOverride('LoggingConfiguration', { DestinationBucketName: lakeLogs.bucketName, LogFilePrefix: 'results/' });
  const docsSite = new s3.Bucket(s, 'ModelDocsSite', { websiteIndexDocument: 'index.html', publicReadAccess: true, blockPublicAccess: new s3.BlockPublicAccess({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false }) });
  new CfnOutput(s, 'ModelDocsUrl', { value: docsSite.bucketWebsiteUrl });

  const crawlerRole = new iam.Role(s, 'LakeCrawlerRole', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com') });
  crawlerRole.addToPolicy(new iam.PolicyStatement({ actions: ['glue:*', 'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], resources: ['*'] }));
  landing.grantRead(crawlerRole); trusted.grantReadWrite(crawlerRole);
  new glue.CfnDatabase(s, 'QuantDatabase', { catalogId: s.account, databaseInput: { name: 'quant_lake' } });
  new glue.CfnCrawler(s, 'LandingCrawler', { role: crawlerRole.roleArn, databaseName: 'quant_lake', targets: { s3Targets: [{ path: `s3://${landing.bucketName}/market/` }] }, schedule: { scheduleExpression: 'cron(0 */6 * * ? *)' } });
  new glue.CfnJob(s, 'NormaliseTicks', { role: crawlerRole.roleArn, command: { name: 'glueetl', pythonVersion: '3', scriptLocation: `s3://${trusted.bucketName}/jobs/normalise.py` }, glueVersion: '4.0', workerType: 'G.1X', numberOfWorkers: 2, defaultArguments: { '--target': `s3://${trusted.bucketName}/ticks/`, '--vendor_db_url': 'postgresql://quant:Vend0rFeed!2024@vendor-feed.example.net:5432/ticks' } });
  new cipherLf.CfnDataLakeSettings(s, 'LakeAdmins', { admins: [{ dataLakePrincipalIdentifier: crawlerRole.roleArn }] });
  new athena.CfnWorkGroup(s, 'ResearchWorkgroup', { name: 'quant-research', workGroupConfiguration: { enforceWorkGroupConfiguration: true, bytesScannedCutoffPerQuery: 10737418240, resultConfiguration: { outputLocation: `s3://${results.bucketName}/athena/`, encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: lakeKey.keyArn } } } });

  const emrLogs = new s3.Bucket(s, 'EmrLogs', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(60) }] });
  const emrServiceRole = new iam.Role(s, 'EmrServiceRole', { assumedBy: new iam.ServicePrincipal('elasticmapreduce.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonEMRServicePolicy_v2')] });
  const emrNodeRole = new iam.Role(s, 'EmrNodeRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
  landing.grantRead(emrNodeRole); trusted.grantReadWrite(emrNodeRole); emrLogs.grantWrite(emrNodeRole);
  const emrProfile = new iam.CfnInstanceProfile(s, 'EmrNodeProfile', { roles: [emrNodeRole.roleName] });
  new cipherEmr.CfnCluster(s, 'SparkCluster', {
    name: 'quant-spark', releaseLabel: 'emr-7.2.0', applications: [{ name: 'Spark' }, { name: 'JupyterEnterpriseGateway' }],
    serviceRole: emrServiceRole.roleArn, jobFlowRole: emrProfile.ref, logUri: `s3://${emrLogs.bucketName}/spark/`, visibleToAllUsers: true,
    instances: { ec2SubnetId: vpc.privateSubnets[0].subnetId, masterInstanceGroup: { instanceCount: 1, instanceType: 'm6g.xlarge' }, coreInstanceGroup: { instanceCount: 2, instanceType: 'r6g.2xlarge' }, terminationProtected: false },
  });

  const studioRole = new iam.Role(s, 'StudioExecutionRole', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSageMakerFullAccess')] });
  landing.grantRead(studioRole); trusted.grantReadWrite(studioRole);
  const domain = new sagemaker.CfnDomain(s, 'ResearchStudio', { authMode: 'IAM', domainName: 'quant-research', vpcId: vpc.vpcId, subnetIds: vpc.privateSubnets.map((x) => x.subnetId), defaultUserSettings: { executionRole: studioRole.roleArn } });
  for (const u of ['alice', 'bohdan']) new sagemaker.CfnUserProfile(s, `Profile${u}`, { domainId: domain.attrDomainId, userProfileName: u });
  const nbSg = new ec2.SecurityGroup(s, 'NotebookSg', { vpc, description: 'notebook', allowAllOutbound: true });
  new sagemaker.CfnNotebookInstance(s, 'RiskNotebook', { instanceType: 'ml.t3.large', roleArn: studioRole.roleArn, subnetId: vpc.privateSubnets[0].subnetId, securityGroupIds: [nbSg.securityGroupId], directInternetAccess: 'Disabled', rootAccess: 'Disabled', kmsKeyId: lakeKey.keyId, volumeSizeInGb: 50 });

  const rsNs = new cipherRss.CfnNamespace(s, 'WarehouseNamespace', { namespaceName: 'quant-wh', adminUsername: 'quant_admin', adminUserPassword: 'Quant-Warehouse-77', dbName: 'research', iamRoles: [studioRole.roleArn] });
  const rsSg = new ec2.SecurityGroup(s, 'WarehouseSg', { vpc, description: 'redshift serverless' });
  rsSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(5439));
  const wg = new cipherRss.CfnWorkgroup(s, 'WarehouseWorkgroup', { workgroupName: 'quant-wh', namespaceName: 'quant-wh', baseCapacity: 32, subnetIds: vpc.privateSubnets.map((x) => x.subnetId), securityGroupIds: [rsSg.securityGroupId], enhancedVpcRouting: true });
  wg.addDependency(rsNs);

  const featureDb = new rds.DatabaseInstance(s, 'FeatureStoreDb', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16_4 }), vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE), storageEncrypted: true, backupRetention: Duration.days(3), multiAz: false, deletionProtection: false,
    cloudwatchLogsExports: ['postgresql'],
  });
  const cacheSubnets = new elasticache.CfnSubnetGroup(s, 'CacheSubnets', { description: 'quant caches', subnetIds: vpc.privateSubnets.map((x) => x.subnetId) });
  const cacheSg = new ec2.SecurityGroup(s, 'CacheSg', { vpc, description: 'caches' });
  cacheSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(6379));
  new elasticache.CfnReplicationGroup(s, 'FeatureCache', { replicationGroupDescription: 'online features', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.r7g.large', numCacheClusters: 2, automaticFailoverEnabled: true, transitEncryptionEnabled: true, atRestEncryptionEnabled: true, kmsKeyId: lakeKey.keyArn, cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId] });
  new elasticache.CfnCacheCluster(s, 'ScoringCache', { engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.t4g.medium', numCacheNodes: 1, cacheSubnetGroupName: cacheSubnets.ref, vpcSecurityGroupIds: [cacheSg.securityGroupId], snapshotRetentionLimit: 5, snapshotWindow: '03:00-04:00' });

  const rstudioSg = new ec2.SecurityGroup(s, 'RStudioSg', { vpc, description: 'rstudio server' });
  rstudioSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(8787), 'rstudio');
  rstudioSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'admin ssh');
  const rstudio = new ec2.Instance(s, 'RStudioServer', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.M6I, ec2.InstanceSize.XLARGE), machineImage: ec2.MachineImage.latestAmazonLinux2023(), securityGroup: rstudioSg, keyPair: ec2.KeyPair.fromKeyPairName(s, 'QuantKey', 'quant-admin') });
  landing.grantRead(rstudio);
  const share = new efs.FileSystem(s, 'ResearchShare', { vpc, encrypted: true, performanceMode: efs.PerformanceMode.GENERAL_PURPOSE, removalPolicy: RemovalPolicy.DESTROY });
  share.connections.allowDefaultPortFrom(rstudio);

  new iam.Role(s, 'DataScientistRole', { assumedBy: new iam.AccountRootPrincipal(), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3FullAccess'), iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonAthenaFullAccess')], maxSessionDuration: Duration.hours(12) });
  const modelAlerts = new sns.Topic(s, 'ModelAlerts', { masterKey: kms.Alias.fromAliasName(s, 'AwsSnsKey', 'alias/aws/sns') });
  modelAlerts.addSubscription(new subs.EmailSubscription('quant-oncall@research.example.net'));
  modelAlerts.addSubscription(new subs.SqsSubscription(sqs.Queue.fromQueueArn(s, 'VendorRiskQueue', 'arn:aws:sqs:us-east-1:222233334444:model-risk-intake'), { rawMessageDelivery: true }));
  new logs.LogGroup(s, 'NotebookQueryRequestLogs', { logGroupName: '/quant/query-request-logs', retention: logs.RetentionDays.INFINITE, removalPolicy: RemovalPolicy.RETAIN });
  const plan = new backup.BackupPlan(s, 'ResearchBackup', { backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'Daily30', scheduleExpression: events.Schedule.cron({ hour: '2', minute: '0' }), deleteAfter: Duration.days(30) })] });
  plan.addSelection('Shares', { resources: [backup.BackupResource.fromEfsFileSystem(share), backup.BackupResource.fromRdsDatabaseInstance(featureDb)] });
}

// A B2B file exchange / EDI gateway: an SFTP server on the public endpoint without logging, a legacy plain-FTP
// server in the VPC, partner inbound (KMS) and outbound buckets, an ActiveMQ broker on a public endpoint with a pasted
// password, an AS2 gateway Auto Scaling group behind an internet-facing NLB with a TLS listener, a partner portal on
// an HTTPS ALB Fargate pattern whose tasks get public IPs, an SSM bastion, a Windows EDI translator reachable from the
// corporate range and a reporting box with RDP open, SQS FIFO with an unencrypted DLQ, an Express translation
// workflow, CloudTrail with data events, a Memcached partner directory, a serverless Valkey cache with snapshots, a
// partner sync user whose secret key is an output, statements exports kept a year, a 90-day Backup plan copied to
// us-east-1.
const cipherExchange = new Stack(app, 'CipherExchange', { env });
{
  const s = cipherExchange;
  const vpc = new ec2.Vpc(s, 'ExchangeVpc', { maxAzs: 2, natGateways: 2, flowLogs: { cw: { trafficType: ec2.FlowLogTrafficType.REJECT } } });
  const fileKey = new kms.Key(s, 'PartnerFileKey', { enableKeyRotation: true, alias: 'alias/exchange-files' });
  const auditBucket = new s3.Bucket(s, 'ExchangeAccessLogs', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(400) }] });
  const inbound = new s3.Bucket(s, 'PartnerInbound', { encryption: s3.BucketEncryption.KMS, encryptionKey: fileKey, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, versioned: true, serverAccessLogsBucket: auditBucket, serverAccessLogsPrefix: 'inbound/' });
  const outbound = new s3.Bucket(s, 'PartnerOutbound', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  const statements = new s3.Bucket(s, 'StatementExports', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: auditBucket, serverAccessLogsPrefix: 'statements/', lifecycleRules: [{ expiration: Duration.days(365) }] });
  Tags.of(statements).add('DataSet', 'exported-reports');

  const sftpLogRole = new iam.Role(s, 'SftpUserRole', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com'), description: 'partners land files in their own prefix' });
  inbound.grantReadWrite(sftpLogRole); fileKey.grantEncryptDecrypt(sftpLogRole);
  const sftp = new cipherTransfer.CfnServer(s, 'PartnerSftp', { protocols: ['SFTP'], endpointType: 'PUBLIC', identityProviderType: 'SERVICE_MANAGED', securityPolicyName: 'TransferSecurityPolicy-2024-01', domain: 'S3' });
  for (const p of ['acme', 'globex']) new cipherTransfer.CfnUser(s, `Sftp${p}`, { serverId: sftp.attrServerId, userName: p, role: sftpLogRole.roleArn, homeDirectoryType: 'LOGICAL', homeDirectoryMappings: [{ entry: '/', target: `/${inbound.bucketName}/${p}` }], sshPublicKeys: [`ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${p}ExampleKeyMaterialOnlyForShape ${p}@partner`] });
  const ftpAuthFn = new lambda.Function(s, 'FtpIdentityFn', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromInline('def handler(e, c):\n    return {}\n') });
  ftpAuthFn.addPermission('TransferInvoke', { principal: new iam.ServicePrincipal('transfer.amazonaws.com'), sourceAccount: s.account });
  const ftpLogRole = new iam.Role(s, 'FtpLoggingRole', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSTransferLoggingAccess')] });
  const ftpSg = new ec2.SecurityGroup(s, 'LegacyFtpSg', { vpc, description: 'legacy ftp for the mainframe' });
  ftpSg.addIngressRule(ec2.Peer.ipv4('10.40.0.0/16'), ec2.Port.tcpRange(21, 21), 'mainframe');
  ftpSg.addIngressRule(ec2.Peer.ipv4('10.40.0.0/16'), ec2.Port.tcpRange(8192, 8200), 'passive ports');
  new cipherTransfer.CfnServer(s, 'LegacyFtp', { protocols: ['FTP'], endpointType: 'VPC', endpointDetails: { vpcId: vpc.vpcId, subnetIds: vpc.privateSubnets.map((x) => x.subnetId), securityGroupIds: [ftpSg.securityGroupId] }, identityProviderType: 'AWS_LAMBDA', identityProviderDetails: { function: ftpAuthFn.functionArn }, loggingRole: ftpLogRole.roleArn });

  new amazonmq.CfnBroker(s, 'EdiBroker', { brokerName: 'exchange-edi', engineType: 'ACTIVEMQ', engineVersion: '5.18', hostInstanceType: 'mq.m5.large', deploymentMode: 'SINGLE_INSTANCE', publiclyAccessible: true, autoMinorVersionUpgrade: true, users: [{ username: 'edi-admin', password: 'Broker-Admin-Pass-2020', consoleAccess: true }], logs: { general: true } });

  const gwSg = new ec2.SecurityGroup(s, 'As2GatewaySg', { vpc, description: 'as2 gateway' });
  gwSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(8443), 'nlb health and traffic');
  const gwRole = new iam.Role(s, 'As2GatewayRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')] });
  inbound.grantReadWrite(gwRole); outbound.grantRead(gwRole);
  const gwTemplate = new ec2.LaunchTemplate(s, 'As2GatewayTemplate', { machineImage: ec2.MachineImage.latestAmazonLinux2023(), instanceType: ec2.InstanceType.of(ec2.InstanceClass.C7G, ec2.InstanceSize.LARGE), requireImdsv2: true, role: gwRole, securityGroup: gwSg, blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(30, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3 }) }] });
  const gwAsg = new autoscaling.AutoScalingGroup(s, 'As2Gateways', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, launchTemplate: gwTemplate, minCapacity: 2, maxCapacity: 4 });
  const as2Cert = acm.Certificate.fromCertificateArn(s, 'As2Cert', 'arn:aws:acm:eu-west-1:111122223333:certificate/0c7f3a9e-51d2-4b6e-8f10-2a4c6e8b0d13');
  const nlb = new elbv2.NetworkLoadBalancer(s, 'As2Nlb', { vpc, internetFacing: true, crossZoneEnabled: true });
  nlb.addListener('As2Tls', { port: 443, protocol: elbv2.Protocol.TLS, certificates: [elbv2.ListenerCertificate.fromCertificateManager(as2Cert)], defaultTargetGroups: [new elbv2.NetworkTargetGroup(s, 'As2Targets', { vpc, port: 8443, protocol: elbv2.Protocol.TCP, targets: [gwAsg] })] });

  const portalCert = acm.Certificate.fromCertificateArn(s, 'PortalCert', 'arn:aws:acm:eu-west-1:111122223333:certificate/7d2e9b41-0a6c-4f53-9e18-b5c3d7a1f206');
  const portalCluster = new ecs.Cluster(s, 'PortalCluster', { vpc, containerInsights: true });
  const portal = new ecsPatterns.ApplicationLoadBalancedFargateService(s, 'PartnerPortal', { cluster: portalCluster, certificate: portalCert, redirectHTTP: true, protocol: elbv2.ApplicationProtocol.HTTPS, assignPublicIp: true, taskSubnets: { subnetType: ec2.SubnetType.PUBLIC }, taskImageOptions: { image: ecs.ContainerImage.fromRegistry('ghcr.io/exchange-example/partner-portal:3.2'), containerPort: 8080, environment: { OUTBOUND_BUCKET: outbound.bucketName } } });
  outbound.grantRead(portal.taskDefinition.taskRole);

  const bastion = new ec2.BastionHostLinux(s, 'OpsBastion', { vpc, blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(10, { encrypted: true }) }] });
  const translatorSg = new ec2.SecurityGroup(s, 'TranslatorSg', { vpc, description: 'edi translator' });
  translatorSg.addIngressRule(ec2.Peer.ipv4('10.0.0.0/8'), ec2.Port.tcp(3389), 'corporate desktops');
  new ec2.Instance(s, 'EdiTranslator', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.M6I, ec2.InstanceSize.LARGE), machineImage: ec2.MachineImage.latestWindows(ec2.WindowsVersion.WINDOWS_SERVER_2022_ENGLISH_FULL_BASE), securityGroup: translatorSg, blockDevices: [{ deviceName: '/dev/sda1', volume: ec2.BlockDeviceVolume.ebs(80, { encrypted: true }) }] });
  const reportSg = new ec2.SecurityGroup(s, 'ReportingBoxSg', { vpc, description: 'crystal reports' });
  reportSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(3389), 'vendor support');
  new ec2.Instance(s, 'ReportingBox', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.LARGE), machineImage: ec2.MachineImage.latestWindows(ec2.WindowsVersion.WINDOWS_SERVER_2019_ENGLISH_FULL_BASE), securityGroup: reportSg, blockDevices: [{ deviceName: '/dev/sda1', volume: ec2.BlockDeviceVolume.ebs(60, { encrypted: true }) }] });

  const dlq = new sqs.Queue(s, 'InboundFilesDlq', { fifo: true, encryption: sqs.QueueEncryption.UNENCRYPTED, retentionPeriod: Duration.days(14) });
  const fileQueue = new sqs.Queue(s, 'InboundFiles', { fifo: true, contentBasedDeduplication: true, encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: fileKey, deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
  const ledger = new dynamodb.Table(s, 'TransferLedger', { partitionKey: { name: 'fileId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, removalPolicy: RemovalPolicy.DESTROY });
  const intakeFn = new lambda.Function(s, 'IntakeFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { QUEUE: fileQueue.queueUrl, LEDGER: ledger.tableName } });
  fileQueue.grantSendMessages(intakeFn); ledger.grantReadWriteData(intakeFn); inbound.grantRead(intakeFn);
  inbound.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(intakeFn));
  const translateFn = new lambda.Function(s, 'TranslateFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { OUTBOUND: outbound.bucketName } });
  outbound.grantWrite(translateFn); inbound.grantRead(translateFn); ledger.grantReadWriteData(translateFn);
  const flowLogs = new logs.LogGroup(s, 'TranslateFlowLogs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
  new sfn.StateMachine(s, 'TranslateFlow', { stateMachineType: sfn.StateMachineType.EXPRESS, definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(s, 'Translate', { lambdaFunction: translateFn, outputPath: '$.Payload' })), logs: { destination: flowLogs, level: sfn.LogLevel.ALL, includeExecutionData: false } });
  new logs.LogGroup(s, 'GatewayRequestLogs', { logGroupName: '/exchange/as2-request-logs', retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });

  const trail = new cloudtrail.Trail(s, 'ExchangeTrail', { isMultiRegionTrail: true, enableFileValidation: true, includeGlobalServiceEvents: true });
  trail.addS3EventSelector([{ bucket: inbound }], { readWriteType: cloudtrail.ReadWriteType.ALL });

  const cacheSubnets = new elasticache.CfnSubnetGroup(s, 'DirectorySubnets', { description: 'partner directory cache', subnetIds: vpc.privateSubnets.map((x) => x.subnetId) });
  const dirSg = new ec2.SecurityGroup(s, 'DirectoryCacheSg', { vpc, description: 'memcached' });
  dirSg.addIngressRule(gwSg, ec2.Port.tcp(11211));
  new elasticache.CfnCacheCluster(s, 'PartnerDirectoryCache', { engine: 'memcached', cacheNodeType: 'cache.t4g.small', numCacheNodes: 2, azMode: 'cross-az', cacheSubnetGroupName: cacheSubnets.ref, vpcSecurityGroupIds: [dirSg.securityGroupId] });
  new elasticache.CfnServerlessCache(s, 'TokenCache', { engine: 'valkey', majorEngineVersion: '8', serverlessCacheName: 'exchange-tokens', subnetIds: vpc.privateSubnets.map((x) => x.subnetId), securityGroupIds: [dirSg.securityGroupId], snapshotRetentionLimit: 2, dailySnapshotTime: '02:30' });

  const syncUser = new iam.User(s, 'PartnerSyncUser', { userName: 'globex-outbound-sync' });
  syncUser.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: [outbound.bucketArn, outbound.arnForObjects('*')] }));
  const syncKey = new iam.AccessKey(s, 'PartnerSyncKey', { user: syncUser });
  new CfnOutput(s, 'PartnerSyncKeyId', { value: syncKey.accessKeyId });
  new CfnOutput(s, 'PartnerSyncSecret', { value: syncKey.secretAccessKey.unsafeUnwrap() });

  const plan = new backup.BackupPlan(s, 'ExchangeBackup', { backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'Daily90', scheduleExpression: events.Schedule.cron({ hour: '1', minute: '30' }), deleteAfter: Duration.days(90), copyActions: [{ destinationBackupVault: backup.BackupVault.fromBackupVaultArn(s, 'UsDrVault', 'arn:aws:backup:us-east-1:111122223333:backup-vault:exchange-dr'), deleteAfter: Duration.days(90) }] })] });
  plan.addSelection('Ledger', { resources: [backup.BackupResource.fromDynamoDbTable(ledger)] });
}

// Radar apps (session 11, scout): stacks named Radar*, routed to templates/scout8cdk/, labelled in labels.scout8cdk.yaml
// (scout8cdk apps go here)
const { Construct } = await import('constructs');
// Written after the shapes of public CDK apps read this session (ecs-patterns samples with fromRegistry images and
// an ECS cluster per app, HttpApi stacks that take a user pool from an identity stack and wrap HttpApi in their own
// construct, custom domains with imported certificates, CloudFront in a stack that reads a us-east-1 certificate);
// own names and values.
const radarAuthz = await import('aws-cdk-lib/aws-apigatewayv2-authorizers');
const { Aspects } = await import('aws-cdk-lib');
const radarEnv = { account: '111122223333', region: 'eu-west-1' };
const radarUs = { account: '111122223333', region: 'us-east-1' };
const radarCode = lambda.Code.fromInline('exports.handler = async (e) => ({ statusCode: 200, body: JSON.stringify(e) });');

// The app's own L3s wrapping L2s, with options (as teams write them in lib/constructs/).
class RadarQueue extends Construct {
  constructor(scope, id, props = {}) {
    super(scope, id);
    this.dlq = new sqs.Queue(this, 'Dlq', { retentionPeriod: Duration.days(14), encryption: props.encrypted === false ? sqs.QueueEncryption.UNENCRYPTED : sqs.QueueEncryption.SQS_MANAGED, enforceSSL: props.enforceSSL ?? true });
    this.queue = new sqs.Queue(this, 'Queue', { visibilityTimeout: Duration.seconds(props.visibility ?? 60), encryption: props.encrypted === false ? sqs.QueueEncryption.UNENCRYPTED : sqs.QueueEncryption.SQS_MANAGED, enforceSSL: props.enforceSSL ?? true, deadLetterQueue: { queue: this.dlq, maxReceiveCount: props.maxReceiveCount ?? 5 } });
  }
}
class RadarBucket extends Construct {
  constructor(scope, id, props = {}) {
    super(scope, id);
    this.key = props.kms ? new kms.Key(this, 'Key', { enableKeyRotation: true, description: `${id} bucket key` }) : undefined;
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: props.kms ? s3.BucketEncryption.KMS : s3.BucketEncryption.S3_MANAGED,
      encryptionKey: this.key,
      enforceSSL: props.enforceSSL ?? true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      versioned: props.versioned ?? false,
      serverAccessLogsBucket: props.logBucket,
      serverAccessLogsPrefix: props.logBucket ? `${id.toLowerCase()}/` : undefined,
      lifecycleRules: props.expireDays ? [{ expiration: Duration.days(props.expireDays) }] : undefined,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
// An Aspect that changes settings: every RDS instance is made private, every log group without retention gets 14 days.
class RadarGuardrails {
  visit(node) {
    if (node instanceof rds.CfnDBInstance) node.publiclyAccessible = false;
    if (node instanceof logs.CfnLogGroup && node.retentionInDays === undefined) node.retentionInDays = 14;
  }
}

// ---- RadarPortal app: identity stack, API stack, a us-east-1 certificate stack and an edge stack (4 stacks) ----
const radarIdentity = new Stack(app, 'RadarIdentity', { env: radarEnv });
const radarCustomers = new cognito.UserPool(radarIdentity, 'FleetOwnersPool', { selfSignUpEnabled: true, signInAliases: { email: true }, passwordPolicy: { minLength: 10 } });
const radarCustomerClient = radarCustomers.addClient('SpaClient', { authFlows: { userSrp: true } });
const radarStaff = new cognito.UserPool(radarIdentity, 'StaffPool', { selfSignUpEnabled: false, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false }, advancedSecurityMode: undefined });
radarStaff.addClient('ConsoleClient');
radarCustomers.addDomain('HostedUi', { cognitoDomain: { domainPrefix: 'radar-portal-login' } });
const radarOperators = new iam.Group(radarIdentity, 'PortalOperators');
radarOperators.addManagedPolicy(new iam.ManagedPolicy(radarIdentity, 'OperatorsPolicy', { statements: [new iam.PolicyStatement({ actions: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminDisableUser', 'cognito-idp:ListUsers'], resources: [radarCustomers.userPoolArn] })] }));
Tags.of(radarIdentity).add('radar:tier', 'identity');

const radarApi = new Stack(app, 'RadarApi', { env: radarEnv, description: 'Radar portal APIs' });
let radarPortalDomain;
{
  const s = radarApi;
  const cert = acm.Certificate.fromCertificateArn(s, 'ApiCert', 'arn:aws:acm:eu-west-1:111122223333:certificate/6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d');
  const devices = new dynamodb.TableV2(s, 'DevicesTable', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, replicas: [{ region: 'eu-central-1' }] });
  const alerts = new dynamodb.TableV2(s, 'AlertsTable', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, timeToLiveAttribute: 'expiresAt', pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, replicas: [{ region: 'us-east-1' }] });
  const readFn = new lambda.Function(s, 'DevicesReadFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: radarCode, environment: { TABLE: devices.tableName }, tracing: lambda.Tracing.ACTIVE });
  devices.grantReadData(readFn);
  const writeFn = new lambda.Function(s, 'DevicesWriteFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: radarCode, environment: { TABLE: devices.tableName, ALERTS: alerts.tableName } });
  devices.grantReadWriteData(writeFn);
  alerts.grantWriteData(writeFn);
  const reqLogs = new logs.LogGroup(s, 'PortalRequestLogs', { logGroupName: '/radar/portal-request-logs', retention: logs.RetentionDays.ONE_MONTH });
  radarPortalDomain = new apigwv2.DomainName(s, 'PortalDomain', { domainName: 'api.radar-portal.example.com', certificate: cert });
  const portal = new apigwv2.HttpApi(s, 'PortalApi', {
    createDefaultStage: false,
    defaultAuthorizer: new radarAuthz.HttpJwtAuthorizer('CustomerJwt', radarCustomers.userPoolProviderUrl, { jwtAudience: [radarCustomerClient.userPoolClientId] }),
    corsPreflight: { allowOrigins: ['https://radar-portal.example.com'], allowMethods: [apigwv2.CorsHttpMethod.GET, apigwv2.CorsHttpMethod.POST] },
  });
  portal.addRoutes({ path: '/devices', methods: [apigwv2.HttpMethod.GET], integration: new HttpLambdaIntegration('DevicesRead', readFn) });
  portal.addRoutes({ path: '/devices', methods: [apigwv2.HttpMethod.POST], integration: new HttpLambdaIntegration('DevicesWrite', writeFn) });
  new apigwv2.HttpStage(s, 'PortalStage', { httpApi: portal, stageName: '$default', autoDeploy: true, domainMapping: { domainName: radarPortalDomain }, accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(reqLogs) }, throttle: { rateLimit: 200, burstLimit: 400 } });

  // Partner API: a Lambda (REQUEST) authorizer holding a shared key, a legacy custom domain, no access log.
  const partnerAuthFn = new lambda.Function(s, 'PartnerAuthorizerFn', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'auth.handler', code: radarCode, environment: { PARTNER_SHARED_KEY: 'psk_live_Yt7wQ2n9Rk4bV8mZ3cX6' } });
  const partner = new apigwv2.HttpApi(s, 'PartnerApi', {
    defaultAuthorizer: new radarAuthz.HttpLambdaAuthorizer('PartnerKey', partnerAuthFn, { responseTypes: [radarAuthz.HttpLambdaResponseType.SIMPLE], identitySource: ['$request.header.X-Partner-Key'] }),
  });
  const ingestQ = new RadarQueue(s, 'PartnerIngest', { visibility: 120 });
  const ingestFn = new lambda.Function(s, 'PartnerIngestFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: radarCode, environment: { QUEUE_URL: ingestQ.queue.queueUrl } });
  ingestQ.queue.grantSendMessages(ingestFn);
  partner.addRoutes({ path: '/events', methods: [apigwv2.HttpMethod.POST], integration: new HttpLambdaIntegration('PartnerEvents', ingestFn) });
  // The v1 partner endpoint kept for older integrations: a REST API on a custom domain with the legacy TLS policy.
  const legacyRest = new apigw.LambdaRestApi(s, 'PartnerLegacyApi', { handler: ingestFn, proxy: true, endpointTypes: [apigw.EndpointType.REGIONAL] });
  new apigw.DomainName(s, 'PartnerDomain', { domainName: 'partners.radar-portal.example.com', certificate: cert, securityPolicy: apigw.SecurityPolicy.TLS_1_0, endpointType: apigw.EndpointType.REGIONAL, mapping: legacyRest });
  const legacyQ = new RadarQueue(s, 'LegacyWebhooks', { encrypted: false, enforceSSL: false });
  legacyQ.queue.grantConsumeMessages(writeFn);

  // Session cache: serverless Valkey with daily snapshots kept a week.
  new elasticache.CfnServerlessCache(s, 'SessionCache', { engine: 'valkey', serverlessCacheName: 'radar-sessions', majorEngineVersion: '8', snapshotRetentionLimit: 7, dailySnapshotTime: '03:00' });
  const exportFn = new lambda.Function(s, 'DevicesExportFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: radarCode, environment: { TABLE: devices.tableName } });
  devices.grantReadData(exportFn);
  exportFn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
  new CfnOutput(s, 'PortalUrl', { value: `https://${radarPortalDomain.name}` });
  Tags.of(s).add('radar:tier', 'api');
}

const radarEdgeCert = new Stack(app, 'RadarEdgeCert', { env: radarUs, crossRegionReferences: true });
const radarZone = route53.HostedZone.fromHostedZoneAttributes(radarEdgeCert, 'Zone', { hostedZoneId: 'Z0RADAR1234567', zoneName: 'radar-portal.example.com' });
const radarCfCert = new acm.Certificate(radarEdgeCert, 'EdgeCert', { domainName: 'radar-portal.example.com', subjectAlternativeNames: ['docs.radar-portal.example.com'], validation: acm.CertificateValidation.fromDns(radarZone) });

const radarEdge = new Stack(app, 'RadarEdge', { env: radarEnv, crossRegionReferences: true });
{
  const s = radarEdge;
  const cdnLogs = new s3.Bucket(s, 'CdnLogBucket', { objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true, lifecycleRules: [{ expiration: Duration.days(90) }] });
  const site = new RadarBucket(s, 'SpaSite', { versioned: true });
  const rewrite = new cloudfront.Function(s, 'SpaRewrite', { code: cloudfront.FunctionCode.fromInline('function handler(event) { var r = event.request; if (!r.uri.includes(".")) { r.uri = "/index.html"; } return r; }'), runtime: cloudfront.FunctionRuntime.JS_2_0 });
  const headers = new cloudfront.ResponseHeadersPolicy(s, 'SecurityHeaders', {
    securityHeadersBehavior: {
      strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, preload: true, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
    },
  });
  new cloudfront.Distribution(s, 'PortalCdn', {
    certificate: radarCfCert,
    domainNames: ['radar-portal.example.com'],
    defaultRootObject: 'index.html',
    enableLogging: true,
    logBucket: cdnLogs,
    logFilePrefix: 'portal/',
    defaultBehavior: {
      origin: origins.S3BucketOrigin.withOriginAccessControl(site.bucket),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      responseHeadersPolicy: headers,
      functionAssociations: [{ function: rewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
    },
    additionalBehaviors: {
      '/api/*': { origin: new origins.HttpOrigin('api.radar-portal.example.com'), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.ALLOW_ALL, allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL, cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED, originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER },
      '/assets/*': { origin: origins.S3BucketOrigin.withOriginAccessControl(site.bucket), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY, responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS },
    },
  });
  new s3deploy.BucketDeployment(s, 'DeploySpa', { sources: [s3deploy.Source.data('index.html', '<!doctype html><title>Radar</title><div id="app"></div>')], destinationBucket: site.bucket, prune: false });

  // Product docs: an S3 website origin (HTTP only to the origin) behind a distribution on an old TLS floor.
  const docs = new s3.Bucket(s, 'DocsWebsite', { websiteIndexDocument: 'index.html', websiteErrorDocument: '404.html', publicReadAccess: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY });
  new cloudfront.Distribution(s, 'DocsCdn', {
    certificate: radarCfCert,
    domainNames: ['docs.radar-portal.example.com'],
    minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2016,
    defaultBehavior: { origin: new origins.S3StaticWebsiteOrigin(docs), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.ALLOW_ALL },
  });
  new s3deploy.BucketDeployment(s, 'DeployDocs', { sources: [s3deploy.Source.data('index.html', '<!doctype html><title>Radar docs</title>')], destinationBucket: docs });
  Tags.of(s).add('radar:tier', 'edge');
}

// ---- RadarFleet app: a network stack and a container stack that imports it (2 stacks) ----
const radarNetwork = new Stack(app, 'RadarNetwork', { env: radarEnv });
const radarVpc = new ec2.Vpc(radarNetwork, 'FleetVpc', { maxAzs: 2, natGateways: 1, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 }, { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 }, { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 26 }] });
const radarFleet = new Stack(app, 'RadarFleet', { env: radarEnv });
{
  const s = radarFleet;
  const vpc = radarVpc;
  const cluster = new ecs.Cluster(s, 'FleetCluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
  const albLogs = new s3.Bucket(s, 'AlbLogBucket', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(30) }] });
  const dbSecret = new secretsmanager.Secret(s, 'TrackerDbCredentials', { generateSecretString: { secretStringTemplate: JSON.stringify({ username: 'tracker' }), generateStringKey: 'password', excludePunctuation: true } });

  // Public tracker web app: HTTPS with a modern policy and HTTP -> HTTPS redirect, access logs on.
  const web = new ecsPatterns.ApplicationLoadBalancedFargateService(s, 'TrackerWeb', {
    cluster, cpu: 512, memoryLimitMiB: 1024, desiredCount: 2,
    certificate: acm.Certificate.fromCertificateArn(s, 'WebCert', 'arn:aws:acm:eu-west-1:111122223333:certificate/0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f'),
    redirectHTTP: true, sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS, protocol: elbv2.ApplicationProtocol.HTTPS,
    taskImageOptions: { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/radar/tracker-web:2.4.1'), containerPort: 8080, environment: { NODE_ENV: 'production' }, secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(dbSecret, 'password') } },
  });
  web.loadBalancer.logAccessLogs(albLogs, 'tracker-web');
  web.targetGroup.configureHealthCheck({ path: '/healthz' });

  // Internal admin console: plain HTTP pattern, public tasks, a pasted admin password.
  const admin = new ecsPatterns.ApplicationLoadBalancedFargateService(s, 'AdminConsole', {
    cluster, cpu: 256, memoryLimitMiB: 512, assignPublicIp: true, taskSubnets: { subnetType: ec2.SubnetType.PUBLIC },
    taskImageOptions: { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/radar/admin:1.9'), containerPort: 3000, environment: { ADMIN_USER: 'ops', ADMIN_PASSWORD: 'Radar-Admin-2024!' } },
  });

  // Device telemetry gateway: NLB with a TLS listener on the pattern's defaults.
  const gw = new ecsPatterns.NetworkLoadBalancedFargateService(s, 'TelemetryGateway', {
    cluster, cpu: 512, memoryLimitMiB: 1024,
    listenerCertificate: elbv2.ListenerCertificate.fromArn('arn:aws:acm:eu-west-1:111122223333:certificate/0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f'),
    taskImageOptions: { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/radar/telemetry-gw:0.8'), containerPort: 8883 },
  });
  gw.service.connections.allowFromAnyIpv4(ec2.Port.tcp(8883));

  // Queue workers: the pattern's queue, secrets from Secrets Manager; a task role with s3:* on everything.
  const worker = new ecsPatterns.QueueProcessingFargateService(s, 'GeocodeWorker', {
    cluster, cpu: 512, memoryLimitMiB: 1024, maxScalingCapacity: 4,
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/radar/geocode:3.1'),
    secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(dbSecret, 'password') },
    environment: { MAPS_REGION: 'eu-west-1' },
  });
  worker.taskDefinition.taskRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));

  // Nightly purge: a ScheduledFargateTask posting to Slack through a pasted webhook URL.
  new ecsPatterns.ScheduledFargateTask(s, 'NightlyPurge', {
    cluster, schedule: appscaling.Schedule.cron({ hour: '2', minute: '30' }),
    scheduledFargateTaskImageOptions: { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/radar/purge:1.0'), memoryLimitMiB: 512, environment: { SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/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' } },
  });

  // Databases: PostgreSQL 16 encrypted but kept 3 days; a reporting MySQL on the L2 defaults.
  const trackerDb = new rds.DatabaseInstance(s, 'TrackerDb', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16_4 }), vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM), credentials: rds.Credentials.fromSecret(dbSecret),
    storageEncrypted: true, backupRetention: Duration.days(3), multiAz: true, deletionProtection: true,
  });
  trackerDb.connections.allowDefaultPortFrom(web.service);
  trackerDb.connections.allowDefaultPortFrom(worker.service);
  const reportingDb = new rds.DatabaseInstance(s, 'ReportingDb', {
    engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0_39 }), vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.SMALL), credentials: rds.Credentials.fromGeneratedSecret('reporter'),
  });
  reportingDb.connections.allowFrom(ec2.Peer.anyIpv4(), ec2.Port.tcp(3306), 'BI tool');

  // Redis for the tracker: L1 on defaults with snapshots.
  const cacheSg = new ec2.SecurityGroup(s, 'TrackerCacheSg', { vpc, description: 'tracker redis' });
  cacheSg.connections.allowFrom(web.service, ec2.Port.tcp(6379));
  const cacheSubnets = new elasticache.CfnSubnetGroup(s, 'TrackerCacheSubnets', { description: 'tracker cache', subnetIds: vpc.isolatedSubnets.map((x) => x.subnetId) });
  new elasticache.CfnReplicationGroup(s, 'TrackerRedis', { replicationGroupDescription: 'tracker positions', engine: 'redis', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailoverEnabled: true, cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId], snapshotRetentionLimit: 3 });

  // Maintenance host: SSH from anywhere in a public subnet.
  const opsSg = new ec2.SecurityGroup(s, 'OpsHostSg', { vpc, description: 'ops host' });
  opsSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh');
  new ec2.Instance(s, 'OpsHost', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO), machineImage: ec2.MachineImage.latestAmazonLinux2023(), securityGroup: opsSg, keyPair: ec2.KeyPair.fromKeyPairName(s, 'OpsKey', 'radar-ops') });

  // Backups: a 5-day plan over the tracker database.
  const plan = new backup.BackupPlan(s, 'FleetBackups', { backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'Daily5', scheduleExpression: events.Schedule.cron({ hour: '1', minute: '0' }), deleteAfter: Duration.days(5), copyActions: [{ destinationBackupVault: backup.BackupVault.fromBackupVaultArn(s, 'UsDrVault', 'arn:aws:backup:us-east-2:111122223333:backup-vault:radar-dr'), deleteAfter: Duration.days(30) }] })] });
  plan.addSelection('Dbs', { resources: [backup.BackupResource.fromRdsDatabaseInstance(trackerDb)] });

  // Deploy role for a partner's CI account: no ExternalId, no MFA condition.
  new iam.Role(s, 'VendorDeployRole', { assumedBy: new iam.AccountPrincipal('444455556666'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonECS_FullAccess')] });
  Aspects.of(s).add(new RadarGuardrails());
  Tags.of(s).add('radar:tier', 'fleet');
}

// ---- RadarFlow app: order workflows with Step Functions task constructs, Pipes and Scheduler (1 stack) ----
const radarFlow = new Stack(app, 'RadarFlow', { env: radarEnv });
{
  const s = radarFlow;
  const accessLogs = new s3.Bucket(s, 'FlowAccessLogs', { enforceSSL: true, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, lifecycleRules: [{ expiration: Duration.days(90) }] });
  const raw = new RadarBucket(s, 'RawOrders', { kms: true, versioned: true, logBucket: accessLogs });
  const exportsA = new RadarBucket(s, 'ManifestExports', { logBucket: accessLogs, expireDays: 365 });
  Tags.of(exportsA).add('DataSet', 'exported-reports');
  const exportsB = new RadarBucket(s, 'InvoiceExports', { logBucket: accessLogs, expireDays: 60 });
  Tags.of(exportsB).add('DataSet', 'exported-reports');
  const scratch = new s3.Bucket(s, 'ScratchBucket', { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });

  const orders = new dynamodb.Table(s, 'OrdersTable', { partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES });
  const shipments = new dynamodb.Table(s, 'ShipmentsTable', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, encryption: dynamodb.TableEncryption.AWS_MANAGED, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
  const notifyKey = new kms.Key(s, 'NotifyKey', { enableKeyRotation: true });
  const customerTopic = new sns.Topic(s, 'CustomerNotices', { masterKey: notifyKey });
  const opsTopic = new sns.Topic(s, 'OpsAlerts');
  opsTopic.addSubscription(new subs.SqsSubscription(sqs.Queue.fromQueueArn(s, 'UsOpsQueue', 'arn:aws:sqs:us-east-1:111122223333:radar-ops-inbox')));
  opsTopic.addSubscription(new subs.EmailSubscription('oncall@radar-portal.example.com'));

  const intake = new RadarQueue(s, 'OrderIntake', { visibility: 300 });
  intake.queue.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['sqs:SendMessage'], resources: [intake.queue.queueArn] }));
  const pricingFn = new lambda.Function(s, 'PricingFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: radarCode, environment: { TAX_API_URL: 'https://tax.example.net', TAX_API_PASSWORD: 'T4x!radar-2024-prod' } });
  const fraudFn = new lambda.Function(s, 'FraudCheckFn', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'fraud.handler', code: radarCode, timeout: Duration.seconds(30) });
  orders.grantReadData(fraudFn);

  const price = new tasks.LambdaInvoke(s, 'Price', { lambdaFunction: pricingFn, outputPath: '$.Payload' });
  const fraud = new tasks.LambdaInvoke(s, 'Fraud', { lambdaFunction: fraudFn, resultPath: '$.fraud' });
  const save = new tasks.DynamoPutItem(s, 'SaveOrder', { table: orders, item: { orderId: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.orderId')) } });
  const ship = new tasks.SqsSendMessage(s, 'QueueShipment', { queue: intake.queue, messageBody: sfn.TaskInput.fromJsonPathAt('$') });
  const notify = new tasks.SnsPublish(s, 'NotifyCustomer', { topic: customerTopic, message: sfn.TaskInput.fromJsonPathAt('$.orderId') });
  const reject = new tasks.SnsPublish(s, 'AlertOps', { topic: opsTopic, message: sfn.TaskInput.fromText('order rejected') });
  const listStores = new tasks.CallAwsService(s, 'ListExportBuckets', { service: 's3', action: 'listBuckets', iamResources: ['*'], resultPath: '$.buckets' });
  const flowDef = price.next(fraud).next(new sfn.Choice(s, 'Fraudulent?').when(sfn.Condition.booleanEquals('$.fraud.Payload.flag', true), reject).otherwise(save.next(ship).next(notify).next(listStores)));
  const flowLogs = new logs.LogGroup(s, 'OrderFlowLogs', { retention: logs.RetentionDays.THREE_MONTHS });
  const orderFlow = new sfn.StateMachine(s, 'OrderFlow', { definitionBody: sfn.DefinitionBody.fromChainable(flowDef), tracingEnabled: true, logs: { destination: flowLogs, level: sfn.LogLevel.ALL } });

  // Cleanup machine: express, unlogged, terminates stale build instances on any instance.
  const stale = new tasks.CallAwsService(s, 'TerminateStale', { service: 'ec2', action: 'terminateInstances', parameters: { InstanceIds: sfn.JsonPath.listAt('$.ids') }, iamResources: ['*'] });
  const cleanup = new sfn.StateMachine(s, 'CleanupFlow', { stateMachineType: sfn.StateMachineType.EXPRESS, definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Map(s, 'EachBatch', { itemsPath: '$.batches' }).itemProcessor(stale)) });

  // EventBridge Pipes (L1): the order stream into the workflow.
  const pipeRole = new iam.Role(s, 'OrdersPipeRole', { assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com') });
  orders.grantStreamRead(pipeRole);
  orderFlow.grantStartExecution(pipeRole);
  new pipes.CfnPipe(s, 'OrdersPipe', { roleArn: pipeRole.roleArn, source: orders.tableStreamArn, sourceParameters: { dynamoDbStreamParameters: { startingPosition: 'LATEST', batchSize: 10 }, filterCriteria: { filters: [{ pattern: '{"eventName":["INSERT"]}' }] } }, target: orderFlow.stateMachineArn, targetParameters: { stepFunctionStateMachineParameters: { invocationType: 'FIRE_AND_FORGET' } } });

  // EventBridge Scheduler (L1): nightly cleanup, hourly pricing refresh.
  const schedRole = new iam.Role(s, 'SchedulerRole', { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com') });
  cleanup.grantStartExecution(schedRole);
  pricingFn.grantInvoke(schedRole);
  const group = new scheduler.CfnScheduleGroup(s, 'FlowSchedules', { name: 'radar-flow' });
  new scheduler.CfnSchedule(s, 'NightlyCleanup', { groupName: group.ref, scheduleExpression: 'cron(15 3 * * ? *)', scheduleExpressionTimezone: 'Europe/Dublin', flexibleTimeWindow: { mode: 'OFF' }, target: { arn: cleanup.stateMachineArn, roleArn: schedRole.roleArn, input: '{"batches":[]}' } });
  new scheduler.CfnSchedule(s, 'HourlyPricing', { groupName: group.ref, scheduleExpression: 'rate(1 hour)', flexibleTimeWindow: { mode: 'FLEXIBLE', maximumWindowInMinutes: 10 }, target: { arn: pricingFn.functionArn, roleArn: schedRole.roleArn } });

  // Stream of courier positions: one unencrypted L2 stream, one with a CMK.
  new kinesis.Stream(s, 'CourierPositions', { encryption: kinesis.StreamEncryption.UNENCRYPTED, shardCount: 1 });
  new kinesis.Stream(s, 'CourierAudit', { encryption: kinesis.StreamEncryption.KMS, encryptionKey: notifyKey, streamMode: kinesis.StreamMode.ON_DEMAND });

  // Public carrier callback: a function URL without auth; request logs kept forever.
  const callbackFn = new lambda.Function(s, 'CarrierCallbackFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: radarCode });
  callbackFn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
  intake.queue.grantSendMessages(callbackFn);
  new logs.LogGroup(s, 'CallbackRequestLogs', { logGroupName: '/radar/carrier-callback-request-logs', retention: logs.RetentionDays.INFINITE });

  // Pricing cache: a single Redis node via L1, no TLS, snapshots a day.
  new elasticache.CfnCacheCluster(s, 'PriceCache', { engine: 'redis', cacheNodeType: 'cache.t3.micro', numCacheNodes: 1, snapshotRetentionLimit: 1 });

  // Finance analyst: console user with a pasted password; backups for orders kept 35 days.
  const analyst = new iam.User(s, 'FinanceAnalyst', { userName: 'radar-finance', password: SecretValue.unsafePlainText('Welcome-Radar-1'), passwordResetRequired: true });
  raw.bucket.grantRead(analyst);
  const plan = backup.BackupPlan.daily35DayRetention(s, 'OrderBackups');
  plan.addSelection('Tables', { resources: [backup.BackupResource.fromDynamoDbTable(orders), backup.BackupResource.fromDynamoDbTable(shipments)] });
  Tags.of(s).add('radar:tier', 'flow');
}

// ---- RadarBilling app (added after the first run of the three apps above, frozen before its own first run): the
// invoicing service the fleet product bills through, hardened by a platform team, with the gaps such stacks keep ----
const radarBilling = new Stack(app, 'RadarBilling', { env: radarEnv, description: 'Radar billing service' });
{
  const s = radarBilling;
  const vpc = new ec2.Vpc(s, 'BillingVpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'edge', subnetType: ec2.SubnetType.PUBLIC }, { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }], flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL } } });
  const lbLogs = new s3.Bucket(s, 'BillingLbLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(60) }] });
  const invoiceFn = new lambda.Function(s, 'InvoiceApiFn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: radarCode });
  const alb = new elbv2.ApplicationLoadBalancer(s, 'BillingAlb', { vpc, internetFacing: true, dropInvalidHeaderFields: true });
  alb.logAccessLogs(lbLogs, 'billing');
  const https = alb.addListener('Https', { port: 443, certificates: [elbv2.ListenerCertificate.fromArn('arn:aws:acm:eu-west-1:111122223333:certificate/7b2c1d0e-9f8a-4b6c-a5d4-e3f2a1b0c9d8')], sslPolicy: elbv2.SslPolicy.TLS12 });
  https.addTargets('InvoiceFn', { targets: [new elbv2targets.LambdaTarget(invoiceFn)] });
  alb.addRedirect({ sourcePort: 80, targetPort: 443 });
  // A partner callback listener on 8443 kept on the ALB's old default policy.
  const partnerFn = new lambda.Function(s, 'PartnerCallbackFn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: radarCode });
  const legacy = alb.addListener('PartnerTls', { port: 8443, protocol: elbv2.ApplicationProtocol.HTTPS, certificates: [elbv2.ListenerCertificate.fromArn('arn:aws:acm:eu-west-1:111122223333:certificate/7b2c1d0e-9f8a-4b6c-a5d4-e3f2a1b0c9d8')], sslPolicy: elbv2.SslPolicy.LEGACY });
  legacy.addTargets('PartnerFn', { targets: [new elbv2targets.LambdaTarget(partnerFn)] });

  const cdnLogs = new s3.Bucket(s, 'BillingCdnLogs', { objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(60) }] });
  new cloudfront.Distribution(s, 'BillingCdn', {
    certificate: acm.Certificate.fromCertificateArn(s, 'BillingEdgeCert', 'arn:aws:acm:us-east-1:111122223333:certificate/3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f'),
    domainNames: ['billing.radar-portal.example.com'],
    enableLogging: true, logBucket: cdnLogs,
    defaultBehavior: { origin: new origins.LoadBalancerV2Origin(alb, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY }), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS, allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL, cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED, responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS },
  });

  // Caches: two hardened replication groups (no snapshots), one whose AUTH token is pasted into the template.
  const cacheSg = new ec2.SecurityGroup(s, 'BillingCacheSg', { vpc, description: 'billing caches' });
  cacheSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(6379), 'from the VPC');
  const cacheSubnets = new elasticache.CfnSubnetGroup(s, 'BillingCacheSubnets', { description: 'billing caches', subnetIds: vpc.isolatedSubnets.map((x) => x.subnetId) });
  const cacheKey = new kms.Key(s, 'BillingCacheKey', { enableKeyRotation: true });
  new elasticache.CfnReplicationGroup(s, 'RateCardCache', { replicationGroupDescription: 'rate cards', engine: 'valkey', engineVersion: '8.0', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailoverEnabled: true, multiAzEnabled: true, atRestEncryptionEnabled: true, kmsKeyId: cacheKey.keyId, transitEncryptionEnabled: true, transitEncryptionMode: 'required', snapshotRetentionLimit: 0, cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId] });
  new elasticache.CfnReplicationGroup(s, 'IdempotencyCache', { replicationGroupDescription: 'idempotency keys', engine: 'redis', cacheNodeType: 'cache.t4g.micro', numCacheClusters: 1, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, authToken: 'Idem-Radar-Auth-Token-2024-xq7', cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId] });

  // People: a finance-admin pool with MFA required; an auditor role another account assumes with an ExternalId;
  // an operators role the account assumes only with MFA.
  const finPool = new cognito.UserPool(s, 'FinanceAdminsPool', { selfSignUpEnabled: false, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false }, signInAliases: { email: true } });
  finPool.addClient('FinanceConsole', { generateSecret: false });
  new iam.Role(s, 'ExternalAuditorRole', { assumedBy: new iam.AccountPrincipal('777788889999'), externalIds: ['radar-billing-audit-7731'], managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')] });
  new iam.Role(s, 'BillingOperatorRole', { assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), inlinePolicies: { Ops: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['lambda:UpdateFunctionConfiguration', 'lambda:GetFunction'], resources: [invoiceFn.functionArn, partnerFn.functionArn] })] }) } });
  Tags.of(s).add('radar:tier', 'billing');
}

// Sentry apps (session 11, scout, precision-minded): stacks named Sentry*, routed to templates/scout9cdk/, labelled in labels.scout9cdk.yaml
// (scout9cdk apps go here)
// SentryVault: a data tier written cdk-nag-clean (CMKs with rotation, TLS-only buckets with access logs, an isolated VPC
// with endpoints and flow logs, Aurora PostgreSQL with IAM auth and rotation, DynamoDB with PITR and a CMK, a locked
// Backup vault) with what a careful team still forgets: an imported-material key without rotation, a 1-day DocumentDB,
// a Redis session cache keeping snapshots, a 3-day Backup rule, an exports archive kept a year.
{
  const s = new Stack(app, 'SentryVault', { env });
  const dataKey = new kms.Key(s, 'SentryDataKey', { enableKeyRotation: true, alias: 'alias/sentry/data', description: 'Sentry data tier', removalPolicy: RemovalPolicy.RETAIN });
  const backupKey = new kms.Key(s, 'SentryBackupKey', { enableKeyRotation: true, alias: 'alias/sentry/backup' });
  const partnerKey = new kms.Key(s, 'PartnerExchangeKey', { description: 'key shared with the partner exchange account', alias: 'alias/sentry/partner' });
  partnerKey.grantDecrypt(new iam.AccountPrincipal('444455556666'));
  const logVpcGroup = new logs.LogGroup(s, 'VaultFlowLogGroup', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: undefined });
  const vpc = new ec2.Vpc(s, 'VaultVpc', {
    ipAddresses: ec2.IpAddresses.cidr('10.42.0.0/16'), maxAzs: 2, natGateways: 0,
    subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
    flowLogs: { all: { destination: ec2.FlowLogDestination.toCloudWatchLogs(logVpcGroup), trafficType: ec2.FlowLogTrafficType.ALL } },
    gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 }, Dynamo: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB } },
  });
  for (const [id, svc] of [['SecretsEndpoint', ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER], ['KmsEndpoint', ec2.InterfaceVpcEndpointAwsService.KMS], ['LogsEndpoint', ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS]]) {
    vpc.addInterfaceEndpoint(id, { service: svc, privateDnsEnabled: true });
  }
  const logBucket = new s3.Bucket(s, 'VaultAccessLogs', {
    encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    versioned: true, removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [{ expiration: Duration.days(400), noncurrentVersionExpiration: Duration.days(30) }],
  });
  const dataBucket = new s3.Bucket(s, 'VaultDataBucket', {
    encryption: s3.BucketEncryption.KMS, encryptionKey: dataKey, bucketKeyEnabled: true, enforceSSL: true, minimumTLSVersion: 1.2,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, versioned: true, serverAccessLogsBucket: logBucket, serverAccessLogsPrefix: 'data/',
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
  });
  const exportsBucket = new s3.Bucket(s, 'MonthlyExports', {
    encryption: s3.BucketEncryption.KMS, encryptionKey: dataKey, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    serverAccessLogsBucket: logBucket, serverAccessLogsPrefix: 'exports/', lifecycleRules: [{ expiration: Duration.days(60) }],
  });
  Tags.of(exportsBucket).add('DataSet', 'exported-reports');
  const exportsArchive = new s3.Bucket(s, 'ExportsArchive', {
    encryption: s3.BucketEncryption.KMS, encryptionKey: dataKey, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    serverAccessLogsBucket: logBucket, serverAccessLogsPrefix: 'archive/',
    lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(30) }], expiration: Duration.days(365) }],
  });
  Tags.of(exportsArchive).add('DataSet', 'exported-reports');
  const scratch = new s3.Bucket(s, 'AnalystScratch', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.S3_MANAGED,
    removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true,
  });
  const dbParams = new rds.ParameterGroup(s, 'LedgerParams', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
    parameters: { 'rds.force_ssl': '1', 'log_connections': '1', 'log_disconnections': '1' },
  });
  const ledger = new rds.DatabaseCluster(s, 'LedgerCluster', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
    credentials: rds.Credentials.fromGeneratedSecret('ledger_admin', { encryptionKey: dataKey }),
    writer: rds.ClusterInstance.provisioned('writer', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE), enablePerformanceInsights: true, performanceInsightEncryptionKey: dataKey }),
    readers: [rds.ClusterInstance.serverlessV2('reader', { scaleWithWriter: true })],
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, parameterGroup: dbParams,
    storageEncrypted: true, storageEncryptionKey: dataKey, iamAuthentication: true, deletionProtection: true,
    backup: { retention: Duration.days(14), preferredWindow: '02:00-03:00' }, cloudwatchLogsExports: ['postgresql'],
    cloudwatchLogsRetention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.SNAPSHOT,
  });
  ledger.addRotationSingleUser({ automaticallyAfter: Duration.days(30) });
  const docs = new docdb.DatabaseCluster(s, 'DocumentStore', {
    masterUser: { username: 'docadmin', secretName: 'sentry/docdb/admin' },
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE), instances: 1,
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, storageEncrypted: true, kmsKey: dataKey,
    exportAuditLogsToCloudWatch: true, exportProfilerLogsToCloudWatch: true, deletionProtection: true,
    backup: { retention: Duration.days(1) },
  });
  docs.addRotationSingleUser();
  const accounts = new dynamodb.Table(s, 'AccountsTable', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: dataKey,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 }, deletionProtection: true,
  });
  const idempotency = new dynamodb.Table(s, 'IdempotencyTable', {
    partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    encryption: dynamodb.TableEncryption.AWS_MANAGED, timeToLiveAttribute: 'expiresAt', removalPolicy: RemovalPolicy.DESTROY,
  });
  const cacheSg = new ec2.SecurityGroup(s, 'CacheSg', { vpc, description: 'redis from the vpc', allowAllOutbound: false });
  cacheSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(6379), 'redis from vpc');
  const cacheSubnets = new elasticache.CfnSubnetGroup(s, 'CacheSubnets', { description: 'isolated', subnetIds: vpc.isolatedSubnets.map((x) => x.subnetId) });
  new elasticache.CfnReplicationGroup(s, 'RateLimitCache', {
    replicationGroupDescription: 'rate limiter', engine: 'valkey', engineVersion: '7.2', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2,
    automaticFailoverEnabled: true, multiAzEnabled: true, atRestEncryptionEnabled: true, kmsKeyId: dataKey.keyId, transitEncryptionEnabled: true,
    cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId], snapshotRetentionLimit: 0,
  });
  new elasticache.CfnReplicationGroup(s, 'SessionCache', {
    replicationGroupDescription: 'web sessions', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.r7g.large', numCacheClusters: 2,
    automaticFailoverEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, authToken: undefined,
    cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId], snapshotRetentionLimit: 5, snapshotWindow: '03:00-04:00',
  });
  const vault = new backup.BackupVault(s, 'LockedVault', { backupVaultName: 'sentry-locked', encryptionKey: backupKey, lockConfiguration: { minRetention: Duration.days(7), maxRetention: Duration.days(35) } });
  const plan = new backup.BackupPlan(s, 'DataPlan', { backupVault: vault, backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'daily', scheduleExpression: events.Schedule.cron({ hour: '1', minute: '0' }), deleteAfter: Duration.days(35) })] });
  plan.addSelection('Tables', { resources: [backup.BackupResource.fromDynamoDbTable(accounts), backup.BackupResource.fromRdsDatabaseCluster(ledger)] });
  const hourly = new backup.BackupPlan(s, 'HourlyPlan', { backupVault: vault, backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'hourly', scheduleExpression: events.Schedule.cron({ minute: '15' }), deleteAfter: Duration.days(3) })] });
  hourly.addSelection('Idempotency', { resources: [backup.BackupResource.fromDynamoDbTable(idempotency)] });
  const replicator = new iam.Role(s, 'ExportReplicatorRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')] });
  dataBucket.grantRead(replicator);
  exportsBucket.grantReadWrite(replicator);
  accounts.grantReadData(replicator);
  new lambda.Function(s, 'ExportFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, role: replicator, vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, environment: { TABLE: accounts.tableName, BUCKET: exportsBucket.bucketName }, logGroup: new logs.LogGroup(s, 'ExportFnLogs', { retention: logs.RetentionDays.THREE_MONTHS }) });
  new iam.Role(s, 'DataEngineerRole', {
    assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
    inlinePolicies: { Query: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }), new iam.PolicyStatement({ actions: ['rds-db:connect'], resources: [`arn:aws:rds-db:eu-west-1:111122223333:dbuser:*/analyst`] })] }) },
  });
  scratch.grantReadWrite(new iam.AccountRootPrincipal());
  new iam.Role(s, 'VendorAuditRole', { assumedBy: new iam.AccountPrincipal('555566667777'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')], description: 'posture vendor' });
  new iam.Role(s, 'SupportEngineerRole', { assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonDynamoDBFullAccess')] });
  Tags.of(s).add('sentry:tier', 'data');
}

// SentryEdge: a web tier the AWS security blog way (ALB on RECOMMENDED_TLS with a redirect, access logs and a logged WAF;
// IMDSv2 SSM-managed instances in private subnets; CloudFront with OAC, TLSv1.2_2021, logging and a web ACL) next to
// what slips through: an internal metrics ALB on plain HTTP, a break-glass host with SSH from anywhere, a Fargate
// status page giving its tasks public IPs, a VPC for a vendor appliance without flow logs, a public status bucket.
{
  const s = new Stack(app, 'SentryEdge', { env });
  const siteKey = new kms.Key(s, 'EdgeKey', { enableKeyRotation: true, alias: 'alias/sentry/edge' });
  const flowGroup = new logs.LogGroup(s, 'EdgeFlowLogs', { retention: logs.RetentionDays.SIX_MONTHS });
  const vpc = new ec2.Vpc(s, 'EdgeVpc', {
    ipAddresses: ec2.IpAddresses.cidr('10.60.0.0/16'), maxAzs: 2, natGateways: 1,
    subnetConfiguration: [
      { name: 'ingress', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
      { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
    ],
    flowLogs: { reject: { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowGroup), trafficType: ec2.FlowLogTrafficType.REJECT } },
  });
  for (const [id, svc] of [['SsmEndpoint', ec2.InterfaceVpcEndpointAwsService.SSM], ['SsmMessagesEndpoint', ec2.InterfaceVpcEndpointAwsService.SSM_MESSAGES], ['Ec2MessagesEndpoint', ec2.InterfaceVpcEndpointAwsService.EC2_MESSAGES]]) {
    vpc.addInterfaceEndpoint(id, { service: svc });
  }
  const albLogs = new s3.Bucket(s, 'AlbLogBucket', { encryption: s3.BucketEncryption.S3_MANAGED, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(90) }] });
  const cert = acm.Certificate.fromCertificateArn(s, 'AppCert', 'arn:aws:acm:eu-west-1:111122223333:certificate/8f1e2d3c-aaaa-bbbb-cccc-0123456789ab');
  const alb = new elbv2.ApplicationLoadBalancer(s, 'PublicAlb', { vpc, internetFacing: true, dropInvalidHeaderFields: true });
  alb.logAccessLogs(albLogs, 'public-alb');
  const https = alb.addListener('Https', { port: 443, certificates: [cert], sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS });
  alb.addRedirect({ sourcePort: 80, targetPort: 443 });
  const role = new iam.Role(s, 'WebInstanceRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')] });
  albLogs.grantRead(role);
  const lt = new ec2.LaunchTemplate(s, 'WebLaunchTemplate', {
    machineImage: ec2.MachineImage.latestAmazonLinux2023(), instanceType: new ec2.InstanceType('t3.medium'), role, requireImdsv2: true,
    blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(30, { encrypted: true, kmsKey: siteKey, volumeType: ec2.EbsDeviceVolumeType.GP3 }) }],
    userData: ec2.UserData.forLinux(), securityGroup: new ec2.SecurityGroup(s, 'WebSg', { vpc, description: 'web instances', allowAllOutbound: true }),
  });
  const asg = new autoscaling.AutoScalingGroup(s, 'WebAsg', { vpc, launchTemplate: lt, minCapacity: 2, maxCapacity: 6, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } });
  https.addTargets('Web', { port: 8080, protocol: elbv2.ApplicationProtocol.HTTP, targets: [asg], healthCheck: { path: '/healthz' } });
  const wafLogs = new logs.LogGroup(s, 'WafLogs', { logGroupName: 'aws-waf-logs-sentry-alb', retention: logs.RetentionDays.ONE_YEAR });
  const acl = new wafv2.CfnWebACL(s, 'AlbWebAcl', {
    scope: 'REGIONAL', defaultAction: { allow: {} },
    visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'sentryAlb', sampledRequestsEnabled: true },
    rules: [
      { name: 'common', priority: 0, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'common', sampledRequestsEnabled: true } },
      { name: 'badInputs', priority: 1, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesKnownBadInputsRuleSet' } }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'badInputs', sampledRequestsEnabled: true } },
      { name: 'rate', priority: 2, action: { block: {} }, statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: 'IP' } }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'rate', sampledRequestsEnabled: true } },
    ],
  });
  new wafv2.CfnWebACLAssociation(s, 'AlbWebAclAssociation', { resourceArn: alb.loadBalancerArn, webAclArn: acl.attrArn });
  new wafv2.CfnLoggingConfiguration(s, 'AlbWebAclLogging', { resourceArn: acl.attrArn, logDestinationConfigs: [wafLogs.logGroupArn] });
  // internal metrics ALB: plain HTTP inside the VPC, no access logs
  const metricsAlb = new elbv2.ApplicationLoadBalancer(s, 'MetricsAlb', { vpc, internetFacing: false });
  metricsAlb.addListener('Http', { port: 80, open: false, defaultAction: elbv2.ListenerAction.fixedResponse(200, { contentType: 'text/plain', messageBody: 'ok' }) });
  // break-glass host
  const bgSg = new ec2.SecurityGroup(s, 'BreakGlassSg', { vpc, description: 'break glass ssh' });
  bgSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh for incidents');
  new ec2.Instance(s, 'BreakGlassHost', {
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.latestAmazonLinux2023(),
    securityGroup: bgSg, requireImdsv2: true, keyPair: ec2.KeyPair.fromKeyPairName(s, 'IncidentKey', 'sentry-incident'),
    blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(8, { encrypted: true }) }],
  });
  const ftpSg = new ec2.SecurityGroup(s, 'LegacyFtpSg', { vpc, description: 'partner file drop', allowAllOutbound: true });
  ftpSg.addIngressRule(ec2.Peer.anyIpv6(), ec2.Port.tcp(22), 'sftp for partners (ipv6)');
  new ec2.Instance(s, 'LegacyFtpHost', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, instanceType: new ec2.InstanceType('t3.small'), machineImage: ec2.MachineImage.latestAmazonLinux2023(), securityGroup: ftpSg, requireImdsv2: true, ssmSessionPermissions: true, blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(20, { encrypted: true, kmsKey: siteKey }) }] });
  // status page on Fargate with public task IPs in the public subnets
  const cluster = new ecs.Cluster(s, 'StatusCluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
  const statusTask = new ecs.FargateTaskDefinition(s, 'StatusTask', { cpu: 256, memoryLimitMiB: 512 });
  statusTask.addContainer('status', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'), portMappings: [{ containerPort: 8080 }], readonlyRootFilesystem: true, environment: { DD_SITE: 'datadoghq.eu', DD_API_KEY: '3f7c1a9e5b2d4f6a8c0e1b3d5f7a9c2e' }, logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'status', logRetention: logs.RetentionDays.ONE_MONTH }) });
  const statusSg = new ec2.SecurityGroup(s, 'StatusSg', { vpc, description: 'status page' });
  statusSg.addIngressRule(ec2.Peer.securityGroupId(alb.connections.securityGroups[0].securityGroupId), ec2.Port.tcp(8080), 'from alb');
  new ecs.FargateService(s, 'StatusService', { cluster, taskDefinition: statusTask, assignPublicIp: true, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, securityGroups: [statusSg], desiredCount: 1 });
  // static site
  const site = new s3.Bucket(s, 'SiteBucket', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: albLogs, serverAccessLogsPrefix: 'site/', versioned: true });
  const cfLogs = new s3.Bucket(s, 'CdnLogBucket', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.OBJECT_WRITER, lifecycleRules: [{ expiration: Duration.days(180) }] });
  const cdnCert = acm.Certificate.fromCertificateArn(s, 'CdnCert', 'arn:aws:acm:us-east-1:111122223333:certificate/1a2b3c4d-1111-2222-3333-444455556666');
  const headers = new cloudfront.ResponseHeadersPolicy(s, 'SiteHeaders', { securityHeadersBehavior: {
    strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true, override: true },
    contentTypeOptions: { override: true }, frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
    referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true } } });
  new cloudfront.Distribution(s, 'SiteCdn', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(site), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS, responseHeadersPolicy: headers },
    additionalBehaviors: { '/app/*': { origin: new origins.LoadBalancerV2Origin(alb, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY, originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2] }), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY, allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL, cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED } },
    domainNames: ['status.sentry.example.com'], certificate: cdnCert, minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
    enableLogging: true, logBucket: cfLogs, logFilePrefix: 'cdn/', defaultRootObject: 'index.html',
    webAclId: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/sentry-cdn/0c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5',
  });
  // vendor appliance VPC (no flow logs) and a public incident-status bucket
  new ec2.Vpc(s, 'ApplianceVpc', { ipAddresses: ec2.IpAddresses.cidr('10.61.0.0/20'), maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'appliance', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }] });
  new s3.Bucket(s, 'IncidentFeedBucket', {
    publicReadAccess: true, blockPublicAccess: new s3.BlockPublicAccess({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false }),
    encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, serverAccessLogsBucket: albLogs, serverAccessLogsPrefix: 'incident-feed/',
  });
  Tags.of(s).add('sentry:tier', 'edge');
}

// SentryApi: a REST API behind Cognito (MFA required, PLUS plan), a regional custom domain on TLS 1.2 with the default
// endpoint disabled, access and execution logs, a WAF; least-privilege grants, KMS queues and topics, a logged Standard
// state machine, a permissions boundary on every role (iam.PermissionsBoundary.of), Secrets Manager with rotation,
// OpenSearch in the VPC. Slips: a partner pool with optional MFA, a webhook LambdaRestApi on the default endpoint, a
// pasted signing key, a public health URL, an Express machine without logs, an unencrypted alarm topic and click
// stream, a deploy role with AdministratorAccess, a request-log group kept two years.
{
  const s = new Stack(app, 'SentryApi', { env });
  const arnIn = (svc, rest) => `arn:aws:${svc}:eu-west-1:111122223333:${rest}`;
  const boundary = new iam.ManagedPolicy(s, 'WorkloadBoundary', { description: 'ceiling for workload roles', statements: [
    new iam.PolicyStatement({ sid: 'Tables', actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'], resources: [arnIn('dynamodb', 'table/*')] }),
    new iam.PolicyStatement({ sid: 'Queues', actions: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ChangeMessageVisibility'], resources: [arnIn('sqs', 'sentry-*'), arnIn('sqs', 'SentryApi-*')] }),
    new iam.PolicyStatement({ sid: 'Topics', actions: ['sns:Publish'], resources: [arnIn('sns', 'SentryApi-*')] }),
    new iam.PolicyStatement({ sid: 'Keys', actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'], resources: [arnIn('kms', 'key/*')] }),
    new iam.PolicyStatement({ sid: 'Logs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [arnIn('logs', 'log-group:*')] }),
    new iam.PolicyStatement({ sid: 'Secrets', actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'], resources: [arnIn('secretsmanager', 'secret:*')] }),
    new iam.PolicyStatement({ sid: 'Flows', actions: ['states:StartExecution', 'lambda:InvokeFunction'], resources: [arnIn('states', 'stateMachine:*'), arnIn('lambda', 'function:SentryApi-*')] }),
    new iam.PolicyStatement({ sid: 'VpcAndTracing', actions: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses', 'xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }),
    new iam.PolicyStatement({ sid: 'DenyIam', effect: iam.Effect.DENY, actions: ['iam:*', 'organizations:*', 'account:*'], resources: ['*'] }),
  ] });
  const key = new kms.Key(s, 'ApiKey', { enableKeyRotation: true, rotationPeriod: Duration.days(180), alias: 'alias/sentry/api' });
  const vpc = new ec2.Vpc(s, 'ApiVpc', { ipAddresses: ec2.IpAddresses.cidr('10.70.0.0/16'), maxAzs: 2, natGateways: 1, flowLogs: { s3: { destination: ec2.FlowLogDestination.toCloudWatchLogs(new logs.LogGroup(s, 'ApiFlowLogs', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: key })) } } });
  key.grantEncryptDecrypt(new iam.ServicePrincipal('logs.eu-west-1.amazonaws.com'));
  const users = new cognito.UserPool(s, 'CustomerPool', {
    selfSignUpEnabled: true, signInAliases: { email: true }, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false },
    passwordPolicy: { minLength: 14, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
    featurePlan: cognito.FeaturePlan.PLUS, standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY, deletionProtection: true, removalPolicy: RemovalPolicy.RETAIN,
  });
  users.addClient('WebClient', { authFlows: { userSrp: true }, preventUserExistenceErrors: true, generateSecret: false, accessTokenValidity: Duration.minutes(30) });
  const partners = new cognito.UserPool(s, 'PartnerPool', { signInAliases: { username: true, email: true }, mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { otp: true, sms: true }, passwordPolicy: { minLength: 12 } });
  partners.addClient('PartnerClient', { generateSecret: true, oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.custom('partner/read')] } });
  const orders = new dynamodb.TableV2(s, 'OrdersTable', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, encryption: dynamodb.TableEncryptionV2.customerManagedKey(key), pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, deletionProtection: true });
  const dlq = new sqs.Queue(s, 'OrdersDlq', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true, retentionPeriod: Duration.days(14) });
  const queue = new sqs.Queue(s, 'OrdersQueue', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true, visibilityTimeout: Duration.seconds(90), deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
  const topic = new sns.Topic(s, 'OrderEvents', { masterKey: key, enforceSSL: true });
  const alarms = new sns.Topic(s, 'OpsAlarms', { displayName: 'sentry ops alarms', enforceSSL: true });
  alarms.addSubscription(new subs.EmailSubscription('oncall@sentry.example.com'));
  const signing = new secretsmanager.Secret(s, 'WebhookSigningSecret', { encryptionKey: key, generateSecretString: { passwordLength: 48, excludePunctuation: true } });
  const rotator = new lambda.Function(s, 'SigningRotator', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, timeout: Duration.minutes(1), logGroup: new logs.LogGroup(s, 'SigningRotatorLogs', { retention: logs.RetentionDays.ONE_MONTH }) });
  signing.addRotationSchedule('Rotate', { rotationLambda: rotator, automaticallyAfter: Duration.days(30) });
  const fnLogs = (id) => new logs.LogGroup(s, `${id}Logs`, { retention: logs.RetentionDays.THREE_MONTHS, encryptionKey: key });
  const ordersFn = new lambda.Function(s, 'OrdersFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, vpc, tracing: lambda.Tracing.ACTIVE, environment: { TABLE: orders.tableName, QUEUE: queue.queueUrl, SECRET_ARN: signing.secretArn }, environmentEncryption: key, logGroup: fnLogs('OrdersFn') });
  orders.grantReadWriteData(ordersFn);
  queue.grantSendMessages(ordersFn);
  signing.grantRead(ordersFn);
  const workerFn = new lambda.Function(s, 'FulfilFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, vpc, logGroup: fnLogs('FulfilFn') });
  workerFn.addEventSource(new eventsources.SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: true }));
  topic.grantPublish(workerFn);
  orders.grantReadData(workerFn);
  const accessLogs = new logs.LogGroup(s, 'ApiRequestLogs', { logGroupName: '/sentry/api/request-logs', retention: logs.RetentionDays.ONE_MONTH, encryptionKey: key });
  const api = new apigw.RestApi(s, 'OrdersApi', {
    endpointTypes: [apigw.EndpointType.REGIONAL], disableExecuteApiEndpoint: true, cloudWatchRole: true, cloudWatchRoleRemovalPolicy: RemovalPolicy.DESTROY,
    deployOptions: { stageName: 'v1', accessLogDestination: new apigw.LogGroupLogDestination(accessLogs), accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(), loggingLevel: apigw.MethodLoggingLevel.ERROR, tracingEnabled: true, dataTraceEnabled: false },
    domainName: { domainName: 'api.sentry.example.com', certificate: acm.Certificate.fromCertificateArn(s, 'ApiCert', 'arn:aws:acm:eu-west-1:111122223333:certificate/77aa88bb-1234-5678-9abc-def012345678'), securityPolicy: apigw.SecurityPolicy.TLS_1_2, endpointType: apigw.EndpointType.REGIONAL },
  });
  const auth = new apigw.CognitoUserPoolsAuthorizer(s, 'OrdersAuthorizer', { cognitoUserPools: [users] });
  api.root.addResource('orders').addMethod('POST', new apigw.LambdaIntegration(ordersFn), { authorizer: auth, authorizationType: apigw.AuthorizationType.COGNITO, authorizationScopes: ['openid'] });
  const apiAcl = new wafv2.CfnWebACL(s, 'ApiWebAcl', { scope: 'REGIONAL', defaultAction: { allow: {} }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'sentryApi', sampledRequestsEnabled: true },
    rules: [{ name: 'common', priority: 0, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'common', sampledRequestsEnabled: true } }] });
  new wafv2.CfnWebACLAssociation(s, 'ApiWebAclAssociation', { resourceArn: api.deploymentStage.stageArn, webAclArn: apiAcl.attrArn });
  // webhook receiver: LambdaRestApi on the default endpoint, a pasted signing key
  const hookFn = new lambda.Function(s, 'CarrierWebhookFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, logGroup: fnLogs('CarrierWebhookFn'), environment: { CARRIER_HMAC_KEY: 'whsec_4f9a1c7e2b8d6a0f3e5c9b1d7a2e4f6c', QUEUE: queue.queueUrl } });
  queue.grantSendMessages(hookFn);
  new apigw.LambdaRestApi(s, 'CarrierWebhooks', { handler: hookFn, cloudWatchRole: false, deployOptions: { stageName: 'live', accessLogDestination: new apigw.LogGroupLogDestination(new logs.LogGroup(s, 'WebhookRequestLogs', { logGroupName: '/sentry/webhooks/request-logs', retention: logs.RetentionDays.TWO_YEARS })), accessLogFormat: apigw.AccessLogFormat.clf() } });
  const inbox = new sqs.Queue(s, 'PartnerInboxQueue', { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true });
  inbox.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['sqs:SendMessage'], resources: [inbox.queueArn] }));
  const cacheSubnets = new elasticache.CfnSubnetGroup(s, 'ApiCacheSubnets', { description: 'private', subnetIds: vpc.privateSubnets.map((x) => x.subnetId) });
  const apiCacheSg = new ec2.SecurityGroup(s, 'ApiCacheSg', { vpc, description: 'caches from app subnets', allowAllOutbound: false });
  apiCacheSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(6379));
  new elasticache.CfnServerlessCache(s, 'QuoteCache', { engine: 'valkey', serverlessCacheName: 'sentry-quotes', kmsKeyId: key.keyId, securityGroupIds: [apiCacheSg.securityGroupId], subnetIds: vpc.privateSubnets.map((x) => x.subnetId), snapshotRetentionLimit: 7, dailySnapshotTime: '04:00' });
  new elasticache.CfnReplicationGroup(s, 'FeatureFlagCache', { replicationGroupDescription: 'feature flags', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.t4g.micro', numCacheClusters: 2, automaticFailoverEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, transitEncryptionMode: 'required', cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [apiCacheSg.securityGroupId], snapshotRetentionLimit: 1 });
  new rds.DatabaseInstance(s, 'PartnerDirectoryDb', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16_4 }), instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM),
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, credentials: rds.Credentials.fromGeneratedSecret('directory_admin', { encryptionKey: key }),
    storageEncrypted: true, storageEncryptionKey: key, iamAuthentication: true, multiAz: true, deletionProtection: true, publiclyAccessible: false,
    parameters: { 'rds.force_ssl': '1' }, cloudwatchLogsExports: ['postgresql', 'upgrade'], backupRetention: Duration.days(3), allocatedStorage: 50,
  });
  const healthFn = new lambda.Function(s, 'HealthFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, logGroup: fnLogs('HealthFn') });
  healthFn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
  const reportFn = new lambda.Function(s, 'ReportFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, logGroup: fnLogs('ReportFn') });
  reportFn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
  // workflows
  const sfnLogs = new logs.LogGroup(s, 'FulfilmentFlowLogs', { retention: logs.RetentionDays.SIX_MONTHS, encryptionKey: key });
  const flow = new sfn.StateMachine(s, 'FulfilmentFlow', {
    definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(s, 'Fulfil', { lambdaFunction: workerFn, outputPath: '$.Payload' }).next(new tasks.SnsPublish(s, 'Announce', { topic, message: sfn.TaskInput.fromJsonPathAt('$') }))),
    logs: { destination: sfnLogs, level: sfn.LogLevel.ALL, includeExecutionData: false }, tracingEnabled: true, encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(key),
  });
  flow.grantStartExecution(ordersFn);
  new sfn.StateMachine(s, 'ReceiptFlow', { stateMachineType: sfn.StateMachineType.EXPRESS, definitionBody: sfn.DefinitionBody.fromChainable(new tasks.DynamoGetItem(s, 'LoadOrder', { table: orders, key: { pk: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.id')) } })) });
  // streams and search
  new kinesis.Stream(s, 'ClickStream', { shardCount: 1, encryption: kinesis.StreamEncryption.UNENCRYPTED, retentionPeriod: Duration.hours(48) });
  new kinesis.Stream(s, 'AuditStream', { streamMode: kinesis.StreamMode.ON_DEMAND, encryption: kinesis.StreamEncryption.KMS, encryptionKey: key });
  const searchSg = new ec2.SecurityGroup(s, 'SearchSg', { vpc, description: 'search from app subnets' });
  searchSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(443));
  new opensearch.Domain(s, 'OrderSearch', {
    version: opensearch.EngineVersion.OPENSEARCH_2_13, vpc, vpcSubnets: [{ subnets: [vpc.privateSubnets[0]] }], securityGroups: [searchSg],
    capacity: { dataNodes: 1, dataNodeInstanceType: 'r6g.large.search', multiAzWithStandbyEnabled: false }, ebs: { volumeSize: 50 },
    encryptionAtRest: { enabled: true, kmsKey: key }, nodeToNodeEncryption: true, enforceHttps: true, tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2_PFS,
    logging: { appLogEnabled: true, slowSearchLogEnabled: true, slowIndexLogEnabled: true },
    accessPolicies: [new iam.PolicyStatement({ principals: [new iam.ArnPrincipal(ordersFn.role.roleArn)], actions: ['es:ESHttpGet', 'es:ESHttpPost'], resources: ['arn:aws:es:eu-west-1:111122223333:domain/*'] })],
  });
  // CI
  new iam.Role(s, 'DeployRole', {
    assumedBy: new iam.WebIdentityPrincipal('arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com', { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:sentry-example/orders:ref:refs/heads/main' } }),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')], maxSessionDuration: Duration.hours(1),
  });
  new iam.Role(s, 'AuditReaderRole', { assumedBy: new iam.AccountPrincipal('999988887777').withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')] });
  const pager = new iam.User(s, 'PagerIntegrationUser', { password: SecretValue.unsafePlainText('Pager!Integration2024'), passwordResetRequired: false });
  alarms.grantPublish(pager);
  for (const c of [ordersFn, workerFn, hookFn, healthFn, reportFn, rotator, flow]) iam.PermissionsBoundary.of(c).apply(boundary);
  new CfnOutput(s, 'ApiUrl', { value: 'https://api.sentry.example.com/' });
  Tags.of(s).add('sentry:tier', 'api');
}

// Onyx held-out apps (session 12, sealed): stacks named Onyx*, routed to templates/vault4cdk/, labelled in labels.vault4cdk.yaml
const onyxTimestream = await import('aws-cdk-lib/aws-timestream');
const { CfnResource: OnyxCfnResource } = await import('aws-cdk-lib');

// A payments ledger: a three-tier VPC logging rejected flows, an Aurora PostgreSQL ledger (KMS, forced SSL, 35 days,
// rotated credentials), a PITR ledger table and an idempotency table on defaults, a REST API reachable only through
// its TLS 1.2 custom domain with access logs, a partner webhook HTTP API without access logs, an FX-rates poller with
// a pasted API key, a settlement workflow logged ALL, a statements export bucket kept 400 days, an auditors' role
// without MFA and an MFA-gated break-glass role.
const onyxLedger = new Stack(app, 'OnyxLedger', { env });
{
  const s = onyxLedger;
  const vpc = new ec2.Vpc(s, 'LedgerVpc', {
    maxAzs: 2, natGateways: 1,
    subnetConfiguration: [
      { name: 'edge', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
      { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
      { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
    ],
    flowLogs: { rejected: { trafficType: ec2.FlowLogTrafficType.REJECT } },
  });
  const ledgerKey = new kms.Key(s, 'LedgerKey', { enableKeyRotation: true, alias: 'alias/onyx-ledger', description: 'ledger data at rest' });
  const accessLogs = new s3.Bucket(s, 'LedgerAccessLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.S3_MANAGED, lifecycleRules: [{ expiration: Duration.days(365) }] });
  const statements = new s3.Bucket(s, 'StatementExports', {
    encryptionKey: ledgerKey, encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: true, enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'statements/',
    lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(30) }], expiration: Duration.days(400) }],
  });
  Tags.of(statements).add('DataSet', 'exported-reports');

  const ledgerDb = new rds.DatabaseCluster(s, 'LedgerDb', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
    writer: rds.ClusterInstance.serverlessV2('Writer'),
    readers: [rds.ClusterInstance.serverlessV2('Reader', { scaleWithWriter: true })],
    serverlessV2MinCapacity: 0.5, serverlessV2MaxCapacity: 8,
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    storageEncryptionKey: ledgerKey,
    credentials: rds.Credentials.fromGeneratedSecret('ledger_admin'),
    backup: { retention: Duration.days(35), preferredWindow: '02:00-03:00' },
    parameters: { 'rds.force_ssl': '1' },
    cloudwatchLogsExports: ['postgresql'],
    iamAuthentication: true, deletionProtection: true,
  });
  ledgerDb.addRotationSingleUser({ automaticallyAfter: Duration.days(30) });

  const entries = new dynamodb.Table(s, 'LedgerEntries', {
    partitionKey: { name: 'accountId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'postedAt', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: ledgerKey,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
  });
  const idempotency = new dynamodb.Table(s, 'IdempotencyKeys', { partitionKey: { name: 'key', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, timeToLiveAttribute: 'expiresAt' });

  const processorKeySecret = new secretsmanager.Secret(s, 'ProcessorWebhookSecret', { description: 'card processor webhook signing secret', generateSecretString: { passwordLength: 48, excludePunctuation: true } });
  const sandboxSecret = new secretsmanager.Secret(s, 'ProcessorSandboxKey', { description: 'processor sandbox key for the staging tenants', secretStringValue: SecretValue.unsafePlainText('sk_test_51QxOnyxSandboxA9f3kLmN0pQ7rStUvW') });

  const postTx = new lambda.Function(s, 'PostTransactionFn', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    environment: { ENTRIES_TABLE: entries.tableName, IDEMPOTENCY_TABLE: idempotency.tableName, DB_SECRET_ARN: ledgerDb.secret.secretArn },
    tracing: lambda.Tracing.ACTIVE, timeout: Duration.seconds(15),
  });
  entries.grantReadWriteData(postTx);
  idempotency.grantReadWriteData(postTx);
  ledgerDb.secret.grantRead(postTx);
  ledgerDb.connections.allowDefaultPortFrom(postTx);

  const apiLogs = new logs.LogGroup(s, 'LedgerApiRequestLogs', { logGroupName: '/onyx/ledger/api-request-logs', retention: logs.RetentionDays.ONE_MONTH, encryptionKey: ledgerKey });
  const api = new apigw.LambdaRestApi(s, 'LedgerApi', {
    handler: postTx, proxy: false, disableExecuteApiEndpoint: true, endpointTypes: [apigw.EndpointType.REGIONAL],
    deployOptions: { stageName: 'live', accessLogDestination: new apigw.LogGroupLogDestination(apiLogs), accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(), tracingEnabled: true, loggingLevel: apigw.MethodLoggingLevel.ERROR },
    defaultMethodOptions: { authorizationType: apigw.AuthorizationType.IAM },
    domainName: { domainName: 'ledger.onyx-pay.example.com', certificate: acm.Certificate.fromCertificateArn(s, 'LedgerCert', 'arn:aws:acm:eu-west-1:111122223333:certificate/0c1d2e3f-4a5b-4c6d-8e7f-90a1b2c3d4e5'), securityPolicy: apigw.SecurityPolicy.TLS_1_2, endpointType: apigw.EndpointType.REGIONAL },
  });
  api.root.addResource('transactions').addMethod('POST');

  const webhookFn = new lambda.Function(s, 'ProcessorWebhookFn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, environment: { SIGNING_SECRET_ARN: processorKeySecret.secretArn } });
  processorKeySecret.grantRead(webhookFn);
  const hooks = new apigwv2.HttpApi(s, 'ProcessorHooks', { description: 'card processor callbacks' });
  hooks.addRoutes({ path: '/events', methods: [apigwv2.HttpMethod.POST], integration: new HttpLambdaIntegration('HookIntegration', webhookFn) });

  const fxPoller = new lambda.Function(s, 'FxRatesPoller', {
    runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromInline('def handler(event, context):\n    return {}'),
    environment: { FX_PROVIDER_URL: 'https://api.fx-rates.example.net/v2/latest', FX_PROVIDER_API_KEY: 'fxr_live_7Hq2Zp9LmX4cV1bN8sKd3Wt', BASE_CCY: 'EUR' },
  });
  new events.Rule(s, 'FxRatesSchedule', { schedule: events.Schedule.rate(Duration.minutes(15)), targets: [new targets.LambdaFunction(fxPoller)] });

  const settleQueue = new sqs.Queue(s, 'SettlementQueue', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: ledgerKey, enforceSSL: true, visibilityTimeout: Duration.minutes(5), deadLetterQueue: { queue: new sqs.Queue(s, 'SettlementDlq', { retentionPeriod: Duration.days(14), enforceSSL: true }), maxReceiveCount: 4 } });
  const alerts = new sns.Topic(s, 'LedgerAlerts', { masterKey: ledgerKey, displayName: 'ledger reconciliation alerts' });
  alerts.addSubscription(new subs.EmailSubscription('ledger-oncall@onyx-pay.example.com'));
  const settleFn = new lambda.Function(s, 'SettleBatchFn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, environment: { QUEUE_URL: settleQueue.queueUrl, STATEMENTS_BUCKET: statements.bucketName } });
  settleQueue.grantSendMessages(settleFn);
  statements.grantPut(settleFn);
  const settleLogs = new logs.LogGroup(s, 'SettlementFlowLogs', { retention: logs.RetentionDays.THREE_MONTHS });
  const flow = new sfn.StateMachine(s, 'SettlementFlow', {
    definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(s, 'SettleBatch', { lambdaFunction: settleFn, outputPath: '$.Payload' })
      .next(new tasks.SnsPublish(s, 'NotifyReconciled', { topic: alerts, message: sfn.TaskInput.fromJsonPathAt('$') }))),
    logs: { destination: settleLogs, level: sfn.LogLevel.ALL, includeExecutionData: false }, tracingEnabled: true,
  });
  new events.Rule(s, 'NightlySettlement', { schedule: events.Schedule.cron({ minute: '30', hour: '1' }), targets: [new targets.SfnStateMachine(flow)] });

  new iam.Role(s, 'AuditorsRole', { assumedBy: new iam.AccountRootPrincipal(), roleName: 'onyx-ledger-auditors', managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')] });
  new iam.Role(s, 'BreakGlassRole', {
    assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')], maxSessionDuration: Duration.hours(1),
  });
  new CfnOutput(s, 'LedgerApiDomain', { value: 'ledger.onyx-pay.example.com' });
  void sandboxSecret;
}

// An IoT telemetry pipeline: devices publish through an IoT rule into an encrypted Kinesis stream (and a legacy
// unencrypted one), a Direct PUT Firehose without SSE into a raw bucket on defaults, a curated KMS bucket, a Glue
// catalog and an encrypted Athena workgroup, a Timestream store for gateway request logs kept a year, an ingest
// request-log group on the CDK default retention, an encrypted Redis device-shadow cache, a serverless Valkey cache
// keeping snapshots, fleet alarms forwarded to a us-east-1 queue, and a device policy granting iot:*.
const onyxTelemetry = new Stack(app, 'OnyxTelemetry', { env });
{
  const s = onyxTelemetry;
  const lakeKey = new kms.Key(s, 'TelemetryKey', { enableKeyRotation: true, description: 'telemetry lake' });
  const serverLogs = new s3.Bucket(s, 'TelemetryServerLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(180) }] });
  const raw = new s3.Bucket(s, 'RawReadings', { encryption: s3.BucketEncryption.KMS_MANAGED, lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.INTELLIGENT_TIERING, transitionAfter: Duration.days(0) }] }] });
  const curated = new s3.Bucket(s, 'CuratedReadings', { encryption: s3.BucketEncryption.KMS, encryptionKey: lakeKey, enforceSSL: true, versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: serverLogs, serverAccessLogsPrefix: 'curated/' });
  const athenaResults = new s3.Bucket(s, 'AthenaResults', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(7) }] });
  const athenaCfn = athenaResults.node.defaultChild;
  athenaCfn.addPropertyOverride('LoggingConfiguration', { DestinationBucketName: serverLogs.bucketName, LogFilePrefix: 'athena/' });

  const readings = new kinesis.Stream(s, 'DeviceReadings', { shardCount: 4, retentionPeriod: Duration.hours(48) });
  const legacyReadings = new kinesis.Stream(s, 'LegacyGatewayReadings', { shardCount: 1, encryption: kinesis.StreamEncryption.UNENCRYPTED });

  const ruleRole = new iam.Role(s, 'IotRuleRole', { assumedBy: new iam.ServicePrincipal('iot.amazonaws.com') });
  readings.grantWrite(ruleRole);
  legacyReadings.grantWrite(ruleRole);
  new iot.CfnTopicRule(s, 'ReadingsRule', { topicRulePayload: { sql: "SELECT *, topic(3) AS deviceId FROM 'onyx/fleet/+/readings'", awsIotSqlVersion: '2016-03-23', ruleDisabled: false, actions: [{ kinesis: { streamName: readings.streamName, roleArn: ruleRole.roleArn, partitionKey: '${deviceId}' } }] } });
  new iot.CfnTopicRule(s, 'LegacyGatewayRule', { topicRulePayload: { sql: "SELECT * FROM 'gw/+/data'", ruleDisabled: false, actions: [{ kinesis: { streamName: legacyReadings.streamName, roleArn: ruleRole.roleArn } }] } });
  new iot.CfnPolicy(s, 'FleetDevicePolicy', { policyName: 'onyx-fleet-device', policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] } });

  const hoseRole = new iam.Role(s, 'FirehoseRole', { assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com') });
  raw.grantReadWrite(hoseRole);
  curated.grantReadWrite(hoseRole);
  readings.grantRead(hoseRole);
  new firehose.CfnDeliveryStream(s, 'ReadingsToCurated', { deliveryStreamType: 'KinesisStreamAsSource', kinesisStreamSourceConfiguration: { kinesisStreamArn: readings.streamArn, roleArn: hoseRole.roleArn }, extendedS3DestinationConfiguration: { bucketArn: curated.bucketArn, roleArn: hoseRole.roleArn, prefix: 'readings/', compressionFormat: 'GZIP', bufferingHints: { intervalInSeconds: 120, sizeInMBs: 32 }, encryptionConfiguration: { kmsEncryptionConfig: { awskmsKeyArn: lakeKey.keyArn } } } });
  new firehose.CfnDeliveryStream(s, 'DiagnosticsUpload', { deliveryStreamType: 'DirectPut', extendedS3DestinationConfiguration: { bucketArn: raw.bucketArn, roleArn: hoseRole.roleArn, prefix: 'diagnostics/', bufferingHints: { intervalInSeconds: 300, sizeInMBs: 16 } } });

  const glueDb = new glue.CfnDatabase(s, 'TelemetryCatalog', { catalogId: s.account, databaseInput: { name: 'onyx_telemetry', description: 'curated fleet readings' } });
  new glue.CfnTable(s, 'ReadingsTable', { catalogId: s.account, databaseName: 'onyx_telemetry', tableInput: { name: 'readings', tableType: 'EXTERNAL_TABLE', parameters: { classification: 'json' }, storageDescriptor: { location: `s3://${curated.bucketName}/readings/`, inputFormat: 'org.apache.hadoop.mapred.TextInputFormat', outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat', serdeInfo: { serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe' }, columns: [{ name: 'deviceid', type: 'string' }, { name: 'ts', type: 'timestamp' }, { name: 'temp', type: 'double' }] } } }).addDependency(glueDb);
  new athena.CfnWorkGroup(s, 'FleetAnalytics', { name: 'onyx-fleet', workGroupConfiguration: { enforceWorkGroupConfiguration: true, publishCloudWatchMetricsEnabled: true, resultConfiguration: { outputLocation: `s3://${athenaResults.bucketName}/results/`, encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: lakeKey.keyArn } } } });

  const tsDb = new onyxTimestream.CfnDatabase(s, 'GatewayStore', { databaseName: 'onyx_gateway', kmsKeyId: lakeKey.keyArn });
  new onyxTimestream.CfnTable(s, 'GatewayRequestLogTable', { databaseName: 'onyx_gateway', tableName: 'gateway-request-logs', retentionProperties: { MemoryStoreRetentionPeriodInHours: '24', MagneticStoreRetentionPeriodInDays: '365' } }).addDependency(tsDb);
  new onyxTimestream.CfnTable(s, 'DeviceHealthTable', { databaseName: 'onyx_gateway', tableName: 'device-health', retentionProperties: { MemoryStoreRetentionPeriodInHours: '12', MagneticStoreRetentionPeriodInDays: '30' } }).addDependency(tsDb);

  const ingestLogs = new logs.LogGroup(s, 'IngestRequestLogs', { logGroupName: '/onyx/telemetry/ingest-request-logs' });
  const ingestFn = new lambda.Function(s, 'IngestDecoder', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, logGroup: ingestLogs, environment: { CURATED_BUCKET: curated.bucketName } });
  ingestFn.addEventSource(new eventsources.KinesisEventSource(readings, { startingPosition: lambda.StartingPosition.TRIM_HORIZON, batchSize: 500, bisectBatchOnError: true }));
  curated.grantWrite(ingestFn);

  const vpc = new ec2.Vpc(s, 'TelemetryVpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'cache', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }], flowLogs: { s3: { destination: ec2.FlowLogDestination.toS3(serverLogs, 'vpc-flow/') } } });
  const cacheSg = new ec2.SecurityGroup(s, 'ShadowCacheSg', { vpc, description: 'device shadow cache', allowAllOutbound: false });
  cacheSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(6379), 'redis from the vpc');
  const cacheSubnets = new elasticache.CfnSubnetGroup(s, 'ShadowCacheSubnets', { description: 'shadow cache', subnetIds: vpc.isolatedSubnets.map((x) => x.subnetId) });
  new elasticache.CfnReplicationGroup(s, 'DeviceShadowCache', { replicationGroupDescription: 'last known device state', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailoverEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, kmsKeyId: lakeKey.keyId, cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId] });
  new elasticache.CfnServerlessCache(s, 'GeofenceCache', { engine: 'valkey', serverlessCacheName: 'onyx-geofences', subnetIds: vpc.isolatedSubnets.map((x) => x.subnetId), securityGroupIds: [cacheSg.securityGroupId], snapshotRetentionLimit: 5, dailySnapshotTime: '04:00' });

  const fleetAlarms = new sns.Topic(s, 'FleetAlarms', { masterKey: lakeKey });
  fleetAlarms.addSubscription(new subs.SqsSubscription(sqs.Queue.fromQueueArn(s, 'NocQueue', 'arn:aws:sqs:us-east-1:444455556666:noc-fleet-alarms')));
  fleetAlarms.addSubscription(new subs.EmailSubscription('fleet-ops@onyx-iot.example.com'));
}

// A media platform: an originals bucket (KMS, logged), renditions behind a CloudFront distribution with OAC, a TLS 1.2
// certificate, redirect and logging into a request-log bucket kept 60 days, a downloads distribution on defaults, a
// MediaConvert role granted read/write on the two buckets, a job submitter with mediaconvert:* on "*", viewer (MFA
// optional) and creator (MFA required) user pools, an identity pool admitting guests, a catalog TableV2 with a
// us-west-2 replica, a public preview function URL, and the CDN signing key kept as a plain SSM String.
const onyxStudio = new Stack(app, 'OnyxStudio', { env });
{
  const s = onyxStudio;
  const cdnLogs = new s3.Bucket(s, 'StudioCdnRequestLogs', { bucketName: 'onyx-studio-cdn-request-logs-111122223333', enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, lifecycleRules: [{ expiration: Duration.days(60) }] });
  const mediaKey = new kms.Key(s, 'OriginalsKey', { enableKeyRotation: true, description: 'camera originals' });
  const originals = new s3.Bucket(s, 'Originals', { encryption: s3.BucketEncryption.KMS, encryptionKey: mediaKey, enforceSSL: true, versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: cdnLogs, serverAccessLogsPrefix: 's3/originals/', cors: [{ allowedMethods: [s3.HttpMethods.PUT], allowedOrigins: ['https://upload.onyx-studio.example.com'], allowedHeaders: ['*'] }] });
  const renditions = new s3.Bucket(s, 'Renditions', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: cdnLogs, serverAccessLogsPrefix: 's3/renditions/', lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }] });
  const downloads = new s3.Bucket(s, 'PressKitDownloads', { enforceSSL: true, serverAccessLogsBucket: cdnLogs, serverAccessLogsPrefix: 's3/downloads/' });

  const cert = acm.Certificate.fromCertificateArn(s, 'WatchCert', 'arn:aws:acm:us-east-1:111122223333:certificate/5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9');
  new cloudfront.Distribution(s, 'WatchCdn', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(renditions), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS, cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED },
    domainNames: ['watch.onyx-studio.example.com'], certificate: cert, minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
    enableLogging: true, logBucket: cdnLogs, logFilePrefix: 'cdn/watch/', priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
  });
  new cloudfront.Distribution(s, 'PressKitCdn', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(downloads) }, comment: 'press kit downloads' });

  const convertRole = new iam.Role(s, 'MediaConvertRole', { assumedBy: new iam.ServicePrincipal('mediaconvert.amazonaws.com') });
  originals.grantRead(convertRole);
  renditions.grantReadWrite(convertRole);
  const submitFn = new lambda.Function(s, 'SubmitTranscode', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, environment: { ROLE_ARN: convertRole.roleArn, OUTPUT: `s3://${renditions.bucketName}/hls/` } });
  submitFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['mediaconvert:*'], resources: ['*'] }));
  convertRole.grantPassRole(submitFn.role);
  originals.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(submitFn), { suffix: '.mov' });
  const jobEvents = new sqs.Queue(s, 'TranscodeEvents', { enforceSSL: true });
  new events.Rule(s, 'TranscodeFinished', { eventPattern: { source: ['aws.mediaconvert'], detailType: ['MediaConvert Job State Change'], detail: { status: ['COMPLETE', 'ERROR'] } }, targets: [new targets.SqsQueue(jobEvents)] });

  const viewers = new cognito.UserPool(s, 'ViewerPool', { selfSignUpEnabled: true, signInAliases: { email: true }, mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { sms: false, otp: true }, passwordPolicy: { minLength: 10 } });
  const viewerClient = viewers.addClient('WebPlayer', { authFlows: { userSrp: true } });
  new cognito.UserPool(s, 'CreatorPool', { selfSignUpEnabled: false, signInAliases: { email: true }, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { sms: false, otp: true }, passwordPolicy: { minLength: 14 } });
  const idPool = new identitypool.IdentityPool(s, 'PlayerIdentities', { allowUnauthenticatedIdentities: true, authenticationProviders: { userPools: [new identitypool.UserPoolAuthenticationProvider({ userPool: viewers, userPoolClient: viewerClient })] } });
  renditions.grantRead(idPool.unauthenticatedRole, 'trailers/*');
  renditions.grantRead(idPool.authenticatedRole);

  new dynamodb.TableV2(s, 'TitleCatalog', {
    partitionKey: { name: 'titleId', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    replicas: [{ region: 'eu-central-1' }, { region: 'us-west-2' }],
  });
  const preview = new lambda.Function(s, 'PreviewFrame', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, memorySize: 1024, environment: { RENDITIONS: renditions.bucketName } });
  renditions.grantRead(preview);
  preview.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE, cors: { allowedOrigins: ['https://watch.onyx-studio.example.com'] } });

  new ssm.StringParameter(s, 'CdnSigningKey', { parameterName: '/onyx/studio/cloudfront-signing-key', description: 'private key for signed URLs', stringValue: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDOnyxStudioDemo\n-----END PRIVATE KEY-----' });
}

// An internal tools platform: a VPC without flow logs, an HTTPS tools portal on an ALB Fargate pattern (redirect,
// TLS 1.2+ policy, access logs), a wiki on a plain-HTTP public ALB whose tasks take public IPs, an encrypted EFS share
// in a 35-day Backup plan, a MySQL tools database on CDK defaults, a Redis session cache without TLS keeping a week
// of snapshots, an SSM bastion with an encrypted root volume and a CI build agent with SSH open, an unlogged
// onboarding workflow, a report task on a schedule.
const onyxTools = new Stack(app, 'OnyxTools', { env });
{
  const s = onyxTools;
  const vpc = new ec2.Vpc(s, 'ToolsVpc', { maxAzs: 2, natGateways: 1 });
  const cluster = new ecs.Cluster(s, 'ToolsCluster', { vpc, containerInsights: true });
  const albLogs = new s3.Bucket(s, 'ToolsAlbLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.S3_MANAGED, lifecycleRules: [{ expiration: Duration.days(90) }] });

  const share = new efs.FileSystem(s, 'ToolsShare', { vpc, encrypted: true, performanceMode: efs.PerformanceMode.GENERAL_PURPOSE, lifecyclePolicy: efs.LifecyclePolicy.AFTER_30_DAYS, removalPolicy: RemovalPolicy.RETAIN });
  const portalTask = new ecs.FargateTaskDefinition(s, 'PortalTask', { cpu: 512, memoryLimitMiB: 1024, volumes: [{ name: 'shared', efsVolumeConfiguration: { fileSystemId: share.fileSystemId, transitEncryption: 'ENABLED' } }] });
  const toolsDb = new rds.DatabaseInstance(s, 'ToolsDb', {
    engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0_39 }),
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.SMALL), vpc, allocatedStorage: 50,
    credentials: rds.Credentials.fromGeneratedSecret('tools'), databaseName: 'tools',
  });
  const portalContainer = portalTask.addContainer('portal', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/onyx-sample/tools-portal:3.2'), portMappings: [{ containerPort: 8080 }],
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'portal', logRetention: logs.RetentionDays.ONE_MONTH }),
    secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(toolsDb.secret, 'password') }, environment: { DB_HOST: toolsDb.dbInstanceEndpointAddress, SHARE_PATH: '/mnt/shared' },
  });
  portalContainer.addMountPoints({ containerPath: '/mnt/shared', sourceVolume: 'shared', readOnly: false });
  const portal = new ecsPatterns.ApplicationLoadBalancedFargateService(s, 'Portal', {
    cluster, taskDefinition: portalTask, publicLoadBalancer: true, desiredCount: 2,
    certificate: acm.Certificate.fromCertificateArn(s, 'PortalCert', 'arn:aws:acm:eu-west-1:111122223333:certificate/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'),
    redirectHTTP: true, sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS, protocol: elbv2.ApplicationProtocol.HTTPS,
  });
  portal.loadBalancer.logAccessLogs(albLogs, 'portal');
  share.connections.allowDefaultPortFrom(portal.service);
  toolsDb.connections.allowDefaultPortFrom(portal.service);

  const wiki = new ecsPatterns.ApplicationLoadBalancedFargateService(s, 'Wiki', {
    cluster, publicLoadBalancer: true, assignPublicIp: true, taskSubnets: { subnetType: ec2.SubnetType.PUBLIC }, cpu: 256, memoryLimitMiB: 512,
    taskImageOptions: { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/onyx-sample/team-wiki:1.9'), containerPort: 3000, environment: { WIKI_TITLE: 'Onyx engineering' } },
  });
  wiki.targetGroup.configureHealthCheck({ path: '/healthz' });

  const cacheSg = new ec2.SecurityGroup(s, 'SessionCacheSg', { vpc, description: 'session cache' });
  cacheSg.addIngressRule(ec2.Peer.securityGroupId(portal.service.connections.securityGroups[0].securityGroupId), ec2.Port.tcp(6379));
  const cacheSubnets = new elasticache.CfnSubnetGroup(s, 'SessionCacheSubnets', { description: 'sessions', subnetIds: vpc.privateSubnets.map((x) => x.subnetId) });
  new elasticache.CfnReplicationGroup(s, 'SessionCache', { replicationGroupDescription: 'portal sessions', engine: 'redis', cacheNodeType: 'cache.t4g.micro', numCacheClusters: 2, automaticFailoverEnabled: true, atRestEncryptionEnabled: true, snapshotRetentionLimit: 7, snapshotWindow: '03:00-04:00', cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId] });

  new ec2.BastionHostLinux(s, 'OpsBastion', { vpc, subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(20, { encrypted: true }) }] });
  const agentSg = new ec2.SecurityGroup(s, 'BuildAgentSg', { vpc, description: 'ci build agent' });
  agentSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh for debugging builds');
  const agentRole = new iam.Role(s, 'BuildAgentRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')] });
  new ec2.Instance(s, 'BuildAgent', {
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, securityGroup: agentSg, role: agentRole,
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.C7G, ec2.InstanceSize.LARGE), machineImage: ec2.MachineImage.latestAmazonLinux2023({ cpuType: ec2.AmazonLinuxCpuType.ARM_64 }),
    blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(100, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3 }) }],
    keyPair: ec2.KeyPair.fromKeyPairName(s, 'AgentKey', 'onyx-ci'),
  });

  const onboardFn = new lambda.Function(s, 'ProvisionAccounts', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code });
  new sfn.StateMachine(s, 'OnboardingFlow', {
    definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(s, 'CreateAccounts', { lambdaFunction: onboardFn }).next(new sfn.Wait(s, 'WaitForManager', { time: sfn.WaitTime.duration(Duration.hours(1)) })).next(new sfn.Succeed(s, 'Done'))),
  });

  const reportBucket = new s3.Bucket(s, 'UsageReports', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: albLogs, serverAccessLogsPrefix: 's3/reports/', lifecycleRules: [{ expiration: Duration.days(60) }] });
  Tags.of(reportBucket).add('DataSet', 'exported-reports');
  const reportTask = new ecsPatterns.ScheduledFargateTask(s, 'UsageReport', {
    cluster, schedule: appscaling.Schedule.cron({ minute: '0', hour: '6', weekDay: 'MON' }),
    scheduledFargateTaskImageOptions: { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/onyx-sample/usage-report:0.7'), memoryLimitMiB: 512, environment: { REPORT_BUCKET: reportBucket.bucketName } },
  });
  reportBucket.grantPut(reportTask.taskDefinition.taskRole);

  toolsDb.node.defaultChild.addPropertyOverride('EnableCloudwatchLogsExports', ['error', 'slowquery']);
  new OnyxCfnResource(s, 'PortalRequestLogs', { type: 'AWS::Logs::LogGroup', properties: { LogGroupName: '/onyx/tools/portal-request-logs', RetentionInDays: 14 } });
  const plan = backup.BackupPlan.daily35DayRetention(s, 'ToolsBackup');
  plan.addSelection('Share', { resources: [backup.BackupResource.fromEfsFileSystem(share)] });
}
// (end of Onyx apps)

// Kite held-out apps (session 12, scout): stacks named Kite*, routed to templates/scout10cdk/, labelled in labels.scout10cdk.yaml
{
// A field-service scheduling product ("Kite"): an edge stack in us-east-1 (certificate + CloudFront WAF), a core stack
// (network, database, tables, caches, ops hosts), an API stack (Cognito, REST + AppSync, Lambda, Step Functions,
// EventBridge) and a web stack (S3 + CloudFront OAC, a Fargate portal behind an ALB), wired by cross-stack references.
const kiteEu = { account: '111122223333', region: 'eu-west-1' };
const kiteUs = { account: '111122223333', region: 'us-east-1' };
const kiteFn = lambda.Code.fromInline('exports.handler = async (event) => { console.log(JSON.stringify(event)); return { ok: true }; };');
class KiteKeyRotation {
  visit(node) {
    if (node instanceof kms.CfnKey && node.enableKeyRotation === undefined && node.keySpec === undefined) node.enableKeyRotation = true;
  }
}

const kiteEdge = new Stack(app, 'KiteEdgeCert', { env: kiteUs, crossRegionReferences: true });
const kiteCert = new acm.Certificate(kiteEdge, 'PortalCert', { domainName: 'portal.kite-dispatch.example', subjectAlternativeNames: ['www.kite-dispatch.example'], validation: acm.CertificateValidation.fromDns() });
const kiteAcl = new wafv2.CfnWebACL(kiteEdge, 'PortalAcl', {
  scope: 'CLOUDFRONT', defaultAction: { allow: {} },
  visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'kite-portal', sampledRequestsEnabled: true },
  rules: [
    { name: 'common', priority: 0, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'kite-common', sampledRequestsEnabled: true } },
    { name: 'rate', priority: 1, action: { block: {} }, statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: 'IP' } }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'kite-rate', sampledRequestsEnabled: true } },
  ],
});

const kiteCore = new Stack(app, 'KiteCore', { env: kiteEu });
const kiteVpc = new ec2.Vpc(kiteCore, 'Network', {
  maxAzs: 2, natGateways: 1,
  subnetConfiguration: [
    { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
    { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
    { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
  ],
  gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 }, Dynamo: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB } },
  flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL } },
});
kiteVpc.addInterfaceEndpoint('SecretsEndpoint', { service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER });
kiteVpc.addInterfaceEndpoint('SsmEndpoint', { service: ec2.InterfaceVpcEndpointAwsService.SSM });
const kiteDataKey = new kms.Key(kiteCore, 'DataKey', { alias: 'alias/kite-data', description: 'kite customer data' });
const kiteDb = new rds.DatabaseCluster(kiteCore, 'Scheduling', {
  engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
  writer: rds.ClusterInstance.serverlessV2('Writer'),
  readers: [rds.ClusterInstance.serverlessV2('Reader', { scaleWithWriter: true })],
  serverlessV2MinCapacity: 0.5, serverlessV2MaxCapacity: 8,
  vpc: kiteVpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  credentials: rds.Credentials.fromGeneratedSecret('kite_admin'),
  defaultDatabaseName: 'scheduling',
});
kiteDb.addRotationSingleUser();
kiteDb.node.defaultChild.addPropertyOverride('EnableCloudwatchLogsExports', ['postgresql']);
const kiteJobs = new dynamodb.Table(kiteCore, 'Jobs', {
  partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
  billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, stream: dynamodb.StreamViewType.NEW_IMAGE,
});
kiteJobs.addGlobalSecondaryIndex({ indexName: 'byTechnician', partitionKey: { name: 'technicianId', type: dynamodb.AttributeType.STRING } });
const kiteCustomers = new dynamodb.TableV2(kiteCore, 'Customers', {
  partitionKey: { name: 'customerId', type: dynamodb.AttributeType.STRING },
  encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
  pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 },
});
new dynamodb.TableV2(kiteCore, 'RouteTemplates', {
  partitionKey: { name: 'region', type: dynamodb.AttributeType.STRING },
  pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  replicas: [{ region: 'eu-central-1' }, { region: 'us-east-1' }],
});
const kiteCacheSg = new ec2.SecurityGroup(kiteCore, 'CacheSg', { vpc: kiteVpc, description: 'redis from app subnets', allowAllOutbound: false });
kiteCacheSg.addIngressRule(ec2.Peer.ipv4(kiteVpc.vpcCidrBlock), ec2.Port.tcp(6379), 'app tier');
const kiteCacheSubnets = new elasticache.CfnSubnetGroup(kiteCore, 'CacheSubnets', { description: 'kite caches', subnetIds: kiteVpc.isolatedSubnets.map((s) => s.subnetId) });
new elasticache.CfnReplicationGroup(kiteCore, 'AvailabilityCache', {
  replicationGroupDescription: 'technician availability', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.t4g.medium',
  numCacheClusters: 2, automaticFailoverEnabled: true, multiAzEnabled: true, cacheSubnetGroupName: kiteCacheSubnets.ref,
  securityGroupIds: [kiteCacheSg.securityGroupId], atRestEncryptionEnabled: true, transitEncryptionEnabled: true,
  snapshotRetentionLimit: 5, snapshotWindow: '03:00-04:00',
});
new elasticache.CfnServerlessCache(kiteCore, 'GeoCache', {
  serverlessCacheName: 'kite-geo', engine: 'valkey', majorEngineVersion: '8', dailySnapshotTime: '02:30', snapshotRetentionLimit: 2,
  subnetIds: kiteVpc.isolatedSubnets.map((s) => s.subnetId), securityGroupIds: [kiteCacheSg.securityGroupId],
});
const kiteBastion = new ec2.BastionHostLinux(kiteCore, 'Bastion', {
  vpc: kiteVpc, blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(10, { encrypted: true }) }], requireImdsv2: true,
});
kiteDb.connections.allowDefaultPortFrom(kiteBastion, 'psql via session manager');
const kiteRescueSg = new ec2.SecurityGroup(kiteCore, 'RescueSg', { vpc: kiteVpc, description: 'field engineer rescue access' });
kiteRescueSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh while VPN is down');
new ec2.Instance(kiteCore, 'RescueHost', {
  vpc: kiteVpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, securityGroup: kiteRescueSg,
  instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO), machineImage: ec2.MachineImage.latestAmazonLinux2023(),
  keyPair: ec2.KeyPair.fromKeyPairName(kiteCore, 'RescueKey', 'kite-rescue'),
  blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(16, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3 }) }],
});
new kms.Key(kiteCore, 'PartnerSigningKey', { keySpec: kms.KeySpec.ECC_NIST_P256, keyUsage: kms.KeyUsage.SIGN_VERIFY, description: 'signs partner webhooks' });
const kiteBackupVault = new backup.BackupVault(kiteCore, 'Vault', { encryptionKey: kiteDataKey });
const kitePlan = new backup.BackupPlan(kiteCore, 'Plan', { backupVault: kiteBackupVault, backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'daily', scheduleExpression: events.Schedule.cron({ hour: '2', minute: '0' }), deleteAfter: Duration.days(35) })] });
kitePlan.addSelection('Tables', { resources: [backup.BackupResource.fromDynamoDbTable(kiteCustomers)] });
Aspects.of(kiteCore).add(new KiteKeyRotation());
Tags.of(kiteCore).add('kite:layer', 'core');

const kiteApi = new Stack(app, 'KiteApi', { env: kiteEu });
const kiteTechs = new cognito.UserPool(kiteApi, 'Technicians', {
  selfSignUpEnabled: false, signInAliases: { email: true }, passwordPolicy: { minLength: 12 },
  accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
});
const kiteTechClient = kiteTechs.addClient('MobileApp', { authFlows: { userSrp: true }, preventUserExistenceErrors: true });
const kiteAdmins = new cognito.UserPool(kiteApi, 'Dispatchers', {
  selfSignUpEnabled: false, signInAliases: { email: true }, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false },
  passwordPolicy: { minLength: 14, requireSymbols: true }, advancedSecurityMode: cognito.AdvancedSecurityMode.ENFORCED,
});
kiteAdmins.addClient('Console', { authFlows: { userSrp: true } });
const kiteTopicKey = new kms.Key(kiteApi, 'MessagingKey', { enableKeyRotation: true, description: 'kite messaging' });
const kiteNotices = new sns.Topic(kiteApi, 'JobNotices', { masterKey: kiteTopicKey, enforceSSL: true });
const kiteDlq = new sqs.Queue(kiteApi, 'DispatchDlq', { retentionPeriod: Duration.days(14), enforceSSL: true });
const kiteDispatchQ = new sqs.Queue(kiteApi, 'DispatchQueue', { visibilityTimeout: Duration.seconds(90), deadLetterQueue: { queue: kiteDlq, maxReceiveCount: 4 }, enforceSSL: true });
kiteNotices.addSubscription(new subs.SqsSubscription(kiteDispatchQ));
const kiteLegacyQ = new sqs.Queue(kiteApi, 'LegacyErpQueue', { encryption: sqs.QueueEncryption.UNENCRYPTED });
const kiteJobsFn = new lambda.Function(kiteApi, 'JobsHandler', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: kiteFn, memorySize: 512, timeout: Duration.seconds(10), environment: { JOBS_TABLE: kiteJobs.tableName, TOPIC_ARN: kiteNotices.topicArn }, tracing: lambda.Tracing.ACTIVE });
kiteJobs.grantReadWriteData(kiteJobsFn);
kiteNotices.grantPublish(kiteJobsFn);
const kiteCustFn = new lambda.Function(kiteApi, 'CustomersHandler', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: kiteFn, environment: { TABLE: kiteCustomers.tableName } });
kiteCustomers.grantReadData(kiteCustFn);
const kiteDbSecret = kiteDb.secret;
const kiteReportFn = new lambda.Function(kiteApi, 'ReportBuilder', {
  runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromInline('def handler(event, context):\n    return {"rows": 0}\n'),
  timeout: Duration.minutes(5), vpc: kiteVpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
  environment: { DB_SECRET_ARN: kiteDbSecret.secretArn, EXPORT_PREFIX: 'exports/' },
});
kiteDbSecret.grantRead(kiteReportFn);
new ec2.CfnSecurityGroupIngress(kiteApi, 'ReportToDb', { groupId: kiteDb.connections.securityGroups[0].securityGroupId, sourceSecurityGroupId: kiteReportFn.connections.securityGroups[0].securityGroupId, ipProtocol: 'tcp', fromPort: 5432, toPort: 5432, description: 'report builder to aurora' });
kiteReportFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
const kiteSmsFn = new lambda.Function(kiteApi, 'SmsSender', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: kiteFn, environment: { SMS_PROVIDER_URL: 'https://api.textgate.example/v2/send', SMS_API_TOKEN: 'tg_live_4f9c2a7e81d34b0c9e6a5f1d2b3c4e5f' } });
kiteSmsFn.addEventSource(new eventsources.SqsEventSource(kiteDispatchQ, { batchSize: 5 }));
const kiteStatusFn = new lambda.Function(kiteApi, 'StatusPing', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: kiteFn });
kiteStatusFn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
const kiteAccessLogs = new logs.LogGroup(kiteApi, 'ApiAccessLogs', { logGroupName: '/kite/api/request-logs', retention: logs.RetentionDays.ONE_MONTH });
const kiteRest = new apigw.RestApi(kiteApi, 'DispatchApi', {
  restApiName: 'kite-dispatch', endpointTypes: [apigw.EndpointType.REGIONAL],
  deployOptions: { stageName: 'v1', accessLogDestination: new apigw.LogGroupLogDestination(kiteAccessLogs), accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(), loggingLevel: apigw.MethodLoggingLevel.ERROR, throttlingRateLimit: 50, throttlingBurstLimit: 100 },
});
const kiteAuthz = new apigw.CognitoUserPoolsAuthorizer(kiteApi, 'TechAuthorizer', { cognitoUserPools: [kiteTechs] });
const kiteJobsRes = kiteRest.root.addResource('jobs');
kiteJobsRes.addMethod('GET', new apigw.LambdaIntegration(kiteJobsFn), { authorizer: kiteAuthz, authorizationType: apigw.AuthorizationType.COGNITO });
kiteJobsRes.addResource('{jobId}').addMethod('PUT', new apigw.LambdaIntegration(kiteJobsFn), { authorizer: kiteAuthz, authorizationType: apigw.AuthorizationType.COGNITO });
kiteRest.root.addResource('customers').addMethod('GET', new apigw.LambdaIntegration(kiteCustFn), { authorizer: kiteAuthz, authorizationType: apigw.AuthorizationType.COGNITO });
const kiteSchemaFile = join(tmpdir(), 'kite-schedule.graphql');
writeFileSync(kiteSchemaFile, 'type Job { id: ID! status: String technicianId: String }\ntype Query { job(id: ID!): Job }\nschema { query: Query }\n');
const kiteGraph = new appsync.GraphqlApi(kiteApi, 'Schedule', {
  name: 'kite-schedule',
  definition: appsync.Definition.fromSchema(appsync.SchemaFile.fromAsset(kiteSchemaFile)),
  authorizationConfig: { defaultAuthorization: { authorizationType: appsync.AuthorizationType.USER_POOL, userPoolConfig: { userPool: kiteAdmins } } },
  logConfig: { fieldLogLevel: appsync.FieldLogLevel.ERROR, retention: logs.RetentionDays.ONE_MONTH },
  xrayEnabled: true,
});
kiteGraph.addDynamoDbDataSource('JobsSource', kiteJobs);
const kiteLogsRetention = logs.RetentionDays.TWO_YEARS;
const kiteAssignLog = new logs.LogGroup(kiteApi, 'AssignmentFlowLogs', { retention: logs.RetentionDays.THREE_MONTHS });
const kiteAssign = new sfn.StateMachine(kiteApi, 'AssignTechnician', {
  definitionBody: sfn.DefinitionBody.fromChainable(
    new tasks.LambdaInvoke(kiteApi, 'PickTechnician', { lambdaFunction: kiteJobsFn, outputPath: '$.Payload' })
      .next(new tasks.SnsPublish(kiteApi, 'Notify', { topic: kiteNotices, message: sfn.TaskInput.fromJsonPathAt('$') }))
      .next(new sfn.Succeed(kiteApi, 'Assigned'))),
  logs: { destination: kiteAssignLog, level: sfn.LogLevel.ALL }, tracingEnabled: true,
});
const kiteNightly = new sfn.StateMachine(kiteApi, 'NightlyReports', {
  definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(kiteApi, 'BuildReport', { lambdaFunction: kiteReportFn }).next(new sfn.Succeed(kiteApi, 'Built'))),
  timeout: Duration.hours(1),
});
new events.Rule(kiteApi, 'NightlySchedule', { schedule: events.Schedule.cron({ hour: '1', minute: '30' }), targets: [new targets.SfnStateMachine(kiteNightly)] });
new events.Rule(kiteApi, 'JobCompleted', { eventPattern: { source: ['kite.jobs'], detailType: ['JobCompleted'] }, targets: [new targets.SfnStateMachine(kiteAssign), new targets.SqsQueue(kiteLegacyQ)] });
const kiteUsBus = events.EventBus.fromEventBusArn(kiteApi, 'AnalyticsBus', 'arn:aws:events:us-east-1:444455556666:event-bus/kite-analytics');
new events.Rule(kiteApi, 'ShareCompletions', { eventPattern: { source: ['kite.jobs'] }, targets: [new targets.EventBus(kiteUsBus)] });
const kiteMobileLogs = new logs.LogGroup(kiteApi, 'MobileRequestLogs', { logGroupName: '/kite/mobile/request-log', retention: kiteLogsRetention });
new iam.Role(kiteApi, 'SupportRole', { assumedBy: new iam.AccountRootPrincipal(), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonDynamoDBFullAccess')], description: 'support engineers fix stuck jobs' });
new iam.Role(kiteApi, 'PartnerInsightsRole', { assumedBy: new iam.AccountPrincipal('777788889999'), inlinePolicies: { read: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['logs:FilterLogEvents', 'logs:GetLogEvents'], resources: [kiteMobileLogs.logGroupArn] })] }) } });
new CfnOutput(kiteApi, 'ApiEndpoint', { value: kiteRest.url });
new CfnOutput(kiteApi, 'MobileClientId', { value: kiteTechClient.userPoolClientId });

const kiteWeb = new Stack(app, 'KiteWeb', { env: kiteEu, crossRegionReferences: true });
const kiteLogBucket = new s3.Bucket(kiteWeb, 'EdgeLogs', {
  objectOwnership: s3.ObjectOwnership.OBJECT_WRITER, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true,
  lifecycleRules: [{ expiration: Duration.days(30) }], removalPolicy: RemovalPolicy.RETAIN,
});
const kiteSite = new s3.Bucket(kiteWeb, 'PortalAssets', {
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true, versioned: true,
  serverAccessLogsBucket: kiteLogBucket, serverAccessLogsPrefix: 's3/portal/',
});
new cloudfront.Distribution(kiteWeb, 'PortalCdn', {
  defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(kiteSite), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS, responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS },
  defaultRootObject: 'index.html', domainNames: ['portal.kite-dispatch.example'], certificate: kiteCert, webAclId: kiteAcl.attrArn,
  enableLogging: true, logBucket: kiteLogBucket, logFilePrefix: 'cloudfront/', priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
  errorResponses: [{ httpStatus: 404, responseHttpStatus: 200, responsePagePath: '/index.html' }],
});
const kiteExports = new s3.Bucket(kiteWeb, 'CustomerExports', { lifecycleRules: [{ expiration: Duration.days(365) }] });
Tags.of(kiteExports).add('DataSet', 'exported-reports');
kiteExports.grantReadWrite(kiteReportFn.role);
const kitePortalCluster = new ecs.Cluster(kiteWeb, 'PortalCluster', { vpc: kiteVpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
const kitePortal = new ecsPatterns.ApplicationLoadBalancedFargateService(kiteWeb, 'CustomerPortal', {
  cluster: kitePortalCluster, cpu: 512, memoryLimitMiB: 1024, desiredCount: 2,
  taskImageOptions: {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/node:20-alpine'), containerPort: 3000,
    environment: { NODE_ENV: 'production', JOBS_TABLE: kiteJobs.tableName, ERP_SERVICE_PASSWORD: 'Kite-ErpSync-2024!' },
    secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(kiteDbSecret, 'password') },
  },
  publicLoadBalancer: true,
});
kiteJobs.grantReadData(kitePortal.taskDefinition.taskRole);
kitePortal.targetGroup.configureHealthCheck({ path: '/healthz' });
const kiteRenderRepo = new ecr.Repository(kiteWeb, 'InvoiceRendererRepo', { imageScanOnPush: true, imageTagMutability: ecr.TagMutability.IMMUTABLE, lifecycleRules: [{ maxImageCount: 20 }] });
const kiteRender = new ecsPatterns.QueueProcessingFargateService(kiteWeb, 'InvoiceRenderer', {
  cluster: kitePortalCluster, cpu: 1024, memoryLimitMiB: 2048, image: ecs.ContainerImage.fromEcrRepository(kiteRenderRepo, 'v3.2.0'),
  minScalingCapacity: 0, maxScalingCapacity: 4, environment: { EXPORT_BUCKET: kiteExports.bucketName },
});
kiteExports.grantPut(kiteRender.taskDefinition.taskRole);
new ecsPatterns.ScheduledFargateTask(kiteWeb, 'NightlyErpSync', {
  cluster: kitePortalCluster, schedule: appscaling.Schedule.cron({ hour: '0', minute: '15' }),
  scheduledFargateTaskImageOptions: { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/python:3.12-slim'), command: ['python', '-m', 'erp_sync'], memoryLimitMiB: 512, secrets: { ERP_DB: ecs.Secret.fromSecretsManager(kiteDbSecret) } },
  subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
});
Tags.of(kiteWeb).add('kite:layer', 'web');

const kiteOps = new Stack(app, 'KiteOps', { env: kiteEu });
const kiteTrailBucket = new s3.Bucket(kiteOps, 'TrailArchive', {
  encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: true, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  versioned: true, lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(90) }] }],
});
new cloudtrail.Trail(kiteOps, 'AccountTrail', { bucket: kiteTrailBucket, isMultiRegionTrail: true, includeGlobalServiceEvents: true, enableFileValidation: true, sendToCloudWatchLogs: true, cloudWatchLogsRetention: logs.RetentionDays.ONE_YEAR });
const kitePartnerVpc = new ec2.Vpc(kiteOps, 'PartnerLink', { ipAddresses: ec2.IpAddresses.cidr('10.40.0.0/20'), maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'link', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
const kiteErpSg = new ec2.SecurityGroup(kiteOps, 'ErpDbSg', { vpc: kitePartnerVpc, description: 'erp replica' });
kiteErpSg.addIngressRule(ec2.Peer.ipv4('10.40.0.0/20'), ec2.Port.tcp(3306), 'sync workers');
new rds.DatabaseInstance(kiteOps, 'ErpMirror', {
  engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0_39 }),
  instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.SMALL), vpc: kitePartnerVpc,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, securityGroups: [kiteErpSg], allocatedStorage: 50,
  credentials: rds.Credentials.fromGeneratedSecret('erp_sync'),
});
const kiteTelemetry = new kinesis.Stream(kiteOps, 'VanTelemetry', { streamMode: kinesis.StreamMode.ON_DEMAND, retentionPeriod: Duration.days(7) });
const kiteTelemetryBucket = new s3.Bucket(kiteOps, 'TelemetryLake', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(400) }] });
const kiteTelemetryFn = new lambda.Function(kiteOps, 'TelemetryEnricher', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: kiteFn, timeout: Duration.seconds(30) });
kiteTelemetryFn.addEventSource(new eventsources.KinesisEventSource(kiteTelemetry, { startingPosition: lambda.StartingPosition.LATEST, batchSize: 100, bisectBatchOnError: true }));
kiteTelemetryBucket.grantPut(kiteTelemetryFn);
const kiteHttpFn = new lambda.Function(kiteOps, 'VanCheckin', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: kiteFn, environment: { STREAM: kiteTelemetry.streamName } });
kiteTelemetry.grantWrite(kiteHttpFn);
const kiteHttp = new apigwv2.HttpApi(kiteOps, 'VanApi', {
  defaultAuthorizer: new HttpJwtAuthorizer('TechJwt', kiteTechs.userPoolProviderUrl, { jwtAudience: [kiteTechClient.userPoolClientId] }),
});
kiteHttp.addRoutes({ path: '/checkin', methods: [apigwv2.HttpMethod.POST], integration: new HttpLambdaIntegration('CheckinIntegration', kiteHttpFn) });
const kiteAlarmTopic = new sns.Topic(kiteOps, 'OpsAlarms', { masterKey: kms.Alias.fromAliasName(kiteOps, 'SnsManaged', 'alias/aws/sns') });
kiteAlarmTopic.addSubscription(new subs.EmailSubscription('oncall@kite-dispatch.example'));
new cloudwatch.Alarm(kiteOps, 'TelemetryLag', { metric: kiteTelemetry.metricGetRecordsIteratorAgeMilliseconds({ period: Duration.minutes(5) }), threshold: 60000, evaluationPeriods: 3 }).addAlarmAction(new cwactions.SnsAction(kiteAlarmTopic));
new cloudwatch.Alarm(kiteOps, 'CheckinErrors', { metric: kiteHttpFn.metricErrors(), threshold: 5, evaluationPeriods: 1 }).addAlarmAction(new cwactions.SnsAction(kiteAlarmTopic));
const kiteAuditor = new iam.Role(kiteOps, 'ExternalAuditorRole', { assumedBy: new iam.AccountPrincipal('222233334444'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')], maxSessionDuration: Duration.hours(2) });
const kiteOpsGroup = new iam.Group(kiteOps, 'OnCallEngineers');
kiteOpsGroup.addToPolicy(new iam.PolicyStatement({ actions: ['ecs:UpdateService', 'ecs:DescribeServices'], resources: ['arn:aws:ecs:eu-west-1:111122223333:service/*'], conditions: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }));
kiteOpsGroup.addToPolicy(new iam.PolicyStatement({ actions: ['logs:StartQuery', 'logs:GetQueryResults'], resources: ['*'] }));
const kiteCiUser = new iam.User(kiteOps, 'LegacyCiUser');
kiteCiUser.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:ListBucket'], resources: [kiteTelemetryBucket.bucketArn, kiteTelemetryBucket.arnForObjects('ci/*')] }));
const kiteCiKey = new iam.AccessKey(kiteOps, 'LegacyCiKey', { user: kiteCiUser });
new secretsmanager.Secret(kiteOps, 'LegacyCiCredentials', { secretObjectValue: { accessKeyId: SecretValue.unsafePlainText(kiteCiKey.accessKeyId), secretAccessKey: kiteCiKey.secretAccessKey } });
new ssm.StringParameter(kiteOps, 'MapsTileEndpoint', { parameterName: '/kite/maps/tile-endpoint', stringValue: 'https://tiles.kite-dispatch.example/{z}/{x}/{y}.png' });
Tags.of(kiteOps).add('kite:layer', 'ops');
}
// (end of Kite apps)

// Lark held-out apps (session 12, scout): stacks named Lark*, routed to templates/scout11cdk/, labelled in labels.scout11cdk.yaml
// Lark apps: a field-survey data platform. LarkData (network, Aurora, OpenSearch, Glue, caches, exports),
// LarkApi (Cognito + identity pool, AppSync, SnapStart Lambda, Distributed Map, Scheduler, Pipes),
// LarkOps (hub network with Transit Gateway, Network Firewall, Resolver, WAF, ECS on EC2, Batch, cross-account pipeline).
{
  const st = new Stack(app, 'LarkData', { env });
  const vpc = new ec2.Vpc(st, 'SurveyNet', {
    maxAzs: 2, natGateways: 1,
    subnetConfiguration: [
      { name: 'edge', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
      { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
      { name: 'db', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 26 },
    ],
    flowLogs: { everything: { trafficType: ec2.FlowLogTrafficType.ALL } },
  });
  const dbKey = new kms.Key(st, 'SurveyDbKey', { enableKeyRotation: true, description: 'survey databases' });
  new rds.DatabaseCluster(st, 'FieldRecords', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_13 }),
    writer: rds.ClusterInstance.serverlessV2('writer'),
    readers: [rds.ClusterInstance.serverlessV2('reader', { scaleWithWriter: true })],
    serverlessV2MinCapacity: 0.5, serverlessV2MaxCapacity: 8,
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    storageEncryptionKey: dbKey,
    backup: { retention: Duration.days(14), preferredWindow: '02:00-03:00' },
    cloudwatchLogsExports: ['postgresql'],
    defaultDatabaseName: 'fieldrecords',
  });
  new rds.DatabaseCluster(st, 'SpeciesCatalog', {
    engine: rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_08_2 }),
    writer: rds.ClusterInstance.serverlessV2('writer'),
    serverlessV2MinCapacity: 0.5, serverlessV2MaxCapacity: 2,
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    storageEncrypted: true,
  });
  const searchSg = new ec2.SecurityGroup(st, 'SearchSg', { vpc, description: 'search domain' });
  searchSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(443), 'https from the vpc');
  new opensearch.Domain(st, 'ObservationSearch', {
    version: opensearch.EngineVersion.OPENSEARCH_2_17,
    capacity: { dataNodes: 2, dataNodeInstanceType: 'r6g.large.search', multiAzWithStandbyEnabled: false },
    ebs: { volumeSize: 100, volumeType: ec2.EbsDeviceVolumeType.GP3 },
    zoneAwareness: { enabled: true, availabilityZoneCount: 2 },
    vpc, vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }], securityGroups: [searchSg],
    enforceHttps: true, nodeToNodeEncryption: true, tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2,
    encryptionAtRest: { enabled: true, kmsKey: dbKey },
    fineGrainedAccessControl: { masterUserName: 'survey-admin' },
    logging: { auditLogEnabled: true, slowSearchLogEnabled: true, appLogEnabled: true },
    removalPolicy: RemovalPolicy.RETAIN,
  });
  new opensearch.Domain(st, 'LegacyTileIndex', {
    version: opensearch.EngineVersion.ELASTICSEARCH_7_10,
    capacity: { dataNodes: 1, dataNodeInstanceType: 't3.medium.search' },
    ebs: { volumeSize: 20 },
    vpc, vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, availabilityZones: [vpc.availabilityZones[0]] }],
  });
  const gisSg = new ec2.SecurityGroup(st, 'GisLicenseSg', { vpc, description: 'GIS licence server' });
  gisSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(3389), 'rdp for the GIS vendor');
  gisSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(27000), 'licence checkout');
  new ec2.Instance(st, 'GisLicenseServer', {
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, securityGroup: gisSg,
    instanceType: new ec2.InstanceType('t3.medium'), machineImage: ec2.MachineImage.latestWindows(ec2.WindowsVersion.WINDOWS_SERVER_2022_ENGLISH_FULL_BASE),
    blockDevices: [{ deviceName: '/dev/sda1', volume: ec2.BlockDeviceVolume.ebs(60, { encrypted: true }) }], requireImdsv2: true,
  });
  const accessLogs = new s3.Bucket(st, 'LakeAccessLogs', {
    enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
    lifecycleRules: [{ expiration: Duration.days(90) }],
  });
  const lake = new s3.Bucket(st, 'SurveyLake', {
    encryption: s3.BucketEncryption.KMS, encryptionKey: dbKey, bucketKeyEnabled: true, enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, versioned: true, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'lake/',
  });
  const exportsBucket = new s3.Bucket(st, 'PartnerExtracts', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'extracts/',
    lifecycleRules: [{ expiration: Duration.days(180) }],
  });
  Tags.of(exportsBucket).add('DataSet', 'exported-reports');
  const glueDb = new glue.CfnDatabase(st, 'SurveyGlueDb', { catalogId: st.account, databaseInput: { name: 'lark_survey', description: 'curated survey data' } });
  const crawlerRole = new iam.Role(st, 'LakeCrawlerRole', {
    assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSGlueServiceRole')],
  });
  lake.grantRead(crawlerRole);
  dbKey.grantDecrypt(crawlerRole);
  new glue.CfnCrawler(st, 'RawCrawler', {
    role: crawlerRole.roleArn, databaseName: 'lark_survey',
    targets: { s3Targets: [{ path: `s3://${lake.bucketName}/raw/` }] },
  }).addDependency(glueDb);
  const etlRole = new iam.Role(st, 'CurateJobRole', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com') });
  lake.grantReadWrite(etlRole);
  dbKey.grantEncryptDecrypt(etlRole);
  etlRole.addToPolicy(new iam.PolicyStatement({ actions: ['glue:GetTable', 'glue:GetPartitions', 'glue:BatchCreatePartition'], resources: [`arn:aws:glue:${st.region}:${st.account}:catalog`, `arn:aws:glue:${st.region}:${st.account}:database/lark_survey`, `arn:aws:glue:${st.region}:${st.account}:table/lark_survey/*`] }));
  const secCfg = new glue.CfnSecurityConfiguration(st, 'CurateSecurity', {
    name: 'lark-curate',
    encryptionConfiguration: {
      s3Encryptions: [{ s3EncryptionMode: 'SSE-KMS', kmsKeyArn: dbKey.keyArn }],
      cloudWatchEncryption: { cloudWatchEncryptionMode: 'SSE-KMS', kmsKeyArn: dbKey.keyArn },
      jobBookmarksEncryption: { jobBookmarksEncryptionMode: 'CSE-KMS', kmsKeyArn: dbKey.keyArn },
    },
  });
  const curate = new glue.CfnJob(st, 'CurateJob', {
    name: 'lark-curate', role: etlRole.roleArn, glueVersion: '4.0', workerType: 'G.1X', numberOfWorkers: 4,
    command: { name: 'glueetl', pythonVersion: '3', scriptLocation: `s3://${lake.bucketName}/scripts/curate.py` },
    securityConfiguration: secCfg.ref,
    defaultArguments: { '--job-bookmark-option': 'job-bookmark-enable', '--enable-continuous-cloudwatch-log': 'true' },
  });
  const flow = new glue.CfnWorkflow(st, 'NightlyCurate', { name: 'lark-nightly', description: 'crawl then curate' });
  new glue.CfnTrigger(st, 'NightlyStart', {
    workflowName: flow.ref, type: 'SCHEDULED', schedule: 'cron(30 1 * * ? *)', startOnCreation: true,
    actions: [{ crawlerName: 'RawCrawler' }],
  });
  new glue.CfnTrigger(st, 'AfterCrawl', {
    workflowName: flow.ref, type: 'CONDITIONAL', startOnCreation: true,
    predicate: { conditions: [{ logicalOperator: 'EQUALS', crawlerName: 'RawCrawler', crawlState: 'SUCCEEDED' }] },
    actions: [{ jobName: curate.ref }],
  });
  const cacheSubnets = new elasticache.CfnSubnetGroup(st, 'CacheSubnets', {
    description: 'tile cache', subnetIds: vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds,
  });
  const cacheSg = new ec2.SecurityGroup(st, 'CacheSg', { vpc, description: 'valkey', allowAllOutbound: false });
  cacheSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(6379));
  new elasticache.CfnReplicationGroup(st, 'TileCache', {
    replicationGroupDescription: 'map tile cache', engine: 'valkey', engineVersion: '8.0', cacheNodeType: 'cache.r7g.large',
    numCacheClusters: 2, automaticFailoverEnabled: true, multiAzEnabled: true,
    atRestEncryptionEnabled: true, transitEncryptionEnabled: true,
    snapshotRetentionLimit: 3, snapshotWindow: '03:00-04:00',
    cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId],
  });
  new elasticache.CfnServerlessCache(st, 'QuotaCache', {
    serverlessCacheName: 'lark-quota', engine: 'valkey', majorEngineVersion: '8',
    subnetIds: vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds, securityGroupIds: [cacheSg.securityGroupId],
  });
}
const larkSchemaFile = join(tmpdir(), 'lark-survey.graphql');
writeFileSync(larkSchemaFile, 'type Sighting { pk: ID! sk: String species: String }\ntype Query { sighting(pk: ID!): Sighting }\nschema { query: Query }\n');
{
  const st = new Stack(app, 'LarkApi', { env });
  const surveyors = new cognito.UserPool(st, 'Surveyors', {
    selfSignUpEnabled: false, signInAliases: { email: true },
    mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false },
    passwordPolicy: { minLength: 12, requireSymbols: true },
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const volunteers = new cognito.UserPool(st, 'Volunteers', { selfSignUpEnabled: true, signInAliases: { email: true }, autoVerify: { email: true } });
  const webClient = surveyors.addClient('FieldApp', { authFlows: { userSrp: true } });
  const volClient = volunteers.addClient('VolunteerApp', { authFlows: { userSrp: true } });
  const ipool = new identitypool.IdentityPool(st, 'FieldIdentities', {
    allowUnauthenticatedIdentities: false,
    authenticationProviders: { userPools: [new identitypool.UserPoolAuthenticationProvider({ userPool: surveyors, userPoolClient: webClient }), new identitypool.UserPoolAuthenticationProvider({ userPool: volunteers, userPoolClient: volClient })] },
  });
  const photos = new s3.Bucket(st, 'FieldPhotos', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, cors: [{ allowedMethods: [s3.HttpMethods.PUT], allowedOrigins: ['https://field.lark-survey.example'] }] });
  photos.grantPut(ipool.authenticatedRole);
  const sightings = new dynamodb.TableV2(st, 'Sightings', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 },
    replicas: [{ region: 'us-west-2' }],
  });
  const drafts = new dynamodb.Table(st, 'Drafts', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, timeToLiveAttribute: 'ttl' });
  const graphLogs = new logs.LogGroup(st, 'GraphRequestLogs', { logGroupName: '/lark/graph/request-logs', retention: logs.RetentionDays.ONE_MONTH });
  const api = new appsync.GraphqlApi(st, 'SurveyGraph', {
    name: 'lark-survey',
    definition: appsync.Definition.fromSchema(appsync.SchemaFile.fromAsset(larkSchemaFile)),
    authorizationConfig: { defaultAuthorization: { authorizationType: appsync.AuthorizationType.USER_POOL, userPoolConfig: { userPool: surveyors } }, additionalAuthorizationModes: [{ authorizationType: appsync.AuthorizationType.IAM }] },
    logConfig: { fieldLogLevel: appsync.FieldLogLevel.ERROR, retention: logs.RetentionDays.ONE_MONTH },
    xrayEnabled: true,
  });
  new appsync.CfnApiCache(st, 'SurveyGraphCache', { apiId: api.apiId, apiCachingBehavior: 'PER_RESOLVER_CACHING', ttl: 300, type: 'SMALL', atRestEncryptionEnabled: true, transitEncryptionEnabled: true });
  api.addDynamoDbDataSource('SightingsSource', sightings);
  const partnerApi = new appsync.GraphqlApi(st, 'PartnerGraph', {
    name: 'lark-partner',
    definition: appsync.Definition.fromSchema(appsync.SchemaFile.fromAsset(larkSchemaFile)),
    authorizationConfig: { defaultAuthorization: { authorizationType: appsync.AuthorizationType.API_KEY, apiKeyConfig: { expires: Expiration.atDate(new Date('2027-06-30T00:00:00Z')) } } },
  });
  partnerApi.addDynamoDbDataSource('PartnerSightings', sightings, { readOnlyAccess: true } );
  const ingestFn = new lambda.Function(st, 'SightingIngest', {
    runtime: lambda.Runtime.JAVA_21, handler: 'survey.IngestHandler::handleRequest', code: lambda.Code.fromBucket(s3.Bucket.fromBucketName(st, 'BuildArtifacts', 'lark-build-artifacts-111122223333'), 'ingest/ingest-1.4.2.jar'), memorySize: 2048, timeout: Duration.seconds(30),
    snapStart: lambda.SnapStartConf.ON_PUBLISHED_VERSIONS,
    environment: { TABLE: sightings.tableName, BUCKET: photos.bucketName },
    logRetention: logs.RetentionDays.THREE_MONTHS,
  });
  sightings.grantReadWriteData(ingestFn);
  const live = new lambda.Alias(st, 'IngestLive', { aliasName: 'live', version: ingestFn.currentVersion, provisionedConcurrentExecutions: 2 });
  live.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
  const webhook = new lambda.Function(st, 'WeatherWebhook', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code,
    environment: { WEATHER_API_KEY: 'wx_live_4f9a1c77e2b04d0e9a3b', DRAFTS: drafts.tableName },
  });
  drafts.grantWriteData(webhook);
  webhook.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE, cors: { allowedOrigins: ['*'] } });
  const reqLogs = new logs.LogGroup(st, 'IngestRequestLogs', { logGroupName: '/lark/ingest/request-logs', retention: logs.RetentionDays.SIX_MONTHS });
  const mapLogs = new logs.LogGroup(st, 'RescoreLogs', { retention: logs.RetentionDays.ONE_MONTH });
  const scoreFn = new lambda.Function(st, 'ScoreBatch', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromInline('def handler(e, c):\n    return e\n') });
  const dmap = new sfn.DistributedMap(st, 'ScoreEverySighting', {
    itemReader: new sfn.S3JsonItemReader({ bucket: photos, key: 'manifests/rescore.json' }), maxConcurrency: 50,
  });
  dmap.itemProcessor(new tasks.LambdaInvoke(st, 'ScoreOne', { lambdaFunction: scoreFn, payloadResponseOnly: true }));
  const rescore = new sfn.StateMachine(st, 'Rescore', {
    definitionBody: sfn.DefinitionBody.fromChainable(dmap), logs: { destination: mapLogs, level: sfn.LogLevel.ALL }, tracingEnabled: true,
  });
  const purge = new sfn.StateMachine(st, 'PurgeDrafts', {
    stateMachineType: sfn.StateMachineType.EXPRESS,
    definitionBody: sfn.DefinitionBody.fromChainable(new tasks.CallAwsService(st, 'ScanDrafts', { service: 'dynamodb', action: 'scan', parameters: { TableName: drafts.tableName }, iamResources: [drafts.tableArn] })),
  });
  const schedRole = new iam.Role(st, 'SchedulerRole', { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com') });
  rescore.grantStartExecution(schedRole);
  new scheduler.CfnSchedule(st, 'WeeklyRescore', {
    scheduleExpression: 'cron(0 4 ? * SUN *)', scheduleExpressionTimezone: 'Europe/Dublin', flexibleTimeWindow: { mode: 'FLEXIBLE', maximumWindowInMinutes: 30 },
    target: { arn: rescore.stateMachineArn, roleArn: schedRole.roleArn, input: '{"reason":"weekly"}' },
  });
  const draftQueue = new sqs.Queue(st, 'DraftEvents', { enforceSSL: true, retentionPeriod: Duration.days(4) });
  const pipeRole = new iam.Role(st, 'DraftPipeRole', { assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com') });
  draftQueue.grantConsumeMessages(pipeRole);
  purge.grantStartExecution(pipeRole);
  new pipes.CfnPipe(st, 'DraftPipe', {
    roleArn: pipeRole.roleArn, source: draftQueue.queueArn, target: purge.stateMachineArn,
    sourceParameters: { sqsQueueParameters: { batchSize: 5 } },
    targetParameters: { stepFunctionStateMachineParameters: { invocationType: 'FIRE_AND_FORGET' } },
  });
  new events.Rule(st, 'SightingsToPartner', {
    description: 'forward confirmed sightings to the partner bus',
    eventPattern: { source: ['lark.survey'], detailType: ['SightingConfirmed'] },
    targets: [new targets.EventBus(events.EventBus.fromEventBusArn(st, 'PartnerBus', 'arn:aws:events:us-east-1:444455556666:event-bus/lark-partner-sightings'))],
  });
  new iam.Role(st, 'DataStewardRole', {
    assumedBy: new iam.AccountRootPrincipal(), description: 'data stewards fix records by hand',
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonDynamoDBFullAccess')],
  });
  const plainCache = new elasticache.CfnReplicationGroup(st, 'SessionCache', {
    replicationGroupDescription: 'graph sessions', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.t4g.small', numCacheClusters: 1,
    atRestEncryptionEnabled: true,
  });
  Tags.of(plainCache).add('team', 'lark-graph');
}
{
  const st = new Stack(app, 'LarkOps', { env });
  const hub = new ec2.Vpc(st, 'InspectionHub', {
    ipAddresses: ec2.IpAddresses.cidr('10.60.0.0/16'), maxAzs: 2, natGateways: 0,
    subnetConfiguration: [
      { name: 'firewall', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 28 },
      { name: 'tgw', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 28 },
    ],
  });
  const tgw = new ec2.CfnTransitGateway(st, 'SurveyTgw', {
    description: 'lark hub', amazonSideAsn: 64620, autoAcceptSharedAttachments: 'disable', defaultRouteTableAssociation: 'enable', dnsSupport: 'enable',
  });
  new ec2.CfnTransitGatewayAttachment(st, 'HubAttachment', {
    transitGatewayId: tgw.ref, vpcId: hub.vpcId, subnetIds: hub.selectSubnets({ subnetGroupName: 'tgw' }).subnetIds,
  });
  const nfwPolicy = new nfw.CfnFirewallPolicy(st, 'EgressPolicy', {
    firewallPolicyName: 'lark-egress',
    firewallPolicy: { statelessDefaultActions: ['aws:forward_to_sfe'], statelessFragmentDefaultActions: ['aws:forward_to_sfe'] },
  });
  const egressFw = new nfw.CfnFirewall(st, 'EgressFirewall', {
    firewallName: 'lark-egress', firewallPolicyArn: nfwPolicy.attrFirewallPolicyArn, vpcId: hub.vpcId,
    subnetMappings: hub.selectSubnets({ subnetGroupName: 'firewall' }).subnetIds.map((subnetId) => ({ subnetId })),
    deleteProtection: true,
  });
  const fwLogs = new logs.LogGroup(st, 'EgressAlerts', { retention: logs.RetentionDays.THREE_MONTHS });
  new nfw.CfnLoggingConfiguration(st, 'EgressFirewallLogging', {
    firewallArn: egressFw.attrFirewallArn,
    loggingConfiguration: { logDestinationConfigs: [{ logType: 'ALERT', logDestinationType: 'CloudWatchLogs', logDestination: { logGroup: fwLogs.logGroupName } }] },
  });
  new nfw.CfnFirewall(st, 'StagingFirewall', {
    firewallName: 'lark-staging', firewallPolicyArn: nfwPolicy.attrFirewallPolicyArn, vpcId: hub.vpcId,
    subnetMappings: [{ subnetId: hub.selectSubnets({ subnetGroupName: 'firewall' }).subnetIds[0] }],
  });
  const dnsSg = new ec2.SecurityGroup(st, 'ResolverSg', { vpc: hub, description: 'inbound dns from the offices' });
  dnsSg.addIngressRule(ec2.Peer.ipv4('10.0.0.0/8'), ec2.Port.udp(53));
  dnsSg.addIngressRule(ec2.Peer.ipv4('10.0.0.0/8'), ec2.Port.tcp(53));
  new r53resolver.CfnResolverEndpoint(st, 'OfficeDnsInbound', {
    direction: 'INBOUND', name: 'lark-office-inbound', securityGroupIds: [dnsSg.securityGroupId],
    ipAddresses: hub.selectSubnets({ subnetGroupName: 'tgw' }).subnetIds.map((subnetId) => ({ subnetId })),
  });
  const dnsLogs = new logs.LogGroup(st, 'ResolverQueryLogs', { retention: logs.RetentionDays.ONE_MONTH });
  const qlc = new r53resolver.CfnResolverQueryLoggingConfig(st, 'HubQueryLogging', { name: 'lark-hub-queries', destinationArn: dnsLogs.logGroupArn });
  new r53resolver.CfnResolverQueryLoggingConfigAssociation(st, 'HubQueryLoggingAssoc', { resolverQueryLogConfigId: qlc.attrId, resourceId: hub.vpcId });
  const acl = new wafv2.CfnWebACL(st, 'PortalAcl', {
    scope: 'REGIONAL', defaultAction: { allow: {} },
    visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'lark-portal', sampledRequestsEnabled: true },
    rules: [{ name: 'common', priority: 0, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'common', sampledRequestsEnabled: true } }],
  });
  const wafLogs = new logs.LogGroup(st, 'PortalAclLogs', { logGroupName: 'aws-waf-logs-lark-portal', retention: logs.RetentionDays.ONE_MONTH });
  new wafv2.CfnLoggingConfiguration(st, 'PortalAclLogging', { resourceArn: acl.attrArn, logDestinationConfigs: [wafLogs.logGroupArn] });
  // Cross-account delivery pipeline (no CDK Pipelines): source bucket, build, deploy with a role in the workload account.
  const source = new s3.Bucket(st, 'ReleaseDrops', { enforceSSL: true, versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  const pipeline = new codepipeline.Pipeline(st, 'SurveyRelease', { crossAccountKeys: true, pipelineType: codepipeline.PipelineType.V2 });
  const src = new codepipeline.Artifact('src');
  const built = new codepipeline.Artifact('built');
  pipeline.addStage({ stageName: 'Source', actions: [new cpactions.S3SourceAction({ actionName: 'Drop', bucket: source, bucketKey: 'survey/release.zip', output: src, trigger: cpactions.S3Trigger.EVENTS })] });
  const project = new codebuild.PipelineProject(st, 'SurveyBuild', {
    environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0 },
    environmentVariables: { STAGE: { value: 'prod' }, SONAR_TOKEN: { value: 'squ_8c2e41f0a7d94b6f93e1d2c5b7a0f4e6d1c3b9a2' } },
  });
  pipeline.addStage({ stageName: 'Build', actions: [new cpactions.CodeBuildAction({ actionName: 'Package', project, input: src, outputs: [built] })] });
  const prodRole = iam.Role.fromRoleArn(st, 'ProdDeployRole', 'arn:aws:iam::444455556666:role/lark-pipeline-deploy', { mutable: false });
  const prodExec = iam.Role.fromRoleArn(st, 'ProdExecRole', 'arn:aws:iam::444455556666:role/lark-cfn-exec', { mutable: false });
  pipeline.addStage({ stageName: 'Prod', actions: [new cpactions.CloudFormationCreateUpdateStackAction({
    actionName: 'Deploy', stackName: 'lark-survey-prod', templatePath: built.atPath('survey.template.json'), adminPermissions: false,
    account: '444455556666', region: 'eu-west-1', role: prodRole, deploymentRole: prodExec,
  })] });
  // ECS on EC2 with a capacity provider, and a Batch queue on Fargate for re-projection jobs.
  const cluster = new ecs.Cluster(st, 'TileRender', { vpc: hub, containerInsightsV2: ecs.ContainerInsights.ENABLED });
  const renderSg = new ec2.SecurityGroup(st, 'RenderHostSg', { vpc: hub, description: 'tile render hosts' });
  renderSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh for render debugging');
  const asg = new autoscaling.AutoScalingGroup(st, 'RenderHosts', {
    vpc: hub, vpcSubnets: { subnetGroupName: 'tgw' }, minCapacity: 0, maxCapacity: 4,
    launchTemplate: new ec2.LaunchTemplate(st, 'RenderTemplate', {
      instanceType: new ec2.InstanceType('c7g.xlarge'), machineImage: ecs.EcsOptimizedImage.amazonLinux2023(ecs.AmiHardwareType.ARM),
      userData: ec2.UserData.forLinux(), role: new iam.Role(st, 'RenderHostRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') }),
      securityGroup: renderSg, requireImdsv2: true, blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(40, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3 }) }],
    }),
  });
  cluster.addAsgCapacityProvider(new ecs.AsgCapacityProvider(st, 'RenderCapacity', { autoScalingGroup: asg, enableManagedTerminationProtection: false }));
  const renderTask = new ecs.Ec2TaskDefinition(st, 'RenderTask');
  renderTask.addContainer('renderer', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/python:3.12-slim'), memoryLimitMiB: 1536, logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'render', logRetention: logs.RetentionDays.ONE_MONTH }) });
  new ecs.Ec2Service(st, 'RenderService', { cluster, taskDefinition: renderTask, desiredCount: 1 });
  const batchEnv = new batch.FargateComputeEnvironment(st, 'ReprojectCompute', { vpc: hub, vpcSubnets: { subnetGroupName: 'tgw' }, maxvCpus: 32, spot: true });
  new batch.JobQueue(st, 'ReprojectQueue', { computeEnvironments: [{ computeEnvironment: batchEnv, order: 1 }], priority: 10 });
  new batch.EcsJobDefinition(st, 'ReprojectJob', { container: new batch.EcsFargateContainerDefinition(st, 'ReprojectContainer', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/python:3.12-slim'), cpu: 1, memory: Size.gibibytes(2), command: ['python', '-m', 'reproject'] }) });
}
// (end of Lark apps)

// Quill held-out apps (session 13, sealed): stacks named Quill*, routed to templates/vault5cdk/, labelled in labels.vault5cdk.yaml
const quillLakeFormation = await import('aws-cdk-lib/aws-lakeformation');

// A freight brokerage: shippers and dispatchers in two user pools, a Cognito-authorized REST API over a CMK shipments
// table and a carriers table, a rate-card sync job holding a carrier API token, a KMS CloudTrail trail into a logged
// bucket, bills of lading and exported statements buckets, an EDI gateway host with SSH open, a support role.
const quillFreight = new Stack(app, 'QuillFreight', { env });
{
  const s = quillFreight;
  const vpc = new ec2.Vpc(s, 'FreightVpc', {
    maxAzs: 2, natGateways: 1,
    subnetConfiguration: [
      { name: 'dmz', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
      { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
    ],
    flowLogs: { everything: { trafficType: ec2.FlowLogTrafficType.ALL } },
  });
  const dataKey = new kms.Key(s, 'FreightDataKey', { enableKeyRotation: true, alias: 'alias/quill-freight-data', description: 'shipments, documents and the audit trail' });
  const serverLogs = new s3.Bucket(s, 'FreightServerLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, lifecycleRules: [{ expiration: Duration.days(365) }] });
  const trailBucket = new s3.Bucket(s, 'FreightTrailArchive', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.KMS, encryptionKey: dataKey, serverAccessLogsBucket: serverLogs, serverAccessLogsPrefix: 'trail/', versioned: true });
  dataKey.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')], actions: ['kms:GenerateDataKey*', 'kms:DescribeKey'], resources: ['*'], conditions: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${s.account}:trail/*` } } }));
  new cloudtrail.Trail(s, 'FreightTrail', { bucket: trailBucket, encryptionKey: dataKey, sendToCloudWatchLogs: true, cloudWatchLogsRetention: logs.RetentionDays.ONE_YEAR, trailName: 'quill-freight-audit' });
  new s3.Bucket(s, 'BillsOfLading', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.KMS, encryptionKey: dataKey, bucketKeyEnabled: true, versioned: true, serverAccessLogsBucket: serverLogs, serverAccessLogsPrefix: 'bol/' });
  const statements = new s3.Bucket(s, 'CarrierStatements', {
    enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: serverLogs, serverAccessLogsPrefix: 'statements/',
    lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }], expiration: Duration.days(180) }],
  });
  Tags.of(statements).add('DataSet', 'exported-reports');

  const shipments = new dynamodb.Table(s, 'Shipments', {
    partitionKey: { name: 'shipmentId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'event', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: dataKey,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 }, stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
  });
  const carriers = new dynamodb.Table(s, 'Carriers', { partitionKey: { name: 'mcNumber', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });

  const shippers = new cognito.UserPool(s, 'ShipperPool', { userPoolName: 'quill-shippers', selfSignUpEnabled: true, signInAliases: { email: true }, mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { otp: true, sms: true }, passwordPolicy: { minLength: 10 } });
  const dispatchers = new cognito.UserPool(s, 'DispatcherPool', { userPoolName: 'quill-dispatchers', selfSignUpEnabled: false, signInAliases: { username: true, email: true }, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false }, advancedSecurityMode: undefined });
  shippers.addClient('ShipperWeb', { authFlows: { userSrp: true } });
  dispatchers.addClient('DispatchConsole', { authFlows: { userSrp: true }, generateSecret: false });

  const quoteFn = new lambda.Function(s, 'QuoteHandler', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, environment: { SHIPMENTS: shipments.tableName, CARRIERS: carriers.tableName } });
  shipments.grantReadWriteData(quoteFn);
  carriers.grantReadData(quoteFn);
  const tenderFn = new lambda.Function(s, 'TenderHandler', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, environment: { CARRIERS: carriers.tableName } });
  tenderFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: [carriers.tableArn] }));

  const apiLogs = new logs.LogGroup(s, 'FreightApiRequestLogs', { logGroupName: '/quill/freight/api-request-logs', retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
  const api = new apigw.RestApi(s, 'FreightApi', {
    restApiName: 'quill-freight',
    deployOptions: { stageName: 'v1', accessLogDestination: new apigw.LogGroupLogDestination(apiLogs), accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(), loggingLevel: apigw.MethodLoggingLevel.ERROR, tracingEnabled: true },
  });
  const auth = new apigw.CognitoUserPoolsAuthorizer(s, 'FreightAuthorizer', { cognitoUserPools: [shippers, dispatchers] });
  const quotes = api.root.addResource('quotes');
  quotes.addMethod('POST', new apigw.LambdaIntegration(quoteFn), { authorizer: auth, authorizationType: apigw.AuthorizationType.COGNITO });
  quotes.addResource('{id}').addMethod('GET', new apigw.LambdaIntegration(quoteFn), { authorizer: auth, authorizationType: apigw.AuthorizationType.COGNITO });
  api.root.addResource('tenders').addMethod('POST', new apigw.LambdaIntegration(tenderFn), { authorizer: auth, authorizationType: apigw.AuthorizationType.COGNITO });

  const rateSync = new lambda.Function(s, 'RateCardSync', {
    runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code, timeout: Duration.minutes(5),
    environment: { CARRIERS: carriers.tableName, LOADBOARD_URL: 'https://api.loadboard.example/v2', LOADBOARD_API_TOKEN: fakeSecret('lb_prod_', '7Qm2VxR9cT4pW8zK1nB6yH3dF5sJ0aL') },
  });
  carriers.grantWriteData(rateSync);
  new events.Rule(s, 'NightlyRateSync', { schedule: events.Schedule.cron({ hour: '2', minute: '30' }), targets: [new targets.LambdaFunction(rateSync)] });

  const tenderDlq = new sqs.Queue(s, 'TenderDeadLetters', { retentionPeriod: Duration.days(14), enforceSSL: true });
  const tenderQueue = new sqs.Queue(s, 'TenderQueue', { visibilityTimeout: Duration.seconds(90), deadLetterQueue: { queue: tenderDlq, maxReceiveCount: 4 }, enforceSSL: true });
  tenderQueue.grantSendMessages(tenderFn);
  const alerts = new sns.Topic(s, 'DispatchAlerts', { masterKey: dataKey, displayName: 'Dispatch alerts' });
  alerts.addSubscription(new subs.EmailSubscription('dispatch-oncall@quill-freight.example'));

  const ediSg = new ec2.SecurityGroup(s, 'EdiGatewaySg', { vpc, description: 'AS2/EDI gateway', allowAllOutbound: true });
  ediSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'AS2 over HTTPS from trading partners');
  ediSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'vendor support ssh');
  new ec2.Instance(s, 'EdiGateway', {
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, securityGroup: ediSg,
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MEDIUM), machineImage: ec2.MachineImage.latestAmazonLinux2023(),
    blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(30, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3 }) }],
    keyPair: ec2.KeyPair.fromKeyPairName(s, 'EdiKey', 'edi-vendor'),
  });

  const support = new iam.Role(s, 'OpsSupportRole', { assumedBy: new iam.AccountRootPrincipal(), roleName: 'quill-freight-support', description: 'tier-2 support reads the account' });
  support.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess'));
  new CfnOutput(s, 'FreightApiUrl', { value: api.url });
}

// An event-ticketing storefront: a Fargate storefront behind an HTTPS ALB (modern policy, redirect, access logs) and a
// CloudFront distribution, PostgreSQL 16 hardened, an encrypted Redis seat-map cache and a Memcached seat-hold cache,
// an orders global table, a public-IP scanner-sync service, a wallet-pass function URL, a Stripe key pasted into a
// secret, a promo site distribution on defaults, a storefront request-log group on CDK's default retention.
const quillTickets = new Stack(app, 'QuillTickets', { env });
{
  const s = quillTickets;
  const vpc = new ec2.Vpc(s, 'TicketsVpc', { maxAzs: 2, natGateways: 1 });
  const cluster = new ecs.Cluster(s, 'TicketsCluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
  const cert = acm.Certificate.fromCertificateArn(s, 'StoreCert', 'arn:aws:acm:eu-west-1:111122223333:certificate/5b1e7c2a-9d34-4f60-8a71-2c3d4e5f6a7b');
  const edgeCert = acm.Certificate.fromCertificateArn(s, 'EdgeCert', 'arn:aws:acm:us-east-1:111122223333:certificate/0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f');
  const stripeKey = new secretsmanager.Secret(s, 'StripeSecretKey', { secretName: 'quill/tickets/stripe', secretStringValue: SecretValue.unsafePlainText(fakeSecret('sk_live_', '51Qv8TzH2mKp4WcR7nYb0dLs3FgXe9Ju')) });
  const dbCreds = rds.Credentials.fromGeneratedSecret('tickets_admin');
  const dbSg = new ec2.SecurityGroup(s, 'OrdersDbSg', { vpc, description: 'orders database' });
  const db = new rds.DatabaseInstance(s, 'OrdersDb', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16_4 }),
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.M7G, ec2.InstanceSize.LARGE), vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    credentials: dbCreds, storageEncrypted: true, multiAz: true, backupRetention: Duration.days(35), deletionProtection: true,
    securityGroups: [dbSg], cloudwatchLogsExports: ['postgresql'], allocatedStorage: 100,
  });
  const accessLogs = new s3.Bucket(s, 'StoreAlbLogs', { enforceSSL: true, encryption: s3.BucketEncryption.S3_MANAGED, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(90) }] });
  const storeLogs = new logs.LogGroup(s, 'StorefrontRequestLogs', { logGroupName: '/quill/tickets/storefront-request-logs' });
  const store = new ecsPatterns.ApplicationLoadBalancedFargateService(s, 'Storefront', {
    cluster, cpu: 512, memoryLimitMiB: 1024, desiredCount: 2, publicLoadBalancer: true,
    certificate: cert, redirectHTTP: true, sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS, protocol: elbv2.ApplicationProtocol.HTTPS,
    taskImageOptions: {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/node:20-alpine'), containerPort: 3000,
      logDriver: ecs.LogDrivers.awsLogs({ streamPrefix: 'store', logGroup: storeLogs }),
      environment: { DB_HOST: db.dbInstanceEndpointAddress },
      secrets: { STRIPE_KEY: ecs.Secret.fromSecretsManager(stripeKey), DB_SECRET: ecs.Secret.fromSecretsManager(db.secret) },
    },
  });
  store.loadBalancer.logAccessLogs(accessLogs, 'storefront');
  db.connections.allowDefaultPortFrom(store.service);

  const cacheSg = new ec2.SecurityGroup(s, 'SeatCacheSg', { vpc, description: 'seat caches' });
  cacheSg.addIngressRule(store.service.connections.securityGroups[0], ec2.Port.tcp(6379));
  cacheSg.addIngressRule(store.service.connections.securityGroups[0], ec2.Port.tcp(11211));
  const cacheSubnets = new elasticache.CfnSubnetGroup(s, 'SeatCacheSubnets', { description: 'seat caches', subnetIds: vpc.privateSubnets.map((x) => x.subnetId) });
  new elasticache.CfnReplicationGroup(s, 'SeatMapCache', {
    replicationGroupDescription: 'seat maps', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailoverEnabled: true,
    atRestEncryptionEnabled: true, transitEncryptionEnabled: true, cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId],
  });
  new elasticache.CfnCacheCluster(s, 'SeatHoldCache', { engine: 'memcached', cacheNodeType: 'cache.t4g.small', numCacheNodes: 2, azMode: 'cross-az', cacheSubnetGroupName: cacheSubnets.ref, vpcSecurityGroupIds: [cacheSg.securityGroupId] });

  const orders = new dynamodb.TableV2(s, 'TicketOrders', {
    partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    replicas: [{ region: 'eu-central-1' }], dynamoStream: dynamodb.StreamViewType.NEW_IMAGE,
  });
  orders.grantReadWriteData(store.taskDefinition.taskRole);

  const assets = new s3.Bucket(s, 'StoreAssets', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  const cdnLogs = new s3.Bucket(s, 'StoreCdnLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.OBJECT_WRITER, lifecycleRules: [{ expiration: Duration.days(90) }] });
  new cloudfront.Distribution(s, 'StoreCdn', {
    certificate: edgeCert, domainNames: ['tickets.quill-events.example'], minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
    enableLogging: true, logBucket: cdnLogs, logFilePrefix: 'store/',
    defaultBehavior: { origin: new origins.LoadBalancerV2Origin(store.loadBalancer, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY }), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS, allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL, cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED, originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER },
    additionalBehaviors: { '/static/*': { origin: origins.S3BucketOrigin.withOriginAccessControl(assets), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY } },
  });
  const promo = new s3.Bucket(s, 'PromoSite', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  new cloudfront.Distribution(s, 'PromoCdn', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(promo) }, defaultRootObject: 'index.html', comment: 'summer festival promo' });

  const scannerTask = new ecs.FargateTaskDefinition(s, 'ScannerSyncTask', { cpu: 256, memoryLimitMiB: 512 });
  scannerTask.addContainer('sync', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/python:3.12-slim'), logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'scanner', logRetention: logs.RetentionDays.TWO_WEEKS }) });
  orders.grantReadData(scannerTask.taskRole);
  new ecs.FargateService(s, 'ScannerSync', { cluster, taskDefinition: scannerTask, desiredCount: 1, assignPublicIp: true, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } });

  const walletFn = new lambda.Function(s, 'WalletPass', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, environment: { ORDERS: orders.tableName } });
  orders.grantReadData(walletFn);
  const walletUrl = walletFn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE, cors: { allowedOrigins: ['https://tickets.quill-events.example'] } });
  new CfnOutput(s, 'WalletPassUrl', { value: walletUrl.url });
}

// An agronomy data lake: field sensor readings into a Kinesis stream, Firehose deliveries into KMS landing / curated
// buckets, a Glue catalog with KMS catalog encryption and a crawler, an Athena workgroup, Lake Formation settings and
// grants, an ingest request-log group forwarded to another region, a backed-up field registry, a public field-guide
// website bucket, a partner share key without rotation, a field-gateway IAM user whose secret is a stack output.
const quillHarvest = new Stack(app, 'QuillHarvest', { env });
{
  const s = quillHarvest;
  const lakeKey = new kms.Key(s, 'HarvestLakeKey', { enableKeyRotation: true, description: 'harvest lake' });
  const shareKey = new kms.Key(s, 'PartnerShareKey', { description: 'objects shared with co-op partners', alias: 'alias/harvest-partner-share' });
  const accessLogs = new s3.Bucket(s, 'HarvestAccessLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(400) }] });
  const landing = new s3.Bucket(s, 'LandingZone', { encryption: s3.BucketEncryption.KMS, encryptionKey: lakeKey, bucketKeyEnabled: true, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'landing/', lifecycleRules: [{ prefix: 'tmp/', expiration: Duration.days(7) }] });
  const curated = new s3.Bucket(s, 'CuratedZone', { encryption: s3.BucketEncryption.KMS, encryptionKey: lakeKey, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'curated/', versioned: true });
  const partnerShare = new s3.Bucket(s, 'PartnerShare', { encryption: s3.BucketEncryption.KMS, encryptionKey: shareKey, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'share/' });
  const reports = new s3.Bucket(s, 'YieldReports', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'reports/', lifecycleRules: [{ expiration: Duration.days(60) }] });
  Tags.of(reports).add('DataSet', 'exported-reports');
  const athenaResults = new s3.Bucket(s, 'AthenaResults', { encryption: s3.BucketEncryption.S3_MANAGED, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(30) }] });
  const guide = new s3.Bucket(s, 'FieldGuideSite', {
    websiteIndexDocument: 'index.html', websiteErrorDocument: 'missing.html', publicReadAccess: true,
    blockPublicAccess: new s3.BlockPublicAccess({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false }),
  });

  const readings = new kinesis.Stream(s, 'SensorReadings', { shardCount: 2, retentionPeriod: Duration.hours(48), encryption: kinesis.StreamEncryption.KMS, encryptionKey: lakeKey });
  new firehose.DeliveryStream(s, 'ReadingsToLanding', { source: new firehose.KinesisStreamSource(readings), destination: new firehose.S3Bucket(landing, { dataOutputPrefix: 'readings/', compression: firehose.Compression.GZIP, encryptionKey: lakeKey }) });
  new firehose.DeliveryStream(s, 'DroneImageryManifests', { destination: new firehose.S3Bucket(landing, { dataOutputPrefix: 'drone-manifests/', bufferingInterval: Duration.minutes(5) }) });
  new firehose.DeliveryStream(s, 'WeatherFeed', { destination: new firehose.S3Bucket(landing, { dataOutputPrefix: 'weather/' }), encryption: firehose.StreamEncryption.customerManagedKey(lakeKey) });

  const ingestLogs = new logs.LogGroup(s, 'IngestRequestLogs', { logGroupName: '/quill/harvest/ingest-request-logs', retention: logs.RetentionDays.THREE_MONTHS });
  new logs.CfnSubscriptionFilter(s, 'IngestLogsToSecOps', {
    logGroupName: ingestLogs.logGroupName, filterPattern: '',
    destinationArn: 'arn:aws:logs:us-east-1:444455556666:destination:secops-central-intake',
  });
  const ingestFn = new lambda.Function(s, 'IngestApiHandler', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code, logGroup: ingestLogs, environment: { STREAM: readings.streamName } });
  readings.grantWrite(ingestFn);

  const catalogDb = new glue.CfnDatabase(s, 'HarvestCatalog', { catalogId: s.account, databaseInput: { name: 'quill_harvest', description: 'curated agronomy tables' } });
  new glue.CfnDataCatalogEncryptionSettings(s, 'CatalogEncryption', {
    catalogId: s.account,
    dataCatalogEncryptionSettings: { encryptionAtRest: { catalogEncryptionMode: 'SSE-KMS', sseAwsKmsKeyId: lakeKey.keyArn }, connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, kmsKeyId: lakeKey.keyArn } },
  });
  const crawlerRole = new iam.Role(s, 'CrawlerRole', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com') });
  curated.grantRead(crawlerRole);
  lakeKey.grantDecrypt(crawlerRole);
  crawlerRole.addToPolicy(new iam.PolicyStatement({ actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:CreateTable', 'glue:UpdateTable', 'glue:BatchCreatePartition', 'glue:GetPartitions'], resources: [`arn:aws:glue:${s.region}:${s.account}:catalog`, `arn:aws:glue:${s.region}:${s.account}:database/quill_harvest`, `arn:aws:glue:${s.region}:${s.account}:table/quill_harvest/*`] }));
  crawlerRole.addToPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`arn:aws:logs:${s.region}:${s.account}:log-group:/aws-glue/*`] }));
  new glue.CfnCrawler(s, 'CuratedCrawler', { role: crawlerRole.roleArn, databaseName: 'quill_harvest', targets: { s3Targets: [{ path: `s3://${curated.bucketName}/yields/` }] }, schedule: { scheduleExpression: 'cron(15 4 * * ? *)' } }).addDependency(catalogDb);
  new athena.CfnWorkGroup(s, 'AgronomistsWorkgroup', {
    name: 'quill-agronomists', state: 'ENABLED',
    workGroupConfiguration: { enforceWorkGroupConfiguration: true, publishCloudWatchMetricsEnabled: true, bytesScannedCutoffPerQuery: 10 * 1024 ** 3, resultConfiguration: { outputLocation: `s3://${athenaResults.bucketName}/agronomists/`, encryptionConfiguration: { encryptionOption: 'SSE_S3' } } },
  });

  const scientists = new iam.Role(s, 'DataScientists', { assumedBy: new iam.AccountRootPrincipal(), roleName: 'quill-harvest-scientists', managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonAthenaFullAccess')] });
  curated.grantRead(scientists);
  athenaResults.grantReadWrite(scientists);
  new quillLakeFormation.CfnDataLakeSettings(s, 'LakeSettings', { admins: [{ dataLakePrincipalIdentifier: `arn:aws:iam::${s.account}:role/quill-harvest-lake-admin` }] });
  new quillLakeFormation.CfnPermissions(s, 'ScientistsSelect', {
    dataLakePrincipal: { dataLakePrincipalIdentifier: scientists.roleArn },
    resource: { tableResource: { databaseName: 'quill_harvest', tableWildcard: {} } },
    permissions: ['SELECT', 'DESCRIBE'],
  });

  const registry = new dynamodb.TableV2(s, 'FieldRegistry', { partitionKey: { name: 'fieldId', type: dynamodb.AttributeType.STRING }, encryption: dynamodb.TableEncryptionV2.customerManagedKey(lakeKey) });
  const vault = new backup.BackupVault(s, 'HarvestVault', { encryptionKey: lakeKey, backupVaultName: 'quill-harvest' });
  const plan = new backup.BackupPlan(s, 'HarvestPlan', {
    backupVault: vault,
    backupPlanRules: [new backup.BackupPlanRule({
      ruleName: 'nightly', deleteAfter: Duration.days(35), scheduleExpression: events.Schedule.cron({ hour: '1', minute: '0' }),
      copyActions: [{ destinationBackupVault: backup.BackupVault.fromBackupVaultArn(s, 'DrVault', 'arn:aws:backup:us-east-1:111122223333:backup-vault:quill-harvest-dr'), deleteAfter: Duration.days(35) }],
    })],
  });
  plan.addSelection('Registry', { resources: [backup.BackupResource.fromDynamoDbTable(registry)] });

  const gatewayUser = new iam.User(s, 'FieldGatewayUser', { userName: 'quill-field-gateway' });
  readings.grantWrite(gatewayUser);
  const gatewayKey = new iam.AccessKey(s, 'FieldGatewayKey', { user: gatewayUser });
  new CfnOutput(s, 'GatewayAccessKeyId', { value: gatewayKey.accessKeyId });
  new CfnOutput(s, 'GatewaySecretAccessKey', { value: gatewayKey.secretAccessKey.unsafeUnwrap() });
  new CfnOutput(s, 'FieldGuideUrl', { value: guide.bucketWebsiteUrl });
  partnerShare.grantRead(new iam.AccountPrincipal('777788889999'));
}

// A multi-tenant SaaS control plane: tenant directory (global table with a us-east-1 replica) and usage tables, an
// Aurora PostgreSQL tenant catalog, an AppSync API, a provisioning workflow (logged) and an offboarding express
// workflow (not), an EventBridge bus into SQS, an unencrypted billing queue, an HTTP admin API with access logs, a
// tenant webhook relay with a pasted Slack URL, a serverless config cache with snapshots, a console operator.
const quillTenantSchema = join(tmpdir(), 'vouch-corpus-quill-tenants.graphql');
writeFileSync(quillTenantSchema, 'type Tenant { tenantId: ID! name: String plan: String status: String }\ntype Query { tenant(tenantId: ID!): Tenant }\nschema { query: Query }\n');
const quillTenancy = new Stack(app, 'QuillTenancy', { env });
{
  const s = quillTenancy;
  const vpc = new ec2.Vpc(s, 'ControlPlaneVpc', {
    maxAzs: 2, natGateways: 1,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
      { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 },
      { name: 'db', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 26 },
    ],
    flowLogs: { rejects: { trafficType: ec2.FlowLogTrafficType.REJECT, destination: ec2.FlowLogDestination.toCloudWatchLogs(new logs.LogGroup(s, 'VpcFlowLogs', { retention: logs.RetentionDays.THREE_MONTHS })) } },
  });
  const cpKey = new kms.Key(s, 'ControlPlaneKey', { enableKeyRotation: true, rotationPeriod: Duration.days(180) });

  const catalog = new rds.DatabaseCluster(s, 'TenantCatalog', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
    writer: rds.ClusterInstance.serverlessV2('Writer'), serverlessV2MinCapacity: 0.5, serverlessV2MaxCapacity: 16,
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, storageEncrypted: true, storageEncryptionKey: cpKey,
    backup: { retention: Duration.days(35), preferredWindow: '01:00-02:00' }, parameters: { 'rds.force_ssl': '1' },
    credentials: rds.Credentials.fromGeneratedSecret('catalog_admin', { encryptionKey: cpKey }), cloudwatchLogsExports: ['postgresql'], defaultDatabaseName: 'tenants',
  });

  const directory = new dynamodb.TableV2(s, 'TenantDirectory', {
    partitionKey: { name: 'tenantId', type: dynamodb.AttributeType.STRING }, encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, replicas: [{ region: 'eu-west-2' }, { region: 'us-east-1' }],
  });
  const usage = new dynamodb.Table(s, 'TenantUsage', { partitionKey: { name: 'tenantId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'day', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, timeToLiveAttribute: 'expiresAt', contributorInsightsEnabled: true });

  const gql = new appsync.GraphqlApi(s, 'TenantGraph', {
    name: 'quill-tenants',
    definition: appsync.Definition.fromSchema(appsync.SchemaFile.fromAsset(quillTenantSchema)),
    authorizationConfig: { defaultAuthorization: { authorizationType: appsync.AuthorizationType.IAM } },
    logConfig: { fieldLogLevel: appsync.FieldLogLevel.ERROR, retention: logs.RetentionDays.ONE_MONTH },
    xrayEnabled: true,
  });
  gql.addDynamoDbDataSource('Directory', directory);

  const provisionFn = new lambda.Function(s, 'ProvisionTenant', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, timeout: Duration.minutes(2), environment: { DIRECTORY: directory.tableName } });
  directory.grantReadWriteData(provisionFn);
  provisionFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['cloudformation:*'], resources: ['*'] }));
  provisionFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [`arn:aws:iam::${s.account}:role/quill-tenant-stackset-execution`] }));
  const provisionLogs = new logs.LogGroup(s, 'ProvisioningLogs', { retention: logs.RetentionDays.SIX_MONTHS });
  const provisioning = new sfn.StateMachine(s, 'ProvisioningFlow', {
    definitionBody: sfn.DefinitionBody.fromChainable(
      new tasks.LambdaInvoke(s, 'CreateTenantStack', { lambdaFunction: provisionFn, outputPath: '$.Payload' })
        .next(new sfn.Wait(s, 'SettleStack', { time: sfn.WaitTime.duration(Duration.seconds(30)) }))
        .next(new tasks.DynamoPutItem(s, 'MarkActive', { table: directory, item: { tenantId: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.tenantId')), status: tasks.DynamoAttributeValue.fromString('ACTIVE') } })),
    ),
    logs: { destination: provisionLogs, level: sfn.LogLevel.ALL, includeExecutionData: false }, tracingEnabled: true,
  });
  const offboardFn = new lambda.Function(s, 'OffboardTenant', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, environment: { DIRECTORY: directory.tableName, USAGE: usage.tableName } });
  directory.grantReadWriteData(offboardFn);
  usage.grantReadWriteData(offboardFn);
  new sfn.StateMachine(s, 'OffboardingFlow', { stateMachineType: sfn.StateMachineType.EXPRESS, definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(s, 'PurgeTenant', { lambdaFunction: offboardFn }).next(new sfn.Succeed(s, 'Purged'))) });

  const bus = new events.EventBus(s, 'TenantEvents', { eventBusName: 'quill-tenant-events' });
  const lifecycleDlq = new sqs.Queue(s, 'LifecycleDlq', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: cpKey, enforceSSL: true });
  const lifecycleQueue = new sqs.Queue(s, 'LifecycleQueue', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: cpKey, enforceSSL: true, deadLetterQueue: { queue: lifecycleDlq, maxReceiveCount: 5 } });
  new events.Rule(s, 'LifecycleRule', { eventBus: bus, eventPattern: { source: ['quill.tenancy'], detailType: ['TenantCreated', 'TenantSuspended'] }, targets: [new targets.SqsQueue(lifecycleQueue), new targets.SfnStateMachine(provisioning)] });
  const billingQueue = new sqs.Queue(s, 'BillingEvents', { encryption: sqs.QueueEncryption.UNENCRYPTED, retentionPeriod: Duration.days(4) });
  new events.Rule(s, 'MeteringRule', { eventBus: bus, eventPattern: { source: ['quill.metering'] }, targets: [new targets.SqsQueue(billingQueue)] });

  const notices = new sns.Topic(s, 'TenantNotices', { masterKey: cpKey });
  notices.addSubscription(new subs.UrlSubscription('https://hooks.partner-crm.example/quill/notices'));
  notices.addSubscription(new subs.UrlSubscription('http://status-relay.quill-internal.example/sns', { protocol: sns.SubscriptionProtocol.HTTP }));
  const relayFn = new lambda.Function(s, 'WebhookRelay', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, environment: { SLACK_WEBHOOK_URL: fakeSecret('https://hooks.slack.com/services/', 'T04QUILL9/B07RELAY2/', 'pX8mW2vQ6tN4kZ1rJ7cY3hLs') } });
  notices.addSubscription(new subs.LambdaSubscription(relayFn));

  const adminLogs = new logs.LogGroup(s, 'AdminApiRequestLogs', { logGroupName: '/quill/tenancy/admin-api-request-logs', retention: logs.RetentionDays.TWO_WEEKS });
  const adminApi = new apigwv2.HttpApi(s, 'AdminApi', {
    apiName: 'quill-tenancy-admin',
    defaultAuthorizer: new HttpJwtAuthorizer('OidcAuthorizer', 'https://login.quill-saas.example', { jwtAudience: ['tenancy-admin'] }),
  });
  adminApi.addRoutes({ path: '/tenants', methods: [apigwv2.HttpMethod.POST, apigwv2.HttpMethod.GET], integration: new HttpLambdaIntegration('ProvisionIntegration', provisionFn) });
  adminApi.addRoutes({ path: '/tenants/{id}', methods: [apigwv2.HttpMethod.DELETE], integration: new HttpLambdaIntegration('OffboardIntegration', offboardFn) });
  adminApi.defaultStage.node.defaultChild.addPropertyOverride('AccessLogSettings', { DestinationArn: adminLogs.logGroupArn, Format: '$context.requestId $context.identity.sourceIp $context.httpMethod $context.routeKey $context.status' });

  new elasticache.CfnServerlessCache(s, 'TenantConfigCache', {
    engine: 'valkey', serverlessCacheName: 'quill-tenant-config', majorEngineVersion: '8', kmsKeyId: cpKey.keyId,
    subnetIds: vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnetIds, snapshotRetentionLimit: 7, dailySnapshotTime: '02:00',
  });

  const operators = new iam.Group(s, 'PlatformOperators', { groupName: 'quill-platform-operators' });
  operators.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AWSStepFunctionsReadOnlyAccess'));
  operators.addToPolicy(new iam.PolicyStatement({ actions: ['states:StartExecution', 'states:StopExecution'], resources: [provisioning.stateMachineArn] }));
  new iam.User(s, 'OnCallOperator', { userName: 'tenancy-oncall', groups: [operators], password: SecretValue.unsafePlainText(fakeSecret('Quill', 'OnCall!', '2026spring')), passwordResetRequired: true });
}
// (end of Quill apps)

// Mesa held-out apps (session 13, scout): stacks named Mesa*, routed to templates/scout12cdk/, labelled in labels.scout12cdk.yaml
// Mesa apps: an insurer's claims platform written the way open-source CDK apps are. MesaDocs (claim-document
// pipeline: S3 -> SQS -> Lambda OCR dispatch -> Step Functions review, OpenSearch index, status REST API),
// MesaHub (B2B EDI hub: Transfer Family SFTP, EventBridge bus + API destination, Secrets Manager, global tables,
// Backup with a DR copy), MesaLab (pricing ML lab: SageMaker Studio + endpoint, ECR, Fargate forecast API via
// ecs-patterns, experiment-tracking PostgreSQL, CodeBuild, reads MesaDocs' redacted bucket cross-stack),
// MesaGuild (the insurer's customer loyalty game: WebSocket lobby, Cognito players, serverless Valkey, CloudFront).
let mesaRedactedBucket;
{
  const { Aspects } = await import('aws-cdk-lib');
  const st = new Stack(app, 'MesaDocs', { env });
  const net = new ec2.Vpc(st, 'ClaimsNet', {
    maxAzs: 2, natGateways: 1,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
      { name: 'workers', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
    ],
  });
  const claimsKey = new kms.Key(st, 'ClaimsDocKey', { enableKeyRotation: true, alias: 'alias/mesa-claims-docs' });
  const intakeLogs = new s3.Bucket(st, 'IntakeAccessLogs', {
    enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
    lifecycleRules: [{ expiration: Duration.days(400) }],
  });
  const intake = new s3.Bucket(st, 'ClaimIntake', {
    encryption: s3.BucketEncryption.KMS, encryptionKey: claimsKey, bucketKeyEnabled: true, enforceSSL: true, versioned: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: intakeLogs, serverAccessLogsPrefix: 'intake/',
  });
  const redacted = new s3.Bucket(st, 'RedactedCopies', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(60) }] }],
  });
  mesaRedactedBucket = redacted;
  const ocrDlq = new sqs.Queue(st, 'OcrJobsDlq', { retentionPeriod: Duration.days(14) });
  const ocrJobs = new sqs.Queue(st, 'OcrJobs', {
    visibilityTimeout: Duration.minutes(6), encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: new kms.Key(st, 'OcrQueueKey', { enableKeyRotation: true, description: 'ocr job queue' }),
    deadLetterQueue: { queue: ocrDlq, maxReceiveCount: 4 },
  });
  intake.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(ocrJobs), { prefix: 'incoming/' });
  const dispatcher = new lambda.Function(st, 'OcrDispatcher', {
    runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code, timeout: Duration.minutes(5),
    environment: { OUTPUT_PREFIX: 'ocr/', SNS_ROLE_HINT: 'textract' },
  });
  dispatcher.addEventSource(new eventsources.SqsEventSource(ocrJobs, { batchSize: 5, reportBatchItemFailures: true }));
  intake.grantReadWrite(dispatcher);
  dispatcher.addToRolePolicy(new iam.PolicyStatement({
    actions: ['textract:StartDocumentAnalysis', 'textract:GetDocumentAnalysis', 'textract:AnalyzeExpense'], resources: ['*'],
  }));
  const redactor = new lambda.Function(st, 'RedactionWorker', {
    runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code, timeout: Duration.minutes(2), memorySize: 1024,
    environment: { TARGET_BUCKET: redacted.bucketName, ESIGN_API_SECRET: 'es_prod_7Qm2Lx9VbT4nR8wKc3ZyH6dP', ESIGN_ACCOUNT: 'mesa-claims' },
  });
  intake.grantRead(redactor);
  redacted.grantPut(redactor);
  redactor.addToRolePolicy(new iam.PolicyStatement({ actions: ['comprehend:DetectPiiEntities'], resources: ['*'] }));
  const locks = new dynamodb.Table(st, 'DocumentLocks', {
    partitionKey: { name: 'docId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    timeToLiveAttribute: 'expiresAt',
  });
  const claimIndex = new dynamodb.Table(st, 'ClaimIndex', {
    partitionKey: { name: 'claimId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'docId', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: claimsKey,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 },
  });
  locks.grantReadWriteData(dispatcher);
  claimIndex.grantWriteData(redactor);
  const reviewTopic = new sns.Topic(st, 'AdjusterReview', { masterKey: claimsKey, displayName: 'Claims needing an adjuster' });
  reviewTopic.addSubscription(new subs.EmailSubscription('claims-adjusters@example.com'));
  const classify = new tasks.LambdaInvoke(st, 'Classify', { lambdaFunction: dispatcher, outputPath: '$.Payload' });
  const redact = new tasks.LambdaInvoke(st, 'Redact', { lambdaFunction: redactor, outputPath: '$.Payload' });
  const notify = new tasks.SnsPublish(st, 'AskAdjuster', { topic: reviewTopic, message: sfn.TaskInput.fromJsonPathAt('$.summary') });
  const flowLogs = new logs.LogGroup(st, 'ClaimFlowLogs', { logGroupName: '/mesa/claims/workflow', retention: logs.RetentionDays.ONE_MONTH });
  new sfn.StateMachine(st, 'ClaimDocumentFlow', {
    definitionBody: sfn.DefinitionBody.fromChainable(classify.next(redact).next(
      new sfn.Choice(st, 'NeedsReview').when(sfn.Condition.booleanEquals('$.lowConfidence', true), notify).otherwise(new sfn.Succeed(st, 'Done')))),
    logs: { destination: flowLogs, level: sfn.LogLevel.ERROR, includeExecutionData: false },
    tracingEnabled: true,
  });
  const searchSg = new ec2.SecurityGroup(st, 'ClaimSearchSg', { vpc: net, description: 'claims search domain' });
  searchSg.addIngressRule(ec2.Peer.ipv4(net.vpcCidrBlock), ec2.Port.tcp(443), 'https from the workers');
  const search = new opensearch.Domain(st, 'ClaimSearch', {
    version: opensearch.EngineVersion.OPENSEARCH_2_15,
    capacity: { dataNodes: 2, dataNodeInstanceType: 'm6g.large.search', multiAzWithStandbyEnabled: false },
    ebs: { volumeSize: 200, volumeType: ec2.EbsDeviceVolumeType.GP3 },
    zoneAwareness: { enabled: true, availabilityZoneCount: 2 },
    vpc: net, vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }], securityGroups: [searchSg],
    enforceHttps: true, nodeToNodeEncryption: true, encryptionAtRest: { enabled: true },
    removalPolicy: RemovalPolicy.RETAIN,
  });
  // escape hatch: the scanning vendor's appliance still speaks TLS 1.0 to the index
  search.node.defaultChild.addPropertyOverride('DomainEndpointOptions.TLSSecurityPolicy', 'Policy-Min-TLS-1-0-2019-07');
  search.grantReadWrite(redactor);
  const statusFn = new lambda.Function(st, 'ClaimStatusFn', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, environment: { INDEX_TABLE: claimIndex.tableName },
  });
  claimIndex.grantReadData(statusFn);
  const apiLogs = new logs.LogGroup(st, 'StatusApiRequestLogs', { logGroupName: '/mesa/claims/status-api-request-logs', retention: logs.RetentionDays.THREE_MONTHS });
  new apigw.LambdaRestApi(st, 'ClaimStatusApi', {
    handler: statusFn, proxy: true,
    deployOptions: {
      stageName: 'v1', accessLogDestination: new apigw.LogGroupLogDestination(apiLogs),
      accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(), loggingLevel: apigw.MethodLoggingLevel.INFO, metricsEnabled: true,
    },
  });
  // a team Aspect: every log group CDK writes without a retention gets two weeks
  Aspects.of(st).add({
    visit(node) {
      if (node instanceof logs.CfnLogGroup && node.retentionInDays === undefined) node.retentionInDays = 14;
    },
  });
  new logs.LogGroup(st, 'OcrDebugLogs', { logGroupName: '/mesa/claims/ocr-debug', retention: logs.RetentionDays.INFINITE });
}
{
  const transfer = await import('aws-cdk-lib/aws-transfer');
  const st = new Stack(app, 'MesaHub', { env });
  iam.PermissionsBoundary.of(st).apply(iam.ManagedPolicy.fromManagedPolicyName(st, 'HubBoundary', 'mesa-workload-boundary'));
  const net = new ec2.Vpc(st, 'PartnerEdge', {
    maxAzs: 2, natGateways: 1,
    flowLogs: { toCloudWatch: { trafficType: ec2.FlowLogTrafficType.REJECT } },
  });
  const hubLogs = new s3.Bucket(st, 'HubAccessLogs', {
    enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
    lifecycleRules: [{ expiration: Duration.days(365) }],
  });
  const inbound = new s3.Bucket(st, 'InboundEdi', {
    encryption: s3.BucketEncryption.KMS_MANAGED, enforceSSL: true, versioned: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: hubLogs, serverAccessLogsPrefix: 'inbound/',
    eventBridgeEnabled: true,
  });
  const reports = new s3.Bucket(st, 'PartnerScorecards', {
    enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: hubLogs, serverAccessLogsPrefix: 'scorecards/',
    lifecycleRules: [{ expiration: Duration.days(60) }],
  });
  Tags.of(reports).add('DataSet', 'exported-reports');
  const settlements = new s3.Bucket(st, 'SettlementExports', {
    encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    serverAccessLogsBucket: hubLogs, serverAccessLogsPrefix: 'settlements/',
  });
  Tags.of(settlements).add('DataSet', 'exported-reports');
  const sftpLogRole = new iam.Role(st, 'SftpLoggingRole', {
    assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSTransferLoggingAccess')],
  });
  const sftp = new transfer.CfnServer(st, 'SupplierSftp', {
    endpointType: 'PUBLIC', protocols: ['SFTP'], identityProviderType: 'SERVICE_MANAGED', domain: 'S3',
    securityPolicyName: 'TransferSecurityPolicy-2024-01', loggingRole: sftpLogRole.roleArn,
  });
  const supplierRole = new iam.Role(st, 'SupplierAccessRole', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com') });
  inbound.grantReadWrite(supplierRole, 'suppliers/acme/*');
  new transfer.CfnUser(st, 'AcmeSupplier', {
    serverId: sftp.attrServerId, userName: 'acme-logistics', role: supplierRole.roleArn,
    homeDirectoryType: 'LOGICAL', homeDirectoryMappings: [{ entry: '/', target: `/${inbound.bucketName}/suppliers/acme` }],
    sshPublicKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMesaAcmeSupplierKeyForEdiUploadsOnly0001 acme@edi'],
  });
  const bus = new events.EventBus(st, 'PartnerEvents', { eventBusName: 'mesa-partner-events' });
  bus.archive('PartnerEventArchive', { archiveName: 'mesa-partner-replay', eventPattern: { source: ['mesa.edi'] }, retention: Duration.days(30) });
  const erpSecret = new secretsmanager.Secret(st, 'ErpApiCredentials', {
    description: 'ERP integration user', generateSecretString: { secretStringTemplate: JSON.stringify({ username: 'edi-hub' }), generateStringKey: 'password', excludePunctuation: true },
  });
  const translator = new lambda.Function(st, 'EdiTranslator', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, timeout: Duration.seconds(60),
    environment: { BUS: bus.eventBusName, ERP_SECRET_ARN: erpSecret.secretArn },
    vpc: net, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
  });
  inbound.grantRead(translator);
  bus.grantPutEventsTo(translator);
  erpSecret.grantRead(translator);
  new events.Rule(st, 'EdiFileLanded', {
    eventPattern: { source: ['aws.s3'], detailType: ['Object Created'], detail: { bucket: { name: [inbound.bucketName] } } },
    targets: [new targets.LambdaFunction(translator, { retryAttempts: 2 })],
  });
  const carrierConn = new events.Connection(st, 'CarrierApiConnection', {
    description: 'freight carrier booking API',
    authorization: events.Authorization.apiKey('x-carrier-key', SecretValue.unsafePlainText('ck_live_4fJ9sQ2mX7pL1vB8nD3hT6zR')),
  });
  const carrierDest = new events.ApiDestination(st, 'CarrierBookings', {
    connection: carrierConn, endpoint: 'https://api.carrier.example.com/v2/bookings', httpMethod: events.HttpMethod.POST, rateLimitPerSecond: 10,
  });
  new events.Rule(st, 'ShipmentBooked', {
    eventBus: bus, eventPattern: { source: ['mesa.edi'], detailType: ['ShipNotice'] },
    targets: [new targets.ApiDestination(carrierDest)],
  });
  const partners = new dynamodb.TableV2(st, 'TradingPartners', {
    partitionKey: { name: 'partnerId', type: dynamodb.AttributeType.STRING },
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    replicas: [{ region: 'eu-central-1' }],
  });
  const ledger = new dynamodb.TableV2(st, 'MessageLedger', {
    partitionKey: { name: 'interchangeId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'seq', type: dynamodb.AttributeType.NUMBER },
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    replicas: [{ region: 'us-east-1' }],
    dynamoStream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
  });
  partners.grantReadData(translator);
  ledger.grantReadWriteData(translator);
  const vault = new backup.BackupVault(st, 'HubVault', { backupVaultName: 'mesa-hub-vault' });
  const plan = new backup.BackupPlan(st, 'HubBackups', {
    backupVault: vault,
    backupPlanRules: [new backup.BackupPlanRule({
      ruleName: 'daily-35', scheduleExpression: events.Schedule.cron({ hour: '2', minute: '30' }), deleteAfter: Duration.days(35),
      copyActions: [{ destinationBackupVault: backup.BackupVault.fromBackupVaultArn(st, 'UsDrVault', 'arn:aws:backup:us-east-1:111122223333:backup-vault:mesa-dr'), deleteAfter: Duration.days(35) }],
    })],
  });
  plan.addSelection('LedgerTables', { resources: [backup.BackupResource.fromDynamoDbTable(partners)] });
  const cacheSubnets = new elasticache.CfnSubnetGroup(st, 'DedupSubnets', {
    description: 'interchange dedup cache', subnetIds: net.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnetIds,
  });
  const cacheSg = new ec2.SecurityGroup(st, 'DedupCacheSg', { vpc: net, description: 'dedup redis', allowAllOutbound: false });
  cacheSg.connections.allowFrom(translator, ec2.Port.tcp(6379), 'translator to redis');
  new elasticache.CfnReplicationGroup(st, 'DedupCache', {
    replicationGroupDescription: 'EDI interchange dedup', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.t4g.medium',
    numCacheClusters: 2, automaticFailoverEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true,
    snapshotRetentionLimit: 5, snapshotWindow: '04:00-05:00',
    cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId],
  });
  const webhookQueue = new sqs.Queue(st, 'PartnerWebhookInbox', { encryption: sqs.QueueEncryption.SQS_MANAGED, retentionPeriod: Duration.days(4) });
  webhookQueue.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.AnyPrincipal()], actions: ['sqs:SendMessage'], resources: [webhookQueue.queueArn],
  }));
  new logs.LogGroup(st, 'PartnerApiRequestLogs', { logGroupName: '/mesa/hub/partner-request-logs', retention: logs.RetentionDays.SIX_MONTHS });
  new logs.LogGroup(st, 'TranslatorAudit', { logGroupName: '/mesa/hub/translator-audit', retention: logs.RetentionDays.ONE_YEAR });
  const opsRole = new iam.Role(st, 'PartnerOpsRole', {
    assumedBy: new iam.AccountRootPrincipal(), description: 'integration on-call',
  });
  opsRole.addToPolicy(new iam.PolicyStatement({ actions: ['events:*', 'transfer:*'], resources: ['*'] }));
  const auditRole = new iam.Role(st, 'HubAuditorRole', {
    assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
  });
  ledger.grantReadData(auditRole);
}
{
  const st = new Stack(app, 'MesaLab', { env });
  const net = new ec2.Vpc(st, 'LabNet', {
    maxAzs: 2, natGateways: 1,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
      { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
    ],
    flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL, destination: ec2.FlowLogDestination.toCloudWatchLogs(new logs.LogGroup(st, 'LabFlowLogs', { retention: logs.RetentionDays.THREE_MONTHS })) } },
  });
  const labKey = new kms.Key(st, 'LabKey', { enableKeyRotation: true, description: 'pricing lab' });
  const exportKey = new kms.Key(st, 'ModelExportKey', { description: 'encrypts model packages shared with the reinsurer' });
  const labLogs = new s3.Bucket(st, 'LabAccessLogs', {
    enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
  });
  const training = new s3.Bucket(st, 'TrainingSets', {
    encryption: s3.BucketEncryption.KMS, encryptionKey: labKey, enforceSSL: true, versioned: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: labLogs, serverAccessLogsPrefix: 'training/',
  });
  const artifacts = new s3.Bucket(st, 'ModelArtifacts', {
    encryption: s3.BucketEncryption.KMS, encryptionKey: exportKey, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  });
  const repo = new ecr.Repository(st, 'PricingImages', { imageScanOnPush: true, imageTagMutability: ecr.TagMutability.IMMUTABLE, lifecycleRules: [{ maxImageCount: 30 }] });
  const studioRole = new iam.Role(st, 'StudioExecRole', {
    assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSageMakerFullAccess')],
  });
  training.grantReadWrite(studioRole);
  artifacts.grantReadWrite(studioRole);
  mesaRedactedBucket.grantRead(studioRole);
  const studioSg = new ec2.SecurityGroup(st, 'StudioSg', { vpc: net, description: 'studio apps' });
  const privateIds = net.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnetIds;
  const domain = new sagemaker.CfnDomain(st, 'PricingStudio', {
    domainName: 'mesa-pricing', authMode: 'IAM', vpcId: net.vpcId, subnetIds: privateIds,
    appNetworkAccessType: 'VpcOnly', kmsKeyId: labKey.keyId,
    defaultUserSettings: { executionRole: studioRole.roleArn, securityGroups: [studioSg.securityGroupId] },
  });
  new sagemaker.CfnUserProfile(st, 'ActuaryProfile', { domainId: domain.attrDomainId, userProfileName: 'lead-actuary' });
  const endpointRole = new iam.Role(st, 'EndpointRole', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
  artifacts.grantRead(endpointRole);
  repo.grantPull(endpointRole);
  const model = new sagemaker.CfnModel(st, 'RenewalModel', {
    executionRoleArn: endpointRole.roleArn,
    primaryContainer: { image: repo.repositoryUriForTag('renewal-2026-11'), modelDataUrl: `s3://${artifacts.bucketName}/renewal/model.tar.gz`, environment: { SAGEMAKER_PROGRAM: 'serve.py' } },
    vpcConfig: { subnets: privateIds, securityGroupIds: [studioSg.securityGroupId] },
  });
  const epc = new sagemaker.CfnEndpointConfig(st, 'RenewalEndpointConfig', {
    kmsKeyId: labKey.keyArn,
    productionVariants: [{ variantName: 'primary', modelName: model.attrModelName, initialInstanceCount: 1, instanceType: 'ml.m5.large', initialVariantWeight: 1 }],
  });
  new sagemaker.CfnEndpoint(st, 'RenewalEndpoint', { endpointConfigName: epc.attrEndpointConfigName });
  const trackerDb = new rds.DatabaseInstance(st, 'ExperimentTracker', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16_4 }),
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM),
    vpc: net, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    storageEncrypted: true, allocatedStorage: 50, credentials: rds.Credentials.fromGeneratedSecret('mlflow'),
    databaseName: 'mlflow', deletionProtection: true,
  });
  const cluster = new ecs.Cluster(st, 'LabCluster', { vpc: net, containerInsightsV2: ecs.ContainerInsights.ENABLED });
  const quoteApi = new ecsPatterns.ApplicationLoadBalancedFargateService(st, 'QuoteApi', {
    cluster, cpu: 512, memoryLimitMiB: 1024, desiredCount: 2, publicLoadBalancer: true,
    taskImageOptions: { image: ecs.ContainerImage.fromEcrRepository(repo, 'quote-api-1.8'), containerPort: 8080, environment: { MODEL_ENDPOINT: 'renewal' } },
  });
  quoteApi.taskDefinition.taskRole.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: ['sagemaker:InvokeEndpoint'], resources: [`arn:aws:sagemaker:${st.region}:${st.account}:endpoint/*`],
  }));
  trackerDb.connections.allowDefaultPortFrom(quoteApi.service);
  const featureSubnets = new elasticache.CfnSubnetGroup(st, 'FeatureSubnets', { description: 'feature store cache', subnetIds: privateIds });
  const featureSg = new ec2.SecurityGroup(st, 'FeatureCacheSg', { vpc: net, description: 'feature cache' });
  featureSg.connections.allowFrom(quoteApi.service, ec2.Port.tcp(6379));
  new elasticache.CfnReplicationGroup(st, 'FeatureCache', {
    replicationGroupDescription: 'online rating features', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.r7g.large',
    numCacheClusters: 2, automaticFailoverEnabled: true, atRestEncryptionEnabled: true,
    cacheSubnetGroupName: featureSubnets.ref, securityGroupIds: [featureSg.securityGroupId],
  });
  const bastion = new ec2.BastionHostLinux(st, 'LabBastion', { vpc: net, subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, requireImdsv2: true,
    blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(10, { encrypted: true }) }] });
  trackerDb.connections.allowDefaultPortFrom(bastion);
  const gpuSg = new ec2.SecurityGroup(st, 'GpuWorkstationSg', { vpc: net, description: 'actuary GPU box' });
  gpuSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh for the quants');
  new ec2.Instance(st, 'GpuWorkstation', {
    vpc: net, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, securityGroup: gpuSg,
    instanceType: new ec2.InstanceType('g5.xlarge'), machineImage: ec2.MachineImage.latestAmazonLinux2023(),
    keyPair: ec2.KeyPair.fromKeyPairName(st, 'QuantKey', 'quant-team'),
    blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(300, { volumeType: ec2.EbsDeviceVolumeType.GP3 }) }],
  });
  const retrainFn = new lambda.Function(st, 'StartRetrain', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code, environment: { TRAINING_BUCKET: training.bucketName } });
  training.grantRead(retrainFn);
  retrainFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sagemaker:CreateTrainingJob', 'sagemaker:DescribeTrainingJob'], resources: [`arn:aws:sagemaker:${st.region}:${st.account}:training-job/*`] }));
  retrainFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [studioRole.roleArn] }));
  const retrain = new sfn.StateMachine(st, 'RetrainPipeline', {
    definitionBody: sfn.DefinitionBody.fromChainable(
      new tasks.LambdaInvoke(st, 'KickOffTraining', { lambdaFunction: retrainFn, outputPath: '$.Payload' })
        .next(new sfn.Wait(st, 'WaitForTraining', { time: sfn.WaitTime.duration(Duration.minutes(30)) }))
        .next(new tasks.LambdaInvoke(st, 'CheckTraining', { lambdaFunction: retrainFn }))),
    timeout: Duration.hours(12),
  });
  new events.Rule(st, 'MonthlyRetrain', { schedule: events.Schedule.cron({ day: '1', hour: '4', minute: '0' }), targets: [new targets.SfnStateMachine(retrain)] });
  const preview = new lambda.Function(st, 'QuotePreview', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, environment: { ENDPOINT: 'renewal' } });
  preview.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE, cors: { allowedOrigins: ['*'] } });
  const build = new codebuild.Project(st, 'ModelBuild', {
    environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0, privileged: true },
    environmentVariables: {
      REPO_URI: { value: repo.repositoryUri },
      WANDB_API_KEY: { value: 'wandb_v1_3c9d8a7f6e5b4a3928176f5e4d3c2b1a0f9e8d7c', type: codebuild.BuildEnvironmentVariableType.PLAINTEXT },
    },
    buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', phases: { build: { commands: ['docker build -t $REPO_URI:$CODEBUILD_RESOLVED_SOURCE_VERSION .', 'docker push $REPO_URI --all-tags'] } } }),
  });
  repo.grantPullPush(build);
  const portalUsers = new cognito.UserPool(st, 'BrokerPortalUsers', {
    selfSignUpEnabled: false, signInAliases: { email: true }, mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { otp: true, sms: true },
    passwordPolicy: { minLength: 10 },
  });
  portalUsers.addClient('QuotePortal', { authFlows: { userSrp: true } });
}
{
  const st = new Stack(app, 'MesaGuild', { env });
  const players = new cognito.UserPool(st, 'Players', {
    selfSignUpEnabled: true, signInAliases: { email: true, username: true }, autoVerify: { email: true },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
  });
  const gameClient = players.addClient('GameClient', { authFlows: { userSrp: true }, preventUserExistenceErrors: true });
  const profiles = new dynamodb.TableV2(st, 'PlayerProfiles', {
    partitionKey: { name: 'playerId', type: dynamodb.AttributeType.STRING },
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  });
  const matches = new dynamodb.Table(st, 'MatchHistory', {
    partitionKey: { name: 'playerId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'playedAt', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, timeToLiveAttribute: 'ttl',
  });
  const connections = new dynamodb.Table(st, 'LobbyConnections', {
    partitionKey: { name: 'connectionId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    timeToLiveAttribute: 'ttl', pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 7 },
  });
  const lobbyFn = new lambda.Function(st, 'LobbyHandler', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, environment: { CONNECTIONS: connections.tableName },
  });
  connections.grantReadWriteData(lobbyFn);
  const socket = new apigwv2.WebSocketApi(st, 'LobbySocket', {
    connectRouteOptions: { integration: new WebSocketLambdaIntegration('ConnectInt', lobbyFn) },
    disconnectRouteOptions: { integration: new WebSocketLambdaIntegration('DisconnectInt', lobbyFn) },
    defaultRouteOptions: { integration: new WebSocketLambdaIntegration('DefaultInt', lobbyFn) },
  });
  const liveStage = new apigwv2.WebSocketStage(st, 'LobbyLive', { webSocketApi: socket, stageName: 'live', autoDeploy: true });
  socket.grantManageConnections(lobbyFn);
  const scoreFn = new lambda.Function(st, 'ScoreKeeper', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code,
    environment: { PROFILES: profiles.tableName, MATCHES: matches.tableName, LOBBY_URL: liveStage.callbackUrl },
  });
  profiles.grantReadWriteData(scoreFn);
  matches.grantReadWriteData(scoreFn);
  const results = new sqs.Queue(st, 'MatchResults.fifo', { fifo: true, contentBasedDeduplication: true, encryption: sqs.QueueEncryption.KMS_MANAGED });
  scoreFn.addEventSource(new eventsources.SqsEventSource(results, { batchSize: 10 }));
  const telemetry = new kinesis.Stream(st, 'GameplayTelemetry', { shardCount: 2, retentionPeriod: Duration.hours(48) });
  telemetry.grantWrite(lobbyFn);
  const receiptFn = new lambda.Function(st, 'ReceiptValidator', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code,
    environment: { APPLE_SHARED_SECRET: '9f3e1c7a5b2d4e8f9a0b1c2d3e4f5a6b', GOOGLE_PACKAGE: 'com.mesa.rewards', PROFILES: profiles.tableName },
  });
  profiles.grantWriteData(receiptFn);
  const rewardsApi = new apigwv2.HttpApi(st, 'RewardsApi', {
    corsPreflight: { allowOrigins: ['https://play.mesa-rewards.example.com'], allowMethods: [apigwv2.CorsHttpMethod.POST] },
  });
  rewardsApi.addRoutes({ path: '/receipts', methods: [apigwv2.HttpMethod.POST], integration: new HttpLambdaIntegration('ReceiptInt', receiptFn),
    authorizer: new HttpJwtAuthorizer('PlayerJwt', `https://cognito-idp.${st.region}.amazonaws.com/${players.userPoolId}`, { jwtAudience: [gameClient.userPoolClientId] }) });
  const replays = new s3.Bucket(st, 'ReplayArchive', {
    enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.S3_MANAGED,
    lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(30) }] }],
  });
  replays.grantPut(scoreFn);
  const assets = new s3.Bucket(st, 'GameAssets', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  new cloudfront.Distribution(st, 'AssetCdn', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(assets), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS },
    priceClass: cloudfront.PriceClass.PRICE_CLASS_100, defaultRootObject: 'index.html',
  });
  const vpc = new ec2.Vpc(st, 'GuildNet', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const mmSg = new ec2.SecurityGroup(st, 'MatchmakingSg', { vpc, description: 'matchmaking cache' });
  mmSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(6379));
  new elasticache.CfnServerlessCache(st, 'MatchmakingCache', {
    serverlessCacheName: 'mesa-matchmaking', engine: 'valkey', majorEngineVersion: '8',
    subnetIds: vpc.isolatedSubnets.map((s) => s.subnetId), securityGroupIds: [mmSg.securityGroupId],
    dailySnapshotTime: '05:00', snapshotRetentionLimit: 2,
  });
  new elasticache.CfnServerlessCache(st, 'LeaderboardCache', {
    serverlessCacheName: 'mesa-leaderboard', engine: 'valkey', majorEngineVersion: '8',
    subnetIds: vpc.isolatedSubnets.map((s) => s.subnetId), securityGroupIds: [mmSg.securityGroupId],
  });
  const liveOps = new iam.Role(st, 'LiveOpsRole', {
    assumedBy: new iam.AccountPrincipal('210987654321'), description: 'studio partner live-ops tooling',
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonDynamoDBFullAccess')],
  });
  new logs.LogGroup(st, 'LobbyRequestLogs', { logGroupName: '/mesa/guild/lobby-request-logs', retention: logs.RetentionDays.TWO_WEEKS });
  new CfnOutput(st, 'LobbyEndpoint', { value: liveStage.url });
}
// (end of Mesa apps)

// Pike held-out apps (session 13, scout): stacks named Pike*, routed to templates/scout13cdk/, labelled in labels.scout13cdk.yaml
// Pike apps: a pharmaceutical distributor's platform, written the way open-source CDK apps are. PikeEdgeCert (us-east-1:
// the status page's CloudFront certificate and a logged CLOUDFRONT WAF ACL), PikeForge (developer platform: VPC with
// endpoints, ECR, ECS on EC2 with an ASG capacity provider behind an HTTPS ALB, CodePipeline/CodeBuild, a status page on
// CloudFront), PikeColdChain (cold-chain shipment telemetry: IoT Core rules, Kinesis, Firehose, DynamoDB, an HTTP API,
// alerts), PikeSettle (payments reconciliation batch: AWS Batch on Fargate pulling PikeForge's image cross-stack, Step
// Functions, Object Lock statements, KMS, Aurora PostgreSQL with rotation, a PITR Aspect and an escape hatch), PikePortal
// (hospital ordering portal: Cognito with MFA, AppSync, a REST API on a custom domain, Redis, MySQL, OpenSearch, EC2).
const pikeUs = { account: '111122223333', region: 'us-east-1' };
const pikeEu = { account: '111122223333', region: 'eu-west-1' };
const pikeEdge = new Stack(app, 'PikeEdgeCert', { env: pikeUs, crossRegionReferences: true });
const pikeStatusCert = new acm.Certificate(pikeEdge, 'StatusCert', { domainName: 'status.pike-pharma.example.com', validation: acm.CertificateValidation.fromDns() });
{
  const s = pikeEdge;
  const wafLogs = new logs.LogGroup(s, 'StatusWafLogs', { logGroupName: 'aws-waf-logs-pike-status', retention: logs.RetentionDays.ONE_MONTH });
  const acl = new wafv2.CfnWebACL(s, 'StatusAcl', {
    scope: 'CLOUDFRONT', defaultAction: { allow: {} },
    visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'pike-status', sampledRequestsEnabled: true },
    rules: [
      { name: 'common', priority: 0, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'common', sampledRequestsEnabled: true } },
      { name: 'throttle', priority: 1, action: { block: {} }, statement: { rateBasedStatement: { limit: 1000, aggregateKeyType: 'IP' } }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'throttle', sampledRequestsEnabled: true } },
    ],
  });
  new wafv2.CfnLoggingConfiguration(s, 'StatusAclLogging', { resourceArn: acl.attrArn, logDestinationConfigs: [`arn:aws:logs:us-east-1:111122223333:log-group:${wafLogs.logGroupName}`] });
  new CfnOutput(s, 'StatusAclArn', { value: acl.attrArn });
}

// ---- PikeForge: the developer platform ----
const pikeForge = new Stack(app, 'PikeForge', { env: pikeEu, crossRegionReferences: true });
const pikeReconImage = new ecr.Repository(pikeForge, 'ReconJobImage', { repositoryName: 'pike/recon-job', imageScanOnPush: true, imageTagMutability: ecr.TagMutability.IMMUTABLE, lifecycleRules: [{ maxImageCount: 30 }] });
{
  const s = pikeForge;
  const vpc = new ec2.Vpc(s, 'ForgeVpc', { maxAzs: 2, natGateways: 1, ipAddresses: ec2.IpAddresses.cidr('10.40.0.0/16') });
  vpc.addGatewayEndpoint('S3Endpoint', { service: ec2.GatewayVpcEndpointAwsService.S3 });
  vpc.addInterfaceEndpoint('EcrApi', { service: ec2.InterfaceVpcEndpointAwsService.ECR });
  vpc.addInterfaceEndpoint('EcrDocker', { service: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER });
  vpc.addInterfaceEndpoint('CwLogs', { service: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS });
  const baseImages = new ecr.Repository(s, 'BaseImages', { repositoryName: 'pike/base', imageScanOnPush: true });
  baseImages.addToResourcePolicy(new iam.PolicyStatement({ actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], principals: [new iam.AnyPrincipal()], conditions: { StringEquals: { 'aws:PrincipalOrgID': 'o-pike4ph4rm4' } } }));
  const cluster = new ecs.Cluster(s, 'ToolsCluster', { vpc, containerInsights: true });
  const asg = new autoscaling.AutoScalingGroup(s, 'ToolsNodes', {
    vpc, instanceType: new ec2.InstanceType('m6i.large'), machineImage: ecs.EcsOptimizedImage.amazonLinux2023(), minCapacity: 2, maxCapacity: 6,
  });
  const cp = new ecs.AsgCapacityProvider(s, 'ToolsCapacity', { autoScalingGroup: asg, enableManagedTerminationProtection: false });
  cluster.addAsgCapacityProvider(cp);
  const artifactoryTask = new ecs.Ec2TaskDefinition(s, 'ArtifactProxyTask');
  const proxySecret = new secretsmanager.Secret(s, 'ProxyAdminSecret', { generateSecretString: { passwordLength: 32, excludePunctuation: true } });
  artifactoryTask.addContainer('proxy', {
    image: ecs.ContainerImage.fromEcrRepository(baseImages, 'nexus-3.70'), memoryLimitMiB: 3072, portMappings: [{ containerPort: 8081 }],
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'proxy', logRetention: logs.RetentionDays.ONE_MONTH }),
    secrets: { NEXUS_ADMIN_PASSWORD: ecs.Secret.fromSecretsManager(proxySecret) },
  });
  const proxySvc = new ecs.Ec2Service(s, 'ArtifactProxy', { cluster, taskDefinition: artifactoryTask, desiredCount: 2, capacityProviderStrategies: [{ capacityProvider: cp.capacityProviderName, weight: 1 }] });
  const albLogs = new s3.Bucket(s, 'AlbLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.S3_MANAGED, lifecycleRules: [{ expiration: Duration.days(90) }] });
  const alb = new elbv2.ApplicationLoadBalancer(s, 'ToolsAlb', { vpc, internetFacing: true });
  alb.logAccessLogs(albLogs, 'tools');
  const toolsCert = new acm.Certificate(s, 'ToolsCert', { domainName: 'artifacts.pike-pharma.example.com', validation: acm.CertificateValidation.fromDns() });
  const https = alb.addListener('Https', { port: 443, certificates: [toolsCert], sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS });
  https.addTargets('Proxy', { port: 8081, protocol: elbv2.ApplicationProtocol.HTTP, targets: [proxySvc], healthCheck: { path: '/service/rest/v1/status' } });
  alb.addRedirect({ sourcePort: 80, targetPort: 443 });
  // CI/CD: GitHub through a CodeConnections connection, two builds, a deploy approval.
  const sourceOut = new codepipeline.Artifact('Src');
  const buildOut = new codepipeline.Artifact('Image');
  const imageBuild = new codebuild.PipelineProject(s, 'ImageBuild', {
    environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0, privileged: true },
    environmentVariables: {
      REPO_URI: { value: pikeReconImage.repositoryUri },
      SONAR_TOKEN: { value: 'squ_4f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6' },
    },
  });
  pikeReconImage.grantPullPush(imageBuild);
  const npmToken = new secretsmanager.Secret(s, 'NpmPublishToken', { description: 'npm automation token for @pike scope' });
  const libBuild = new codebuild.PipelineProject(s, 'LibraryBuild', {
    environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0 },
    environmentVariables: { NPM_TOKEN: { type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER, value: npmToken.secretArn } },
  });
  new codepipeline.Pipeline(s, 'PlatformPipeline', {
    pipelineType: codepipeline.PipelineType.V2,
    stages: [
      { stageName: 'Source', actions: [new cpactions.CodeStarConnectionsSourceAction({ actionName: 'GitHub', owner: 'pike-pharma', repo: 'platform', branch: 'main', output: sourceOut, connectionArn: 'arn:aws:codeconnections:eu-west-1:111122223333:connection/2a7b9c1d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' })] },
      { stageName: 'Build', actions: [
        new cpactions.CodeBuildAction({ actionName: 'Image', project: imageBuild, input: sourceOut, outputs: [buildOut] }),
        new cpactions.CodeBuildAction({ actionName: 'Library', project: libBuild, input: sourceOut }),
      ] },
      { stageName: 'Approve', actions: [new cpactions.ManualApprovalAction({ actionName: 'ReleaseManager' })] },
    ],
  });
  // Status page: private bucket behind CloudFront with the us-east-1 certificate and WAF ACL.
  const statusSite = new s3.Bucket(s, 'StatusSite', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.S3_MANAGED });
  const cdnLogs = new s3.Bucket(s, 'StatusCdnLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.OBJECT_WRITER, lifecycleRules: [{ expiration: Duration.days(30) }] });
  new cloudfront.Distribution(s, 'StatusCdn', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(statusSite), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS },
    domainNames: ['status.pike-pharma.example.com'], certificate: pikeStatusCert, defaultRootObject: 'index.html',
    enableLogging: true, logBucket: cdnLogs, logFilePrefix: 'status/',
    webAclId: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/pike-status/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
  });
  // Platform team break-glass role.
  const platformAdmin = new iam.Role(s, 'PlatformAdminRole', { assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), maxSessionDuration: Duration.hours(1) });
  platformAdmin.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
  const deployLedger = new dynamodb.Table(s, 'DeployLedger', { partitionKey: { name: 'service', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'deployedAt', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
  deployLedger.grantWriteData(imageBuild);
  const contractor = new iam.Role(s, 'PlatformContractorRole', { assumedBy: new iam.AccountPrincipal('444455556666'), description: 'platform contractor (consultancy account)' });
  contractor.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess'));
}

// ---- PikeColdChain: shipment telemetry from temperature loggers ----
const pikeCold = new Stack(app, 'PikeColdChain', { env: pikeEu });
{
  const s = pikeCold;
  const key = new kms.Key(s, 'TelemetryKey', { enableKeyRotation: true, description: 'cold-chain telemetry' });
  const readings = new kinesis.Stream(s, 'LoggerReadings', { shardCount: 4, encryption: kinesis.StreamEncryption.KMS, encryptionKey: key });
  const ruleRole = new iam.Role(s, 'IotRuleRole', { assumedBy: new iam.ServicePrincipal('iot.amazonaws.com') });
  readings.grantWrite(ruleRole);
  const probeReadings = new dynamodb.Table(s, 'ProbeReadings', {
    partitionKey: { name: 'loggerId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'ts', type: dynamodb.AttributeType.NUMBER },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, timeToLiveAttribute: 'expiresAt', encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: key,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 14 },
  });
  probeReadings.grantWriteData(ruleRole);
  new iot.CfnTopicRule(s, 'ReadingsToStream', { topicRulePayload: { sql: "SELECT *, topic(3) AS loggerId FROM 'pike/loggers/+/readings'", awsIotSqlVersion: '2016-03-23', ruleDisabled: false,
    actions: [{ kinesis: { streamName: readings.streamName, partitionKey: '${topic(3)}', roleArn: ruleRole.roleArn } }] } });
  new iot.CfnTopicRule(s, 'ReadingsToTable', { topicRulePayload: { sql: "SELECT temp, humidity, timestamp() AS ts, topic(3) AS loggerId FROM 'pike/loggers/+/readings'", awsIotSqlVersion: '2016-03-23', ruleDisabled: false,
    actions: [{ dynamoDBv2: { putItem: { tableName: probeReadings.tableName }, roleArn: ruleRole.roleArn } }] } });
  new iot.CfnPolicy(s, 'LoggerDevicePolicy', { policyName: 'pike-logger-device', policyDocument: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 'iot:Connect', Resource: 'arn:aws:iot:eu-west-1:111122223333:client/${iot:Connection.Thing.ThingName}' },
      { Effect: 'Allow', Action: 'iot:Publish', Resource: 'arn:aws:iot:eu-west-1:111122223333:topic/pike/loggers/${iot:Connection.Thing.ThingName}/*' },
    ] } });
  new iot.CfnPolicy(s, 'GatewayBenchPolicy', { policyName: 'pike-gateway-bench', policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] } });
  // Archive: Firehose from the stream to a lake bucket.
  const accessLogs = new s3.Bucket(s, 'LakeAccessLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(180) }] });
  const lake = new s3.Bucket(s, 'ReadingsLake', {
    enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.KMS, encryptionKey: key, bucketKeyEnabled: true,
    serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'lake/', versioned: true,
    lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(90) }] }],
  });
  const hoseRole = new iam.Role(s, 'ArchiveHoseRole', { assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com') });
  readings.grantRead(hoseRole);
  lake.grantWrite(hoseRole);
  key.grantEncryptDecrypt(hoseRole);
  new firehose.CfnDeliveryStream(s, 'ReadingsArchive', { deliveryStreamType: 'KinesisStreamAsSource', kinesisStreamSourceConfiguration: { kinesisStreamArn: readings.streamArn, roleArn: hoseRole.roleArn },
    extendedS3DestinationConfiguration: { bucketArn: lake.bucketArn, roleArn: hoseRole.roleArn, prefix: 'readings/', compressionFormat: 'GZIP', bufferingHints: { intervalInSeconds: 300, sizeInMBs: 64 }, encryptionConfiguration: { kmsEncryptionConfig: { awskmsKeyArn: key.keyArn } } } });
  const calibrationDrops = new s3.Bucket(s, 'CalibrationDrops', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  const calibrationHose = new firehose.CfnDeliveryStream(s, 'CalibrationUploads', { deliveryStreamType: 'DirectPut', extendedS3DestinationConfiguration: { bucketArn: calibrationDrops.bucketArn, roleArn: hoseRole.roleArn, prefix: 'calibration/' } });
  calibrationDrops.grantWrite(hoseRole);
  // Processing: excursion detector on the stream.
  const shipments = new dynamodb.TableV2(s, 'ShipmentState', { partitionKey: { name: 'shipmentId', type: dynamodb.AttributeType.STRING }, encryption: dynamodb.TableEncryptionV2.customerManagedKey(key), pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 30 } });
  const dedup = new dynamodb.Table(s, 'AlertDedup', { partitionKey: { name: 'alertKey', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, timeToLiveAttribute: 'expiresAt' });
  const alerts = new sns.Topic(s, 'ExcursionAlerts', { masterKey: key, displayName: 'Temperature excursions' });
  alerts.addSubscription(new subs.EmailSubscription('qa-release@pike-pharma.example.com'));
  alerts.addSubscription(new subs.UrlSubscription('http://wms-legacy.pike-pharma.example.com/hooks/excursion', { protocol: sns.SubscriptionProtocol.HTTP }));
  const detector = new lambda.Function(s, 'ExcursionDetector', {
    runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code, memorySize: 512, timeout: Duration.seconds(60),
    environment: { SHIPMENTS: shipments.tableName, DEDUP: dedup.tableName, TOPIC: alerts.topicArn, TWILIO_ACCOUNT_SID: 'AC5e3f1a2b4c6d8e0f1a2b3c4d5e6f7a8b', TWILIO_AUTH_TOKEN: '7d2c9e4f1a3b5c6d8e0f2a4b6c8d0e1f' },
  });
  detector.addEventSource(new eventsources.KinesisEventSource(readings, { startingPosition: lambda.StartingPosition.LATEST, batchSize: 200, bisectBatchOnError: true, retryAttempts: 3 }));
  shipments.grantReadWriteData(detector);
  dedup.grantReadWriteData(detector);
  alerts.grantPublish(detector);
  // Partner lookups: HTTP API with an access log kept a year.
  const lookup = new lambda.Function(s, 'ShipmentLookup', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code, environment: { SHIPMENTS: shipments.tableName } });
  shipments.grantReadData(lookup);
  const partnerApi = new apigwv2.HttpApi(s, 'PartnerTrackingApi', { createDefaultStage: false });
  partnerApi.addRoutes({ path: '/shipments/{id}', methods: [apigwv2.HttpMethod.GET], integration: new HttpLambdaIntegration('LookupInt', lookup), authorizer: new HttpJwtAuthorizer('PartnerJwt', 'https://login.pike-pharma.example.com/', { jwtAudience: ['tracking-api'] }) });
  const requestLogs = new logs.LogGroup(s, 'TrackingRequestLogs', { logGroupName: '/pike/coldchain/tracking-request-logs', retention: logs.RetentionDays.ONE_YEAR });
  const stage = new apigwv2.HttpStage(s, 'TrackingProd', { httpApi: partnerApi, stageName: 'prod', autoDeploy: true });
  stage.node.defaultChild.addPropertyOverride('AccessLogSettings', { DestinationArn: requestLogs.logGroupArn, Format: '$context.requestId $context.identity.sourceIp $context.routeKey $context.status' });
  // Daily compliance export for QA (exported reports).
  const qaReports = new s3.Bucket(s, 'QaExcursionReports', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'qa/', lifecycleRules: [{ expiration: Duration.days(60) }] });
  Tags.of(qaReports).add('DataSet', 'exported-reports');
  const reporter = new lambda.Function(s, 'QaReportExporter', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code, environment: { BUCKET: qaReports.bucketName, READINGS: probeReadings.tableName } });
  probeReadings.grantReadData(reporter);
  qaReports.grantPut(reporter);
  new events.Rule(s, 'NightlyQaReport', { schedule: events.Schedule.cron({ hour: '2', minute: '15' }), targets: [new targets.LambdaFunction(reporter)] });
  // Couriers' handheld scanners post hand-over scans straight to a function URL.
  const scanHook = new lambda.Function(s, 'CourierScanHook', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code, environment: { SHIPMENTS: shipments.tableName } });
  shipments.grantWriteData(scanHook);
  scanHook.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE, cors: { allowedOrigins: ['*'], allowedMethods: [lambda.HttpMethod.POST] } });
}

// ---- PikeSettle: payments reconciliation batch ----
const pikeSettle = new Stack(app, 'PikeSettle', { env: pikeEu });
{
  const s = pikeSettle;
  class PitrEverywhere { visit(node) { if (node instanceof dynamodb.CfnTable && node.pointInTimeRecoverySpecification === undefined) node.pointInTimeRecoverySpecification = { pointInTimeRecoveryEnabled: true }; } }
  Aspects.of(s).add(new PitrEverywhere());
  const vpc = new ec2.Vpc(s, 'SettleVpc', { maxAzs: 2, natGateways: 1, flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL } } });
  const ledgerKey = new kms.Key(s, 'LedgerKey', { enableKeyRotation: true, alias: 'alias/pike-ledger' });
  const signingKey = new kms.Key(s, 'StatementSealKey', { description: 'seals statement manifests' });
  const auditLogs = new s3.Bucket(s, 'SettleAccessLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(400) }] });
  const statements = new s3.Bucket(s, 'SettlementStatements', {
    enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.KMS, encryptionKey: ledgerKey, versioned: true,
    objectLockEnabled: true, objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(2557)), serverAccessLogsBucket: auditLogs, serverAccessLogsPrefix: 'statements/',
  });
  Tags.of(statements).add('DataSet', 'exported-reports');
  const acquirerDrop = new s3.Bucket(s, 'AcquirerDrop', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.KMS, encryptionKey: ledgerKey, lifecycleRules: [{ expiration: Duration.days(14) }] });
  const merchantReports = new s3.Bucket(s, 'MerchantPayoutReports', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: auditLogs, serverAccessLogsPrefix: 'payouts/', lifecycleRules: [{ expiration: Duration.days(45), noncurrentVersionExpiration: Duration.days(1) }] });
  Tags.of(merchantReports).add('DataSet', 'exported-reports');
  // Ledger database.
  const db = new rds.DatabaseCluster(s, 'ReconDb', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
    writer: rds.ClusterInstance.serverlessV2('writer'), readers: [rds.ClusterInstance.serverlessV2('reader', { scaleWithWriter: true })],
    serverlessV2MinCapacity: 0.5, serverlessV2MaxCapacity: 8, vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    storageEncrypted: true, storageEncryptionKey: ledgerKey, backup: { retention: Duration.days(35), preferredWindow: '01:00-02:00' },
    parameters: { 'rds.force_ssl': '1' }, deletionProtection: true, credentials: rds.Credentials.fromGeneratedSecret('recon_admin'),
  });
  db.node.defaultChild.addPropertyOverride('EnableCloudwatchLogsExports', ['postgresql']);
  db.addRotationSingleUser({ automaticallyAfter: Duration.days(30) });
  // Batch on Fargate, pulling the image PikeForge builds (cross-stack).
  const jobSg = new ec2.SecurityGroup(s, 'ReconJobSg', { vpc, description: 'reconciliation jobs', allowAllOutbound: true });
  db.connections.allowDefaultPortFrom(jobSg);
  const computeEnv = new batch.FargateComputeEnvironment(s, 'ReconCompute', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, securityGroups: [jobSg], maxvCpus: 64 });
  const queue = new batch.JobQueue(s, 'ReconQueue', { computeEnvironments: [{ computeEnvironment: computeEnv, order: 1 }], priority: 10 });
  const sftpCreds = new secretsmanager.Secret(s, 'AcquirerSftpCreds', { generateSecretString: { secretStringTemplate: JSON.stringify({ username: 'pike-recon' }), generateStringKey: 'password' } });
  const jobDef = new batch.EcsJobDefinition(s, 'MatchJob', {
    container: new batch.EcsFargateContainerDefinition(s, 'MatchContainer', {
      image: ecs.ContainerImage.fromEcrRepository(pikeReconImage, 'v42'), cpu: 2, memory: Size.gibibytes(8),
      environment: { STATEMENTS_BUCKET: statements.bucketName, ACQUIRER_API_KEY: 'ak_live_51Pk3xQ9Tz8Wm2Vb7Nc4Rd6Fe0Gh', DB_HOST: db.clusterEndpoint.hostname },
      secrets: { SFTP: batch.Secret.fromSecretsManager(sftpCreds), DB: batch.Secret.fromSecretsManager(db.secret) },
    }),
    retryAttempts: 2, timeout: Duration.hours(3),
  });
  statements.grantReadWrite(jobDef.container.executionRole);
  // Orchestration.
  const locks = new dynamodb.Table(s, 'RunLocks', { partitionKey: { name: 'runDate', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
  const breaks = new dynamodb.Table(s, 'ReconBreaks', { partitionKey: { name: 'runDate', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'txnId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: ledgerKey });
  const ingest = new lambda.Function(s, 'FileIngest', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, vpc, environment: { DROP: acquirerDrop.bucketName, LOCKS: locks.tableName } });
  acquirerDrop.grantRead(ingest);
  locks.grantReadWriteData(ingest);
  const publish = new lambda.Function(s, 'BreakPublisher', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, environment: { BREAKS: breaks.tableName, REPORTS: merchantReports.bucketName } });
  breaks.grantReadData(publish);
  merchantReports.grantPut(publish);
  const sfnLogs = new logs.LogGroup(s, 'ReconFlowLogs', { retention: logs.RetentionDays.THREE_MONTHS });
  const flow = new sfn.StateMachine(s, 'NightlyRecon', {
    definitionBody: sfn.DefinitionBody.fromChainable(
      new tasks.LambdaInvoke(s, 'Ingest', { lambdaFunction: ingest, outputPath: '$.Payload' })
        .next(new tasks.BatchSubmitJob(s, 'Match', { jobDefinitionArn: jobDef.jobDefinitionArn, jobQueueArn: queue.jobQueueArn, jobName: 'nightly-match' }))
        .next(new tasks.LambdaInvoke(s, 'Publish', { lambdaFunction: publish }))),
    logs: { destination: sfnLogs, level: sfn.LogLevel.ERROR }, tracingEnabled: true, timeout: Duration.hours(6),
  });
  new scheduler.CfnSchedule(s, 'NightlyReconSchedule', {
    scheduleExpression: 'cron(30 3 * * ? *)', scheduleExpressionTimezone: 'Europe/Dublin', flexibleTimeWindow: { mode: 'OFF' },
    target: { arn: flow.stateMachineArn, roleArn: new iam.Role(s, 'SchedulerRole', { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'), inlinePolicies: { start: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [flow.stateMachineArn] })] }) } }).roleArn },
  });
  const finance = new iam.Role(s, 'FinanceAnalystRole', { assumedBy: new iam.AccountRootPrincipal(), description: 'finance analysts review breaks' });
  breaks.grantReadData(finance);
  merchantReports.grantRead(finance);
  signingKey.grant(finance, 'kms:Sign', 'kms:Verify', 'kms:Decrypt');
  const opsAlerts = new sns.Topic(s, 'ReconAlerts', { masterKey: ledgerKey });
  const fxSg = new ec2.SecurityGroup(s, 'FxCacheSg', { vpc, description: 'fx rate cache' });
  fxSg.connections.allowFrom(jobSg, ec2.Port.tcp(6379));
  const fxSubnets = new elasticache.CfnSubnetGroup(s, 'FxCacheSubnets', { description: 'fx cache', subnetIds: vpc.privateSubnets.map((x) => x.subnetId) });
  new elasticache.CfnReplicationGroup(s, 'FxRateCache', {
    replicationGroupDescription: 'daily FX rates for matching', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.t4g.micro', numCacheClusters: 1,
    atRestEncryptionEnabled: true, cacheSubnetGroupName: fxSubnets.ref, securityGroupIds: [fxSg.securityGroupId],
  });
  const plan = new backup.BackupPlan(s, 'LedgerBackups', { backupPlanRules: [new backup.BackupPlanRule({
    ruleName: 'nightly', scheduleExpression: events.Schedule.cron({ hour: '1', minute: '30' }), deleteAfter: Duration.days(35),
    copyActions: [{ destinationBackupVault: backup.BackupVault.fromBackupVaultArn(s, 'DrVault', 'arn:aws:backup:us-east-1:111122223333:backup-vault:pike-dr'), deleteAfter: Duration.days(35) }],
  })] });
  plan.addSelection('LedgerData', { resources: [backup.BackupResource.fromRdsDatabaseCluster(db), backup.BackupResource.fromDynamoDbTable(breaks)] });
  new cloudwatch.Alarm(s, 'ReconFailures', { metric: flow.metricFailed(), threshold: 1, evaluationPeriods: 1 }).addAlarmAction(new cwactions.SnsAction(opsAlerts));
}
// ---- PikePortal: the hospital pharmacy ordering portal ----
const pikePortal = new Stack(app, 'PikePortal', { env: pikeEu });
{
  const s = pikePortal;
  const pikeSchema = join(tmpdir(), 'pike-portal-ordering.graphql');
  writeFileSync(pikeSchema, 'type Order { hospitalId: ID! orderId: ID! status: String }\ntype Query { order(hospitalId: ID!, orderId: ID!): Order }\n');
  const flowBucket = new s3.Bucket(s, 'PortalFlowLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(365) }] });
  const vpc = new ec2.Vpc(s, 'PortalVpc', { maxAzs: 2, natGateways: 1, flowLogs: { toS3: { destination: ec2.FlowLogDestination.toS3(flowBucket, 'portal/'), trafficType: ec2.FlowLogTrafficType.REJECT } } });
  const pharmacists = new cognito.UserPool(s, 'Pharmacists', {
    selfSignUpEnabled: false, signInAliases: { email: true }, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false },
    passwordPolicy: { minLength: 14, requireSymbols: true }, accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
  });
  const webClient = pharmacists.addClient('PortalWeb', { authFlows: { userSrp: true }, preventUserExistenceErrors: true });
  const orders = new dynamodb.TableV2(s, 'HospitalOrders', {
    partitionKey: { name: 'hospitalId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, dynamoStream: dynamodb.StreamViewType.NEW_IMAGE,
  });
  const gql = new appsync.GraphqlApi(s, 'OrderingGraph', {
    name: 'pike-ordering', definition: appsync.Definition.fromSchema(appsync.SchemaFile.fromAsset(pikeSchema)),
    authorizationConfig: { defaultAuthorization: { authorizationType: appsync.AuthorizationType.USER_POOL, userPoolConfig: { userPool: pharmacists } } },
    logConfig: { fieldLogLevel: appsync.FieldLogLevel.ERROR, retention: logs.RetentionDays.ONE_MONTH },
  });
  gql.addDynamoDbDataSource('OrdersSource', orders);
  // Session cache and the legacy formulary database.
  const cacheSg = new ec2.SecurityGroup(s, 'SessionCacheSg', { vpc, description: 'redis sessions' });
  const cacheSubnets = new elasticache.CfnSubnetGroup(s, 'SessionCacheSubnets', { description: 'portal cache', subnetIds: vpc.privateSubnets.map((x) => x.subnetId) });
  new elasticache.CfnReplicationGroup(s, 'SessionCache', {
    replicationGroupDescription: 'portal sessions', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2,
    automaticFailoverEnabled: true, multiAzEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, snapshotRetentionLimit: 0,
    cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId],
  });
  const formulary = new rds.DatabaseInstance(s, 'LegacyFormulary', {
    engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0_39 }), instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM),
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, allocatedStorage: 100, multiAz: true, backupRetention: Duration.days(14),
    credentials: rds.Credentials.fromGeneratedSecret('formulary'), cloudwatchLogsExports: ['error', 'slowquery'],
  });
  const search = new opensearch.Domain(s, 'FormularySearch', {
    version: opensearch.EngineVersion.OPENSEARCH_2_13, vpc, vpcSubnets: [{ subnets: [vpc.privateSubnets[0]] }],
    capacity: { dataNodes: 1, dataNodeInstanceType: 'r6g.large.search', multiAzWithStandbyEnabled: false }, ebs: { volumeSize: 50 },
    encryptionAtRest: { enabled: true }, nodeToNodeEncryption: true, enforceHttps: true, tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2,
  });
  new elasticache.CfnServerlessCache(s, 'FormularyCache', {
    engine: 'valkey', serverlessCacheName: 'pike-formulary', subnetIds: vpc.privateSubnets.map((x) => x.subnetId), securityGroupIds: [cacheSg.securityGroupId],
    dailySnapshotTime: '04:00', snapshotRetentionLimit: 3,
  });
  // Ordering REST API on a custom domain, execute-api endpoint off, access logs to a request-log group.
  const fulfil = new sqs.Queue(s, 'FulfilmentQueue', { deadLetterQueue: { queue: new sqs.Queue(s, 'FulfilmentDlq', { retentionPeriod: Duration.days(14) }), maxReceiveCount: 4 }, visibilityTimeout: Duration.minutes(2) });
  const orderFn = new lambda.Function(s, 'OrderHandler', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, vpc,
    environment: { ORDERS: orders.tableName, QUEUE: fulfil.queueUrl, FORMULARY_SECRET: formulary.secret.secretArn, SEARCH: search.domainEndpoint },
  });
  orders.grantReadWriteData(orderFn);
  fulfil.grantSendMessages(orderFn);
  formulary.secret.grantRead(orderFn);
  formulary.connections.allowDefaultPortFrom(orderFn);
  search.grantReadWrite(orderFn);
  const apiLogs = new logs.LogGroup(s, 'OrdersRequestLogs', { logGroupName: '/pike/portal/orders-request-logs', retention: logs.RetentionDays.ONE_MONTH });
  const portalCert = new acm.Certificate(s, 'PortalApiCert', { domainName: 'orders.pike-pharma.example.com', validation: acm.CertificateValidation.fromDns() });
  const rest = new apigw.LambdaRestApi(s, 'OrdersApi', {
    handler: orderFn, proxy: true, disableExecuteApiEndpoint: true, endpointTypes: [apigw.EndpointType.REGIONAL],
    domainName: { domainName: 'orders.pike-pharma.example.com', certificate: portalCert, securityPolicy: apigw.SecurityPolicy.TLS_1_2 },
    deployOptions: { stageName: 'v1', accessLogDestination: new apigw.LogGroupLogDestination(apiLogs), accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(), tracingEnabled: true },
    defaultMethodOptions: { authorizationType: apigw.AuthorizationType.COGNITO, authorizer: new apigw.CognitoUserPoolsAuthorizer(s, 'PharmacistAuth', { cognitoUserPools: [pharmacists] }) },
  });
  const fulfilFn = new lambda.Function(s, 'FulfilmentWorker', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, environment: { ORDERS: orders.tableName, WMS_URL: 'https://wms.pike-pharma.example.com/api' } });
  fulfilFn.addEventSource(new eventsources.SqsEventSource(fulfil, { batchSize: 5 }));
  orders.grantReadWriteData(fulfilFn);
  // Access: an SSM bastion, and a Windows label-printing gateway the hospitals' printers reach over RDP.
  const bastion = new ec2.BastionHostLinux(s, 'PortalBastion', { vpc, blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(10, { encrypted: true }) }] });
  formulary.connections.allowDefaultPortFrom(bastion);
  const printSg = new ec2.SecurityGroup(s, 'LabelGatewaySg', { vpc, description: 'label printing gateway' });
  printSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(3389), 'vendor support RDP');
  printSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(9100), 'raw print jobs from hospitals');
  new ec2.Instance(s, 'LabelGateway', {
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, securityGroup: printSg, instanceType: new ec2.InstanceType('t3.medium'),
    machineImage: ec2.MachineImage.latestWindows(ec2.WindowsVersion.WINDOWS_SERVER_2022_ENGLISH_FULL_BASE),
    blockDevices: [{ deviceName: '/dev/sda1', volume: ec2.BlockDeviceVolume.ebs(60, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3 }) }],
  });
  new CfnOutput(s, 'PortalClientId', { value: webClient.userPoolClientId });
  new CfnOutput(s, 'OrdersApiUrl', { value: rest.url });
}
// (end of Pike apps)

// Tern held-out apps (session 14, sealed): stacks named Tern*, routed to templates/vault6cdk/, labelled in labels.vault6cdk.yaml
// An outpatient clinic's appointment system: clinicians sign in to a Cognito pool with MFA, patients to their own pool;
// a staff REST API and a patient HTTP API over Lambda, appointments and patients tables under a PHI key, intake uploads,
// referral exports, reminders through SQS, an intake state machine, a booking SPA on CloudFront, an auditors' role.
const ternClinic = new Stack(app, 'TernClinic', { env, description: 'Tern outpatient appointment booking' });
{
  const s = ternClinic;
  Tags.of(s).add('tern:service', 'clinic-booking');
  const phiKey = new kms.Key(s, 'PhiKey', { enableKeyRotation: true, alias: 'alias/tern-clinic-phi', description: 'patient data at rest', removalPolicy: RemovalPolicy.RETAIN });

  const accessLogs = new s3.Bucket(s, 'ClinicAccessLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, lifecycleRules: [{ expiration: Duration.days(400) }] });
  const documents = new s3.Bucket(s, 'PatientDocuments', {
    encryption: s3.BucketEncryption.KMS, encryptionKey: phiKey, bucketKeyEnabled: true, enforceSSL: true, versioned: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'documents/', removalPolicy: RemovalPolicy.RETAIN,
  });
  // browser uploads of insurance cards land here first; the team forgot the TLS-only policy and the access logs
  const intake = new s3.Bucket(s, 'IntakeUploads', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    cors: [{ allowedMethods: [s3.HttpMethods.PUT], allowedOrigins: ['https://book.tern-clinic.example.eu'], allowedHeaders: ['*'], maxAge: 600 }],
    lifecycleRules: [{ expiration: Duration.days(7) }], removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: false,
  });
  const referrals = new s3.Bucket(s, 'ReferralExports', {
    encryption: s3.BucketEncryption.KMS, encryptionKey: phiKey, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'referrals/',
    lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(30) }], expiration: Duration.days(365) }],
  });
  Tags.of(referrals).add('DataSet', 'exported-reports');

  const appointments = new dynamodb.TableV2(s, 'Appointments', {
    partitionKey: { name: 'clinicId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'slotStart', type: dynamodb.AttributeType.STRING },
    encryption: dynamodb.TableEncryptionV2.customerManagedKey(phiKey),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 },
    globalSecondaryIndexes: [{ indexName: 'byPatient', partitionKey: { name: 'patientId', type: dynamodb.AttributeType.STRING } }],
    deletionProtection: true, removalPolicy: RemovalPolicy.RETAIN,
  });
  const patients = new dynamodb.Table(s, 'Patients', { partitionKey: { name: 'patientId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, encryption: dynamodb.TableEncryption.AWS_MANAGED });

  const clinicians = new cognito.UserPool(s, 'ClinicianPool', {
    userPoolName: 'tern-clinicians', selfSignUpEnabled: false, signInAliases: { email: true }, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false },
    passwordPolicy: { minLength: 14, requireSymbols: true }, accountRecovery: cognito.AccountRecovery.EMAIL_ONLY, removalPolicy: RemovalPolicy.RETAIN,
  });
  clinicians.addClient('StaffConsole', { authFlows: { userSrp: true }, accessTokenValidity: Duration.minutes(30) });
  const patientPool = new cognito.UserPool(s, 'PatientPool', {
    userPoolName: 'tern-patients', selfSignUpEnabled: true, signInAliases: { email: true }, autoVerify: { email: true },
    standardAttributes: { givenName: { required: true, mutable: true }, familyName: { required: true, mutable: true } },
  });
  const bookingClient = patientPool.addClient('BookingWeb', { authFlows: { userSrp: true }, generateSecret: false });

  const bookingFn = new lambda.Function(s, 'BookingHandler', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, tracing: lambda.Tracing.ACTIVE, environment: { APPOINTMENTS_TABLE: appointments.tableName, PATIENTS_TABLE: patients.tableName } });
  appointments.grantReadWriteData(bookingFn);
  patients.grantReadData(bookingFn);
  const slotsFn = new lambda.Function(s, 'OpenSlots', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, environment: { APPOINTMENTS_TABLE: appointments.tableName } });
  appointments.grantReadData(slotsFn);
  const docsFn = new lambda.Function(s, 'DocumentLinks', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, environment: { DOCS_BUCKET: documents.bucketName, INTAKE_BUCKET: intake.bucketName } });
  documents.grantRead(docsFn);
  intake.grantPut(docsFn);

  const staffApiLogs = new logs.LogGroup(s, 'StaffApiRequestLogs', { logGroupName: '/tern/clinic/staff-api-request-logs', retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
  const staffApi = new apigw.RestApi(s, 'StaffApi', {
    restApiName: 'tern-clinic-staff', endpointTypes: [apigw.EndpointType.REGIONAL],
    deployOptions: { stageName: 'v1', accessLogDestination: new apigw.LogGroupLogDestination(staffApiLogs), accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(), tracingEnabled: true, loggingLevel: apigw.MethodLoggingLevel.ERROR },
    defaultMethodOptions: { authorizationType: apigw.AuthorizationType.COGNITO, authorizer: new apigw.CognitoUserPoolsAuthorizer(s, 'StaffAuthorizer', { cognitoUserPools: [clinicians] }) },
  });
  const appts = staffApi.root.addResource('appointments');
  appts.addMethod('GET', new apigw.LambdaIntegration(bookingFn));
  appts.addMethod('POST', new apigw.LambdaIntegration(bookingFn));
  staffApi.root.addResource('documents').addResource('{patientId}').addMethod('GET', new apigw.LambdaIntegration(docsFn));

  const patientApi = new apigwv2.HttpApi(s, 'PatientApi', {
    apiName: 'tern-clinic-patients',
    corsPreflight: { allowOrigins: ['https://book.tern-clinic.example.eu'], allowMethods: [apigwv2.CorsHttpMethod.GET, apigwv2.CorsHttpMethod.POST], allowHeaders: ['authorization', 'content-type'] },
  });
  const patientJwt = new HttpJwtAuthorizer('PatientJwt', `https://cognito-idp.${s.region}.amazonaws.com/${patientPool.userPoolId}`, { jwtAudience: [bookingClient.userPoolClientId] });
  patientApi.addRoutes({ path: '/slots', methods: [apigwv2.HttpMethod.GET], integration: new HttpLambdaIntegration('SlotsIntegration', slotsFn), authorizer: patientJwt });
  patientApi.addRoutes({ path: '/bookings', methods: [apigwv2.HttpMethod.POST], integration: new HttpLambdaIntegration('BookingsIntegration', bookingFn), authorizer: patientJwt });
  patientApi.addRoutes({ path: '/uploads', methods: [apigwv2.HttpMethod.POST], integration: new HttpLambdaIntegration('UploadsIntegration', docsFn), authorizer: patientJwt });

  // reminders: a nightly sweep queues tomorrow's appointments, a sender texts patients through the SMS provider
  const reminderDlq = new sqs.Queue(s, 'ReminderDlq', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: phiKey, enforceSSL: true, retentionPeriod: Duration.days(14) });
  const reminders = new sqs.Queue(s, 'ReminderQueue', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: phiKey, enforceSSL: true, visibilityTimeout: Duration.minutes(2), deadLetterQueue: { queue: reminderDlq, maxReceiveCount: 5 } });
  const sweepFn = new lambda.Function(s, 'ReminderSweep', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, timeout: Duration.minutes(5), environment: { APPOINTMENTS_TABLE: appointments.tableName, QUEUE_URL: reminders.queueUrl } });
  appointments.grantReadData(sweepFn);
  reminders.grantSendMessages(sweepFn);
  new events.Rule(s, 'NightlyReminderSweep', { schedule: events.Schedule.cron({ minute: '0', hour: '17' }), targets: [new targets.LambdaFunction(sweepFn)] });
  const senderFn = new lambda.Function(s, 'ReminderSender', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, timeout: Duration.seconds(60),
    environment: { SMS_ACCOUNT_SID: 'AC6e2b91d04f7a3c58e1d2b0a9f4c7e31b', SMS_AUTH_TOKEN: '8c3fa1d27e9b4056b1e2d3c4a5f60718', SMS_FROM: '+35319020000' },
  });
  senderFn.addEventSource(new eventsources.SqsEventSource(reminders, { batchSize: 10 }));

  const opsAlerts = new sns.Topic(s, 'ClinicOpsAlerts', { masterKey: phiKey, enforceSSL: true, displayName: 'Tern clinic operations' });
  opsAlerts.addSubscription(new subs.EmailSubscription('clinic-oncall@tern-clinic.example.eu'));
  new cloudwatch.Alarm(s, 'ReminderDlqNotEmpty', { metric: reminderDlq.metricApproximateNumberOfMessagesVisible(), threshold: 1, evaluationPeriods: 1 }).addAlarmAction(new cwactions.SnsAction(opsAlerts));

  // intake: verify insurance with the EHR partner, then record the patient
  const ehrSecret = new secretsmanager.Secret(s, 'EhrClientCredentials', { description: 'FHIR client credentials for the EHR partner', encryptionKey: phiKey, generateSecretString: { secretStringTemplate: JSON.stringify({ clientId: 'tern-clinic-booking' }), generateStringKey: 'clientSecret', excludePunctuation: true } });
  const insuranceFn = new lambda.Function(s, 'InsuranceCheck', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code, environment: { EHR_SECRET_ARN: ehrSecret.secretArn } });
  ehrSecret.grantRead(insuranceFn);
  const checkInsurance = new tasks.LambdaInvoke(s, 'CheckInsurance', { lambdaFunction: insuranceFn, outputPath: '$.Payload' });
  const recordPatient = new tasks.DynamoPutItem(s, 'RecordPatient', { table: patients, item: { patientId: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.patientId')), insurer: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.insurer')) } });
  const intakeLogs = new logs.LogGroup(s, 'IntakeFlowLogs', { retention: logs.RetentionDays.SIX_MONTHS });
  const intakeFlow = new sfn.StateMachine(s, 'IntakeFlow', { definitionBody: sfn.DefinitionBody.fromChainable(checkInsurance.next(recordPatient)), logs: { destination: intakeLogs, level: sfn.LogLevel.ALL, includeExecutionData: false }, tracingEnabled: true, timeout: Duration.minutes(10) });
  intakeFlow.grantStartExecution(bookingFn);

  // the booking SPA
  const spa = new s3.Bucket(s, 'BookingSpa', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'spa/' });
  const cdnLogs = new s3.Bucket(s, 'BookingCdnLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.OBJECT_WRITER, lifecycleRules: [{ expiration: Duration.days(90) }] });
  new cloudfront.Distribution(s, 'BookingCdn', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(spa), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS, cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED },
    defaultRootObject: 'index.html', domainNames: ['book.tern-clinic.example.eu'],
    certificate: acm.Certificate.fromCertificateArn(s, 'BookingCert', 'arn:aws:acm:us-east-1:111122223333:certificate/4d1f7a2c-9b3e-4c8d-a6f5-2e7b0c9d1a84'),
    minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021, enableLogging: true, logBucket: cdnLogs, logFilePrefix: 'booking/',
    errorResponses: [{ httpStatus: 404, responseHttpStatus: 200, responsePagePath: '/index.html' }],
  });

  // nightly copies of the documents bucket and the appointments table, kept 35 days in a vault under the PHI key
  const clinicVault = new backup.BackupVault(s, 'ClinicVault', { backupVaultName: 'tern-clinic', encryptionKey: phiKey, removalPolicy: RemovalPolicy.RETAIN });
  const clinicPlan = backup.BackupPlan.daily35DayRetention(s, 'ClinicBackups', clinicVault);
  clinicPlan.addSelection('PhiStores', { resources: [backup.BackupResource.fromArn(documents.bucketArn), backup.BackupResource.fromDynamoDbTable(appointments)] });

  new iam.Role(s, 'ComplianceAuditors', { roleName: 'tern-clinic-compliance-auditors', assumedBy: new iam.AccountRootPrincipal(), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')], maxSessionDuration: Duration.hours(4) });

  // escape hatch: the intake bucket's ownership controls were set by hand when the ACL warning appeared
  intake.node.defaultChild.addPropertyOverride('OwnershipControls', { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
  new CfnOutput(s, 'PatientApiUrl', { value: patientApi.apiEndpoint });
  new CfnOutput(s, 'StaffApiUrl', { value: staffApi.url });
}

// The security tooling account: an organisation-wide trail, Config with managed rules, GuardDuty and Security Hub,
// high-severity findings to a KMS topic (email and a legacy pager bridge), Security Hub findings forwarded to the central
// security team's bus, an EC2 quarantine function, findings exports, the central auditors' and break-glass roles.
const ternSecurity = new Stack(app, 'TernSecurityTooling', { env, description: 'Tern security tooling (audit account)' });
const ternOpsTopic = new sns.Topic(ternSecurity, 'PlatformOpsAlerts', { topicName: 'tern-platform-ops' });
{
  const s = ternSecurity;
  const secLogs = new s3.Bucket(s, 'SecurityAccessLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, lifecycleRules: [{ expiration: Duration.days(365) }], removalPolicy: RemovalPolicy.RETAIN });
  new cloudtrail.Trail(s, 'OrgAuditTrail', { trailName: 'tern-audit', isMultiRegionTrail: true, includeGlobalServiceEvents: true, sendToCloudWatchLogs: true, cloudWatchLogsRetention: logs.RetentionDays.ONE_YEAR });

  const configBucket = new s3.Bucket(s, 'ConfigHistory', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: secLogs, serverAccessLogsPrefix: 'config/', lifecycleRules: [{ expiration: Duration.days(2555) }], removalPolicy: RemovalPolicy.RETAIN });
  const configRole = new iam.Role(s, 'ConfigRecorderRole', { assumedBy: new iam.ServicePrincipal('config.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole')] });
  configBucket.grantPut(configRole);
  configBucket.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.ServicePrincipal('config.amazonaws.com')], actions: ['s3:GetBucketAcl', 's3:ListBucket'], resources: [configBucket.bucketArn], conditions: { StringEquals: { 'AWS:SourceAccount': s.account } } }));
  configBucket.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.ServicePrincipal('config.amazonaws.com')], actions: ['s3:PutObject'], resources: [configBucket.arnForObjects(`AWSLogs/${s.account}/Config/*`)], conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'AWS:SourceAccount': s.account } } }));
  const recorder = new config.CfnConfigurationRecorder(s, 'Recorder', { name: 'default', roleArn: configRole.roleArn, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } });
  const channel = new config.CfnDeliveryChannel(s, 'DeliveryChannel', { name: 'default', s3BucketName: configBucket.bucketName, configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' } });
  const rules = [
    new config.ManagedRule(s, 'BucketsNotPublic', { identifier: config.ManagedRuleIdentifiers.S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED }),
    new config.ManagedRule(s, 'RootMfa', { identifier: config.ManagedRuleIdentifiers.ROOT_ACCOUNT_MFA_ENABLED, maximumExecutionFrequency: config.MaximumExecutionFrequency.TWENTY_FOUR_HOURS }),
    new config.ManagedRule(s, 'EbsDefaultEncryption', { identifier: config.ManagedRuleIdentifiers.EC2_EBS_ENCRYPTION_BY_DEFAULT, maximumExecutionFrequency: config.MaximumExecutionFrequency.TWENTY_FOUR_HOURS }),
    new config.AccessKeysRotated(s, 'KeysRotated', { maxAge: Duration.days(90) }),
  ];
  for (const r of rules) { r.node.addDependency(recorder); r.node.addDependency(channel); }

  new guardduty.CfnDetector(s, 'ThreatDetector', { enable: true, findingPublishingFrequency: 'FIFTEEN_MINUTES' });
  new securityhub.CfnHub(s, 'FindingsHub', { enableDefaultStandards: true, controlFindingGenerator: 'SECURITY_CONTROL', autoEnableControls: true });

  const findingsKey = new kms.Key(s, 'FindingsKey', { enableKeyRotation: true, alias: 'alias/tern-findings' });
  findingsKey.grantEncryptDecrypt(new iam.ServicePrincipal('events.amazonaws.com'));
  const highFindings = new sns.Topic(s, 'HighSeverityFindings', { topicName: 'tern-high-severity-findings', masterKey: findingsKey });
  highFindings.addSubscription(new subs.EmailSubscription('secops@tern.example.eu'));
  highFindings.addSubscription(new subs.UrlSubscription('http://pager-bridge.tern-ops.example.eu/hooks/aws', { protocol: sns.SubscriptionProtocol.HTTP }));
  new events.Rule(s, 'GuardDutyHighSeverity', { eventPattern: { source: ['aws.guardduty'], detailType: ['GuardDuty Finding'], detail: { severity: events.Match.greaterThanOrEqual(7) } }, targets: [new targets.SnsTopic(highFindings)] });
  new events.Rule(s, 'ConfigNonCompliant', { eventPattern: { source: ['aws.config'], detailType: ['Config Rules Compliance Change'], detail: { newEvaluationResult: { complianceType: ['NON_COMPLIANT'] } } }, targets: [new targets.SnsTopic(ternOpsTopic)] });

  const centralBus = events.EventBus.fromEventBusArn(s, 'CentralSecurityBus', 'arn:aws:events:us-east-1:444455556666:event-bus/tern-central-security');
  new events.Rule(s, 'ForwardHubFindings', { eventPattern: { source: ['aws.securityhub'], detailType: ['Security Hub Findings - Imported'] }, targets: [new targets.EventBus(centralBus)] });

  const quarantine = new lambda.Function(s, 'QuarantineInstance', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code, timeout: Duration.minutes(1), environment: { QUARANTINE_SG_NAME: 'tern-quarantine' } });
  quarantine.addToRolePolicy(new iam.PolicyStatement({ actions: ['ec2:*'], resources: ['*'] }));
  new events.Rule(s, 'QuarantineOnCompromise', { eventPattern: { source: ['aws.guardduty'], detail: { type: events.Match.prefix('UnauthorizedAccess:EC2') } }, targets: [new targets.LambdaFunction(quarantine)] });

  const exportsBucket = new s3.Bucket(s, 'FindingsReports', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.KMS, encryptionKey: findingsKey, serverAccessLogsBucket: secLogs, serverAccessLogsPrefix: 'reports/', lifecycleRules: [{ expiration: Duration.days(60) }] });
  Tags.of(exportsBucket).add('DataSet', 'exported-reports');
  const reportFn = new lambda.Function(s, 'WeeklyFindingsReport', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code, timeout: Duration.minutes(5), environment: { REPORTS_BUCKET: exportsBucket.bucketName } });
  exportsBucket.grantPut(reportFn);
  reportFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['securityhub:GetFindings'], resources: [`arn:aws:securityhub:${s.region}:${s.account}:hub/default`] }));
  new events.Rule(s, 'WeeklyReport', { schedule: events.Schedule.cron({ minute: '0', hour: '6', weekDay: 'MON' }), targets: [new targets.LambdaFunction(reportFn)] });

  // CIS 4.3: alarm on any use of the root user, from the trail's log group
  const trailGroup = s.node.findChild('OrgAuditTrail').node.findChild('LogGroup');
  const rootUse = new logs.MetricFilter(s, 'RootUsageFilter', { logGroup: trailGroup, filterPattern: logs.FilterPattern.literal('{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }'), metricNamespace: 'Tern/Security', metricName: 'RootUsage', metricValue: '1' });
  new cloudwatch.Alarm(s, 'RootUsageAlarm', { metric: rootUse.metric({ statistic: 'Sum', period: Duration.minutes(5) }), threshold: 1, evaluationPeriods: 1, treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING }).addAlarmAction(new cwactions.SnsAction(highFindings));
  const ternAccessAnalyzer = await import('aws-cdk-lib/aws-accessanalyzer');
  new ternAccessAnalyzer.CfnAnalyzer(s, 'AccountAnalyzer', { type: 'ACCOUNT', analyzerName: 'tern-account-analyzer' });
  // the security engineers' console group: read-only across the account, and nothing but MFA set-up until they sign in with MFA
  const engineers = new iam.Group(s, 'SecurityEngineers', { groupName: 'tern-security-engineers', managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')] });
  engineers.addToPolicy(new iam.PolicyStatement({
    sid: 'DenyAllExceptMfaSetupWithoutMfa', effect: iam.Effect.DENY,
    notActions: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:GetUser', 'iam:ListMFADevices', 'iam:ListVirtualMFADevices', 'iam:ResyncMFADevice', 'sts:GetSessionToken'],
    resources: ['*'], conditions: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
  }));

  new iam.Role(s, 'CentralAuditorAccess', { roleName: 'tern-central-auditor', assumedBy: new iam.AccountPrincipal('444455556666'), externalIds: ['tern-secops-7f3a'], managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')] });
  new iam.Role(s, 'BreakGlassAdmin', { roleName: 'tern-break-glass', assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')], maxSessionDuration: Duration.hours(1) });
}

// An internal developer portal (a Backstage-style catalog) on Fargate behind an HTTPS ALB, Aurora Serverless v2,
// a session cache and a search cache, a TechDocs builder on CodeBuild, a legacy Jenkins controller, an SSM bastion,
// a public status page, and the platform team's admin role. Alarms go to the security account's ops topic.
const ternPortal = new Stack(app, 'TernDevPortal', { env, description: 'Tern internal developer portal' });
ternPortal.addDependency(ternSecurity);
{
  const s = ternPortal;
  const vpc = new ec2.Vpc(s, 'PortalVpc', {
    maxAzs: 2, natGateways: 1,
    subnetConfiguration: [
      { name: 'edge', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
      { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
      { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
    ],
  });
  const zone = route53.HostedZone.fromHostedZoneAttributes(s, 'InternalZone', { hostedZoneId: 'Z03TERN4PORTAL7', zoneName: 'tern-internal.example.com' });
  const cert = acm.Certificate.fromCertificateArn(s, 'PortalCert', 'arn:aws:acm:eu-west-1:111122223333:certificate/0b7e3c1a-5d2f-4e9a-8c6b-3f1d2e4a5b6c');
  const images = new ecr.Repository(s, 'PortalImages', { repositoryName: 'tern/dev-portal', imageScanOnPush: true, imageTagMutability: ecr.TagMutability.IMMUTABLE, lifecycleRules: [{ maxImageCount: 30 }], removalPolicy: RemovalPolicy.RETAIN });

  const db = new rds.DatabaseCluster(s, 'CatalogDb', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_6 }),
    writer: rds.ClusterInstance.serverlessV2('writer'), readers: [rds.ClusterInstance.serverlessV2('reader', { scaleWithWriter: true })],
    serverlessV2MinCapacity: 0.5, serverlessV2MaxCapacity: 8, vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    credentials: rds.Credentials.fromGeneratedSecret('portal_admin'), defaultDatabaseName: 'backstage', storageEncrypted: true,
    backup: { retention: Duration.days(35), preferredWindow: '01:30-02:30' }, cloudwatchLogsExports: ['postgresql'], deletionProtection: true, removalPolicy: RemovalPolicy.SNAPSHOT,
  });

  const containerLogs = new logs.LogGroup(s, 'PortalRequestLogs', { logGroupName: '/tern/dev-portal/portal-request-logs', retention: logs.RetentionDays.TWO_WEEKS, removalPolicy: RemovalPolicy.DESTROY });
  const githubApp = secretsmanager.Secret.fromSecretNameV2(s, 'GithubAppKey', 'tern/dev-portal/github-app');
  const portal = new ecsPatterns.ApplicationLoadBalancedFargateService(s, 'Portal', {
    vpc, cpu: 1024, memoryLimitMiB: 2048, desiredCount: 2, publicLoadBalancer: true,
    protocol: elbv2.ApplicationProtocol.HTTPS, redirectHTTP: true, certificate: cert, sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
    domainName: 'portal.tern-internal.example.com', domainZone: zone,
    taskImageOptions: {
      image: ecs.ContainerImage.fromEcrRepository(images, '1.32.4'), containerPort: 7007,
      logDriver: ecs.LogDrivers.awsLogs({ streamPrefix: 'portal', logGroup: containerLogs }),
      environment: { POSTGRES_HOST: db.clusterEndpoint.hostname, POSTGRES_PORT: '5432', PGSSLMODE: 'verify-full' },
      secrets: { POSTGRES_PASSWORD: ecs.Secret.fromSecretsManager(db.secret, 'password'), GITHUB_APP_PRIVATE_KEY: ecs.Secret.fromSecretsManager(githubApp, 'privateKey') },
    },
    circuitBreaker: { rollback: true },
  });
  portal.targetGroup.configureHealthCheck({ path: '/healthcheck' });
  db.connections.allowDefaultPortFrom(portal.service, 'portal tasks');
  const albLogs = new s3.Bucket(s, 'PortalAlbLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.S3_MANAGED, lifecycleRules: [{ expiration: Duration.days(30) }] });
  portal.loadBalancer.logAccessLogs(albLogs, 'portal');

  const cacheSubnets = new elasticache.CfnSubnetGroup(s, 'PortalCacheSubnets', { description: 'portal caches', subnetIds: vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds });
  const cacheSg = new ec2.SecurityGroup(s, 'PortalCacheSg', { vpc, description: 'caches reachable from the portal tasks', allowAllOutbound: false });
  cacheSg.connections.allowFrom(portal.service, ec2.Port.tcp(6379), 'sessions');
  cacheSg.connections.allowFrom(portal.service, ec2.Port.tcp(11211), 'search index');
  new elasticache.CfnReplicationGroup(s, 'SessionCache', {
    replicationGroupDescription: 'portal sessions', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailoverEnabled: true,
    atRestEncryptionEnabled: true, transitEncryptionEnabled: true, cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId],
  });
  new elasticache.CfnCacheCluster(s, 'SearchIndexCache', { engine: 'memcached', engineVersion: '1.6.22', cacheNodeType: 'cache.t4g.micro', numCacheNodes: 2, azMode: 'cross-az', cacheSubnetGroupName: cacheSubnets.ref, vpcSecurityGroupIds: [cacheSg.securityGroupId] });

  // TechDocs: built from the catalog repo on every push to main, published to a private bucket the portal reads
  const techdocs = new s3.Bucket(s, 'TechDocsSite', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.S3_MANAGED, versioned: true });
  techdocs.grantRead(portal.taskDefinition.taskRole);
  const builder = new codebuild.Project(s, 'TechDocsBuilder', {
    source: codebuild.Source.gitHub({ owner: 'tern-eng', repo: 'service-catalog', webhook: true, webhookFilters: [codebuild.FilterGroup.inEventOf(codebuild.EventAction.PUSH).andBranchIs('main')] }),
    environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0, computeType: codebuild.ComputeType.SMALL },
    environmentVariables: { DOCS_BUCKET: { value: techdocs.bucketName }, GITHUB_TOKEN: { value: 'ghp_R7vK2mQ9xLw4TzN8bC1fH6jD3sY0pA5eGu2o', type: codebuild.BuildEnvironmentVariableType.PLAINTEXT } },
    buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', phases: { install: { commands: ['npm i -g @techdocs/cli'] }, build: { commands: ['techdocs-cli generate --no-docker', 'techdocs-cli publish --publisher-type awsS3 --storage-name $DOCS_BUCKET --entity default/component/catalog'] } } }),
  });
  techdocs.grantReadWrite(builder);

  // the old Jenkins controller the portal still links to; the build team SSHes in from home
  const jenkinsSg = new ec2.SecurityGroup(s, 'JenkinsSg', { vpc, description: 'legacy jenkins controller' });
  jenkinsSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh for the build team');
  jenkinsSg.addIngressRule(ec2.Peer.ipv4('10.60.0.0/16'), ec2.Port.tcp(8080), 'ui from the office network');
  new ec2.Instance(s, 'JenkinsController', {
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MEDIUM),
    machineImage: ec2.MachineImage.latestAmazonLinux2023(), securityGroup: jenkinsSg, keyPair: ec2.KeyPair.fromKeyPairName(s, 'BuildTeamKey', 'tern-build-team'),
    blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(60, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3 }) }],
  });
  new ec2.BastionHostLinux(s, 'OpsBastion', { vpc, blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(10, { encrypted: true }) }] });

  // the status page is a public S3 website
  new s3.Bucket(s, 'PortalStatusPage', {
    websiteIndexDocument: 'index.html', publicReadAccess: true,
    blockPublicAccess: new s3.BlockPublicAccess({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false }),
  });

  new cloudwatch.Alarm(s, 'Portal5xx', { metric: portal.loadBalancer.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period: Duration.minutes(5) }), threshold: 10, evaluationPeriods: 2 }).addAlarmAction(new cwactions.SnsAction(ternOpsTopic));
  new iam.Role(s, 'PlatformAdmins', { roleName: 'tern-platform-admins', assumedBy: new iam.AccountRootPrincipal(), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')] });
}

// Fleet telemetry for refrigerated trailers, run from the US fleet's region: IoT rules into Kinesis and a state table,
// an archiving Firehose, crash-dump uploads, a decoder in a VPC writing to a latest-readings cache, a firmware catalog
// and CDN, a manifest URL for gateways, Glue and Athena for the analysts. An Aspect caps log groups at a year.
const ternUs = { account: '111122223333', region: 'us-east-1' };
class TernLogRetentionDefault {
  visit(node) {
    // fleet policy: nothing in CloudWatch Logs for longer than a year
    if (node instanceof logs.CfnLogGroup && (node.retentionInDays === undefined || node.retentionInDays > 365)) node.retentionInDays = 365;
  }
}
const ternTelemetry = new Stack(app, 'TernFleetTelemetry', { env: ternUs, description: 'Tern trailer telemetry (US fleet)' });
Aspects.of(ternTelemetry).add(new TernLogRetentionDefault());
{
  const s = ternTelemetry;
  const key = new kms.Key(s, 'TelemetryKey', { enableKeyRotation: true, alias: 'alias/tern-telemetry' });
  const vpc = new ec2.Vpc(s, 'TelemetryVpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }], flowLogs: { rejected: { trafficType: ec2.FlowLogTrafficType.REJECT } } });
  vpc.addGatewayEndpoint('S3Endpoint', { service: ec2.GatewayVpcEndpointAwsService.S3 });
  vpc.addGatewayEndpoint('DynamoEndpoint', { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB });

  const serverLogs = new s3.Bucket(s, 'TelemetryServerLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, lifecycleRules: [{ expiration: Duration.days(90) }] });
  const raw = new s3.Bucket(s, 'TrailerReadingsArchive', {
    encryption: s3.BucketEncryption.KMS, encryptionKey: key, bucketKeyEnabled: true, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    serverAccessLogsBucket: serverLogs, serverAccessLogsPrefix: 'archive/', lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(90) }] }],
  });
  const readings = new kinesis.Stream(s, 'TrailerReadings', { shardCount: 2, retentionPeriod: Duration.hours(48) });
  const state = new dynamodb.TableV2(s, 'TrailerState', { partitionKey: { name: 'trailerId', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, timeToLiveAttribute: 'expiresAt' });
  const firmwareCatalog = new dynamodb.Table(s, 'FirmwareCatalog', { partitionKey: { name: 'model', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'version', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });

  const ruleRole = new iam.Role(s, 'TopicRuleRole', { assumedBy: new iam.ServicePrincipal('iot.amazonaws.com') });
  readings.grantWrite(ruleRole);
  state.grantWriteData(ruleRole);
  const ruleErrors = new logs.LogGroup(s, 'TopicRuleErrors', { removalPolicy: RemovalPolicy.DESTROY });
  ruleErrors.grantWrite(ruleRole);
  new iot.CfnTopicRule(s, 'ReadingsRule', {
    topicRulePayload: {
      sql: "SELECT *, topic(3) AS trailerId, timestamp() AS receivedAt FROM 'tern/trailers/+/readings'", awsIotSqlVersion: '2016-03-23', ruleDisabled: false,
      actions: [{ kinesis: { streamName: readings.streamName, partitionKey: '${topic(3)}', roleArn: ruleRole.roleArn } }],
      errorAction: { cloudwatchLogs: { logGroupName: ruleErrors.logGroupName, roleArn: ruleRole.roleArn } },
    },
  });
  new iot.CfnTopicRule(s, 'ShadowStateRule', {
    topicRulePayload: {
      sql: "SELECT state.reported.*, topic(3) AS trailerId FROM '$aws/things/+/shadow/update/accepted'", awsIotSqlVersion: '2016-03-23', ruleDisabled: false,
      actions: [{ dynamoDBv2: { putItem: { tableName: state.tableName }, roleArn: ruleRole.roleArn } }],
    },
  });
  new iot.CfnPolicy(s, 'GatewayPolicy', {
    policyName: 'tern-trailer-gateway',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'iot:Connect', Resource: `arn:aws:iot:${s.region}:${s.account}:client/\${iot:Connection.Thing.ThingName}` },
        { Effect: 'Allow', Action: 'iot:Publish', Resource: `arn:aws:iot:${s.region}:${s.account}:topic/tern/trailers/\${iot:Connection.Thing.ThingName}/*` },
        { Effect: 'Allow', Action: ['iot:Subscribe'], Resource: `arn:aws:iot:${s.region}:${s.account}:topicfilter/tern/trailers/\${iot:Connection.Thing.ThingName}/commands` },
      ],
    },
  });

  const hoseRole = new iam.Role(s, 'ArchiveDeliveryRole', { assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com') });
  readings.grantRead(hoseRole);
  raw.grantReadWrite(hoseRole);
  new firehose.CfnDeliveryStream(s, 'ReadingsArchiver', {
    deliveryStreamType: 'KinesisStreamAsSource', kinesisStreamSourceConfiguration: { kinesisStreamArn: readings.streamArn, roleArn: hoseRole.roleArn },
    extendedS3DestinationConfiguration: {
      bucketArn: raw.bucketArn, roleArn: hoseRole.roleArn, prefix: 'readings/!{timestamp:yyyy/MM/dd}/', errorOutputPrefix: 'errors/!{firehose:error-output-type}/',
      compressionFormat: 'GZIP', bufferingHints: { intervalInSeconds: 300, sizeInMBs: 64 }, encryptionConfiguration: { kmsEncryptionConfig: { awskmsKeyArn: key.keyArn } },
    },
  });
  new firehose.CfnDeliveryStream(s, 'CrashDumpUploads', { deliveryStreamType: 'DirectPut', extendedS3DestinationConfiguration: { bucketArn: raw.bucketArn, roleArn: hoseRole.roleArn, prefix: 'crash-dumps/', bufferingHints: { intervalInSeconds: 60, sizeInMBs: 16 } } });

  // decoder: reads the stream, keeps the latest reading per trailer in Redis, queues temperature excursions
  const cacheSg = new ec2.SecurityGroup(s, 'LatestReadingsSg', { vpc, description: 'latest readings cache', allowAllOutbound: false });
  const decoderSg = new ec2.SecurityGroup(s, 'DecoderSg', { vpc, description: 'decoder functions' });
  cacheSg.addIngressRule(decoderSg, ec2.Port.tcp(6379), 'decoder');
  const cacheSubnets = new elasticache.CfnSubnetGroup(s, 'LatestReadingsSubnets', { description: 'telemetry cache', subnetIds: vpc.isolatedSubnets.map((x) => x.subnetId) });
  const hotCache = new elasticache.CfnReplicationGroup(s, 'LatestReadingsCache', {
    replicationGroupDescription: 'latest reading per trailer', engine: 'valkey', engineVersion: '7.2', cacheNodeType: 'cache.r7g.large', numCacheClusters: 2, automaticFailoverEnabled: true,
    atRestEncryptionEnabled: true, transitEncryptionEnabled: true, kmsKeyId: key.keyId, snapshotRetentionLimit: 5, snapshotWindow: '04:00-05:00',
    cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId],
  });
  const excursions = new sqs.Queue(s, 'ExcursionQueue', { encryption: sqs.QueueEncryption.UNENCRYPTED, retentionPeriod: Duration.days(4) });
  const tempAlerts = new sns.Topic(s, 'TemperatureAlerts', { displayName: 'Trailer temperature excursions' });
  tempAlerts.addSubscription(new subs.SqsSubscription(excursions));
  tempAlerts.addSubscription(new subs.EmailSubscription('fleet-dispatch@tern-fleet.example.com'));
  const decoder = new lambda.Function(s, 'ReadingsDecoder', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, securityGroups: [decoderSg],
    environment: { CACHE_HOST: hotCache.attrPrimaryEndPointAddress, ALERT_TOPIC: tempAlerts.topicArn }, timeout: Duration.seconds(30),
  });
  decoder.addEventSource(new eventsources.KinesisEventSource(readings, { startingPosition: lambda.StartingPosition.LATEST, batchSize: 200, bisectBatchOnError: true, retryAttempts: 3 }));
  tempAlerts.grantPublish(decoder);

  // gateway ingest for gateways that cannot speak MQTT: its log group holds the request log
  const gatewayLogs = new logs.LogGroup(s, 'GatewayRequestLogs', { logGroupName: '/tern/telemetry/gateway-request-logs', retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
  const ingest = new lambda.Function(s, 'GatewayHttpIngest', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, logGroup: gatewayLogs, environment: { STREAM: readings.streamName } });
  readings.grantWrite(ingest);
  const ingestApi = new apigwv2.HttpApi(s, 'GatewayIngestApi', { apiName: 'tern-gateway-ingest', createDefaultStage: false });
  ingestApi.addRoutes({ path: '/v1/readings', methods: [apigwv2.HttpMethod.POST], integration: new HttpLambdaIntegration('IngestIntegration', ingest), authorizer: new apigwv2.HttpNoneAuthorizer() });
  const ingestStage = new apigwv2.HttpStage(s, 'IngestStage', { httpApi: ingestApi, stageName: 'prod', autoDeploy: true, throttle: { rateLimit: 200, burstLimit: 400 } });
  ingestStage.node.defaultChild.addPropertyOverride('AccessLogSettings', { DestinationArn: gatewayLogs.logGroupArn, Format: '$context.requestId $context.identity.sourceIp $context.routeKey $context.status' });

  // firmware: a catalog table, a bucket behind a CDN on defaults, and a manifest URL the gateways poll
  const firmware = new s3.Bucket(s, 'FirmwareImages', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, versioned: true, serverAccessLogsBucket: serverLogs, serverAccessLogsPrefix: 'firmware/' });
  new cloudfront.Distribution(s, 'FirmwareCdn', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(firmware) }, comment: 'OTA firmware for trailer gateways' });
  const manifestFn = new lambda.Function(s, 'FirmwareManifest', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, environment: { CATALOG_TABLE: firmwareCatalog.tableName } });
  firmwareCatalog.grantReadData(manifestFn);
  manifestFn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });

  // analysts: Glue catalog and crawler over the archive, an Athena workgroup
  new glue.CfnDatabase(s, 'TelemetryCatalog', { catalogId: s.account, databaseInput: { name: 'tern_trailer_telemetry', description: 'decoded trailer readings' } });
  const crawlerRole = new iam.Role(s, 'ReadingsCrawlerRole', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com') });
  raw.grantRead(crawlerRole, 'readings/*');
  crawlerRole.addToPolicy(new iam.PolicyStatement({
    actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:CreateTable', 'glue:UpdateTable', 'glue:GetPartitions', 'glue:BatchCreatePartition', 'glue:BatchGetPartition'],
    resources: [`arn:aws:glue:${s.region}:${s.account}:catalog`, `arn:aws:glue:${s.region}:${s.account}:database/tern_trailer_telemetry`, `arn:aws:glue:${s.region}:${s.account}:table/tern_trailer_telemetry/*`],
  }));
  crawlerRole.addToPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`arn:aws:logs:${s.region}:${s.account}:log-group:/aws-glue/crawlers:*`] }));
  new glue.CfnCrawler(s, 'ReadingsCrawler', { name: 'tern-readings', role: crawlerRole.roleArn, databaseName: 'tern_trailer_telemetry', targets: { s3Targets: [{ path: `s3://${raw.bucketName}/readings/` }] }, schedule: { scheduleExpression: 'cron(15 2 * * ? *)' } });
  const results = new s3.Bucket(s, 'AnalystQueryResults', { encryption: s3.BucketEncryption.KMS, encryptionKey: key, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: serverLogs, serverAccessLogsPrefix: 'athena/', lifecycleRules: [{ expiration: Duration.days(30) }] });
  new athena.CfnWorkGroup(s, 'FleetAnalysts', {
    name: 'tern-fleet-analysts', state: 'ENABLED',
    workGroupConfiguration: { enforceWorkGroupConfiguration: true, publishCloudWatchMetricsEnabled: true, resultConfiguration: { outputLocation: `s3://${results.bucketName}/`, encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: key.keyArn } } },
  });
  new ssm.StringParameter(s, 'DecoderSchemaVersion', { parameterName: '/tern/telemetry/decoder-schema', stringValue: 'v7' });
}
// (end of Tern apps)

// Wren held-out apps (session 14, scout): stacks named Wren*, routed to templates/scout14cdk/, labelled in labels.scout14cdk.yaml
// Wren apps: one animation studio's platform. WrenChat (the artists' chat app), WrenPress (the studio's WordPress site
// on EC2) and WrenRender (the batch render farm, which publishes stills into WrenPress's media bucket).
const wrenSchemaPath = join(tmpdir(), 'vouch-corpus-wren-chat.graphql');
writeFileSync(wrenSchemaPath, [
  'type Message { channelId: ID! sentAt: AWSTimestamp! author: String body: String attachmentKey: String }',
  'type Channel { channelId: ID! title: String! private: Boolean }',
  'type Query { channel(channelId: ID!): Channel messages(channelId: ID!, limit: Int): [Message] }',
  'type Mutation { postMessage(channelId: ID!, body: String!, attachmentKey: String): Message createChannel(title: String!): Channel }',
  'type Subscription { onMessage(channelId: ID!): Message @aws_subscribe(mutations: ["postMessage"]) }',
  'schema { query: Query mutation: Mutation subscription: Subscription }',
].join('\n'));
const { Aspects: WrenAspects } = await import('aws-cdk-lib');
// The studio's platform team ships this Aspect in its construct library: every customer managed key rotates.
class WrenKeyRotation {
  visit(node) {
    if (node instanceof kms.CfnKey && node.enableKeyRotation === undefined && (node.keySpec === undefined || node.keySpec === 'SYMMETRIC_DEFAULT')) node.enableKeyRotation = true;
  }
}

// ---- WrenChat: studio chat (AppSync, Cognito, DynamoDB, Lambda resolvers, S3 attachments) ----
const wrenChat = new Stack(app, 'WrenChat', { env, description: 'Wren studio chat' });
{
  const s = wrenChat;
  const chatKey = new kms.Key(s, 'ChatDataKey', { description: 'chat attachments and transcripts', enableKeyRotation: true, alias: 'alias/wren-chat' });
  const members = new cognito.UserPool(s, 'StudioMembers', {
    userPoolName: 'wren-studio-members', selfSignUpEnabled: true, signInAliases: { email: true },
    autoVerify: { email: true }, passwordPolicy: { minLength: 12, requireSymbols: false },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY, removalPolicy: RemovalPolicy.RETAIN,
  });
  const webClient = members.addClient('ChatWebClient', { authFlows: { userSrp: true }, preventUserExistenceErrors: true });
  // escape hatch: the L2 has no prop for the deletion protection flag the team wanted
  members.node.defaultChild.addPropertyOverride('DeletionProtection', 'ACTIVE');

  const channels = new dynamodb.Table(s, 'Channels', { partitionKey: { name: 'channelId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
  const messages = new dynamodb.Table(s, 'ChannelMessages', {
    partitionKey: { name: 'channelId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'sentAt', type: dynamodb.AttributeType.NUMBER },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: chatKey,
    stream: dynamodb.StreamViewType.NEW_IMAGE, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 21 },
  });
  // Presence is global: the studio's Vancouver and Los Angeles artists read their nearest replica.
  const presence = new dynamodb.TableV2(s, 'Presence', {
    partitionKey: { name: 'userId', type: dynamodb.AttributeType.STRING }, timeToLiveAttribute: 'expiresAt',
    replicas: [{ region: 'eu-central-1' }, { region: 'us-west-2' }],
  });

  const attachments = new s3.Bucket(s, 'Attachments', {
    encryption: s3.BucketEncryption.KMS, encryptionKey: chatKey, bucketKeyEnabled: true, enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, versioned: true,
    serverAccessLogsBucket: new s3.Bucket(s, 'AttachmentAccessLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(90) }] }),
    serverAccessLogsPrefix: 'attachments/',
    cors: [{ allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET], allowedOrigins: ['https://chat.wren-studio.example.com'], allowedHeaders: ['*'] }],
    lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
  });
  // Monthly transcript exports for the producers: kept for a year.
  const transcripts = new s3.Bucket(s, 'TranscriptExports', {
    enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    lifecycleRules: [{ expiration: Duration.days(365) }],
  });
  Tags.of(transcripts).add('DataSet', 'exported-reports');

  const api = new appsync.GraphqlApi(s, 'ChatGraph', {
    name: 'wren-chat', definition: appsync.Definition.fromSchema(appsync.SchemaFile.fromAsset(wrenSchemaPath)),
    authorizationConfig: { defaultAuthorization: { authorizationType: appsync.AuthorizationType.USER_POOL, userPoolConfig: { userPool: members } }, additionalAuthorizationModes: [{ authorizationType: appsync.AuthorizationType.IAM }] },
    logConfig: { fieldLogLevel: appsync.FieldLogLevel.ERROR, retention: logs.RetentionDays.ONE_MONTH },
    xrayEnabled: true,
  });
  const channelsDs = api.addDynamoDbDataSource('ChannelsSource', channels);
  channelsDs.createResolver('ChannelQuery', { typeName: 'Query', fieldName: 'channel', requestMappingTemplate: appsync.MappingTemplate.dynamoDbGetItem('channelId', 'channelId'), responseMappingTemplate: appsync.MappingTemplate.dynamoDbResultItem() });
  channelsDs.createResolver('CreateChannel', { typeName: 'Mutation', fieldName: 'createChannel', requestMappingTemplate: appsync.MappingTemplate.dynamoDbPutItem(appsync.PrimaryKey.partition('channelId').auto(), appsync.Values.projecting()), responseMappingTemplate: appsync.MappingTemplate.dynamoDbResultItem() });
  const messagesDs = api.addDynamoDbDataSource('MessagesSource', messages);
  messagesDs.createResolver('MessagesQuery', { typeName: 'Query', fieldName: 'messages', requestMappingTemplate: appsync.MappingTemplate.dynamoDbQuery(appsync.KeyCondition.eq('channelId', 'channelId')), responseMappingTemplate: appsync.MappingTemplate.dynamoDbResultList() });

  const postFn = new lambda.Function(s, 'PostMessageResolver', {
    runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, timeout: Duration.seconds(10),
    environment: { MESSAGES: messages.tableName, ATTACHMENTS: attachments.bucketName },
  });
  messages.grantWriteData(postFn);
  attachments.grantRead(postFn);
  api.addLambdaDataSource('PostMessageSource', postFn).createResolver('PostMessage', { typeName: 'Mutation', fieldName: 'postMessage' });

  const uploadFn = new lambda.Function(s, 'AttachmentUploadUrl', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { BUCKET: attachments.bucketName } });
  attachments.grantPut(uploadFn);
  const uploadApi = new apigwv2.HttpApi(s, 'UploadApi', {
    corsPreflight: { allowOrigins: ['https://chat.wren-studio.example.com'], allowMethods: [apigwv2.CorsHttpMethod.POST] },
    defaultAuthorizer: new HttpJwtAuthorizer('MembersJwt', `https://cognito-idp.eu-west-1.amazonaws.com/${members.userPoolId}`, { jwtAudience: [webClient.userPoolClientId] }),
  });
  uploadApi.addRoutes({ path: '/uploads', methods: [apigwv2.HttpMethod.POST], integration: new HttpLambdaIntegration('UploadIntegration', uploadFn) });
  const uploadRequestLogs = new logs.LogGroup(s, 'UploadRequestLogs', { logGroupName: '/wren/chat/upload-request-logs', retention: logs.RetentionDays.SIX_MONTHS });
  const stage = uploadApi.defaultStage.node.defaultChild;
  stage.accessLogSettings = { destinationArn: uploadRequestLogs.logGroupArn, format: JSON.stringify({ requestId: '$context.requestId', ip: '$context.identity.sourceIp', status: '$context.status', path: '$context.path' }) };

  // Moderation: a FIFO queue per channel order, scanned by Comprehend.
  const modDlq = new sqs.Queue(s, 'ModerationDlq', { fifo: true, retentionPeriod: Duration.days(14) });
  const modQueue = new sqs.Queue(s, 'ModerationQueue', { fifo: true, contentBasedDeduplication: true, visibilityTimeout: Duration.seconds(60), deadLetterQueue: { queue: modDlq, maxReceiveCount: 3 }, encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: chatKey });
  const fanout = new lambda.Function(s, 'MessageFanout', {
    runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code,
    environment: { MODERATION_QUEUE: modQueue.queueUrl, FCM_SERVER_KEY: fakeSecret('AAAA', 'wR3nQ9x:APA91bH', 'k2Lr0sVt8mXc-push-key') },
  });
  fanout.addEventSource(new eventsources.DynamoEventSource(messages, { startingPosition: lambda.StartingPosition.LATEST, batchSize: 50, retryAttempts: 2, bisectBatchOnError: true }));
  modQueue.grantSendMessages(fanout);
  presence.grantReadData(fanout);
  const moderator = new lambda.Function(s, 'Moderator', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromInline('def handler(e, c):\n    return {}'), environment: { MESSAGES: messages.tableName } });
  moderator.addEventSource(new eventsources.SqsEventSource(modQueue, { batchSize: 10 }));
  moderator.addToRolePolicy(new iam.PolicyStatement({ actions: ['comprehend:DetectToxicContent', 'comprehend:DetectDominantLanguage'], resources: ['*'] }));
  messages.grantReadWriteData(moderator);

  // Link previews: the web client calls the function URL directly.
  const unfurl = new lambda.Function(s, 'LinkPreview', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, memorySize: 512 });
  const unfurlUrl = unfurl.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE, cors: { allowedOrigins: ['https://chat.wren-studio.example.com'] } });

  // Transcript export job, monthly.
  const exporter = new lambda.Function(s, 'TranscriptExporter', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, timeout: Duration.minutes(10), environment: { MESSAGES: messages.tableName, OUT: transcripts.bucketName } });
  messages.grantReadData(exporter);
  transcripts.grantPut(exporter);
  new events.Rule(s, 'MonthlyExport', { schedule: events.Schedule.cron({ minute: '0', hour: '3', day: '1' }), targets: [new targets.LambdaFunction(exporter)] });

  const alerts = new sns.Topic(s, 'ModerationAlerts', { masterKey: chatKey });
  alerts.addSubscription(new subs.EmailSubscription('trust-safety@wren-studio.example.com'));
  alerts.grantPublish(moderator);
  modDlq.metricApproximateNumberOfMessagesVisible().createAlarm(s, 'ModerationDlqAlarm', { threshold: 1, evaluationPeriods: 1 }).addAlarmAction(new cwactions.SnsAction(alerts));

  new CfnOutput(s, 'GraphUrl', { value: api.graphqlUrl });
  new CfnOutput(s, 'LinkPreviewUrl', { value: unfurlUrl.url });
  new CfnOutput(s, 'ChatClientId', { value: webClient.userPoolClientId });
}

// ---- WrenPress: the studio's WordPress site (ASG on EC2, EFS, Aurora MySQL, ALB, CloudFront) ----
const wrenPress = new Stack(app, 'WrenPress', { env, description: 'Wren studio WordPress site' });
let wrenMediaBucket;
{
  const s = wrenPress;
  const vpc = new ec2.Vpc(s, 'PressVpc', { maxAzs: 2, natGateways: 1, subnetConfiguration: [
    { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
    { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
    { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
  ] });
  vpc.addFlowLog('PressFlowLog', { trafficType: ec2.FlowLogTrafficType.ALL });

  const db = new rds.DatabaseCluster(s, 'WordpressDb', {
    engine: rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_05_2 }),
    credentials: rds.Credentials.fromGeneratedSecret('wpadmin'), defaultDatabaseName: 'wordpress',
    writer: rds.ClusterInstance.provisioned('Writer', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM) }),
    readers: [rds.ClusterInstance.provisioned('Reader', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM) })],
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, storageEncrypted: true,
    cloudwatchLogsExports: ['error', 'slowquery'], cloudwatchLogsRetention: logs.RetentionDays.ONE_MONTH,
  });

  const content = new efs.FileSystem(s, 'WpContent', {
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, lifecyclePolicy: efs.LifecyclePolicy.AFTER_30_DAYS,
    performanceMode: efs.PerformanceMode.GENERAL_PURPOSE, throughputMode: efs.ThroughputMode.ELASTIC, enableAutomaticBackups: true,
  });

  // Object cache for W3 Total Cache: a small Memcached cluster, as the plugin's docs suggest.
  const cacheSg = new ec2.SecurityGroup(s, 'ObjectCacheSg', { vpc, description: 'memcached for wordpress' });
  const cacheSubnets = new elasticache.CfnSubnetGroup(s, 'ObjectCacheSubnets', { description: 'wp object cache', subnetIds: vpc.isolatedSubnets.map((x) => x.subnetId) });
  new elasticache.CfnCacheCluster(s, 'ObjectCache', { engine: 'memcached', cacheNodeType: 'cache.t4g.small', numCacheNodes: 2, azMode: 'cross-az', cacheSubnetGroupName: cacheSubnets.ref, vpcSecurityGroupIds: [cacheSg.securityGroupId] });

  const webSg = new ec2.SecurityGroup(s, 'WebNodesSg', { vpc, description: 'wordpress web nodes' });
  const smtpPassword = fakeSecret('BEx7', 'wrenPress', 'Smtp2026pw');
  const userData = ec2.UserData.forLinux();
  userData.addCommands(
    'dnf install -y httpd php8.2 php8.2-mysqlnd amazon-efs-utils',
    `mount -t efs -o tls ${content.fileSystemId}:/ /var/www/html/wp-content`,
    `aws secretsmanager get-secret-value --secret-id ${db.secret.secretArn} --query SecretString --output text > /etc/wp-db.json`,
    `echo "define('WPMS_SMTP_PASS', '${smtpPassword}');" >> /etc/wp-smtp.php`,
    'systemctl enable --now httpd',
  );
  const lt = new ec2.LaunchTemplate(s, 'WebNodeTemplate', {
    machineImage: ec2.MachineImage.latestAmazonLinux2023(), instanceType: new ec2.InstanceType('t3.medium'), securityGroup: webSg, userData,
    role: new iam.Role(s, 'WebNodeRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')] }),
    blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(30, { volumeType: ec2.EbsDeviceVolumeType.GP3 }) }],
    requireImdsv2: true,
  });
  const asg = new autoscaling.AutoScalingGroup(s, 'WebNodes', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, launchTemplate: lt, minCapacity: 2, maxCapacity: 6 });
  asg.scaleOnCpuUtilization('CpuScaling', { targetUtilizationPercent: 60 });
  db.secret.grantRead(lt.role);
  content.grantRootAccess(lt.role);
  content.connections.allowDefaultPortFrom(webSg);
  db.connections.allowDefaultPortFrom(webSg);
  cacheSg.addIngressRule(webSg, ec2.Port.tcp(11211), 'object cache from web nodes');

  const albLogs = new s3.Bucket(s, 'AlbRequestLogs', { bucketName: 'wren-press-alb-request-logs', enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(30) }] });
  const alb = new elbv2.ApplicationLoadBalancer(s, 'SiteAlb', { vpc, internetFacing: true, dropInvalidHeaderFields: true });
  alb.logAccessLogs(albLogs, 'site');
  const siteCert = new acm.Certificate(s, 'OriginCert', { domainName: 'origin.wren-studio.example.com', validation: acm.CertificateValidation.fromDns() });
  alb.addRedirect({ sourcePort: 80, targetPort: 443 });
  const https = alb.addListener('Https', { port: 443, certificates: [siteCert], sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS });
  https.addTargets('WebNodesTarget', { port: 80, targets: [asg], healthCheck: { path: '/wp-login.php', healthyHttpCodes: '200,302' }, stickinessCookieDuration: Duration.hours(1) });

  // Media offload plugin writes uploads here; the theme links to the objects directly.
  const media = new s3.Bucket(s, 'MediaUploads', {
    blockPublicAccess: new s3.BlockPublicAccess({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false }),
    publicReadAccess: true, cors: [{ allowedMethods: [s3.HttpMethods.GET], allowedOrigins: ['*'] }],
  });
  media.grantReadWrite(lt.role);
  wrenMediaBucket = media;

  const cdnLogs = new s3.Bucket(s, 'CdnLogs', { enforceSSL: true, objectOwnership: s3.ObjectOwnership.OBJECT_WRITER, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(30) }] });
  const edgeCert = acm.Certificate.fromCertificateArn(s, 'EdgeCert', 'arn:aws:acm:us-east-1:111122223333:certificate/5e1b7c2a-9f4d-4e21-8c3b-2d6f0a7e91c4');
  const cdn = new cloudfront.Distribution(s, 'SiteCdn', {
    defaultBehavior: {
      origin: new origins.LoadBalancerV2Origin(alb, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTP_ONLY }),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS, allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED, originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER,
    },
    additionalBehaviors: {
      'wp-content/uploads/*': { origin: new origins.HttpOrigin(media.bucketRegionalDomainName), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS, cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED },
    },
    domainNames: ['www.wren-studio.example.com'], certificate: edgeCert, minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
    enableLogging: true, logBucket: cdnLogs, logFilePrefix: 'www/', priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
  });

  // Jump host for the agency that maintains the theme.
  const jumpSg = new ec2.SecurityGroup(s, 'AgencyJumpSg', { vpc, description: 'agency ssh' });
  jumpSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'agency ssh');
  new ec2.Instance(s, 'AgencyJump', {
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, securityGroup: jumpSg, instanceType: new ec2.InstanceType('t3.micro'),
    machineImage: ec2.MachineImage.latestAmazonLinux2023(), keyPair: ec2.KeyPair.fromKeyPairName(s, 'AgencyKey', 'wren-agency'),
    blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(8, { encrypted: true }) }],
  });
  webSg.addIngressRule(jumpSg, ec2.Port.tcp(22), 'ssh from the jump host');

  new backup.BackupPlan(s, 'ContentBackups', { backupPlanRules: [backup.BackupPlanRule.daily(), backup.BackupPlanRule.weekly()] })
    .addSelection('ContentSelection', { resources: [backup.BackupResource.fromEfsFileSystem(content)] });

  new CfnOutput(s, 'SiteDomain', { value: cdn.distributionDomainName });
}

// ---- WrenRender: the batch render farm (Batch on Spot, ECR, EFS, Step Functions) ----
const wrenRender = new Stack(app, 'WrenRender', { env, description: 'Wren render farm' });
{
  const s = wrenRender;
  const vpc = new ec2.Vpc(s, 'FarmVpc', { maxAzs: 2, natGateways: 1 });
  vpc.addGatewayEndpoint('S3Endpoint', { service: ec2.GatewayVpcEndpointAwsService.S3 });
  const farmKey = new kms.Key(s, 'FarmKey', { description: 'render farm data' });

  const rendererRepo = new ecr.Repository(s, 'RendererImages', { repositoryName: 'wren/renderer', imageScanOnPush: true, imageTagMutability: ecr.TagMutability.IMMUTABLE, lifecycleRules: [{ maxImageCount: 30 }] });
  const scenes = new s3.Bucket(s, 'SceneUploads', { versioned: true, lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(14) }] });
  const frameLogs = new s3.Bucket(s, 'FrameAccessLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(60) }] });
  const frames = new s3.Bucket(s, 'RenderedFrames', {
    encryption: s3.BucketEncryption.KMS, encryptionKey: farmKey, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    serverAccessLogsBucket: frameLogs, serverAccessLogsPrefix: 'frames/',
    lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }] }],
  });
  const assets = new efs.FileSystem(s, 'SharedTextures', { vpc, throughputMode: efs.ThroughputMode.ELASTIC, removalPolicy: RemovalPolicy.DESTROY });

  const nodeSg = new ec2.SecurityGroup(s, 'RenderNodeSg', { vpc, description: 'render nodes', allowAllOutbound: true });
  assets.connections.allowDefaultPortFrom(nodeSg);
  const nodeTemplate = new ec2.LaunchTemplate(s, 'RenderNodeTemplate', {
    blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(200, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3 }) }],
  });
  const spotCe = new batch.ManagedEc2EcsComputeEnvironment(s, 'SpotNodes', {
    vpc, spot: true, allocationStrategy: batch.AllocationStrategy.SPOT_PRICE_CAPACITY_OPTIMIZED, launchTemplate: nodeTemplate, securityGroups: [nodeSg],
    instanceClasses: [ec2.InstanceClass.C6I, ec2.InstanceClass.C7I], maxvCpus: 2048, minvCpus: 0,
  });
  const onDemandCe = new batch.ManagedEc2EcsComputeEnvironment(s, 'HeroShotNodes', {
    vpc, securityGroups: [nodeSg], instanceTypes: [new ec2.InstanceType('g5.4xlarge')], useOptimalInstanceClasses: false, maxvCpus: 256,
  });
  const queue = new batch.JobQueue(s, 'RenderQueue', { computeEnvironments: [{ computeEnvironment: spotCe, order: 1 }, { computeEnvironment: onDemandCe, order: 2 }], priority: 10 });
  const jobRole = new iam.Role(s, 'RenderJobRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3FullAccess')] });
  farmKey.grantEncryptDecrypt(jobRole);
  const renderJob = new batch.EcsJobDefinition(s, 'BlenderFrame', {
    retryAttempts: 3, timeout: Duration.hours(6),
    container: new batch.EcsEc2ContainerDefinition(s, 'BlenderContainer', {
      image: ecs.ContainerImage.fromEcrRepository(rendererRepo, '4.2.1'), cpu: 16, memory: Size.gibibytes(30), jobRole,
      command: ['render-frame', 'Ref::scene', 'Ref::frame'],
      environment: { FRAMES_BUCKET: frames.bucketName, SHOTGRID_URL: 'https://wren.shotgrid.example.com', SHOTGRID_SCRIPT_KEY: fakeSecret('sg', 'wren7Kq2', 'Zr9mPx4Lb0vT') },
      volumes: [batch.EcsVolume.efs({ name: 'textures', fileSystem: assets, containerPath: '/mnt/textures', enableTransitEncryption: true, readonly: true })],
    }),
  });

  const jobs = new dynamodb.Table(s, 'RenderJobs', {
    partitionKey: { name: 'shotId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'frame', type: dynamodb.AttributeType.NUMBER },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 14 },
  });
  const statusCacheSubnets = new elasticache.CfnSubnetGroup(s, 'StatusCacheSubnets', { description: 'farm status cache', subnetIds: vpc.privateSubnets.map((x) => x.subnetId) });
  const statusCacheSg = new ec2.SecurityGroup(s, 'StatusCacheSg', { vpc, description: 'status cache' });
  statusCacheSg.addIngressRule(nodeSg, ec2.Port.tcp(6379));
  new elasticache.CfnReplicationGroup(s, 'FrameStatusCache', {
    replicationGroupDescription: 'per-frame progress for the farm dashboard', engine: 'valkey', cacheNodeType: 'cache.r7g.large', numCacheClusters: 2,
    automaticFailoverEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, cacheSubnetGroupName: statusCacheSubnets.ref,
    securityGroupIds: [statusCacheSg.securityGroupId], snapshotRetentionLimit: 5, snapshotWindow: '02:00-03:00',
  });

  const topic = new sns.Topic(s, 'RenderDone', { masterKey: farmKey });
  topic.addSubscription(new subs.EmailSubscription('render-wranglers@wren-studio.example.com'));
  const submit = new tasks.BatchSubmitJob(s, 'SubmitFrames', { jobDefinitionArn: renderJob.jobDefinitionArn, jobQueueArn: queue.jobQueueArn, jobName: 'frames', arraySize: 240, payload: sfn.TaskInput.fromJsonPathAt('$.params') });
  const record = new tasks.DynamoPutItem(s, 'RecordShot', { table: jobs, item: { shotId: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.shotId')), frame: tasks.DynamoAttributeValue.fromNumber(0) }, resultPath: sfn.JsonPath.DISCARD });
  const notify = new tasks.SnsPublish(s, 'NotifyWranglers', { topic, message: sfn.TaskInput.fromJsonPathAt('$.shotId') });
  const flowLogs = new logs.LogGroup(s, 'RenderFlowLogs', { retention: logs.RetentionDays.THREE_MONTHS });
  const flow = new sfn.StateMachine(s, 'RenderShot', { definitionBody: sfn.DefinitionBody.fromChainable(record.next(submit).next(notify)), logs: { destination: flowLogs, level: sfn.LogLevel.ALL }, tracingEnabled: true });

  // A new scene file starts a render.
  scenes.enableEventBridgeNotification();
  new events.Rule(s, 'SceneUploaded', { eventPattern: { source: ['aws.s3'], detailType: ['Object Created'], detail: { bucket: { name: [scenes.bucketName] }, object: { key: [{ suffix: '.blend' }] } } }, targets: [new targets.SfnStateMachine(flow)] });

  // Finished stills go to the website's media library (cross-stack: WrenPress's bucket).
  const publisher = new lambda.Function(s, 'StillPublisher', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { FRAMES: frames.bucketName, MEDIA: wrenMediaBucket.bucketName } });
  frames.grantRead(publisher);
  wrenMediaBucket.grantPut(publisher);

  // The pipeline TDs' role: assumed from the studio's tools account.
  const tdRole = new iam.Role(s, 'PipelineTdRole', { assumedBy: new iam.AccountPrincipal('444455556666'), description: 'pipeline TDs requeue and inspect jobs' });
  tdRole.addToPolicy(new iam.PolicyStatement({ actions: ['batch:*'], resources: ['*'] }));
  jobs.grantReadData(tdRole);
  frames.grantRead(tdRole);

  // Render archive: monthly plan, with a copy to the Los Angeles office's vault.
  const vault = new backup.BackupVault(s, 'RenderArchiveVault', { encryptionKey: farmKey });
  const plan = new backup.BackupPlan(s, 'RenderArchive', { backupVault: vault });
  plan.addRule(new backup.BackupPlanRule({
    ruleName: 'nightly', scheduleExpression: events.Schedule.cron({ minute: '0', hour: '4' }), deleteAfter: Duration.days(35),
    copyActions: [{ destinationBackupVault: backup.BackupVault.fromBackupVaultArn(s, 'LaVault', 'arn:aws:backup:us-west-2:111122223333:backup-vault:wren-la-archive'), deleteAfter: Duration.days(35) }],
  }));
  plan.addSelection('ArchiveSelection', { resources: [backup.BackupResource.fromDynamoDbTable(jobs), backup.BackupResource.fromEfsFileSystem(assets)] });

  WrenAspects.of(s).add(new WrenKeyRotation());
  new CfnOutput(s, 'RendererRepoUri', { value: rendererRepo.repositoryUri });
}
// ---- WrenDailies: the client review portal (ecs-patterns Fargate, RDS PostgreSQL, Kinesis playback analytics) ----
const wrenDailies = new Stack(app, 'WrenDailies', { env, description: 'Wren dailies review portal' });
{
  const s = wrenDailies;
  const vpc = new ec2.Vpc(s, 'ReviewVpc', { maxAzs: 2, natGateways: 1, flowLogs: { rejected: { trafficType: ec2.FlowLogTrafficType.REJECT } } });
  const reviewers = new cognito.UserPool(s, 'ClientReviewers', {
    selfSignUpEnabled: false, signInAliases: { email: true }, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false },
    passwordPolicy: { minLength: 14 }, featurePlan: cognito.FeaturePlan.PLUS,
  });
  reviewers.addClient('PortalClient', { generateSecret: true, oAuth: { flows: { authorizationCodeGrant: true }, callbackUrls: ['https://dailies.wren-studio.example.com/oauth2/idpresponse'] } });

  const reviewDb = new rds.DatabaseInstance(s, 'ReviewDb', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16_4 }), instanceType: ec2.InstanceType.of(ec2.InstanceClass.M7G, ec2.InstanceSize.LARGE),
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, storageEncrypted: true, multiAz: true, allocatedStorage: 100,
    backupRetention: Duration.days(14), deletionProtection: true, credentials: rds.Credentials.fromGeneratedSecret('review'),
    cloudwatchLogsExports: ['postgresql'],
  });
  const frameIoToken = new secretsmanager.Secret(s, 'FrameIoToken', { description: 'Frame.io API token for the review sync' });

  const portalLogs = new logs.LogGroup(s, 'PortalRequestLogs', { logGroupName: '/wren/dailies/portal-request-logs', retention: logs.RetentionDays.TWO_WEEKS });
  const cluster = new ecs.Cluster(s, 'PortalCluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
  const portal = new ecsPatterns.ApplicationLoadBalancedFargateService(s, 'Portal', {
    cluster, cpu: 1024, memoryLimitMiB: 2048, desiredCount: 2, publicLoadBalancer: true,
    taskImageOptions: {
      image: ecs.ContainerImage.fromRegistry('ghcr.io/wren-studio/dailies-portal:2.8.0'), containerPort: 8080,
      environment: { USER_POOL_ID: reviewers.userPoolId, DB_HOST: reviewDb.dbInstanceEndpointAddress },
      secrets: { DB_SECRET: ecs.Secret.fromSecretsManager(reviewDb.secret), FRAMEIO_TOKEN: ecs.Secret.fromSecretsManager(frameIoToken) },
      logDriver: ecs.LogDrivers.awsLogs({ streamPrefix: 'portal', logGroup: portalLogs }),
    },
  });
  reviewDb.connections.allowDefaultPortFrom(portal.service);
  portal.targetGroup.configureHealthCheck({ path: '/healthz' });

  // Playback analytics: which shots clients watched, how often.
  const playback = new kinesis.Stream(s, 'PlaybackEvents', { shardCount: 1, retentionPeriod: Duration.hours(48) });
  playback.grantWrite(portal.taskDefinition.taskRole);
  const analyticsBucket = new s3.Bucket(s, 'PlaybackAnalytics', {
    enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.S3_MANAGED,
    lifecycleRules: [{ expiration: Duration.days(400) }],
  });
  const deliveryRole = new iam.Role(s, 'PlaybackDeliveryRole', { assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com') });
  playback.grantRead(deliveryRole);
  analyticsBucket.grantWrite(deliveryRole);
  new firehose.CfnDeliveryStream(s, 'PlaybackToLake', {
    deliveryStreamType: 'KinesisStreamAsSource',
    kinesisStreamSourceConfiguration: { kinesisStreamArn: playback.streamArn, roleArn: deliveryRole.roleArn },
    extendedS3DestinationConfiguration: { bucketArn: analyticsBucket.bucketArn, roleArn: deliveryRole.roleArn, prefix: 'playback/', bufferingHints: { intervalInSeconds: 300, sizeInMBs: 64 }, compressionFormat: 'GZIP' },
  });

  // Notes export: approved notes go back to the client as a weekly PDF pack.
  const notesPacks = new s3.Bucket(s, 'NotesPacks', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(60) }] });
  Tags.of(notesPacks).add('DataSet', 'exported-reports');
  const packer = new lambda.Function(s, 'NotesPacker', {
    runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, vpc, timeout: Duration.minutes(5),
    environment: { OUT: notesPacks.bucketName, DB_SECRET_ARN: reviewDb.secret.secretArn, FRAMEIO_SECRET_ARN: frameIoToken.secretArn },
  });
  notesPacks.grantPut(packer);
  reviewDb.secret.grantRead(packer);
  frameIoToken.grantRead(packer);
  reviewDb.connections.allowDefaultPortFrom(packer);
  new events.Rule(s, 'WeeklyPacks', { schedule: events.Schedule.cron({ minute: '0', hour: '18', weekDay: 'FRI' }), targets: [new targets.LambdaFunction(packer)] });

  // Support engineers: read-only, with MFA, from the studio's own account.
  new iam.Role(s, 'SupportReadOnly', {
    assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
  });
  new CfnOutput(s, 'PortalUrl', { value: portal.loadBalancer.loadBalancerDnsName });
  new CfnOutput(s, 'RequestLogGroup', { value: portalLogs.logGroupName });
}
// (end of Wren apps)

// Vale held-out apps (session 14, scout): stacks named Vale*, routed to templates/scout15cdk/, labelled in labels.scout15cdk.yaml
const valeTransfer = await import('aws-cdk-lib/aws-transfer');

// ValeArcade: a mobile word-game's backend (guest play through a Cognito identity pool, WebSocket lobby, Lambda matchmaking).
const valeArcade = new Stack(app, 'ValeArcade', { env, description: 'Wordsmith Duel game backend' });
{
  const s = valeArcade;
  const vpc = new ec2.Vpc(s, 'ArcadeVpc', { maxAzs: 2, natGateways: 1, flowLogs: { everything: { trafficType: ec2.FlowLogTrafficType.ALL } } });
  const players = new cognito.UserPool(s, 'PlayerAccounts', {
    selfSignUpEnabled: true, signInAliases: { email: true }, autoVerify: { email: true },
    mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { otp: true, sms: false },
    passwordPolicy: { minLength: 10 }, accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
  });
  const mobileClient = players.addClient('MobileClient', { authFlows: { userSrp: true }, generateSecret: false });
  const identities = new identitypool.IdentityPool(s, 'DuelIdentities', {
    allowUnauthenticatedIdentities: true,
    authenticationProviders: { userPools: [new identitypool.UserPoolAuthenticationProvider({ userPool: players, userPoolClient: mobileClient })] },
  });
  const profiles = new dynamodb.Table(s, 'PlayerProfiles', { partitionKey: { name: 'playerId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
  const matches = new dynamodb.Table(s, 'MatchHistory', { partitionKey: { name: 'playerId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'playedAt', type: dynamodb.AttributeType.NUMBER }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
  const sockets = new dynamodb.Table(s, 'SocketConnections', { partitionKey: { name: 'connectionId', type: dynamodb.AttributeType.STRING }, timeToLiveAttribute: 'expiresAt', billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, removalPolicy: RemovalPolicy.DESTROY });
  // guests may upload their avatar and read the word-pack catalogue
  const assets = new s3.Bucket(s, 'ArcadeAccessLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, lifecycleRules: [{ expiration: Duration.days(60) }] });
  const avatars = new s3.Bucket(s, 'PlayerAvatars', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: assets, serverAccessLogsPrefix: 'avatars/', cors: [{ allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET], allowedOrigins: ['*'] }] });
  avatars.grantPut(identities.unauthenticatedRole, 'guest/*');
  avatars.grantRead(identities.authenticatedRole);
  profiles.grantReadData(identities.authenticatedRole);

  const lambdaSg = new ec2.SecurityGroup(s, 'MatchmakerSg', { vpc, description: 'matchmaking functions' });
  const cacheSg = new ec2.SecurityGroup(s, 'LobbyCacheSg', { vpc, description: 'redis lobby cache', allowAllOutbound: false });
  cacheSg.addIngressRule(lambdaSg, ec2.Port.tcp(6379), 'functions to redis');
  const cacheSubnets = new elasticache.CfnSubnetGroup(s, 'LobbyCacheSubnets', { description: 'lobby cache', subnetIds: vpc.privateSubnets.map((x) => x.subnetId) });
  const ladder = new elasticache.CfnReplicationGroup(s, 'LadderCache', {
    replicationGroupDescription: 'ranked ladder sorted sets', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.r7g.large', numCacheClusters: 2,
    automaticFailoverEnabled: true, multiAzEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true,
    snapshotRetentionLimit: 5, snapshotWindow: '04:00-05:00', cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId],
  });
  const lobby = new elasticache.CfnReplicationGroup(s, 'LobbyCache', {
    replicationGroupDescription: 'open lobbies and pending invites', engine: 'redis', cacheNodeType: 'cache.t4g.medium', numCacheClusters: 2,
    automaticFailoverEnabled: true, atRestEncryptionEnabled: true, cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId],
  });
  const fnProps = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, vpc, securityGroups: [lambdaSg], tracing: lambda.Tracing.ACTIVE, timeout: Duration.seconds(10) };
  const env0 = { LOBBY_HOST: lobby.attrPrimaryEndPointAddress, LADDER_HOST: ladder.attrPrimaryEndPointAddress, SOCKETS_TABLE: sockets.tableName };
  const onConnect = new lambda.Function(s, 'OnConnect', { ...fnProps, environment: env0 });
  const onDisconnect = new lambda.Function(s, 'OnDisconnect', { ...fnProps, environment: env0 });
  const onQueue = new lambda.Function(s, 'OnQueueForMatch', { ...fnProps, environment: env0 });
  sockets.grantReadWriteData(onConnect); sockets.grantReadWriteData(onDisconnect); sockets.grantReadData(onQueue);
  const ws = new apigwv2.WebSocketApi(s, 'LobbySocket', {
    connectRouteOptions: { integration: new WebSocketLambdaIntegration('ConnectInt', onConnect) },
    disconnectRouteOptions: { integration: new WebSocketLambdaIntegration('DisconnectInt', onDisconnect) },
  });
  ws.addRoute('queue', { integration: new WebSocketLambdaIntegration('QueueInt', onQueue) });
  const wsStage = new apigwv2.WebSocketStage(s, 'LobbySocketLive', { webSocketApi: ws, stageName: 'live', autoDeploy: true, throttle: { rateLimit: 200, burstLimit: 400 } });
  const pairing = new sqs.Queue(s, 'PairingQueue', { visibilityTimeout: Duration.seconds(60), deadLetterQueue: { queue: new sqs.Queue(s, 'PairingDlq', { retentionPeriod: Duration.days(14) }), maxReceiveCount: 3 } });
  pairing.grantSendMessages(onQueue);
  const matchmaker = new lambda.Function(s, 'Matchmaker', { ...fnProps, timeout: Duration.seconds(50), environment: { ...env0, MATCHES_TABLE: matches.tableName, WS_ENDPOINT: wsStage.callbackUrl } });
  matchmaker.addEventSource(new eventsources.SqsEventSource(pairing, { batchSize: 10, maxBatchingWindow: Duration.seconds(2) }));
  matches.grantReadWriteData(matchmaker);
  ws.grantManageConnections(matchmaker);
  // store receipts: the App Store shared secret was pasted in while testing sandbox purchases
  const receipts = new lambda.Function(s, 'ReceiptValidator', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, environment: { APPLE_VERIFY_URL: 'https://buy.itunes.apple.com/verifyReceipt', APPLE_SHARED_SECRET: '6f1d0c9a2b7e4e3f8a5c1d2e3f4a5b6c' } });
  profiles.grantReadWriteData(receipts);
  // crash reports from the client SDK, posted without auth
  const crashes = new lambda.Function(s, 'CrashIntake', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, memorySize: 256 });
  crashes.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE, cors: { allowedOrigins: ['*'] } });
  avatars.grantPut(crashes, 'crash-dumps/*');
  new logs.LogGroup(s, 'SocketRequestLogs', { logGroupName: '/vale/arcade/socket-request-logs', retention: logs.RetentionDays.THREE_MONTHS });
  // the live-ops team assumes this from the console to fix player records
  const liveOps = new iam.Role(s, 'LiveOpsRole', { assumedBy: new iam.AccountRootPrincipal(), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonDynamoDBFullAccess')] });
  new CfnOutput(s, 'LobbyUrl', { value: wsStage.url });
  new CfnOutput(s, 'IdentityPoolId', { value: identities.identityPoolId });
  new CfnOutput(s, 'LiveOpsRoleArn', { value: liveOps.roleArn });
}

// ValeEdi: a B2B EDI gateway (SFTP in, X12 translation in Step Functions, acknowledgements out by SES and SFTP pickup).
const valeEdi = new Stack(app, 'ValeEdi', { env, description: 'EDI trading-partner gateway' });
const valeEdiArchive = (() => {
  const s = valeEdi;
  const key = new kms.Key(s, 'EdiDocumentsKey', { enableKeyRotation: true, alias: 'alias/vale-edi-documents' });
  const logsBucket = new s3.Bucket(s, 'EdiServerLogs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, lifecycleRules: [{ expiration: Duration.days(90) }] });
  const inbound = new s3.Bucket(s, 'InboundInterchanges', { encryption: s3.BucketEncryption.KMS, encryptionKey: key, bucketKeyEnabled: true, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: logsBucket, serverAccessLogsPrefix: 'inbound/', eventBridgeEnabled: true, versioned: true });
  const outbound = new s3.Bucket(s, 'OutboundPickup', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(14) }] });
  const archive = new s3.Bucket(s, 'ComplianceArchive', { encryption: s3.BucketEncryption.KMS, encryptionKey: key, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: logsBucket, serverAccessLogsPrefix: 'archive/', lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(30) }], expiration: Duration.days(400) }] });
  Tags.of(archive).add('DataSet', 'exported-reports');

  const sftpLogging = new iam.Role(s, 'SftpLoggingRole', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSTransferLoggingAccess')] });
  const server = new valeTransfer.CfnServer(s, 'PartnerSftp', { endpointType: 'PUBLIC', identityProviderType: 'SERVICE_MANAGED', protocols: ['SFTP'], domain: 'S3', securityPolicyName: 'TransferSecurityPolicy-2024-01', loggingRole: sftpLogging.roleArn });
  const partnerAccess = new iam.Role(s, 'PartnerSftpAccess', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com') });
  inbound.grantReadWrite(partnerAccess, 'partners/*');
  outbound.grantRead(partnerAccess);
  for (const [id, partner] of [['NorthwindUser', 'northwind'], ['TailspinUser', 'tailspin']]) {
    new valeTransfer.CfnUser(s, id, { serverId: server.attrServerId, userName: partner, role: partnerAccess.roleArn, homeDirectoryType: 'LOGICAL', homeDirectoryMappings: [{ entry: '/in', target: `/${inbound.bucketName}/partners/${partner}` }, { entry: '/out', target: `/${outbound.bucketName}/${partner}` }], sshPublicKeys: [`ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB${partner}PartnerKeyMaterialOnly0123 ${partner}@edi`] });
  }

  const ledger = new dynamodb.TableV2(s, 'InterchangeLedger', { partitionKey: { name: 'controlNumber', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'partner', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, encryption: dynamodb.TableEncryptionV2.customerManagedKey(key) });
  const directory = new dynamodb.TableV2(s, 'PartnerDirectory', { partitionKey: { name: 'partnerId', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, replicas: [{ region: 'us-east-1' }] });

  const fn = (id, environment) => new lambda.Function(s, id, { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromInline('def handler(event, context):\n    return event\n'), timeout: Duration.minutes(2), environment });
  const parse = fn('X12Parser', { LEDGER: ledger.tableName });
  const validate = fn('SchemaValidator', { DIRECTORY: directory.tableName });
  const ack = fn('AckBuilder', { OUTBOUND: outbound.bucketName });
  const van = fn('VanRelay', { VAN_HOST: 'sftp.van.example.net', VAN_USER: 'vale-edi', VAN_PASSWORD: 'Tr4d1ngP@rtner!2026' });
  inbound.grantRead(parse); ledger.grantReadWriteData(parse); directory.grantReadData(validate); outbound.grantWrite(ack); outbound.grantRead(van);
  const alerts = new sns.Topic(s, 'PartnerAlerts', { displayName: 'EDI rejects' });
  alerts.addSubscription(new subs.EmailSubscription('edi-support@vale-example.com'));
  const definition = new tasks.LambdaInvoke(s, 'Parse', { lambdaFunction: parse, outputPath: '$.Payload' })
    .next(new tasks.LambdaInvoke(s, 'Validate', { lambdaFunction: validate, outputPath: '$.Payload' }))
    .next(new sfn.Choice(s, 'Accepted?')
      .when(sfn.Condition.booleanEquals('$.valid', true), new tasks.LambdaInvoke(s, 'Build997', { lambdaFunction: ack }).next(new tasks.LambdaInvoke(s, 'RelayToVan', { lambdaFunction: van })))
      .otherwise(new tasks.SnsPublish(s, 'NotifyReject', { topic: alerts, message: sfn.TaskInput.fromJsonPathAt('$.error') })));
  const flow = new sfn.StateMachine(s, 'TranslateInterchange', { definitionBody: sfn.DefinitionBody.fromChainable(definition), timeout: Duration.minutes(15), tracingEnabled: true });
  new events.Rule(s, 'InterchangeArrived', { eventPattern: { source: ['aws.s3'], detailType: ['Object Created'], detail: { bucket: { name: [inbound.bucketName] }, object: { key: [{ prefix: 'partners/' }] } } }, targets: [new targets.SfnStateMachine(flow)] });
  const sweepLogs = new logs.LogGroup(s, 'SweepMachineLogs', { retention: logs.RetentionDays.ONE_MONTH });
  const sweep = new sfn.StateMachine(s, 'StaleInterchangeSweep', { definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(s, 'FindStale', { lambdaFunction: validate })), logs: { destination: sweepLogs, level: sfn.LogLevel.ALL } });
  new events.Rule(s, 'NightlySweep', { schedule: events.Schedule.cron({ minute: '30', hour: '1' }), targets: [new targets.SfnStateMachine(sweep)] });

  const mailConfig = new ses.ConfigurationSet(s, 'AckMail', { tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE, reputationMetrics: true });
  new ses.EmailIdentity(s, 'EdiMailDomain', { identity: ses.Identity.domain('edi.vale-example.com'), configurationSet: mailConfig });
  ack.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail', 'ses:SendRawEmail'], resources: [`arn:aws:ses:${s.region}:${s.account}:identity/edi.vale-example.com`, `arn:aws:ses:${s.region}:${s.account}:configuration-set/${mailConfig.configurationSetName}`] }));

  // re-drive tool the on-call engineer runs by hand
  const redrive = fn('Redrive', { INBOUND: inbound.bucketName });
  redrive.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
  flow.grantStartExecution(redrive);
  // the retailer's integration team pulls acknowledgements with their own account
  const pickup = new iam.Role(s, 'RetailerPickupRole', { assumedBy: new iam.AccountPrincipal('444455556666'), description: 'retailer pulls 997/855 files' });
  outbound.grantRead(pickup, 'retailer/*');

  const dr = backup.BackupVault.fromBackupVaultArn(s, 'UsDrVault', 'arn:aws:backup:us-east-1:111122223333:backup-vault:edi-dr');
  const plan = new backup.BackupPlan(s, 'LedgerBackups', { backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'Daily', scheduleExpression: events.Schedule.cron({ minute: '0', hour: '2' }), deleteAfter: Duration.days(35), copyActions: [{ destinationBackupVault: dr, deleteAfter: Duration.days(35) }] })] });
  plan.addSelection('LedgerSelection', { resources: [backup.BackupResource.fromDynamoDbTable(ledger)] });
  return archive;
})();

// ValeRecords: a county records office (case files in Aurora PostgreSQL, OpenSearch full-text index, vault-locked backups, CloudTrail).
const valeRecords = new Stack(app, 'ValeRecords', { env, description: 'county records management system' });
class ValeTlsOnlyBuckets {
  visit(node) {
    if (node instanceof s3.Bucket && !node.node.tryGetContext('skipTlsAspect')) {
      const policy = node.policy?.document;
      const hasDeny = policy && JSON.stringify(node.stack.resolve(policy.toJSON())).includes('aws:SecureTransport');
      if (!hasDeny) node.addToResourcePolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:*'], resources: [node.bucketArn, node.arnForObjects('*')], conditions: { Bool: { 'aws:SecureTransport': 'false' } } }));
    }
  }
}
{
  const s = valeRecords;
  const vpc = new ec2.Vpc(s, 'RecordsVpc', { maxAzs: 2, natGateways: 2, subnetConfiguration: [{ name: 'edge', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 }, { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 }, { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }] });
  const recordsKey = new kms.Key(s, 'RecordsKey', { enableKeyRotation: true, description: 'case files, index and backups' });
  const importKey = new kms.Key(s, 'LegacyImportKey', { description: 'decrypts the microfiche import batches' });
  const serverLogs = new s3.Bucket(s, 'RecordsAccessLogs', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED });
  const scans = new s3.Bucket(s, 'ScannedCaseFiles', { encryption: s3.BucketEncryption.KMS, encryptionKey: recordsKey, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, versioned: true, serverAccessLogsBucket: serverLogs, serverAccessLogsPrefix: 'scans/' });
  const imports = new s3.Bucket(s, 'MicroficheImports', { encryption: s3.BucketEncryption.KMS, encryptionKey: importKey, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });

  const dbSg = new ec2.SecurityGroup(s, 'CaseDbSg', { vpc, description: 'case database' });
  const pgParams = new rds.ParameterGroup(s, 'CaseDbParams', { engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }), parameters: { 'rds.force_ssl': '1', 'log_connections': '1' } });
  const db = new rds.DatabaseCluster(s, 'CaseDb', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
    writer: rds.ClusterInstance.provisioned('writer', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE) }),
    readers: [rds.ClusterInstance.provisioned('reader', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE) })],
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, securityGroups: [dbSg], parameterGroup: pgParams,
    storageEncrypted: true, storageEncryptionKey: recordsKey, backup: { retention: Duration.days(35), preferredWindow: '01:00-02:00' },
    cloudwatchLogsExports: ['postgresql'], cloudwatchLogsRetention: logs.RetentionDays.ONE_YEAR, deletionProtection: true, iamAuthentication: true,
    credentials: rds.Credentials.fromGeneratedSecret('records_admin'),
  });
  db.addRotationSingleUser({ automaticallyAfter: Duration.days(30) });

  const searchSg = new ec2.SecurityGroup(s, 'CaseSearchSg', { vpc, description: 'case index' });
  const searchAdmin = new iam.Role(s, 'CaseSearchAdmin', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const search = new opensearch.Domain(s, 'CaseSearch', {
    version: opensearch.EngineVersion.OPENSEARCH_2_13, vpc, vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }], securityGroups: [searchSg],
    capacity: { dataNodes: 2, dataNodeInstanceType: 'r6g.large.search', multiAzWithStandbyEnabled: false }, zoneAwareness: { enabled: true, availabilityZoneCount: 2 },
    ebs: { volumeSize: 100, volumeType: ec2.EbsDeviceVolumeType.GP3 }, encryptionAtRest: { enabled: true, kmsKey: recordsKey }, nodeToNodeEncryption: true,
    enforceHttps: true, tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2, fineGrainedAccessControl: { masterUserArn: searchAdmin.roleArn },
    logging: { auditLogEnabled: true, appLogEnabled: true, slowSearchLogEnabled: true }, removalPolicy: RemovalPolicy.RETAIN,
  });

  const cluster = new ecs.Cluster(s, 'PortalCluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
  const portal = new ecsPatterns.ApplicationLoadBalancedFargateService(s, 'CaseworkerPortal', {
    cluster, cpu: 512, memoryLimitMiB: 1024, desiredCount: 2, publicLoadBalancer: true, listenerPort: 80,
    taskImageOptions: { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'), containerPort: 8080,
      environment: { DB_HOST: db.clusterEndpoint.hostname, SEARCH_URL: `https://${search.domainEndpoint}` },
      secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(db.secret, 'password') } },
  });
  db.connections.allowDefaultPortFrom(portal.service);
  search.connections.allowFrom(portal.service, ec2.Port.tcp(443));
  search.grantReadWrite(portal.taskDefinition.taskRole);
  scans.grantRead(portal.taskDefinition.taskRole);

  // ingest of closed cases arriving from the EDI gateway's archive (cross-stack)
  const ingest = new lambda.Function(s, 'ArchiveIngest', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, vpc, timeout: Duration.minutes(5), environment: { SEARCH_URL: search.domainEndpoint } });
  valeEdiArchive.grantRead(ingest);
  imports.grantRead(ingest); importKey.grantDecrypt(ingest);
  search.grantWrite(ingest);

  const trailBucket = new s3.Bucket(s, 'AuditTrailBucket', { encryption: s3.BucketEncryption.KMS, encryptionKey: recordsKey, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(90) }] }] });
  new cloudtrail.Trail(s, 'RecordsTrail', { bucket: trailBucket, encryptionKey: recordsKey, sendToCloudWatchLogs: true, cloudWatchLogsRetention: logs.RetentionDays.ONE_YEAR, enableFileValidation: true, isMultiRegionTrail: true, includeGlobalServiceEvents: true });

  const vault = new backup.BackupVault(s, 'RecordsVault', { encryptionKey: recordsKey, lockConfiguration: { minRetention: Duration.days(35) }, removalPolicy: RemovalPolicy.RETAIN });
  const plan = new backup.BackupPlan(s, 'RecordsPlan', { backupVault: vault, backupPlanRules: [
    new backup.BackupPlanRule({ ruleName: 'Nightly', scheduleExpression: events.Schedule.cron({ minute: '0', hour: '3' }), deleteAfter: Duration.days(35) }),
    new backup.BackupPlanRule({ ruleName: 'StatutoryMonthly', scheduleExpression: events.Schedule.cron({ minute: '0', hour: '4', day: '1' }), moveToColdStorageAfter: Duration.days(30), deleteAfter: Duration.days(3650) }),
  ] });
  plan.addSelection('CaseData', { resources: [backup.BackupResource.fromRdsDatabaseCluster(db)] });

  // bastion for the DBAs, and the scanning-station gateway the vendor set up
  new ec2.BastionHostLinux(s, 'DbaBastion', { vpc, subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(20, { encrypted: true }) }] });
  const scannerSg = new ec2.SecurityGroup(s, 'ScannerGatewaySg', { vpc, description: 'scan stations upload over sftp' });
  scannerSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'vendor support and scan uploads');
  const scanner = new ec2.Instance(s, 'ScannerGateway', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, securityGroup: scannerSg, instanceType: new ec2.InstanceType('t3.small'), machineImage: ec2.MachineImage.latestAmazonLinux2023(), keyPair: ec2.KeyPair.fromKeyPairName(s, 'VendorKey', 'scanner-vendor') });
  scans.grantWrite(scanner);
  // records auditors (read-only, MFA) and the migration contractor's instance role
  new iam.Role(s, 'RecordsAuditor', { assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')] });
  const migration = new iam.Role(s, 'MigrationRunner', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')] });
  new iam.CfnInstanceProfile(s, 'MigrationProfile', { roles: [migration.roleName] });
  Aspects.of(s).add(new ValeTlsOnlyBuckets());
}

// ValeBuild: the CI/CD platform (ECR, CodeArtifact, CodeBuild, a cross-account CodePipeline).
const valeBuild = new Stack(app, 'ValeBuild', { env, description: 'shared build and release tooling' });
{
  const s = valeBuild;
  const codeartifact = await import('aws-cdk-lib/aws-codeartifact');
  const images = new ecr.Repository(s, 'ServiceImages', { repositoryName: 'vale/records-portal', imageScanOnPush: true, imageTagMutability: ecr.TagMutability.IMMUTABLE, lifecycleRules: [{ maxImageCount: 50 }] });
  images.grantPull(new iam.AccountPrincipal('555566667777'));
  const domain = new codeartifact.CfnDomain(s, 'PackagesDomain', { domainName: 'vale' });
  const npmUpstream = new codeartifact.CfnRepository(s, 'NpmUpstream', { domainName: domain.attrName, repositoryName: 'npm-upstream', externalConnections: ['public:npmjs'] });
  const internal = new codeartifact.CfnRepository(s, 'InternalPackages', { domainName: domain.attrName, repositoryName: 'internal', upstreams: [npmUpstream.attrName] });
  internal.addDependency(npmUpstream);
  const cache = new s3.Bucket(s, 'BuildCache', { lifecycleRules: [{ expiration: Duration.days(7) }] });
  const npmToken = secretsmanager.Secret.fromSecretNameV2(s, 'NpmPublishToken', 'vale/ci/npm-publish');
  const build = new codebuild.PipelineProject(s, 'PortalImageBuild', {
    environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0, privileged: true, computeType: codebuild.ComputeType.MEDIUM },
    environmentVariables: {
      REPO_URI: { value: images.repositoryUri },
      NPM_TOKEN: { type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER, value: npmToken.secretName },
      DOCKERHUB_USER: { value: 'valebuild' },
      DOCKERHUB_PASSWORD: { value: 'dckr_pat_Q3v9xLm2RzT8wKp4nB7cYs1HdE0' },
    },
    cache: codebuild.Cache.bucket(cache, { prefix: 'portal' }),
    buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', phases: { build: { commands: ['docker login -u $DOCKERHUB_USER -p $DOCKERHUB_PASSWORD', 'docker build -t $REPO_URI:$CODEBUILD_RESOLVED_SOURCE_VERSION .', 'docker push $REPO_URI:$CODEBUILD_RESOLVED_SOURCE_VERSION'] } } }),
  });
  images.grantPullPush(build);
  build.addToRolePolicy(new iam.PolicyStatement({ actions: ['codeartifact:GetAuthorizationToken', 'codeartifact:ReadFromRepository', 'codeartifact:GetRepositoryEndpoint'], resources: [domain.attrArn, internal.attrArn] }));
  build.addToRolePolicy(new iam.PolicyStatement({ actions: ['sts:GetServiceBearerToken'], resources: ['*'], conditions: { StringEquals: { 'sts:AWSServiceName': 'codeartifact.amazonaws.com' } } }));
  const sourceOut = new codepipeline.Artifact('Source');
  const buildOut = new codepipeline.Artifact('Image');
  const prodDeploy = iam.Role.fromRoleArn(s, 'ProdCfnDeploy', 'arn:aws:iam::555566667777:role/vale-prod-cfn-deploy', { mutable: false });
  const pipeline = new codepipeline.Pipeline(s, 'ReleasePipeline', {
    pipelineType: codepipeline.PipelineType.V2, crossAccountKeys: true, restartExecutionOnUpdate: true,
    stages: [
      { stageName: 'Source', actions: [new cpactions.CodeStarConnectionsSourceAction({ actionName: 'GitHub', owner: 'vale-county', repo: 'records-portal', branch: 'main', connectionArn: 'arn:aws:codeconnections:eu-west-1:111122223333:connection/5d1c7a4e-0b3f-4c2a-9e61-2f8d7b3c1a90', output: sourceOut })] },
      { stageName: 'Build', actions: [new cpactions.CodeBuildAction({ actionName: 'Image', project: build, input: sourceOut, outputs: [buildOut] })] },
      { stageName: 'Prod', actions: [
        new cpactions.ManualApprovalAction({ actionName: 'ChangeBoard', runOrder: 1 }),
        new cpactions.CloudFormationCreateUpdateStackAction({ actionName: 'Deploy', stackName: 'records-portal', templatePath: sourceOut.atPath('deploy/portal.yaml'), adminPermissions: false, role: prodDeploy, deploymentRole: iam.Role.fromRoleArn(s, 'ProdCfnExec', 'arn:aws:iam::555566667777:role/vale-prod-cfn-exec', { mutable: false }), account: '555566667777', runOrder: 2 }),
      ] },
    ],
  });
  const releases = new sns.Topic(s, 'ReleaseNotices');
  pipeline.notifyOnExecutionStateChange('ReleaseStateChange', releases);
  releases.addSubscription(new subs.EmailSubscription('release-managers@vale-example.com'));
  // the staging account's pipeline deploys infrastructure here through this role
  const stagingDeploy = new iam.Role(s, 'StagingDeployTrust', { assumedBy: new iam.ArnPrincipal('arn:aws:iam::555566667777:role/vale-pipeline-deployer'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AWSCloudFormationFullAccess')] });
  images.grantPull(stagingDeploy);
  new CfnOutput(s, 'ImageRepoUri', { value: images.repositoryUri });
}
// (end of Vale apps)

// Yew held-out apps (session 14, scout): stacks named Yew*, routed to templates/scout16cdk/, labelled in labels.scout16cdk.yaml
// Yew apps: one restaurant-tech company's platform, written the way open-source CDK apps are. YewLens (the log-analytics
// platform: Kinesis, Firehose to an OpenSearch domain in the VPC with S3 backup and to an S3 archive, Glue, Athena, a
// dashboards service role, an OpenSearch Dashboards proxy on ecs-patterns), YewFlags (the feature-flag service: a
// multi-region KMS key, a DynamoDB global table, a REST API behind a CloudFront Function, a console SPA behind
// CloudFront OAC, a stream-driven change notifier, an SDK bootstrap function URL; writes flag evaluations into YewLens'
// stream cross-stack) and YewKitchen (restaurant ordering: Amplify Hosting, Cognito, AppSync, DynamoDB, Step Functions
// with SMS through SNS, POS webhooks on an HTTP API, a PostgreSQL loyalty database, caches, a printer relay host, Backup).
// The platform team's Aspect: every SNS topic created without a key gets the AWS managed SNS key.
class YewTopicKeyAspect {
  visit(node) {
    if (node instanceof sns.CfnTopic && node.kmsMasterKeyId === undefined) node.kmsMasterKeyId = 'alias/aws/sns';
  }
}

// ---- YewLens: log analytics ----
const yewLens = new Stack(app, 'YewLens', { env, description: 'Lens log analytics platform' });
let yewAppEvents;
{
  const s = yewLens;
  const vpc = new ec2.Vpc(s, 'LensVpc', { maxAzs: 2, natGateways: 1 });
  const lakeKey = new kms.Key(s, 'LensLakeKey', { enableKeyRotation: true, alias: 'alias/yew-lens-lake', description: 'lens event lake' });
  const accessLogs = new s3.Bucket(s, 'LensAccessLogs', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(90) }] });
  const rawArchive = new s3.Bucket(s, 'RawEventArchive', { encryption: s3.BucketEncryption.KMS, encryptionKey: lakeKey, bucketKeyEnabled: true, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, versioned: true, lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(60) }] }] });
  const failedDocs = new s3.Bucket(s, 'SearchFailedDocs', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'failed-docs/' });
  const queryResults = new s3.Bucket(s, 'QueryResults', { encryption: s3.BucketEncryption.KMS, encryptionKey: lakeKey, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'athena/', lifecycleRules: [{ expiration: Duration.days(7) }] });
  const reportExports = new s3.Bucket(s, 'TenantReportExports', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'reports/' });
  Tags.of(reportExports).add('DataSet', 'exported-reports');

  yewAppEvents = new kinesis.Stream(s, 'AppEventStream', { shardCount: 2, retentionPeriod: Duration.hours(48) });
  const beacons = new kinesis.Stream(s, 'BrowserBeacons', { streamMode: kinesis.StreamMode.ON_DEMAND, encryption: kinesis.StreamEncryption.UNENCRYPTED });

  const searchSg = new ec2.SecurityGroup(s, 'LogSearchSg', { vpc, description: 'log search domain' });
  searchSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(443), 'HTTPS from the VPC');
  const domain = new opensearch.Domain(s, 'LogSearch', {
    version: opensearch.EngineVersion.OPENSEARCH_2_13,
    vpc, vpcSubnets: [{ subnets: [vpc.privateSubnets[0]] }], securityGroups: [searchSg],
    capacity: { dataNodes: 2, dataNodeInstanceType: 'r6g.large.search', multiAzWithStandbyEnabled: false },
    ebs: { volumeSize: 200, volumeType: ec2.EbsDeviceVolumeType.GP3 },
    encryptionAtRest: { enabled: true }, nodeToNodeEncryption: true, enforceHttps: true, tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2,
    logging: { slowSearchLogEnabled: true, appLogEnabled: true },
    removalPolicy: RemovalPolicy.RETAIN,
  });

  const deliveryRole = new iam.Role(s, 'SearchDeliveryRole', { assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com') });
  yewAppEvents.grantRead(deliveryRole);
  failedDocs.grantReadWrite(deliveryRole);
  deliveryRole.addToPolicy(new iam.PolicyStatement({ actions: ['es:DescribeDomain', 'es:DescribeDomains', 'es:DescribeDomainConfig', 'es:ESHttpPost', 'es:ESHttpPut', 'es:ESHttpGet'], resources: [domain.domainArn, `${domain.domainArn}/*`] }));
  deliveryRole.addToPolicy(new iam.PolicyStatement({ actions: ['ec2:DescribeVpcs', 'ec2:DescribeVpcAttribute', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups', 'ec2:DescribeNetworkInterfaces', 'ec2:CreateNetworkInterface', 'ec2:CreateNetworkInterfacePermission', 'ec2:DeleteNetworkInterface'], resources: ['*'] }));
  const toSearch = new firehose.CfnDeliveryStream(s, 'EventsToSearch', {
    deliveryStreamType: 'KinesisStreamAsSource',
    kinesisStreamSourceConfiguration: { kinesisStreamArn: yewAppEvents.streamArn, roleArn: deliveryRole.roleArn },
    amazonopensearchserviceDestinationConfiguration: {
      domainArn: domain.domainArn, indexName: 'app-events', indexRotationPeriod: 'OneDay', roleArn: deliveryRole.roleArn,
      s3BackupMode: 'FailedDocumentsOnly',
      s3Configuration: { bucketArn: failedDocs.bucketArn, roleArn: deliveryRole.roleArn, prefix: 'failed/' },
      vpcConfiguration: { roleArn: deliveryRole.roleArn, subnetIds: vpc.privateSubnets.map((sn) => sn.subnetId), securityGroupIds: [searchSg.securityGroupId] },
    },
  });
  toSearch.node.addDependency(deliveryRole);

  new firehose.DeliveryStream(s, 'ArchiveDelivery', { source: new firehose.KinesisStreamSource(yewAppEvents), destination: new firehose.S3Bucket(rawArchive, { dataOutputPrefix: 'raw/app/', bufferingInterval: Duration.minutes(5) }) });
  new firehose.DeliveryStream(s, 'BeaconDelivery', { destination: new firehose.S3Bucket(rawArchive, { dataOutputPrefix: 'raw/beacons/' }) });

  new glue.CfnDatabase(s, 'LensCatalog', { catalogId: s.account, databaseInput: { name: 'yew_lens_events', description: 'raw application and beacon events' } });
  new glue.CfnDataCatalogEncryptionSettings(s, 'CatalogEncryption', { catalogId: s.account, dataCatalogEncryptionSettings: { encryptionAtRest: { catalogEncryptionMode: 'SSE-KMS', sseAwsKmsKeyId: lakeKey.keyId }, connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, kmsKeyId: lakeKey.keyId } } });
  const crawlerRole = new iam.Role(s, 'RawCrawlerRole', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com') });
  rawArchive.grantRead(crawlerRole);
  crawlerRole.addToPolicy(new iam.PolicyStatement({ actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:CreateTable', 'glue:UpdateTable', 'glue:BatchCreatePartition', 'glue:BatchGetPartition', 'glue:GetPartitions'], resources: [`arn:aws:glue:${s.region}:${s.account}:catalog`, `arn:aws:glue:${s.region}:${s.account}:database/yew_lens_events`, `arn:aws:glue:${s.region}:${s.account}:table/yew_lens_events/*`] }));
  crawlerRole.addToPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`arn:aws:logs:${s.region}:${s.account}:log-group:/aws-glue/crawlers:*`] }));
  new glue.CfnCrawler(s, 'RawCrawler', { role: crawlerRole.roleArn, databaseName: 'yew_lens_events', targets: { s3Targets: [{ path: `s3://${rawArchive.bucketName}/raw/` }] }, schedule: { scheduleExpression: 'cron(15 3 * * ? *)' } });
  new athena.CfnWorkGroup(s, 'AnalystWorkgroup', { name: 'yew-lens-analysts', state: 'ENABLED', workGroupConfiguration: { enforceWorkGroupConfiguration: true, publishCloudWatchMetricsEnabled: true, resultConfiguration: { outputLocation: `s3://${queryResults.bucketName}/analysts/`, encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: lakeKey.keyArn } } } });

  const dashboards = new iam.Role(s, 'DashboardsServiceRole', { assumedBy: new iam.ServicePrincipal('quicksight.amazonaws.com'), description: 'BI dashboards read the lake through Athena' });
  dashboards.addToPolicy(new iam.PolicyStatement({ actions: ['athena:*'], resources: ['*'] }));
  queryResults.grantReadWrite(dashboards);
  rawArchive.grantRead(dashboards);

  const cacheSg = new ec2.SecurityGroup(s, 'DashboardCacheSg', { vpc, description: 'dashboard query cache' });
  cacheSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(6379));
  const cacheSubnets = new elasticache.CfnSubnetGroup(s, 'DashboardCacheSubnets', { description: 'dashboard cache', subnetIds: vpc.privateSubnets.map((sn) => sn.subnetId) });
  new elasticache.CfnReplicationGroup(s, 'DashboardCache', { replicationGroupDescription: 'saved query results', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.r7g.large', numCacheClusters: 2, automaticFailoverEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, snapshotRetentionLimit: 5, snapshotWindow: '02:00-03:00', cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId] });

  const enricher = new lambda.Function(s, 'BeaconEnricher', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, memorySize: 512, timeout: Duration.seconds(60), vpc, environment: { SEARCH_ENDPOINT: domain.domainEndpoint, DD_API_KEY: fakeSecret('9f3c', 'a71e', '02bd4c58e6f1a9d3b7c2e4f8') } });
  enricher.addEventSource(new eventsources.KinesisEventSource(beacons, { startingPosition: lambda.StartingPosition.LATEST, batchSize: 200, bisectBatchOnError: true, retryAttempts: 3 }));
  domain.grantWrite(enricher);

  new logs.LogGroup(s, 'IngestRequestLogs', { logGroupName: '/yew/lens/ingest-request-logs', retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
  new logs.LogGroup(s, 'CollectorRequestLogs', { logGroupName: '/yew/lens/collector-request-logs', retention: logs.RetentionDays.SIX_MONTHS });

  const cluster = new ecs.Cluster(s, 'LensCluster', { vpc, containerInsights: true });
  const albLogs = new s3.Bucket(s, 'PortalAlbLogs', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(30) }] });
  const portalCert = acm.Certificate.fromCertificateArn(s, 'PortalCert', 'arn:aws:acm:eu-west-1:111122223333:certificate/7b2e41d0-5c8a-4f93-b1e6-0d9a3c57e812');
  const portal = new ecsPatterns.ApplicationLoadBalancedFargateService(s, 'SearchPortal', {
    cluster, cpu: 512, memoryLimitMiB: 1024, desiredCount: 2,
    taskImageOptions: { image: ecs.ContainerImage.fromRegistry('opensearchproject/opensearch-dashboards:2.13.0'), containerPort: 5601, environment: { OPENSEARCH_HOSTS: `https://${domain.domainEndpoint}` } },
    certificate: portalCert, protocol: elbv2.ApplicationProtocol.HTTPS, redirectHTTP: true, sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS, publicLoadBalancer: true,
  });
  portal.loadBalancer.logAccessLogs(albLogs, 'portal');
  domain.connections.allowFrom(portal.service, ec2.Port.tcp(443));
}

// ---- YewFlags: the feature-flag service ----
const yewFlags = new Stack(app, 'YewFlags', { env, description: 'Toggle feature-flag service' });
{
  const s = yewFlags;
  const flagKey = new kms.Key(s, 'FlagDataKey', { multiRegion: true, enableKeyRotation: true, alias: 'alias/yew-flags-data', description: 'flag change events' });
  const sdkTokenKey = new kms.Key(s, 'SdkTokenKey', { multiRegion: true, alias: 'alias/yew-flags-sdk-tokens', description: 'hashed SDK keys' });
  const flags = new dynamodb.TableV2(s, 'FlagDefinitions', {
    partitionKey: { name: 'projectId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'flagKey', type: dynamodb.AttributeType.STRING },
    dynamoStream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    replicas: [{ region: 'eu-central-1' }, { region: 'us-east-1' }], deletionProtection: true,
  });
  const counters = new dynamodb.Table(s, 'EvaluationCounters', { partitionKey: { name: 'flagKey', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'hour', type: dynamodb.AttributeType.NUMBER }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, timeToLiveAttribute: 'expiresAt' });
  // escape hatch: the team's review found PITR missing on the counters table and patched the L1.
  counters.node.defaultChild.addPropertyOverride('PointInTimeRecoverySpecification', { PointInTimeRecoveryEnabled: true });
  const auditTrail = new dynamodb.Table(s, 'FlagAuditTrail', { partitionKey: { name: 'projectId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'changedAt', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
  const sdkKeys = new dynamodb.Table(s, 'SdkKeys', { partitionKey: { name: 'keyHash', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: sdkTokenKey, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });

  const fnProps = { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, architecture: lambda.Architecture.ARM_64, timeout: Duration.seconds(10) };
  const evaluate = new lambda.Function(s, 'EvaluateFlagsFn', { ...fnProps, environment: { FLAGS: flags.tableName, COUNTERS: counters.tableName, SDK_KEYS: sdkKeys.tableName } });
  flags.grantReadData(evaluate);
  counters.grantReadWriteData(evaluate);
  sdkKeys.grantReadData(evaluate);
  yewAppEvents.grantWrite(evaluate);
  const admin = new lambda.Function(s, 'AdminFlagsFn', { ...fnProps, environment: { FLAGS: flags.tableName, AUDIT: auditTrail.tableName, SDK_KEYS: sdkKeys.tableName } });
  flags.grantReadWriteData(admin);
  auditTrail.grantWriteData(admin);
  sdkKeys.grantReadWriteData(admin);

  const adminPool = new cognito.UserPool(s, 'FlagAdmins', { selfSignUpEnabled: false, signInAliases: { email: true }, mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { otp: true, sms: false }, passwordPolicy: { minLength: 12 }, removalPolicy: RemovalPolicy.RETAIN });
  adminPool.addClient('ConsoleClient', { authFlows: { userSrp: true }, generateSecret: false });
  const authorizer = new apigw.CognitoUserPoolsAuthorizer(s, 'AdminAuthorizer', { cognitoUserPools: [adminPool] });
  const apiLogs = new logs.LogGroup(s, 'FlagApiRequestLogs', { logGroupName: '/yew/flags/api-request-logs', retention: logs.RetentionDays.ONE_MONTH });
  const api = new apigw.RestApi(s, 'FlagApi', {
    endpointTypes: [apigw.EndpointType.REGIONAL],
    deployOptions: { stageName: 'live', accessLogDestination: new apigw.LogGroupLogDestination(apiLogs), accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(), loggingLevel: apigw.MethodLoggingLevel.ERROR, metricsEnabled: true },
  });
  api.root.addResource('evaluate').addMethod('POST', new apigw.LambdaIntegration(evaluate), { apiKeyRequired: true });
  api.root.addResource('admin').addResource('flags').addMethod('ANY', new apigw.LambdaIntegration(admin), { authorizer, authorizationType: apigw.AuthorizationType.COGNITO });
  const plan = api.addUsagePlan('SdkPlan', { throttle: { rateLimit: 500, burstLimit: 1000 } });
  plan.addApiStage({ stage: api.deploymentStage });

  const normalize = new cloudfront.Function(s, 'NormalizeFlagRequest', { code: cloudfront.FunctionCode.fromInline('function handler(event) { var r = event.request; r.querystring = {}; return r; }'), runtime: cloudfront.FunctionRuntime.JS_2_0 });
  new cloudfront.Distribution(s, 'FlagEdge', {
    comment: 'flag SDK edge',
    defaultBehavior: { origin: new origins.RestApiOrigin(api), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS, allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL, cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED, functionAssociations: [{ function: normalize, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }] },
  });

  const cdnLogs = new s3.Bucket(s, 'ConsoleCdnLogs', { bucketName: 'yew-flags-console-request-logs-111122223333', objectOwnership: s3.ObjectOwnership.OBJECT_WRITER, encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(400) }] });
  const consoleSite = new s3.Bucket(s, 'ConsoleSite', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.S3_MANAGED, removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
  const consoleCert = acm.Certificate.fromCertificateArn(s, 'ConsoleCert', 'arn:aws:acm:us-east-1:111122223333:certificate/e0a4c7d2-18b9-4f3e-9c65-3a1d7f02b4e9');
  new cloudfront.Distribution(s, 'ConsoleCdn', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(consoleSite), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS },
    defaultRootObject: 'index.html', domainNames: ['flags.yew.example.com'], certificate: consoleCert, minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
    enableLogging: true, logBucket: cdnLogs, logFilePrefix: 'console/',
  });

  const changes = new sns.Topic(s, 'FlagChanges', { masterKey: flagKey, displayName: 'flag changes' });
  const changeDlq = new sqs.Queue(s, 'ChangeStreamDlq', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: flagKey, enforceSSL: true, retentionPeriod: Duration.days(14) });
  const notifier = new lambda.Function(s, 'ChangeNotifierFn', { ...fnProps, environment: { TOPIC: changes.topicArn, SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/' + fakeSecret('T04YEWFLG', '/B07TOGGLE1/', 'q8Zp3LmN5vR2tX7wK9cD4fHj') } });
  notifier.addEventSource(new eventsources.DynamoEventSource(flags, { startingPosition: lambda.StartingPosition.TRIM_HORIZON, batchSize: 50, onFailure: new eventsources.SqsDlq(changeDlq) }));
  changes.grantPublish(notifier);
  const invalidation = new sqs.Queue(s, 'SdkCacheInvalidation', { enforceSSL: true });
  changes.addSubscription(new subs.SqsSubscription(invalidation));
  changes.addSubscription(new subs.UrlSubscription('http://hooks.legacy-toggle.example.net/flag-change', { protocol: sns.SubscriptionProtocol.HTTP }));

  const bootstrap = new lambda.Function(s, 'SdkBootstrapFn', { ...fnProps, environment: { FLAGS: flags.tableName } });
  flags.grantReadData(bootstrap);
  bootstrap.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE, cors: { allowedOrigins: ['*'] } });

  const ciUser = new iam.User(s, 'FlagSyncCi', { userName: 'toggle-flag-sync-ci' });
  ciUser.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: [flags.tableArn] }));
  new iam.AccessKey(s, 'FlagSyncCiKey', { user: ciUser });
  new iam.Role(s, 'ReleaseManagerRole', {
    assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
    inlinePolicies: { flags: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'], resources: [flags.tableArn] })] }) },
  });
  const vendor = new iam.Role(s, 'ExperimentVendorRole', { assumedBy: new iam.AccountPrincipal('777788889999'), description: 'A/B analysis vendor reads evaluation counts' });
  counters.grantReadData(vendor);
}

// ---- YewKitchen: restaurant ordering ----
const yewSchemaPath = join(tmpdir(), 'yew-kitchen.graphql');
writeFileSync(yewSchemaPath, 'type Order { id: ID! restaurantId: ID! status: String total: Float }\ntype Query { order(id: ID!): Order }\ntype Mutation { placeOrder(restaurantId: ID!, total: Float!): Order }\n');
const yewKitchen = new Stack(app, 'YewKitchen', { env, description: 'Forkful restaurant ordering' });
{
  const s = yewKitchen;
  const vpc = new ec2.Vpc(s, 'KitchenVpc', {
    maxAzs: 2, natGateways: 1,
    subnetConfiguration: [{ name: 'edge', subnetType: ec2.SubnetType.PUBLIC }, { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    flowLogs: { Rejected: { trafficType: ec2.FlowLogTrafficType.REJECT } },
  });

  const amplifyApp = new amplify.CfnApp(s, 'StorefrontApp', { name: 'forkful-storefront', repository: 'https://github.com/forkful-example/storefront', accessToken: SecretValue.secretsManager('forkful/github-token').unsafeUnwrap(), platform: 'WEB', buildSpec: 'version: 1\nfrontend:\n  phases:\n    build:\n      commands: [npm ci, npm run build]\n  artifacts:\n    baseDirectory: dist\n    files: ["**/*"]\n' });
  new amplify.CfnBranch(s, 'StorefrontMain', { appId: amplifyApp.attrAppId, branchName: 'main', enableAutoBuild: true, stage: 'PRODUCTION' });
  new amplify.CfnBranch(s, 'StorefrontPreview', { appId: amplifyApp.attrAppId, branchName: 'preview', enableAutoBuild: true, stage: 'BETA', basicAuthConfig: { enableBasicAuth: true, username: 'preview', password: fakeSecret('Fork', 'ful-', 'Tast1ng!') } });

  const diners = new cognito.UserPool(s, 'Diners', { selfSignUpEnabled: true, signInAliases: { email: true, phone: true }, autoVerify: { email: true }, removalPolicy: RemovalPolicy.RETAIN });
  const dinersClient = diners.addClient('StorefrontClient', { authFlows: { userSrp: true } });
  const staff = new cognito.UserPool(s, 'RestaurantStaff', { selfSignUpEnabled: false, signInAliases: { email: true }, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false }, removalPolicy: RemovalPolicy.RETAIN });
  staff.addClient('TabletClient', { authFlows: { userSrp: true } });

  const orders = new dynamodb.Table(s, 'Orders', { partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, stream: dynamodb.StreamViewType.NEW_IMAGE });
  orders.addGlobalSecondaryIndex({ indexName: 'byRestaurant', partitionKey: { name: 'restaurantId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'placedAt', type: dynamodb.AttributeType.STRING } });
  const menu = new dynamodb.Table(s, 'MenuItems', { partitionKey: { name: 'restaurantId', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'itemId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
  const restaurants = new dynamodb.Table(s, 'Restaurants', { partitionKey: { name: 'restaurantId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });

  const graph = new appsync.GraphqlApi(s, 'OrderGraph', {
    name: 'forkful-orders', definition: appsync.Definition.fromFile(yewSchemaPath),
    authorizationConfig: { defaultAuthorization: { authorizationType: appsync.AuthorizationType.USER_POOL, userPoolConfig: { userPool: diners } }, additionalAuthorizationModes: [{ authorizationType: appsync.AuthorizationType.USER_POOL, userPoolConfig: { userPool: staff } }] },
    logConfig: { fieldLogLevel: appsync.FieldLogLevel.ERROR, retention: logs.RetentionDays.ONE_MONTH },
    xrayEnabled: true,
  });
  const ordersDs = graph.addDynamoDbDataSource('OrdersSource', orders);
  ordersDs.createResolver('OrderQuery', { typeName: 'Query', fieldName: 'order', requestMappingTemplate: appsync.MappingTemplate.dynamoDbGetItem('orderId', 'id'), responseMappingTemplate: appsync.MappingTemplate.dynamoDbResultItem() });

  const courierTexts = new sns.Topic(s, 'CourierDispatch', { displayName: 'Forkful' });
  courierTexts.addSubscription(new subs.SmsSubscription('+353871234567'));
  const orderTexts = new sns.Topic(s, 'OrderStatusTexts', { displayName: 'Forkful', masterKey: kms.Alias.fromAliasName(s, 'SnsManagedKey', 'alias/aws/sns') });

  const fnProps = { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, timeout: Duration.seconds(15) };
  const priceFn = new lambda.Function(s, 'PriceOrderFn', { ...fnProps, environment: { MENU: menu.tableName } });
  menu.grantReadData(priceFn);
  const price = new tasks.LambdaInvoke(s, 'PriceOrder', { lambdaFunction: priceFn, outputPath: '$.Payload' });
  const save = new tasks.DynamoPutItem(s, 'SaveOrder', { table: orders, item: { orderId: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.orderId')), restaurantId: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.restaurantId')) }, resultPath: sfn.JsonPath.DISCARD });
  const textDiner = new tasks.SnsPublish(s, 'TextDiner', { topic: orderTexts, message: sfn.TaskInput.fromJsonPathAt('$.statusMessage'), resultPath: sfn.JsonPath.DISCARD });
  const waitPrep = new sfn.Wait(s, 'WaitForKitchen', { time: sfn.WaitTime.duration(Duration.minutes(10)) });
  const dispatch = new tasks.SnsPublish(s, 'DispatchCourier', { topic: courierTexts, message: sfn.TaskInput.fromJsonPathAt('$.pickupMessage'), resultPath: sfn.JsonPath.DISCARD });
  const orderFlow = new sfn.StateMachine(s, 'OrderLifecycle', { definitionBody: sfn.DefinitionBody.fromChainable(price.next(save).next(textDiner).next(waitPrep).next(dispatch)), timeout: Duration.hours(2) });
  const ticketLogs = new logs.LogGroup(s, 'KitchenTicketLogs', { retention: logs.RetentionDays.TWO_WEEKS, removalPolicy: RemovalPolicy.DESTROY });
  const ticketFn = new lambda.Function(s, 'PrintTicketFn', { ...fnProps });
  new sfn.StateMachine(s, 'KitchenTicketFlow', { stateMachineType: sfn.StateMachineType.EXPRESS, definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(s, 'PrintTicket', { lambdaFunction: ticketFn })), logs: { destination: ticketLogs, level: sfn.LogLevel.ALL, includeExecutionData: false } });

  const starter = new lambda.Function(s, 'StartOrderFn', { ...fnProps, environment: { FLOW: orderFlow.stateMachineArn } });
  orderFlow.grantStartExecution(starter);
  starter.addEventSource(new eventsources.DynamoEventSource(orders, { startingPosition: lambda.StartingPosition.LATEST, batchSize: 10, filters: [lambda.FilterCriteria.filter({ eventName: lambda.FilterRule.isEqual('INSERT') })] }));

  const posFn = new lambda.Function(s, 'PosWebhookFn', { ...fnProps, environment: { ORDERS: orders.tableName, SQUARE_ACCESS_TOKEN: fakeSecret('EAAA', 'l9Qz3Vb7Nc1Xr5Tm8Kw2Hy4Pd6Sf0Gj') } });
  orders.grantReadWriteData(posFn);
  const posApi = new apigwv2.HttpApi(s, 'PosWebhooks', { description: 'point-of-sale order webhooks' });
  posApi.addRoutes({ path: '/pos/orders', methods: [apigwv2.HttpMethod.POST], integration: new HttpLambdaIntegration('PosIntegration', posFn) });
  new logs.LogGroup(s, 'PosRequestLogs', { logGroupName: '/yew/kitchen/pos-request-logs', retention: logs.RetentionDays.TWO_WEEKS });

  const menuImages = new s3.Bucket(s, 'MenuImages', { publicReadAccess: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS, cors: [{ allowedMethods: [s3.HttpMethods.GET], allowedOrigins: ['*'] }] });
  const menuFn = new lambda.Function(s, 'ResizeMenuImageFn', { ...fnProps, memorySize: 1024 });
  menuImages.grantReadWrite(menuFn);
  menuImages.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(menuFn), { prefix: 'uploads/' });

  const loyaltyDb = new rds.DatabaseInstance(s, 'LoyaltyDb', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16_4 }), vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM), allocatedStorage: 50, storageEncrypted: true, multiAz: false,
    credentials: rds.Credentials.fromGeneratedSecret('loyalty_admin'), databaseName: 'loyalty', deletionProtection: true,
  });
  const loyaltyFn = new lambda.Function(s, 'LoyaltyPointsFn', { ...fnProps, vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, environment: { DB_SECRET_ARN: loyaltyDb.secret.secretArn } });
  loyaltyDb.secret.grantRead(loyaltyFn);
  loyaltyDb.connections.allowDefaultPortFrom(loyaltyFn);

  const cacheSg = new ec2.SecurityGroup(s, 'KitchenCacheSg', { vpc, description: 'menu and cart caches' });
  cacheSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(6379));
  const isolated = vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds;
  new elasticache.CfnServerlessCache(s, 'MenuCache', { engine: 'valkey', serverlessCacheName: 'forkful-menu', majorEngineVersion: '8', subnetIds: isolated, securityGroupIds: [cacheSg.securityGroupId] });
  const cartSubnets = new elasticache.CfnSubnetGroup(s, 'CartCacheSubnets', { description: 'cart cache', subnetIds: isolated });
  new elasticache.CfnReplicationGroup(s, 'CartCache', { replicationGroupDescription: 'diner carts', engine: 'redis', cacheNodeType: 'cache.t4g.small', numCacheClusters: 1, atRestEncryptionEnabled: true, cacheSubnetGroupName: cartSubnets.ref, securityGroupIds: [cacheSg.securityGroupId] });

  const relaySg = new ec2.SecurityGroup(s, 'PrinterRelaySg', { vpc, description: 'kitchen printer relay' });
  relaySg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'vendor support SSH');
  relaySg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'printer cloud callbacks');
  new ec2.Instance(s, 'PrinterRelay', {
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, securityGroup: relaySg, requireImdsv2: true,
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MICRO), machineImage: ec2.MachineImage.latestAmazonLinux2023({ cpuType: ec2.AmazonLinuxCpuType.ARM_64 }),
    blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(16, { encrypted: true }) }],
  });

  const drVault = backup.BackupVault.fromBackupVaultArn(s, 'DrVault', 'arn:aws:backup:us-east-1:111122223333:backup-vault:forkful-dr');
  const plan = new backup.BackupPlan(s, 'KitchenBackups', { backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'Daily', scheduleExpression: events.Schedule.cron({ hour: '1', minute: '30' }), deleteAfter: Duration.days(35), copyActions: [{ destinationBackupVault: drVault, deleteAfter: Duration.days(35) }] })] });
  plan.addSelection('Tables', { resources: [backup.BackupResource.fromDynamoDbTable(restaurants), backup.BackupResource.fromDynamoDbTable(orders)] });

  new CfnOutput(s, 'StorefrontClientId', { value: dinersClient.userPoolClientId });
  new CfnOutput(s, 'GraphUrl', { value: graph.graphqlUrl });
}
Aspects.of(yewKitchen).add(new YewTopicKeyAspect());
// (end of Yew apps)

// Zinc held-out apps (session 14, scout): stacks named Zinc*, routed to templates/scout17cdk/, labelled in labels.scout17cdk.yaml
// Zinc apps: a small developer-tools company's self-hosted services, written the way open-source CDK apps are.
// ZincLinks (a URL shortener: REST API on a custom domain with ACM, a global links table, CloudFront in front, an admin
// API), ZincPixels (an image pipeline: S3 uploads -> SQS -> Lambda with Rekognition-style roles -> DynamoDB, SNS,
// thumbnails on CloudFront) and ZincWiki (a self-hosted wiki on ecs-patterns Fargate with EFS, PostgreSQL, Redis sessions,
// Cognito SSO, Backup; reads ZincPixels' thumbnails bucket cross-stack) and ZincSync (a data-sync service: DMS replication
// instances, endpoints and tasks into Kinesis and S3, Firehose, Glue jobs, a Step Functions run started by EventBridge Scheduler).
// The platform team's Aspect: a log group created without a retention gets 30 days.
class ZincLogRetentionAspect {
  visit(node) {
    if (node instanceof logs.CfnLogGroup && node.retentionInDays === undefined) node.retentionInDays = 30;
  }
}

// ---- ZincLinks: the URL shortener ----
const zincLinks = new Stack(app, 'ZincLinks', { env, description: 'zn.example.org short links' });
{
  const s = zincLinks;
  const zone = route53.HostedZone.fromHostedZoneAttributes(s, 'LinksZone', { hostedZoneId: 'Z04317851ZNLNK8', zoneName: 'zn.example.org' });
  const apiCert = new acm.Certificate(s, 'ApiCert', { domainName: 'api.zn.example.org', validation: acm.CertificateValidation.fromDns(zone) });
  const edgeCert = acm.Certificate.fromCertificateArn(s, 'EdgeCert', 'arn:aws:acm:us-east-1:111122223333:certificate/3d1f9a62-0b7e-4c55-9e21-a84f6c0d7b39');

  const links = new dynamodb.TableV2(s, 'Links', {
    partitionKey: { name: 'slug', type: dynamodb.AttributeType.STRING },
    billing: dynamodb.Billing.onDemand(),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    timeToLiveAttribute: 'expiresAt',
    replicas: [{ region: 'us-east-1' }],
  });
  const clicks = new dynamodb.Table(s, 'ClickStats', {
    partitionKey: { name: 'slug', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'minute', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    timeToLiveAttribute: 'ttl',
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const rollups = new dynamodb.Table(s, 'DailyRollups', {
    partitionKey: { name: 'slug', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'day', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
  });
  // escape hatch: the team pinned an older aws-cdk-lib and writes PITR through the L1
  rollups.node.defaultChild.addPropertyOverride('PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', true);

  const requestLogs = new logs.LogGroup(s, 'ApiRequestLogs', { logGroupName: '/zinc/links/api-request-logs', retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });

  const createFn = new lambda.Function(s, 'CreateLink', {
    runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, timeout: Duration.seconds(10),
    environment: { TABLE_NAME: links.tableName, SAFE_BROWSING_KEY: fakeSecret('AIzaSy', 'C4r9Tq-Lm2Xw7bVnE0', 'pKd8hJ3sZ6yUaF1') },
  });
  links.grantReadWriteData(createFn);
  const resolveFn = new lambda.Function(s, 'ResolveLink', {
    runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, memorySize: 256,
    environment: { TABLE_NAME: links.tableName, CLICKS_TABLE: clicks.tableName },
  });
  links.grantReadData(resolveFn);
  clicks.grantWriteData(resolveFn);

  const api = new apigw.RestApi(s, 'LinksApi', {
    restApiName: 'zinc-links',
    endpointTypes: [apigw.EndpointType.REGIONAL],
    disableExecuteApiEndpoint: true,
    domainName: { domainName: 'api.zn.example.org', certificate: apiCert, securityPolicy: apigw.SecurityPolicy.TLS_1_2, endpointType: apigw.EndpointType.REGIONAL },
    deployOptions: {
      stageName: 'live',
      accessLogDestination: new apigw.LogGroupLogDestination(requestLogs),
      accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(),
      loggingLevel: apigw.MethodLoggingLevel.ERROR,
      throttlingRateLimit: 200, throttlingBurstLimit: 400,
    },
  });
  api.root.addResource('links').addMethod('POST', new apigw.LambdaIntegration(createFn), { authorizationType: apigw.AuthorizationType.IAM });
  api.root.addResource('{slug}').addMethod('GET', new apigw.LambdaIntegration(resolveFn));

  const edgeLogs = new s3.Bucket(s, 'EdgeRequestLogs', {
    bucketName: 'zinc-links-edge-request-logs', encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
    lifecycleRules: [{ expiration: Duration.days(180) }], removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true,
  });
  const edge = new cloudfront.Distribution(s, 'ShortLinkEdge', {
    comment: 'zn.example.org redirects',
    defaultBehavior: {
      origin: new origins.HttpOrigin('api.zn.example.org', { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY }),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    },
    domainNames: ['zn.example.org'], certificate: edgeCert,
    enableLogging: true, logBucket: edgeLogs, logFilePrefix: 'edge/',
    priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
  });
  new route53.ARecord(s, 'ApexAlias', { zone, target: route53.RecordTarget.fromAlias(new route53targets.CloudFrontTarget(edge)) });
  new route53.ARecord(s, 'ApiAlias', { zone, recordName: 'api', target: route53.RecordTarget.fromAlias(new route53targets.ApiGateway(api)) });

  // moderators: a small admin API on LambdaRestApi defaults, IAM-authorized
  const abuse = new sns.Topic(s, 'AbuseReports', { displayName: 'Short link abuse reports' });
  abuse.addSubscription(new subs.EmailSubscription('trust-safety@zn.example.org'));
  const adminFn = new lambda.Function(s, 'LinkAdmin', {
    runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code,
    environment: { TABLE_NAME: links.tableName, ABUSE_TOPIC: abuse.topicArn },
  });
  links.grantReadWriteData(adminFn);
  rollups.grantReadData(adminFn);
  abuse.grantPublish(adminFn);
  new apigw.LambdaRestApi(s, 'LinksAdminApi', { handler: adminFn, proxy: true, defaultMethodOptions: { authorizationType: apigw.AuthorizationType.IAM } });

  const rollupFn = new lambda.Function(s, 'RollupClicks', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code, timeout: Duration.minutes(5), environment: { CLICKS_TABLE: clicks.tableName, ROLLUPS_TABLE: rollups.tableName } });
  clicks.grantReadData(rollupFn);
  rollups.grantWriteData(rollupFn);
  new events.Rule(s, 'NightlyRollup', { schedule: events.Schedule.cron({ minute: '10', hour: '1' }), targets: [new targets.LambdaFunction(rollupFn)] });

  new CfnOutput(s, 'ShortDomain', { value: edge.distributionDomainName });
}

// ---- ZincPixels: the image pipeline ----
const zincPixels = new Stack(app, 'ZincPixels', { env, description: 'image upload, moderation and thumbnails' });
let zincThumbs;
{
  const s = zincPixels;
  const key = new kms.Key(s, 'PixelsKey', { enableKeyRotation: true, alias: 'alias/zinc-pixels', description: 'uploaded originals and image metadata' });
  const accessLogs = new s3.Bucket(s, 'PixelsAccessLogs', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(90) }] });
  const uploads = new s3.Bucket(s, 'Originals', {
    encryption: s3.BucketEncryption.KMS, encryptionKey: key, bucketKeyEnabled: true, enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, versioned: true,
    serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'originals/',
    cors: [{ allowedMethods: [s3.HttpMethods.PUT], allowedOrigins: ['https://app.zn.example.org'], allowedHeaders: ['*'] }],
    lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
  });
  zincThumbs = new s3.Bucket(s, 'Thumbnails', { encryption: s3.BucketEncryption.S3_MANAGED, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
  const gallery = new s3.Bucket(s, 'PublicGallery', {
    publicReadAccess: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY,
    websiteIndexDocument: 'index.html',
  });

  const dlq = new sqs.Queue(s, 'ResizeDlq', { retentionPeriod: Duration.days(14), encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true });
  const work = new sqs.Queue(s, 'ResizeQueue', { visibilityTimeout: Duration.minutes(3), deadLetterQueue: { queue: dlq, maxReceiveCount: 4 }, enforceSSL: true });
  uploads.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(work), { prefix: 'incoming/' });

  const meta = new dynamodb.Table(s, 'ImageMetadata', {
    partitionKey: { name: 'imageId', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: key,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    stream: dynamodb.StreamViewType.NEW_IMAGE,
  });

  const flagged = new sns.Topic(s, 'FlaggedImages', { masterKey: key, displayName: 'images flagged by moderation' });
  flagged.addSubscription(new subs.EmailSubscription('moderation@zn.example.org'));

  const resize = new lambda.Function(s, 'ResizeWorker', {
    runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, memorySize: 1536, timeout: Duration.minutes(2),
    environment: { THUMBS_BUCKET: zincThumbs.bucketName, TABLE_NAME: meta.tableName, FLAGGED_TOPIC: flagged.topicArn },
  });
  resize.addEventSource(new eventsources.SqsEventSource(work, { batchSize: 5, reportBatchItemFailures: true }));
  uploads.grantRead(resize);
  zincThumbs.grantPut(resize);
  meta.grantWriteData(resize);
  flagged.grantPublish(resize);
  resize.addToRolePolicy(new iam.PolicyStatement({ actions: ['rekognition:DetectLabels', 'rekognition:DetectModerationLabels'], resources: ['*'] }));

  // the face-tagging experiment: a role for the labelling notebook, written in a hurry
  const tagging = new iam.Role(s, 'FaceTaggingRole', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'), description: 'face collection experiments' });
  tagging.addToPolicy(new iam.PolicyStatement({ actions: ['rekognition:*'], resources: ['*'] }));
  uploads.grantRead(tagging);

  // a print partner pulls approved originals from their own account
  const partner = new iam.Role(s, 'PrintPartnerRole', { assumedBy: new iam.AccountPrincipal('444455556666'), description: 'print partner reads approved originals' });
  uploads.grantRead(partner, 'approved/*');

  const indexer = new lambda.Function(s, 'SearchIndexer', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code, environment: { TABLE_NAME: meta.tableName } });
  indexer.addEventSource(new eventsources.DynamoEventSource(meta, { startingPosition: lambda.StartingPosition.TRIM_HORIZON, batchSize: 50, retryAttempts: 2 }));

  const thumbCdn = new cloudfront.Distribution(s, 'ThumbCdn', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(zincThumbs), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.ALLOW_ALL },
    comment: 'thumbnails',
  });

  const vpc = new ec2.Vpc(s, 'PixelsVpc', { maxAzs: 2, natGateways: 1, flowLogs: { rejected: { trafficType: ec2.FlowLogTrafficType.REJECT } } });
  const cacheSg = new ec2.SecurityGroup(s, 'ThumbCacheSg', { vpc, description: 'thumbnail hot cache' });
  cacheSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(6379));
  const cacheSubnets = new elasticache.CfnSubnetGroup(s, 'ThumbCacheSubnets', { description: 'thumb cache', subnetIds: vpc.privateSubnets.map((sn) => sn.subnetId) });
  new elasticache.CfnReplicationGroup(s, 'ThumbCache', { replicationGroupDescription: 'hot thumbnails', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailoverEnabled: true, atRestEncryptionEnabled: true, cacheSubnetGroupName: cacheSubnets.ref, securityGroupIds: [cacheSg.securityGroupId] });

  new logs.LogGroup(s, 'CdnRequestLogs', { logGroupName: '/zinc/pixels/cdn-request-logs', retention: logs.RetentionDays.THREE_MONTHS });
  new logs.LogGroup(s, 'WorkerRequestLogs', { logGroupName: '/zinc/pixels/worker-request-logs', retention: logs.RetentionDays.INFINITE });

  const reports = new s3.Bucket(s, 'ModerationReports', { encryption: s3.BucketEncryption.KMS, encryptionKey: key, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'reports/', lifecycleRules: [{ expiration: Duration.days(365) }] });
  Tags.of(reports).add('DataSet', 'exported-reports');
  const usage = new s3.Bucket(s, 'UsageExports', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'usage/', lifecycleRules: [{ expiration: Duration.days(60) }] });
  Tags.of(usage).add('DataSet', 'exported-reports');

  new CfnOutput(s, 'GalleryUrl', { value: gallery.bucketWebsiteUrl });
  new CfnOutput(s, 'ThumbDomain', { value: thumbCdn.distributionDomainName });
}
Aspects.of(zincPixels).add(new ZincLogRetentionAspect());

// ---- ZincWiki: the self-hosted wiki ----
const zincWiki = new Stack(app, 'ZincWiki', { env, description: 'wiki.zn.example.org on Fargate' });
{
  const s = zincWiki;
  const vpc = new ec2.Vpc(s, 'WikiVpc', { maxAzs: 2, natGateways: 1, flowLogs: { all: {} } });
  const cluster = new ecs.Cluster(s, 'WikiCluster', { vpc, containerInsights: true });

  const db = new rds.DatabaseInstance(s, 'WikiDb', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16_4 }),
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM),
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    credentials: rds.Credentials.fromGeneratedSecret('wiki'),
    databaseName: 'wiki', allocatedStorage: 50, deletionProtection: true, multiAz: false,
  });

  const fs = new efs.FileSystem(s, 'WikiUploads', { vpc, encrypted: true, performanceMode: efs.PerformanceMode.GENERAL_PURPOSE, lifecyclePolicy: efs.LifecyclePolicy.AFTER_30_DAYS, removalPolicy: RemovalPolicy.RETAIN });
  const ap = fs.addAccessPoint('WikiData', { path: '/wiki', createAcl: { ownerUid: '1000', ownerGid: '1000', permissions: '750' }, posixUser: { uid: '1000', gid: '1000' } });

  const sessionSg = new ec2.SecurityGroup(s, 'SessionCacheSg', { vpc, description: 'wiki sessions' });
  sessionSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(6379));
  const sessionSubnets = new elasticache.CfnSubnetGroup(s, 'SessionCacheSubnets', { description: 'wiki sessions', subnetIds: vpc.privateSubnets.map((sn) => sn.subnetId) });
  const sessions = new elasticache.CfnReplicationGroup(s, 'SessionCache', { replicationGroupDescription: 'wiki sessions', engine: 'redis', engineVersion: '7.1', cacheNodeType: 'cache.t4g.micro', numCacheClusters: 2, automaticFailoverEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, snapshotRetentionLimit: 3, cacheSubnetGroupName: sessionSubnets.ref, securityGroupIds: [sessionSg.securityGroupId] });

  const cert = acm.Certificate.fromCertificateArn(s, 'WikiCert', 'arn:aws:acm:eu-west-1:111122223333:certificate/a6c0e5d2-94b1-4f07-8d3e-5b2c71f9e048');
  const svc = new ecsPatterns.ApplicationLoadBalancedFargateService(s, 'Wiki', {
    cluster, cpu: 1024, memoryLimitMiB: 2048, desiredCount: 2,
    certificate: cert, protocol: elbv2.ApplicationProtocol.HTTPS, redirectHTTP: true, publicLoadBalancer: true,
    taskImageOptions: {
      image: ecs.ContainerImage.fromRegistry('ghcr.io/requarks/wiki:2'), containerPort: 3000,
      environment: { DB_TYPE: 'postgres', DB_HOST: db.dbInstanceEndpointAddress, DB_PORT: '5432', DB_NAME: 'wiki', DB_SSL: 'true', REDIS_HOST: sessions.attrPrimaryEndPointAddress, SMTP_HOST: 'smtp.eu.mailgun.org', SMTP_PASS: fakeSecret('key-', '7c2e91fa0d', '3b58e46a1f9c0d27') },
      secrets: { DB_USER: ecs.Secret.fromSecretsManager(db.secret, 'username'), DB_PASS: ecs.Secret.fromSecretsManager(db.secret, 'password') },
    },
  });
  svc.taskDefinition.addVolume({ name: 'uploads', efsVolumeConfiguration: { fileSystemId: fs.fileSystemId, transitEncryption: 'ENABLED', authorizationConfig: { accessPointId: ap.accessPointId, iam: 'ENABLED' } } });
  svc.taskDefinition.defaultContainer.addMountPoints({ containerPath: '/wiki/data/uploads', sourceVolume: 'uploads', readOnly: false });
  fs.grantReadWrite(svc.taskDefinition.taskRole);
  fs.connections.allowDefaultPortFrom(svc.service);
  db.connections.allowDefaultPortFrom(svc.service);
  svc.targetGroup.configureHealthCheck({ path: '/healthz' });
  zincThumbs.grantRead(svc.taskDefinition.taskRole);
  svc.taskDefinition.defaultContainer.addEnvironment('THUMBS_BUCKET', zincThumbs.bucketName);

  // SSO for the wiki's editors
  const editors = new cognito.UserPool(s, 'WikiEditors', { selfSignUpEnabled: false, signInAliases: { email: true }, mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { sms: false, otp: true }, passwordPolicy: { minLength: 12 }, removalPolicy: RemovalPolicy.RETAIN });
  editors.addClient('WikiOidc', { generateSecret: true, oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL], callbackUrls: ['https://wiki.zn.example.org/login/cognito/callback'] } });
  const staff = new cognito.UserPool(s, 'WikiAdmins', { selfSignUpEnabled: false, signInAliases: { email: true }, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { sms: false, otp: true } });

  // nightly export of the wiki to a git mirror, and an old page importer box
  const exportBucket = new s3.Bucket(s, 'WikiExports', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, versioned: true });
  const mirrorUser = new iam.User(s, 'GitMirrorUser');
  mirrorUser.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: [exportBucket.bucketArn, exportBucket.arnForObjects('*')] }));

  const importSg = new ec2.SecurityGroup(s, 'ImporterSg', { vpc, description: 'confluence importer' });
  importSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh for the migration');
  new ec2.Instance(s, 'ConfluenceImporter', {
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, securityGroup: importSg,
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.SMALL),
    machineImage: ec2.MachineImage.latestAmazonLinux2023(), keyPair: ec2.KeyPair.fromKeyPairName(s, 'ImporterKey', 'zinc-migration'),
    blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(30, { encrypted: true }) }],
  });
  new ec2.BastionHostLinux(s, 'OpsBastion', { vpc, subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } });

  const plan = new backup.BackupPlan(s, 'WikiBackups', { backupVault: new backup.BackupVault(s, 'WikiVault', { encryptionKey: new kms.Key(s, 'WikiVaultKey', { enableKeyRotation: true }) }) });
  plan.addRule(new backup.BackupPlanRule({ ruleName: 'Daily35', scheduleExpression: events.Schedule.cron({ minute: '0', hour: '2' }), deleteAfter: Duration.days(35), copyActions: [{ destinationBackupVault: backup.BackupVault.fromBackupVaultArn(s, 'DrVault', 'arn:aws:backup:us-east-2:111122223333:backup-vault:zinc-dr'), deleteAfter: Duration.days(35) }] }));
  plan.addSelection('WikiData', { resources: [backup.BackupResource.fromRdsDatabaseInstance(db), backup.BackupResource.fromEfsFileSystem(fs)] });

  new logs.LogGroup(s, 'WikiRequestLogs', { logGroupName: '/zinc/wiki/alb-request-logs', retention: logs.RetentionDays.TWO_WEEKS });
}

// ---- ZincSync: change-data capture from the CRM and billing databases into a lake ----
const zincSync = new Stack(app, 'ZincSync', { env, description: 'CRM and billing change capture into the lake' });
{
  const s = zincSync;
  const vpc = new ec2.Vpc(s, 'SyncVpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'edge', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 26 }, { name: 'replication', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }] });
  const key = new kms.Key(s, 'SyncKey', { enableKeyRotation: true, alias: 'alias/zinc-sync', description: 'change capture data' });
  const accessLogs = new s3.Bucket(s, 'SyncAccessLogs', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(60) }] });
  const lake = new s3.Bucket(s, 'ChangeLake', { encryption: s3.BucketEncryption.KMS, encryptionKey: key, bucketKeyEnabled: true, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'lake/', intelligentTieringConfigurations: [{ name: 'all', archiveAccessTierTime: Duration.days(90) }] });
  const scratch = new s3.Bucket(s, 'GlueScratch', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(3) }], removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });

  const changes = new kinesis.Stream(s, 'CrmChanges', { encryption: kinesis.StreamEncryption.KMS, encryptionKey: key, shardCount: 2, retentionPeriod: Duration.hours(72) });

  const dmsSg = new ec2.SecurityGroup(s, 'ReplicationSg', { vpc, description: 'DMS replication instances' });
  const dmsSubnets = new dms.CfnReplicationSubnetGroup(s, 'ReplicationSubnets', { replicationSubnetGroupDescription: 'zinc sync', subnetIds: vpc.isolatedSubnets.map((sn) => sn.subnetId) });
  const replicator = new dms.CfnReplicationInstance(s, 'CrmReplicator', { replicationInstanceClass: 'dms.r5.large', allocatedStorage: 100, multiAz: true, publiclyAccessible: false, kmsKeyId: key.keyArn, replicationSubnetGroupIdentifier: dmsSubnets.ref, vpcSecurityGroupIds: [dmsSg.securityGroupId], engineVersion: '3.5.3' });
  // the billing migration's instance, created from the console wizard's settings and later imported
  const billingReplicator = new dms.CfnReplicationInstance(s, 'BillingReplicator', { replicationInstanceClass: 'dms.t3.medium', allocatedStorage: 50, replicationSubnetGroupIdentifier: dmsSubnets.ref });

  const dmsRole = new iam.Role(s, 'DmsAccessRole', { assumedBy: new iam.ServicePrincipal(`dms.${s.region}.amazonaws.com`), description: 'DMS reads the source secret and writes targets' });
  const crmSecret = new secretsmanager.Secret(s, 'CrmSourceSecret', { description: 'crm replication login', generateSecretString: { secretStringTemplate: JSON.stringify({ username: 'dms_cdc' }), generateStringKey: 'password', excludePunctuation: true }, encryptionKey: key });
  crmSecret.grantRead(dmsRole);
  changes.grantWrite(dmsRole);
  lake.grantWrite(dmsRole);

  const crmSource = new dms.CfnEndpoint(s, 'CrmSource', { endpointType: 'source', engineName: 'postgres', serverName: 'crm-db.internal.zn.example.org', port: 5432, databaseName: 'crm', sslMode: 'verify-full', postgreSqlSettings: { secretsManagerSecretId: crmSecret.secretArn, secretsManagerAccessRoleArn: dmsRole.roleArn, pluginName: 'pglogical' } });
  const streamTarget = new dms.CfnEndpoint(s, 'StreamTarget', { endpointType: 'target', engineName: 'kinesis', kinesisSettings: { streamArn: changes.streamArn, serviceAccessRoleArn: dmsRole.roleArn, messageFormat: 'json-unformatted', includeTransactionDetails: true } });
  const billingSource = new dms.CfnEndpoint(s, 'BillingSource', { endpointType: 'source', engineName: 'mysql', serverName: '10.40.2.17', port: 3306, username: 'dms_reader', password: fakeSecret('Bill', 'ing#Rd', '2023zq') });
  const lakeTarget = new dms.CfnEndpoint(s, 'LakeTarget', { endpointType: 'target', engineName: 's3', s3Settings: { bucketName: lake.bucketName, bucketFolder: 'billing', serviceAccessRoleArn: dmsRole.roleArn, encryptionMode: 'SSE_KMS', serverSideEncryptionKmsKeyId: key.keyArn, dataFormat: 'parquet' } });

  const tableMappings = JSON.stringify({ rules: [{ 'rule-type': 'selection', 'rule-id': '1', 'rule-name': 'all', 'object-locator': { 'schema-name': 'public', 'table-name': '%' }, 'rule-action': 'include' }] });
  new dms.CfnReplicationTask(s, 'CrmCdc', { migrationType: 'full-load-and-cdc', replicationInstanceArn: replicator.ref, sourceEndpointArn: crmSource.ref, targetEndpointArn: streamTarget.ref, tableMappings, replicationTaskSettings: JSON.stringify({ Logging: { EnableLogging: true }, TargetMetadata: { BatchApplyEnabled: false } }) });
  new dms.CfnReplicationTask(s, 'BillingFullLoad', { migrationType: 'full-load', replicationInstanceArn: billingReplicator.ref, sourceEndpointArn: billingSource.ref, targetEndpointArn: lakeTarget.ref, tableMappings });

  new firehose.DeliveryStream(s, 'ChangesToLake', { source: new firehose.KinesisStreamSource(changes), destination: new firehose.S3Bucket(lake, { dataOutputPrefix: 'crm/', compression: firehose.Compression.GZIP, bufferingInterval: Duration.minutes(5) }) });

  // Glue: curate the raw changes into a catalog
  new glue.CfnDatabase(s, 'SyncCatalog', { catalogId: s.account, databaseInput: { name: 'zinc_sync', description: 'crm and billing changes' } });
  const secConf = new glue.CfnSecurityConfiguration(s, 'GlueSecurity', { name: 'zinc-sync-kms', encryptionConfiguration: { s3Encryptions: [{ s3EncryptionMode: 'SSE-KMS', kmsKeyArn: key.keyArn }], cloudWatchEncryption: { cloudWatchEncryptionMode: 'SSE-KMS', kmsKeyArn: key.keyArn }, jobBookmarksEncryption: { jobBookmarksEncryptionMode: 'CSE-KMS', kmsKeyArn: key.keyArn } } });
  const glueRole = new iam.Role(s, 'CurateJobRole', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSGlueServiceRole')] });
  lake.grantReadWrite(glueRole);
  scratch.grantReadWrite(glueRole);
  key.grantEncryptDecrypt(glueRole);
  const watermarks = new dynamodb.Table(s, 'SyncWatermarks', { partitionKey: { name: 'source', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
  watermarks.grantReadWriteData(glueRole);
  const curate = new glue.CfnJob(s, 'CurateChanges', { name: 'zinc-curate-changes', role: glueRole.roleArn, glueVersion: '4.0', workerType: 'G.1X', numberOfWorkers: 4, securityConfiguration: secConf.name, command: { name: 'glueetl', pythonVersion: '3', scriptLocation: `s3://${scratch.bucketName}/scripts/curate.py` }, defaultArguments: { '--job-bookmark-option': 'job-bookmark-enable', '--TempDir': `s3://${scratch.bucketName}/tmp/` } });
  new glue.CfnJob(s, 'BillingReconcile', { name: 'zinc-billing-reconcile', role: glueRole.roleArn, glueVersion: '4.0', workerType: 'G.1X', numberOfWorkers: 2, command: { name: 'glueetl', pythonVersion: '3', scriptLocation: `s3://${scratch.bucketName}/scripts/reconcile.py` }, defaultArguments: { '--billing_jdbc_url': 'jdbc:mysql://10.40.2.17:3306/billing', '--billing_user': 'recon', '--billing_password': fakeSecret('Rec0n', '-Zn!', '88ab') } });

  // orchestration: a logged Standard workflow started nightly by EventBridge Scheduler
  const runLog = new logs.LogGroup(s, 'OrchestratorLogs', { logGroupName: '/zinc/sync/orchestrator', retention: logs.RetentionDays.ONE_YEAR });
  const alerts = new sns.Topic(s, 'SyncAlerts', { displayName: 'zinc sync failures' });
  alerts.addSubscription(new subs.EmailSubscription('data-oncall@zn.example.org'));
  const flow = new sfn.StateMachine(s, 'NightlyCurate', {
    definitionBody: sfn.DefinitionBody.fromChainable(
      new tasks.GlueStartJobRun(s, 'RunCurate', { glueJobName: curate.name, integrationPattern: sfn.IntegrationPattern.RUN_JOB })
        .addCatch(new tasks.SnsPublish(s, 'NotifyFailure', { topic: alerts, message: sfn.TaskInput.fromJsonPathAt('$.Cause') }))),
    logs: { destination: runLog, level: sfn.LogLevel.ALL },
    tracingEnabled: true,
    timeout: Duration.hours(3),
  });
  const schedRole = new iam.Role(s, 'SchedulerRole', { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com') });
  flow.grantStartExecution(schedRole);
  new scheduler.CfnSchedule(s, 'NightlySchedule', { scheduleExpression: 'cron(30 2 * * ? *)', scheduleExpressionTimezone: 'Europe/Dublin', flexibleTimeWindow: { mode: 'OFF' }, target: { arn: flow.stateMachineArn, roleArn: schedRole.roleArn } });

  // the BI vendor reads the curated lake from its own account
  const bi = new iam.Role(s, 'BiVendorRole', { assumedBy: new iam.AccountPrincipal('888899990000'), externalIds: ['zinc-bi-7f3a'], description: 'BI vendor reads curated data' });
  lake.grantRead(bi, 'curated/*');
  key.grantDecrypt(bi);

  const results = new s3.Bucket(s, 'QueryResults', { encryption: s3.BucketEncryption.KMS, encryptionKey: key, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'athena/', lifecycleRules: [{ expiration: Duration.days(30) }] });
  new athena.CfnWorkGroup(s, 'SyncWorkgroup', { name: 'zinc-sync', workGroupConfiguration: { enforceWorkGroupConfiguration: true, resultConfiguration: { outputLocation: `s3://${results.bucketName}/`, encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: key.keyArn } } } });
  new logs.LogGroup(s, 'ReplicationRequestLogs', { logGroupName: '/zinc/sync/replication-request-logs', retention: logs.RetentionDays.ONE_WEEK, removalPolicy: RemovalPolicy.DESTROY });
}
// (end of Zinc apps)

// Birch held-out apps (session 15, sealed): stacks named Birch*, routed to templates/vault7cdk/, labelled in labels.vault7cdk.yaml
// (end of Birch apps)

// Aspen held-out apps (session 15, scout): stacks named Aspen*, routed to templates/scout18cdk/, labelled in labels.scout18cdk.yaml
// (end of Aspen apps)

const out = app.synth();
const HOLDOUT = new Set(['CorpusHeldOut', 'CorpusHoldShop', 'CorpusHoldOps']);
const FRESH = new Set(['CorpusFreshStream', 'CorpusFreshLake']);
const BLIND = new Set(['BlindSaas', 'BlindContainers', 'BlindData']);
const FINAL = new Set(['FinalMobile', 'FinalLegacy']);
const SEALED = new Set(['SealedGenAi', 'SealedArena', 'SealedForge']);
const LAST = new Set(['LastLedger', 'LastMedia', 'LastInsights']);
// held-out sets routed by their stacks' name prefix
const BY_PREFIX = { Scout: 'scoutcdk', Recon: 'scout2cdk', Probe: 'scout3cdk', Trial: 'scout4cdk', Field: 'scout5cdk', Vault: 'vaultcdk', Sonar: 'scout6cdk', Crypt: 'vault2cdk', Relay: 'scout7cdk', Cipher: 'vault3cdk', Radar: 'scout8cdk', Sentry: 'scout9cdk', Onyx: 'vault4cdk', Kite: 'scout10cdk', Lark: 'scout11cdk', Quill: 'vault5cdk', Mesa: 'scout12cdk', Pike: 'scout13cdk', Tern: 'vault6cdk', Wren: 'scout14cdk', Vale: 'scout15cdk', Yew: 'scout16cdk', Zinc: 'scout17cdk', Birch: 'vault7cdk', Aspen: 'scout18cdk' };
for (const s of out.stacks) {
  const prefixed = Object.entries(BY_PREFIX).find(([prefix]) => s.stackName.startsWith(prefix));
  const dir = prefixed ? prefixed[1] : LAST.has(s.stackName) ? 'lastcdk' : SEALED.has(s.stackName) ? 'sealedcdk' : FINAL.has(s.stackName) ? 'finalcdk' : BLIND.has(s.stackName) ? 'blindcdk' : FRESH.has(s.stackName) ? 'fresh' : HOLDOUT.has(s.stackName) ? 'holdout' : 'tuning';
  mkdirSync(join(here, 'templates', dir), { recursive: true });
  writeFileSync(join(here, 'templates', dir, `cdk-${s.stackName}.template.json`), JSON.stringify(s.template, null, 1) + '\n');
}
console.log(out.stacks.map((s) => `${s.stackName}: ${Object.keys(s.template.Resources).length} resources`).join('\n'));

// Apps kept as cloud assemblies (what `cdk synth` leaves in cdk.out), because what they test is the
// assembly: nested stacks found through asset manifests, and CDK Pipelines stages as sub-assemblies
// with their own environments. Asset payloads (handler code, zips) are dropped; the manifests stay.
function keepAssembly(build, dest) {
  const tmp = join(tmpdir(), `corpus-synth-${process.pid}-${dest.replace(/\W/g, '')}`);
  rmSync(tmp, { recursive: true, force: true });
  const a = new App({ outdir: tmp, stackTraces: false });
  build(a);
  a.synth();
  const target = join(here, 'templates', dest);
  rmSync(target, { recursive: true, force: true });
  cpSync(tmp, target, { recursive: true, filter: (src) => !/[\\/](asset\.[^\\/]+|tree\.json|cdk\.out|validation-report\.json|[^\\/]+\.dot)$/.test(src) });
  rmSync(tmp, { recursive: true, force: true });
  // Creation stack traces name this machine's paths and change with every edit of this file: drop them.
  const strip = (v) => (Array.isArray(v) ? v.filter((e) => e?.type !== 'aws:cdk:creationStack').map(strip) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'trace').map(([k, x]) => [k, strip(x)])) : v);
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const f = join(dir, e.name);
      if (e.isDirectory()) walk(f);
      else if (/(metadata|manifest)\.json$/.test(e.name)) writeFileSync(f, JSON.stringify(strip(JSON.parse(readFileSync(f, 'utf8'))), null, 1) + '\n');
    }
  };
  walk(target);
  const count = (dir) => readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? count(join(dir, e.name)) : e.name.endsWith('.template.json') ? 1 : 0), 0);
  console.log(`${dest}: ${count(target)} templates`);
}

// NestedStack: a parent with a network nested stack and a storage nested stack.
keepAssembly((a) => {
  const parent = new Stack(a, 'CorpusNested', { env });
  const net = new NestedStack(parent, 'Network');
  const vpc = new ec2.Vpc(net, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }] });
  const rdp = new ec2.SecurityGroup(net, 'JumpSg', { vpc, description: 'jump box' });
  rdp.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(3389));
  const store = new NestedStack(parent, 'Storage');
  new s3.Bucket(store, 'Uploads', { encryption: s3.BucketEncryption.KMS_MANAGED, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  new sqs.Queue(store, 'UploadEvents', { encryption: sqs.QueueEncryption.SQS_MANAGED });
  new dynamodb.Table(store, 'UploadIndex', { partitionKey: { name: 'key', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 14 } });
}, 'tuning/cdk-nested.out');

// CDK Pipelines: a self-mutating pipeline deploying one app stage to an EU and a US region.
keepAssembly((a) => {
  class AppStage extends Stage {
    constructor(scope, id, props) {
      super(scope, id, props);
      const st = new Stack(this, 'Service');
      const table = new dynamodb.TableV2(st, 'Accounts', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
      const fn = new lambda.Function(st, 'AccountsFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { TABLE: table.tableName } });
      table.grantReadData(fn);
      new s3.Bucket(st, 'Statements', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, versioned: true });
    }
  }
  const ps = new Stack(a, 'CorpusPipeline', { env });
  const pipeline = new pipelines.CodePipeline(ps, 'Pipeline', {
    synth: new pipelines.ShellStep('Synth', { input: pipelines.CodePipelineSource.connection('example-org/corpus-app', 'main', { connectionArn: 'arn:aws:codeconnections:eu-west-1:111122223333:connection/8d1c2f3e-0000-4b5a-9c7d-1e2f3a4b5c6d' }), commands: ['npm ci', 'npx cdk synth'] }),
  });
  pipeline.addStage(new AppStage(ps, 'EuProd', { env: { account: '111122223333', region: 'eu-central-1' } }));
  pipeline.addStage(new AppStage(ps, 'UsProd', { env: { account: '111122223333', region: 'us-east-1' } }));
}, 'tuning/cdk-pipeline.out');

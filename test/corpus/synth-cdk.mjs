// Synthesizes the CDK part of the corpus: stacks built from aws-cdk-lib L2/L3
// constructs with their defaults and common options. Run once with
// `node test/corpus/synth-cdk.mjs`; the templates are committed, and their
// verdicts labelled by hand in the .labels.yaml beside each.
import { App, Stack, Duration, RemovalPolicy } from 'aws-cdk-lib';
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
import { writeFileSync } from 'node:fs';
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

const out = app.synth();
for (const s of out.stacks) {
  const dir = s.stackName === 'CorpusHeldOut' ? 'holdout' : 'tuning';
  writeFileSync(join(here, 'templates', dir, `cdk-${s.stackName}.template.json`), JSON.stringify(s.template, null, 1) + '\n');
}
console.log(out.stacks.map((s) => `${s.stackName}: ${Object.keys(s.template.Resources).length} resources`).join('\n'));

/**
 * The Fantesty/Fantastyc example service, built from vouch's constructs: a
 * VPC, a bastion (SSM only), an internet-facing HTTPS-only ALB in front of a
 * Fargate service, an encrypted never-backed-up cache, a PostgreSQL database
 * with 35-day backups, a token vault for customer OAuth tokens, data and
 * telemetry buckets, and an MFA-enforced staff group.
 */
import { Construct } from 'constructs';
import { Stack, type StackProps, RemovalPolicy, Tags } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { SecureBucket } from '../secure-bucket.js';
import { HttpsOnlyLoadBalancer } from '../https-only-load-balancer.js';
import { BastionHost } from '../bastion-host.js';
import { EncryptedCache } from '../encrypted-cache.js';
import { SecureDatabase } from '../secure-database.js';
import { TokenVault } from '../token-vault.js';
import { MfaEnforcedGroup } from '../mfa-enforced-group.js';
import { acknowledge } from '../acknowledge.js';

export interface ServiceStackProps extends StackProps {
  /** Public host name of the service. */
  readonly domainName: string;
}

export class ServiceStack extends Stack {
  readonly vpc: ec2.Vpc;
  readonly loadBalancer: HttpsOnlyLoadBalancer;
  readonly bastion: BastionHost;
  readonly cache: EncryptedCache;
  readonly database: SecureDatabase;
  readonly tokens: TokenVault;
  readonly dataBucket: SecureBucket;
  readonly telemetryBucket: SecureBucket;
  readonly service: ecs.FargateService;
  readonly staff: MfaEnforcedGroup;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);

    const flowLogs = new SecureBucket(this, 'FlowLogs', { logTarget: true, expireAfterDays: 90 });
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 1,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      flowLogs: { all: { destination: ec2.FlowLogDestination.toS3(flowLogs.bucket), trafficType: ec2.FlowLogTrafficType.ALL } },
    });

    this.bastion = new BastionHost(this, 'Bastion', { vpc: this.vpc });

    this.database = new SecureDatabase(this, 'Database', { vpc: this.vpc });
    this.cache = new EncryptedCache(this, 'Cache', { vpc: this.vpc });
    this.tokens = new TokenVault(this, 'Tokens');
    const oauthTokens = this.tokens.addToken('DataSourceTokens', { description: 'Customer OAuth tokens for data-source integrations' });

    this.dataBucket = new SecureBucket(this, 'Exports', {});
    // Run telemetry: kept 90 days (the longest plan), then deleted with all its versions.
    this.telemetryBucket = new SecureBucket(this, 'Telemetry', { expireAfterDays: 90 });
    Tags.of(this.telemetryBucket.bucket).add('vouch:data-set', 'telemetry');

    const cluster = new ecs.Cluster(this, 'Cluster', { vpc: this.vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
    const task = new ecs.FargateTaskDefinition(this, 'Task', { cpu: 512, memoryLimitMiB: 1024 });
    const logGroup = new logs.LogGroup(this, 'ServiceLogs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
    Tags.of(logGroup).add('vouch:data-set', 'telemetry');
    task.addContainer('app', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/nginx:stable'),
      portMappings: [{ containerPort: 8080 }],
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'app', logGroup }),
      // Everything sensitive comes from Secrets Manager at start-up; nothing in plain environment variables.
      secrets: {
        DB_HOST: ecs.Secret.fromSecretsManager(this.database.secret, 'host'),
        DB_PASSWORD: ecs.Secret.fromSecretsManager(this.database.secret, 'password'),
        CACHE_AUTH_TOKEN: ecs.Secret.fromSecretsManager(this.cache.authToken),
      },
    });
    // The OAuth tokens are read at run time by the app, through the vault's exact grant.
    this.tokens.grantRead(task.taskRole, oauthTokens);
    // Exact object actions under one prefix each (bucket.grantReadWrite would add s3:GetObject*, s3:List*, ...).
    task.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [this.dataBucket.bucket.arnForObjects('exports/*')] }),
    );
    task.taskRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [this.telemetryBucket.bucket.arnForObjects('runs/*')] }));

    this.service = new ecs.FargateService(this, 'Service', {
      cluster,
      taskDefinition: task,
      desiredCount: 2,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      assignPublicIp: false,
    });
    this.database.connections.allowDefaultPortFrom(this.service, 'app to database');
    this.cache.connections.allowDefaultPortFrom(this.service, 'app to cache');
    // Administrators reach the data stores only by port-forwarding through the bastion (SSM).
    this.database.connections.allowDefaultPortFrom(this.bastion, 'admin via bastion');
    this.cache.connections.allowDefaultPortFrom(this.bastion, 'admin via bastion');

    const certificate = new acm.Certificate(this, 'Certificate', {
      domainName: props.domainName,
      validation: acm.CertificateValidation.fromDns(),
    });
    this.loadBalancer = new HttpsOnlyLoadBalancer(this, 'Web', {
      vpc: this.vpc,
      internetFacing: true,
      certificates: [elbv2.ListenerCertificate.fromCertificateManager(certificate)],
    });
    this.loadBalancer.addTargets('App', {
      port: 8080,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [this.service],
      healthCheck: { path: '/healthz' },
    });

    this.staff = new MfaEnforcedGroup(this, 'Staff');

    // vouch cannot show a TLS 1.3 floor on ElastiCache (no such setting: TLS is required, 1.2 is accepted).
    // Acknowledged in the evidence, with an owner and a review date, rather than left unknown.
    acknowledge(
      this.cache.replicationGroup,
      'tls-min/aws-elasticache-replication-group',
      'ElastiCache has no TLS-version setting; in-transit encryption is required (mode required) and the cache is reachable only from the service inside the VPC. The TLS 1.3 promise is kept on every client-facing endpoint.',
      { owner: 'platform-team', expires: '2027-06-30' },
    );
  }
}

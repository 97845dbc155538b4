/**
 * The part of the declarative AWS world for the services collected since the
 * provider declarations (EFS, SQS, SNS, Kinesis, OpenSearch, Cognito, API
 * Gateway REST APIs and v1/v2 custom domains, VPC flow logs, launch
 * templates, CloudFormation stacks): each with a deliberate violation beside
 * a compliant twin, seeded through the AWS APIs with plain SDK clients.
 *
 * Not seeded because moto 5.2.1 cannot emulate them (their rules must then be
 * "not collected" or find nothing, never pass): ElastiCache serverless caches
 * (DescribeServerlessCaches answers HTTP 500) and DynamoDB global tables
 * (tables have no replicas in moto).
 */
import { EFSClient, CreateFileSystemCommand } from '@aws-sdk/client-efs';
import { SQSClient, CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { SNSClient, CreateTopicCommand } from '@aws-sdk/client-sns';
import { KinesisClient, CreateStreamCommand, StartStreamEncryptionCommand, DescribeStreamSummaryCommand } from '@aws-sdk/client-kinesis';
import { OpenSearchClient, CreateDomainCommand } from '@aws-sdk/client-opensearch';
import { CognitoIdentityProviderClient, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { APIGatewayClient, CreateRestApiCommand, CreateDomainNameCommand } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, CreateDomainNameCommand as CreateDomainNameV2Command } from '@aws-sdk/client-apigatewayv2';
import {
  EC2Client,
  CreateVpcCommand,
  CreateFlowLogsCommand,
  CreateLaunchTemplateCommand,
  CreateVolumeCommand,
  CreateSnapshotCommand,
  ModifySnapshotAttributeCommand,
  CreateSecurityGroupCommand,
  AuthorizeSecurityGroupIngressCommand,
  RegisterImageCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { S3Client, CreateBucketCommand, PutBucketPolicyCommand, PutBucketVersioningCommand, PutBucketReplicationCommand } from '@aws-sdk/client-s3';
import { KMSClient, CreateKeyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { SSMClient, PutParameterCommand } from '@aws-sdk/client-ssm';
import { DynamoDBClient, CreateTableCommand } from '@aws-sdk/client-dynamodb';
import {
  RDSClient,
  CreateDBInstanceCommand,
  CreateDBSnapshotCommand,
  ModifyDBSnapshotAttributeCommand,
  CreateDBClusterParameterGroupCommand,
  ModifyDBClusterParameterGroupCommand,
  CreateDBClusterCommand,
} from '@aws-sdk/client-rds';
import { ElastiCacheClient, CreateReplicationGroupCommand, CreateCacheClusterCommand } from '@aws-sdk/client-elasticache';
import { IAMClient, CreateRoleCommand, CreatePolicyCommand, CreateUserCommand, PutUserPolicyCommand, CreateAccessKeyCommand } from '@aws-sdk/client-iam';
import { BackupClient, CreateBackupPlanCommand, CreateBackupVaultCommand, PutBackupVaultLockConfigurationCommand } from '@aws-sdk/client-backup';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CloudFrontClient, CreateDistributionCommand } from '@aws-sdk/client-cloudfront';
import { CloudTrailClient, CreateTrailCommand } from '@aws-sdk/client-cloudtrail';
import type { Expect } from './world.js';

export interface ServicesWorld {
  fileSystems: { name: string; region: string; encrypted: boolean; expect: Expect }[];
  /** `kms`: a customer-managed key; `sqs`: SSE-SQS (an AWS-owned key); `none`: SSE off. */
  queues: { name: string; region: string; encryption: 'kms' | 'sqs' | 'none'; expect: Expect }[];
  topics: { name: string; region: string; kms: boolean; expect: Expect }[];
  streams: { name: string; region: string; kms: boolean; expect: Expect }[];
  searchDomains: { name: string; region: string; encrypted: boolean; enforceHttps: boolean; tlsPolicy: string; expect: Expect }[];
  userPools: { name: string; region: string; mfa: 'ON' | 'OFF' | 'OPTIONAL'; expect: Expect }[];
  restApis: { name: string; region: string; disableExecuteApiEndpoint: boolean; expect: Expect }[];
  domainNames: { name: string; region: string; securityPolicy: 'TLS_1_0' | 'TLS_1_2'; expect: Expect }[];
  domainNamesV2: { name: string; region: string; securityPolicy: 'TLS_1_0' | 'TLS_1_2'; expect: Expect }[];
  /** `logBucket`: an S3 bucket of the world that receives the flow log. */
  vpcs: { handle: string; region: string; cidr: string; flowLog: boolean; logBucket?: string; expect: Expect }[];
  launchTemplates: { name: string; region: string; encrypted: boolean; publicIp: boolean; expect: Expect }[];
  stacks: { name: string; region: string; expect: Expect }[];
  /**
   * Violations planted without a compliant twin, for rules whose other resources the world
   * already has: the e2e test asserts each rule finds a violation (`rules` says which).
   */
  extras: { kind: ExtraKind; region: string; rules: string[] }[];
}

export type ExtraKind =
  | 'rsa-key'
  | 'plain-secret-parameter'
  | 'table-no-pitr'
  | 'public-db'
  | 'public-bucket-policy'
  | 'open-trust-role'
  | 'any-action-trust-role'
  | 'human-role-no-mfa'
  | 'wildcard-policy'
  | 'trail-off'
  | 'cache-group'
  | 'cache-cluster'
  | 'kms-pending-deletion'
  | 'public-plain-snapshot'
  | 'public-db-snapshot'
  | 'two-active-keys'
  | 'open-data-port'
  | 'aurora-cluster'
  | 'aurora-default-group'
  | 'short-backup-plan'
  | 'locked-vault'
  | 'public-instance'
  | 'cross-region-replication'
  | 'unexpiring-exports'
  | 'http-distribution';

/** Launch template user data the world plants: it must appear nowhere vouch writes. */
export const LAUNCH_TEMPLATE_USER_DATA = '#!/bin/sh\necho launch-template-user-data-Vx93kQ\n';

const KEY = (region: string, account: string) => `arn:aws:kms:${region}:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

/** Violations and twins; the e2e claims allow data only in eu-west-1 and ask for customer-managed keys. */
export function servicesWorld(): ServicesWorld {
  return {
    fileSystems: [
      { name: 'vouch-e2e-efs-plain', region: 'us-east-1', encrypted: false, expect: { 'enc-rest/aws-efs-file-system': 'fail' } },
      { name: 'vouch-e2e-efs-kms', region: 'eu-west-1', encrypted: true, expect: { 'enc-rest/aws-efs-file-system': 'pass' } },
    ],
    queues: [
      { name: 'vouch-e2e-plain', region: 'us-east-1', encryption: 'none', expect: { 'enc-rest/aws-sqs-queue': 'fail' } },
      { name: 'vouch-e2e-kms', region: 'eu-west-1', encryption: 'kms', expect: { 'enc-rest/aws-sqs-queue': 'pass' } },
    ],
    topics: [
      { name: 'vouch-e2e-plain', region: 'us-east-1', kms: false, expect: { 'enc-rest/aws-sns-topic': 'fail' } },
      { name: 'vouch-e2e-kms', region: 'eu-west-1', kms: true, expect: { 'enc-rest/aws-sns-topic': 'pass' } },
    ],
    streams: [
      { name: 'vouch-e2e-plain', region: 'us-east-1', kms: false, expect: { 'enc-rest/aws-kinesis-stream': 'fail' } },
      { name: 'vouch-e2e-kms', region: 'eu-west-1', kms: true, expect: { 'enc-rest/aws-kinesis-stream': 'pass' } },
    ],
    searchDomains: [
      { name: 'vouch-e2e-legacy', region: 'us-east-1', encrypted: false, enforceHttps: false, tlsPolicy: 'Policy-Min-TLS-1-0-2019-07', expect: { 'enc-rest/aws-opensearch-domain': 'fail', 'tls-min/aws-opensearch-domain': 'fail' } },
      { name: 'vouch-e2e-tidy', region: 'eu-west-1', encrypted: true, enforceHttps: true, tlsPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10', expect: { 'enc-rest/aws-opensearch-domain': 'pass', 'tls-min/aws-opensearch-domain': 'pass' } },
    ],
    userPools: [
      { name: 'vouch-e2e-no-mfa', region: 'us-east-1', mfa: 'OFF', expect: { 'mfa/aws-cognito-user-pool': 'fail' } },
      { name: 'vouch-e2e-mfa', region: 'eu-west-1', mfa: 'ON', expect: { 'mfa/aws-cognito-user-pool': 'pass' } },
    ],
    restApis: [
      // Edge-optimized with the default endpoint on: TLS_1_0 by default.
      { name: 'vouch-e2e-open', region: 'us-east-1', disableExecuteApiEndpoint: false, expect: { 'tls-min/aws-apigateway-rest-api': 'fail' } },
      { name: 'vouch-e2e-domain-only', region: 'eu-west-1', disableExecuteApiEndpoint: true, expect: { 'tls-min/aws-apigateway-rest-api': 'not-applicable' } },
    ],
    domainNames: [
      { name: 'legacy.vouch-e2e.example', region: 'us-east-1', securityPolicy: 'TLS_1_0', expect: { 'tls-min/aws-apigateway-domain-name': 'fail' } },
      { name: 'api.vouch-e2e.example', region: 'eu-west-1', securityPolicy: 'TLS_1_2', expect: { 'tls-min/aws-apigateway-domain-name': 'pass' } },
    ],
    domainNamesV2: [
      { name: 'ws-legacy.vouch-e2e.example', region: 'us-east-1', securityPolicy: 'TLS_1_0', expect: { 'tls-min/aws-apigatewayv2-domain-name': 'fail' } },
      { name: 'ws.vouch-e2e.example', region: 'eu-west-1', securityPolicy: 'TLS_1_2', expect: { 'tls-min/aws-apigatewayv2-domain-name': 'pass' } },
    ],
    vpcs: [
      { handle: 'vpc-unlogged', region: 'us-east-1', cidr: '10.40.0.0/16', flowLog: false, expect: { 'audit-logging/aws-ec2-vpc-flow-logs': 'fail' } },
      { handle: 'vpc-logged', region: 'eu-west-1', cidr: '10.41.0.0/16', flowLog: true, logBucket: 'vouch-e2e-kms', expect: { 'audit-logging/aws-ec2-vpc-flow-logs': 'pass' } },
    ],
    launchTemplates: [
      { name: 'vouch-e2e-public', region: 'us-east-1', encrypted: false, publicIp: true, expect: { 'enc-rest/aws-ec2-launch-template': 'fail', 'bastion-only/aws-ec2-launch-template-public-ip': 'fail' } },
      { name: 'vouch-e2e-private', region: 'eu-west-1', encrypted: true, publicIp: false, expect: { 'enc-rest/aws-ec2-launch-template': 'pass', 'bastion-only/aws-ec2-launch-template-public-ip': 'pass' } },
    ],
    stacks: [
      { name: 'vouch-e2e-us', region: 'us-east-1', expect: { 'data-residency/aws-cloudformation-stack': 'fail' } },
      { name: 'vouch-e2e-eu', region: 'eu-west-1', expect: { 'data-residency/aws-cloudformation-stack': 'pass' } },
    ],
    extras: [
      { kind: 'rsa-key', region: 'us-east-1', rules: ['enc-rest/aws-kms-key'] },
      { kind: 'plain-secret-parameter', region: 'us-east-1', rules: ['secrets-encrypted/aws-ssm-parameter'] },
      { kind: 'table-no-pitr', region: 'us-east-1', rules: ['backup-retention/aws-dynamodb-table', 'enc-rest/aws-dynamodb-table'] },
      { kind: 'public-db', region: 'us-east-1', rules: ['public-access/aws-rds-db-instance', 'backup-retention/aws-rds-db-instance'] },
      { kind: 'public-bucket-policy', region: 'us-east-1', rules: ['public-access/aws-s3-bucket-policy'] },
      { kind: 'open-trust-role', region: 'us-east-1', rules: ['public-access/aws-iam-role-trust'] },
      // An open trust is a public-access finding (session 15); the least-privilege trust rule fails a trust that allows every sts action.
      { kind: 'any-action-trust-role', region: 'us-east-1', rules: ['iam-least-privilege/aws-iam-role-trust'] },
      { kind: 'human-role-no-mfa', region: 'us-east-1', rules: ['mfa/aws-iam-role-trust-mfa'] },
      { kind: 'wildcard-policy', region: 'us-east-1', rules: ['iam-least-privilege/aws-iam-policy', 'iam-least-privilege/aws-iam-inline-policy'] },
      { kind: 'trail-off', region: 'us-east-1', rules: ['audit-logging/aws-cloudtrail-trail', 'security-monitoring/aws-cloudtrail-log-encryption'] },
      { kind: 'cache-group', region: 'us-east-1', rules: ['enc-rest/aws-elasticache-replication-group', 'tls-min/aws-elasticache-replication-group', 'cache-no-backup/aws-elasticache-replication-group'] },
      { kind: 'cache-cluster', region: 'us-east-1', rules: ['cache-no-backup/aws-elasticache-cache-cluster', 'tls-min/aws-elasticache-cache-cluster'] },
      { kind: 'kms-pending-deletion', region: 'us-east-1', rules: ['deletion-protection/aws-kms-key-pending-deletion'] },
      { kind: 'public-plain-snapshot', region: 'us-east-1', rules: ['enc-rest/aws-ebs-snapshot', 'public-access/aws-ebs-snapshot'] },
      { kind: 'public-db-snapshot', region: 'us-east-1', rules: ['public-access/aws-rds-snapshot', 'platform-hardening/aws-rds-auto-minor-upgrade'] },
      { kind: 'two-active-keys', region: 'us-east-1', rules: ['iam-least-privilege/aws-access-keys-one-active'] },
      { kind: 'open-data-port', region: 'us-east-1', rules: ['public-access/aws-security-group-data-ports'] },
      { kind: 'aurora-cluster', region: 'us-east-1', rules: ['enc-rest/aws-rds-db-cluster', 'backup-retention/aws-rds-db-cluster', 'tls-min/aws-rds-db-cluster'] },
      // Not a violation: a cluster on a parameter group moto cannot describe, whose TLS verdict must be unknown.
      { kind: 'aurora-default-group', region: 'eu-west-1', rules: [] },
      { kind: 'short-backup-plan', region: 'eu-west-1', rules: ['backup-retention/aws-backup-backup-plan', 'data-residency/aws-cross-region-copy'] },
      { kind: 'locked-vault', region: 'eu-west-1', rules: ['backup-retention/aws-backup-backup-vault'] },
      { kind: 'public-instance', region: 'us-east-1', rules: ['bastion-only/aws-ec2-instance-public-ip', 'enc-rest/aws-ec2-instance'] },
      { kind: 'cross-region-replication', region: 'eu-west-1', rules: ['data-residency/aws-s3-bucket-replication'] },
      { kind: 'unexpiring-exports', region: 'eu-west-1', rules: ['data-retention/aws-s3-bucket', 'data-retention/aws-logs-log-group'] },
      { kind: 'http-distribution', region: 'us-east-1', rules: ['https-redirect/aws-cloudfront-distribution', 'tls-min/aws-cloudfront-distribution'] },
    ],
  };
}

type Base = { endpoint: string; credentials: { accessKeyId: string; secretAccessKey: string } };

/** Seed the services world; returns handle → the id vouch gives the resource. */
export async function seedServicesWorld(w: ServicesWorld, base: Base, account: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const f of w.fileSystems) {
    const out = await new EFSClient({ ...base, region: f.region }).send(
      new CreateFileSystemCommand({ CreationToken: f.name, Encrypted: f.encrypted, ...(f.encrypted ? { KmsKeyId: KEY(f.region, account) } : {}), Tags: [{ Key: 'Name', Value: f.name }] }),
    );
    ids.set(`efs:${f.name}`, out.FileSystemArn ?? `arn:aws:elasticfilesystem:${f.region}:${account}:file-system/${out.FileSystemId}`);
  }
  for (const q of w.queues) {
    const sqs = new SQSClient({ ...base, region: q.region });
    const attrs: Record<string, string> = q.encryption === 'kms' ? { KmsMasterKeyId: KEY(q.region, account) } : { SqsManagedSseEnabled: q.encryption === 'sqs' ? 'true' : 'false' };
    const url = (await sqs.send(new CreateQueueCommand({ QueueName: q.name, Attributes: attrs }))).QueueUrl!;
    const got = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
    ids.set(`sqs:${q.name}`, got.Attributes!.QueueArn!);
  }
  for (const t of w.topics) {
    const out = await new SNSClient({ ...base, region: t.region }).send(new CreateTopicCommand({ Name: t.name, ...(t.kms ? { Attributes: { KmsMasterKeyId: KEY(t.region, account) } } : {}) }));
    ids.set(`sns:${t.name}`, out.TopicArn!);
  }
  for (const s of w.streams) {
    // Kinesis clients default to HTTP/2 (for SubscribeToShard); moto speaks HTTP/1.1, as vouch's clients do.
    const kinesis = new KinesisClient({ ...base, region: s.region, requestHandler: new NodeHttpHandler() });
    await kinesis.send(new CreateStreamCommand({ StreamName: s.name, ShardCount: 1 }));
    if (s.kms) await kinesis.send(new StartStreamEncryptionCommand({ StreamName: s.name, EncryptionType: 'KMS', KeyId: KEY(s.region, account) }));
    ids.set(`kinesis:${s.name}`, (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: s.name }))).StreamDescriptionSummary!.StreamARN!);
  }
  for (const d of w.searchDomains) {
    const out = await new OpenSearchClient({ ...base, region: d.region }).send(
      new CreateDomainCommand({
        DomainName: d.name,
        EngineVersion: 'OpenSearch_2.11',
        EncryptionAtRestOptions: { Enabled: d.encrypted, ...(d.encrypted ? { KmsKeyId: KEY(d.region, account) } : {}) },
        DomainEndpointOptions: { EnforceHTTPS: d.enforceHttps, TLSSecurityPolicy: d.tlsPolicy as never },
        NodeToNodeEncryptionOptions: { Enabled: d.encrypted },
      }),
    );
    ids.set(`opensearch:${d.name}`, out.DomainStatus!.ARN!);
  }
  for (const p of w.userPools) {
    const out = await new CognitoIdentityProviderClient({ ...base, region: p.region }).send(new CreateUserPoolCommand({ PoolName: p.name, MfaConfiguration: p.mfa }));
    ids.set(`cognito:${p.name}`, out.UserPool!.Arn!);
  }
  for (const a of w.restApis) {
    const out = await new APIGatewayClient({ ...base, region: a.region }).send(new CreateRestApiCommand({ name: a.name, disableExecuteApiEndpoint: a.disableExecuteApiEndpoint }));
    ids.set(`restapi:${a.name}`, `arn:aws:apigateway:${a.region}::/restapis/${out.id}`);
  }
  for (const d of w.domainNames) {
    await new APIGatewayClient({ ...base, region: d.region }).send(
      new CreateDomainNameCommand({ domainName: d.name, regionalCertificateArn: `arn:aws:acm:${d.region}:${account}:certificate/seed`, endpointConfiguration: { types: ['REGIONAL'] }, securityPolicy: d.securityPolicy }),
    );
    ids.set(`domain:${d.name}`, `arn:aws:apigateway:${d.region}::/domainnames/${d.name}`);
  }
  for (const d of w.domainNamesV2) {
    const out = await new ApiGatewayV2Client({ ...base, region: d.region }).send(
      new CreateDomainNameV2Command({ DomainName: d.name, DomainNameConfigurations: [{ CertificateArn: `arn:aws:acm:${d.region}:${account}:certificate/seed`, EndpointType: 'REGIONAL', SecurityPolicy: d.securityPolicy }] }),
    );
    ids.set(`domainv2:${d.name}`, out.DomainNameArn ?? `arn:aws:apigateway:${d.region}::/domainnames/${d.name}`);
  }
  for (const v of w.vpcs) {
    const ec2 = new EC2Client({ ...base, region: v.region });
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: v.cidr }))).Vpc!.VpcId!;
    if (v.flowLog) {
      // The destination bucket: the world's own when seeded with it, else made here.
      await new S3Client({ ...base, region: v.region, forcePathStyle: true })
        .send(new CreateBucketCommand({ Bucket: v.logBucket, ...(v.region !== 'us-east-1' ? { CreateBucketConfiguration: { LocationConstraint: v.region as never } } : {}) }))
        .catch((e: Error) => {
          if (!/BucketAlready/.test(e.name)) throw e;
        });
      const out = await ec2.send(new CreateFlowLogsCommand({ ResourceType: 'VPC', ResourceIds: [vpcId], TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: `arn:aws:s3:::${v.logBucket}` }));
      if (out.Unsuccessful?.length) throw new Error(`world: flow log for ${v.handle}: ${out.Unsuccessful[0]!.Error?.Message}`);
    }
    ids.set(v.handle, `arn:aws:ec2:${v.region}:${account}:vpc/${vpcId}`);
  }
  for (const t of w.launchTemplates) {
    const out = await new EC2Client({ ...base, region: t.region }).send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: t.name,
        LaunchTemplateData: {
          // User data that must never be read back: vouch drops it unread.
          UserData: Buffer.from(LAUNCH_TEMPLATE_USER_DATA).toString('base64'),
          BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 8, Encrypted: t.encrypted } }],
          NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: t.publicIp }],
        },
      }),
    );
    ids.set(`lt:${t.name}`, `arn:aws:ec2:${t.region}:${account}:launch-template/${out.LaunchTemplate!.LaunchTemplateId}`);
  }
  for (const s of w.stacks) {
    const out = await new CloudFormationClient({ ...base, region: s.region }).send(
      new CreateStackCommand({ StackName: s.name, TemplateBody: JSON.stringify({ Resources: { Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' } } }) }),
    );
    ids.set(`stack:${s.name}`, out.StackId!);
  }
  for (const x of w.extras) for (const [rule, id] of Object.entries((await seedExtra(x.kind, x.region, base, account)) ?? {})) ids.set(extraHandle(x.kind, rule), id);
  return ids;
}

/** The handle under which an extra's planted resource for `rule` is recorded (`rule` '' for a resource of no rule). */
export function extraHandle(kind: ExtraKind, rule: string): string {
  return `extra:${kind}:${rule}`;
}

/** Seed one extra; returns rule → the id of the resource that must fail it (where the extra says). */
async function seedExtra(kind: ExtraKind, region: string, base: Base, account: string): Promise<Record<string, string> | void> {
  const c = { ...base, region };
  const wildcard = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
  switch (kind) {
    case 'rsa-key':
      await new KMSClient(c).send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT', Description: 'vouch e2e asymmetric' }));
      return;
    case 'plain-secret-parameter':
      await new SSMClient(c).send(new PutParameterCommand({ Name: '/legacy/db/password', Value: 'legacy-db-pw-Zt55qLm2', Type: 'String' }));
      return;
    case 'table-no-pitr':
      await new DynamoDBClient(c).send(new CreateTableCommand({ TableName: 'vouch-e2e-sessions', BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] }));
      return;
    case 'public-db':
      await new RDSClient(c).send(
        new CreateDBInstanceCommand({ DBInstanceIdentifier: 'vouch-e2e-public', DBInstanceClass: 'db.t3.micro', Engine: 'postgres', AllocatedStorage: 20, MasterUsername: 'app', MasterUserPassword: 'Seed-Only-Pw-1!', StorageEncrypted: true, PubliclyAccessible: true, BackupRetentionPeriod: 0 }),
      );
      return;
    case 'public-bucket-policy': {
      const s3 = new S3Client({ ...c, forcePathStyle: true });
      await s3.send(new CreateBucketCommand({ Bucket: 'vouch-e2e-public-site' }));
      await s3.send(new PutBucketPolicyCommand({ Bucket: 'vouch-e2e-public-site', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::vouch-e2e-public-site/*' }] }) }));
      return;
    }
    case 'open-trust-role':
      await new IAMClient(c).send(new CreateRoleCommand({ RoleName: 'vouch-e2e-open-trust', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] }) }));
      return;
    case 'any-action-trust-role':
      await new IAMClient(c).send(new CreateRoleCommand({ RoleName: 'vouch-e2e-any-sts-action', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:*' }] }) }));
      return;
    case 'human-role-no-mfa':
      await new IAMClient(c).send(new CreateRoleCommand({ RoleName: 'vouch-e2e-admin-no-mfa', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }] }) }));
      return;
    case 'wildcard-policy': {
      const iam = new IAMClient(c);
      await iam.send(new CreatePolicyCommand({ PolicyName: 'vouch-e2e-everything', PolicyDocument: JSON.stringify(wildcard) }));
      await iam.send(new CreateUserCommand({ UserName: 'vouch-e2e-god' }));
      await iam.send(new PutUserPolicyCommand({ UserName: 'vouch-e2e-god', PolicyName: 'everything', PolicyDocument: JSON.stringify(wildcard) }));
      return;
    }
    case 'cache-group':
      await new ElastiCacheClient(c).send(
        new CreateReplicationGroupCommand({ ReplicationGroupId: 'vouch-e2e-sessions', ReplicationGroupDescription: 'plain sessions', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheClusters: 1, AtRestEncryptionEnabled: false, TransitEncryptionEnabled: false, SnapshotRetentionLimit: 5 }),
      );
      return;
    case 'cache-cluster':
      await new ElastiCacheClient(c).send(new CreateCacheClusterCommand({ CacheClusterId: 'vouch-e2e-cache', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }));
      return;
    case 'kms-pending-deletion': {
      const kms = new KMSClient(c);
      const key = (await kms.send(new CreateKeyCommand({ Description: 'vouch e2e retired key' }))).KeyMetadata!;
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      return { 'deletion-protection/aws-kms-key-pending-deletion': key.Arn! };
    }
    case 'public-plain-snapshot': {
      const ec2 = new EC2Client(c);
      const vol = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${region}a`, Size: 8, Encrypted: false }));
      const snap = await ec2.send(new CreateSnapshotCommand({ VolumeId: vol.VolumeId, Description: 'vouch e2e plain snapshot' }));
      await ec2.send(new ModifySnapshotAttributeCommand({ SnapshotId: snap.SnapshotId, Attribute: 'createVolumePermission', OperationType: 'add', GroupNames: ['all'] }));
      const id = `arn:aws:ec2:${region}:${account}:snapshot/${snap.SnapshotId}`;
      return { 'enc-rest/aws-ebs-snapshot': id, 'public-access/aws-ebs-snapshot': id };
    }
    case 'public-db-snapshot': {
      const rds = new RDSClient(c);
      const db = await rds.send(
        new CreateDBInstanceCommand({ DBInstanceIdentifier: 'vouch-e2e-frozen', DBInstanceClass: 'db.t3.micro', Engine: 'postgres', EngineVersion: '16.3', AllocatedStorage: 20, MasterUsername: 'app', MasterUserPassword: 'Seed-Only-Pw-1!', StorageEncrypted: true, BackupRetentionPeriod: 7, AutoMinorVersionUpgrade: false }),
      );
      const snap = await rds.send(new CreateDBSnapshotCommand({ DBSnapshotIdentifier: 'vouch-e2e-frozen-shared', DBInstanceIdentifier: 'vouch-e2e-frozen' }));
      await rds.send(new ModifyDBSnapshotAttributeCommand({ DBSnapshotIdentifier: 'vouch-e2e-frozen-shared', AttributeName: 'restore', ValuesToAdd: ['all'] }));
      return { 'public-access/aws-rds-snapshot': snap.DBSnapshot!.DBSnapshotArn!, 'platform-hardening/aws-rds-auto-minor-upgrade': db.DBInstance!.DBInstanceArn! };
    }
    case 'two-active-keys': {
      const iam = new IAMClient(c);
      const user = (await iam.send(new CreateUserCommand({ UserName: 'vouch-e2e-two-keys' }))).User!;
      await iam.send(new CreateAccessKeyCommand({ UserName: 'vouch-e2e-two-keys' }));
      await iam.send(new CreateAccessKeyCommand({ UserName: 'vouch-e2e-two-keys' }));
      return { 'iam-least-privilege/aws-access-keys-one-active': user.Arn! };
    }
    case 'open-data-port': {
      const ec2 = new EC2Client(c);
      const sg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'vouch-e2e-open-postgres', Description: 'PostgreSQL open to the internet (vouch e2e)' }));
      await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sg.GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
      return { 'public-access/aws-security-group-data-ports': `arn:aws:ec2:${region}:${account}:security-group/${sg.GroupId}` };
    }
    case 'aurora-cluster': {
      // Unencrypted, one day of backups, and a cluster parameter group that turns rds.force_ssl off.
      const rds = new RDSClient(c);
      await rds.send(new CreateDBClusterParameterGroupCommand({ DBClusterParameterGroupName: 'vouch-e2e-aurora-pg', DBParameterGroupFamily: 'aurora-postgresql15', Description: 'TLS not forced' }));
      await rds.send(new ModifyDBClusterParameterGroupCommand({ DBClusterParameterGroupName: 'vouch-e2e-aurora-pg', Parameters: [{ ParameterName: 'rds.force_ssl', ParameterValue: '0', ApplyMethod: 'immediate' }] }));
      const cl = await rds.send(
        new CreateDBClusterCommand({ DBClusterIdentifier: 'vouch-e2e-aurora', Engine: 'aurora-postgresql', EngineVersion: '15.4', MasterUsername: 'app', MasterUserPassword: 'Seed-Only-Pw-1!', DBClusterParameterGroupName: 'vouch-e2e-aurora-pg', StorageEncrypted: false, BackupRetentionPeriod: 1 }),
      );
      const id = cl.DBCluster!.DBClusterArn!;
      return { 'enc-rest/aws-rds-db-cluster': id, 'backup-retention/aws-rds-db-cluster': id, 'tls-min/aws-rds-db-cluster': id };
    }
    case 'aurora-default-group': {
      // moto 5.2.1 gives this cluster default.aurora8.0, and DescribeDBClusterParameters answers DBParameterGroupNotFound for it.
      const cl = await new RDSClient(c).send(
        new CreateDBClusterCommand({ DBClusterIdentifier: 'vouch-e2e-aurora-mysql', Engine: 'aurora-mysql', MasterUsername: 'app', MasterUserPassword: 'Seed-Only-Pw-1!', StorageEncrypted: true, BackupRetentionPeriod: 7 }),
      );
      return { '': cl.DBCluster!.DBClusterArn! };
    }
    case 'short-backup-plan': {
      // Backups kept one day, and copied to a vault in us-east-1 (the claims allow eu-west-1 only).
      const plan = await new BackupClient(c).send(
        new CreateBackupPlanCommand({
          BackupPlan: {
            BackupPlanName: 'vouch-e2e-short',
            Rules: [
              {
                RuleName: 'daily',
                TargetBackupVaultName: 'Default',
                ScheduleExpression: 'cron(0 5 * * ? *)',
                Lifecycle: { DeleteAfterDays: 1 },
                CopyActions: [{ DestinationBackupVaultArn: `arn:aws:backup:us-east-1:${account}:backup-vault:dr`, Lifecycle: { DeleteAfterDays: 1 } }],
              },
            ],
          },
        }),
      );
      return { 'backup-retention/aws-backup-backup-plan': plan.BackupPlanArn!, 'data-residency/aws-cross-region-copy': plan.BackupPlanArn! };
    }
    case 'locked-vault': {
      // A Vault Lock that keeps every recovery point seven years, past the claimed 35-day cycle.
      const backup = new BackupClient(c);
      const vault = await backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'vouch-e2e-archive' }));
      await backup.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'vouch-e2e-archive', MinRetentionDays: 2555, MaxRetentionDays: 3650 }));
      return { 'backup-retention/aws-backup-backup-vault': vault.BackupVaultArn! };
    }
    case 'public-instance': {
      // Launched in the default subnet (public IPv4 on launch) from an image with an unencrypted root volume.
      const ec2 = new EC2Client(c);
      const image = (await ec2.send(new RegisterImageCommand({ Name: 'vouch-e2e-image', RootDeviceName: '/dev/xvda' }))).ImageId!;
      const run = await ec2.send(new RunInstancesCommand({ ImageId: image, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' }));
      const id = `arn:aws:ec2:${region}:${account}:instance/${run.Instances![0]!.InstanceId}`;
      return { 'bastion-only/aws-ec2-instance-public-ip': id, 'enc-rest/aws-ec2-instance': id };
    }
    case 'cross-region-replication': {
      // A bucket here replicated to a bucket in us-east-1.
      const src = new S3Client({ ...c, forcePathStyle: true });
      const dst = new S3Client({ ...base, region: 'us-east-1', forcePathStyle: true });
      await dst.send(new CreateBucketCommand({ Bucket: 'vouch-e2e-replica-us' }));
      await dst.send(new PutBucketVersioningCommand({ Bucket: 'vouch-e2e-replica-us', VersioningConfiguration: { Status: 'Enabled' } }));
      await src.send(new CreateBucketCommand({ Bucket: 'vouch-e2e-replicated', ...(region !== 'us-east-1' ? { CreateBucketConfiguration: { LocationConstraint: region as never } } : {}) }));
      await src.send(new PutBucketVersioningCommand({ Bucket: 'vouch-e2e-replicated', VersioningConfiguration: { Status: 'Enabled' } }));
      await src.send(
        new PutBucketReplicationCommand({
          Bucket: 'vouch-e2e-replicated',
          ReplicationConfiguration: { Role: `arn:aws:iam::${account}:role/vouch-e2e-replication`, Rules: [{ ID: 'to-us', Status: 'Enabled', Priority: 1, Filter: { Prefix: '' }, DeleteMarkerReplication: { Status: 'Disabled' }, Destination: { Bucket: 'arn:aws:s3:::vouch-e2e-replica-us' } }] },
        }),
      );
      return { 'data-residency/aws-s3-bucket-replication': 'arn:aws:s3:::vouch-e2e-replicated' };
    }
    case 'unexpiring-exports': {
      // The claims keep data set "exports" (names vouch-e2e-exports*) at most 30 days: these never expire anything.
      await new S3Client({ ...c, forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: 'vouch-e2e-exports', ...(region !== 'us-east-1' ? { CreateBucketConfiguration: { LocationConstraint: region as never } } : {}) }));
      await new CloudWatchLogsClient(c).send(new CreateLogGroupCommand({ logGroupName: 'vouch-e2e-exports/api' }));
      return { 'data-retention/aws-s3-bucket': 'arn:aws:s3:::vouch-e2e-exports', 'data-retention/aws-logs-log-group': `arn:aws:logs:${region}:${account}:log-group:vouch-e2e-exports/api` };
    }
    case 'http-distribution': {
      // Plain HTTP allowed, on the default *.cloudfront.net certificate (TLSv1).
      const d = await new CloudFrontClient(c).send(
        new CreateDistributionCommand({
          DistributionConfig: {
            CallerReference: 'vouch-e2e-http',
            Comment: 'vouch e2e plain HTTP',
            Enabled: true,
            Origins: { Quantity: 1, Items: [{ Id: 'origin', DomainName: 'origin.vouch-e2e.example', CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'https-only' } }] },
            DefaultCacheBehavior: { TargetOriginId: 'origin', ViewerProtocolPolicy: 'allow-all', ForwardedValues: { QueryString: false, Cookies: { Forward: 'none' } }, MinTTL: 0 },
            ViewerCertificate: { CloudFrontDefaultCertificate: true },
          },
        }),
      );
      const id = d.Distribution!.ARN!;
      return { 'https-redirect/aws-cloudfront-distribution': id, 'tls-min/aws-cloudfront-distribution': id };
    }
    case 'trail-off': {
      const s3 = new S3Client({ ...c, forcePathStyle: true });
      await s3.send(new CreateBucketCommand({ Bucket: 'vouch-e2e-trail-logs' }));
      // Created, never started: not logging, single-region, no validation, no KMS key.
      await new CloudTrailClient(c).send(new CreateTrailCommand({ Name: 'vouch-e2e-trail', S3BucketName: 'vouch-e2e-trail-logs' }));
      return;
    }
  }
}

/** Every (handle, expectations) pair of the services world. */
export function servicesExpectations(w: ServicesWorld): [string, Expect][] {
  return [
    ...w.fileSystems.map((x) => [`efs:${x.name}`, x.expect] as [string, Expect]),
    ...w.queues.map((x) => [`sqs:${x.name}`, x.expect] as [string, Expect]),
    ...w.topics.map((x) => [`sns:${x.name}`, x.expect] as [string, Expect]),
    ...w.streams.map((x) => [`kinesis:${x.name}`, x.expect] as [string, Expect]),
    ...w.searchDomains.map((x) => [`opensearch:${x.name}`, x.expect] as [string, Expect]),
    ...w.userPools.map((x) => [`cognito:${x.name}`, x.expect] as [string, Expect]),
    ...w.restApis.map((x) => [`restapi:${x.name}`, x.expect] as [string, Expect]),
    ...w.domainNames.map((x) => [`domain:${x.name}`, x.expect] as [string, Expect]),
    ...w.domainNamesV2.map((x) => [`domainv2:${x.name}`, x.expect] as [string, Expect]),
    ...w.vpcs.map((x) => [x.handle, x.expect] as [string, Expect]),
    ...w.launchTemplates.map((x) => [`lt:${x.name}`, x.expect] as [string, Expect]),
    ...w.stacks.map((x) => [`stack:${x.name}`, x.expect] as [string, Expect]),
  ];
}

/** The services world without its violations. */
export function servicesWithoutViolations(w: ServicesWorld): ServicesWorld {
  const ok = <T extends { expect: Expect }>(list: T[]) => list.filter((x) => !Object.values(x.expect).includes('fail'));
  const { extras: _extras, ...rest } = w;
  return { ...(Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, ok(v as { expect: Expect }[])])) as unknown as ServicesWorld), extras: [] };
}

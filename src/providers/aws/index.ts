/**
 * AWS: what each service's collectors read and produce. The collector table
 * in src/collectors/aws/scan.ts is keyed by these names (a service without a
 * collector does not compile), the read-only guard allows exactly these
 * calls, and docs/aws-iam-policy.json is generated from them.
 */
import type { ProviderDeclaration } from '../types.js';

const IAM = ['aws.iam.user', 'aws.iam.group', 'aws.iam.role', 'aws.iam.managed-policy'] as const;

export const aws = {
  name: 'aws',
  base: {
    name: 'base',
    produces: [],
    endpoints: { sts: 'STS', organizations: 'ORGANIZATIONS' },
    reads: [
      { op: 'sts:GetCallerIdentity', action: null },
      { op: 'sts:AssumeRole' },
      { op: 'ec2:DescribeRegions' },
      { op: 'organizations:ListAccounts' },
    ],
  },
  services: [
    {
      name: 'iam',
      title: 'IAM users, groups, roles, policies, credential report, account settings',
      scope: 'global',
      endpoints: { iam: 'IAM' },
      produces: ['aws.iam.account', ...IAM],
      reads: [
        { op: 'iam:GetAccountAuthorizationDetails', lists: IAM },
        { op: 'iam:GenerateCredentialReport' },
        { op: 'iam:GetCredentialReport' },
        { op: 'iam:GetAccountSummary' },
        { op: 'iam:GetAccountPasswordPolicy' },
        { op: 'iam:ListVirtualMFADevices' },
      ],
    },
    {
      name: 's3',
      title: 'S3 buckets and bucket policies, account public access block',
      scope: 'global',
      endpoints: { s3: 'S3', s3control: 'S3_CONTROL' },
      produces: ['aws.s3.bucket', 'aws.s3.bucket-policy'],
      reads: [
        { op: 's3:ListBuckets', action: 's3:ListAllMyBuckets', lists: ['aws.s3.bucket', 'aws.s3.bucket-policy'] },
        { op: 's3:GetBucketLocation' },
        { op: 's3:GetBucketEncryption', action: 's3:GetEncryptionConfiguration' },
        { op: 's3:GetPublicAccessBlock', action: 's3:GetBucketPublicAccessBlock' },
        { op: 's3:GetBucketPolicy', lists: ['aws.s3.bucket-policy'] },
        { op: 's3:GetBucketAcl' },
        { op: 's3:GetBucketVersioning' },
        { op: 's3:GetBucketLogging' },
        { op: 's3:GetBucketLifecycleConfiguration', action: 's3:GetLifecycleConfiguration' },
        { op: 's3:GetBucketReplication', action: 's3:GetReplicationConfiguration' },
        { op: 's3:GetBucketOwnershipControls' },
        { op: 's3:GetAccountPublicAccessBlock' },
      ],
    },
    {
      name: 'cloudfront',
      title: 'CloudFront distributions',
      scope: 'global',
      endpoints: { cloudfront: 'CLOUDFRONT' },
      produces: ['aws.cloudfront.distribution'],
      reads: [{ op: 'cloudfront:ListDistributions', lists: ['aws.cloudfront.distribution'] }, { op: 'cloudfront:GetDistributionConfig' }],
    },
    {
      name: 'ec2',
      title: 'EC2 instances, volumes, snapshots, security groups and their rules, VPCs and flow logs, launch templates, EBS default encryption',
      scope: 'regional',
      endpoints: { ec2: 'EC2' },
      produces: [
        'aws.ec2.instance',
        'aws.ec2.volume',
        'aws.ec2.snapshot',
        'aws.ec2.security-group',
        'aws.ec2.regional-settings',
        'aws.ec2.vpc',
        'aws.ec2.flow-log',
        'aws.ec2.launch-template',
      ],
      reads: [
        { op: 'ec2:DescribeInstances', lists: ['aws.ec2.instance'] },
        { op: 'ec2:DescribeVolumes', lists: ['aws.ec2.volume'] },
        { op: 'ec2:DescribeSnapshots', lists: ['aws.ec2.snapshot'] },
        { op: 'ec2:DescribeSecurityGroups', lists: ['aws.ec2.security-group'] },
        { op: 'ec2:GetEbsEncryptionByDefault', lists: ['aws.ec2.regional-settings'] },
        { op: 'ec2:DescribeVpcs', lists: ['aws.ec2.vpc'] },
        // A VPC is judged by the flow logs related to it: without them it cannot be judged.
        { op: 'ec2:DescribeFlowLogs', lists: ['aws.ec2.flow-log', 'aws.ec2.vpc'] },
        { op: 'ec2:DescribeLaunchTemplates', lists: ['aws.ec2.launch-template'] },
        { op: 'ec2:DescribeLaunchTemplateVersions', lists: ['aws.ec2.launch-template'] },
      ],
    },
    {
      name: 'elbv2',
      title: 'Application and Network Load Balancers, listeners, listener rules',
      scope: 'regional',
      endpoints: { elbv2: 'ELASTIC_LOAD_BALANCING_V2' },
      produces: ['aws.elbv2.load-balancer', 'aws.elbv2.listener', 'aws.elbv2.listener-rule'],
      reads: [
        { op: 'elasticloadbalancing:DescribeLoadBalancers', lists: ['aws.elbv2.load-balancer', 'aws.elbv2.listener', 'aws.elbv2.listener-rule'] },
        { op: 'elasticloadbalancing:DescribeLoadBalancerAttributes' },
        { op: 'elasticloadbalancing:DescribeListeners', lists: ['aws.elbv2.listener', 'aws.elbv2.listener-rule'] },
        { op: 'elasticloadbalancing:DescribeRules', lists: ['aws.elbv2.listener-rule', 'aws.elbv2.listener'] },
        { op: 'elasticloadbalancing:DescribeSSLPolicies' },
      ],
    },
    {
      name: 'rds',
      title: 'RDS DB instances and clusters with their parameter groups',
      scope: 'regional',
      endpoints: { rds: 'RDS' },
      produces: ['aws.rds.db-instance', 'aws.rds.db-cluster', 'aws.rds.db-parameter-group', 'aws.rds.db-cluster-parameter-group'],
      reads: [
        { op: 'rds:DescribeDBInstances', lists: ['aws.rds.db-instance'] },
        { op: 'rds:DescribeDBClusters', lists: ['aws.rds.db-cluster'] },
        { op: 'rds:DescribeDBParameters', lists: ['aws.rds.db-parameter-group'] },
        { op: 'rds:DescribeDBClusterParameters', lists: ['aws.rds.db-cluster-parameter-group'] },
      ],
    },
    {
      name: 'elasticache',
      title: 'ElastiCache replication groups, cache clusters, serverless caches',
      scope: 'regional',
      endpoints: { elasticache: 'ELASTICACHE' },
      produces: ['aws.elasticache.replication-group', 'aws.elasticache.cache-cluster', 'aws.elasticache.serverless-cache'],
      reads: [
        { op: 'elasticache:DescribeReplicationGroups', lists: ['aws.elasticache.replication-group'] },
        { op: 'elasticache:DescribeCacheClusters', lists: ['aws.elasticache.cache-cluster'] },
        { op: 'elasticache:DescribeServerlessCaches', lists: ['aws.elasticache.serverless-cache'] },
      ],
    },
    {
      name: 'kms',
      title: 'KMS keys and their rotation',
      scope: 'regional',
      endpoints: { kms: 'KMS' },
      produces: ['aws.kms.key'],
      reads: [{ op: 'kms:ListKeys', lists: ['aws.kms.key'] }, { op: 'kms:DescribeKey' }, { op: 'kms:GetKeyRotationStatus' }],
    },
    {
      name: 'secretsmanager',
      title: 'Secrets Manager secret metadata (never values)',
      scope: 'regional',
      endpoints: { secretsmanager: 'SECRETS_MANAGER' },
      produces: ['aws.secretsmanager.secret'],
      reads: [{ op: 'secretsmanager:ListSecrets', lists: ['aws.secretsmanager.secret'] }],
    },
    {
      name: 'ssm',
      title: 'SSM parameter metadata (never values)',
      scope: 'regional',
      endpoints: { ssm: 'SSM' },
      produces: ['aws.ssm.parameter'],
      reads: [{ op: 'ssm:DescribeParameters', lists: ['aws.ssm.parameter'] }],
    },
    {
      name: 'backup',
      title: 'AWS Backup vaults, plans and selections',
      scope: 'regional',
      endpoints: { backup: 'BACKUP' },
      produces: ['aws.backup.backup-vault', 'aws.backup.backup-plan', 'aws.backup.backup-selection'],
      reads: [
        { op: 'backup:ListBackupVaults', lists: ['aws.backup.backup-vault'] },
        { op: 'backup:ListBackupPlans', lists: ['aws.backup.backup-plan', 'aws.backup.backup-selection'] },
        { op: 'backup:GetBackupPlan' },
        { op: 'backup:ListBackupSelections', lists: ['aws.backup.backup-selection'] },
        { op: 'backup:GetBackupSelection' },
      ],
    },
    {
      name: 'dynamodb',
      title: 'DynamoDB tables and global tables (version 2019.11.21) with point-in-time recovery',
      scope: 'regional',
      endpoints: { dynamodb: 'DYNAMODB' },
      produces: ['aws.dynamodb.table', 'aws.dynamodb.global-table'],
      reads: [
        { op: 'dynamodb:ListTables', lists: ['aws.dynamodb.table', 'aws.dynamodb.global-table'] },
        // Replicas are listed by DescribeTable: without it a global table looks like a plain one.
        { op: 'dynamodb:DescribeTable', lists: ['aws.dynamodb.global-table'] },
        { op: 'dynamodb:DescribeContinuousBackups' },
      ],
    },
    {
      name: 'cloudtrail',
      title: 'CloudTrail trails and their status',
      scope: 'regional',
      endpoints: { cloudtrail: 'CLOUDTRAIL' },
      produces: ['aws.cloudtrail.trail'],
      reads: [{ op: 'cloudtrail:DescribeTrails', lists: ['aws.cloudtrail.trail'] }, { op: 'cloudtrail:GetTrailStatus' }],
    },
    {
      name: 'logs',
      title: 'CloudWatch Logs log groups (settings only, never events)',
      scope: 'regional',
      endpoints: { logs: 'CLOUDWATCH_LOGS' },
      produces: ['aws.logs.log-group'],
      reads: [{ op: 'logs:DescribeLogGroups', lists: ['aws.logs.log-group'] }],
    },
    {
      name: 'apigateway',
      title: 'API Gateway REST APIs and their stages, custom domain names (v1 and v2)',
      scope: 'regional',
      endpoints: { apigateway: 'API_GATEWAY', apigatewayv2: 'APIGATEWAYV2' },
      produces: ['aws.apigateway.domain-name', 'aws.apigateway.domain-name-v2', 'aws.apigateway.rest-api', 'aws.apigatewayv2.domain-name'],
      reads: [
        { op: 'apigateway:GetDomainNames', action: 'apigateway:GET', resource: 'arn:aws:apigateway:*::/domainnames', lists: ['aws.apigateway.domain-name', 'aws.apigateway.domain-name-v2'] },
        { op: 'apigateway:GetRestApis', action: 'apigateway:GET', resource: 'arn:aws:apigateway:*::/restapis', lists: ['aws.apigateway.rest-api'] },
        { op: 'apigatewayv2:GetDomainNames', action: 'apigateway:GET', resource: 'arn:aws:apigateway:*::/v2/domainnames', lists: ['aws.apigatewayv2.domain-name'] },
      ],
    },
    {
      name: 'lambda',
      title: 'Lambda function configuration (environment values classified, never stored)',
      scope: 'regional',
      endpoints: { lambda: 'LAMBDA' },
      produces: ['aws.lambda.function'],
      reads: [{ op: 'lambda:ListFunctions', lists: ['aws.lambda.function'] }],
    },
    {
      name: 'ecs',
      title: 'ECS task definitions (newest revision per family)',
      scope: 'regional',
      endpoints: { ecs: 'ECS' },
      produces: ['aws.ecs.task-definition'],
      reads: [{ op: 'ecs:ListTaskDefinitions', lists: ['aws.ecs.task-definition'] }, { op: 'ecs:DescribeTaskDefinition', lists: ['aws.ecs.task-definition'] }],
    },
    {
      name: 'efs',
      title: 'EFS file systems',
      scope: 'regional',
      endpoints: { efs: 'EFS' },
      produces: ['aws.efs.file-system'],
      reads: [{ op: 'elasticfilesystem:DescribeFileSystems', lists: ['aws.efs.file-system'] }],
    },
    {
      name: 'sqs',
      title: 'SQS queues and their encryption attributes (never messages)',
      scope: 'regional',
      endpoints: { sqs: 'SQS' },
      produces: ['aws.sqs.queue'],
      reads: [{ op: 'sqs:ListQueues', lists: ['aws.sqs.queue'] }, { op: 'sqs:GetQueueAttributes', lists: ['aws.sqs.queue'] }],
    },
    {
      name: 'sns',
      title: 'SNS topics and their encryption attributes',
      scope: 'regional',
      endpoints: { sns: 'SNS' },
      produces: ['aws.sns.topic'],
      reads: [{ op: 'sns:ListTopics', lists: ['aws.sns.topic'] }, { op: 'sns:GetTopicAttributes', lists: ['aws.sns.topic'] }],
    },
    {
      name: 'kinesis',
      title: 'Kinesis data streams (encryption; never records)',
      scope: 'regional',
      endpoints: { kinesis: 'KINESIS' },
      produces: ['aws.kinesis.stream'],
      reads: [{ op: 'kinesis:ListStreams', lists: ['aws.kinesis.stream'] }, { op: 'kinesis:DescribeStreamSummary', lists: ['aws.kinesis.stream'] }],
    },
    {
      name: 'opensearch',
      title: 'OpenSearch Service and legacy Elasticsearch domains',
      scope: 'regional',
      endpoints: { opensearch: 'OPENSEARCH' },
      produces: ['aws.opensearch.domain', 'aws.elasticsearch.domain'],
      reads: [
        { op: 'es:ListDomainNames', lists: ['aws.opensearch.domain', 'aws.elasticsearch.domain'] },
        { op: 'es:DescribeDomains', lists: ['aws.opensearch.domain', 'aws.elasticsearch.domain'] },
      ],
    },
    {
      name: 'cognito',
      title: 'Cognito user pools (MFA configuration; never users)',
      scope: 'regional',
      endpoints: { cognito: 'COGNITO_IDENTITY_PROVIDER' },
      produces: ['aws.cognito.user-pool'],
      reads: [
        { op: 'cognito-idp:ListUserPools', lists: ['aws.cognito.user-pool'] },
        { op: 'cognito-idp:DescribeUserPool', lists: ['aws.cognito.user-pool'] },
      ],
    },
    {
      name: 'cloudformation',
      title: 'CloudFormation stacks and the resources they own (never parameter values; of a template only its aws:cdk:path metadata)',
      scope: 'regional',
      endpoints: { cloudformation: 'CLOUDFORMATION' },
      produces: ['aws.cloudformation.stack'],
      reads: [
        { op: 'cloudformation:DescribeStacks', lists: ['aws.cloudformation.stack'] },
        // Ownership (src/drift/ownership.ts): one page walk per stack, never a call per resource.
        { op: 'cloudformation:ListStackResources' },
        // The deployed template, parsed in memory for its aws:cdk:path metadata only; the body is never kept.
        { op: 'cloudformation:GetTemplate' },
      ],
    },
  ],
  iacOnly: {
    'aws.custom.*': 'custom resources exist only in templates; live, what they change is read on the resources they change',
    'aws.iam.policy': 'AWS::IAM::Policy is an inline policy of its principals: live, it is read with its user, group or role',
    'aws.ec2.security-group-ingress': 'a standalone ingress rule is, live, a rule of its security group: it is judged with the group (ec2:DescribeSecurityGroups)',
  },
} as const satisfies ProviderDeclaration;

type Endpoints<S> = S extends { endpoints: infer E } ? keyof E : never;
/** Every `--endpoint` name an AWS scan accepts (besides `default`). */
export type AwsEndpointName = Endpoints<(typeof aws.services)[number]> | Endpoints<typeof aws.base>;
export type AwsServiceName = (typeof aws.services)[number]['name'];

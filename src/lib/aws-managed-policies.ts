/**
 * What AWS managed policies grant, read from the AWS Managed Policy Reference
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/<Name>.html), for the
 * policies commonly attached in templates and CDK apps. A name is not enough: service-role
 * policies named like anything (AWSGlueServiceRole, AmazonElasticMapReduceforEC2Role) grant
 * `service:*` on `*`, which AWS Config (iam-policy-no-statements-with-full-access) and
 * Security Hub IAM.21 call over-broad in a customer policy; the labels' judgement call
 * applies the same reading to AWS's own policies.
 *
 * Each entry records the default version read and every `service:*` (or `*`) it allows,
 * with the resource its statement names. An entry with no grants was read and allows only
 * listed actions or prefixed wildcards (`s3:Get*`, `sqs:Delete*`): not `service:*`.
 *
 * Decisions:
 * - `service:*` on a service-wide ARN pattern (AWSLambdaExecute: `logs:*` on
 *   `arn:aws:logs:*:*:*`) is the same grant as on `*`: every action on every log group.
 * - Read-only wildcards (`kafka:Describe*`, `s3:Get*`...) are not `service:*` writes, so the
 *   read-only job-function policies (ReadOnlyAccess, ViewOnlyAccess, SecurityAudit,
 *   *ReadOnlyAccess) are not matched; they are left out of the table (their documents are
 *   long and change monthly) and keep the name-based reading: pass.
 * - A name not in the table keeps the name-based reading: the `*FullAccess` family and the
 *   two full-service policies in src/lib/iam/identity-policy.ts fail, anything else passes.
 *   This table is the one place to extend.
 * - AWS edits managed policies; a table entry is as of the version it names.
 * - Named write actions on `*` (`namedWritesOnAll`: AWSLambdaRole's lambda:InvokeFunction, the DLM
 *   role's ec2:DeleteSnapshot...) are recorded but not judged. The inline reader fails them in a
 *   customer policy, but the labels read AWS's service-role policies otherwise, per policy (session 13
 *   count over all labelled sets, principal's iam-least-privilege label): AWSLambdaRole 1 fail : 0 pass
 *   (scout21's new call, below rule zero's 3 cases); AWSDataLifecycleManagerServiceRole 0 : 12;
 *   AmazonEKS_CNI_Policy 0 : 16. Judge a policy's named writes only once its own count reaches 3:1
 *   with at least 3 cases.
 * - AWSGlueServiceRole's glue:* on * (session 15 fixAL count over all labelled sets, roles vouch fails for it and
 *   nothing else): labelled fail 20 : pass 10. Passing it would need 3:1 for pass; the fail reading stays.
 */

import { ADMIN_MANAGED_POLICIES, fullAccessManagedPolicy, managedPolicyArnKind } from './iam.js';

export interface ServiceWildcardGrant {
  /** The service prefix whose every action is allowed (`*` for all services). */
  readonly service: string;
  /** The resource the statement names: `*` or a service-wide ARN pattern. */
  readonly resource: string;
}

export interface AwsManagedPolicyFacts {
  /** Default version read, and the date AWS created it. */
  readonly version: string;
  readonly versionDate: string;
  /** Every `service:*` the default version allows (empty: none). */
  readonly serviceWildcards: readonly ServiceWildcardGrant[];
  /**
   * Named write actions that take a resource ARN, allowed on `*` (what the inline reader fails in a
   * customer policy). Recorded, not judged: see the decision on named writes above.
   */
  readonly namedWritesOnAll?: readonly string[];
}

const all = (...services: string[]): ServiceWildcardGrant[] => services.map((service) => ({ service, resource: '*' }));

/** Read in the Managed Policy Reference; keyed by policy name (the ARN's last segment). */
export const AWS_MANAGED_POLICIES: Readonly<Record<string, AwsManagedPolicyFacts>> = {
  // --- grant service:* ---
  AWSGlueServiceRole: { version: 'v5', versionDate: '2023-09-11', serviceWildcards: all('glue') },
  AmazonElasticMapReduceforEC2Role: { version: 'v3', versionDate: '2017-08-11', serviceWildcards: all('cloudwatch', 'dynamodb', 's3', 'sdb', 'sns', 'sqs') },
  AmazonEC2RoleforDataPipelineRole: { version: 'v3', versionDate: '2016-02-22', serviceWildcards: all('cloudwatch', 'datapipeline', 'dynamodb', 's3', 'sdb', 'sns', 'sqs') },
  AWSLambdaExecute: { version: 'v1', versionDate: '2015-02-06', serviceWildcards: [{ service: 'logs', resource: 'arn:aws:logs:*:*:*' }] },
  CloudWatchLogsFullAccess: { version: 'v3', versionDate: '2025-05-20', serviceWildcards: all('logs') },
  AmazonSSMAutomationRole: { version: 'v6', versionDate: '2025-09-11', serviceWildcards: all('ssm') },
  AWSGreengrassResourceAccessRolePolicy: { version: 'v5', versionDate: '2018-11-14', serviceWildcards: all('greengrass') },
  AWSCodeBuildAdminAccess: { version: 'v14', versionDate: '2024-05-02', serviceWildcards: all('codebuild') },
  AWSCodeArtifactAdminAccess: { version: 'v1', versionDate: '2020-06-16', serviceWildcards: all('codeartifact') },
  'AdministratorAccess-Amplify': { version: 'v12', versionDate: '2024-04-04', serviceWildcards: all('amplify', 'amplifybackend', 'amplifyuibuilder', 'mobiletargeting', 'geo') },
  'AdministratorAccess-AWSElasticBeanstalk': {
    version: 'v7',
    versionDate: '2026-02-11',
    serviceWildcards: [
      ...all('elasticbeanstalk'),
      { service: 'autoscaling', resource: 'arn:aws:autoscaling:* (Beanstalk awseb-*/eb-* groups)' },
      { service: 'elasticloadbalancing', resource: 'arn:aws:elasticloadbalancing:* (Beanstalk awseb-*/eb-* load balancers)' },
    ],
  },
  AWSElasticBeanstalkService: {
    version: 'v17',
    versionDate: '2023-05-10',
    serviceWildcards: [
      ...all('elasticbeanstalk'),
      { service: 'cloudformation', resource: 'arn:aws:cloudformation:*:*:stack/awseb-* and stack/eb-*' },
      { service: 's3', resource: 'arn:aws:s3:::elasticbeanstalk-* and its objects' },
    ],
  },
  // support:* and support-console:* on *. CIS 1.17 asks for a role with it (iam-least-privilege/aws-support-role,
  // live); the labels still count its service:* as over-broad on the principal it is attached to (fixL count: 5
  // labelled fail, 0 pass, in scout8, scout14, vault3, vault6, scout16).
  AWSSupportAccess: { version: 'v3', versionDate: '2026-02-11', serviceWildcards: all('support', 'support-console') },
  // --- read: listed actions or prefixed wildcards only ---
  AmazonElasticMapReduceRole: { version: 'v10', versionDate: '2020-06-24', serviceWildcards: [] },
  AmazonEMRServicePolicy_v2: { version: 'v3', versionDate: '2024-05-02', serviceWildcards: [] },
  AWSLambdaRole: { version: 'v1', versionDate: '2015-02-06', serviceWildcards: [], namedWritesOnAll: ['lambda:InvokeFunction'] },
  AWSDataLifecycleManagerServiceRole: {
    version: 'v8',
    versionDate: '2024-12-16',
    serviceWildcards: [],
    namedWritesOnAll: ['ec2:CreateSnapshot', 'ec2:CreateSnapshots', 'ec2:DeleteSnapshot', 'ec2:CopySnapshot', 'ec2:ModifySnapshotAttribute', 'ec2:ModifySnapshotTier', 'ec2:EnableFastSnapshotRestores', 'ec2:DisableFastSnapshotRestores'],
  },
  AWSLambdaBasicExecutionRole: { version: 'v1', versionDate: '2015-04-09', serviceWildcards: [] },
  AWSLambdaVPCAccessExecutionRole: { version: 'v3', versionDate: '2024-01-05', serviceWildcards: [] },
  AWSLambdaKinesisExecutionRole: { version: 'v2', versionDate: '2018-11-19', serviceWildcards: [] },
  AWSLambdaDynamoDBExecutionRole: { version: 'v1', versionDate: '2015-04-09', serviceWildcards: [] },
  AWSLambdaSQSQueueExecutionRole: { version: 'v1', versionDate: '2018-06-14', serviceWildcards: [] },
  AmazonEC2RoleforSSM: { version: 'v8', versionDate: '2019-01-24', serviceWildcards: [] },
  AmazonSSMManagedInstanceCore: { version: 'v2', versionDate: '2019-05-23', serviceWildcards: [] },
  AmazonEC2ContainerServiceforEC2Role: { version: 'v7', versionDate: '2023-03-06', serviceWildcards: [] },
  AmazonECSTaskExecutionRolePolicy: { version: 'v1', versionDate: '2017-11-16', serviceWildcards: [] },
  CloudWatchAgentServerPolicy: { version: 'v3', versionDate: '2024-02-06', serviceWildcards: [] },
  AWSXRayDaemonWriteAccess: { version: 'v2', versionDate: '2024-02-13', serviceWildcards: [] },
  AmazonAPIGatewayPushToCloudWatchLogs: { version: 'v1', versionDate: '2015-11-11', serviceWildcards: [] },
  AWSIoTRuleActions: { version: 'v2', versionDate: '2018-01-16', serviceWildcards: [] },
  AWSIoTLogging: { version: 'v1', versionDate: '2015-10-08', serviceWildcards: [] },
  AmazonRDSEnhancedMonitoringRole: { version: 'v1', versionDate: '2015-11-11', serviceWildcards: [] },
  AWSElasticBeanstalkWebTier: { version: 'v7', versionDate: '2020-09-09', serviceWildcards: [] },
  AWSElasticBeanstalkWorkerTier: { version: 'v6', versionDate: '2020-09-09', serviceWildcards: [] },
  AWSElasticBeanstalkMulticontainerDocker: { version: 'v3', versionDate: '2023-03-23', serviceWildcards: [] },
  AWSElasticBeanstalkEnhancedHealth: { version: 'v4', versionDate: '2018-04-09', serviceWildcards: [] },
  AWSCodeDeployRole: { version: 'v11', versionDate: '2023-08-16', serviceWildcards: [] },
  // config:Put*, config:Get*... and read actions of every other service.
  AWSConfigRole: { version: 'v42', versionDate: '2022-02-10', serviceWildcards: [] },
  AmazonMSKReadOnlyAccess: { version: 'v1', versionDate: '2019-01-14', serviceWildcards: [] },
  AWSTransferLoggingAccess: { version: 'v1', versionDate: '2019-01-14', serviceWildcards: [] },
  AWSAppRunnerServicePolicyForECRAccess: { version: 'v1', versionDate: '2021-05-14', serviceWildcards: [] },
  AmazonEKSClusterPolicy: { version: 'v9', versionDate: '2026-02-11', serviceWildcards: [] },
  AWSBatchServiceRole: { version: 'v13', versionDate: '2023-12-05', serviceWildcards: [] },
  AmazonEKSWorkerNodePolicy: { version: 'v3', versionDate: '2023-11-27', serviceWildcards: [] },
  AmazonEKS_CNI_Policy: { version: 'v5', versionDate: '2024-03-04', serviceWildcards: [], namedWritesOnAll: ['ec2:AttachNetworkInterface', 'ec2:ModifyNetworkInterfaceAttribute'] },
  AmazonEC2ContainerRegistryReadOnly: { version: 'v3', versionDate: '2019-12-10', serviceWildcards: [] },
  AmazonEC2ContainerRegistryPowerUser: { version: 'v3', versionDate: '2019-12-10', serviceWildcards: [] },
  AmazonEC2ContainerServiceRole: { version: 'v2', versionDate: '2016-08-11', serviceWildcards: [] },
  AmazonEC2SpotFleetTaggingRole: { version: 'v5', versionDate: '2020-04-23', serviceWildcards: [] },
  AWSLambdaMSKExecutionRole: { version: 'v2', versionDate: '2022-08-02', serviceWildcards: [] },
  AmazonDMSRedshiftS3Role: { version: 'v3', versionDate: '2019-07-08', serviceWildcards: [] },
  AWSBackupServiceRolePolicyForBackup: { version: 'v29', versionDate: '2026-02-12', serviceWildcards: [] },
  AWSBackupServiceRolePolicyForRestores: { version: 'v25', versionDate: '2025-11-10', serviceWildcards: [] },
  AWSBackupServiceRolePolicyForS3Backup: { version: 'v5', versionDate: '2026-08-24', serviceWildcards: [] },
  // codecommit:Create*, Get*, Put*, Update*...: prefixed wildcards, no codecommit:*.
  AWSCodeCommitPowerUser: { version: 'v17', versionDate: '2026-02-11', serviceWildcards: [] },
  // job-function/Billing: aws-portal:*Billing and listed billing actions.
  Billing: { version: 'v9', versionDate: '2024-01-17', serviceWildcards: [] },
};

/** The reference page an entry was read from. */
export function awsManagedPolicyReference(name: string): string {
  return `https://docs.aws.amazon.com/aws-managed-policy/latest/reference/${name}.html`;
}

/** The table's entry for a policy name, or undefined when the name was not read. */
export function awsManagedPolicyFacts(name: string): AwsManagedPolicyFacts | undefined {
  return Object.prototype.hasOwnProperty.call(AWS_MANAGED_POLICIES, name) ? AWS_MANAGED_POLICIES[name] : undefined;
}

/** `glue:* on all resources`, `logs:* on arn:aws:logs:*:*:*`, grouped by resource. */
export function describeServiceWildcards(grants: readonly ServiceWildcardGrant[]): string {
  const byResource = new Map<string, string[]>();
  for (const g of grants) byResource.set(g.resource, [...(byResource.get(g.resource) ?? []), `${g.service}:*`]);
  return [...byResource].map(([res, actions]) => `${actions.join(', ')} on ${res === '*' ? 'all resources' : res}`).join('; ');
}

/**
 * The AWS managed policy an attached ARN names when it grants `service:*`: a table entry
 * with grants, or (for names not in the table) the name-based `*FullAccess` reading. Admin
 * policies are left to their own rule; a customer policy, or an ARN whose name cannot be
 * read, is never matched here (`managedPolicyArnKind` tells the caller which is unknown).
 */
export function overBroadAwsManagedPolicy(arn: unknown): string | undefined {
  const kind = managedPolicyArnKind(arn);
  if (!('aws' in kind)) return undefined;
  const name = kind.aws;
  if ((ADMIN_MANAGED_POLICIES as readonly string[]).includes(name)) return undefined;
  const facts = awsManagedPolicyFacts(name);
  if (facts) return facts.serviceWildcards.length > 0 ? name : undefined;
  return fullAccessManagedPolicy(arn);
}

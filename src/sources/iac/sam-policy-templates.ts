/**
 * SAM policy templates (`Policies: [{ DynamoDBCrudPolicy: { TableName: !Ref T } }]`)
 * as the statements the AWS::Serverless transform writes for them: per template,
 * its parameters and, per statement, the actions, the resource ARN shapes and
 * (for two templates) the condition. Written from the facts of the SAM
 * translator's published policy templates (samtranslator/policy_templates_data/
 * policy_templates.json, the 81 templates of its current release: action lists,
 * ARN shapes, conditions); a template not in this table is not guessed at: the
 * caller leaves it unknown and lists it in coverage.
 *
 * Exactly what SAM writes, also where that is broad: a template that grants a
 * write on `*` (TextractPolicy's `textract:*`, CloudWatchDashboardPolicy's
 * PutDashboard) keeps it, and the IAM rules judge it. Two of SAM's action lists
 * name an action twice (CodeCommit's GetBranch, GetCommit); the duplicate is
 * dropped, which grants the same.
 *
 * ARN shapes use `${Param}` for a template parameter and CloudFormation's
 * pseudo parameters; each becomes an `Fn::Sub` with the parameter values the
 * template was given, exactly the form the transform emits, so the IAM rules
 * judge a SAM role and its hand-written CloudFormation twin the same way.
 */

interface TemplateStatement {
  actions: readonly string[];
  /** `*`, or ARN shapes with `${Param}` placeholders. */
  resources: readonly string[];
  /** Condition operator → key → value shape (with `${Param}` placeholders), as SAM writes it. */
  condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}
interface PolicyTemplate {
  params: readonly string[];
  statements: readonly TemplateStatement[];
}

const ARN = 'arn:${AWS::Partition}';
const REGIONAL = (service: string) => `${ARN}:${service}:\${AWS::Region}:\${AWS::AccountId}`;
const TABLE_ARN = `${REGIONAL('dynamodb')}:table/\${TableName}`;
const table = [TABLE_ARN, `${TABLE_ARN}/index/*`];
const bucket = [`${ARN}:s3:::\${BucketName}`, `${ARN}:s3:::\${BucketName}/*`];
const one = (params: readonly string[], actions: readonly string[], resources: readonly string[]): PolicyTemplate => ({ params, statements: [{ actions, resources }] });
/** `svc:A`, `svc:B` from `svc` and `A B`: SAM's long single-service action lists, in its order. */
const acts = (service: string, names: string): string[] => names.trim().split(/\s+/).map((n) => `${service}:${n}`);

const SQS_QUEUE = [`${REGIONAL('sqs')}:\${QueueName}`];
const KINESIS_STREAM = [`${REGIONAL('kinesis')}:stream/\${StreamName}`];
const KMS_KEY = [`${REGIONAL('kms')}:key/\${KeyId}`];
const SES_IDENTITY = [`${REGIONAL('ses')}:identity/\${IdentityName}`];
const FIREHOSE = [`${REGIONAL('firehose')}:deliverystream/\${DeliveryStreamName}`];
const STATE_MACHINE = [`${REGIONAL('states')}:stateMachine:\${StateMachineName}`];
const EMR_CLUSTER = [`${REGIONAL('elasticmapreduce')}:cluster/\${ClusterId}`];
const COLLECTION = [`${REGIONAL('rekognition')}:collection/\${CollectionId}`];
const REPOSITORY = [`${REGIONAL('codecommit')}:\${RepositoryName}`];
const SSM_READ = ['ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'];

export const POLICY_TEMPLATES: Readonly<Record<string, PolicyTemplate>> = {
  // Resourceless by design: these APIs have no resource-level permissions (or SAM grants them on `*`).
  AMIDescribePolicy: one([], ['ec2:DescribeImages'], ['*']),
  CloudWatchPutMetricPolicy: one([], ['cloudwatch:PutMetricData'], ['*']),
  CloudWatchDescribeAlarmHistoryPolicy: one([], ['cloudwatch:DescribeAlarmHistory'], ['*']),
  CloudWatchDashboardPolicy: one([], ['cloudwatch:GetDashboard', 'cloudwatch:ListDashboards', 'cloudwatch:PutDashboard', 'cloudwatch:ListMetrics'], ['*']),
  EC2DescribePolicy: one([], ['ec2:DescribeRegions', 'ec2:DescribeInstances'], ['*']),
  EKSDescribePolicy: one([], ['eks:DescribeCluster', 'eks:ListClusters'], ['*']),
  VPCAccessPolicy: one([], ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DetachNetworkInterface'], ['*']),
  OrganizationsListAccountsPolicy: one([], ['organizations:ListAccounts'], ['*']),
  CostExplorerReadOnlyPolicy: one([], acts('ce', 'GetCostAndUsage GetDimensionValues GetReservationCoverage GetReservationPurchaseRecommendation GetReservationUtilization GetTags'), ['*']),
  CodePipelineLambdaExecutionPolicy: one([], ['codepipeline:PutJobSuccessResult', 'codepipeline:PutJobFailureResult'], ['*']),
  MobileAnalyticsWriteOnlyAccessPolicy: one([], ['mobileanalytics:PutEvents'], ['*']),
  ComprehendBasicAccessPolicy: one(
    [],
    acts('comprehend', 'BatchDetectKeyPhrases DetectDominantLanguage DetectEntities BatchDetectEntities DetectKeyPhrases DetectSentiment BatchDetectDominantLanguage BatchDetectSentiment'),
    ['*'],
  ),
  TextractPolicy: one([], ['textract:*'], ['*']),
  TextractDetectAnalyzePolicy: one([], acts('textract', 'DetectDocumentText StartDocumentTextDetection StartDocumentAnalysis AnalyzeDocument'), ['*']),
  TextractGetResultPolicy: one([], ['textract:GetDocumentTextDetection', 'textract:GetDocumentAnalysis'], ['*']),
  CloudFormationDescribeStacksPolicy: one([], ['cloudformation:DescribeStacks'], [`${REGIONAL('cloudformation')}:stack/*`]),
  ServerlessRepoReadWriteAccessPolicy: one(
    [],
    acts('serverlessrepo', 'CreateApplication CreateApplicationVersion UpdateApplication GetApplication ListApplications ListApplicationVersions ListApplicationDependencies'),
    [`${REGIONAL('serverlessrepo')}:applications/*`],
  ),
  // DynamoDB: the table, its indexes, its backups.
  DynamoDBCrudPolicy: one(
    ['TableName'],
    ['dynamodb:GetItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:Scan', 'dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:BatchGetItem', 'dynamodb:DescribeTable', 'dynamodb:ConditionCheckItem'],
    table,
  ),
  DynamoDBReadPolicy: one(['TableName'], ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:DescribeTable'], table),
  DynamoDBWritePolicy: one(['TableName'], ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'], table),
  DynamoDBReconfigurePolicy: one(['TableName'], ['dynamodb:UpdateTable'], [TABLE_ARN]),
  DynamoDBStreamReadPolicy: {
    params: ['TableName', 'StreamName'],
    statements: [
      { actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], resources: [`${TABLE_ARN}/stream/\${StreamName}`] },
      { actions: ['dynamodb:ListStreams'], resources: [`${TABLE_ARN}/stream/*`] },
    ],
  },
  DynamoDBBackupFullAccessPolicy: {
    params: ['TableName'],
    statements: [
      { actions: ['dynamodb:CreateBackup', 'dynamodb:DescribeContinuousBackups'], resources: [TABLE_ARN] },
      { actions: ['dynamodb:DeleteBackup', 'dynamodb:DescribeBackup', 'dynamodb:ListBackups'], resources: [`${TABLE_ARN}/backup/*`] },
    ],
  },
  DynamoDBRestoreFromBackupPolicy: {
    params: ['TableName'],
    statements: [
      { actions: ['dynamodb:RestoreTableFromBackup'], resources: [`${TABLE_ARN}/backup/*`] },
      { actions: acts('dynamodb', 'PutItem UpdateItem DeleteItem GetItem Query Scan BatchWriteItem'), resources: [TABLE_ARN] },
    ],
  },
  // S3: the bucket and its objects.
  S3ReadPolicy: one(['BucketName'], ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:GetObjectVersion', 's3:GetLifecycleConfiguration'], bucket),
  S3WritePolicy: one(['BucketName'], ['s3:PutObject', 's3:PutObjectAcl', 's3:PutLifecycleConfiguration'], bucket),
  S3CrudPolicy: one(
    ['BucketName'],
    ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:GetObjectVersion', 's3:PutObject', 's3:PutObjectAcl', 's3:GetLifecycleConfiguration', 's3:PutLifecycleConfiguration', 's3:DeleteObject'],
    bucket,
  ),
  S3FullAccessPolicy: {
    params: ['BucketName'],
    statements: [
      {
        actions: [
          's3:GetObject', 's3:GetObjectAcl', 's3:GetObjectVersion', 's3:PutObject', 's3:PutObjectAcl', 's3:DeleteObject', 's3:DeleteObjectTagging',
          's3:DeleteObjectVersionTagging', 's3:GetObjectTagging', 's3:GetObjectVersionTagging', 's3:PutObjectTagging', 's3:PutObjectVersionTagging',
        ],
        resources: [`${ARN}:s3:::\${BucketName}/*`],
      },
      { actions: ['s3:ListBucket', 's3:GetBucketLocation', 's3:GetLifecycleConfiguration', 's3:PutLifecycleConfiguration'], resources: [`${ARN}:s3:::\${BucketName}`] },
    ],
  },
  // Files.
  EFSWriteAccessPolicy: {
    params: ['AccessPoint', 'FileSystem'],
    statements: [
      {
        actions: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
        resources: [`${REGIONAL('elasticfilesystem')}:file-system/\${FileSystem}`],
        condition: { StringEquals: { 'elasticfilesystem:AccessPointArn': `${REGIONAL('elasticfilesystem')}:access-point/\${AccessPoint}` } },
      },
    ],
  },
  // Messaging.
  SQSPollerPolicy: one(['QueueName'], ['sqs:ChangeMessageVisibility', 'sqs:ChangeMessageVisibilityBatch', 'sqs:DeleteMessage', 'sqs:DeleteMessageBatch', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], SQS_QUEUE),
  SQSSendMessagePolicy: one(['QueueName'], ['sqs:SendMessage*'], SQS_QUEUE),
  SNSPublishMessagePolicy: one(['TopicName'], ['sns:Publish'], [`${REGIONAL('sns')}:\${TopicName}`]),
  SNSCrudPolicy: one(['TopicName'], ['sns:ListSubscriptionsByTopic', 'sns:CreateTopic', 'sns:SetTopicAttributes', 'sns:Subscribe', 'sns:Publish'], [`${REGIONAL('sns')}:\${TopicName}*`]),
  EventBridgePutEventsPolicy: one(['EventBusName'], ['events:PutEvents'], [`${REGIONAL('events')}:event-bus/\${EventBusName}`]),
  KinesisStreamReadPolicy: {
    params: ['StreamName'],
    statements: [
      { actions: ['kinesis:ListStreams', 'kinesis:DescribeLimits'], resources: [`${REGIONAL('kinesis')}:stream/*`] },
      { actions: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator'], resources: KINESIS_STREAM },
    ],
  },
  KinesisCrudPolicy: one(
    ['StreamName'],
    [
      'kinesis:AddTagsToStream', 'kinesis:CreateStream', 'kinesis:DecreaseStreamRetentionPeriod', 'kinesis:DeleteStream', 'kinesis:DescribeStream',
      'kinesis:DescribeStreamSummary', 'kinesis:GetShardIterator', 'kinesis:IncreaseStreamRetentionPeriod', 'kinesis:ListTagsForStream',
      'kinesis:MergeShards', 'kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:SplitShard', 'kinesis:RemoveTagsFromStream',
    ],
    KINESIS_STREAM,
  ),
  FirehoseWritePolicy: one(['DeliveryStreamName'], ['firehose:PutRecord', 'firehose:PutRecordBatch'], FIREHOSE),
  FirehoseCrudPolicy: one(
    ['DeliveryStreamName'],
    ['firehose:CreateDeliveryStream', 'firehose:DeleteDeliveryStream', 'firehose:DescribeDeliveryStream', 'firehose:PutRecord', 'firehose:PutRecordBatch', 'firehose:UpdateDestination'],
    FIREHOSE,
  ),
  // Email and mobile.
  SESCrudPolicy: one(['IdentityName'], ['ses:GetIdentityVerificationAttributes', 'ses:SendEmail', 'ses:SendRawEmail', 'ses:VerifyEmailIdentity'], SES_IDENTITY),
  SESSendBouncePolicy: one(['IdentityName'], ['ses:SendBounce'], SES_IDENTITY),
  SESBulkTemplatedCrudPolicy: one(
    ['IdentityName'],
    acts('ses', 'GetIdentityVerificationAttributes SendEmail SendRawEmail SendTemplatedEmail SendBulkTemplatedEmail VerifyEmailIdentity'),
    SES_IDENTITY,
  ),
  SESBulkTemplatedCrudPolicy_v2: {
    params: ['IdentityName', 'TemplateName'],
    statements: [
      { actions: acts('ses', 'SendEmail SendRawEmail SendTemplatedEmail SendBulkTemplatedEmail'), resources: [...SES_IDENTITY, `${REGIONAL('ses')}:template/\${TemplateName}`] },
      { actions: ['ses:GetIdentityVerificationAttributes', 'ses:VerifyEmailIdentity'], resources: ['*'] },
    ],
  },
  SESEmailTemplateCrudPolicy: one([], acts('ses', 'CreateTemplate GetTemplate ListTemplates UpdateTemplate DeleteTemplate TestRenderTemplate'), ['*']),
  PinpointEndpointAccessPolicy: one(
    ['PinpointApplicationId'],
    ['mobiletargeting:GetEndpoint', 'mobiletargeting:UpdateEndpoint', 'mobiletargeting:UpdateEndpointsBatch'],
    [`${REGIONAL('mobiletargeting')}:apps/\${PinpointApplicationId}/endpoints/*`],
  ),
  // Compute and orchestration.
  LambdaInvokePolicy: one(['FunctionName'], ['lambda:InvokeFunction'], [`${REGIONAL('lambda')}:function:\${FunctionName}*`]),
  StepFunctionsExecutionPolicy: one(['StateMachineName'], ['states:StartExecution'], STATE_MACHINE),
  StepFunctionsExecutionPolicy_v2: one(['StateMachineName'], ['states:StartExecution', 'states:StartSyncExecution'], STATE_MACHINE),
  StepFunctionsCallbackPolicy: one(['StateMachineName'], ['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess'], STATE_MACHINE),
  EcsRunTaskPolicy: one(['TaskDefinition'], ['ecs:RunTask'], [`${REGIONAL('ecs')}:task-definition/\${TaskDefinition}`]),
  EC2CopyImagePolicy: one(['ImageId'], ['ec2:CopyImage'], [`${REGIONAL('ec2')}:image/\${ImageId}`]),
  ElasticMapReduceAddJobFlowStepsPolicy: one(['ClusterId'], ['elasticmapreduce:AddJobFlowSteps'], EMR_CLUSTER),
  ElasticMapReduceCancelStepsPolicy: one(['ClusterId'], ['elasticmapreduce:CancelSteps'], EMR_CLUSTER),
  ElasticMapReduceModifyInstanceFleetPolicy: one(['ClusterId'], ['elasticmapreduce:ModifyInstanceFleet', 'elasticmapreduce:ListInstanceFleets'], EMR_CLUSTER),
  ElasticMapReduceModifyInstanceGroupsPolicy: one(['ClusterId'], ['elasticmapreduce:ModifyInstanceGroups', 'elasticmapreduce:ListInstanceGroups'], EMR_CLUSTER),
  ElasticMapReduceSetTerminationProtectionPolicy: one(['ClusterId'], ['elasticmapreduce:SetTerminationProtection'], EMR_CLUSTER),
  ElasticMapReduceTerminateJobFlowsPolicy: one(['ClusterId'], ['elasticmapreduce:TerminateJobFlows'], EMR_CLUSTER),
  SageMakerCreateEndpointConfigPolicy: one(['EndpointConfigName'], ['sagemaker:CreateEndpointConfig'], [`${REGIONAL('sagemaker')}:endpoint-config/\${EndpointConfigName}`]),
  SageMakerCreateEndpointPolicy: one(['EndpointName'], ['sagemaker:CreateEndpoint'], [`${REGIONAL('sagemaker')}:endpoint/\${EndpointName}`]),
  // Analytics, search, developer tools.
  AthenaQueryPolicy: {
    params: ['WorkGroupName'],
    statements: [
      { actions: acts('athena', 'ListWorkGroups GetExecutionEngine GetExecutionEngines GetNamespace GetCatalogs GetNamespaces GetTables GetTable'), resources: ['*'] },
      {
        actions: acts(
          'athena',
          `StartQueryExecution GetQueryResults DeleteNamedQuery GetNamedQuery ListQueryExecutions StopQueryExecution GetQueryResultsStream
           ListNamedQueries CreateNamedQuery GetQueryExecution BatchGetNamedQuery BatchGetQueryExecution GetWorkGroup`,
        ),
        resources: [`${REGIONAL('athena')}:workgroup/\${WorkGroupName}`],
      },
    ],
  },
  ElasticsearchHttpPostPolicy: one(['DomainName'], ['es:ESHttpPost', 'es:ESHttpPut'], [`${REGIONAL('es')}:domain/\${DomainName}/*`]),
  CodeCommitCrudPolicy: one(
    ['RepositoryName'],
    acts(
      'codecommit',
      `GitPull GitPush CreateBranch DeleteBranch GetBranch ListBranches MergeBranchesByFastForward MergeBranchesBySquash MergeBranchesByThreeWay
       UpdateDefaultBranch BatchDescribeMergeConflicts CreateUnreferencedMergeCommit DescribeMergeConflicts GetMergeCommit GetMergeOptions
       BatchGetPullRequests CreatePullRequest DescribePullRequestEvents GetCommentsForPullRequest GetCommitsFromMergeBase GetMergeConflicts
       GetPullRequest ListPullRequests MergePullRequestByFastForward MergePullRequestBySquash MergePullRequestByThreeWay PostCommentForPullRequest
       UpdatePullRequestDescription UpdatePullRequestStatus UpdatePullRequestTitle DeleteFile GetBlob GetFile GetFolder PutFile
       DeleteCommentContent GetComment GetCommentsForComparedCommit PostCommentForComparedCommit PostCommentReply UpdateComment BatchGetCommits
       CreateCommit GetCommit GetCommitHistory GetDifferences GetObjectIdentifier GetReferences GetTree GetRepository UpdateRepositoryDescription
       ListTagsForResource TagResource UntagResource GetRepositoryTriggers PutRepositoryTriggers TestRepositoryTriggers UploadArchive
       GetUploadArchiveStatus CancelUploadArchive`,
    ),
    REPOSITORY,
  ),
  CodeCommitReadPolicy: one(
    ['RepositoryName'],
    acts(
      'codecommit',
      `GitPull GetBranch ListBranches BatchDescribeMergeConflicts DescribeMergeConflicts GetMergeCommit GetMergeOptions BatchGetPullRequests
       DescribePullRequestEvents GetCommentsForPullRequest GetCommitsFromMergeBase GetMergeConflicts GetPullRequest ListPullRequests GetBlob
       GetFile GetFolder GetComment GetCommentsForComparedCommit BatchGetCommits GetCommit GetCommitHistory GetDifferences GetObjectIdentifier
       GetReferences GetTree GetRepository ListTagsForResource GetRepositoryTriggers TestRepositoryTriggers GetUploadArchiveStatus`,
    ),
    REPOSITORY,
  ),
  CodePipelineReadOnlyPolicy: one(['PipelineName'], ['codepipeline:ListPipelineExecutions'], [`${REGIONAL('codepipeline')}:\${PipelineName}`]),
  // Machine learning and media.
  RekognitionDetectOnlyPolicy: one([], acts('rekognition', 'DetectFaces DetectLabels DetectModerationLabels DetectText'), ['*']),
  RekognitionFacesPolicy: one([], ['rekognition:CompareFaces', 'rekognition:DetectFaces'], ['*']),
  RekognitionLabelsPolicy: one([], ['rekognition:DetectLabels', 'rekognition:DetectModerationLabels'], ['*']),
  RekognitionNoDataAccessPolicy: one(['CollectionId'], acts('rekognition', 'CompareFaces DetectFaces DetectLabels DetectModerationLabels'), COLLECTION),
  RekognitionReadPolicy: one(['CollectionId'], acts('rekognition', 'ListCollections ListFaces SearchFaces SearchFacesByImage'), COLLECTION),
  RekognitionWriteOnlyAccessPolicy: one(['CollectionId'], ['rekognition:CreateCollection', 'rekognition:IndexFaces'], COLLECTION),
  RekognitionFacesManagementPolicy: one(['CollectionId'], acts('rekognition', 'IndexFaces DeleteFaces SearchFaces SearchFacesByImage ListFaces'), COLLECTION),
  PollyFullAccessPolicy: {
    params: ['LexiconName'],
    statements: [
      { actions: ['polly:GetLexicon', 'polly:DeleteLexicon'], resources: [`${REGIONAL('polly')}:lexicon/\${LexiconName}`] },
      { actions: acts('polly', 'DescribeVoices ListLexicons PutLexicon SynthesizeSpeech'), resources: [`${REGIONAL('polly')}:lexicon/*`] },
    ],
  },
  // Keys, certificates, parameters, secrets, DNS, logs.
  KMSDecryptPolicy: one(['KeyId'], ['kms:Decrypt'], KMS_KEY),
  KMSEncryptPolicy: one(['KeyId'], ['kms:Encrypt'], KMS_KEY),
  KMSEncryptPolicy_v2: one(['KeyId'], acts('kms', 'Encrypt GenerateDataKey GenerateDataKeyWithoutPlaintext GenerateDataKeyPair GenerateDataKeyPairWithoutPlaintext'), KMS_KEY),
  AcmGetCertificatePolicy: one(['CertificateArn'], ['acm:GetCertificate'], ['${CertificateArn}']),
  SSMParameterReadPolicy: {
    params: ['ParameterName'],
    statements: [
      { actions: ['ssm:DescribeParameters'], resources: ['*'] },
      { actions: SSM_READ, resources: [`${REGIONAL('ssm')}:parameter/\${ParameterName}`] },
    ],
  },
  SSMParameterWithSlashPrefixReadPolicy: {
    params: ['ParameterName'],
    statements: [
      { actions: ['ssm:DescribeParameters'], resources: ['*'] },
      { actions: SSM_READ, resources: [`${REGIONAL('ssm')}:parameter\${ParameterName}`] },
    ],
  },
  AWSSecretsManagerGetSecretValuePolicy: one(['SecretArn'], ['secretsmanager:GetSecretValue'], ['${SecretArn}']),
  AWSSecretsManagerRotationPolicy: {
    params: ['FunctionName'],
    statements: [
      {
        // Any secret of the account, but only one whose rotation function is this one.
        actions: acts('secretsmanager', 'DescribeSecret GetSecretValue PutSecretValue UpdateSecretVersionStage'),
        resources: [`${REGIONAL('secretsmanager')}:secret:*`],
        condition: { StringEquals: { 'secretsmanager:resource/AllowRotationLambdaArn': `${REGIONAL('lambda')}:function:\${FunctionName}` } },
      },
      { actions: ['secretsmanager:GetRandomPassword'], resources: ['*'] },
    ],
  },
  Route53ChangeResourceRecordSetsPolicy: one(['HostedZoneId'], ['route53:ChangeResourceRecordSets'], [`${ARN}:route53:::hostedzone/\${HostedZoneId}`]),
  FilterLogEventsPolicy: one(['LogGroupName'], ['logs:FilterLogEvents'], [`${REGIONAL('logs')}:log-group:\${LogGroupName}:log-stream:*`]),
};

/**
 * The policy document SAM writes for template `name` with parameter values
 * `given`, or why it cannot be written (a template not in the table, a
 * parameter missing: the transform itself rejects the latter).
 */
export function expandPolicyTemplate(name: string, given: unknown): { document: Record<string, unknown> } | { why: string } {
  const t = Object.prototype.hasOwnProperty.call(POLICY_TEMPLATES, name) ? POLICY_TEMPLATES[name] : undefined;
  if (!t) return { why: `SAM policy template ${name}: not one vouch expands, its permissions are unknown` };
  const values = given && typeof given === 'object' && !Array.isArray(given) ? (given as Record<string, unknown>) : {};
  const missing = t.params.filter((p) => values[p] === undefined || values[p] === null);
  if (missing.length) return { why: `SAM policy template ${name} without ${missing.join(', ')}: the transform rejects it` };
  const fill = (shape: string): unknown => {
    if (shape === '*') return '*';
    const used = t.params.filter((p) => shape.includes(`\${${p}}`));
    return used.length ? { 'Fn::Sub': [shape, Object.fromEntries(used.map((p) => [p, values[p]]))] } : { 'Fn::Sub': shape };
  };
  return {
    document: {
      Version: '2012-10-17',
      Statement: t.statements.map((s) => ({
        Effect: 'Allow',
        Action: [...s.actions],
        Resource: s.resources.length === 1 ? fill(s.resources[0]!) : s.resources.map(fill),
        ...(s.condition
          ? { Condition: Object.fromEntries(Object.entries(s.condition).map(([op, keys]) => [op, Object.fromEntries(Object.entries(keys).map(([k, shape]) => [k, fill(shape)]))])) }
          : {}),
      })),
    },
  };
}

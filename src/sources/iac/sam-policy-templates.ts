/**
 * SAM policy templates (`Policies: [{ DynamoDBCrudPolicy: { TableName: !Ref T } }]`)
 * as the statements the AWS::Serverless transform writes for them: per template,
 * its parameters and, per statement, the actions and the resource ARN shapes.
 * Written from the facts of the SAM translator's published policy templates
 * (action lists and ARN shapes per template); a template not in this table is
 * not guessed at: the caller leaves it unknown and lists it in coverage.
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
}
interface PolicyTemplate {
  params: readonly string[];
  statements: readonly TemplateStatement[];
}

const ARN = 'arn:${AWS::Partition}';
const REGIONAL = (service: string) => `${ARN}:${service}:\${AWS::Region}:\${AWS::AccountId}`;
const table = (p: string) => [`${REGIONAL('dynamodb')}:table/\${${p}}`, `${REGIONAL('dynamodb')}:table/\${${p}}/index/*`];
const bucket = [`${ARN}:s3:::\${BucketName}`, `${ARN}:s3:::\${BucketName}/*`];
const one = (params: readonly string[], actions: readonly string[], resources: readonly string[]): PolicyTemplate => ({ params, statements: [{ actions, resources }] });

const SQS_QUEUE = [`${REGIONAL('sqs')}:\${QueueName}`];
const KINESIS_STREAM = [`${REGIONAL('kinesis')}:stream/\${StreamName}`];
const KMS_KEY = [`${REGIONAL('kms')}:key/\${KeyId}`];
const SES_IDENTITY = [`${REGIONAL('ses')}:identity/\${IdentityName}`];
const FIREHOSE = [`${REGIONAL('firehose')}:deliverystream/\${DeliveryStreamName}`];
const SSM_READ = ['ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'];

export const POLICY_TEMPLATES: Readonly<Record<string, PolicyTemplate>> = {
  // Resourceless by design: these APIs have no resource-level permissions.
  CloudWatchPutMetricPolicy: one([], ['cloudwatch:PutMetricData'], ['*']),
  CloudWatchDescribeAlarmHistoryPolicy: one([], ['cloudwatch:DescribeAlarmHistory'], ['*']),
  EC2DescribePolicy: one([], ['ec2:DescribeRegions', 'ec2:DescribeInstances'], ['*']),
  VPCAccessPolicy: one([], ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DetachNetworkInterface'], ['*']),
  // DynamoDB: the table and its indexes.
  DynamoDBCrudPolicy: one(
    ['TableName'],
    ['dynamodb:GetItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:Scan', 'dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:BatchGetItem', 'dynamodb:DescribeTable', 'dynamodb:ConditionCheckItem'],
    table('TableName'),
  ),
  DynamoDBReadPolicy: one(['TableName'], ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:DescribeTable'], table('TableName')),
  DynamoDBWritePolicy: one(['TableName'], ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'], table('TableName')),
  DynamoDBReconfigurePolicy: one(['TableName'], ['dynamodb:UpdateTable'], [`${REGIONAL('dynamodb')}:table/\${TableName}`]),
  DynamoDBStreamReadPolicy: {
    params: ['TableName', 'StreamName'],
    statements: [
      { actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], resources: [`${REGIONAL('dynamodb')}:table/\${TableName}/stream/\${StreamName}`] },
      { actions: ['dynamodb:ListStreams'], resources: [`${REGIONAL('dynamodb')}:table/\${TableName}/stream/*`] },
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
  SESCrudPolicy: one(['IdentityName'], ['ses:GetIdentityVerificationAttributes', 'ses:SendEmail', 'ses:SendRawEmail', 'ses:VerifyEmailIdentity'], SES_IDENTITY),
  SESSendBouncePolicy: one(['IdentityName'], ['ses:SendBounce'], SES_IDENTITY),
  // Compute and orchestration.
  LambdaInvokePolicy: one(['FunctionName'], ['lambda:InvokeFunction'], [`${REGIONAL('lambda')}:function:\${FunctionName}*`]),
  StepFunctionsExecutionPolicy: one(['StateMachineName'], ['states:StartExecution'], [`${REGIONAL('states')}:stateMachine:\${StateMachineName}`]),
  // Keys, parameters, secrets, logs.
  KMSDecryptPolicy: one(['KeyId'], ['kms:Decrypt'], KMS_KEY),
  KMSEncryptPolicy: one(['KeyId'], ['kms:Encrypt'], KMS_KEY),
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
  const resource = (shape: string): unknown => {
    if (shape === '*') return '*';
    const used = t.params.filter((p) => shape.includes(`\${${p}}`));
    return used.length ? { 'Fn::Sub': [shape, Object.fromEntries(used.map((p) => [p, values[p]]))] } : { 'Fn::Sub': shape };
  };
  return {
    document: {
      Version: '2012-10-17',
      Statement: t.statements.map((s) => ({ Effect: 'Allow', Action: [...s.actions], Resource: s.resources.length === 1 ? resource(s.resources[0]!) : s.resources.map(resource) })),
    },
  };
}

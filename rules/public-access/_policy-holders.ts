/**
 * Every CloudFormation type that carries a resource-based policy document, and
 * where public-access reads it (session 13, fixW). Listed from the registry
 * schema (@aws-cdk/aws-service-spec: JSON or text properties named *Policy*,
 * *PolicyDocument*, *AccessPolicies*, *PolicyText* on types that are not IAM
 * identity policies); each is read by ./_resource-policy.ts, the reading of
 * the S3 bucket, SQS queue and SNS topic policies: an Allow for Principal `*`
 * with no condition that pins the caller fails, a pinned one passes, an
 * unresolved piece is unknown.
 *
 * Read by their own rules before this table (not repeated here):
 * AWS::S3::BucketPolicy, AWS::S3::AccessPoint, AWS::S3::MultiRegionAccessPoint,
 * AWS::SQS::QueuePolicy, AWS::SNS::TopicPolicy, AWS::SNS::TopicInlinePolicy,
 * AWS::KMS::Key, AWS::KMS::ReplicaKey, AWS::ECR::Repository, AWS::ECR::PublicRepository,
 * AWS::SecretsManager::ResourcePolicy, AWS::Backup::BackupVault,
 * AWS::CodeArtifact::Domain / Repository, AWS::DynamoDB::Table / GlobalTable,
 * AWS::Events::EventBus, AWS::Events::EventBusPolicy, AWS::OpenSearchService::Domain,
 * AWS::Elasticsearch::Domain, AWS::MediaStore::Container, AWS::Kinesis::ResourcePolicy,
 * AWS::Lambda::Permission, AWS::Lambda::LayerVersionPermission,
 * AWS::OpenSearchServerless::SecurityPolicy (network), AWS::IAM::Role (trust).
 *
 * Left out on purpose, with why:
 * - AWS::ApiGateway::RestApi / DomainNameV2 `Policy`, AWS::RUM::AppMonitor `ResourcePolicy`:
 *   calling a published API and sending browser telemetry to a public app monitor are
 *   what those endpoints are for (the guest grants' reading of execute-api:Invoke and
 *   rum:PutRumEvents, ./_guest-grants.ts); an API's exposure is tls-min's and the
 *   authorizers' question.
 * - AWS::EC2::VPCEndpoint `PolicyDocument`, AWS::ODB::OdbNetwork `*PolicyDocument`: an
 *   endpoint policy narrows what passes through the endpoint; it opens nothing
 *   (Principal "*" is its default).
 * - AWS::EC2::VerifiedAccessEndpoint / Group (Cedar), AWS::OpenSearchServerless::AccessPolicy
 *   (its own rule format), AWS::IoT::Policy, AWS::Transfer::User, AWS::RolesAnywhere::Profile,
 *   AWS::SSO::PermissionSet, AWS::EKS::PodIdentityAssociation (identity or session
 *   policies, no principal), AWS::RAM::Permission (a permission template),
 *   AWS::Logs::AccountPolicy, `DataProtectionPolicy` (not access policies).
 */

export interface PolicyHolder {
  /** The CloudFormation type, for messages and the list above. */
  cfn: string;
  /** Where the document is (`Policy`, `ResourcePolicy.PolicyDocument`). */
  path: string;
  /** What an Allow to everyone lets anyone do, for the message. */
  what: string;
  /** Whether the document is required (absent: unknown) or optional (absent: no policy, the owner account only). */
  optional?: true;
  /** Service condition keys (lower case) that pin the caller besides the global ones. */
  extraKeys?: readonly string[];
  /** Whose S3 Block Public Access (PublicAccessBlockConfiguration) refuses a public policy: its own, or the resource it opens. */
  blockedBy?: 'self' | 'opens';
}

/** Canonical type → where its resource policy is. */
export const POLICY_HOLDERS: Readonly<Record<string, PolicyHolder>> = {
  // Streaming, logs and observability
  'aws.logs.destination': { cfn: 'AWS::Logs::Destination', path: 'DestinationPolicy', what: 'subscribe their log groups to the destination (write into its stream)', optional: true },
  'aws.logs.log-group': { cfn: 'AWS::Logs::LogGroup', path: 'ResourcePolicyDocument', what: 'act on the log group', optional: true },
  'aws.logs.delivery-destination': { cfn: 'AWS::Logs::DeliveryDestination', path: 'DeliveryDestinationPolicy.DeliveryDestinationPolicy', what: 'deliver logs to the destination', optional: true },
  'aws.logs.resource-policy': { cfn: 'AWS::Logs::ResourcePolicy', path: 'PolicyDocument', what: 'write into the account\'s log groups' },
  'aws.xray.resource-policy': { cfn: 'AWS::XRay::ResourcePolicy', path: 'PolicyDocument', what: 'send traces into the account' },
  'aws.cloudtrail.resource-policy': { cfn: 'AWS::CloudTrail::ResourcePolicy', path: 'ResourcePolicy', what: 'use the channel, event data store or dashboard' },
  'aws.oam.sink': { cfn: 'AWS::Oam::Sink', path: 'Policy', what: 'link their telemetry into the monitoring account', optional: true },
  'aws.osis.pipeline': { cfn: 'AWS::OSIS::Pipeline', path: 'ResourcePolicy.Policy', what: 'ingest into the pipeline', optional: true },
  'aws.aps.resource-policy': { cfn: 'AWS::APS::ResourcePolicy', path: 'PolicyDocument', what: 'write or query the Prometheus workspace' },
  'aws.aiops.investigation-group': { cfn: 'AWS::AIOps::InvestigationGroup', path: 'InvestigationGroupPolicy', what: 'use the investigation group', optional: true },
  // Networking and media delivery
  'aws.vpclattice.resource-policy': { cfn: 'AWS::VpcLattice::ResourcePolicy', path: 'Policy', what: 'associate with or use the service network or service' },
  'aws.vpclattice.auth-policy': { cfn: 'AWS::VpcLattice::AuthPolicy', path: 'Policy', what: 'invoke the services behind it', extraKeys: ['vpc-lattice-svcs:sourcevpc', 'vpc-lattice-svcs:sourcevpcowneraccount'] },
  'aws.mediapackagev2.origin-endpoint-policy': { cfn: 'AWS::MediaPackageV2::OriginEndpointPolicy', path: 'Policy', what: 'fetch the endpoint\'s content' },
  'aws.mediapackagev2.channel-policy': { cfn: 'AWS::MediaPackageV2::ChannelPolicy', path: 'Policy', what: 'push content into the channel' },
  'aws.mediatailor.channel-policy': { cfn: 'AWS::MediaTailor::ChannelPolicy', path: 'Policy', what: 'read the channel\'s playback' },
  // Storage
  // elasticfilesystem:AccessedViaMountTarget true admits only clients that reach a mount target in the owner's VPC (the
  // CDK FileSystem default policy): a network pin, as aws:SourceVpce (blindcdk, sealedcdk and scout6cdk label it pass).
  'aws.efs.file-system': { cfn: 'AWS::EFS::FileSystem', path: 'FileSystemPolicy', what: 'mount, read or write the file system', optional: true, extraKeys: ['elasticfilesystem:accessedviamounttarget'] },
  'aws.s3files.file-system-policy': { cfn: 'AWS::S3Files::FileSystemPolicy', path: 'Policy', what: 'mount, read or write the file system' },
  // Both S3 doors below keep Block Public Access on unless their configuration turns BlockPublicPolicy off (on by
  // default, fixed at creation): S3 then refuses a public policy, so the policy is judged only when it is off
  // (`blockedBy`; labels.scout12: an MRAP policy for "*" behind the default block is not labelled).
  'aws.s3.multi-region-access-point-policy': { cfn: 'AWS::S3::MultiRegionAccessPointPolicy', path: 'Policy', what: 'read or write objects through the multi-Region access point', extraKeys: ['s3:dataaccesspointaccount'], blockedBy: 'opens' },
  'aws.s3objectlambda.access-point-policy': { cfn: 'AWS::S3ObjectLambda::AccessPointPolicy', path: 'PolicyDocument', what: 'read objects through the Object Lambda access point' },
  'aws.s3outposts.bucket-policy': { cfn: 'AWS::S3Outposts::BucketPolicy', path: 'PolicyDocument', what: 'read or write the Outposts bucket' },
  'aws.s3outposts.access-point': { cfn: 'AWS::S3Outposts::AccessPoint', path: 'Policy', what: 'read or write objects through the access point', optional: true },
  'aws.s3express.bucket-policy': { cfn: 'AWS::S3Express::BucketPolicy', path: 'PolicyDocument', what: 'use the directory bucket' },
  'aws.s3express.access-point': { cfn: 'AWS::S3Express::AccessPoint', path: 'Policy', what: 'use the directory bucket through the access point', optional: true, blockedBy: 'self' },
  'aws.s3tables.table-bucket-policy': { cfn: 'AWS::S3Tables::TableBucketPolicy', path: 'ResourcePolicy', what: 'read or write the table bucket\'s tables' },
  'aws.s3tables.table-policy': { cfn: 'AWS::S3Tables::TablePolicy', path: 'ResourcePolicy', what: 'read or write the table' },
  'aws.s3vectors.vector-bucket-policy': { cfn: 'AWS::S3Vectors::VectorBucketPolicy', path: 'Policy', what: 'read or write the vector bucket' },
  'aws.omics.sequence-store': { cfn: 'AWS::Omics::SequenceStore', path: 'S3AccessPolicy', what: 'read the sequence store through S3', optional: true },
  'aws.backup.logically-air-gapped-backup-vault': { cfn: 'AWS::Backup::LogicallyAirGappedBackupVault', path: 'AccessPolicy', what: 'use the vault\'s recovery points', optional: true },
  // Databases, queues and events
  'aws.sqs.queue-inline-policy': { cfn: 'AWS::SQS::QueueInlinePolicy', path: 'PolicyDocument', what: 'use the queue' },
  'aws.msk.cluster-policy': { cfn: 'AWS::MSK::ClusterPolicy', path: 'Policy', what: 'connect to the cluster or read and write its topics' },
  'aws.redshift.cluster': { cfn: 'AWS::Redshift::Cluster', path: 'NamespaceResourcePolicy', what: 'integrate with or share the namespace\'s data', optional: true },
  'aws.redshiftserverless.namespace': { cfn: 'AWS::RedshiftServerless::Namespace', path: 'NamespaceResourcePolicy', what: 'integrate with or share the namespace\'s data', optional: true },
  'aws.dsql.cluster': { cfn: 'AWS::DSQL::Cluster', path: 'PolicyDocument', what: 'connect to the cluster', optional: true },
  'aws.eventschemas.registry-policy': { cfn: 'AWS::EventSchemas::RegistryPolicy', path: 'Policy', what: 'read or change the schema registry' },
  'aws.eventsv2.resource-policy': { cfn: 'AWS::EventsV2::ResourcePolicy', path: 'PolicyDocument', what: 'put events on the bus' },
  'aws.ssm.resource-policy': { cfn: 'AWS::SSM::ResourcePolicy', path: 'Policy', what: 'use the shared parameter or OpsItem group' },
  'aws.smsvoice.resource-policy': { cfn: 'AWS::SMSVOICE::ResourcePolicy', path: 'PolicyDocument', what: 'send messages with the account\'s numbers' },
  // Registries, functions and models
  'aws.ecr.registry-policy': { cfn: 'AWS::ECR::RegistryPolicy', path: 'PolicyText', what: 'replicate into the registry' },
  'aws.ecr.repository-creation-template': { cfn: 'AWS::ECR::RepositoryCreationTemplate', path: 'RepositoryPolicy', what: 'pull or push images of every repository the template creates', optional: true },
  'aws.lambda.resource-policy': { cfn: 'AWS::Lambda::ResourcePolicy', path: 'PolicyDocument', what: 'invoke or manage the function' },
  'aws.lex.resource-policy': { cfn: 'AWS::Lex::ResourcePolicy', path: 'Policy', what: 'converse with or manage the bot' },
  'aws.sagemaker.model-package-group': { cfn: 'AWS::SageMaker::ModelPackageGroup', path: 'ModelPackageGroupPolicy', what: 'read or register the group\'s models', optional: true },
  'aws.comprehend.document-classifier': { cfn: 'AWS::Comprehend::DocumentClassifier', path: 'ModelPolicy', what: 'import the custom model', optional: true },
  'aws.comprehend.entity-recognizer': { cfn: 'AWS::Comprehend::EntityRecognizer', path: 'ModelPolicy', what: 'import the custom model', optional: true },
  'aws.bedrock.resource-policy': { cfn: 'AWS::Bedrock::ResourcePolicy', path: 'PolicyDocument', what: 'use the guardrail' },
  'aws.bedrock.knowledge-base-policy': { cfn: 'AWS::Bedrock::KnowledgeBasePolicy', path: 'PolicyDocument', what: 'query the knowledge base' },
  'aws.bedrockagentcore.resource-policy': { cfn: 'AWS::BedrockAgentCore::ResourcePolicy', path: 'Policy', what: 'invoke the agent runtime or gateway' },
  'aws.paymentcryptography.key': { cfn: 'AWS::PaymentCryptography::Key', path: 'Policy', what: 'use the payment key', optional: true },
};

/**
 * The Kinesis policy has its own rule (aws-kinesis-resource-policy), which reads it through this entry too; its
 * stream and consumers are judged here. The path stays a literal type, so the rule's read of it is checked
 * against the type's property paths.
 */
export const KINESIS_POLICY = { cfn: 'AWS::Kinesis::ResourcePolicy', path: 'ResourcePolicy', what: 'read or write the stream' } as const satisfies PolicyHolder;

/**
 * The resource types a policy above opens and that no earlier rule judges by its policies: judged by
 * the policy resources that name them (related as `policy` in src/sources/iac/relations.ts; MediaPackage
 * v2 endpoint and channel policies by their names), so the verdict lands on the policy and on what it
 * opens, as for an S3 bucket and its bucket policy (and labels.scout17: the stream, the service network
 * and the endpoint fail with their policies).
 */
export const OPENED_TYPES = [
  'aws.kinesis.stream', 'aws.kinesis.stream-consumer', 'aws.vpclattice.service-network', 'aws.vpclattice.service', 'aws.msk.cluster',
  'aws.lex.bot', 'aws.lex.bot-alias', 'aws.cloudtrail.channel', 'aws.cloudtrail.event-data-store', 'aws.aps.workspace', 'aws.bedrock.guardrail',
  'aws.bedrock.knowledge-base', 'aws.lambda.function', 'aws.s3files.file-system', 'aws.s3objectlambda.access-point',
  'aws.s3outposts.bucket', 'aws.s3express.directory-bucket', 'aws.s3tables.table-bucket', 'aws.s3tables.table', 'aws.s3vectors.vector-bucket',
  'aws.eventschemas.registry', 'aws.mediatailor.channel', 'aws.mediapackagev2.origin-endpoint', 'aws.mediapackagev2.channel',
] as const;

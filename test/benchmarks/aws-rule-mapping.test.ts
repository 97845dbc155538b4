import { describe, it, expect } from 'vitest';
import { loadRules } from '../../src/evaluate/registry.js';
import { frameworkIds, loadFramework } from '../../src/evaluate/frameworks/profile.js';
import { parseRuleRef } from '../../src/evaluate/frameworks/verdicts.js';

/**
 * AWS rules that decide no control of AWS FSBP (frameworks/aws-fsbp.yaml) or
 * CIS AWS Foundations (frameworks/cis-aws.yaml), each with why. A new AWS rule
 * must either be mapped to the controls it decides or be added here with its
 * reason; the test below fails otherwise.
 */
const NO_FRAMEWORK_CONTROL: Readonly<Record<string, string>> = {
  // Promises of the claims profile that neither benchmark states.
  'backup-retention/aws-backup-backup-plan': 'how long a plan keeps recovery points: no benchmark control',
  'backup-retention/aws-backup-backup-vault': 'a Vault Lock minimum retention above the claimed cycle: no benchmark control',
  'backup-retention/aws-rds-db-cluster': 'Aurora/Multi-AZ cluster backup retention: RDS.11 covers DB instances only',
  'backup-retention/aws-cassandra-table': 'Amazon Keyspaces point-in-time recovery: no benchmark control',
  'backup-retention/aws-redshiftserverless-namespace': 'Redshift Serverless recovery points (24 hours, fixed) and snapshot copies: no FSBP control of this edition',
  'enc-rest/aws-glue-security-configuration': 'Glue security configurations: no FSBP control (Glue.3 is ML transforms; Checkov CKV_AWS_99)',
  'enc-rest/aws-glue-job': 'Glue jobs, crawlers and endpoints judged by the security configuration they use: no FSBP control (Checkov CKV_AWS_195 asks only that one is attached)',
  'enc-rest/aws-glue-data-catalog-encryption-settings': 'Glue Data Catalog encryption: no FSBP control (Checkov CKV_AWS_94)',
  'backup-retention/aws-dlm-lifecycle-policy': 'how long a DLM policy keeps snapshots: no benchmark control',
  'backup-retention/aws-docdbelastic-cluster': 'DocumentDB elastic clusters: DocumentDB.2 judges instance-based clusters (backup-retention/aws-docdb-db-cluster)',
  'backup-retention/aws-efs-file-system': 'EFS backups against the claimed cycle: EFS.2 (in a backup plan) is decided by deletion-protection/aws-efs-backup-plan, which shares its selection reading',
  'backup-retention/aws-fsx-file-system': 'FSx automatic backup retention: the FSx controls of FSBP are about copying tags to backups, none about retention',
  'backup-retention/aws-redshift-snapshot': 'expiry of a manual snapshot: no benchmark control',
  'backup-retention/aws-redshiftserverless-snapshot': 'expiry of a manual snapshot: no benchmark control',
  'cache-no-backup/aws-elasticache-cache-cluster': 'caches kept without backups: the opposite of ElastiCache.1, which asks for backups',
  'cache-no-backup/aws-elasticache-replication-group': 'caches kept without backups: the opposite of ElastiCache.1, which asks for backups',
  'cache-no-backup/aws-dax-cluster': 'a DAX cache encrypted at rest and in transit: FSBP DynamoDB.3 and DynamoDB.7 map to the enc-rest and tls-min DAX rules; no benchmark control for the cache promise',
  'cache-no-backup/aws-elasticache-serverless-cache': 'caches kept without backups: no benchmark control',
  'data-residency/aws-cloudformation-stack': 'allowed regions: no benchmark control',
  'data-residency/aws-cross-region-copy': 'allowed regions: no benchmark control',
  'data-residency/aws-cross-region-delivery': 'allowed regions: no benchmark control',
  'data-residency/aws-dynamodb-global-table': 'allowed regions: no benchmark control',
  'data-residency/aws-s3-bucket-replication': 'allowed regions: no benchmark control',
  'data-retention/aws-logs-log-group': 'expiry of a named data set: no benchmark control',
  'data-retention/aws-ecs-task-definition': 'expiry of a named data set in a log group the awslogs driver creates: no benchmark control',
  'data-retention/aws-s3-bucket': 'expiry of a named data set (S3.13 asks only that some lifecycle exists)',
  'data-retention/aws-data-store': 'expiry of a named data set: no benchmark control',
  'secrets-encrypted/aws-cloudformation-stack': 'NoEcho template parameters: no benchmark control',
  // Public access through identities anyone can get and secrets opened by a separate policy resource.
  'public-access/aws-public-role-policy': 'grants to Cognito guest roles and roles anyone may assume: no FSBP/CIS control',
  'public-access/aws-public-role-data-access': 'data reached through roles anyone can assume: no FSBP/CIS control',
  // Encryption at rest of resources no FSBP/CIS control names.
  'enc-rest/aws-autoscaling-launch-configuration': 'volumes of launch configurations: EC2.3 judges attached volumes (enc-rest/aws-ec2-volume)',
  'enc-rest/aws-dynamodb-table': 'DynamoDB tables are always encrypted; the rule judges the key the claims ask for, which no FSBP control does',
  'enc-rest/aws-ebs-snapshot': 'snapshot encryption: no FSBP/CIS control (EC2.1 is about public snapshots)',
  'enc-rest/aws-ec2-launch-template': 'volumes of launch templates: EC2.3 judges attached volumes',
  'enc-rest/aws-batch-compute-environment': 'volumes of instances Batch launches: EC2.3 judges attached volumes; Batch.1-4 are about tags',
  'enc-rest/aws-cloud9-environment-ec2': 'Cloud9 environment volumes: no FSBP control (EC2.3 judges attached volumes; CIS 2.2.1 the account default)',
  'enc-rest/aws-eks-nodegroup': 'volumes of EKS managed nodes: EC2.3 judges attached volumes; no EKS control names node volumes',
  'enc-rest/aws-elasticache-cache-cluster': 'standalone cache clusters: ElastiCache.4 covers replication groups only',
  'enc-rest/aws-kms-key': 'key spec AES-256: no benchmark control',
  'enc-rest/aws-msk-cluster': 'MSK broker storage: no FSBP control of this edition',
  'enc-rest/aws-sagemaker-notebook-instance': 'notebook volume keys: no FSBP control of this edition',
  // Elastic Beanstalk: FSBP ElasticBeanstalk.1-3 judge health reporting, managed updates and log streaming, none of these.
  'audit-logging/aws-elasticbeanstalk-environment': 'Beanstalk load balancer access logs: no FSBP control (ElasticBeanstalk.3 is log streaming to CloudWatch)',
  'bastion-only/aws-elasticbeanstalk-environment-ssh': 'SSH opened by Beanstalk option settings: no FSBP control (EC2.13/53 judge security groups)',
  'enc-rest/aws-elasticbeanstalk-environment': 'Beanstalk instance root volumes: no FSBP control',
  'tls-min/aws-elasticbeanstalk-environment': 'Beanstalk HTTPS listener policies: no FSBP control of this edition',
  'https-redirect/aws-elasticbeanstalk-environment': 'Beanstalk load balancer listeners: no FSBP control (ELB.1 judges ALB listeners)',
  'iam-least-privilege/aws-iot-policy': 'IoT Core device policies: no FSBP control (the IoT controls ask for tags)',
  'iam-least-privilege/aws-opensearchserverless-access-policy': 'OpenSearch Serverless data access policies: no FSBP control judges their permissions',
  'iam-least-privilege/aws-resource-policy': 'service:* in bucket, queue, topic, repository, secret, vault and key policies: no FSBP control (IAM.21 judges customer managed identity policies)',
  // Transport security where the benchmarks have no control, or one of another scope.
  'https-redirect/aws-s3-bucket-website': 'S3 website endpoints: no benchmark control',
  'tls-min/aws-s3-bucket-website': 'S3 website endpoints: no benchmark control',
  'tls-min/aws-ecs-task-definition-efs': 'EFS transit encryption of ECS task volumes: no FSBP control of this edition (ECS.* and EFS.* do not judge it)',
  'tls-min/aws-apigateway-domain-name': 'custom-domain TLS policy: no FSBP control of this edition',
  'tls-min/aws-apigateway-rest-api': 'execute-api TLS floor: no FSBP control of this edition',
  'tls-min/aws-apigatewayv2-domain-name': 'custom-domain TLS policy: no FSBP control of this edition',
  'tls-min/aws-cloudfront-distribution': 'viewer TLS floor: CloudFront.10 is about the origin leg, judged by tls-min/aws-cloudfront-distribution-origins',
  'tls-min/aws-docdb-db-cluster': 'DocumentDB TLS: no FSBP control of this edition',
  'tls-min/aws-elasticache-cache-cluster': 'standalone cache clusters: ElastiCache.5 covers replication groups only',
  'tls-min/aws-elbv2-listener': 'ALB/NLB listener TLS policy: no FSBP control in this profile (a later ELB control on recommended policies was not confirmed for this edition)',
  'tls-min/aws-rds-db-cluster': 'cluster parameter groups: RDS.38 and RDS.39 leave out cluster members',
  'tls-min/aws-rds-db-parameter-group': 'a parameter group on its own: RDS.38/RDS.39 judge the group an instance uses (tls-min/aws-rds-db-instance)',
  'tls-min/aws-redshift-cluster-parameter-group': 'a parameter group on its own: Redshift.2 judges the group a cluster uses (tls-min/aws-redshift-cluster)',
  'tls-min/aws-docdb-db-cluster-parameter-group': 'a DocumentDB cluster parameter group on its own: no FSBP control of this edition (as tls-min/aws-docdb-db-cluster)',
  // Logging where the benchmark control is about something else.
  'audit-logging/aws-apigateway-stage-access-logs': 'REST stage access logs: APIGateway.1 is execution logging (its own rule)',
  'audit-logging/aws-msk-cluster-logging': 'MSK broker logs: no FSBP control of this edition (MSK.5 is about connectors)',
  'audit-logging/aws-docdb-db-cluster-parameter-group': 'a cluster parameter group on its own: DocumentDB.4 judges clusters (audit-logging/aws-docdb-db-cluster)',
  'audit-logging/aws-neptune-db-cluster-parameter-group': 'a cluster parameter group on its own: Neptune.2 judges clusters (audit-logging/aws-neptune-db-cluster)',
  // Identity and MFA beyond the benchmark wording.
  'iam-least-privilege/aws-iam-full-access-managed-policy': 'AWS managed *FullAccess policies: IAM.1/IAM.21 and CIS 1.16 judge customer managed and admin policies; CIS 1.22 (AWSCloudShellFullAccess) is a manual attestation of who holds it',
  'iam-least-privilege/aws-iam-role-trust': 'who may assume a role: no benchmark control',
  'mfa/aws-cognito-user-pool': 'Cognito MFA: no FSBP control (Cognito.1 is threat protection)',
  'mfa/aws-iam-role-trust-mfa': 'MFA in role trust policies: no benchmark control',
  'mfa/aws-iam-user-console': 'a deny-without-MFA policy in templates: IAM.5/CIS 1.10 ask for an enrolled device, which only the live credential report shows',
  // Public access through resources no benchmark control names.
  'public-access/aws-amazonmq-broker': 'Amazon MQ public brokers: no FSBP control of this edition',
  'public-access/aws-ecr-repository-policy': 'ECR repository policies: no FSBP control',
  'public-access/aws-events-event-bus': 'EventBridge buses opened by their policies: no FSBP control (EventBridge.3 asks only that a policy exists)',
  'public-access/aws-events-event-bus-policy': 'EventBridge bus policies: no FSBP control (EventBridge.3 asks only that a policy exists)',
  'public-access/aws-lambda-layer-permission': 'Lambda layer permissions: no FSBP control (Lambda.1 is the function policy)',
  'public-access/aws-lambda-layer-version': 'Lambda layer versions opened by their permissions: no FSBP control (Lambda.1 is the function policy)',
  'public-access/aws-secretsmanager-secret': 'secrets opened by a resource policy: no FSBP control of this edition (SecretsManager.1-4 are rotation and use)',
  'public-access/aws-iam-role-trust': 'roles everyone may assume: IAM Access Analyzer findings, no FSBP or CIS control',
  'public-access/aws-lambda-url': 'function URLs with AuthType NONE: Lambda.1 reads the function policy, judged by public-access/aws-lambda-permission',
  'public-access/aws-opensearch-access-policy-resource': 'OpenSearch access policies: Opensearch.2 asks for a VPC domain, not a closed policy',
  'public-access/aws-opensearch-domain-policy': 'OpenSearch access policies: Opensearch.2 asks for a VPC domain, not a closed policy',
  'public-access/aws-s3-bucket-policy': 'bucket policies open to everyone: S3.1/S3.8 and CIS 2.1.4 judge Block Public Access (public-access/aws-s3-bucket)',
  'public-access/aws-secretsmanager-resource-policy': 'secret resource policies: no FSBP control',
  'public-access/aws-security-group-data-ports': 'data-store ports: EC2.19 has its own high-risk port list, which shares only some ports (1433, 1434, 3306, 5432, 5601, 9200, 9300)',
  'public-access/aws-neptune-db-instance': 'Neptune public endpoints: no FSBP control of this edition (Neptune.3 is snapshots)',
  'public-access/aws-neptunegraph-graph': 'Neptune Analytics public connectivity: no FSBP control',
  'public-access/aws-security-group-ingress-data-ports': 'data-store ports: EC2.19 has its own high-risk port list, which shares only some ports (1433, 1434, 3306, 5432, 5601, 9200, 9300)',
  // Secrets in resource properties: FSBP names only ECS.8 and CodeBuild.2.
  'secrets-encrypted/aws-amazonmq-broker': 'broker passwords in templates: no FSBP control',
  'secrets-encrypted/aws-batch-job-definition': 'Batch environments: no FSBP control',
  'secrets-encrypted/aws-glue-connection': 'Glue connection passwords: no FSBP control',
  'secrets-encrypted/aws-glue-job': 'Glue job arguments: no FSBP control',
  'secrets-encrypted/aws-glue-data-catalog-encryption-settings': 'Glue connection passwords returned in clear: no FSBP control (Checkov CKV_AWS_94)',
  'secrets-encrypted/aws-iam-user-login-profile': 'console passwords in templates: no FSBP control',
  'secrets-encrypted/aws-lambda-function': 'Lambda environments: no FSBP control',
  'secrets-encrypted/aws-secretsmanager-secret': 'secret values in templates and their key: no FSBP control (SecretsManager.1 is rotation)',
  'secrets-encrypted/aws-ssm-parameter': 'String parameters holding secrets: no FSBP control',
  // Compute and network checks of the other scanners' catalogues (docs/coverage/gapA.md).
  'bastion-only/aws-eks-nodegroup-remote-access': 'SSH opened to 0.0.0.0/0 by an EKS node group (Checkov CKV_AWS_100): no FSBP or CIS control',
  'enc-rest/aws-lambda-function': 'the key of Lambda environment encryption (Checkov CKV_AWS_173): no FSBP or CIS control',
  'enc-rest/aws-ecr-repository': 'the key of ECR image encryption (Checkov CKV_AWS_136): no FSBP control of this edition',
  'enc-rest/aws-apprunner-service': 'the key of App Runner source and log encryption: no FSBP or CIS control',
  'bastion-only/aws-lightsail-instance': 'SSH/RDP in Lightsail instance firewalls: no FSBP or CIS control',
  // gapB (session 8): data-store rules from the other scanners' catalogues that no FSBP/CIS control states.
  'cache-no-backup/aws-memorydb-cluster': 'MemoryDB used as a cache kept without snapshots: no benchmark control',
  'enc-rest/aws-memorydb-cluster': 'MemoryDB is always encrypted at rest; the rule judges the key the claims ask for (Checkov CKV_AWS_201), no FSBP control',
  'tls-min/aws-memorydb-cluster': 'MemoryDB TLS (Checkov CKV_AWS_202): no FSBP control of this edition',
  'iam-least-privilege/aws-qldb-ledger': 'QLDB permissions mode (Checkov CKV_AWS_170): no FSBP control',
  'public-access/aws-backup-backup-vault': 'backup vault access policies open to everyone: no FSBP control (Backup.1 is recovery point encryption)',
  'enc-rest/aws-timestream-database': 'Timestream is always encrypted; the rule judges the key the claims ask for (Checkov CKV_AWS_160), no FSBP control',
  'enc-rest/aws-fsx-file-system': 'FSx is always encrypted; the rule judges the key the claims ask for (Checkov CKV_AWS_178/179), no FSBP control',
  'enc-rest/aws-amazonmq-broker': 'Amazon MQ is always encrypted; the rule judges the key the claims ask for (Checkov CKV_AWS_209), no FSBP control',
  'enc-rest/aws-cassandra-table': 'Keyspaces is always encrypted; the rule judges the key the claims ask for, no FSBP control',
  'enc-rest/aws-eventbridge': 'EventBridge buses, archives, connections, schedules and pipes are always encrypted; the rule judges the key the claims ask for, no FSBP control',
  'enc-rest/aws-stepfunctions': 'Step Functions is always encrypted; the rule judges the key the claims ask for, no FSBP control (StepFunctions.1 is logging)',
  'enc-rest/aws-location': 'Amazon Location is always encrypted; the rule judges the key the claims ask for, no FSBP control',
  'enc-rest/aws-aps-workspace': 'Managed Prometheus is always encrypted; the rule judges the key the claims ask for, no FSBP control',
  'enc-rest/aws-kendra-index': 'Kendra is always encrypted; the rule judges the key the claims ask for, no FSBP control',
  'tls-min/aws-cloudfront-vpc-origin': 'the AWS::CloudFront::VpcOrigin resource: CloudFront.9/10 judge a distribution\'s custom origins (tls-min/aws-cloudfront-distribution-origins, which leaves VPC origins to this rule); no FSBP control names VPC origins',
  'enc-rest/aws-kinesisanalyticsv2-application': 'Managed Flink application state is always encrypted; the rule judges the key the claims ask for, no FSBP control',
  'enc-rest/aws-healthlake-fhir-datastore': 'HealthLake is always encrypted; the rule judges the key the claims ask for, no FSBP control',
  'enc-rest/aws-verified-access': 'Verified Access is always encrypted; the rule judges the key the claims ask for, no FSBP control',
  'enc-rest/aws-synthetics-canary': 'Synthetics artifacts are always encrypted; the rule judges the key the claims ask for, no FSBP control',
  'enc-rest/aws-ecs-service-managed-volume': 'EBS volumes ECS creates for a service\'s tasks: EC2.3 judges attached volumes; no ECS control names managed volumes',
  'public-access/aws-rds-db-shard-group': 'Aurora Limitless shard groups: RDS.2 judges DB instances (public-access/aws-rds-db-instance); no control names shard groups',
  'enc-rest/aws-s3tables-table-bucket': 'S3 table buckets are always encrypted; the rule judges the key the claims ask for, no FSBP control',
  'enc-rest/aws-datazone-domain': 'DataZone is always encrypted; the rule judges the key the claims ask for, no FSBP control',
  'enc-rest/aws-kinesisvideo-stream': 'Kinesis Video is always encrypted; the rule judges the key the claims ask for, no FSBP control',
  'enc-rest/aws-elasticache-serverless-cache': 'serverless caches are always encrypted; the rule judges the key the claims ask for (ElastiCache.4 covers replication groups)',
  'public-access/aws-rds-db-security-group': 'legacy (EC2-Classic) DB security groups open to the internet: no FSBP control (KICS RDS Public Interface Open To Public Scope)',
  'public-access/aws-rds-db-cluster': 'Multi-AZ DB clusters made public on the cluster: RDS.2 judges DB instances only',
  'public-access/aws-dynamodb-table-policy': 'DynamoDB resource policies open to everyone: no FSBP control',
  'public-access/aws-kinesis-resource-policy': 'Kinesis resource policies open to everyone: no FSBP control',
  'public-access/aws-resource-policy': 'resource policies of the other services (Logs destinations, VPC Lattice, MediaPackage v2, EFS, S3 Tables / Express / Vectors, MSK...) open to everyone: no FSBP or CIS control',
  'public-access/aws-resource-opened-by-policy': 'streams, service networks, media endpoints and buckets opened by a separate resource policy: no FSBP or CIS control',
  // gapC (session 8): identity, keys, messaging, CI/CD and ML checks of the other scanners' catalogues (docs/coverage/gapC.md).
  'enc-rest/aws-logs-log-group': 'a customer-managed key on a log group (CloudWatch Logs always encrypts): no FSBP or CIS control',
  'enc-rest/aws-sagemaker-endpoint-config': 'a customer-managed key on endpoint storage (always encrypted): no FSBP or CIS control',
  'enc-rest/aws-sagemaker-domain': 'a customer-managed key on a Studio domain EFS volume (always encrypted): no FSBP or CIS control',
  'tls-min/aws-sns-subscription': 'SNS subscriptions delivering over plain HTTP: no FSBP or CIS control',
  'tls-min/aws-ses-configuration-set': 'SES TLS policy REQUIRE: AWS Config ses-sending-tls-required, no FSBP or CIS control mapped here',
  'tls-min/aws-quicksight-data-source': 'QuickSight data sources with SSL disabled: no FSBP or CIS control (Checkov and cfn-nag have none either)',
  'public-access/aws-sagemaker-domain': 'SageMaker domains with PublicInternetOnly: no FSBP or CIS control of this edition (SageMaker.1 is notebook instances)',
  'public-access/aws-ec2-vpc-endpoint-service': 'PrivateLink endpoint services open to every account without approval: no FSBP or CIS control (Checkov CKV_AWS_123)',
  'audit-logging/aws-datasync-task-logging': 'DataSync task logging: AWS Config datasync-task-logging-enabled, no FSBP or CIS control mapped here',
  'tls-min/aws-sagemaker-monitoring-job-definition': 'Model Monitor inter-container encryption: AWS Config sagemaker-*-job-encrypt-in-transit, no FSBP or CIS control mapped here',
  'enc-rest/aws-codecommit-repository': 'a customer-managed key (the service always encrypts): no FSBP or CIS control',
  'enc-rest/aws-codeartifact-domain': 'a customer-managed key (the service always encrypts): no FSBP or CIS control',
  'enc-rest/aws-bedrock-agent': 'a customer-managed key (the service always encrypts): no FSBP or CIS control',
  'enc-rest/aws-appflow-flow': 'a customer-managed key (the service always encrypts): no FSBP or CIS control',
  'enc-rest/aws-dms-replication-instance': 'a customer-managed key (the service always encrypts): no FSBP or CIS control',
  'enc-rest/aws-mwaa-environment': 'a customer-managed key (the service always encrypts): no FSBP or CIS control',
  'enc-rest/aws-imagebuilder-component': 'a customer-managed key (the service always encrypts): no FSBP or CIS control',
  'enc-rest/aws-codepipeline-pipeline': 'a customer-managed key on artifact stores (always encrypted): no FSBP or CIS control',
  'audit-logging/aws-transfer-server-logging': 'Transfer Family server user-activity logging: no FSBP or CIS control (Transfer.3 covers connectors only)',
  'audit-logging/aws-mwaa-environment-logging': 'Airflow task logs of an MWAA environment: no FSBP or CIS control',
  'backup-retention/aws-memorydb-cluster': 'MemoryDB automatic snapshot retention of a cluster used as a database: no FSBP control of this edition',
  'audit-logging/aws-fsx-windows-audit-logging': 'FSx for Windows file and share access auditing: no FSBP or CIS control of this edition',
  'enc-rest/aws-opsworks-instance': 'OpsWorks instance root and mapped EBS volumes: no FSBP or CIS control (OpsWorks Stacks reached end of life)',
  'enc-rest/aws-opsworks-layer': 'OpsWorks layer EBS volumes: no FSBP or CIS control (OpsWorks Stacks reached end of life)',
  'iam-least-privilege/aws-sso-permission-set': 'IAM Identity Center permission sets: IAM.1/IAM.21 and CIS 1.16 judge IAM policies in one account, no control judges the permission sets that become roles in many',
  // fixQ (session 10): services of the scout6 set no earlier rule read.
  'public-access/aws-codeartifact-permissions-policy': 'CodeArtifact domain and repository policies open to everyone: no FSBP or CIS control',
  'public-access/aws-lightsail-database': 'Lightsail databases in public mode: no FSBP or CIS control (RDS.2 judges RDS instances)',
  'public-access/aws-lightsail-bucket': 'Lightsail buckets with public objects: no FSBP or CIS control (S3.1/S3.8 judge S3 Block Public Access)',
  'bastion-only/aws-ec2-fleet-public-ip': 'public IPs on Spot Fleet / EC2 Fleet instances: no FSBP or CIS control (EC2.9 judges instances, AutoScaling.5 and EC2.25 launch configurations and templates)',
  'bastion-only/aws-batch-job-definition-public-ip': 'Batch Fargate jobs with public IPs: FSBP ECS.2/ECS.16 cover ECS services and task sets only; the Batch controls are about tags',
  'bastion-only/aws-batch-compute-environment-public-ip': 'Batch compute environment hosts in public or IPv6-routed subnets: EC2.9 judges instances, AutoScaling.5 launch configurations; no Batch control judges where an environment places its hosts',
  'bastion-only/aws-gamelift-fleet-admin-ports': 'GameLift fleet inbound permissions are not EC2 security groups: EC2.13/EC2.14/EC2.53 do not see them; no GameLift control',
  'enc-rest/aws-imagebuilder-recipe': 'Image Builder recipe volumes: EC2.3/EC2.7 judge attached volumes and the account default, not recipes; no Image Builder control',
  'https-redirect/aws-vpclattice-listener': 'VPC Lattice listeners: ELB.1 covers Application Load Balancers only; no VPC Lattice control',
  // fixW: settings handed to a nested stack whose template is not read (unknown only; no benchmark judges a nested stack's parameters).
  'enc-rest/aws-cloudformation-nested-stack': 'a setting passed to a nested stack or SAR app whose template is not read: no benchmark control',
  'public-access/aws-cloudformation-nested-stack': 'a setting passed to a nested stack or SAR app whose template is not read: no benchmark control',
  'backup-retention/aws-cloudformation-nested-stack': 'a setting passed to a nested stack or SAR app whose template is not read: no benchmark control',
  'audit-logging/aws-cloudformation-nested-stack': 'a setting passed to a nested stack or SAR app whose template is not read: no benchmark control',
  'bastion-only/aws-cloudformation-nested-stack': 'a setting passed to a nested stack or SAR app whose template is not read: no benchmark control',
  // fixB (session 11): services of the scout12 set no earlier rule read.
  'public-access/aws-timestream-influx-db-instance': 'Timestream for InfluxDB public IPs: no FSBP or CIS control (RDS.2 judges RDS instances)',
  'audit-logging/aws-ec2-verified-access-instance-logging': 'Verified Access access logs: no FSBP or CIS control of this edition',
  'tls-min/aws-ec2-verified-access-endpoint': 'Verified Access endpoint protocol to the application: no FSBP or CIS control',
  'tls-min/aws-transfer-connector': 'Transfer Family connector URL and AS2 message encryption: Transfer.2 judges servers (FTP), no connector control',
  'iam-least-privilege/aws-eks-access-entry': 'EKS access entries with cluster-admin access policies: no FSBP or CIS control',
  // fixA (session 11): scout12 resource types no earlier rule read.
  'tls-min/aws-appmesh-virtual-node': 'App Mesh listener TLS: no FSBP or CIS control (App Mesh has none)',
  'tls-min/aws-appmesh-virtual-gateway': 'App Mesh gateway listener TLS: no FSBP or CIS control (App Mesh has none)',
  'tls-min/aws-datasync-location': 'DataSync EFS/object-storage/SMB transport: AWS Config datasync-location-object-storage-using-https, no FSBP or CIS control',
  'tls-min/aws-glue-connection': 'Glue JDBC/Kafka connection SSL: no FSBP or CIS control',
  'tls-min/aws-lightsail-load-balancer': 'Lightsail load balancer TLS policy: no FSBP or CIS control (ELB.17 judges ELB listeners)',
  'https-redirect/aws-lightsail-load-balancer': 'Lightsail load balancers serving HTTP only (no attached certificate): no FSBP or CIS control (ELB.1 judges Application Load Balancers)',
  'https-redirect/aws-lightsail-load-balancer-tls-certificate': 'Lightsail HTTPS redirection: no FSBP or CIS control (ELB.1 judges Application Load Balancers)',
  'backup-retention/aws-lightsail-database': 'Lightsail database automated backups: no FSBP or CIS control (RDS.11 judges RDS instances)',
  'public-access/aws-mediastore-container': 'MediaStore container policies open to everyone: no FSBP or CIS control',
  'tls-min/aws-mediastore-container': 'MediaStore containers without an HTTPS-only policy: no FSBP or CIS control (S3.5 judges S3 buckets)',
  'audit-logging/aws-mediastore-container': 'MediaStore container access logging: no FSBP or CIS control',
  // fixZ (session 13): the rows of docs/coverage/unread-settings.md on services not marked common.
  'enc-rest/aws-workspacesinstances-storage': 'WorkSpaces Instances volumes and instance disks: EC2.3/EC2.7 judge plain EC2 volumes and the account default; no WorkSpaces Instances control',
  'public-access/aws-imagebuilder-public-ami': 'Image Builder AMI launch permissions (UserGroups all): no FSBP or CIS control (EC2.1 judges EBS snapshots, not AMIs)',
  'public-access/aws-medialive-input-security-group': 'MediaLive input security groups open to 0.0.0.0/0: not EC2 security groups, so EC2.18/EC2.19 do not see them; no MediaLive control',
  // fixE (session 11): scout13/scout14 resource types no earlier rule read.
  'tls-min/aws-ses-receipt-rule': 'SES inbound receipt rule TlsPolicy Require: no FSBP or CIS control',
  'tls-min/aws-iot-domain-configuration': 'IoT Core domain configuration TLS security policy: no FSBP or CIS control',
  'data-residency/aws-lightsail-zone': 'Lightsail instance / database / disk Availability Zone region: a claims-profile promise, no FSBP or CIS control',
  'data-residency/aws-cassandra-keyspace': 'Keyspaces multi-Region replication regions: a claims-profile promise, no FSBP or CIS control',
  'data-residency/aws-securitylake-data-lake': 'Security Lake replication regions: a claims-profile promise, no FSBP or CIS control',
  'tls-min/aws-lightsail-distribution': 'Lightsail distribution origin protocol: no FSBP or CIS control (CloudFront.9 judges CloudFront origins)',
  // fixF (session 11): scout14 resource types no earlier rule read.
  'audit-logging/aws-connect-instance-flow-logs': 'Amazon Connect flow logs: FSBP Connect.2, a service outside the scope of frameworks/aws-fsbp.yaml',
  'audit-logging/aws-ssm-session-preferences-logging': 'Session Manager preferences without S3 or CloudWatch logging: no FSBP or CIS control (SSM controls judge managed nodes and documents)',
  'audit-logging/aws-workspacesweb-portal-access-logging': 'WorkSpaces Secure Browser user access logging: no FSBP or CIS control',
  'public-access/aws-appstream-default-internet-access': 'AppStream 2.0 default internet access (public IPs on streaming instances): no FSBP or CIS control in this edition',
  'public-access/aws-ecr-public-repository': 'ECR Public repositories (public by definition): no FSBP or CIS control',
  'backup-retention/aws-organizations-backup-policy': 'how long an Organizations backup policy keeps recovery points: no benchmark control (as aws-backup-backup-plan)',
  // fixJ (session 12): scout15 resource types no earlier rule read.
  'enc-rest/aws-appsync-api-cache': 'AppSync API cache at-rest flag: AWS Config appsync-cache-ct-encryption-at-rest; frameworks/aws-fsbp.yaml maps no AppSync cache control',
  'tls-min/aws-appsync-api-cache': 'AppSync API cache in-transit flag: AWS Config appsync-cache-ct-encryption-in-transit; frameworks/aws-fsbp.yaml maps no AppSync cache control',
  'cache-no-backup/aws-appsync-api-cache': 'the cache promise on AppSync API caches: no benchmark control',
  'cache-no-backup/aws-apigateway-stage-cache': 'the cache promise on API Gateway stage caches: FSBP APIGateway.5 (cache data encrypted) is judged by enc-rest/aws-apigateway-stage-cache-encryption',
  'audit-logging/aws-appsync-api-logging': 'AppSync Events API logging: AppSync.2 judges GraphQL APIs (audit-logging/aws-appsync-graphql-api-logging)',
  'public-access/aws-dms-instance-profile': 'DMS Schema Conversion instance profiles: DMS.1 judges replication instances only',
  'tls-min/aws-dms-data-provider': 'DMS data providers: DMS.9 judges endpoints only (tls-min/aws-dms-endpoint)',
  'audit-logging/aws-dms-replication-config-logging': 'DMS Serverless replication logging: DMS.7 and DMS.8 judge replication tasks only',
  'enc-rest/aws-rds-global-cluster': 'Aurora global database storage encryption: RDS.27 judges the member DB clusters (enc-rest/aws-rds-db-cluster)',
  'audit-logging/aws-iot-logging': 'IoT Core account logging level: no FSBP or CIS control',
  'tls-min/aws-ivs-channel': 'IVS insecure (RTMP) ingest: no FSBP or CIS control',
  'audit-logging/aws-cleanrooms-query-logging': 'Clean Rooms query logging: no FSBP or CIS control',
  'audit-logging/aws-vpclattice-service-network-logging': 'VPC Lattice access log subscriptions: no FSBP or CIS control',
  'public-access/aws-opensearchserverless-network-policy': 'OpenSearch Serverless network policies (AllowFromPublic): Opensearch controls of FSBP judge managed domains only',
  // fixR (session 12): further rows of docs/coverage/unread-settings.md.
  'tls-min/aws-chime-voice-connector': 'Chime SDK Voice Connector RequireEncryption (TLS/SRTP): no FSBP or CIS control',
  'enc-rest/aws-drs-replication-template': 'Elastic Disaster Recovery staging EBS encryption: no FSBP or CIS control',
  'audit-logging/aws-dms-data-migration-logging': 'DMS homogeneous data migration logging: DMS.7 and DMS.8 judge replication tasks only',
  'enc-rest/aws-bedrockagentcore-capacity-provider': 'Bedrock AgentCore capacity provider EBS encryption: EC2.7/EC2.3 judge account defaults and plain EC2 volumes only',
  'audit-logging/aws-b2bi-profile-logging': 'B2B Data Interchange profile logging: no FSBP or CIS control',
  'public-access/aws-m2-environment': 'Mainframe Modernization runtime environment PubliclyAccessible: no FSBP or CIS control',
  // fixX (session 13): scout17 resource types no earlier rule read.
  'audit-logging/aws-osis-pipeline-logging': 'OpenSearch Ingestion pipeline log publishing: no FSBP or CIS control (Opensearch.4 judges domains)',
  'tls-min/aws-mediaconnect-flow-transport': 'MediaConnect flow source/output transport encryption: no FSBP or CIS control',
  // fixAF (session 14): scout24 resource types no earlier rule read.
  'audit-logging/aws-databrew-job-logging': 'DataBrew job CloudWatch logging (LogSubscription): no FSBP or CIS control',
  // fixAN (session 15): scout31 resource types no earlier rule read.
  'audit-logging/aws-ivschat-room-logging': 'IVS Chat room message logging (LoggingConfigurationIdentifiers): no FSBP or CIS control',
  'tls-min/aws-mediatailor-urls': 'MediaTailor ad server, origin and CDN URLs over HTTPS: no FSBP or CIS control',
  // fixU (session 13): the common-service rows of docs/coverage/unread-settings.md.
  'public-access/aws-mwaa-environment-webserver': 'a public MWAA Airflow web server (WebserverAccessMode PUBLIC_ONLY): no FSBP or CIS control',
  'public-access/aws-codebuild-project-visibility': 'public CodeBuild build results (Visibility PUBLIC_READ): no FSBP or CIS control',
  'tls-min/aws-codebuild-project-source': 'InsecureSsl on a CodeBuild source (certificate checks off): no FSBP or CIS control',
  'deletion-protection/aws-cognito-user-pool': 'Cognito user pool deletion protection: an AWS Config managed rule (cognito-user-pool-deletion-protection-enabled), no FSBP or CIS control',
  'deletion-protection/aws-lightsail-bucket-versioning': 'Lightsail object storage versioning: an AWS Config managed rule (lightsail-bucket-object-versioning-enabled), no FSBP or CIS control',
  'tls-min/aws-firehose-database-source': 'SSL of a Firehose database source (preview feature): no FSBP or CIS control',
};

async function awsRuleIds(): Promise<string[]> {
  return (await loadRules()).map((r) => r.id).filter((id) => id.split('/')[1]!.startsWith('aws-'));
}

function mappedRuleIds(): Set<string> {
  const out = new Set<string>();
  for (const id of frameworkIds()) {
    const f = loadFramework(id);
    if (f.provider !== 'aws') continue;
    for (const c of f.controls) for (const ref of c.rules) out.add(parseRuleRef(ref).rule);
  }
  return out;
}

describe('every AWS rule is mapped to a framework control or says why not', () => {
  it('each AWS rule is in AWS FSBP or CIS AWS, or in NO_FRAMEWORK_CONTROL with a reason', async () => {
    const mapped = mappedRuleIds();
    const missing = (await awsRuleIds()).filter((id) => !mapped.has(id) && !(id in NO_FRAMEWORK_CONTROL));
    expect(missing, 'map these rules in frameworks/aws-fsbp.yaml or cis-aws.yaml, or list them in NO_FRAMEWORK_CONTROL with a reason').toEqual([]);
  });

  it('NO_FRAMEWORK_CONTROL names only existing AWS rules that no framework maps, each with a reason', async () => {
    const ids = new Set(await awsRuleIds());
    const mapped = mappedRuleIds();
    for (const [id, reason] of Object.entries(NO_FRAMEWORK_CONTROL)) {
      expect(ids.has(id), `${id} is not an AWS rule`).toBe(true);
      expect(mapped.has(id), `${id} is mapped now: remove it from NO_FRAMEWORK_CONTROL`).toBe(false);
      expect(reason.length, id).toBeGreaterThan(10);
    }
  });

  it('the session-6 data-service rules decide their FSBP controls', () => {
    const fsbp = loadFramework('aws-fsbp');
    const rulesOf = (id: string) => fsbp.controls.find((c) => c.id === id)?.rules ?? [];
    expect(rulesOf('DMS.1')).toContain('public-access/aws-dms-replication-instance');
    expect(rulesOf('Redshift.2')).toContain('tls-min/aws-redshift-cluster');
    expect(rulesOf('EKS.1')).toContain('public-access/aws-eks-cluster');
    expect(rulesOf('SNS.4')).toEqual(['public-access/aws-sns-topic-policy', 'public-access/aws-sns-topic']);
    expect(rulesOf('CloudFront.10')).toEqual(['tls-min/aws-cloudfront-distribution-origins']);
  });
});

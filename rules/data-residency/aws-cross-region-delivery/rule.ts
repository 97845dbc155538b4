import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { asArray, get, ev, notApplicable, unknown, text, jsonDocument } from '../../../src/evaluate/facts.js';
import type { Resource } from '../../../src/model/resource.js';
import type { Inventory } from '../../../src/model/inventory.js';
import { isRef, isUnresolved, Unresolved, SHAPE_UNKNOWN } from '../../../src/model/values.js';
import { noAllowedRegions, offendersOrPass } from '../_region.js';
import { isAwsRegionalUrl, judgeTarget, type Target, type TargetKind } from '../_target.js';

/** SNS protocols whose endpoint is an AWS resource ARN (the others deliver outside AWS: email, SMS, HTTP). */
const ARN_PROTOCOLS = new Set(['sqs', 'lambda', 'firehose', 'application']);

/** Firehose source configurations: where a stream reads from, not where it delivers. */
const FIREHOSE_SOURCES = new Set(['KinesisStreamSourceConfiguration', 'MSKSourceConfiguration', 'DatabaseSourceConfiguration', 'DirectPutSourceConfiguration']);

/** Every destination a Firehose stream names, at any depth of its destination configurations. */
function firehoseTargets(props: unknown, path = ''): Target[] {
  if (props === null || typeof props !== 'object' || isUnresolved(props) || isRef(props)) return [];
  const out: Target[] = [];
  const entries = Array.isArray(props) ? props.map((v, i) => [`[${i}]`, v] as const) : Object.entries(props).map(([k, v]) => [k, v] as const);
  for (const [k, v] of entries) {
    const at = Array.isArray(props) ? `${path}${k}` : path ? `${path}.${k}` : k;
    if (!path && FIREHOSE_SOURCES.has(k)) continue;
    if (k === 'BucketARN' || k === 'DomainARN') out.push({ path: at, value: v, kind: 'arn', label: 'destination', home: true });
    else if (k === 'ClusterJDBCURL' || k === 'CollectionEndpoint') out.push({ path: at, value: v, kind: 'url', label: 'destination', home: true });
    // An HTTP endpoint delivers outside AWS regions unless its host is a regional AWS endpoint (API Gateway,
    // a Lambda function URL...): only those are judged, as SNS HTTP subscriptions.
    else if (k === 'Url' && at.startsWith('HttpEndpointDestinationConfiguration.') && isAwsRegionalUrl(v)) out.push({ path: at, value: v, kind: 'url', label: 'HTTP endpoint' });
    else out.push(...firehoseTargets(v, at));
  }
  return out;
}

/**
 * IoT topic rule actions that name their destination by ARN or by a regional endpoint URL. The other
 * actions (Kinesis, Firehose, DynamoDB, S3, Timestream, CloudWatch Logs, Step Functions, Republish...)
 * name a resource only by its name, which the rule's own region resolves: they add no region.
 */
const IOT_ACTIONS: { key: string; field: string; kind: TargetKind }[] = [
  { key: 'Lambda', field: 'FunctionArn', kind: 'arn' },
  { key: 'Sns', field: 'TargetArn', kind: 'arn' },
  { key: 'Sqs', field: 'QueueUrl', kind: 'url' },
  { key: 'OpenSearch', field: 'Endpoint', kind: 'url' },
  { key: 'Elasticsearch', field: 'Endpoint', kind: 'url' },
  { key: 'Kafka', field: 'DestinationArn', kind: 'arn' },
  { key: 'InfluxDB', field: 'DestinationArn', kind: 'arn' },
];

/** Where each action (and the error action) of an IoT topic rule delivers the messages it matches. */
function iotRuleTargets(p: Record<string, unknown>): Target[] {
  const actions = asArray(get(p, 'TopicRulePayload.Actions')).map((a, i) => ({ at: `TopicRulePayload.Actions[${i}]`, action: a }));
  const error = get(p, 'TopicRulePayload.ErrorAction');
  if (error !== undefined) actions.push({ at: 'TopicRulePayload.ErrorAction', action: error });
  const out: Target[] = [];
  for (const { at, action } of actions) {
    // An action (or the whole list) the template does not settle: where it delivers is not known.
    if (isUnresolved(action)) {
      out.push({ path: at, value: action, kind: 'arn', label: 'topic rule action' });
      continue;
    }
    for (const a of IOT_ACTIONS) {
      const value = get(action, `${a.key}.${a.field}`);
      if (value !== undefined) out.push({ path: `${at}.${a.key}.${a.field}`, value, kind: a.kind, label: `topic rule ${a.key} action` });
    }
    // An HTTPS action posts outside AWS unless its host is a regional AWS endpoint (as Firehose HTTP endpoints).
    const url = get(action, 'Http.Url');
    if (isAwsRegionalUrl(url)) out.push({ path: `${at}.Http.Url`, value: url, kind: 'url', label: 'topic rule Http action' });
  }
  return out;
}

/**
 * Global databases: a cluster joins one by name (`GlobalClusterIdentifier`; MemoryDB `MultiRegionClusterName`),
 * and every member holds a copy of the data. Aurora, DocumentDB and Neptune have a global-cluster resource
 * whose source cluster may be an ARN in another region.
 */
const GLOBAL_FAMILIES: Record<string, { global?: string; idPath: string; what: string }> = {
  'aws.rds.db-cluster': { global: 'aws.rds.global-cluster', idPath: 'GlobalClusterIdentifier', what: 'global database' },
  'aws.docdb.db-cluster': { global: 'aws.docdb.global-cluster', idPath: 'GlobalClusterIdentifier', what: 'global cluster' },
  'aws.neptune.db-cluster': { global: 'aws.neptune.global-cluster', idPath: 'GlobalClusterIdentifier', what: 'global database' },
  'aws.memorydb.cluster': { idPath: 'MultiRegionClusterName', what: 'multi-Region cluster' },
};

/** The other members of the global database this cluster joins, wherever the scan found them. */
function globalMembers(r: Resource, inventory: Inventory): Target[] | undefined {
  const family = GLOBAL_FAMILIES[r.type]!;
  const id = get(r.properties, family.idPath);
  if (id === undefined) return [];
  let name: unknown = id;
  if (isRef(id)) name = get(inventory.get(`${r.location.stack}/${id.logicalId}`)?.properties, 'GlobalClusterIdentifier');
  if (typeof name !== 'string') return undefined;
  const out: Target[] = [];
  for (const g of family.global ? inventory.ofType(family.global) : []) {
    if (get(g.properties, 'GlobalClusterIdentifier') !== name) continue;
    const src = get(g.properties, 'SourceDBClusterIdentifier');
    if (typeof src === 'string' && src.startsWith('arn:')) out.push({ path: family.idPath, value: src, kind: 'arn', label: `${family.what} ${name}'s primary cluster` });
  }
  for (const c of inventory.ofType(r.type)) {
    if (c === r || c.location.stack === r.location.stack) continue;
    const cid = get(c.properties, family.idPath);
    if (cid !== name) continue;
    const region = c.location.region ?? new Unresolved(`the region of stack ${c.location.stack}, which is not known`);
    out.push({ path: family.idPath, value: region, kind: 'region', label: `${family.what} ${name}'s member ${c.location.logicalId ?? c.id}` });
  }
  return out;
}

/** A cluster's own cross-region sources and the other members of the global database it joins. */
function clusterTargets(r: Resource, inventory: Inventory): Target[] | Verdict {
  const p = r.properties;
  const family = GLOBAL_FAMILIES[r.type]!;
  const out: Target[] = [];
  if (r.type === 'aws.rds.db-cluster') {
    if (get(p, 'SourceRegion') !== undefined) out.push({ path: 'SourceRegion', value: get(p, 'SourceRegion'), kind: 'region', label: 'replication source' });
    const src = get(p, 'ReplicationSourceIdentifier');
    if (src !== undefined) out.push({ path: 'ReplicationSourceIdentifier', value: src, kind: 'arn', label: 'replication source' });
  }
  const id = get(p, family.idPath);
  const members = globalMembers(r, inventory);
  if (members === undefined) return unknown(`joins the ${family.what} ${text(id)}, whose name cannot be read`, ev(family.idPath, id ?? null));
  if (id !== undefined && members.length === 0 && out.length === 0)
    return unknown(`joins the ${family.what} ${text(id)}: every member replicates its data, and no other member is in the scanned templates, so their regions are not known`, ev(family.idPath, id ?? null));
  return [...out, ...members];
}

/**
 * One setting of REPLICA_REGIONS. `home` (a delivery destination, an Image Builder distribution): one in the
 * stack's own region passes (rules/data-residency/_target.ts), and the message names its property.
 */
type Row = { path: string; kind: TargetKind; label: string; home?: true };

/**
 * Where a resource sends what it produces or receives (request and query logs, access logs, item-level
 * change streams, dead-letter events, email and contact events, artifacts, replicas), by type: every
 * CloudFormation property of the registry schema (@aws-cdk/aws-service-spec, grepped for destination,
 * replica, region, stream and log-group words) whose value names, by ARN or region name, the region the
 * data is written to, each checked in the service's documentation. Properties that only point somewhere
 * (latency records, an endpoint service's supported Regions, a resource link, a source Region) are
 * noted in scripts/unread-settings.mjs instead. A name without an ARN (a log group or delivery stream
 * name) is resolved in the resource's own region and is not listed.
 */
const DELIVERY_DESTINATIONS: Record<string, Row[]> = {
  // WAF request logs (client IPs, headers, URIs) go to one log group, bucket or Firehose stream.
  'aws.wafv2.logging-configuration': [{ path: 'LogDestinationConfigs[]', kind: 'arn', label: 'WAF log destination' }],
  'aws.route53resolver.resolver-query-logging-config': [{ path: 'DestinationArn', kind: 'arn', label: 'query log destination' }],
  'aws.vpclattice.access-log-subscription': [{ path: 'DestinationArn', kind: 'arn', label: 'access log destination' }],
  'aws.ec2.flow-log': [{ path: 'LogDestination', kind: 'arn', label: 'flow log destination' }],
  'aws.apigateway.stage': [{ path: 'AccessLogSetting.DestinationArn', kind: 'arn', label: 'access log destination' }],
  'aws.apigatewayv2.stage': [{ path: 'AccessLogSettings.DestinationArn', kind: 'arn', label: 'access log destination' }],
  'aws.stepfunctions.state-machine': [{ path: 'LoggingConfiguration.Destinations[].CloudWatchLogsLogGroup.LogGroupArn', kind: 'arn', label: 'execution log group' }],
  'aws.gamelift.container-fleet': [{ path: 'LogConfiguration.LogGroupArn', kind: 'arn', label: 'container log group' }],
  'aws.workspacesweb.user-access-logging-settings': [{ path: 'KinesisStreamArn', kind: 'arn', label: 'user access log stream' }],
  'aws.aps.scraper': [
    { path: 'Destination.AmpConfiguration.WorkspaceArn', kind: 'arn', label: 'metrics workspace' },
    { path: 'ScraperLoggingConfiguration.LoggingDestination.CloudWatchLogs.LogGroupArn', kind: 'arn', label: 'scraper log group' },
  ],
  'aws.logs.delivery': [{ path: 'DeliveryDestinationArn', kind: 'arn', label: 'vended log delivery destination' }],
  // CloudFront real-time logs (client IPs, URIs) stream to Kinesis in the stream's Region.
  'aws.cloudfront.realtime-log-config': [{ path: 'EndPoints[].KinesisStreamConfig.StreamArn', kind: 'arn', label: 'real-time log stream' }],
  'aws.cloudwatch.metric-stream': [{ path: 'FirehoseArn', kind: 'arn', label: 'metric stream destination' }],
  'aws.smsvoice.configuration-set': [
    { path: 'EventDestinations[].KinesisFirehoseDestination.DeliveryStreamArn', kind: 'arn', label: 'SMS event destination' },
    { path: 'EventDestinations[].CloudWatchLogsDestination.LogGroupArn', kind: 'arn', label: 'SMS event destination' },
  ],
  // The awslogs driver writes a container's output to the log group of `awslogs-region`.
  'aws.ecs.task-definition': [{ path: 'ContainerDefinitions[].LogConfiguration.Options.awslogs-region', kind: 'region', label: 'container logs' }],
  'aws.lex.bot': [
    { path: 'Replication.ReplicaRegions[]', kind: 'region', label: 'bot replica' },
    { path: 'TestBotAliasSettings.ConversationLogSettings.TextLogSettings[].Destination.CloudWatch.CloudWatchLogGroupArn', kind: 'arn', label: 'conversation log group' },
  ],
  'aws.lex.bot-alias': [{ path: 'ConversationLogSettings.TextLogSettings[].Destination.CloudWatch.CloudWatchLogGroupArn', kind: 'arn', label: 'conversation log group' }],
  // Records, events and messages. Lambda sends each asynchronous invocation's record (the event payload included) to these destinations.
  'aws.lambda.event-invoke-config': [
    { path: 'DestinationConfig.OnSuccess.Destination', kind: 'arn', label: 'on-success destination' },
    { path: 'DestinationConfig.OnFailure.Destination', kind: 'arn', label: 'on-failure destination' },
  ],
  'aws.lambda.function': [{ path: 'DeadLetterConfig.TargetArn', kind: 'arn', label: 'dead-letter target' }],
  'aws.lambda.event-source-mapping': [{ path: 'DestinationConfig.OnFailure.Destination', kind: 'arn', label: 'on-failure destination' }],
  'aws.dynamodb.table': [{ path: 'KinesisStreamSpecification.StreamArn', kind: 'arn', label: 'item-change stream' }],
  'aws.pinpoint.event-stream': [{ path: 'DestinationStreamArn', kind: 'arn', label: 'event stream' }],
  'aws.qldb.stream': [{ path: 'KinesisConfiguration.StreamArn', kind: 'arn', label: 'journal stream' }],
  'aws.ses.configuration-set-event-destination': [
    { path: 'EventDestination.KinesisFirehoseDestination.DeliveryStreamARN', kind: 'arn', label: 'email event destination' },
    { path: 'EventDestination.SnsDestination.TopicARN', kind: 'arn', label: 'email event destination' },
    { path: 'EventDestination.EventBridgeDestination.EventBusArn', kind: 'arn', label: 'email event destination' },
  ],
  'aws.pinpointemail.configuration-set-event-destination': [
    { path: 'EventDestination.KinesisFirehoseDestination.DeliveryStreamArn', kind: 'arn', label: 'email event destination' },
    { path: 'EventDestination.SnsDestination.TopicArn', kind: 'arn', label: 'email event destination' },
  ],
  'aws.connect.instance-storage-config': [
    { path: 'KinesisStreamConfig.StreamArn', kind: 'arn', label: 'contact data stream' },
    { path: 'KinesisFirehoseConfig.FirehoseArn', kind: 'arn', label: 'contact data stream' },
  ],
  // Cognito sends SMS (phone numbers, codes) through SNS or End User Messaging in the Region named, and email through the SES identity's Region.
  'aws.cognito.user-pool': [
    { path: 'SmsConfiguration.SnsRegion', kind: 'region', label: 'SMS sending' },
    { path: 'SmsConfiguration.EumsSms.Region', kind: 'region', label: 'SMS sending' },
    { path: 'EmailConfiguration.SourceArn', kind: 'arn', label: 'email sending identity' },
  ],
  'aws.cognito.user-pool-regional-configuration-attachment': [
    { path: 'SmsConfiguration.SnsRegion', kind: 'region', label: 'SMS sending' },
    { path: 'SmsConfiguration.EumsSms.Region', kind: 'region', label: 'SMS sending' },
  ],
  'aws.ses.multi-region-endpoint': [{ path: 'Details.RouteDetails[].Region', kind: 'region', label: 'secondary sending region' }],
  // Copies and replicas.
  'aws.dynamodb.global-table': [{ path: 'Replicas[].KinesisStreamSpecification.StreamArn', kind: 'arn', label: 'item-change stream' }],
  'aws.datasync.task': [
    { path: 'DestinationLocationArn', kind: 'arn', label: 'transfer destination' },
    { path: 'CloudWatchLogGroupArn', kind: 'arn', label: 'task log group' },
  ],
  'aws.s3tables.table-bucket': [{ path: 'ReplicationConfiguration.Rules[].Destinations[].DestinationTableBucketARN', kind: 'arn', label: 'table bucket replica' }],
  'aws.rds.integration': [{ path: 'TargetArn', kind: 'arn', label: 'zero-ETL target' }],
  'aws.redshift.integration': [{ path: 'TargetArn', kind: 'arn', label: 'zero-ETL target' }],
  'aws.glue.integration': [{ path: 'TargetArn', kind: 'arn', label: 'zero-ETL target' }],
  // A DMS target endpoint on Kinesis receives every replicated row.
  'aws.dms.endpoint': [{ path: 'KinesisSettings.StreamArn', kind: 'arn', label: 'replication target stream' }],
  'aws.paymentcryptography.key': [{ path: 'ReplicationRegions[]', kind: 'region', label: 'key replica' }],
  // CodePipeline keeps artifacts in each Region's artifact store and copies them to each cross-Region action's Region.
  'aws.codepipeline.pipeline': [
    { path: 'ArtifactStores[].Region', kind: 'region', label: 'artifact store' },
    { path: 'Stages[].Actions[].Region', kind: 'region', label: 'cross-Region action (artifacts copied there)' },
  ],
  'aws.cleanrooms.collaboration': [{ path: 'AllowedResultRegions[]', kind: 'region', label: 'query results' }],
  'aws.ssm.resource-data-sync': [
    { path: 'BucketRegion', kind: 'region', label: 'inventory sync bucket' },
    { path: 'S3Destination.BucketRegion', kind: 'region', label: 'inventory sync bucket' },
  ],
  // Billing exports (fixAN): every line item, with account and resource ids, is written to a bucket in the Region
  // S3Region names (BCM Data Exports S3Destination, a Cost and Usage Report definition).
  'aws.bcmdataexports.export': [{ path: 'Export.DestinationConfigurations.S3Destination.S3Region', kind: 'region', label: 'data export bucket' }],
  'aws.cur.report-definition': [{ path: 'S3Region', kind: 'region', label: 'cost and usage report bucket' }],
  // Systems Manager writes command output (and a maintenance window task's logs) to a bucket in the Region named.
  'aws.ssm.association': [{ path: 'OutputLocation.S3Location.OutputS3Region', kind: 'region', label: 'command output bucket' }],
  'aws.ssm.maintenance-window-task': [{ path: 'LoggingInfo.Region', kind: 'region', label: 'task output bucket' }],
  'aws.observabilityadmin.organization-centralization-rule': [
    { path: 'Rule.Destination.Region', kind: 'region', label: 'telemetry centralization' },
    { path: 'Rule.Destination.DestinationLogsConfiguration.BackupConfiguration.Region', kind: 'region', label: 'centralized log backup' },
  ],
};

/**
 * Settings that keep a copy of the data in a named region, by type (`[]` walks every element of a
 * list; a `region` value written as an ARN, as DLM's Outpost targets, is read as an ARN).
 */
const REPLICA_REGIONS: Record<string, Row[]> = {
  'aws.elasticache.global-replication-group': [
    { path: 'Members[].ReplicationGroupRegion', kind: 'region', label: 'global datastore member' },
    { path: 'RegionalConfigurations[].ReplicationGroupRegion', kind: 'region', label: 'global datastore member' },
  ],
  'aws.efs.file-system': [{ path: 'ReplicationConfiguration.Destinations[].Region', kind: 'region', label: 'replica file system' }],
  'aws.dlm.lifecycle-policy': [
    { path: 'PolicyDetails.Schedules[].CrossRegionCopyRules[].TargetRegion', kind: 'region', label: 'snapshot copy' },
    { path: 'PolicyDetails.Schedules[].CrossRegionCopyRules[].Target', kind: 'region', label: 'snapshot copy' },
    { path: 'PolicyDetails.Actions[].CrossRegionCopy[].Target', kind: 'region', label: 'snapshot copy' },
    { path: 'PolicyDetails.CrossRegionCopyTargets[].TargetRegion', kind: 'region', label: 'snapshot copy' },
    { path: 'CrossRegionCopyTargets[].TargetRegion', kind: 'region', label: 'snapshot copy' },
  ],
  'aws.redshift.cluster': [{ path: 'DestinationRegion', kind: 'region', label: 'snapshot copy' }],
  'aws.redshiftserverless.namespace': [{ path: 'SnapshotCopyConfigurations[].DestinationRegion', kind: 'region', label: 'snapshot copy' }],
  'aws.cloudformation.stack-set': [{ path: 'StackInstancesGroup[].Regions[]', kind: 'region', label: 'stack instances' }],
  'aws.dsql.cluster': [
    { path: 'MultiRegionProperties.WitnessRegion', kind: 'region', label: 'witness region' },
    { path: 'MultiRegionProperties.Clusters[]', kind: 'arn', label: 'peer cluster' },
  ],
  'aws.msk.replicator': [{ path: 'KafkaClusters[].AmazonMskCluster.MskClusterArn', kind: 'arn', label: 'replicated cluster' }],
  'aws.cognito.user-pool-replica': [{ path: 'RegionName', kind: 'region', label: 'user pool replica' }],
  // Global Accelerator sends users' traffic to the endpoints of this region, where it is processed.
  'aws.globalaccelerator.endpoint-group': [{ path: 'EndpointGroupRegion', kind: 'region', label: 'accelerator endpoint group' }],
  'aws.ssmincidents.replication-set': [{ path: 'Regions[].RegionName', kind: 'region', label: 'incident data replica' }],
  // EC2 Image Builder copies each image it builds (AMI, container image) to every region a distribution names.
  // An AMI distributed to `${AWS::Region}` stays where it was built (labels: 4 such distributions pass, none unknown):
  // the stack's unknown region is reported once, on the stack, as for delivery destinations.
  'aws.imagebuilder.distribution-configuration': [{ path: 'Distributions[].Region', kind: 'region', label: 'image distribution', home: true }],
  // An S3 Express directory bucket stores its objects in the one Availability Zone (or Local Zone) LocationName names.
  'aws.s3express.directory-bucket': [{ path: 'LocationName', kind: 'zone', label: 'directory bucket zone' }],
  // Bedrock sends what it embeds, parses or answers to the model named here, in that model's Region.
  'aws.bedrock.knowledge-base': [
    { path: 'KnowledgeBaseConfiguration.VectorKnowledgeBaseConfiguration.EmbeddingModelArn', kind: 'model', label: 'embedding model' },
    { path: 'KnowledgeBaseConfiguration.ManagedKnowledgeBaseConfiguration.EmbeddingModelArn', kind: 'model', label: 'embedding model' },
  ],
  'aws.bedrock.data-source': [
    { path: 'VectorIngestionConfiguration.ParsingConfiguration.BedrockFoundationModelConfiguration.ModelArn', kind: 'model', label: 'parsing model' },
    { path: 'VectorIngestionConfiguration.ContextEnrichmentConfiguration.BedrockFoundationModelConfiguration.ModelArn', kind: 'model', label: 'context enrichment model' },
  ],
  'aws.bedrock.agent': [
    { path: 'FoundationModel', kind: 'model', label: 'foundation model' },
    { path: 'PromptOverrideConfiguration.PromptConfigurations[].FoundationModel', kind: 'model', label: 'prompt override model' },
  ],
  'aws.bedrock.application-inference-profile': [{ path: 'ModelSource.CopyFrom', kind: 'model', label: 'model the profile copies' }],
  'aws.bedrock.prompt': [{ path: 'Variants[].ModelId', kind: 'model', label: 'prompt variant model' }],
  // Bedrock evaluates guardrail policies in the destination Regions of the guardrail profile's geography.
  'aws.bedrock.guardrail': [{ path: 'CrossRegionConfig.GuardrailProfileArn', kind: 'model', label: 'guardrail profile' }],
  ...Object.fromEntries(Object.entries(DELIVERY_DESTINATIONS).map(([type, rows]) => [type, rows.map((d) => ({ ...d, home: true as const }))])),
  'aws.dynamodb.global-table': [
    { path: 'GlobalTableWitnesses[].Region', kind: 'region', label: 'witness replica' },
    ...DELIVERY_DESTINATIONS['aws.dynamodb.global-table']!.map((d) => ({ ...d, home: true as const })),
  ],
};

/**
 * A CloudWatch Logs account policy of type SUBSCRIPTION_FILTER_POLICY subscribes every log group in
 * its scope to the `DestinationArn` of its policy document (a JSON text; a built one is read by its
 * shape); the other policy types (data protection, field index, transformer) deliver nothing.
 */
function accountPolicyTargets(r: Resource): Target[] | Verdict {
  const policyType = get(r.properties, 'PolicyType');
  if (isUnresolved(policyType)) return unknown(`the policy type depends on ${policyType.expression}, so whether it subscribes log groups to a destination cannot be read`, ev('PolicyType', policyType.expression));
  if (policyType !== 'SUBSCRIPTION_FILTER_POLICY') return [];
  const doc = jsonDocument(r, 'PolicyDocument', 100_000);
  const dest = doc && typeof doc === 'object' && !Array.isArray(doc) ? get(doc, 'DestinationArn') : undefined;
  if (dest === undefined) return unknown('the subscription filter policy document names no DestinationArn vouch can read, so where it delivers is not known', ev('PolicyDocument', text(doc)));
  return [{ path: 'PolicyDocument.DestinationArn', value: dest, kind: 'arn', label: 'subscription destination' }];
}

/** The values at a path with `[]` steps, each with its concrete path (`Members[1].ReplicationGroupRegion`). */
function valuesAt(obj: unknown, path: string, at = ''): { path: string; value: unknown }[] {
  const i = path.indexOf('[]');
  if (i < 0) {
    const full = at + path;
    const value = path === '' ? obj : get(obj, path.replace(/^\./, ''));
    return value === undefined ? [] : [{ path: full, value }];
  }
  const head = path.slice(0, i).replace(/^\./, '');
  const list = head === '' ? obj : get(obj, head);
  if (isUnresolved(list)) return [{ path: at + path.slice(0, i), value: list }];
  return asArray(list).flatMap((el, j) => valuesAt(el, path.slice(i + 2), `${at}${path.slice(0, i)}[${j}]`));
}

function replicaTargets(r: Resource): Target[] {
  // A delivery destination's message names its property (`WAF log destination (LogDestinationConfigs[0])`).
  return (REPLICA_REGIONS[r.type] ?? []).flatMap((d) =>
    valuesAt(r.properties, d.path).map(({ path, value }) => ({
      path,
      value,
      kind: d.kind === 'region' && typeof value === 'string' && value.startsWith('arn:') ? 'arn' : d.kind,
      label: d.home ? `${d.label} (${path})` : d.label,
      ...(d.home ? { home: true } : {}),
    })),
  );
}

/**
 * The ElastiCache global datastore a replication group joins (GlobalReplicationGroupId: a `GetAtt` of
 * one in this stack, or its full id `<AWS prefix>-<suffix>`, matched by suffix among the scanned templates).
 */
function globalDatastoreTargets(r: Resource, inventory: Inventory): Target[] | Verdict {
  const id = get(r.properties, 'GlobalReplicationGroupId');
  if (id === undefined) return [];
  let found: Resource | undefined;
  if (isRef(id)) found = inventory.get(`${r.location.stack}/${id.logicalId}`);
  else if (typeof id === 'string')
    found = inventory.ofType('aws.elasticache.global-replication-group').find((g) => {
      const suffix = get(g.properties, 'GlobalReplicationGroupIdSuffix');
      return typeof suffix === 'string' && (id === suffix || id.endsWith(`-${suffix}`));
    });
  const members = found ? replicaTargets(found).map((t) => ({ ...t, path: 'GlobalReplicationGroupId', label: `global datastore ${found.location.logicalId ?? text(id)}'s member` })) : [];
  if (members.length === 0)
    return unknown(
      `joins the global datastore ${text(id)}: every member holds a copy of its data, and the datastore's members are not in the scanned templates, so their regions are not known`,
      ev('GlobalReplicationGroupId', id),
    );
  return members;
}

/** The destination regions of one ECR registry replication rule, under `at` in evidence. */
function registryRuleTargets(rule: unknown, at: string, label: string): Target[] {
  return asArray(get(rule, 'Destinations')).map((d, j) => ({ path: `${at}.Destinations[${j}].Region`, value: get(d, 'Region'), kind: 'region' as const, label }));
}

/**
 * Where the account's registry replication copies a repository's images: every rule of a
 * scanned `AWS::ECR::ReplicationConfiguration` with no repository filter copies every repository,
 * and a `PREFIX_MATCH` filter copies those whose name starts with it. Only a configuration of the
 * repository's own stack counts: registry replication is per account and region, and another
 * template of the run may be deployed to another account or region.
 */
function registryReplicationTargets(r: Resource, inventory: Inventory): Target[] | Verdict {
  const out: Target[] = [];
  const name = get(r.properties, 'RepositoryName');
  for (const c of inventory.ofType('aws.ecr.replication-configuration')) {
    if (c.location.stack !== r.location.stack) continue;
    const id = c.location.logicalId ?? c.name ?? c.id;
    for (const [i, rule] of asArray(get(c.properties, 'ReplicationConfiguration.Rules')).entries()) {
      const filters = asArray(get(rule, 'RepositoryFilters'));
      let copies = filters.length === 0;
      for (const f of filters) {
        const prefix = get(f, 'Filter');
        const kind = get(f, 'FilterType') ?? 'PREFIX_MATCH';
        if (typeof prefix !== 'string' || kind !== 'PREFIX_MATCH' || (typeof name !== 'string' && name !== undefined))
          return unknown(`the registry replication rule ${id}.Rules[${i}] filters repositories by ${text(prefix)} (${text(kind)}), and whether it matches this repository's name is not known from the template`, ev('RepositoryName', name ?? null));
        // A repository without RepositoryName gets a generated name (the stack's name first), unknown here.
        if (name === undefined) return unknown(`the registry replication rule ${id}.Rules[${i}] copies repositories whose name starts with ${prefix}, and this repository's name is generated at deploy time`, ev('RepositoryName', null));
        if (name.startsWith(prefix)) copies = true;
      }
      if (!copies) continue;
      out.push(...registryRuleTargets(rule, `(registry replication ${id}).Rules[${i}]`, `registry replication ${id}'s destination`));
    }
  }
  return out;
}

/**
 * Where the awslogs driver writes each container's output: the log group `awslogs-group` names, in
 * `awslogs-region`. A group that is a resource of this stack (a `Ref`, as CDK writes it with the stack's
 * region spelled out) is in this stack's region whatever the option says.
 */
function taskLogTargets(r: Resource): Target[] {
  return replicaTargets(r).map((t) => {
    const group = get(r.properties, t.path.replace(/\.awslogs-region$/, '.awslogs-group'));
    return isRef(group) ? { ...t, value: group } : t;
  });
}

/**
 * A vended log delivery sends its source's logs to the delivery destination's resource: a destination of
 * this stack (a `GetAtt`) is followed to the bucket, log group or stream it names.
 */
function vendedDeliveryTargets(r: Resource, inventory: Inventory): Target[] {
  const out = replicaTargets(r);
  return out.map((t) => {
    if (!isRef(t.value)) return t;
    const d = inventory.get(`${r.location.stack}/${t.value.logicalId}`);
    const arn = d?.type === 'aws.logs.delivery-destination' ? get(d.properties, 'DestinationResourceArn') : undefined;
    return arn === undefined ? t : { ...t, value: arn, label: `${t.label} ${t.value.logicalId}'s resource (DeliveryDestinationArn)` };
  });
}

const QUERY_LOG_GROUP = 'QueryLoggingConfig.CloudWatchLogsLogGroupArn';

/**
 * Where a public hosted zone's DNS query logs (names queried, resolver IPs, EDNS client subnets) are written:
 * the log group its QueryLoggingConfig names. Route 53 accepts only a log group in us-east-1 ("Public DNS query
 * logging", Route 53 Developer Guide), so an ARN the template does not spell out (a parameter without a
 * value) is still known to be in us-east-1; one it names, or a log group of this stack, is read as usual.
 */
function queryLogTargets(p: Record<string, unknown>): Target[] {
  const arn = get(p, QUERY_LOG_GROUP);
  if (arn === undefined) return [];
  if (isUnresolved(arn) && arn.shape === undefined)
    return [{ path: QUERY_LOG_GROUP, value: 'us-east-1', kind: 'region', label: `query log group ${text(arn)} (Route 53 writes query logs only to us-east-1)` }];
  return [{ path: QUERY_LOG_GROUP, value: arn, kind: 'arn', label: `query log group (${QUERY_LOG_GROUP})`, home: true }];
}

/**
 * An EventBridge Scheduler universal target, `arn:aws:scheduler:::aws-sdk:<service>:<apiAction>` (Scheduler
 * User Guide, "Using universal targets"): the ARN names an API, with an empty region field, and Scheduler calls
 * that API through the service's endpoint in the schedule's own Region, sending the schedule's Input as the
 * request. So the call is a target in this resource's own region (kind `api`), unless:
 * - the service is a global one (IAM, Route 53, CloudFront, Organizations, ...), whose data is not kept in the
 *   caller's Region: unknown (kind `arn`, no region);
 * - the Input names a resource by an ARN or a regional endpoint URL: each is judged where it says (a request to
 *   a resource in another Region moves the input there); an Input built from a parameter or an import is unknown.
 * Returns undefined for any other target ARN.
 */
const UNIVERSAL = /^arn:[^:]*:scheduler:::aws-sdk:([A-Za-z0-9]+):([A-Za-z0-9]+)$/;
const GLOBAL_SDK_SERVICES = new Set([
  'iam', 'route53', 'route53domains', 'cloudfront', 'organizations', 'globalaccelerator', 'shield', 'waf', 'budgets', 'costexplorer', 'account', 'networkmanager', 'health',
  // Services with one endpoint Region whatever the caller's (AWS General Reference, "Service endpoints and quotas"):
  // Support and Trusted Advisor, the Price List API, billing (CUR, Data Exports, Billing Conductor, Savings Plans,
  // Free Tier), ECR Public, and Route 53 ARC's control plane (us-west-2).
  'support', 'trustedadvisor', 'pricing', 'costandusagereport', 'bcmdataexports', 'billingconductor', 'savingsplans', 'freetier', 'ecrpublic',
  'route53recoverycontrolconfig', 'route53recoveryreadiness',
]);
const INPUT_ARN = /arn:aws[a-z-]*:[a-z0-9-]+:[a-z]{2}(?:-gov)?-[a-z]+-\d:[^"\s,}]*/g;
const INPUT_URL = /https?:\/\/[a-z0-9.-]+\.(?:[a-z]{2}|us-gov)-[a-z]+-\d\.[a-z0-9.-]*amazonaws\.com[^"\s,}]*/g;
function universalTargets(arn: unknown, input: unknown): Target[] | undefined {
  const shown = isUnresolved(arn) ? arn.shape : arn;
  const m = typeof shown === 'string' ? UNIVERSAL.exec(shown) : null;
  if (!m) return undefined;
  const service = m[1]!.toLowerCase();
  const api = `${m[1]}:${m[2]}`;
  const written = isUnresolved(arn) ? arn.expression : String(arn);
  if (GLOBAL_SDK_SERVICES.has(service)) return [{ path: 'Target.Arn', value: written, kind: 'arn', label: `universal target ${api} (a global service)` }];
  const out: Target[] = [{ path: 'Target.Arn', value: written, kind: 'api', label: `universal target ${api}` }];
  // An Input built from a parameter or an import (or not built to text at all) may name a resource anywhere: unknown.
  if (isUnresolved(input) && (input.shape === undefined || input.shape.includes(SHAPE_UNKNOWN)))
    out.push({ path: 'Target.Input', value: input, kind: 'arn', label: `universal target ${api} input` });
  // Literal text of the Input (the fixed parts of a built one: a pseudo parameter or a resource of this stack
  // names this stack's own Region and account).
  const body = isUnresolved(input) ? (input.shape ?? '') : typeof input === 'string' ? input : input === undefined ? '' : JSON.stringify(input);
  for (const a of body.match(INPUT_ARN) ?? []) out.push({ path: 'Target.Input', value: a, kind: 'arn', label: `universal target ${api} input` });
  for (const u of body.match(INPUT_URL) ?? []) out.push({ path: 'Target.Input', value: u, kind: 'url', label: `universal target ${api} input` });
  return out;
}

/** Explicit places a resource replicates or delivers its data to. */
export function targets(r: Resource, inventory: Inventory): Target[] | Verdict {
  const p = r.properties;
  switch (r.type) {
    case 'aws.ecr.repository':
      return registryReplicationTargets(r, inventory);
    case 'aws.ecr.replication-configuration':
      return asArray(get(p, 'ReplicationConfiguration.Rules')).flatMap((rule, i) =>
        registryRuleTargets(rule, `ReplicationConfiguration.Rules[${i}]`, 'replication destination'),
      );
    case 'aws.secretsmanager.secret':
      return asArray(get(p, 'ReplicaRegions')).map((d, i) => ({ path: `ReplicaRegions[${i}].Region`, value: get(d, 'Region'), kind: 'region' as const, label: 'replica' }));
    case 'aws.sns.subscription': {
      const out: Target[] = [];
      const protocol = get(p, 'Protocol');
      if (get(p, 'Region') !== undefined) out.push({ path: 'Region', value: get(p, 'Region'), kind: 'region', label: 'subscribed topic' });
      if (isUnresolved(protocol)) return unknown(`the protocol depends on ${protocol.expression}, so where the subscription delivers cannot be read`, ev('Protocol', protocol.expression));
      if (typeof protocol === 'string' && ARN_PROTOCOLS.has(protocol.toLowerCase())) out.push({ path: 'Endpoint', value: get(p, 'Endpoint'), kind: 'arn', label: `${protocol} endpoint` });
      return out;
    }
    case 'aws.sns.topic':
      // Subscriptions written on the topic itself deliver as AWS::SNS::Subscription resources do.
      return asArray(get(p, 'Subscription')).flatMap((sub, i): Target[] => {
        const protocol = get(sub, 'Protocol');
        if (isUnresolved(protocol)) return [{ path: `Subscription[${i}].Protocol`, value: protocol, kind: 'arn', label: 'subscription (protocol not known)' }];
        return typeof protocol === 'string' && ARN_PROTOCOLS.has(protocol.toLowerCase()) ? [{ path: `Subscription[${i}].Endpoint`, value: get(sub, 'Endpoint'), kind: 'arn', label: `${protocol} subscription` }] : [];
      });
    case 'aws.events.rule':
      // Each target, and the dead-letter queue that receives the events a target could not take.
      return asArray(get(p, 'Targets')).flatMap((t, i): Target[] => {
        const dlq = get(t, 'DeadLetterConfig.Arn');
        const out: Target[] = [{ path: `Targets[${i}].Arn`, value: get(t, 'Arn'), kind: 'arn', label: 'target', home: true }];
        if (dlq !== undefined) out.push({ path: `Targets[${i}].DeadLetterConfig.Arn`, value: dlq, kind: 'arn', label: 'dead-letter queue', home: true });
        return out;
      });
    case 'aws.scheduler.schedule': {
      // A schedule calls its target (a templated target's resource ARN) and sends failed invocations to its
      // dead-letter queue: each receives the schedule's input. A universal target (arn:aws:scheduler:::aws-sdk:…)
      // names an API, not a resource: see universalTargets.
      const universal = universalTargets(get(p, 'Target.Arn'), get(p, 'Target.Input'));
      const out: Target[] = universal ?? [{ path: 'Target.Arn', value: get(p, 'Target.Arn'), kind: 'arn', label: 'schedule target' }];
      const dlq = get(p, 'Target.DeadLetterConfig.Arn');
      if (dlq !== undefined) out.push({ path: 'Target.DeadLetterConfig.Arn', value: dlq, kind: 'arn', label: 'dead-letter queue' });
      return out;
    }
    case 'aws.pipes.pipe': {
      // A pipe sends each batch from its source to the enrichment (when set) and then to the target.
      const out: Target[] = [{ path: 'Target', value: get(p, 'Target'), kind: 'arn', label: 'pipe target' }];
      const enrichment = get(p, 'Enrichment');
      if (enrichment !== undefined && enrichment !== '') out.push({ path: 'Enrichment', value: enrichment, kind: 'arn', label: 'pipe enrichment' });
      return out;
    }
    case 'aws.iot.topic-rule':
      return iotRuleTargets(p);
    case 'aws.ecs.task-definition':
      return taskLogTargets(r);
    case 'aws.logs.delivery':
      return vendedDeliveryTargets(r, inventory);
    case 'aws.events.endpoint': {
      const out: Target[] = asArray(get(p, 'EventBuses')).map((b, i) => ({ path: `EventBuses[${i}].EventBusArn`, value: get(b, 'EventBusArn'), kind: 'arn' as const, label: 'event bus' }));
      const secondary = get(p, 'RoutingConfig.FailoverConfig.Secondary.Route');
      if (secondary !== undefined) out.push({ path: 'RoutingConfig.FailoverConfig.Secondary.Route', value: secondary, kind: 'region', label: 'failover region' });
      return out;
    }
    case 'aws.route53.hosted-zone':
      return queryLogTargets(p);
    case 'aws.logs.subscription-filter':
      return [{ path: 'DestinationArn', value: get(p, 'DestinationArn'), kind: 'arn', label: 'destination' }];
    case 'aws.logs.destination':
      return [{ path: 'TargetArn', value: get(p, 'TargetArn'), kind: 'arn', label: 'target' }];
    case 'aws.logs.account-policy':
      return accountPolicyTargets(r);
    case 'aws.logs.delivery-destination':
      return get(p, 'DestinationResourceArn') === undefined ? [] : [{ path: 'DestinationResourceArn', value: get(p, 'DestinationResourceArn'), kind: 'arn', label: 'destination' }];
    case 'aws.firehose.delivery-stream':
      return firehoseTargets(p);
    case 'aws.kms.replica-key':
      return [{ path: 'PrimaryKeyArn', value: get(p, 'PrimaryKeyArn'), kind: 'arn', label: 'primary key' }];
    case 'aws.rds.global-cluster':
    case 'aws.docdb.global-cluster':
    case 'aws.neptune.global-cluster': {
      const src = get(p, 'SourceDBClusterIdentifier');
      // A plain identifier names a cluster of this region; an ARN may name another.
      return isUnresolved(src) || (typeof src === 'string' && src.startsWith('arn:')) ? [{ path: 'SourceDBClusterIdentifier', value: src, kind: 'arn', label: 'primary cluster' }] : [];
    }
    case 'aws.rds.db-cluster':
    case 'aws.docdb.db-cluster':
    case 'aws.neptune.db-cluster':
    case 'aws.memorydb.cluster':
      return clusterTargets(r, inventory);
    case 'aws.elasticache.replication-group':
      return globalDatastoreTargets(r, inventory);
    default:
      return replicaTargets(r);
  }
}

export default defineRule({
  id: 'data-residency/aws-cross-region-delivery',
  control: 'data-residency',
  title: 'Replicas, cross-region copies and delivery targets (ECR, Secrets Manager, SNS, EventBridge rules, Scheduler and Pipes, IoT rules, Global Accelerator, Lambda async destinations, Logs subscriptions and account policies, Firehose, KMS, Aurora, ElastiCache, EFS, DLM, Redshift, StackSets, DSQL, MSK, Cognito), S3 Express directory bucket zones and Bedrock models are in allowed regions',
  severity: 'high',
  risk: 'Registry replication, secret replicas, SNS subscriptions, EventBridge rule, schedule and pipe targets, IoT rule actions, log subscriptions, Firehose destinations, multi-Region keys, Aurora global databases, ElastiCache global datastores, EFS replicas, DLM and Redshift snapshot copies, StackSet instances, DSQL peers, MSK replicators, Cognito user pool replicas and Lambda asynchronous-invocation destinations copy data (or key material) into the target’s region, an S3 Express directory bucket stores its objects in the zone it names, and a Bedrock knowledge base, data source, agent, prompt or inference profile sends what it embeds or answers to its model’s Region (a cross-Region inference profile to any Region of its geography); a target outside the allowed regions moves the data out of the promised jurisdictions.',
  remediation: {
    text: 'Point replicas, subscriptions, rule targets, log destinations and delivery streams only at resources in allowed regions.',
    cdk: "new ecr.CfnReplicationConfiguration(this, 'Repl', { replicationConfiguration: { rules: [{ destinations: [{ region: 'eu-central-1', registryId: this.account }] }] } })",
    cloudformation: 'Type: AWS::SecretsManager::Secret\nProperties:\n  ReplicaRegions:\n    - Region: eu-central-1',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonECR/latest/userguide/replication.html',
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/create-manage-multi-region-secrets.html',
    'https://docs.aws.amazon.com/sns/latest/dg/sns-cross-region-delivery.html',
    'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-region.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-scheduler-schedule.html',
    'https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-pipes-pipe.html',
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CrossAccountSubscriptions.html',
    'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html',
    'https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html',
    'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastore.html',
    'https://docs.aws.amazon.com/efs/latest/ug/efs-replication.html',
    'https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-ami-policy.html',
    'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-snapshots.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-imagebuilder-distributionconfiguration-distribution.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-lambda-eventinvokeconfig-destinationconfig.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-logs-accountpolicy.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-express-Endpoints.html',
    'https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html',
    'https://docs.aws.amazon.com/bedrock/latest/userguide/cross-region-inference-support.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ses-multiregionendpoint.html',
    'https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-cross-region-support.html',
    'https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateBotReplica.html',
    'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/query-logs.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-bcmdataexports-export-s3destination.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cur-reportdefinition.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ssm-association-s3outputlocation.html',
  ],
  // Each type once (a DELIVERY_DESTINATIONS type may be listed here by name too).
  types: [...new Set([
    'aws.ecr.replication-configuration',
    'aws.ecr.repository',
    'aws.secretsmanager.secret',
    'aws.sns.subscription',
    'aws.events.rule',
    'aws.events.endpoint',
    'aws.logs.subscription-filter',
    'aws.logs.destination',
    'aws.logs.delivery-destination',
    'aws.firehose.delivery-stream',
    'aws.kms.replica-key',
    'aws.rds.global-cluster',
    'aws.rds.db-cluster',
    'aws.docdb.global-cluster',
    'aws.docdb.db-cluster',
    'aws.neptune.global-cluster',
    'aws.neptune.db-cluster',
    'aws.memorydb.cluster',
    'aws.elasticache.replication-group',
    'aws.elasticache.global-replication-group',
    'aws.efs.file-system',
    'aws.dlm.lifecycle-policy',
    'aws.redshift.cluster',
    'aws.redshiftserverless.namespace',
    'aws.cloudformation.stack-set',
    'aws.dsql.cluster',
    'aws.msk.replicator',
    'aws.cognito.user-pool-replica',
    'aws.ssmincidents.replication-set',
    'aws.bedrock.guardrail',
    'aws.dynamodb.global-table',
    'aws.sns.topic',
    'aws.globalaccelerator.endpoint-group',
    'aws.scheduler.schedule',
    'aws.pipes.pipe',
    'aws.iot.topic-rule',
    'aws.imagebuilder.distribution-configuration',
    'aws.lambda.event-invoke-config',
    'aws.logs.account-policy',
    'aws.s3express.directory-bucket',
    'aws.bedrock.knowledge-base',
    'aws.bedrock.data-source',
    'aws.bedrock.agent',
    'aws.bedrock.application-inference-profile',
    'aws.bedrock.prompt',
    'aws.route53.hosted-zone',
    ...Object.keys(DELIVERY_DESTINATIONS),
  ])],
  // Judged in templates: the live collectors do not read replication or delivery settings of these types yet.
  sources: ['iac'],
  check(r, { params, inventory }) {
    const list = targets(r, inventory);
    if (!Array.isArray(list)) return noAllowedRegions(params) ?? list;
    if (list.length === 0) return notApplicable('no replica, cross-region source or delivery target');
    const na = noAllowedRegions(params);
    if (na) return na;
    const seen = new Map<string, number>();
    const out: Verdict[] = list.map((t) => {
      const n = seen.get(t.path) ?? 0;
      seen.set(t.path, n + 1);
      return { ...judgeTarget(r, t, params, inventory), subId: n ? `${t.path}#${n}` : t.path };
    });
    return offendersOrPass(out);
  },
});

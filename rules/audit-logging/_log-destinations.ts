/**
 * Which resources deliver logs into an S3 bucket: a bucket that receives
 * logs is a log bucket (labels.yaml judgement call), and
 * audit-logging/aws-s3-bucket-access-logging does not ask it for access logs
 * of its own (audit-log buckets excepted: CloudTrail, CIS AWS 3.6, and AWS
 * Config deliveries, which the rule reads from this list).
 *
 * The loader's relations already link a bucket to the sources that name it by
 * a plain Ref/GetAtt (`logsFrom`: S3 server access logs, CloudTrail, ELB,
 * CloudFront, flow logs). This helper adds the deliveries written the way real
 * templates write them: an ARN built around the bucket with Fn::Join/Fn::Sub
 * (`!Join ['', [!GetAtt Logs.Arn, '/vpc/']]`, CDK's flow logs), a literal
 * name or ARN, and the log sources that name a bucket elsewhere:
 *
 * - VPC flow logs (`AWS::EC2::FlowLog`, LogDestinationType s3)
 * - WAF web ACL logging (`AWS::WAFv2::LoggingConfiguration`)
 * - Network Firewall logging (`AWS::NetworkFirewall::LoggingConfiguration`, S3 destinations)
 * - Route 53 Resolver query logging (`AWS::Route53Resolver::ResolverQueryLoggingConfig`)
 * - AWS Config delivery channels (`AWS::Config::DeliveryChannel`)
 * - CloudWatch Logs vended-log delivery destinations (`AWS::Logs::DeliveryDestination`:
 *   CloudFront standard logging v2 and other services' delivered logs)
 * - S3 server access logs named by literal bucket name
 * - Redshift audit logging (`LoggingProperties.BucketName`), MSK broker logs
 *   (`LoggingInfo.BrokerLogs.S3`), CodeBuild S3 build logs (`LogsConfig.S3Logs.Location`) and
 *   Systems Manager association output (`OutputLocation.S3Location`)
 * - Image Builder build logs (`AWS::ImageBuilder::InfrastructureConfiguration` `Logging.S3Logs`),
 *   Timestream for InfluxDB engine logs (`AWS::Timestream::InfluxDBInstance` / `InfluxDBCluster`
 *   `LogDeliveryConfiguration.S3Configuration`, when Enabled), MSK Connect worker logs
 *   (`AWS::KafkaConnect::Connector` `LogDelivery.WorkerLogDelivery.S3`, when Enabled), EventBridge
 *   Pipes execution logs (`LogConfiguration.S3LogDestination`, unless Level is OFF), EMR Serverless
 *   application logs (`MonitoringConfiguration.S3MonitoringConfiguration.LogUri`, `s3://bucket/prefix`)
 *   and Verified Access access logs (`LoggingConfigurations.S3`, when Enabled)
 *
 * Not log buckets by this alone: a Kinesis Data Firehose stream's S3
 * destination (a stream carries whatever its producers put, clickstreams and
 * events as often as logs), and Global Accelerator flow logs (turned on by
 * UpdateAcceleratorAttributes; CloudFormation has no property for them).
 */
import type { Resource } from '../../src/model/resource.js';
import type { Inventory } from '../../src/model/inventory.js';
import { get, asBool, nameBeside } from '../../src/evaluate/facts.js';
import { isRef, isUnresolved, shownShape, SHAPE_SPECIFIC } from '../../src/model/values.js';
import { isElbLogAccount } from '../../src/lib/elb-log-accounts.js';
import { policyStatements, coversAction } from '../../src/lib/s3-policy.js';

/** A log source type and the places in it that name a destination bucket (name or ARN). */
interface LogSource {
  type: string;
  destinations(r: Resource): unknown[];
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

const LOG_SOURCES: readonly LogSource[] = [
  {
    type: 'aws.ec2.flow-log',
    destinations: (r) => (String(get(r.properties, 'LogDestinationType') ?? '').toLowerCase() === 's3' ? [get(r.properties, 'LogDestination')] : []),
  },
  { type: 'aws.wafv2.logging-configuration', destinations: (r) => asList(get(r.properties, 'LogDestinationConfigs')) },
  {
    type: 'aws.networkfirewall.logging-configuration',
    destinations: (r) =>
      asList(get(r.properties, 'LoggingConfiguration.LogDestinationConfigs'))
        .filter((c) => String(get(c, 'LogDestinationType') ?? '').toUpperCase() === 'S3')
        .map((c) => get(c, 'LogDestination.bucketName')),
  },
  { type: 'aws.route53resolver.resolver-query-logging-config', destinations: (r) => [get(r.properties, 'DestinationArn')] },
  { type: 'aws.config.delivery-channel', destinations: (r) => [get(r.properties, 'S3BucketName')] },
  { type: 'aws.logs.delivery-destination', destinations: (r) => [get(r.properties, 'DestinationResourceArn')] },
  { type: 'aws.s3.bucket', destinations: (r) => [get(r.properties, 'LoggingConfiguration.DestinationBucketName')] },
  // CloudFront standard logging names the bucket by its domain (`logs.s3.amazonaws.com`, `!Sub '${Logs}.s3.amazonaws.com'`).
  { type: 'aws.cloudfront.distribution', destinations: (r) => [get(r.properties, 'DistributionConfig.Logging.Bucket')] },
  // Redshift audit logs (connection, user and user-activity logs) go to S3 unless LogDestinationType is cloudwatch.
  {
    type: 'aws.redshift.cluster',
    destinations: (r) => (String(get(r.properties, 'LoggingProperties.LogDestinationType') ?? 's3').toLowerCase() === 's3' ? [get(r.properties, 'LoggingProperties.BucketName')] : []),
  },
  // MSK broker logs delivered to S3.
  { type: 'aws.msk.cluster', destinations: (r) => (asBool(get(r.properties, 'LoggingInfo.BrokerLogs.S3.Enabled')) === true ? [get(r.properties, 'LoggingInfo.BrokerLogs.S3.Bucket')] : []) },
  // CodeBuild build logs written to S3 (`bucket/prefix` or an ARN).
  {
    type: 'aws.codebuild.project',
    destinations: (r) => (String(get(r.properties, 'LogsConfig.S3Logs.Status') ?? '').toUpperCase() === 'ENABLED' ? [get(r.properties, 'LogsConfig.S3Logs.Location')] : []),
  },
  // Systems Manager command output of a State Manager association.
  { type: 'aws.ssm.association', destinations: (r) => [get(r.properties, 'OutputLocation.S3Location.OutputS3BucketName')] },
  // Image Builder build and test logs (no switch: naming the bucket turns delivery on).
  { type: 'aws.imagebuilder.infrastructure-configuration', destinations: (r) => [get(r.properties, 'Logging.S3Logs.S3BucketName')] },
  // Timestream for InfluxDB engine logs, instances and clusters alike.
  ...['aws.timestream.influx-db-instance', 'aws.timestream.influx-db-cluster'].map((type) => ({
    type,
    destinations: (r: Resource) => (asBool(get(r.properties, 'LogDeliveryConfiguration.S3Configuration.Enabled')) === true ? [get(r.properties, 'LogDeliveryConfiguration.S3Configuration.BucketName')] : []),
  })),
  // MSK Connect worker logs.
  {
    type: 'aws.kafkaconnect.connector',
    destinations: (r) => (asBool(get(r.properties, 'LogDelivery.WorkerLogDelivery.S3.Enabled')) === true ? [get(r.properties, 'LogDelivery.WorkerLogDelivery.S3.Bucket')] : []),
  },
  // EventBridge Pipes execution logs (Level OFF sends none).
  {
    type: 'aws.pipes.pipe',
    destinations: (r) => (String(get(r.properties, 'LogConfiguration.Level') ?? '').toUpperCase() === 'OFF' ? [] : [get(r.properties, 'LogConfiguration.S3LogDestination.BucketName')]),
  },
  // EMR Serverless application logs (`s3://bucket/prefix/`).
  { type: 'aws.emrserverless.application', destinations: (r) => [get(r.properties, 'MonitoringConfiguration.S3MonitoringConfiguration.LogUri')] },
  // Verified Access instance access logs.
  {
    type: 'aws.ec2.verified-access-instance',
    destinations: (r) => (asBool(get(r.properties, 'LoggingConfigurations.S3.Enabled')) === true ? [get(r.properties, 'LoggingConfigurations.S3.BucketName')] : []),
  },
];

/** `arn:aws:s3:::name/prefix`, `s3://name/prefix`, `name.s3.amazonaws.com` (a bucket's domain), `name/prefix` or `name` → `name`; anything else that is not a bucket → undefined. */
export function bucketNameOf(v: string): string | undefined {
  if (/^s3a?:\/\//i.test(v)) return bucketNameOf(v.replace(/^s3a?:\/\//i, '').split('/')[0] ?? '');
  const arn = /^arn:aws[a-z-]*:s3:::([^/]+)/.exec(v);
  if (arn) return arn[1];
  if (!v.startsWith('arn:') && v.includes('/')) return bucketNameOf(v.slice(0, v.indexOf('/')));
  const domain = /^([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/.exec(v);
  if (domain) return domain[1];
  if (v.startsWith('arn:')) return undefined;
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v) ? v : undefined;
}

/**
 * Logical ids a value refers to: a Ref/GetAtt, or the references inside a
 * string built with Fn::Join or Fn::Sub, read from the expression the loader
 * keeps (`{"Fn::GetAtt":["Id","Arn"]}`, `{"Ref":"Id"}`, `${Id}`, `${Id.Arn}`;
 * the first 120 characters). Callers keep only the ids that are buckets.
 */
export function referencedIds(v: unknown): string[] {
  if (isRef(v)) return [v.logicalId];
  if (!isUnresolved(v) || !/^Fn::(?:Join|Sub) /.test(v.expression)) return [];
  const e = v.expression;
  const ids = new Set<string>();
  for (const m of e.matchAll(/\{"Fn::GetAtt":(?:\["([A-Za-z0-9]+)"|"([A-Za-z0-9]+)\.)|\{"Ref":"([A-Za-z0-9]+)"\}|\$\{([A-Za-z0-9]+)(?:\.Arn)?\}/g))
    ids.add((m[1] ?? m[2] ?? m[3] ?? m[4])!);
  return [...ids];
}

interface Index {
  /** bucket resource id → ids of the resources delivering logs into it. */
  sources: Map<string, string[]>;
}

/** Built once per inventory (keyed on `inventory.base`: the evaluator's Fn::If views share it), holding ids. */
const indexes = new WeakMap<Inventory, Index>();

function siblingId(r: Resource, logicalId: string): string | undefined {
  const own = r.location.logicalId;
  if (!own || !r.id.endsWith(`/${own}`)) return undefined;
  return r.id.slice(0, r.id.length - own.length) + logicalId;
}

function indexOf(inventory: Inventory): Index {
  const base = inventory.base;
  let ix = indexes.get(base);
  if (ix) return ix;
  ix = { sources: new Map() };
  indexes.set(base, ix);
  const byName = new Map<string, Resource[]>();
  for (const b of base.ofType('aws.s3.bucket')) {
    const name = get(b.properties, 'BucketName');
    if (typeof name === 'string' && name !== '') byName.set(name, [...(byName.get(name) ?? []), b]);
  }
  const add = (bucket: Resource, source: Resource) => {
    if (bucket.id === source.id) return;
    const list = ix!.sources.get(bucket.id) ?? [];
    if (!list.includes(source.id)) list.push(source.id);
    ix!.sources.set(bucket.id, list);
  };
  for (const src of LOG_SOURCES)
    for (const r of base.ofType(src.type))
      for (const d of src.destinations(r)) {
        if (typeof d === 'string') {
          const name = bucketNameOf(d);
          for (const b of name ? (byName.get(name) ?? []) : []) add(b, r);
          continue;
        }
        for (const id of referencedIds(d)) {
          const sid = siblingId(r, id);
          const b = sid ? base.get(sid) : undefined;
          if (b?.type === 'aws.s3.bucket') add(b, r);
        }
      }
  return ix;
}

/** The resources that deliver logs into `bucket` (see the list above), beyond the loader's `logsFrom` relation. */
export function logDeliveriesTo(bucket: Resource, inventory: Inventory): readonly Resource[] {
  return (indexOf(inventory).sources.get(bucket.id) ?? []).flatMap((id) => inventory.get(id) ?? []);
}

/** Service principals that deliver other services' logs into a bucket (not audit logs: CloudTrail and Config are not here). */
const LOG_DELIVERY_PRINCIPALS = ['logging.s3.amazonaws.com', 'logdelivery.elasticloadbalancing.amazonaws.com', 'delivery.logs.amazonaws.com'];

/**
 * An AWS principal that is a regional Elastic Load Balancing log-delivery account (the older regions' way
 * of granting ELB access-log delivery, src/lib/elb-log-accounts.ts): its id or root ARN written out
 * (`arn:aws:iam::156460612806:root`, `"127311923021"`), or a mapping of them keyed by the region
 * (`Fn::FindInMap [ElbAccount, !Ref AWS::Region, Id]`, alone or inside `Fn::Sub`/`Fn::Join`), which the
 * resolver marks as an `elb-account` placeholder when every value of the map's column is such an account.
 */
function elbLogAccountPrincipal(v: unknown): boolean {
  if (typeof v === 'string') {
    const m = /^(?:arn:aws[a-z-]*:iam::)?(\d{12})(?::root)?$/.exec(v.trim());
    return !!m && isElbLogAccount(m[1]);
  }
  if (!isUnresolved(v) || v.shape === undefined || !v.slots) return false;
  const m = new RegExp(`^(?:arn:aws[a-z-]*:iam::)?${SHAPE_SPECIFIC}(?::root)?$`).exec(v.shape.trim());
  return !!m && v.slots.length === 1 && v.slots[0] === 'elb-account';
}

/** `CdnRequestLogBucket` → cdn, request, log, bucket; `cloudfront-access-logs-${AWS::AccountId}` → cloudfront, access, logs. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The text a bucket is named by: its literal BucketName, the literal text of a built one, else its logical id. */
function nameText(bucket: Resource): string {
  const name = get(bucket.properties, 'BucketName');
  if (typeof name === 'string') return name;
  if (isUnresolved(name)) return shownShape(name.shape ?? name.expression);
  return bucket.location.logicalId ?? bucket.name ?? '';
}

/**
 * Why a bucket no resource of the scanned templates writes to is still a log target, or undefined:
 * - its policy lets a log-delivery service principal put objects (S3 server access logs, ELB,
 *   CloudWatch Logs vended deliveries such as CloudFront standard logging v2 and flow logs), or the
 *   regional Elastic Load Balancing account of the older regions (elbLogAccountPrincipal);
 * - it is prepared for ACL-based log delivery: ACLs enabled (Object Ownership `BucketOwnerPreferred`
 *   or `ObjectWriter`, which CloudFront standard logging's `awslogsdelivery` account and the S3 log
 *   delivery group need to write; since April 2023 new buckets have ACLs disabled unless a template
 *   turns them on) and named for logs (the word log or logs: `cdn-logs`, `storefront-request-logs-…`),
 *   the log source being in another stack.
 */
export function logTargetMark(bucket: Resource, inventory: Inventory): { why: string; path: string; observed: unknown } | undefined {
  for (const p of inventory.related(bucket, 'policy')) {
    for (const s of policyStatements(get(p.properties, 'PolicyDocument')) ?? []) {
      if (s.Effect !== 'Allow' || !coversAction(s.Action, 's3:PutObject')) continue;
      const services = asList(get(s.Principal, 'Service')).filter((x): x is string => typeof x === 'string');
      const by = services.find((x) => LOG_DELIVERY_PRINCIPALS.includes(x.toLowerCase()));
      if (by) return { why: `its policy (${p.location.logicalId === undefined ? p.id : nameBeside(p, bucket)}) lets ${by} deliver logs into it`, path: '(policy) Statement.Principal.Service', observed: by };
      const elb = asList(get(s.Principal, 'AWS')).find(elbLogAccountPrincipal);
      if (elb !== undefined) {
        const shown = isUnresolved(elb) ? elb.expression : String(elb);
        return { why: `its policy (${p.location.logicalId === undefined ? p.id : nameBeside(p, bucket)}) lets the regional Elastic Load Balancing log-delivery account (${shown}) deliver access logs into it`, path: '(policy) Statement.Principal.AWS', observed: shown };
      }
    }
  }
  const ownership = asList(get(bucket.properties, 'OwnershipControls.Rules')).map((x) => get(x, 'ObjectOwnership'));
  const aclsOn = ownership.some((o) => o === 'BucketOwnerPreferred' || o === 'ObjectWriter');
  const words = nameWords(nameText(bucket));
  if (aclsOn && words.some((w) => w === 'log' || w === 'logs'))
    return {
      why: `a log-delivery target: ACLs enabled (${String(ownership.find((o) => o !== 'BucketOwnerEnforced'))}), which only ACL-based log delivery (CloudFront's awslogsdelivery account, the S3 log delivery group) needs, and named ${nameText(bucket)}`,
      path: 'OwnershipControls.Rules[0].ObjectOwnership',
      observed: ownership[0],
    };
  return undefined;
}

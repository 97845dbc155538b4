/**
 * Relations between template resources, resolved once after loading so rules
 * follow edges instead of searching: bucket ↔ bucket policy, listener ↔ load
 * balancer ↔ listener rules, security group ↔ ingress resources and peer
 * groups, principal ↔ policies, cache cluster ↔ replication group, database ↔
 * cluster and parameter groups, instance ↔ security groups.
 *
 * Each edge: a resource of `from` type whose property at `path` references
 * (Ref/GetAtt) a resource; `forward` is set on the referencing resource,
 * `reverse` on the referenced one.
 */
import type { Resource } from '../../model/resource.js';
import { relate, relateWhen } from '../../model/inventory.js';
import { get } from '../../evaluate/facts.js';
import { isBranches, isRef, isUnresolved, Unresolved, type Branches } from '../../model/values.js';
import { ImportedRef } from './exports.js';

interface Edge {
  from: string;
  path: string;
  forward: string;
  reverse: string;
  /** A text built around the target (`s3://${Bucket}/logs/`) names it too: the first resource it writes in. */
  inText?: true;
  /**
   * The target may also be named by its name property (a bucket policy's `Bucket: !Sub tenant-${T}-data`
   * beside a bucket whose `BucketName` is the same text): the same literal, or the same built expression.
   */
  byName?: { type: string; prop: string };
}

export const EDGES: readonly Edge[] = [
  { from: 'aws.s3.bucket-policy', path: 'Bucket', forward: 'bucket', reverse: 'policy', byName: { type: 'aws.s3.bucket', prop: 'BucketName' } },
  { from: 'aws.elbv2.listener', path: 'LoadBalancerArn', forward: 'loadBalancer', reverse: 'listeners' },
  { from: 'aws.elbv2.listener-rule', path: 'ListenerArn', forward: 'listener', reverse: 'rules' },
  // A Lightsail certificate names its load balancer (Ref gives the name): the load balancer's HTTPS side.
  { from: 'aws.lightsail.load-balancer-tls-certificate', path: 'LoadBalancerName', forward: 'loadBalancer', reverse: 'certificates', byName: { type: 'aws.lightsail.load-balancer', prop: 'LoadBalancerName' } },
  { from: 'aws.ec2.security-group-ingress', path: 'GroupId', forward: 'securityGroup', reverse: 'ingress' },
  { from: 'aws.ec2.security-group-ingress', path: 'SourceSecurityGroupId', forward: 'sourceGroup', reverse: 'grantsTo' },
  { from: 'aws.ec2.security-group-egress', path: 'GroupId', forward: 'securityGroup', reverse: 'egress' },
  { from: 'aws.ec2.security-group', path: 'SecurityGroupIngress[*].SourceSecurityGroupId', forward: 'sourceGroups', reverse: 'grantsTo' },
  { from: 'aws.ec2.instance', path: 'SecurityGroupIds[*]', forward: 'securityGroups', reverse: 'instances' },
  { from: 'aws.ec2.instance', path: 'NetworkInterfaces[*].GroupSet[*]', forward: 'securityGroups', reverse: 'instances' },
  { from: 'aws.ec2.instance', path: 'LaunchTemplate.LaunchTemplateId', forward: 'launchTemplate', reverse: 'instances' },
  { from: 'aws.ec2.launch-template', path: 'LaunchTemplateData.SecurityGroupIds[*]', forward: 'securityGroups', reverse: 'launchTemplates' },
  { from: 'aws.ec2.launch-template', path: 'LaunchTemplateData.NetworkInterfaces[*].Groups[*]', forward: 'securityGroups', reverse: 'launchTemplates' },
  // IAM principals are also named by their name property (RoleName: reports-loader beside a role whose RoleName is
  // reports-loader), as a bucket policy names its bucket: the same literal, or the same built text.
  { from: 'aws.iam.policy', path: 'Roles[*]', forward: 'roles', reverse: 'policies', byName: { type: 'aws.iam.role', prop: 'RoleName' } },
  { from: 'aws.iam.policy', path: 'Users[*]', forward: 'users', reverse: 'policies', byName: { type: 'aws.iam.user', prop: 'UserName' } },
  { from: 'aws.iam.policy', path: 'Groups[*]', forward: 'groups', reverse: 'policies', byName: { type: 'aws.iam.group', prop: 'GroupName' } },
  // The single-principal inline policies (AWS::IAM::RolePolicy / UserPolicy / GroupPolicy): the same edges as AWS::IAM::Policy.
  { from: 'aws.iam.role-policy', path: 'RoleName', forward: 'roles', reverse: 'policies', byName: { type: 'aws.iam.role', prop: 'RoleName' } },
  { from: 'aws.iam.user-policy', path: 'UserName', forward: 'users', reverse: 'policies', byName: { type: 'aws.iam.user', prop: 'UserName' } },
  { from: 'aws.iam.group-policy', path: 'GroupName', forward: 'groups', reverse: 'policies', byName: { type: 'aws.iam.group', prop: 'GroupName' } },
  { from: 'aws.iam.managed-policy', path: 'Roles[*]', forward: 'roles', reverse: 'policies', byName: { type: 'aws.iam.role', prop: 'RoleName' } },
  { from: 'aws.iam.managed-policy', path: 'Users[*]', forward: 'users', reverse: 'policies', byName: { type: 'aws.iam.user', prop: 'UserName' } },
  { from: 'aws.iam.managed-policy', path: 'Groups[*]', forward: 'groups', reverse: 'policies', byName: { type: 'aws.iam.group', prop: 'GroupName' } },
  { from: 'aws.iam.role', path: 'ManagedPolicyArns[*]', forward: 'policies', reverse: 'roles' },
  { from: 'aws.iam.user', path: 'ManagedPolicyArns[*]', forward: 'policies', reverse: 'users' },
  { from: 'aws.iam.group', path: 'ManagedPolicyArns[*]', forward: 'policies', reverse: 'groups' },
  { from: 'aws.iam.user', path: 'Groups[*]', forward: 'groups', reverse: 'users', byName: { type: 'aws.iam.group', prop: 'GroupName' } },
  { from: 'aws.iam.user-to-group-addition', path: 'GroupName', forward: 'group', reverse: 'additions', byName: { type: 'aws.iam.group', prop: 'GroupName' } },
  { from: 'aws.iam.user-to-group-addition', path: 'Users[*]', forward: 'users', reverse: 'groupAdditions', byName: { type: 'aws.iam.user', prop: 'UserName' } },
  { from: 'aws.iam.instance-profile', path: 'Roles[*]', forward: 'roles', reverse: 'instanceProfiles' },
  { from: 'aws.elasticache.replication-group', path: 'PrimaryClusterId', forward: 'clusters', reverse: 'replicationGroup' },
  { from: 'aws.rds.db-instance', path: 'DBClusterIdentifier', forward: 'cluster', reverse: 'instances' },
  // An Aurora Limitless shard group and the DB cluster whose subnets it runs in.
  { from: 'aws.rds.db-shard-group', path: 'DBClusterIdentifier', forward: 'cluster', reverse: 'shardGroups' },
  { from: 'aws.rds.db-instance', path: 'DBParameterGroupName', forward: 'parameterGroup', reverse: 'instances' },
  { from: 'aws.rds.db-cluster', path: 'DBClusterParameterGroupName', forward: 'parameterGroup', reverse: 'clusters' },
  { from: 'aws.docdb.db-cluster', path: 'DBClusterParameterGroupName', forward: 'parameterGroup', reverse: 'clusters' },
  { from: 'aws.neptune.db-cluster', path: 'DBClusterParameterGroupName', forward: 'parameterGroup', reverse: 'clusters' },
  { from: 'aws.redshift.cluster', path: 'ClusterParameterGroupName', forward: 'parameterGroup', reverse: 'clusters' },
  { from: 'aws.backup.backup-selection', path: 'BackupPlanId', forward: 'plan', reverse: 'selections' },
  { from: 'aws.cloudfront.distribution', path: 'DistributionConfig.WebACLId', forward: 'webAcl', reverse: 'distributions' },
  { from: 'aws.ec2.flow-log', path: 'ResourceId', forward: 'target', reverse: 'flowLogs' },
  // A global database built from an existing cluster takes that cluster's storage encryption.
  { from: 'aws.rds.global-cluster', path: 'SourceDBClusterIdentifier', forward: 'sourceCluster', reverse: 'globalClusters' },
  { from: 'aws.docdb.global-cluster', path: 'SourceDBClusterIdentifier', forward: 'sourceCluster', reverse: 'globalClusters' },
  { from: 'aws.neptune.global-cluster', path: 'SourceDBClusterIdentifier', forward: 'sourceCluster', reverse: 'globalClusters' },
  // A VPC Lattice access log subscription logs the service network or service it names.
  { from: 'aws.vpclattice.access-log-subscription', path: 'ResourceIdentifier', forward: 'target', reverse: 'accessLogSubscriptions' },
  // Where logs go: a bucket that receives logs is a log bucket (audit-logging does not ask it to log itself).
  { from: 'aws.s3.bucket', path: 'LoggingConfiguration.DestinationBucketName', forward: 'accessLogBucket', reverse: 'logsFrom' },
  { from: 'aws.cloudtrail.trail', path: 'S3BucketName', forward: 'bucket', reverse: 'logsFrom' },
  { from: 'aws.ec2.flow-log', path: 'LogDestination', forward: 'destination', reverse: 'logsFrom' },
  { from: 'aws.elbv2.load-balancer', path: 'LoadBalancerAttributes[*].Value', forward: 'attributeRefs', reverse: 'logsFrom' },
  { from: 'aws.cloudfront.distribution', path: 'DistributionConfig.Logging.Bucket', forward: 'logBucket', reverse: 'logsFrom' },
  { from: 'aws.elb.load-balancer', path: 'AccessLoggingPolicy.S3BucketName', forward: 'logBucket', reverse: 'logsFrom' },
  { from: 'aws.emr.cluster', path: 'LogUri', forward: 'logBucket', reverse: 'logsFrom', inText: true },
  { from: 'aws.ec2.subnet', path: 'VpcId', forward: 'vpc', reverse: 'subnets' },
  { from: 'aws.ec2.instance', path: 'SubnetId', forward: 'subnet', reverse: 'instances' },
  { from: 'aws.ec2.instance', path: 'NetworkInterfaces[*].SubnetId', forward: 'subnet', reverse: 'instances' },
  // Auto Scaling groups: the launch configuration they launch from and the subnets they launch into.
  { from: 'aws.autoscaling.auto-scaling-group', path: 'LaunchConfigurationName', forward: 'launchConfiguration', reverse: 'autoScalingGroups' },
  { from: 'aws.autoscaling.auto-scaling-group', path: 'VPCZoneIdentifier[*]', forward: 'subnets', reverse: 'autoScalingGroups' },
  { from: 'aws.ec2.eip', path: 'InstanceId', forward: 'instance', reverse: 'eips' },
  { from: 'aws.ec2.eip-association', path: 'InstanceId', forward: 'instance', reverse: 'eips' },
  { from: 'aws.ec2.eip-association', path: 'NetworkInterfaceId', forward: 'networkInterface', reverse: 'eips' },
  // An interface attached to an instance on its own (AWS::EC2::NetworkInterfaceAttachment): its Elastic IP and groups are the instance's too.
  { from: 'aws.ec2.network-interface-attachment', path: 'InstanceId', forward: 'instance', reverse: 'interfaceAttachments' },
  { from: 'aws.ec2.network-interface-attachment', path: 'NetworkInterfaceId', forward: 'networkInterface', reverse: 'attachments' },
  { from: 'aws.ec2.instance-connect-endpoint', path: 'SecurityGroupIds[*]', forward: 'securityGroups', reverse: 'instanceConnectEndpoints' },
  // What else a security group guards: a Transfer Family VPC endpoint (port 22 there is the managed SFTP
  // service, not a shell) and the instances a launch configuration starts.
  { from: 'aws.transfer.server', path: 'EndpointDetails.SecurityGroupIds[*]', forward: 'securityGroups', reverse: 'transferServers' },
  { from: 'aws.autoscaling.launch-configuration', path: 'SecurityGroups[*]', forward: 'securityGroups', reverse: 'launchConfigurations' },
  { from: 'aws.ec2.security-group', path: 'VpcId', forward: 'vpc', reverse: 'securityGroups' },
  { from: 'aws.rds.db-instance', path: 'DBSubnetGroupName', forward: 'subnetGroup', reverse: 'instances' },
  { from: 'aws.rds.db-cluster', path: 'DBSubnetGroupName', forward: 'subnetGroup', reverse: 'clusters' },
  { from: 'aws.rds.db-subnet-group', path: 'SubnetIds[*]', forward: 'subnets', reverse: 'dbSubnetGroups' },
  { from: 'aws.dms.replication-instance', path: 'ReplicationSubnetGroupIdentifier', forward: 'subnetGroup', reverse: 'replicationInstances' },
  { from: 'aws.dms.replication-subnet-group', path: 'SubnetIds[*]', forward: 'subnets', reverse: 'dmsSubnetGroups' },
  { from: 'aws.ec2.vpc-gateway-attachment', path: 'VpcId', forward: 'vpc', reverse: 'gatewayAttachments' },
  // fixL: a subnet's route tables and their routes (whether a host's IPv6 address is reachable from the internet).
  { from: 'aws.ec2.subnet-route-table-association', path: 'SubnetId', forward: 'subnet', reverse: 'routeTableAssociations' },
  { from: 'aws.ec2.subnet-route-table-association', path: 'RouteTableId', forward: 'routeTable', reverse: 'subnetAssociations' },
  { from: 'aws.ec2.route', path: 'RouteTableId', forward: 'routeTable', reverse: 'routes' },
  // A read replica and its source instance (SourceDBInstanceIdentifier: Ref or GetAtt of a template DB instance).
  { from: 'aws.rds.db-instance', path: 'SourceDBInstanceIdentifier', forward: 'replicaSource', reverse: 'readReplicas' },
  // svc: an EMR cluster's security configuration and subnets; a Beanstalk environment's saved configuration.
  { from: 'aws.emr.cluster', path: 'SecurityConfiguration', forward: 'securityConfiguration', reverse: 'clusters' },
  { from: 'aws.emr.cluster', path: 'Instances.Ec2SubnetId', forward: 'subnets', reverse: 'emrClusters' },
  { from: 'aws.emr.cluster', path: 'Instances.Ec2SubnetIds[*]', forward: 'subnets', reverse: 'emrClusters' },
  { from: 'aws.elasticbeanstalk.environment', path: 'TemplateName', forward: 'configurationTemplate', reverse: 'environments' },
  // fixG: the Glue security configuration a job, crawler or development endpoint uses (by Ref or name).
  { from: 'aws.glue.job', path: 'SecurityConfiguration', forward: 'securityConfiguration', reverse: 'users' },
  { from: 'aws.glue.crawler', path: 'CrawlerSecurityConfiguration', forward: 'securityConfiguration', reverse: 'users' },
  { from: 'aws.glue.dev-endpoint', path: 'SecurityConfiguration', forward: 'securityConfiguration', reverse: 'users' },
  // fixA: the queues and topics a resource policy opens (public-access judges the queue/topic by them, as the bucket by its policy).
  { from: 'aws.sqs.queue-policy', path: 'Queues[*]', forward: 'queues', reverse: 'policy' },
  { from: 'aws.sns.topic-policy', path: 'Topics[*]', forward: 'topics', reverse: 'policy' },
  { from: 'aws.sns.topic-inline-policy', path: 'TopicArn', forward: 'topics', reverse: 'policy' },
  // fixD: secrets, event buses and layer versions a separate policy resource opens (judged by it too).
  { from: 'aws.secretsmanager.resource-policy', path: 'SecretId', forward: 'secrets', reverse: 'policy' },
  { from: 'aws.events.event-bus-policy', path: 'EventBusName', forward: 'buses', reverse: 'policy' },
  { from: 'aws.lambda.layer-version-permission', path: 'LayerVersionArn', forward: 'layers', reverse: 'policy' },
  // fixW: what the other resource-policy resources open (rules/public-access/_policy-holders.ts, aws-resource-opened-by-policy).
  ...(
    [
      ['aws.kinesis.resource-policy', 'ResourceArn'],
      ['aws.vpclattice.resource-policy', 'ResourceArn'],
      ['aws.vpclattice.auth-policy', 'ResourceIdentifier'],
      ['aws.msk.cluster-policy', 'ClusterArn'],
      ['aws.lex.resource-policy', 'ResourceArn'],
      ['aws.cloudtrail.resource-policy', 'ResourceArn'],
      ['aws.aps.resource-policy', 'WorkspaceArn'],
      ['aws.bedrock.resource-policy', 'ResourceArn'],
      ['aws.bedrock.knowledge-base-policy', 'KnowledgeBaseId'],
      ['aws.bedrockagentcore.resource-policy', 'ResourceArn'],
      ['aws.lambda.resource-policy', 'ResourceArn'],
      ['aws.s3files.file-system-policy', 'FileSystemId'],
      ['aws.s3.multi-region-access-point-policy', 'MrapName'],
      ['aws.s3objectlambda.access-point-policy', 'ObjectLambdaAccessPoint'],
      ['aws.s3outposts.bucket-policy', 'Bucket'],
      ['aws.s3express.bucket-policy', 'Bucket'],
      ['aws.s3tables.table-bucket-policy', 'TableBucketARN'],
      ['aws.s3tables.table-policy', 'TableARN'],
      ['aws.s3vectors.vector-bucket-policy', 'VectorBucketArn'],
      ['aws.eventschemas.registry-policy', 'RegistryName'],
      ['aws.mediatailor.channel-policy', 'ChannelName'],
      ['aws.sqs.queue-inline-policy', 'Queue'],
    ] as const
  ).map(([from, path]) => ({ from, path, forward: 'opens', reverse: 'policy' })),
];

/** One value found at an edge's path, with the unknown `Fn::If` branches taken to reach it (outermost first). */
interface Found {
  value: unknown;
  via: readonly Taken[];
}
interface Taken {
  branches: Branches;
  side: boolean;
}

/**
 * All values at a path with `[*]` wildcards. An `Fn::If` whose condition is unknown (`Branches`) met on
 * the way, at the property, at a list or at an item, is followed into both branches, and each value
 * keeps the branches taken to it (fixS): `wiredOnEveryBranch` then decides whether the edge holds
 * wherever the target exists.
 */
function valuesAt(obj: unknown, path: string): Found[] {
  const out: Found[] = [];
  collect(obj, keysOf(path), 0, out, []);
  return out;
}

/** `A.B[*].C` → ['A', 'B', '*', 'C'], split once per path (the edges' paths are a fixed few). */
const pathKeys = new Map<string, readonly string[]>();
function keysOf(path: string): readonly string[] {
  let keys = pathKeys.get(path);
  if (!keys) {
    keys = path.split(/\.|\[(\*|\d+)\]\.?/).filter((k) => k !== undefined && k !== '');
    if (pathKeys.size < 1024) pathKeys.set(path, keys);
  }
  return keys;
}

/** Nested Fn::If deeper than this is not followed (a hostile template cannot make it explode). */
const MAX_BRANCH_DEPTH = 8;

function collect(cur: unknown, keys: readonly string[], i: number, out: Found[], via: readonly Taken[]): void {
  if (isBranches(cur)) {
    if (via.length >= MAX_BRANCH_DEPTH) return;
    collect(cur.whenTrue, keys, i, out, [...via, { branches: cur, side: true }]);
    collect(cur.whenFalse, keys, i, out, [...via, { branches: cur, side: false }]);
    return;
  }
  if (i === keys.length) {
    out.push({ value: cur, via });
    return;
  }
  const key = keys[i]!;
  // As `get`: an unresolved value on the way is the value (a built text may still name its target).
  if (isUnresolved(cur) && key !== '*') {
    out.push({ value: cur, via });
    return;
  }
  if (cur === undefined || cur === null || typeof cur !== 'object' || isUnresolved(cur) || isRef(cur)) return;
  if (key === '*') {
    if (Array.isArray(cur)) for (const item of cur) collect(item, keys, i + 1, out, via);
    return;
  }
  if (Object.prototype.hasOwnProperty.call(cur, key)) collect((cur as Record<string, unknown>)[key], keys, i + 1, out, via);
}

/**
 * Whether references reached through unknown `Fn::If` branches (`vias`, one per place the target was
 * found) wire the target wherever it is deployed, so the edge may be drawn without turning a verdict
 * on a branch the template does not wire:
 * - found outside any unknown branch;
 * - found on both sides of the same `Fn::If` (`!If [C, [!Ref A, !Ref B], [!Ref A]]` wires A either way);
 * - found on the true side of `Fn::If [C, …]` where the target itself has `Condition: C`: it exists
 *   only when that branch is deployed (`LoggingConfiguration: !If [LogAccess, {DestinationBucketName:
 *   !Ref Logs}, !Ref AWS::NoValue]` beside `Logs` with `Condition: LogAccess`).
 * A reference on one side only to a target that exists either way is no edge as written: on the other
 * side the target stands alone. It is kept as a branch edge (`relateWhen`, both directions), which the
 * variant inventory (src/evaluate/evaluate.ts) follows in the variants that take that side
 * (`SecurityConfiguration: !If [IsProd, !Ref ProdConfig, !Ref DevConfig]` judges each configuration in its variant).
 */
function wiredOnEveryBranch(vias: readonly (readonly Taken[])[], target: Resource): boolean {
  const own = target.properties['$Condition'];
  for (const via of vias) {
    if (via.length === 0) return true;
    if (typeof own === 'string' && via.some((t) => t.side && t.branches.condition === own)) return true;
  }
  for (const via of vias) {
    const last = via[via.length - 1]!;
    const rest = via.slice(0, -1);
    const other = vias.some((w) => w.length === via.length && w[w.length - 1]!.branches === last.branches && w[w.length - 1]!.side !== last.side && w.slice(0, -1).every((t, k) => t.branches === rest[k]!.branches && t.side === rest[k]!.side));
    if (other && wiredOnEveryBranch([rest], target)) return true;
  }
  return false;
}

/**
 * Resolve edges among the resources of one stack. `idOf` maps a logical id
 * to the resource id. References by literal name (a bucket name string)
 * are matched against resources' physical names where the template gives one.
 */
export function resolveRelations(resources: Resource[], idOf: (logicalId: string) => string | undefined, external?: (id: string) => Resource | undefined): void {
  const byFrom = new Map<string, Edge[]>();
  for (const e of EDGES) {
    const list = byFrom.get(e.from) ?? [];
    list.push(e);
    byFrom.set(e.from, list);
  }
  const byId = new Map(resources.map((r) => [r.id, r]));
  const nameIndex = new Map<string, Map<string, Resource[]>>();
  for (const r of resources) {
    const edges = byFrom.get(r.type);
    if (!edges) continue;
    for (const e of edges) {
      // Most edges find nothing: the map is made for the first target found.
      let found: Map<Resource, (readonly Taken[])[]> | undefined;
      for (const { value: v, via } of valuesAt(r.properties, e.path)) {
        const other = external && crossStackTarget(v, external);
        if (other) {
          // The target's own Condition belongs to another template: only a reference outside any unknown branch wires it.
          // An export of another stack's custom resource attribute or SSM parameter value is no subnet there either.
          if (via.length === 0 && !madeElsewhere(other) && ofExpectedType(e, other)) (found ??= new Map()).set(other, [...(found.get(other) ?? []), via]);
          continue;
        }
        const logicalId = isRef(v) ? v.logicalId : e.inText && v instanceof Unresolved ? v.refs?.find((x) => x !== undefined)?.split('.')[0] : undefined;
        const named = !logicalId && e.byName ? namedTarget(resources, e.byName, v, nameIndex) : undefined;
        if (!logicalId && !named) continue;
        const targetId = named ? named.id : idOf(logicalId!);
        const target = targetId ? byId.get(targetId) : undefined;
        if (!target || madeElsewhere(target) || !ofExpectedType(e, target)) continue;
        found ??= new Map();
        found.set(target, [...(found.get(target) ?? []), via]);
      }
      if (found === undefined) continue;
      for (const [target, vias] of found) {
        if (!wiredOnEveryBranch(vias, target)) {
          // Wired in some variants only (`!If [IsProd, !Ref ProdConfig, !Ref DevConfig]`): an edge each variant
          // that takes those branches follows (the variant inventory, src/evaluate/evaluate.ts); as written, none.
          for (const via of vias)
            if (via.length > 0) {
              const when = via.map((t) => ({ condition: t.branches.condition, side: t.side }));
              relateWhen(r, e.forward, target.id, e.path, when);
              relateWhen(target, e.reverse, r.id, e.path, when, true);
            }
          continue;
        }
        relate(r, e.forward, target.id);
        relate(target, e.reverse, r.id);
      }
    }
  }
  relateDomainAccessPolicies(resources);
}

/**
 * A resource whose `Ref` / `Fn::GetAtt` is a value something else makes, never the resource itself:
 * `!GetAtt Network.Outputs.PrivateSubnet` comes from the nested stack's template, `!GetAtt Finder.SubnetId`
 * from a custom resource's function. A subnet, group or bucket named so is not the AWS::CloudFormation::Stack
 * or Custom:: resource: read as one, their missing MapPublicIpOnLaunch made an instance "private".
 */
function madeElsewhere(target: Resource): boolean {
  return target.type === 'aws.cloudformation.nested-stack' || target.type.startsWith('aws.custom.');
}

/**
 * The one type a relation may reach, for the relations rules read as that kind without looking: a subnet's
 * MapPublicIpOnLaunch, a VPC's gateways, a security group's rules. `SubnetId: !GetAtt SubnetPointer.Value` (an AWS::SSM::Parameter whose
 * value is a subnet id) names a subnet elsewhere; read as the subnet, the parameter's missing
 * MapPublicIpOnLaunch made the instance "private".
 */
const SG = 'aws.ec2.security-group';
const FORWARD_TARGET: Readonly<Record<string, string>> = {
  subnet: 'aws.ec2.subnet',
  subnets: 'aws.ec2.subnet',
  vpc: 'aws.ec2.vpc',
  securityGroup: SG,
  securityGroups: SG,
  sourceGroup: SG,
  sourceGroups: SG,
};

function ofExpectedType(e: Edge, target: Resource): boolean {
  const want = FORWARD_TARGET[e.forward];
  return want === undefined || target.type === want;
}

/** The resource of another stack a reference made through `Fn::ImportValue` names (./exports.ts). */
function crossStackTarget(v: unknown, external: (id: string) => Resource | undefined): Resource | undefined {
  return v instanceof ImportedRef ? external(v.global) : undefined;
}

/** A name as a lookup key: a literal, or a built text by its expression and its whole literal shape. */
function nameKey(n: unknown): string | undefined {
  return typeof n === 'string' && n !== '' ? `=${n}` : n instanceof Unresolved ? `~${n.expression}\u0000${n.shape ?? ''}` : undefined;
}

/**
 * The one resource of `by.type` whose `by.prop` is the same literal or the same built text as `v`, if
 * exactly one. `index` holds each (type, prop) name index, built once per stack on first use.
 */
function namedTarget(resources: readonly Resource[], by: { type: string; prop: string }, v: unknown, index: Map<string, Map<string, Resource[]>>): Resource | undefined {
  const key = nameKey(v);
  if (!key) return undefined;
  const ix = `${by.type}\u0000${by.prop}`;
  let names = index.get(ix);
  if (!names) {
    names = new Map();
    for (const t of resources) {
      if (t.type !== by.type) continue;
      const k = nameKey(get(t.properties, by.prop));
      if (k) names.set(k, [...(names.get(k) ?? []), t]);
    }
    index.set(ix, names);
  }
  const hits = names.get(key);
  return hits?.length === 1 ? hits[0] : undefined;
}

// --- OpenSearch / Elasticsearch access policies set by aws-cdk-lib's custom resource (fixA) ---

/** The custom resources aws-cdk-lib writes for a Domain's `accessPolicies` (an AwsCustomResource calling updateDomainConfig). */
export const DOMAIN_ACCESS_POLICY_TYPES: Readonly<Record<string, string>> = {
  'aws.custom.custom-open-search-access-policy': 'aws.opensearch.domain',
  'aws.custom.custom-elasticsearch-access-policy': 'aws.elasticsearch.domain',
};

/**
 * Relate each such custom resource to its domain (`domain` / `accessPolicy`).
 * It names the domain inside a JSON text built with Fn::Join, where the Ref is
 * no longer visible, so the relation follows how CDK names the pair: the
 * policy is the domain construct's child `AccessPolicy` (construct path
 * `…/Search/AccessPolicy/Resource` under `…/Search/Resource`; logical id
 * `SearchAccessPolicy<hash>` beside `Search<hash>`), or the text names the
 * domain's literal DomainName. No match leaves them unrelated.
 */
/** The literal DomainName of an SDK call written as plain JSON text (no computed piece), if any. */
function calledDomainName(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length > 200_000) return undefined;
  try {
    const name = (JSON.parse(v) as { parameters?: { DomainName?: unknown } } | null)?.parameters?.DomainName;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

function relateDomainAccessPolicies(resources: Resource[]): void {
  const policies = resources.filter((r) => DOMAIN_ACCESS_POLICY_TYPES[r.type]);
  if (!policies.length) return;
  const HASH = /[0-9A-F]{8}$/;
  for (const p of policies) {
    const domains = resources.filter((d) => d.type === DOMAIN_ACCESS_POLICY_TYPES[p.type]);
    const pPath = p.location.constructPath;
    const pId = p.location.logicalId ?? '';
    const named = [get(p.properties, 'Create'), get(p.properties, 'Update')].map(calledDomainName).filter((n): n is string => n !== undefined);
    const target = domains.find((d) => {
      const dPath = d.location.constructPath;
      if (pPath && dPath && dPath.endsWith('/Resource') && pPath === `${dPath.slice(0, -'/Resource'.length)}/AccessPolicy/Resource`) return true;
      const dId = d.location.logicalId ?? '';
      if (HASH.test(dId) && HASH.test(pId) && pId.replace(HASH, '') === `${dId.replace(HASH, '')}AccessPolicy`) return true;
      const name = get(d.properties, 'DomainName');
      return typeof name === 'string' && name !== '' && named.includes(name);
    });
    if (!target) continue;
    relate(p, 'domain', target.id);
    relate(target, 'accessPolicy', p.id);
  }
}
// --- end fixA block ---

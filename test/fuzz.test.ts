/**
 * Property-style fuzzing of the IaC loader and the evaluator: seeded, so a
 * failure names a case that replays. Random template-shaped JSON and YAML
 * (short-form tags too), random intrinsics in random places — wrong arities,
 * wrong types, nulls, huge numbers, unicode, deep nesting, self-references,
 * refs to nothing — on real resource types, through parse → load → every rule.
 * Loading may refuse input only with an InputError; no rule may crash; and an
 * unresolvable value in the property a rule judges is never a pass.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { parseTemplateText } from '../src/sources/iac/parse.js';
import { loadStack } from '../src/sources/iac/stack.js';
import { InputError } from '../src/util/errors.js';
import { Inventory } from '../src/model/inventory.js';
import { loadRules } from '../src/evaluate/registry.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS, mergeParameters } from '../src/evaluate/claims-profile.js';
import { CONTROL_IDS } from '../src/evaluate/controls.js';
import type { Rule } from '../src/evaluate/rule.js';
import type { Finding } from '../src/findings/evidence.js';

/** mulberry32: small, fast, deterministic. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type R = ReturnType<typeof prng>;

const TYPES = [
  'AWS::S3::Bucket', 'AWS::S3::BucketPolicy', 'AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress',
  'AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::EC2::Volume', 'AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::FlowLog', 'AWS::EC2::EIP',
  'AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancingV2::ListenerRule',
  'AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::RDS::DBParameterGroup', 'AWS::RDS::DBClusterParameterGroup',
  'AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::User', 'AWS::IAM::Group', 'AWS::IAM::UserToGroupAddition',
  'AWS::Cognito::UserPool', 'AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Backup::BackupPlan', 'AWS::Backup::BackupSelection',
  'AWS::Logs::LogGroup', 'AWS::CloudTrail::Trail', 'AWS::CloudFront::Distribution', 'AWS::ElastiCache::ReplicationGroup',
  'AWS::ElastiCache::CacheCluster', 'AWS::ElastiCache::ServerlessCache', 'AWS::SecretsManager::Secret', 'AWS::SSM::Parameter',
  'AWS::Lambda::Function', 'AWS::OpenSearchService::Domain', 'AWS::KMS::Key', 'AWS::SQS::Queue', 'AWS::SNS::Topic', 'AWS::EFS::FileSystem',
  'AWS::ApiGateway::DomainName', 'AWS::CloudFormation::Stack', 'AWS::Serverless::Function', 'Custom::Thing',
] as const;

/** Property names the rules read, and some they don't. */
const PROPS = [
  'SslPolicy', 'Protocol', 'Port', 'DefaultActions', 'Certificates', 'LoadBalancerArn', 'ListenerArn', 'Actions', 'Conditions',
  'StorageEncrypted', 'Encrypted', 'KmsKeyId', 'BucketEncryption', 'PublicAccessBlockConfiguration', 'AccessControl', 'PolicyDocument',
  'Bucket', 'SecurityGroupIngress', 'SecurityGroupEgress', 'GroupId', 'CidrIp', 'CidrIpv6', 'FromPort', 'ToPort', 'IpProtocol',
  'SourceSecurityGroupId', 'SecurityGroupIds', 'NetworkInterfaces', 'SubnetId', 'VpcId', 'MapPublicIpOnLaunch', 'LaunchTemplateData',
  'BlockDeviceMappings', 'PubliclyAccessible', 'BackupRetentionPeriod', 'DBClusterIdentifier', 'DBParameterGroupName', 'Engine',
  'Parameters', 'Family', 'AssumeRolePolicyDocument', 'Policies', 'ManagedPolicyArns', 'Roles', 'Users', 'Groups', 'LoginProfile',
  'MfaConfiguration', 'PointInTimeRecoverySpecification', 'SSESpecification', 'Replicas', 'BackupPlan', 'BackupSelection',
  'BackupPlanId', 'RetentionInDays', 'LogGroupName', 'IsMultiRegionTrail', 'EnableLogFileValidation', 'S3BucketName',
  'DistributionConfig', 'TransitEncryptionEnabled', 'AtRestEncryptionEnabled', 'SnapshotRetentionLimit', 'SnapshotArns',
  'PrimaryClusterId', 'Type', 'Value', 'Name', 'Environment', 'SecretString', 'GenerateSecretString', 'DomainEndpointOptions',
  'EncryptionAtRestOptions', 'KeySpec', 'KeyUsage', 'KmsMasterKeyId', 'SecurityPolicy', 'Tags', 'LoggingConfiguration',
  'LifecycleConfiguration', 'ReplicationConfiguration', 'LoadBalancerAttributes', 'ResourceId', 'ResourceType', 'TrafficType',
  'LogDestination', 'InstanceId', 'TemplateURL', 'ServiceToken', 'Region', 'Regions', 'Statement', 'Effect', 'Action', 'Resource',
  'Principal', 'NotAction', 'Condition', '日本語', '', ' ', 'constructor', 'toString', 'hasOwnProperty',
] as const;

const STRINGS = [
  '', '*', '0.0.0.0/0', '::/0', '::0/0', '0:0:0:0:0:0:0:0/0', '10.0.0.0/8', '203.0.113.7/32', 'not-a-cidr', '22', '-1', 'tcp', 'udp', 'icmp',
  'HTTPS', 'HTTP', 'TLS', 'ELBSecurityPolicy-2016-08', 'ELBSecurityPolicy-TLS13-1-2-2021-06', 'ELBSecurityPolicy-FS-1-2-Res-2020-10',
  'true', 'false', 'TRUE', 'Enabled', 'Disabled', 'ON', 'OFF', 'OPTIONAL', 'aws:kms', 'AES256', 'Allow', 'Deny', 's3:*', 'iam:PassRole',
  'arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::123456789012:root', 'eu-west-1', 'us-east-1', 'mars-north-9', 'redirect',
  'forward', 'HTTP_301', 'redirect-to-https', 'allow-all', 'TLSv1', 'TLSv1.2_2021', 'SecureString', 'String', 'password', 'AKIAIOSFODNN7EXAMPLE',
  'Policy-Min-TLS-1-0-2019-07', 'Ünïcödé ☃ 𝕏', '\u0000', '\u202e', '${Missing}', '${AWS::Region}', '${!Literal}', '${A.B}', 'a'.repeat(300),
] as const;

const NUMBERS = [0, 1, -1, 22, 3389, 443, 80, 65535, 65536, 35, 36, 7, 90, 3653, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 0.5, 1e-9] as const;

const INTRINSICS = [
  'Ref', 'Fn::GetAtt', 'Fn::Sub', 'Fn::Join', 'Fn::Select', 'Fn::Split', 'Fn::FindInMap', 'Fn::If', 'Fn::ImportValue', 'Fn::GetAZs',
  'Fn::Base64', 'Fn::Cidr', 'Fn::Equals', 'Fn::And', 'Fn::Or', 'Fn::Not', 'Condition', 'Fn::Length', 'Fn::ToJsonString', 'Fn::Transform',
  'Fn::Nope',
] as const;

interface Names {
  resources: string[];
  params: string[];
  conditions: string[];
}

function scalar(r: R): unknown {
  switch (r.int(5)) {
    case 0: return r.pick(NUMBERS);
    case 1: return r.chance(0.5);
    case 2: return null;
    default: return r.pick(STRINGS);
  }
}

function name(r: R, n: Names): string {
  const all = [...n.resources, ...n.params, ...n.conditions, 'Missing', 'AWS::Region', 'AWS::NoValue', 'AWS::AccountId', 'AWS::StackName', ''];
  return r.pick(all);
}

/** An intrinsic with arguments of the right shape sometimes, and every wrong shape other times. */
function intrinsic(r: R, n: Names, depth: number): Record<string, unknown> {
  const fn = r.pick(INTRINSICS);
  const sub = () => value(r, n, depth + 1);
  const wrong = r.chance(0.25);
  if (wrong) return { [fn]: r.pick([null, 42, [], {}, [sub()], [sub(), sub(), sub(), sub()], 'x', sub()]) };
  switch (fn) {
    case 'Ref': return { Ref: name(r, n) };
    case 'Condition': return { Condition: r.chance(0.7) ? r.pick([...n.conditions, 'Nope']) : sub() };
    case 'Fn::GetAtt': return { [fn]: r.chance(0.5) ? [name(r, n), r.pick(['Arn', 'GroupId', 'A.B', ''])] : `${name(r, n)}.Arn` };
    case 'Fn::Sub': return { [fn]: r.chance(0.5) ? `x-\${${name(r, n)}}-\${AWS::Region}` : [`\${V}-\${${name(r, n)}}`, { V: sub() }] };
    case 'Fn::Join': return { [fn]: [r.pick([',', '', sub()]), [sub(), sub(), r.pick(STRINGS)]] };
    case 'Fn::Select': return { [fn]: [r.pick([0, 1, -1, '0', 1e9, sub()]), r.chance(0.5) ? [sub(), sub()] : sub()] };
    case 'Fn::Split': return { [fn]: [r.pick([',', '', sub()]), sub()] };
    case 'Fn::FindInMap': return { [fn]: [r.pick(['M', 'Missing', sub()]), r.pick(['a', 'b', sub()]), r.pick(['k', 'z', sub()]), ...(r.chance(0.3) ? [{ DefaultValue: sub() }] : [])] };
    case 'Fn::If': return { [fn]: [r.pick([...n.conditions, 'Nope', 'Self']), sub(), r.chance(0.3) ? { Ref: 'AWS::NoValue' } : sub()] };
    case 'Fn::Equals': return { [fn]: [sub(), sub()] };
    case 'Fn::And':
    case 'Fn::Or': return { [fn]: [sub(), sub(), ...(r.chance(0.3) ? [sub()] : [])] };
    case 'Fn::Not': return { [fn]: [sub()] };
    case 'Fn::Cidr': return { [fn]: [sub(), r.pick([4, 256, -1]), 8] };
    default: return { [fn]: sub() };
  }
}

function value(r: R, n: Names, depth = 0): unknown {
  if (depth > 6) return scalar(r);
  const k = r.int(10);
  if (k < 4) return scalar(r);
  if (k < 6) return intrinsic(r, n, depth);
  if (k < 8) {
    const len = r.int(4);
    return Array.from({ length: len }, () => value(r, n, depth + 1));
  }
  const o: Record<string, unknown> = {};
  const len = 1 + r.int(4);
  for (let i = 0; i < len; i++) o[r.pick(PROPS)] = value(r, n, depth + 1);
  return o;
}

/** A nest deeper than any template needs, within the parser's limits. */
function deep(levels: number): unknown {
  let v: unknown = { Ref: 'Deep' };
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { 'Fn::Join': ['', [v]] };
  return v;
}

function template(r: R): Record<string, unknown> {
  const count = 1 + r.int(8);
  const n: Names = {
    resources: Array.from({ length: count }, (_, i) => `R${i}`),
    params: r.chance(0.5) ? ['P0', 'P1'] : [],
    conditions: r.chance(0.5) ? ['C0', 'C1', 'Self'] : [],
  };
  const t: Record<string, unknown> = {};
  if (r.chance(0.3)) t.AWSTemplateFormatVersion = '2010-09-09';
  if (r.chance(0.1)) t.Transform = r.pick(['AWS::Serverless-2016-10-31', 'AWS::LanguageExtensions', ['AWS::LanguageExtensions', 'X'], 42]);
  if (n.params.length) {
    t.Parameters = {
      P0: { Type: r.pick(['String', 'Number', 'CommaDelimitedList', 'List<Number>', 'AWS::SSM::Parameter::Value<String>', 42]), ...(r.chance(0.6) ? { Default: value(r, n, 4) } : {}) },
      P1: r.pick([null, 'x', { Type: 'String' }]),
    };
  }
  if (r.chance(0.4)) t.Mappings = { M: { a: { k: value(r, n, 4) }, b: r.pick([null, [], 'x']) } };
  if (n.conditions.length) {
    t.Conditions = {
      C0: { 'Fn::Equals': [value(r, n, 4), value(r, n, 4)] },
      C1: r.pick([{ 'Fn::Not': [{ Condition: 'C0' }] }, { Condition: 'C1' }, { 'Fn::Or': [] }, null, true, value(r, n, 3)]),
      // A condition that names itself: a cycle the resolver must cut.
      Self: { 'Fn::And': [{ Condition: 'Self' }, { Condition: 'C0' }] },
    };
  }
  const res: Record<string, unknown> = {};
  for (const id of n.resources) {
    const props: Record<string, unknown> = {};
    const pc = r.int(7);
    for (let i = 0; i < pc; i++) props[r.pick(PROPS)] = value(r, n);
    if (r.chance(0.05)) props.Deep = deep(40 + r.int(40));
    const decl: Record<string, unknown> = { Type: r.pick(TYPES) };
    if (r.chance(0.9)) decl.Properties = r.chance(0.05) ? r.pick([null, [], 'x', 42]) : props;
    if (r.chance(0.15)) decl.Condition = r.pick([...n.conditions, 'Nope', 42]);
    if (r.chance(0.1)) decl.Metadata = r.pick([{ 'aws:cdk:path': 'A/B' }, { vouch: { acknowledge: [{ rule: 'x', reason: 'y', expires: value(r, n, 5) }, null] } }, { 'aws:asset:path': '../../etc/passwd' }, 'x']);
    if (r.chance(0.1)) decl.DependsOn = r.pick([id, ['Missing'], 42]);
    if (r.chance(0.1)) decl.DeletionPolicy = r.pick(['Retain', 'Snapshot', 7]);
    res[id] = decl;
  }
  if (r.chance(0.1)) res['Fn::ForEach::Loop'] = ['X', r.pick([['a', 'b'], { Ref: 'P0' }, 'x', [null], [{}]]), { '${X}Thing': { Type: r.pick(TYPES), Properties: { Name: { Ref: 'X' } } } }];
  t.Resources = res;
  if (r.chance(0.2)) t.Outputs = { O: { Value: value(r, n, 3), Export: { Name: value(r, n, 5) } } };
  return t;
}

/** YAML in flow style, intrinsics as short-form tags (`!Ref x`, `!Sub [...]`, `!GetAtt a.b`). */
function yamlOf(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '.nan';
  if (typeof v === 'boolean' || typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(yamlOf).join(', ')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0]!.startsWith('Fn::')) && !keys[0]!.startsWith('Fn::ForEach')) {
    const tag = keys[0] === 'Ref' || keys[0] === 'Condition' ? keys[0] : keys[0]!.slice(4);
    const arg = o[keys[0]!];
    // A YAML node takes one tag: an intrinsic whose argument is itself a tagged intrinsic is written
    // long-form outside (`Fn::Base64: !Sub ...`), as people do.
    const argIsTagged = !!arg && typeof arg === 'object' && !Array.isArray(arg) && Object.keys(arg).length === 1 && /^(Ref|Condition|Fn::)/.test(Object.keys(arg)[0]!);
    if (argIsTagged) return `{${JSON.stringify(keys[0])}: ${yamlOf(arg)}}`;
    if (tag === 'GetAtt' && typeof arg === 'string') return `!GetAtt ${JSON.stringify(arg)}`;
    // A tag on null is an empty tagged scalar; keep it a string so the tag survives.
    return `!${tag} ${arg === null ? '""' : yamlOf(arg)}`;
  }
  return `{${keys.map((k) => `${JSON.stringify(k)}: ${yamlOf(o[k])}`).join(', ')}}`;
}

let rules: Rule[];
const PARAMS = mergeParameters(
  DEFAULT_PARAMETERS,
  { allowedRegions: ['EU'], retention: [{ dataSet: 'logs', maxDays: 30, match: { name: '*' } }], backup: { maxDays: 35 } },
  false,
);

/** Parse + load + evaluate one template text; returns findings, or the InputError that refused it. */
function run(text: string, file: string): Finding[] | InputError {
  try {
    const parsed = parseTemplateText(text, file);
    const loaded = loadStack({ parsed, file, stackName: 'Fuzz', region: 'eu-west-1', parameterOverrides: {} });
    const inventory = new Inventory(loaded.resources, { inputs: [file], notCollected: loaded.notCollected });
    return evaluate(inventory, rules, { controls: CONTROL_IDS, ctx: { params: PARAMS, inventory } });
  } catch (e) {
    if (e instanceof InputError) return e;
    throw new Error(`${file}: ${e instanceof Error ? e.stack : String(e)}\n--- input ---\n${text.slice(0, 4000)}`);
  }
}

beforeAll(async () => {
  rules = await loadRules();
});

describe('fuzzing the loader and every rule', () => {
  it('random templates (JSON and YAML with short-form tags): only InputError, no rule error', () => {
    // CPU time, not wall time: the guard is against hangs and blow-ups, not a benchmark.
    const cpu = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const started = cpu();
    let slowest = { ms: 0, seed: 0 };
    // FUZZ_CASES=20000 FUZZ_FROM=... for a longer hunt by hand; the suite runs the first 2000 seeds.
    const CASES = Number(process.env.FUZZ_CASES ?? 2000);
    const FROM = Number(process.env.FUZZ_FROM ?? 1);
    let judged = 0;
    let refused = 0;
    /** Distinct defects (rule + message), each with the first seed that shows it. */
    const defects = new Map<string, number>();
    for (let seed = FROM; seed < FROM + CASES; seed++) {
      const r = prng(seed);
      const t = template(r);
      const yaml = r.chance(0.4);
      let text: string;
      try {
        text = yaml ? Object.entries(t).map(([k, v]) => `${JSON.stringify(k)}: ${yamlOf(v)}`).join('\n') + '\n' : JSON.stringify(t);
      } catch {
        continue;
      }
      // Some texts are damaged: cut short, or a byte of YAML/JSON syntax dropped in.
      if (r.chance(0.1)) {
        const at = r.int(text.length);
        text = r.chance(0.5) ? text.slice(0, at) : text.slice(0, at) + r.pick(['{', ']', ':', '!', '&a ', '*a', '"', '\t', '\n  - ', '%', '\u0000', '!!binary ']) + text.slice(at);
      }
      const t0 = cpu();
      const out = run(text, `case-${seed}.${yaml ? 'yaml' : 'json'}`);
      const ms = cpu() - t0;
      if (ms > slowest.ms) slowest = { ms, seed };
      if (out instanceof InputError) {
        refused++;
        expect(out.message.split('\n').length, `seed ${seed}`).toBe(1);
        continue;
      }
      judged += out.length;
      for (const f of out) {
        const key = `${f.ruleId}: ${f.message}`;
        if (/^rule error:/.test(f.message) && !defects.has(key)) defects.set(key, seed);
      }
    }
    expect([...defects].map(([k, seed]) => `seed ${seed}: ${k}`)).toEqual([]);
    // Most cases load: the generator makes templates, not noise.
    expect(refused).toBeLessThan(CASES / 5);
    expect(judged).toBeGreaterThan(CASES);
    expect(slowest.ms, `slowest case: seed ${slowest.seed}`).toBeLessThan(1000);
    expect(cpu() - started).toBeLessThan(20_000 * Math.max(1, CASES / 2000));
  });
});

/** Set `value` at a dotted path (`A.B[0].C`) of a plain object, creating nothing. */
function setAt(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = [...path.matchAll(/[^.[\]]+|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[0]));
  let cur: any = obj;
  for (const p of parts.slice(0, -1)) cur = cur[p];
  cur[parts.at(-1)!] = value;
}

interface Spot {
  rule: string;
  type: string;
  props: Record<string, unknown>;
  /** Properties whose value the rule judges; each in turn is made unresolvable. */
  paths: string[];
  params?: Parameters<typeof mergeParameters>[1];
  /**
   * Properties whose presence, not value, decides the verdict, each with why: hiding the value keeps
   * the base verdict (the invariant below does not apply; the property's parent stays in `paths`).
   */
  presenceDecides?: Record<string, string>;
  /** Other resources of the template, beside `Target` (a certificate that names it), left as written. */
  siblings?: Record<string, { Type: string; Properties: Record<string, unknown> }>;
}

const SPOTS: Spot[] = [
  {
    rule: 'tls-min/aws-elbv2-listener',
    type: 'AWS::ElasticLoadBalancingV2::Listener',
    props: { Protocol: 'HTTPS', Port: 443, SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', LoadBalancerArn: 'arn', DefaultActions: [{ Type: 'fixed-response' }] },
    paths: ['SslPolicy', 'Protocol'],
  },
  {
    rule: 'https-redirect/aws-elbv2-listener',
    type: 'AWS::ElasticLoadBalancingV2::Listener',
    props: { Protocol: 'HTTP', Port: 80, LoadBalancerArn: 'arn', DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }] },
    paths: ['DefaultActions', 'DefaultActions[0].Type', 'DefaultActions[0].RedirectConfig.Protocol'],
  },
  { rule: 'cache-no-backup/aws-dax-cluster', type: 'AWS::DAX::Cluster', props: { NodeType: 'dax.r5.large', ReplicationFactor: 3, IAMRoleARN: 'arn:aws:iam::111122223333:role/dax', SSESpecification: { SSEEnabled: true }, ClusterEndpointEncryptionType: 'TLS' }, paths: ['SSESpecification.SSEEnabled', 'ClusterEndpointEncryptionType'] },
  { rule: 'enc-rest/aws-rds-db-instance', type: 'AWS::RDS::DBInstance', props: { Engine: 'postgres', StorageEncrypted: true, DBInstanceClass: 'db.t4g.micro' }, paths: ['StorageEncrypted'] },
  { rule: 'enc-rest/aws-rds-db-cluster', type: 'AWS::RDS::DBCluster', props: { Engine: 'aurora-postgresql', StorageEncrypted: true }, paths: ['StorageEncrypted'] },
  { rule: 'enc-rest/aws-ec2-volume', type: 'AWS::EC2::Volume', props: { AvailabilityZone: 'eu-west-1a', Size: 8, Encrypted: true }, paths: ['Encrypted'] },
  {
    rule: 'enc-rest/aws-s3-bucket',
    type: 'AWS::S3::Bucket',
    props: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] } },
    paths: ['BucketEncryption', 'BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm'],
  },
  {
    rule: 'bastion-only/aws-security-group',
    type: 'AWS::EC2::SecurityGroup',
    props: { GroupDescription: 'web', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '203.0.113.0/24' }] },
    paths: ['SecurityGroupIngress[0].CidrIp', 'SecurityGroupIngress[0].FromPort', 'SecurityGroupIngress[0].IpProtocol', 'SecurityGroupIngress'],
    params: { adminCidrs: ['203.0.113.0/24'] },
  },
  {
    // fixT: the subnets are outside the template, and no group admits SSH/RDP from the internet.
    rule: 'bastion-only/aws-batch-compute-environment-public-ip',
    type: 'AWS::Batch::ComputeEnvironment',
    props: { Type: 'MANAGED', ComputeResources: { Type: 'EC2', MaxvCpus: 16, InstanceTypes: ['optimal'], Subnets: ['subnet-0a1b2c3d'], SecurityGroupIds: [] } },
    paths: ['Type', 'ComputeResources.Type'],
  },
  {
    rule: 'bastion-only/aws-security-group-ingress',
    type: 'AWS::EC2::SecurityGroupIngress',
    props: { GroupId: 'sg-1', IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '203.0.113.0/24' },
    paths: ['CidrIp', 'FromPort', 'ToPort', 'IpProtocol'],
    params: { adminCidrs: ['203.0.113.0/24'] },
  },
  {
    rule: 'iam-least-privilege/aws-iam-policy',
    type: 'AWS::IAM::Policy',
    // s3:PutObject is fine on one bucket and over-broad on "*": the resource is judged (s3:* fails on any resource).
    props: { PolicyName: 'p', Roles: ['r'], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/*' }] } },
    paths: ['PolicyDocument', 'PolicyDocument.Statement', 'PolicyDocument.Statement[0].Action', 'PolicyDocument.Statement[0].Resource', 'PolicyDocument.Statement[0].Effect'],
  },
  {
    rule: 'iam-least-privilege/aws-iam-role-trust',
    type: 'AWS::IAM::Role',
    props: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } },
    paths: ['AssumeRolePolicyDocument', 'AssumeRolePolicyDocument.Statement[0].Principal', 'AssumeRolePolicyDocument.Statement[0].Principal.Service'],
  },
  { rule: 'mfa/aws-cognito-user-pool', type: 'AWS::Cognito::UserPool', props: { MfaConfiguration: 'ON' }, paths: ['MfaConfiguration'] },
  {
    rule: 'backup-retention/aws-rds-db-instance',
    type: 'AWS::RDS::DBInstance',
    props: { Engine: 'postgres', BackupRetentionPeriod: 7, DBInstanceClass: 'db.t4g.micro' },
    paths: ['BackupRetentionPeriod'],
    params: { backup: { maxDays: 35 } },
  },
  {
    rule: 'backup-retention/aws-backup-backup-vault',
    type: 'AWS::Backup::BackupVault',
    props: { BackupVaultName: 'v', LockConfiguration: { MinRetentionDays: 7, MaxRetentionDays: 35 } },
    paths: ['LockConfiguration', 'LockConfiguration.MinRetentionDays'],
    params: { backup: { maxDays: 35 } },
  },
  {
    rule: 'backup-retention/aws-dynamodb-table',
    type: 'AWS::DynamoDB::Table',
    props: { KeySchema: [], PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 } },
    paths: ['PointInTimeRecoverySpecification', 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', 'PointInTimeRecoverySpecification.RecoveryPeriodInDays'],
    params: { backup: { maxDays: 35 } },
  },
  {
    rule: 'data-retention/aws-logs-log-group',
    type: 'AWS::Logs::LogGroup',
    props: { LogGroupName: '/telemetry/runs', RetentionInDays: 7 },
    paths: ['RetentionInDays', 'LogGroupName'],
    // A second, stricter set the name could also match: a group kept within every limit its name could
    // hold passes whatever its name is (data-retention/_datasets.ts), so the name decides only when the limits differ.
    params: { retention: [{ dataSet: 'telemetry', maxDays: 7, match: { name: '/telemetry/*' } }, { dataSet: 'audit', maxDays: 1, match: { name: '/audit/*' } }] },
  },
  {
    rule: 'audit-logging/aws-cloudtrail-trail',
    type: 'AWS::CloudTrail::Trail',
    props: { IsLogging: true, S3BucketName: 'logs', IsMultiRegionTrail: true, EnableLogFileValidation: true, KMSKeyId: 'arn:aws:kms:eu-west-1:1:key/x' },
    paths: ['IsMultiRegionTrail', 'EnableLogFileValidation'],
  },
  {
    rule: 'security-monitoring/aws-cloudtrail-log-encryption',
    type: 'AWS::CloudTrail::Trail',
    props: { IsLogging: true, S3BucketName: 'logs', KMSKeyId: 'arn:aws:kms:eu-west-1:1:key/x' },
    paths: [],
    presenceDecides: { KMSKeyId: 'CloudTrail encrypts with whatever key this names; only a key CloudTrail may use deploys' },
  },
  {
    rule: 'audit-logging/aws-s3-bucket-access-logging',
    type: 'AWS::S3::Bucket',
    props: { LoggingConfiguration: { DestinationBucketName: 'logs' } },
    paths: ['LoggingConfiguration'],
    presenceDecides: {
      'LoggingConfiguration.DestinationBucketName':
        'S3 logs only to an existing bucket the account owns, and logs into the bucket itself without a name: a LoggingConfiguration is logging on whatever the name resolves to',
    },
  },
  { rule: 'public-access/aws-timestream-influx-db-instance', type: 'AWS::Timestream::InfluxDBInstance', props: { Name: 'm', PubliclyAccessible: false }, paths: ['PubliclyAccessible'] },
  { rule: 'public-access/aws-timestream-influx-db-instance', type: 'AWS::Timestream::InfluxDBCluster', props: { Name: 'c', PubliclyAccessible: false }, paths: ['PubliclyAccessible'] },
  {
    rule: 'audit-logging/aws-ec2-verified-access-instance-logging',
    type: 'AWS::EC2::VerifiedAccessInstance',
    props: { LoggingConfigurations: { CloudWatchLogs: { Enabled: true, LogGroup: 'va' } } },
    paths: ['LoggingConfigurations.CloudWatchLogs.Enabled'],
  },
  {
    rule: 'tls-min/aws-ec2-verified-access-endpoint',
    type: 'AWS::EC2::VerifiedAccessEndpoint',
    props: { EndpointType: 'load-balancer', LoadBalancerOptions: { LoadBalancerArn: 'arn', Port: 443, Protocol: 'https' } },
    paths: ['EndpointType', 'LoadBalancerOptions.Protocol'],
  },
  { rule: 'tls-min/aws-transfer-connector', type: 'AWS::Transfer::Connector', props: { Url: 'https://as2.example.net/as2', AccessRole: 'arn' }, paths: ['Url'] },
  {
    rule: 'iam-least-privilege/aws-eks-access-entry',
    type: 'AWS::EKS::AccessEntry',
    props: { ClusterName: 'c', PrincipalArn: 'arn', AccessPolicies: [{ PolicyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy', AccessScope: { Type: 'namespace', Namespaces: ['a'] } }] },
    paths: ['AccessPolicies', 'AccessPolicies[0].PolicyArn', 'AccessPolicies[0].AccessScope.Type'],
  },
  {
    rule: 'tls-min/aws-appmesh-virtual-node',
    type: 'AWS::AppMesh::VirtualNode',
    props: { MeshName: 'm', Spec: { Listeners: [{ PortMapping: { Port: 8443, Protocol: 'http' }, TLS: { Mode: 'STRICT', Certificate: { ACM: { CertificateArn: 'arn' } } } }] } },
    paths: ['Spec.Listeners', 'Spec.Listeners[0]', 'Spec.Listeners[0].TLS', 'Spec.Listeners[0].TLS.Mode'],
  },
  {
    rule: 'tls-min/aws-datasync-location',
    type: 'AWS::DataSync::LocationEFS',
    props: { EfsFilesystemArn: 'arn', Ec2Config: { SubnetArn: 'arn', SecurityGroupArns: ['arn'] }, InTransitEncryption: 'TLS1_2' },
    paths: ['InTransitEncryption'],
  },
  {
    rule: 'tls-min/aws-datasync-location',
    type: 'AWS::DataSync::LocationObjectStorage',
    props: { ServerHostname: 'h', BucketName: 'b', ServerProtocol: 'HTTPS' },
    paths: ['ServerProtocol'],
  },
  {
    rule: 'tls-min/aws-datasync-location',
    type: 'AWS::DataSync::LocationSMB',
    props: { ServerHostname: 'h', Subdirectory: '/s', User: 'u', MountOptions: { Version: 'SMB3' } },
    paths: ['MountOptions', 'MountOptions.Version'],
  },
  {
    rule: 'tls-min/aws-datasync-location',
    type: 'AWS::DataSync::LocationHDFS',
    // Kerberos: a SIMPLE location encrypts nothing whatever its QOP (fixQ3).
    props: { AgentArns: ['arn'], NameNodes: [{ Hostname: 'nn', Port: 8020 }], AuthenticationType: 'KERBEROS', KerberosPrincipal: 'datasync@CORP', QopConfiguration: { RpcProtection: 'PRIVACY', DataTransferProtection: 'PRIVACY' } },
    paths: ['AuthenticationType', 'QopConfiguration', 'QopConfiguration.RpcProtection', 'QopConfiguration.DataTransferProtection'],
  },
  {
    rule: 'audit-logging/aws-ivschat-room-logging',
    type: 'AWS::IVSChat::Room',
    props: { Name: 'r', LoggingConfigurationIdentifiers: ['arn:aws:ivschat:eu-west-1:111122223333:logging-configuration/abc'] },
    paths: ['LoggingConfigurationIdentifiers'],
    presenceDecides: { 'LoggingConfigurationIdentifiers[0]': 'an identifier is a pointer: the room logs to whatever configuration it names' },
  },
  {
    rule: 'tls-min/aws-mediatailor-urls',
    type: 'AWS::MediaTailor::PlaybackConfiguration',
    props: { Name: 'p', AdDecisionServerUrl: 'https://ads.example.com/vast', VideoContentSourceUrl: 'https://origin.example.com/out', CdnConfiguration: { ContentSegmentUrlPrefix: 'https://cdn.example.com/c' } },
    paths: ['AdDecisionServerUrl', 'VideoContentSourceUrl', 'CdnConfiguration', 'CdnConfiguration.ContentSegmentUrlPrefix'],
  },
  {
    rule: 'tls-min/aws-mediatailor-urls',
    type: 'AWS::MediaTailor::SourceLocation',
    props: { SourceLocationName: 's', HttpConfiguration: { BaseUrl: 'https://origin.example.com' }, SegmentDeliveryConfigurations: [{ Name: 'e', BaseUrl: 'https://edge.example.com' }] },
    paths: ['HttpConfiguration', 'HttpConfiguration.BaseUrl', 'SegmentDeliveryConfigurations', 'SegmentDeliveryConfigurations[0].BaseUrl'],
  },
  {
    rule: 'audit-logging/aws-databrew-job-logging',
    type: 'AWS::DataBrew::Job',
    props: { Name: 'j', Type: 'RECIPE', RoleArn: 'arn', ProjectName: 'p', LogSubscription: 'ENABLE' },
    paths: ['LogSubscription'],
  },
  {
    rule: 'tls-min/aws-glue-connection',
    type: 'AWS::Glue::Connection',
    props: { CatalogId: '1', ConnectionInput: { ConnectionType: 'JDBC', ConnectionProperties: { JDBC_CONNECTION_URL: 'jdbc:mysql://h:3306/d', JDBC_ENFORCE_SSL: 'true' } } },
    paths: ['ConnectionInput.ConnectionType', 'ConnectionInput.ConnectionProperties', 'ConnectionInput.ConnectionProperties.JDBC_ENFORCE_SSL'],
  },
  {
    rule: 'tls-min/aws-glue-connection',
    type: 'AWS::Glue::Connection',
    props: { CatalogId: '1', ConnectionInput: { ConnectionType: 'KAFKA', ConnectionProperties: { KAFKA_BOOTSTRAP_SERVERS: 'h:9094', KAFKA_SSL_ENABLED: 'true' } } },
    paths: ['ConnectionInput.ConnectionType', 'ConnectionInput.ConnectionProperties', 'ConnectionInput.ConnectionProperties.KAFKA_SSL_ENABLED'],
  },
  {
    rule: 'tls-min/aws-lightsail-load-balancer',
    type: 'AWS::Lightsail::LoadBalancer',
    props: { LoadBalancerName: 'web', InstancePort: 80, TlsPolicyName: 'TLS-FS-Res-1-2-2019-08' },
    paths: ['TlsPolicyName'],
    // The policy governs the HTTPS side an attached certificate gives it.
    siblings: { Cert: { Type: 'AWS::Lightsail::LoadBalancerTlsCertificate', Properties: { LoadBalancerName: { Ref: 'Target' }, CertificateName: 'c', CertificateDomainName: 'www.example.com', IsAttached: true } } },
  },
  {
    rule: 'https-redirect/aws-lightsail-load-balancer-tls-certificate',
    type: 'AWS::Lightsail::LoadBalancerTlsCertificate',
    props: { LoadBalancerName: 'web', CertificateName: 'c', CertificateDomainName: 'www.example.com', IsAttached: true, HttpsRedirectionEnabled: true },
    paths: ['IsAttached', 'HttpsRedirectionEnabled'],
  },
  {
    rule: 'backup-retention/aws-lightsail-database',
    type: 'AWS::Lightsail::Database',
    props: { RelationalDatabaseName: 'db', RelationalDatabaseBlueprintId: 'mysql_8_0', RelationalDatabaseBundleId: 'micro_2_0', MasterDatabaseName: 'db', MasterUsername: 'admin', BackupRetention: true },
    paths: ['BackupRetention'],
  },
  {
    rule: 'audit-logging/aws-mediastore-container',
    type: 'AWS::MediaStore::Container',
    props: { ContainerName: 'origin', AccessLoggingEnabled: true },
    paths: ['AccessLoggingEnabled'],
  },
  {
    rule: 'tls-min/aws-mediastore-container',
    type: 'AWS::MediaStore::Container',
    props: { ContainerName: 'origin', Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"mediastore:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}' },
    paths: ['Policy'],
  },
  {
    rule: 'public-access/aws-mediastore-container',
    type: 'AWS::MediaStore::Container',
    props: { ContainerName: 'origin', Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/reader"},"Action":"mediastore:GetObject","Resource":"*"}]}' },
    paths: ['Policy'],
  },
  {
    rule: 'public-access/aws-resource-policy',
    type: 'AWS::Logs::Destination',
    props: {
      DestinationName: 'org-sink',
      RoleArn: 'arn:aws:iam::111122223333:role/cwl',
      TargetArn: 'arn:aws:kinesis:eu-west-1:111122223333:stream/sink',
      DestinationPolicy: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'logs:PutSubscriptionFilter', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }] },
    },
    paths: ['DestinationPolicy', 'DestinationPolicy.Statement[0].Principal', 'DestinationPolicy.Statement[0].Condition.StringEquals.aws:PrincipalOrgID'],
  },
  {
    rule: 'tls-min/aws-ses-receipt-rule',
    type: 'AWS::SES::ReceiptRule',
    props: { RuleSetName: 'inbound', Rule: { Name: 'support', TlsPolicy: 'Require' } },
    paths: ['Rule', 'Rule.TlsPolicy'],
  },
  {
    rule: 'tls-min/aws-iot-domain-configuration',
    type: 'AWS::IoT::DomainConfiguration',
    props: { DomainConfigurationName: 'devices', TlsConfig: { SecurityPolicy: 'IoTSecurityPolicy_TLS13_1_2_2022_10' } },
    paths: ['TlsConfig', 'TlsConfig.SecurityPolicy'],
  },
  {
    rule: 'data-residency/aws-lightsail-zone',
    type: 'AWS::Lightsail::Instance',
    params: { allowedRegions: ['EU'] },
    props: { InstanceName: 'i', BlueprintId: 'wordpress', BundleId: 'small_3_0', AvailabilityZone: 'eu-central-1a' },
    paths: ['AvailabilityZone'],
  },
  {
    rule: 'data-residency/aws-cassandra-keyspace',
    type: 'AWS::Cassandra::Keyspace',
    params: { allowedRegions: ['EU'] },
    props: { KeyspaceName: 'k', ReplicationSpecification: { ReplicationStrategy: 'MULTI_REGION', RegionList: ['eu-west-1', 'eu-central-1'] } },
    paths: ['ReplicationSpecification', 'ReplicationSpecification.ReplicationStrategy', 'ReplicationSpecification.RegionList', 'ReplicationSpecification.RegionList[1]'],
  },
  {
    rule: 'data-retention/aws-data-store',
    type: 'AWS::OpenSearchServerless::LifecyclePolicy',
    props: { Name: 'p', Type: 'retention', Policy: '{"Rules":[{"ResourceType":"index","Resource":["index/web/request-logs-*"],"MinIndexRetention":"7d"}]}' },
    paths: ['Type', 'Policy'],
    params: { retention: [{ dataSet: 'request-logs', maxDays: 30, match: { name: '*request-log*' } }] },
  },
  {
    rule: 'data-residency/aws-cross-region-delivery',
    type: 'AWS::S3Express::DirectoryBucket',
    params: { allowedRegions: ['EU'] },
    props: { DataRedundancy: 'SingleAvailabilityZone', LocationName: 'euw1-az1' },
    paths: ['LocationName'],
  },
  {
    rule: 'data-residency/aws-cross-region-delivery',
    type: 'AWS::Bedrock::KnowledgeBase',
    params: { allowedRegions: ['EU'] },
    props: {
      Name: 'kb',
      RoleArn: 'arn:aws:iam::111122223333:role/kb',
      KnowledgeBaseConfiguration: { Type: 'VECTOR', VectorKnowledgeBaseConfiguration: { EmbeddingModelArn: 'arn:aws:bedrock:eu-central-1::foundation-model/amazon.titan-embed-text-v2:0' } },
      StorageConfiguration: { Type: 'S3_VECTORS' },
    },
    paths: ['KnowledgeBaseConfiguration', 'KnowledgeBaseConfiguration.VectorKnowledgeBaseConfiguration.EmbeddingModelArn'],
  },
  {
    rule: 'data-residency/aws-cross-region-delivery',
    type: 'AWS::Logs::AccountPolicy',
    params: { allowedRegions: ['EU'] },
    props: { PolicyName: 'p', PolicyType: 'SUBSCRIPTION_FILTER_POLICY', PolicyDocument: '{"DestinationArn":"arn:aws:firehose:eu-west-1:111122223333:deliverystream/x","FilterPattern":""}' },
    paths: ['PolicyType', 'PolicyDocument'],
  },
  {
    rule: 'data-residency/aws-cross-region-delivery',
    type: 'AWS::Lambda::EventInvokeConfig',
    params: { allowedRegions: ['EU'] },
    props: { FunctionName: 'f', Qualifier: '$LATEST', DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:eu-west-1:111122223333:q' } } },
    paths: ['DestinationConfig', 'DestinationConfig.OnFailure.Destination'],
  },
  {
    rule: 'public-access/aws-imagebuilder-public-ami',
    type: 'AWS::ImageBuilder::DistributionConfiguration',
    props: { Name: 'd', Distributions: [{ Region: 'eu-west-1', AmiDistributionConfiguration: { LaunchPermissionConfiguration: { UserIds: ['111122223333'] } } }] },
    paths: ['Distributions', 'Distributions[0].AmiDistributionConfiguration.LaunchPermissionConfiguration'],
  },
  {
    rule: 'public-access/aws-medialive-input-security-group',
    type: 'AWS::MediaLive::InputSecurityGroup',
    props: { WhitelistRules: [{ Cidr: '203.0.113.10/32' }] },
    paths: ['WhitelistRules', 'WhitelistRules[0].Cidr'],
  },
  { rule: 'enc-rest/aws-workspacesinstances-storage', type: 'AWS::WorkspacesInstances::Volume', props: { AvailabilityZone: 'eu-west-1a', SizeInGB: 10, Encrypted: true }, paths: ['Encrypted'] },
  {
    rule: 'enc-rest/aws-workspacesinstances-storage',
    type: 'AWS::WorkspacesInstances::WorkspaceInstance',
    props: { ManagedInstance: { ImageId: 'ami-1', InstanceType: 't3.micro', BlockDeviceMappings: [{ DeviceName: '/dev/sda1', Ebs: { VolumeSize: 10, Encrypted: true } }] } },
    paths: ['ManagedInstance.BlockDeviceMappings', 'ManagedInstance.BlockDeviceMappings[0].Ebs.Encrypted'],
  },
  {
    rule: 'data-residency/aws-cross-region-delivery',
    type: 'AWS::Route53Resolver::ResolverQueryLoggingConfig',
    params: { allowedRegions: ['EU'] },
    props: { Name: 'q', DestinationArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:/dns' },
    paths: ['DestinationArn'],
  },
  {
    rule: 'data-residency/aws-cross-region-delivery',
    type: 'AWS::ObservabilityAdmin::OrganizationCentralizationRule',
    params: { allowedRegions: ['EU'] },
    props: { RuleName: 'c', Rule: { Source: { Regions: ['eu-west-1'] }, Destination: { Region: 'eu-central-1', DestinationLogsConfiguration: { BackupConfiguration: { Region: 'eu-west-3' } } } } },
    paths: ['Rule.Destination.Region', 'Rule.Destination.DestinationLogsConfiguration.BackupConfiguration.Region'],
  },
  {
    rule: 'data-residency/aws-cross-region-delivery',
    type: 'AWS::S3Tables::TableBucket',
    params: { allowedRegions: ['EU'] },
    props: { TableBucketName: 't', ReplicationConfiguration: { Role: 'r', Rules: [{ Destinations: [{ DestinationTableBucketARN: 'arn:aws:s3tables:eu-north-1:111122223333:bucket/d' }] }] } },
    paths: ['ReplicationConfiguration.Rules', 'ReplicationConfiguration.Rules[0].Destinations', 'ReplicationConfiguration.Rules[0].Destinations[0].DestinationTableBucketARN'],
  },
  {
    rule: 'data-residency/aws-cross-region-copy',
    type: 'AWS::Backup::BackupPlan',
    params: { allowedRegions: ['EU'] },
    props: { BackupPlan: { BackupPlanName: 'p', BackupPlanRule: [{ RuleName: 'r', TargetBackupVault: 'v', CopyActions: [{ DestinationBackupVaultArn: 'arn:aws:backup:eu-north-1:111122223333:backup-vault:dr' }] }] } },
    paths: ['BackupPlan.BackupPlanRule[0].CopyActions[0].DestinationBackupVaultArn'],
  },
  {
    rule: 'data-residency/aws-securitylake-data-lake',
    type: 'AWS::SecurityLake::DataLake',
    params: { allowedRegions: ['EU'] },
    props: { ReplicationConfiguration: { Regions: ['eu-central-1'], RoleArn: 'arn:aws:iam::111122223333:role/r' } },
    paths: ['ReplicationConfiguration', 'ReplicationConfiguration.Regions', 'ReplicationConfiguration.Regions[0]'],
  },
  {
    rule: 'tls-min/aws-lightsail-distribution',
    type: 'AWS::Lightsail::Distribution',
    props: { DistributionName: 'cdn', BundleId: 'small_1_0', Origin: { Name: 'web', RegionName: 'eu-west-1', ProtocolPolicy: 'https-only' }, DefaultCacheBehavior: { Behavior: 'cache' } },
    paths: ['Origin', 'Origin.ProtocolPolicy'],
  },
  {
    rule: 'audit-logging/aws-connect-instance-flow-logs',
    type: 'AWS::Connect::Instance',
    props: { IdentityManagementType: 'CONNECT_MANAGED', Attributes: { InboundCalls: true, OutboundCalls: true, ContactflowLogs: true } },
    paths: ['Attributes.ContactflowLogs'],
  },
  {
    rule: 'audit-logging/aws-ssm-session-preferences-logging',
    type: 'AWS::SSM::Document',
    props: { Name: 'SSM-SessionManagerRunShell', DocumentType: 'Session', Content: { schemaVersion: '1.0', sessionType: 'Standard_Stream', inputs: { cloudWatchLogGroupName: '/ssm/sessions' } } },
    paths: ['DocumentType', 'Content.sessionType', 'Content.inputs.cloudWatchLogGroupName'],
  },
  {
    rule: 'audit-logging/aws-workspacesweb-portal-access-logging',
    type: 'AWS::WorkSpacesWeb::Portal',
    props: { DisplayName: 'portal', UserAccessLoggingSettingsArn: 'arn:aws:workspaces-web:eu-west-1:111122223333:userAccessLoggingSettings/x' },
    paths: [],
    presenceDecides: { UserAccessLoggingSettingsArn: 'a portal associates only with an existing settings resource: any ARN is user access logging on' },
  },
  {
    rule: 'public-access/aws-appstream-default-internet-access',
    type: 'AWS::AppStream::Fleet',
    props: { InstanceType: 'stream.standard.small', EnableDefaultInternetAccess: false },
    paths: ['EnableDefaultInternetAccess'],
  },
  {
    rule: 'enc-rest/aws-eventbridge',
    type: 'AWS::Events::EventBus',
    props: { Name: 'orders', KmsKeyIdentifier: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
    paths: ['KmsKeyIdentifier'],
    params: { requireCustomerManagedKeys: true },
  },
  {
    rule: 'enc-rest/aws-stepfunctions',
    type: 'AWS::StepFunctions::StateMachine',
    props: { RoleArn: 'arn:aws:iam::111122223333:role/flow', DefinitionString: '{}', EncryptionConfiguration: { Type: 'CUSTOMER_MANAGED_KMS_KEY', KmsKeyId: 'alias/flow' } },
    paths: ['EncryptionConfiguration.Type', 'EncryptionConfiguration.KmsKeyId'],
    params: { requireCustomerManagedKeys: true },
  },
  { rule: 'enc-rest/aws-location', type: 'AWS::Location::Tracker', props: { TrackerName: 'vans', KmsKeyId: 'alias/vans' }, paths: ['KmsKeyId'], params: { requireCustomerManagedKeys: true } },
  { rule: 'enc-rest/aws-aps-workspace', type: 'AWS::APS::Workspace', props: { Alias: 'm', KmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' }, paths: ['KmsKeyArn'], params: { requireCustomerManagedKeys: true } },
  {
    rule: 'enc-rest/aws-kendra-index',
    type: 'AWS::Kendra::Index',
    props: { Name: 'docs', Edition: 'DEVELOPER_EDITION', RoleArn: 'arn:aws:iam::111122223333:role/k', ServerSideEncryptionConfiguration: { KmsKeyId: 'alias/docs' } },
    paths: ['ServerSideEncryptionConfiguration.KmsKeyId'],
    params: { requireCustomerManagedKeys: true },
  },
  {
    rule: 'tls-min/aws-cloudfront-vpc-origin',
    type: 'AWS::CloudFront::VpcOrigin',
    props: { VpcOriginEndpointConfig: { Name: 'app', Arn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/a/1', OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] } },
    paths: ['VpcOriginEndpointConfig.OriginProtocolPolicy', 'VpcOriginEndpointConfig.OriginSSLProtocols', 'VpcOriginEndpointConfig.OriginSSLProtocols[0]'],
  },
  {
    rule: 'public-access/aws-appstream-default-internet-access',
    type: 'AWS::AppStream::AppBlockBuilder',
    props: { Name: 'b', Platform: 'WINDOWS_SERVER_2019', InstanceType: 'stream.standard.medium', VpcConfig: { SubnetIds: ['subnet-1'] }, EnableDefaultInternetAccess: false },
    paths: ['EnableDefaultInternetAccess'],
  },
  {
    rule: 'tls-min/aws-sagemaker-monitoring-job-definition',
    type: 'AWS::SageMaker::ProcessingJob',
    props: { AppSpecification: { ImageUri: 'x' }, RoleArn: 'arn:aws:iam::111122223333:role/p', ProcessingResources: { ClusterConfig: { InstanceCount: 2, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 30 } }, NetworkConfig: { EnableInterContainerTrafficEncryption: true } },
    paths: ['NetworkConfig.EnableInterContainerTrafficEncryption'],
  },
  {
    rule: 'enc-rest/aws-kinesisanalyticsv2-application',
    type: 'AWS::KinesisAnalyticsV2::Application',
    props: { RuntimeEnvironment: 'FLINK-1_20', ServiceExecutionRole: 'arn:aws:iam::111122223333:role/f', ApplicationConfiguration: { ApplicationEncryptionConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY', KeyId: 'alias/f' } } },
    paths: ['ApplicationConfiguration.ApplicationEncryptionConfiguration.KeyType', 'ApplicationConfiguration.ApplicationEncryptionConfiguration.KeyId'],
    params: { requireCustomerManagedKeys: true },
  },
  {
    rule: 'enc-rest/aws-healthlake-fhir-datastore',
    type: 'AWS::HealthLake::FHIRDatastore',
    props: { DatastoreTypeVersion: 'R4', SseConfiguration: { KmsEncryptionConfig: { CmkType: 'CUSTOMER_MANAGED_KMS_KEY', KmsKeyId: 'alias/h' } } },
    paths: ['SseConfiguration.KmsEncryptionConfig.CmkType', 'SseConfiguration.KmsEncryptionConfig.KmsKeyId'],
    params: { requireCustomerManagedKeys: true },
  },
  {
    rule: 'enc-rest/aws-verified-access',
    type: 'AWS::EC2::VerifiedAccessGroup',
    props: { VerifiedAccessInstanceId: 'vai-1', SseSpecification: { CustomerManagedKeyEnabled: true, KmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' } },
    paths: ['SseSpecification.CustomerManagedKeyEnabled', 'SseSpecification.KmsKeyArn'],
    params: { requireCustomerManagedKeys: true },
  },
  {
    rule: 'enc-rest/aws-synthetics-canary',
    type: 'AWS::Synthetics::Canary',
    props: { Name: 'c', ArtifactConfig: { S3Encryption: { EncryptionMode: 'SSE_KMS', KmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' } } },
    paths: ['ArtifactConfig.S3Encryption.EncryptionMode', 'ArtifactConfig.S3Encryption.KmsKeyArn'],
    params: { requireCustomerManagedKeys: true },
  },
  {
    rule: 'enc-rest/aws-ecs-service-managed-volume',
    type: 'AWS::ECS::Service',
    props: { Cluster: 'c', VolumeConfigurations: [{ Name: 'scratch', ManagedEBSVolume: { RoleArn: 'arn:aws:iam::111122223333:role/i', SizeInGiB: '20', Encrypted: true } }] },
    paths: ['VolumeConfigurations', 'VolumeConfigurations[0].ManagedEBSVolume', 'VolumeConfigurations[0].ManagedEBSVolume.Encrypted'],
  },
  { rule: 'public-access/aws-rds-db-shard-group', type: 'AWS::RDS::DBShardGroup', props: { DBClusterIdentifier: 'orders', MaxACU: 768, PubliclyAccessible: false }, paths: ['PubliclyAccessible'] },
  {
    rule: 'enc-rest/aws-s3tables-table-bucket',
    type: 'AWS::S3Tables::TableBucket',
    props: { TableBucketName: 't', EncryptionConfiguration: { SSEAlgorithm: 'aws:kms', KMSKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' } },
    paths: ['EncryptionConfiguration.SSEAlgorithm', 'EncryptionConfiguration.KMSKeyArn'],
    params: { requireCustomerManagedKeys: true },
  },
  {
    rule: 'enc-rest/aws-datazone-domain',
    type: 'AWS::DataZone::Domain',
    props: { Name: 'd', DomainExecutionRole: 'arn:aws:iam::111122223333:role/d', KmsKeyIdentifier: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
    paths: ['KmsKeyIdentifier'],
    params: { requireCustomerManagedKeys: true },
  },
  {
    rule: 'backup-retention/aws-organizations-backup-policy',
    type: 'AWS::Organizations::Policy',
    props: { Name: 'b', Type: 'BACKUP_POLICY', Content: { plans: { p: { rules: { r: { lifecycle: { delete_after_days: { '@@assign': '35' } } } } } } } },
    paths: ['Type', 'Content.plans', 'Content.plans.p.rules', 'Content.plans.p.rules.r.lifecycle.delete_after_days.@@assign'],
  },
  // fixJ (session 12): scout15 types.
  ...(['enc-rest', 'tls-min', 'cache-no-backup'] as const).map((c) => ({
    rule: `${c}/aws-appsync-api-cache`,
    type: 'AWS::AppSync::ApiCache',
    props: { ApiId: 'abc', ApiCachingBehavior: 'FULL_REQUEST_CACHING', Type: 'SMALL', Ttl: 60, AtRestEncryptionEnabled: true, TransitEncryptionEnabled: true },
    paths: c === 'enc-rest' ? ['AtRestEncryptionEnabled'] : c === 'tls-min' ? ['TransitEncryptionEnabled'] : ['AtRestEncryptionEnabled', 'TransitEncryptionEnabled'],
  })),
  // fixV (session 13): the cache promise on API Gateway stage caches (the enc-rest stage-cache reading).
  {
    rule: 'cache-no-backup/aws-apigateway-stage-cache',
    type: 'AWS::ApiGateway::Stage',
    props: { RestApiId: 'a1b2c3', DeploymentId: 'd4e5f6', StageName: 'prod', CacheClusterEnabled: true, MethodSettings: [{ ResourcePath: '/*', HttpMethod: '*', CachingEnabled: true, CacheDataEncrypted: true }] },
    paths: ['CacheClusterEnabled', 'MethodSettings', 'MethodSettings[0].ResourcePath', 'MethodSettings[0].HttpMethod', 'MethodSettings[0].CacheDataEncrypted'],
  },
  {
    rule: 'audit-logging/aws-appsync-api-logging',
    type: 'AWS::AppSync::Api',
    props: { Name: 'e', EventConfig: { AuthProviders: [{ AuthType: 'AWS_IAM' }], ConnectionAuthModes: [{ AuthType: 'AWS_IAM' }], DefaultPublishAuthModes: [{ AuthType: 'AWS_IAM' }], DefaultSubscribeAuthModes: [{ AuthType: 'AWS_IAM' }], LogConfig: { LogLevel: 'ERROR', CloudWatchLogsRoleArn: 'arn:aws:iam::111122223333:role/logs' } } },
    paths: ['EventConfig.LogConfig', 'EventConfig.LogConfig.LogLevel'],
    presenceDecides: { 'EventConfig.LogConfig.CloudWatchLogsRoleArn': 'AppSync writes the logs with whatever role this names (one it cannot assume fails the deployment)' },
  },
  {
    rule: 'audit-logging/aws-appsync-graphql-api-logging',
    type: 'AWS::AppSync::GraphQLApi',
    props: { Name: 'g', AuthenticationType: 'AWS_IAM', LogConfig: { FieldLogLevel: 'ERROR', CloudWatchLogsRoleArn: 'arn:aws:iam::111122223333:role/logs' } },
    paths: ['LogConfig', 'LogConfig.FieldLogLevel'],
    presenceDecides: { 'LogConfig.CloudWatchLogsRoleArn': 'AppSync writes the logs with whatever role this names (one it cannot assume fails the deployment)' },
  },
  {
    rule: 'audit-logging/aws-cloudfront-distribution-logging',
    type: 'AWS::CloudFront::Distribution',
    props: { DistributionConfig: { Enabled: true, DefaultCacheBehavior: { TargetOriginId: 'o', ViewerProtocolPolicy: 'https-only' }, Origins: [{ Id: 'o', DomainName: 'origin.example.org' }], Logging: { Bucket: 'logs.s3.amazonaws.com' } } },
    paths: ['DistributionConfig.Logging'],
    presenceDecides: { 'DistributionConfig.Logging.Bucket': 'CloudFront logs to whatever existing bucket this names: a Logging.Bucket is standard logging on' },
  },
  {
    rule: 'audit-logging/aws-stepfunctions-state-machine-logging',
    type: 'AWS::StepFunctions::StateMachine',
    props: { RoleArn: 'arn:aws:iam::111122223333:role/f', DefinitionString: '{}', LoggingConfiguration: { Level: 'ALL', Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:f:*' } }] } },
    paths: ['LoggingConfiguration', 'LoggingConfiguration.Level', 'LoggingConfiguration.Destinations'],
    presenceDecides: { 'LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn': 'Step Functions takes only an existing log group as the destination' },
  },
  {
    rule: 'audit-logging/aws-datasync-task-logging',
    type: 'AWS::DataSync::Task',
    props: { SourceLocationArn: 's', DestinationLocationArn: 'd', TaskMode: 'BASIC', CloudWatchLogGroupArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:sync' },
    paths: ['TaskMode'],
    presenceDecides: { CloudWatchLogGroupArn: 'DataSync takes only an existing log group: any ARN is transfer logging on' },
  },
  {
    rule: 'security-monitoring/aws-cloudtrail-cloudwatch-logs',
    type: 'AWS::CloudTrail::Trail',
    props: { IsLogging: true, S3BucketName: 'trail', CloudWatchLogsLogGroupArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:trail:*', CloudWatchLogsRoleArn: 'arn:aws:iam::111122223333:role/t' },
    paths: [],
    presenceDecides: { CloudWatchLogsLogGroupArn: 'CloudTrail checks the log group when the trail is made: any ARN is delivery on' },
  },
  { rule: 'public-access/aws-dms-instance-profile', type: 'AWS::DMS::InstanceProfile', props: { PubliclyAccessible: false }, paths: ['PubliclyAccessible'] },
  {
    rule: 'audit-logging/aws-osis-pipeline-logging',
    type: 'AWS::OSIS::Pipeline',
    props: { PipelineName: 'p', MinUnits: 1, MaxUnits: 2, PipelineConfigurationBody: 'version: "2"', LogPublishingOptions: { IsLoggingEnabled: true, CloudWatchLogDestination: { LogGroup: '/aws/vendedlogs/OpenSearchIngestion/p/audit-logs' } } },
    paths: ['LogPublishingOptions', 'LogPublishingOptions.IsLoggingEnabled'],
    presenceDecides: { 'LogPublishingOptions.CloudWatchLogDestination.LogGroup': 'OpenSearch Ingestion takes any existing log group: a group set at deploy time is publishing on' },
  },
  {
    rule: 'tls-min/aws-mediaconnect-flow-transport',
    type: 'AWS::MediaConnect::FlowSource',
    props: { FlowArn: 'arn:aws:mediaconnect:eu-west-1:111122223333:flow:1-A:f', Name: 's', Description: 'd', Protocol: 'srt-listener', IngestPort: 5000, WhitelistCidr: '0.0.0.0/0', Decryption: { Algorithm: 'aes256', KeyType: 'static-key', RoleArn: 'arn:aws:iam::111122223333:role/k', SecretArn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:k' } },
    paths: ['Protocol', 'Decryption', 'Decryption.Algorithm'],
  },
  {
    rule: 'tls-min/aws-dms-data-provider',
    type: 'AWS::DMS::DataProvider',
    props: { Engine: 'postgres', Settings: { PostgreSqlSettings: { ServerName: 'db', Port: 5432, DatabaseName: 'd', SslMode: 'verify-full' } } },
    paths: ['Settings', 'Settings.PostgreSqlSettings', 'Settings.PostgreSqlSettings.SslMode'],
  },
  {
    rule: 'audit-logging/aws-dms-replication-config-logging',
    type: 'AWS::DMS::ReplicationConfig',
    props: { ReplicationConfigIdentifier: 'r', ReplicationType: 'cdc', SourceEndpointArn: 's', TargetEndpointArn: 't', ComputeConfig: { MaxCapacityUnits: 2 }, TableMappings: { rules: [] }, ReplicationSettings: { Logging: { EnableLogging: true } } },
    paths: ['ReplicationSettings', 'ReplicationSettings.Logging.EnableLogging'],
  },
  { rule: 'enc-rest/aws-rds-global-cluster', type: 'AWS::RDS::GlobalCluster', props: { GlobalClusterIdentifier: 'g', Engine: 'aurora-mysql', StorageEncrypted: true }, paths: ['StorageEncrypted'] },
  { rule: 'audit-logging/aws-iot-logging', type: 'AWS::IoT::Logging', props: { AccountId: '111122223333', RoleArn: 'arn:aws:iam::111122223333:role/l', DefaultLogLevel: 'ERROR' }, paths: ['DefaultLogLevel'] },
  { rule: 'tls-min/aws-ivs-channel', type: 'AWS::IVS::Channel', props: { Name: 'c', InsecureIngest: false }, paths: ['InsecureIngest'] },
  { rule: 'tls-min/aws-ivs-channel', type: 'AWS::IVS::IngestConfiguration', props: { Name: 'i', IngestProtocol: 'RTMPS', InsecureIngest: false }, paths: ['InsecureIngest'] },
  { rule: 'audit-logging/aws-cleanrooms-query-logging', type: 'AWS::CleanRooms::Membership', props: { CollaborationIdentifier: 'c', QueryLogStatus: 'ENABLED' }, paths: ['QueryLogStatus'] },
  {
    rule: 'enc-rest/aws-bedrockagentcore-capacity-provider',
    type: 'AWS::BedrockAgentCore::CapacityProvider',
    props: { Name: 'c', PermissionsConfiguration: { RoleArn: 'r' }, ComputeConfiguration: { Ec2Configuration: { RootVolume: { Encrypted: true } } } },
    paths: ['ComputeConfiguration.Ec2Configuration.RootVolume.Encrypted'],
  },
  { rule: 'audit-logging/aws-b2bi-profile-logging', type: 'AWS::B2BI::Profile', props: { Name: 'p', BusinessName: 'b', Phone: '+15550100000', Logging: 'ENABLED' }, paths: ['Logging'] },
  { rule: 'public-access/aws-m2-environment', type: 'AWS::M2::Environment', props: { Name: 'e', EngineType: 'microfocus', InstanceType: 'M2.m5.large', PubliclyAccessible: false }, paths: ['PubliclyAccessible'] },
  { rule: 'tls-min/aws-memorydb-cluster', type: 'AWS::MemoryDB::MultiRegionCluster', props: { MultiRegionClusterNameSuffix: 'm', NodeType: 'db.r7g.large', TLSEnabled: true }, paths: ['TLSEnabled'] },
  { rule: 'tls-min/aws-chime-voice-connector', type: 'AWS::Chime::VoiceConnector', props: { Name: 'v', RequireEncryption: true }, paths: ['RequireEncryption'] },
  { rule: 'enc-rest/aws-drs-replication-template', type: 'AWS::DRS::ReplicationConfigurationTemplate', props: { StagingAreaSubnetId: 's', EbsEncryption: 'DEFAULT' }, paths: ['EbsEncryption'] },
  {
    rule: 'audit-logging/aws-dms-data-migration-logging',
    type: 'AWS::DMS::DataMigration',
    props: { MigrationProjectIdentifier: 'p', ServiceAccessRoleArn: 'r', DataMigrationType: 'full-load', DataMigrationSettings: { CloudwatchLogsEnabled: true } },
    paths: ['DataMigrationSettings.CloudwatchLogsEnabled'],
  },
  {
    rule: 'public-access/aws-opensearchserverless-network-policy',
    type: 'AWS::OpenSearchServerless::SecurityPolicy',
    props: { Name: 'n', Type: 'network', Policy: '[{"Rules":[{"ResourceType":"collection","Resource":["collection/c"]}],"AllowFromPublic":false,"SourceServices":["bedrock.amazonaws.com"]}]' },
    paths: ['Type', 'Policy'],
  },
  { rule: 'deletion-protection/aws-docdb-neptune-cluster', type: 'AWS::DocDB::DBCluster', props: { MasterUsername: 'a', ManageMasterUserPassword: true, DeletionProtection: true }, paths: ['DeletionProtection'] },
  { rule: 'deletion-protection/aws-docdb-neptune-cluster', type: 'AWS::Neptune::DBCluster', props: { DeletionProtection: true }, paths: ['DeletionProtection'] },
  {
    rule: 'tls-min/aws-codebuild-project-source',
    type: 'AWS::CodeBuild::Project',
    props: { ServiceRole: 'r', Artifacts: { Type: 'NO_ARTIFACTS' }, Environment: { Type: 'LINUX_CONTAINER', ComputeType: 'BUILD_GENERAL1_SMALL', Image: 'i' }, Source: { Type: 'GITHUB_ENTERPRISE', Location: 'https://git.example.com/a.git', InsecureSsl: false }, SecondarySources: [{ Type: 'GITHUB_ENTERPRISE', SourceIdentifier: 's', Location: 'https://git.example.com/b.git', InsecureSsl: false }] },
    paths: ['Source', 'Source.InsecureSsl', 'SecondarySources', 'SecondarySources[0].InsecureSsl'],
  },
  {
    rule: 'tls-min/aws-ecs-task-definition-efs',
    type: 'AWS::Batch::JobDefinition',
    props: { Type: 'container', ContainerProperties: { Image: 'i', Vcpus: 1, Memory: 512, Volumes: [{ Name: 'v', EfsVolumeConfiguration: { FileSystemId: 'fs-1', TransitEncryption: 'ENABLED' } }] } },
    paths: ['ContainerProperties.Volumes', 'ContainerProperties.Volumes[0].EfsVolumeConfiguration', 'ContainerProperties.Volumes[0].EfsVolumeConfiguration.TransitEncryption'],
  },
  {
    rule: 'deletion-protection/aws-dynamodb-deletion-protection',
    type: 'AWS::DynamoDB::GlobalTable',
    props: { BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }], Replicas: [{ Region: 'eu-west-1', DeletionProtectionEnabled: true }] },
    paths: ['Replicas', 'Replicas[0]', 'Replicas[0].DeletionProtectionEnabled'],
  },
  { rule: 'deletion-protection/aws-cognito-user-pool', type: 'AWS::Cognito::UserPool', props: { UserPoolName: 'u', DeletionProtection: 'ACTIVE' }, paths: ['DeletionProtection'] },
  { rule: 'enc-rest/aws-rds-global-cluster', type: 'AWS::DocDB::GlobalCluster', props: { GlobalClusterIdentifier: 'g', Engine: 'docdb', StorageEncrypted: true }, paths: ['StorageEncrypted'] },
  { rule: 'enc-rest/aws-rds-global-cluster', type: 'AWS::Neptune::GlobalCluster', props: { GlobalClusterIdentifier: 'g', StorageEncrypted: true }, paths: ['StorageEncrypted'] },
  {
    rule: 'data-residency/aws-cross-region-delivery',
    type: 'AWS::SES::MultiRegionEndpoint',
    props: { EndpointName: 'e', Details: { RouteDetails: [{ Region: 'eu-central-1' }] } },
    paths: ['Details.RouteDetails', 'Details.RouteDetails[0].Region'],
    params: { allowedRegions: ['EU'] },
  },
  { rule: 'deletion-protection/aws-lightsail-bucket-versioning', type: 'AWS::Lightsail::Bucket', props: { BucketName: 'b', BundleId: 'small_1_0', ObjectVersioning: true }, paths: ['ObjectVersioning'] },
  {
    rule: 'tls-min/aws-firehose-database-source',
    type: 'AWS::KinesisFirehose::DeliveryStream',
    props: { DeliveryStreamType: 'DatabaseAsSource', DatabaseSourceConfiguration: { Type: 'MySQL', Endpoint: 'db', Port: 3306, SSLMode: 'Enabled', SnapshotWatermarkTable: 'w' } },
    paths: ['DatabaseSourceConfiguration', 'DatabaseSourceConfiguration.SSLMode'],
  },
  {
    rule: 'data-residency/aws-cross-region-delivery',
    type: 'AWS::Lex::Bot',
    props: { Name: 'b', RoleArn: 'r', DataPrivacy: { ChildDirected: false }, IdleSessionTTLInSeconds: 300, Replication: { ReplicaRegions: ['eu-central-1'] } },
    paths: ['Replication.ReplicaRegions', 'Replication.ReplicaRegions[0]'],
    params: { allowedRegions: ['EU'] },
  },
  { rule: 'public-access/aws-mwaa-environment-webserver', type: 'AWS::MWAA::Environment', props: { Name: 'n', WebserverAccessMode: 'PRIVATE_ONLY' }, paths: ['WebserverAccessMode'] },
  { rule: 'public-access/aws-codebuild-project-visibility', type: 'AWS::CodeBuild::Project', props: { ServiceRole: 'r', Artifacts: { Type: 'NO_ARTIFACTS' }, Environment: { Type: 'LINUX_CONTAINER', ComputeType: 'BUILD_GENERAL1_SMALL', Image: 'i' }, Source: { Type: 'NO_SOURCE' }, Visibility: 'PRIVATE' }, paths: ['Visibility'] },
];

/** Ways a template leaves a value unknown to a scan. */
const UNRESOLVABLE: [string, (good: unknown) => unknown][] = [
  ['Fn::ImportValue', () => ({ 'Fn::ImportValue': 'shared-value' })],
  ['Ref to a parameter without a value', () => ({ Ref: 'NoDefault' })],
  ['Fn::If on an unknown condition, one branch an import', (good) => ({ 'Fn::If': ['Unknown', good, { 'Fn::ImportValue': 'other' }] })],
  ['Fn::Select from an import', () => ({ 'Fn::Select': [0, { 'Fn::Split': [',', { 'Fn::ImportValue': 'list' }] }] })],
  ['Fn::Sub of an import', (good) => ({ 'Fn::Sub': ['${V}', { V: { 'Fn::ImportValue': String(good) } }] })],
  ['a {{resolve:ssm:…}} dynamic reference', () => '{{resolve:ssm:/fuzz/settled-at-deploy}}'],
  ['a dynamic reference inside text', (good) => (typeof good === 'string' ? `{{resolve:ssm:/fuzz/prefix}}${good}` : '{{resolve:ssm-secure:/fuzz/value}}')],
];

function statusOf(spot: Spot, props: Record<string, unknown>): string[] {
  const t = {
    Parameters: { NoDefault: { Type: 'String' }, Env: { Type: 'String' } },
    Conditions: { Unknown: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
    Resources: { Target: { Type: spot.type, Properties: props }, ...structuredClone(spot.siblings ?? {}) },
  };
  const parsed = parseTemplateText(JSON.stringify(t), 'spot.json');
  const loaded = loadStack({ parsed, file: 'spot.json', stackName: 'Spot', region: 'eu-west-1', parameterOverrides: {} });
  const inventory = new Inventory(loaded.resources, { inputs: ['spot.json'], notCollected: [] });
  const rule = rules.find((r) => r.id === spot.rule);
  if (!rule) throw new Error(`no rule ${spot.rule}`);
  const params = mergeParameters(DEFAULT_PARAMETERS, spot.params ?? {}, false);
  return evaluate(inventory, [rule], { controls: [rule.control], ctx: { params, inventory } })
    .filter((f) => f.resource.logicalId === 'Target')
    .map((f) => f.status);
}

describe('an unresolvable value in a judged property is never a pass', () => {
  for (const spot of SPOTS) {
    it(spot.rule, () => {
      // The base resource passes: the property is what makes it pass, so hiding it must not.
      expect(statusOf(spot, structuredClone(spot.props)), 'base case').toEqual(['pass']);
      for (const path of spot.paths) {
        for (const [how, make] of UNRESOLVABLE) {
          const props = structuredClone(spot.props);
          const good = path.split(/[.[\]]+/).filter(Boolean).reduce<any>((o, k) => o?.[k], props);
          setAt(props, path, make(good));
          const statuses = statusOf(spot, props);
          expect(statuses.length, `${path} ← ${how}`).toBeGreaterThan(0);
          expect(statuses, `${path} ← ${how}`).not.toContain('pass');
        }
      }
      for (const path of Object.keys(spot.presenceDecides ?? {})) {
        for (const [how, make] of UNRESOLVABLE) {
          const props = structuredClone(spot.props);
          const good = path.split(/[.[\]]+/).filter(Boolean).reduce<any>((o, k) => o?.[k], props);
          setAt(props, path, make(good));
          expect(statusOf(spot, props), `${path} ← ${how} (presence decides)`).toEqual(['pass']);
        }
      }
    });
  }
});

describe('the JSON key scan agrees with JSON.parse on random templates', () => {
  const NASTY = ['{', '}', '[', ']', '"', '\\', ':', ',', '\\"', '\n', ' ', 'é', '\u2028', 'Resources', 'Type'];
  const randomString = (g: R) => Array.from({ length: g.int(6) }, () => (g.chance(0.4) ? g.pick(NASTY) : String.fromCharCode(97 + g.int(26)))).join('');
  const randomValue = (g: R, depth: number): unknown => {
    if (depth > 4 || g.chance(0.35)) return g.pick([randomString(g), g.int(1000), true, null]);
    if (g.chance(0.4)) return Array.from({ length: g.int(4) }, () => randomValue(g, depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = 0, n = g.int(4); i < n; i++) o[`${randomString(g)}${i}`] = randomValue(g, depth + 1);
    return o;
  };
  /** JSON text with random whitespace between tokens (JSON.stringify's own spacing is too regular). */
  const spaced = (g: R, v: unknown): string => {
    const ws = () => g.pick(['', ' ', '\n', '\t', '  \n  ', ' '.repeat(g.int(40))]);
    if (Array.isArray(v)) return `[${ws()}${v.map((x) => spaced(g, x)).join(`${ws()},${ws()}`)}${ws()}]`;
    if (v && typeof v === 'object')
      return `{${ws()}${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}${ws()}:${ws()}${spaced(g, x)}`).join(`${ws()},${ws()}`)}${ws()}}`;
    return JSON.stringify(v);
  };

  it('no false duplicate, every logical id found on its line, and an injected duplicate always refused', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const g = prng(seed);
      const resources: Record<string, unknown> = {};
      for (let i = 0, n = 1 + g.int(5); i < n; i++) resources[`${randomString(g)}R${i}`] = { Type: 'AWS::SNS::Topic', Properties: randomValue(g, 1), Metadata: randomValue(g, 2) };
      const template = { Description: randomValue(g, 2), Resources: resources, Outputs: randomValue(g, 1) };
      const text = spaced(g, template);
      const parsed = parseTemplateText(text, 'f.json');
      expect(parsed.template, `seed ${seed}`).toEqual(JSON.parse(text));
      for (const id of Object.keys(resources)) {
        const line = parsed.lines.get(id);
        expect(line, `seed ${seed} ${JSON.stringify(id)}`).toBeDefined();
        expect(text.split('\n')[line! - 1], `seed ${seed} ${JSON.stringify(id)} on line ${line}`).toContain(`${JSON.stringify(id)}`);
      }
      // The first resource repeated right after itself: CloudFormation refuses it, and so must vouch.
      const [firstId] = Object.keys(resources);
      const needle = `${JSON.stringify(firstId)}`;
      const start = text.indexOf('"Resources"');
      const pos = text.indexOf(needle, start);
      const dupText = `${text.slice(0, pos)}${needle}: {"Type": "AWS::S3::Bucket"},\n${text.slice(pos)}`;
      expect(() => parseTemplateText(dupText, 'f.json'), `seed ${seed}`).toThrow(/duplicate key/);
    }
  });
});

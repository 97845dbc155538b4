/**
 * A declarative AWS world: what exists in which account and region, including
 * deliberately broken resources, and the verdict each rule must reach on each
 * resource. `seedAwsWorld` creates it through the AWS APIs themselves, with
 * plain SDK clients (not vouch's read-only ones), against any endpoint that
 * speaks AWS: moto here.
 *
 * Expectations name a rule id and the resource by a stable handle (bucket
 * name, group name, ...); `resolveId` turns handles into the ids vouch emits.
 */
import { S3Client, CreateBucketCommand, PutBucketEncryptionCommand, PutPublicAccessBlockCommand, PutBucketPolicyCommand, PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import {
  IAMClient,
  CreateUserCommand,
  CreateLoginProfileCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  CreateAccessKeyCommand,
  PutUserPolicyCommand,
  CreateRoleCommand,
  CreateGroupCommand,
  AddUserToGroupCommand,
  CreatePolicyCommand,
  AttachRolePolicyCommand,
  UploadServerCertificateCommand,
} from '@aws-sdk/client-iam';
import {
  EC2Client,
  CreateSecurityGroupCommand,
  AuthorizeSecurityGroupIngressCommand,
  EnableEbsEncryptionByDefaultCommand,
  CreateVolumeCommand,
  DescribeVpcsCommand,
  DescribeSubnetsCommand,
} from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client, CreateLoadBalancerCommand, CreateListenerCommand, CreateTargetGroupCommand, CreateRuleCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { RDSClient, CreateDBInstanceCommand } from '@aws-sdk/client-rds';
import { SecretsManagerClient, CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { SSMClient, PutParameterCommand } from '@aws-sdk/client-ssm';
import { LambdaClient, CreateFunctionCommand } from '@aws-sdk/client-lambda';
import { ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import type { Status } from '../../../src/evaluate/rule.js';
import { LAUNCH_TEMPLATE_USER_DATA, servicesWorld, seedServicesWorld, servicesExpectations, servicesWithoutViolations, type ServicesWorld } from './world-services.js';

export type Expect = Partial<Record<string, Status>>;

export interface AwsWorld {
  account: string;
  regions: string[];
  buckets: { name: string; region: string; encryption?: 'AES256' | 'aws:kms'; blockPublic?: boolean; policy?: Record<string, unknown>; versioning?: boolean; expect: Expect }[];
  users: { name: string; console?: boolean; mfa?: boolean; accessKey?: boolean; inlinePolicy?: Record<string, unknown>; groups?: string[]; expect: Expect }[];
  groups: { name: string }[];
  roles: { name: string; trust: Record<string, unknown>; managedPolicy?: { name: string; document: Record<string, unknown> } }[];
  root: { expect: Expect };
  securityGroups: { name: string; region: string; ingress: { protocol: string; from: number; to: number; cidr: string }[]; expect: Expect }[];
  ebsDefaultEncryption: { region: string; enabled: boolean; expect: Expect }[];
  volumes: { handle: string; region: string; encrypted: boolean; expect: Expect }[];
  loadBalancers: {
    name: string;
    region: string;
    listeners: { handle: string; protocol: 'HTTP' | 'HTTPS'; port: number; sslPolicy?: string; action: 'redirect-https' | 'forward'; rules?: { path: string; action: 'redirect-https' | 'forward' }[]; expect: Expect }[];
  }[];
  databases: { id: string; region: string; encrypted: boolean; expect: Expect }[];
  /** Secret values seeded to prove they never leave: Secrets Manager and SSM SecureString. */
  secrets: { name: string; region: string; value: string }[];
  parameters: { name: string; region: string; value: string }[];
  /**
   * Lambda functions (run as the first role). `env` holds settings and references; `literalSecrets`
   * are planted secrets, set as environment values too, that must fail the rule and appear nowhere.
   */
  functions: { name: string; region: string; env: Record<string, string>; literalSecrets?: Record<string, string>; expect: Expect }[];
  /** ECS task definitions: `revisions` identical revisions are registered; the newest is judged. */
  taskDefinitions: {
    family: string;
    region: string;
    revisions: number;
    containers: { name: string; env: Record<string, string>; literalSecrets?: Record<string, string>; secrets?: Record<string, string> }[];
    expect: Expect;
  }[];
  /** EFS, SQS, SNS, Kinesis, OpenSearch, Cognito, API Gateway, VPC flow logs, launch templates, stacks (world-services.ts). */
  services?: ServicesWorld;
}

/** Every secret value the world plants: none may appear in anything vouch prints or writes. */
export function plantedSecrets(w: AwsWorld): string[] {
  return [
    ...w.secrets.map((s) => s.value),
    ...w.parameters.map((p) => p.value),
    ...w.functions.flatMap((f) => Object.values(f.literalSecrets ?? {})),
    ...w.taskDefinitions.flatMap((t) => t.containers.flatMap((c) => Object.values(c.literalSecrets ?? {}))),
    ...(w.services?.launchTemplates.length ? ['launch-template-user-data-Vx93kQ', Buffer.from(LAUNCH_TEMPLATE_USER_DATA).toString('base64')] : []),
    ...(w.services?.extras.some((x) => x.kind === 'plain-secret-parameter') ? ['legacy-db-pw-Zt55qLm2'] : []),
  ];
}

const SSL_DENY = (bucket: string) => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
});

/** The end-to-end world: one violation per live-checkable rule, each beside a compliant twin. */
export function e2eWorld(): AwsWorld {
  return {
    account: '123456789012',
    regions: ['us-east-1', 'eu-west-1'],
    buckets: [
      { name: 'vouch-e2e-kms', region: 'eu-west-1', encryption: 'aws:kms', blockPublic: true, policy: SSL_DENY('vouch-e2e-kms'), versioning: true, expect: { 'enc-rest/aws-s3-bucket': 'pass' } },
      // The claims ask for customer-managed keys: SSE-S3 breaks that promise.
      { name: 'vouch-e2e-sse-s3', region: 'us-east-1', encryption: 'AES256', expect: { 'enc-rest/aws-s3-bucket': 'fail' } },
    ],
    groups: [{ name: 'admins' }],
    users: [
      // moto dates every credential report 2015-02-02: ages measured from it would be wrong, so age-based verdicts are unknown.
      { name: 'alice', console: true, mfa: true, groups: ['admins'], expect: { 'mfa/aws-iam-credential-report': 'pass', 'iam-least-privilege/aws-unused-credentials': 'unknown' } },
      { name: 'bob', console: true, mfa: false, expect: { 'mfa/aws-iam-credential-report': 'fail' } },
      {
        name: 'ci-bot',
        accessKey: true,
        inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::vouch-e2e-kms/*' }] },
        expect: { 'mfa/aws-iam-credential-report': 'not-applicable', 'iam-least-privilege/aws-access-key-age': 'unknown' },
      },
    ],
    roles: [
      {
        name: 'app-role',
        trust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        managedPolicy: { name: 'app-read', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: '*' }] } },
      },
    ],
    // moto reports no root MFA and no root keys.
    root: { expect: { 'mfa/aws-root-account': 'fail', 'iam-least-privilege/aws-root-access-keys': 'pass' } },
    securityGroups: [
      { name: 'open-ssh', region: 'us-east-1', ingress: [{ protocol: 'tcp', from: 22, to: 22, cidr: '0.0.0.0/0' }], expect: { 'bastion-only/aws-security-group': 'fail' } },
      { name: 'web-https', region: 'eu-west-1', ingress: [{ protocol: 'tcp', from: 443, to: 443, cidr: '0.0.0.0/0' }], expect: { 'bastion-only/aws-security-group': 'pass' } },
    ],
    ebsDefaultEncryption: [
      { region: 'eu-west-1', enabled: true, expect: { 'enc-rest/aws-ebs-default-encryption': 'pass' } },
      { region: 'us-east-1', enabled: false, expect: { 'enc-rest/aws-ebs-default-encryption': 'fail' } },
    ],
    volumes: [
      { handle: 'vol-encrypted', region: 'eu-west-1', encrypted: true, expect: { 'enc-rest/aws-ec2-volume': 'pass' } },
      { handle: 'vol-plain', region: 'us-east-1', encrypted: false, expect: { 'enc-rest/aws-ec2-volume': 'fail' } },
    ],
    loadBalancers: [
      {
        name: 'vouch-e2e-alb',
        region: 'us-east-1',
        listeners: [
          { handle: 'https-modern', protocol: 'HTTPS', port: 443, sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', action: 'forward', expect: { 'tls-min/aws-elbv2-listener': 'pass' } },
          { handle: 'https-legacy', protocol: 'HTTPS', port: 8443, sslPolicy: 'ELBSecurityPolicy-2016-08', action: 'forward', expect: { 'tls-min/aws-elbv2-listener': 'fail' } },
          { handle: 'http-redirect', protocol: 'HTTP', port: 80, action: 'redirect-https', expect: { 'https-redirect/aws-elbv2-listener': 'pass' } },
          // The default redirects, but a rule forwards /legacy over plain HTTP.
          { handle: 'http-leaky', protocol: 'HTTP', port: 8080, action: 'redirect-https', rules: [{ path: '/legacy/*', action: 'forward' }], expect: { 'https-redirect/aws-elbv2-listener': 'fail' } },
        ],
      },
    ],
    databases: [
      { id: 'orders-db', region: 'eu-west-1', encrypted: true, expect: { 'enc-rest/aws-rds-db-instance': 'pass' } },
      { id: 'legacy-db', region: 'us-east-1', encrypted: false, expect: { 'enc-rest/aws-rds-db-instance': 'fail' } },
    ],
    secrets: [{ name: 'prod/oauth', region: 'us-east-1', value: 'oauth-client-secret-Zq81vTT0pLwe' }],
    parameters: [{ name: '/prod/db/password', region: 'eu-west-1', value: 'ssm-db-password-Hh27xXk1' }],
    functions: [
      // A password by name, and a token by shape under a name that says nothing.
      { name: 'vouch-e2e-leaky', region: 'us-east-1', env: { LOG_LEVEL: 'debug' }, literalSecrets: { DB_PASSWORD: 'lambda-db-pw-Qm38sLx0', UPSTREAM: 'ghp_VouchE2eLambdaToken0123456789abcdefXY' }, expect: { 'secrets-encrypted/aws-lambda-function': 'fail' } },
      {
        name: 'vouch-e2e-tidy',
        region: 'eu-west-1',
        env: { OAUTH_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/oauth-AbCdEf', DB_PASSWORD: '/prod/db/password', TABLE_NAME: 'orders' },
        expect: { 'secrets-encrypted/aws-lambda-function': 'pass' },
      },
    ],
    taskDefinitions: [
      {
        family: 'vouch-e2e-leaky',
        region: 'us-east-1',
        revisions: 1,
        containers: [{ name: 'app', env: { PORT: '8080' }, literalSecrets: { STRIPE_KEY: 'sk_live_VouchE2eEcsStripe0042xyz' }, secrets: { DB_PASSWORD: '/prod/db/password' } }],
        expect: { 'secrets-encrypted/aws-ecs-task-definition': 'fail' },
      },
      {
        family: 'vouch-e2e-tidy',
        region: 'eu-west-1',
        revisions: 2,
        containers: [
          { name: 'app', env: { PORT: '8080', OAUTH_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/oauth-AbCdEf' }, secrets: { API_TOKEN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/oauth-AbCdEf' } },
          { name: 'sidecar', env: { MODE: 'proxy' } },
        ],
        expect: { 'secrets-encrypted/aws-ecs-task-definition': 'pass' },
      },
    ],
    services: servicesWorld(),
  };
}

export interface Seeded {
  world: AwsWorld;
  /** handle → resource id as vouch names it (ARN). */
  ids: Map<string, string>;
}

export async function seedAwsWorld(world: AwsWorld, endpoint: string, credentials = { accessKeyId: 'seed', secretAccessKey: 'seed' }): Promise<Seeded> {
  const base = { endpoint, credentials };
  const ids = new Map<string, string>();
  const acct = world.account;
  const iam = new IAMClient({ ...base, region: 'us-east-1' });

  for (const b of world.buckets) {
    const s3 = new S3Client({ ...base, region: b.region, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: b.name, ...(b.region !== 'us-east-1' ? { CreateBucketConfiguration: { LocationConstraint: b.region as never } } : {}) }));
    if (b.encryption)
      await s3.send(new PutBucketEncryptionCommand({ Bucket: b.name, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: b.encryption, ...(b.encryption === 'aws:kms' ? { KMSMasterKeyID: `arn:aws:kms:${b.region}:${acct}:key/1234abcd-12ab-34cd-56ef-1234567890ab` } : {}) } }] } }));
    if (b.blockPublic) await s3.send(new PutPublicAccessBlockCommand({ Bucket: b.name, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }));
    if (b.policy) await s3.send(new PutBucketPolicyCommand({ Bucket: b.name, Policy: JSON.stringify(b.policy) }));
    if (b.versioning) await s3.send(new PutBucketVersioningCommand({ Bucket: b.name, VersioningConfiguration: { Status: 'Enabled' } }));
    ids.set(b.name, `arn:aws:s3:::${b.name}`);
  }

  for (const g of world.groups) await iam.send(new CreateGroupCommand({ GroupName: g.name }));
  for (const u of world.users) {
    const out = await iam.send(new CreateUserCommand({ UserName: u.name }));
    ids.set(u.name, out.User!.Arn!);
    if (u.console) await iam.send(new CreateLoginProfileCommand({ UserName: u.name, Password: 'Seed-Only-Pw-1!' }));
    if (u.mfa) {
      const dev = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${u.name}-mfa` }));
      await iam.send(new EnableMFADeviceCommand({ UserName: u.name, SerialNumber: dev.VirtualMFADevice!.SerialNumber!, AuthenticationCode1: '123456', AuthenticationCode2: '654321' }));
    }
    if (u.accessKey) await iam.send(new CreateAccessKeyCommand({ UserName: u.name }));
    if (u.inlinePolicy) await iam.send(new PutUserPolicyCommand({ UserName: u.name, PolicyName: 'inline', PolicyDocument: JSON.stringify(u.inlinePolicy) }));
    for (const g of u.groups ?? []) await iam.send(new AddUserToGroupCommand({ UserName: u.name, GroupName: g }));
  }
  for (const r of world.roles) {
    const out = await iam.send(new CreateRoleCommand({ RoleName: r.name, AssumeRolePolicyDocument: JSON.stringify(r.trust) }));
    ids.set(r.name, out.Role!.Arn!);
    if (r.managedPolicy) {
      const p = await iam.send(new CreatePolicyCommand({ PolicyName: r.managedPolicy.name, PolicyDocument: JSON.stringify(r.managedPolicy.document) }));
      await iam.send(new AttachRolePolicyCommand({ RoleName: r.name, PolicyArn: p.Policy!.Arn! }));
      ids.set(r.managedPolicy.name, p.Policy!.Arn!);
    }
  }
  ids.set('root', `arn:aws:iam::${acct}:root`);

  const ec2s = new Map(world.regions.map((r) => [r, new EC2Client({ ...base, region: r })]));
  for (const g of world.securityGroups) {
    const ec2 = ec2s.get(g.region)!;
    const out = await ec2.send(new CreateSecurityGroupCommand({ GroupName: g.name, Description: `${g.name} (vouch e2e)` }));
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId: out.GroupId, IpPermissions: g.ingress.map((i) => ({ IpProtocol: i.protocol, FromPort: i.from, ToPort: i.to, IpRanges: [{ CidrIp: i.cidr }] })) }),
    );
    ids.set(g.name, `arn:aws:ec2:${g.region}:${acct}:security-group/${out.GroupId}`);
  }
  for (const e of world.ebsDefaultEncryption) {
    if (e.enabled) await ec2s.get(e.region)!.send(new EnableEbsEncryptionByDefaultCommand({}));
    ids.set(`ebs-default:${e.region}`, `arn:aws:ec2:${e.region}:${acct}:regional-settings`);
  }
  for (const v of world.volumes) {
    const out = await ec2s.get(v.region)!.send(new CreateVolumeCommand({ AvailabilityZone: `${v.region}a`, Size: 8, Encrypted: v.encrypted }));
    ids.set(v.handle, `arn:aws:ec2:${v.region}:${acct}:volume/${out.VolumeId}`);
  }

  // HTTPS listeners need a certificate the emulator knows; an IAM server certificate is the simplest.
  const cert = world.loadBalancers.length
    ? (await iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'vouch-e2e', CertificateBody: 'seed-certificate-body', PrivateKey: 'seed-private-key' }))).ServerCertificateMetadata!.Arn!
    : '';
  for (const lb of world.loadBalancers) {
    const ec2 = ec2s.get(lb.region)!;
    const vpc = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs![0]!.VpcId!;
    const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }))).Subnets!.slice(0, 2).map((s) => s.SubnetId!);
    const elb = new ElasticLoadBalancingV2Client({ ...base, region: lb.region });
    const created = await elb.send(new CreateLoadBalancerCommand({ Name: lb.name, Subnets: subnets, Type: 'application', Scheme: 'internet-facing' }));
    const lbArn = created.LoadBalancers![0]!.LoadBalancerArn!;
    ids.set(lb.name, lbArn);
    const tg = (await elb.send(new CreateTargetGroupCommand({ Name: `${lb.name}-tg`, Protocol: 'HTTP', Port: 8080, VpcId: vpc, TargetType: 'instance' }))).TargetGroups![0]!.TargetGroupArn!;
    const action = (a: 'redirect-https' | 'forward') =>
      a === 'forward' ? { Type: 'forward' as const, TargetGroupArn: tg } : { Type: 'redirect' as const, RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' as const } };
    for (const l of lb.listeners) {
      const out = await elb.send(
        new CreateListenerCommand({
          LoadBalancerArn: lbArn,
          Protocol: l.protocol,
          Port: l.port,
          ...(l.protocol === 'HTTPS' ? { SslPolicy: l.sslPolicy, Certificates: [{ CertificateArn: cert }] } : {}),
          DefaultActions: [action(l.action)],
        }),
      );
      const listenerArn = out.Listeners![0]!.ListenerArn!;
      ids.set(l.handle, listenerArn);
      let priority = 10;
      for (const r of l.rules ?? [])
        await elb.send(new CreateRuleCommand({ ListenerArn: listenerArn, Priority: priority++, Conditions: [{ Field: 'path-pattern', Values: [r.path] }], Actions: [action(r.action)] }));
    }
  }

  for (const d of world.databases) {
    const rds = new RDSClient({ ...base, region: d.region });
    const out = await rds.send(
      new CreateDBInstanceCommand({ DBInstanceIdentifier: d.id, DBInstanceClass: 'db.t3.micro', Engine: 'postgres', AllocatedStorage: 20, MasterUsername: 'app', MasterUserPassword: 'Seed-Only-Pw-1!', StorageEncrypted: d.encrypted }),
    );
    ids.set(d.id, out.DBInstance!.DBInstanceArn!);
  }
  for (const s of world.secrets) await new SecretsManagerClient({ ...base, region: s.region }).send(new CreateSecretCommand({ Name: s.name, SecretString: s.value }));
  for (const p of world.parameters) await new SSMClient({ ...base, region: p.region }).send(new PutParameterCommand({ Name: p.name, Value: p.value, Type: 'SecureString' }));

  // moto stores the code without running it: any bytes will do as the deployment package.
  const fnRole = world.functions.length ? (ids.get(world.roles[0]?.name ?? '') ?? '') : '';
  for (const f of world.functions) {
    const out = await new LambdaClient({ ...base, region: f.region }).send(
      new CreateFunctionCommand({ FunctionName: f.name, Runtime: 'nodejs20.x', Role: fnRole, Handler: 'index.handler', Code: { ZipFile: new TextEncoder().encode('vouch e2e package') }, Environment: { Variables: { ...f.env, ...f.literalSecrets } } }),
    );
    ids.set(f.name, out.FunctionArn!);
  }
  for (const t of world.taskDefinitions) {
    const ecs = new ECSClient({ ...base, region: t.region });
    for (let i = 0; i < t.revisions; i++) {
      const out = await ecs.send(
        new RegisterTaskDefinitionCommand({
          family: t.family,
          containerDefinitions: t.containers.map((c) => ({
            name: c.name,
            image: 'public.ecr.aws/nginx/nginx:latest',
            memory: 128,
            environment: Object.entries({ ...c.env, ...c.literalSecrets }).map(([name, value]) => ({ name, value })),
            ...(c.secrets ? { secrets: Object.entries(c.secrets).map(([name, valueFrom]) => ({ name, valueFrom })) } : {}),
          })),
        }),
      );
      ids.set(`task:${t.family}`, out.taskDefinition!.taskDefinitionArn!);
    }
  }
  if (world.services) for (const [k, v] of await seedServicesWorld(world.services, base, acct)) ids.set(k, v);
  return { world, ids };
}

/** Every (rule, resource id) → expected verdict the world declares. */
export function expectations(s: Seeded): { rule: string; handle: string; id: string; status: Status }[] {
  const w = s.world;
  const out: { rule: string; handle: string; id: string; status: Status }[] = [];
  const add = (handle: string, expect: Expect) => {
    const id = s.ids.get(handle);
    if (!id) throw new Error(`world: no id for ${handle}`);
    for (const [rule, status] of Object.entries(expect)) out.push({ rule, handle, id, status: status! });
  };
  for (const b of w.buckets) add(b.name, b.expect);
  for (const u of w.users) add(u.name, u.expect);
  add('root', w.root.expect);
  for (const g of w.securityGroups) add(g.name, g.expect);
  for (const e of w.ebsDefaultEncryption) add(`ebs-default:${e.region}`, e.expect);
  for (const v of w.volumes) add(v.handle, v.expect);
  for (const lb of w.loadBalancers) for (const l of lb.listeners) add(l.handle, l.expect);
  for (const d of w.databases) add(d.id, d.expect);
  for (const f of w.functions) add(f.name, f.expect);
  for (const t of w.taskDefinitions) add(`task:${t.family}`, t.expect);
  for (const [handle, expect] of w.services ? servicesExpectations(w.services) : []) add(handle, expect);
  return out;
}

/** The world without its deliberate violations (root MFA excepted: moto cannot enable it). */
export function withoutViolations(w: AwsWorld): AwsWorld {
  const ok = <T extends { expect: Expect }>(list: T[]) => list.filter((x) => !Object.values(x.expect).includes('fail'));
  return {
    ...w,
    buckets: ok(w.buckets),
    users: ok(w.users),
    securityGroups: ok(w.securityGroups),
    ebsDefaultEncryption: w.ebsDefaultEncryption.map((e) => (e.enabled ? e : { ...e, enabled: true, expect: { 'enc-rest/aws-ebs-default-encryption': 'pass' } })),
    volumes: ok(w.volumes),
    loadBalancers: w.loadBalancers.map((lb) => ({ ...lb, listeners: ok(lb.listeners) })),
    databases: ok(w.databases),
    functions: ok(w.functions),
    taskDefinitions: ok(w.taskDefinitions),
    ...(w.services ? { services: servicesWithoutViolations(w.services) } : {}),
  };
}

/**
 * A `{{resolve:ssm:…}}`, `{{resolve:ssm-secure:…}}` or `{{resolve:secretsmanager:…}}` value is
 * what Parameter Store or Secrets Manager holds at deploy time, not its own text: a rule reading
 * it as a flag, a number, an enum, a CIDR or a port gets `unknown` naming the reference, never a
 * verdict on the literal (`StorageEncrypted: '{{resolve:ssm:…}}'` is not "not true"). The secrets
 * rules still read the text: a secret-store reference in a credential property is no leak.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIac } from '../../src/sources/iac/load.js';
import { loadRules } from '../../src/evaluate/registry.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { CONTROL_IDS } from '../../src/evaluate/controls.js';
import { DEFAULT_PARAMETERS } from '../../src/evaluate/claims-profile.js';
import { dynamicReferenceIn } from '../../src/evaluate/facts.js';
import type { Rule } from '../../src/evaluate/rule.js';
import type { Finding } from '../../src/schema/evidence.js';
import { mergeParameters } from '../../src/evaluate/claims-profile.js';
import { DynamicReference, isDynamicReference, withDynamicReferences, writtenText } from '../../src/model/dynamic-references.js';
import { isUnresolved, SHAPE_UNKNOWN } from '../../src/model/values.js';
import type { Inventory } from '../../src/model/inventory.js';

const TEMPLATE = `Resources:
  FlagDb:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      AllocatedStorage: 20
      MasterUsername: app
      MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}'
      StorageEncrypted: '{{resolve:ssm:/platform/db/encrypted}}'
      PubliclyAccessible: '{{resolve:ssm:/platform/db/public:3}}'
      BackupRetentionPeriod: '{{resolve:ssm:/platform/db/retention}}'
  LiteralDb:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      AllocatedStorage: 20
      MasterUsername: app
      MasterUserPassword: '{{resolve:ssm-secure:/platform/db/password:1}}'
      StorageEncrypted: false
      BackupRetentionPeriod: 0
  Admin:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: admin
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: '{{resolve:ssm:/net/admin-cidr}}' }
  Ports:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ports
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: '{{resolve:ssm:/net/port}}', ToPort: '{{resolve:ssm:/net/port}}', CidrIp: 0.0.0.0/0 }
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        ViewerCertificate:
          AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
          SslSupportMethod: sni-only
          MinimumProtocolVersion: '{{resolve:ssm:/edge/tls-policy}}'
        DefaultCacheBehavior: { TargetOriginId: o, ViewerProtocolPolicy: redirect-to-https, CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6 }
        Origins: [{ Id: o, DomainName: example.com, CustomOriginConfig: { OriginProtocolPolicy: https-only, OriginSSLProtocols: [TLSv1.2] } }]
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::111122223333:role/worker
      Code: { ZipFile: "def handler(e, c): return 1" }
      Environment:
        Variables:
          DB_PASSWORD: '{{resolve:ssm:/platform/db/plain-password}}'
          API_TOKEN: '{{resolve:secretsmanager:prod/api:SecretString:token}}'
`;

let findings: Finding[];
const verdict = (name: string, rule: string) => findings.filter((f) => f.resource.name === name && f.ruleId === rule);

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-dynref-'));
  writeFileSync(join(dir, 'dynamic.yaml'), TEMPLATE);
  const inv = loadIac([join(dir, 'dynamic.yaml')]);
  const rules: Rule[] = await loadRules();
  findings = evaluate(inv, rules, { controls: CONTROL_IDS, ctx: { params: DEFAULT_PARAMETERS, inventory: inv } });
});

describe('a dynamic reference is a value resolved at deploy time, not a literal', () => {
  it('a flag (StorageEncrypted) from Parameter Store is unknown, naming the reference; a literal false still fails', () => {
    const [f] = verdict('FlagDb', 'enc-rest/aws-rds-db-instance');
    expect(f?.status).toBe('unknown');
    expect(f?.message).toContain('{{resolve:ssm:/platform/db/encrypted}}');
    expect(verdict('LiteralDb', 'enc-rest/aws-rds-db-instance')[0]?.status).toBe('fail');
  });

  it('a number (BackupRetentionPeriod) and a flag (PubliclyAccessible) from Parameter Store are unknown', () => {
    expect(verdict('FlagDb', 'backup-retention/aws-rds-db-instance')[0]?.status).toBe('unknown');
    expect(verdict('LiteralDb', 'backup-retention/aws-rds-db-instance')[0]?.status).toBe('fail');
    expect(verdict('FlagDb', 'public-access/aws-rds-db-instance')[0]?.status).toBe('unknown');
  });

  it('a CIDR and a port from Parameter Store make SSH exposure unknown, never a pass', () => {
    expect(verdict('Admin', 'bastion-only/aws-security-group')[0]?.status).toBe('unknown');
    expect(verdict('Ports', 'bastion-only/aws-security-group')[0]?.status).toBe('unknown');
  });

  it('an enum (MinimumProtocolVersion) from Parameter Store is unknown, not "not a valid value"', () => {
    const [f] = verdict('Cdn', 'tls-min/aws-cloudfront-distribution');
    expect(f?.status).toBe('unknown');
    expect(f?.message).toContain('{{resolve:ssm:/edge/tls-policy}}');
  });

  it('secrets: a secret-store reference in a credential property is no leak; one in a plain-text variable, or a plain SSM password, still fails', () => {
    for (const f of findings.filter((x) => x.resource.name === 'FlagDb' || x.resource.name === 'LiteralDb'))
      if (f.control === 'secrets-encrypted') expect(f.status, f.message).not.toBe('fail');
    const worker = verdict('Worker', 'secrets-encrypted/aws-lambda-function');
    expect(worker.map((f) => f.status)).toContain('fail');
    expect(worker.map((f) => f.message).join('\n')).toMatch(/API_TOKEN|DB_PASSWORD/);
  });

  it('dynamicReferenceIn names the store and the parameter, and nothing else is one', () => {
    expect(dynamicReferenceIn('{{resolve:ssm:/a/b:2}}')).toMatch(/^\{\{resolve:ssm:\/a\/b:2\}\}/);
    expect(dynamicReferenceIn('arn:aws:kms:eu-west-1:{{resolve:ssm:/acct}}:key/x')).toMatch(/resolve:ssm:\/acct/);
    expect(dynamicReferenceIn('{{resolve:secretsmanager:db:SecretString:password}}')).toMatch(/secretsmanager:db:SecretString:password/);
    for (const v of ['true', '{{notresolve}}', 7, undefined, { a: '{{resolve:ssm:/x}}' }]) expect(dynamicReferenceIn(v)).toBeUndefined();
  });
});

/**
 * Values rules read from inside a property (a policy attribute, a rule of a security group, a statement's
 * principal, a logging block): the loader hands them over unresolved, so however a rule reads them the
 * verdict waits for the deploy-time value.
 */
const NESTED = `Resources:
  NamedTlsPolicy:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      Listeners:
        - { LoadBalancerPort: '443', InstancePort: '8080', Protocol: HTTPS, SSLCertificateId: arn:aws:acm:eu-west-1:111122223333:certificate/c1, PolicyNames: [Negotiation] }
      Policies:
        - PolicyName: Negotiation
          PolicyType: SSLNegotiationPolicyType
          Attributes: [{ Name: Reference-Security-Policy, Value: '{{resolve:ssm:/shop/edge/elb-tls-policy}}' }]
  ProtocolSwitch:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      Listeners:
        - { LoadBalancerPort: '443', InstancePort: '8080', Protocol: HTTPS, SSLCertificateId: arn:aws:acm:eu-west-1:111122223333:certificate/c1, PolicyNames: [Handmade] }
      Policies:
        - PolicyName: Handmade
          PolicyType: SSLNegotiationPolicyType
          Attributes:
            - { Name: Protocol-TLSv1.2, Value: 'true' }
            - { Name: Protocol-TLSv1, Value: '{{resolve:ssm:/shop/edge/legacy-clients}}' }
  ReportingDbAccess:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: reporting clients
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: '{{resolve:ssm:/shop/net/reporting-cidr}}' }
  Orders:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      EngineVersion: '{{resolve:ssm:/shop/db/postgres-version}}'
      DBInstanceClass: db.t4g.small
      StorageEncrypted: true
      MasterUsername: orders
      ManageMasterUserPassword: true
  Storefront:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Logging: { Bucket: '{{resolve:ssm:/shop/logs/edge-bucket}}' }
        DefaultCacheBehavior: { TargetOriginId: web, ViewerProtocolPolicy: redirect-to-https, CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6 }
        Origins: [{ Id: web, DomainName: shop.example.org, CustomOriginConfig: { OriginProtocolPolicy: https-only, OriginSSLProtocols: [TLSv1.2] } }]
  OrderEvents:
    Type: AWS::SNS::Topic
    Properties: { KmsMasterKeyId: '{{resolve:ssm:/shop/kms/events-key}}' }
  AuditorAccess:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - { Effect: Allow, Principal: { AWS: '{{resolve:ssm:/shop/iam/auditor-principal}}' }, Action: sts:AssumeRole }
  Jobs:
    Type: AWS::SQS::Queue
  JobsPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Jobs]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - { Effect: Allow, Principal: { AWS: '{{resolve:ssm:/shop/iam/job-producer}}' }, Action: sqs:SendMessage, Resource: !GetAtt Jobs.Arn }
  Batch:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement: [{ Effect: Allow, Principal: { Service: batch.amazonaws.com }, Action: sts:AssumeRole }]
      Policies:
        - PolicyName: batch-work
          PolicyDocument:
            Version: '2012-10-17'
            Statement: [{ Effect: Allow, Action: '{{resolve:ssm:/shop/iam/batch-actions}}', Resource: '*' }]
  AdminSshEntry:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: acl-0abc
      RuleNumber: 90
      Protocol: 6
      RuleAction: '{{resolve:ssm:/shop/net/ssh-action}}'
      CidrBlock: 0.0.0.0/0
      PortRange: { From: 22, To: 22 }
  ApiStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: abc123
      StageName: prod
      CacheClusterEnabled: true
      MethodSettings:
        - { ResourcePath: '/*', HttpMethod: '*', CachingEnabled: true, CacheDataEncrypted: true }
        - { ResourcePath: /~1reports, HttpMethod: GET, CachingEnabled: '{{resolve:ssm:/shop/api/cache-reports}}' }
`;

describe('a dynamic reference read from inside a property is unknown, naming it and saying it is resolved at deploy time', () => {
  let nested: Finding[];
  let cmk: Finding[];
  let inventory: Inventory;
  const judged = (list: Finding[], name: string, rule: string) => list.filter((f) => f.resource.name === name && f.ruleId === rule);

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-dynref-nested-'));
    writeFileSync(join(dir, 'nested.yaml'), NESTED);
    inventory = loadIac([join(dir, 'nested.yaml')]);
    const rules: Rule[] = await loadRules();
    nested = evaluate(inventory, rules, { controls: CONTROL_IDS, ctx: { params: DEFAULT_PARAMETERS, inventory } });
    const strict = mergeParameters(DEFAULT_PARAMETERS, { requireCustomerManagedKeys: true }, false);
    cmk = evaluate(inventory, rules, { controls: ['enc-rest'], ctx: { params: strict, inventory } });
  });

  const cases: [string, string, string, () => Finding[]][] = [
    ['a TLS policy named in a nested policy attribute', 'NamedTlsPolicy', 'tls-min/aws-elb-load-balancer', () => nested],
    ['a protocol switch of a custom TLS policy', 'ProtocolSwitch', 'tls-min/aws-elb-load-balancer', () => nested],
    ['a security group rule CIDR on a data port', 'ReportingDbAccess', 'public-access/aws-security-group-data-ports', () => nested],
    ['an engine version', 'Orders', 'tls-min/aws-rds-db-instance', () => nested],
    ['a KMS key id when the claim asks for customer-managed keys', 'OrderEvents', 'enc-rest/aws-sns-topic', () => cmk],
    ['a trust policy principal', 'AuditorAccess', 'public-access/aws-iam-role-trust', () => nested],
    ['a trust policy principal (least privilege)', 'AuditorAccess', 'iam-least-privilege/aws-iam-role-trust', () => nested],
    ['a resource policy principal', 'JobsPolicy', 'public-access/aws-sqs-queue-policy', () => nested],
    ['an identity policy action', 'Batch', 'iam-least-privilege/aws-iam-inline-policy', () => nested],
    ['a network ACL entry action', 'AdminSshEntry', 'platform-hardening/aws-network-acl', () => nested],
    ['a method cache switch', 'ApiStage', 'enc-rest/aws-apigateway-stage-cache-encryption', () => nested],
  ];
  for (const [what, name, rule, list] of cases) {
    it(`${what} (${rule})`, () => {
      const found = judged(list(), name, rule);
      expect(found.length, `${name} has no ${rule} finding`).toBeGreaterThan(0);
      for (const f of found) {
        expect(f.status, f.message).toBe('unknown');
        expect(f.message).toMatch(/\{\{resolve:(ssm|ssm-secure|secretsmanager):\/shop\/[^}]*\}\}/);
        expect(f.message).toContain('a dynamic reference CloudFormation resolves at deploy time');
      }
    });
  }

  // A pointer whose presence decides (knownPointer, src/evaluate/facts.ts) is the exception: CloudFront logs to
  // whatever bucket the reference resolves to, so logging is on; the evidence says so and names only the reference.
  it('a log bucket name from a dynamic reference is logging on, decided at deploy time (audit-logging/aws-cloudfront-distribution-logging)', () => {
    const found = judged(nested, 'Storefront', 'audit-logging/aws-cloudfront-distribution-logging');
    expect(found.map((f) => f.status)).toEqual(['pass']);
    const bucket = found[0]!.evidence?.find((e) => e.path === 'DistributionConfig.Logging.Bucket');
    expect(String(bucket?.observed)).toContain('{{resolve:ssm:/shop/logs/edge-bucket}}');
    expect(bucket?.note).toMatch(/decided at deploy time/);
  });

  it('the loader keeps the reference as written beside the unresolved value, and never a resolved value', () => {
    const group = [...inventory.all()].find((r) => r.name === 'ReportingDbAccess')!;
    const cidr = (group.properties.SecurityGroupIngress as Record<string, unknown>[])[0]!.CidrIp;
    expect(isUnresolved(cidr)).toBe(true);
    expect(isDynamicReference(cidr)).toBe(true);
    expect(writtenText(cidr)).toBe('{{resolve:ssm:/shop/net/reporting-cidr}}');
    expect((cidr as DynamicReference).shape).toBe(SHAPE_UNKNOWN);
    // Text around a reference stays literal in the shape: `arn:…:{{resolve:ssm:/acct}}:key/k` names a key of an unknown account.
    const inText = withDynamicReferences({ Key: 'arn:aws:kms:eu-west-1:{{resolve:ssm:/acct}}:key/k' }).Key as unknown as DynamicReference;
    expect(inText.shape).toBe(`arn:aws:kms:eu-west-1:${SHAPE_UNKNOWN}:key/k`);
    expect(inText.expression).toMatch(/^\{\{resolve:ssm:\/acct\}\}, a dynamic reference CloudFormation resolves at deploy time$/);
  });

  it('a reference nested deeper than the walk goes makes that part unresolved as a whole, never a literal', () => {
    let deep: unknown = { Policy: '{{resolve:ssm:/deep/tls-policy}}' };
    for (let i = 0; i < 80; i++) deep = { Next: deep };
    let plain: unknown = { Policy: 'TLS13' };
    for (let i = 0; i < 80; i++) plain = { Next: plain };
    const walk = (v: unknown): unknown => {
      for (let n = 0; v && typeof v === 'object' && !isUnresolved(v) && n < 100; n++) v = (v as Record<string, unknown>).Next ?? (v as Record<string, unknown>).Policy;
      return v;
    };
    const out = walk(withDynamicReferences(deep));
    expect(isDynamicReference(out)).toBe(true);
    expect((out as DynamicReference).expression).toMatch(/^\{\{resolve:ssm:\/deep\/tls-policy/);
    // Without a reference the deep part is kept as it is.
    expect(withDynamicReferences(plain)).toBe(plain);
  });

  it('a value without a dynamic reference is returned as it is, not copied', () => {
    const props = { A: { B: ['x', 1, true, { C: 'arn:aws:s3:::bucket' }] }, D: '{{notresolve}}' };
    expect(withDynamicReferences(props)).toBe(props);
    const changed = withDynamicReferences({ ...props, E: '{{resolve:ssm:/x}}' });
    expect(changed.A).toBe(props.A);
    expect(isDynamicReference(changed.E)).toBe(true);
  });
});

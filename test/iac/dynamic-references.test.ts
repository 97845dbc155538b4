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

/**
 * Reads of a switch parameter (AllowedValues, not pinned) through a condition, an Fn::FindInMap, `${P}` in
 * Fn::Sub and the functions over one (Join, Select, Split, Equals, an Fn::If branch) take every allowed value.
 * The worst verdict wins and names the value; `--parameter` pins it; NoEcho values are never named; past the
 * cap on combinations the verdict is unknown with the reason, never pass. A property whose whole value is
 * `Ref P` reads P's Default, as a parameter without AllowedValues does (fixAK: labels 8 pass : 0 fail where
 * the Default passes and another allowed value fails); without a Default every allowed value is judged.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../../src/evaluate/registry.js';
import { loadIac } from '../../src/sources/iac/load.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../../src/evaluate/claims-profile.js';
import type { ControlId } from '../../src/evaluate/controls.js';

const root = mkdtempSync(join(tmpdir(), 'vouch-switch-refs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const CERT = 'arn:aws:acm:us-east-1:111122223333:certificate/abc';
/** An RDS instance that keeps every promise, with `extra` (YAML flow entries) replacing some properties. */
const rds = (extra: string) => {
  const base: Record<string, string> = { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', AllocatedStorage: "'20'", StorageEncrypted: 'true', BackupRetentionPeriod: '7', PubliclyAccessible: 'false' };
  for (const [, k, v] of extra.matchAll(/(\w+): ((?:!\w+ )?(?:\[[^\]]*\]|[^,]+))/g)) base[k!] = v!;
  return `{ ${Object.entries(base).map(([k, v]) => `${k}: ${v}`).join(', ')} }`;
};
const cdn = (version: string) => `
      DistributionConfig:
        Enabled: true
        Aliases: [www.example.com]
        DefaultCacheBehavior: { TargetOriginId: o, ViewerProtocolPolicy: redirect-to-https }
        Origins: [{ Id: o, DomainName: origin.example.com, CustomOriginConfig: { OriginProtocolPolicy: https-only } }]
        ViewerCertificate: { AcmCertificateArn: ${CERT}, SslSupportMethod: sni-only, MinimumProtocolVersion: ${version} }`;

const TEMPLATE = `Parameters:
  TlsPolicy: { Type: String, Default: TLSv1.2_2021, AllowedValues: [TLSv1.2_2021, TLSv1] }
  TlsStrong: { Type: String, Default: TLSv1.2_2021, AllowedValues: [TLSv1.2_2021, TLSv1.2_2019] }
  TlsFree: { Type: String, Default: TLSv1.2_2021 }
  Public: { Type: String, Default: 'false', AllowedValues: ['true', 'false'] }
  Encrypt: { Type: String, Default: 'true', AllowedValues: ['true', 'false'] }
  Days: { Type: Number, Default: 7, AllowedValues: [1, 7, 35] }
  LongDays: { Type: Number, Default: 35, AllowedValues: [7, 35] }
  SshCidrs: { Type: CommaDelimitedList, Default: 10.0.0.0/8, AllowedValues: [10.0.0.0/8, 0.0.0.0/0] }
  ElbTls: { Type: String, Default: TLS13-1-2-2021-06, AllowedValues: [TLS13-1-2-2021-06, 2016-08] }
  Level: { Type: String, Default: .2_2021, AllowedValues: [.2_2021, .2_2019, .1_2016] }
  Secret: { Type: String, NoEcho: true, Default: 'false', AllowedValues: ['false', 'true'] }
  TlsWeakDefault: { Type: String, Default: TLSv1, AllowedValues: [TLSv1.2_2021, TLSv1] }
  OpenDefault: { Type: String, Default: 'true', AllowedValues: ['true', 'false'] }
  UrlAuth: { Type: String, AllowedValues: [AWS_IAM, NONE] }
  UrlAuthFree: { Type: String }
Conditions:
  IsShort: !Equals [!Ref Days, 1]
Resources:
  CdnRef:
    Type: AWS::CloudFront::Distribution
    Properties:${cdn('!Ref TlsPolicy')}
  CdnRefOk:
    Type: AWS::CloudFront::Distribution
    Properties:${cdn('!Ref TlsStrong')}
  CdnWeakDefault:
    Type: AWS::CloudFront::Distribution
    Properties:${cdn('!Ref TlsWeakDefault')}
  OpenDefaultDb:
    Type: AWS::RDS::DBInstance
    Properties: ${rds('PubliclyAccessible: !Ref OpenDefault')}
  PublicIfDb:
    Type: AWS::RDS::DBInstance
    Properties: ${rds("PubliclyAccessible: !If [IsShort, 'false', !Ref Public]")}
  CdnFree:
    Type: AWS::CloudFront::Distribution
    Properties:${cdn('!Ref TlsFree')}
  CdnSub:
    Type: AWS::CloudFront::Distribution
    Properties:${cdn("!Sub 'TLSv1${Level}'")}
  CdnJoin:
    Type: AWS::CloudFront::Distribution
    Properties:${cdn("!Join ['', ['TLSv1', !Ref Level]]")}
  CdnSelect:
    Type: AWS::CloudFront::Distribution
    Properties:${cdn("!Select [1, !Split ['/', !Sub 'x/${TlsPolicy}']]")}
  PublicDb:
    Type: AWS::RDS::DBInstance
    Properties: ${rds('PubliclyAccessible: !Ref Public')}
  PublicEqualsDb:
    Type: AWS::RDS::DBInstance
    Properties: ${rds("PubliclyAccessible: !Equals [!Ref Public, 'true']")}
  Volume:
    Type: AWS::EC2::Volume
    Properties: { Size: 10, AvailabilityZone: eu-west-1a, Encrypted: !Ref Encrypt }
  RetentionDb:
    Type: AWS::RDS::DBInstance
    Properties: ${rds('BackupRetentionPeriod: !Ref Days')}
  RetentionOkDb:
    Type: AWS::RDS::DBInstance
    Properties: ${rds('BackupRetentionPeriod: !Ref LongDays')}
  TwoSwitchesDb:
    Type: AWS::RDS::DBInstance
    Properties: ${rds('PubliclyAccessible: !Ref Public, BackupRetentionPeriod: !Ref LongDays')}
  BothReadsDb:
    Type: AWS::RDS::DBInstance
    Properties: ${rds('BackupRetentionPeriod: !If [IsShort, 7, !Ref Days]')}
  SshGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Select [0, !Ref SshCidrs] }]
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/x/1
      Protocol: HTTPS
      Port: 443
      Certificates: [{ CertificateArn: ${CERT} }]
      SslPolicy: !Sub ELBSecurityPolicy-\${ElbTls}
      DefaultActions: [{ Type: fixed-response, FixedResponseConfig: { StatusCode: '200' } }]
  Url:
    Type: AWS::Lambda::Url
    Properties: { AuthType: !Ref UrlAuth, TargetFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:report' }
  UrlFree:
    Type: AWS::Lambda::Url
    Properties: { AuthType: !Ref UrlAuthFree, TargetFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:report' }
  SecretDb:
    Type: AWS::RDS::DBInstance
    Properties: ${rds("PubliclyAccessible: !Equals [!Ref Secret, 'true']")}
  SecretRefDb:
    Type: AWS::RDS::DBInstance
    Properties: ${rds('PubliclyAccessible: !Ref Secret')}
`;

mkdirSync(join(root, 'app'));
writeFileSync(join(root, 'app', 'app.yaml'), TEMPLATE);

const CONTROLS: ControlId[] = ['tls-min', 'public-access', 'enc-rest', 'backup-retention', 'bastion-only'];
const rules = (await loadRules()).filter((r) => CONTROLS.includes(r.control));
function judge(dir: string, parameters?: Record<string, string>) {
  const inventory = loadIac([dir], { region: 'eu-west-1', ...(parameters ? { parameters } : {}) });
  // SSH from the declared admin range passes: only the internet entry of the CIDR list fails.
  return evaluate(inventory, rules, { controls: CONTROLS, ctx: { params: { ...DEFAULT_PARAMETERS, adminCidrs: ['10.0.0.0/8'] }, inventory } });
}
const findings = judge(join(root, 'app'));
const of = (fs: typeof findings, id: string, ruleId: string) => {
  const hits = fs.filter((f) => f.resource.logicalId === id && f.ruleId === ruleId);
  expect(hits.length, `${id} ${ruleId}`).toBeGreaterThan(0);
  return hits;
};
const status = (fs: typeof findings, id: string, ruleId: string) => of(fs, id, ruleId).map((f) => f.status);
const message = (fs: typeof findings, id: string, ruleId: string) => of(fs, id, ruleId).map((f) => f.message).join(' | ');

describe('direct reads of a switch parameter', () => {
  it('an enum Ref (CloudFront TLS policy) as a whole value is judged at its Default: a weak alternative does not fail it, a weak Default does', () => {
    expect(status(findings, 'CdnRef', 'tls-min/aws-cloudfront-distribution')).toEqual(['pass']);
    expect(status(findings, 'CdnRefOk', 'tls-min/aws-cloudfront-distribution')).toEqual(['pass']);
    expect(status(findings, 'CdnWeakDefault', 'tls-min/aws-cloudfront-distribution')).toEqual(['fail']);
    expect(message(findings, 'CdnWeakDefault', 'tls-min/aws-cloudfront-distribution')).not.toMatch(/when /);
  });

  it('a parameter without AllowedValues is read at its Default, or is unknown without one', () => {
    expect(status(findings, 'CdnFree', 'tls-min/aws-cloudfront-distribution')).toEqual(['pass']);
    expect(status(findings, 'UrlFree', 'public-access/aws-lambda-url')).toEqual(['unknown']);
  });

  it('a switch without a Default is judged over its allowed values (the operator must pick one)', () => {
    expect(status(findings, 'Url', 'public-access/aws-lambda-url')).toEqual(['fail']);
    expect(message(findings, 'Url', 'public-access/aws-lambda-url')).toMatch(/when UrlAuth=NONE:/);
    expect(status(judge(join(root, 'app'), { UrlAuth: 'AWS_IAM' }), 'Url', 'public-access/aws-lambda-url')).toEqual(['pass']);
  });

  it('Fn::Sub, Fn::Join and Fn::Select/Fn::Split over a switch take every value', () => {
    for (const id of ['CdnSub', 'CdnJoin']) {
      expect(status(findings, id, 'tls-min/aws-cloudfront-distribution')).toEqual(['fail']);
      // TLSv1.2_2019 keeps TLS 1.2; TLSv1.1_2016 does not.
      expect(message(findings, id, 'tls-min/aws-cloudfront-distribution')).toMatch(/when Level=\.1_2016:/);
    }
    expect(status(findings, 'CdnSelect', 'tls-min/aws-cloudfront-distribution')).toEqual(['fail']);
    expect(message(findings, 'CdnSelect', 'tls-min/aws-cloudfront-distribution')).toMatch(/when TlsPolicy=TLSv1:/);
    expect(status(findings, 'Listener', 'tls-min/aws-elbv2-listener')).toEqual(['fail']);
    expect(message(findings, 'Listener', 'tls-min/aws-elbv2-listener')).toMatch(/when ElbTls=2016-08:/);
  });

  it('a boolean Ref (PubliclyAccessible, Encrypted) reads its Default; Fn::Equals or an Fn::If branch over one takes every value', () => {
    expect(status(findings, 'PublicDb', 'public-access/aws-rds-db-instance')).toEqual(['pass']);
    expect(status(findings, 'Volume', 'enc-rest/aws-ec2-volume')).toEqual(['pass']);
    expect(status(findings, 'OpenDefaultDb', 'public-access/aws-rds-db-instance')).toEqual(['fail']);
    expect(status(findings, 'PublicEqualsDb', 'public-access/aws-rds-db-instance')).toEqual(['fail']);
    expect(message(findings, 'PublicEqualsDb', 'public-access/aws-rds-db-instance')).toMatch(/when Public=true:/);
    expect(status(findings, 'PublicIfDb', 'public-access/aws-rds-db-instance')).toEqual(['fail']);
    expect(message(findings, 'PublicIfDb', 'public-access/aws-rds-db-instance')).toMatch(/Public=true/);
  });

  it('a number Ref (BackupRetentionPeriod with AllowedValues 1, 7, 35) reads its Default 7', () => {
    expect(status(findings, 'RetentionDb', 'backup-retention/aws-rds-db-instance')).toEqual(['pass']);
    expect(status(findings, 'RetentionOkDb', 'backup-retention/aws-rds-db-instance')).toEqual(['pass']);
  });

  it('a CIDR list parameter: each entry may be any allowed value', () => {
    expect(status(findings, 'SshGroup', 'bastion-only/aws-security-group')).toEqual(['fail']);
    expect(message(findings, 'SshGroup', 'bastion-only/aws-security-group')).toMatch(/when SshCidrs=0\.0\.0\.0\/0:/);
  });

  it('two direct Refs on one resource: each read at its own Default', () => {
    expect(status(findings, 'TwoSwitchesDb', 'public-access/aws-rds-db-instance')).toEqual(['pass']);
    expect(status(findings, 'TwoSwitchesDb', 'backup-retention/aws-rds-db-instance')).toEqual(['pass']);
  });

  it('a switch read both in a condition and directly takes one value at a time (never IsShort=false with Days=1)', () => {
    expect(status(findings, 'BothReadsDb', 'backup-retention/aws-rds-db-instance')).toEqual(['pass']);
  });

  it('a NoEcho switch is judged over its values but never named', () => {
    expect(status(findings, 'SecretRefDb', 'public-access/aws-rds-db-instance')).toEqual(['pass']);
    expect(status(findings, 'SecretDb', 'public-access/aws-rds-db-instance')).toEqual(['fail']);
    const m = message(findings, 'SecretDb', 'public-access/aws-rds-db-instance');
    expect(m).toMatch(/when Secret=\(NoEcho value 2\):/);
    expect(m).not.toMatch(/Secret=true/);
  });

  it('--parameter pins a switch to one value', () => {
    const pinned = judge(join(root, 'app'), { TlsPolicy: 'TLSv1.2_2021', Public: 'false', Encrypt: 'true', Days: '7', SshCidrs: '10.0.0.0/8', Level: '.2_2021', ElbTls: 'TLS13-1-2-2021-06' });
    expect(status(pinned, 'CdnRef', 'tls-min/aws-cloudfront-distribution')).toEqual(['pass']);
    expect(status(pinned, 'CdnSub', 'tls-min/aws-cloudfront-distribution')).toEqual(['pass']);
    expect(status(pinned, 'CdnSelect', 'tls-min/aws-cloudfront-distribution')).toEqual(['pass']);
    expect(status(pinned, 'Listener', 'tls-min/aws-elbv2-listener')).toEqual(['pass']);
    expect(status(pinned, 'PublicDb', 'public-access/aws-rds-db-instance')).toEqual(['pass']);
    expect(status(pinned, 'Volume', 'enc-rest/aws-ec2-volume')).toEqual(['pass']);
    expect(status(pinned, 'RetentionDb', 'backup-retention/aws-rds-db-instance')).toEqual(['pass']);
    expect(status(pinned, 'SshGroup', 'bastion-only/aws-security-group')).toEqual(['pass']);
    const weak = judge(join(root, 'app'), { TlsPolicy: 'TLSv1', Days: '1' });
    expect(status(weak, 'CdnRef', 'tls-min/aws-cloudfront-distribution')).toEqual(['fail']);
    expect(message(weak, 'CdnRef', 'tls-min/aws-cloudfront-distribution')).not.toMatch(/when /);
    expect(status(weak, 'RetentionDb', 'backup-retention/aws-rds-db-instance')).toEqual(['fail']);
  });
});

describe('bounds on switch combinations', () => {
  const values = (n: number) => `[${Array.from({ length: n }, (_, i) => `v${i}`).join(', ')}]`;
  const dir = join(root, 'cap');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'cap.yaml'),
    `Parameters:
  A: { Type: String, Default: v0, AllowedValues: ${values(5)} }
  B: { Type: String, Default: v0, AllowedValues: ${values(5)} }
  C: { Type: String, Default: v0, AllowedValues: ${values(5)} }
  P1: { Type: String, Default: 10.1.0.0/24, AllowedValues: [${Array.from({ length: 9 }, (_, i) => `10.1.${i}.0/24`).join(', ')}] }
  P2: { Type: String, Default: 10.2.0.0/24, AllowedValues: [${Array.from({ length: 9 }, (_, i) => `10.2.${i}.0/24`).join(', ')}] }
  Wide: { Type: String, Default: TLSv1.2_2021, AllowedValues: [TLSv1.2_2021, ${Array.from({ length: 20 }, (_, i) => `TLSv1.2_20${i + 30}`).join(', ')}] }
Resources:
  SubOverThree:
    Type: AWS::CloudFront::Distribution
    Properties:${cdn("!Sub 'TLSv1.2_${A}${B}${C}'")}
  TwoReadsOverCap:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Join ['', [!Ref P1]] }
        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Join ['', [!Ref P2]] }
  WideRef:
    Type: AWS::CloudFront::Distribution
    Properties:${cdn('!Ref Wide')}
`,
  );
  const capped = judge(dir);

  it('a value over switches with more combinations than the cap is unknown, with the reason', () => {
    expect(status(capped, 'SubOverThree', 'tls-min/aws-cloudfront-distribution')).toEqual(['unknown']);
    expect(message(capped, 'SubOverThree', 'tls-min/aws-cloudfront-distribution')).toMatch(/more than 64 combinations/);
  });

  it('reads of separate switches whose combinations pass the cap are unknown, never pass', () => {
    // Each of the 81 combinations alone would pass (private ranges): past the cap none is claimed.
    expect(status(capped, 'TwoReadsOverCap', 'bastion-only/aws-security-group')).toEqual(['unknown']);
    expect(message(capped, 'TwoReadsOverCap', 'bastion-only/aws-security-group')).toMatch(/more than 64 combinations/);
  });

  it('a parameter with more AllowedValues than vouch tries is unknown, not its Default', () => {
    expect(status(capped, 'WideRef', 'tls-min/aws-cloudfront-distribution')).toEqual(['unknown']);
    expect(message(capped, 'WideRef', 'tls-min/aws-cloudfront-distribution')).toMatch(/21 AllowedValues, more than vouch tries; pin one with --parameter Wide=/);
  });
});

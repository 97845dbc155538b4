import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess as runVouch } from '../helpers/in-process.js';
import { evidenceErrors } from '../helpers/evidence-schema.js';
import type { EvidenceDocument } from '../../src/findings/evidence.js';

let dir: string;
const put = (rel: string, content: string) => {
  const p = join(dir, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
  return rel;
};
const evidence = (out: string) => JSON.parse(readFileSync(join(dir, out, 'evidence.json'), 'utf8')) as EvidenceDocument;

const TEMPLATE = `Resources:
  OpenSsh:
    Type: AWS::EC2::SecurityGroup
    Metadata:
      vouch:
        acknowledge:
          - { rule: bastion-only/aws-security-group, reason: "lab network, torn down nightly", owner: sec@example.com, expires: "2099-01-01" }
    Properties:
      GroupDescription: lab
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }]
  OldListener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties: { Protocol: HTTPS, Port: 443, LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/x/1, DefaultActions: [] }
  Data:
    Type: AWS::S3::Bucket
    Properties: { LoggingConfiguration: { DestinationBucketName: access-logs } }
  DataPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Data
      PolicyDocument:
        Statement:
          - { Effect: Deny, Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::data/*", Condition: { Bool: { "aws:SecureTransport": "false" } } }
  Volume:
    Type: AWS::EC2::Volume
    Properties: { Size: 1, AvailabilityZone: eu-west-1a, Encrypted: !ImportValue shared-encryption-flag }
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-check-'));
  put('app.yaml', TEMPLATE);
});

describe('vouch check', () => {
  it('fails on an unsuppressed failure, writes evidence that validates, and prints file:line', async () => {
    const r = await runVouch(['check', 'app.yaml', '--out', 'out1'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/FAIL high\s+tls-min\/aws-elbv2-listener\s+app\.yaml:11 OldListener/);
    const doc = evidence('out1');
    expect(evidenceErrors(doc)).toEqual([]);
    const ssh = doc.findings.find((f) => f.ruleId === 'bastion-only/aws-security-group')!;
    expect(ssh.status).toBe('fail');
    expect(ssh.suppression).toMatchObject({ origin: 'metadata', expired: false, owner: 'sec@example.com' });
    expect(doc.summary.byStatus.suppressed).toBe(1);
    const vol = doc.findings.find((f) => f.ruleId === 'enc-rest/aws-ec2-volume')!;
    expect(vol.status).toBe('unknown');
    expect(vol.message).toMatch(/Fn::ImportValue "shared-encryption-flag"/);
    expect(doc.findings.find((f) => f.ruleId === 'enc-rest/aws-s3-bucket')!.status).toBe('pass');
    expect(readFileSync(join(dir, 'out1', 'summary.md'), 'utf8')).toMatch(/# vouch: FAILED/);
  });

  it('exit 3 when the only problems left are unknowns; --fail-on raises the bar', async () => {
    put('supp.yaml', `suppressions:
  - rule: tls-min/*
    resource: "app/OldListener"
    reason: replaced next sprint
    owner: platform
    expires: 2099-12-31
`);
    const r = await runVouch(['check', 'app.yaml', '--suppressions', 'supp.yaml', '--out', 'out2'], { cwd: dir });
    expect(r.code, r.stdout + r.stderr).toBe(3);
    expect(r.stdout).toMatch(/^INCOMPLETE: /m);
    const doc = evidence('out2');
    expect(doc.findings.find((f) => f.ruleId === 'tls-min/aws-elbv2-listener')!.suppression?.origin).toBe('supp.yaml');
    const high = await runVouch(['check', 'app.yaml', '--fail-on', 'critical', '--out', 'out3'], { cwd: dir });
    expect(high.code).toBe(3);
  });

  it('an expired suppression stops suppressing and says so', async () => {
    put('expired.yaml', `suppressions:
  - { rule: tls-min/aws-elbv2-listener, resource: OldListener, reason: was temporary, expires: 2020-01-01 }
`);
    const r = await runVouch(['check', 'app.yaml', '--suppressions', 'expired.yaml', '--out', 'out4'], { cwd: dir });
    expect(r.code).toBe(1);
    const f = evidence('out4').findings.find((x) => x.ruleId === 'tls-min/aws-elbv2-listener')!;
    expect(f.suppression).toMatchObject({ expired: true, expires: '2020-01-01' });
  });

  it('exit 0 on a clean template, and the claims profile decides the TLS floor', async () => {
    put('clean.yaml', `Resources:
  L:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties: { Protocol: HTTPS, Port: 443, SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06, LoadBalancerArn: x, DefaultActions: [] }
`);
    expect((await runVouch(['check', 'clean.yaml', '--out', 'out5'], { cwd: dir })).code).toBe(0);
    put('tls13.yaml', `version: 1
name: TLS 1.3 company
claims:
  - id: tls13
    text: TLS 1.3 in transit
    controls: [tls-min]
    parameters: { tlsMin: "1.3" }
`);
    const r = await runVouch(['check', 'clean.yaml', '--claims', 'tls13.yaml', '--out', 'out6'], { cwd: dir });
    expect(r.code).toBe(1);
    const doc = evidence('out6');
    expect(doc.claims.parameters.tlsMin).toBe('1.3');
    expect(doc.claims.controls).toEqual(['tls-min']);
    // Only the claimed control's rules run.
    expect(new Set(doc.findings.map((f) => f.control))).toEqual(new Set(['tls-min']));
  });

  it('fingerprints ignore line numbers: reordering a template changes no fingerprint', async () => {
    put('a.yaml', 'Resources:\n  X: { Type: AWS::S3::Bucket }\n  Y: { Type: AWS::EC2::Volume, Properties: { Size: 1, AvailabilityZone: a, Encrypted: false } }\n');
    await runVouch(['check', 'a.yaml', '--out', 'fa'], { cwd: dir });
    put('a.yaml', 'Resources:\n\n\n  Y: { Type: AWS::EC2::Volume, Properties: { Size: 1, AvailabilityZone: a, Encrypted: false } }\n  X: { Type: AWS::S3::Bucket }\n');
    await runVouch(['check', 'a.yaml', '--out', 'fb'], { cwd: dir });
    const fp = (out: string) => evidence(out).findings.map((f) => f.fingerprint).sort();
    expect(fp('fa')).toEqual(fp('fb'));
    expect(fp('fa').length).toBeGreaterThan(1);
  });

  it('lists rules and controls', async () => {
    const rules = await runVouch(['rules', '--json']);
    expect(JSON.parse(rules.stdout).map((r: { id: string }) => r.id)).toContain('tls-min/aws-elbv2-listener');
    const controls = await runVouch(['controls']);
    expect(controls.stdout).toMatch(/bastion-only — /);
    expect(controls.stdout).toMatch(/NIST SP 800-53 rev 5: /);
  });
});

describe('what could not be judged makes the run incomplete', () => {
  it('a SAM function is judged as what the transform makes of it; a SAM type vouch does not expand is listed as not checked, exit 3', async () => {
    put('sam.yaml', `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs20.x, Handler: index.handler, CodeUri: src/ }
  Nested:
    Type: AWS::Serverless::Application
    Properties: { Location: https://example.invalid/app.yaml }
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      BillingMode: PAY_PER_REQUEST
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }
`);
    const r = await runVouch(['check', 'sam.yaml', '--region', 'eu-west-1', '--out', 'out-sam'], { cwd: dir });
    // The function is no longer "not checked": its Lambda function and execution role are judged.
    expect(r.stdout).not.toMatch(/NOT CHECKED sam\.yaml: Fn /);
    const doc = evidence('out-sam');
    expect(doc.findings.some((f) => f.resource.logicalId === 'Fn' && f.resource.type === 'aws.lambda.function')).toBe(true);
    expect(doc.findings.some((f) => f.resource.logicalId === 'FnRole' && f.resource.type === 'aws.iam.role')).toBe(true);
    // What vouch does not expand is said, and keeps the run from passing.
    // A SAR application is the nested stack the transform makes of it; its template is not read.
    expect(r.stdout).toMatch(/NOT CHECKED sam\.yaml: nested stack Nested\b/);
    expect(r.code, r.stdout).toBe(3);
    expect(doc.coverage.notCollected?.find((n) => /nested stack Nested\b/.test(n.what))?.gap).toBe(true);
  });
});

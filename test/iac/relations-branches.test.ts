/**
 * Relation edges through `Fn::If` (fixS): a reference inside a branch of an unknown condition is an
 * edge when the template wires the target wherever it is deployed: the reference sits on both sides,
 * or on the side whose condition is the target's own `Condition`. A reference on one side only to a
 * target that exists either way stays no edge, so no verdict turns on a wiring the template leaves out.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../../src/evaluate/registry.js';
import { loadIac } from '../../src/sources/iac/load.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../../src/evaluate/claims-profile.js';
import type { Inventory } from '../../src/model/inventory.js';

const rules = await loadRules();

function load(text: string, ext = 'yaml'): { inventory: Inventory; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-rel-if-'));
  const file = join(dir, `t.${ext}`);
  writeFileSync(file, text);
  return { inventory: loadIac([file], { region: 'eu-west-1' }), dir };
}

function with_<T>(text: string, fn: (inv: Inventory) => T, ext = 'yaml'): T {
  const { inventory, dir } = load(text, ext);
  try {
    return fn(inventory);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const byLogical = (inv: Inventory, id: string) => [...inv.all()].find((r) => r.location.logicalId === id)!;
const relatedIds = (inv: Inventory, id: string, rel: string) => inv.related(byLogical(inv, id), rel).map((r) => r.location.logicalId);

function accessLogging(inv: Inventory, id: string): string {
  const rule = rules.find((r) => r.id === 'audit-logging/aws-s3-bucket-access-logging')!;
  const f = evaluate(inv, [rule], { controls: [rule.control], ctx: { params: DEFAULT_PARAMETERS, inventory: inv } });
  return f.find((x) => x.resource.logicalId === id)!.status;
}

const switchParam = `
Parameters:
  EnableAccessLogs: { Type: String, Default: 'false', AllowedValues: ['true', 'false'] }
  Env: { Type: String }
Conditions:
  LogAccess: !Equals [!Ref EnableAccessLogs, 'true']
  IsProd: !Equals [!Ref Env, prod]
`;

describe('relation edges through Fn::If', () => {
  it('a whole LoggingConfiguration under Fn::If names a log bucket that exists only on that branch (switch parameter, short form)', () => {
    const yaml = `${switchParam}
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Condition: LogAccess
    Properties: { OwnershipControls: { Rules: [{ ObjectOwnership: BucketOwnerPreferred }] } }
  Data:
    Type: AWS::S3::Bucket
    Properties:
      LoggingConfiguration: !If [LogAccess, { DestinationBucketName: !Ref Logs, LogFilePrefix: data/ }, !Ref AWS::NoValue]
`;
    with_(yaml, (inv) => {
      expect(relatedIds(inv, 'Logs', 'logsFrom')).toEqual(['Data']);
      expect(relatedIds(inv, 'Data', 'accessLogBucket')).toEqual(['Logs']);
      expect(accessLogging(inv, 'Logs')).toBe('not-applicable');
    });
  });

  it('the destination alone under Fn::If, long form in JSON, on a free-text parameter condition', () => {
    const json = JSON.stringify({
      Parameters: { Env: { Type: 'String' } },
      Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
      Resources: {
        AuditLogs: { Type: 'AWS::S3::Bucket', Condition: 'IsProd', Properties: {} },
        Data: {
          Type: 'AWS::S3::Bucket',
          Properties: { LoggingConfiguration: { DestinationBucketName: { 'Fn::If': ['IsProd', { Ref: 'AuditLogs' }, { Ref: 'AWS::NoValue' }] } } },
        },
      },
    });
    with_(json, (inv) => expect(relatedIds(inv, 'AuditLogs', 'logsFrom')).toEqual(['Data']), 'json');
  });

  it('a reference on both sides of the same Fn::If is an edge, whatever the target\'s own condition', () => {
    const yaml = `${switchParam}
Resources:
  Logs: { Type: AWS::S3::Bucket }
  Data:
    Type: AWS::S3::Bucket
    Properties:
      LoggingConfiguration: !If [IsProd, { DestinationBucketName: !Ref Logs, LogFilePrefix: prod/ }, { DestinationBucketName: !Ref Logs, LogFilePrefix: dev/ }]
`;
    with_(yaml, (inv) => {
      expect(relatedIds(inv, 'Logs', 'logsFrom')).toEqual(['Data']);
      expect(accessLogging(inv, 'Logs')).toBe('not-applicable');
    });
  });

  it('a reference on one side only, to a bucket deployed either way, is no edge: on the other side it is a bucket without logging', () => {
    const yaml = `${switchParam}
Resources:
  Logs: { Type: AWS::S3::Bucket }
  Data:
    Type: AWS::S3::Bucket
    Properties:
      LoggingConfiguration: !If [LogAccess, { DestinationBucketName: !Ref Logs }, !Ref AWS::NoValue]
`;
    with_(yaml, (inv) => {
      expect(relatedIds(inv, 'Logs', 'logsFrom')).toEqual([]);
      expect(accessLogging(inv, 'Logs')).toBe('fail');
    });
  });

  it('a reference on the false side of the target\'s own condition is no edge (the target is not deployed there)', () => {
    const yaml = `${switchParam}
Resources:
  Logs: { Type: AWS::S3::Bucket, Condition: IsProd }
  Data:
    Type: AWS::S3::Bucket
    Properties:
      LoggingConfiguration: !If [IsProd, !Ref AWS::NoValue, { DestinationBucketName: !Ref Logs }]
`;
    with_(yaml, (inv) => expect(relatedIds(inv, 'Logs', 'logsFrom')).toEqual([]));
  });

  it('list items under Fn::If: the group named on both sides is related, the one named on one side only is not', () => {
    const yaml = `${switchParam}
Resources:
  Web: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: web } }
  Admin: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: admin } }
  Box:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      SecurityGroupIds: !If [IsProd, [!Ref Web], [!Ref Web, !Ref Admin]]
`;
    with_(yaml, (inv) => {
      expect(relatedIds(inv, 'Box', 'securityGroups')).toEqual(['Web']);
      expect(relatedIds(inv, 'Admin', 'instances')).toEqual([]);
    });
  });

  it('an item of a list under Fn::If to a conditional group is an edge; nested Fn::If on the same condition too', () => {
    const yaml = `${switchParam}
Resources:
  Web: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: web } }
  Debug: { Type: AWS::EC2::SecurityGroup, Condition: IsProd, Properties: { GroupDescription: debug } }
  Box:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      SecurityGroupIds: [!Ref Web, !If [IsProd, !Ref Debug, !Ref AWS::NoValue]]
`;
    with_(yaml, (inv) => expect(relatedIds(inv, 'Box', 'securityGroups')).toEqual(['Web', 'Debug']));
  });

  // fixAH: a reference on one side of an Fn::If between two template resources is no edge as written, but each
  // variant that takes that side follows it (forward and reverse), so the rule judges what that variant deploys.
  function verdicts(inv: Inventory, ruleId: string): Map<string, string> {
    const rule = rules.find((r) => r.id === ruleId)!;
    const f = evaluate(inv, [rule], { controls: [rule.control], ctx: { params: DEFAULT_PARAMETERS, inventory: inv } });
    return new Map(f.map((x) => [x.resource.logicalId!, `${x.status}: ${x.message}`]));
  }

  it('an EMR cluster follows the security configuration each Fn::If branch picks', () => {
    const config = (transit: boolean) => `
    Type: AWS::EMR::SecurityConfiguration
    Properties:
      SecurityConfiguration:
        EncryptionConfiguration:
          EnableAtRestEncryption: false
          EnableInTransitEncryption: ${transit}
${transit ? '          InTransitEncryptionConfiguration: { TLSCertificateConfiguration: { CertificateProviderType: PEM, S3Object: s3://certs/a.zip } }\n' : ''}`;
    const yaml = `${switchParam}
Resources:
  Strict:${config(true)}
  Loose:${config(false)}
  Cluster:
    Type: AWS::EMR::Cluster
    Properties:
      Name: c
      ReleaseLabel: emr-7.2.0
      ServiceRole: EMR_DefaultRole
      JobFlowRole: EMR_EC2_DefaultRole
      SecurityConfiguration: !If [IsProd, !Ref Strict, !Ref Loose]
      Instances: { Ec2SubnetId: subnet-0abc, MasterInstanceGroup: { InstanceCount: 1, InstanceType: m6g.xlarge } }
`;
    with_(yaml, (inv) => {
      expect(relatedIds(inv, 'Cluster', 'securityConfiguration')).toEqual([]);
      const v = verdicts(inv, 'tls-min/aws-emr-cluster').get('Cluster')!;
      expect(v).toMatch(/^fail: when IsProd=false: in-transit encryption is off/);
      expect(v).not.toMatch(/not in the scanned templates/);
    });
  });

  it('a bucket policy whose Bucket is an Fn::If between two buckets covers each bucket in its own variant only', () => {
    const yaml = `${switchParam}
Resources:
  A: { Type: AWS::S3::Bucket }
  B: { Type: AWS::S3::Bucket }
  Tls:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !If [IsProd, !Ref A, !Ref B]
      PolicyDocument:
        Statement:
          - { Effect: Deny, Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }
`;
    with_(yaml, (inv) => {
      const v = verdicts(inv, 'tls-min/aws-s3-bucket');
      expect(v.get('A')).toMatch(/^fail: when IsProd=false: /);
      expect(v.get('B')).toMatch(/^fail: when IsProd=true: /);
    });
  });
});

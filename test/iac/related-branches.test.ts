/**
 * `Fn::If` in a related resource (a bucket policy, a parameter group, an ingress
 * rule) is judged per branch like the resource's own properties: the same
 * condition takes the same branch on both resources, and only the conditions
 * the rule reads are enumerated.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../../src/evaluate/registry.js';
import { loadIac } from '../../src/sources/iac/load.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../../src/evaluate/claims-profile.js';

const rules = await loadRules();

function judgeTemplate(yaml: string, ruleId: string) {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-related-if-'));
  try {
    const file = join(dir, 't.yaml');
    writeFileSync(file, yaml);
    const inventory = loadIac([file], { region: 'eu-west-1' });
    const rule = rules.find((r) => r.id === ruleId)!;
    return evaluate(inventory, [rule], { controls: [rule.control], ctx: { params: DEFAULT_PARAMETERS, inventory } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const db = (forceSsl: string, extra = '') => `
Parameters: { Env: { Type: String }, Size: { Type: String } }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsBig: !Equals [!Ref Size, big]
Resources:
  Params:
    Type: AWS::RDS::DBParameterGroup
    Properties: { Family: postgres15, Description: x, Parameters: { rds.force_ssl: ${forceSsl} } }
  Db:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: postgres, DBInstanceClass: !If [IsBig, db.r6g.large, db.t4g.micro], DBParameterGroupName: !Ref Params${extra} }
`;

describe('Fn::If in related resources', () => {
  it('a parameter group whose branches agree gives the instance a pass, not a fail on the unread condition object', () => {
    const f = judgeTemplate(db("!If [IsProd, '1', '1']"), 'tls-min/aws-rds-db-instance');
    expect(f.map((x) => [x.resource.logicalId, x.status])).toEqual([['Db', 'pass']]);
  });

  it('branches that disagree fail, and the finding names the variant', () => {
    const f = judgeTemplate(db("!If [IsProd, '1', '0']"), 'tls-min/aws-rds-db-instance');
    expect(f.map((x) => x.status)).toEqual(['fail']);
    expect(f[0]!.message).toMatch(/^when IsProd=false: /);
    // IsBig sits on a property the rule never reads: not enumerated.
    expect(f[0]!.message).not.toMatch(/IsBig/);
  });

  it('a bucket policy whose TLS condition is under Fn::If passes when both branches deny plain HTTP', () => {
    const yaml = `
Parameters: { Env: { Type: String } }
Conditions: { IsProd: !Equals [!Ref Env, prod] }
Resources:
  Bucket: { Type: AWS::S3::Bucket }
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - { Effect: Deny, Principal: '*', Action: 's3:*', Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*'], Condition: !If [IsProd, { Bool: { 'aws:SecureTransport': 'false' } }, BRANCH] }
`;
    const both = judgeTemplate(yaml.replace('BRANCH', "{ Bool: { 'aws:SecureTransport': false } }"), 'tls-min/aws-s3-bucket');
    expect(both.map((x) => x.status)).toEqual(['pass']);
    const one = judgeTemplate(yaml.replace('BRANCH', "{ StringEquals: { 'aws:PrincipalAccount': '111122223333' } }"), 'tls-min/aws-s3-bucket');
    expect(one.map((x) => x.status)).toEqual(['fail']);
    expect(one[0]!.message).toMatch(/^when IsProd=false: /);
  });
});

/**
 * `Fn::ImportValue` in resources that expansion makes (src/sources/iac/exports.ts, stack.ts): the
 * imports of SAM-generated resources and of `Fn::ForEach` bodies resolve against the other stacks of
 * the run, and an import that shapes the expansion itself (a loop over an imported list, a SAM stage
 * name) makes the stack's resources the ones the imported value expands to.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../../src/evaluate/registry.js';
import { loadIac } from '../../src/sources/iac/load.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../../src/evaluate/claims-profile.js';
import { isRef, isUnresolved } from '../../src/model/values.js';
import { get } from '../../src/evaluate/facts.js';
import type { Inventory } from '../../src/model/inventory.js';

const rules = await loadRules();

function run<T>(files: Record<string, string>, use: (inv: Inventory) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-imports-expanded-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return use(loadIac(Object.keys(files).map((f) => join(dir, f)), { region: 'eu-west-1' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function statuses(inv: Inventory, ruleId: string): Record<string, string> {
  const rule = rules.find((r) => r.id === ruleId)!;
  const out: Record<string, string> = {};
  for (const f of evaluate(inv, [rule], { controls: [rule.control], ctx: { params: DEFAULT_PARAMETERS, inventory: inv } })) out[f.resource.id] = f.status;
  return out;
}

/** The stack the others import from: two subnets (one maps public IPs), a group, a key, and literal values. */
const platform = `
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.20.0.0/16 } }
  FrontSubnet: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.20.1.0/24, MapPublicIpOnLaunch: true } }
  BackSubnet: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.20.2.0/24, MapPublicIpOnLaunch: false } }
  WorkerSg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: workers, VpcId: !Ref Vpc } }
  EnvKey: { Type: AWS::KMS::Key, Properties: { KeyPolicy: { Version: '2012-10-17', Statement: [] } } }
Outputs:
  Front: { Value: !Ref FrontSubnet, Export: { Name: platform-front-Subnet } }
  Back: { Value: !Ref BackSubnet, Export: { Name: platform-back-Subnet } }
  Sg: { Value: !GetAtt WorkerSg.GroupId, Export: { Name: platform-WorkerSg } }
  Key: { Value: !GetAtt EnvKey.Arn, Export: { Name: platform-EnvKeyArn } }
  Reports: { Value: acme-reports-archive, Export: { Name: platform-ReportsBucketName } }
  Tiers: { Value: 'front,back', Export: { Name: platform-Tiers } }
  Stage: { Value: live, Export: { Name: platform-StageName } }
`;

describe('imports in SAM-generated resources', () => {
  const sam = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: exports.handler = async () => ({})
      KmsKeyArn: !ImportValue platform-EnvKeyArn
      Environment: { Variables: { REPORTS: !ImportValue platform-ReportsBucketName } }
      VpcConfig: { SubnetIds: [!ImportValue platform-back-Subnet], SecurityGroupIds: [!ImportValue platform-WorkerSg] }
      Policies:
        - S3ReadPolicy: { BucketName: !ImportValue platform-ReportsBucketName }
`;

  it('a function whose environment, key, VPC config and policy template import values reads the exporting stack\'s', () => {
    run({ 'platform.yaml': platform, 'worker.yaml': sam }, (inv) => {
      const fn = inv.get('worker/Worker')!;
      expect(fn.type).toBe('aws.lambda.function');
      expect(get(fn.properties, 'Environment.Variables.REPORTS')).toBe('acme-reports-archive');
      const subnet = get(fn.properties, 'VpcConfig.SubnetIds[0]');
      const sg = get(fn.properties, 'VpcConfig.SecurityGroupIds[0]');
      const key = fn.properties.KmsKeyArn;
      expect([subnet, sg, key].every(isRef)).toBe(true);
      if (!isRef(subnet) || !isRef(sg) || !isRef(key)) return;
      expect(inv.get(`worker/${subnet.logicalId}`)?.id).toBe('platform/BackSubnet');
      expect(inv.get(`worker/${sg.logicalId}`)?.id).toBe('platform/WorkerSg');
      expect(inv.get(`worker/${key.logicalId}`)?.type).toBe('aws.kms.key');
      // The role SAM generates from the policy template names the imported bucket.
      const role = inv.get('worker/WorkerRole')!;
      expect(get(role.properties, 'Policies[0].PolicyDocument.Statement[0].Resource')).toEqual(['arn:aws:s3:::acme-reports-archive', 'arn:aws:s3:::acme-reports-archive/*']);
    });
  });

  it('alone, the same function keeps every import unresolved', () => {
    run({ 'worker.yaml': sam }, (inv) => {
      const fn = inv.get('worker/Worker')!;
      expect(isUnresolved(get(fn.properties, 'Environment.Variables.REPORTS'))).toBe(true);
      expect(isUnresolved(get(fn.properties, 'VpcConfig.SubnetIds[0]'))).toBe(true);
      expect(isUnresolved(get(inv.get('worker/WorkerRole')!.properties, 'Policies[0].PolicyDocument.Statement[0].Resource[0]'))).toBe(true);
    });
  });

  it('a SAM API whose stage name is imported gets the stage resource SAM names after it', () => {
    const api = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: !ImportValue platform-StageName, TracingEnabled: true }
`;
    run({ 'platform.yaml': platform, 'api.yaml': api }, (inv) => {
      expect(inv.get('api/ApiliveStage')?.properties.StageName).toBe('live');
      expect(inv.get('api/ApiStage')).toBeUndefined();
      expect(inv.get('api/Api')?.type).toBe('aws.apigateway.rest-api');
    });
    run({ 'api.yaml': api }, (inv) => {
      expect(inv.get('api/ApiStage')).toBeDefined();
      expect(isUnresolved(inv.get('api/ApiStage')!.properties.StageName)).toBe(true);
    });
  });
});

describe('imports in Fn::ForEach expansions', () => {
  const hosts = (collection: string) => `
Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Hosts:
    - Tier
    - ${collection}
    - \${Tier}Host:
        Type: AWS::EC2::Instance
        Properties:
          ImageId: ami-0abc1234
          SubnetId: { 'Fn::ImportValue': { 'Fn::Sub': 'platform-\${Tier}-Subnet' } }
`;

  it('a loop body importing per item through Fn::Sub reads each item\'s export: the host in the public subnet fails, the other passes', () => {
    run({ 'platform.yaml': platform, 'fleet.yaml': hosts('[front, back]') }, (inv) => {
      expect(inv.related(inv.get('fleet/frontHost')!, 'subnet').map((r) => r.id)).toEqual(['platform/FrontSubnet']);
      expect(inv.related(inv.get('fleet/backHost')!, 'subnet').map((r) => r.id)).toEqual(['platform/BackSubnet']);
      const v = statuses(inv, 'bastion-only/aws-ec2-instance-public-ip');
      expect(v['fleet/frontHost']).toBe('fail');
      expect(v['fleet/backHost']).toBe('pass');
    });
    run({ 'fleet.yaml': hosts('[front, back]') }, (inv) => {
      expect(isUnresolved(inv.get('fleet/frontHost')!.properties.SubnetId)).toBe(true);
      expect(inv.related(inv.get('fleet/frontHost')!, 'subnet')).toEqual([]);
    });
  });

  it('a loop over an imported list expands once the list is known; the gap of the first read is gone', () => {
    const files = { 'platform.yaml': platform, 'fleet.yaml': hosts("!Split [',', !ImportValue platform-Tiers]") };
    run(files, (inv) => {
      expect(statuses(inv, 'bastion-only/aws-ec2-instance-public-ip')).toEqual({ 'fleet/frontHost': 'fail', 'fleet/backHost': 'pass' });
      const gaps = (inv.coverage.notCollected ?? []).filter((n) => n.gap);
      expect(gaps).not.toContainEqual(expect.objectContaining({ what: expect.stringMatching(/Fn::ForEach::Hosts/) }));
      expect(inv.coverage.notCollected).toContainEqual(expect.objectContaining({ why: expect.stringMatching(/expands to other resources .* 2 resource\(s\) added, 0 no longer made/) }));
      // The run's resources are unique and the stack record is still there, after the stack's new resources.
      const ids = [...inv.all()].map((r) => r.id);
      expect(ids.filter((id) => id.startsWith('fleet/'))).toEqual(['fleet/frontHost', 'fleet/backHost', 'fleet/(stack)']);
    });
    run({ 'fleet.yaml': files['fleet.yaml'] }, (inv) => {
      expect(inv.get('fleet/frontHost')).toBeUndefined();
      expect(inv.coverage.notCollected).toContainEqual(expect.objectContaining({ what: expect.stringMatching(/Fn::ForEach::Hosts/), gap: true }));
    });
  });

  it('a loop over an import no stack of the run exports stays a gap', () => {
    run({ 'platform.yaml': platform, 'fleet.yaml': hosts("!Split [',', !ImportValue elsewhere-Tiers]") }, (inv) => {
      expect(inv.get('fleet/frontHost')).toBeUndefined();
      expect(inv.coverage.notCollected).toContainEqual(expect.objectContaining({ what: expect.stringMatching(/Fn::ForEach::Hosts/), gap: true }));
    });
  });
});

/**
 * A rule message naming a resource that lives in another stack than the judged one says which stack
 * ("subnet PublicSubnet (stack network)"); a resource of the judged resource's own stack is named as
 * before, by its logical id alone.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../../src/evaluate/registry.js';
import { loadIac } from '../../src/sources/iac/load.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../../src/evaluate/claims-profile.js';
import { nameBeside } from '../../src/evaluate/facts.js';
import { ResourceRef } from '../../src/model/values.js';
import { ImportedRef } from '../../src/sources/iac/exports.js';
import type { Inventory } from '../../src/model/inventory.js';
import type { Resource } from '../../src/model/resource.js';

const rules = await loadRules();

function run<T>(files: Record<string, string>, use: (inv: Inventory) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-imports-messages-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return use(loadIac(Object.keys(files).map((f) => join(dir, f)), { region: 'eu-west-1' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function finding(inv: Inventory, ruleId: string, id: string, params = DEFAULT_PARAMETERS) {
  const rule = rules.find((r) => r.id === ruleId)!;
  return evaluate(inv, [rule], { controls: [rule.control], ctx: { params, inventory: inv } }).find((f) => f.resource.id === id)!;
}

const network = `
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  PublicSubnet: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, MapPublicIpOnLaunch: true } }
  WebSg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: web, VpcId: !Ref Vpc } }
  OpsSg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: ops, VpcId: !Ref Vpc } }
Outputs:
  Subnet: { Value: !Ref PublicSubnet, Export: { Name: network-PublicSubnet } }
  Web: { Value: !GetAtt WebSg.GroupId, Export: { Name: network-WebSg } }
  Ops: { Value: !GetAtt OpsSg.GroupId, Export: { Name: network-OpsSg } }
`;

describe('messages about resources of another stack', () => {
  it('an instance in an imported public subnet: the subnet is named with its stack; a subnet of its own stack is not', () => {
    const app = `
Resources:
  LocalSubnet: { Type: AWS::EC2::Subnet, Properties: { VpcId: vpc-1, CidrBlock: 10.1.0.0/24, MapPublicIpOnLaunch: true } }
  Host: { Type: AWS::EC2::Instance, Properties: { ImageId: ami-12345678, SubnetId: !ImportValue network-PublicSubnet } }
  LocalHost: { Type: AWS::EC2::Instance, Properties: { ImageId: ami-12345678, SubnetId: !Ref LocalSubnet } }
`;
    run({ 'network.yaml': network, 'app.yaml': app }, (inv) => {
      const f = finding(inv, 'bastion-only/aws-ec2-instance-public-ip', 'app/Host');
      expect(f.status).toBe('fail');
      expect(f.message).toMatch(/subnet PublicSubnet \(stack network\) has MapPublicIpOnLaunch true/);
      const local = finding(inv, 'bastion-only/aws-ec2-instance-public-ip', 'app/LocalHost');
      expect(local.message).toMatch(/subnet LocalSubnet has MapPublicIpOnLaunch true/);
      expect(local.message).not.toMatch(/\(stack /);
    });
  });

  it('an ingress admitting another stack\'s group names it with its stack; one admitting its own (imported) group is a self-reference', () => {
    const rulesTpl = `
Resources:
  FromOps: { Type: AWS::EC2::SecurityGroupIngress, Properties: { GroupId: !ImportValue network-WebSg, IpProtocol: tcp, FromPort: 22, ToPort: 22, SourceSecurityGroupId: !ImportValue network-OpsSg } }
  FromSelf: { Type: AWS::EC2::SecurityGroupIngress, Properties: { GroupId: !ImportValue network-WebSg, IpProtocol: tcp, FromPort: 22, ToPort: 22, SourceSecurityGroupId: !ImportValue network-WebSg } }
`;
    run({ 'network.yaml': network, 'rules.yaml': rulesTpl }, (inv) => {
      // With an admin network declared, a group other than the bastion's is not the admin path (with none declared, any group passes).
      const declared = { ...DEFAULT_PARAMETERS, adminCidrs: ['10.20.0.0/16'] };
      const ops = finding(inv, 'bastion-only/aws-security-group-ingress', 'rules/FromOps', declared);
      expect(ops.status).toBe('fail');
      expect(ops.message).toBe('ingress opens port 22 from OpsSg (stack network): security group OpsSg (stack network) is not the bastion\'s');
      expect(finding(inv, 'bastion-only/aws-security-group-ingress', 'rules/FromSelf', declared).status).toBe('pass');
    });
  });

  it('a bucket receiving another stack\'s trail logs names the trail with its stack', () => {
    const logs = `
Resources:
  LogsBucket: { Type: AWS::S3::Bucket }
Outputs:
  Bucket: { Value: !Ref LogsBucket, Export: { Name: shared-logging-Bucket } }
`;
    const audit = `
Resources:
  Trail: { Type: AWS::CloudTrail::Trail, Properties: { IsLogging: true, S3BucketName: !ImportValue shared-logging-Bucket } }
`;
    run({ 'shared-logging.yaml': logs, 'audit.yaml': audit }, (inv) => {
      const f = finding(inv, 'audit-logging/aws-s3-bucket-access-logging', 'shared-logging/LogsBucket');
      expect(f.status).toBe('fail');
      expect(f.message).toMatch(/^receives audit logs from CloudTrail trail Trail \(stack audit\) but/);
    });
  });
});

describe('naming a resource from another', () => {
  const at = (stack: string | undefined, logicalId: string, source: 'iac' | 'live' = 'iac'): Resource => ({
    type: 'aws.s3.bucket',
    provider: 'aws',
    source,
    id: `${stack}/${logicalId}`,
    name: logicalId,
    properties: {},
    location: { stack, logicalId },
    relations: {},
  });

  it('adds the stack only when it differs, and only for template resources', () => {
    expect(nameBeside(at('shared-logging', 'LogsBucket'), at('app', 'Trail'))).toBe('LogsBucket (stack shared-logging)');
    expect(nameBeside(at('app', 'LogsBucket'), at('app', 'Trail'))).toBe('LogsBucket');
    expect(nameBeside(at(undefined, 'logs-bucket', 'live'), at(undefined, 'trail', 'live'))).toBe('logs-bucket');
  });

  it('a reference through an import is labelled by its target and stack; a local one by its logical id', () => {
    expect(new ImportedRef('network', 'WebSg', 'GroupId').label).toBe('WebSg (stack network)');
    expect(new ResourceRef('WebSg').label).toBe('WebSg');
  });
});

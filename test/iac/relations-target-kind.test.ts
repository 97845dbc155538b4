/**
 * A relation that rules read as a subnet, a VPC or a security group reaches only a resource of that kind:
 * a reference to an SSM parameter's Value, a custom resource's attribute or a nested stack's output names
 * one made elsewhere (src/sources/iac/relations.ts, FORWARD_TARGET and madeElsewhere).
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIac } from '../../src/sources/iac/load.js';
import type { Inventory } from '../../src/model/inventory.js';

const TEMPLATE = `
Resources:
  Pointers:
    Type: AWS::SSM::Parameter
    Properties: { Name: /net/pointers, Type: String, Value: sg-0123456789abcdef0 }
  Finder:
    Type: Custom::NetworkFinder
    Properties: { ServiceToken: arn:aws:lambda:eu-west-1:111122223333:function:finder }
  RealVpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.20.0.0/16 }
  RealSubnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref RealVpc, CidrBlock: 10.20.1.0/24 }
  LooseSubnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !GetAtt Finder.VpcId, CidrBlock: 10.30.1.0/24 }
  RealGroup:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: real, VpcId: !Ref RealVpc }
  IngressOnPointer:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: { GroupId: !GetAtt Pointers.Value, IpProtocol: tcp, FromPort: 22, ToPort: 22, SourceSecurityGroupId: !GetAtt Finder.GroupId }
  IngressOnRealGroup:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: { GroupId: !Ref RealGroup, IpProtocol: tcp, FromPort: 22, ToPort: 22, SourceSecurityGroupId: !Ref RealGroup }
  Host:
    Type: AWS::EC2::Instance
    Properties: { ImageId: ami-0123456789abcdef0, SubnetId: !GetAtt Pointers.Value, SecurityGroupIds: [!GetAtt Pointers.Value, !Ref RealGroup] }
`;

function withInventory<T>(fn: (inv: Inventory) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-rel-kind-'));
  try {
    writeFileSync(join(dir, 't.yaml'), TEMPLATE);
    return fn(loadIac([join(dir, 't.yaml')], { region: 'eu-west-1' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ids = (inv: Inventory, id: string, rel: string) => {
  const r = [...inv.all()].find((x) => x.location.logicalId === id)!;
  return inv.related(r, rel).map((x) => x.location.logicalId);
};

describe('relations reach only resources of the kind they are read as', () => {
  it('an SSM parameter value or a custom resource attribute is no subnet, VPC or security group', () => {
    withInventory((inv) => {
      expect(ids(inv, 'Host', 'subnet')).toEqual([]);
      expect(ids(inv, 'Host', 'securityGroups')).toEqual(['RealGroup']);
      expect(ids(inv, 'LooseSubnet', 'vpc')).toEqual([]);
      expect(ids(inv, 'IngressOnPointer', 'securityGroup')).toEqual([]);
      expect(ids(inv, 'IngressOnPointer', 'sourceGroup')).toEqual([]);
    });
  });
  it('the real ones are still related', () => {
    withInventory((inv) => {
      expect(ids(inv, 'RealSubnet', 'vpc')).toEqual(['RealVpc']);
      expect(ids(inv, 'IngressOnRealGroup', 'securityGroup')).toEqual(['RealGroup']);
      expect(ids(inv, 'IngressOnRealGroup', 'sourceGroup')).toEqual(['RealGroup']);
    });
  });
});

describe('across stacks (Fn::ImportValue)', () => {
  it('an export of a custom resource attribute is no subnet in the importing stack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-rel-kind-x-'));
    try {
      writeFileSync(
        join(dir, 'network.yaml'),
        `Resources:
  Finder:
    Type: Custom::SubnetFinder
    Properties: { ServiceToken: arn:aws:lambda:eu-west-1:111122223333:function:finder }
  RealSubnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: vpc-0123456789abcdef0, CidrBlock: 10.0.1.0/24 }
Outputs:
  FoundSubnet:
    Value: !GetAtt Finder.SubnetId
    Export: { Name: found-subnet }
  RealSubnetId:
    Value: !Ref RealSubnet
    Export: { Name: real-subnet }
`,
      );
      writeFileSync(
        join(dir, 'app.yaml'),
        `Resources:
  OnFound:
    Type: AWS::EC2::Instance
    Properties: { ImageId: ami-0123456789abcdef0, SubnetId: !ImportValue found-subnet }
  OnReal:
    Type: AWS::EC2::Instance
    Properties: { ImageId: ami-0123456789abcdef0, SubnetId: !ImportValue real-subnet }
`,
      );
      const inv = loadIac([dir], { region: 'eu-west-1', account: '111122223333' });
      expect(ids(inv, 'OnFound', 'subnet')).toEqual([]);
      expect(ids(inv, 'OnReal', 'subnet')).toEqual(['RealSubnet']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
